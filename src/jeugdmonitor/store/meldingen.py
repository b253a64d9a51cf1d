"""Writing problems into ``stg_meldingen``: set-based INSERT … SELECT for rows, one INSERT for a file.

The texts are Dutch and never quote a BSN: client columns only ever hold pseudonyms, and a quoted cell
value has every run of eight or more digits masked (see :func:`shown`), in case a BSN sits in a wrong column.
"""

from __future__ import annotations

import duckdb

from jeugdmonitor.errors import Level, Melding
from jeugdmonitor.sources.base import quote_literal
from jeugdmonitor.store.staging import MELDINGEN_TABLE

SHOWN_LENGTH = 40


def create_table(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {MELDINGEN_TABLE} "
        "(niveau VARCHAR, regel VARCHAR, bestand VARCHAR, rij BIGINT, kolom VARCHAR, tekst VARCHAR)"
    )


def add(con: duckdb.DuckDBPyConnection, melding: Melding) -> None:
    """One problem about a file as a whole (a header, a missing table): not a per-row call."""
    con.execute(
        f"INSERT INTO {MELDINGEN_TABLE} VALUES (?, ?, ?, ?, ?, ?)",
        [melding.niveau, melding.regel, melding.bestand, melding.rij, melding.kolom, melding.tekst],
    )


def select_sql(niveau: Level, regel: str, bestand: str, kolom: str | None, tekst: str, rij: str = "_rij") -> str:
    """The SELECT list of one rule: constant level, rule, file and column; ``rij`` and ``tekst`` are SQL."""
    kolom_sql = quote_literal(kolom) if kolom is not None else "NULL::VARCHAR"
    return (
        f"SELECT {quote_literal(niveau)}, {quote_literal(regel)}, {quote_literal(bestand)}, "
        f"CAST({rij} AS BIGINT), {kolom_sql}, {tekst}"
    )


def insert(con: duckdb.DuckDBPyConnection, selects: list[str]) -> None:
    """Insert the rows of several rule queries (each ``select_sql(...) FROM … WHERE …``) at once."""
    if selects:
        con.execute(f"INSERT INTO {MELDINGEN_TABLE} " + " UNION ALL ".join(f"({s})" for s in selects))


def shown(expr: str) -> str:
    """A cell value quoted for a message: cut to 40 characters, long digit runs (a BSN?) masked."""
    return f"'''' || left(regexp_replace({expr}, '[0-9]{{8,}}', '…', 'g'), {SHOWN_LENGTH}) || ''''"


def text(tekst: str) -> str:
    """A constant message as SQL."""
    return quote_literal(tekst)
