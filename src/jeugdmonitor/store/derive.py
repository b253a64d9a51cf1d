"""From a raw file to its typed staged table, filling in what the delivery leaves to be derived.

- ``gemeente`` (not in ``jeugdigen``, where it is required): when empty, taken from the young person,
  else from the trajectory (``traject_id``, e.g. kosten and plaatsingen), else from the wijk code
  (``WK016405`` lies in ``GM0164``), else — when the delivery covers exactly one municipality — that one.
  What stays empty is an error, reported by the caller.
- ``jeugdigen.wijk``: when empty, from the postcode table (of the delivery, else of the store): the full
  postcode (PC6) first, then its four digits (PC4), within the young person's municipality.
- ``jeugdigen.postcode`` is stored as PC4 only. Data minimisation: the four digits are enough for every
  indicator (the wijk is derived above from the full postcode before it is dropped), and a PC6 comes close
  to an address.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import duckdb

from jeugdmonitor.contract import Table
from jeugdmonitor.sources.base import PSEUDONYM_COLUMN, RawFile, has_table, one_row, quote_ident, quote_literal
from jeugdmonitor.store import meldingen
from jeugdmonitor.store.conversions import POSTCODE as POSTCODE_PATTERN
from jeugdmonitor.store.conversions import postcode_text, typed_sql
from jeugdmonitor.store.meldingen import select_sql, text
from jeugdmonitor.store.schema import (
    CLIENT,
    GEMEENTE,
    PERSONS,
    POSTCODE,
    POSTCODES,
    TRAJECT_ID,
    TRAJECTS,
    WIJK,
    gemeente_from_traject,
)

WIJK_QUESTION = "_postcode_vraag"
WIJK_ANSWER = "_postcode_wijk"


@dataclass
class Context:
    """What earlier staged tables offer to later ones."""

    relations: dict[str, str] = field(default_factory=dict)  # contract table -> staged relation
    columns: dict[str, set[str]] = field(default_factory=dict)  # contract table -> columns it holds
    single_gemeente: str | None = None
    postcode_source: str | None = None  # SQL relation with postcode, gemeente, wijk


@dataclass(frozen=True)
class Typed:
    relation: str
    columns: tuple[str, ...]  # contract columns from the file (+ client)
    derived: tuple[str, ...]  # columns filled in here although the file lacks them


def _typed(table: Table, raw: RawFile, name: str) -> str | None:
    if name not in raw.columns or name not in table.column_names:
        return None
    return typed_sql(table.column(name), f"r.{quote_ident(name)}", raw.decimal_comma)


def _has_empty(con: duckdb.DuckDBPyConnection, raw: RawFile, column: str) -> bool:
    query = f"SELECT count(*) FROM {raw.relation} WHERE {quote_ident(column)} IS NULL"
    return one_row(con, query)[0] > 0


def _gemeente_sql(
    con: duckdb.DuckDBPyConnection, table: Table, raw: RawFile, client: str | None, ctx: Context, joins: list[str]
) -> str | None:
    """The derivation chain for an empty gemeente; adds the joins it needs."""
    parts = [p for p in [_typed(table, raw, GEMEENTE)] if p]
    if table.name == PERSONS or (table.has_gemeente and table.column(GEMEENTE).required):
        return parts[0] if parts else None
    if parts and not _has_empty(con, raw, GEMEENTE):
        return parts[0]  # nothing to derive: spare the joins (20 million cost rows)
    persons = ctx.relations.get(PERSONS)
    if client and persons and GEMEENTE in ctx.columns[PERSONS]:
        joins.append(
            f"LEFT JOIN (SELECT {CLIENT}, any_value({GEMEENTE}) AS {GEMEENTE} FROM {persons} "
            f"GROUP BY {CLIENT}) pg ON pg.{CLIENT} = r.{PSEUDONYM_COLUMN[client]}"
        )
        parts.append(f"pg.{GEMEENTE}")
    trajects = ctx.relations.get(TRAJECTS)
    if table.name != TRAJECTS and TRAJECT_ID in raw.columns and trajects and GEMEENTE in ctx.columns[TRAJECTS]:
        joins.append(
            f"LEFT JOIN (SELECT {TRAJECT_ID}, any_value({GEMEENTE}) AS {GEMEENTE} FROM {trajects} "
            f"GROUP BY {TRAJECT_ID}) tg ON tg.{TRAJECT_ID} = r.{TRAJECT_ID}"
        )
        parts.append(f"tg.{GEMEENTE}")
    wijk = _typed(table, raw, WIJK)
    if wijk:
        parts.append(f"'GM' || substr({wijk}, 3, 4)")
    if ctx.single_gemeente:
        parts.append(quote_literal(ctx.single_gemeente))
    if not parts:
        return "NULL::VARCHAR"
    return parts[0] if len(parts) == 1 else f"coalesce({', '.join(parts)})"


def _wijk_from_postcode(con: duckdb.DuckDBPyConnection, table: Table, raw: RawFile, bestand: str, ctx: Context) -> bool:
    """Fill ``_postcode_wijk`` (_rij, wijk) for young people without a wijk; warn for postcodes without one."""
    if not ctx.postcode_source or POSTCODE not in raw.columns:
        return False
    pc = postcode_text(f"r.{POSTCODE}")
    wijk = _typed(table, raw, WIJK) or "NULL"
    con.execute(f"""CREATE OR REPLACE TEMP TABLE {WIJK_QUESTION} AS
        SELECT r._rij, {pc} AS pc, {_typed(table, raw, GEMEENTE) or "NULL"} AS gemeente FROM {raw.relation} r
        WHERE ({wijk}) IS NULL AND regexp_full_match({pc}, {quote_literal(POSTCODE_PATTERN)})""")
    match = "(l.gemeente IS NULL OR l.gemeente = q.gemeente)"
    con.execute(f"""CREATE OR REPLACE TEMP TABLE {WIJK_ANSWER} AS
        WITH l AS (SELECT {postcode_text("postcode")} AS pc, gemeente, wijk FROM {ctx.postcode_source}
                   WHERE wijk IS NOT NULL)
        SELECT _rij, wijk FROM (
            -- the full postcode first, then its four digits
            SELECT q._rij, l.wijk, 1 AS voorkeur FROM {WIJK_QUESTION} q JOIN l ON l.pc = q.pc AND {match}
            UNION ALL
            SELECT q._rij, l.wijk, 2 AS voorkeur FROM {WIJK_QUESTION} q JOIN l ON l.pc = left(q.pc, 4) AND {match}
        ) QUALIFY row_number() OVER (PARTITION BY _rij ORDER BY voorkeur, wijk) = 1""")
    tekst = text("postcode hoort bij geen wijk in de postcodetabel; wijk onbekend")
    meldingen.insert(
        con,
        [
            f"{select_sql('waarschuwing', 'postcode_zonder_wijk', bestand, POSTCODE, tekst)} "
            f"FROM {WIJK_QUESTION} WHERE _rij NOT IN (SELECT _rij FROM {WIJK_ANSWER})"
        ],
    )
    return True


def build_typed(
    con: duckdb.DuckDBPyConnection, table: Table, raw: RawFile, bestand: str, client: str | None, ctx: Context
) -> Typed:
    """Create ``stg_<table>``: ``_rij``, ``client``, the contract's columns typed, derived columns filled."""
    relation = f"stg_{table.name}"
    items, joins = ["r._rij"], []
    columns: list[str] = []
    derived: list[str] = []
    if client:
        items.append(f"r.{PSEUDONYM_COLUMN[client]} AS {CLIENT}")
        columns.append(CLIENT)
    with_wijk = table.name == PERSONS and _wijk_from_postcode(con, table, raw, bestand, ctx)
    if with_wijk:
        joins.append(f"LEFT JOIN {WIJK_ANSWER} w ON w._rij = r._rij")
    for column in table.columns:
        expr = _typed(table, raw, column.name)
        if column.name == GEMEENTE:
            expr = _gemeente_sql(con, table, raw, client, ctx, joins)
        elif column.name == WIJK and with_wijk:
            expr = f"coalesce({expr}, w.wijk)" if expr else "w.wijk"
        if expr is None:
            continue
        items.append(f"{expr} AS {quote_ident(column.name)}")
        (columns if column.name in raw.columns else derived).append(column.name)
    if gemeente_from_traject(table):
        items.append(f"{_gemeente_sql(con, table, raw, client, ctx, joins)} AS {GEMEENTE}")
        derived.append(GEMEENTE)
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {relation} AS SELECT {', '.join(items)} FROM {raw.relation} r {' '.join(joins)}"
    )
    if with_wijk:
        con.execute(f"DROP TABLE {WIJK_QUESTION}; DROP TABLE {WIJK_ANSWER}")
    return Typed(relation, tuple(columns), tuple(derived))


def postcode_source(con: duckdb.DuckDBPyConnection, ctx: Context, reference: str | None) -> str | None:
    """The postcode table to derive wijken from: the delivery's, else the store's (``reference``)."""
    if POSTCODES in ctx.relations and WIJK in ctx.columns[POSTCODES]:
        return ctx.relations[POSTCODES]
    if reference and has_table(con, reference, POSTCODES):
        return f"{reference}.{POSTCODES}"
    return None
