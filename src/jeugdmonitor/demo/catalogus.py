"""The demo region's product catalogue, purchasing lots (percelen), providers and care paths.

Products use real iJw standard product codes (the first two digits are the JZ020 product category) with
the region's own classification on top: CBS hulpvorm, residential or not, the Noordoostpolder segment
(care, cure, 24uurs, jb_jr), a Hengelo-style productgroep, the perceel the budget is set on, the waiting
norm after allocation and the funding band (zwaarteband) behind the 80-16-4 norm. The simulation
parameters per product (unit, volume, 2024 tariff, typical duration, allocation length, typical wait)
are plausible figures for a Dutch region, not published prices; they live in ``producten.csv``.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from importlib import resources

import numpy as np

# Purchasing lots. The last two carry only non-client-bound costs (availability funding and subsidies).
PERCELEN = (
    "Ambulante begeleiding",
    "Ambulante behandeling",
    "Jeugd-GGZ en dyslexie",
    "Verblijf en ambulante alternatieven",
    "Crisis en JeugdzorgPlus",
    "Lokale toegang",
    "Jeugdbescherming en jeugdreclassering",
)
PERCEEL_TOEGANG = 5
PERCEEL_JBJR = 6
PERCEEL_CRISIS = 4


@dataclass(frozen=True)
class Product:
    code: str
    omschrijving: str
    categorie: str
    hulpvorm: str
    verblijf: bool
    ambulant_alternatief: bool
    segment: str
    productgroep: str
    perceel: int  # index into PERCELEN
    norm: int  # wachttijdnorm in days after allocation
    band: str  # zwaarteband
    perspectief: str
    eenheid: str  # iJw WJ756
    frequentie: str  # iJw WMO757
    volume: float  # allocated volume per frequentie period
    tarief: float  # euro per eenheid, 2024 price level
    duur: float  # median length of one chain of allocations, days
    toewijzing: int  # length of one allocation, days (a longer chain is extended with a new allocation)
    wacht: float  # median wait from registration to start, days


def _load_producten() -> tuple[Product, ...]:
    """The catalogue with its simulation parameters, from ``producten.csv`` beside this module."""
    text = resources.files(__package__).joinpath("producten.csv").read_text(encoding="utf-8")
    out = []
    for r in csv.DictReader(text.splitlines()):
        out.append(
            Product(
                code=r["code"],
                omschrijving=r["omschrijving"],
                categorie=r["categorie"],
                hulpvorm=r["hulpvorm"],
                verblijf=r["verblijf"] == "ja",
                ambulant_alternatief=r["ambulant_alternatief"] == "ja",
                segment=r["segment"],
                productgroep=r["productgroep"],
                perceel=PERCELEN.index(r["perceel"]),
                norm=int(r["norm"]),
                band=r["band"],
                perspectief=r["perspectief"],
                eenheid=r["eenheid"],
                frequentie=r["frequentie"],
                volume=float(r["volume"]),
                tarief=float(r["tarief"]),
                duur=float(r["duur"]),
                toewijzing=int(r["toewijzing"]),
                wacht=float(r["wacht"]),
            )
        )
    return tuple(out)


PRODUCTEN = _load_producten()
CODES = tuple(p.code for p in PRODUCTEN)
INDEX = {c: i for i, c in enumerate(CODES)}

# Codes of an old regional contract that appear in a few trajectories but are in no catalogue (not the
# region's, not the iJw standard list): the delivery carries productcategorie itself, the loader classes them
# by that category and warns.
ONBEKENDE_PRODUCTEN = (("OUD-AMB-07", "45", "45A48"), ("OUD-VBL-03", "43", "43A24"))  # code, categorie, stand-in


@dataclass(frozen=True)
class Zorgpad:
    """A kind of care spell: which product starts it, for whom, who refers, what may follow or run alongside."""

    naam: str
    gewicht: float  # share of new spells
    producten: dict[str, float]
    leeftijd: tuple[int, int, int]  # lowest, most common, highest age at the start
    verwijzers: dict[str, float]
    vervolg: tuple[float, dict[str, float]]  # chance of a following product in the same spell, and which
    stapeling: tuple[float, dict[str, float]]  # chance of a concurrent product of another group, and which
    gebieden: tuple[str, ...]  # most relevant levensgebieden first


ZORGPADEN: tuple[Zorgpad, ...] = (
    Zorgpad("ggz", 0.29, {"54004": 0.22, "54001": 0.36, "54002": 0.35, "54003": 0.07}, (4, 14, 17),
            {"02": 0.58, "05": 0.14, "01": 0.18, "03": 0.05, "06": 0.05},
            (0.06, {"54001": 0.45, "54002": 0.55}), (0.08, {"45A48": 0.6, "45B10": 0.4}),
            ("gezondheid", "relatie", "opvoeding")),
    Zorgpad("dyslexie", 0.05, {"EED01": 1.0}, (7, 8, 12), {"01": 0.88, "02": 0.08, "03": 0.04},
            (0.0, {}), (0.0, {}), ("gezondheid",)),
    Zorgpad("begeleiding", 0.245, {"45B10": 0.34, "45A48": 0.46, "45A49": 0.20}, (0, 9, 17),
            {"01": 0.80, "02": 0.09, "03": 0.06, "06": 0.05},
            (0.08, {"45A53": 0.5, "45A51": 0.5}), (0.08, {"54001": 0.6, "41A18": 0.4}),
            ("opvoeding", "relatie", "woonomgeving", "financien")),
    Zorgpad("awbz", 0.08, {"45B16": 0.38, "40A04": 0.30, "41A18": 0.32}, (1, 8, 17),
            {"01": 0.74, "05": 0.16, "02": 0.10}, (0.0, {}), (0.16, {"44A05": 0.75, "54001": 0.25}),
            ("gezondheid", "opvoeding")),
    Zorgpad("behandeling", 0.17, {"45A53": 0.40, "45B22": 0.32, "45A51": 0.18, "41A01": 0.10}, (2, 11, 17),
            {"01": 0.58, "02": 0.24, "03": 0.06, "05": 0.06, "06": 0.06},
            (0.06, {"43A01": 0.5, "45A41": 0.5}), (0.08, {"45A48": 0.5, "54001": 0.5}),
            ("opvoeding", "relatie", "veiligheid", "gezondheid")),
    Zorgpad("alternatief", 0.022, {"45A41": 0.6, "45B26": 0.4}, (4, 13, 17), {"01": 0.80, "02": 0.10, "05": 0.10},
            (0.10, {"44A01": 1.0}), (0.10, {"54002": 1.0}), ("opvoeding", "veiligheid", "relatie")),
    Zorgpad("verblijf", 0.040,
            {"43A24": 0.30, "43A27": 0.10, "43A10": 0.16, "44A08": 0.10, "43A01": 0.18, "44A01": 0.10, "54005": 0.06},
            (0, 13, 17), {"01": 0.72, "05": 0.12, "02": 0.08, "08": 0.03, "06": 0.05},
            (0.30, {"45A53": 0.5, "45A48": 0.5}), (0.15, {"54002": 0.6, "41A01": 0.4}),
            ("veiligheid", "opvoeding", "woonomgeving", "relatie")),
    Zorgpad("crisis", 0.022, {"46A01": 0.55, "46A03": 0.45}, (3, 14, 17),
            {"01": 0.50, "02": 0.20, "06": 0.15, "08": 0.15},
            (0.55, {"45A53": 0.45, "44A01": 0.25, "43A10": 0.10, "54002": 0.20}), (0.0, {}),
            ("veiligheid", "relatie", "gezondheid")),
    Zorgpad("jeugdzorgplus", 0.003, {"43A06": 1.0}, (12, 15, 17), {"08": 0.35, "01": 0.65},
            (0.65, {"44A01": 0.5, "45A53": 0.5}), (0.0, {}), ("veiligheid", "relatie")),
)  # fmt: skip

# Chance of a following product after these primary products, whatever the care path says.
VERVOLG_NA_PRODUCT = {"54004": 0.8}  # diagnostics is mostly followed by treatment

LEVENSGEBIEDEN = ("opvoeding", "relatie", "woonomgeving", "financien", "gezondheid", "veiligheid")


@dataclass(frozen=True)
class Aanbieder:
    naam: str
    productgroepen: tuple[str, ...]
    tempo: float  # waiting-time factor: 1 is typical, 2 means twice as long


# Fictitious providers (names made up for the demo).
AANBIEDERS: tuple[Aanbieder, ...] = (
    Aanbieder("Jeugdhulp De Esrand", ("Begeleiding", "Jeugd AWBZ", "Dagbesteding"), 0.8),
    Aanbieder("Kinderpraktijk Twentekanaal", ("Jeugd GGZ", "Dyslexie"), 0.9),
    Aanbieder("GGZ Jeugd Oost", ("Jeugd GGZ",), 1.9),
    Aanbieder("Stichting Opgroeien Oost", ("Spec. Jeugdzorg", "Pleegzorg", "Crisis", "Dagbehandeling"), 1.2),
    Aanbieder("Zorgboerderij De Hooge Esch", ("Dagbesteding", "Jeugd AWBZ"), 1.0),
    Aanbieder("Dyslexiecentrum Noordoost", ("Dyslexie",), 1.4),
    Aanbieder("Praktijk Kind en Gezin", ("Jeugd GGZ", "Spec. Jeugdzorg", "Begeleiding"), 0.7),
    Aanbieder("Gezinshuizen Samen Thuis", ("Spec. Jeugdzorg",), 1.0),
    Aanbieder("Behandelcentrum De Kern", ("JeugdzorgPlus", "Crisis", "Spec. Jeugdzorg"), 1.0),
    Aanbieder("Ambulant Team Zuidwest", ("Begeleiding", "Spec. Jeugdzorg"), 1.1),
    Aanbieder("Pleegzorg Oost Nederland", ("Pleegzorg",), 0.9),
    Aanbieder("Jeugd-GGZ Praktijk Het Kompas", ("Jeugd GGZ",), 1.3),
    Aanbieder("Begeleidingsbureau Stap Verder", ("Begeleiding", "Jeugd AWBZ"), 0.9),
    Aanbieder("Centrum Autisme en Gezin", ("Jeugd GGZ", "Jeugd AWBZ", "Dagbehandeling"), 1.6),
    Aanbieder("Logeerhuis De Zonnewijzer", ("Jeugd AWBZ",), 1.2),
    Aanbieder("Leerpraktijk Letterlicht", ("Dyslexie",), 0.8),
)
PGB_AANBIEDER = "Zorgverlener via pgb (sociaal netwerk)"

PGB_MOTIVATIES = (
    "Bewuste keuze voor een eigen zorgverlener",
    "Zorg door iemand uit het sociaal netwerk",
    "Gecontracteerd aanbod sluit niet aan bij de zorgvraag",
    "Flexibele inzet buiten kantoortijden nodig",
)


def product_arrays() -> dict[str, np.ndarray]:
    """Per-product numeric parameters as arrays indexed like PRODUCTEN (for vectorised lookups)."""
    return {
        "verblijf": np.array([p.verblijf for p in PRODUCTEN]),
        "perceel": np.array([p.perceel for p in PRODUCTEN], dtype=np.int8),
        "norm": np.array([p.norm for p in PRODUCTEN], dtype=np.int32),
        "volume": np.array([p.volume for p in PRODUCTEN]),
        "tarief": np.array([p.tarief for p in PRODUCTEN]),
        "duur": np.array([p.duur for p in PRODUCTEN]),
        "toewijzing": np.array([p.toewijzing for p in PRODUCTEN], dtype=np.int32),
        "wacht": np.array([p.wacht for p in PRODUCTEN]),
        "output": np.array([p.eenheid == "82" for p in PRODUCTEN]),
        "crisis": np.array([p.perspectief == "crisis" for p in PRODUCTEN]),
        "ggz": np.array([p.segment == "cure" for p in PRODUCTEN]),
        "pgb_mogelijk": np.array([p.segment == "care" and p.productgroep != "Crisis" for p in PRODUCTEN]),
    }


def aanbieders_per_product() -> list[np.ndarray]:
    """For each product, the indices of the providers that deliver its productgroep."""
    return [
        np.array([i for i, a in enumerate(AANBIEDERS) if p.productgroep in a.productgroepen] or [0], dtype=np.int16)
        for p in PRODUCTEN
    ]
