"""Families `gebruik` and `stromen` on a hand-made delivery; every expected value worked out by hand.

Peildatum 31 October 2024 (levering.csv). Hengelo (GM0164) unless said otherwise; products: 45A48 ambulant
(productgroep "Ambulante begeleiding"), 54001 "Jeugd GGZ", 43A24 pleegzorg ("Pleegzorg", verblijf).

  A  T1 45A48 15-01-2024..31-03-2024, T2 45A48 01-04-2024..open   back-to-back: one spell, open
  B  T3 54001 01-11-2023..10-02-2024, T4 54001 01-05-2024..31-08-2024   gap 80 days: two spells;
     born 15-06-2006: 18 on 15-06-2024, last day in care in 2024 is 31-08 → "18 jaar en ouder"
  C  T6 45A48 PGB 01-02-2024..30-06-2024, T5 43A24 ZIN 01-09-2024..31-12-2024 (after the peildatum: open)
  D  T7 cancelled: no begindatum, einddatum 01-03-2024 → never active
  E  Borne (GM0147): T8 45A48 01-03-2024..30-04-2024
  F  T9 begins 15-11-2024, after the peildatum → not counted
  G  T10 01-01-2024..31-01-2024, T11 20-02-2024..31-03-2024   gap 20 days: two spells at G=0, one at G=31
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import duckdb
import pytest

from jeugdmonitor.engine.bases import Bases
from jeugdmonitor.engine.families import shipped_families
from jeugdmonitor.engine.perioden import parse
from jeugdmonitor.engine.runner import compute, prepare, render
from jeugdmonitor.store.loader import load_delivery
from tests.conftest import BSN, Make, Rows
from tests.engine_hulp import load_store, value

PERIODS = [parse("2024"), parse("2024-T1"), parse("2024-T2")]


def _person(bsn: str, born: str, gemeente: str = "GM0164") -> dict[str, object]:
    return {"bsn": bsn, "geslacht": "1", "geboortedatum": born, "gemeente": gemeente}


def _traject(tid: str, bsn: str, product: str, begin: str, end: str, **extra: object) -> dict[str, object]:
    row: dict[str, object] = {"traject_id": tid, "bsn": bsn, "product": product, "financiering": "ZIN",
                              "aanmelddatum": "2023-10-01", "begindatum": begin, "einddatum": end,
                              "reden_beeindiging": "31" if end else ""}  # fmt: skip
    row.update(extra)
    return row


A, B, C, D, E, F, G, H = BSN


def fixture_tables() -> dict[str, Rows]:
    return {
        "levering": [{"peildatum": "2024-10-31", "bron": "handwerk"}],
        "jeugdigen": [
            _person(A, "2010-05-01"),
            _person(B, "2006-06-15"),
            _person(C, "2012-01-01"),
            _person(D, "2011-03-03"),
            _person(E, "2013-07-07", "GM0147"),
            _person(F, "2009-09-09"),
            _person(G, "2008-02-02"),
        ],
        "jeugdhulp": [
            _traject("T1", A, "45A48", "2024-01-15", "2024-03-31"),
            _traject("T2", A, "45A48", "2024-04-01", ""),
            _traject("T3", B, "54001", "2023-11-01", "2024-02-10"),
            _traject("T4", B, "54001", "2024-05-01", "2024-08-31", reden_beeindiging="34"),
            _traject("T5", C, "43A24", "2024-09-01", "2024-12-31"),
            _traject("T6", C, "45A48", "2024-02-01", "2024-06-30", financiering="PGB"),
            _traject("T7", D, "45A48", "", "2024-03-01", reden_beeindiging="34"),
            _traject("T8", E, "45A48", "2024-03-01", "2024-04-30"),
            _traject("T9", F, "45A48", "2024-11-15", ""),
            _traject("T10", G, "45A48", "2024-01-01", "2024-01-31"),
            _traject("T11", G, "45A48", "2024-02-20", "2024-03-31"),
        ],
    }


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    return load_store(tmp_path_factory, "engine", fixture_tables())


def test_gebruik_counts_distinct_persons_per_period(store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(store, ["kern.gebruik"], PERIODS)
    # 2024 (to the peildatum): A, B, C, G in Hengelo — D was cancelled, F starts after the peildatum
    assert value(recs, "2024", "GM0164") == 4
    assert value(recs, "2024", "GM0147") == 1
    assert value(recs, "2024", "regio") == 5
    assert value(recs, "2024-T1", "GM0164") == 4  # A, B (until 10 Feb), C (PGB from 1 Feb), G
    assert value(recs, "2024-T2", "GM0164") == 3  # A, B (T4), C (T6 until 30 Jun)
    assert value(recs, "2024-T2", "GM0147") is None  # E ended 30 April: no one in care
    statuses = {r.periode: r.status for r in recs if r.gemeente == "GM0164"}
    assert statuses == {"2024": "voorlopig", "2024-T1": "ok", "2024-T2": "ok"}


def test_gebruik_totals_are_distinct_over_categories(store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(store, ["kern.gebruik"], [parse("2024")], per=["financiering", "productgroep"])
    assert value(recs, "2024", "GM0164", financiering="ZIN") == 4  # A, B, C (T5), G
    assert value(recs, "2024", "GM0164", financiering="PGB") == 1  # C (T6)
    assert value(recs, "2024", "GM0164") == 4  # not 5: C counts once (stacking)
    assert value(recs, "2024", "GM0164", productgroep="Ambulante begeleiding") == 3  # A, C, G
    assert value(recs, "2024", "GM0164", productgroep="Jeugd GGZ") == 1  # B
    assert value(recs, "2024", "GM0164", productgroep="Pleegzorg") == 1  # C


def test_age_on_the_last_day_in_care(store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(store, ["kern.gebruik"], [parse("2024"), parse("2024-T1")], per=["leeftijdsklasse"])
    # B turned 18 on 15 June 2024 and was last in care on 31 August: 18+ for 2024, 17 in T1 (last day 10 Feb)
    assert value(recs, "2024", "GM0164", leeftijdsklasse="18 jaar en ouder") == 1
    assert value(recs, "2024", "GM0164", leeftijdsklasse="12-17 jaar") == 3  # A 14, C 12, G 16
    assert value(recs, "2024-T1", "GM0164", leeftijdsklasse="12-17 jaar") == 4
    assert value(recs, "2024-T1", "GM0164", leeftijdsklasse="18 jaar en ouder") is None


def test_stromen_with_extensions_gaps_and_the_peildatum(store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(store, ["kern.stromen"], PERIODS)
    # Hengelo spells (G=0): A [15-01, open]; B [01-11-23, 10-02], [01-05, 31-08]; C [01-02, 30-06], [01-09, open];
    # G [01-01, 31-01], [20-02, 31-03]
    year = {m: value(recs, "2024", "GM0164", m) for m in ("beginstand", "instroom", "uitstroom", "eindstand")}
    assert year == {"beginstand": 1, "instroom": 6, "uitstroom": 5, "eindstand": 2}
    t2 = {m: value(recs, "2024-T2", "GM0164", m) for m in ("beginstand", "instroom", "uitstroom", "eindstand")}
    assert t2 == {"beginstand": 2, "instroom": 1, "uitstroom": 2, "eindstand": 1}
    regio = {m: value(recs, "2024", "regio", m) for m in ("beginstand", "instroom", "uitstroom", "eindstand")}
    assert regio == {"beginstand": 1, "instroom": 7, "uitstroom": 6, "eindstand": 2}


def test_merge_gap_31_days(store: duckdb.DuckDBPyConnection) -> None:
    base = shipped_families()["kern.stromen"]
    wide = replace(base, indicator="test.stromen_g31", params={**base.params, "samenvoeg_gat_dagen": 31})
    prepare(store, [parse("2024")])
    rows = store.execute(render(wide, [], Bases(store, []))).fetchall()
    year = {r[4]: r[5] for r in rows if r[1] == "GM0164"}
    # G's two trajectories 20 days apart now form one spell: one inflow and one outflow fewer
    assert year == {"beginstand": 1, "instroom": 5, "uitstroom": 4, "eindstand": 2}


def test_a_move_between_municipalities(make_delivery: Make) -> None:
    """H lives in Borne at delivery, had help in Hengelo until 31 May and in Borne from 1 June: out of Hengelo,
    into Borne, but one continuous spell for the region."""
    tables: dict[str, Rows] = {
        "levering": [{"peildatum": "2024-12-31"}],
        "jeugdigen": [_person(H, "2010-01-01", "GM0147")],
        "jeugdhulp": [
            _traject("M1", H, "45A48", "2024-01-01", "2024-05-31", gemeente="GM0164"),
            _traject("M2", H, "45A48", "2024-06-01", "", gemeente="GM0147"),
        ],
    }
    folder = make_delivery(tables)
    path: Path = folder.parent / "verhuizing.duckdb"
    load_delivery(folder, path)
    recs = compute(duckdb.connect(str(path), read_only=True), ["kern.stromen"], [parse("2024")])
    got = {(r.gemeente, r.maat): r.waarde for r in recs}
    assert got[("GM0164", "instroom")] == 1 and got[("GM0164", "uitstroom")] == 1
    assert got[("GM0147", "instroom")] == 1 and got[("GM0147", "eindstand")] == 1
    assert got[("regio", "instroom")] == 1 and got[("regio", "uitstroom")] == 0 and got[("regio", "eindstand")] == 1
