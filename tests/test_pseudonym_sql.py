"""The SQL elfproef and pseudonym agree with the Python ones, and a malformed BSN never breaks a query."""

from __future__ import annotations

import duckdb
from hypothesis import given, settings
from hypothesis import strategies as st

from jeugdmonitor.store.pseudonym import Key, elfproef, elfproef_sql, pseudonym, pseudonym_sql
from tests.conftest import BSN, BSN_INVALID

KEY = Key(b"sql-sleutel", True, "test")
CELLS = st.one_of(
    st.text(alphabet="0123456789", min_size=0, max_size=11),
    st.text(alphabet="0123456789aX -", min_size=0, max_size=11),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(CELLS, min_size=1, max_size=30))
def test_sql_matches_python(values: list[str]) -> None:
    values = [*values, *BSN, BSN_INVALID]
    con = duckdb.connect()
    con.execute("CREATE TABLE t (v VARCHAR)")
    con.executemany("INSERT INTO t VALUES (?)", [[v] for v in values])
    rows = con.execute(f"SELECT v, {elfproef_sql('v')}, {pseudonym_sql(KEY, 'bsn', 'v')} FROM t").fetchall()
    assert rows == [(v, elfproef(v), pseudonym(KEY, "bsn", v)) for v in values]
