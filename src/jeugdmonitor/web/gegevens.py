"""What the dashboard reads: the engine's stored results (``_resultaten``) and, for a split the store does not
keep, one engine run for that indicator, period and dimension, kept for the life of the store version.

Nothing is computed another way: totals, trends and the indicator's own categories come from the stored
records; a further split (wijk, aanbieder, …) comes from ``engine.runner.compute``, exactly as
``jeugdmonitor indicators --per`` would give it. Rates per 1.000 young inhabitants divide a stored count by
the stored number of inhabitants of the wijk family (``hengelo.W1``, measure ``inwoners_0_17``).

One DuckDB connection serves the whole process; each request reads through its own cursor (DuckDB's rule for
threads). A new delivery (a new ``levering_id`` or a new computation time) empties every cache.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TypeVar

import duckdb

from jeugdmonitor.catalog.indicatoren import Indicator, shipped_catalog
from jeugdmonitor.demo.rapportset import laatste_volledige_tertaal
from jeugdmonitor.engine.families import shipped_families
from jeugdmonitor.engine.opslag import RESULTS_TABLE
from jeugdmonitor.engine.perioden import parse
from jeugdmonitor.engine.records import REGIO, Record
from jeugdmonitor.engine.runner import compute
from jeugdmonitor.errors import UserError
from jeugdmonitor.outputs.rapport import labels

T = TypeVar("T")
INWONERS = ("hengelo.W1", "inwoners_0_17")  # the stored inhabitants aged 0–17 per area and wijk
VERSIE_GELDIG = 5.0  # seconds a looked-up store version is trusted before it is read again
_KOLOMMEN = (
    "indicator, maat, periode, gemeente, dimensie, dimensiewaarde, waarde, teller, noemer, eenheid, status, toelichting"
)


def _record(row: tuple) -> Record:
    indicator, maat, periode, gemeente, dim, dimwaarde, waarde, teller, noemer, eenheid, status, toelichting = row
    return Record(
        indicator=indicator, periode=periode, gemeente=gemeente, eenheid=eenheid, status=status, waarde=waarde,
        teller=teller, noemer=noemer, maat=maat, dimensies={} if dim is None else {dim: dimwaarde},
        toelichting=toelichting or "",
    )  # fmt: skip


class Bron:
    """The store as the dashboard reads it."""

    def __init__(self, store: Path, read_only: bool = False) -> None:
        if not Path(store).exists():
            raise UserError(f"store {store} bestaat niet; maak er een met 'jeugdmonitor load' of 'jeugdmonitor demo'")
        self.store = Path(store)
        self.con = duckdb.connect(str(store), read_only=read_only)
        self._lock = threading.Lock()
        self._maaklocks: dict[tuple[object, ...], threading.Lock] = {}
        self.rekenlock = threading.Lock()  # one engine run at a time: it is CPU-bound and fills TEMP tables
        self._versie: tuple[object, ...] = ()
        self._versie_tijd = 0.0
        self._records: dict[str, list[Record]] = {}
        self._index: dict[str, dict[tuple[object, ...], Record]] = {}
        self._splits: dict[tuple[str, str, str], list[Record]] = {}
        self.cache: dict[tuple[object, ...], object] = {}  # rendered pieces (charts), emptied with the rest
        self._vast: dict[str, object] = {}
        if not self._heeft_resultaten():
            raise UserError(
                f"de store {store} bevat nog geen berekende indicatoren; laad een levering met 'jeugdmonitor load'"
            )

    def _heeft_resultaten(self) -> bool:
        with self.cursor() as cur:
            row = cur.execute(
                "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [RESULTS_TABLE]
            ).fetchone()
        return bool(row and row[0])

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        cur = self.con.cursor()
        try:
            yield cur
        finally:
            cur.close()

    def close(self) -> None:
        self.con.close()

    # ------------------------------------------------------------------------------------------ version

    def versie(self) -> tuple[object, ...]:
        """(latest delivery, time of the stored computation); a change empties the caches."""
        now = time.monotonic()
        if now - self._versie_tijd < VERSIE_GELDIG and self._versie:
            return self._versie
        with self.cursor() as cur:
            row = cur.execute(
                f"SELECT (SELECT max(levering_id) FROM _leveringen), (SELECT max(berekend_op) FROM {RESULTS_TABLE})"
            ).fetchone()
        versie = tuple(row or ())
        with self._lock:
            if versie != self._versie:
                self._records.clear()
                self._index.clear()
                self._splits.clear()
                self.cache.clear()
                self._vast.clear()
                self._versie = versie
            self._versie_tijd = now
        return versie

    def _vast_gegeven(self, naam: str, sql: str) -> object:
        self.versie()
        if naam not in self._vast:
            with self.cursor() as cur:
                self._vast[naam] = cur.execute(sql).fetchall()
        return self._vast[naam]

    # ------------------------------------------------------------------------------------ facts of the store

    def gemeenten(self) -> list[str]:
        rows = self._vast_gegeven(
            "gemeenten", "SELECT DISTINCT g FROM _leveringen, unnest(gemeenten) AS u(g) ORDER BY g"
        )
        return [r[0] for r in rows]  # type: ignore[union-attr]

    def peildatum(self) -> date:
        rows = self._vast_gegeven(
            "peildatum",
            "WITH pg AS (SELECT g, arg_max(peildatum, levering_id) AS p FROM _leveringen, unnest(gemeenten) AS u(g) "
            "GROUP BY g) SELECT min(p) FROM pg",
        )
        return rows[0][0]  # type: ignore[index]

    def perioden(self) -> list[str]:
        """The periods with stored results, newest first within each kind order (years, tertalen, …)."""
        self.versie()
        if "perioden_gesorteerd" not in self._vast:
            rows = self._vast_gegeven("perioden", f"SELECT DISTINCT periode FROM {RESULTS_TABLE}")
            codes = [r[0] for r in rows]  # type: ignore[union-attr]
            self._vast["perioden_gesorteerd"] = sorted(codes, key=lambda c: (parse(c).start, -len(c)), reverse=True)
        return self._vast["perioden_gesorteerd"]  # type: ignore[return-value]

    def bewaard(self, key: tuple[object, ...], maak: Callable[[], T]) -> T:
        """``maak()`` once per store version (for pieces that only change with a new delivery)."""
        self.versie()
        if key in self.cache:
            return self.cache[key]  # type: ignore[return-value]
        with self._lock:  # one lock per piece: a second request waits for the first instead of doing it again
            lock = self._maaklocks.setdefault(key, threading.Lock())
        with lock:
            if key not in self.cache:
                self.cache[key] = maak()
            return self.cache[key]  # type: ignore[return-value]

    def standaard_periode(self) -> str:
        """The latest complete tertaal, as the report set uses (else the newest stored period)."""
        code = laatste_volledige_tertaal(self.peildatum()).code
        return code if code in self.perioden() else self.perioden()[0]

    def wijk_namen(self) -> dict[str, str]:
        if "wijknamen" not in self._vast:
            with self.cursor() as cur:
                self._vast["wijknamen"] = labels.wijk_namen(cur)
        return self._vast["wijknamen"]  # type: ignore[return-value]

    def gebied_naam(self, gebied: str) -> str:
        return labels.regio_naam(self.gemeenten()) if gebied == REGIO else labels.gemeente_naam(gebied)

    # -------------------------------------------------------------------------------------------- records

    def records(self, indicator: str) -> list[Record]:
        """Every stored record of one indicator (all periods, areas and its own categories)."""
        self.versie()
        found = self._records.get(indicator)
        if found is None:
            with self.cursor() as cur:
                rows = cur.execute(
                    f"SELECT {_KOLOMMEN} FROM {RESULTS_TABLE} WHERE indicator = ? ORDER BY periode, gemeente, maat",
                    [indicator],
                ).fetchall()
            found = [_record(r) for r in rows]
            self._index[indicator] = {(r.maat, r.periode, r.gemeente, frozenset(r.dimensies.items())): r for r in found}
            self._records[indicator] = found
        return found

    def waarde(self, indicator: str, maat: str | None, periode: str, gebied: str, dims: dict[str, str] | None = None
               ) -> Record | None:  # fmt: skip
        self.records(indicator)
        return self._index.get(indicator, {}).get((maat, periode, gebied, frozenset((dims or {}).items())))

    def split(self, indicator: str, periode: str, dimensie: str) -> list[Record]:
        """The records of ``indicator`` in ``periode`` split by ``dimensie`` (every area), with the totals: from
        the store when it keeps that split, else from one engine run (kept until the store changes)."""
        self.versie()
        stored = [r for r in self.records(indicator) if r.periode == periode and dimensie in r.dimensies]
        totals = [r for r in self.records(indicator) if r.periode == periode and not r.dimensies]
        if stored:
            return totals + stored
        key = (indicator, periode, dimensie)
        if key not in self._splits:
            if indicator not in shipped_families():
                return totals
            with self.rekenlock:
                if key not in self._splits:
                    with self.cursor() as cur:
                        computed = compute(cur, [indicator], [parse(periode)], per=[dimensie])
                    self._splits[key] = [r for r in computed if dimensie in r.dimensies]
        return totals + self._splits[key]

    def inwoners(self, periode: str) -> dict[tuple[str, str | None], float]:
        """Inhabitants aged 0–17 per (area, wijk or None for the area) for the year of ``periode``."""
        ind, maat = INWONERS
        result: dict[tuple[str, str | None], float] = {}
        for r in self.records(ind):
            if r.maat == maat and r.periode == periode and r.waarde is not None:
                result[(r.gemeente, r.dimensies.get("wijk"))] = r.waarde
        return result


def indicator(indicator_id: str) -> Indicator:
    """The catalogue's indicator; a Dutch error when it does not exist."""
    try:
        return shipped_catalog().indicator(indicator_id)
    except KeyError:
        raise UserError(f"onbekende indicator '{indicator_id}'") from None


def per_duizend(waarde: float | None, inwoners: float | None) -> float | None:
    """A count per 1.000 inhabitants: 37 of 2.500 → 14,8."""
    if waarde is None or not inwoners:
        return None
    return waarde / inwoners * 1000
