"""Writing a staged, accepted delivery into the store, in one transaction.

Deliveries are full extracts up to their peildatum, so a later delivery replaces, per table and per
municipality, what an earlier one supplied: the table's rows for the municipalities in the new file are
deleted, then the new rows inserted. Tables whose rows have no municipality are replaced as a whole; a
table the new delivery lacks is kept. A young person appears once in ``jeugdigen``: a new delivery also
replaces the rows of its young people filed under another municipality (after a move).
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


def _replace(con: duckdb.DuckDBPyConnection, staged: StagedTable, levering_id: int) -> None:
    """Delete what the new rows replace, then insert them."""
    table = load_contract().table(staged.table)
    held = {*staged.columns, *staged.derived}
    stg = f"temp.main.{staged.relation}"
    if replacement(table) == "gemeente" and GEMEENTE in held:
        cond = f"{GEMEENTE} IN (SELECT DISTINCT {GEMEENTE} FROM {stg})"
        if table.name == PERSONS:
            cond += f" OR {CLIENT} IN (SELECT {CLIENT} FROM {stg})"
        con.execute(f"DELETE FROM {table.name} WHERE {cond}")
    else:
        con.execute(f"DELETE FROM {table.name}")
    cols = ", ".join(quote_ident(name) for name, _ in store_columns(table) if name in held)
    con.execute(f"INSERT INTO {table.name} ({cols}, {LEVERING_ID}) SELECT {cols}, {levering_id} FROM {stg}")


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
        for name, staged in staging.tables.items():
            if name != LEVERING:
                _replace(con, staged, levering_id)
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
