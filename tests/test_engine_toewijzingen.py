"""Families on allocations (toewijzingen, Noordoostpolder): `zorgzwaarte` (kern.zorgzwaarte), `zwaarteband`
(kern.zwaarteband) and `beschikkingen` (kern.beschikkingen) on a hand-made delivery; every expected value
worked out by hand.

Peildatum 15 October 2024 (mid-month). Hengelo (GM0164) unless said otherwise. The region's products:
  P1  categorie 45, productgroep Begeleiding,  perceel Ambulant, zwaarteband 1
  P2  categorie 45, productgroep Behandeling,  perceel Ambulant, zwaarteband 2
  P3  categorie 43, productgroep Verblijf,     perceel Verblijf, zwaarteband 3
  P0  categorie 45, productgroep Overig,       perceel Ambulant, no zwaarteband
  JRP categorie 47 (jeugdreclassering: a measure, out of scope), zwaarteband 1

Allocations (frequentie: 1 per dag, 2 per week, 4 per maand, 6 totaal) and their value per day:
  A  TA1 P1 10 × €50 per maand, 01-01..15-03; TA2 P1 the same, 16-03..open (an extension within March)
     → a whole month is €500: March 15/31 × 500 + 16/31 × 500 = 500; October to the 15th: 15/31 × 500
  B  TB1 P3 1 × €100 per dag, 10-02..31-03               → February 20 days 2000, March 3100
  C  TC1 P2 2 × €70 per week (€20 a day), 01-01..31-12 (after the peildatum: open)
                                                          → January 620, February 580, March 620, October 300
  D  TD1 P2 1 × €3000 totaal, 01-03..29-05, toewijzing to 29-05 (90 days: €100/3 a day) → March 3100/3
  E  TE1 P1 01-01..open without volume and tarief (no value); TE2 P0 01-02..29-02 (no value, no band)
  F  TF1 P1 cancelled: no begindatum, einddatum 10-03 (volume and tarief given) → never active
  G  TG1 JRP 1 × €200 per dag, 01-01..open: a measure → not counted
  H  Borne (GM0147): TH1 P1 1 × €400 per maand, 01-02..29-02  → February 400
"""

from __future__ import annotations

import duckdb
import pytest

from jeugdmonitor.engine.perioden import parse
from jeugdmonitor.engine.runner import compute
from tests.conftest import BSN, Rows
from tests.engine_hulp import find, load_store, value

PERIODS = [parse("2024-01"), parse("2024-02"), parse("2024-03"), parse("2024-10"), parse("2024-Q1")]
HENGELO, BORNE = "GM0164", "GM0147"
A, B, C, D, E, F, G, H = BSN


def _product(product: str, categorie: str, productgroep: str, perceel: str, band: str) -> dict[str, object]:
    return {"product": product, "productcategorie": categorie, "productgroep": productgroep, "perceel": perceel,
            "zwaarteband": band}  # fmt: skip


PRODUCTEN: Rows = [
    _product("P1", "45", "Begeleiding", "Ambulant", "1"),
    _product("P2", "45", "Behandeling", "Ambulant", "2"),
    _product("P3", "43", "Verblijf", "Verblijf", "3"),
    _product("P0", "45", "Overig", "Ambulant", ""),
    _product("JRP", "47", "JR", "JB/JR", "1"),
]


def _person(bsn: str, gemeente: str = HENGELO) -> dict[str, object]:
    return {"bsn": bsn, "geslacht": "1", "geboortedatum": "2010-01-01", "gemeente": gemeente}


def _traject(tid: str, bsn: str, product: str, begin: str, end: str = "", frequentie: str = "", volume: object = "",
             tarief: object = "", **extra: object) -> dict[str, object]:  # fmt: skip
    return {"traject_id": tid, "bsn": bsn, "product": product, "begindatum": begin, "einddatum": end,
            "reden_beeindiging": "31" if end else "", "frequentie": frequentie, "volume": volume, "tarief": tarief,
            "toewijzing_einddatum": "", **extra}  # fmt: skip


def _budget(gemeente: str, perceel: str, aantal: object, maand: object = "") -> dict[str, object]:
    return {"jaar": 2024, "gemeente": gemeente, "perceel": perceel, "bedrag": 1000, "aantal": aantal, "maand": maand}


def fixture_tables() -> dict[str, Rows]:
    return {
        "levering": [{"peildatum": "2024-10-15"}],
        "jeugdigen": [*(_person(p) for p in (A, B, C, D, E, F, G)), _person(H, BORNE)],
        "producten": PRODUCTEN,
        "jeugdhulp": [
            _traject("TA1", A, "P1", "2024-01-01", "2024-03-15", "4", 10, 50),
            _traject("TA2", A, "P1", "2024-03-16", "", "4", 10, 50),
            _traject("TB1", B, "P3", "2024-02-10", "2024-03-31", "1", 1, 100),
            _traject("TC1", C, "P2", "2024-01-01", "2024-12-31", "2", 2, 70),
            _traject("TD1", D, "P2", "2024-03-01", "2024-05-29", "6", 1, 3000, toewijzing_einddatum="2024-05-29"),
            _traject("TE1", E, "P1", "2024-01-01"),
            _traject("TE2", E, "P0", "2024-02-01", "2024-02-29"),
            {**_traject("TF1", F, "P1", "", "2024-03-10", "1", 1, 100), "reden_beeindiging": "34"},
            _traject("TG1", G, "JRP", "2024-01-01", "", "1", 1, 200),
            _traject("TH1", H, "P1", "2024-02-01", "2024-02-29", "4", 1, 400),
        ],
        "budget": [
            _budget(HENGELO, "Ambulant", 4),
            _budget(HENGELO, "Verblijf", 2),
            _budget(BORNE, "Ambulant", 1, maand=2),
            _budget(BORNE, "Ambulant", 3, maand=3),
            _budget(BORNE, "Verblijf", ""),
        ],
    }


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    return load_store(tmp_path_factory, "toewijzingen", fixture_tables())


def test_zorgzwaarte_per_month(store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(store, ["kern.zorgzwaarte"], PERIODS)
    # February: A 500, B 2000, C 580 for three young persons (E has no value, H is in Borne)
    feb = find(recs, "2024-02", HENGELO)
    assert feb is not None and (feb.teller, feb.noemer, feb.eenheid) == (pytest.approx(3080), 3, "euro")
    assert feb.waarde == pytest.approx(3080 / 3)
    # March: A's extension within the month is one month's value for one young person; D's total over 90 days
    mar = find(recs, "2024-03", HENGELO)
    assert mar is not None and mar.noemer == 4
    assert mar.teller == pytest.approx(500 + 3100 + 620 + 3100 / 3)
    assert value(recs, "2024-01", HENGELO) == pytest.approx((500 + 620) / 2)  # A and C
    # a quarter: the monthly values over the person-months (January 2, February 3, March 4)
    q1 = find(recs, "2024-Q1", HENGELO)
    assert q1 is not None and q1.noemer == 9
    assert q1.teller == pytest.approx(1120 + 3080 + 500 + 3100 + 620 + 3100 / 3)
    # October, cut at the peildatum (15th): A 15/31 × 500, C 15 × 20
    okt = find(recs, "2024-10", HENGELO)
    assert okt is not None and okt.status == "voorlopig" and okt.noemer == 2
    assert okt.teller == pytest.approx(15 / 31 * 500 + 300)
    assert value(recs, "2024-02", BORNE) == pytest.approx(400)
    assert value(recs, "2024-02", "regio") == pytest.approx(3480 / 4)


def test_zorgzwaarte_per_perceel(store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(store, ["kern.zorgzwaarte"], [parse("2024-03")], per=["perceel"])
    assert value(recs, "2024-03", HENGELO, perceel="Ambulant") == pytest.approx((500 + 620 + 3100 / 3) / 3)
    assert value(recs, "2024-03", HENGELO, perceel="Verblijf") == pytest.approx(3100)


def test_zwaarteband_shares(store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(store, ["kern.zwaarteband"], PERIODS)
    # February: band 1 TA1, TE1; band 2 TC1; band 3 TB1 (TE2 has no band; TF1 never began; TG1 is a measure)
    assert {m: value(recs, "2024-02", HENGELO, m) for m in "123"} == {"1": 50, "2": 25, "3": 25}
    one = find(recs, "2024-02", HENGELO, "1")
    assert one is not None and (one.teller, one.noemer, one.eenheid) == (2, 4, "procent")
    # March and the quarter: TA1 and TA2 (two allocations), TE1; TC1, TD1; TB1
    for periode in ("2024-03", "2024-Q1"):
        shares = {m: value(recs, periode, HENGELO, m) for m in "123"}
        assert shares == {"1": pytest.approx(50), "2": pytest.approx(100 * 2 / 6), "3": pytest.approx(100 / 6)}
    # zeros are written, so that the three shares add up to 100
    assert {m: value(recs, "2024-02", BORNE, m) for m in "123"} == {"1": 100, "2": 0, "3": 0}
    assert find(recs, "2024-03", BORNE, "1") is None  # H's allocation ended in February


def test_beschikkingen_on_the_last_day_of_each_month(store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(store, ["kern.beschikkingen"], PERIODS)
    # 31 January: TA1, TC1, TE1; 29 February: TA1, TB1, TC1, TE1, TE2; 31 March: TA2, TB1, TC1, TD1, TE1
    assert value(recs, "2024-01", HENGELO, "actief") == 3
    assert value(recs, "2024-02", HENGELO, "actief") == 5
    assert value(recs, "2024-03", HENGELO, "actief") == 5
    q1 = find(recs, "2024-Q1", HENGELO, "actief")  # the mean over the quarter's months
    assert q1 is not None and (q1.teller, q1.noemer) == (13, 3)
    okt = find(recs, "2024-10", HENGELO, "actief")  # on the peildatum: TA2, TC1 (ends after it), TE1
    assert okt is not None and (okt.waarde, okt.status) == (3, "voorlopig")
    # begroot: the year's number; Borne's per month (February 1, March 3), over the quarter (0 + 1 + 3) / 3
    assert value(recs, "2024-02", HENGELO, "begroot") == 6
    assert value(recs, "2024-02", BORNE, "begroot") == 1
    assert value(recs, "2024-Q1", BORNE, "begroot") == pytest.approx(4 / 3)
    assert value(recs, "2024-01", BORNE, "begroot") == 0  # Borne's budget has no row for January
    assert value(recs, "2024-02", "regio", "begroot") == 7
    assert value(recs, "2024-02", BORNE, "actief") == 1


def test_beschikkingen_per_perceel(store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(store, ["kern.beschikkingen"], [parse("2024-03")], per=["perceel"])
    assert value(recs, "2024-03", HENGELO, "actief", perceel="Ambulant") == 4  # TA2, TC1, TD1, TE1
    assert value(recs, "2024-03", HENGELO, "actief", perceel="Verblijf") == 1
    assert value(recs, "2024-03", HENGELO, "begroot", perceel="Ambulant") == 4
    assert value(recs, "2024-03", HENGELO, "begroot", perceel="Verblijf") == 2
    assert value(recs, "2024-03", BORNE, "begroot", perceel="Ambulant") == 3


def test_not_available_without_the_inputs(tmp_path_factory: pytest.TempPathFactory) -> None:
    tables = fixture_tables()
    del tables["budget"]
    tables["producten"] = [{k: v for k, v in p.items() if k != "zwaarteband"} for p in PRODUCTEN]
    tables["jeugdhulp"] = [{k: v for k, v in t.items() if k not in ("volume", "tarief", "frequentie")}
                           for t in tables["jeugdhulp"]]  # fmt: skip
    con = load_store(tmp_path_factory, "toewijzingen_zonder", tables)
    recs = compute(con, ["kern.zorgzwaarte", "kern.zwaarteband", "kern.beschikkingen"], [parse("2024-02")])
    assert recs and {r.status for r in recs} == {"niet_beschikbaar"}
    missing = {r.indicator: r.toelichting for r in recs}
    assert "jeugdhulp.volume" in missing["kern.zorgzwaarte"] and "jeugdhulp.tarief" in missing["kern.zorgzwaarte"]
    assert "producten.zwaarteband" in missing["kern.zwaarteband"]
    assert "budget.aantal" in missing["kern.beschikkingen"]


def test_zorgzwaarte_of_a_young_person_who_moved(tmp_path_factory: pytest.TempPathFactory) -> None:
    """A young person with allocations in two municipalities counts once in each and once in the region.

    A: Hengelo 1 × €10 per dag 01-01..10-02, then Borne 1 × €20 per dag 11-02..31-03 (2024: February has 29 days)
    B: Hengelo 1 × €5 per dag 01-02..29-02
      February  Hengelo 10 × 10 + 29 × 5 = 245 for A and B; Borne 19 × 20 = 380 for A;
                region 100 + 380 + 145 = 625 for two persons (A once, though in both municipalities)
      Q1        region January 310 (A), February 625 (A, B), March 620 (A): 1555 over 4 person-months;
                Hengelo 310 + 245 over 1 + 2; Borne 380 + 620 over 1 + 1
    """
    a, b = BSN[0], BSN[1]
    tables: dict[str, Rows] = {
        "levering": [{"peildatum": "2024-10-15"}],
        "jeugdigen": [_person(a), _person(b)],
        "producten": PRODUCTEN,
        "jeugdhulp": [
            _traject("TA1", a, "P1", "2024-01-01", "2024-02-10", "1", 1, 10),
            _traject("TA2", a, "P1", "2024-02-11", "2024-03-31", "1", 1, 20, gemeente=BORNE),
            _traject("TB1", b, "P1", "2024-02-01", "2024-02-29", "1", 1, 5),
        ],
    }
    recs = compute(load_store(tmp_path_factory, "toewijzingen_verhuisd", tables), ["kern.zorgzwaarte"],
                   [parse("2024-02"), parse("2024-Q1")])  # fmt: skip
    teller_noemer = {(r.periode, r.gemeente): (r.teller, r.noemer) for r in recs}
    assert teller_noemer[("2024-02", HENGELO)] == (pytest.approx(245), 2)
    assert teller_noemer[("2024-02", BORNE)] == (pytest.approx(380), 1)
    assert teller_noemer[("2024-02", "regio")] == (pytest.approx(625), 2)
    assert teller_noemer[("2024-Q1", "regio")] == (pytest.approx(1555), 4)
    assert teller_noemer[("2024-Q1", HENGELO)] == (pytest.approx(555), 3)
    assert teller_noemer[("2024-Q1", BORNE)] == (pytest.approx(1000), 2)
