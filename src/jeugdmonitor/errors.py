"""Problems found in input, reported to people in Dutch with file, row and column."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Level = Literal["fout", "waarschuwing"]


@dataclass(frozen=True)
class Melding:
    """One problem in a delivery. ``rij`` counts the header as row 1; None when the whole file is meant."""

    niveau: Level
    regel: str  # short rule code, e.g. "datum_bestaat_niet"; stable, used by tests and the quality report
    bestand: str
    rij: int | None
    kolom: str | None
    tekst: str

    def __str__(self) -> str:
        where = [self.bestand]
        if self.rij is not None:
            where.append(f"rij {self.rij}")
        if self.kolom:
            where.append(f"kolom {self.kolom}")
        label = "Fout" if self.niveau == "fout" else "Waarschuwing"
        return f"{label}: {', '.join(where)}: {self.tekst}"


class DeliveryRejected(Exception):
    """The delivery was not loaded; ``meldingen`` holds every error (and the warnings found so far)."""

    def __init__(self, meldingen: list[Melding]) -> None:
        self.meldingen = meldingen
        errors = [m for m in meldingen if m.niveau == "fout"]
        super().__init__(f"levering afgekeurd: {len(errors)} fout(en)")


class UserError(Exception):
    """A failure with a plain Dutch message for the person at the terminal (exit code 1)."""
