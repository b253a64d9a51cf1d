"""End to end: small deliveries on disk, through the loader's stage_delivery, run_check and the CLI."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from jeugdmonitor.cli import main
from jeugdmonitor.outputs.kwaliteit import run_check
from tests.conftest import BSN, BSN_INVALID, Rows

MakeDelivery = Callable[..., Path]


def test_run_check_on_the_minimal_delivery(make_delivery: MakeDelivery, minimal_tables: dict[str, Rows]) -> None:
    report = run_check(make_delivery(minimal_tables))
    assert (report.afgekeurd, report.fouten, report.uitvoer) == (False, 0, ())
    # peildatum: the latest date in the delivery is T1's einddatum
    assert (report.peildatum, report.peildatum_bron) == (date(2024, 6, 30), "laatste datum in de levering")
    assert (report.tabel("jeugdigen").rijen, report.tabel("jeugdhulp").rijen) == (2, 3)
    # T3 is cancelled (einddatum, no begindatum): begindatum expected on T1 and T2 only
    begin = report.kolom("jeugdhulp", "begindatum")
    assert (begin.gevuld, begin.rijen) == (2, 2)
    reden = report.kolom("jeugdhulp", "reden_beeindiging")  # rows with einddatum: T1 and T3, both filled
    assert (reden.gevuld, reden.rijen, reden.volledigheid) == (2, 2, 1.0)
    aanwezig = [b.nummer for b in report.basisgegevens if b.status == "aanwezig"]
    assert aanwezig == [1, 2, 3, 4, 5, 6, 8, 10, 11, 12]
    assert report.kop_basisgegevens == "10 van 36 basisgegevens aanwezig"
    assert report.indicator("h10.10").ontbrekend == ("tabel clientervaring ontbreekt",)


def test_incomplete_and_unknown_columns_from_files(
    make_delivery: MakeDelivery, minimal_tables: dict[str, Rows]
) -> None:
    minimal_tables["jeugdhulp"][1]["aanmelddatum"] = ""
    minimal_tables["jeugdhulp"][0]["opmerking"] = "vrije tekst"
    minimal_tables["clientervaring"] = [{"periode": "2024", "aspect": "totaal", "gemiddelde_score": "7.2"}]
    report = run_check(make_delivery(minimal_tables))
    aanmelddatum = report.kolom("jeugdhulp", "aanmelddatum")
    assert (aanmelddatum.gevuld, aanmelddatum.rijen) == (2, 3)
    assert report.basisgegeven(8).status == "onvolledig"
    assert report.tabel("jeugdhulp").kolommen_onbekend == ("opmerking",)
    assert report.basisgegeven(20).status == "aanwezig"
    assert report.indicator("h10.10").status == "beperkt"  # aantal_respondenten is missing
    assert report.indicator("h10.10").ontbrekend == (
        "deels: kolom aantal_respondenten ontbreekt in clientervaring.csv",
    )


def test_peildatum_from_levering(make_delivery: MakeDelivery, minimal_tables: dict[str, Rows]) -> None:
    minimal_tables["levering"] = [{"peildatum": "2024-12-31", "bron": "Gemeente Hengelo, zorgsysteem"}]
    report = run_check(make_delivery(minimal_tables))
    assert (report.peildatum, report.peildatum_bron) == (date(2024, 12, 31), "levering.csv")


def test_rejected_delivery(make_delivery: MakeDelivery, minimal_tables: dict[str, Rows]) -> None:
    minimal_tables["jeugdhulp"][1]["einddatum"] = "2024-02-01"  # T2 ends before it begins (2024-03-01)
    report = run_check(make_delivery(minimal_tables))
    assert report.afgekeurd
    first = report.eerste_meldingen[0]
    assert (first.niveau, first.bestand, first.rij, first.kolom) == ("fout", "jeugdhulp.csv", 3, "einddatum")
    assert report.regels[0].niveau == "fout"


def test_output_files(make_delivery: MakeDelivery, minimal_tables: dict[str, Rows], tmp_path: Path) -> None:
    report = run_check(make_delivery(minimal_tables), tmp_path / "uit")
    assert sorted(p.name for p in (tmp_path / "uit").iterdir()) == ["kwaliteit.html", "kwaliteit.json"]
    assert len(report.uitvoer) == 2


# --------------------------------------------------------------------------------------------------------- CLI


def test_cli_check_good_delivery(make_delivery: MakeDelivery, minimal_tables: dict[str, Rows], tmp_path: Path) -> None:
    folder = make_delivery(minimal_tables)
    result = CliRunner().invoke(main, ["check", str(folder), "--out", str(tmp_path / "uit")])
    assert result.exit_code == 0, result.output
    assert "Kwaliteitsrapport levering 'levering'" in result.output
    assert "10 van 36 basisgegevens aanwezig" in result.output
    assert (tmp_path / "uit" / "kwaliteit.html").exists()


@pytest.mark.parametrize(
    ("table", "row", "column", "value", "expected"),
    [
        ("jeugdhulp", 1, "einddatum", "2024-02-01", "jeugdhulp.csv, rij 3, kolom einddatum:"),
        ("jeugdigen", 0, "bsn", BSN_INVALID, "jeugdigen.csv, rij 2, kolom bsn:"),
    ],
)
def test_cli_check_rejected_delivery_exits_2_naming_file_row_and_column(
    make_delivery: MakeDelivery, minimal_tables: dict[str, Rows], table: str, row: int, column: str, value: str,
    expected: str,
) -> None:  # fmt: skip
    minimal_tables[table][row][column] = value
    if column == "bsn":  # keep the trajectory linked to a valid person: only the BSN check should fire
        minimal_tables["jeugdhulp"][0]["bsn"] = BSN[2]
        minimal_tables["jeugdigen"].append({**minimal_tables["jeugdigen"][0], "bsn": BSN[2]})
    result = CliRunner().invoke(main, ["check", str(make_delivery(minimal_tables))])
    assert result.exit_code == 2, result.output
    assert "AFGEKEURD" in result.output
    assert expected in result.output


def test_a_missing_required_table(make_delivery: MakeDelivery, minimal_tables: dict[str, Rows]) -> None:
    del minimal_tables["jeugdhulp"]
    report = run_check(make_delivery(minimal_tables))
    jeugdhulp = report.tabel("jeugdhulp")
    assert (report.afgekeurd, jeugdhulp.status, jeugdhulp.fouten) == (True, "ontbreekt", 1)
    assert report.indicator("h10.13").ontbrekend == ("tabel jeugdhulp ontbreekt",)
    assert report.basisgegeven(10).status == "ontbreekt"


def test_terminal_names_source_and_municipalities(make_delivery: MakeDelivery, minimal_tables: dict[str, Rows]) -> None:
    minimal_tables["levering"] = [{"peildatum": "2024-12-31", "bron": "Zorgsysteem Hengelo"}]
    text = run_check(make_delivery(minimal_tables)).render_terminal()
    assert (
        "Bron:          Zorgsysteem Hengelo\nGemeenten:     GM0164\nPeildatum:     31 december 2024 (levering.csv)"
        in text
    )


def test_check_and_load_report_the_same_warnings(
    make_delivery: MakeDelivery, minimal_tables: dict[str, Rows], tmp_path: Path
) -> None:
    """Unknown products are found while staging, so check and load agree on every warning."""
    from jeugdmonitor.store.loader import load_delivery

    minimal_tables["jeugdhulp"][0]["product"] = "OUD-07"  # category 45 given: classed by category, with a warning
    minimal_tables["jeugdhulp"][2]["product"] = "XYZ"
    minimal_tables["jeugdhulp"][2]["productcategorie"] = ""  # no category either: onbekend
    folder = make_delivery(minimal_tables)
    report = run_check(folder)
    unknown = [m for m in report.eerste_meldingen if m.regel == "onbekend_product"]
    assert [(m.rij, m.kolom) for m in unknown] == [(2, "product"), (4, "product")]
    assert "ingedeeld volgens productcategorie 45" in unknown[0].tekst
    assert "ingedeeld als onbekend" in unknown[1].tekst
    result = load_delivery(folder, tmp_path / "s.duckdb")
    assert result.warning_count == report.waarschuwingen
    assert result.counts["onbekend_product"] == 2
