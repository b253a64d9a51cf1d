"""Privacy by construction, end to end: no BSN of a delivery appears anywhere the product writes or says.

A generated municipality (Hengelo) goes through generate, load and check via the CLI; then every file the
product wrote (store, write-ahead log, key folder, quality report) and everything it printed is scanned for
each BSN of the delivery.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from jeugdmonitor.cli import main


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    root = tmp_path_factory.mktemp("privacy")
    delivery, out = root / "levering", root / "uit"
    runner = CliRunner()
    printed = []
    for args in (
        ["generate", "--out", str(delivery), "--schaal", "gemeente", "--seed", "7"],
        ["load", str(delivery), "--store", str(out / "store.duckdb")],
        ["check", str(delivery), "--out", str(out / "kwaliteit")],
    ):
        result = runner.invoke(main, args)
        assert result.exit_code == 0, result.output
        printed.append(result.output)
    return delivery, out, "\n".join(printed)


def _bsns(delivery: Path) -> set[str]:
    found: set[str] = set()
    for path in delivery.glob("*.csv"):
        with path.open(encoding="utf-8") as fh:
            reader = csv.DictReader(fh)
            if reader.fieldnames and "bsn" in reader.fieldnames:
                found.update(row["bsn"] for row in reader if row["bsn"])
    return found


def test_the_delivery_has_bsns(pipeline: tuple[Path, Path, str]) -> None:
    delivery, _, _ = pipeline
    assert len(_bsns(delivery)) > 1000


def test_no_bsn_in_any_file_written(pipeline: tuple[Path, Path, str]) -> None:
    delivery, out, _ = pipeline
    bsns = _bsns(delivery)
    written = [p for p in out.rglob("*") if p.is_file()]
    assert any(p.suffix == ".duckdb" for p in written) and any(p.suffix == ".html" for p in written)
    for path in written:
        data = path.read_bytes()
        # a BSN stored as text (any encoding DuckDB uses for short strings keeps the digits contiguous)
        digits = set(re.findall(rb"(?<![0-9])[0-9]{9}(?![0-9])", data))
        leaked = {d.decode() for d in digits} & bsns
        assert not leaked, f"{path.name} bevat BSN's"


def test_no_bsn_in_what_was_printed(pipeline: tuple[Path, Path, str]) -> None:
    delivery, _, printed = pipeline
    assert not set(re.findall(r"(?<![0-9])[0-9]{9}(?![0-9])", printed)) & _bsns(delivery)


def test_no_bsn_in_any_store_column(pipeline: tuple[Path, Path, str]) -> None:
    """Compressed storage could hide digits from a byte scan: ask the database itself, column by column."""
    import duckdb

    delivery, out, _ = pipeline
    bsns = sorted(_bsns(delivery))
    con = duckdb.connect(str(out / "store.duckdb"), read_only=True)
    columns = con.execute(
        "SELECT table_name, column_name FROM duckdb_columns() "
        "WHERE NOT internal AND database_name = current_database() AND data_type IN ('VARCHAR', 'VARCHAR[]', 'JSON')"
    ).fetchall()
    assert len(columns) > 50
    con.execute("CREATE TEMP TABLE bsn AS SELECT unnest(?::VARCHAR[]) AS v", [bsns])
    for table, column in columns:
        hits = con.execute(
            f'SELECT count(*) FROM (SELECT unnest(regexp_extract_all(CAST("{column}" AS VARCHAR), '
            f"'[0-9]{{9}}')) AS d FROM \"{table}\") x JOIN bsn ON x.d = bsn.v"
        ).fetchone()[0]
        assert hits == 0, f"{table}.{column} bevat BSN's"
