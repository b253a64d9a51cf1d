"""The Excel tabellenboek: sheets, numbers as numbers with Dutch-looking formats, '< 5', definitions.

Expected values are those of the hand-made report in tests/rapport_voorbeeld.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from jeugdmonitor.outputs.rapport.model import Cel, Hoofdstuk
from jeugdmonitor.outputs.rapport.xlsx import bladnaam, getalnotatie, schrijf_xlsx
from tests.rapport_voorbeeld import voorbeeld_rapport


def find(ws: Worksheet, value: object) -> tuple[int, int]:
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == value:
                return cell.row, cell.column
    raise AssertionError(f"{value!r} niet gevonden op {ws.title}")


@pytest.fixture(scope="module")
def boek(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("xlsx") / "raad.xlsx"
    schrijf_xlsx(voorbeeld_rapport(), path)
    return path


def test_sheets_in_order(boek: Path) -> None:
    wb = load_workbook(boek)
    assert wb.sheetnames == ["Inhoud", "H1 Jeugdigen in zorg", "H2 Kosten", "Definities"]


def test_flow_table_numbers_are_numbers(boek: Path) -> None:
    ws = load_workbook(boek)["H1 Jeugdigen in zorg"]
    row, _ = find(ws, "Tabel 1.4.1 Jeugdigen in zorg: begin, instroom, uitstroom en eind")
    assert [c.value for c in ws[row + 1]][:3] == ["Maat", "2025-T1", "2025-T2"]
    # Eindstand in 2025-T2: 1.234 + 310 − 285 = 1.259 (worked by hand)
    eind_row, _ = find(ws, "Eindstand")
    cell = ws.cell(row=eind_row, column=3)
    assert cell.value == 1259 and cell.number_format == "#,##0"
    begin_row, _ = find(ws, "Beginstand")
    instroom = ws.cell(row=begin_row + 1, column=3).value
    uitstroom = ws.cell(row=begin_row + 2, column=3).value
    assert ws.cell(row=begin_row, column=3).value + instroom - uitstroom == cell.value


def test_units_suppression_and_missing(boek: Path) -> None:
    ws = load_workbook(boek)["H2 Kosten"]
    row, _ = find(ws, "Ambulant")
    kosten, pgb, jeugdigen = (ws.cell(row=row, column=c) for c in (2, 3, 4))
    assert kosten.value == 1234567.5 and kosten.number_format == '"€ "#,##0'
    assert pgb.value == 12.5 and pgb.number_format == '0.0"%"'  # 0–100 scale: no multiplication by 100
    assert jeugdigen.value == "< 5"  # suppressed: text, never the number
    verblijf, _ = find(ws, "Verblijf")
    assert ws.cell(row=verblijf, column=3).value == "niet beschikbaar"
    assert ws.cell(row=verblijf, column=4).value == 17


def test_not_available_and_frozen_panes(boek: Path) -> None:
    wb = load_workbook(boek)
    ws = wb["H1 Jeugdigen in zorg"]
    find(ws, "Niet beschikbaar: Wachttijd: de aanmelddatum ontbreekt in de levering.")
    assert ws.freeze_panes == "B5"
    assert wb["Definities"].freeze_panes == "B2"
    assert ws.column_dimensions["A"].width >= len("Beginstand")


def test_contents_links_every_table(boek: Path) -> None:
    ws = load_workbook(boek)["Inhoud"]
    assert ws["A1"].value == "Stuurinformatie jeugdhulp voor de gemeenteraad"
    row, _ = find(ws, "Tabel 1.4.1")
    # the section heading is on row 5, the table title two rows below it
    assert ws.cell(row=row, column=2).hyperlink.location == "'H1 Jeugdigen in zorg'!A7"
    assert [ws.cell(row=row + i, column=1).value for i in range(4)] == [
        "Tabel 1.4.1",
        "Tabel 2.1.1",
        "Tabel 2.1.2",
        None,
    ]
    find(ws, "Gemeenteraad")
    find(ws, "31 oktober 2025")


def test_definitions_from_the_catalogue(boek: Path) -> None:
    ws = load_workbook(boek)["Definities"]
    ids = [ws.cell(row=r, column=1).value for r in range(2, ws.max_row + 1)]
    assert ids == ["kern.stromen", "kern.wachttijd", "kern.kosten", "kern.pgb_aandeel"]
    assert ws.cell(row=2, column=2).value == "Beginstand, instroom, uitstroom en eindstand"
    assert ws.cell(row=2, column=5).value == "aantal"
    assert ws.cell(row=1, column=4).value == "Waarom willen we dit weten"


def test_confidential_is_marked(tmp_path: Path) -> None:
    path = tmp_path / "werk.xlsx"
    schrijf_xlsx(voorbeeld_rapport(vertrouwelijk=True), path)
    wb = load_workbook(path)
    for name in wb.sheetnames[:-1]:
        assert wb[name]["A3"].value.startswith("VERTROUWELIJK"), name


def test_number_format_follows_the_dutch_text() -> None:
    assert getalnotatie(Cel("1.234", 1234, "aantal")) == "#,##0"
    assert getalnotatie(Cel("12,3", 12.34, "dagen")) == "#,##0.0"
    assert getalnotatie(Cel("7,25%", 7.25, "procent")) == '0.00"%"'
    assert getalnotatie(Cel("€ 1.234.568", 1234567.5, "euro")) == '"€ "#,##0'
    assert getalnotatie(Cel("+2,0%", 2.0, "procent")) == '+0.0"%";-0.0"%";0.0"%"'


def test_sheet_names_are_valid_and_unique() -> None:
    used: set[str] = set()
    long = Hoofdstuk("3", "Resultaten: reden van beëindiging / doelrealisatie en tevredenheid", ())
    first = bladnaam(long, used)
    assert len(first) <= 31 and "/" not in first and ":" not in first
    second = bladnaam(long, used)
    assert second != first and len(second) <= 31
