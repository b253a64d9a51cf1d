"""Counting in the database: per staged table one query measures every column at once.

For each measure (a column, optionally restricted to a subset of rows such as ``kader = 'preventief'``)
the query counts the rows where a value is expected, how many of those are filled, and how many filled
values have no melding on that file, row and column in ``stg_meldingen``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import duckdb

from jeugdmonitor.contract.basisgegevens import Bron
from jeugdmonitor.outputs.kwaliteit.regels import ALLE_RIJEN, Toepassing
from jeugdmonitor.store.staging import MELDINGEN_TABLE, StagedTable

CLIENT = "client"
CLIENT_MELDING_KOLOMMEN = ("bsn", "client_id", "client")  # how a melding may name the client column


@dataclass(frozen=True)
class Maat:
    """One measure: column ``kolom`` of a staged table, on the rows matching ``waar`` (None: all rows)."""

    label: str
    kolom: str
    toepassing: Toepassing = ALLE_RIJEN
    waar: str | None = None


@dataclass(frozen=True)
class Telling:
    deelrijen: int  # rows matching the measure's `waar`
    rijen: int  # of those, rows where a value is expected
    gevuld: int  # of those, filled
    gevuld_totaal: int  # filled among deelrijen
    geldig: int  # filled among deelrijen without a melding on this column
    nvt: bool = False  # completeness not applicable (an empty cell is a valid answer)

    @property
    def volledigheid(self) -> float | None:
        if self.nvt or self.rijen == 0:
            return None
        return self.gevuld / self.rijen

    @property
    def geldigheid(self) -> float | None:
        return self.geldig / self.gevuld_totaal if self.gevuld_totaal else None


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def bron_sql(bron: Bron) -> str | None:
    """The SQL condition of a basisgegeven's source: ``kader = JB, JR`` → ``"kader" IN ('JB', 'JR')``."""
    if not bron.waar_kolom:
        return None
    values = ", ".join(literal(v) for v in bron.waar_waarden)
    return f"{quote(bron.waar_kolom)} IN ({values})"


def _melding_names(kolom: str) -> str:
    names = CLIENT_MELDING_KOLOMMEN if kolom == CLIENT else (kolom,)
    return "[" + ", ".join(literal(n) for n in names) + "]"


def _select_items(maat: Maat, index: int) -> list[str]:
    col = quote(maat.kolom)
    subset = maat.waar or "true"
    expected = f"{subset} AND ({maat.toepassing.sql})" if maat.toepassing.sql else subset
    no_melding = f"NOT coalesce(list_has_any(m.kolommen, {_melding_names(maat.kolom)}), false)"
    return [
        f"count(*) FILTER (WHERE {subset}) AS d{index}",
        f"count(*) FILTER (WHERE {expected}) AS r{index}",
        f"count({col}) FILTER (WHERE {expected}) AS g{index}",
        f"count({col}) FILTER (WHERE {subset}) AS t{index}",
        f"count({col}) FILTER (WHERE {subset} AND {no_melding}) AS v{index}",
    ]


def measure_table(con: duckdb.DuckDBPyConnection, staged: StagedTable, maten: Iterable[Maat]) -> dict[str, Telling]:
    """All measures of one staged table in one query; keyed by the measures' labels."""
    maten = list(maten)
    if not maten:
        return {}
    items = [item for i, maat in enumerate(maten) for item in _select_items(maat, i)]
    sql = f"""
        WITH m AS (
            -- the columns with a melding, per row of this file
            SELECT rij, list(DISTINCT lower(kolom)) AS kolommen
            FROM {MELDINGEN_TABLE}
            WHERE bestand = ? AND rij IS NOT NULL AND kolom IS NOT NULL
            GROUP BY rij
        )
        SELECT {", ".join(items)}
        FROM {staged.relation} AS t LEFT JOIN m ON m.rij = t._rij
    """
    row = con.execute(sql, [staged.bestand]).fetchone()
    result = {}
    for i, maat in enumerate(maten):
        d, r, g, t, v = row[5 * i : 5 * i + 5]
        result[maat.label] = Telling(d, r, g, t, v, nvt=maat.toepassing.nvt)
    return result


@dataclass(frozen=True)
class MeldingAantallen:
    """Meldingen counted per file and per file and column, in one query."""

    per_bestand: dict[str, tuple[int, int]]  # bestand -> (fouten, waarschuwingen)
    per_kolom: dict[tuple[str, str], int]  # (bestand, kolom) -> meldingen

    def kolommen(self, bestand: str) -> set[str]:
        return {k for (b, k) in self.per_kolom if b == bestand}


def count_meldingen(con: duckdb.DuckDBPyConnection) -> MeldingAantallen:
    rows = con.execute(f"""
        SELECT bestand, lower(kolom) AS kolom,
               count(*) FILTER (WHERE niveau = 'fout') AS fouten,
               count(*) FILTER (WHERE niveau = 'waarschuwing') AS waarschuwingen
        FROM {MELDINGEN_TABLE}
        GROUP BY ALL
    """).fetchall()
    per_bestand: dict[str, tuple[int, int]] = {}
    per_kolom: dict[tuple[str, str], int] = {}
    for bestand, kolom, fouten, waarschuwingen in rows:
        f, w = per_bestand.get(bestand, (0, 0))
        per_bestand[bestand] = (f + fouten, w + waarschuwingen)
        if kolom is not None:
            per_kolom[(bestand, kolom)] = fouten + waarschuwingen
    return MeldingAantallen(per_bestand, per_kolom)
