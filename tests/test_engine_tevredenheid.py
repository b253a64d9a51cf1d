"""Family `tevredenheid` (h10.10, h10.11, hengelo.R5, uitkomst.tevredenheid) on a hand-made delivery; every
expected value worked out by hand.

Peildatum 31 October 2024 (levering.csv). Hengelo (GM0164) unless said otherwise; Borne is GM0147.
A result counts in P when the period it describes lies wholly within P (cut at the peildatum).

clientervaring (periode, bron, aspect, productgroep, aanbieder: score, respondenten, tevreden):
  survey 1, 2024-H1 wijkteam   R1 totaal                          7.0  100  70
                               R2 effectiviteit                   8.0  100  80
  survey 2, 2024-H1 aanbieder  R3 totaal                          6.0   50  20   its coarsest level
                               R4 totaal Jeugd GGZ                5.0   30  10
                               R5 totaal Begeleiding              8.0   20  15
                               R6 totaal Jeugd GGZ, Zorg BV       4.0   10   2   finer than R4
  survey 3, 2024-05 wijkteam   R7 totaal                          9.0   20  18   a month: in T2, H1 and 2024
  survey 4, 2024-H2 wijkteam   R8 totaal                          3.0   10   1   ends after the peildatum
  survey 5, 2023 wijkteam      R9 totaal                          5.0   40  30
  Borne, no respondents given: R10 2024-Q1 toegang (no aspect) 9.0; R11 2024-Q2 toegang (no aspect) 6.0
"""

from __future__ import annotations

import duckdb
import pytest

from jeugdmonitor.engine.perioden import parse
from jeugdmonitor.engine.records import Record
from jeugdmonitor.engine.runner import compute
from tests.conftest import BSN, Rows
from tests.engine_hulp import find, load_store, value

PERIODS = [parse(p) for p in ("2023", "2024", "2024-H1", "2024-H2", "2024-T1", "2024-T2")]
A = BSN[0]


def _ervaring(periode: str, bron: str, aspect: str, score: float | str, resp: int | str = "", tevreden: int | str = "",
              productgroep: str = "", aanbieder: str = "", gemeente: str = "GM0164") -> dict[str, object]:  # fmt: skip
    return {"periode": periode, "gemeente": gemeente, "bron": bron, "aanbieder": aanbieder,
            "productgroep": productgroep, "aspect": aspect, "gemiddelde_score": score,
            "aantal_respondenten": resp, "aantal_tevreden": tevreden}  # fmt: skip


def _basis() -> dict[str, Rows]:
    return {
        "levering": [{"peildatum": "2024-10-31", "bron": "handwerk"}],
        "jeugdigen": [{"bsn": A, "geslacht": "1", "geboortedatum": "2012-01-01", "gemeente": "GM0164"},
                      {"bsn": BSN[1], "geslacht": "2", "geboortedatum": "2012-01-01", "gemeente": "GM0147"}],
        "jeugdhulp": [{"traject_id": "T1", "bsn": A, "product": "45A48", "begindatum": "2024-01-01", "einddatum": ""},
                      {"traject_id": "T2", "bsn": BSN[1], "product": "45A48", "begindatum": "2024-01-01",
                       "einddatum": ""}],
    }  # fmt: skip


def fixture_tables() -> dict[str, Rows]:
    return {
        **_basis(),
        "clientervaring": [
            _ervaring("2024-H1", "wijkteam", "totaal", 7.0, 100, 70),
            _ervaring("2024-H1", "wijkteam", "effectiviteit", 8.0, 100, 80),
            _ervaring("2024-H1", "aanbieder", "totaal", 6.0, 50, 20),
            _ervaring("2024-H1", "aanbieder", "totaal", 5.0, 30, 10, productgroep="Jeugd GGZ"),
            _ervaring("2024-H1", "aanbieder", "totaal", 8.0, 20, 15, productgroep="Begeleiding"),
            _ervaring("2024-H1", "aanbieder", "totaal", 4.0, 10, 2, productgroep="Jeugd GGZ", aanbieder="Zorg BV"),
            _ervaring("2024-05", "wijkteam", "totaal", 9.0, 20, 18),
            _ervaring("2024-H2", "wijkteam", "totaal", 3.0, 10, 1),
            _ervaring("2023", "wijkteam", "totaal", 5.0, 40, 30),
            _ervaring("2024-Q1", "toegang", "", 9.0, gemeente="GM0147"),
            _ervaring("2024-Q2", "toegang", "", 6.0, gemeente="GM0147"),
        ],
    }


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    return load_store(tmp_path_factory, "tevredenheid", fixture_tables())


def split(records: list[Record], periode: str, gemeente: str, dim: str, maat: str | None = None) -> dict:
    return {r.dimensies[dim]: r.waarde for r in records
            if (r.periode, r.gemeente, r.maat) == (periode, gemeente, maat) and dim in r.dimensies}  # fmt: skip


def test_h10_10_weighted_mean_of_the_coarsest_level(store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(store, ["h10.10"], PERIODS)
    # H1: the total rows at each survey's coarsest level: R1 7.0 × 100, R3 6.0 × 50 (R4–R6 are finer), R7 9.0 × 20
    # → (700 + 300 + 180) / 170 = 1180 / 170
    h1 = find(recs, "2024-H1", "GM0164")
    assert h1 is not None and (h1.teller, h1.noemer, h1.eenheid) == (1180, 170, "score")
    assert h1.waarde == pytest.approx(1180 / 170)
    # 2024 (cut at 31-10): the same results; R8 (2024-H2, ending 31-12) lies after the peildatum
    assert value(recs, "2024", "GM0164") == pytest.approx(1180 / 170)
    assert find(recs, "2024", "GM0164").status == "voorlopig"  # type: ignore[union-attr]
    # T1 (January–April) contains no survey period; T2 (May–August) contains the month 2024-05: R7 only
    assert find(recs, "2024-T1", "GM0164") is None
    assert value(recs, "2024-T2", "GM0164") == 9.0
    assert find(recs, "2024-H2", "GM0164") is None  # R8's period ends after the cut end 31-10
    assert value(recs, "2023", "GM0164") == 5.0  # R9
    # the aspect split: R2 effectiviteit 8.0 (the total reads aspect totaal only)
    assert split(recs, "2024-H1", "GM0164", "aspect") == {"effectiviteit": 8.0}


def test_h10_10_plain_mean_without_respondents(store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(store, ["h10.10"], PERIODS)
    # Borne H1: R10 and R11 give no respondents and no aspect (= totaal): plain mean (9 + 6) / 2, no teller/noemer
    borne = find(recs, "2024-H1", "GM0147")
    assert borne is not None and (borne.waarde, borne.teller, borne.noemer) == (7.5, None, None)
    # the region H1 mixes rows with and without respondents: the plain mean of R1, R3, R7, R10, R11
    # = (7 + 6 + 9 + 9 + 6) / 5 = 7.4
    regio = find(recs, "2024-H1", "regio")
    assert regio is not None and regio.waarde == pytest.approx(7.4) and regio.noemer is None
    assert value(recs, "2024-T1", "GM0147") == 9.0  # 2024-Q1 lies in T1; 2024-Q2 (April–June) does not


def test_h10_11_share_satisfied(store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(store, ["h10.11"], PERIODS)
    # H1: (70 + 20 + 18) / (100 + 50 + 20) = 108 / 170
    h1 = find(recs, "2024-H1", "GM0164")
    assert h1 is not None and (h1.teller, h1.noemer, h1.eenheid, h1.maat) == (108, 170, "procent", None)
    assert h1.waarde == pytest.approx(100 * 108 / 170)
    assert value(recs, "2024-T2", "GM0164") == 90  # R7: 18 of 20
    assert value(recs, "2024-H1", "GM0164", aspect="effectiviteit") == 80  # R2: 80 of 100
    assert find(recs, "2024-H1", "GM0147") is None  # Borne gives no numbers of respondents
    assert value(recs, "2024-H1", "regio") == pytest.approx(100 * 108 / 170)


def test_r5_per_zorgvorm_counts_each_respondent_once(store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(store, ["hengelo.R5"], PERIODS)
    # always per productgroep: survey 2 names product groups, so its rows naming one at their coarsest level
    # count (R4 Jeugd GGZ 5.0, R5 Begeleiding 8.0; R6 is finer than R4); surveys 1 and 3 name none and add
    # their totals as onbekend: (7.0 × 100 + 9.0 × 20) / 120 = 880 / 120
    pg = split(recs, "2024-H1", "GM0164", "productgroep")
    assert pg == {"Jeugd GGZ": 5.0, "Begeleiding": 8.0, "onbekend": pytest.approx(880 / 120)}
    assert value(recs, "2024-H1", "GM0164") == pytest.approx(1180 / 170)
    assert {r.maat for r in recs} == {None}
    assert not [r for r in recs if "aspect" in r.dimensies]


def test_uitkomst_tevredenheid_two_measures_and_aanbieder(store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(store, ["uitkomst.tevredenheid"], PERIODS, per=["aanbieder"])
    assert value(recs, "2024-H1", "GM0164", "gemiddelde_score") == pytest.approx(1180 / 170)
    aandeel = find(recs, "2024-H1", "GM0164", "aandeel_tevreden")
    assert aandeel is not None and (aandeel.teller, aandeel.noemer, aandeel.eenheid) == (108, 170, "procent")
    # per aanbieder: survey 2 names one only in R6 (Zorg BV 4.0, 2 of 10 satisfied); surveys 1 and 3 name none:
    # onbekend (880 / 120; satisfied (70 + 18) / 120)
    assert split(recs, "2024-H1", "GM0164", "aanbieder", "gemiddelde_score") == {
        "Zorg BV": 4.0, "onbekend": pytest.approx(880 / 120)}  # fmt: skip
    assert split(recs, "2024-H1", "GM0164", "aanbieder", "aandeel_tevreden") == {
        "Zorg BV": 20.0, "onbekend": pytest.approx(100 * 88 / 120)}  # fmt: skip
    assert value(recs, "2024-H1", "GM0164", "gemiddelde_score", aspect="effectiviteit") == 8.0


def test_missing_input_is_niet_beschikbaar(tmp_path_factory: pytest.TempPathFactory) -> None:
    # without table clientervaring nothing can be computed; without aantal_tevreden h10.11 cannot
    zonder = load_store(tmp_path_factory, "tevredenheid_zonder", _basis())
    recs = compute(zonder, ["h10.10", "uitkomst.tevredenheid"], [parse("2024")])
    assert {r.status for r in recs} == {"niet_beschikbaar"}
    assert all("clientervaring.gemiddelde_score" in r.toelichting for r in recs)
    rows = [{k: v for k, v in r.items() if k != "aantal_tevreden"} for r in fixture_tables()["clientervaring"]]
    deels = load_store(tmp_path_factory, "tevredenheid_deels", {**_basis(), "clientervaring": rows})
    recs = compute(deels, ["h10.11", "h10.10"], [parse("2024-H1")])
    h11 = [r for r in recs if r.indicator == "h10.11"]
    assert {r.status for r in h11} == {"niet_beschikbaar"}
    assert "clientervaring.aantal_tevreden" in h11[0].toelichting
    assert value([r for r in recs if r.indicator == "h10.10"], "2024-H1", "GM0164") == pytest.approx(1180 / 170)
