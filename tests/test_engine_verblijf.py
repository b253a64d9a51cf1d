"""Families `doorplaatsing` (twente.verblijf.D2.i1) and `bestemming` (twente.verblijf.D4.i1 and D4.i2) on hand-made
deliveries; every expected value worked out by hand.

Peildatum 31 October 2024. Hengelo (GM0164) unless said otherwise; products from the region's catalogue: VBL
residential care, AMB ambulant help. Born 1 January 2010 unless said otherwise.
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

PRODUCTEN: Rows = [
    {"product": "VBL", "productcategorie": "43", "verblijf": "ja", "segment": "24uurs", "productgroep": "Verblijf"},
    {"product": "AMB", "productcategorie": "45", "verblijf": "nee", "segment": "care", "productgroep": "Begeleiding"},
]


def _person(bsn: str, gemeente: str = "GM0164", born: str = "2010-01-01") -> dict[str, object]:
    return {"bsn": bsn, "geslacht": "1", "geboortedatum": born, "gemeente": gemeente}


def _traject(tid: str, bsn: str, begin: str, end: str = "", aanbieder: str = "P1", product: str = "VBL",
             **extra: object) -> dict[str, object]:  # fmt: skip
    row: dict[str, object] = {"traject_id": tid, "bsn": bsn, "product": product, "aanbieder": aanbieder,
                              "begindatum": begin, "einddatum": end,
                              "reden_beeindiging": "31" if end else ""}  # fmt: skip
    row.update(extra)
    return row


def _plaatsing(tid: str, groep: str, begin: str, end: str = "") -> dict[str, object]:
    return {"traject_id": tid, "groep": groep, "begindatum": begin, "einddatum": end}


# ------------------------------------------------------------------------------------------------ doorplaatsing
# Noemer: persons with a residential trajectory with placements active in P; teller: those not moved in P.
#   A  VA1 P1 01-01..open: groups G1 01-01, G2 01-04                      moved within the trajectory on 01-04 (T1)
#   B  VB1 P1 01-01..31-05 in G3; VB2 P2 10-06..open in G4                moved on 10-06 (T2; 10 days, new group)
#   C  VC1 P1 01-01..31-03 in G5; VC2 P1 01-04..open in G5                an extension in the same group: no move
#   D  VD1 P1 01-01..open: G6 01-01..28-02, G6 again 01-03                 same group: no move
#   E  VE1 P1 01-01..31-03 in G7; VE2 P1 02-05..open in G8                32 days apart: no move
#   F  VF1 P1 01-01..open without placements                              group unknown: not counted at all
#   G  in Borne (GM0147): VG1 P1 01-01-2023..open, G9, G10 from 01-12-2023  moved before 2024
#   H  VH1 P1 01-01..open: G11 01-01, G12 15-11 (after the peildatum)     not a move as far as the delivery knows


def plaatsing_tables() -> dict[str, Rows]:
    return {
        "levering": [{"peildatum": "2024-10-31"}],
        "jeugdigen": [*(_person(p) for p in (A, B, C, D, E, F, H)), _person(G, "GM0147")],
        "producten": PRODUCTEN,
        "jeugdhulp": [
            _traject("VA1", A, "2024-01-01"),
            _traject("VB1", B, "2024-01-01", "2024-05-31"),
            _traject("VB2", B, "2024-06-10", aanbieder="P2"),
            _traject("VC1", C, "2024-01-01", "2024-03-31"),
            _traject("VC2", C, "2024-04-01"),
            _traject("VD1", D, "2024-01-01"),
            _traject("VE1", E, "2024-01-01", "2024-03-31"),
            _traject("VE2", E, "2024-05-02"),
            _traject("VF1", F, "2024-01-01"),
            _traject("VG1", G, "2023-01-01"),
            _traject("VH1", H, "2024-01-01"),
        ],
        "plaatsingen": [
            _plaatsing("VA1", "G1", "2024-01-01", "2024-03-31"),
            _plaatsing("VA1", "G2", "2024-04-01"),
            _plaatsing("VB1", "G3", "2024-01-01", "2024-05-31"),
            _plaatsing("VB2", "G4", "2024-06-10"),
            _plaatsing("VC1", "G5", "2024-01-01", "2024-03-31"),
            _plaatsing("VC2", "G5", "2024-04-01"),
            _plaatsing("VD1", "G6", "2024-01-01", "2024-02-28"),
            _plaatsing("VD1", "G6", "2024-03-01"),
            _plaatsing("VE1", "G7", "2024-01-01", "2024-03-31"),
            _plaatsing("VE2", "G8", "2024-05-02"),
            _plaatsing("VG1", "G9", "2023-01-01", "2023-11-30"),
            _plaatsing("VG1", "G10", "2023-12-01"),
            _plaatsing("VH1", "G11", "2024-01-01", "2024-11-14"),
            _plaatsing("VH1", "G12", "2024-11-15"),
        ],
    }


@pytest.fixture(scope="module")
def plaatsing_store(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    return load_store(tmp_path_factory, "doorplaatsing", plaatsing_tables())


def test_d2_i1_share_without_doorplaatsing(plaatsing_store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(plaatsing_store, ["twente.verblijf.D2.i1"], PERIODS)
    # T1 Hengelo: A, B, C, D, E, H in residential care with a known group (not F); A moved → 5 of 6
    t1 = find(recs, "2024-T1", "GM0164")
    assert t1 is not None and (t1.teller, t1.noemer, t1.eenheid) == (5, 6, "procent")
    assert t1.waarde == pytest.approx(500 / 6)
    # T2: the same six; B moved → 5 of 6
    t2 = find(recs, "2024-T2", "GM0164")
    assert t2 is not None and (t2.teller, t2.noemer) == (5, 6)
    # 2024: A and B moved → 4 of 6
    assert value(recs, "2024", "GM0164") == pytest.approx(400 / 6)
    # Borne: G moved in December 2023, not in 2024; the region: 5 of 7
    assert value(recs, "2024", "GM0147") == 100
    regio = find(recs, "2024", "regio")
    assert regio is not None and (regio.teller, regio.noemer) == (5, 7)


def test_d2_i1_per_provider(plaatsing_store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(plaatsing_store, ["twente.verblijf.D2.i1"], [parse("2024")], per=["aanbieder"])
    # P1: A, B, C, D, E, H with a P1 trajectory; A moved within P1's trajectory; B's move belongs to P2's
    p1 = find(recs, "2024", "GM0164", aanbieder="P1")
    assert p1 is not None and (p1.teller, p1.noemer) == (5, 6)
    p2 = find(recs, "2024", "GM0164", aanbieder="P2")
    assert p2 is not None and (p2.teller, p2.noemer, p2.waarde) == (0, 1, 0)


# ---------------------------------------------------------------------------------------------------- bestemming
# Residential spells (merge gap 0) ended in P and the destination of their last trajectory:
#   A  VA1 01-01..31-03 thuis (T1); AMB 01-04..30-04 'wonen' (not residential); VA2 01-06..31-08 ander_verblijf (T2)
#   B  VB1 01-01..31-01 ander_verblijf + VB2 01-02..30-04 wonen: one spell, ended T1, wonen
#   C  VC1 01-01..15-06 without destination: onbekend, in the denominator (T2)
#   D  VD1 P1 01-03..31-05 onbekend, VD2 P2 15-03..31-05 wonen: one spell, a known destination first → wonen (T2)
#   E  born 01-07-2006: VE1 01-01..15-07 wonen, aged 18 on its last day (T2)
#   F  VF1 01-01..30-11 (after the peildatum: still running); G  cancelled (no begindatum, einddatum 01-03) thuis
#   H  in Borne: VH1 01-01..31-08 thuis (T2)


def bestemming_tables() -> dict[str, Rows]:
    return {
        "levering": [{"peildatum": "2024-10-31"}],
        "jeugdigen": [
            *(_person(p) for p in (A, B, C, D, F, G)),
            _person(E, born="2006-07-01"),
            _person(H, "GM0147"),
        ],
        "producten": PRODUCTEN,
        "jeugdhulp": [
            _traject("VA1", A, "2024-01-01", "2024-03-31", uitstroom_bestemming="thuis"),
            _traject("AA1", A, "2024-04-01", "2024-04-30", product="AMB", uitstroom_bestemming="wonen"),
            _traject("VA2", A, "2024-06-01", "2024-08-31", uitstroom_bestemming="ander_verblijf"),
            _traject("VB1", B, "2024-01-01", "2024-01-31", uitstroom_bestemming="ander_verblijf"),
            _traject("VB2", B, "2024-02-01", "2024-04-30", uitstroom_bestemming="wonen"),
            _traject("VC1", C, "2024-01-01", "2024-06-15"),
            _traject("VD1", D, "2024-03-01", "2024-05-31", uitstroom_bestemming="onbekend"),
            _traject("VD2", D, "2024-03-15", "2024-05-31", aanbieder="P2", uitstroom_bestemming="wonen"),
            _traject("VE1", E, "2024-01-01", "2024-07-15", uitstroom_bestemming="wonen"),
            _traject("VF1", F, "2024-01-01", "2024-11-30", uitstroom_bestemming="thuis"),
            _traject("VG1", G, "", "2024-03-01", uitstroom_bestemming="thuis"),
            _traject("VH1", H, "2024-01-01", "2024-08-31", uitstroom_bestemming="thuis"),
        ],
    }


@pytest.fixture(scope="module")
def bestemming_store(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    return load_store(tmp_path_factory, "bestemming", bestemming_tables())


def test_d4_outflow_to_wonen_and_home(bestemming_store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(bestemming_store, ["twente.verblijf.D4.i1", "twente.verblijf.D4.i2"], PERIODS)
    wonen = [r for r in recs if r.indicator == "twente.verblijf.D4.i1"]
    thuis = [r for r in recs if r.indicator == "twente.verblijf.D4.i2"]
    # T1: A (thuis) and B (wonen: its last trajectory, not the extension's) → 1 of 2 each
    t1 = find(wonen, "2024-T1", "GM0164", "aandeel")
    assert t1 is not None and (t1.teller, t1.noemer, t1.waarde, t1.eenheid) == (1, 2, 50, "procent")
    aantal = find(thuis, "2024-T1", "GM0164", "aantal")
    assert aantal is not None and (aantal.waarde, aantal.eenheid) == (1, "aantal")
    # T2: C (onbekend), D (wonen), E (wonen), A's second spell (ander_verblijf) → wonen 2 of 4, thuis 0 of 4
    assert value(wonen, "2024-T2", "GM0164", "aantal") == 2
    assert value(wonen, "2024-T2", "GM0164", "aandeel") == 50
    assert value(thuis, "2024-T2", "GM0164", "aantal") == 0
    assert value(thuis, "2024-T2", "GM0164", "aandeel") == 0
    # the region adds H (thuis) in Borne: wonen 2 of 5, thuis 1 of 5
    assert value(wonen, "2024-T2", "regio", "aandeel") == 40
    assert value(thuis, "2024-T2", "regio", "aandeel") == 20
    assert value(thuis, "2024-T2", "GM0147", "aandeel") == 100
    # 2024: six spells in Hengelo (A twice, B, C, D, E; not F's, open at the peildatum, nor G's cancelled one)
    year = find(wonen, "2024", "GM0164", "aandeel")
    assert year is not None and (year.teller, year.noemer) == (3, 6)
    assert value(thuis, "2024", "GM0164", "aantal") == 1


def test_d4_per_provider_and_age(bestemming_store: duckdb.DuckDBPyConnection) -> None:
    per = ["aanbieder", "leeftijdsklasse"]
    recs = compute(bestemming_store, ["twente.verblijf.D4.i1"], [parse("2024-T2")], per=per)
    # per provider the stays there: P1 C, D (onbekend), E, A → wonen 1 of 4; P2 D (wonen) 1 of 1
    p1 = find(recs, "2024-T2", "GM0164", "aandeel", aanbieder="P1")
    assert p1 is not None and (p1.teller, p1.noemer) == (1, 4)
    assert value(recs, "2024-T2", "GM0164", "aandeel", aanbieder="P2") == 100
    # age on the spell's last day: E was 18 on 15-07-2024; C, D, A 14 (D wonen)
    assert value(recs, "2024-T2", "GM0164", "aantal", leeftijdsklasse="18 jaar en ouder") == 1
    jong = find(recs, "2024-T2", "GM0164", "aandeel", leeftijdsklasse="12-17 jaar")
    assert jong is not None and (jong.teller, jong.noemer) == (1, 3)


def test_missing_inputs_are_named(make_delivery: Make, tmp_path: Path) -> None:
    """Without the table plaatsingen there is no group; without uitstroom_bestemming no destination."""
    tables: dict[str, Rows] = {
        "levering": [{"peildatum": "2024-10-31"}],
        "jeugdigen": [_person(A)],
        "producten": PRODUCTEN,
        "jeugdhulp": [_traject("V1", A, "2024-01-01", "2024-03-31")],
    }
    path = tmp_path / "zonder.duckdb"
    load_delivery(make_delivery(tables), path)
    ids = ["twente.verblijf.D2.i1", "twente.verblijf.D4.i1", "twente.verblijf.D4.i2"]
    recs = compute(duckdb.connect(str(path), read_only=True), ids, [parse("2024")])
    assert {(r.indicator, r.gemeente, r.status) for r in recs} == {
        (i, g, "niet_beschikbaar") for i in ids for g in ("GM0164", "regio")}  # fmt: skip
    texts = {r.indicator: r.toelichting for r in recs}
    assert "plaatsingen.groep, plaatsingen.begindatum" in texts["twente.verblijf.D2.i1"]
    assert "jeugdhulp.uitstroom_bestemming" in texts["twente.verblijf.D4.i1"]
    assert "jeugdhulp.uitstroom_bestemming" in texts["twente.verblijf.D4.i2"]
