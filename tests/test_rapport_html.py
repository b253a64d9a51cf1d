"""The HTML format on a small hand-made report: self-contained, with a cover, a table of contents, numbered
tables with proper headers, charts with a text alternative, and the A4 print rules the PDF is made from."""

from __future__ import annotations

import re
from datetime import date

from jeugdmonitor.outputs.rapport.grafiek import staven
from jeugdmonitor.outputs.rapport.html import render_html
from jeugdmonitor.outputs.rapport.model import Cel, Hoofdstuk, Rapport, Sectie, Tabel


def rapport(**changes: object) -> Rapport:
    chart = staven("1.1.1", "Meldingen per meldplaats", ["Wijkteam", "Zorgloket"], [130, 80], "aantal")
    assert chart is not None
    tabel = Tabel(
        "1.1.1",
        "Aantal meldingen per meldplaats",
        ("Meldplaats", "T2 2025"),
        (
            (Cel("Wijkteam"), Cel("130", 130, "aantal")),
            (Cel("Zorgloket"), Cel("< 5", None, "aantal", True)),
            (Cel("Totaal"), Cel("134", 134, "aantal")),
        ),
        "< 5: minder dan 5 jongeren.",
    )
    sectie = Sectie(
        "1.1",
        "Meldingen",
        ("hengelo.I1",),
        "Om te sturen op de toegang.",
        "De meeste via het wijkteam.",
        (tabel,),
        (chart,),
        ("Verwijzers: de levering bevat geen verwijzer",),
    )
    base: dict[str, object] = {
        "titel": "Rapportage jeugd & zorg",
        "doelgroep": "raad",
        "gebied": "GM0164",
        "gebied_naam": "Hengelo",
        "periode": "2025-T2",
        "periode_tekst": "tweede tertaal 2025 (1 mei 2025 – 31 augustus 2025)",
        "peildatum": date(2025, 10, 31),
        "vertrouwelijk": False,
        "onderdrukt": True,
        "hoofdstukken": (Hoofdstuk("1", "Instroom, doorstroom, uitstroom", (sectie,)),),
        "toelichting": "Inleiding en leeswijzer.",
    }
    base.update(changes)
    return Rapport(**base)  # type: ignore[arg-type]


def test_self_contained() -> None:
    html = render_html(rapport())
    assert not re.search(r'(src|href)="(https?:)?//', html)
    assert "<script" not in html and "@import" not in html
    assert re.findall(r"url\(([^)]*)\)", html) and all(
        u.startswith("#g1-1-1-") for u in re.findall(r"url\(([^)]*)\)", html)
    )
    assert "<svg" in html and "<style>" in html


def test_cover_contents_and_numbered_table() -> None:
    html = render_html(rapport())
    assert '<p class="gebied">Gemeente Hengelo</p>' in html
    assert "Tweede tertaal 2025 (1 mei 2025 – 31 augustus 2025)" in html
    assert "Peildatum: 31 oktober 2025" in html
    assert '<a href="#s1.1">1.1 Meldingen</a>' in html  # table of contents
    assert '<caption><span class="nummer">Tabel 1.1.1</span> Aantal meldingen per meldplaats</caption>' in html
    assert '<th scope="col">Meldplaats</th>' in html and '<th scope="row">Wijkteam</th>' in html
    assert '<td class="getal onderdrukt">&lt; 5</td>' in html
    assert "Rapportage jeugd &amp; zorg" in html  # escaped in HTML …
    assert 'content: "Rapportage jeugd & zorg – Hengelo – T2 2025"' in html  # … but not inside the CSS string


def test_sections_carry_their_texts_and_chart_alternative() -> None:
    html = render_html(rapport())
    assert "<h4>Wat zien we?</h4>" in html and "<h4>Waarom willen we dit weten</h4>" in html
    assert "Verwijzers: de levering bevat geen verwijzer" in html
    assert 'aria-label="Staafdiagram van meldingen per meldplaats: Wijkteam: 130; Zorgloket: 80."' in html


def test_print_rules_for_the_pdf() -> None:
    html = render_html(rapport())
    assert "size: A4" in html
    assert 'counter(page) " van " counter(pages)' in html
    assert "target-counter(attr(href), page)" in html


def test_confidential_report_is_marked() -> None:
    html = render_html(rapport(doelgroep="uitvoerenden", vertrouwelijk=True, onderdrukt=False))
    assert html.count("VERTROUWELIJK") >= 2  # on the cover and in the page header
    assert "VERTROUWELIJK" not in render_html(rapport())


def test_region_cover() -> None:
    html = render_html(rapport(gebied="regio", gebied_naam="Regio Twente"))
    assert '<p class="gebied">Regio Twente</p>' in html
