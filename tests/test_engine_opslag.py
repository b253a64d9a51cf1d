"""Results are kept in the store with the delivery they came from, and recomputed when a new delivery lands."""

from __future__ import annotations

from pathlib import Path

import duckdb
from click.testing import CliRunner

from jeugdmonitor.cli import main
from tests.conftest import Make, Tables


def _results(store: Path) -> dict[tuple[str, str, str], tuple[int, float]]:
    con = duckdb.connect(str(store), read_only=True)
    rows = con.execute(
        "SELECT periode, gemeente, maat, levering_id, waarde FROM _resultaten "
        "WHERE indicator = 'kern.stromen' AND dimensie IS NULL AND periode = '2024'"
    ).fetchall()
    con.close()
    return {(p, g, m): (lev, w) for p, g, m, lev, w in rows}


def test_results_follow_the_latest_delivery(make_delivery: Make, minimal_tables: Tables, tmp_path: Path) -> None:
    store = tmp_path / "s.duckdb"
    first = CliRunner().invoke(main, ["load", str(make_delivery(minimal_tables, name="lev1")), "--store", str(store)])
    assert first.exit_code == 0, first.output
    assert "Indicatoren opnieuw berekend" in first.output
    # minimal delivery: T1 15 Jan–30 Jun (ends on the peildatum), T2 from 1 March (open), T3 cancelled
    assert _results(store)[("2024", "GM0164", "instroom")] == (1, 2)
    assert _results(store)[("2024", "GM0164", "eindstand")] == (1, 1)

    # a later full extract: T2 ended on 31 May with reason 31; the results are replaced, tied to delivery 2
    minimal_tables["jeugdhulp"][1].update(einddatum="2024-05-31", reden_beeindiging="31")
    second = CliRunner().invoke(main, ["load", str(make_delivery(minimal_tables, name="lev2")), "--store", str(store)])
    assert second.exit_code == 0, second.output
    results = _results(store)
    assert results[("2024", "GM0164", "eindstand")] == (2, 0)
    assert {lev for lev, _ in results.values()} == {2}


def test_same_delivery_again_keeps_the_results(make_delivery: Make, minimal_tables: Tables, tmp_path: Path) -> None:
    store, folder = tmp_path / "s.duckdb", make_delivery(minimal_tables)
    CliRunner().invoke(main, ["load", str(folder), "--store", str(store)])
    again = CliRunner().invoke(main, ["load", str(folder), "--store", str(store)])
    assert again.exit_code == 0 and "al geladen" in again.output
    assert "Indicatoren opnieuw berekend" not in again.output
