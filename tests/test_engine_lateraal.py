"""engine.lateraal: lateral VALUES lists rewritten as a constant cross join plus a projection, with the same rows."""

from __future__ import annotations

import duckdb
import pytest

from jeugdmonitor.engine.lateraal import flatten


def test_two_rows_become_numbers_and_a_projection() -> None:
    sql = "SELECT g.geo FROM x AS t, LATERAL (VALUES (t.gemeente), ('regio')) AS g(geo)"
    assert flatten(sql) == (
        "SELECT g.geo FROM x AS t, (VALUES (1), (2)) AS g__rij(_rij), "
        "LATERAL (SELECT CASE g__rij._rij WHEN 1 THEN t.gemeente WHEN 2 THEN 'regio' END AS geo) AS g"
    )


def test_one_row_needs_no_numbers() -> None:
    sql = "FROM x AS t, LATERAL (VALUES ('totaal', 'totaal')) AS d(dim, waarde) WHERE true"
    assert flatten(sql) == "FROM x AS t, LATERAL (SELECT 'totaal' AS dim, 'totaal' AS waarde) AS d WHERE true"


@pytest.mark.parametrize(
    "sql",
    [
        # not after a comma: the JOIN form keeps its ON clause, so it is left alone
        "FROM x AS t JOIN LATERAL (VALUES (t.a), (1)) AS g(v) ON true",
        # in a string and in a comment
        "SELECT ', LATERAL (VALUES (1), (2)) AS g(v)' FROM x",
        "FROM x -- , LATERAL (VALUES (1), (2)) AS g(v)\n",
        # rows of unequal width, and no column names
        "FROM x AS t, LATERAL (VALUES (t.a, 1), (2)) AS g(v, w)",
        "FROM x AS t, LATERAL (VALUES (t.a), (2)) AS g",
    ],
)
def test_what_cannot_be_read_with_certainty_is_left_as_written(sql: str) -> None:
    assert flatten(sql) == sql


QUERIES = [
    # the geographies: a NULL municipality gives a NULL geography, as the VALUES list does
    "SELECT t.id, g.geo FROM x AS t, LATERAL (VALUES (t.gemeente), ('regio')) AS g(geo)",
    # splits of two columns, with strings that hold commas, parentheses and comment marks, and a comment
    """SELECT t.id, d.dim, d.waarde
       FROM x AS t,
            LATERAL (VALUES ('totaal', 'totaal'),
                            ('pg', coalesce(t.pg, 'on,bekend (x)')),  -- a comment, with (parentheses)
                            ('tekst', '--geen'' commentaar')
                    ) AS d(dim, waarde)
       WHERE d.waarde IS NOT NULL""",
    # two lists after one another, the second after a join, and types that differ per row
    """SELECT t.id, g.geo, v.n, v.b
       FROM x AS t JOIN x AS u ON u.id = t.id,
            LATERAL (VALUES (t.gemeente), (NULL)) AS g(geo),
            LATERAL (VALUES (t.id, t.pg IS NULL), (2.5, false), (NULL, NULL)) AS v(n, b)""",
]


@pytest.mark.parametrize("query", QUERIES)
def test_the_rewritten_query_gives_the_same_rows(query: str) -> None:
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE x AS SELECT * FROM (VALUES (1, 'GM0001', 'a'), (2, NULL, NULL), (3, 'GM0002', 'b'))"
        " AS v(id, gemeente, pg)"
    )
    flat = flatten(query)
    assert flat != query
    original = con.execute(f"SELECT * FROM ({query}) ORDER BY ALL").fetchall()
    assert con.execute(f"SELECT * FROM ({flat}) ORDER BY ALL").fetchall() == original
    assert con.execute(f"DESCRIBE {flat}").fetchall() == con.execute(f"DESCRIBE {query}").fetchall()
