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
from jeugdmonitor.store.pseudonym import ENV_KEY, pseudonym, resolve_key

# A fixed key makes the run reproducible: with a random key, the bytes of a compressed store now and then hold a
# nine-digit run equal to one of the delivery's BSNs by chance (seen once in about ten runs). A stored raw BSN is
# found whatever the key.
KEY = "privacytest-vaste-sleutel"


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
        result = runner.invoke(main, args, env={ENV_KEY: KEY})
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


def _pseudonyms(out: Path, bsns: set[str]) -> set[bytes]:
    """The pseudonyms the store legitimately holds for these BSNs."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(ENV_KEY, KEY)
        key = resolve_key(out / "store.duckdb", create=False)
    return {pseudonym(key, "bsn", bsn).encode() for bsn in bsns}


def _without_pseudonyms(data: bytes, pseudonyms: set[bytes]) -> bytes:
    """A 64-character hex pseudonym has nine-digit runs by chance (about half of them do), which may equal a
    BSN of the delivery. Blank the known pseudonyms out before scanning."""
    return re.sub(rb"[0-9a-f]{64}", lambda m: b"-" if m.group() in pseudonyms else m.group(), data)


def test_the_delivery_has_bsns(pipeline: tuple[Path, Path, str]) -> None:
    delivery, _, _ = pipeline
    assert len(_bsns(delivery)) > 1000


def test_no_bsn_in_any_file_written(pipeline: tuple[Path, Path, str]) -> None:
    delivery, out, _ = pipeline
    bsns = _bsns(delivery)
    written = [p for p in out.rglob("*") if p.is_file()]
    assert any(p.suffix == ".duckdb" for p in written) and any(p.suffix == ".html" for p in written)
    for path in written:
        data = _without_pseudonyms(path.read_bytes(), _pseudonyms(out, bsns))
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
            # a value that is a whole pseudonym (64 hex characters) cannot be a stored BSN, but its digits may
            # match one by chance: leave those values out
            f'SELECT count(*) FROM (SELECT unnest(regexp_extract_all(CAST("{column}" AS VARCHAR), '
            f"'[0-9]{{9}}')) AS d FROM \"{table}\" "
            f"WHERE NOT regexp_full_match(CAST(\"{column}\" AS VARCHAR), '[0-9a-f]{{64}}')) x JOIN bsn ON x.d = bsn.v"
        ).fetchone()[0]
        assert hits == 0, f"{table}.{column} bevat BSN's"
