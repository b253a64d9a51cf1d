"""The run's results table: the records of indicatoren.md §4 as rows of a DuckDB table in the run's scratch
database (engine.werkruimte), written by SQL from each family's rows and read as :class:`Record` objects only
when asked. At national scale a run makes millions of records; they go to the store without passing through
Python.

A family's rows have the shape ``periode, gemeente (NULL or '' = the region), dim ('totaal' = no split),
dimwaarde, maat, teller, noemer, waarde``.
"""

from __future__ import annotations

import duckdb

from jeugdmonitor.engine.bases import TOTAAL
from jeugdmonitor.engine.families import Computation
from jeugdmonitor.engine.perioden import PERIOD_TABLE
from jeugdmonitor.engine.records import REGIO, Record
from jeugdmonitor.sources.base import quote_literal as quote

RESULT_COLUMNS = [
    ("indicator", "VARCHAR"), ("maat", "VARCHAR"), ("periode", "VARCHAR"), ("gemeente", "VARCHAR"),
    ("dimensie", "VARCHAR"), ("dimensiewaarde", "VARCHAR"), ("waarde", "DOUBLE"), ("teller", "DOUBLE"),
    ("noemer", "DOUBLE"), ("eenheid", "VARCHAR"), ("status", "VARCHAR"), ("toelichting", "VARCHAR"),
]  # fmt: skip
FAMILY_COLUMNS = [
    ("periode", "VARCHAR"), ("gemeente", "VARCHAR"), ("dim", "VARCHAR"), ("dimwaarde", "VARCHAR"),
    ("maat", "VARCHAR"), ("teller", "DOUBLE"), ("noemer", "DOUBLE"), ("waarde", "DOUBLE"),
]  # fmt: skip
FAMILY_ROW = ", ".join(name for name, _ in FAMILY_COLUMNS)
AFGEKAPT = "periode afgekapt op de peildatum"


def create_sql(table: str) -> str:
    return f"CREATE TABLE {table} ({', '.join(f'{name} {typ}' for name, typ in RESULT_COLUMNS)})"


def _unit_sql(computation: Computation) -> str:
    """:meth:`Computation.unit` as SQL on column ``maat``: the measure's own unit, else the indicator's."""
    cases = " ".join(
        f"WHEN {quote(maat)} THEN {quote(computation.unit(maat))}" for maat in computation.family.eenheid_per_maat
    )
    otherwise = quote(computation.unit(None))
    return f"CASE coalesce(maat, '') {cases} ELSE {otherwise} END" if cases else otherwise


def insert_sql(table: str, computation: Computation, rows: str) -> str:
    """INSERT of a family's rows (``rows``: a query or table of the family shape) as result records: the region
    for an empty municipality, no split for the total, and the status of the period (``voorlopig`` when it
    was cut at the peildatum)."""
    return f"""
    INSERT INTO {table}
    SELECT {quote(computation.indicator)}, r.maat, r.periode, coalesce(nullif(r.gemeente, ''), '{REGIO}'),
           CASE WHEN r.dim <> '{TOTAAL}' THEN r.dim END, CASE WHEN r.dim <> '{TOTAAL}' THEN r.dimwaarde::VARCHAR END,
           r.waarde::DOUBLE, r.teller::DOUBLE, r.noemer::DOUBLE, {_unit_sql(computation)},
           CASE WHEN p.voorlopig THEN 'voorlopig' ELSE 'ok' END,
           CASE WHEN p.voorlopig THEN '{AFGEKAPT}' ELSE '' END
    FROM (
{rows}
    ) AS r({FAMILY_ROW})
    LEFT JOIN {PERIOD_TABLE} p USING (periode)
    """


def copy_sql(table: str, computation: Computation, source: str) -> str:
    """INSERT of the records of indicator ``source`` as those of ``computation``, defined alike (h10.21 and
    h10.31: one query, two identifiers)."""
    return f"""
    INSERT INTO {table}
    SELECT * REPLACE ({quote(computation.indicator)} AS indicator, {_unit_sql(computation)} AS eenheid)
    FROM {table} WHERE indicator = {quote(source)}
    """


def not_available_sql(table: str, computation: Computation, missing: list[str]) -> str:
    """INSERT of one record per period and area saying what is missing (never a zero)."""
    text = "niet beschikbaar: de levering bevat geen " + ", ".join(missing)
    return f"""
    INSERT INTO {table} (indicator, periode, gemeente, eenheid, status, toelichting)
    SELECT {quote(computation.indicator)}, p.periode, g.g, {quote(computation.eenheid)}, 'niet_beschikbaar',
           {quote(text)}
    FROM {PERIOD_TABLE} p,
         (SELECT DISTINCT g FROM _leveringen, unnest(gemeenten) AS u(g) UNION ALL SELECT '{REGIO}') AS g(g)
    """


def write_rows(con: duckdb.DuckDBPyConnection, table: str, computation: Computation, rows: list[tuple]) -> None:
    """The rows a family function returned (the family shape), written to ``table``. They travel as one list per
    column, unnested side by side: one statement, where a row-by-row ``executemany`` took 24 s for the tens of
    thousands of rows of the forecast (K13's months above all) at national scale."""
    if not rows:
        return
    unnested = ", ".join(f"unnest(${i + 1}::{typ}[]) AS {name}" for i, (name, typ) in enumerate(FAMILY_COLUMNS))
    columns = [list(column) for column in zip(*rows, strict=True)]
    con.execute(insert_sql(table, computation, f"SELECT {unnested}"), columns)


def read_records(con: duckdb.DuckDBPyConnection, table: str) -> list[Record]:
    """The records of a results table, sorted by indicator, period, municipality (the region last), measure and
    split."""
    rows = con.execute(f"""
        SELECT indicator, periode, gemeente, eenheid, status, waarde, teller, noemer, maat, dimensie,
               dimensiewaarde, toelichting
        FROM {table}
        ORDER BY indicator, periode, gemeente = '{REGIO}', gemeente, coalesce(maat, ''), dimensie NULLS FIRST,
                 dimensiewaarde NULLS FIRST
    """).fetchall()  # fmt: skip
    return [
        Record(*row[:9], {} if row[9] is None else {row[9]: row[10]}, row[11])  # type: ignore[arg-type]
        for row in rows
    ]
