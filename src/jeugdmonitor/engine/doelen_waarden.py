"""The numbers a goal-tree evaluation needs: indicator values per period and area, read from the results kept
in the store (``_resultaten``, engine/opslag.py) where they are there and current, computed otherwise.

Targets are yearly. A year still running at the peildatum, or a report period inside a year (2025-T2), is
judged on the year so far: 1 January up to the end of the period (at most the peildatum), held against the
same stretch of the baseline year, so that a count over ten months is never compared with a count over
twelve. Those stretches are no standard period; they are computed here (and kept for the process, so that the
municipalities and the region of one report set share one computation).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import duckdb

from jeugdmonitor.engine.perioden import Periode, parse
from jeugdmonitor.engine.records import Record
from jeugdmonitor.engine.runner import compute
from jeugdmonitor.formatting import MAANDEN

Sleutel = tuple[str, str | None, str, tuple[tuple[str, str], ...]]  # indicator, maat, periode, dims
_CACHE: dict[tuple[object, ...], list[Record]] = {}
_MAX_CACHE = 200


@dataclass(frozen=True)
class Waarde:
    waarde: float | None
    noemer: float | None = None
    eenheid: str = "aantal"
    status: str = "ok"  # ok | voorlopig | niet_beschikbaar
    toelichting: str = ""


def jaar_tot(jaar: int, eind: date) -> Periode:
    """1 January of ``jaar`` up to the day and month of ``eind`` (a whole year when that is 31 December)."""
    day = min(eind.day, 28) if (eind.month, eind.day) == (2, 29) else eind.day
    end = date(jaar, eind.month, day)
    if (end.month, end.day) == (12, 31):
        return parse(str(jaar))
    return Periode(f"{jaar}-tm-{end.isoformat()}", "jaar", date(jaar, 1, 1), end)


def venster_tekst(p: Periode) -> str:
    """'2025' or '2025 (1 januari t/m 31 augustus)'."""
    if p.soort == "jaar" and (p.eind.month, p.eind.day) == (12, 31):
        return p.code
    return f"{p.start.year} (1 januari t/m {p.eind.day} {MAANDEN[p.eind.month - 1]})"


def _dims(record_dims: dict[str, str]) -> tuple[tuple[str, str], ...]:
    return tuple(sorted(record_dims.items()))


def _store_key(con: duckdb.DuckDBPyConnection) -> tuple[object, ...] | None:
    row = con.execute("SELECT file FROM pragma_database_list WHERE name = current_database()").fetchone()
    if not row or not row[0]:
        return None
    version = con.execute("SELECT max(levering_id), max(geladen_op) FROM _leveringen").fetchone()
    return (row[0], *(version or ()))


class Waarden:
    """Collects what is needed (``vraag``), fetches it at once (``haal``), then answers (``waarde``)."""

    def __init__(self, con: duckdb.DuckDBPyConnection, gemeente: str) -> None:
        self.con = con
        self.gemeente = gemeente
        self.nodig: dict[str, dict[str, Periode]] = {}
        self.gevonden: dict[Sleutel, Waarde] = {}

    def vraag(self, indicator: str, perioden: Iterable[Periode]) -> None:
        self.nodig.setdefault(indicator, {}).update({p.code: p for p in perioden})

    def waarde(self, indicator: str, maat: str | None, periode: str, dims: dict[str, str] | None = None) -> Waarde:
        found = self.gevonden.get((indicator, maat, periode, _dims(dims or {})))
        if found is not None:
            return found
        reason = self.gevonden.get((indicator, None, periode, ()))  # a 'niet beschikbaar' record has no maat
        if reason is not None and reason.status == "niet_beschikbaar":
            return reason
        return Waarde(None)

    def haal(self) -> None:
        missing = self._uit_resultaten()
        groups: dict[tuple[str, ...], list[str]] = {}
        for indicator, codes in missing.items():
            groups.setdefault(tuple(sorted(codes)), []).append(indicator)
        for codes, indicators in groups.items():
            periods = [next(p for p in self.nodig[indicators[0]].values() if p.code == c) for c in codes]
            for r in self._bereken(indicators, periods):
                self._neem(r)

    def _neem(self, r: Record) -> None:
        if r.gemeente != self.gemeente:
            return
        key = (r.indicator, r.maat, r.periode, _dims(r.dimensies))
        self.gevonden[key] = Waarde(r.waarde, r.noemer, r.eenheid, r.status, r.toelichting)

    def _uit_resultaten(self) -> dict[str, set[str]]:
        """Fill from ``_resultaten`` (when it belongs to the latest delivery); return what is still missing."""
        missing = {ind: set(periods) for ind, periods in self.nodig.items()}
        try:
            current = self.con.execute(
                "SELECT (SELECT max(levering_id) FROM _resultaten) = (SELECT max(levering_id) FROM _leveringen)"
            ).fetchone()
        except duckdb.Error:
            return missing
        if not current or not current[0]:
            return missing
        codes = sorted({c for periods in missing.values() for c in periods})
        rows = self.con.execute(
            """
            -- stored results of the needed indicators and periods for this area
            SELECT indicator, maat, periode, dimensie, dimensiewaarde, waarde, noemer, eenheid, status, toelichting
            FROM _resultaten
            WHERE gemeente = ? AND list_contains(?, indicator) AND list_contains(?, periode)
            """,
            [self.gemeente, sorted(missing), codes],
        ).fetchall()
        for ind, maat, periode, dim, val, waarde, noemer, eenheid, status, toelichting in rows:
            if periode not in missing.get(ind, ()):
                continue
            dims = ((dim, val),) if dim else ()
            self.gevonden[(ind, maat, periode, dims)] = Waarde(waarde, noemer, eenheid, status, toelichting or "")
        seen = {(k[0], k[2]) for k in self.gevonden}
        return {ind: {c for c in codes_ if (ind, c) not in seen} for ind, codes_ in missing.items() if any(
            (ind, c) not in seen for c in codes_)}  # fmt: skip

    def _bereken(self, indicators: list[str], periods: list[Periode]) -> list[Record]:
        store = _store_key(self.con)
        key = (store, tuple(sorted(indicators)), tuple((p.code, p.start, p.eind) for p in periods))
        if store is not None and key in _CACHE:
            return _CACHE[key]
        records = compute(self.con, sorted(indicators), periods)
        if store is not None:
            if len(_CACHE) > _MAX_CACHE:
                _CACHE.clear()
            _CACHE[key] = records
        return records
