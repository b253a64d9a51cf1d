"""The store's layout, derived from the contract, and the roles some tables and columns play.

Every contract table (except ``levering``, whose content goes into the load log) is one store table with the
same name and the contract's columns, typed; the client column is ``client`` (a pseudonym), and every row
carries the ``levering_id`` of the delivery that brought it. ``_leveringen`` is the load log and
``_meldingen`` keeps the warnings of each load.
"""

from __future__ import annotations

from typing import Literal

import duckdb

from jeugdmonitor.contract import Column, Table, load_contract
from jeugdmonitor.sources.base import quote_ident

# Tables and columns with a role in staging (lookups, derivations, replacement). The schema itself comes
# from the contract; these names only say which of its tables and columns play the role.
LEVERING = "levering"
PERSONS = "jeugdigen"
TRAJECTS = "jeugdhulp"
POSTCODES = "postcodes"
CLIENT = "client"
GEMEENTE = "gemeente"
WIJK = "wijk"
POSTCODE = "postcode"
TRAJECT_ID = "traject_id"
BEGIN = "begindatum"
END = "einddatum"
REASON = "reden_beeindiging"
PRODUCT = "product"
PEILDATUM = "peildatum"
BRON = "bron"

LEVERING_ID = "levering_id"
# true: the row came from a CSV/XLSX file; false: built from iJw messages. Only in the tables messages can fill
# (jeugdigen, jeugdhulp, kosten), from the first delivery with messages on (sources.ijw.vervolg)
UIT_BESTAND = "uit_bestand"
LOG_TABLE = "_leveringen"
MELDINGEN_LOG = "_meldingen"

SQL_TYPES = {
    "tekst": "VARCHAR",
    "code": "VARCHAR",
    "lijst": "VARCHAR[]",
    "datum": "DATE",
    "maand": "DATE",
    "bedrag": "DECIMAL(18,2)",
    "getal": "DOUBLE",
    "geheel": "BIGINT",
    "janee": "BOOLEAN",
    "gemeentecode": "VARCHAR",
    "wijkcode": "VARCHAR",
    "postcode": "VARCHAR",
    "periode": "VARCHAR",
}

LOG_COLUMNS = [
    ("levering_id", "INTEGER"),
    ("geladen_op", "TIMESTAMP"),
    ("map", "VARCHAR"),
    ("checksum", "VARCHAR"),
    ("peildatum", "DATE"),
    ("peildatum_bron", "VARCHAR"),
    ("bron", "VARCHAR"),
    ("gemeenten", "VARCHAR[]"),
    ("rijen", "JSON"),
    ("sleutel_controle", "VARCHAR"),  # fingerprint of the pseudonymisation key (store.pseudonym.key_check)
    ("kolommen", "JSON"),  # per table the columns the delivery held (what indicators can rely on)
]
MELDINGEN_COLUMNS = [
    ("levering_id", "INTEGER"),
    ("niveau", "VARCHAR"),
    ("regel", "VARCHAR"),
    ("bestand", "VARCHAR"),
    ("rij", "BIGINT"),
    ("kolom", "VARCHAR"),
    ("tekst", "VARCHAR"),
]


def sql_type(column: Column) -> str:
    return SQL_TYPES[column.type]


def stored_tables() -> tuple[Table, ...]:
    return tuple(t for t in load_contract().tables if t.name != LEVERING)


def gemeente_from_traject(table: Table) -> bool:
    """A table without its own gemeente whose rows belong to a trajectory (plaatsingen) gets the trajectory's."""
    return not table.has_gemeente and TRAJECT_ID in table.column_names and table.name != TRAJECTS


def store_columns(table: Table) -> list[tuple[str, str]]:
    """Name and SQL type of every column of the store table."""
    columns = [(CLIENT, "VARCHAR")] if table.client else []
    columns += [(c.name, sql_type(c)) for c in table.columns]
    if gemeente_from_traject(table):
        columns.append((GEMEENTE, "VARCHAR"))
    columns.append((LEVERING_ID, "INTEGER"))
    return columns


def replacement(table: Table) -> Literal["gemeente", "geheel"]:
    """How a later delivery replaces this table: per municipality, or as a whole when rows have none."""
    return "gemeente" if table.has_gemeente or gemeente_from_traject(table) else "geheel"


def _ensure_table(con: duckdb.DuckDBPyConnection, name: str, columns: list[tuple[str, str]]) -> None:
    con.execute(f"CREATE TABLE IF NOT EXISTS {name} ({', '.join(f'{quote_ident(c)} {t}' for c, t in columns)})")
    present = {r[0] for r in con.execute(f"SELECT name FROM pragma_table_info('{name}')").fetchall()}
    for column, typ in columns:
        if column not in present:
            con.execute(f"ALTER TABLE {name} ADD COLUMN {quote_ident(column)} {typ}")


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create missing store tables; add columns the contract has gained since the store was made."""
    for table in stored_tables():
        _ensure_table(con, table.name, store_columns(table))
    _ensure_table(con, LOG_TABLE, LOG_COLUMNS)
    _ensure_table(con, MELDINGEN_LOG, MELDINGEN_COLUMNS)
