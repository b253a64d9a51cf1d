"""Family `levensgebieden` (h10.07) on a hand-made delivery; every expected value worked out by hand.

Peildatum 31 October 2024 (levering.csv). Periods: T1 January–April, T2 May–August, 2024 (cut: voorlopig).

Hengelo (GM0164) registers levensgebieden on its aanmeldingen, so those are read (not its trajectories):
  M1 A 10-01 opvoeding, gezondheid    A was born 15-04-2006: 17 on 10-01, 18 on 30-04
  M2 A 30-04 opvoeding                last day of T1
  M3 B 01-05 financien                first day of T2
  M4 C 03-03 (none)                   → onbekend
  M5 D 05-11 veiligheid               after the peildatum: never counted
  M6 -  02-02 relatie                 no client: wijk and age onbekend
  M7 E 31-12-2023 opvoeding           before 2024
  trajectory H1 of A (aangemeld 10-01, woonomgeving) is not read: Hengelo's registrations carry levensgebieden
Borne (GM0147): its one registration (M8 F 01-02) names no levensgebied, so Borne is read from its trajectories;
a registration there is a person with an aanmelddatum:
  B1 F aangemeld 01-02 opvoeding, relatie   B2 F aangemeld 01-02 relatie, veiligheid   → one registration
  B3 F aangemeld 10-06, cancelled (no begindatum), no levensgebied → a registration, onbekend
  B4 G no aanmelddatum, financien → no registration
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


def _person(bsn: str, geboren: str, wijk: str = "", gemeente: str = "GM0164") -> dict[str, object]:
    return {"bsn": bsn, "geslacht": "1", "geboortedatum": geboren, "gemeente": gemeente, "wijk": wijk}


def _aanmelding(aid: str, bsn: str, datum: str, gebieden: str, gemeente: str = "GM0164") -> dict[str, object]:
    return {"aanmelding_id": aid, "bsn": bsn, "gemeente": gemeente, "datum": datum, "meldplaats": "wijkteam",
            "levensgebieden": gebieden}  # fmt: skip


def _traject(tid: str, bsn: str, aanmeld: str, begin: str, gebieden: str, end: str = "") -> dict[str, object]:
    return {"traject_id": tid, "bsn": bsn, "product": "45A48", "aanmelddatum": aanmeld, "begindatum": begin,
            "einddatum": end, "reden_beeindiging": "34" if end else "", "levensgebieden": gebieden}  # fmt: skip


def _basis() -> dict[str, Rows]:
    return {
        "levering": [{"peildatum": "2024-10-31", "bron": "handwerk"}],
        "jeugdigen": [
            _person(A, "2006-04-15", "WK016401"),
            _person(B, "2015-06-01", "WK016402"),
            _person(C, "2021-01-01"),
            _person(D, "2012-01-01"),
            _person(E, "2012-01-01"),
            _person(F, "2010-01-01", gemeente="GM0147"),
            _person(G, "2010-01-01", gemeente="GM0147"),
        ],
    }


def fixture_tables() -> dict[str, Rows]:
    return {
        **_basis(),
        "aanmeldingen": [
            _aanmelding("M1", A, "2024-01-10", "opvoeding;gezondheid"),
            _aanmelding("M2", A, "2024-04-30", "opvoeding"),
            _aanmelding("M3", B, "2024-05-01", "financien"),
            _aanmelding("M4", C, "2024-03-03", ""),
            _aanmelding("M5", D, "2024-11-05", "veiligheid"),
            _aanmelding("M6", "", "2024-02-02", "relatie"),
            _aanmelding("M7", E, "2023-12-31", "opvoeding"),
            _aanmelding("M8", F, "2024-02-01", "", gemeente="GM0147"),
        ],
        "jeugdhulp": [
            _traject("H1", A, "2024-01-10", "2024-02-01", "woonomgeving"),
            _traject("B1", F, "2024-02-01", "2024-03-01", "opvoeding;relatie"),
            _traject("B2", F, "2024-02-01", "2024-03-15", "relatie;veiligheid"),
            _traject("B3", F, "2024-06-10", "", "", end="2024-07-01"),
            _traject("B4", G, "", "2024-03-01", "financien"),
        ],
    }


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    return load_store(tmp_path_factory, "levensgebieden", fixture_tables())


def split(records: list[Record], periode: str, gemeente: str, dim: str) -> dict:
    return {r.dimensies[dim]: r.waarde for r in records if (r.periode, r.gemeente) == (periode, gemeente)
            and dim in r.dimensies}  # fmt: skip


def test_registrations_per_levensgebied(store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(store, ["h10.07"], PERIODS)
    # T1: M1, M2 (30-04), M4, M6; M3 (01-05) is in T2, M5 after the peildatum, M7 in 2023
    assert value(recs, "2024-T1", "GM0164") == 4
    # M1 counts under both its areas, M4 (none) under onbekend: the areas add up to more than the total
    assert split(recs, "2024-T1", "GM0164", "levensgebied") == {"opvoeding": 2, "gezondheid": 1, "relatie": 1,
                                                                "onbekend": 1}  # fmt: skip
    assert split(recs, "2024-T2", "GM0164", "levensgebied") == {"financien": 1}
    assert value(recs, "2024", "GM0164") == 5
    assert find(recs, "2024", "GM0164").status == "voorlopig"  # type: ignore[union-attr]
    assert find(recs, "2024", "GM0164", levensgebied="woonomgeving") is None  # trajectory H1 is not read


def test_trajectories_where_registrations_name_no_levensgebied(store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(store, ["h10.07"], PERIODS)
    # Borne T1: B1 and B2 are one registration (F, 01-02) with opvoeding, relatie and veiligheid; B4 has no
    # aanmelddatum. T2: B3 (cancelled, but registered on 10-06) names none
    assert value(recs, "2024-T1", "GM0147") == 1
    assert split(recs, "2024-T1", "GM0147", "levensgebied") == {"opvoeding": 1, "relatie": 1, "veiligheid": 1}
    assert split(recs, "2024-T2", "GM0147", "levensgebied") == {"onbekend": 1}
    # the region: Hengelo's 4 + Borne's 1 in T1; relatie M6 + F
    assert value(recs, "2024-T1", "regio") == 5
    assert value(recs, "2024-T1", "regio", levensgebied="relatie") == 2


def test_age_on_the_registration_date_and_wijk(store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(store, ["h10.07"], [parse("2024")], per=["leeftijdsklasse", "wijk"])
    # A is 17 on 10-01 (M1) and 18 on 30-04 (M2); B is 8 on 01-05; C is 3 on 03-03; M6 has no client
    klassen = {"12-17 jaar": 1, "18 jaar en ouder": 1, "4-11 jaar": 1, "0-3 jaar": 1, "onbekend": 1}
    assert split(recs, "2024", "GM0164", "leeftijdsklasse") == klassen
    # wijk of the young person: A WK016401 (twice), B WK016402; C has no wijk, M6 no client
    assert split(recs, "2024", "GM0164", "wijk") == {"WK016401": 2, "WK016402": 1, "onbekend": 2}


def test_missing_levensgebieden_is_niet_beschikbaar(tmp_path_factory: pytest.TempPathFactory) -> None:
    tables = fixture_tables()
    for row in tables["aanmeldingen"] + tables["jeugdhulp"]:
        del row["levensgebieden"]
    zonder = load_store(tmp_path_factory, "levensgebieden_zonder", tables)
    recs = compute(zonder, ["h10.07"], [parse("2024")])
    assert {r.status for r in recs} == {"niet_beschikbaar"}
    assert "jeugdhulp.levensgebieden | aanmeldingen.levensgebieden" in recs[0].toelichting
