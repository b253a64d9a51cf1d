"""The report's outputs: terminal text, the self-contained HTML page and the JSON file."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest

from jeugdmonitor.outputs.kwaliteit import QualityReport, build_report, write_report
from tests.test_kwaliteit_hulp import jeugdigen, make_staging, trajecten

ERROR = ("fout", "einde_voor_begin", "jeugdhulp.csv", 4, "einddatum", "einddatum ligt vóór begindatum")
WARNING = ("waarschuwing", "onbekende_code", "jeugdhulp.csv", 3, "verwijzer", "onbekende code <b>09</b> & meer")


def make_report(meldingen: list = (), n_persons: int = 4) -> QualityReport:  # type: ignore[assignment]
    staging = make_staging(
        {"jeugdigen": jeugdigen(n_persons), "jeugdhulp": trajecten()}, list(meldingen), peildatum=date(2024, 6, 30)
    )
    return build_report(staging, Path("/data/levering-2024"))


@pytest.fixture
def good() -> QualityReport:
    return make_report([WARNING])


@pytest.fixture
def rejected() -> QualityReport:
    return make_report([WARNING, ERROR])


# ---------------------------------------------------------------------------------------------------- terminal


def test_terminal_summary(good: QualityReport) -> None:
    text = good.render_terminal()
    assert text.startswith("Kwaliteitsrapport levering 'levering-2024'\n")
    assert "Peildatum:     30 juni 2024 (levering.csv)" in text
    assert "Oordeel:       goedgekeurd: 0 fouten, 1 waarschuwing" in text
    assert "Basisgegevens: 7 van 36 basisgegevens aanwezig (3 onvolledig, 24 ontbreken, 2 niet in het contract)" in text
    assert "h10: 5 beschikbaar, 10 beperkt, 24 niet beschikbaar (van 39)" in text


def test_terminal_columns_are_aligned_with_dutch_percentages(good: QualityReport) -> None:
    lines = good.render_terminal().splitlines()
    start = lines.index("  jeugdhulp.csv (4 rijen)")
    header = lines[start + 1]
    row = next(line for line in lines[start:] if line.strip().startswith("aanmelddatum"))
    assert row.split()[1:6] == ["8", "3", "van", "4", "75,0%"]
    # right-aligned numbers end under the end of their header
    assert row.index("75,0%") + len("75,0%") == header.index("Volledig") + len("Volledig")


def test_terminal_thousands_separator() -> None:
    text = make_report(n_persons=1234).render_terminal()
    assert "jeugdigen.csv (1.234 rijen)" in text
    assert "1.234 van 1.234" in text


def test_terminal_rejected_shows_errors_first_with_file_row_and_column(rejected: QualityReport) -> None:
    text = rejected.render_terminal()
    assert "Oordeel:       AFGEKEURD: 1 fout, 1 waarschuwing; de levering wordt zo niet geladen" in text
    error_line = "  jeugdhulp.csv, rij 4, kolom einddatum: einddatum ligt vóór begindatum"
    assert text.index("\nFouten\n") < text.index(error_line) < text.index("\nTabellen")
    assert text.index("\nWaarschuwingen\n") > text.index("\nMeldingen per regel\n")


def test_terminal_names_missing_inputs_of_indicators(good: QualityReport) -> None:
    text = good.render_terminal()
    line = next(line for line in text.splitlines() if line.strip().startswith("h10.10"))
    following = text.splitlines()[text.splitlines().index(line) + 1]
    assert "niet beschikbaar" in line and following.strip() == "tabel clientervaring ontbreekt"


# -------------------------------------------------------------------------------------------------------- HTML


def _parse(html: str) -> ET.Element:
    assert html.startswith("<!DOCTYPE html>\n")
    return ET.fromstring(html.removeprefix("<!DOCTYPE html>\n"))  # the page is also well-formed XML


def test_html_is_well_formed_dutch_and_self_contained(rejected: QualityReport) -> None:
    html = rejected.render_html()
    root = _parse(html)
    assert root.tag == "html" and root.get("lang") == "nl"
    assert "http" not in html
    for element in root.iter():
        for attribute in ("src", "href"):
            assert "//" not in (element.get(attribute) or "")
    assert not list(root.iter("script")) and not list(root.iter("link")) and not list(root.iter("img"))
    assert len(list(root.iter("style"))) == 1
    assert '"Segoe UI"' in html  # the stylesheet is inlined, not escaped


def test_html_tables_have_headers_and_captions(good: QualityReport) -> None:
    root = _parse(good.render_html())
    tables = list(root.iter("table"))
    assert len(tables) >= 6
    for table in tables:
        assert table.find("caption") is not None
        head = table.find("thead")
        assert head is not None and all(th.get("scope") == "col" for th in head.iter("th"))


def test_html_content(rejected: QualityReport) -> None:
    html = rejected.render_html()
    assert "7 van 36 basisgegevens aanwezig" in html
    assert "afgekeurd" in html and "einddatum ligt vóór begindatum" in html
    assert "75,0%" in html and "30 juni 2024" in html
    assert "onbekende code &lt;b&gt;09&lt;/b&gt; &amp; meer" in html  # delivered text is escaped
    assert html.index("Fouten met bestand, rij en kolom") < html.index("Geleverde en ontbrekende tabellen")


# -------------------------------------------------------------------------------------------------------- JSON


def test_json_round_trips(rejected: QualityReport) -> None:
    text = rejected.to_json()
    assert QualityReport.model_validate_json(text) == rejected
    data = json.loads(text)
    assert data["afgekeurd"] is True and data["peildatum"] == "2024-06-30"
    jeugdhulp = next(t for t in data["tabellen"] if t["naam"] == "jeugdhulp")
    aanmelddatum = next(k for k in jeugdhulp["kolommen"] if k["naam"] == "aanmelddatum")
    assert (aanmelddatum["gevuld"], aanmelddatum["rijen"], aanmelddatum["volledigheid"]) == (3, 4, 0.75)
    assert data["basisgegevens"][30]["status"] == "niet_in_contract"


def test_write_report_writes_html_and_json(tmp_path: Path, good: QualityReport) -> None:
    written = write_report(good, tmp_path / "kwaliteit")
    html, js = tmp_path / "kwaliteit" / "kwaliteit.html", tmp_path / "kwaliteit" / "kwaliteit.json"
    assert written.uitvoer == (str(html), str(js))
    assert QualityReport.model_validate_json(js.read_text(encoding="utf-8")) == written
    assert re.search(r"<title>Kwaliteitsrapport levering ‘levering-2024’</title>", html.read_text(encoding="utf-8"))
    assert written.render_terminal().rstrip().endswith(str(js))
