"""`kern.budget` and `hengelo.K13` as records on a small hand-made delivery (peildatum 30 June 2025).

Hengelo, two trajectories: T1 (perceel of 45A48: "Ambulante jeugdhulp"), T2 (43A24: "Jeugdhulp met verblijf").
Costs 2024: T1 € 1.000 in March and € 500 in April, T2 € 3.000 in May, a credit of € 200 on T1 in June, and a
subsidy of € 700 (perceel "Wijkteams") in January, and € 250 in July for product 54001 without a trajectory (perceel
"Jeugd GGZ" from the catalogue) → realisation 2024 = 1.000 + 500 + 3.000 − 200 + 700 + 250 = 5.250.
Budget 2024: Ambulante jeugdhulp 1.000, Jeugdhulp met verblijf 3.000, Wijkteams 1.000 → 5.000: aandeel 105%.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from jeugdmonitor.engine.perioden import parse
from jeugdmonitor.engine.runner import compute
from jeugdmonitor.store.loader import load_delivery
from tests.conftest import BSN, Make


@pytest.fixture
def store(make_delivery: Make, tmp_path: Path) -> duckdb.DuckDBPyConnection:
    kosten = [
        {"maand": "2024-03", "boekdatum": "2024-04-10", "bedrag": "1000", "traject_id": "T1", "soort": "declaratie"},
        {"maand": "2024-04", "boekdatum": "2024-05-10", "bedrag": "500", "traject_id": "T1", "soort": "declaratie"},
        {"maand": "2024-05", "boekdatum": "2024-06-10", "bedrag": "3000", "traject_id": "T2", "soort": "declaratie"},
        {"maand": "2024-06", "boekdatum": "2024-07-10", "bedrag": "-200", "traject_id": "T1", "soort": "declaratie"},
        {"maand": "2024-01", "boekdatum": "2024-01-31", "bedrag": "700", "gemeente": "GM0164", "soort": "subsidie",
         "perceel": "Wijkteams"},
        {"maand": "2024-07", "boekdatum": "2024-08-10", "bedrag": "250", "gemeente": "GM0164", "product": "54001",
         "soort": "declaratie"},
        {"maand": "2025-02", "boekdatum": "2025-03-10", "bedrag": "400", "traject_id": "T1", "soort": "declaratie"},
    ]  # fmt: skip
    tables = {
        "levering": [{"peildatum": "2025-06-30"}],
        "jeugdigen": [{"bsn": BSN[0], "gemeente": "GM0164", "geboortedatum": "2012-01-01"}],
        "jeugdhulp": [
            {"traject_id": "T1", "bsn": BSN[0], "product": "45A48", "begindatum": "2024-03-01", "einddatum": ""},
            {
                "traject_id": "T2",
                "bsn": BSN[0],
                "product": "43A24",
                "begindatum": "2024-05-01",
                "einddatum": "2024-05-31",
                "reden_beeindiging": "31",
            },
        ],
        "kosten": kosten,
        "budget": [
            {"jaar": "2024", "gemeente": "GM0164", "perceel": "Ambulante jeugdhulp", "bedrag": "1000"},
            {"jaar": "2024", "gemeente": "GM0164", "perceel": "Jeugdhulp met verblijf", "bedrag": "3000"},
            {"jaar": "2024", "gemeente": "GM0164", "perceel": "Wijkteams", "bedrag": "1000"},
            {"jaar": "2025", "gemeente": "GM0164", "perceel": "Ambulante jeugdhulp", "bedrag": "1200"},
        ],
    }
    path = tmp_path / "budget.duckdb"
    load_delivery(make_delivery(tables), path)
    return duckdb.connect(str(path), read_only=True)


def test_budget_and_realisation_per_perceel(store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(store, ["kern.budget"], [parse("2024"), parse("2025")], per=["perceel"])
    got = {(r.periode, r.gemeente, r.maat, r.dimensies.get("perceel", "totaal")): r.waarde for r in recs}
    assert got[("2024", "GM0164", "realisatie", "totaal")] == 5250
    assert got[("2024", "GM0164", "budget", "totaal")] == 5000
    assert got[("2024", "GM0164", "aandeel", "totaal")] == 105
    assert got[("2024", "GM0164", "realisatie", "Ambulante jeugdhulp")] == 1300  # 1.000 + 500 − 200
    assert got[("2024", "GM0164", "aandeel", "Jeugdhulp met verblijf")] == 100
    assert got[("2024", "regio", "realisatie", "totaal")] == 5250
    assert got[("2024", "GM0164", "realisatie", "Jeugd GGZ")] == 250  # no budget for it: no aandeel
    assert got[("2024", "GM0164", "aandeel", "Jeugd GGZ")] is None
    assert ("2024", "GM0164", "prognose", "totaal") not in got  # a closed year has no forecast
    # 2025, to the peildatum: € 400 realised against € 1.200 budgeted; the forecast is there, with its range
    assert got[("2025", "GM0164", "realisatie", "totaal")] == 400
    assert got[("2025", "GM0164", "aandeel", "totaal")] == pytest.approx(100 * 400 / 1200)
    assert got[("2025", "GM0164", "prognose", "totaal")] >= 400
    # one earlier year only: no backtest years to measure the error on, so no range
    assert ("2025", "GM0164", "prognose_laag", "totaal") not in got
    assert {r.eenheid for r in recs if r.maat == "aandeel"} == {"procent"}


def test_k13_month_series(store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(store, ["hengelo.K13"], [parse("2025-01"), parse("2025-02"), parse("2025-03")])
    cum = {(r.periode, r.maat): r.waarde for r in recs if r.gemeente == "GM0164" and not r.dimensies}
    assert cum[("2025-01", "gerealiseerd")] == 0
    assert cum[("2025-02", "gerealiseerd")] == 400 and cum[("2025-03", "gerealiseerd")] == 400  # cumulative
    assert cum[("2025-01", "begroot")] < cum[("2025-03", "begroot")] <= 1200  # the budget phased over the year


def test_budget_and_cost_table_agree_per_perceel(store: duckdb.DuckDBPyConnection) -> None:
    """kern.budget's realisation and hengelo.K2 give every cost row the same perceel (a council report shows both)."""
    recs = compute(store, ["kern.budget", "hengelo.K2"], [parse("2024")], per=["perceel"])
    realised = {r.dimensies.get("perceel"): r.waarde for r in recs
                if r.indicator == "kern.budget" and r.maat == "realisatie" and r.gemeente == "GM0164"}  # fmt: skip
    k2 = {r.dimensies.get("perceel"): r.waarde for r in recs if r.indicator == "hengelo.K2" and r.gemeente == "GM0164"}
    assert realised == k2
    assert k2["Jeugd GGZ"] == 250 and k2[None] == 5250
