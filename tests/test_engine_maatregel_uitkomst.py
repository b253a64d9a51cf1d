"""Family `maatregel_uitkomst` (h10.15, h10.17, h10.18) on a hand-made delivery; every expected value worked out
by hand.

Peildatum 31 October 2024 (levering.csv). Hengelo (GM0164) unless said otherwise; Borne is GM0147.
Periods: T1 01-01..30-04, T2 01-05..31-08, 2024 (cut at 31-10: voorlopig). Dates in 2024 unless a year is given.

JB (h10.15; measures of one young person that overlap or follow on the next day form one period):
  A  B1 ots 01-06-2023 → 15-01 tussentijdse_opheffing;  B2 ots 10-05 → open         new period 116 days later
  B  B3 vots 01-01 → 31-01 omzetting;  B4 ots 01-02 → open                            back-to-back: one period
  C  B5 voogdij 01-01-2023 → 30-06-2023 volgens_plan;  B6 ots 01-03 → 31-08 volgens_plan   gap over 182 days
  D  B7 ots 01-01-2022 → 01-01 volgens_plan;  B8 vots 01-07 → open                    01-07 − 182 days = 01-01
  E  B9 ots cancelled (no begindatum, einde 01-03);  B10 ots 01-04 → open             no earlier period
  F  B11 ots 01-02 → 15-11 (after the peildatum: still running);  B12 vots from 20-11 (after it: not started)
  G  B13 ots 01-10-2023 → 29-02 tussentijdse_opheffing;  B14 ots 01-04 → open (Borne)
JR (h10.17, h10.18; erkende interventie):
  A  R1 toezicht 01-10-2023 → 31-03 volgens_plan, nee;  R2 itb 01-06 → open, ja      new period 62 days later
  H  born 15-06-2006 (18 on 15-06): R3 gbm 01-01-2023 → 20-12-2023, ja;  R4 stp 01-02 → 01-07, nee   43 days
  C  R5 toezicht 01-01 → 15-02, ja;  R6 itb 16-02 → 31-05, onbekend                  back-to-back: one period
  D  R7 cancelled (no begindatum, einde 01-02), ja
  E  R8 toezicht from 01-11 (after the peildatum), ja
"""

from __future__ import annotations

import duckdb
import pytest

from jeugdmonitor.engine.perioden import parse
from jeugdmonitor.engine.records import Record
from jeugdmonitor.engine.runner import compute
from tests.conftest import BSN, Rows
from tests.engine_hulp import find, load_store

PERIODS = [parse("2024"), parse("2024-T1"), parse("2024-T2")]
A, B, C, D, E, F, G, H = BSN


def _person(bsn: str, geboren: str = "2010-01-01", gemeente: str = "GM0164") -> dict[str, object]:
    return {"bsn": bsn, "geslacht": "1", "geboortedatum": geboren, "gemeente": gemeente}


def _maatregel(mid: str, bsn: str, kader: str, soort: str, begin: str, end: str = "", reden: str = "",
               erkend: str = "", gemeente: str = "GM0164") -> dict[str, object]:  # fmt: skip
    return {"maatregel_id": mid, "bsn": bsn, "gemeente": gemeente, "kader": kader, "type": soort,
            "gi": "GI Oost", "begindatum": begin, "einddatum": end, "reden_beeindiging": reden,
            "erkende_interventie": erkend}  # fmt: skip


def _basis() -> dict[str, Rows]:
    return {
        "levering": [{"peildatum": "2024-10-31", "bron": "handwerk"}],
        "jeugdigen": [
            *(_person(p) for p in (A, B, D, E, F)),
            _person(C, "2012-01-01"),
            _person(H, "2006-06-15"),
            _person(G, gemeente="GM0147"),
        ],
        "jeugdhulp": [{"traject_id": "T1", "bsn": A, "product": "45A48", "begindatum": "2024-01-01", "einddatum": ""}],
    }


def fixture_tables() -> dict[str, Rows]:
    return {
        **_basis(),
        "maatregelen": [
            _maatregel("B1", A, "JB", "ots", "2023-06-01", "2024-01-15", "tussentijdse_opheffing"),
            _maatregel("B2", A, "JB", "ots", "2024-05-10"),
            _maatregel("B3", B, "JB", "vots", "2024-01-01", "2024-01-31", "omzetting"),
            _maatregel("B4", B, "JB", "ots", "2024-02-01"),
            _maatregel("B5", C, "JB", "voogdij", "2023-01-01", "2023-06-30", "volgens_plan"),
            _maatregel("B6", C, "JB", "ots", "2024-03-01", "2024-08-31", "volgens_plan"),
            _maatregel("B7", D, "JB", "ots", "2022-01-01", "2024-01-01", "volgens_plan"),
            _maatregel("B8", D, "JB", "vots", "2024-07-01"),
            _maatregel("B9", E, "JB", "ots", "", "2024-03-01", "tussentijdse_opheffing"),
            _maatregel("B10", E, "JB", "ots", "2024-04-01"),
            _maatregel("B11", F, "JB", "ots", "2024-02-01", "2024-11-15", "volgens_plan"),
            _maatregel("B12", F, "JB", "vots", "2024-11-20"),
            _maatregel("B13", G, "JB", "ots", "2023-10-01", "2024-02-29", "tussentijdse_opheffing", gemeente="GM0147"),
            _maatregel("B14", G, "JB", "ots", "2024-04-01", gemeente="GM0147"),
            _maatregel("R1", A, "JR", "toezicht_begeleiding", "2023-10-01", "2024-03-31", "volgens_plan", "nee"),
            _maatregel("R2", A, "JR", "itb_harde_kern", "2024-06-01", erkend="ja"),
            _maatregel(
                "R3", H, "JR", "gedragsbeinvloedende_maatregel", "2023-01-01", "2023-12-20", "volgens_plan", "ja"
            ),
            _maatregel("R4", H, "JR", "stp", "2024-02-01", "2024-07-01", "volgens_plan", "nee"),
            _maatregel("R5", C, "JR", "toezicht_begeleiding", "2024-01-01", "2024-02-15", "overdracht", "ja"),
            _maatregel("R6", C, "JR", "itb_criem", "2024-02-16", "2024-05-31", "volgens_plan"),
            _maatregel("R7", D, "JR", "toezicht_begeleiding", "", "2024-02-01", "volgens_plan", "ja"),
            _maatregel("R8", E, "JR", "toezicht_begeleiding", "2024-11-01", erkend="ja"),
        ],
    }


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    return load_store(tmp_path_factory, "maatregel_uitkomst", fixture_tables())


def cell(records: list[Record], periode: str, gemeente: str, **dims: str) -> tuple:
    rec = find(records, periode, gemeente, **dims)
    assert rec is not None, (periode, gemeente, dims)
    return rec.teller, rec.noemer, rec.waarde


def test_h10_15_jb_return_against_ended_measures(store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(store, ["h10.15"], PERIODS)
    # T1: no JB period begins after an earlier one within 182 days (B's ots follows on its vots: one period;
    # C's gap is 245 days; E's cancelled ots never ran). Ended: B1 (A), B3 (B), B7 (D) → 0 of 3
    assert cell(recs, "2024-T1", "GM0164") == (0, 3, 0)
    assert cell(recs, "2024-T1", "GM0164", reden_beeindiging="omzetting") == (0, 1, 0)
    # T2: A (B2, 116 days after B1, tussentijdse_opheffing) and D (B8 on 01-07, exactly 182 days after B7,
    # volgens_plan) return; ended: B6 (C, 31-08, volgens_plan) → 2 / 1
    assert cell(recs, "2024-T2", "GM0164") == (2, 1, 200)
    assert cell(recs, "2024-T2", "GM0164", reden_beeindiging="volgens_plan") == (1, 1, 100)
    assert cell(recs, "2024-T2", "GM0164", reden_beeindiging="tussentijdse_opheffing") == (1, 0, None)
    # 2024: A, D against B1, B3, B7, B6 (B11 ends after the peildatum) → 50 %
    assert cell(recs, "2024", "GM0164") == (2, 4, 50)
    assert cell(recs, "2024", "GM0164", reden_beeindiging="volgens_plan") == (1, 2, 50)
    # Borne: G returns on 01-04, 32 days after B13 ended in T1
    assert cell(recs, "2024-T1", "GM0147") == (1, 1, 100)
    assert cell(recs, "2024", "regio") == (3, 5, 60)
    assert cell(recs, "2024", "regio", reden_beeindiging="tussentijdse_opheffing") == (2, 2, 100)


def test_h10_17_jr_recidive_distinct_young_persons(store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(store, ["h10.17"], PERIODS)
    # T1: H's R4 begins 43 days after R3 ended → teller H; ended: A (R1), C (R5: C's period runs on in R6) → 1 / 2
    assert cell(recs, "2024-T1", "GM0164") == (1, 2, 50)
    # T2: A's R2 begins 62 days after R1 → teller A; ended: H (R4), C (R6) → 1 / 2
    assert cell(recs, "2024-T2", "GM0164") == (1, 2, 50)
    # 2024: H and A against A, C, H (C once) → 2 / 3; D's cancelled measure and E's later one never count
    teller, noemer, waarde = cell(recs, "2024", "GM0164")
    assert (teller, noemer) == (2, 3) and waarde == pytest.approx(200 / 3)
    assert not [r for r in recs if "reden_beeindiging" in r.dimensies]


def test_h10_17_age_on_the_last_day_with_jr(store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(store, ["h10.17"], PERIODS, per=["leeftijdsklasse"])
    # H turns 18 on 15-06. T1: H's last JR day in T1 is 30-04 (17): teller H, noemer A, C → 12-17: 1 / 2
    assert cell(recs, "2024-T1", "GM0164", leeftijdsklasse="12-17 jaar") == (1, 2, 50)
    # T2: H's last JR day is 01-07 (18): noemer H; A (teller) and C (noemer) are 12-17
    assert cell(recs, "2024-T2", "GM0164", leeftijdsklasse="18 jaar en ouder") == (0, 1, 0)
    assert cell(recs, "2024-T2", "GM0164", leeftijdsklasse="12-17 jaar") == (1, 1, 100)
    # 2024: H is 18 on their last JR day (01-07), in teller and noemer; A teller, A and C noemer
    assert cell(recs, "2024", "GM0164", leeftijdsklasse="18 jaar en ouder") == (1, 1, 100)
    assert cell(recs, "2024", "GM0164", leeftijdsklasse="12-17 jaar") == (1, 2, 50)


def test_h10_18_erkende_interventies(store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(store, ["h10.18"], PERIODS)
    # T1: JR active for A (R1 nee), H (R4 nee), C (R5 ja, R6 onbekend) → 1 / 3
    teller, noemer, waarde = cell(recs, "2024-T1", "GM0164")
    assert (teller, noemer) == (1, 3) and waarde == pytest.approx(100 / 3)
    # T2: A (R2 ja from 01-06), H (R4 nee), C (R6 onbekend: counts as not) → 1 / 3
    assert cell(recs, "2024-T2", "GM0164")[:2] == (1, 3)
    # 2024: A and C ja, H nee (R3 ja ended in 2023); D's cancelled and E's later measure never ran → 2 / 3
    assert cell(recs, "2024", "GM0164")[:2] == (2, 3)
    assert find(recs, "2024", "GM0147") is None  # Borne has no JR


def test_missing_inputs_are_niet_beschikbaar(tmp_path_factory: pytest.TempPathFactory) -> None:
    zonder = load_store(tmp_path_factory, "maatregel_zonder", _basis())
    recs = compute(zonder, ["h10.15", "h10.17"], [parse("2024")])
    assert {r.status for r in recs} == {"niet_beschikbaar"}
    assert "maatregelen.begindatum" in recs[0].toelichting
    rows = [{k: v for k, v in r.items() if k != "erkende_interventie"} for r in fixture_tables()["maatregelen"]]
    deels = load_store(tmp_path_factory, "maatregel_deels", {**_basis(), "maatregelen": rows})
    recs = compute(deels, ["h10.18", "h10.17"], [parse("2024")])
    h18 = [r for r in recs if r.indicator == "h10.18"]
    assert {r.status for r in h18} == {"niet_beschikbaar"}
    assert h18[0].toelichting == "niet beschikbaar: de levering bevat geen maatregelen.erkende_interventie"
    assert cell([r for r in recs if r.indicator == "h10.17"], "2024", "GM0164")[:2] == (2, 3)
