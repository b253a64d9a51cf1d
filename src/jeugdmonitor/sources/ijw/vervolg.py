"""A later delivery of messages alone: the rows an earlier delivery brought in a file stay.

Deliveries are full extracts (:mod:`jeugdmonitor.store.write`): a later delivery replaces a table's rows per
municipality. Messages cannot carry everything (pgb trajectories and costs, subsidies, young persons with only
JB/JR: :mod:`.samen`), so a municipality that delivered messages and a file for ``jeugdigen``, ``jeugdhulp`` or
``kosten`` and next month only messages would lose the file's rows. Hence, for such a table:

- delivered **from messages alone**, it replaces the earlier rows of its municipalities that came from messages,
  and keeps the earlier rows that came from a file (CSV/XLSX), except those that describe the same thing as a
  new message row (the rule of :mod:`.samen`: the messages win), exactly as if the earlier file had been
  delivered together with the new messages; a warning per table and earlier delivery counts the rows kept,
  another the rows the messages now replace;
- delivered **with a file** (alone or beside messages), it replaces as before: the file is a full extract.

The store keeps each row's origin in the column ``uit_bestand`` of these three tables (true: from a file). The
column is added with the first delivery that has messages; rows already in the store then all came from files,
unless the store holds messages loaded before the column existed: their origin is unknown (NULL), and such rows
are replaced as any delivery replaces.
"""

from __future__ import annotations

import duckdb

from jeugdmonitor.errors import Melding
from jeugdmonitor.formatting import fmt_getal
from jeugdmonitor.sources.base import has_column, has_table
from jeugdmonitor.sources.ijw.levering import BESTAND, STORE_PREFIX
from jeugdmonitor.sources.ijw.naar_tabellen import TABLES
from jeugdmonitor.sources.ijw.samen import same_sql
from jeugdmonitor.store.schema import CLIENT, GEMEENTE, PERSONS, UIT_BESTAND
from jeugdmonitor.store.staging import MELDINGEN_TABLE


def origin_tables(con: duckdb.DuckDBPyConnection, database: str, with_messages: bool) -> set[str]:
    """The tables of the store ``database`` (the one ``con`` is USE-ing) that keep ``uit_bestand``; with
    ``with_messages`` (this delivery has messages) the column is added where it is missing (see the module
    docstring)."""
    found = {t for t in TABLES if has_column(con, database, t, UIT_BESTAND)}
    missing = [t for t in TABLES if t not in found]
    if not with_messages or not missing:
        return found
    # no messages loaded yet: every row so far came from a file
    all_files = not has_table(con, database, f"{STORE_PREFIX}berichten")
    for table in missing:
        con.execute(f"ALTER TABLE {table} ADD COLUMN {UIT_BESTAND} BOOLEAN")
        if all_files:
            con.execute(f"UPDATE {table} SET {UIT_BESTAND} = true")
    return found | set(missing)


def _rijen(n: int) -> str:
    return f"{fmt_getal(n)} {'rij' if n == 1 else 'rijen'}"


def _warn(con: duckdb.DuckDBPyConnection, table: str, regel: str, tekst: str) -> None:
    melding = Melding("waarschuwing", regel, BESTAND.format(table=table), None, None, tekst)
    con.execute(
        f"INSERT INTO temp.main.{MELDINGEN_TABLE} VALUES (?, ?, ?, ?, ?, ?)",
        [melding.niveau, melding.regel, melding.bestand, melding.rij, melding.kolom, melding.tekst],
    )


def replace_message_rows(con: duckdb.DuckDBPyConnection, table: str, stg: str) -> None:
    """Delete what the message rows in ``stg`` (a relation) replace in the store table ``table``, keeping the
    earlier file rows they do not describe, and warn with the counts. The caller inserts the new rows."""
    held = {r[0] for r in con.execute(f"SELECT name FROM pragma_table_info('{table}')").fetchall()}
    same = f"coalesce({same_sql(table, stg, held)}, false)"
    here = f"c.{GEMEENTE} IN (SELECT DISTINCT {GEMEENTE} FROM {stg})"
    file_row = f"coalesce(c.{UIT_BESTAND}, false)"
    counts = con.execute(
        f"SELECT levering_id, count(*) FILTER (WHERE NOT {same}), count(*) FILTER (WHERE {same}) "
        f"FROM {table} c WHERE {here} AND {file_row} GROUP BY ALL ORDER BY 1"
    ).fetchall()
    cond = f"({here} AND NOT ({file_row} AND NOT {same}))"
    if table == PERSONS:  # a young person is in the store once: the new messages' row replaces theirs anywhere
        cond += f" OR c.{CLIENT} IN (SELECT {CLIENT} FROM {stg})"
    con.execute(f"DELETE FROM {table} c WHERE {cond}")
    for levering_id, kept, dropped in counts:
        if kept:
            tekst = (
                f"{table}: {_rijen(kept)} uit het bestand van levering {levering_id} (pgb e.d.) behouden; "
                f"de berichten leveren deze niet"
            )
            _warn(con, table, "bestandsrijen_behouden", tekst)
        if dropped:
            tekst = (
                f"{table}: {_rijen(dropped)} uit het bestand van levering {levering_id} vervangen door de "
                f"berichten, die hetzelfde beschrijven en voorgaan"
            )
            _warn(con, table, "bestandsrijen_vervangen", tekst)
