"""Families `doorstroom` (kern.doorstroom, twente.ambulant.D5.i1) and `doorverwijzing` (twente.ambulant.D4.i1) on
hand-made deliveries; every expected value worked out by hand.

Peildatum 31 October 2024. Hengelo (GM0164) unless said otherwise; products from the region's catalogue: AMB
ambulant support, BEH ambulant treatment, ALT ambulant alternative, VBL residential, OTS a JB measure. Born
1 January 2010 (14 in 2024) unless said otherwise. A flow from form A to form B: B's spell begins while A's runs
or at most 31 days after A's ended (B.begin − A.eind ≤ 31), A's having begun first.

Doorstroom delivery:
  A  AMB 01-01..15-03, VBL P2 01-04..open                      ambulant → verblijf on 01-04 (17 days)
  B  VBL 01-01..31-05, AMB 02-07..open, VBL 10-11 (after the peildatum)
                                                               32 days: no flow; the VBL of November is not counted
  C  VBL 01-02..30-04, AMB P3 31-05..open                     verblijf → ambulant on 31-05 (exactly 31 days)
  D  AMB 01-01..open, VBL P2 01-03..31-03                     ambulant → verblijf on 01-03 (ambulant still running)
  E  AMB 01-01..31-01 + AMB 01-02..15-03 (extension), ALT P4 10-03..30-06, VBL P2 15-07..open
                                                               ambulant → ambulant alternatief on 10-03; ambulant
                                                               alternatief → verblijf on 15-07 (15 days); not
                                                               ambulant → verblijf (122 days)
  F  VBL 01-01..31-01 + VBL 01-02..30-04 (extension), AMB P1 15-01..30-06
                                                               verblijf → ambulant on 15-01; the extension is no new
                                                               residential spell, so no ambulant → verblijf on 01-02
  G  born 10-03-2006; AMB 01-01..20-03, VBL cancelled (no begindatum, einddatum 01-02), VBL P2 25-03..open
                                                               ambulant → verblijf on 25-03, aged 18 that day
  H  JB measure 01-01..open; AMB in Hengelo 01-01..30-04, VBL in Borne (GM0147) 10-05..open
                                                               a flow for the region only (T2)
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from jeugdmonitor.engine.perioden import parse
from jeugdmonitor.engine.records import Record
from jeugdmonitor.engine.runner import compute
from jeugdmonitor.store.loader import load_delivery
from tests.conftest import BSN, Make, Rows
from tests.engine_hulp import TWENTE_PRODUCTEN, find, load_store, value

PERIODS = [parse("2024"), parse("2024-T1"), parse("2024-T2")]
A, B, C, D, E, F, G, H = BSN

PRODUCTEN = TWENTE_PRODUCTEN


def _person(bsn: str, born: str = "2010-01-01") -> dict[str, object]:
    return {"bsn": bsn, "geslacht": "2", "geboortedatum": born, "gemeente": "GM0164"}


def _traject(tid: str, bsn: str, product: str, begin: str, end: str = "", aanbieder: str = "P1",
             **extra: object) -> dict[str, object]:  # fmt: skip
    row: dict[str, object] = {"traject_id": tid, "bsn": bsn, "product": product, "aanbieder": aanbieder,
                              "aanmelddatum": "2023-12-01", "begindatum": begin, "einddatum": end,
                              "reden_beeindiging": "31" if end else ""}  # fmt: skip
    row.update(extra)
    return row


def doorstroom_tables() -> dict[str, Rows]:
    return {
        "levering": [{"peildatum": "2024-10-31"}],
        "jeugdigen": [*(_person(p) for p in (A, B, C, D, E, F, H)), _person(G, "2006-03-10")],
        "producten": PRODUCTEN,
        "jeugdhulp": [
            _traject("A1", A, "AMB", "2024-01-01", "2024-03-15"),
            _traject("A2", A, "VBL", "2024-04-01", aanbieder="P2"),
            _traject("B1", B, "VBL", "2024-01-01", "2024-05-31", aanbieder="P2"),
            _traject("B2", B, "AMB", "2024-07-02"),
            _traject("B3", B, "VBL", "2024-11-10", aanbieder="P2"),
            _traject("C1", C, "VBL", "2024-02-01", "2024-04-30", aanbieder="P2"),
            _traject("C2", C, "AMB", "2024-05-31", aanbieder="P3"),
            _traject("D1", D, "AMB", "2024-01-01"),
            _traject("D2", D, "VBL", "2024-03-01", "2024-03-31", aanbieder="P2"),
            _traject("E1", E, "AMB", "2024-01-01", "2024-01-31"),
            _traject("E2", E, "AMB", "2024-02-01", "2024-03-15"),
            _traject("E3", E, "ALT", "2024-03-10", "2024-06-30", aanbieder="P4"),
            _traject("E4", E, "VBL", "2024-07-15", aanbieder="P2"),
            _traject("F1", F, "VBL", "2024-01-01", "2024-01-31", aanbieder="P2"),
            _traject("F2", F, "VBL", "2024-02-01", "2024-04-30", aanbieder="P2"),
            _traject("F3", F, "AMB", "2024-01-15", "2024-06-30"),
            _traject("G1", G, "AMB", "2024-01-01", "2024-03-20"),
            _traject("G2", G, "VBL", "", "2024-02-01", aanbieder="P2"),
            _traject("G3", G, "VBL", "2024-03-25", aanbieder="P2"),
            _traject("H0", H, "OTS", "2024-01-01", aanbieder="GI"),
            _traject("H1", H, "AMB", "2024-01-01", "2024-04-30"),
            _traject("H2", H, "VBL", "2024-05-10", aanbieder="P2", gemeente="GM0147"),
        ],
    }


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    return load_store(tmp_path_factory, "doorstroom", doorstroom_tables())


def _pairs(recs: list[Record], periode: str, gemeente: str) -> dict[str, float | None]:
    return {r.dimensies["doorstroom"]: r.waarde for r in recs
            if (r.periode, r.gemeente) == (periode, gemeente) and "doorstroom" in r.dimensies}  # fmt: skip


def test_kern_doorstroom_pairs(store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(store, ["kern.doorstroom"], PERIODS)
    # T1: A, D, G ambulant → verblijf; E ambulant → alternatief; F verblijf → ambulant: five persons
    assert value(recs, "2024-T1", "GM0164") == 5
    assert _pairs(recs, "2024-T1", "GM0164") == {
        "ambulant → verblijf": 3, "ambulant → ambulant alternatief": 1, "verblijf → ambulant": 1}  # fmt: skip
    # T2: C verblijf → ambulant (31 days), E alternatief → verblijf; not B (32 days); H only for the region
    assert value(recs, "2024-T2", "GM0164") == 2
    assert _pairs(recs, "2024-T2", "GM0164") == {"verblijf → ambulant": 1, "ambulant alternatief → verblijf": 1}
    assert value(recs, "2024-T2", "regio") == 3
    assert _pairs(recs, "2024-T2", "regio")["ambulant → verblijf"] == 1  # H
    # 2024: A, C, D, E (twice, counted once in the total), F, G; B's flow of November is after the peildatum
    assert value(recs, "2024", "GM0164") == 6
    assert _pairs(recs, "2024", "GM0164") == {
        "ambulant → verblijf": 3, "ambulant → ambulant alternatief": 1, "verblijf → ambulant": 2,
        "ambulant alternatief → verblijf": 1}  # fmt: skip
    assert value(recs, "2024", "regio") == 7
    assert find(recs, "2024", "GM0147") is None  # H's residential spell in Borne has nothing before it there
    assert {r.eenheid for r in recs} == {"aantal"}


def test_kern_doorstroom_per_provider_and_age(store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(store, ["kern.doorstroom"], [parse("2024-T1")], per=["aanbieder", "leeftijdsklasse"])
    # the provider of the trajectory that begins the new spell: A, D, G → P2; E → P4 (ALT); F → P1 (AMB)
    assert value(recs, "2024-T1", "GM0164", aanbieder="P2") == 3
    assert value(recs, "2024-T1", "GM0164", aanbieder="P4") == 1
    assert value(recs, "2024-T1", "GM0164", aanbieder="P1") == 1
    # age on the day the new spell began: G was 18 on 25-03-2024, the others 14
    assert value(recs, "2024-T1", "GM0164", leeftijdsklasse="18 jaar en ouder") == 1
    assert value(recs, "2024-T1", "GM0164", leeftijdsklasse="12-17 jaar") == 4


def test_twente_d5_i1_op_and_afschalen(store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(store, ["twente.ambulant.D5.i1"], PERIODS)
    # only ambulant (no alternative) and residential care: E's flows pass through the alternative and do not count
    assert value(recs, "2024-T1", "GM0164", "opschalen") == 3  # A, D, G
    assert value(recs, "2024-T1", "GM0164", "afschalen") == 1  # F
    assert value(recs, "2024-T2", "GM0164", "opschalen") == 0
    assert value(recs, "2024-T2", "GM0164", "afschalen") == 1  # C
    assert value(recs, "2024-T2", "regio", "opschalen") == 1  # H, Hengelo to Borne
    assert value(recs, "2024", "GM0164", "opschalen") == 3
    assert value(recs, "2024", "GM0164", "afschalen") == 2  # F, C


# --------------------------------------------------------------------------------------------- doorverwijzing
# Spells per person and provider (ambulant: AMB, BEH), a referral when a spell at another provider begins after
# the first began and at most 31 days after it ended; counted in the period the first ended.
#   A  AMB P1 01-01..31-03, AMB P2 15-04..open                 referral, T1 (15 days)
#   B  AMB P1 01-01..31-01 + AMB P1 01-02..30-04 (one spell), BEH P2 31-05..open
#                                                              referral, T1 (P1's spell ends 30-04; exactly 31 days)
#   C  AMB P1 01-01..15-03, AMB without provider 20-03..30-06, AMB P2 17-04..open
#                                                              no: 33 days; the unknown provider is left out
#   D  BEH P1 01-01..30-06, AMB P2 01-03..open                 referral, T2 (P2 began while P1 ran), Behandeling
#   E  AMB P2 01-01..open, AMB P1 01-02..31-05                 no: P2 began before P1
#   F  AMB P1 01-01..31-03, VBL P2 10-04..open                 no: residential care is not ambulant (D5)
#   G  AMB P1 01-08..15-10, AMB P2 cancelled (einddatum 15-05), AMB P3 05-11 (after the peildatum)   no
#   H  AMB P1 in Hengelo 01-01..31-03, AMB P2 in Borne 10-04..open   the region only, T1


def doorverwijzing_tables() -> dict[str, Rows]:
    return {
        "levering": [{"peildatum": "2024-10-31"}],
        "jeugdigen": [_person(p) for p in BSN],
        "producten": PRODUCTEN,
        "jeugdhulp": [
            _traject("A1", A, "AMB", "2024-01-01", "2024-03-31"),
            _traject("A2", A, "AMB", "2024-04-15", aanbieder="P2"),
            _traject("B1", B, "AMB", "2024-01-01", "2024-01-31"),
            _traject("B2", B, "AMB", "2024-02-01", "2024-04-30"),
            _traject("B3", B, "BEH", "2024-05-31", aanbieder="P2"),
            _traject("C1", C, "AMB", "2024-01-01", "2024-03-15"),
            _traject("C2", C, "AMB", "2024-03-20", "2024-06-30", aanbieder=""),
            _traject("C3", C, "AMB", "2024-04-17", aanbieder="P2"),
            _traject("D1", D, "BEH", "2024-01-01", "2024-06-30"),
            _traject("D2", D, "AMB", "2024-03-01", aanbieder="P2"),
            _traject("E1", E, "AMB", "2024-01-01", aanbieder="P2"),
            _traject("E2", E, "AMB", "2024-02-01", "2024-05-31"),
            _traject("F1", F, "AMB", "2024-01-01", "2024-03-31"),
            _traject("F2", F, "VBL", "2024-04-10", aanbieder="P2"),
            _traject("G1", G, "AMB", "2024-08-01", "2024-10-15"),
            _traject("G2", G, "AMB", "", "2024-05-15", aanbieder="P2"),
            _traject("G3", G, "AMB", "2024-11-05", aanbieder="P3"),
            _traject("H1", H, "AMB", "2024-01-01", "2024-03-31"),
            _traject("H2", H, "AMB", "2024-04-10", aanbieder="P2", gemeente="GM0147"),
        ],
    }


@pytest.fixture(scope="module")
def verwijs_store(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    return load_store(tmp_path_factory, "doorverwijzing", doorverwijzing_tables())


def test_twente_d4_i1_referrals(verwijs_store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(verwijs_store, ["twente.ambulant.D4.i1"], PERIODS)
    assert value(recs, "2024-T1", "GM0164") == 2  # A, B
    assert value(recs, "2024-T2", "GM0164") == 1  # D
    assert value(recs, "2024", "GM0164") == 3
    assert value(recs, "2024-T1", "regio") == 3  # and H, from Hengelo to Borne
    assert value(recs, "2024", "regio") == 4
    assert find(recs, "2024", "GM0147") is None
    assert {r.eenheid for r in recs} == {"aantal"}


def test_twente_d4_i1_per_provider_and_product_group(verwijs_store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(verwijs_store, ["twente.ambulant.D4.i1"], [parse("2024")], per=["aanbieder", "productgroep"])
    assert value(recs, "2024", "GM0164", aanbieder="P1") == 3  # the provider that referred
    assert find(recs, "2024", "GM0164", aanbieder="P2") is None
    assert value(recs, "2024", "GM0164", productgroep="Begeleiding") == 2  # A, B (last trajectory AMB)
    assert value(recs, "2024", "GM0164", productgroep="Behandeling") == 1  # D


def test_missing_inputs_are_named(make_delivery: Make, tmp_path: Path) -> None:
    """Without provider there are no referrals; without product nor category no forms of help."""
    tables: dict[str, Rows] = {
        "levering": [{"peildatum": "2024-10-31"}],
        "jeugdigen": [_person(A)],
        "jeugdhulp": [{"traject_id": "X1", "bsn": A, "begindatum": "2024-02-01", "einddatum": ""}],
    }
    path = tmp_path / "zonder.duckdb"
    load_delivery(make_delivery(tables), path)
    ids = ["kern.doorstroom", "twente.ambulant.D5.i1", "twente.ambulant.D4.i1"]
    recs = compute(duckdb.connect(str(path), read_only=True), ids, [parse("2024")])
    assert {(r.indicator, r.gemeente, r.status) for r in recs} == {
        (i, g, "niet_beschikbaar") for i in ids for g in ("GM0164", "regio")}  # fmt: skip
    assert all("jeugdhulp.product | jeugdhulp.productcategorie" in r.toelichting for r in recs)
    assert all("jeugdhulp.aanbieder" in r.toelichting for r in recs if r.indicator == "twente.ambulant.D4.i1")
