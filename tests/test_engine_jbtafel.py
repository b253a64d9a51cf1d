"""Family `jbtafel` (h10.23, h10.16) on a hand-made delivery; every expected value worked out by hand.

Peildatum 31 October 2024 (levering.csv). Hengelo (GM0164) unless said otherwise; Borne is GM0147.
Periods: T1 January–April, T2 May–August, 2024 (cut at the peildatum: voorlopig).

jb_tafel (datum_bespreking, besluit):
  J1  A 10-11-2023 vrijwillig_kader            A's earlier VK decision
  J2  A 05-03 raadsonderzoek                   after A's VK: a returning request (T1)
  J3  B 01-02 vrijwillig_kader
  J4  B 02-05 uitgesteld_raadsonderzoek        after B's VK of 01-02: returning (T2)
  J5  C 30-04 vrijwillig_kader                 last day of T1
  J6  C 10-04 overig                           C discussed twice in T1
  J7  D aangemeld 01-03, afgewezen 10-03       never discussed: counts nowhere
  J8  E 15-06 raadsonderzoek                   no earlier VK
  J9  - 20-03 vrijwillig_kader                 no client: a young person of its own
  J10 F 05-11 vrijwillig_kader                 after the peildatum
  J11 G 20-01 raadsonderzoek (Borne)           after G's VK J12
  J12 G 01-12-2023 vrijwillig_kader (Borne)
  J13 B 10-09 raadsonderzoek                   after B's VK: returning (2024, T3)
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


def _bespreking(bid: str, bsn: str, bespreking: str, besluit: str, afwijzing: str = "",
                gemeente: str = "GM0164") -> dict[str, object]:  # fmt: skip
    return {"bespreking_id": bid, "bsn": bsn, "gemeente": gemeente, "datum_aanmelding": "2023-10-01",
            "datum_afwijzing": afwijzing, "datum_bespreking": bespreking, "client_aanwezig": "ja",
            "besluit": besluit}  # fmt: skip


def fixture_tables() -> dict[str, Rows]:
    return {
        "levering": [{"peildatum": "2024-10-31", "bron": "handwerk"}],
        "jeugdigen": [*(_person(p) for p in (A, B, C, D, E, F)), _person(G, "GM0147")],
        "jeugdhulp": [{"traject_id": "T1", "bsn": A, "product": "45A48", "begindatum": "2024-01-01", "einddatum": ""}],
        "jb_tafel": [
            _bespreking("J1", A, "2023-11-10", "vrijwillig_kader"),
            _bespreking("J2", A, "2024-03-05", "raadsonderzoek"),
            _bespreking("J3", B, "2024-02-01", "vrijwillig_kader"),
            _bespreking("J4", B, "2024-05-02", "uitgesteld_raadsonderzoek"),
            _bespreking("J5", C, "2024-04-30", "vrijwillig_kader"),
            _bespreking("J6", C, "2024-04-10", "overig"),
            _bespreking("J7", D, "", "", afwijzing="2024-03-10"),
            _bespreking("J8", E, "2024-06-15", "raadsonderzoek"),
            _bespreking("J9", "", "2024-03-20", "vrijwillig_kader"),
            _bespreking("J10", F, "2024-11-05", "vrijwillig_kader"),
            _bespreking("J11", G, "2024-01-20", "raadsonderzoek", gemeente="GM0147"),
            _bespreking("J12", G, "2023-12-01", "vrijwillig_kader", gemeente="GM0147"),
            _bespreking("J13", B, "2024-09-10", "raadsonderzoek"),
        ],
    }


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    return load_store(tmp_path_factory, "jbtafel", fixture_tables())


def test_h10_23_share_of_discussed_young_persons_with_vrijwillig_kader(store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(store, ["h10.23"], PERIODS)
    # T1: discussed A (J2), B (J3), C (J5, J6: once), J9's young person; J7 was turned down → 4; with VK: B, C,
    # J9 → 3 of 4
    t1 = find(recs, "2024-T1", "GM0164")
    assert t1 is not None and (t1.teller, t1.noemer, t1.waarde, t1.eenheid) == (3, 4, 75, "procent")
    # T2: B (J4) and E (J8), neither with VK → 0 of 2
    assert value(recs, "2024-T2", "GM0164") == 0
    # 2024 up to the peildatum: A, B (J3, J4, J13), C, E, J9 → 5, with VK B, C, J9 → 60 %; J10 lies after it
    y = find(recs, "2024", "GM0164")
    assert y is not None and (y.teller, y.noemer, y.waarde, y.status) == (3, 5, 60, "voorlopig")
    assert value(recs, "2024-T1", "GM0147") == 0  # G: raadsonderzoek
    assert value(recs, "2024-T1", "regio") == 60  # 3 of 5


def test_h10_16_returning_requests_after_vrijwillig_kader(store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(store, ["h10.16"], PERIODS)
    # T1: returning request J2 (A's VK J1 was on an earlier day); VK decisions J3, J5, J9 → 1 / 3
    t1 = find(recs, "2024-T1", "GM0164")
    assert t1 is not None and (t1.teller, t1.noemer) == (1, 3)
    assert t1.waarde == pytest.approx(100 / 3)
    # T2: J4 returns (B's VK 01-02); J8 had no VK before; no VK decision in T2: no value
    t2 = find(recs, "2024-T2", "GM0164")
    assert t2 is not None and (t2.teller, t2.noemer, t2.waarde) == (1, 0, None)
    # 2024: J2, J4, J13 against J3, J5, J9 → 100 %; the region adds J11 (G's VK in 2023): 4 / 3, over 100
    assert value(recs, "2024", "GM0164") == 100
    regio = find(recs, "2024", "regio")
    assert regio is not None and (regio.teller, regio.noemer) == (4, 3)
    assert regio.waarde == pytest.approx(400 / 3)


def test_without_clients(tmp_path_factory: pytest.TempPathFactory) -> None:
    # without jb_tafel.client h10.16 cannot link decisions; h10.23 counts each discussion as a young person
    tables = fixture_tables()
    tables["jb_tafel"] = [{k: v for k, v in row.items() if k != "bsn"} for row in tables["jb_tafel"]]
    zonder = load_store(tmp_path_factory, "jbtafel_zonder", tables)
    recs = compute(zonder, ["h10.16", "h10.23"], [parse("2024-T1")])
    h16 = [r for r in recs if r.indicator == "h10.16"]
    assert {r.status for r in h16} == {"niet_beschikbaar"}
    assert h16[0].toelichting == "niet beschikbaar: de levering bevat geen jb_tafel.client"
    # T1: J2, J3, J5, J6, J9 are 5 discussions, 3 of them VK
    t1 = find([r for r in recs if r.indicator == "h10.23"], "2024-T1", "GM0164")
    assert t1 is not None and (t1.teller, t1.noemer, t1.waarde) == (3, 5, 60)
