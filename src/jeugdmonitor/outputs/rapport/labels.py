"""Dutch labels for everything a report shows instead of a code: municipalities, wijken, dimension values,
measures and periods.

Codes come from the input contract (``meldplaats: jb_tafel``, ``verwijzer: 01``, CBS reasons ``01``..``05``);
a reader of a council report should never see them. Values that are already names (aanbieders, percelen,
productgroepen) pass through unchanged; an unknown snake_case code is made readable as a last resort.
"""

from __future__ import annotations

import csv
import re
from functools import cache
from importlib import resources

import duckdb

from jeugdmonitor.engine.perioden import Periode, parse
from jeugdmonitor.formatting import MAANDEN, fmt_datum

# The header of a column or row label per dimension.
DIMENSIE_NAMEN: dict[str, str] = {
    "gemeente": "Gemeente",
    "wijk": "Wijk",
    "hulpvorm": "Hulpvorm",
    "productgroep": "Zorgvorm",
    "perceel": "Perceel",
    "segment": "Segment",
    "financiering": "Financieringsvorm",
    "aanbieder": "Aanbieder",
    "verwijzer": "Verwijzer",
    "geslacht": "Geslacht",
    "leeftijdsklasse": "Leeftijd",
    "meldplaats": "Meldplaats",
    "vervolg": "Vervolg",
    "route": "Route",
    "soort": "Soort",
    "uitkomst": "Uitkomst onderzoek",
    "structuur": "Structuur",
    "onderwerp": "Onderwerp",
    "levensgebied": "Levensgebied",
    "motivatie": "Motivatie",
    "reden_beeindiging": "Reden beëindiging",
    "kader": "Kader",
    "type": "Maatregel",
    "aspect": "Aspect",
    "producttype": "Soort hulp",
    "doorstroom": "Van vorm naar vorm",
    "maat": "Onderdeel",
    "indicator": "Indicator",
}

# Dimension values that are codes in the contract, in the order a table lists them.
WAARDEN: dict[str, dict[str, str]] = {
    "meldplaats": {
        "wijkteam": "Wijkteam", "zorgloket": "Zorgloket", "regisseur": "Regisseur",
        "sociaal_team": "Sociaal team", "jb_tafel": "JB-tafel", "overig": "Overig",
    },
    "structuur": {
        "zorgloket": "Zorgloket", "wijkteam": "Wijkteam", "regisseur": "Regisseur",
        "sociaal_team": "Sociaal team", "aanbieder": "Aanbieder", "jb_tafel": "JB-tafel", "overig": "Overig",
    },
    "vervolg": {
        "maatwerk": "Maatwerkvoorziening", "algemene_voorziening": "Algemene voorziening",
        "zelf_opgelost": "Zelf opgelost", "geen": "Geen vervolg", "lopend": "Nog lopend",
    },
    "verwijzer": {
        "01": "Gemeentelijke toegang", "02": "Huisarts", "03": "Jeugdarts", "04": "Gecertificeerde instelling",
        "05": "Medisch specialist", "06": "Geen verwijzer (zelfverwijzer)", "08": "Rechter of officier van justitie",
    },
    "soort": {
        "advies": "Adviesvragen", "melding": "Meldingen", "bezwaar": "Bezwaar", "beroep": "Beroep",
        "klacht": "Klacht",
    },
    "route": {
        "advies": "Adviesvragen", "onderzoek_vt": "Onderzoek Veilig Thuis",
        "vto_rvdk": "Verzoek tot onderzoek bij de Raad voor de Kinderbescherming",
        "overdracht": "Overdracht aan lokaal team", "overig": "Overig",
    },
    "uitkomst": {
        "geen_huiselijk_geweld": "Geen huiselijk geweld",
        "huiselijk_geweld_niet_bevestigd": "Huiselijk geweld niet bevestigd",
        "huiselijk_geweld_bevestigd": "Huiselijk geweld bevestigd",
        "geen_kindermishandeling": "Geen kindermishandeling",
        "kindermishandeling_niet_bevestigd": "Kindermishandeling niet bevestigd",
        "kindermishandeling_bevestigd": "Kindermishandeling bevestigd",
        "afgesloten_vertrokken": "Voortijdig afgesloten: vertrokken met onbekende bestemming",
        "afgesloten_overleden": "Voortijdig afgesloten: betrokkene overleden",
    },
    "segment": {"care": "Care", "cure": "Cure", "24uurs": "24-uurs zorg", "jb_jr": "JB/JR", "overig": "Overig"},
    "financiering": {"ZIN": "Zorg in natura (ZIN)", "PGB": "Persoonsgebonden budget (PGB)"},
    "geslacht": {"1": "Jongen", "2": "Meisje", "0": "Onbekend"},
    "levensgebied": {
        "opvoeding": "Opvoeding", "relatie": "Relaties", "woonomgeving": "Woonomgeving",
        "financien": "Financiën", "gezondheid": "Gezondheid", "veiligheid": "Veiligheid",
    },
    "kader": {"JB": "Jeugdbescherming", "JR": "Jeugdreclassering", "preventief": "Preventief justitieel kader"},
    "type": {
        "vots": "Voorlopige ondertoezichtstelling", "ots": "Ondertoezichtstelling",
        "voorlopige_voogdij": "Voorlopige voogdij", "tijdelijke_voogdij": "Tijdelijke voogdij", "voogdij": "Voogdij",
        "toezicht_begeleiding": "Toezicht en begeleiding", "itb_harde_kern": "ITB Harde Kern", "itb_criem": "ITB CRIEM",
        "stp": "Samenhangende trajectbegeleiding", "gedragsbeinvloedende_maatregel": "Gedragsbeïnvloedende maatregel",
        "voorbereiding_gbm": "Voorbereiding gedragsbeïnvloedende maatregel",
    },
    "hulpvorm": {
        "01": "Wijk- of buurtteam", "02": "Ambulante jeugdhulp", "03": "Daghulp", "04": "Jeugdhulp in het netwerk",
        "11": "Pleegzorg", "12": "Gezinsgericht verblijf", "13": "Gesloten plaatsing", "14": "Overig residentieel",
        "JB": "Jeugdbescherming", "JR": "Jeugdreclassering",
    },
    "aspect": {
        "totaal": "Totaal", "effectiviteit": "Effectiviteit", "inspraak": "Inspraak",
        "klantvriendelijkheid": "Klantvriendelijkheid", "toegankelijkheid": "Toegankelijkheid",
        "veiligheid": "Veiligheid",
    },
    "producttype": {"dyslexie": "Dyslexiezorg", "behandeling": "Behandeling", "begeleiding": "Begeleiding"},
}  # fmt: skip

# Measures of multi-measure indicators (indicatoren.md §4).
MATEN: dict[str, str] = {
    "beginstand": "Bij start periode", "instroom": "Instroom", "uitstroom": "Uitstroom",
    "eindstand": "Bij einde periode", "01": "Beëindiging volgens plan",
    "02": "Voortijdig afgesloten: in overeenstemming", "03": "Voortijdig afgesloten: eenzijdig door de cliënt",
    "04": "Voortijdig afgesloten: eenzijdig door de aanbieder",
    "05": "Voortijdig afgesloten: wegens externe omstandigheden", "onbekend": "Onbekend", "totaal": "Totaal",
    "geheel": "Doel geheel behaald", "gedeeltelijk": "Doel gedeeltelijk behaald", "niet": "Doel niet behaald",
    "aandeel": "Aandeel", "kosten": "Kosten", "clienten": "Totaal aantal cliënten",
    "mantelzorg_beschikbaar": "Cliënten met mantelzorg beschikbaar",
    "eigen_kracht_ingezet": "Cliënten bij wie eigen kracht is ingezet", "inwoners_0_17": "Inwoners 0-17 jaar",
    "aanmeldingen": "Aanmeldingen", "in_zorg": "In zorg", "jb_jr": "JB/JR", "veilig_thuis": "Veilig Thuis",
    "gerealiseerd": "Gerealiseerd", "verplichtingen": "Verplichtingen", "begroot": "Begroot",
    "budget": "Budget", "realisatie": "Realisatie", "percentage": "Realisatie als deel van het budget",
    "prognose": "Prognose jaareinde", "prognose_laag": "Prognose (ondergrens)",
    "prognose_hoog": "Prognose (bovengrens)",
    "run_rate": "Doorgetrokken realisatie", "actief": "Actieve beschikkingen", "gemiddelde": "Gemiddelde",
    "mediaan": "Mediaan", "per_client": "Per cliënt", "per_inwoner": "Per inwoner 0-17 jaar",
    "traject": "Per traject", "zorgperiode": "Per zorgperiode", "open": "Open", "gesloten": "Gesloten",
    "binnen_norm": "Binnen de norm", "opschalen": "Opschalen", "afschalen": "Afschalen", "aantal": "Aantal",
    "jeugdigen": "Jeugdigen", "1": "Band 1 (licht)", "2": "Band 2 (middel)", "3": "Band 3 (zwaar)",
    "gemiddelde_score": "Gemiddeld rapportcijfer", "aandeel_tevreden": "Aandeel tevreden",
    "wachttijd_screening": "Wachttijd tot screening", "aandeel_binnen_6_weken": "Geplaatst binnen 6 weken",
    "wachtlijst": "Wachtlijst", "kosten_per_client": "Kosten per cliënt",
}  # fmt: skip

# The 14 Twente municipalities: a store holding only these is "Regio Twente".
TWENTE = frozenset({
    "GM0141", "GM0147", "GM1774", "GM0153", "GM0158", "GM0163", "GM0164", "GM1735", "GM0168", "GM0173",
    "GM1742", "GM0183", "GM1700", "GM0189",
})  # fmt: skip

_CODE = re.compile(r"^[a-z0-9_]+$")
RANGTELWOORDEN = ("eerste", "tweede", "derde", "vierde")
MAANDEN_KORT = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


def leesbaar(waarde: str) -> str:
    """Last resort for an unknown snake_case code: 'sociaal_team' → 'Sociaal team'; names pass through."""
    if _CODE.match(waarde):
        text = waarde.replace("_", " ")
        return text[:1].upper() + text[1:]
    return waarde


def waarde_label(dimensie: str, waarde: str, wijken: dict[str, str] | None = None) -> str:
    """The Dutch label of one dimension value; wijk codes through ``wijken`` (code → name)."""
    if dimensie == "wijk":
        if waarde == "onbekend":
            return "Wijk onbekend"
        return (wijken or {}).get(waarde) or wijk_naam_standaard(waarde)
    if dimensie == "gemeente":
        return gemeente_naam(waarde)
    if waarde in ("onbekend", "overig"):
        return waarde.capitalize()
    return WAARDEN.get(dimensie, {}).get(waarde) or leesbaar(waarde)


def volgorde(dimensie: str, waarde: str, label: str) -> tuple[int, int, str]:
    """Sort key of a row: the contract's order where the values are codes, else alphabetical; unknown last."""
    known = list(WAARDEN.get(dimensie, {}))
    last = waarde in ("onbekend", "overig")
    return (1 if last else 0, known.index(waarde) if waarde in known else len(known), label.lower())


# How "Wat zien we?" names a measure where its label does not make a subject ("de in zorg").
MAAT_ONDERWERP: dict[str, str] = {
    "in_zorg": "het aantal jeugdigen in zorg",
    "aanmeldingen": "het aantal aanmeldingen",
    "jb_jr": "het aantal jeugdigen met jeugdbescherming of jeugdreclassering",
    "veilig_thuis": "het aantal meldingen bij Veilig Thuis",
    "begroot": "het begrote aantal",
    "actief": "het aantal actieve beschikkingen",
    "clienten": "het aantal cliënten",
    "inwoners_0_17": "het aantal inwoners van 0 tot en met 17 jaar",
}

# Measures whose general label would mislead in one indicator's table.
MATEN_PER_INDICATOR: dict[tuple[str, str], str] = {
    ("kern.budget", "aandeel"): "Realisatie in % van budget",
    ("hengelo.K13", "prognose"): "Prognose",
}


BRONVERWIJZING = re.compile(r"\s*\(seed \d+\)")  # the catalogue's note on its source, not for the reader


def zonder_bronverwijzing(text: str) -> str:
    """'… beter kan (seed 003).' → '… beter kan.': a report or guide names no internal source documents."""
    return BRONVERWIJZING.sub("", text)


def maat_label(maat: str | None, indicator: str | None = None) -> str:
    if maat is not None and indicator is not None and (indicator, maat) in MATEN_PER_INDICATOR:
        return MATEN_PER_INDICATOR[(indicator, maat)]
    return "Waarde" if maat is None else MATEN.get(maat) or leesbaar(maat)


# ------------------------------------------------------------------------------------------- geography


@cache
def _geografie() -> dict[str, str]:
    """CBS gemeente code → name, from the reference geography shipped with the demo."""
    path = resources.files("jeugdmonitor.demo").joinpath("geografie.csv")
    with path.open(encoding="utf-8") as handle:
        return {row["gemeente"]: row["gemeentenaam"] for row in csv.DictReader(handle)}


def gemeente_naam(code: str) -> str:
    """'GM0164' → 'Hengelo' (the CBS suffix '(O.)' left out); an unknown code stays recognisable."""
    if code == "regio":
        return "Regio"
    name = _geografie().get(code)
    return re.sub(r"\s*\(.*\)$", "", name) if name else f"gemeente {code}"


def regio_naam(gemeenten: list[str]) -> str:
    """The name of the region formed by the store's municipalities."""
    if gemeenten and set(gemeenten) <= TWENTE:
        return "Regio Twente"
    return "Regio (" + ", ".join(gemeente_naam(g) for g in sorted(gemeenten)) + ")"


def wijk_naam_standaard(code: str) -> str:
    """A wijk without a name in the store: 'WK016405' → 'Hengelo wijk 05'."""
    if re.match(r"^WK\d{6}$", code):
        return f"{gemeente_naam('GM' + code[2:6])} wijk {code[6:]}"
    return leesbaar(code)


def wijk_namen(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """wijk code → name from the store's postcode table (names of the delivery win over the reference)."""
    try:
        rows = con.execute("SELECT DISTINCT wijk, wijknaam FROM postcodes WHERE wijk IS NOT NULL").fetchall()
    except duckdb.Error:
        return {}
    return {code: name for code, name in rows if name}


# ----------------------------------------------------------------------------------------------- periods


def periode_kort(periode: Periode | str) -> str:
    """A column header: 'T2 2025', 'H1 2025', 'Q3 2025', 'okt 2025', '2025'."""
    p = parse(periode) if isinstance(periode, str) else periode
    year = p.start.year
    if p.soort == "jaar":
        return str(year)
    if p.soort == "maand":
        return f"{MAANDEN_KORT[p.start.month - 1]} {year}"
    return f"{p.code[5:7]} {year}"


def periode_tekst(periode: Periode | str) -> str:
    """'tweede tertaal 2025 (1 mei – 31 augustus 2025)'."""
    p = parse(periode) if isinstance(periode, str) else periode
    span = f"({fmt_datum(p.start)} – {fmt_datum(p.eind)})"
    if p.soort == "jaar":
        return f"het jaar {p.start.year} {span}"
    if p.soort == "maand":
        return f"{MAANDEN[p.start.month - 1]} {p.start.year}"
    nr = int(p.code[6])
    return f"{RANGTELWOORDEN[nr - 1]} {p.soort} {p.start.year} {span}"
