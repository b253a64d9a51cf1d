"""Families `duur` (kern.duur, twente.ambulant.D2.i1/i2) and `etmalen` (twente.verblijf.D3.i1) on a hand-made
delivery; every expected value worked out by hand (2024 is a leap year).

Peildatum 31 October 2024 (levering.csv). Hengelo (GM0164) unless said otherwise. Products: 45A48 ambulant
support (segment care), 54001 jeugd-ggz (cure), 43A01 and 44A01 residential (24uurs, verblijf), 48A01 JB, and
the region's own ALT (care, an ambulant alternative to residential care). Duration = einde − begin + 1 days.

  A  born 2010: 45A48 01-01..31-03 (91 days) and 01-04..30-06 (91), back to back; 54001 15-02..15-03 (30),
     overlapping: one spell of youth care 01-01..30-06 (182)
  B  born 15-06-2006 (18 on 15-06-2024): 54001 01-11-2023..10-02-2024 (102) and 01-05..31-08-2024 (123): two spells
  C  born 2012: 43A01 15-12-2023..10-01-2024 (27), 43A01 01-09-2024..open
  D  45A48 cancelled (no begindatum, einddatum 01-03)
  E  born 2012: ALT 01-02..29-02 (29)
  F  born 2012: 45A48 01-06..30-11 (ends after the peildatum: still open)
  G  48A01 (JB) 01-01..31-01: a measure, not youth care
  H  Borne (GM0147): 44A01 01-04..30-04 (30 days residential)
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
ALTERNATIEF = {"product": "ALT", "productcategorie": "45", "hulpvorm": "04", "verblijf": "nee",
               "ambulant_alternatief": "ja", "segment": "care", "productgroep": "Alternatief"}  # fmt: skip


def _person(bsn: str, born: str, gemeente: str = "GM0164") -> dict[str, object]:
    return {"bsn": bsn, "geslacht": "1", "geboortedatum": born, "gemeente": gemeente}


def _traject(tid: str, bsn: str, product: str, begin: str, end: str) -> dict[str, object]:
    return {"traject_id": tid, "bsn": bsn, "product": product, "begindatum": begin, "einddatum": end,
            "reden_beeindiging": "31" if end else ""}  # fmt: skip


def fixture_tables() -> dict[str, Rows]:
    return {
        "levering": [{"peildatum": "2024-10-31"}],
        "jeugdigen": [
            _person(A, "2010-01-01"),
            _person(B, "2006-06-15"),
            *(_person(p, "2012-01-01") for p in (C, D, E, F, G)),
            _person(H, "2012-01-01", "GM0147"),
        ],
        "producten": [ALTERNATIEF],
        "jeugdhulp": [
            _traject("A1", A, "45A48", "2024-01-01", "2024-03-31"),
            _traject("A2", A, "45A48", "2024-04-01", "2024-06-30"),
            _traject("A3", A, "54001", "2024-02-15", "2024-03-15"),
            _traject("B1", B, "54001", "2023-11-01", "2024-02-10"),
            _traject("B2", B, "54001", "2024-05-01", "2024-08-31"),
            _traject("C1", C, "43A01", "2023-12-15", "2024-01-10"),
            _traject("C2", C, "43A01", "2024-09-01", ""),
            _traject("D1", D, "45A48", "", "2024-03-01"),
            _traject("E1", E, "ALT", "2024-02-01", "2024-02-29"),
            _traject("F1", F, "45A48", "2024-06-01", "2024-11-30"),
            _traject("G1", G, "48A01", "2024-01-01", "2024-01-31"),
            _traject("H1", H, "44A01", "2024-04-01", "2024-04-30"),
        ],
    }


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    return load_store(tmp_path_factory, "duur", fixture_tables())


def _mean(recs: list, periode: str, maat: str | None = None, **dims: str) -> tuple | None:
    rec = find(recs, periode, "GM0164", maat, **dims)
    return None if rec is None else (rec.teller, rec.noemer, rec.waarde)


def test_kern_duur_of_trajectories_and_spells(store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(store, ["kern.duur"], PERIODS)
    # ended in 2024 (to 31 Oct): A1 91, A2 91, A3 30, B1 102, B2 123, C1 27, E1 29 = 493 over 7 trajectories;
    # not D (cancelled), F (ends after the peildatum), G (a measure), C2 (open)
    assert _mean(recs, "2024", "traject") == (493, 7, pytest.approx(493 / 7))
    # spells ended in 2024: A 01-01..30-06 182, B 102 and 123, C 27, E 29 = 463 over 5
    assert _mean(recs, "2024", "zorgperiode") == (463, 5, 92.6)
    # T1: trajectories A1 91, A3 30, B1 102, C1 27, E1 29; spells B 102, C 27, E 29 (A's runs into T2)
    assert _mean(recs, "2024-T1", "traject") == (279, 5, 55.8)
    assert _mean(recs, "2024-T1", "zorgperiode") == (158, 3, pytest.approx(158 / 3))
    # T2: trajectories A2 91, B2 123; spells A 182, B 123
    assert _mean(recs, "2024-T2", "traject") == (214, 2, 107)
    assert _mean(recs, "2024-T2", "zorgperiode") == (305, 2, 152.5)
    # Borne: H's stay of 30 days ended 30 Apr, in T1 and 2024; the region adds it to Hengelo's
    assert (value(recs, "2024-T1", "GM0147", "traject"), value(recs, "2024-T2", "GM0147", "traject")) == (30, None)
    rec = find(recs, "2024", "regio", "traject")
    assert rec is not None and (rec.teller, rec.noemer) == (523, 8)


def test_kern_duur_age_on_the_last_day(store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(store, ["kern.duur"], [parse("2024")], per=["leeftijdsklasse", "productgroep"])
    # B was 17 on 10 Feb and 18 on 31 Aug
    assert _mean(recs, "2024", "zorgperiode", leeftijdsklasse="18 jaar en ouder") == (123, 1, 123)
    assert _mean(recs, "2024", "traject", leeftijdsklasse="18 jaar en ouder") == (123, 1, 123)
    assert _mean(recs, "2024", "zorgperiode", leeftijdsklasse="12-17 jaar") == (340, 4, 85)  # 182 + 102 + 27 + 29
    # a split value is a scope of its own: Jeugd GGZ spells are A3 (30) and B's two (102, 123)
    assert _mean(recs, "2024", "zorgperiode", productgroep="Jeugd GGZ") == (255, 3, 85)


def test_twente_treatment_and_support_duration(store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(store, ["twente.ambulant.D2.i1", "twente.ambulant.D2.i2"], PERIODS)
    cure = [r for r in recs if r.indicator == "twente.ambulant.D2.i1"]
    care = [r for r in recs if r.indicator == "twente.ambulant.D2.i2"]
    # treatment (cure): spells A3 30 (within A's care, but a scope of its own), B 102 and 123
    assert _mean(cure, "2024") == (255, 3, 85)
    assert _mean(cure, "2024-T1") == (132, 2, 66)
    assert _mean(cure, "2024-T2") == (123, 1, 123)
    # support (care, no residential care, no alternative): A1 + A2 back to back, one spell of 182 days; E's ALT
    # is an alternative, C's stays are residential, F is still open, G is a measure
    assert _mean(care, "2024") == (182, 1, 182)
    assert _mean(care, "2024-T1") is None
    assert _mean(care, "2024-T2") == (182, 1, 182)


def test_twente_residential_days(store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(store, ["twente.verblijf.D3.i1"], PERIODS)
    # 2024 (to the peildatum 31 Oct): C1 01-01..10-01 = 10 days, C2 01-09..31-10 = 61 days
    assert value(recs, "2024", "GM0164") == 71
    assert value(recs, "2024-T1", "GM0164") == 10
    assert value(recs, "2024-T2", "GM0164") is None  # no residential care in May–August
    assert value(recs, "2024-T1", "GM0147") == 30  # H: April
    assert value(recs, "2024", "regio") == 101


def test_without_einddatum_duration_and_days_are_not_available(make_delivery: Make, tmp_path: Path) -> None:
    tables = fixture_tables()
    for row in tables["jeugdhulp"]:
        del row["einddatum"], row["reden_beeindiging"]
    path = tmp_path / "zonder_einddatum.duckdb"
    load_delivery(make_delivery(tables), path)
    recs = compute(duckdb.connect(str(path), read_only=True), ["kern.duur", "twente.verblijf.D3.i1"], [parse("2024")])
    assert {r.status for r in recs} == {"niet_beschikbaar"}
    assert {r.toelichting for r in recs} == {"niet beschikbaar: de levering bevat geen jeugdhulp.einddatum"}


def test_without_products_duration_counts_every_trajectory(make_delivery: Make, tmp_path: Path) -> None:
    """kern.duur needs no product classification: without it no trajectory is known to be a JB measure."""
    tables = fixture_tables()
    del tables["producten"]
    for row in tables["jeugdhulp"]:
        del row["product"]
    path = tmp_path / "zonder_product.duckdb"
    load_delivery(make_delivery(tables), path)
    recs = compute(duckdb.connect(str(path), read_only=True), ["kern.duur", "twente.ambulant.D2.i1"], [parse("2024")])
    # the 7 trajectories of the first test (493 days) and G's January (31 days)
    duur = [r for r in recs if r.indicator == "kern.duur"]
    assert _mean(duur, "2024", "traject") == (524, 8, 65.5)
    assert {r.status for r in recs if r.indicator == "twente.ambulant.D2.i1"} == {"niet_beschikbaar"}
