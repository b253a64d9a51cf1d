"""The PDF: A4, a cover with municipality and period, contents with page numbers, the numbered tables, page
numbers, charts as vector graphics, and no network. Text is read back with pypdf.

Expected values come from the hand-made report in tests/rapport_voorbeeld.py.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from jeugdmonitor.outputs.rapport.pdf import OfflineFetcher, pdf_html, schrijf_pdf
from tests.rapport_voorbeeld import voorbeeld_rapport

A4 = (595.28, 841.89)  # points


def pages_text(path: Path) -> list[str]:
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(path).pages]


def page_of(pages: list[str], text: str, after: int = 0) -> int:
    """1-based number of the first page after ``after`` whose text contains ``text``."""
    for number, page in enumerate(pages, start=1):
        if number > after and text in page:
            return number
    raise AssertionError(f"{text!r} staat op geen enkele pagina")


@pytest.fixture(scope="module")
def raad_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pdf") / "raad.pdf"
    schrijf_pdf(voorbeeld_rapport(), path)
    return path


@pytest.fixture(scope="module")
def pages(raad_pdf: Path) -> list[str]:
    return pages_text(raad_pdf)


def test_a4(raad_pdf: Path) -> None:
    for page in PdfReader(raad_pdf).pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert abs(width - A4[0]) < 1 and abs(height - A4[1]) < 1


def test_cover(pages: list[str]) -> None:
    cover = pages[0].lower()  # the template may set the audience in capitals
    for text in ("Stuurinformatie jeugdhulp voor de gemeenteraad", "Hengelo", "tweede tertaal 2025",
                 "31 oktober 2025", "Gemeenteraad"):  # fmt: skip
        assert text.lower() in cover, text
    assert "VERTROUWELIJK" not in " ".join(pages)


def test_every_numbered_table_with_its_figures(pages: list[str]) -> None:
    text = " ".join(pages)
    for nummer in ("1.4.1", "2.1.1", "2.1.2"):
        assert f"Tabel {nummer}" in text
    # the hand-worked figures: 1.234 + 310 − 285 = 1.259; amounts, percentages and '< 5' as in the report
    for figure in ("1.259", "€ 1.234.568", "12,5%", "< 5", "niet beschikbaar"):
        assert figure in text, figure
    assert "nan" not in text.lower().split()


def test_contents_page_numbers_point_at_the_sections(pages: list[str]) -> None:
    contents = page_of(pages, "Inhoud")
    assert contents == 2
    for nummer, titel in (("1.4", "In-, door- en uitstroom"), ("2.1", "Kosten per perceel")):
        match = re.search(rf"{re.escape(nummer)} {re.escape(titel)}[ .]*?(\d+)", pages[contents - 1])
        assert match, f"{nummer} staat niet met een paginanummer in de inhoud"
        assert int(match[1]) == page_of(pages, f"{nummer} {titel}", after=contents)


def test_page_numbers(pages: list[str]) -> None:
    total = len(pages)
    assert total >= 4
    for number in range(3, total + 1):  # the cover has none; the contents page may or may not
        assert f"pagina {number} van {total}" in pages[number - 1].lower()
    assert "pagina 1 van" not in pages[0].lower()


def bitmaps(path: Path) -> list[str]:
    """Names of the image XObjects on every page, looking inside form XObjects too."""
    found: list[str] = []

    def walk(resources: Any) -> None:
        xobjects = resources.get("/XObject") if resources else None
        for name, ref in xobjects.get_object().items() if xobjects else ():
            obj = ref.get_object()
            if obj.get("/Subtype") == "/Image":
                found.append(name)
            elif obj.get("/Subtype") == "/Form":
                walk(obj.get("/Resources"))

    for page in PdfReader(path).pages:
        walk(page.get("/Resources"))
    return found


def test_charts_are_vector_graphics(raad_pdf: Path, pages: list[str], tmp_path: Path) -> None:
    """An SVG becomes drawing operations, not a bitmap: the chart is there and the PDF holds no images."""
    assert "Figuur 1.4.1" in " ".join(pages)
    assert bitmaps(raad_pdf) == []
    # the check can fail: a PNG chart would be found
    png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
    page = f'<html><body><h2>1 Jeugdigen in zorg</h2><img src="data:image/png;base64,{png}" alt=""></body></html>'
    schrijf_pdf(voorbeeld_rapport(), tmp_path / "png.pdf", html=page)
    assert bitmaps(tmp_path / "png.pdf")


def test_confidential_report_says_so_on_every_page(tmp_path: Path) -> None:
    path = tmp_path / "werk.pdf"
    schrijf_pdf(voorbeeld_rapport(vertrouwelijk=True), path)
    pages = pages_text(path)
    assert all("VERTROUWELIJK" in page for page in pages)


def test_nothing_is_fetched_from_outside(tmp_path: Path) -> None:
    page = (
        '<html><head><link rel="stylesheet" href="https://cdn.example.org/x.css"></head><body>'
        '<h2>1 Jeugdigen in zorg</h2><img src="http://example.org/logo.png" alt="logo">'
        '<img src="data:image/svg+xml,%3Csvg xmlns=%22http://www.w3.org/2000/svg%22/%3E" alt=""></body></html>'
    )
    fetcher = OfflineFetcher()
    schrijf_pdf(voorbeeld_rapport(), tmp_path / "x.pdf", html=page, fetcher=fetcher)
    assert sorted(fetcher.geweigerd) == ["http://example.org/logo.png", "https://cdn.example.org/x.css"]
    assert (tmp_path / "x.pdf").stat().st_size > 1000


def test_headings_get_anchors_and_chapters_start_a_page() -> None:
    page = (
        '<html><body><h2 class="h">1 Jeugdigen in zorg</h2>'
        '<h3 id="eigen">1.4 In-, door- en uitstroom</h3></body></html>'
    )
    result = pdf_html(voorbeeld_rapport(), page)
    assert '<h2 class="h pdf-hoofdstuk-kop" id="pdf-1">1 Jeugdigen in zorg</h2>' in result
    assert '<a href="#eigen">1.4 In-, door- en uitstroom</a>' in result  # an existing id is kept
    assert "1.5 Wachttijden" not in result.split("<h2")[0].split("pdf-inhoud")[1]  # no heading, no entry


def test_a_page_without_front_matter_gets_cover_contents_and_page_numbers(tmp_path: Path) -> None:
    """A bare page (a region's own HTML template, say): the PDF adds what paper needs from the report model."""
    rapport = voorbeeld_rapport()
    body = "".join(
        f"<h2>{h.nummer} {h.titel}</h2>"
        + "".join(f"<h3>{s.nummer} {s.titel}</h3><p>{s.wat_zien_we}</p>" for s in h.secties)
        for h in rapport.hoofdstukken
    )
    path = tmp_path / "kaal.pdf"
    schrijf_pdf(rapport, path, html=f"<html><body>{body}</body></html>")
    pages = pages_text(path)
    assert "Hengelo" in pages[0] and "31 oktober 2025" in pages[0]
    assert pages[1].startswith("Inhoud")
    # chapters start a page: cover 1, contents 2, chapter 1 on 3, chapter 2 on 4
    assert re.search(r"1 Jeugdigen in zorg[ .]*3\b", pages[1]) and re.search(r"2 Kosten[ .]*4\b", pages[1])
    assert page_of(pages, "2.1 Kosten per perceel", after=2) == 4
    assert "pagina 4 van 4" in pages[3]


def test_a_wide_work_list_stays_within_the_a4_margins() -> None:
    # the demo's work list (eight columns; long words: inspanningsgericht, Begeleidingsbureau) ran 4 px past the
    # right margin
    from dataclasses import replace

    from weasyprint import HTML

    from jeugdmonitor.outputs.rapport.html import render_html
    from jeugdmonitor.outputs.rapport.model import Cel, Hoofdstuk, Sectie, Tabel

    def row(product: str, aanbieder: str) -> tuple[Cel, ...]:
        texts = ("fabb8296", product, aanbieder, "18 december 2024")
        return (*(Cel(t) for t in texts), Cel("256", 256.0), Cel("98", 98.0), Cel("Wijkteam Noord"), Cel("0164-207"))

    rows = (
        row("Diagnostiek en behandeling ernstige enkelvoudige dyslexie", "Dyslexiecentrum Noordoost"),
        row("Jeugd-ggz behandeling hoog-specialistisch", "Jeugd-GGZ Praktijk Het Kompas"),
        row("Jeugdhulp ambulant regulier: inspanningsgericht (groep)", "Begeleidingsbureau Stap Verder"),
    )
    kolommen = ("Pseudoniem", "Product", "Aanbieder", "Aangemeld op", "Dagen wachtend", "Norm (dagen)", "Team",
                "Medewerker")  # fmt: skip
    lijst = Tabel("1.1.1", "Jeugdigen die langer wachten dan de norm", kolommen, rows)
    sectie = Sectie("1.1", "Langer wachtend dan de norm", (), "", "", tabellen=(lijst,))
    rapport = replace(voorbeeld_rapport(vertrouwelijk=True), hoofdstukken=(Hoofdstuk("1", "Wachten", (sectie,)),))
    document = HTML(string=pdf_html(rapport, render_html(rapport)), url_fetcher=OfflineFetcher()).render()
    _assert_tables_within_margins(document)


def test_long_compounds_and_numeric_headings_stay_within_the_a4_margins() -> None:
    # the demo's control-measures table (long Dutch compounds in six text columns) ran 10.6 px past the right
    # margin, and tables with long headings over numeric columns up to 185 px
    from dataclasses import replace

    from weasyprint import HTML

    from jeugdmonitor.outputs.rapport.html import render_html
    from jeugdmonitor.outputs.rapport.model import Cel, Hoofdstuk, Sectie, Tabel

    woorden = ("Samenwerkingsafspraken", "Implementatievoorstel", "Praktijkondersteuner", "Kinderbeschermingsmaatregel",
               "Verantwoordingsinformatie")  # fmt: skip
    rijen = tuple((Cel("Betere samenwerking in de keten"), *(Cel(w) for w in woorden)) for _ in range(3))
    tekst = Tabel("1.1.1", "Voortgang van de beheersmaatregelen", ("Thema", "Maatregel", "Voortgang", "Planning",
                  "Status", "Bij doel"), rijen)  # fmt: skip
    koppen = ("Productgroep", "Gemiddelde kosten per cliënt in de periode", "Aantal unieke jeugdigen in zorg",
              "Gemiddelde kosten per cliënt vorig jaar", "Aantal unieke jeugdigen vorig jaar")  # fmt: skip
    rij = (Cel("Jeugdhulp met verblijf"), *(Cel("€ 123.456", 123456.0) for _ in range(4)))
    getallen = Tabel("1.1.2", "Gebruik en kosten", koppen, (rij, rij, rij))
    sectie = Sectie("1.1", "Beheersmaatregelen", (), "", "", tabellen=(tekst, getallen))
    rapport = replace(voorbeeld_rapport(), hoofdstukken=(Hoofdstuk("1", "Sturing", (sectie,)),))
    document = HTML(string=pdf_html(rapport, render_html(rapport)), url_fetcher=OfflineFetcher()).render()
    _assert_tables_within_margins(document)


def _assert_tables_within_margins(document: object) -> None:
    """Every table box of the laid-out PDF ends within the page's right margin (1 px of rounding allowed)."""
    for page in document.pages:  # type: ignore[attr-defined]
        box = page._page_box
        right = box.content_box_x() + box.width
        stack = [box]
        while stack:
            b = stack.pop()
            if getattr(b, "element_tag", None) == "table":
                assert b.position_x + b.margin_width() <= right + 1
            stack.extend(getattr(b, "children", None) or [])
