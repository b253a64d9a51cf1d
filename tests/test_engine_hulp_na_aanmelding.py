"""Family `hulp_na_aanmelding` (h10.28) on a hand-made delivery; every expected value worked out by hand.

Peildatum 31 October 2024 (levering.csv). Hengelo (GM0164) unless said otherwise; Borne is GM0147.
Periods: T1 January–April, T2 May–August, 2024 (cut at the peildatum: voorlopig). Products: 45B10 help by the
wijkteam itself (hulpvorm 01), 45A48 ambulant help by a provider (02), 48A01 a JB measure.

aanmeldingen (meldplaats, vervolg) and the trajectories with that aanmelddatum (begindatum):
  M1  A 10-01 wijkteam maatwerk              45B10 (20-01)                       own organisation
  M2  B 05-02 wijkteam maatwerk              45A48 (01-03)                       referred
  M3  C 01-03 zorgloket maatwerk             45B10 (10-03)                       wijkteam help, registered elsewhere
  M4  D 30-04 wijkteam algemene_voorziening  none                                referred to a general provision
  M5  E 01-05 sociaal_team maatwerk          45B10 (15-05) and 45A48 (01-06)     partly elsewhere: referred
  M6  F 10-05 (no meldplaats) maatwerk       45B10 (20-05)                       taken to be the local team
  M7  G 01-06 wijkteam maatwerk              45B10 not begun; 45B10 cancelled; 48A01 (10-06, a measure): no help
  M8  H 01-07 wijkteam maatwerk              45B10 (05-11, after the peildatum): no help yet
  M9  A 15-06 wijkteam zelf_opgelost         none: no help
  M10 B 01-08 wijkteam maatwerk              45B10 (10-08)                       own organisation
  M11 - 01-02 wijkteam algemene_voorziening  no client: cannot be linked
  M12 F 10-02 wijkteam algemene_voorziening  (Borne)
Wijk: A and F WK016401, B WK016402, the others none.
"""

from __future__ import annotations

import duckdb
import pytest

from jeugdmonitor.engine.perioden import parse
from jeugdmonitor.engine.records import Record
from jeugdmonitor.engine.runner import compute
from tests.conftest import BSN, Rows
from tests.engine_hulp import find, load_store, value

PERIODS = [parse("2024"), parse("2024-T1"), parse("2024-T2")]
A, B, C, D, E, F, G, H = BSN
WIJK = {A: "WK016401", F: "WK016401", B: "WK016402"}


def _person(bsn: str) -> dict[str, object]:
    return {"bsn": bsn, "geslacht": "1", "geboortedatum": "2012-01-01", "gemeente": "GM0164", "wijk": WIJK.get(bsn, "")}


def _aanmelding(aid: str, bsn: str, datum: str, meldplaats: str, vervolg: str,
                gemeente: str = "GM0164") -> dict[str, object]:  # fmt: skip
    return {"aanmelding_id": aid, "bsn": bsn, "gemeente": gemeente, "datum": datum, "meldplaats": meldplaats,
            "vervolg": vervolg}  # fmt: skip


def _traject(tid: str, bsn: str, product: str, aanmeld: str, begin: str, end: str = "") -> dict[str, object]:
    return {"traject_id": tid, "bsn": bsn, "product": product, "productcategorie": product[:2], "financiering": "ZIN",
            "verwijzer": "01", "aanmelddatum": aanmeld, "begindatum": begin, "einddatum": end,
            "reden_beeindiging": "34" if end else ""}  # fmt: skip


def fixture_tables() -> dict[str, Rows]:
    return {
        "levering": [{"peildatum": "2024-10-31", "bron": "handwerk"}],
        "jeugdigen": [_person(p) for p in BSN],
        "aanmeldingen": [
            _aanmelding("M1", A, "2024-01-10", "wijkteam", "maatwerk"),
            _aanmelding("M2", B, "2024-02-05", "wijkteam", "maatwerk"),
            _aanmelding("M3", C, "2024-03-01", "zorgloket", "maatwerk"),
            _aanmelding("M4", D, "2024-04-30", "wijkteam", "algemene_voorziening"),
            _aanmelding("M5", E, "2024-05-01", "sociaal_team", "maatwerk"),
            _aanmelding("M6", F, "2024-05-10", "", "maatwerk"),
            _aanmelding("M7", G, "2024-06-01", "wijkteam", "maatwerk"),
            _aanmelding("M8", H, "2024-07-01", "wijkteam", "maatwerk"),
            _aanmelding("M9", A, "2024-06-15", "wijkteam", "zelf_opgelost"),
            _aanmelding("M10", B, "2024-08-01", "wijkteam", "maatwerk"),
            _aanmelding("M11", "", "2024-02-01", "wijkteam", "algemene_voorziening"),
            _aanmelding("M12", F, "2024-02-10", "wijkteam", "algemene_voorziening", gemeente="GM0147"),
        ],
        "jeugdhulp": [
            _traject("H1", A, "45B10", "2024-01-10", "2024-01-20"),
            _traject("H2", B, "45A48", "2024-02-05", "2024-03-01"),
            _traject("H3", C, "45B10", "2024-03-01", "2024-03-10"),
            _traject("H5", E, "45B10", "2024-05-01", "2024-05-15"),
            _traject("H5b", E, "45A48", "2024-05-01", "2024-06-01"),
            _traject("H6", F, "45B10", "2024-05-10", "2024-05-20"),
            _traject("H7", G, "45B10", "2024-06-01", ""),
            _traject("H7b", G, "45B10", "2024-06-01", "", end="2024-06-20"),
            _traject("H7c", G, "48A01", "2024-06-01", "2024-06-10"),
            _traject("H8", H, "45B10", "2024-07-01", "2024-11-05"),
            _traject("H10", B, "45B10", "2024-08-01", "2024-08-10"),
        ],
    }


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    return load_store(tmp_path_factory, "hulp_na_aanmelding", fixture_tables())


def cell(records: list[Record], periode: str, gemeente: str, **dims: str) -> tuple:
    rec = find(records, periode, gemeente, **dims)
    assert rec is not None, (periode, gemeente, dims)
    return rec.teller, rec.noemer, rec.waarde


def test_h10_28_help_at_the_registering_organisation(store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(store, ["h10.28"], PERIODS)
    # T1: help followed M1 (A, own), M2 (B, referred), M3 (C, registered at the zorgloket), M4 (D, general
    # provision, on the last day of T1); M11 has no client → 1 of 4
    assert cell(recs, "2024-T1", "GM0164") == (1, 4, 25)
    # T2: E (partly a provider), F (own: no meldplaats), B (M10, own); G's help is a measure, not begun or
    # cancelled; H's help begins after the peildatum; A's M9 was solved without help → 2 of 3
    teller, noemer, waarde = cell(recs, "2024-T2", "GM0164")
    assert (teller, noemer) == (2, 3) and waarde == pytest.approx(200 / 3)
    # 2024: A (M1 own; M9 no help), F own; B was referred after M2, so not after none of them → 2 of 6
    teller, noemer, waarde = cell(recs, "2024", "GM0164")
    assert (teller, noemer) == (2, 6) and waarde == pytest.approx(100 / 3)
    assert find(recs, "2024", "GM0164").status == "voorlopig"  # type: ignore[union-attr]
    # Borne T1: F referred to a general provision; the region T1: A of A, B, C, D and F → 1 of 5
    assert cell(recs, "2024-T1", "GM0147") == (0, 1, 0)
    assert cell(recs, "2024-T1", "regio") == (1, 5, 20)


def test_h10_28_per_wijk(store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(store, ["h10.28"], [parse("2024")], per=["wijk"])
    # WK016401: A and F, both own; WK016402: B, referred once; onbekend: C, D, E, all referred
    assert cell(recs, "2024", "GM0164", wijk="WK016401") == (2, 2, 100)
    assert cell(recs, "2024", "GM0164", wijk="WK016402") == (0, 1, 0)
    assert cell(recs, "2024", "GM0164", wijk="onbekend") == (0, 3, 0)


def test_h10_28_without_clients_is_niet_beschikbaar(tmp_path_factory: pytest.TempPathFactory) -> None:
    tables = fixture_tables()
    tables["aanmeldingen"] = [{k: v for k, v in row.items() if k != "bsn"} for row in tables["aanmeldingen"]]
    zonder = load_store(tmp_path_factory, "hulp_na_aanmelding_zonder", tables)
    recs = compute(zonder, ["h10.28"], [parse("2024")])
    assert {r.status for r in recs} == {"niet_beschikbaar"}
    assert value(recs, "2024", "GM0164") is None
    assert recs[0].toelichting == "niet beschikbaar: de levering bevat geen aanmeldingen.client"
