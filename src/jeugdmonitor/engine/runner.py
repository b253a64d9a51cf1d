"""Running indicators: one query per indicator covers every requested period, municipality and split."""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable, Iterable, Sequence
from datetime import date

import duckdb
import jinja2

from jeugdmonitor.catalog.indicatoren import shipped_catalog
from jeugdmonitor.engine.bases import TOTAAL, Bases, dim_rows_sql
from jeugdmonitor.engine.basis import DIMENSIES, OPEN_END, create_base_views, store_peildatum
from jeugdmonitor.engine.beschikbaarheid import available_inputs, missing_inputs
from jeugdmonitor.engine.families import Computation, shipped_families
from jeugdmonitor.engine.perioden import PERIOD_TABLE, Periode, create_period_table
from jeugdmonitor.engine.records import REGIO, Record
from jeugdmonitor.errors import UserError

_JINJA = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False)


def render(computation: Computation, dims: Sequence[str], bases: Bases) -> str:
    """The family's SQL for this indicator; the shared tables it names (``zorgperiodes``, ``kostenregels``)
    are built on first use."""
    assert computation.family.sql is not None
    sql = _JINJA.from_string(computation.family.sql).render(
        params=computation.params,
        dims=list(dims),
        dim_rows=dim_rows_sql(dims),
        open_end=OPEN_END,
        regio=REGIO,
        zorgperiodes=bases.zorgperiodes,
        zorgstanden=bases.zorgstanden,
        kostenclienten=bases.kostenclienten,
        kostenregels=bases.kostenregels,
        inwoners=bases.inwoners,
        dim_names=", ".join(f"'{d}'" for d in (TOTAAL, *dims)),
        dimensie_sql={name: d.sql for name, d in DIMENSIES.items()},
    )
    return f"-- familie {computation.family.name} ({computation.family.source})\n{sql}"


def _records(computation: Computation, rows: Iterable[tuple], voorlopig: set[str]) -> list[Record]:
    out = []
    for periode, gemeente, dim, dimwaarde, maat, teller, noemer, waarde in rows:
        out.append(
            Record(
                indicator=computation.indicator,
                periode=periode,
                gemeente=gemeente or REGIO,
                eenheid=computation.unit(maat),
                status="voorlopig" if periode in voorlopig else "ok",
                waarde=None if waarde is None else float(waarde),
                teller=None if teller is None else float(teller),
                noemer=None if noemer is None else float(noemer),
                maat=maat,
                dimensies={} if dim == TOTAAL else {dim: dimwaarde},
                toelichting="periode afgekapt op de peildatum" if periode in voorlopig else "",
            )
        )
    return out


def _sort_key(r: Record) -> tuple:
    # a record has at most a few splits; sorting them only when there are several saves a call per record
    dims = r.dimensies
    return (r.indicator, r.periode, r.gemeente == REGIO, r.gemeente, r.maat or "",
            sorted(dims.items()) if len(dims) > 1 else list(dims.items()))  # fmt: skip


def select_indicators(set_: str | None, ids: Sequence[str]) -> tuple[list[str], list[str]]:
    """The indicators to compute for a set or a list of ids (all computable ones when neither is given), and
    the ids of the set that cannot be computed yet."""
    families = shipped_families()
    if ids:
        return list(ids), []
    if set_ is None:
        return sorted(families), []
    in_set = sorted(i.id for i in shipped_catalog().indicatoren if i.id.split(".")[0] == set_)
    in_set += sorted(i for i in families if i.split(".")[0] == set_ and i not in in_set)
    if not in_set:
        raise UserError(f"onbekende set '{set_}'")
    return [i for i in in_set if i in families], [i for i in in_set if i not in families]


def _rows(con: duckdb.DuckDBPyConnection, computation: Computation, dims: list[str], bases: Bases) -> list[tuple]:
    """The family's rows: its SQL rendered and run once, or its function called once."""
    if computation.family.functie:
        module, name = computation.family.functie.split(":")
        return getattr(importlib.import_module(module), name)(con, computation, dims, bases)
    sql = render(computation, dims, bases)
    if sql not in bases.results:  # two indicators with the same definition (h10.21 and h10.31) share one query
        bases.results[sql] = con.execute(sql).fetchall()
    return bases.results[sql]


def _missing(indicator: str, available: set[str]) -> list[str]:
    try:
        described = shipped_catalog().indicator(indicator)
    except KeyError:
        return []  # computed but not (yet) described in the catalogue: nothing to check against
    return missing_inputs(described.vereisten, available)


def _not_available(con: duckdb.DuckDBPyConnection, computation: Computation, missing: list[str]) -> list[Record]:
    """One record per period and area saying what is missing (never a zero)."""
    periods = [r[0] for r in con.execute(f"SELECT periode FROM {PERIOD_TABLE} ORDER BY start, eind").fetchall()]
    areas = [r[0] for r in con.execute(
        "SELECT DISTINCT g FROM _leveringen, unnest(gemeenten) AS u(g) ORDER BY g").fetchall()]  # fmt: skip
    text = "niet beschikbaar: de levering bevat geen " + ", ".join(missing)
    return [
        Record(computation.indicator, periode, gemeente, computation.eenheid, "niet_beschikbaar", toelichting=text)
        for periode in periods
        for gemeente in [*areas, REGIO]
    ]


def prepare(con: duckdb.DuckDBPyConnection, periods: Sequence[Periode]) -> date:
    """Create the period table and the base views; return the store's peildatum."""
    peildatum = store_peildatum(con)
    create_period_table(con, list(periods), peildatum)
    create_base_views(con, peildatum)
    return peildatum


def compute(
    con: duckdb.DuckDBPyConnection,
    indicators: Sequence[str],
    periods: Sequence[Periode],
    per: Sequence[str] = (),
    progress: Callable[[str, float], None] | None = None,
) -> list[Record]:
    """Compute ``indicators`` for ``periods`` on the store behind ``con``, split by the dimensions ``per``
    where an indicator supports them; records sorted by indicator, period, municipality and split.
    ``progress`` is told each indicator's seconds as it finishes."""
    families = shipped_families()
    unknown = [i for i in indicators if i not in families]
    if unknown:
        raise UserError(f"onbekende of (nog) niet berekenbare indicator(en): {', '.join(unknown)}")
    bad = [d for d in per if d not in DIMENSIES and d != "gemeente"]
    if bad:
        raise UserError(f"onbekende dimensie(s): {', '.join(bad)}; kies uit {', '.join(['gemeente', *DIMENSIES])}")
    prepare(con, periods)
    voorlopig = {r[0] for r in con.execute(f"SELECT periode FROM {PERIOD_TABLE} WHERE voorlopig").fetchall()}
    bases = Bases(con, per)
    try:
        records = _compute_all(con, indicators, per, bases, voorlopig, progress)
    finally:
        bases.close()
    records.sort(key=_sort_key)
    return records


def _compute_all(
    con: duckdb.DuckDBPyConnection,
    indicators: Sequence[str],
    per: Sequence[str],
    bases: Bases,
    voorlopig: set[str],
    progress: Callable[[str, float], None] | None,
) -> list[Record]:
    families = shipped_families()
    available = available_inputs(con)
    records: list[Record] = []
    for indicator in indicators:
        computation = families[indicator]
        missing = _missing(indicator, available)
        if missing:
            records += _not_available(con, computation, missing)
            continue
        dims = [d for d in per if d in computation.family.dimensies]
        started = time.perf_counter()
        records += _records(computation, _rows(con, computation, dims, bases), voorlopig)
        if progress is not None:  # the benchmark's per-indicator times
            progress(indicator, time.perf_counter() - started)
    return records
