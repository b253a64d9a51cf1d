"""The birthday macro behind the age ranges on spells (engine.basis ``verjaardag``): the first day on which
``leeftijd`` reaches n, worked out by hand for ordinary dates, month ends and 29 February."""

from __future__ import annotations

from datetime import date

import duckdb
import pytest

from jeugdmonitor.engine.basis import create_macros


@pytest.fixture(scope="module")
def con() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    create_macros(con)
    return con


@pytest.mark.parametrize(
    ("geboren", "n", "verwacht"),
    [
        (date(2007, 6, 15), 18, date(2025, 6, 15)),  # an ordinary day: the same day 18 years on
        (date(2007, 1, 31), 18, date(2025, 1, 31)),  # a month end stays a month end
        (date(2008, 2, 29), 18, date(2026, 3, 1)),  # 2026 has no 29 February: leeftijd turns 18 on 1 March
        (date(2008, 2, 29), 16, date(2024, 2, 29)),  # 2024 is a leap year
        (date(2010, 12, 31), 0, date(2010, 12, 31)),  # age 0 from the day of birth
    ],
)
def test_verjaardag(con: duckdb.DuckDBPyConnection, geboren: date, n: int, verwacht: date) -> None:
    dag, op, dag_ervoor = con.execute(
        "SELECT verjaardag($1, $2), leeftijd($1, verjaardag($1, $2)), leeftijd($1, verjaardag($1, $2) - 1)",
        [geboren, n],
    ).fetchone()
    assert dag == verwacht
    assert op == n and dag_ervoor == n - 1
