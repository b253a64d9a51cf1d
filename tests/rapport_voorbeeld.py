"""A small hand-made report for the format tests (PDF, XLSX), independent of the report builder.

The figures are invented and worked out by hand: 1.234 young persons at the start, 310 in, 285 out, so
1.234 + 310 − 285 = 1.259 at the end; a suppressed count ('< 5'); a percentage 12,5 (on the 0–100 scale of
the records) and an amount of € 1.234.568.
"""

from __future__ import annotations

from datetime import date

from jeugdmonitor.outputs.rapport.model import Cel, Grafiek, Hoofdstuk, Rapport, Sectie, Tabel

SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 200 100">'
    '<rect x="10" y="40" width="40" height="60" fill="#0072B2"/>'
    '<rect x="70" y="20" width="40" height="80" fill="#E69F00"/></svg>'
)


def label(tekst: str) -> Cel:
    return Cel(tekst)


def stromen_tabel() -> Tabel:
    return Tabel(
        nummer="1.4.1",
        titel="Jeugdigen in zorg: begin, instroom, uitstroom en eind",
        kolommen=("Maat", "2025-T1", "2025-T2"),
        rijen=(
            (label("Beginstand"), Cel("1.190", 1190, "aantal"), Cel("1.234", 1234, "aantal")),
            (label("Instroom"), Cel("329", 329, "aantal"), Cel("310", 310, "aantal")),
            (label("Uitstroom"), Cel("285", 285, "aantal"), Cel("285", 285, "aantal")),
            (label("Eindstand"), Cel("1.234", 1234, "aantal"), Cel("1.259", 1259, "aantal")),
        ),
        toelichting="Bron: zorgperiodes uit de levering.",
    )


def kosten_tabel() -> Tabel:
    return Tabel(
        nummer="2.1.1",
        titel="Kosten en aandeel pgb",
        kolommen=("Perceel", "Kosten", "Aandeel pgb", "Jeugdigen"),
        rijen=(
            (label("Ambulant"), Cel("€ 1.234.568", 1234567.5, "euro"), Cel("12,5%", 12.5, "procent"),
             Cel("< 5", None, "aantal", onderdrukt=True)),
            (label("Verblijf"), Cel("€ 987.654", 987654, "euro"), Cel("niet beschikbaar"), Cel("17", 17, "aantal")),
        ),
    )  # fmt: skip


def voorbeeld_rapport(vertrouwelijk: bool = False) -> Rapport:
    """Two chapters, three numbered tables, one chart, one indicator not available."""
    stromen = Sectie(
        nummer="1.4",
        titel="In-, door- en uitstroom",
        indicatoren=("kern.stromen",),
        waarom="Om te zien hoeveel jeugdigen hulp krijgen en hoe dat verandert.",
        wat_zien_we="De eindstand steeg van 1.234 naar 1.259 jeugdigen (+2,0%).",
        tabellen=(stromen_tabel(),),
        grafieken=(Grafiek("1.4.1", "Eindstand per tertaal", SVG, "Staafdiagram: eindstand 1.234 en 1.259."),),
    )
    wachten = Sectie(
        nummer="1.5",
        titel="Wachttijden",
        indicatoren=("kern.wachttijd",),
        waarom="Om te zien of jeugdigen op tijd hulp krijgen.",
        wat_zien_we="Over wachttijden zijn geen gegevens geleverd.",
        niet_beschikbaar=("Wachttijd: de aanmelddatum ontbreekt in de levering.",),
    )
    kosten = Sectie(
        nummer="2.1",
        titel="Kosten per perceel",
        indicatoren=("kern.kosten", "kern.pgb_aandeel"),
        waarom="Om de uitgaven te kunnen sturen.",
        wat_zien_we="Ambulante hulp kostte het meest.",
        tabellen=(kosten_tabel(), Tabel("2.1.2", "Lege tabel", ("Perceel", "Kosten"), ())),
    )
    return Rapport(
        titel="Stuurinformatie jeugdhulp voor de gemeenteraad",
        doelgroep="uitvoerenden" if vertrouwelijk else "raad",
        gebied="GM0164",
        gebied_naam="Hengelo",
        periode="2025-T2",
        periode_tekst="tweede tertaal 2025 (1 mei – 31 augustus 2025)",
        peildatum=date(2025, 10, 31),
        vertrouwelijk=vertrouwelijk,
        onderdrukt=not vertrouwelijk,
        hoofdstukken=(
            Hoofdstuk("1", "Jeugdigen in zorg", (stromen, wachten)),
            Hoofdstuk("2", "Kosten", (kosten,)),
        ),
        toelichting="Aantallen van 1 tot en met 4 staan er als '< 5'.",
    )
