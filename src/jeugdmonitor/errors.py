"""Problems found in input, reported to people in Dutch with file, row and column."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Level = Literal["fout", "waarschuwing"]


def location(bestand: str, rij: int | None, kolom: str | None) -> str:
    """Where a problem is, as people read it: "jeugdhulp.csv, rij 12, kolom einddatum"."""
    parts = [bestand]
    if rij is not None:
        parts.append(f"rij {rij}")
    if kolom:
        parts.append(f"kolom {kolom}")
    return ", ".join(parts)


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
        label = "Fout" if self.niveau == "fout" else "Waarschuwing"
        return f"{label}: {location(self.bestand, self.rij, self.kolom)}: {self.tekst}"


class DeliveryRejected(Exception):
    """The delivery was not loaded; ``meldingen`` holds every error (and the warnings found so far)."""

    def __init__(
        self, meldingen: list[Melding], aantal_fouten: int | None = None, aantal_waarschuwingen: int | None = None
    ) -> None:
        self.meldingen = meldingen  # the first problems; the totals below count all of them
        counted_errors = sum(m.niveau == "fout" for m in meldingen)
        counted_warnings = len(meldingen) - counted_errors
        self.aantal_fouten = counted_errors if aantal_fouten is None else aantal_fouten
        self.aantal_waarschuwingen = counted_warnings if aantal_waarschuwingen is None else aantal_waarschuwingen
        super().__init__(f"levering afgekeurd: {self.aantal_fouten} fout(en)")


class UserError(Exception):
    """A failure with a plain Dutch message for the person at the terminal (exit code 1)."""
