"""What every reader produces, and the pieces readers share.

A reader turns one delivered file into a TEMP table of text (the *raw* table) in a DuckDB connection:

- ``_rij``: the row in the file (the header is row 1);
- one VARCHAR column per header cell, named by :func:`normalise_name`, trimmed, empty -> NULL;
- except the client columns: a raw ``bsn`` or ``client_id`` never enters DuckDB. In their place come
  ``_pseudo_bsn`` / ``_pseudo_client_id`` (the keyed pseudonym) and, for ``bsn``, ``_bsn_geldig``
  (the elfproef; NULL for an empty cell).

Typing, checks and derivations happen afterwards in ``jeugdmonitor.store``, the same for every format.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from jeugdmonitor.store.pseudonym import Key, elfproef_sql, pseudonym_sql

if TYPE_CHECKING:  # only in annotations: the iJw worker processes import this package without DuckDB
    import duckdb

PSEUDONYM_COLUMN = {"bsn": "_pseudo_bsn", "client_id": "_pseudo_client_id"}
PSEUDONYM_KIND = {"bsn": "bsn", "client_id": "id"}
BSN_VALID_COLUMN = "_bsn_geldig"
ROW_COLUMN = "_rij"
WHITESPACE = " \t\r\n\u00a0"  # stripped in Python; in SQL trim() strips spaces (trim with a set is slow)


class FileProblem(Exception):
    """A file that cannot be staged as a whole. ``tekst`` is Dutch and never quotes file content."""

    def __init__(self, regel: str, tekst: str, rij: int | None = None, kolom: str | None = None) -> None:
        super().__init__(tekst)
        self.regel = regel
        self.tekst = tekst
        self.rij = rij
        self.kolom = kolom


@dataclass(frozen=True)
class RawFile:
    """One file read into the raw TEMP table ``relation``."""

    path: Path
    relation: str
    columns: tuple[str, ...]  # normalised header names in file order (client columns by their header name)
    decimal_comma: bool  # a decimal comma is accepted in amounts and numbers (';'-separated CSV)
    rows: int
    drop_sql: str  # removes what the reader created

    def drop(self, con: duckdb.DuckDBPyConnection) -> None:
        con.execute(self.drop_sql)


class Reader(Protocol):
    """A file format. ``handles`` decides by the path alone; ``read`` creates the raw table."""

    name: str
    suffixes: tuple[str, ...]

    def handles(self, path: Path) -> bool: ...

    def read(self, path: Path, con: duckdb.DuckDBPyConnection, key: Key, relation: str) -> RawFile: ...


def normalise_name(name: str | None) -> str:
    """Header cell -> column name: stripped and lower-case (a BOM is dropped too)."""
    return (name or "").replace("\ufeff", "").strip(WHITESPACE).lower()


def check_header(names: list[str]) -> tuple[str, ...]:
    """Normalised names; an unnamed column gets a placeholder, a repeated name is a problem for the file."""
    result: list[str] = []
    for i, raw in enumerate(names):
        name = normalise_name(raw) or f"kolom {i + 1} (zonder naam)"
        if name in result:
            raise FileProblem("dubbele_kolom", f"kolom {name} komt twee keer voor in de kopregel", rij=1, kolom=name)
        result.append(name)
    return tuple(result)


def quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def quote_literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def text_sql(expr: str) -> str:
    """A delivered cell as text: spaces trimmed; empty or blank is unknown (NULL)."""
    return f"nullif(trim({expr}), '')"


def projection_sql(columns: tuple[str, ...], source_names: list[str], key: Key) -> str:
    """SELECT items turning already-trimmed source columns into the raw layout, pseudonymising clients.

    ``source_names[i]`` is the SQL name of column ``columns[i]`` in the inner query. This runs in the same
    statement that reads the file, so the raw BSN is never stored. The row number is left to the reader.
    """
    items = []
    for name, src in zip(columns, source_names, strict=True):
        if name in PSEUDONYM_COLUMN:
            items.append(f"{pseudonym_sql(key, PSEUDONYM_KIND[name], src)} AS {PSEUDONYM_COLUMN[name]}")
            if name == "bsn":
                items.append(f"CASE WHEN {src} IS NULL THEN NULL ELSE {elfproef_sql(src)} END AS {BSN_VALID_COLUMN}")
        else:
            items.append(f"{src} AS {quote_ident(name)}")
    return ", ".join(items)


def one_row(con: duckdb.DuckDBPyConnection, query: str, params: list[object] | None = None) -> tuple:
    """The single row of a query, fetched to the end (a half-fetched result blocks ``register`` in DuckDB)."""
    return con.execute(query, params or []).fetchall()[0]


def has_table(con: duckdb.DuckDBPyConnection, database: str, table: str) -> bool:
    """Whether the attached database ``database`` holds table ``table``."""
    query = "SELECT count(*) FROM duckdb_tables() WHERE database_name = ? AND table_name = ?"
    return one_row(con, query, [database, table])[0] > 0


def has_column(con: duckdb.DuckDBPyConnection, database: str, table: str, column: str) -> bool:
    """Whether table ``table`` of the attached database ``database`` has column ``column``."""
    query = (
        "SELECT count(*) FROM duckdb_columns() WHERE database_name = ? AND schema_name = 'main' "
        "AND table_name = ? AND column_name = ?"
    )
    return one_row(con, query, [database, table, column])[0] > 0


def count_rows(con: duckdb.DuckDBPyConnection, relation: str) -> int:
    return one_row(con, f"SELECT count(*) FROM {relation}")[0]
