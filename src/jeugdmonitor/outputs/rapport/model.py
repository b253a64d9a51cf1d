"""The report as data: what every format (HTML, PDF, the Excel tabellenboek) renders, built once per report.

A report is chapters of sections; a section has its numbered tables, its charts (SVG with a text alternative),
the catalogue's "Waarom willen we dit weten", the generated "Wat zien we?" and, for indicators that could not
be computed, what is missing. Cells carry the number (for Excel) and its Dutch text (for HTML and PDF), so
that every format shows the same figures and the same suppression.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from jeugdmonitor.engine.records import Eenheid


@dataclass(frozen=True)
class Cel:
    """One table cell: the number (None when there is none), its Dutch text ("1.234", "12,5%", "< 5",
    "niet beschikbaar") and its unit; `onderdrukt` when suppression hid the number."""

    tekst: str
    waarde: float | None = None
    eenheid: Eenheid | None = None
    onderdrukt: bool = False


@dataclass(frozen=True)
class Tabel:
    """A numbered table ("Tabel 1.4.1"): column headers, rows of cells (the first cell of a row is its label,
    a Cel without waarde), and a note (source, suppression, conventions)."""

    nummer: str
    titel: str
    kolommen: tuple[str, ...]
    rijen: tuple[tuple[Cel, ...], ...]
    toelichting: str = ""


@dataclass(frozen=True)
class Grafiek:
    """A chart as inline SVG (vector in HTML and PDF) with the text alternative that says what it shows."""

    nummer: str
    titel: str
    svg: str
    alt: str


@dataclass(frozen=True)
class Sectie:
    nummer: str
    titel: str
    indicatoren: tuple[str, ...]
    waarom: str  # "Waarom willen we dit weten", from the catalogue
    wat_zien_we: str  # the generated narrative
    tabellen: tuple[Tabel, ...] = ()
    grafieken: tuple[Grafiek, ...] = ()
    niet_beschikbaar: tuple[str, ...] = ()  # per indicator: which data is missing, in Dutch
    niet_beschikbaar_bron: tuple[str, ...] = ()  # the same, in the contract's technical names (small print)
    inleiding: str = ""  # the template's introduction of the section (what the tables show)
    duidingen: tuple[str, ...] = ()  # annotations (duiding) on its indicators: who, when, from where, what


@dataclass(frozen=True)
class Hoofdstuk:
    nummer: str
    titel: str
    secties: tuple[Sectie, ...]
    inleiding: str = ""  # the template's introduction of the chapter


@dataclass(frozen=True)
class Rapport:
    titel: str
    doelgroep: str  # raad | college | management | leidinggevenden | uitvoerenden
    gebied: str  # "GM0164" or "regio"
    gebied_naam: str  # "Hengelo" or "Regio Twente"
    periode: str  # "2025-T2"
    periode_tekst: str  # "tweede tertaal 2025 (1 mei – 31 augustus 2025)"
    peildatum: date
    vertrouwelijk: bool  # operational work lists: never public
    onderdrukt: bool  # small numbers suppressed (raad, college)
    hoofdstukken: tuple[Hoofdstuk, ...]
    toelichting: str = ""  # conventions, suppression rule, data source
    sjabloon: str = ""  # which template made it and which were considered (the colophon)
