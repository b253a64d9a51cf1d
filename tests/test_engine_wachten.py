"""Family `wachten` (wachttijd and wachtlijst) on a hand-made delivery; every expected value worked out by hand.

Peildatum 31 October 2024 (levering.csv). Hengelo (GM0164) unless said otherwise; products 45A48
("Ambulante begeleiding") and 54001 ("Jeugd GGZ"). Cut ends d: T1 30-04-2024, T2 31-08-2024, 2024 31-10-2024.

Waiting times (days from aanmelddatum to begindatum; norm 1 day for crisis help, 28 otherwise):
  W1 A 45A48 01-01 → 31-01            30 days, T1, over the norm
  W2 B 54001 01-02 → 11-02            10 days, T1, within
  W3 C 45A48 crisis 01-03 → 02-03      1 day,  T1, within the crisis norm
  W4 D 45A48 no aanmelddatum → 15-03  left out
  W5 E 45A48 crisis 01-04 → 04-04      3 days, T1, over the crisis norm
  W6 A 54001 01-05 → 10-06            40 days, T2
  L5 G 45A48 01-03 → 01-06            92 days, T2 (also on the waiting list of T1)
  W7 F Borne 45A48 01-02 → 21-02      20 days, T1
Waiting list (aanmelddatum + 28 ≤ d, not begun by d; cancelled: only while d < einddatum):
  L1 G 45A48 aangemeld 02-04, not begun     02-04 + 28 = 30-04: on the list from T1's d (exactly 28 days)
  L2 H 45A48 aangemeld 03-04, not begun     27 days on T1's d: not yet; on the list in T2 and 2024
  L3 A 45A48 aangemeld 15-01, cancelled 20-04 (before T1's d): never on a list at a period end
  L4 B 54001 aangemeld 01-03, cancelled 15-05 (after T1's d): on the list in T1 only
  L6 C 45A48 aangemeld 01-09, begins 15-11 (after the peildatum: not begun) → on the list in 2024
"""

from __future__ import annotations

import duckdb
import pytest

from jeugdmonitor.engine.perioden import parse
from jeugdmonitor.engine.runner import compute
from tests.conftest import BSN, Rows
from tests.engine_hulp import find, load_store, value

PERIODS = [parse("2024"), parse("2024-T1"), parse("2024-T2")]
A, B, C, D, E, F, G, H = BSN


def _person(bsn: str, gemeente: str = "GM0164") -> dict[str, object]:
    return {"bsn": bsn, "geslacht": "2", "geboortedatum": "2012-01-01", "gemeente": gemeente}


def _traject(tid: str, bsn: str, product: str, aanmeld: str, begin: str, end: str = "", **extra: object) -> dict:
    row: dict[str, object] = {"traject_id": tid, "bsn": bsn, "product": product, "financiering": "ZIN",
                              "verwijzer": "01", "crisis": "nee", "aanmelddatum": aanmeld, "begindatum": begin,
                              "einddatum": end, "reden_beeindiging": "34" if end else ""}  # fmt: skip
    row.update(extra)
    return row


def fixture_tables() -> dict[str, Rows]:
    return {
        "levering": [{"peildatum": "2024-10-31", "bron": "handwerk"}],
        "jeugdigen": [*(_person(p) for p in (A, B, C, D, E, G, H)), _person(F, "GM0147")],
        "jeugdhulp": [
            _traject("W1", A, "45A48", "2024-01-01", "2024-01-31"),
            _traject("W2", B, "54001", "2024-02-01", "2024-02-11"),
            _traject("W3", C, "45A48", "2024-03-01", "2024-03-02", crisis="ja"),
            _traject("W4", D, "45A48", "", "2024-03-15"),
            _traject("W5", E, "45A48", "2024-04-01", "2024-04-04", crisis="ja"),
            _traject("W6", A, "54001", "2024-05-01", "2024-06-10"),
            _traject("W7", F, "45A48", "2024-02-01", "2024-02-21"),
            _traject("L1", G, "45A48", "2024-04-02", ""),
            _traject("L2", H, "45A48", "2024-04-03", ""),
            _traject("L3", A, "45A48", "2024-01-15", "", "2024-04-20"),
            _traject("L4", B, "54001", "2024-03-01", "", "2024-05-15"),
            _traject("L5", G, "45A48", "2024-03-01", "2024-06-01"),
            _traject("L6", C, "45A48", "2024-09-01", "2024-11-15"),
        ],
    }


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    return load_store(tmp_path_factory, "wachten", fixture_tables())


def test_wachttijd_mean_and_median(store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(store, ["kern.wachttijd"], PERIODS)
    # T1: W1 30, W2 10, W3 1, W5 3 (W4 has no aanmelddatum) → 44 / 4 = 11; median of 1, 3, 10, 30 = 6.5
    t1 = find(recs, "2024-T1", "GM0164", "gemiddelde")
    assert t1 is not None and (t1.waarde, t1.teller, t1.noemer, t1.eenheid) == (11, 44, 4, "dagen")
    assert value(recs, "2024-T1", "GM0164", "mediaan") == 6.5
    # T2: W6 40, L5 92 → 66
    assert value(recs, "2024-T2", "GM0164", "gemiddelde") == 66
    # 2024: 1, 3, 10, 30, 40, 92 → 176 / 6; median (10 + 30) / 2
    assert value(recs, "2024", "GM0164", "gemiddelde") == pytest.approx(176 / 6)
    assert value(recs, "2024", "GM0164", "mediaan") == 20
    # the region adds W7 (Borne, 20 days) to T1: 64 / 5
    assert value(recs, "2024-T1", "regio", "gemiddelde") == pytest.approx(12.8)
    assert value(recs, "2024-T1", "GM0147", "gemiddelde") == 20
    assert {r.maat for r in recs} == {"gemiddelde", "mediaan"}


def test_wachttijd_per_productgroep(store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(store, ["kern.wachttijd"], [parse("2024-T1")], per=["productgroep"])
    # Ambulante begeleiding: W1 30, W3 1, W5 3 → 34 / 3; Jeugd GGZ: W2 10
    amb = find(recs, "2024-T1", "GM0164", "gemiddelde", productgroep="Ambulante begeleiding")
    assert amb is not None and (amb.teller, amb.noemer) == (34, 3)
    assert value(recs, "2024-T1", "GM0164", "gemiddelde", productgroep="Jeugd GGZ") == 10


def test_h10_25_against_the_norms(store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(store, ["h10.25"], [parse("2024-T1")])
    # within the norm: W2 (10 ≤ 28) and W3 (crisis, 1 ≤ 1); not W1 (30 > 28) nor W5 (crisis, 3 > 1) → 2 of 4
    binnen = find(recs, "2024-T1", "GM0164", "binnen_norm")
    assert binnen is not None
    assert (binnen.waarde, binnen.teller, binnen.noemer, binnen.eenheid) == (50, 2, 4, "procent")
    assert value(recs, "2024-T1", "GM0164", "gemiddelde") == 11
    assert value(recs, "2024-T1", "GM0164", "mediaan") is None  # h10.25 writes the mean and the share only
    # Borne: W7 waited 20 days → within
    assert value(recs, "2024-T1", "GM0147", "binnen_norm") == 100


def test_wachtlijst_on_the_period_end(store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(store, ["kern.wachtlijst", "h10.24"], PERIODS)
    lijst = [r for r in recs if r.indicator == "kern.wachtlijst"]
    # T1 (d 30-04): G (L1 exactly 28 days, and L5 not begun yet: once) and B (L4 cancelled only on 15-05);
    # not H (27 days) nor A (L3 cancelled on 20-04)
    assert value(lijst, "2024-T1", "GM0164") == 2
    # T2 (d 31-08): G (L1) and H (L2); B's allocation was cancelled on 15-05, L5 began on 01-06
    assert value(lijst, "2024-T2", "GM0164") == 2
    # 2024 (d 31-10, the peildatum): G, H and C (L6 begins after the peildatum)
    assert value(lijst, "2024", "GM0164") == 3
    # nobody waits in Borne: a zero, not a missing value
    assert value(lijst, "2024-T1", "GM0147") == 0
    assert value(lijst, "2024", "regio") == 3
    assert {r.eenheid for r in recs} == {"aantal"}
    h10 = [r for r in recs if r.indicator == "h10.24"]
    assert [(r.periode, r.gemeente, r.waarde) for r in h10] == [(r.periode, r.gemeente, r.waarde) for r in lijst]


def test_wachtlijst_per_productgroep(store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(store, ["kern.wachtlijst"], [parse("2024-T1")], per=["productgroep"])
    assert value(recs, "2024-T1", "GM0164", productgroep="Ambulante begeleiding") == 1  # G (L1, L5)
    assert value(recs, "2024-T1", "GM0164", productgroep="Jeugd GGZ") == 1  # B (L4)
    assert value(recs, "2024-T1", "GM0164") == 2
