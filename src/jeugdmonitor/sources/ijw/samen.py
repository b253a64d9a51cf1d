"""iJw messages and CSV/XLSX tables for the same table in one delivery: the union, the messages winning.

Not everything travels as messages (pgb trajectories, subsidies, young persons with only JB/JR), so a delivery
may hold ``jeugdigen``, ``jeugdhulp`` or ``kosten`` both as a file and from its messages. Both parts are staged
and checked on their own (so every problem names its own file and row); then the table's rows are the message
rows plus the file rows that do not describe the same thing:

``jeugdigen`` the same young person (pseudonym of the BSN);
``jeugdhulp`` the same trajectory (``traject_id``);
``kosten``    the same cost row: a declaration in kind (``soort`` and ``financiering`` empty, ``declaratie``
              resp. ``ZIN``) for the same ``traject_id`` and ``maand``; without ``traject_id``, for the same
              municipality, young person, provider, product and month.

Where both describe the same, the messages win: the file's row is left out, with one warning per table counting
the rows concerned. A file next to messages must name young persons by ``bsn``, as the messages do (a
``client_id`` pseudonym could never meet a BSN pseudonym).

The same rule decides what a later delivery of messages alone keeps of an earlier file (:mod:`.vervolg`); for
that the merged table marks each row's origin (``uit_bestand``), which the store keeps.
"""

from __future__ import annotations

import dataclasses

import duckdb

from jeugdmonitor.errors import Melding
from jeugdmonitor.sources.base import count_rows, quote_ident
from jeugdmonitor.store import meldingen
from jeugdmonitor.store.schema import CLIENT, GEMEENTE, UIT_BESTAND
from jeugdmonitor.store.staging import StagedTable

TRAJECT, MAAND = "traject_id", "maand"
ALLEEN_ZIN = {"soort": "declaratie", "financiering": "ZIN"}  # only such file rows can equal a message declaration
KOSTEN_ZONDER_TRAJECT = (GEMEENTE, CLIENT, "aanbieder", "product", MAAND)


def apart_zetten(con: duckdb.DuckDBPyConnection, staged: StagedTable, deel: str) -> StagedTable:
    """Rename a part's typed table, so the next part (``stg_<table>`` again) does not overwrite it."""
    relation = f"{staged.relation}_{deel}"
    con.execute(f"DROP TABLE IF EXISTS {relation}")
    con.execute(f"ALTER TABLE {staged.relation} RENAME TO {relation}")
    return dataclasses.replace(staged, relation=relation)


def _held(staged: StagedTable) -> set[str]:
    return {*staged.columns, *staged.derived}


def same_sql(table: str, berichten: str, held: set[str]) -> str:
    """SQL condition on a file row ``c``: it describes the same as a row of the message rows ``berichten`` (a
    relation; see the module docstring). ``held``: the columns the file rows have."""
    if table == "jeugdigen":
        return f"c.{CLIENT} IN (SELECT {CLIENT} FROM {berichten} WHERE {CLIENT} IS NOT NULL)"
    if table == "jeugdhulp":
        return f"c.{TRAJECT} IN (SELECT {TRAJECT} FROM {berichten} WHERE {TRAJECT} IS NOT NULL)"
    guard = [f"coalesce(c.{quote_ident(k)}, '{v}') = '{v}'" for k, v in ALLEEN_ZIN.items() if k in held]
    ways = []
    if TRAJECT in held:
        ways.append(
            f"(c.{TRAJECT}, c.{MAAND}) IN (SELECT ({TRAJECT}, {MAAND}) FROM {berichten} WHERE {TRAJECT} IS NOT NULL)"
        )
    if all(k in held for k in KOSTEN_ZONDER_TRAJECT):
        gelijk = " AND ".join(f"m.{quote_ident(k)} = c.{quote_ident(k)}" for k in KOSTEN_ZONDER_TRAJECT)
        zonder = f"c.{TRAJECT} IS NULL AND " if TRAJECT in held else ""
        ways.append(f"({zonder}EXISTS (SELECT 1 FROM {berichten} m WHERE {gelijk}))")
    if not ways:
        return "false"
    return " AND ".join([*guard, f"({' OR '.join(ways)})"])


WAT = {"jeugdigen": "een jeugdige", "jeugdhulp": "een traject", "kosten": "een kostenregel"}


def samenvoegen(
    con: duckdb.DuckDBPyConnection, table: str, berichten: StagedTable, bestand: StagedTable
) -> StagedTable | None:
    """The typed table ``stg_<table>``: the message rows plus the file rows the messages do not describe.

    Returns None (and an error in ``stg_meldingen``) when the file names young persons otherwise than by BSN.
    """
    if bestand.client_kind is not None and bestand.client_kind != berichten.client_kind:
        tekst = f"naast iJw-berichten moet {bestand.bestand} de jeugdigen met bsn aanduiden, zoals de berichten doen"
        meldingen.add(con, Melding("fout", "bsn_nodig_naast_berichten", bestand.bestand, 1, bestand.client_kind, tekst))
        return None
    relation = f"stg_{table}"
    same = same_sql(table, berichten.relation, _held(bestand))
    # UIT_BESTAND marks each row's origin, which the store keeps (store.write: a later delivery of messages
    # alone keeps the file's rows)
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {relation} AS SELECT *, false AS {UIT_BESTAND} FROM {berichten.relation} "
        f"UNION ALL BY NAME SELECT *, true AS {UIT_BESTAND} FROM {bestand.relation} c "
        f"WHERE NOT coalesce({same}, false)"
    )
    rows = count_rows(con, relation)
    vervangen = berichten.rows + bestand.rows - rows
    if vervangen:
        tekst = (
            f"{vervangen} rij(en) van {bestand.bestand} beschrijven {WAT[table]} dat ook in de iJw-berichten staat; "
            f"daarvoor gaan de berichten voor en worden deze rijen niet geladen"
        )
        meldingen.add(con, Melding("waarschuwing", "berichten_gaan_voor", bestand.bestand, None, None, tekst))
    columns = tuple(dict.fromkeys([*berichten.columns, *bestand.columns]))
    derived = tuple(c for c in dict.fromkeys([*berichten.derived, *bestand.derived]) if c not in columns)
    naam = f"{bestand.bestand} en {berichten.bestand}"
    return StagedTable(table, naam, relation, rows, columns, berichten.client_kind, derived)
