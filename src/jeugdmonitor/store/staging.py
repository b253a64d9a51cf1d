"""What reading a delivery produces before anything is written to a store: the seam between the loader
and the data-quality report.

Reading a delivery (``jeugdmonitor.store.loader.stage_delivery``) puts every file into a TEMP table of
the given DuckDB connection, typed per the contract, with the client column already pseudonymised and a
column ``_rij`` holding the row number in the file (header = row 1). Problems go to the TEMP table
``stg_meldingen`` (niveau, regel, bestand, rij, kolom, tekst), so that even millions of warnings stay
in the database rather than in Python lists.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Literal

import duckdb

from jeugdmonitor.errors import Melding

if TYPE_CHECKING:
    from jeugdmonitor.sources.ijw.levering import BerichtenLevering

MELDINGEN_TABLE = "stg_meldingen"


@dataclass(frozen=True)
class StagedTable:
    table: str  # contract table name, e.g. "jeugdhulp"
    bestand: str  # file name as delivered, e.g. "jeugdhulp.csv"
    relation: str  # TEMP table with the typed rows and column _rij
    rows: int
    columns: tuple[str, ...]  # contract columns present in the file; the client column is named "client"
    client_kind: Literal["bsn", "client_id"] | None = None
    derived: tuple[str, ...] = ()  # columns the relation holds although the file lacks them (e.g. gemeente)


@dataclass
class Staging:
    con: duckdb.DuckDBPyConnection
    tables: dict[str, StagedTable] = field(default_factory=dict)
    peildatum: date | None = None
    peildatum_bron: str = ""  # "levering.csv" or "laatste datum in de levering"
    bron: str | None = None  # levering.csv's free text about the source
    gemeenten: tuple[str, ...] = ()  # the municipalities the delivery covers
    berichten: BerichtenLevering | None = None  # the delivery's iJw messages (facts written with the tables)
    # a table delivered both as a file and from iJw messages: its two staged parts (the table holds the union)
    delen: dict[str, tuple[StagedTable, ...]] = field(default_factory=dict)

    def count(self, niveau: str | None = None) -> int:
        where = "WHERE niveau = ?" if niveau else ""
        params = [niveau] if niveau else []
        return self.con.execute(f"SELECT count(*) FROM {MELDINGEN_TABLE} {where}", params).fetchall()[0][0]

    @property
    def rejected(self) -> bool:
        return self.count("fout") > 0

    def meldingen(self, limit: int | None = None, niveau: str | None = None) -> list[Melding]:
        """Problems in file order: errors first, then warnings."""
        where = "WHERE niveau = ?" if niveau else ""
        params: list[object] = [niveau] if niveau else []
        lim = f"LIMIT {int(limit)}" if limit is not None else ""
        rows = self.con.execute(
            f"SELECT niveau, regel, bestand, rij, kolom, tekst FROM {MELDINGEN_TABLE} {where} "
            f"ORDER BY niveau = 'waarschuwing', bestand, rij NULLS FIRST, kolom {lim}",
            params,
        ).fetchall()
        return [Melding(*r) for r in rows]
