"""The young persons of one municipality: birth date, sex, wijk and postcode, and the access teams.

Every table that names a client takes its persons from one ``Personen`` registry per municipality, so
that ``jeugdigen`` can list exactly the persons that occur elsewhere. Dates are whole days since
1970-01-01 (numpy int64), the representation used throughout the generator.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from jeugdmonitor.demo.geografie import Gemeente

TEAM_NAMEN = ("Noord", "Zuid", "Oost", "West", "Centrum", "Jeugd en Gezin", "Buitengebied", "Specialistisch")
AANDEEL_JONGENS = 0.56  # boys are over-represented in youth care
GEEN_WIJK_PER_GEMEENTE = 4  # persons whose postcode maps to no wijk (a warning in the quality report)


def add_years(days: np.ndarray, years: int | np.ndarray) -> np.ndarray:
    """The same calendar day ``years`` later (29 February moves to 1 March)."""
    d = days.astype("datetime64[D]")
    y = d.astype("datetime64[Y]")
    offset = d - y.astype("datetime64[D]")
    return ((y + years).astype("datetime64[D]") + offset).astype(np.int64)


def month_index(days: np.ndarray) -> np.ndarray:
    """Months since 1970-01 of a day number."""
    return np.asarray(days).astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)


def month_start(months: np.ndarray) -> np.ndarray:
    return np.asarray(months).astype("datetime64[M]").astype("datetime64[D]").astype(np.int64)


@dataclass
class Teams:
    """A handful of access teams per municipality, each with 5-12 case workers; wijken are split over them."""

    namen: list[str]
    per_wijk: np.ndarray  # team index per wijk
    medewerkers: list[int]  # number of case workers per team

    @classmethod
    def voor(cls, gm: Gemeente, rng: np.random.Generator) -> Teams:
        n = int(np.clip(round(gm.jong_totaal / 4500), 2, 7))
        namen = [f"Wijkteam {gm.naam.split(' (')[0]} {TEAM_NAMEN[i]}" for i in range(n)]
        order = np.argsort(-gm.jong, kind="stable")
        per_wijk = np.empty(len(gm.wijken), dtype=np.int64)
        per_wijk[order] = np.arange(len(order)) % n
        medewerkers = [int(x) for x in rng.integers(5, 13, n)]
        return cls(namen, per_wijk, medewerkers)

    def medewerker_code(self, gm: Gemeente, team: int, nr: int) -> str:
        return f"{gm.code[2:]}-{team + 1}{nr + 1:02d}"


@dataclass
class Personen:
    """Registry of the persons of one municipality; indices are local to the municipality."""

    gm: Gemeente
    rng: np.random.Generator
    geboorte: list[np.ndarray] = field(default_factory=list)
    geslacht: list[np.ndarray] = field(default_factory=list)
    wijk: list[np.ndarray] = field(default_factory=list)
    n: int = 0

    def nieuw(self, n: int, leeftijd: np.ndarray, op: np.ndarray, zorg: bool = True) -> np.ndarray:
        """Create ``n`` persons aged ``leeftijd`` (whole years) on day ``op``; returns their indices.

        With ``zorg`` the wijk follows the wijk's relative use of youth care, else its young inhabitants.
        """
        days_in_year = self.rng.integers(0, 365, n)
        geboorte = np.asarray(op) - np.asarray(leeftijd) * 365 - (np.asarray(leeftijd) // 4) - days_in_year
        weights = self.gm.jong * (self.gm.risico if zorg else 1.0)
        wijk = self.rng.choice(len(weights), size=n, p=weights / weights.sum())
        geslacht = np.where(self.rng.random(n) < AANDEEL_JONGENS, 1, 2)
        geslacht[self.rng.random(n) < 0.002] = 0
        self.geboorte.append(geboorte.astype(np.int64))
        self.geslacht.append(geslacht.astype(np.int8))
        self.wijk.append(wijk.astype(np.int64))
        idx = np.arange(self.n, self.n + n)
        self.n += n
        return idx

    def arrays(self) -> dict[str, np.ndarray]:
        def cat(parts: list[np.ndarray], dtype: type) -> np.ndarray:
            return np.concatenate(parts) if parts else np.empty(0, dtype=dtype)

        return {
            "geboorte": cat(self.geboorte, np.int64),
            "geslacht": cat(self.geslacht, np.int8),
            "wijk": cat(self.wijk, np.int64),
        }

    def postcodes(self, wijk: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """PC4 number, two letters (0..675) and whether it maps to a wijk, for persons in these wijken."""
        n = len(wijk)
        pc4 = self.gm.pc4_van[wijk] + (self.rng.random(n) * self.gm.pc4_aantal[wijk]).astype(np.int64)
        letters = self.rng.integers(0, 26 * 26, n)
        bekend = np.ones(n, dtype=bool)
        if n:
            pick = self.rng.choice(n, size=min(GEEN_WIJK_PER_GEMEENTE, n), replace=False)
            pc4[pick] = self.gm.pc4_onbekend
            bekend[pick] = False
        return pc4, letters, bekend
