"""Writing a staged, accepted delivery into the store, in one transaction.

Deliveries are full extracts up to their peildatum, so a later delivery replaces, per table and per
municipality, what an earlier one supplied: the table's rows for the municipalities in the new file are
deleted, then the new rows inserted. Tables whose rows have no municipality are replaced as a whole; a
table the new delivery lacks is kept. A young person appears once in ``jeugdigen``: a new delivery also
replaces the rows of its young people filed under another municipality (after a move). A table delivered from
iJw messages alone keeps the earlier rows that came from a file (``sources.ijw.vervolg``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb

from jeugdmonitor.catalog.producten import refresh_classification, store_relations
from jeugdmonitor.contract import load_contract
from jeugdmonitor.sources.base import one_row, quote_ident
from jeugdmonitor.sources.ijw.vervolg import origin_tables, replace_message_rows
from jeugdmonitor.store.schema import (
    CLIENT,
    GEMEENTE,
    LEVERING,
    LEVERING_ID,
    LOG_COLUMNS,
    LOG_TABLE,
    MELDINGEN_COLUMNS,
    MELDINGEN_LOG,
    PERSONS,
    UIT_BESTAND,
    ensure_schema,
    replacement,
    store_columns,
    stored_tables,
)
from jeugdmonitor.store.staging import MELDINGEN_TABLE, StagedTable, Staging


@dataclass(frozen=True)
class LoadMeta:
    folder: Path
    checksum: str
    loaded_at: datetime
    key_check: str


def _origin(staging: Staging, name: str) -> str:
    """SQL for a row's ``uit_bestand``: from messages alone (false), a file alone (true), or both (per row)."""
    if name in staging.delen:
        return UIT_BESTAND  # sources.ijw.samen marked each row
    return "false" if staging.berichten is not None and name in staging.berichten.raw else "true"


def _replace(con: duckdb.DuckDBPyConnection, staged: StagedTable, levering_id: int, origin: str | None = None) -> None:
    """Delete what the new rows replace, then insert them. ``origin``: the SQL of ``uit_bestand`` when the
    table keeps it; messages alone then keep an earlier delivery's file rows (``sources.ijw.vervolg``)."""
    table = load_contract().table(staged.table)
    held = {*staged.columns, *staged.derived}
    stg = f"temp.main.{staged.relation}"
    if origin == "false" and GEMEENTE in held:
        replace_message_rows(con, table.name, stg)
    elif replacement(table) == "gemeente" and GEMEENTE in held:
        cond = f"{GEMEENTE} IN (SELECT DISTINCT {GEMEENTE} FROM {stg})"
        if table.name == PERSONS:
            cond += f" OR {CLIENT} IN (SELECT {CLIENT} FROM {stg})"
        con.execute(f"DELETE FROM {table.name} WHERE {cond}")
    else:
        con.execute(f"DELETE FROM {table.name}")
    cols = ", ".join(quote_ident(name) for name, _ in store_columns(table) if name in held)
    into, values = (f", {UIT_BESTAND}", f", {origin}") if origin is not None else ("", "")
    con.execute(
        f"INSERT INTO {table.name} ({cols}, {LEVERING_ID}{into}) SELECT {cols}, {levering_id}{values} FROM {stg}"
    )


def _classify_products(con: duckdb.DuckDBPyConnection) -> None:
    """Rebuild ``product_klasse`` over everything the store now holds (staging already warned)."""
    refresh_classification(con, **store_relations(con))


def delivered_rows(staging: Staging) -> dict[str, int]:
    """Rows per store table in the delivery, in contract order."""
    return {t.name: staging.tables[t.name].rows for t in stored_tables() if t.name in staging.tables}


def _log(con: duckdb.DuckDBPyConnection, staging: Staging, meta: LoadMeta, levering_id: int) -> None:
    con.execute(
        f"INSERT INTO {LOG_TABLE} ({', '.join(name for name, _ in LOG_COLUMNS)}) "
        f"VALUES ({', '.join('?' for _ in LOG_COLUMNS)})",
        [
            levering_id,
            meta.loaded_at,
            str(meta.folder),
            meta.checksum,
            staging.peildatum,
            staging.peildatum_bron,
            staging.bron,
            list(staging.gemeenten),
            json.dumps(delivered_rows(staging)),
            meta.key_check,
            json.dumps({name: sorted(st.columns) for name, st in staging.tables.items()}),
        ],
    )
    con.execute(
        f"INSERT INTO {MELDINGEN_LOG} ({', '.join(name for name, _ in MELDINGEN_COLUMNS)}) "
        f"SELECT {levering_id}, niveau, regel, bestand, rij, kolom, tekst "
        f"FROM temp.main.{MELDINGEN_TABLE}"
    )


def write_delivery(con: duckdb.DuckDBPyConnection, database: str, staging: Staging, meta: LoadMeta) -> int:
    """Write ``staging`` into the attached store ``database`` in one transaction; return the levering_id.

    Any failure rolls the whole transaction back: the store keeps exactly the rows it had.
    """
    con.execute(f"USE {database}")
    con.execute("BEGIN TRANSACTION")
    try:
        ensure_schema(con)
        levering_id = one_row(con, f"SELECT coalesce(max({LEVERING_ID}), 0) + 1 FROM {LOG_TABLE}")[0]
        keeps_origin = origin_tables(con, database, staging.berichten is not None)
        for name, staged in staging.tables.items():
            if name != LEVERING:
                _replace(con, staged, levering_id, _origin(staging, name) if name in keeps_origin else None)
        if staging.berichten is not None:  # the facts of iJw messages, so later messages can build on them
            staging.berichten.write(con, levering_id)
        _classify_products(con)
        _log(con, staging, meta, levering_id)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    finally:
        con.execute("USE memory")
    return levering_id
