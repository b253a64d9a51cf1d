"""Running indicators: one query per indicator covers every requested period, municipality and split."""

from __future__ import annotations

import functools
import importlib
import queue
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from datetime import date

import duckdb
import jinja2

from jeugdmonitor.catalog.indicatoren import shipped_catalog
from jeugdmonitor.engine.bases import TOTAAL, Bases, dim_rows_sql
from jeugdmonitor.engine.basis import DIMENSIES, OPEN_END, create_base_views, store_peildatum
from jeugdmonitor.engine.beschikbaarheid import available_inputs, missing_inputs
from jeugdmonitor.engine.families import Computation, shipped_families
from jeugdmonitor.engine.perioden import Periode, create_period_table
from jeugdmonitor.engine.records import REGIO, Record
from jeugdmonitor.engine.uitkomsten import copy_sql, create_sql, insert_sql, not_available_sql, read_records, write_rows
from jeugdmonitor.engine.werkruimte import Werkruimte
from jeugdmonitor.errors import UserError

WORKERS = 2  # connections running indicator queries at once: the cores of the machine the targets are set for
_JINJA = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False)


@functools.cache
def _template(sql: str) -> jinja2.Template:
    """A family's SQL compiled once per process (compiling costs more than rendering)."""
    return _JINJA.from_string(sql)


def render(computation: Computation, dims: Sequence[str], bases: Bases) -> str:
    """The family's SQL for this indicator; the shared tables it names (``zorgperiodes``, ``kostenregels``)
    are built on first use."""
    assert computation.family.sql is not None
    sql = _template(computation.family.sql).render(
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


def _missing(indicator: str, available: set[str]) -> list[str]:
    try:
        described = shipped_catalog().indicator(indicator)
    except KeyError:
        return []  # computed but not (yet) described in the catalogue: nothing to check against
    return missing_inputs(described.vereisten, available)


def prepare(con: duckdb.DuckDBPyConnection, periods: Sequence[Periode], where: str | None = None) -> date:
    """Create the period table and the base views (TEMP, or in the run's scratch database ``where``); return
    the store's peildatum."""
    peildatum = store_peildatum(con)
    create_period_table(con, list(periods), peildatum, where)
    create_base_views(con, peildatum, where)
    return peildatum


def compute(
    con: duckdb.DuckDBPyConnection,
    indicators: Sequence[str],
    periods: Sequence[Periode],
    per: Sequence[str] = (),
    progress: Callable[[str, float], None] | None = None,
) -> list[Record]:
    """Compute ``indicators`` for ``periods`` on the store behind ``con``, split by the dimensions ``per``
    where an indicator supports them; records sorted by indicator, period, municipality (the region last),
    measure and split. ``progress`` is told each indicator's seconds as it finishes."""
    with computed(con, indicators, periods, per, progress) as table:
        return read_records(con, table)


@contextmanager
def computed(
    con: duckdb.DuckDBPyConnection,
    indicators: Sequence[str],
    periods: Sequence[Periode],
    per: Sequence[str] = (),
    progress: Callable[[str, float], None] | None = None,
) -> Iterator[str]:
    """Compute as :func:`compute` does and give the name of the table of records (engine.uitkomsten) while the
    run's scratch database lasts: the caller writes them to the store or counts them in SQL, without Python
    objects."""
    families = shipped_families()
    unknown = [i for i in indicators if i not in families]
    if unknown:
        raise UserError(f"onbekende of (nog) niet berekenbare indicator(en): {', '.join(unknown)}")
    bad = [d for d in per if d not in DIMENSIES and d != "gemeente"]
    if bad:
        raise UserError(f"onbekende dimensie(s): {', '.join(bad)}; kies uit {', '.join(['gemeente', *DIMENSIES])}")
    with Werkruimte(con) as werk:
        prepare(con, periods, werk.name)
        werk.drop_temp_shadows()
        table = f"{werk.name}.uitkomsten"
        con.execute(create_sql(table))
        bases = Bases(werk.cursor(), per, werk)  # a connection of its own: a worker's forecast may build too
        _compute_all(con, werk, table, indicators, per, bases, progress)
        bases.close()
        yield table


def _compute_all(
    con: duckdb.DuckDBPyConnection,
    werk: Werkruimte,
    table: str,
    indicators: Sequence[str],
    per: Sequence[str],
    bases: Bases,
    progress: Callable[[str, float], None] | None,
) -> None:
    """Each indicator's records into ``table``. This thread renders the queries (building the shared tables
    they name); the queries run on WORKERS connections at once, while this thread goes on to the next
    indicator, and the family functions (the forecast) run first, one after the other, on one of them."""
    families = shipped_families()
    available = available_inputs(con)
    written: dict[str, tuple[str, Future[None]]] = {}  # the first indicator and its run per rendered query
    missing = {i: _missing(i, available) for i in indicators}
    functions = [(families[i], [d for d in per if d in families[i].family.dimensies]) for i in indicators
                 if families[i].family.functie and not missing[i]]  # fmt: skip
    # the forecast's variants of one financing after one another: they share its base tables (prognose_sql)
    functions.sort(key=lambda f: str(f[0].params.get("financiering") or ""))
    with _Workers(werk, progress) as workers:
        if functions:  # first, on one worker, one after the other: the forecast overlaps everything else
            workers.call(lambda cursor: _run_functions(cursor, table, functions, bases, progress))
        for indicator in indicators:
            computation = families[indicator]
            if missing[indicator]:
                con.execute(not_available_sql(table, computation, missing[indicator]))
                continue
            if computation.family.functie:
                continue
            dims = [d for d in per if d in computation.family.dimensies]
            sql = render(computation, dims, bases)
            if sql in written:  # defined alike: the first one's records under this identifier
                source, first = written[sql]
                workers.submit(indicator, copy_sql(table, computation, source), after=first)
            else:
                written[sql] = (indicator, workers.submit(indicator, insert_sql(table, computation, sql)))


def _run_functions(cursor: duckdb.DuckDBPyConnection, table: str, functions: list[tuple[Computation, list[str]]],
                   bases: Bases, progress: Callable[[str, float], None] | None) -> None:  # fmt: skip
    for computation, dims in functions:
        _run_function(cursor, table, computation, dims, bases, progress)


def _run_function(con: duckdb.DuckDBPyConnection, table: str, computation: Computation, dims: list[str],
                  bases: Bases, progress: Callable[[str, float], None] | None) -> None:  # fmt: skip
    """A family computed by a Python function (the forecast) on connection ``con``, its rows written as records."""
    started = time.perf_counter()
    module, name = (computation.family.functie or "").split(":")
    write_rows(con, table, computation, getattr(importlib.import_module(module), name)(con, computation, dims, bases))
    if progress is not None:
        progress(computation.indicator, time.perf_counter() - started)


class _Workers:
    """WORKERS threads, each with its own connection to the run (DuckDB releases the GIL while it executes):
    most indicator queries are small and leave a core idle on their own."""

    def __init__(self, werk: Werkruimte, progress: Callable[[str, float], None] | None) -> None:
        self._cursors: queue.SimpleQueue[duckdb.DuckDBPyConnection] = queue.SimpleQueue()
        for _ in range(WORKERS):  # made here: a connection is not to be used from two threads at once
            self._cursors.put(werk.cursor())
        self._local = threading.local()
        self._pool = ThreadPoolExecutor(WORKERS, "jeugdmonitor-engine", initializer=self._take_cursor)
        self._futures: list[Future[None]] = []
        self._progress = progress

    def _take_cursor(self) -> None:
        self._local.cursor = self._cursors.get()

    def call(self, task: Callable[[duckdb.DuckDBPyConnection], None]) -> Future[None]:
        """Run ``task`` on a worker, with the worker's connection."""
        future = self._pool.submit(lambda: task(self._local.cursor))
        self._futures.append(future)
        return future

    def submit(self, indicator: str, sql: str, after: Future[None] | None = None) -> Future[None]:
        """Run an indicator's query on a worker (after ``after`` has finished)."""
        return self.call(lambda cursor: self._run(cursor, indicator, sql, after))

    def _run(self, cursor: duckdb.DuckDBPyConnection, indicator: str, sql: str, after: Future[None] | None) -> None:
        if after is not None:
            after.result()
        started = time.perf_counter()
        cursor.execute(sql)
        if self._progress is not None:
            self._progress(indicator, time.perf_counter() - started)

    def __enter__(self) -> _Workers:
        return self

    def __exit__(self, exc_type: object, *exc: object) -> None:
        """Wait for every query; the first failure is raised (after a failure here, the rest is cancelled)."""
        self._pool.shutdown(wait=True, cancel_futures=exc_type is not None)
        if exc_type is None:
            for future in self._futures:
                future.result()
