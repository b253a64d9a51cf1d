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
Providers: T1 at "Alpha", T2 at "Beta" (A's extension at another provider); the rest unknown ("onbekend").
Measures (JB/JR), which youth care (kern.*) leaves out and h10.01/h10.05 count:
  E  T12 48A01 (ondertoezichtstelling, a JB product) in Borne 01-06-2024..open
  maatregelen: M1 D JB ots 01-02-2024..31-12-2024 (after the peildatum: open); M2 A JR 01-06-2024..30-09-2024;
  M3 G JB begins 15-11-2024 (after the peildatum: not counted); M4 B JB without begindatum (never active);
  M5 F preventief justitieel kader 01-03-2024..31-03-2024 (neither JB nor JR: not counted)
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
FLOWS = ("beginstand", "instroom", "uitstroom", "eindstand")


def _person(bsn: str, born: str, gemeente: str = "GM0164") -> dict[str, object]:
    return {"bsn": bsn, "geslacht": "1", "geboortedatum": born, "gemeente": gemeente}


def _traject(tid: str, bsn: str, product: str, begin: str, end: str, **extra: object) -> dict[str, object]:
    row: dict[str, object] = {"traject_id": tid, "bsn": bsn, "product": product, "financiering": "ZIN",
                              "aanmelddatum": "2023-10-01", "begindatum": begin, "einddatum": end,
                              "reden_beeindiging": "31" if end else ""}  # fmt: skip
    row.update(extra)
    return row


def _maatregel(mid: str, bsn: str, kader: str, soort: str, begin: str, end: str) -> dict[str, object]:
    return {"maatregel_id": mid, "bsn": bsn, "kader": kader, "type": soort, "gi": "GI Oost",
            "begindatum": begin, "einddatum": end}  # fmt: skip


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
            _traject("T1", A, "45A48", "2024-01-15", "2024-03-31", aanbieder="Alpha"),
            _traject("T2", A, "45A48", "2024-04-01", "", aanbieder="Beta"),
            _traject("T3", B, "54001", "2023-11-01", "2024-02-10"),
            _traject("T4", B, "54001", "2024-05-01", "2024-08-31", reden_beeindiging="34"),
            _traject("T5", C, "43A24", "2024-09-01", "2024-12-31"),
            _traject("T6", C, "45A48", "2024-02-01", "2024-06-30", financiering="PGB"),
            _traject("T7", D, "45A48", "", "2024-03-01", reden_beeindiging="34"),
            _traject("T8", E, "45A48", "2024-03-01", "2024-04-30"),
            _traject("T9", F, "45A48", "2024-11-15", ""),
            _traject("T10", G, "45A48", "2024-01-01", "2024-01-31"),
            _traject("T11", G, "45A48", "2024-02-20", "2024-03-31"),
            _traject("T12", E, "48A01", "2024-06-01", "", gemeente="GM0147"),
        ],
        "maatregelen": [
            _maatregel("M1", D, "JB", "ots", "2024-02-01", "2024-12-31"),
            _maatregel("M2", A, "JR", "toezicht_begeleiding", "2024-06-01", "2024-09-30"),
            _maatregel("M3", G, "JB", "ots", "2024-11-15", ""),
            _maatregel("M4", B, "JB", "vots", "", "2024-03-01"),
            _maatregel("M5", F, "preventief", "", "2024-03-01", "2024-03-31"),
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


def test_h10_01_counts_youth_care_and_measures_per_productgroep(store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(store, ["h10.01"], PERIODS)
    # 2024 Hengelo: A, B, C, G (youth care) and D (measure M1 from 1 Feb; D's own trajectory was cancelled); not F,
    # whose preventief justitieel kader is neither JB nor JR
    assert value(recs, "2024", "GM0164") == 5
    assert value(recs, "2024", "GM0164", productgroep="Ambulante begeleiding") == 3  # A, C (T6), G
    assert value(recs, "2024", "GM0164", productgroep="Jeugd GGZ") == 1  # B
    assert value(recs, "2024", "GM0164", productgroep="Pleegzorg") == 1  # C (T5)
    assert value(recs, "2024", "GM0164", productgroep="Jeugdbescherming") == 1  # D (M1); M3 begins after the peildatum
    assert value(recs, "2024", "GM0164", productgroep="Jeugdreclassering") == 1  # A (M2), already in the total
    # T1: A, B, C, G and D (M1 from 1 Feb); A's JR measure begins in June
    assert value(recs, "2024-T1", "GM0164") == 5
    assert value(recs, "2024-T1", "GM0164", productgroep="Jeugdreclassering") is None
    # T2: A, B (T4), C (T6 until 30 Jun), D (M1 open); G ended in March
    assert value(recs, "2024-T2", "GM0164") == 4
    assert value(recs, "2024-T2", "GM0164", productgroep="Jeugdreclassering") == 1
    # Borne: E with T8 (Mar–Apr) and the JB product T12 from June, which kern.gebruik leaves out
    assert value(recs, "2024", "GM0147") == 1
    assert value(recs, "2024", "GM0147", productgroep="Jeugdbescherming") == 1  # T12, the product's productgroep
    assert value(recs, "2024-T2", "GM0147") == 1
    assert value(recs, "2024", "regio") == 6  # A, B, C, D, G and E


def test_h10_01_requested_splits_and_age(store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(store, ["h10.01"], [parse("2024")], per=["financiering", "leeftijdsklasse"])
    assert value(recs, "2024", "GM0164", financiering="ZIN") == 5  # A, B, C (T5), G, and D: a measure is ZIN
    assert value(recs, "2024", "GM0164", financiering="PGB") == 1  # C (T6)
    assert value(recs, "2024", "GM0164", productgroep="Jeugd GGZ") == 1  # the fixed split is still there
    # last day in care within 2024 (cut 31 Oct): B 31 Aug, 18 since 15 June; D (born 03-03-2011) 13 on 31 Oct
    assert value(recs, "2024", "GM0164", leeftijdsklasse="18 jaar en ouder") == 1
    assert value(recs, "2024", "GM0164", leeftijdsklasse="12-17 jaar") == 4  # A 14, C 12, D 13, G 16


def test_h10_05_per_perceel_and_productgroep(store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(store, ["h10.05"], [parse("2024")])
    assert value(recs, "2024", "GM0164") == 5
    assert value(recs, "2024", "GM0164", perceel="Ambulante jeugdhulp") == 3  # 45A48: A, C, G
    assert value(recs, "2024", "GM0164", perceel="Jeugd GGZ") == 1  # 54001: B
    assert value(recs, "2024", "GM0164", perceel="Jeugdhulp met verblijf") == 1  # 43A24: C
    assert value(recs, "2024", "GM0164", perceel="JB/JR") == 2  # D (M1) and A (M2)
    assert value(recs, "2024", "GM0164", productgroep="Pleegzorg") == 1
    assert value(recs, "2024", "GM0147", perceel="JB/JR") == 1  # E (T12, 48A01)


def test_hengelo_i13_per_productgroep(store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(store, ["hengelo.I13"], PERIODS)

    def flows(periode: str, **dims: str) -> dict[str, float | None]:
        return {m: value(recs, periode, "GM0164", m, **dims) for m in FLOWS}

    # the total as kern.stromen: spells A [15-01, open], B [-, 10-02] and [01-05, 31-08], C [01-02, 30-06] and
    # [01-09, open], G [01-01, 31-01] and [20-02, 31-03]
    assert flows("2024") == {"beginstand": 1, "instroom": 6, "uitstroom": 5, "eindstand": 2}
    # Ambulante begeleiding: A (T1+T2 back to back: one spell, open), C (T6), G1, G2: 0 + 4 − 3 = 1
    assert flows("2024", productgroep="Ambulante begeleiding") == {
        "beginstand": 0, "instroom": 4, "uitstroom": 3, "eindstand": 1}  # fmt: skip
    # Jeugd GGZ: B1 began in 2023 (beginstand) and ended 10 Feb, B2 in and out: 1 + 1 − 2 = 0
    assert flows("2024", productgroep="Jeugd GGZ") == {"beginstand": 1, "instroom": 1, "uitstroom": 2, "eindstand": 0}
    # Pleegzorg: C's T5 from 1 Sep, its end 31 Dec lies after the peildatum: still open
    assert flows("2024", productgroep="Pleegzorg") == {"beginstand": 0, "instroom": 1, "uitstroom": 0, "eindstand": 1}
    # T1 (Jan–Apr): A and C still running on 30 Apr, G's two spells in and out: 0 + 4 − 2 = 2
    assert flows("2024-T1", productgroep="Ambulante begeleiding") == {
        "beginstand": 0, "instroom": 4, "uitstroom": 2, "eindstand": 2}  # fmt: skip
    # T2 (May–Aug): A and C running on 1 May; C ends 30 Jun; A open: 2 + 0 − 1 = 1
    assert flows("2024-T2", productgroep="Ambulante begeleiding") == {
        "beginstand": 2, "instroom": 0, "uitstroom": 1, "eindstand": 1}  # fmt: skip


def test_stromen_age_split_keeps_the_balance(store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(store, ["kern.stromen"], [parse("2024"), parse("2024-T1")], per=["leeftijdsklasse"])

    def flows(periode: str, klasse: str) -> dict[str, float | None]:
        return {m: value(recs, periode, "GM0164", m, leeftijdsklasse=klasse) for m in FLOWS}

    # 2024: B's last day in care is 31 Aug (18 since 15 Jun): both his spells in 18+, 1 + 1 − 2 = 0
    assert flows("2024", "18 jaar en ouder") == {"beginstand": 1, "instroom": 1, "uitstroom": 2, "eindstand": 0}
    # A (in, open), C (two spells: in/out, in/open), G (two spells in and out): 0 + 5 − 3 = 2
    assert flows("2024", "12-17 jaar") == {"beginstand": 0, "instroom": 5, "uitstroom": 3, "eindstand": 2}
    # T1: B's last day in T1 is 10 Feb, aged 17
    assert flows("2024-T1", "18 jaar en ouder") == dict.fromkeys(FLOWS)
    assert flows("2024-T1", "12-17 jaar") == {"beginstand": 1, "instroom": 4, "uitstroom": 3, "eindstand": 2}


def test_h10_06_counts_persons_per_productgroep_and_financing(store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(store, ["h10.06"], PERIODS)
    assert {r.maat for r in recs} == {"instroom", "uitstroom"}
    # 2024: spells begun A, B2, C1, C2, G1, G2 (6, kern.stromen) are 4 persons; ended B1, B2, C1, G1, G2 are 3
    assert value(recs, "2024", "GM0164", "instroom") == 4
    assert value(recs, "2024", "GM0164", "uitstroom") == 3
    # Ambulante begeleiding: in A, C, G (G twice: once); out C, G
    assert value(recs, "2024", "GM0164", "instroom", productgroep="Ambulante begeleiding") == 3
    assert value(recs, "2024", "GM0164", "uitstroom", productgroep="Ambulante begeleiding") == 2
    assert value(recs, "2024", "GM0164", "instroom", productgroep="Jeugd GGZ") == 1  # B2
    assert value(recs, "2024", "GM0164", "uitstroom", productgroep="Jeugd GGZ") == 1  # B ended twice
    assert value(recs, "2024", "GM0164", "uitstroom", productgroep="Pleegzorg") == 0  # C's T5 still open
    # PGB: C's T6 in and out; ZIN: in A, B, C (T5), G; out B (twice), G (twice)
    assert value(recs, "2024", "GM0164", "instroom", financiering="PGB") == 1
    assert value(recs, "2024", "GM0164", "uitstroom", financiering="PGB") == 1
    assert value(recs, "2024", "GM0164", "instroom", financiering="ZIN") == 4
    assert value(recs, "2024", "GM0164", "uitstroom", financiering="ZIN") == 2
    # T1: in A, C1, G1, G2 → A, C, G; out B1 (10 Feb), G1, G2 → B, G
    assert value(recs, "2024-T1", "GM0164", "instroom") == 3
    assert value(recs, "2024-T1", "GM0164", "uitstroom") == 2


def test_h10_09_spells_per_provider(store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(store, ["h10.09"], [parse("2024")])
    # A's extension at another provider: one spell in the total, but out at Alpha (31 Mar) and in at Beta (1 Apr)
    assert value(recs, "2024", "GM0164", "instroom", aanbieder="Alpha") == 1
    assert value(recs, "2024", "GM0164", "uitstroom", aanbieder="Alpha") == 1
    assert value(recs, "2024", "GM0164", "instroom", aanbieder="Beta") == 1
    assert value(recs, "2024", "GM0164", "uitstroom", aanbieder="Beta") == 0
    # unknown provider: in B, C, G; out B, C, G
    assert value(recs, "2024", "GM0164", "instroom", aanbieder="onbekend") == 3
    assert value(recs, "2024", "GM0164", "uitstroom", aanbieder="onbekend") == 3
    assert value(recs, "2024", "GM0164", "instroom") == 4  # the total: A counted once
    assert value(recs, "2024", "GM0164", "uitstroom") == 3


def test_missing_ambulant_alternative_flag(store: duckdb.DuckDBPyConnection) -> None:
    """The delivery has no producten table, so no product is marked as an ambulant alternative."""
    recs = compute(store, ["twente.verblijf.D1.i2"], [parse("2024")])
    assert {(r.gemeente, r.status) for r in recs} == {
        ("GM0164", "niet_beschikbaar"), ("GM0147", "niet_beschikbaar"), ("regio", "niet_beschikbaar")}  # fmt: skip
    assert "producten.ambulant_alternatief" in recs[0].toelichting


def twente_tables() -> dict[str, Rows]:
    """Peildatum 31 December 2024; the region's own products; no provider column.

    A  VBL 01-03..31-05 (residential), ALT 01-06..open (the ambulant alternative)
    B  AMB 01-01..30-04 and 01-05..31-10 (support, an extension), BEH 01-02..15-03 (treatment)
    C  ALT 01-06-2023..31-01-2024; VBL cancelled (no begindatum, einddatum 01-03)
    D  VRV 01-01..31-12 (transport: no ambulant form of help)
    E  BEH begins 10-01-2025, after the peildatum
    """

    def product(code: str, cat: str, vorm: str, verblijf: str, alt: str, segment: str, groep: str) -> dict[str, object]:
        return {"product": code, "productcategorie": cat, "hulpvorm": vorm, "verblijf": verblijf,
                "ambulant_alternatief": alt, "segment": segment, "productgroep": groep, "perceel": groep}  # fmt: skip

    def traject(tid: str, bsn: str, prod: str, begin: str, end: str) -> dict[str, object]:
        return {"traject_id": tid, "bsn": bsn, "product": prod, "begindatum": begin, "einddatum": end,
                "reden_beeindiging": "31" if end else ""}  # fmt: skip

    return {
        "levering": [{"peildatum": "2024-12-31"}],
        "jeugdigen": [_person(p, "2012-01-01") for p in (A, B, C, D, E)],
        "producten": [
            product("VBL", "43", "14", "ja", "nee", "24uurs", "Verblijf"),
            product("ALT", "45", "04", "nee", "ja", "24uurs", "Alternatief"),
            product("AMB", "45", "02", "nee", "nee", "care", "Begeleiding"),
            product("BEH", "54", "02", "nee", "nee", "cure", "Behandeling"),
            product("VRV", "42", "", "nee", "nee", "overig", "Vervoer"),
        ],
        "jeugdhulp": [
            traject("V1", A, "VBL", "2024-03-01", "2024-05-31"),
            traject("V2", A, "ALT", "2024-06-01", ""),
            traject("V3", B, "AMB", "2024-01-01", "2024-04-30"),
            traject("V4", B, "AMB", "2024-05-01", "2024-10-31"),
            traject("V5", B, "BEH", "2024-02-01", "2024-03-15"),
            traject("V6", C, "ALT", "2023-06-01", "2024-01-31"),
            traject("V7", C, "VBL", "", "2024-03-01"),
            traject("V8", D, "VRV", "2024-01-01", "2024-12-31"),
            traject("V9", E, "BEH", "2025-01-10", ""),
        ],
    }


@pytest.fixture(scope="module")
def twente(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    return load_store(tmp_path_factory, "twente", twente_tables())


def test_twente_youths_in_residential_care_and_alternatives(twente: duckdb.DuckDBPyConnection) -> None:
    halves = [parse("2024"), parse("2024-H1"), parse("2024-H2")]
    recs = compute(twente, ["twente.verblijf.D1.i1", "twente.verblijf.D1.i2", "twente.ambulant.D3.i1"], halves)

    def get(indicator: str, periode: str) -> float | None:
        return value([r for r in recs if r.indicator == indicator], periode, "GM0164")

    # residential: A (Mar–May); C's residential allocation was cancelled
    assert (get("twente.verblijf.D1.i1", "2024"), get("twente.verblijf.D1.i1", "2024-H2")) == (1, None)
    # ambulant alternatives: C until 31 Jan (H1), A from 1 Jun (H1 and H2)
    assert [get("twente.verblijf.D1.i2", p) for p in ("2024", "2024-H1", "2024-H2")] == [2, 2, 1]
    # ambulant help without alternatives (forms 01–04): B only; D's transport has no form of help, E starts in 2025
    assert [get("twente.ambulant.D3.i1", p) for p in ("2024", "2024-H1", "2024-H2")] == [1, 1, 1]


def test_missing_provider_column(twente: duckdb.DuckDBPyConnection) -> None:
    recs = compute(twente, ["h10.09"], [parse("2024")])
    assert {r.status for r in recs} == {"niet_beschikbaar"}
    assert recs[0].toelichting == "niet beschikbaar: de levering bevat geen jeugdhulp.aanbieder"


def test_counting_per_person_agrees_with_counting_on_spells(store: duckdb.DuckDBPyConnection) -> None:
    """A fixed split makes `gebruik` count per person instead of on the shared spells: the same numbers."""
    base = shipped_families()["kern.gebruik"]
    fixed = replace(base, params={**base.params, "vaste_dimensies": ["productgroep"]})
    prepare(store, PERIODS)
    bases = Bases(store, ["productgroep"])
    dims = ["productgroep", "leeftijdsklasse"]
    on_spells = sorted(store.execute(render(base, dims, bases)).fetchall(), key=str)
    per_person = sorted(store.execute(render(fixed, ["leeftijdsklasse"], bases)).fetchall(), key=str)
    assert per_person == on_spells and len(on_spells) > 10


def test_spells_of_a_fixed_split_agree_with_the_shared_spells(store: duckdb.DuckDBPyConnection) -> None:
    """A fixed split that was not requested is merged into spells in the family's own SQL: the same numbers."""
    base = shipped_families()["kern.stromen"]
    fixed = replace(base, params={**base.params, "vaste_dimensies": ["productgroep", "aanbieder"]})  # not requested
    prepare(store, PERIODS)
    dims = ["productgroep", "aanbieder"]
    shared = sorted(store.execute(render(base, dims, Bases(store, dims))).fetchall(), key=str)
    own = sorted(store.execute(render(fixed, [], Bases(store, []))).fetchall(), key=str)
    assert own == shared and len(shared) > 20


def test_scopes_with_the_same_trajectories_share_their_spells(store: duckdb.DuckDBPyConnection) -> None:
    """Written differently, 'NOT t.maatregel' and 't.maatregel IS NOT TRUE' select the same trajectories when no
    trajectory has an unknown product (maatregel NULL): their spells are built once. A scope with other
    trajectories (with the measures; residential care only) gets its own."""
    prepare(store, PERIODS)
    maatregel = store.execute("SELECT DISTINCT maatregel FROM traject WHERE begindatum IS NOT NULL ORDER BY 1")
    assert maatregel.fetchall() == [(False,), (True,)]  # the fixture's products are all known, some are measures
    bases = Bases(store, [])
    eerst = bases.zorgperiodes("NOT t.maatregel", 0)
    assert bases.zorgperiodes("t.maatregel IS NOT TRUE", 0) == eerst
    assert bases.zorgperiodes("true", 0) != eerst
    assert bases.zorgperiodes("t.verblijf", 0) != eerst
    assert bases.zorgperiodes("NOT t.maatregel", 31) != eerst  # another merge gap: other spells
