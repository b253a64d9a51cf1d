"""The demo's report set: which period it reports on, and the index page that links the files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from jeugdmonitor.demo.rapportset import Rapportset, index_html, laatste_volledige_tertaal, schrijf_rapportset
from jeugdmonitor.store.loader import load_delivery
from tests.conftest import Make, Rows

Tables = dict[str, Rows]


@pytest.mark.parametrize(
    ("peildatum", "periode"),
    [
        (date(2025, 10, 31), "2025-T2"),  # T3 (September–December) runs past the peildatum
        (date(2025, 8, 31), "2025-T2"),  # T2 ends exactly on the peildatum: complete
        (date(2025, 8, 30), "2025-T1"),
        (date(2025, 1, 15), "2024-T3"),
        (date(2024, 12, 31), "2024-T3"),
    ],
)
def test_latest_complete_tertaal(peildatum: date, periode: str) -> None:
    assert laatste_volledige_tertaal(peildatum).code == periode


def test_index_links_every_file_and_marks_confidential_reports() -> None:
    result = Rapportset(Path("/uit"), "2025-T2", date(2025, 10, 31))
    result.periode_tekst = "tweede tertaal 2025 (1 mei 2025 – 31 augustus 2025)"
    for doelgroep in ("raad", "uitvoerenden"):
        stem = Path(f"/uit/{doelgroep}-GM0164")
        result.bestanden[(doelgroep, "GM0164")] = {f: stem.with_suffix(f".{f}") for f in ("html", "pdf", "xlsx")}
        result.titels[(doelgroep, "GM0164")] = f"Rapport {doelgroep}"
    result.gebied_namen["GM0164"] = "Hengelo"
    page = index_html(result)
    assert '<html lang="nl">' in page and "<h2>Hengelo</h2>" in page
    assert "Over het tweede tertaal 2025 (1 mei 2025 – 31 augustus 2025); peildatum 31 oktober 2025." in page
    for name in ("raad-GM0164.html", "raad-GM0164.pdf", "raad-GM0164.xlsx", "uitvoerenden-GM0164.pdf"):
        assert f'href="{name}"' in page
    raad_row, uitvoerenden_row = (row for row in page.split("<tr>") if "Rapport " in row)
    assert "openbaar; aantallen van 1 tot en met 4 afgeschermd" in raad_row
    assert "vertrouwelijk" in uitvoerenden_row and "vertrouwelijk" not in raad_row
    assert "http://" not in page and "https://" not in page  # works offline
    assert result.aantal == 6


@pytest.mark.slow
def test_the_set_is_written_by_two_workers(make_delivery: Make, minimal_tables: Tables, tmp_path: Path) -> None:
    """End to end on a small delivery: two reports in three formats, made in two worker processes."""
    minimal_tables["levering"] = [{"peildatum": "2024-10-15", "bron": "test"}]
    store = tmp_path / "store.duckdb"
    load_delivery(make_delivery(minimal_tables), store)
    out = tmp_path / "rapporten"
    result = schrijf_rapportset(store, out, gebieden=("GM0164",), doelgroepen=("raad", "uitvoerenden"), werkers=2)
    assert result.periode == "2024-T2"  # T3 (September–December) runs past 15 October
    names = sorted(p.name for p in out.iterdir())
    assert names == [
        "index.html",
        *(f"{d}-GM0164.{f}" for d in ("raad", "uitvoerenden") for f in ("html", "pdf", "xlsx")),
    ]
    cover = PdfReader(out / "raad-GM0164.pdf").pages[0].extract_text()
    assert "Gemeente Hengelo" in cover and "tertaal 2024" in cover
    wb = load_workbook(out / "raad-GM0164.xlsx")
    assert wb.sheetnames[0] == "Inhoud" and wb.sheetnames[-1] == "Definities" and len(wb.sheetnames) > 2
    assert wb["Inhoud"]["A3"].value is None  # the council's report is not confidential
    assert load_workbook(out / "uitvoerenden-GM0164.xlsx")["Inhoud"]["A3"].value.startswith("VERTROUWELIJK")
    index = (out / "index.html").read_text(encoding="utf-8")
    assert index.index("Gemeenteraad") < index.index("Uitvoerende professionals")  # usual order, not work order
    assert set(result.seconden) == {"bouwen", "html", "pdf", "xlsx"}
