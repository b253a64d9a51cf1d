"""The forecast (engine.prognose) as indicator records: ``kern.budget``, H10 nr. 37 and 39, and Hengelo's ``K13``.

Rows have the families' shape: periode, gemeente (None = region), dim, dimwaarde, maat, teller, noemer, waarde.
Budget and realisation come from one query over all years, municipalities and percelen; the forecast itself
is made for the peildatum's year (the only year still open), once, for all municipalities and percelen.

The family's parameters: ``bedrag`` and ``financiering`` (the forecast's :class:`Variant`), ``maten`` (kind →
the record's maat; kinds ``budget``, ``realisatie``, ``aandeel`` per year from the budget table and the shared
cost rows, ``prognose``, ``prognose_laag``, ``prognose_hoog``, ``run_rate`` and ``prognose_budget`` (the
budget the forecast is set against) for the peildatum's year) and ``perceel`` (``gevraagd``: split per perceel
when asked, ``altijd``, ``nooit``).
"""

from __future__ import annotations

import duckdb

from jeugdmonitor.engine.bases import Bases
from jeugdmonitor.engine.basis import store_peildatum
from jeugdmonitor.engine.families import Computation
from jeugdmonitor.engine.prognose import Variant, forecast, k13_series
from jeugdmonitor.engine.records import REGIO

Row = tuple[str, str | None, str, str, str, float | None, float | None, float | None]
TOTAAL = "totaal"

_REALISED_AND_BUDGET = """
WITH kosten_jaar AS (
    -- costs by the year the care was delivered in, with the perceel the shared cost rows give them (the
    -- same as hengelo.K2's, so budget and cost tables agree)
    SELECT p.periode, k.gemeente, k.perceel, k.bedrag
    FROM {kostenregel} k
    JOIN perioden p ON p.soort = 'jaar' AND k.maand BETWEEN p.start AND p.eind_eff
),
budget_jaar AS (
    SELECT p.periode, b.gemeente, coalesce(b.perceel, b.productgroep, 'onbekend') AS perceel, b.bedrag
    FROM budget b JOIN perioden p ON p.soort = 'jaar' AND b.jaar = year(p.start)
),
samen AS (
    SELECT periode, gemeente, perceel, bedrag AS realisatie, 0 AS budget FROM kosten_jaar
    UNION ALL
    SELECT periode, gemeente, perceel, 0, bedrag FROM budget_jaar
)
-- per municipality and for the region, per perceel and in total
SELECT periode, gemeente, coalesce(perceel, 'totaal') AS perceel, sum(realisatie), sum(budget)
FROM samen
GROUP BY GROUPING SETS ((periode, gemeente, perceel), (periode, gemeente), (periode, perceel), (periode))
"""


def _split(perceel: str, per_perceel: bool) -> tuple[str, str] | None:
    if perceel == TOTAAL:
        return (TOTAAL, TOTAAL)
    return ("perceel", perceel) if per_perceel else None


def _per_perceel(computation: Computation, dims: list[str]) -> bool:
    wanted = computation.params.get("perceel", "gevraagd")
    return wanted == "altijd" or (wanted == "gevraagd" and "perceel" in dims)


def _realised_and_budget(con: duckdb.DuckDBPyConnection, bases: Bases, maten: dict[str, str],
                         per_perceel: bool) -> list[Row]:  # fmt: skip
    """Per year period: the budget, the realisation (declared costs) and the realisation as a share of it."""
    rows: list[Row] = []
    query = _REALISED_AND_BUDGET.format(kostenregel=bases.kostenregels())
    for periode, gemeente, perceel, realisatie, begroot in con.execute(query).fetchall():
        split = _split(perceel, per_perceel)
        if split is None:
            continue
        realisatie = float(realisatie or 0)
        begroot = float(begroot) if begroot else None
        values = {
            "budget": (begroot, None, begroot),
            "realisatie": (realisatie, None, realisatie),
            "aandeel": (realisatie, begroot, 100 * realisatie / begroot if begroot else None),
        }
        rows += [(periode, gemeente, *split, maten[k], *values[k]) for k in values if k in maten]
    return rows


def budget(con: duckdb.DuckDBPyConnection, computation: Computation, dims: list[str], bases: Bases) -> list[Row]:
    params = computation.params
    maten: dict[str, str] = params["maten"]
    per_perceel = _per_perceel(computation, dims)
    rows: list[Row] = []
    if {"budget", "realisatie", "aandeel"} & set(maten):
        rows += _realised_and_budget(con, bases, maten, per_perceel)
    if not {"prognose", "prognose_laag", "prognose_hoog", "run_rate", "prognose_budget"} & set(maten):
        return rows
    peildatum = store_peildatum(con)
    current = con.execute("SELECT periode FROM perioden WHERE soort = 'jaar' AND year(start) = ?",
                          [peildatum.year]).fetchone()  # fmt: skip
    if current is None:
        return rows
    variant = Variant(params.get("bedrag", "declaratie"), params.get("financiering"))
    for f in forecast(con, peildatum=peildatum, jaar=peildatum.year, variant=variant, hergebruik=True):
        split = _split(f.perceel, per_perceel)
        if split is None:
            continue
        gemeente = None if f.gemeente == REGIO else f.gemeente
        values = {"prognose": f.prognose, "prognose_laag": f.prognose_laag, "prognose_hoog": f.prognose_hoog,
                  "run_rate": f.run_rate, "prognose_budget": f.begroot}  # fmt: skip
        for kind, value in values.items():
            # no range without earlier years to measure the method's error on; no budget when none is given
            if kind in maten and value is not None:
                rows.append((current[0], gemeente, *split, maten[kind], value, None, value))
    return rows


def k13(con: duckdb.DuckDBPyConnection, computation: Computation, dims: list[str], bases: Bases) -> list[Row]:
    """Per month period: cumulative gerealiseerd, verplichtingen and begroot of its year (Hengelo table 2.2.1)."""
    per_perceel = "perceel" in dims
    peildatum = store_peildatum(con)
    months = con.execute("SELECT periode, year(start), month(start) FROM perioden WHERE soort = 'maand'").fetchall()
    wanted = {(jaar, maand): periode for periode, jaar, maand in months}
    rows: list[Row] = []
    for jaar in sorted({j for j, _ in wanted}):  # a handful of years at most; each series is one set-based run
        for r in k13_series(con, peildatum, jaar, hergebruik=True):  # within a run: the tables of kern.budget
            periode = wanted.get((r.jaar, r.maand))
            split = _split(r.perceel, per_perceel)
            if periode is None or split is None:
                continue
            gemeente = None if r.gemeente == REGIO else r.gemeente
            for maat, value in (("gerealiseerd", r.gerealiseerd), ("verplichtingen", r.verplichtingen),
                                ("begroot", r.begroot)):  # fmt: skip
                rows.append((periode, gemeente, *split, maat, value, None, value))
    return rows
