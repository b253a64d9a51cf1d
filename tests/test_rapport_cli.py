"""`jeugdmonitor report` end to end on a small store: one call writes the HTML; errors are Dutch with exit 1."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from jeugdmonitor.cli import main
from jeugdmonitor.store.loader import load_delivery
from tests.conftest import Make, Tables


@pytest.fixture
def store(make_delivery: Make, minimal_tables: Tables, tmp_path: Path) -> Path:
    minimal_tables["levering"] = [{"peildatum": "2024-08-31", "bron": "test"}]
    path = tmp_path / "store.duckdb"
    load_delivery(make_delivery(minimal_tables), path)
    return path


def test_report_writes_html(store: Path, tmp_path: Path) -> None:
    out = tmp_path / "uit" / "raad.html"
    result = CliRunner().invoke(
        main,
        [
            "report",
            "--store",
            str(store),
            "--doelgroep",
            "raad",
            "--periode",
            "2024-T2",
            "--gemeente",
            "GM0164",
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert "Gemeente Hengelo" in html and "Tabel 1.4.1" in html
    assert "Rapportage geschreven" in result.stderr


def test_own_template_folder_comes_first(store: Path, tmp_path: Path) -> None:
    folder = tmp_path / "sjablonen"
    folder.mkdir()
    (folder / "management.yaml").write_text(
        "doelgroep: management\ntitel: Eigen overzicht\nhoofdstukken:\n  - titel: Gebruik\n    secties:\n"
        "      - titel: In zorg\n        tabellen:\n          - titel: Jeugdigen in zorg\n"
        "            indicator: kern.gebruik\n",
        encoding="utf-8",
    )
    out = tmp_path / "m.html"
    result = CliRunner().invoke(
        main,
        [
            "report",
            "--store",
            str(store),
            "--doelgroep",
            "management",
            "--periode",
            "2024-T2",
            "--out",
            str(out),
            "--sjablonen",
            str(folder),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "Eigen overzicht" in out.read_text(encoding="utf-8")


def test_unknown_municipality_is_a_dutch_error(store: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main,
        [
            "report",
            "--store",
            str(store),
            "--doelgroep",
            "raad",
            "--periode",
            "2024-T2",
            "--gemeente",
            "GM0999",
            "--out",
            str(tmp_path / "x.html"),
        ],
    )
    assert result.exit_code == 1
    assert "Fout: gemeente GM0999 staat niet in de store" in result.stderr
    assert not (tmp_path / "x.html").exists()
