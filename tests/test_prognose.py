"""Year-end forecast (jaarprognose, indicatoren.md §6) on a tiny hand-made store; expected values by hand.

Store: one perceel 'AB' in GM0164, history years 2021 and 2022, forecast of 2023 at 2023-03-31.
Every month's costs are booked half on the last day of the month, half on the 15th of the next month, so
the completion share is s(0) = 1/2 and s(k >= 1) = 1.
Each history year y has
- A_y: allocation 1 per dag at € 10, toewijzing to 31-12, but ended 30-09; costs 10 × days (Jan–Sep, 273 d)
- B_y: started 01-07 (after March: inflow), 1 per dag at € 5 to 31-12; costs 5 × days (Jul–Dec, 184 d)
Costs equal P×Q, so rho (final costs per euro P×Q) = 1.
At the end of March of year y, A_y was committed for 275 days (€ 2.750) but realised Apr–Sep: 183 days
(€ 1.830): realisation ratio r = 183/275. Inflow ratio i = B (920 + 920) ÷ A Jan–Mar (900 + 900) = 46/45.
In 2023 the running allocation R: 2 uur per week at € 100 (€ 200/7 per day) from 01-01 to 30-06 (open);
declared € 800 in January and February (all booked) and € 800 for March, of which € 400 is booked by
31-03. Budget 2023: € 12.000, no months.
"""

from __future__ import annotations

from datetime import date, timedelta

import duckdb
import pytest

from jeugdmonitor.engine.prognose import Variant, backtest, forecast, k13_series

R = 183 / 275
I_RATIO = 46 / 45
G = 2000.0
N = 0.5 * 1.0 * (200 / 7 * 31)  # (1 - s(0)) × rho × P×Q of March
V = R * 200 / 7 * 91  # 01-04 .. 30-06 = 91 days = 13 weeks of € 200


def _month_end(y: int, m: int) -> date:
    return (date(y + m // 12, m % 12 + 1, 1)) - timedelta(days=1)


def _monthly(traject: str, y: int, months: range, per_dag: float) -> list[tuple[object, ...]]:
    """Cost rows: per month per_dag × days, booked half at month end, half on the 15th of the next month."""
    rows = []
    for m in months:
        end = _month_end(y, m)
        bedrag = per_dag * end.day
        nxt = end + timedelta(days=15)
        rows += [("c", traject, "GM0164", None, date(y, m, 1), end, bedrag / 2)]
        rows += [("c", traject, "GM0164", None, date(y, m, 1), nxt, bedrag / 2)]
    return rows


def _store(history: bool = True, budget: bool = True) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute("CREATE TABLE product_klasse (product VARCHAR, productcategorie VARCHAR, perceel VARCHAR)")
    con.execute("INSERT INTO product_klasse VALUES ('P1', '45', 'AB')")
    con.execute(
        "CREATE TABLE jeugdhulp (traject_id VARCHAR, gemeente VARCHAR, product VARCHAR, productcategorie VARCHAR, "
        "begindatum DATE, einddatum DATE, toewijzing_einddatum DATE, volume DOUBLE, eenheid VARCHAR, "
        "frequentie VARCHAR, tarief DECIMAL(18,2))"
    )
    con.execute(
        "CREATE TABLE kosten (client VARCHAR, traject_id VARCHAR, gemeente VARCHAR, perceel VARCHAR, maand DATE, "
        "boekdatum DATE, bedrag DECIMAL(18,2), product VARCHAR, volume DOUBLE)"
    )
    con.execute(
        "CREATE TABLE budget (jaar BIGINT, gemeente VARCHAR, perceel VARCHAR, bedrag DECIMAL(18,2), maand BIGINT)"
    )
    trajecten = [("R", "GM0164", "P1", date(2023, 1, 1), None, date(2023, 6, 30), 2.0, "04", "2", 100)]
    kosten = [
        ("c", "R", "GM0164", None, date(2023, 1, 1), date(2023, 2, 10), 800),
        ("c", "R", "GM0164", None, date(2023, 2, 1), date(2023, 3, 10), 800),
        ("c", "R", "GM0164", None, date(2023, 3, 1), date(2023, 3, 31), 400),
        ("c", "R", "GM0164", None, date(2023, 3, 1), date(2023, 4, 15), 400),  # booked after the peildatum
    ]
    if history:
        for y in (2021, 2022):
            trajecten += [
                (f"A{y}", "GM0164", "P1", date(y, 1, 1), date(y, 9, 30), date(y, 12, 31), 1.0, "14", "1", 10),
                (f"B{y}", "GM0164", "P1", date(y, 7, 1), date(y, 12, 31), date(y, 12, 31), 1.0, "14", "1", 5),
            ]
            kosten += _monthly(f"A{y}", y, range(1, 10), 10) + _monthly(f"B{y}", y, range(7, 13), 5)
    con.executemany("INSERT INTO jeugdhulp VALUES (?, ?, ?, '45', ?, ?, ?, ?, ?, ?, ?)", trajecten)
    con.executemany("INSERT INTO kosten VALUES (?, ?, ?, ?, ?, ?, ?, NULL, NULL)", kosten)
    if budget:
        con.execute("INSERT INTO budget VALUES (2023, 'GM0164', 'AB', 12000, NULL)")
    return con


def _row(rows, gemeente="GM0164", perceel="AB"):
    return next(r for r in rows if r.gemeente == gemeente and r.perceel == perceel)


def test_components_by_hand() -> None:
    rows = forecast(_store(), peildatum=date(2023, 3, 31))
    r = _row(rows)
    assert r.gerealiseerd == pytest.approx(G)
    assert r.nog_te_declareren == pytest.approx(N)  # 3100/7
    assert r.verplichtingen == pytest.approx(V)  # 2600 × 183/275
    assert r.verwachte_instroom == pytest.approx(I_RATIO * (G + N))
    assert r.prognose == pytest.approx(G + N + V + I_RATIO * (G + N))
    assert r.run_rate == pytest.approx(2000 / 3 * 12)
    assert r.begroot == 12000
    assert "2021–2022" in r.methode
    # regio and totaal equal the only cell
    for g, p in (("regio", "AB"), ("GM0164", "totaal"), ("regio", "totaal")):
        assert _row(rows, g, p).prognose == pytest.approx(r.prognose)


def test_k13_cumulative_series() -> None:
    rows = [k for k in k13_series(_store(), date(2023, 3, 31)) if k.gemeente == "GM0164" and k.perceel == "AB"]
    assert [k.maand for k in rows] == list(range(1, 13))
    assert [k.gerealiseerd for k in rows[:4]] == [pytest.approx(800), pytest.approx(1600), pytest.approx(2000), None]
    per_dag = R * 200 / 7
    expected = [800, 1600, G + N, G + N + per_dag * 30, G + N + per_dag * 61, G + N + per_dag * 91]
    assert [k.verplichtingen for k in rows[:6]] == pytest.approx(expected)
    assert rows[11].verplichtingen == pytest.approx(G + N + V)
    # budget phased by 2022's monthly costs: January 10 × 31 of 3650 (A 2730 + B 920)
    assert rows[0].begroot == pytest.approx(12000 * 310 / 3650)
    assert rows[11].begroot == pytest.approx(12000)


def test_first_year_without_history() -> None:
    r = _row(forecast(_store(history=False), peildatum=date(2023, 3, 31)))
    assert r.gerealiseerd == pytest.approx(G)
    assert r.nog_te_declareren == 0
    assert r.verwachte_instroom == 0
    assert r.verplichtingen == pytest.approx(2600)  # P×Q without a realisation ratio
    assert r.prognose_laag is None and r.prognose_hoog is None
    assert "Geen eerdere jaren" in r.methode


def test_without_budget() -> None:
    r = _row(forecast(_store(budget=False), peildatum=date(2023, 3, 31)))
    assert r.begroot is None
    k13 = k13_series(_store(budget=False), date(2023, 3, 31))
    assert all(k.begroot is None for k in k13)


def test_backtest_runs_per_month() -> None:
    # 2022's total (€ 3.650) is below the € 10.000 threshold: no cells
    assert backtest(_store(), peildatum=date(2023, 3, 31)) == []
    rows = backtest(_store(), peildatum=date(2023, 3, 31), min_totaal=0)
    # 2022 is the only full year with an earlier year; the cell is the municipality total as well
    assert [r.maand for r in rows if r.niveau == "gemeente"] == list(range(1, 12))
    assert all(r.cellen == 1 for r in rows)


def test_pxq_variant_by_hand() -> None:
    """H10 nr. 37: realisation at P×Q. R's January is declared at € 800 but delivered 9 hours × € 100 (P×Q 900);
    the other rows carry no volume and count as declared. The history (no volumes) is unchanged, so the lag
    correction, the commitments and the ratios are too: only the realised amount and what grows from it move."""
    con = _store()
    con.execute("UPDATE kosten SET volume = 9 WHERE traject_id = 'R' AND maand = DATE '2023-01-01'")
    r = _row(forecast(con, peildatum=date(2023, 3, 31), variant=Variant("pxq")))
    assert r.gerealiseerd == pytest.approx(2100)
    assert r.nog_te_declareren == pytest.approx(N)
    assert r.verplichtingen == pytest.approx(V)
    assert r.prognose == pytest.approx(2100 + N + V + I_RATIO * (2100 + N))
    assert _row(forecast(con, peildatum=date(2023, 3, 31))).gerealiseerd == pytest.approx(G)  # declared: 2000
