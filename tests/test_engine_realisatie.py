"""Family `realisatie` (h10.36, twente.verblijf.D3.i2, twente.ambulant.D3.i2) on a hand-made delivery; every
expected value worked out by hand.

Peildatum 31 October 2024. Hengelo (GM0164) unless said otherwise. The region's products:
  AMB  ambulant (categorie 45)                  productgroep Begeleiding    perceel Ambulant
  ALT  ambulant alternatief for verblijf        productgroep Alternatief    perceel Verblijf
  VBL  verblijf (categorie 43)                  productgroep Verblijf       perceel Verblijf
  JRP  jeugdreclassering (categorie 47: JR)     productgroep JR             perceel JB/JR

Trajectories (tarief per unit) and their costs (maand: declared amount, delivered volume → P×Q):
  A  TA1 AMB €100, 01-01-2024..open   2023-12: 999 (no volume); 01: 1000 (10 → 1000); 02: 950 (10 → 1000);
                                      05: 500 (no volume → 500); 06: −200 (credit, 2 → −200);
                                      11: 700 (after the peildatum)
                                      2024 declared 2250, P×Q 2300; T1 declared 1950, P×Q 2000; T2 P×Q 300
  B  TB1 VBL €200, 01-01..30-06      03: 6200 (31 → 6200)
     TB2 VBL €200, 01-07..open       07: 6000 (31 → 6200): an extension, one young person
  C  TC1 ALT €50, 01-02..30-09       04: 1500 (30 → 1500)
     TC2 VBL €300, 01-05..31-05      05: 9300 (31 → 9300)
     no trajectory, product VBL      08: 400 (the product makes it verblijf; no volume)
  D  TD1 JRP €1000, 01-03..open      03: 1000 (1 → 1000)
  E  Borne (GM0147): TE1 AMB PGB €80, 01-01..open   02: 800 (soort pgb; 10 → 800)
  subsidy for Hengelo, perceel Ambulant, no product, no client   02: 3000

P×Q 2024 Hengelo: Ambulant 2300 + 3000 = 5300; Verblijf 6200 + 6200 + 1500 + 9300 + 400 = 23600; JB/JR 1000;
total 29900. Borne: Ambulant 800. Region: 30700.
Budget 2024: Hengelo Ambulant 4000, Verblijf 20000, JB/JR 2000, Preventie 500 (no costs) = 26500; Borne
Ambulant 1000; region 27500. Budget 2023: Hengelo productgroep Begeleiding 5000 (no perceel).
"""

from __future__ import annotations

import duckdb
import pytest

from jeugdmonitor.engine.perioden import parse
from jeugdmonitor.engine.runner import compute
from tests.conftest import BSN, Rows
from tests.engine_hulp import find, load_store, value

PERIODS = [parse("2023"), parse("2024"), parse("2024-T1"), parse("2024-T2")]
HENGELO, BORNE = "GM0164", "GM0147"
A, B, C, D, E, *_ = BSN

PRODUCTEN: Rows = [
    {"product": "AMB", "productcategorie": "45", "verblijf": "nee", "ambulant_alternatief": "nee",
     "productgroep": "Begeleiding", "perceel": "Ambulant"},
    {"product": "ALT", "productcategorie": "45", "verblijf": "nee", "ambulant_alternatief": "ja",
     "productgroep": "Alternatief", "perceel": "Verblijf"},
    {"product": "VBL", "productcategorie": "43", "verblijf": "ja", "ambulant_alternatief": "nee",
     "productgroep": "Verblijf", "perceel": "Verblijf"},
    {"product": "JRP", "productcategorie": "47", "verblijf": "nee", "ambulant_alternatief": "nee",
     "productgroep": "JR", "perceel": "JB/JR"},
]  # fmt: skip


def _person(bsn: str, gemeente: str = HENGELO) -> dict[str, object]:
    return {"bsn": bsn, "geslacht": "2", "geboortedatum": "2012-01-01", "gemeente": gemeente}


def _traject(tid: str, bsn: str, product: str, tarief: int, begin: str, end: str = "",
             financiering: str = "ZIN") -> dict[str, object]:  # fmt: skip
    return {"traject_id": tid, "bsn": bsn, "product": product, "financiering": financiering, "begindatum": begin,
            "einddatum": end, "reden_beeindiging": "31" if end else "", "volume": 1, "eenheid": "04",
            "frequentie": "2", "tarief": tarief}  # fmt: skip


def _kosten(maand: str, bedrag: int, traject_id: str = "", volume: object = "", **extra: object) -> dict[str, object]:
    return {"maand": maand, "bedrag": bedrag, "traject_id": traject_id, "volume": volume, "soort": "declaratie",
            "bsn": "", "product": "", "gemeente": "", "perceel": "", **extra}  # fmt: skip


def _budget(jaar: int, gemeente: str, bedrag: int, perceel: str = "", productgroep: str = "") -> dict[str, object]:
    return {"jaar": jaar, "gemeente": gemeente, "perceel": perceel, "productgroep": productgroep, "bedrag": bedrag}


def fixture_tables() -> dict[str, Rows]:
    return {
        "levering": [{"peildatum": "2024-10-31"}],
        "jeugdigen": [_person(A), _person(B), _person(C), _person(D), _person(E, BORNE)],
        "producten": PRODUCTEN,
        "jeugdhulp": [
            _traject("TA1", A, "AMB", 100, "2024-01-01"),
            _traject("TB1", B, "VBL", 200, "2024-01-01", "2024-06-30"),
            _traject("TB2", B, "VBL", 200, "2024-07-01"),
            _traject("TC1", C, "ALT", 50, "2024-02-01", "2024-09-30"),
            _traject("TC2", C, "VBL", 300, "2024-05-01", "2024-05-31"),
            _traject("TD1", D, "JRP", 1000, "2024-03-01"),
            _traject("TE1", E, "AMB", 80, "2024-01-01", financiering="PGB"),
        ],
        "kosten": [
            _kosten("2023-12", 999, "TA1"),
            _kosten("2024-01", 1000, "TA1", 10),
            _kosten("2024-02", 950, "TA1", 10),
            _kosten("2024-05", 500, "TA1"),
            _kosten("2024-06", -200, "TA1", 2),
            _kosten("2024-11", 700, "TA1", 7),
            _kosten("2024-03", 6200, "TB1", 31),
            _kosten("2024-07", 6000, "TB2", 31),
            _kosten("2024-04", 1500, "TC1", 30),
            _kosten("2024-05", 9300, "TC2", 31),
            _kosten("2024-08", 400, bsn=C, product="VBL"),
            _kosten("2024-03", 1000, "TD1", 1),
            _kosten("2024-02", 800, "TE1", 10, soort="pgb"),
            _kosten("2024-02", 3000, soort="subsidie", gemeente=HENGELO, perceel="Ambulant"),
        ],
        "budget": [
            _budget(2024, HENGELO, 4000, "Ambulant"),
            _budget(2024, HENGELO, 20000, "Verblijf"),
            _budget(2024, HENGELO, 2000, "JB/JR"),
            _budget(2024, HENGELO, 500, "Preventie"),
            _budget(2024, BORNE, 1000, "Ambulant"),
            _budget(2023, HENGELO, 5000, productgroep="Begeleiding"),
        ],
    }


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    return load_store(tmp_path_factory, "realisatie", fixture_tables())


def test_h10_36_pxq_against_the_budget_per_perceel(store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(store, ["h10.36"], PERIODS)
    # P×Q where volume and tariff are known (the credit as negative production), else the declared amount
    assert value(recs, "2024", HENGELO, "realisatie") == 29900
    assert value(recs, "2024", HENGELO, "realisatie", perceel="Ambulant") == 5300  # A 2300 + subsidy 3000
    assert value(recs, "2024", HENGELO, "realisatie", perceel="Verblijf") == 23600
    assert value(recs, "2024", HENGELO, "realisatie", perceel="JB/JR") == 1000
    assert value(recs, "2024", HENGELO, "budget") == 26500
    pct = find(recs, "2024", HENGELO, "percentage")
    assert pct is not None and (pct.teller, pct.noemer, pct.eenheid) == (29900, 26500, "procent")
    assert pct.waarde == pytest.approx(100 * 29900 / 26500)
    assert value(recs, "2024", HENGELO, "percentage", perceel="Ambulant") == pytest.approx(132.5)  # 5300 / 4000
    assert value(recs, "2024", HENGELO, "percentage", perceel="Verblijf") == pytest.approx(118)  # 23600 / 20000
    assert value(recs, "2024", HENGELO, "percentage", perceel="JB/JR") == pytest.approx(50)
    # a perceel with a budget but no costs: realisation 0
    assert value(recs, "2024", HENGELO, "realisatie", perceel="Preventie") == 0
    assert value(recs, "2024", HENGELO, "percentage", perceel="Preventie") == 0
    assert value(recs, "2024", BORNE, "percentage") == pytest.approx(80)  # PGB 800 of 1000
    assert value(recs, "2024", "regio", "realisatie") == 30700
    assert value(recs, "2024", "regio", "percentage") == pytest.approx(100 * 30700 / 27500)
    # T1 (Jan–Apr): A 2000, subsidy 3000, B 6200, C 1500, D 1000, against the whole year's budget
    assert value(recs, "2024-T1", HENGELO, "realisatie") == 13700
    assert value(recs, "2024-T1", HENGELO, "budget") == 26500
    assert value(recs, "2024-T1", HENGELO, "percentage") == pytest.approx(100 * 13700 / 26500)
    # T2 (May–Aug): A 500 − 200, B 6200, C 9300 + 400
    assert value(recs, "2024-T2", HENGELO, "realisatie") == 16200
    assert find(recs, "2024", HENGELO, "realisatie").status == "voorlopig"  # type: ignore[union-attr]
    # 2023: only the declared 999 (no volume), against a budget given per productgroep: no perceel budget
    assert value(recs, "2023", HENGELO, "realisatie") == 999
    assert value(recs, "2023", HENGELO, "percentage") == pytest.approx(100 * 999 / 5000)
    assert value(recs, "2023", HENGELO, "budget", perceel="Ambulant") is None


def test_h10_36_per_productgroep_when_the_budget_has_it(store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(store, ["h10.36"], [parse("2023"), parse("2024")], per=["productgroep"])
    assert value(recs, "2023", HENGELO, "budget", productgroep="Begeleiding") == 5000
    assert value(recs, "2023", HENGELO, "percentage", productgroep="Begeleiding") == pytest.approx(19.98)
    # 2024 has no productgroep budget: the realisation only (Verblijf: B 12400, C 9300 + 400)
    assert value(recs, "2024", HENGELO, "realisatie", productgroep="Verblijf") == 22100
    assert value(recs, "2024", HENGELO, "realisatie", productgroep="Alternatief") == 1500
    assert find(recs, "2024", HENGELO, "budget", productgroep="Verblijf") is None


def test_twente_costs_per_young_person_in_verblijf(store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(store, ["twente.verblijf.D3.i2"], PERIODS)
    # declared costs of verblijf products: B 6200 + 6000 (an extension: one young person), C 9300 + the loose
    # VBL row 400; the ambulant alternative (C's TC1) is not verblijf
    r = find(recs, "2024", HENGELO)
    assert r is not None and (r.teller, r.noemer, r.waarde) == (21900, 2, 10950)
    assert value(recs, "2024-T1", HENGELO) == 6200  # B only
    assert value(recs, "2024-T2", HENGELO) == (6000 + 9700) / 2
    assert find(recs, "2024", BORNE) is None  # no verblijf in Borne
    assert value(recs, "2024", "regio") == 10950


def test_twente_costs_of_ambulant_help(store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(store, ["twente.ambulant.D3.i2"], PERIODS, per=["financiering"])
    # AMB only, declared: A 1000 + 950 + 500 − 200; not the alternative, verblijf, JR, nor the subsidy (no product)
    assert value(recs, "2024", HENGELO) == 2250
    assert value(recs, "2024-T1", HENGELO) == 1950
    assert value(recs, "2024", BORNE) == 800
    assert value(recs, "2024", BORNE, financiering="PGB") == 800
    assert value(recs, "2024", "regio") == 3050


def test_h10_36_not_available_without_budget(tmp_path_factory: pytest.TempPathFactory) -> None:
    tables = fixture_tables()
    del tables["budget"]
    con = load_store(tmp_path_factory, "zonder_budget", tables)
    recs = compute(con, ["h10.36", "twente.ambulant.D3.i2"], [parse("2024")])
    h36 = [r for r in recs if r.indicator == "h10.36"]
    assert h36 and {r.status for r in h36} == {"niet_beschikbaar"}
    assert all("budget.productgroep | budget.perceel" in r.toelichting for r in h36)
    ambulant = [r for r in recs if r.indicator == "twente.ambulant.D3.i2"]
    assert value(ambulant, "2024", HENGELO) == 2250  # the ambulant costs need no budget
