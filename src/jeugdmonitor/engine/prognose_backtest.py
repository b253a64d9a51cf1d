"""Backtest of the year-end forecast: forecasts made at the end of each month of earlier years, against the
year's final realisation, compared with the plain run-rate (indicatoren.md §6)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb

from jeugdmonitor.engine import prognose_sql

MIN_TOTAAL = 10_000.0  # cells whose final realisation is below this (euro) are left out of the MAPE

BACKTEST_SQL = """
-- the final realisation per year, gemeente and perceel (all costs of the year known to the store),
-- with the totals 'regio' and 'totaal' as in _prognose_uitkomst
CREATE OR REPLACE TEMP TABLE _prognose_finaal AS
SELECT jaar, coalesce(gemeente, 'regio') AS gemeente, coalesce(perceel, 'totaal') AS perceel,
    sum(bedrag) AS finaal
FROM _prognose_kosten
GROUP BY GROUPING SETS ((jaar, gemeente, perceel), (jaar, gemeente), (jaar, perceel), (jaar));

-- absolute percentage error of the forecast and of the run-rate per month of forecast, over the
-- municipalities' cells: per perceel (gemeente × perceel) and for the municipality total
SELECT pt.pm AS maand,
    CASE WHEN u.perceel = 'totaal' THEN 'gemeente' ELSE 'gemeente × perceel' END AS niveau,
    avg(abs(u.prognose - f.finaal) / f.finaal) * 100 AS mape_prognose,
    avg(abs(u.run_rate - f.finaal) / f.finaal) * 100 AS mape_run_rate,
    count(*) AS cellen
FROM _prognose_uitkomst AS u
JOIN _prognose_punten AS pt ON pt.punt = u.punt
JOIN _prognose_finaal AS f ON f.jaar = pt.jaar AND f.gemeente = u.gemeente AND f.perceel = u.perceel
WHERE u.gemeente <> 'regio' AND f.finaal >= $min_totaal
GROUP BY ALL
ORDER BY niveau DESC, maand
"""


@dataclass(frozen=True)
class BacktestRij:
    maand: int  # the forecast was made at the end of this month
    niveau: str  # 'gemeente × perceel' or 'gemeente' (the municipality total)
    mape_prognose: float  # mean absolute percentage error (0-100) of the year-end forecast
    mape_run_rate: float  # the same for the run-rate (realised ÷ months × 12)
    cellen: int  # cells (year × gemeente [× perceel]) averaged over


def backtest_years(con: duckdb.DuckDBPyConnection, peildatum: date) -> list[int]:
    """Full years before the peildatum's year that have at least one earlier year of costs."""
    rows = con.execute(
        """
        -- years with costs in all twelve months, after the first year with costs
        SELECT jaar FROM _prognose_kosten
        WHERE jaar < ? AND jaar > (SELECT min(jaar) FROM _prognose_kosten)
        GROUP BY jaar HAVING count(DISTINCT mnd) = 12 ORDER BY jaar
        """,
        [peildatum.year],
    ).fetchall()
    return [int(r[0]) for r in rows]


def store_peildatum(con: duckdb.DuckDBPyConnection) -> date:
    """The latest delivery's peildatum, else the latest booking date."""
    row = con.execute(
        "SELECT coalesce((SELECT max(peildatum) FROM _leveringen), (SELECT max(boekdatum) FROM _prognose_kosten))"
    ).fetchone()
    if row is None or row[0] is None:
        raise ValueError("de store heeft geen peildatum en geen kosten")
    return row[0]


def backtest(
    con: duckdb.DuckDBPyConnection, *, peildatum: date | None = None, min_totaal: float = MIN_TOTAAL
) -> list[BacktestRij]:
    """MAPE of the year-end forecast by month of forecast (1..11), forecast vs run-rate, over the backtest
    years; each forecast uses only what was booked and started by the end of its month."""
    prognose_sql.prepare(con)
    peil = peildatum or store_peildatum(con)
    points = [(y, prognose_sql.month_end(y, m)) for y in backtest_years(con, peil) for m in range(1, 12)]
    if not points:
        return []
    prognose_sql.compute(con, points)
    rows = con.execute(BACKTEST_SQL, {"min_totaal": min_totaal}).fetchall()
    return [BacktestRij(int(m), str(n), float(a), float(b), int(c)) for m, n, a, b, c in rows]
