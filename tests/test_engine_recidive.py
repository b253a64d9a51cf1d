"""Families `recidive` (twente.verblijf.D2.i3, twente.ambulant.D1.i1) and `nieuwe_hulpvraag` (h10.29) on
hand-made deliveries; every expected value worked out by hand.

Hengelo (GM0164) unless said otherwise; products from the region's catalogue: AMB ambulant support, BEH
ambulant treatment, ALT ambulant alternative, VBL residential care, OTS a JB measure. Born 1 January 2010
unless said otherwise. Care spells: all youth care but JB/JR, back-to-back or overlapping trajectories merged.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from jeugdmonitor.engine.perioden import parse
from jeugdmonitor.engine.runner import compute
from jeugdmonitor.store.loader import load_delivery
from tests.conftest import BSN, Make, Rows
from tests.engine_hulp import TWENTE_PRODUCTEN, find, load_store, value

PERIODS = [parse("2024"), parse("2024-T1"), parse("2024-T2")]
A, B, C, D, E, F, G, H = BSN

PRODUCTEN = TWENTE_PRODUCTEN


def _person(bsn: str, gemeente: str = "GM0164", born: str = "2010-01-01") -> dict[str, object]:
    return {"bsn": bsn, "geslacht": "2", "geboortedatum": born, "gemeente": gemeente}


def _traject(tid: str, bsn: str, product: str, begin: str, end: str = "") -> dict[str, object]:
    return {"traject_id": tid, "bsn": bsn, "product": product, "aanbieder": "P1", "begindatum": begin,
            "einddatum": end, "reden_beeindiging": "31" if end else ""}  # fmt: skip


# --------------------------------------------------------------------------------------------------- recidive
# Peildatum 31 October 2024. Whole days without care between the spells: begin − previous end − 1 ≥ 183.
#   A  VBL 01-01-2023..30-06-2023; AMB 02-01-2024..open     185 days; previous spell residential → D2.i3, T1
#   B  AMB 01-03-2023..01-09-2023; VBL 03-03-2024..30-04-2024   exactly 183 days; previous ambulant → D1.i1, T1
#   C  AMB 01-03-2023..01-09-2023; AMB cancelled (einddatum 01-02-2024); AMB 02-03-2024..open   182 days: no
#   D  VBL 01-01-2023..31-03-2023 + AMB 01-04-2023..31-05-2023 (one spell); AMB 01-05-2024..open
#                                                           previous spell held both → D2.i3 and D1.i1, T2
#   E  ALT 01-01-2023..31-03-2023; AMB 15-01-2024..open     an ambulant alternative before: neither
#   F  AMB 01-01-2023..31-12-2023 + AMB 01-01-2024..open    back to back: no gap
#   G  OTS (JB) 01-01-2023..31-03-2023; AMB 10-01-2024..open   a measure is no youth care: no previous spell
#   H  in Borne, born 01-02-2006: VBL 01-01-2023..30-06-2023; AMB 10-02-2024..open   D2.i3, T1, aged 18


def recidive_tables() -> dict[str, Rows]:
    return {
        "levering": [{"peildatum": "2024-10-31"}],
        "jeugdigen": [*(_person(p) for p in (A, B, C, D, E, F, G)), _person(H, "GM0147", "2006-02-01")],
        "producten": PRODUCTEN,
        "jeugdhulp": [
            _traject("A1", A, "VBL", "2023-01-01", "2023-06-30"),
            _traject("A2", A, "AMB", "2024-01-02"),
            _traject("B1", B, "AMB", "2023-03-01", "2023-09-01"),
            _traject("B2", B, "VBL", "2024-03-03", "2024-04-30"),
            _traject("C1", C, "AMB", "2023-03-01", "2023-09-01"),
            _traject("C2", C, "AMB", "", "2024-02-01"),
            _traject("C3", C, "AMB", "2024-03-02"),
            _traject("D1", D, "VBL", "2023-01-01", "2023-03-31"),
            _traject("D2", D, "AMB", "2023-04-01", "2023-05-31"),
            _traject("D3", D, "AMB", "2024-05-01"),
            _traject("E1", E, "ALT", "2023-01-01", "2023-03-31"),
            _traject("E2", E, "AMB", "2024-01-15"),
            _traject("F1", F, "AMB", "2023-01-01", "2023-12-31"),
            _traject("F2", F, "AMB", "2024-01-01"),
            _traject("G1", G, "OTS", "2023-01-01", "2023-03-31"),
            _traject("G2", G, "AMB", "2024-01-10"),
            _traject("H1", H, "VBL", "2023-01-01", "2023-06-30"),
            _traject("H2", H, "AMB", "2024-02-10"),
        ],
    }


@pytest.fixture(scope="module")
def recidive_store(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    return load_store(tmp_path_factory, "recidive", recidive_tables())


def test_recidive_after_residential_care(recidive_store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(recidive_store, ["twente.verblijf.D2.i3"], PERIODS)
    assert value(recs, "2024-T1", "GM0164") == 1  # A
    assert value(recs, "2024-T1", "GM0147") == 1  # H
    assert value(recs, "2024-T1", "regio") == 2
    assert value(recs, "2024-T2", "GM0164") == 1  # D
    assert value(recs, "2024", "GM0164") == 2  # A, D
    assert value(recs, "2024", "regio") == 3
    assert {r.eenheid for r in recs} == {"aantal"}


def test_recidive_after_ambulant_help(recidive_store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(recidive_store, ["twente.ambulant.D1.i1"], PERIODS)
    # B (exactly 183 days), D (its earlier spell also held residential care); not C (182 days), E (an ambulant
    # alternative), F (no gap), G (a measure only)
    assert value(recs, "2024-T1", "GM0164") == 1
    assert value(recs, "2024-T2", "GM0164") == 1
    assert value(recs, "2024", "GM0164") == 2
    assert find(recs, "2024", "GM0147") is None


def test_recidive_age_on_the_day_care_began_again(recidive_store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(recidive_store, ["twente.verblijf.D2.i3"], [parse("2024")], per=["leeftijdsklasse"])
    assert value(recs, "2024", "regio", leeftijdsklasse="18 jaar en ouder") == 1  # H, 18 on 10-02-2024
    assert value(recs, "2024", "regio", leeftijdsklasse="12-17 jaar") == 2  # A, D (14)


# ------------------------------------------------------------------------------------------------------ h10.29
# Peildatum 31 December 2024: a spell is judged when its end + 182 ≤ 31-12-2024, so when it ended by 02-07-2024.
#   A  AMB 01-01..31-01 + AMB 01-02..31-03 (one spell, ended T1); AMB 29-09..open   182 days later: back
#   B  AMB 01-01..15-02 (T1); AMB 16-08..open (183 days: too late); registered again 01-06   back (registration)
#   C  BEH 01-01..29-02 (T1); AMB 30-08..open (183 days); registered 29-02 (not after the end) and 01-09 (185 days)
#                                                                                          not back
#   D  AMB 01-03..30-04 + BEH 15-03..30-04 (one spell, T1, two last trajectories); VBL 10-05..open   back (heavier)
#   E  AMB 01-01..31-05 (T2); registered 01-07 in Borne        not back in Hengelo, back for the region
#   F  AMB 01-01..31-07 (T2): 31-07 + 182 is after the peildatum   not judged
#   G  AMB cancelled (einddatum 01-03); AMB 01-02..30-06 (T2)  not back
#   H  OTS (JB) 01-01..31-03: a measure, no spell


def h10_29_tables() -> dict[str, Rows]:
    return {
        "levering": [{"peildatum": "2024-12-31"}],
        "jeugdigen": [_person(p) for p in BSN],
        "producten": PRODUCTEN,
        "jeugdhulp": [
            _traject("A1", A, "AMB", "2024-01-01", "2024-01-31"),
            _traject("A2", A, "AMB", "2024-02-01", "2024-03-31"),
            _traject("A3", A, "AMB", "2024-09-29"),
            _traject("B1", B, "AMB", "2024-01-01", "2024-02-15"),
            _traject("B2", B, "AMB", "2024-08-16"),
            _traject("C1", C, "BEH", "2024-01-01", "2024-02-29"),
            _traject("C2", C, "AMB", "2024-08-30"),
            _traject("D1", D, "AMB", "2024-03-01", "2024-04-30"),
            _traject("D2", D, "BEH", "2024-03-15", "2024-04-30"),
            _traject("D3", D, "VBL", "2024-05-10"),
            _traject("E1", E, "AMB", "2024-01-01", "2024-05-31"),
            _traject("F1", F, "AMB", "2024-01-01", "2024-07-31"),
            _traject("G1", G, "AMB", "", "2024-03-01"),
            _traject("G2", G, "AMB", "2024-02-01", "2024-06-30"),
            _traject("H1", H, "OTS", "2024-01-01", "2024-03-31"),
        ],
        "aanmeldingen": [
            {"aanmelding_id": "M1", "bsn": B, "gemeente": "GM0164", "datum": "2024-06-01"},
            {"aanmelding_id": "M2", "bsn": C, "gemeente": "GM0164", "datum": "2024-02-29"},
            {"aanmelding_id": "M3", "bsn": C, "gemeente": "GM0164", "datum": "2024-09-01"},
            {"aanmelding_id": "M4", "bsn": E, "gemeente": "GM0147", "datum": "2024-07-01"},
        ],
    }


@pytest.fixture(scope="module")
def hulpvraag_store(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    return load_store(tmp_path_factory, "nieuwe_hulpvraag", h10_29_tables())


def test_h10_29_new_help_or_registration_within_182_days(hulpvraag_store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(hulpvraag_store, ["h10.29"], PERIODS)
    # T1: A (new trajectory after 182 days), B (registration), D (residential care after 10 days) of A, B, C, D
    t1 = find(recs, "2024-T1", "GM0164")
    assert t1 is not None and (t1.teller, t1.noemer, t1.waarde, t1.eenheid) == (3, 4, 75, "procent")
    # T2: E and G judged (F's window ends after the peildatum); E registered again in Borne only
    t2 = find(recs, "2024-T2", "GM0164")
    assert t2 is not None and (t2.teller, t2.noemer, t2.waarde) == (0, 2, 0)
    assert value(recs, "2024-T2", "regio") == 50
    # 2024: A, B, D of A, B, C, D, E, G; the region also E
    year = find(recs, "2024", "GM0164")
    assert year is not None and (year.teller, year.noemer) == (3, 6)
    regio = find(recs, "2024", "regio")
    assert regio is not None and (regio.teller, regio.noemer) == (4, 6)


def test_h10_29_per_productgroep_of_the_last_trajectory(hulpvraag_store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(hulpvraag_store, ["h10.29"], [parse("2024-T1")], per=["productgroep"])
    # Begeleiding: A, B, D (AMB ends its spell) all back; Behandeling: C not, D (BEH ends on the same day) back
    beg = find(recs, "2024-T1", "GM0164", productgroep="Begeleiding")
    assert beg is not None and (beg.teller, beg.noemer) == (3, 3)
    beh = find(recs, "2024-T1", "GM0164", productgroep="Behandeling")
    assert beh is not None and (beh.teller, beh.noemer) == (1, 2)


def test_h10_29_without_registrations(recidive_store: duckdb.DuckDBPyConnection) -> None:
    """The table aanmeldingen is optional: without it only new trajectories count. On the recidive delivery
    (peildatum 31-10-2024) every spell that ended in 2023 is judged: in Hengelo A 30-06, B 01-09, C 01-09, D 31-05
    and E 31-03 (F's runs on into 2024, G's OTS is no spell). None came back within 182 days: the nearest is C,
    02-03-2024 − 01-09-2023 = 183 days. The region adds H (30-06-2023, back 10-02-2024)."""
    recs = compute(recidive_store, ["h10.29"], [parse("2023")])
    hengelo = find(recs, "2023", "GM0164")
    assert hengelo is not None and (hengelo.teller, hengelo.noemer, hengelo.waarde) == (0, 5, 0)
    regio = find(recs, "2023", "regio")
    assert regio is not None and (regio.teller, regio.noemer) == (0, 6)


def test_missing_inputs_are_named(make_delivery: Make, tmp_path: Path) -> None:
    tables: dict[str, Rows] = {
        "levering": [{"peildatum": "2024-10-31"}],
        "jeugdigen": [_person(A)],
        "jeugdhulp": [{"traject_id": "X1", "bsn": A, "begindatum": "2024-02-01", "einddatum": ""}],
    }
    path = tmp_path / "zonder.duckdb"
    load_delivery(make_delivery(tables), path)
    ids = ["twente.verblijf.D2.i3", "twente.ambulant.D1.i1", "h10.29"]
    recs = compute(duckdb.connect(str(path), read_only=True), ids, [parse("2024")])
    assert {(r.indicator, r.gemeente, r.status) for r in recs} == {
        (i, g, "niet_beschikbaar") for i in ids for g in ("GM0164", "regio")}  # fmt: skip
    assert all("jeugdhulp.product | jeugdhulp.productcategorie" in r.toelichting for r in recs)
