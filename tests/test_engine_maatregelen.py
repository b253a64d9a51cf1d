"""Family `maatregelen` (kern.maatregelen) on a hand-made delivery; every expected value worked out by hand.

Stocks and flows of JB/JR measures on spells (merge gap 0), in total, per kader and per type.
Peildatum 31 October 2024 (levering.csv). Hengelo (GM0164) unless said otherwise.

  A  born 2010, GI Oost: JB ots 01-11-2023..31-03-2024, extended by JB ots 01-04-2024..open: one spell
  B  born 15-06-2006 (18 on 15-06-2024): JR toezicht_begeleiding 01-02..31-05, JR stp 01-07..31-08 (30 days
     apart: two spells)
  C  JB vots 01-03..10-03, then JB ots 11-03..open: one JB spell, a spell of each type
  D  preventief (no type) 01-05..30-09
  E  JB ots without begindatum: never began
  F  JB voogdij from 15-11-2024, after the peildatum
  G  Borne (GM0147): JR itb_criem 01-01..31-01 and JB ots 15-01..open: one spell in total
  H  JB ots 01-06..31-12-2024 (ends after the peildatum: open)
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from jeugdmonitor.engine.perioden import parse
from jeugdmonitor.engine.runner import compute
from jeugdmonitor.store.loader import load_delivery
from tests.conftest import BSN, Make, Rows
from tests.engine_hulp import load_store, value

PERIODS = [parse("2024"), parse("2024-T1"), parse("2024-T2")]
FLOWS = ("beginstand", "instroom", "uitstroom", "eindstand")
A, B, C, D, E, F, G, H = BSN


def _person(bsn: str, born: str = "2012-01-01", gemeente: str = "GM0164") -> dict[str, object]:
    return {"bsn": bsn, "geslacht": "1", "geboortedatum": born, "gemeente": gemeente}


def _maatregel(mid: str, bsn: str, kader: str, soort: str, begin: str, end: str, gi: str = "GI West") -> dict:
    return {"maatregel_id": mid, "bsn": bsn, "kader": kader, "type": soort, "gi": gi, "begindatum": begin,
            "einddatum": end}  # fmt: skip


def fixture_tables() -> dict[str, Rows]:
    return {
        "levering": [{"peildatum": "2024-10-31"}],
        "jeugdigen": [
            _person(A, "2010-01-01"),
            _person(B, "2006-06-15"),
            *(_person(p) for p in (C, D, E, F, H)),
            _person(G, gemeente="GM0147"),
        ],
        "jeugdhulp": [
            {"traject_id": "T1", "bsn": A, "product": "45A48", "begindatum": "2024-01-01", "einddatum": ""},
        ],
        "maatregelen": [
            _maatregel("A1", A, "JB", "ots", "2023-11-01", "2024-03-31", gi="GI Oost"),
            _maatregel("A2", A, "JB", "ots", "2024-04-01", "", gi="GI Oost"),
            _maatregel("B1", B, "JR", "toezicht_begeleiding", "2024-02-01", "2024-05-31"),
            _maatregel("B2", B, "JR", "stp", "2024-07-01", "2024-08-31"),
            _maatregel("C1", C, "JB", "vots", "2024-03-01", "2024-03-10"),
            _maatregel("C2", C, "JB", "ots", "2024-03-11", ""),
            _maatregel("D1", D, "preventief", "", "2024-05-01", "2024-09-30"),
            _maatregel("E1", E, "JB", "ots", "", "2024-02-01"),
            _maatregel("F1", F, "JB", "voogdij", "2024-11-15", ""),
            _maatregel("G1", G, "JR", "itb_criem", "2024-01-01", "2024-01-31"),
            _maatregel("G2", G, "JB", "ots", "2024-01-15", ""),
            _maatregel("H1", H, "JB", "ots", "2024-06-01", "2024-12-31"),
        ],
    }


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    return load_store(tmp_path_factory, "maatregelen", fixture_tables())


def _flows(recs: list, periode: str, gemeente: str = "GM0164", **dims: str) -> tuple[float | None, ...]:
    return tuple(value(recs, periode, gemeente, m, **dims) for m in FLOWS)


def test_stocks_and_flows_per_kader_and_type(store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(store, ["kern.maatregelen"], PERIODS)
    # 2024 total spells: A (since Nov 2023, open), B twice in and out, C in (open), D in and out, H in (its end
    # lies after the peildatum); E never began, F begins after the peildatum: 1 + 5 − 3 = 3
    assert _flows(recs, "2024") == (1, 5, 3, 3)
    assert _flows(recs, "2024", kader="JB") == (1, 2, 0, 3)  # A; C (vots then ots: one spell); H
    assert _flows(recs, "2024", kader="JR") == (0, 2, 2, 0)  # B's two spells
    assert _flows(recs, "2024", kader="preventief") == (0, 1, 1, 0)  # D
    assert _flows(recs, "2024", type="ots") == (1, 2, 0, 3)  # A, C from 11 Mar, H
    assert _flows(recs, "2024", type="vots") == (0, 1, 1, 0)  # C, 1–10 Mar
    assert _flows(recs, "2024", type="onbekend") == (0, 1, 1, 0)  # D: preventief has no type
    # T1 (Jan–Apr): A runs on; B1 and C begin and run on: 1 + 2 − 0 = 3
    assert _flows(recs, "2024-T1") == (1, 2, 0, 3)
    # T2 (May–Aug): A, B1, C running on 1 May; B2, D, H begin; B1 (31 May) and B2 (31 Aug) end: 3 + 3 − 2 = 4
    assert _flows(recs, "2024-T2") == (3, 3, 2, 4)
    # Borne: G's JR and JB overlap: one spell in total, one of each kader
    assert _flows(recs, "2024", "GM0147") == (0, 1, 0, 1)
    assert _flows(recs, "2024", "GM0147", kader="JR") == (0, 1, 1, 0)
    assert _flows(recs, "2024", "regio") == (1, 6, 3, 4)


def test_splits_by_institution_and_age(store: duckdb.DuckDBPyConnection) -> None:
    periods = [parse("2024"), parse("2024-T1")]
    recs = compute(store, ["kern.maatregelen"], periods, per=["aanbieder", "leeftijdsklasse"])
    assert _flows(recs, "2024", aanbieder="GI Oost") == (1, 0, 0, 1)  # A
    assert _flows(recs, "2024", aanbieder="GI West") == (0, 5, 3, 2)  # in B (2), C, D, H; out B (2), D
    # B's last day under a measure in 2024 is 31 Aug, aged 18; in T1 it is 30 Apr, aged 17
    assert _flows(recs, "2024", leeftijdsklasse="18 jaar en ouder") == (0, 2, 2, 0)
    assert _flows(recs, "2024", leeftijdsklasse="12-17 jaar") == (1, 3, 1, 3)  # A (14), C, D, H (12)
    assert _flows(recs, "2024-T1", leeftijdsklasse="18 jaar en ouder") == (None, None, None, None)


def test_without_measures_not_available(make_delivery: Make, tmp_path: Path) -> None:
    tables = fixture_tables()
    del tables["maatregelen"]
    path = tmp_path / "zonder_maatregelen.duckdb"
    load_delivery(make_delivery(tables), path)
    recs = compute(duckdb.connect(str(path), read_only=True), ["kern.maatregelen"], [parse("2024")])
    assert {r.status for r in recs} == {"niet_beschikbaar"}
    assert recs[0].toelichting == (
        "niet beschikbaar: de levering bevat geen maatregelen.begindatum, maatregelen.einddatum, maatregelen.kader"
    )
