"""The demo generator writes every contract table, deterministically, with only test-range BSNs and nothing the
contract rejects. Calibration against CBS figures lives in test_generator_kalibratie.py."""

from __future__ import annotations

import csv
import hashlib
from datetime import date
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from jeugdmonitor.cli import main
from jeugdmonitor.contract import load_contract
from jeugdmonitor.demo import Summary, generate_delivery
from jeugdmonitor.errors import UserError

CONTRACT = load_contract()


def elfproef(bsn: str) -> bool:
    """Written out here from the BSN rule, not imported: 9*d1 + 8*d2 + ... + 2*d8 - d9 divisible by 11."""
    digits = [int(c) for c in bsn]
    return (
        len(bsn) == 9 and (sum(d * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) - digits[8]) % 11 == 0
    )


def header(path: Path) -> list[str]:
    with path.open(encoding="utf-8") as fh:
        return next(csv.reader(fh))


def digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.glob("*.csv"))}


@pytest.fixture(scope="module")
def hengelo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Summary]:
    out = tmp_path_factory.mktemp("hengelo")
    summary = generate_delivery(out, gemeenten=None, van=date(2021, 1, 1), tot=None, seed=7, schaal="gemeente")
    return out, summary


@pytest.fixture(scope="module")
def db(hengelo: tuple[Path, Summary]) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    for table in CONTRACT.table_names:
        con.execute(
            f"CREATE VIEW {table} AS SELECT * FROM read_csv('{hengelo[0] / (table + '.csv')}', all_varchar=true)"
        )
    return con


def test_every_contract_table_with_exactly_its_columns(hengelo: tuple[Path, Summary]) -> None:
    folder, _ = hengelo
    for table in CONTRACT.tables:
        cols = header(folder / f"{table.name}.csv")
        expected = list(table.column_names)
        if table.client == "verplicht":
            assert cols == ["bsn", *expected], table.name
        else:
            assert cols in (expected, ["bsn", *expected]), table.name
            assert table.client is not None or cols == expected, table.name
    assert {p.stem for p in folder.glob("*.csv")} == set(CONTRACT.table_names)


def test_levering_names_the_peildatum(db: duckdb.DuckDBPyConnection) -> None:
    peildatum, bron = db.execute("SELECT peildatum, bron FROM levering").fetchone()
    assert peildatum == "2025-10-31"
    assert "Synthetische" in bron


def test_same_seed_same_bytes_other_seed_other_data(tmp_path: Path) -> None:
    args = {"gemeenten": ["GM0147"], "van": date(2024, 1, 1), "tot": date(2025, 6, 30), "schaal": "gemeente"}
    generate_delivery(tmp_path / "a", seed=11, **args)
    generate_delivery(tmp_path / "b", seed=11, **args)
    generate_delivery(tmp_path / "c", seed=12, **args)
    assert digest(tmp_path / "a") == digest(tmp_path / "b")
    assert digest(tmp_path / "a")["jeugdhulp.csv"] != digest(tmp_path / "c")["jeugdhulp.csv"]


def test_municipality_data_do_not_depend_on_the_other_municipalities(tmp_path: Path) -> None:
    args = {"van": date(2024, 1, 1), "tot": date(2025, 6, 30), "seed": 3, "schaal": "gemeente"}
    generate_delivery(tmp_path / "alleen", gemeenten=["GM0147"], **args)
    generate_delivery(tmp_path / "samen", gemeenten=["GM0173", "GM0147"], **args)
    alleen = (tmp_path / "alleen" / "maatregelen.csv").read_text().splitlines()[1:]
    samen = [r for r in (tmp_path / "samen" / "maatregelen.csv").read_text().splitlines()[1:] if ",GM0147," in r]
    strip = [r.split(",", 1)[1] for r in alleen]  # the BSN pool is shared, the rest is per municipality
    assert strip == [r.split(",", 1)[1] for r in samen]


def test_only_test_range_bsns_that_pass_the_elfproef(db: duckdb.DuckDBPyConnection) -> None:
    bsns = [b for (b,) in db.execute("SELECT bsn FROM jeugdigen").fetchall()]
    assert len(bsns) == len(set(bsns)) > 1000
    assert all(b.startswith("999") and elfproef(b) for b in bsns)
    for table in CONTRACT.tables:
        if table.client is not None and table.name != "kosten":  # kosten name the trajectory, not the client
            unknown = db.execute(f"SELECT count(*) FROM {table.name} WHERE bsn IS NOT NULL AND bsn NOT IN "
                                 "(SELECT bsn FROM jeugdigen)").fetchone()[0]  # fmt: skip
            assert unknown == 0, table.name


def test_nothing_the_contract_rejects(db: duckdb.DuckDBPyConnection) -> None:
    for table in CONTRACT.tables:
        for key in table.key:
            column = "bsn" if key == "client" else key
            n, distinct = db.execute(f"SELECT count(*), count(DISTINCT {column}) FROM {table.name}").fetchone()
            assert n == distinct, (table.name, key)
        for col in table.columns:
            if col.required:
                assert db.execute(f"SELECT count(*) FROM {table.name} WHERE {col.name} IS NULL").fetchone()[0] == 0
            if col.type == "datum":
                bad = db.execute(f"SELECT count(*) FROM {table.name} WHERE {col.name} IS NOT NULL AND "
                                 f"try_strptime({col.name}, '%Y-%m-%d') IS NULL").fetchone()[0]  # fmt: skip
                assert bad == 0, (table.name, col.name)
    for table, b, e in (("jeugdhulp", "begindatum", "einddatum"), ("maatregelen", "begindatum", "einddatum"),
                        ("pgb", "begindatum", "einddatum"), ("plaatsingen", "begindatum", "einddatum")):  # fmt: skip
        assert db.execute(f"SELECT count(*) FROM {table} WHERE {e} < {b}").fetchone()[0] == 0, table
    assert db.execute("SELECT count(*) FROM jeugdhulp WHERE toewijzingsdatum < aanmelddatum").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM plaatsingen WHERE traject_id NOT IN (SELECT traject_id FROM jeugdhulp)"
                      ).fetchone()[0] == 0  # fmt: skip
    assert db.execute("SELECT count(*) FROM kosten WHERE traject_id NOT IN (SELECT traject_id FROM jeugdhulp)"
                      ).fetchone()[0] == 0  # fmt: skip


def test_codes_come_from_the_contract(db: duckdb.DuckDBPyConnection) -> None:
    for table in CONTRACT.tables:
        for col in table.columns:
            if col.type == "code":
                values = {v for (v,) in db.execute(f"SELECT DISTINCT {col.name} FROM {table.name} WHERE "
                                                   f"{col.name} IS NOT NULL").fetchall()}  # fmt: skip
                assert values <= set(col.codes or ()), (table.name, col.name, values - set(col.codes or ()))
            if col.type == "lijst":
                items = {i for (v,) in db.execute(f"SELECT DISTINCT {col.name} FROM {table.name} WHERE {col.name} "
                                                  "IS NOT NULL").fetchall() for i in v.split(";")}  # fmt: skip
                assert items <= set(col.codes or ()), (table.name, col.name)


def test_a_few_imperfections_that_only_warn(db: duckdb.DuckDBPyConnection) -> None:
    ended, no_reason, total, no_registration = db.execute("""
        SELECT count(*) FILTER (einddatum IS NOT NULL AND begindatum IS NOT NULL),
               count(*) FILTER (einddatum IS NOT NULL AND begindatum IS NOT NULL AND reden_beeindiging IS NULL),
               count(*), count(*) FILTER (aanmelddatum IS NULL)
        FROM jeugdhulp
    """).fetchone()
    assert 0.005 <= no_reason / ended <= 0.03
    assert 0.015 <= no_registration / total <= 0.05
    unknown_products = db.execute("SELECT count(DISTINCT product) FROM jeugdhulp WHERE product NOT IN "
                                  "(SELECT product FROM producten)").fetchone()[0]  # fmt: skip
    assert 1 <= unknown_products <= 2
    unmapped = db.execute("SELECT count(*) FROM jeugdigen WHERE left(postcode, 4) NOT IN (SELECT postcode FROM "
                          "postcodes)").fetchone()[0]  # fmt: skip
    assert 1 <= unmapped <= 10


def test_hengelo_has_its_ten_real_wijken(db: duckdb.DuckDBPyConnection) -> None:
    names = {n for (n,) in db.execute("SELECT DISTINCT wijknaam FROM postcodes").fetchall()}
    assert {"Berflo Es", "Hengelose Es", "Binnenstad", "Buitengebied"} <= names and len(names) == 10
    assert db.execute("SELECT count(DISTINCT wijk) FROM bevolking WHERE wijk IS NOT NULL").fetchone()[0] == 10


def test_summary_in_dutch(hengelo: tuple[Path, Summary]) -> None:
    folder, summary = hengelo
    text = summary.describe()
    assert str(folder) in text and "Hengelo" in text and "2025-10-31" in text
    assert "jeugdhulp" in text and "999xxxxxx" in text
    assert summary.counts["jeugdhulp"] == sum(1 for _ in (folder / "jeugdhulp.csv").open()) - 1


def test_national_scale_uses_client_id(tmp_path: Path) -> None:
    summary = generate_delivery(tmp_path, gemeenten=["GM0147"], van=date(2025, 1, 1), tot=None, seed=1,
                                schaal="nationaal")  # fmt: skip
    assert header(tmp_path / "jeugdigen.csv")[0] == "client_id"
    assert header(tmp_path / "jeugdhulp.csv")[0] == "client_id"
    with (tmp_path / "jeugdigen.csv").open() as fh:
        first = next(csv.DictReader(fh))["client_id"]
    assert first.startswith("GM0147-") and len(first) == len("GM0147-0000001")
    assert "client_id" in summary.describe()


def test_unknown_municipality_is_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="GM9999"):
        generate_delivery(tmp_path, gemeenten=["GM9999"], van=date(2021, 1, 1), tot=None, seed=1, schaal="regio")


def test_cli_generate(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["generate", "--out", str(tmp_path), "--gemeenten", "gm0147", "--van",
                                       "2025-01-01", "--tot", "2025-06-30", "--seed", "5"])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Borne" in result.output and "2025-06-30" in result.output
    bad = CliRunner().invoke(main, ["generate", "--out", str(tmp_path), "--van", "2025-01-01", "--tot", "2024-01-01"])
    assert bad.exit_code == 1 and "peildatum" in bad.output
