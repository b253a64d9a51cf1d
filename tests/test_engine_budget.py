"""`kern.budget` and `hengelo.K13` as records on a small hand-made delivery (peildatum 30 June 2025); the forecasts
h10.37 and h10.39 on a second one (peildatum 31 March 2024, below).

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
from jeugdmonitor.engine.prognose_sql import Variant, prepare
from jeugdmonitor.engine.runner import compute
from jeugdmonitor.store.loader import load_delivery
from tests.conftest import BSN, Make
from tests.engine_hulp import find, load_store, value


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


# ------------------------------------------------------------------------------ h10.37 and h10.39: the forecast
# A first year (no earlier years: no lag correction, no expected inflow, no range), peildatum 31 March 2024, so
# the forecast is what was realised, plus the running allocations' volume × tarief to their end or the year end,
# plus non-client-bound costs continued at their run-rate (× 9 / 3 months). Hengelo unless said otherwise.
#   T1  A  45A48 (perceel "Ambulante jeugdhulp") ZIN, 2 × € 50 per week (€ 100/7 a day), 01-01..open,
#          toewijzing to 30-06: costs 01: 400 declared, volume 9 (P×Q 450); 02: 400, volume 8 (400); 03: 450
#          without volume (450) → P×Q 1300; committed 91 days (01-04..30-06) × 100/7 = 1300
#   T2  B  43A24 (perceel "Jeugdhulp met verblijf") ZIN, 1 × € 100 per dag, 01-02..29-02 (ended):
#          costs 02: 2900, volume 29 → 2900
#   TP  C  45A48 PGB, 1 × € 10 per dag, 01-01..open, toewijzing to 31-12: costs (soort pgb) 01: 310, 02: 290,
#          03: 310 → 910; committed 275 days (01-04..31-12) × 10 = 2750
#   a subsidy, perceel "Ambulante jeugdhulp", 01: 600 → continued 600 / 3 × 9 = 1800
# h10.37 (P×Q, all financing): Ambulante jeugdhulp 1300 + 910 + 600 realised + 1300 + 2750 + 1800 = 8660;
# Jeugdhulp met verblijf 2900; total 11560. Budget: Ambulante jeugdhulp 8000, Jeugdhulp met verblijf 3000.
# h10.39 (PGB, declared): 910 + 2750 = 3660. PGB budget: Hengelo's budget row with financiering PGB, 3000; Borne
# has none, so its grant in table pgb (without gemeente: the young person's): € 3660 for 01-07-2023..30-06-2024
# (366 days), of which 182 days in 2024 → 1820; the region 4820.


def _traject(tid: str, bsn: str, product: str, fin: str, freq: str, volume: int, tarief: int, begin: str, end: str,
             toewijzing: str) -> dict[str, object]:  # fmt: skip
    return {"traject_id": tid, "bsn": bsn, "product": product, "financiering": fin, "frequentie": freq,
            "eenheid": "04", "volume": volume, "tarief": tarief, "begindatum": begin, "einddatum": end,
            "toewijzing_einddatum": toewijzing, "reden_beeindiging": "31" if end else ""}  # fmt: skip


def _kosten(maand: str, bedrag: int, traject_id: str = "", volume: object = "", **extra: object) -> dict[str, object]:
    return {"maand": maand, "bedrag": bedrag, "traject_id": traject_id, "volume": volume, "soort": "declaratie",
            "gemeente": "", "perceel": "", **extra}  # fmt: skip


def _budget(perceel: str, financiering: str, bedrag: int) -> dict[str, object]:
    return {"jaar": 2024, "gemeente": "GM0164", "perceel": perceel, "financiering": financiering, "bedrag": bedrag}


def _pgb(pgb_id: str, bsn: str, gemeente: str, begin: str, end: str, budget: int) -> dict[str, object]:
    return {"pgb_id": pgb_id, "bsn": bsn, "gemeente": gemeente, "begindatum": begin, "einddatum": end,
            "budget": budget}  # fmt: skip


def _forecast_tables() -> dict[str, list[dict[str, object]]]:
    return {
        "levering": [{"peildatum": "2024-03-31"}],
        "jeugdigen": [{"bsn": b, "gemeente": "GM0164", "geboortedatum": "2012-01-01"} for b in BSN[:3]]
        + [{"bsn": BSN[3], "gemeente": "GM0147", "geboortedatum": "2012-01-01"}],
        "jeugdhulp": [
            _traject("T1", BSN[0], "45A48", "ZIN", "2", 2, 50, "2024-01-01", "", "2024-06-30"),
            _traject("T2", BSN[1], "43A24", "ZIN", "1", 1, 100, "2024-02-01", "2024-02-29", "2024-02-29"),
            _traject("TP", BSN[2], "45A48", "PGB", "1", 1, 10, "2024-01-01", "", "2024-12-31"),
        ],
        "kosten": [
            _kosten("2024-01", 400, "T1", 9),
            _kosten("2024-02", 400, "T1", 8),
            _kosten("2024-03", 450, "T1"),
            _kosten("2024-02", 2900, "T2", 29),
            _kosten("2024-01", 310, "TP", 31, soort="pgb"),
            _kosten("2024-02", 290, "TP", 29, soort="pgb"),
            _kosten("2024-03", 310, "TP", 31, soort="pgb"),
            _kosten("2024-01", 600, soort="subsidie", gemeente="GM0164", perceel="Ambulante jeugdhulp"),
        ],
        "budget": [
            _budget("Ambulante jeugdhulp", "", 8000),
            _budget("Jeugdhulp met verblijf", "", 3000),
            _budget("", "PGB", 3000),
        ],
        "pgb": [
            _pgb("P1", BSN[2], "GM0164", "2024-01-01", "2024-12-31", 5000),
            _pgb("P2", BSN[3], "", "2023-07-01", "2024-06-30", 3660),  # the young person's gemeente: Borne
        ],
    }


@pytest.fixture(scope="module")
def forecast_store(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    return load_store(tmp_path_factory, "prognose", _forecast_tables())


def test_h10_37_forecast_of_pxq_per_perceel(forecast_store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(forecast_store, ["h10.37"], [parse("2024"), parse("2024-T1")])
    assert value(recs, "2024", "GM0164", "prognose", perceel="Ambulante jeugdhulp") == pytest.approx(8660)
    assert value(recs, "2024", "GM0164", "prognose", perceel="Jeugdhulp met verblijf") == pytest.approx(2900)
    assert value(recs, "2024", "GM0164", "prognose") == pytest.approx(11560)
    assert value(recs, "2024", "GM0164", "budget", perceel="Ambulante jeugdhulp") == 8000
    assert value(recs, "2024", "GM0164", "budget") == 11000  # the PGB row has no perceel
    assert value(recs, "2024", "regio", "prognose") == pytest.approx(11560)
    # no earlier years: no range; the forecast belongs to the year only
    assert not [r for r in recs if r.maat in ("prognose_laag", "prognose_hoog")]
    assert {r.periode for r in recs} == {"2024"}
    assert {r.status for r in recs} == {"voorlopig"}


def test_h10_39_forecast_of_pgb(forecast_store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(forecast_store, ["h10.39"], [parse("2024")], per=["perceel"])
    assert value(recs, "2024", "GM0164", "prognose") == pytest.approx(3660)
    assert value(recs, "2024", "GM0164", "budget") == 3000  # the budget row with financiering PGB
    assert value(recs, "2024", "regio", "budget") == pytest.approx(4820)  # Borne: its grant, 182 of 366 days
    assert not [r for r in recs if r.dimensies]  # a total only
    assert find(recs, "2024", "GM0147", "prognose") is None  # Borne has no PGB costs or allocations


def test_forecasts_not_available_without_budget(tmp_path_factory: pytest.TempPathFactory) -> None:
    tables = _forecast_tables()
    del tables["budget"], tables["pgb"]
    con = load_store(tmp_path_factory, "prognose_zonder_budget", tables)
    recs = compute(con, ["h10.37", "h10.39"], [parse("2024")])
    assert recs and {r.status for r in recs} == {"niet_beschikbaar"}
    text = {r.indicator: r.toelichting for r in recs}
    assert "budget.productgroep | budget.perceel" in text["h10.37"]
    assert "budget.financiering | pgb.budget" in text["h10.39"]


def test_forecast_tables_are_reused_only_when_asked_and_for_the_same_variant(store: duckdb.DuckDBPyConnection) -> None:
    """Within an engine run K13, kern.budget and h10.37 share the forecast's base tables (hergebruik): all of them
    for the same variant, the cost rows (which carry both amounts) for another amount of the same financing. A call
    without hergebruik, or for another financing, builds them anew. A row added to the cost rows shows which
    happened."""

    def marked() -> bool:
        return store.execute("SELECT count(*) FROM _prognose_kosten WHERE perceel = 'merkteken'").fetchone()[0] > 0

    def mark() -> None:
        store.execute("INSERT INTO _prognose_kosten_basis (gemeente, perceel) VALUES ('GM0164', 'merkteken')")

    prepare(store, Variant())
    mark()
    prepare(store, Variant("declaratie"), hergebruik=True)  # the same variant: kept
    assert marked()
    prepare(store, Variant("pxq"), hergebruik=True)  # another amount: the cost rows kept, the amount switched
    assert marked()
    assert store.execute("SELECT bedrag FROM _prognose_kosten WHERE perceel = 'merkteken'").fetchone() == (None,)
    prepare(store, Variant("pxq", "PGB"), hergebruik=True)  # another financing: built anew
    assert not marked()
    mark()
    prepare(store, Variant("pxq", "PGB"))  # without hergebruik: built anew
    assert not marked()
