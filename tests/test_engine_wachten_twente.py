"""Family `wachten` for the Twente indicators (verblijf D2 i2 and i4, ambulant D4 i2 and i3) on a hand-made
delivery; every expected value worked out by hand.

Peildatum 31 October 2024. Hengelo (GM0164) unless said otherwise. Twente waits from the toewijzingsdatum, else
the aanmelddatum (days = begindatum − start). Cut ends d: T1 30-04-2024, T2 31-08-2024, 2024 31-10-2024.
Products (the region's catalogue, table producten):
  VBL residential, norm 28 · VBX residential, no category and no norm (D2.i4: 42) · SCR 'Screening verblijf',
  24-hour segment, not residential, norm 28 · AMB support, norm 14 · BEH treatment, norm 98 · DYS productgroep
  Dyslexie, norm 42 · GGZ segment cure, no category and no norm · ALT ambulant alternative.

Residential (6 weeks = 42 days; D2.i4 against the product's norm):
  V1 A VBL toew 10-01 (aanm 01-12-2023) → 21-02   42 days  T1  within 6 weeks; over 28
  V2 B VBX aanm 01-02 → 15-03                        43 days  T1  over 42 (2024 is a leap year)
  V4 D VBX toew 01-03 (aanm 01-01) → 12-04          42 days  T1  within (boundary), within the fallback 42
  V5 E VBL no toew, no aanm → 01-03                  left out
  V3 C VBL toew 01-05 → 20-05                        19 days  T2  within; within 28
  V9 A VBL aanm 01-03, toew 15-04 → 01-06            47 days  T2  over (from the toewijzing, not the aanmelding)
Waiting list for residential care (start + 28 ≤ d, not begun by d):
  V6 F VBL toew 02-04, not begun                     on the list from T1's d (exactly 28 days)
  V7 G VBL toew 01-03, cancelled 10-05               T1 only
  V9 A                                               not in T1: toew 15-04 + 28 = 13-05 (from the aanmelding it
                                                     would be on it)
  V8 H VBL toew 01-09, begins 15-11 (after the peildatum): on the list in 2024
Screenings: S1 B SCR toew 05-01 → 25-01 20 days; S2 C SCR aanm 10-02 → 11-03 30 days (both T1)
Ambulant (no residential care, no alternative; type and norm for D4.i3):
  A1 D AMB begeleiden toew 02-01 → 12-01            10  begeleiding, 14: within
  A2 E AMB begeleiden aanm 01-02 → 16-02            15  begeleiding, 14: over
  A3 F BEH behandelen toew 15-01 → 22-04            98  behandeling, 98: within (boundary)
  A4 G DYS behandelen toew 01-02 → 20-03            48  dyslexie (productgroep first), 42: over
  A5 H GGZ no perspectief aanm 10-01 → 01-03        51  behandeling (segment cure), no norm → 98: within
  A7 B AMB diagnostiek toew 01-03 → 05-03            4  overig, 14: within
  A8 C GGZ diagnostiek toew 01-04 → 11-04           10  overig, no norm: not in D4.i3
  S1, S2 (screenings are ambulant products here)     20, 30  overig (segment 24uurs), 28: within, over
  A6 A ALT toew 01-02 → 05-02                         left out (ambulant alternative)
  A9 A AMB in Borne (GM0147) toew 01-03 → 21-03     20  begeleiding, 14: over
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from jeugdmonitor.engine.perioden import parse
from jeugdmonitor.engine.runner import compute
from jeugdmonitor.store.loader import load_delivery
from tests.conftest import BSN, Make, Rows
from tests.engine_hulp import find, load_store, value

PERIODS = [parse("2024"), parse("2024-T1"), parse("2024-T2")]
A, B, C, D, E, F, G, H = BSN


def _product(code: str, naam: str, categorie: str, segment: str, groep: str, norm: str = "", verblijf: str = "nee",
             alternatief: str = "nee") -> dict[str, object]:  # fmt: skip
    return {"product": code, "omschrijving": naam, "productcategorie": categorie, "verblijf": verblijf,
            "ambulant_alternatief": alternatief, "segment": segment, "productgroep": groep,
            "wachttijdnorm_dagen": norm}  # fmt: skip


PRODUCTEN: Rows = [
    _product("VBL", "Verblijf gezinshuis", "43", "24uurs", "Verblijf", "28", verblijf="ja"),
    _product("VBX", "Verblijf overig", "", "24uurs", "Verblijf", "", verblijf="ja"),
    _product("SCR", "Screening verblijf", "45", "24uurs", "Screening", "28"),
    _product("AMB", "Ambulante begeleiding", "45", "care", "Begeleiding", "14"),
    _product("BEH", "Ambulante behandeling", "45", "care", "Behandeling", "98"),
    _product("DYS", "Dyslexiezorg", "45", "cure", "Dyslexie", "42"),
    _product("GGZ", "Jeugd-ggz", "", "cure", "Jeugd GGZ", ""),
    _product("ALT", "Intensieve gezinsbehandeling", "45", "24uurs", "Alternatief", "42", alternatief="ja"),
]


def _person(bsn: str) -> dict[str, object]:
    return {"bsn": bsn, "geslacht": "1", "geboortedatum": "2010-01-01", "gemeente": "GM0164"}


def _traject(tid: str, bsn: str, product: str, toew: str, aanm: str, begin: str, end: str = "",
             **extra: object) -> dict[str, object]:  # fmt: skip
    row: dict[str, object] = {"traject_id": tid, "bsn": bsn, "product": product, "aanbieder": "Aanbieder X",
                              "toewijzingsdatum": toew, "aanmelddatum": aanm, "begindatum": begin, "einddatum": end,
                              "reden_beeindiging": "34" if end else "", "perspectief": ""}  # fmt: skip
    row.update(extra)
    return row


def fixture_tables() -> dict[str, Rows]:
    return {
        "levering": [{"peildatum": "2024-10-31", "bron": "handwerk"}],
        "jeugdigen": [_person(p) for p in BSN],
        "producten": PRODUCTEN,
        "jeugdhulp": [
            _traject("V1", A, "VBL", "2024-01-10", "2023-12-01", "2024-02-21"),
            _traject("V2", B, "VBX", "", "2024-02-01", "2024-03-15"),
            _traject("V4", D, "VBX", "2024-03-01", "2024-01-01", "2024-04-12"),
            _traject("V5", E, "VBL", "", "", "2024-03-01"),
            _traject("V3", C, "VBL", "2024-05-01", "", "2024-05-20"),
            _traject("V9", A, "VBL", "2024-04-15", "2024-03-01", "2024-06-01"),
            _traject("V6", F, "VBL", "2024-04-02", "", ""),
            _traject("V7", G, "VBL", "2024-03-01", "", "", "2024-05-10"),
            _traject("V8", H, "VBL", "2024-09-01", "", "2024-11-15"),
            _traject("S1", B, "SCR", "2024-01-05", "", "2024-01-25"),
            _traject("S2", C, "SCR", "", "2024-02-10", "2024-03-11"),
            _traject("A1", D, "AMB", "2024-01-02", "", "2024-01-12", perspectief="begeleiden"),
            _traject("A2", E, "AMB", "", "2024-02-01", "2024-02-16", perspectief="begeleiden"),
            _traject("A3", F, "BEH", "2024-01-15", "", "2024-04-22", perspectief="behandelen"),
            _traject("A4", G, "DYS", "2024-02-01", "", "2024-03-20", perspectief="behandelen"),
            _traject("A5", H, "GGZ", "", "2024-01-10", "2024-03-01"),
            _traject("A7", B, "AMB", "2024-03-01", "", "2024-03-05", perspectief="diagnostiek"),
            _traject("A8", C, "GGZ", "2024-04-01", "", "2024-04-11", perspectief="diagnostiek"),
            _traject("A6", A, "ALT", "2024-02-01", "", "2024-02-05"),
            _traject("A9", A, "AMB", "2024-03-01", "", "2024-03-21", perspectief="begeleiden", gemeente="GM0147"),
        ],
    }


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    return load_store(tmp_path_factory, "wachten_twente", fixture_tables())


def test_verblijf_d2_i2_three_measures(store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(store, ["twente.verblijf.D2.i2"], PERIODS)
    # T1: placed within 42 days: V1 (42) and V4 (42) of V1, V2 (43), V4 — V5 has no start of its waiting time
    t1 = find(recs, "2024-T1", "GM0164", "aandeel_binnen_6_weken")
    assert t1 is not None and (t1.teller, t1.noemer, t1.eenheid) == (2, 3, "procent")
    assert t1.waarde == pytest.approx(200 / 3)
    # T2: V3 (19) within, V9 (47 from its toewijzing) not → 50%; 2024: V1, V4, V3 of five → 60%
    assert value(recs, "2024-T2", "GM0164", "aandeel_binnen_6_weken") == 50
    assert value(recs, "2024", "GM0164", "aandeel_binnen_6_weken") == 60
    # screenings: S1 20 and S2 30 days → 25 (T1 and 2024); none began in T2, so no value there
    scr = find(recs, "2024-T1", "GM0164", "wachttijd_screening")
    assert scr is not None and (scr.waarde, scr.teller, scr.noemer, scr.eenheid) == (25, 50, 2, "dagen")
    assert value(recs, "2024", "GM0164", "wachttijd_screening") == 25
    assert find(recs, "2024-T2", "GM0164", "wachttijd_screening") is None
    # waiting list: T1 F (exactly 28 days) and G (cancelled after d), not A (toewijzing 15-04); T2 F; 2024 F, H
    lijst = find(recs, "2024-T1", "GM0164", "wachtlijst")
    assert lijst is not None and (lijst.waarde, lijst.eenheid) == (2, "aantal")
    assert value(recs, "2024-T2", "GM0164", "wachtlijst") == 1
    assert value(recs, "2024", "GM0164", "wachtlijst") == 2
    assert value(recs, "2024", "GM0147", "wachtlijst") == 0  # nobody waits in Borne: zero, not missing


def test_verblijf_d2_i4_against_the_contract_norm(store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(store, ["twente.verblijf.D2.i4"], PERIODS)
    # T1: V1 42 > 28 (VBL's norm), V2 43 > 42 (VBX: no norm, so 42), V4 42 ≤ 42 → 1 of 3
    t1 = find(recs, "2024-T1", "GM0164")
    assert t1 is not None and (t1.teller, t1.noemer, t1.eenheid) == (1, 3, "procent")
    # T2: V3 19 ≤ 28, V9 47 > 28 → 50%; 2024: V4 and V3 of five → 40%
    assert value(recs, "2024-T2", "GM0164") == 50
    assert value(recs, "2024", "GM0164") == 40
    assert value(recs, "2024", "regio") == 40


def test_ambulant_d4_i2_mean_waiting_time(store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(store, ["twente.ambulant.D4.i2"], PERIODS)
    # T1 Hengelo: A1 10, A2 15, A3 98, A4 48, A5 51, A7 4, A8 10, S1 20, S2 30 = 286 over 9; not the
    # alternative A6 nor residential care
    t1 = find(recs, "2024-T1", "GM0164")
    assert t1 is not None and (t1.teller, t1.noemer, t1.eenheid) == (286, 9, "dagen")
    assert t1.waarde == pytest.approx(286 / 9)
    # the region adds A9 in Borne (20 days): 306 / 10
    assert value(recs, "2024-T1", "regio") == pytest.approx(30.6)
    assert value(recs, "2024-T1", "GM0147") == 20
    assert find(recs, "2024-T2", "GM0164") is None  # no ambulant help began in T2


def test_ambulant_d4_i3_within_the_norm_per_product_type(store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(store, ["twente.ambulant.D4.i3"], [parse("2024-T1")])
    # within: A1, A3, A5, A7, S1 of A1, A2, A3, A4, A5, A7, S1, S2 (A8 has no norm) → 5 of 8
    totaal = find(recs, "2024-T1", "GM0164")
    assert totaal is not None and (totaal.teller, totaal.noemer, totaal.waarde) == (5, 8, 62.5)
    per_type = {r.dimensies["producttype"]: (r.teller, r.noemer) for r in recs
                if r.gemeente == "GM0164" and "producttype" in r.dimensies}  # fmt: skip
    # begeleiding A1 in, A2 out; behandeling A3 (98 ≤ 98) and A5 (fallback 98); dyslexie A4 48 > 42;
    # overig A7, S1 in and S2 out (A8 left out: no norm)
    assert per_type == {"begeleiding": (1, 2), "behandeling": (2, 2), "dyslexie": (0, 1), "overig": (2, 3)}
    # the region adds A9 (begeleiding, 20 > 14)
    assert value(recs, "2024-T1", "regio", producttype="begeleiding") == pytest.approx(100 / 3)
    assert value(recs, "2024-T1", "regio") == pytest.approx(500 / 9)


def test_without_either_start_date_the_waiting_time_is_not_available(make_delivery: Make, tmp_path: Path) -> None:
    tables: dict[str, Rows] = {
        "levering": [{"peildatum": "2024-10-31"}],
        "jeugdigen": [_person(A)],
        "jeugdhulp": [{"traject_id": "X1", "bsn": A, "product": "45A48", "begindatum": "2024-02-01", "einddatum": ""}],
    }
    path = tmp_path / "zonder.duckdb"
    load_delivery(make_delivery(tables), path)
    ids = ["twente.verblijf.D2.i2", "twente.verblijf.D2.i4", "twente.ambulant.D4.i2", "twente.ambulant.D4.i3"]
    recs = compute(duckdb.connect(str(path), read_only=True), ids, [parse("2024")])
    assert {(r.indicator, r.gemeente, r.status) for r in recs} == {
        (i, g, "niet_beschikbaar") for i in ids for g in ("GM0164", "regio")}  # fmt: skip
    assert all("jeugdhulp.toewijzingsdatum | jeugdhulp.aanmelddatum" in r.toelichting for r in recs)


def test_months_cut_at_a_peildatum_in_the_month(make_delivery: Make, tmp_path: Path) -> None:
    # Peildatum 15 March 2024 (in the month): 2024-03 and 2024-Q1 end there. Ambulant help (AMB), Hengelo:
    #   W1 A toew 20-01 → 10-02   21 days (February)
    #   W2 B toew 20-02 → 05-03   14 days (2024 is a leap year)
    #   W3 D toew 28-02 → 15-03   16 days (begins on the peildatum: counts)
    #   W4 C toew 01-03 → 25-03   after the peildatum: not begun, in no period
    tables: dict[str, Rows] = {
        "levering": [{"peildatum": "2024-03-15", "bron": "handwerk"}],
        "jeugdigen": [_person(p) for p in (A, B, C, D)],
        "producten": PRODUCTEN,
        "jeugdhulp": [
            _traject("W1", A, "AMB", "2024-01-20", "", "2024-02-10", perspectief="begeleiden"),
            _traject("W2", B, "AMB", "2024-02-20", "", "2024-03-05", perspectief="begeleiden"),
            _traject("W3", D, "AMB", "2024-02-28", "", "2024-03-15", perspectief="begeleiden"),
            _traject("W4", C, "AMB", "2024-03-01", "", "2024-03-25", perspectief="begeleiden"),
        ],
    }
    path = tmp_path / "midden.duckdb"
    load_delivery(make_delivery(tables), path)
    periods = [parse("2024-02"), parse("2024-03"), parse("2024-Q1")]
    recs = compute(duckdb.connect(str(path), read_only=True), ["twente.ambulant.D4.i2"], periods)
    got = {(r.periode, r.gemeente): (r.teller, r.noemer, r.status) for r in recs}
    assert got == {
        ("2024-02", "GM0164"): (21, 1, "ok"), ("2024-02", "regio"): (21, 1, "ok"),
        ("2024-03", "GM0164"): (30, 2, "voorlopig"), ("2024-03", "regio"): (30, 2, "voorlopig"),
        ("2024-Q1", "GM0164"): (51, 3, "voorlopig"), ("2024-Q1", "regio"): (51, 3, "voorlopig"),
    }  # fmt: skip
