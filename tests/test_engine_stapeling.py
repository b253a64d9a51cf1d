"""Family `stapeling` (h10.02) on a hand-made delivery; every expected value worked out by hand.

Stacking: two trajectories of different productgroep that overlap or where the later begins at most 182 days
after the earlier's einddatum, over the person's whole history up to the period's (cut) end; counted among
the persons in care in the period. Peildatum 31 October 2024 (levering.csv). Products 45A48 ("Ambulante
begeleiding"), 54001 ("Jeugd GGZ"), 43A24 ("Pleegzorg"), 48A01 (JB: not youth care). Hengelo unless said.

  A  45A48 01-01..31-03-2024, 54001 15-03..30-06-2024: overlap, stacked from 15-03-2024
  B  45A48 01-01..31-01-2024, 54001 31-07-2024..open: exactly 182 days apart, stacked from 31-07-2024
  C  45A48 01-01..31-01 and 01-03..31-03-2024 (one group), 54001 01-10-2024..open: 184 days apart, not stacked
  D  54001 01-01..30-06-2023, 45A48 01-09..31-12-2023 (63 days apart: stacked from 01-09-2023), 45A48 in Jan 2024
  E  45A48 01-01..29-02-2024 and 01-02..31-03-2024 (one group), 48A01 01-01..31-03-2024 (a measure): not stacked
  F  45A48 01-01-2024..open; 54001 cancelled (no begindatum); 54001 from 15-11-2024 (after the peildatum)
  G  Borne: 43A24 PGB 01-02-2024..open, 45A48 ZIN 01-03..31-03-2024: stacked from 01-03-2024 (PGB counts)
  H  45A48 in Borne 01-01..31-01-2024, 54001 in Hengelo 01-03-2024..open: stacked from 01-03-2024 (history
     across municipalities), counted where in care
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

PERIODS = [parse("2023"), parse("2024"), parse("2024-T1"), parse("2024-T2")]
A, B, C, D, E, F, G, H = BSN


def _person(bsn: str, geslacht: str = "1", gemeente: str = "GM0164") -> dict[str, object]:
    return {"bsn": bsn, "geslacht": geslacht, "geboortedatum": "2012-01-01", "gemeente": gemeente}


def _traject(tid: str, bsn: str, product: str, begin: str, end: str, **extra: object) -> dict[str, object]:
    row: dict[str, object] = {"traject_id": tid, "bsn": bsn, "product": product, "financiering": "ZIN",
                              "begindatum": begin, "einddatum": end,
                              "reden_beeindiging": "31" if end else ""}  # fmt: skip
    row.update(extra)
    return row


def fixture_tables() -> dict[str, Rows]:
    return {
        "levering": [{"peildatum": "2024-10-31"}],
        "jeugdigen": [
            *(_person(p) for p in (A, B, C, E, F)),
            _person(D, "2"),
            _person(G, gemeente="GM0147"),
            _person(H, gemeente="GM0164"),
        ],
        "jeugdhulp": [
            _traject("A1", A, "45A48", "2024-01-01", "2024-03-31"),
            _traject("A2", A, "54001", "2024-03-15", "2024-06-30"),
            _traject("B1", B, "45A48", "2024-01-01", "2024-01-31"),
            _traject("B2", B, "54001", "2024-07-31", ""),
            _traject("C1", C, "45A48", "2024-01-01", "2024-01-31"),
            _traject("C2", C, "45A48", "2024-03-01", "2024-03-31"),
            _traject("C3", C, "54001", "2024-10-01", ""),
            _traject("D1", D, "54001", "2023-01-01", "2023-06-30"),
            _traject("D2", D, "45A48", "2023-09-01", "2023-12-31"),
            _traject("D3", D, "45A48", "2024-01-01", "2024-01-31"),
            _traject("E1", E, "45A48", "2024-01-01", "2024-02-29"),
            _traject("E2", E, "45A48", "2024-02-01", "2024-03-31"),
            _traject("E3", E, "48A01", "2024-01-01", "2024-03-31"),
            _traject("F1", F, "45A48", "2024-01-01", ""),
            _traject("F2", F, "54001", "", "2024-03-01"),
            _traject("F3", F, "54001", "2024-11-15", ""),
            _traject("G1", G, "43A24", "2024-02-01", "", financiering="PGB"),
            _traject("G2", G, "45A48", "2024-03-01", "2024-03-31"),
            _traject("H1", H, "45A48", "2024-01-01", "2024-01-31", gemeente="GM0147"),
            _traject("H2", H, "54001", "2024-03-01", ""),
        ],
    }


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    return load_store(tmp_path_factory, "stapeling", fixture_tables())


def test_stacking_over_the_history_up_to_the_period_end(store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(store, ["h10.02"], PERIODS)
    assert value(recs, "2023", "GM0164") == 1  # D, stacked since 1 Sep 2023
    # 2024 (to 31 Oct): in care A, B, C, D, E, F, H; stacked A, B (exactly 182 days), D (history) and H
    assert value(recs, "2024", "GM0164") == 4
    # T1 (to 30 Apr): A, D, H; B's second form of help begins only on 31 July
    assert value(recs, "2024-T1", "GM0164") == 3
    # T2: in care A (to 30 Jun), B (from 31 Jul), F, H; stacked A, B, H
    assert value(recs, "2024-T2", "GM0164") == 3
    # Borne: G (foster care by PGB and support) and H (in care in Borne in January, stacked by 30 Apr)
    assert [value(recs, p, "GM0147") for p in ("2024", "2024-T1", "2024-T2")] == [2, 2, 1]
    assert value(recs, "2024", "regio") == 5  # A, B, D, G, H


def test_stacking_per_gender(store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(store, ["h10.02"], [parse("2024")], per=["geslacht"])
    assert value(recs, "2024", "GM0164", geslacht="2") == 1  # D
    assert value(recs, "2024", "GM0164", geslacht="1") == 3  # A, B, H


def test_without_product_stacking_is_not_available(make_delivery: Make, tmp_path: Path) -> None:
    tables = fixture_tables()
    for row in tables["jeugdhulp"]:
        del row["product"]
    path = tmp_path / "zonder_product.duckdb"
    load_delivery(make_delivery(tables), path)
    recs = compute(duckdb.connect(str(path), read_only=True), ["h10.02"], [parse("2024")])
    assert {r.status for r in recs} == {"niet_beschikbaar"}
    assert recs[0].toelichting == (
        "niet beschikbaar: de levering bevat geen jeugdhulp.product | jeugdhulp.productcategorie"
    )
