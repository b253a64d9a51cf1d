"""The monthly forecast table (Hengelo K13) to the end of the year.

The engine computes K13 per month up to the peildatum (nothing after the peildatum is counted) and the year
forecast with its range (kern.budget: prognose, prognose_laag, prognose_hoog). A council member reading the
table in November wants the months to December: what is committed, what was budgeted, and where the year is
heading. For the months after the peildatum this module adds

- ``verplichtingen`` and ``begroot``: the engine's own K13 series (``engine.prognose.k13_series``), which runs
  to December: the commitments of the running allocations and the phased budget;
- ``prognose``, ``prognose_laag``, ``prognose_hoog``: a straight path from the costs up to the peildatum month
  (realised plus still to be declared: K13's ``verplichtingen`` of that month) to the year forecast and its
  bounds in December, so that December equals the forecast of the budget table.

Only for the peildatum's year (the engine forecasts no other), and only for tables that ask for a forecast
measure.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import duckdb

from jeugdmonitor.catalog.rapporten import Sjabloon, TabelSpec
from jeugdmonitor.engine.perioden import Periode
from jeugdmonitor.engine.prognose import k13_series
from jeugdmonitor.engine.records import Record

PROGNOSE_MATEN = ("prognose", "prognose_laag", "prognose_hoog")
JAAR_INDICATOR = "kern.budget"  # the year forecast and its range
TOELICHTING = "na de peildatum: verplichtingen en begroting volgens de levering, prognose naar de jaarprognose"

# k13_series per (store, peildatum, year): raad and college, and a municipality and the region, share it.
_REEKSEN: dict[tuple[object, ...], list] = {}


def tabellen(sjabloon: Sjabloon) -> list[TabelSpec]:
    """The monthly tables that show a forecast measure."""
    return [
        t
        for h in sjabloon.hoofdstukken
        for s in h.secties
        for t in s.tabellen
        if t.perioden == "maanden" and set(PROGNOSE_MATEN) & set(t.maten)
    ]


def behoeften(sjabloon: Sjabloon, jaar: Periode) -> dict[str, tuple[set[str], set[Periode]]]:
    """What the forecast path needs from the engine: the year's forecast, split like the tables' filter."""
    out: dict[str, tuple[set[str], set[Periode]]] = {}
    for t in tabellen(sjabloon):
        dims, periods = out.setdefault(JAAR_INDICATOR, (set(), set()))
        dims.update(d for d in t.filter if d == "perceel")
        periods.add(jaar)
    return out


def _reeks(con: duckdb.DuckDBPyConnection, sleutel: tuple[object, ...] | None, peildatum: date, jaar: int) -> list:
    key = (sleutel, peildatum, jaar)
    if sleutel is not None and key in _REEKSEN:
        return _REEKSEN[key]
    rows = k13_series(con, peildatum, jaar)
    if sleutel is not None:
        _REEKSEN[key] = rows
    return rows


def _index(records: Iterable[Record]) -> dict[tuple, float]:
    return {
        (r.indicator, r.maat, r.periode, r.gemeente, frozenset(r.dimensies.items())): r.waarde
        for r in records
        if r.waarde is not None and r.status in ("ok", "voorlopig")
    }


def pad(start: float, eind: float, maand_peil: int, maand: int) -> float:
    """The straight path from ``start`` at the peildatum month to ``eind`` in December."""
    return start + (eind - start) * (maand - maand_peil) / (12 - maand_peil)


def aanvullen(
    con: duckdb.DuckDBPyConnection,
    records: list[Record],
    sjabloon: Sjabloon,
    periode: Periode,
    peildatum: date,
    sleutel: tuple[object, ...] | None = None,
) -> list[Record]:
    """The records of the months after the peildatum for every forecast table of the template."""
    jaar, peil = periode.start.year, peildatum.month
    specs = tabellen(sjabloon)
    if not specs or jaar != peildatum.year or peil == 12:
        return []
    index = _index(records)
    areas = sorted({r.gemeente for r in records})
    reeks = _reeks(con, sleutel, peildatum, jaar)
    out: list[Record] = []
    done: set[tuple] = set()
    for spec in specs:
        ind = spec.bronnen[0][0]
        dims = dict(spec.filter)
        perceel = dims.get("perceel", "totaal")
        for gemeente in areas:
            if (ind, gemeente, perceel) in done:
                continue
            done.add((ind, gemeente, perceel))
            out += _maanden(ind, gemeente, dims, perceel, reeks, peil)
            out += _prognose(index, ind, gemeente, dims, jaar, peil)
    return out


def _maanden(ind: str, gemeente: str, dims: dict[str, str], perceel: str, reeks: list, peil: int) -> list[Record]:
    """Commitments and phased budget of the months after the peildatum, from the engine's K13 series."""
    out = []
    for r in reeks:
        if r.maand <= peil or r.perceel != perceel or r.gemeente != gemeente:
            continue
        code = f"{r.jaar}-{r.maand:02d}"
        for maat, value in (("verplichtingen", r.verplichtingen), ("begroot", r.begroot)):
            if value is not None:
                out.append(Record(ind, code, gemeente, "euro", "ok", float(value), maat=maat, dimensies=dims,
                                  toelichting=TOELICHTING))  # fmt: skip
    return out


def _prognose(index: dict[tuple, float], ind: str, gemeente: str, dims: dict[str, str], jaar: int, peil: int) -> list:
    """The forecast path and its bounds from the peildatum month (its costs so far) to December."""
    frozen = frozenset(dims.items())
    start = index.get((ind, "verplichtingen", f"{jaar}-{peil:02d}", gemeente, frozen))
    budget_dims = frozenset((k, v) for k, v in dims.items() if k == "perceel")
    if start is None:
        return []
    out = []
    for maat in PROGNOSE_MATEN:
        eind = index.get((JAAR_INDICATOR, maat, str(jaar), gemeente, budget_dims))
        if eind is None:
            continue
        for maand in range(peil + 1, 13):
            value = pad(start, eind, peil, maand)
            out.append(Record(ind, f"{jaar}-{maand:02d}", gemeente, "euro", "ok", value, maat=maat, dimensies=dims,
                              toelichting=TOELICHTING))  # fmt: skip
    return out
