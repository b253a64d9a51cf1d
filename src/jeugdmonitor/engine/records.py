"""The output record of indicatoren.md section 4: one computed value."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from typing import Any, Literal

Eenheid = Literal["aantal", "procent", "euro", "dagen", "weken", "score", "ratio"]
Status = Literal["ok", "voorlopig", "niet_beschikbaar", "onderdrukt"]
REGIO = "regio"  # the gemeente value of a record about the region as a whole


@dataclass(frozen=True, slots=True)  # slots: a run makes hundreds of thousands
class Record:
    indicator: str  # set-qualified identifier, e.g. "h10.13"
    periode: str  # e.g. "2024-T1"
    gemeente: str  # CBS code or "regio"
    eenheid: Eenheid
    status: Status
    waarde: float | None = None
    teller: float | None = None  # numerator, when the value is a ratio or mean
    noemer: float | None = None  # denominator
    maat: str | None = None  # the measure within a multi-measure indicator
    dimensies: dict[str, str] = field(default_factory=dict)  # empty for the total
    toelichting: str = ""  # why not available, what was suppressed, which convention applied

    def to_json(self) -> dict[str, Any]:
        """The record as indicatoren.md §4 writes it (``maat`` absent when there is one measure)."""
        data = asdict(self)
        if data["maat"] is None:
            del data["maat"]
        return data

    def with_(self, **changes: Any) -> Record:
        return replace(self, **changes)
