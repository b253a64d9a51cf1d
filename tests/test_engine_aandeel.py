"""Family `aandeel` (h10.04, h10.22, h10.27) on a hand-made delivery; every expected value worked out by hand.

Peildatum 31 October 2024 (levering.csv). Hengelo (GM0164) unless said otherwise. Standard products: 45A48
ambulant ("Ambulante begeleiding"), 43A01 verblijf (hulpvorm 14: open), 43A06 JeugdzorgPlus (13: gesloten),
43A24 pleegzorg (11), 46A01 crisis (category 46), 48A01 ondertoezichtstelling (JB: not youth care).

  A  born 15-06-2006 (18 on 15-06-2024): 45A48 01-01..31-08
  B  born 2010: 43A01 01-02..31-05, then 43A06 01-06..open (open and closed residential care)
  C  born 2012: 43A24 01-01..open (foster care: not residential here); 43A01 from 15-11 (after the peildatum)
  D  born 2011: 46A01 10-03..20-03 (crisis by its product category)
  E  born 01-03-2006 (18 on 01-03-2024): 45A48 with crisis flag 01-02..10-02 (aged 17 on its last day)
  F  Borne (GM0147), born 2015: 45A48 with perspectief crisis 01-05..15-05
  G  born 2012: 48A01 (JB) with crisis flag 01-03..open: a measure, in no numerator or denominator
  H  born 2010: 43A01 cancelled (no begindatum, einddatum 01-03)
Inhabitants 0–17 in 2024: Hengelo 1000, Borne 500 (and 300 aged 18–22 in Hengelo, which do not count).
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


def _person(bsn: str, born: str, gemeente: str = "GM0164") -> dict[str, object]:
    return {"bsn": bsn, "geslacht": "2", "geboortedatum": born, "gemeente": gemeente}


def _traject(tid: str, bsn: str, product: str, begin: str, end: str, **extra: object) -> dict[str, object]:
    row: dict[str, object] = {"traject_id": tid, "bsn": bsn, "product": product, "crisis": "nee",
                              "perspectief": "begeleiden", "begindatum": begin, "einddatum": end,
                              "reden_beeindiging": "31" if end else ""}  # fmt: skip
    row.update(extra)
    return row


def fixture_tables() -> dict[str, Rows]:
    return {
        "levering": [{"peildatum": "2024-10-31"}],
        "jeugdigen": [
            _person(A, "2006-06-15"),
            _person(B, "2010-01-01"),
            _person(C, "2012-01-01"),
            _person(D, "2011-01-01"),
            _person(E, "2006-03-01"),
            _person(F, "2015-01-01", "GM0147"),
            _person(G, "2012-01-01"),
            _person(H, "2010-01-01"),
        ],
        "jeugdhulp": [
            _traject("A1", A, "45A48", "2024-01-01", "2024-08-31"),
            _traject("B1", B, "43A01", "2024-02-01", "2024-05-31"),
            _traject("B2", B, "43A06", "2024-06-01", ""),
            _traject("C1", C, "43A24", "2024-01-01", ""),
            _traject("C2", C, "43A01", "2024-11-15", ""),
            _traject("D1", D, "46A01", "2024-03-10", "2024-03-20"),
            _traject("E1", E, "45A48", "2024-02-01", "2024-02-10", crisis="ja"),
            _traject("F1", F, "45A48", "2024-05-01", "2024-05-15", perspectief="crisis"),
            _traject("G1", G, "48A01", "2024-03-01", "", crisis="ja"),
            _traject("H1", H, "43A01", "", "2024-03-01"),
        ],
        "bevolking": [
            {"jaar": 2024, "gemeente": "GM0164", "leeftijd_van": 0, "leeftijd_tot": 17, "aantal": 1000},
            {"jaar": 2024, "gemeente": "GM0164", "leeftijd_van": 18, "leeftijd_tot": 22, "aantal": 300},
            {"jaar": 2024, "gemeente": "GM0147", "leeftijd_van": 0, "leeftijd_tot": 17, "aantal": 500},
        ],
    }


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    return load_store(tmp_path_factory, "aandeel", fixture_tables())


def test_h10_04_share_aged_18_or_older_on_the_last_day_in_care(store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(store, ["h10.04"], PERIODS, per=["productgroep"])
    # 2024, Hengelo: in care A, B, C, D, E (G's JB measure and H's cancelled allocation do not count); A's last
    # day in care is 31 Aug, when he is 18; E turned 18 on 1 March but was last in care on 10 Feb, aged 17
    rec = find(recs, "2024", "GM0164")
    assert rec is not None and (rec.teller, rec.noemer, rec.waarde) == (1, 5, 20)
    # T1: A's last day in T1 is 30 Apr, aged 17: none of 5
    rec = find(recs, "2024-T1", "GM0164")
    assert rec is not None and (rec.teller, rec.noemer, rec.waarde) == (0, 5, 0)
    # T2: A (31 Aug, 18), B, C in care: 1 of 3
    assert value(recs, "2024-T2", "GM0164") == pytest.approx(100 / 3)
    # per productgroep: Ambulante begeleiding is A and E in 2024
    assert value(recs, "2024", "GM0164", productgroep="Ambulante begeleiding") == 50
    assert value(recs, "2024", "GM0147") == 0  # F, aged 9
    assert value(recs, "2024", "regio") == pytest.approx(100 / 6)


def test_h10_22_share_in_open_and_closed_residential_care(store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(store, ["h10.22"], PERIODS, per=["leeftijdsklasse"])

    def share(periode: str, maat: str, **dims: str) -> tuple[float | None, float | None, float | None]:
        rec = find(recs, periode, "GM0164", maat, **dims)
        return (None, None, None) if rec is None else (rec.teller, rec.noemer, rec.waarde)

    # 2024: B was in open (43A01) and closed (43A06) residential care: once in the total; C's foster care is not
    # residential and her 43A01 begins after the peildatum; of A, B, C, D, E
    assert share("2024", "totaal") == (1, 5, 20)
    assert share("2024", "open") == (1, 5, 20)
    assert share("2024", "gesloten") == (1, 5, 20)
    # T1: B open from 1 Feb, closed only from 1 June
    assert share("2024-T1", "open") == (1, 5, 20)
    assert share("2024-T1", "gesloten") == (0, 5, 0)
    # T2: in care A, B, C; B in open care until 31 May and closed from 1 June
    assert share("2024-T2", "totaal")[:2] == (1, 3)
    assert share("2024-T2", "open")[:2] == (1, 3)
    # age on the last day in care in 2024: A 18 (no residential care); B 14, C 12, D 13, E 17
    assert share("2024", "totaal", leeftijdsklasse="18 jaar en ouder") == (0, 1, 0)
    assert share("2024", "totaal", leeftijdsklasse="12-17 jaar") == (1, 4, 25)


def test_h10_27_crisis_per_inhabitant(store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(store, ["h10.27"], PERIODS)
    # 2024 Hengelo: D (product category 46, aged 13) and E (crisis flag; aged 17 on his last crisis day, 10 Feb);
    # G's crisis flag is on a JB measure; per 1000 inhabitants aged 0–17 (the 300 aged 18–22 do not count)
    rec = find(recs, "2024", "GM0164")
    assert rec is not None and (rec.teller, rec.noemer, rec.waarde) == (2, 1000, 0.2)
    assert value(recs, "2024-T1", "GM0164") == 0.2  # D in March, E in February
    assert value(recs, "2024-T2", "GM0164") is None  # no crisis help in May–August
    # Borne: F (perspectief crisis) in May: 1 of 500
    assert (value(recs, "2024", "GM0147"), value(recs, "2024-T2", "GM0147")) == (0.2, 0.2)
    rec = find(recs, "2024", "regio")
    assert rec is not None and (rec.teller, rec.noemer) == (3, 1500)  # D, E and F of 1000 + 500


def test_without_bevolking_crisis_per_inhabitant_is_not_available(make_delivery: Make, tmp_path: Path) -> None:
    tables = fixture_tables()
    del tables["bevolking"]
    path = tmp_path / "zonder_bevolking.duckdb"
    load_delivery(make_delivery(tables), path)
    recs = compute(duckdb.connect(str(path), read_only=True), ["h10.27", "h10.04"], [parse("2024")])
    missing = [r for r in recs if r.indicator == "h10.27"]
    assert {r.status for r in missing} == {"niet_beschikbaar"}
    assert missing[0].toelichting == "niet beschikbaar: de levering bevat geen bevolking"
    # the share aged 18 or older needs no inhabitants (2024 runs past the peildatum: voorlopig)
    assert {r.status for r in recs if r.indicator == "h10.04"} == {"voorlopig"}
