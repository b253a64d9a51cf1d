"""The numbers a report is built from: its periods and the computed (and, where needed, suppressed) records,
indexed so that tables, charts and the narrative look values up the same way."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from jeugdmonitor.engine.perioden import Periode, parse, previous
from jeugdmonitor.engine.records import REGIO, Record
from jeugdmonitor.outputs.rapport.ontbrekend import NOG_NIET
from jeugdmonitor.outputs.rapport.verhaal import Punt

TREND = 5  # the last five periods, as in the seed's charts
TREND_JAREN = 3  # yearly figures (satisfaction, the budget): three years, as a year forecast is costly

Key = tuple[str, str | None, str, str, frozenset[tuple[str, str]]]


def zelfde_vorig_jaar(p: Periode) -> Periode:
    """The same period one year earlier: 2025-T2 → 2024-T2, 2025-03 → 2024-03, 2025 → 2024."""
    year = str(p.start.year - 1)
    return parse(year + p.code[4:])


def laatste(p: Periode, n: int = TREND) -> list[Periode]:
    """The last ``n`` periods of the kind of ``p`` up to ``p``, oldest first."""
    result = [p]
    while len(result) < n:
        result.append(previous(result[-1]))
    return result[::-1]


@dataclass(frozen=True)
class Tijdvak:
    """The periods one table is about: the main one, its comparisons and its trend (oldest first)."""

    hoofd: Periode
    vorige: Periode
    vorig_jaar: Periode
    trend: tuple[Periode, ...]


@dataclass(frozen=True)
class Perioden:
    """Every period a report needs, derived from the report period and the store's peildatum."""

    periode: Periode
    peildatum: date

    def tijdvak(self, soort: str) -> Tijdvak:
        """``periode``: the report period; ``jaar``: its calendar year; ``maanden``: the months of that year."""
        if soort == "jaar":
            year = parse(str(self.periode.start.year))
            return Tijdvak(year, previous(year), previous(year), tuple(laatste(year, TREND_JAREN)))
        if soort == "maanden":
            # all twelve: a month after the peildatum has no engine figures (its row is left out), except in a
            # forecast table, which shows the months to the end of the year (outputs/rapport/prognose.py)
            months = tuple(parse(f"{self.periode.start.year}-{m:02d}") for m in range(1, 13))
            known = [p for p in months if p.start <= self.peildatum]
            last = known[-1] if known else months[0]
            return Tijdvak(last, previous(last), zelfde_vorig_jaar(last), months)
        p = self.periode
        return Tijdvak(p, previous(p), zelfde_vorig_jaar(p), tuple(laatste(p)))

    def alle(self, soorten: Iterable[str]) -> list[Periode]:
        """The union of the periods of the given kinds, for one compute call."""
        seen: dict[str, Periode] = {}
        for soort in soorten:
            t = self.tijdvak(soort)
            for p in (t.hoofd, t.vorige, t.vorig_jaar, *t.trend):
                seen[p.code] = p
        return list(seen.values())


@dataclass
class Gegevens:
    """The records of a report (already suppressed for audiences that suppress), indexed."""

    records: Sequence[Record]
    gebied: str
    k: int = 5
    wijken: dict[str, str] = field(default_factory=dict)
    _index: dict[Key, Record] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        for r in self.records:
            self._index[(r.indicator, r.maat, r.periode, r.gemeente, frozenset(r.dimensies.items()))] = r

    def record(
        self,
        indicator: str,
        maat: str | None,
        periode: str,
        gemeente: str | None = None,
        dims: dict[str, str] | None = None,
    ) -> Record | None:
        key = (indicator, maat, periode, gemeente or self.gebied, frozenset((dims or {}).items()))
        return self._index.get(key)

    def punt(
        self,
        indicator: str,
        maat: str | None,
        periode: str,
        gemeente: str | None = None,
        dims: dict[str, str] | None = None,
    ) -> Punt:
        r = self.record(indicator, maat, periode, gemeente, dims)
        if r is None:
            return Punt(None, "ontbreekt")
        return Punt(r.waarde, r.status, r.toelichting)

    def waarden(self, indicator: str, dimensie: str, perioden: Sequence[str], gemeente: str | None = None) -> list[str]:
        """The values of one dimension that occur for the indicator in these periods."""
        wanted, area = set(perioden), gemeente or self.gebied
        return sorted(
            {
                r.dimensies[dimensie]
                for r in self.records
                if r.indicator == indicator
                and r.gemeente == area
                and r.periode in wanted
                and set(r.dimensies) == {dimensie}
            }
        )

    def maten(self, indicator: str) -> list[str]:
        """The measures present for an indicator, in order of first appearance."""
        return list(dict.fromkeys(r.maat for r in self.records if r.indicator == indicator and r.maat))

    def gemeenten(self) -> list[str]:
        return sorted({r.gemeente for r in self.records if r.gemeente != REGIO})

    def niet_beschikbaar(self, indicator: str) -> str | None:
        """The engine's explanation when the indicator could not be computed for the area."""
        for r in self.records:
            if r.indicator == indicator and r.gemeente == self.gebied and r.status == "niet_beschikbaar":
                if r.toelichting.startswith(NOG_NIET):
                    continue  # a period not yet to be judged: its table note and the narrative say so
                return r.toelichting
        return None
