"""Municipalities, wijken, inhabitants per age band and postcodes for the demo delivery.

Reads ``geografie.csv`` (shipped with the package, derived by ``tools/derive_demo_geografie.py`` from CBS
Kerncijfers wijken en buurten 2024): per inhabited wijk the inhabitants, an estimate of those aged 0-17
and 18-22, and a synthetic block of PC4 postcodes.
"""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np

from jeugdmonitor.errors import UserError

REGIO = ("GM0164", "GM0153", "GM0147", "GM0173")  # Hengelo, Enschede, Borne, Oldenzaal (Twente)
GEMEENTE = ("GM0164",)

# Wijken with clearly higher use of youth care (Hengelo seed, table 4.1.1) or lower use.
WIJK_RISICO = {
    "WK016405": 2.0,  # Berflo Es
    "WK016401": 1.8,  # Hengelose Es
    "WK016400": 1.3,  # Binnenstad
    "WK016408": 1.1,  # Slangenbeek
    "WK016409": 0.45,  # Buitengebied
    "WK016402": 0.7,  # Noord
    "WK016406": 0.7,  # Wilderinkshoek
}
ZORGGEBRUIK_GEMEENTE = {"GM0153": 1.08, "GM0164": 1.0, "GM0147": 0.9, "GM0173": 0.94}


@dataclass(frozen=True)
class Gemeente:
    code: str
    naam: str
    wijken: tuple[str, ...]
    wijknamen: tuple[str, ...]
    inwoners: np.ndarray  # per wijk, 1 January 2024
    jong: np.ndarray  # per wijk, aged 0-17
    student: np.ndarray  # per wijk, aged 18-22
    pc4_van: np.ndarray
    pc4_aantal: np.ndarray
    pc4_onbekend: int
    risico: np.ndarray  # relative use of youth care per young inhabitant, per wijk
    zorggebruik: float  # relative use of the municipality as a whole

    @property
    def nummer(self) -> int:
        return int(self.code[2:])

    @property
    def jong_totaal(self) -> int:
        return int(self.jong.sum())


def _hash_factor(key: str, sigma: float) -> float:
    """A deterministic log-normal-ish factor from a key, so that every run sees the same wijk differences."""
    h = int(hashlib.sha256(key.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF
    return float(np.exp(sigma * (2.0 * h - 1.0) * 1.7))


@cache
def alle_gemeenten() -> dict[str, Gemeente]:
    text = resources.files(__package__).joinpath("geografie.csv").read_text(encoding="utf-8")
    rows: dict[str, list[dict[str, str]]] = {}
    for r in csv.DictReader(text.splitlines()):
        rows.setdefault(r["gemeente"], []).append(r)
    result = {}
    for gm, wr in rows.items():
        naam = wr[0]["gemeentenaam"]
        wijken = tuple(r["wijk"] for r in wr)
        namen = tuple(r["wijknaam"] or f"{naam} wijk {r['wijk'][-2:]}" for r in wr)
        risico = np.array([WIJK_RISICO.get(w, _hash_factor(w, 0.22)) for w in wijken])
        result[gm] = Gemeente(
            code=gm,
            naam=naam,
            wijken=wijken,
            wijknamen=namen,
            inwoners=np.array([int(r["inwoners"]) for r in wr]),
            jong=np.array([int(r["inwoners_0_17"]) for r in wr]),
            student=np.array([int(r["inwoners_18_22"]) for r in wr]),
            pc4_van=np.array([int(r["pc4_van"]) for r in wr]),
            pc4_aantal=np.array([int(r["pc4_aantal"]) for r in wr]),
            pc4_onbekend=int(wr[0]["pc4_onbekend"]),
            risico=risico,
            zorggebruik=ZORGGEBRUIK_GEMEENTE.get(gm, _hash_factor(gm + "z", 0.08)),
        )
    return result


def kies_gemeenten(gemeenten: list[str] | None, schaal: str) -> list[Gemeente]:
    """The municipalities of a run: the explicit list, else the scale's default."""
    alle = alle_gemeenten()
    if gemeenten:
        onbekend = [g for g in gemeenten if g not in alle]
        if onbekend:
            raise UserError(f"onbekende gemeentecode(s): {', '.join(onbekend)} (verwacht bijvoorbeeld GM0164)")
        codes = list(dict.fromkeys(gemeenten))
    elif schaal == "gemeente":
        codes = list(GEMEENTE)
    elif schaal == "regio":
        codes = list(REGIO)
    elif schaal == "nationaal":
        codes = sorted(alle)
    else:
        raise UserError(f"onbekende schaal '{schaal}' (gemeente, regio of nationaal)")
    return [alle[c] for c in codes]


def bevolking_factor(jaar: int, band: str) -> float:
    """Population of a year relative to 1 January 2024: slowly fewer children, more adults."""
    groei = {"jong": -0.003, "student": 0.004, "overig": 0.007}[band]
    return (1.0 + groei) ** (jaar - 2024)


def bevolking_rows(gm: Gemeente, jaren: range) -> list[tuple[int, str, str, int, int, int]]:
    """Rows (jaar, gemeente, wijk, leeftijd_van, leeftijd_tot, aantal): per wijk and for the municipality."""
    rows = []
    for jaar in jaren:
        jong = np.round(gm.jong * bevolking_factor(jaar, "jong")).astype(int)
        student = np.round(gm.student * bevolking_factor(jaar, "student")).astype(int)
        overig = np.round((gm.inwoners - gm.jong - gm.student) * bevolking_factor(jaar, "overig")).astype(int)
        for band, (van, tot) in zip((jong, student, overig), ((0, 17), (18, 22), (23, 120)), strict=True):
            rows.append((jaar, gm.code, "", van, tot, int(band.sum())))
            rows.extend((jaar, gm.code, w, van, tot, int(n)) for w, n in zip(gm.wijken, band, strict=True))
    return rows


def postcode_rows(gm: Gemeente) -> list[tuple[str, str, str, str]]:
    """Rows (postcode PC4, gemeente, wijk, wijknaam). The municipality's 'onbekend' PC4 is left out on purpose."""
    rows = []
    for w, naam, van, n in zip(gm.wijken, gm.wijknamen, gm.pc4_van, gm.pc4_aantal, strict=True):
        rows.extend((str(pc), gm.code, w, naam) for pc in range(int(van), int(van + n)))
    return rows
