"""Families `kosten`, `gebruik_kosten` (h10.20) and `bereik` on a hand-made delivery; every expected value worked
out by hand.

Peildatum 31 October 2024 (levering.csv). Hengelo (GM0164) unless said otherwise. Products: 45A48 productgroep
"Ambulante begeleiding", perceel "Ambulante jeugdhulp"; 54001 "Jeugd GGZ" (perceel "Jeugd GGZ"); 47A00
"Jeugdreclassering" (perceel "JB/JR", a measure).

  A  born 01-05-2010, wijk 01  T1 45A48 ZIN 01-01-2024..open
  B  born 15-06-2006, wijk 02  T2 54001 ZIN 01-01..31-08; T3 45A48 PGB 01-03..30-06; T8 47A00 JR 01-06..31-08
     (18 on 15-06-2024)
  C  born 01-01-2012, wijk 02  T4 45A48 PGB 01-05-2024..open
  D  born 03-03-2011, wijk 01  T6 45A48 ZIN 01-03..31-03; T9 54001 cancelled (no begindatum, einddatum 01-02)
  E  Borne (GM0147), born 07-07-2013, no wijk   T5 45A48 ZIN 01-02..30-04
  F  born 01-01-2000 (24), wijk 01   T7 45A48 ZIN 01-01..31-01

Costs (maand: amount), 2024 = January to October (the peildatum):
  T1 A    2023-12: 999 (before 2024), 01: 1000, 02: 1000, 05: 500, 05: −200 (credit), 11: 777 (after the
          peildatum)                                                         2024: 2300, T1: 2000, T2: 300
  T2 B    05: 2000 (B 17 on 31 May), 07: 3000 (18 on 31 July)               2024: 5000, T2: 5000
  T3 B    06: 400 PGB (18 on 30 June)                                        2024: 400,  T2: 400
  T8 B    07: 300 JR (18)                                                    2024: 300,  T2: 300
  T4 C    05: 600, 09: 600 PGB                                               2024: 1200, T2: 600
  T6 D    03: 250 and −250: nets to zero                                     2024: 0
  T7 F    01: 100 (24)                                                       2024: 100,  T1: 100
  T5 E    03: 800 (Borne)                                                    2024: 800
  subsidie, no client, perceel "Preventie", 02: 5000 (Hengelo)               2024: 5000, T1: 5000
Hengelo 2024: 2300 + 5000 + 400 + 300 + 1200 + 0 + 100 + 5000 = 14300, of which client-bound 9300 (persons
with costs: A, B, C, F — D's costs net to zero). Region: 15100, client-bound 10100, 5 persons.

Bevolking 2024, 0–17: Hengelo 600 (0–11) + 400 (12–17) = 1000, wijk 01: 300, wijk 02: 200; 18–22: 300.
Borne: only wijk rows, 250 + 250 = 500. Region 0–17: 1500. A 2023 row (900) is not used for 2024.
"""

from __future__ import annotations

import duckdb
import pytest

from jeugdmonitor.engine.perioden import parse
from jeugdmonitor.engine.runner import compute
from tests.conftest import BSN, Rows
from tests.engine_hulp import find as record
from tests.engine_hulp import load_store, value

PERIODS = [parse("2024"), parse("2024-T1"), parse("2024-T2")]
W1, W2 = "WK016401", "WK016402"
HENGELO, BORNE = "GM0164", "GM0147"
A, B, C, D, E, F, *_ = BSN


def _person(bsn: str, born: str, wijk: str, gemeente: str = HENGELO) -> dict[str, object]:
    return {"bsn": bsn, "geslacht": "1", "geboortedatum": born, "gemeente": gemeente, "wijk": wijk}


def _traject(tid: str, bsn: str, product: str, begin: str, end: str, financiering: str = "ZIN") -> dict[str, object]:
    return {"traject_id": tid, "bsn": bsn, "product": product, "financiering": financiering,
            "aanmelddatum": "2023-12-01", "begindatum": begin, "einddatum": end,
            "reden_beeindiging": "31" if end else ""}  # fmt: skip


def _kosten(maand: str, bedrag: str, traject_id: str = "", **extra: object) -> dict[str, object]:
    return {"maand": maand, "bedrag": bedrag, "traject_id": traject_id, "gemeente": "", "soort": "declaratie",
            "perceel": "", **extra}  # fmt: skip


def _bevolking(gemeente: str, wijk: str, van: int, tot: int, aantal: int, jaar: int = 2024) -> dict[str, object]:
    return {"jaar": jaar, "gemeente": gemeente, "wijk": wijk, "leeftijd_van": van, "leeftijd_tot": tot,
            "aantal": aantal}  # fmt: skip


def fixture_tables() -> dict[str, Rows]:
    return {
        "levering": [{"peildatum": "2024-10-31", "bron": "handwerk"}],
        "jeugdigen": [
            _person(A, "2010-05-01", W1),
            _person(B, "2006-06-15", W2),
            _person(C, "2012-01-01", W2),
            _person(D, "2011-03-03", W1),
            _person(E, "2013-07-07", "", BORNE),
            _person(F, "2000-01-01", W1),
        ],
        "jeugdhulp": [
            _traject("T1", A, "45A48", "2024-01-01", ""),
            _traject("T2", B, "54001", "2024-01-01", "2024-08-31"),
            _traject("T3", B, "45A48", "2024-03-01", "2024-06-30", "PGB"),
            _traject("T8", B, "47A00", "2024-06-01", "2024-08-31"),
            _traject("T4", C, "45A48", "2024-05-01", "", "PGB"),
            _traject("T6", D, "45A48", "2024-03-01", "2024-03-31"),
            _traject("T9", D, "54001", "", "2024-02-01"),
            _traject("T5", E, "45A48", "2024-02-01", "2024-04-30"),
            _traject("T7", F, "45A48", "2024-01-01", "2024-01-31"),
        ],
        "kosten": [
            _kosten("2023-12", "999", "T1"),
            _kosten("2024-01", "1000", "T1"),
            _kosten("2024-02", "1000", "T1"),
            _kosten("2024-05", "500", "T1"),
            _kosten("2024-05", "-200", "T1"),
            _kosten("2024-11", "777", "T1"),
            _kosten("2024-05", "2000", "T2"),
            _kosten("2024-07", "3000", "T2"),
            _kosten("2024-06", "400", "T3"),
            _kosten("2024-07", "300", "T8"),
            _kosten("2024-05", "600", "T4"),
            _kosten("2024-09", "600", "T4"),
            _kosten("2024-03", "250", "T6"),
            _kosten("2024-03", "-250", "T6"),
            _kosten("2024-01", "100", "T7"),
            _kosten("2024-03", "800", "T5"),
            _kosten("2024-02", "5000", gemeente=HENGELO, soort="subsidie", perceel="Preventie"),
        ],
        "bevolking": [
            _bevolking(HENGELO, "", 0, 11, 600),
            _bevolking(HENGELO, "", 12, 17, 400),
            _bevolking(HENGELO, "", 18, 22, 300),
            _bevolking(HENGELO, W1, 0, 17, 300),
            _bevolking(HENGELO, W2, 0, 17, 200),
            _bevolking(BORNE, "WK014701", 0, 17, 250),
            _bevolking(BORNE, "WK014702", 0, 17, 250),
            _bevolking(HENGELO, "", 0, 17, 900, jaar=2023),
        ],
    }


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    return load_store(tmp_path_factory, "kosten", fixture_tables())


def test_kern_kosten_total_per_client_and_per_inhabitant(store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(store, ["kern.kosten"], PERIODS)
    # months outside 2024 and after the peildatum are not counted; the credit and the subsidy are
    assert value(recs, "2024", HENGELO, "totaal") == 14300
    assert value(recs, "2024", BORNE, "totaal") == 800
    assert value(recs, "2024", "regio", "totaal") == 15100
    assert value(recs, "2024-T1", HENGELO, "totaal") == 7100  # T1 2000, F 100, D 0, subsidie 5000
    assert value(recs, "2024-T2", HENGELO, "totaal") == 6600  # T1 300, T2 5000, T3 400, T8 300, T4 600
    # per client: client-bound 9300 ÷ A, B, C, F (D's costs net to zero)
    per_client = record(recs, "2024", HENGELO, "per_client")
    assert per_client is not None and (per_client.teller, per_client.noemer, per_client.waarde) == (9300, 4, 2325)
    assert value(recs, "2024", "regio", "per_client") == 10100 / 5
    assert value(recs, "2024-T1", HENGELO, "per_client") == 2100 / 2  # A 2000, F 100
    # per inhabitant 0–17 in 2024: two age bands 600 + 400 (not 18–22, not the 2023 row)
    per_inwoner = record(recs, "2024", HENGELO, "per_inwoner")
    assert per_inwoner is not None and (per_inwoner.teller, per_inwoner.noemer) == (14300, 1000)
    assert per_inwoner.waarde == pytest.approx(14.3)
    assert value(recs, "2024", BORNE, "per_inwoner") == pytest.approx(800 / 500)  # Borne: the sum of its wijken
    assert value(recs, "2024", "regio", "per_inwoner") == pytest.approx(15100 / 1500)
    assert {r.eenheid for r in recs} == {"euro"}
    assert record(recs, "2024", HENGELO, "totaal").status == "voorlopig"  # type: ignore[union-attr]


def test_kern_kosten_splits(store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(store, ["kern.kosten"], [parse("2024")], per=["financiering", "wijk", "perceel"])
    assert value(recs, "2024", HENGELO, "totaal", financiering="PGB") == 1600  # T3 400 + T4 1200
    assert value(recs, "2024", HENGELO, "totaal", financiering="ZIN") == 12700  # the subsidy counts as ZIN
    # per wijk: client-bound costs only (the subsidy has no wijk); per inhabitant of the wijk
    assert value(recs, "2024", HENGELO, "totaal", wijk=W1) == 2400  # A 2300, D 0, F 100
    assert value(recs, "2024", HENGELO, "totaal", wijk=W2) == 6900  # B 5700, C 1200
    assert value(recs, "2024", HENGELO, "totaal", wijk="onbekend") is None
    assert value(recs, "2024", HENGELO, "per_inwoner", wijk=W1) == pytest.approx(2400 / 300)
    assert value(recs, "2024", HENGELO, "per_inwoner", wijk=W2) == pytest.approx(6900 / 200)
    assert value(recs, "2024", HENGELO, "per_client", wijk=W1) == 2400 / 2  # A and F
    assert value(recs, "2024", HENGELO, "per_client", perceel="Preventie") is None  # no client-bound costs
    assert value(recs, "2024", HENGELO, "totaal", perceel="Preventie") == 5000


def test_hengelo_k2_k5_w5(store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(store, ["hengelo.K2", "hengelo.K5", "hengelo.W5"], [parse("2024")])
    k2 = {r.dimensies.get("perceel", "totaal"): r.waarde
          for r in recs if r.indicator == "hengelo.K2" and r.gemeente == HENGELO}  # fmt: skip
    # Ambulante jeugdhulp: A 2300 + B 400 + C 1200 + D 0 + F 100
    assert k2 == {"totaal": 14300, "Ambulante jeugdhulp": 4000, "Jeugd GGZ": 5000, "JB/JR": 300, "Preventie": 5000}
    k5 = [r for r in recs if r.indicator == "hengelo.K5"]
    assert value(k5, "2024", HENGELO, "kosten", financiering="PGB") == 1600
    assert value(k5, "2024", HENGELO, "kosten", financiering="ZIN") == 12700
    assert value(k5, "2024", HENGELO, "aandeel", financiering="PGB") == pytest.approx(100 * 1600 / 14300)
    assert value(k5, "2024", HENGELO, "aandeel", financiering="ZIN") == pytest.approx(100 * 12700 / 14300)
    assert value(k5, "2024", HENGELO, "aandeel") == 100
    assert {r.maat: r.eenheid for r in k5} == {"kosten": "euro", "aandeel": "procent"}
    w5 = {r.dimensies.get("wijk", "totaal"): r.waarde
          for r in recs if r.indicator == "hengelo.W5" and r.gemeente == HENGELO}  # fmt: skip
    # the subsidy (5000) is in the total but in no wijk
    assert w5 == {"totaal": 14300, W1: 2400, W2: 6900}
    assert value([r for r in recs if r.indicator == "hengelo.W5"], "2024", BORNE, wijk="onbekend") == 800


def test_h10_costs(store: duckdb.DuckDBPyConnection) -> None:
    ids = ["h10.30", "h10.31", "h10.32", "h10.33", "h10.34", "h10.35"]
    recs = {i: [r for r in compute(store, ids, PERIODS) if r.indicator == i] for i in ids}
    # 30: all costs but PGB per inhabitant 0–17; per productgroep as the seed asks
    assert value(recs["h10.30"], "2024", HENGELO) == pytest.approx(12700 / 1000)
    assert value(recs["h10.30"], "2024", HENGELO, productgroep="Ambulante begeleiding") == pytest.approx(2400 / 1000)
    assert value(recs["h10.30"], "2024", "regio") == pytest.approx(13500 / 1500)
    # 31: client-bound costs per person with such costs
    assert value(recs["h10.31"], "2024", HENGELO) == 2325
    assert value(recs["h10.31"], "2024", HENGELO, productgroep="Ambulante begeleiding") == 4000 / 4  # A, B, C, F
    assert value(recs["h10.31"], "2024", HENGELO, productgroep="Jeugd GGZ") == 5000
    assert value(recs["h10.31"], "2024", HENGELO, productgroep="onbekend") is None  # only the subsidy
    # 32: JH costs of clients 18+ in the month of care (B: July 3000 and June PGB 400, not May, not JR; F 100)
    # as a share of all costs
    r32 = record(recs["h10.32"], "2024", HENGELO)
    assert r32 is not None and (r32.teller, r32.noemer, r32.eenheid) == (3500, 14300, "procent")
    assert r32.waarde == pytest.approx(100 * 3500 / 14300)
    assert value(recs["h10.32"], "2024", HENGELO, productgroep="Jeugd GGZ") == pytest.approx(100 * 3000 / 5000)
    assert value(recs["h10.32"], "2024-T1", HENGELO) == pytest.approx(100 * 100 / 7100)  # F only
    # 33: PGB per inhabitant 0–17
    assert value(recs["h10.33"], "2024", HENGELO) == pytest.approx(1600 / 1000)
    assert value(recs["h10.33"], "2024", "regio") == pytest.approx(1600 / 1500)
    # 34: PGB for 18–22-year-olds (B's June 400) per inhabitant 18–22
    assert value(recs["h10.34"], "2024", HENGELO) == pytest.approx(400 / 300)
    # 35: PGB + JH for 18–22-year-olds (B 3400; not F at 24, not JR) of all costs
    assert value(recs["h10.35"], "2024", HENGELO) == pytest.approx(100 * 3400 / 14300)
    assert value(recs["h10.35"], "2024", BORNE) == 0


def test_bereik(store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(store, ["kern.bereik"], PERIODS, per=["wijk"])
    # 2024: A 14, C 12, D 13 on their last day in care; B was 18 on 31 August and F is 24
    r = record(recs, "2024", HENGELO)
    assert r is not None and (r.teller, r.noemer, r.eenheid) == (3, 1000, "procent")
    assert r.waarde == pytest.approx(0.3)
    assert value(recs, "2024", BORNE) == pytest.approx(100 * 1 / 500)
    assert value(recs, "2024", "regio") == pytest.approx(100 * 4 / 1500)
    # T1 (to 30 April): A, B (still 17), D; C began in May
    assert record(recs, "2024-T1", HENGELO).teller == 3  # type: ignore[union-attr]
    assert value(recs, "2024", HENGELO, wijk=W1) == pytest.approx(100 * 2 / 300)  # A, D
    assert value(recs, "2024", HENGELO, wijk=W2) == pytest.approx(100 * 1 / 200)  # C
    assert value(recs, "2024", BORNE, wijk="onbekend") is None  # E has no wijk: no inhabitants to divide by


def test_h10_03_per_productgroep(store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(store, ["h10.03"], [parse("2024")])
    assert value(recs, "2024", HENGELO) == pytest.approx(0.3)
    assert value(recs, "2024", HENGELO, productgroep="Ambulante begeleiding") == pytest.approx(0.3)  # A, C, D
    r = record(recs, "2024", HENGELO, productgroep="Jeugd GGZ")  # only B, 18 on 31 August
    assert r is not None and (r.teller, r.waarde) == (0, 0)
    assert record(recs, "2024", HENGELO, productgroep="Jeugdreclassering") is None  # measures are out of scope


def test_pgb_aandeel(store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(store, ["kern.pgb_aandeel"], PERIODS, per=["productgroep"])
    r = record(recs, "2024", HENGELO, "jeugdigen")
    assert r is not None and (r.teller, r.noemer, r.waarde) == (2, 5, 40)  # B and C of A, B, C, D, F (any age)
    assert value(recs, "2024-T1", HENGELO, "jeugdigen") == 25  # B (T3 from March) of A, B, D, F
    assert value(recs, "2024", HENGELO, "jeugdigen", productgroep="Ambulante begeleiding") == 40
    assert value(recs, "2024", HENGELO, "jeugdigen", productgroep="Jeugd GGZ") == 0
    assert value(recs, "2024", BORNE, "jeugdigen") == 0


def test_h10_21_and_h10_38(store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(store, ["h10.21", "h10.38"], PERIODS)
    h21 = [r for r in recs if r.indicator == "h10.21"]
    # 21: client-bound costs per client with costs, always per productgroep (as h10.31)
    assert value(h21, "2024", HENGELO) == 2325  # 9300 ÷ A, B, C, F
    assert value(h21, "2024", HENGELO, productgroep="Ambulante begeleiding") == 1000  # 2300 + 400 + 1200 + 0 + 100 ÷ 4
    assert value(h21, "2024", HENGELO, productgroep="Jeugd GGZ") == 5000
    assert value(h21, "2024", HENGELO, productgroep="Jeugdreclassering") == 300
    assert value(h21, "2024-T1", HENGELO, productgroep="Ambulante begeleiding") == 2100 / 2  # A 2000, F 100
    # 38: PGB costs paid in the period: T3 400 (June) and T4 600 (May) + 600 (September)
    h38 = [r for r in recs if r.indicator == "h10.38"]
    assert value(h38, "2024", HENGELO) == 1600
    assert value(h38, "2024-T2", HENGELO) == 1000
    assert record(h38, "2024-T1", HENGELO) is None  # no PGB costs in January–April
    assert record(h38, "2024", BORNE) is None
    assert value(h38, "2024", "regio") == 1600


def test_h10_20_use_and_mean_costs_per_productgroep(store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(store, ["h10.20"], PERIODS)
    # persons with an active trajectory in 2024 per productgroep: Ambulante begeleiding A, B (T3), C, D, F;
    # Jeugd GGZ B; Jeugdreclassering B (T8); the total counts A, B, C, D, F once
    assert value(recs, "2024", HENGELO, "aantal") == 5
    assert value(recs, "2024", HENGELO, "aantal", productgroep="Ambulante begeleiding") == 5
    assert value(recs, "2024", HENGELO, "aantal", productgroep="Jeugd GGZ") == 1  # not D's cancelled T9
    assert value(recs, "2024", HENGELO, "aantal", productgroep="Jeugdreclassering") == 1
    assert value(recs, "2024", BORNE, "aantal") == 1
    assert value(recs, "2024", "regio", "aantal") == 6
    # T1 (to 30 April): A, B (T2 and, from March, T3), D, F; C began in May, T8 in June
    assert value(recs, "2024-T1", HENGELO, "aantal") == 4
    assert value(recs, "2024-T1", HENGELO, "aantal", productgroep="Ambulante begeleiding") == 4
    assert record(recs, "2024-T1", HENGELO, "aantal", productgroep="Jeugdreclassering") is None
    # the mean costs per client that make a productgroep relatively expensive (as h10.31)
    r = record(recs, "2024", HENGELO, "kosten_per_client", productgroep="Jeugd GGZ")
    assert r is not None and (r.teller, r.noemer, r.waarde, r.eenheid) == (5000, 1, 5000, "euro")
    assert value(recs, "2024", HENGELO, "kosten_per_client", productgroep="Ambulante begeleiding") == 1000
    assert value(recs, "2024", HENGELO, "kosten_per_client") == 2325
    assert {r.eenheid for r in recs if r.maat == "aantal"} == {"aantal"}


def test_h10_38_not_available_without_costs(tmp_path_factory: pytest.TempPathFactory) -> None:
    tables = fixture_tables()
    del tables["kosten"]
    con = load_store(tmp_path_factory, "zonder_kosten", tables)
    recs = compute(con, ["h10.38", "h10.21", "h10.20"], [parse("2024")])
    for indicator in ("h10.38", "h10.21"):
        found = [r for r in recs if r.indicator == indicator]
        assert found and {r.status for r in found} == {"niet_beschikbaar"}
        assert all("kosten.bedrag" in r.toelichting for r in found)
    # h10.20 counts use without costs (its mean costs are absent, not zero)
    h20 = [r for r in recs if r.indicator == "h10.20"]
    assert value(h20, "2024", HENGELO, "aantal") == 5
    assert not [r for r in h20 if r.maat == "kosten_per_client"]


def test_h10_20_not_available_without_products(tmp_path_factory: pytest.TempPathFactory) -> None:
    tables = fixture_tables()
    tables["jeugdhulp"] = [{k: v for k, v in t.items() if k != "product"} for t in tables["jeugdhulp"]]
    con = load_store(tmp_path_factory, "zonder_product", tables)
    recs = compute(con, ["h10.20"], [parse("2024")])
    assert recs and {r.status for r in recs} == {"niet_beschikbaar"}
    assert all("jeugdhulp.product | jeugdhulp.productcategorie" in r.toelichting for r in recs)
