"""Family `wijk` (hengelo.W1) on a hand-made delivery; every expected value worked out by hand.

Peildatum 31 October 2024 (levering.csv). Hengelo (GM0164) unless said otherwise; Borne is GM0147.
Periods: T1 January–April, T2 May–August, 2024 (cut at the peildatum: voorlopig). Dates in 2024 unless given.

Young persons and their wijk: A, B, G WK016401; C, E WK016402; D none (onbekend); F Borne, none.
bevolking 2024: Hengelo 1.000 (its own row), WK016401 100 (0–3) + 200 (4–17) (+ 50 aged 18–22: not 0–17),
  WK016402 400, WK016403 250 (no other activity); Borne 500; Hengelo 2023: 990.
aanmeldingen: M1 A 10-01; M2 C 30-04 (last day of T1); M3 no client 01-05; M4 A 02-11 (after the peildatum);
  M5 F 01-02 (Borne).
jeugdhulp: A 01-12-2023 → 31-01 and 01-02 → open (back-to-back); B 01-05 → 30-06; C cancelled (no begindatum,
  einde 01-03); D 01-03 → open; G 01-01 → 30-04 (G turns 18 on 01-03: no age limit); E 48A01 (a JB measure)
  15-01 → 15-02; H from 10-11 (after the peildatum); F 01-06 → open (Borne).
maatregelen: X1 C JB 01-02 → open; X2 A JR 01-05-2023 → 01-05; X3 D preventief 01-03 (not JB/JR);
  X4 B JB cancelled (no begindatum); X5 E JB 10-02 → 31-03 (overlaps E's JB product: E once).
veilig_thuis: V1 05-01 advies, no child; V2 10-03 B; V3 31-08 C (last day of T2); V4 01-11 (after the
  peildatum); V5 01-06 Borne, no child.
"""

from __future__ import annotations

import duckdb
import pytest

from jeugdmonitor.engine.perioden import parse
from jeugdmonitor.engine.records import Record
from jeugdmonitor.engine.runner import compute
from tests.conftest import BSN, Rows
from tests.engine_hulp import load_store, value

PERIODS = [parse("2024"), parse("2024-T1"), parse("2024-T2")]
A, B, C, D, E, F, G, H = BSN
WIJK = {A: "WK016401", B: "WK016401", G: "WK016401", C: "WK016402", E: "WK016402"}
MATEN = ["inwoners_0_17", "aanmeldingen", "in_zorg", "jb_jr", "veilig_thuis"]


def _person(bsn: str, geboren: str = "2012-01-01", gemeente: str = "GM0164") -> dict[str, object]:
    return {"bsn": bsn, "geslacht": "1", "geboortedatum": geboren, "gemeente": gemeente, "wijk": WIJK.get(bsn, "")}


def _traject(tid: str, bsn: str, begin: str, end: str = "", product: str = "45A48") -> dict[str, object]:
    return {"traject_id": tid, "bsn": bsn, "product": product, "productcategorie": product[:2], "begindatum": begin,
            "einddatum": end, "reden_beeindiging": "31" if end else ""}  # fmt: skip


def _bevolking(jaar: int, wijk: str, van: int, tot: int, aantal: int, gemeente: str = "GM0164") -> dict[str, object]:
    return {"jaar": jaar, "gemeente": gemeente, "wijk": wijk, "leeftijd_van": van, "leeftijd_tot": tot,
            "aantal": aantal}  # fmt: skip


def _maatregel(mid: str, bsn: str, kader: str, begin: str, end: str = "") -> dict[str, object]:
    return {"maatregel_id": mid, "bsn": bsn, "gemeente": "GM0164", "kader": kader, "begindatum": begin,
            "einddatum": end}  # fmt: skip


def _basis() -> dict[str, Rows]:
    return {
        "levering": [{"peildatum": "2024-10-31", "bron": "handwerk"}],
        "jeugdigen": [
            *(_person(p) for p in (A, B, C, D, E, H)),
            _person(G, "2006-03-01"),
            _person(F, gemeente="GM0147"),
        ],
        "jeugdhulp": [
            _traject("J1", A, "2023-12-01", "2024-01-31"),
            _traject("J2", A, "2024-02-01"),
            _traject("J3", B, "2024-05-01", "2024-06-30"),
            _traject("J4", C, "", "2024-03-01"),
            _traject("J5", D, "2024-03-01"),
            _traject("J6", G, "2024-01-01", "2024-04-30"),
            _traject("J7", E, "2024-01-15", "2024-02-15", product="48A01"),
            _traject("J8", H, "2024-11-10"),
            {**_traject("J9", F, "2024-06-01"), "gemeente": "GM0147"},
        ],
    }


def fixture_tables() -> dict[str, Rows]:
    return {
        **_basis(),
        "bevolking": [
            _bevolking(2024, "", 0, 17, 1000),
            _bevolking(2024, "WK016401", 0, 3, 100),
            _bevolking(2024, "WK016401", 4, 17, 200),
            _bevolking(2024, "WK016401", 18, 22, 50),
            _bevolking(2024, "WK016402", 0, 17, 400),
            _bevolking(2024, "WK016403", 0, 17, 250),
            _bevolking(2024, "", 0, 17, 500, gemeente="GM0147"),
            _bevolking(2023, "", 0, 17, 990),
        ],
        "aanmeldingen": [
            {"aanmelding_id": "M1", "bsn": A, "gemeente": "GM0164", "datum": "2024-01-10"},
            {"aanmelding_id": "M2", "bsn": C, "gemeente": "GM0164", "datum": "2024-04-30"},
            {"aanmelding_id": "M3", "bsn": "", "gemeente": "GM0164", "datum": "2024-05-01"},
            {"aanmelding_id": "M4", "bsn": A, "gemeente": "GM0164", "datum": "2024-11-02"},
            {"aanmelding_id": "M5", "bsn": F, "gemeente": "GM0147", "datum": "2024-02-01"},
        ],
        "maatregelen": [
            _maatregel("X1", C, "JB", "2024-02-01"),
            _maatregel("X2", A, "JR", "2023-05-01", "2024-05-01"),
            _maatregel("X3", D, "preventief", "2024-03-01"),
            _maatregel("X4", B, "JB", "", "2024-02-01"),
            _maatregel("X5", E, "JB", "2024-02-10", "2024-03-31"),
        ],
        "veilig_thuis": [
            {"melding_id": "V1", "bsn": "", "gemeente": "GM0164", "datum": "2024-01-05", "soort": "advies"},
            {"melding_id": "V2", "bsn": B, "gemeente": "GM0164", "datum": "2024-03-10", "soort": "melding"},
            {"melding_id": "V3", "bsn": C, "gemeente": "GM0164", "datum": "2024-08-31", "soort": "melding"},
            {"melding_id": "V4", "bsn": "", "gemeente": "GM0164", "datum": "2024-11-01", "soort": "advies"},
            {"melding_id": "V5", "bsn": "", "gemeente": "GM0147", "datum": "2024-06-01", "soort": "advies"},
        ],
    }


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    return load_store(tmp_path_factory, "wijk", fixture_tables())


def table(records: list[Record], periode: str, gemeente: str) -> dict[str, list[float | None]]:
    """The W1 table of one period and area: per wijk (and 'totaal') the five measures in order."""
    rows: dict[str, list[float | None]] = {}
    for r in records:
        if (r.periode, r.gemeente) == (periode, gemeente):
            wijk = r.dimensies.get("wijk", "totaal")
            rows.setdefault(wijk, [None] * len(MATEN))[MATEN.index(r.maat or "")] = r.waarde
    return rows


def test_w1_per_wijk_t1(store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(store, ["hengelo.W1"], PERIODS)
    # columns: inwoners 0–17, aanmeldingen, in zorg, JB/JR, Veilig Thuis
    # in zorg T1: A, G (WK016401), D (onbekend); C's allocation was cancelled; E's help is a JB measure
    # JB/JR T1: A (X2), C (X1), E (X5 and the JB product: once); X3 is preventief, X4 never began
    # Veilig Thuis T1: V1 (no child), V2 (B); WK016403 has inhabitants only: zeros
    assert table(recs, "2024-T1", "GM0164") == {
        "totaal": [1000, 2, 3, 3, 2],
        "WK016401": [300, 1, 2, 1, 1],
        "WK016402": [400, 1, 0, 2, 0],
        "WK016403": [250, 0, 0, 0, 0],
        "onbekend": [None, 0, 1, 0, 1],
    }


def test_w1_per_wijk_t2_and_year(store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(store, ["hengelo.W1"], PERIODS)
    # T2: M3 (01-05, no client); in zorg A (open), B, D; JB/JR A (X2 ends 01-05), C; Veilig Thuis V3 (31-08)
    assert table(recs, "2024-T2", "GM0164") == {
        "totaal": [1000, 1, 3, 2, 1],
        "WK016401": [300, 0, 2, 1, 0],
        "WK016402": [400, 0, 0, 1, 1],
        "WK016403": [250, 0, 0, 0, 0],
        "onbekend": [None, 1, 1, 0, 0],
    }
    # 2024 up to the peildatum: M4, V4 and H's help lie after it; A is in care once though in two trajectories
    assert table(recs, "2024", "GM0164")["totaal"] == [1000, 3, 4, 3, 3]
    assert table(recs, "2024", "GM0164")["WK016401"] == [300, 1, 3, 1, 1]
    # Borne: 500 inhabitants (no wijken), M5, F in care from 01-06, V5; no JB/JR
    assert table(recs, "2024", "GM0147") == {"totaal": [500, 1, 1, 0, 1], "onbekend": [None, 1, 1, 0, 1]}
    # the region: the municipalities' inhabitants 1.000 + 500, and the sums of distinct persons and events
    assert table(recs, "2024", "regio")["totaal"] == [1500, 4, 5, 3, 4]
    assert {r.status for r in recs if r.periode == "2024"} == {"voorlopig"}


def test_w1_in_zorg_matches_kern_gebruik(store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(store, ["hengelo.W1", "kern.gebruik"], PERIODS)
    for periode in ("2024", "2024-T1", "2024-T2"):
        gebruik = value([r for r in recs if r.indicator == "kern.gebruik"], periode, "GM0164")
        assert value([r for r in recs if r.indicator == "hengelo.W1"], periode, "GM0164", "in_zorg") == gebruik


def test_w1_without_optional_tables_and_without_wijk(tmp_path_factory: pytest.TempPathFactory) -> None:
    # without bevolking, aanmeldingen, maatregelen and veilig_thuis only in_zorg and jb_jr (E's JB product) remain
    alleen = load_store(tmp_path_factory, "wijk_alleen", _basis())
    recs = compute(alleen, ["hengelo.W1"], [parse("2024-T1")])
    assert {r.maat for r in recs} == {"in_zorg", "jb_jr"}
    assert value(recs, "2024-T1", "GM0164", "in_zorg", wijk="WK016401") == 2
    # without any wijk (no jeugdigen.wijk, no postcodes) W1 is niet beschikbaar
    tables = _basis()
    tables["jeugdigen"] = [{k: v for k, v in row.items() if k != "wijk"} for row in tables["jeugdigen"]]
    zonder = load_store(tmp_path_factory, "wijk_zonder", tables)
    recs = compute(zonder, ["hengelo.W1"], [parse("2024")])
    assert {r.status for r in recs} == {"niet_beschikbaar"}
    assert recs[0].toelichting == "niet beschikbaar: de levering bevat geen jeugdigen.wijk | postcodes.wijk"
