"""Family `kosten_zorgperiode` (h10.19: the costs of a whole care spell, measured when it ends) on a hand-made
delivery; every expected value worked out by hand.

Peildatum 31 October 2024. Hengelo (GM0164) unless said otherwise. The region's products: AMB (categorie 45,
productgroep Begeleiding), GGZ (categorie 54, productgroep GGZ), JRP (categorie 47: jeugdreclassering, a
measure). Spells: all youth care without measures, merge gap 0. Hengelo's first month with costs is January 2023
(a subsidy), Borne's January 2024.

  A  TA1 AMB 01-03-2023..31-12-2023, TA2 AMB 01-01..31-03-2024: back to back, one spell that ended in T1
     costs TA1 2023-06: 1000, 2023-12: 500; TA2 02: 700, 03: 300, 05: 100 (after TA2 ended: not care of it)
     → 2500, also the costs of 2023
  B  TB1 GGZ 01-02..30-06, TB2 AMB 01-05..31-05 (overlapping): one spell, ended in T2
     costs TB1 03: 1200, 06: 800; TB2 05: 400 → 2400 (per productgroep: GGZ 2000, Begeleiding 400)
  C  TC1 AMB 15-01..10-04 (ended in T1), TC2 AMB 01-06..open (a new spell, open)
     costs TC1 01: 300, 04: 100; without trajectory (client C, product AMB) 04: 50 (in the first spell) and
     06: 60 (in the open one) → 450
  D  TD1 AMB 01-01..10-02, TD2 AMB 20-02..31-03: 9 days apart, two spells, both ended in T1
     costs TD1 01: 100; TD2 03: 200; without trajectory (client D) 02: 70, a month touching both spells: the
     later one → D's spells 100 + 270 = 370 for one client
  E  TE0 AMB cancelled (no begindatum, einddatum 01-03); TE1 AMB 01-03..31-03 without costs → not counted
  F  TF1 AMB 01-06-2022..29-02-2024, costs 01: 500: began before Hengelo's first cost month → not counted
  G  TG1 JRP 01-01..31-05 (a measure, out of scope), cost 02: 900; TG2 AMB 01-01..30-11 (ends after the
     peildatum: open), cost 02: 400 → not counted
  H  Borne (GM0147): TH1 AMB 01-01..31-08, costs 01: 1000, 08: 1000 → 2000
"""

from __future__ import annotations

import duckdb
import pytest

from jeugdmonitor.engine.perioden import parse
from jeugdmonitor.engine.runner import compute
from tests.conftest import BSN, Rows
from tests.engine_hulp import find, load_store, value

PERIODS = [parse("2024"), parse("2024-T1"), parse("2024-T2"), parse("2024-T3")]
HENGELO, BORNE = "GM0164", "GM0147"
A, B, C, D, E, F, G, H = BSN

PRODUCTEN: Rows = [
    {"product": "AMB", "productcategorie": "45", "productgroep": "Begeleiding"},
    {"product": "GGZ", "productcategorie": "54", "productgroep": "GGZ"},
    {"product": "JRP", "productcategorie": "47", "productgroep": "JR"},
]


def _person(bsn: str, gemeente: str = HENGELO) -> dict[str, object]:
    return {"bsn": bsn, "geslacht": "1", "geboortedatum": "2010-01-01", "gemeente": gemeente}


def _traject(tid: str, bsn: str, product: str, begin: str, end: str = "") -> dict[str, object]:
    return {"traject_id": tid, "bsn": bsn, "product": product, "begindatum": begin, "einddatum": end,
            "reden_beeindiging": "31" if end else ""}  # fmt: skip


def _kosten(maand: str, bedrag: int, traject_id: str = "", **extra: object) -> dict[str, object]:
    return {"maand": maand, "bedrag": bedrag, "traject_id": traject_id, "bsn": "", "product": "", "gemeente": "",
            "soort": "declaratie", **extra}  # fmt: skip


def fixture_tables() -> dict[str, Rows]:
    return {
        "levering": [{"peildatum": "2024-10-31"}],
        "jeugdigen": [*(_person(p) for p in (A, B, C, D, E, F, G)), _person(H, BORNE)],
        "producten": PRODUCTEN,
        "jeugdhulp": [
            _traject("TA1", A, "AMB", "2023-03-01", "2023-12-31"),
            _traject("TA2", A, "AMB", "2024-01-01", "2024-03-31"),
            _traject("TB1", B, "GGZ", "2024-02-01", "2024-06-30"),
            _traject("TB2", B, "AMB", "2024-05-01", "2024-05-31"),
            _traject("TC1", C, "AMB", "2024-01-15", "2024-04-10"),
            _traject("TC2", C, "AMB", "2024-06-01"),
            _traject("TD1", D, "AMB", "2024-01-01", "2024-02-10"),
            _traject("TD2", D, "AMB", "2024-02-20", "2024-03-31"),
            {**_traject("TE0", E, "AMB", "", "2024-03-01"), "reden_beeindiging": "34"},
            _traject("TE1", E, "AMB", "2024-03-01", "2024-03-31"),
            _traject("TF1", F, "AMB", "2022-06-01", "2024-02-29"),
            _traject("TG1", G, "JRP", "2024-01-01", "2024-05-31"),
            _traject("TG2", G, "AMB", "2024-01-01", "2024-11-30"),
            _traject("TH1", H, "AMB", "2024-01-01", "2024-08-31"),
        ],
        "kosten": [
            _kosten("2023-01", 5000, soort="subsidie", gemeente=HENGELO),
            _kosten("2023-06", 1000, "TA1"),
            _kosten("2023-12", 500, "TA1"),
            _kosten("2024-02", 700, "TA2"),
            _kosten("2024-03", 300, "TA2"),
            _kosten("2024-05", 100, "TA2"),
            _kosten("2024-03", 1200, "TB1"),
            _kosten("2024-06", 800, "TB1"),
            _kosten("2024-05", 400, "TB2"),
            _kosten("2024-01", 300, "TC1"),
            _kosten("2024-04", 100, "TC1"),
            _kosten("2024-04", 50, bsn=C, product="AMB"),
            _kosten("2024-06", 60, bsn=C, product="AMB"),
            _kosten("2024-01", 100, "TD1"),
            _kosten("2024-03", 200, "TD2"),
            _kosten("2024-02", 70, bsn=D, product="AMB"),
            _kosten("2024-01", 500, "TF1"),
            _kosten("2024-02", 900, "TG1"),
            _kosten("2024-02", 400, "TG2"),
            _kosten("2024-01", 1000, "TH1"),
            _kosten("2024-08", 1000, "TH1"),
        ],
    }


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    return load_store(tmp_path_factory, "kosten_zorgperiode", fixture_tables())


def test_mean_costs_of_the_spells_that_ended(store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(store, ["h10.19"], PERIODS)
    # 2024: A 2500, B 2400, C 450, D 370 (two spells, one client); not E (no costs), F (began before the
    # costs were recorded), G (open, and a measure)
    r = find(recs, "2024", HENGELO)
    assert r is not None and (r.teller, r.noemer, r.eenheid) == (5720, 4, "euro")
    assert r.waarde == pytest.approx(1430)
    t1 = find(recs, "2024-T1", HENGELO)  # A, C, D
    assert t1 is not None and (t1.teller, t1.noemer) == (3320, 3)
    assert value(recs, "2024-T2", HENGELO) == 2400  # B
    assert find(recs, "2024-T3", HENGELO) is None  # no spell ended in September–October
    assert value(recs, "2024", BORNE) == 2000
    assert value(recs, "2024-T2", BORNE) == 2000
    # the region: each spell against the first cost month of the young person's municipality
    reg = find(recs, "2024", "regio")
    assert reg is not None and (reg.teller, reg.noemer) == (7720, 5)


def test_per_productgroep_the_spells_within_it(store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(store, ["h10.19"], [parse("2024")], per=["productgroep"])
    # Begeleiding: A 2500, B's TB2 alone 400, C 450 (the loose AMB row included), D 370
    r = find(recs, "2024", HENGELO, productgroep="Begeleiding")
    assert r is not None and (r.teller, r.noemer) == (3720, 4)
    assert value(recs, "2024", HENGELO, productgroep="GGZ") == 2000  # B's TB1
    assert find(recs, "2024", HENGELO, productgroep="JR") is None  # measures are out of scope
    assert value(recs, "2024", HENGELO) == pytest.approx(1430)  # the total is unchanged by the split


def test_not_available_without_costs(tmp_path_factory: pytest.TempPathFactory) -> None:
    tables = fixture_tables()
    del tables["kosten"]
    con = load_store(tmp_path_factory, "zorgperiode_zonder_kosten", tables)
    recs = compute(con, ["h10.19"], [parse("2024")])
    assert recs and {r.status for r in recs} == {"niet_beschikbaar"}
    assert all("kosten.bedrag" in r.toelichting and "kosten.traject_id | kosten.client" in r.toelichting
               for r in recs)  # fmt: skip


def test_months_of_a_client_who_ended_two_spells_in_one_year(store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(store, ["h10.19"], [parse("2024-02"), parse("2024-03")])
    # D's first spell ended on 10 February (TD1's 100: the loose February row belongs to the later spell), the
    # second on 31 March (200 + 70); in March also A's spell (2500); E's spell has no costs
    feb = find(recs, "2024-02", HENGELO)
    assert feb is not None and (feb.teller, feb.noemer) == (100, 1)
    mar = find(recs, "2024-03", HENGELO)
    assert mar is not None and (mar.teller, mar.noemer) == (2770, 2)
    assert value(recs, "2024-02", "regio") == 100
