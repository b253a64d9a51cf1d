"""The Excel tabellenboek: every numbered table of a report, a sheet per chapter, plus definitions.

Rendered from the same :class:`Rapport` as the HTML and the PDF, so the figures and the suppression are the
same in every format. Numbers are stored as numbers (people sort, sum and chart them in Excel) with a number
format that shows them the Dutch way in a Dutch Excel: ``#,##0`` groups thousands with a point there, a
percentage on the 0–100 scale of the records gets a literal ``%`` suffix (``0.0"%"``) rather than Excel's
``0.0%`` which would multiply by 100. A suppressed cell is the text ``< 5``, never a number.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from jeugdmonitor.catalog.doelgroepen import shipped_doelgroepen
from jeugdmonitor.catalog.indicatoren import Catalogus, shipped_catalog
from jeugdmonitor.formatting import fmt_datum
from jeugdmonitor.outputs.definities import RICHTING_TEKST
from jeugdmonitor.outputs.rapport.model import Cel, Hoofdstuk, Rapport, Tabel

INHOUD = "Inhoud"
DEFINITIES = "Definities"
KOP = Font(bold=True, size=14)
VET = Font(bold=True)
KLEIN = Font(italic=True, size=9, color="555555")
ROOD = Font(bold=True, color="B00000")
KOPVULLING = PatternFill("solid", fgColor="DCE6F0")
ONDERLIJN = Border(bottom=Side(style="thin", color="7F7F7F"))
OMLOOP = Alignment(wrap_text=True, vertical="top")

EENHEID_TEKST = {
    "aantal": "aantal",
    "procent": "procent (0–100)",
    "euro": "euro",
    "dagen": "dagen",
    "weken": "weken",
    "score": "score",
    "ratio": "verhouding",
}
_DECIMALS = re.compile(r",(\d+)")
_NOT_IN_SHEETNAME = re.compile(r"[\[\]:*?/\\]")


def getalnotatie(cel: Cel) -> str:
    """The Excel number format of a cell: its unit, with as many decimals as its Dutch text shows.

    Taking the decimals from the text keeps Excel identical to the HTML and the PDF ('12,5%' → '0.0"%"').
    """
    match = _DECIMALS.search(cel.tekst)
    decimals = len(match.group(1)) if match else 0
    fraction = "." + "0" * decimals if decimals else ""
    if cel.eenheid == "procent":
        base = f'0{fraction}"%"'
    elif cel.eenheid == "euro":
        base = f'"€ "#,##0{fraction}'
    else:
        base = f"#,##0{fraction}"
    if cel.tekst.lstrip().startswith("+"):  # a change column shows its sign: '+2,0%'
        return f"+{base};-{base};{base}"
    return base


def bladnaam(hoofdstuk: Hoofdstuk, gebruikt: set[str]) -> str:
    """A valid, unique sheet name for a chapter: 'H1 Instroom, doorstroom en…' (Excel allows 31 characters)."""
    base = _NOT_IN_SHEETNAME.sub("-", f"H{hoofdstuk.nummer} {hoofdstuk.titel}").strip()
    name = base if len(base) <= 31 else base[:30].rstrip() + "…"
    n = 2
    while name.lower() in gebruikt:
        suffix = f" ({n})"
        name = base[: 31 - len(suffix)].rstrip() + suffix
        n += 1
    gebruikt.add(name.lower())
    return name


def _schrijf_cel(ws: Worksheet, row: int, col: int, cel: Cel) -> None:
    """One cell: a number with its format, or the text (label, '< 5', 'niet beschikbaar')."""
    target = ws.cell(row=row, column=col)
    if cel.waarde is not None and not cel.onderdrukt:
        target.value = cel.waarde
        target.number_format = getalnotatie(cel)
    else:
        target.value = cel.tekst
        if col > 1:
            target.alignment = Alignment(horizontal="right")


def _schrijf_tabel(ws: Worksheet, row: int, tabel: Tabel) -> int:
    """Write one numbered table from ``row``; return the first free row after it (with a blank line)."""
    ws.cell(row=row, column=1, value=f"Tabel {tabel.nummer} {tabel.titel}").font = VET
    row += 1
    for col, header in enumerate(tabel.kolommen, start=1):
        cell = ws.cell(row=row, column=col, value=header)
        cell.font, cell.fill, cell.border = VET, KOPVULLING, ONDERLIJN
        cell.alignment = Alignment(wrap_text=True, vertical="bottom", horizontal="left" if col == 1 else "right")
    row += 1
    for cells in tabel.rijen:
        for col, cel in enumerate(cells, start=1):
            _schrijf_cel(ws, row, col, cel)
        row += 1
    if tabel.toelichting:
        ws.cell(row=row, column=1, value=tabel.toelichting).font = KLEIN
        row += 1
    return row + 1


def _kolombreedtes(ws: Worksheet, minimum: int = 10, maximum: int = 60) -> None:
    """Widths from the longest text per column, ignoring the long one-cell lines (titles, notes) in column A."""
    widths: dict[int, int] = {}
    for row in ws.iter_rows():
        filled = [c for c in row if c.value is not None]
        for cell in filled:
            if len(filled) == 1 and cell.column == 1:
                continue  # a title or note spans visually; it must not make column A huge
            text = cell.value if isinstance(cell.value, str) else f"{cell.value:,.1f}"
            widths[cell.column] = max(widths.get(cell.column, 0), len(text) + 2)
    for col, width in widths.items():
        ws.column_dimensions[get_column_letter(col)].width = max(minimum, min(maximum, width))


def _kop(ws: Worksheet, rapport: Rapport, titel: str) -> int:
    """The heading lines every sheet starts with; returns the first free row."""
    ws.cell(row=1, column=1, value=titel).font = KOP
    ws.cell(row=2, column=1, value=f"{rapport.gebied_naam} · {rapport.periode_tekst}")
    if rapport.vertrouwelijk:
        ws.cell(row=3, column=1, value="VERTROUWELIJK – alleen voor geautoriseerde medewerkers").font = ROOD
    return 5


def _hoofdstuk_blad(ws: Worksheet, rapport: Rapport, hoofdstuk: Hoofdstuk) -> list[tuple[str, str, int]]:
    """Write a chapter's sections and tables; return (table number, title, row) for the table of contents."""
    row = _kop(ws, rapport, f"{hoofdstuk.nummer} {hoofdstuk.titel}")
    ws.freeze_panes = ws.cell(row=row, column=2)  # the heading and the row labels stay in view
    entries = []
    for sectie in hoofdstuk.secties:
        ws.cell(row=row, column=1, value=f"{sectie.nummer} {sectie.titel}").font = Font(bold=True, size=12)
        row += 2
        for tabel in sectie.tabellen:
            entries.append((tabel.nummer, tabel.titel, row))
            row = _schrijf_tabel(ws, row, tabel)
        for i, missing in enumerate(sectie.niet_beschikbaar):
            bron = sectie.niet_beschikbaar_bron[i] if i < len(sectie.niet_beschikbaar_bron) else ""
            text = f"Niet beschikbaar: {missing}" + (f" ({bron})" if bron else "")
            ws.cell(row=row, column=1, value=text).font = KLEIN
            row += 1
        if sectie.niet_beschikbaar:
            row += 1
    _kolombreedtes(ws)
    return entries


def rapport_indicatoren(rapport: Rapport) -> list[str]:
    """The indicator ids the report uses, in order of first appearance."""
    seen: dict[str, None] = {}
    for hoofdstuk in rapport.hoofdstukken:
        for sectie in hoofdstuk.secties:
            for ind in sectie.indicatoren:
                seen.setdefault(ind, None)
    return list(seen)


def _definities_blad(ws: Worksheet, ids: Iterable[str], catalogus: Catalogus) -> None:
    """One row per indicator of the report, from the catalogue (the single source of definitions)."""
    headers = ("Indicator", "Titel", "Definitie", "Waarom willen we dit weten", "Eenheid", "Richting", "Norm", "Bron")
    for col, header in enumerate(headers, start=1):
        cell = ws.cell(row=1, column=col, value=header)
        cell.font, cell.fill, cell.border = VET, KOPVULLING, ONDERLIJN
    row = 2
    for ind_id in ids:
        try:
            ind = catalogus.indicator(ind_id)
        except KeyError:  # a region's template may name an indicator outside this catalogue
            ws.cell(row=row, column=1, value=ind_id)
            ws.cell(row=row, column=2, value="(niet in de catalogus)")
            row += 1
            continue
        values = (
            ind.id,
            ind.titel,
            ind.definitie,
            ind.waarom,
            EENHEID_TEKST.get(ind.eenheid, ind.eenheid),
            RICHTING_TEKST.get(ind.richting, ind.richting),
            ind.norm or "",
            ind.bron,
        )
        for col, value in enumerate(values, start=1):
            ws.cell(row=row, column=col, value=value).alignment = OMLOOP
        row += 1
    if row == 2:  # work lists only (case workers' report): say so rather than leave an empty sheet
        ws.cell(row=2, column=1, value="Dit rapport bevat alleen werklijsten uit de levering, geen indicatoren.")
    for col, width in zip(range(1, 9), (16, 34, 60, 60, 14, 22, 30, 30), strict=True):
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = "B2"


def _inhoud_blad(ws: Worksheet, rapport: Rapport, inhoud: list[tuple[str, str, str, int]]) -> None:
    """Cover and contents: what the workbook is, for whom, and a link to every table."""
    doelgroep = shipped_doelgroepen().get(rapport.doelgroep)
    k = doelgroep.k if doelgroep else 5
    row = _kop(ws, rapport, rapport.titel) - 1
    klein = (
        f"afgeschermd: 1 tot en met {k - 1} staat er als '< {k}'; '×' is afgeschermd zodat een klein aantal niet"
        " terug te rekenen is"
        if rapport.onderdrukt
        else "niet afgeschermd"
    )
    facts = [
        ("Gebied", rapport.gebied_naam),
        ("Periode", rapport.periode_tekst),
        ("Peildatum", fmt_datum(rapport.peildatum)),
        ("Doelgroep", doelgroep.label if doelgroep else rapport.doelgroep),
        ("Kleine aantallen", klein),
    ]
    for key, value in facts:
        ws.cell(row=row, column=1, value=key).font = VET
        ws.cell(row=row, column=2, value=value)
        row += 1
    if rapport.toelichting:
        ws.cell(row=row, column=1, value=rapport.toelichting).font = KLEIN
        row += 1
    row += 1
    for col, header in enumerate(("Tabel", "Titel", "Blad"), start=1):
        cell = ws.cell(row=row, column=col, value=header)
        cell.font, cell.fill, cell.border = VET, KOPVULLING, ONDERLIJN
    ws.freeze_panes = ws.cell(row=row + 1, column=1)
    row += 1
    for nummer, titel, blad, target_row in inhoud:
        ws.cell(row=row, column=1, value=f"Tabel {nummer}")
        link = ws.cell(row=row, column=2, value=titel)
        # an internal location, not a URL: Excel and LibreOffice jump to the table without a warning
        link.hyperlink = Hyperlink(ref=link.coordinate, location=f"{quote_sheetname(blad)}!A{target_row}")
        link.font = Font(color="0563C1", underline="single")
        ws.cell(row=row, column=3, value=blad)
        row += 1
    ws.cell(row=row + 1, column=1, value=f"Definities van alle indicatoren: blad '{DEFINITIES}'.").font = KLEIN
    for col, width in zip((1, 2, 3), (18, 70, 34), strict=True):
        ws.column_dimensions[get_column_letter(col)].width = width


def schrijf_xlsx(rapport: Rapport, path: Path, catalogus: Catalogus | None = None) -> None:
    """Write the tabellenboek of ``rapport`` to ``path``: Inhoud, one sheet per chapter, Definities."""
    wb = Workbook()
    inhoud_ws = wb.active
    inhoud_ws.title = INHOUD
    used = {INHOUD.lower(), DEFINITIES.lower()}
    inhoud: list[tuple[str, str, str, int]] = []
    for hoofdstuk in rapport.hoofdstukken:
        name = bladnaam(hoofdstuk, used)
        ws = wb.create_sheet(name)
        inhoud += [(nr, titel, name, row) for nr, titel, row in _hoofdstuk_blad(ws, rapport, hoofdstuk)]
    _definities_blad(wb.create_sheet(DEFINITIES), rapport_indicatoren(rapport), catalogus or shipped_catalog())
    _inhoud_blad(inhoud_ws, rapport, inhoud)
    wb.properties.title = rapport.titel
    wb.properties.creator = "Jeugdhulpmonitor"
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
