"""Year-end cost forecast (jaarprognose, indicatoren.md §6) per gemeente (and 'regio') and perceel (and
'totaal'), and the monthly series of the Hengelo table K13.

prognose = gerealiseerd (booked by the peildatum) + nog_te_declareren (declaration lag, Bornhuetter-Ferguson
on completion shares from earlier years) + verplichtingen (running allocations' P×Q to their end or the year
end × the realisation ratio of earlier years, plus non-client-bound costs at their run-rate) +
verwachte_instroom (later starts, from the seasonal pattern of earlier years). The range comes from the
errors of the same method at the same month in earlier years (backtest). SQL: ``prognose_sql``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb

from jeugdmonitor.engine import prognose_sql
from jeugdmonitor.engine.prognose_backtest import MIN_TOTAAL, BacktestRij, backtest, backtest_years
from jeugdmonitor.engine.prognose_sql import Variant

__all__ = ["BacktestRij", "K13Rij", "PrognoseRij", "Variant", "backtest", "forecast", "k13_series"]

MAANDEN = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
           "november", "december")  # fmt: skip
MIN_FOUTEN = 3  # errors needed for a range
ALLES = Variant()  # the default forecast: all costs, as declared


@dataclass(frozen=True)
class PrognoseRij:
    jaar: int
    peildatum: date
    gemeente: str  # CBS code or 'regio'
    perceel: str  # or 'totaal'
    gerealiseerd: float
    nog_te_declareren: float
    verplichtingen: float
    verwachte_instroom: float
    prognose: float
    prognose_laag: float | None
    prognose_hoog: float | None
    begroot: float | None
    run_rate: float
    methode: str


@dataclass(frozen=True)
class K13Rij:
    jaar: int
    gemeente: str
    perceel: str
    maand: int
    gerealiseerd: float | None  # cumulative, None after the peildatum's month
    verplichtingen: float  # cumulative: realised + still to declare, then the running commitments per month
    begroot: float | None  # cumulative phased budget


RANGE_SQL = f"""
-- relative errors (final as known at the peildatum ÷ forecast - 1) of the backtest points, pooled per
-- perceel over the municipalities and the region; 10th and 90th percentile
SELECT u.perceel, quantile_cont(f.finaal / u.prognose - 1, 0.1) AS q10,
    quantile_cont(f.finaal / u.prognose - 1, 0.9) AS q90, count(*) AS n
FROM _prognose_uitkomst AS u
JOIN _prognose_punten AS pt ON pt.punt = u.punt AND u.punt > 0
JOIN (
    SELECT jaar, coalesce(gemeente, 'regio') AS gemeente, coalesce(perceel, 'totaal') AS perceel,
        sum(bedrag) AS finaal
    FROM _prognose_kosten WHERE boekdatum <= $peil
    GROUP BY GROUPING SETS ((jaar, gemeente, perceel), (jaar, gemeente), (jaar, perceel), (jaar))
) AS f ON f.jaar = pt.jaar AND f.gemeente = u.gemeente AND f.perceel = u.perceel
WHERE f.finaal >= {MIN_TOTAAL} AND u.prognose > 0
GROUP BY u.perceel
"""

BUDGET_SQL = """
-- the year's budget per gemeente and perceel, with 'regio' and 'totaal'
SELECT coalesce(gemeente, 'regio') AS gemeente, coalesce(perceel, 'totaal') AS perceel, sum(bedrag)::DOUBLE
FROM budget WHERE jaar = $jaar AND perceel IS NOT NULL
GROUP BY GROUPING SETS ((gemeente, perceel), (gemeente), (perceel), ())
"""


def _has_table(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    row = con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = ? AND NOT temporary", [name]).fetchone()
    return bool(row and row[0])


PGB_BUDGET_SQL = """
-- the year's PGB budget per gemeente, with 'regio', as perceel 'totaal': the gemeente's budget rows with
-- financiering PGB; for a gemeente without those, the budgets granted in table pgb (the grant's gemeente, else
-- the young person's), each pro rata to the days of its grant (begindatum to einddatum; without einddatum one
-- year) that lie in the year
WITH begroot AS (
    SELECT gemeente, sum(bedrag)::DOUBLE AS bedrag
    FROM budget WHERE jaar = $jaar AND financiering = 'PGB' GROUP BY ALL
), toegekend AS (
    SELECT gemeente, sum(budget * greatest(0, date_diff('day', greatest(begindatum, make_date($jaar, 1, 1)),
        least(eind, make_date($jaar, 12, 31))) + 1) / (date_diff('day', begindatum, eind) + 1))::DOUBLE AS bedrag
    FROM (SELECT coalesce(p.gemeente, y.gemeente) AS gemeente, p.budget, p.begindatum,
                 coalesce(p.einddatum, p.begindatum + 364) AS eind
          FROM pgb AS p LEFT JOIN jeugdigen AS y ON y.client = p.client
          WHERE p.begindatum IS NOT NULL AND p.budget IS NOT NULL
            AND coalesce(p.einddatum, p.begindatum) >= p.begindatum)
    WHERE gemeente IS NOT NULL AND gemeente NOT IN (SELECT gemeente FROM begroot)
    GROUP BY ALL
)
SELECT coalesce(gemeente, 'regio') AS gemeente, 'totaal' AS perceel, sum(bedrag)
FROM (SELECT * FROM begroot UNION ALL SELECT * FROM toegekend)
GROUP BY GROUPING SETS ((gemeente), ())
"""


def _budget(con: duckdb.DuckDBPyConnection, jaar: int, variant: Variant = ALLES) -> dict[tuple[str, str], float]:
    if variant.financiering == "PGB":
        if not (_has_table(con, "budget") and _has_table(con, "pgb")):
            return {}
        rows = con.execute(PGB_BUDGET_SQL, {"jaar": jaar}).fetchall()
    elif variant.financiering is None and _has_table(con, "budget"):
        rows = con.execute(BUDGET_SQL, {"jaar": jaar}).fetchall()
    else:
        return {}  # no budget for ZIN alone
    return {(g, p): float(b) for g, p, b in rows if b is not None}


def _history_years(con: duckdb.DuckDBPyConnection, jaar: int) -> list[int]:
    rows = con.execute("SELECT DISTINCT jaar FROM _prognose_kosten WHERE jaar < ? ORDER BY jaar", [jaar]).fetchall()
    return [int(r[0]) for r in rows]


def _span(years: list[int]) -> str:
    return str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"


def methode(jaar: int, peildatum: date, history: list[int], range_years: list[int]) -> str:
    """A short Dutch description of how the forecast was made."""
    pm = prognose_sql.point_row(0, jaar, peildatum)[2]
    basis = f"Gerealiseerd t/m {MAANDEN[int(pm) - 1]} {jaar} (geboekt op {peildatum:%d-%m-%Y})"
    if not history:
        return (
            f"{basis}, plus lopende toewijzingen tot einddatum of jaareinde tegen volume × tarief (zonder "
            "correctie) en niet-cliëntgebonden kosten doorgetrokken. Geen eerdere jaren: geen correctie voor "
            "declaratievertraging en geen verwachte instroom; geen bandbreedte."
        )
    jaren = _span(history)
    tekst = (
        f"{basis}, plus nog te declareren kosten (declaratievertraging per perceel uit {jaren}), lopende "
        f"toewijzingen tot einddatum of jaareinde (volume × tarief × realisatiegraad {jaren}), "
        f"niet-cliëntgebonden kosten doorgetrokken en verwachte instroom (seizoenspatroon {jaren})."
    )
    if range_years:
        return f"{tekst} Bandbreedte: 10e–90e percentiel van de afwijking in {_span(range_years)}."
    return f"{tekst} Geen bandbreedte: te weinig eerdere jaren om de methode te toetsen."


def _prepare_point(
    con: duckdb.DuckDBPyConnection, peildatum: date, jaar: int, variant: Variant, hergebruik: bool = False
) -> list[int]:
    """Compute point 0 (the forecast) and the backtest points at the same month of earlier years."""
    prognose_sql.prepare(con, variant, hergebruik)
    pm = int(prognose_sql.point_row(0, jaar, peildatum)[2])
    range_years = backtest_years(con, date(jaar, 1, 1))
    points = [(jaar, peildatum)] + [(y, prognose_sql.month_end(y, pm)) for y in range_years]
    prognose_sql.compute(con, points)
    return range_years


def forecast(
    con: duckdb.DuckDBPyConnection,
    *,
    peildatum: date,
    jaar: int | None = None,
    variant: Variant = ALLES,
    hergebruik: bool = False,
) -> list[PrognoseRij]:
    """The year-end forecast of ``jaar`` (default: the peildatum's year) as of ``peildatum``, per gemeente
    (and 'regio') and perceel (and 'totaal'), of the costs ``variant`` names (default: all, as declared).
    ``hergebruik``: see :func:`jeugdmonitor.engine.prognose_sql.prepare`."""
    jaar = jaar or peildatum.year
    range_years = _prepare_point(con, peildatum, jaar, variant, hergebruik)
    spread = {p: (lo, hi) for p, lo, hi, n in con.execute(RANGE_SQL, {"peil": peildatum}).fetchall() if n >= MIN_FOUTEN}
    tekst = methode(jaar, peildatum, _history_years(con, jaar), range_years if spread else [])
    budget = _budget(con, jaar, variant)
    rows = con.execute(
        "SELECT gemeente, perceel, gerealiseerd, nog_te_declareren, verplichtingen, verwachte_instroom, prognose, "
        "run_rate FROM _prognose_uitkomst WHERE punt = 0 ORDER BY gemeente = 'regio', gemeente, "
        "perceel = 'totaal', perceel"
    ).fetchall()
    out = []
    for g, p, real, nog, verpl, instr, prog, rr in rows:
        lo_hi = spread.get(p)
        laag = min(prog, prog * (1 + lo_hi[0])) if lo_hi else None
        hoog = max(prog, prog * (1 + lo_hi[1])) if lo_hi else None
        out.append(
            PrognoseRij(jaar, peildatum, g, p, real, nog, verpl, instr, prog, laag, hoog, budget.get((g, p)), rr, tekst)
        )
    return out


K13_SQL = """
-- per gemeente, perceel and month of the year: realised, and realised + still to declare (point 0)
WITH verleden AS (
    SELECT gemeente, perceel, mi % 12 + 1 AS maand, sum(g) AS g, sum(g + nog) AS gn, sum(g_nc) AS g_nc
    FROM _prognose_maand WHERE punt = 0 GROUP BY ALL
),
-- running allocations' expected costs in each later month of the year: P×Q of the days after the
-- peildatum up to the allocation's end × the realisation ratio
toekomst AS (
    SELECT t.gemeente, t.perceel, m.maand,
        sum(t.per_dag * coalesce(p.r, 1) * greatest(0, date_diff('day',
            greatest(pt.peil, make_date(pt.jaar, m.maand, 1) - 1),
            least(coalesce(t.toewijzing_einddatum, make_date(pt.jaar, 12, 31)),
                  last_day(make_date(pt.jaar, m.maand, 1)))))) AS v
    FROM _prognose_punten AS pt
    CROSS JOIN range(1, 13) AS m(maand)
    JOIN _prognose_trajecten AS t ON t.begindatum <= pt.peil AND coalesce(t.einddatum, DATE '9999-12-31') > pt.peil
    LEFT JOIN _prognose_param AS p ON p.punt = 0 AND p.perceel = t.perceel
    WHERE pt.punt = 0 AND m.maand > pt.pm AND t.per_dag IS NOT NULL
    GROUP BY ALL
),
-- non-client-bound costs continue at their run-rate
nc AS (
    SELECT v.gemeente, v.perceel, sum(v.g_nc) / pt.maanden AS per_maand
    FROM verleden AS v JOIN _prognose_punten AS pt ON pt.punt = 0 GROUP BY v.gemeente, v.perceel, pt.maanden
),
cellen AS (SELECT gemeente, perceel FROM verleden UNION SELECT gemeente, perceel FROM toekomst),
grid AS (
    SELECT c.gemeente, c.perceel, m.maand,
        CASE WHEN m.maand <= pt.pm THEN coalesce(v.g, 0) END AS g,
        CASE WHEN m.maand <= pt.pm THEN coalesce(v.gn, 0)
             ELSE coalesce(t.v, 0) + coalesce(nc.per_maand, 0) END AS verpl
    FROM cellen AS c
    CROSS JOIN range(1, 13) AS m(maand)
    JOIN _prognose_punten AS pt ON pt.punt = 0
    LEFT JOIN verleden AS v ON v.gemeente = c.gemeente AND v.perceel = c.perceel AND v.maand = m.maand
    LEFT JOIN toekomst AS t ON t.gemeente = c.gemeente AND t.perceel = c.perceel AND t.maand = m.maand
    LEFT JOIN nc ON nc.gemeente = c.gemeente AND nc.perceel = c.perceel
),
-- with 'regio' and 'totaal'
samen AS (
    SELECT coalesce(gemeente, 'regio') AS gemeente, coalesce(perceel, 'totaal') AS perceel, maand,
        sum(g) AS g, sum(verpl) AS verpl
    FROM grid GROUP BY GROUPING SETS ((gemeente, perceel, maand), (gemeente, maand), (perceel, maand), (maand))
)
-- cumulative over the months
SELECT gemeente, perceel, maand,
    CASE WHEN g IS NOT NULL THEN sum(g) OVER w END AS gerealiseerd, sum(verpl) OVER w AS verplichtingen
FROM samen
WINDOW w AS (PARTITION BY gemeente, perceel ORDER BY maand)
"""

FASERING_SQL = """
-- budget per month: budget.maand when given; else the year's budget by the previous year's monthly pattern
-- of costs (as known at the peildatum); else evenly
WITH b AS (
    SELECT gemeente, perceel, maand, sum(bedrag)::DOUBLE AS bedrag
    FROM budget WHERE jaar = $jaar AND perceel IS NOT NULL GROUP BY ALL
), jaarbudget AS (
    SELECT gemeente, perceel, sum(bedrag) AS bedrag, bool_and(maand IS NOT NULL) AS per_maand
    FROM b GROUP BY ALL
), vorig AS (
    SELECT gemeente, perceel, mnd AS maand, sum(bedrag) / sum(sum(bedrag)) OVER (PARTITION BY gemeente, perceel)
        AS aandeel
    FROM _prognose_kosten WHERE jaar = $jaar - 1 AND boekdatum <= $peil GROUP BY gemeente, perceel, mnd
), fase AS (
    SELECT j.gemeente, j.perceel, m.maand,
        CASE WHEN j.per_maand THEN coalesce(b.bedrag, 0)
             WHEN j.heeft_vorig THEN j.bedrag * coalesce(v.aandeel, 0)
             ELSE j.bedrag / 12 END AS bedrag
    FROM (
        SELECT *, EXISTS (SELECT 1 FROM vorig AS x WHERE x.gemeente = jb.gemeente AND x.perceel = jb.perceel
            AND x.aandeel IS NOT NULL) AS heeft_vorig
        FROM jaarbudget AS jb
    ) AS j
    CROSS JOIN range(1, 13) AS m(maand)
    LEFT JOIN b ON j.per_maand AND b.gemeente = j.gemeente AND b.perceel = j.perceel AND b.maand = m.maand
    LEFT JOIN vorig AS v ON v.gemeente = j.gemeente AND v.perceel = j.perceel AND v.maand = m.maand
), samen AS (
    SELECT coalesce(gemeente, 'regio') AS gemeente, coalesce(perceel, 'totaal') AS perceel, maand,
        sum(bedrag) AS bedrag
    FROM fase GROUP BY GROUPING SETS ((gemeente, perceel, maand), (gemeente, maand), (perceel, maand), (maand))
)
SELECT gemeente, perceel, maand, sum(bedrag) OVER (PARTITION BY gemeente, perceel ORDER BY maand) FROM samen
"""


def k13_series(
    con: duckdb.DuckDBPyConnection, peildatum: date, jaar: int | None = None, hergebruik: bool = False
) -> list[K13Rij]:
    """Table K13 (Hengelo 2.2.1): per month of the year the cumulative realised costs, commitments and
    phased budget, per gemeente (and 'regio') and perceel (and 'totaal')."""
    jaar = jaar or peildatum.year
    prognose_sql.prepare(con, hergebruik=hergebruik)
    prognose_sql.compute(con, [(jaar, peildatum)])
    budget: dict[tuple[str, str, int], float] = {}
    if _has_table(con, "budget"):
        for g, p, m, b in con.execute(FASERING_SQL, {"jaar": jaar, "peil": peildatum}).fetchall():
            budget[(g, p, int(m))] = float(b)
    rows = con.execute(f"{K13_SQL} ORDER BY gemeente = 'regio', gemeente, perceel = 'totaal', perceel, maand")
    return [
        K13Rij(jaar, g, p, int(m), real, float(verpl), budget.get((g, p, int(m))))
        for g, p, m, real, verpl in rows.fetchall()
    ]
