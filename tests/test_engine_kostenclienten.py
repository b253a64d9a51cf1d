"""Persons with costs (`kern.kosten` per_client, the denominator shared through engine.bases.Bases.kostenclienten)
for young persons who have costs in two municipalities, whose costs net to zero within a month or over a period,
or whose months have both signs (engine.bases_sql counts most persons by their months as bits and sums the others'
months). Every expected value worked out by hand.

Peildatum 31 October 2024. Cost rows without a trajectory, each naming its person and municipality (product
45A48, soort declaratie). Hengelo (GM0164), Borne (GM0147).

  A  Hengelo 01: 100, 02: 100; Borne 03: 200 (moved in March)
  B  Hengelo 01: 300; 02: −300 (a credit in a later month: nets to zero over T1 and 2024, not over January)
  C  Borne 06: 50, 06: −50 (nets to zero within the month); 07: 70
  D  Hengelo 02: 40; 05: −10 (both signs, net 30 in 2024; T1 only the 40, T2 only the credit)
  E  Hengelo 09: 500 (T3)
  F  Hengelo 2018-02: 60; 2024-09: 30 (a run from 2018 has months 64 and on: a second word of bits)

Per period (persons whose costs in P net to other than zero; amounts are the client-bound costs in P):
  2024     Hengelo: A 200, D 30, E 500, F 30 (B nets to 0)  → 760 / 4
           Borne:   A 200, C 70                               → 270 / 2
           regio:   A 400, D 30, E 500, F 30, C 70 (B 0)      → 1030 / 5 (A once)
  2024-T1  Hengelo: A 200, D 40 (B 0)                         → 240 / 2
           Borne:   A 200                                     → 200 / 1
           regio:   A 400, D 40                               → 440 / 2
  2024-T2  Hengelo: D −10                                     → −10 / 1
           Borne:   C 70                                      → 70 / 1
           regio:   D −10, C 70                               → 60 / 2
  2024-01  Hengelo: A 100, B 300                              → 400 / 2
  2024-02  Hengelo: A 100, B −300, D 40                       → −160 / 3
  2024-03  Borne: A 200; regio A 200                          → 200 / 1
  2018     Hengelo and regio: F 60                            → 60 / 1 (a run of 2018 to 2024)
  2024-T3  Hengelo and regio: E 500, F 30                     → 530 / 2 (months 80: bit 16 of the second word)
"""

from __future__ import annotations

import duckdb
import pytest

from jeugdmonitor.engine.perioden import parse
from jeugdmonitor.engine.runner import compute
from tests.conftest import BSN, Rows
from tests.engine_hulp import find as record
from tests.engine_hulp import load_store

HENGELO, BORNE = "GM0164", "GM0147"
A, B, C, D, E, F, *_ = BSN
PERIODS = [parse(p) for p in ("2024", "2024-T1", "2024-T2", "2024-01", "2024-02", "2024-03")]


def _person(bsn: str, gemeente: str) -> dict[str, object]:
    return {"bsn": bsn, "geslacht": "2", "geboortedatum": "2012-04-04", "gemeente": gemeente, "wijk": ""}


def _traject(i: int, bsn: str) -> dict[str, object]:
    return {"traject_id": f"T{i}", "bsn": bsn, "product": "45A48", "financiering": "ZIN", "aanmelddatum": "2023-12-01",
            "begindatum": "2024-01-01", "einddatum": "", "reden_beeindiging": ""}  # fmt: skip


def _kosten(bsn: str, gemeente: str, maand: str, bedrag: str) -> dict[str, object]:
    return {"maand": maand, "bedrag": bedrag, "bsn": bsn, "gemeente": gemeente, "product": "45A48",
            "soort": "declaratie"}  # fmt: skip


def fixture_tables() -> dict[str, Rows]:
    return {
        "levering": [{"peildatum": "2024-10-31", "bron": "handwerk"}],
        "jeugdigen": [
            _person(bsn, gemeente)
            for bsn, gemeente in ((A, BORNE), (B, HENGELO), (C, BORNE), (D, HENGELO), (E, HENGELO), (F, HENGELO))
        ],
        "jeugdhulp": [_traject(i, bsn) for i, bsn in enumerate((A, B, C, D, E, F))],  # each a young person in care
        "kosten": [
            _kosten(A, HENGELO, "2024-01", "100"),
            _kosten(A, HENGELO, "2024-02", "100"),
            _kosten(A, BORNE, "2024-03", "200"),
            _kosten(B, HENGELO, "2024-01", "300"),
            _kosten(B, HENGELO, "2024-02", "-300"),
            _kosten(C, BORNE, "2024-06", "50"),
            _kosten(C, BORNE, "2024-06", "-50"),
            _kosten(C, BORNE, "2024-07", "70"),
            _kosten(D, HENGELO, "2024-02", "40"),
            _kosten(D, HENGELO, "2024-05", "-10"),
            _kosten(E, HENGELO, "2024-09", "500"),
            _kosten(F, HENGELO, "2018-02", "60"),
            _kosten(F, HENGELO, "2024-09", "30"),
        ],
    }


EXPECTED = {  # (periode, gemeente): (client-bound costs, persons)
    ("2024", HENGELO): (760, 4),
    ("2024", BORNE): (270, 2),
    ("2024", None): (1030, 5),
    ("2024-T1", HENGELO): (240, 2),
    ("2024-T1", BORNE): (200, 1),
    ("2024-T1", None): (440, 2),
    ("2024-T2", HENGELO): (-10, 1),
    ("2024-T2", BORNE): (70, 1),
    ("2024-T2", None): (60, 2),
    ("2024-01", HENGELO): (400, 2),
    ("2024-02", HENGELO): (-160, 3),
    ("2024-03", BORNE): (200, 1),
    ("2024-03", None): (200, 1),
}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    return load_store(tmp_path_factory, "kostenclienten", fixture_tables())


def test_persons_with_costs_movers_and_credits(store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(store, ["kern.kosten"], PERIODS)
    for (periode, gemeente), (bedrag, personen) in EXPECTED.items():
        r = record(recs, periode, gemeente or "regio", "per_client")
        assert r is not None, (periode, gemeente)
        assert (r.teller, r.noemer) == (bedrag, personen), (periode, gemeente)
    assert record(recs, "2024-03", HENGELO, "per_client") is None  # no costs in Hengelo in March


def test_persons_with_costs_over_more_than_64_months(store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(store, ["kern.kosten"], [parse("2018"), parse("2024-T3")])
    for periode, gemeente, expected in (("2018", HENGELO, (60, 1)), ("2018", "regio", (60, 1)),
                                        ("2024-T3", HENGELO, (530, 2)), ("2024-T3", "regio", (530, 2))):  # fmt: skip
        r = record(recs, periode, gemeente, "per_client")
        assert r is not None and (r.teller, r.noemer) == expected, (periode, gemeente)
