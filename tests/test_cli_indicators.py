"""`jeugdmonitor indicators`: JSON on standard output and nothing else, CSV and a Dutch table."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from jeugdmonitor.cli import main
from jeugdmonitor.engine.records import Record
from jeugdmonitor.outputs.export import format_value, to_table
from jeugdmonitor.store.loader import load_delivery
from tests.conftest import Make, Tables


@pytest.fixture
def store(make_delivery: Make, minimal_tables: Tables, tmp_path: Path) -> Path:
    path = tmp_path / "s.duckdb"
    load_delivery(make_delivery(minimal_tables), path)
    return path


def test_json_is_all_there_is_on_stdout(store: Path) -> None:
    result = CliRunner().invoke(
        main, ["indicators", "--store", str(store), "--periode", "2024-T1,2024-T2", "--indicator", "kern.gebruik",
               "--format", "json"],
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    records = json.loads(result.stdout)
    got = {(r["periode"], r["gemeente"]): r["waarde"] for r in records}
    # minimal delivery: T1 (15 Jan–30 Jun) and T2 (from 1 Mar, open); T3 cancelled; peildatum 30 June
    assert got == {("2024-T1", "GM0164"): 2, ("2024-T1", "regio"): 2, ("2024-T2", "GM0164"): 2,
                   ("2024-T2", "regio"): 2}  # fmt: skip
    assert {r["status"] for r in records if r["periode"] == "2024-T2"} == {"voorlopig"}  # cut at 30 June
    assert all("maat" not in r for r in records)


def test_csv_and_table(store: Path) -> None:
    args = ["indicators", "--store", str(store), "--periode", "2024", "--indicator", "kern.stromen",
            "--gemeente", "GM0164"]  # fmt: skip
    out = CliRunner().invoke(main, [*args, "--format", "csv"]).output
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {r["maat"]: r["waarde"] for r in rows} == {"beginstand": "0.0", "instroom": "2.0", "uitstroom": "1.0",
                                                        "eindstand": "1.0"}  # fmt: skip
    table = CliRunner().invoke(main, [*args, "--format", "table"]).output
    assert table.splitlines()[0].split() == ["Indicator", "Maat", "Periode", "Gemeente", "Uitsplitsing", "Waarde",
                                             "Status"]  # fmt: skip


def test_unknown_indicator_is_a_clear_error(store: Path) -> None:
    result = CliRunner().invoke(main, ["indicators", "--store", str(store), "--periode", "2024", "--indicator",
                                       "kern.bestaatniet"])  # fmt: skip
    assert result.exit_code == 1
    assert "kern.bestaatniet" in result.output and "Traceback" not in result.output


def test_dutch_value_formats() -> None:
    def rec(eenheid: str, waarde: float, status: str = "ok") -> Record:
        return Record("x.y", "2024", "GM0164", eenheid, status, waarde)  # type: ignore[arg-type]

    assert format_value(rec("aantal", 12345)) == "12.345"
    assert format_value(rec("euro", 1234567.4)) == "€ 1.234.567"
    assert format_value(rec("procent", 12.5)) == "12,5%"
    assert format_value(rec("aantal", 3, "onderdrukt")) == "< 5"
    assert "Geen uitkomsten" in to_table([])


def test_missing_input_gives_niet_beschikbaar_naming_it(make_delivery: Make, minimal_tables: Tables,
                                                        tmp_path: Path) -> None:  # fmt: skip
    """Without product and productcategorie there is no product group: kern.gebruik needs one of them."""
    import duckdb

    from jeugdmonitor.engine.perioden import parse
    from jeugdmonitor.engine.runner import compute

    for row in minimal_tables["jeugdhulp"]:
        del row["product"], row["productcategorie"]
    path = tmp_path / "zonder.duckdb"
    load_delivery(make_delivery(minimal_tables), path)
    recs = compute(duckdb.connect(str(path), read_only=True), ["kern.gebruik"], [parse("2024")])
    assert [(r.gemeente, r.status, r.waarde) for r in recs] == [
        ("GM0164", "niet_beschikbaar", None), ("regio", "niet_beschikbaar", None)]  # fmt: skip
    assert "jeugdhulp.product | jeugdhulp.productcategorie" in recs[0].toelichting
