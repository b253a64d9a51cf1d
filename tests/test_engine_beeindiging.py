"""Families `beeindiging`, `uitval`, `doelrealisatie`, `terugkeer` and `terugkeer_instroom` on a hand-made
delivery; every expected value worked out by hand.

Peildatum 31 December 2024 (levering.csv); periods 2024, 2024-H1 (Jan–Jun), 2024-H2 (Jul–Dec). Hengelo (GM0164)
unless said otherwise. Products: 45A48 "Ambulante begeleiding", 54001 "Jeugd GGZ", 43A24 "Pleegzorg", 47A01
jeugdreclassering (a measure: outside the scope "NOT t.maatregel"). JZ588 → CBS: 31→01, 34→02, 32→03, 33→04,
35→05, 02 (overlijden)→05, 36→onbekend.

  tid  who  product  fin  begin       end         JZ588  CBS       doel          ended in
  R0   A    45A48    ZIN  2023-03-01  2023-08-31  31     01        -             2023 (outside 2024)
  R1   A    45A48    ZIN  2024-01-01  2024-02-29  31     01        geheel        H1
  R2   A    45A48    ZIN  2024-09-01  2024-10-31  31     01        geheel        H2
  R3   B    54001    ZIN  2023-06-01  2024-03-15  34     02        gedeeltelijk  H1
  R4   B    54001    ZIN  2024-05-01  open
  R5   C    45A48    PGB  2024-02-01  2024-04-30  32     03        niet          H1
  R6   D    45A48    ZIN  (none)      2024-03-01  34     -         -             cancelled: never counts
  R15  D    45A48    ZIN  2024-02-01  2024-06-15  31     01        geheel        H1, in Borne (GM0147)
  R7   E    43A24    ZIN  2024-01-10  2024-05-31  33     04        onbekend      H1
  R8   E    45A48    ZIN  2024-06-01  2025-03-31  —      (after the peildatum: still running, not ended)
  R16  F    45A48    ZIN  2024-01-15  2024-02-29  33     04        niet          H1
  R9   F    54001    ZIN  2024-03-01  2024-06-30  35     05        (empty)       H1
  R13  F    45A48    ZIN  2024-12-01  open
  R10  G    45A48    ZIN  2024-04-01  2024-08-31  02     05        gedeeltelijk  H2
  R14  G    47A01    ZIN  2024-02-01  2024-03-31  31     01        geheel        H1, but JR: out of scope
  R12  H    54001    ZIN  2024-02-15  2024-05-15  36     onbekend  geheel        H1

Hengelo ended trajectories per CBS reason:
  H1:   01 R1; 02 R3; 03 R5; 04 R7, R16; 05 R9; onbekend R12            → 1, 1, 1, 2, 1, 1; totaal 7
  H2:   01 R2; 05 R10                                                     → 1, 0, 0, 0, 1, 0; totaal 2
  2024: 2, 1, 1, 2, 2, 1; totaal 9.   Borne 2024: 01 R15 → totaal 1.   Region 2024: 01 = 3, totaal 10.
"""

from __future__ import annotations

import duckdb
import pytest

from jeugdmonitor.engine.perioden import parse
from jeugdmonitor.engine.records import Record
from jeugdmonitor.engine.runner import compute
from tests.conftest import BSN, Rows
from tests.engine_hulp import find, load_store, value

PERIODS = [parse("2024"), parse("2024-H1"), parse("2024-H2")]
REDENEN = ("01", "02", "03", "04", "05", "onbekend", "totaal")

A, B, C, D, E, F, G, H = BSN


def _person(bsn: str, born: str, gemeente: str = "GM0164") -> dict[str, object]:
    return {"bsn": bsn, "geslacht": "2", "geboortedatum": born, "gemeente": gemeente}


def _traject(tid: str, bsn: str, product: str, begin: str, end: str, reden: str = "", doel: str = "",
             **extra: object) -> dict[str, object]:  # fmt: skip
    row: dict[str, object] = {"traject_id": tid, "bsn": bsn, "product": product, "financiering": "ZIN",
                              "aanmelddatum": "2023-01-02", "begindatum": begin, "einddatum": end,
                              "reden_beeindiging": reden, "doelrealisatie": doel}  # fmt: skip
    row.update(extra)
    return row


def fixture_tables() -> dict[str, Rows]:
    return {
        "levering": [{"peildatum": "2024-12-31", "bron": "handwerk"}],
        "jeugdigen": [_person(p, "2010-01-01") for p in (A, B, C, D, E, F, G, H)],
        "jeugdhulp": [
            _traject("R0", A, "45A48", "2023-03-01", "2023-08-31", "31"),
            _traject("R1", A, "45A48", "2024-01-01", "2024-02-29", "31", "geheel"),
            _traject("R2", A, "45A48", "2024-09-01", "2024-10-31", "31", "geheel"),
            _traject("R3", B, "54001", "2023-06-01", "2024-03-15", "34", "gedeeltelijk"),
            _traject("R4", B, "54001", "2024-05-01", ""),
            _traject("R5", C, "45A48", "2024-02-01", "2024-04-30", "32", "niet", financiering="PGB"),
            _traject("R6", D, "45A48", "", "2024-03-01", "34"),
            _traject("R15", D, "45A48", "2024-02-01", "2024-06-15", "31", "geheel", gemeente="GM0147"),
            _traject("R7", E, "43A24", "2024-01-10", "2024-05-31", "33", "onbekend"),
            _traject("R8", E, "45A48", "2024-06-01", "2025-03-31", "31", "geheel"),
            _traject("R16", F, "45A48", "2024-01-15", "2024-02-29", "33", "niet"),
            _traject("R9", F, "54001", "2024-03-01", "2024-06-30", "35"),
            _traject("R13", F, "45A48", "2024-12-01", ""),
            _traject("R10", G, "45A48", "2024-04-01", "2024-08-31", "02", "gedeeltelijk"),
            _traject("R14", G, "47A01", "2024-02-01", "2024-03-31", "31", "geheel"),
            _traject("R12", H, "54001", "2024-02-15", "2024-05-15", "36", "geheel"),
        ],
    }


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    return load_store(tmp_path_factory, "beeindiging", fixture_tables())


def per_reden(records: list[Record], periode: str, gemeente: str, **dims: str) -> dict[str, float | None]:
    return {m: value(records, periode, gemeente, m, **dims) for m in REDENEN}


def ratio(records: list[Record], periode: str, gemeente: str, maat: str | None = None, **dims: str) -> tuple:
    rec = find(records, periode, gemeente, maat, **dims)
    assert rec is not None
    return rec.teller, rec.noemer, None if rec.waarde is None else round(rec.waarde, 2)


def test_beeindiging_per_cbs_reason(store: duckdb.DuckDBPyConnection) -> None:
    for indicator in ("hengelo.R1", "h10.12"):
        recs = compute(store, [indicator], PERIODS)
        # R6 (cancelled), R8 (ends after the peildatum), R0 (2023) and R14 (JR) never count;
        # JZ588 02 → 05, 36 → onbekend
        assert per_reden(recs, "2024-H1", "GM0164") == dict(zip(REDENEN, (1, 1, 1, 2, 1, 1, 7), strict=True))
        assert per_reden(recs, "2024-H2", "GM0164") == dict(zip(REDENEN, (1, 0, 0, 0, 1, 0, 2), strict=True))
        assert per_reden(recs, "2024", "GM0164") == dict(zip(REDENEN, (2, 1, 1, 2, 2, 1, 9), strict=True))
        assert per_reden(recs, "2024", "GM0147") == dict(zip(REDENEN, (1, 0, 0, 0, 0, 0, 1), strict=True))
        assert per_reden(recs, "2024", "regio") == dict(zip(REDENEN, (3, 1, 1, 2, 2, 1, 10), strict=True))
        assert value(recs, "2024-H2", "GM0147", "totaal") is None  # D's R15 ended in H1: nothing in Borne in H2
        assert {r.eenheid for r in recs} == {"aantal"}


def test_beeindiging_split_by_productgroep_and_financiering(store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(store, ["h10.12"], [parse("2024")], per=["productgroep", "financiering"])
    # Ambulante begeleiding: R1 01, R2 01, R5 03, R16 04, R10 05; Jeugd GGZ: R3 02, R9 05, R12 onbekend;
    # Pleegzorg: R7 04
    ab = per_reden(recs, "2024", "GM0164", productgroep="Ambulante begeleiding")
    assert ab == dict(zip(REDENEN, (2, 0, 1, 1, 1, 0, 5), strict=True))
    ggz = per_reden(recs, "2024", "GM0164", productgroep="Jeugd GGZ")
    assert ggz == dict(zip(REDENEN, (0, 1, 0, 0, 1, 1, 3), strict=True))
    assert value(recs, "2024", "GM0164", "totaal", productgroep="Pleegzorg") == 1
    assert value(recs, "2024", "GM0164", "03", financiering="PGB") == 1  # R5
    assert value(recs, "2024", "GM0164", "totaal", financiering="PGB") == 1
    assert value(recs, "2024", "GM0164", "totaal", financiering="ZIN") == 8
    assert value(recs, "2024", "GM0164", "totaal") == 9  # the total is still there


def test_uitval_known_reasons_in_the_denominator(store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(store, ["uitkomst.uitval"], PERIODS)
    # voortijdig (02–05) ÷ ended with a known reason (01–05; R12 onbekend left out)
    assert ratio(recs, "2024", "GM0164") == (6, 8, 75.0)  # 02 R3; 03 R5; 04 R7, R16; 05 R9, R10
    assert ratio(recs, "2024-H1", "GM0164") == (5, 6, 83.33)  # R3, R5, R7, R16, R9 ÷ those + R1
    assert ratio(recs, "2024-H2", "GM0164") == (1, 2, 50.0)  # R10 ÷ R2, R10
    assert ratio(recs, "2024", "regio") == (6, 9, 66.67)  # + R15 (01) in Borne
    assert ratio(recs, "2024", "GM0147") == (0, 1, 0.0)
    assert {r.eenheid for r in recs} == {"procent"}


def test_h10_13_uses_the_seeds_own_denominator(store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(store, ["h10.13"], PERIODS)
    # (03 + 04 + 05) ÷ (01 + 02), not ÷ the total: values above 100 are possible
    assert ratio(recs, "2024", "GM0164") == (5, 3, 166.67)  # R5, R7, R16, R9, R10 ÷ R1, R2, R3
    assert ratio(recs, "2024-H1", "GM0164") == (4, 2, 200.0)  # R5, R7, R16, R9 ÷ R1, R3
    assert ratio(recs, "2024-H2", "GM0164") == (1, 1, 100.0)  # R10 ÷ R2
    assert ratio(recs, "2024", "regio") == (5, 4, 125.0)
    recs = compute(store, ["h10.13"], [parse("2024")], per=["productgroep"])
    # Jeugd GGZ: 05 R9 ÷ 02 R3 (R12 onbekend counts in neither); Pleegzorg: 04 R7 ÷ nothing → no value
    assert ratio(recs, "2024", "GM0164", productgroep="Jeugd GGZ") == (1, 1, 100.0)
    assert ratio(recs, "2024", "GM0164", productgroep="Pleegzorg") == (1, 0, None)


def test_doelrealisatie_counts_and_share(store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(store, ["hengelo.R2"], PERIODS)
    maten = ("geheel", "gedeeltelijk", "niet", "onbekend", "totaal")

    def counts(periode: str, gemeente: str) -> dict[str, float | None]:
        return {m: value(recs, periode, gemeente, m) for m in maten}

    # 2024 Hengelo: geheel R1, R2, R12; gedeeltelijk R3, R10; niet R5, R16; onbekend R7 ('onbekend'), R9 (empty)
    assert counts("2024", "GM0164") == dict(zip(maten, (3, 2, 2, 2, 9), strict=True))
    assert counts("2024-H1", "GM0164") == dict(zip(maten, (2, 1, 2, 2, 7), strict=True))  # without R2, R10
    assert counts("2024", "regio") == dict(zip(maten, (4, 2, 2, 2, 10), strict=True))  # + R15 geheel
    recs = compute(store, ["uitkomst.doelrealisatie"], PERIODS, per=["productgroep"])
    # (geheel + gedeeltelijk) ÷ (geheel + gedeeltelijk + niet): onbekend left out of the denominator
    assert ratio(recs, "2024", "GM0164") == (5, 7, 71.43)
    assert ratio(recs, "2024-H1", "GM0164") == (3, 5, 60.0)  # R1, R12, R3 ÷ those + R5, R16
    assert ratio(recs, "2024", "regio") == (6, 8, 75.0)
    assert ratio(recs, "2024", "GM0164", productgroep="Pleegzorg") == (0, 0, None)  # R7 only, onbekend
    assert ratio(recs, "2024", "GM0164", productgroep="Jeugd GGZ") == (2, 2, 100.0)  # R3, R12 (R9 empty)
    assert {r.eenheid for r in recs} == {"procent"}


def test_terugkeer_binnen_6_maanden(store: duckdb.DuckDBPyConnection) -> None:
    """Hengelo spells (all youth care, G = 0; R14 JR out of scope, R6 never began):
      A [2023-03-01, 2023-08-31], [2024-01-01, 2024-02-29] (R1, 01), [2024-09-01, 2024-10-31] (R2, 01)
      B [2023-06-01, 2024-03-15] (R3, 02), [2024-05-01, open]
      C [2024-02-01, 2024-04-30] (R5, 03)
      E [2024-01-10, open] (R7 and R8 back to back; R8 ends after the peildatum)
      F [2024-01-15, 2024-06-30] (R16 then R9 from 1 March: last trajectory R9, 05 — not R16's 04), [2024-12-01, open]
      G [2024-04-01, 2024-08-31] (R10, 05)
      H [2024-02-15, 2024-05-15] (R12, onbekend)
    Judgeable: end + 182 ≤ 2024-12-31, i.e. end ≤ 2024-07-02: A's second, B's first, C, F's first, H.
    A's third (10-31) and G (08-31) are too recent. Returned within 182 days: B (47 days), F (154 days);
    A came back after 185 days (1 Sep): not within; C and H did not come back.
    """
    recs = compute(store, ["uitkomst.terugkeer_6m"], PERIODS)
    assert ratio(recs, "2024", "GM0164", "totaal") == (2, 5, 40.0)
    assert ratio(recs, "2024", "GM0164", "01") == (0, 1, 0.0)  # A
    assert ratio(recs, "2024", "GM0164", "02") == (1, 1, 100.0)  # B
    assert ratio(recs, "2024", "GM0164", "03") == (0, 1, 0.0)  # C
    assert ratio(recs, "2024", "GM0164", "05") == (1, 1, 100.0)  # F, by its last trajectory R9
    assert ratio(recs, "2024", "GM0164", "onbekend") == (0, 1, 0.0)  # H
    assert find(recs, "2024", "GM0164", "04") is None  # R16 ended within F's spell: not a spell end
    assert ratio(recs, "2024-H1", "GM0164", "totaal") == (2, 5, 40.0)  # all five ended in H1
    assert find(recs, "2024-H2", "GM0164", "totaal") is None  # A's third and G: too recent to judge
    # region: + D's spell in Borne [2024-02-01, 2024-06-15] (R15, 01), no return
    assert ratio(recs, "2024", "regio", "totaal") == (2, 6, 33.33)
    assert ratio(recs, "2024", "regio", "01") == (0, 2, 0.0)
    assert ratio(recs, "2024", "GM0147", "totaal") == (0, 1, 0.0)


def test_h10_14_return_at_inflow(store: duckdb.DuckDBPyConnection) -> None:
    """Numerator: persons whose spell began in P and whose previous spell ended at most 182 days before it:
      A's spell of 2024-01-01 (previous end 2023-08-31 ≥ 2023-07-03; reason R0 01),
      B's of 2024-05-01 (03-15 ≥ 2023-11-01; R3 02), F's of 2024-12-01 (06-30 ≥ 06-02; R9 05);
      A's spell of 2024-09-01 does not count (previous end 02-29 < 03-03).
    Denominator: trajectories ended in P per reason, as in test_beeindiging_per_cbs_reason.
    """
    recs = compute(store, ["h10.14"], PERIODS)
    assert ratio(recs, "2024", "GM0164", "totaal") == (3, 9, 33.33)
    assert ratio(recs, "2024", "GM0164", "01") == (1, 2, 50.0)
    assert ratio(recs, "2024", "GM0164", "02") == (1, 1, 100.0)
    assert ratio(recs, "2024", "GM0164", "04") == (0, 2, 0.0)
    assert ratio(recs, "2024", "GM0164", "05") == (1, 2, 50.0)
    assert ratio(recs, "2024-H1", "GM0164", "totaal") == (2, 7, 28.57)  # A, B
    assert ratio(recs, "2024-H2", "GM0164", "05") == (1, 1, 100.0)  # F ÷ R10
    assert ratio(recs, "2024-H2", "GM0164", "totaal") == (1, 2, 50.0)
    assert ratio(recs, "2024", "regio", "totaal") == (3, 10, 30.0)


def test_age_and_person_splits(store: duckdb.DuckDBPyConnection) -> None:
    # everyone was born on 2010-01-01: 14 on the last day of every trajectory ended in 2024
    recs = compute(store, ["uitkomst.uitval"], [parse("2024")], per=["leeftijdsklasse"])
    assert ratio(recs, "2024", "GM0164", leeftijdsklasse="12-17 jaar") == (6, 8, 75.0)
    # terugkeer splits only by person attributes: everyone is geslacht 2, so the split equals the total
    recs = compute(store, ["uitkomst.terugkeer_6m", "h10.14"], [parse("2024")], per=["geslacht", "productgroep"])
    assert not any("productgroep" in r.dimensies for r in recs)
    terug = [r for r in recs if r.indicator == "uitkomst.terugkeer_6m"]
    assert ratio(terug, "2024", "GM0164", "totaal", geslacht="2") == (2, 5, 40.0)
    h14 = [r for r in recs if r.indicator == "h10.14"]
    assert ratio(h14, "2024", "GM0164", "totaal", geslacht="2") == (3, 9, 33.33)
