"""The SQL of the year-end forecast (jaarprognose, indicatoren.md §6), set-based over forecast points.

A forecast *point* is (jaar, peildatum): the forecast of year ``jaar`` as it is made on ``peildatum``, using
only costs booked by then (``boekdatum``), trajectories started by then, and parameters estimated from the
years before ``jaar``. One run computes any number of points for all municipalities and percelen at once:
the real forecast and its backtest points (for the range), or all backtest points of the backtest. A
:class:`Variant` says what is forecast: the declared amounts (default) or P×Q, of all costs or of one form of
financing (PGB).

Month index ``mi = jaar * 12 + maand - 1``. Everything lives in temp tables prefixed ``_prognose_``, so a
store opened read-only works.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

import duckdb

MAX_LAG = 24  # months of declaration lag the chain-ladder follows; later bookings are left out (tail)


@dataclass(frozen=True)
class Variant:
    """What is forecast: the amount of a cost row (``declaratie``: the declared amount; ``pxq``: the delivered
    volume × the trajectory's tariff, with the sign of the declared amount, else the declared amount — H10
    nr. 36/37), and optionally one form of financing (``PGB``: the PGB costs and the PGB allocations only)."""

    bedrag: Literal["declaratie", "pxq"] = "declaratie"
    financiering: Literal["PGB", "ZIN"] | None = None


def _financing_sql(variant: Variant) -> tuple[str, str]:
    """(filter on trajectories j, filter on cost rows k with their trajectory t) for the variant's financing:
    a cost row's financing is its own, else PGB for soort 'pgb', else its trajectory's, else ZIN (engine.bases)."""
    if variant.financiering is None:
        return "TRUE", "TRUE"
    f = variant.financiering
    return (
        f"coalesce(j.financiering, 'ZIN') = '{f}'",
        f"coalesce(k.financiering, CASE WHEN k.soort = 'pgb' THEN 'PGB' END, t.financiering, 'ZIN') = '{f}'",
    )


def base_sql(variant: Variant) -> str:
    """The base temp tables of the forecast for ``variant``: those of its financing, then those of its amount."""
    return basis_sql(variant) + amount_sql(variant)


def basis_sql(variant: Variant) -> str:
    """The base temp tables that depend on the variant's financing only (see the comments in the SQL): the cost
    rows carry both amounts, so the declared amount and P×Q share them."""
    traject_filter, kosten_filter = _financing_sql(variant)
    return f"""
-- every started trajectory with its perceel, its financing and tariff, and its allocated cost per day (P×Q):
-- volume × tarief per frequentie (WMO757: 1 per dag, 2 per week, 4 per maand, 6 totaal over the allocation's
-- duration)
CREATE OR REPLACE TEMP TABLE _prognose_alle_trajecten AS
SELECT
    j.traject_id,
    j.gemeente,
    coalesce(pk.perceel, 'onbekend') AS perceel,
    j.begindatum,
    j.einddatum,
    j.toewijzing_einddatum,
    {"j.financiering" if variant.financiering else "NULL::VARCHAR"} AS financiering,
    j.tarief::DOUBLE AS tarief,
    (CASE j.frequentie
        WHEN '1' THEN j.volume * j.tarief
        WHEN '2' THEN j.volume * j.tarief / 7
        WHEN '4' THEN j.volume * j.tarief * 12 / 365.25
        WHEN '6' THEN j.volume * j.tarief
            / (date_diff('day', j.begindatum, coalesce(j.toewijzing_einddatum, j.begindatum + 364)) + 1)
    END)::DOUBLE AS per_dag,
    {traject_filter} AS in_variant
FROM jeugdhulp AS j
LEFT JOIN product_klasse AS pk
    ON pk.product = j.product AND pk.productcategorie IS NOT DISTINCT FROM j.productcategorie
WHERE j.begindatum IS NOT NULL;

-- the trajectories of the variant (its financing): the allocations whose commitments are forecast
CREATE OR REPLACE TEMP VIEW _prognose_trajecten AS
SELECT * FROM _prognose_alle_trajecten WHERE in_variant;

-- cost rows of the variant's financing with gemeente, perceel, month of care (mi) and month of booking (bmi),
-- and both amounts (declared; P×Q: volume × tariff with the sign of the declared amount, else the declared
-- amount); the begin and end of the trajectory when it has an allocation with P×Q (so its later costs count as
-- 'lopend'). The perceel follows the rule of the engine's cost rows (engine.bases): the row's, else its
-- trajectory's, else the catalogue's for the row's product
CREATE OR REPLACE TEMP TABLE _prognose_kosten_basis AS
SELECT
    coalesce(k.gemeente, t.gemeente) AS gemeente,
    coalesce(k.perceel, nullif(t.perceel, 'onbekend'), pk.perceel, 'onbekend') AS perceel,
    year(k.maand)::INTEGER AS jaar,
    month(k.maand)::INTEGER AS mnd,
    (year(k.maand) * 12 + month(k.maand) - 1)::INTEGER AS mi,
    coalesce(k.boekdatum, k.maand) AS boekdatum,
    (year(coalesce(k.boekdatum, k.maand)) * 12 + month(coalesce(k.boekdatum, k.maand)) - 1)::INTEGER AS bmi,
    k.bedrag::DOUBLE AS bedrag_declaratie,
    coalesce(sign(k.bedrag) * abs(k.volume) * t.tarief, k.bedrag)::DOUBLE AS bedrag_pxq,
    (k.traject_id IS NOT NULL OR k.client IS NOT NULL) AS clientgebonden,
    CASE WHEN t.per_dag IS NOT NULL THEN t.begindatum END AS begindatum,
    CASE WHEN t.per_dag IS NOT NULL THEN coalesce(t.einddatum, DATE '9999-12-31') END AS einddatum
FROM kosten AS k
LEFT JOIN _prognose_alle_trajecten AS t ON t.traject_id = k.traject_id
LEFT JOIN (SELECT product, any_value(perceel) AS perceel FROM product_klasse GROUP BY product) AS pk
    ON pk.product = k.product
WHERE k.maand IS NOT NULL AND k.bedrag IS NOT NULL AND {kosten_filter};

-- history moments: the end of every month of every year with costs
CREATE OR REPLACE TEMP TABLE _prognose_momenten AS
SELECT j.jaar, m.pm, last_day(make_date(j.jaar, m.pm, 1)) AS peil, make_date(j.jaar, 12, 31) AS jaareinde
FROM (SELECT DISTINCT jaar FROM _prognose_kosten_basis) AS j
CROSS JOIN range(1, 13) AS m(pm);

-- raw commitments (P×Q) at each moment, per perceel: allocations running then, to their end or year end
CREATE OR REPLACE TEMP TABLE _prognose_vraw_moment AS
SELECT m.jaar, m.pm, t.perceel,
    sum(t.per_dag * greatest(0, date_diff('day', m.peil,
        least(coalesce(t.toewijzing_einddatum, m.jaareinde), m.jaareinde)))) AS vraw
FROM _prognose_momenten AS m
JOIN _prognose_trajecten AS t ON t.begindatum <= m.peil AND coalesce(t.einddatum, DATE '9999-12-31') > m.peil
WHERE t.per_dag IS NOT NULL
GROUP BY ALL;

-- allocated P×Q per gemeente, perceel and month of care: per_dag × the days the trajectory was active in
-- that month (open trajectories up to the last month with costs); the exposure behind the lag correction
CREATE OR REPLACE TEMP TABLE _prognose_pxq_maand AS
WITH t AS (
    SELECT gemeente, perceel, per_dag, begindatum, coalesce(einddatum, DATE '9999-12-31') AS eind,
        (year(begindatum) * 12 + month(begindatum) - 1)::INTEGER AS mi_begin,
        least(year(coalesce(einddatum, DATE '9999-12-31')) * 12 + month(coalesce(einddatum, DATE '9999-12-31')) - 1,
              (SELECT max(mi) FROM _prognose_kosten_basis))::INTEGER AS mi_eind
    FROM _prognose_trajecten WHERE per_dag IS NOT NULL
), m AS (
    SELECT *, unnest(range(mi_begin, mi_eind + 1)) AS mi FROM t WHERE mi_eind >= mi_begin
)
SELECT gemeente, perceel, mi,
    sum(per_dag * (date_diff('day',
        greatest(begindatum, make_date(mi // 12, mi % 12 + 1, 1)),
        least(eind, last_day(make_date(mi // 12, mi % 12 + 1, 1)))) + 1)) AS pxq
FROM m GROUP BY ALL;
"""


def amount_sql(variant: Variant) -> str:
    """The base temp tables that depend on the variant's amount: the cost rows with it as ``bedrag`` (a view),
    the history moments' costs and the chain-ladder triangle."""
    return f"""
-- the cost rows with the variant's amount ({variant.bedrag})
CREATE OR REPLACE TEMP VIEW _prognose_kosten AS
SELECT * EXCLUDE (bedrag_declaratie, bedrag_pxq), bedrag_{variant.bedrag} AS bedrag FROM _prognose_kosten_basis;

-- what each moment's year went on to cost, per perceel and booking month: from allocations running at the
-- moment (lopend), from the rest of client-bound care (nieuw: later starts), and the client-bound costs of
-- the months up to the moment (tot_nu)
CREATE OR REPLACE TEMP TABLE _prognose_na_moment AS
WITH k AS (
    -- the cost rows summed per year, perceel, booking month, month of care (mnd) and the months of the year in
    -- which their running allocation began (b) and ended (e): 0 before the year, 13 after it or open, NULL
    -- without an allocation with P×Q. At the end of month pm a row's amount is still to come when pm < mnd,
    -- and its allocation runs when b <= pm < e: it is 'lopend' for pm from max(b, 1) to min(e, mnd) - 1
    SELECT jaar, perceel, bmi, mnd, clientgebonden,
        CASE WHEN year(begindatum) < jaar THEN 0 WHEN year(begindatum) > jaar THEN 13 ELSE month(begindatum) END
            AS b,
        CASE WHEN year(einddatum) < jaar THEN 0 WHEN year(einddatum) > jaar THEN 13 ELSE month(einddatum) END AS e,
        sum(bedrag) AS bedrag
    FROM _prognose_kosten
    GROUP BY ALL
), lopend AS (
    SELECT *, CASE WHEN clientgebonden THEN bedrag ELSE 0 END AS bedrag_cb
    FROM k WHERE b IS NOT NULL AND greatest(b, 1) <= least(e, mnd) - 1
), stap AS (
    -- the changes from one moment to the next: a running allocation's amount from its first moment to its
    -- last, and the client-bound amounts of care from their month on
    SELECT jaar, perceel, bmi, greatest(b, 1) AS pm, bedrag AS l, bedrag_cb AS l_cb, 0 AS t FROM lopend
    UNION ALL
    SELECT jaar, perceel, bmi, least(e, mnd), -bedrag, -bedrag_cb, 0 FROM lopend
    UNION ALL
    SELECT jaar, perceel, bmi, mnd, 0, 0, bedrag FROM k WHERE clientgebonden
), per_pm AS (
    SELECT jaar, perceel, bmi, pm, sum(l) AS l, sum(l_cb) AS l_cb, sum(t) AS t FROM stap GROUP BY ALL
), rooster AS (
    SELECT g.jaar, m.pm, g.perceel, g.bmi, g.totaal_cb,
        coalesce(sum(s.l) OVER w, 0) AS lopend, coalesce(sum(s.l_cb) OVER w, 0) AS lopend_cb,
        coalesce(sum(s.t) OVER w, 0) AS tot_nu
    FROM (SELECT jaar, perceel, bmi, coalesce(sum(bedrag) FILTER (WHERE clientgebonden), 0) AS totaal_cb
          FROM k GROUP BY ALL) AS g
    CROSS JOIN range(1, 13) AS m(pm)
    LEFT JOIN per_pm AS s ON s.jaar = g.jaar AND s.perceel = g.perceel AND s.bmi = g.bmi AND s.pm = m.pm
    WINDOW w AS (PARTITION BY g.jaar, g.perceel, g.bmi ORDER BY m.pm)
)
-- per moment: the amounts of allocations running then still to come, the other client-bound amounts still to
-- come (nieuw), and the client-bound amounts of the months up to it
SELECT jaar, pm, perceel, bmi, lopend, totaal_cb - tot_nu - lopend_cb AS nieuw, tot_nu
FROM rooster;

-- chain-ladder triangle of client-bound costs (non-client-bound costs are booked when paid: no lag):
-- per perceel and month of care, the amount booked within k months (k = 0..{MAX_LAG})
CREATE OR REPLACE TEMP TABLE _prognose_cum AS
WITH dev AS (
    SELECT perceel, mi, greatest(bmi - mi, 0) AS lag, sum(bedrag) AS b
    FROM _prognose_kosten WHERE clientgebonden AND bmi - mi <= {MAX_LAG} GROUP BY ALL
)
SELECT g.perceel, g.mi, r.k, coalesce(sum(d.b), 0) AS c
FROM (SELECT DISTINCT perceel, mi FROM dev) AS g
CROSS JOIN range(0, {MAX_LAG + 1}) AS r(k)
LEFT JOIN dev AS d ON d.perceel = g.perceel AND d.mi = g.mi AND d.lag <= r.k
GROUP BY ALL;
"""


POINT_SQL = f"""
-- backward factors per point and perceel: booked within k ÷ within k+1 months, over the months of care of
-- earlier years whose month k+1 was complete at the point's peildatum
CREATE OR REPLACE TEMP TABLE _prognose_factor AS
SELECT pt.punt, a.perceel, a.k,
    CASE WHEN sum(b.c) > 0 THEN greatest(sum(a.c) / sum(b.c), 0) ELSE 1 END AS g
FROM _prognose_punten AS pt
JOIN _prognose_cum AS a ON a.mi < pt.jaar * 12 AND a.mi + a.k + 1 <= pt.pmi_c AND a.k < {MAX_LAG}
JOIN _prognose_cum AS b ON b.perceel = a.perceel AND b.mi = a.mi AND b.k = a.k + 1
GROUP BY ALL;

-- completion share s(k): the share of a month's final client-bound costs booked within k months,
-- the product of the backward factors from k on (1 from {MAX_LAG} months; a missing factor counts as 1)
CREATE OR REPLACE TEMP TABLE _prognose_s AS
WITH grid AS (
    SELECT pt.punt, p.perceel, r.k, coalesce(f.g, 1) AS g
    FROM _prognose_punten AS pt
    CROSS JOIN (SELECT DISTINCT perceel FROM _prognose_cum) AS p
    CROSS JOIN range(0, {MAX_LAG + 1}) AS r(k)
    LEFT JOIN _prognose_factor AS f ON f.punt = pt.punt AND f.perceel = p.perceel AND f.k = r.k
)
SELECT punt, perceel, k,
    CASE WHEN min(g) OVER w <= 0 THEN 0 ELSE exp(sum(ln(greatest(g, 1e-300))) OVER w) END AS s
FROM grid
WINDOW w AS (PARTITION BY punt, perceel ORDER BY k DESC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW);

-- per point and perceel, from the years before the point's year as known at its peildatum:
-- r: realisation ratio of commitments (costs declared after the same month by the allocations then
--    running ÷ their P×Q); i: inflow ratio (costs of later starts ÷ client-bound costs up to that month);
-- rho: final client-bound costs per euro of allocated P×Q (months at least half booked, developed by s)
CREATE OR REPLACE TEMP TABLE _prognose_param AS
WITH na AS (
    SELECT pt.punt, n.perceel, sum(n.lopend) AS lopend, sum(n.nieuw) AS nieuw, sum(n.tot_nu) AS tot_nu
    FROM _prognose_punten AS pt
    JOIN _prognose_na_moment AS n ON n.jaar < pt.jaar AND n.pm = pt.pm AND n.bmi <= pt.pmi_c
    GROUP BY ALL
), vr AS (
    SELECT pt.punt, v.perceel, sum(v.vraw) AS vraw
    FROM _prognose_punten AS pt
    JOIN _prognose_vraw_moment AS v ON v.jaar < pt.jaar AND v.pm = pt.pm
    GROUP BY ALL
), ex AS (
    SELECT pt.punt, c.perceel, sum(c.c / s.s) AS finaal, sum(x.pxq) AS pxq
    FROM _prognose_punten AS pt
    JOIN _prognose_cum AS c ON c.mi < pt.jaar * 12 AND c.k = least(pt.pmi_c - c.mi, {MAX_LAG})
    JOIN _prognose_s AS s ON s.punt = pt.punt AND s.perceel = c.perceel AND s.k = c.k AND s.s >= 0.5
    JOIN (SELECT perceel, mi, sum(pxq) AS pxq FROM _prognose_pxq_maand GROUP BY ALL) AS x
        ON x.perceel = c.perceel AND x.mi = c.mi
    GROUP BY ALL
)
SELECT pr.punt, pr.perceel,
    CASE WHEN vr.vraw > 0 THEN na.lopend / vr.vraw END AS r,
    CASE WHEN na.tot_nu > 0 THEN na.nieuw / na.tot_nu END AS i,
    CASE WHEN ex.pxq > 0 THEN ex.finaal / ex.pxq END AS rho
FROM (SELECT punt, perceel FROM na UNION SELECT punt, perceel FROM vr) AS pr
LEFT JOIN na ON na.punt = pr.punt AND na.perceel = pr.perceel
LEFT JOIN vr ON vr.punt = pr.punt AND vr.perceel = pr.perceel
LEFT JOIN ex ON ex.punt = pr.punt AND ex.perceel = pr.perceel;

-- realised per point, gemeente, perceel and month of care (booked by the peildatum), and what is still to
-- be declared (Bornhuetter-Ferguson): (1 - s(lag)) × rho × the month's P×Q; without P×Q or rho the
-- chain-ladder booked × (1/s - 1)
CREATE OR REPLACE TEMP TABLE _prognose_maand AS
WITH g AS (
    SELECT pt.punt, k.gemeente, k.perceel, k.mi, least(pt.pmi - k.mi, {MAX_LAG}) AS lag,
        sum(k.bedrag) AS g,
        coalesce(sum(k.bedrag) FILTER (WHERE k.clientgebonden), 0) AS g_cb,
        coalesce(sum(k.bedrag) FILTER (WHERE NOT k.clientgebonden), 0) AS g_nc
    FROM _prognose_punten AS pt
    JOIN _prognose_kosten AS k ON k.jaar = pt.jaar AND k.mi <= pt.pmi AND k.boekdatum <= pt.peil
    GROUP BY ALL
), gx AS (
    SELECT coalesce(g.punt, x.punt) AS punt, coalesce(g.gemeente, x.gemeente) AS gemeente,
        coalesce(g.perceel, x.perceel) AS perceel, coalesce(g.mi, x.mi) AS mi, coalesce(g.lag, x.lag) AS lag,
        coalesce(g.g, 0) AS g, coalesce(g.g_cb, 0) AS g_cb, coalesce(g.g_nc, 0) AS g_nc, coalesce(x.pxq, 0) AS pxq
    FROM g FULL JOIN (
        -- the P×Q of the point's months of care so far
        SELECT pt.punt, x.gemeente, x.perceel, x.mi, least(pt.pmi - x.mi, {MAX_LAG}) AS lag, x.pxq
        FROM _prognose_punten AS pt
        JOIN _prognose_pxq_maand AS x ON x.mi >= pt.jaar * 12 AND x.mi <= pt.pmi
    ) AS x ON x.punt = g.punt AND x.gemeente = g.gemeente AND x.perceel = g.perceel AND x.mi = g.mi
)
SELECT gx.*, CASE
        WHEN p.rho IS NOT NULL AND gx.pxq > 0 THEN (1 - s.s) * p.rho * gx.pxq
        WHEN s.s > 0 THEN gx.g_cb * (1 / s.s - 1)
        ELSE 0 END AS nog
FROM gx
LEFT JOIN _prognose_s AS s ON s.punt = gx.punt AND s.perceel = gx.perceel AND s.k = gx.lag
LEFT JOIN _prognose_param AS p ON p.punt = gx.punt AND p.perceel = gx.perceel;

-- raw commitments per point, gemeente and perceel: allocations running at the peildatum × days to the
-- end of the allocation or the year
CREATE OR REPLACE TEMP TABLE _prognose_vraw AS
SELECT pt.punt, t.gemeente, t.perceel,
    sum(t.per_dag * greatest(0, date_diff('day', pt.peil,
        least(coalesce(t.toewijzing_einddatum, make_date(pt.jaar, 12, 31)), make_date(pt.jaar, 12, 31)))))
        AS vraw
FROM _prognose_punten AS pt
JOIN _prognose_trajecten AS t ON t.begindatum <= pt.peil AND coalesce(t.einddatum, DATE '9999-12-31') > pt.peil
WHERE t.per_dag IS NOT NULL
GROUP BY ALL;

-- the components per point, gemeente and perceel
CREATE OR REPLACE TEMP TABLE _prognose_cellen AS
WITH m AS (
    SELECT punt, gemeente, perceel, sum(g) AS g, sum(g_cb) AS g_cb, sum(g_nc) AS g_nc, sum(nog) AS nog
    FROM _prognose_maand GROUP BY ALL
), c AS (
    SELECT coalesce(m.punt, v.punt) AS punt, coalesce(m.gemeente, v.gemeente) AS gemeente,
        coalesce(m.perceel, v.perceel) AS perceel,
        coalesce(m.g, 0) AS g, coalesce(m.g_cb, 0) AS g_cb, coalesce(m.g_nc, 0) AS g_nc,
        coalesce(m.nog, 0) AS nog, coalesce(v.vraw, 0) AS vraw
    FROM m FULL JOIN _prognose_vraw AS v ON v.punt = m.punt AND v.gemeente = m.gemeente AND v.perceel = m.perceel
)
SELECT c.punt, c.gemeente, c.perceel, c.g AS gerealiseerd, c.nog AS nog_te_declareren,
    -- running allocations at P×Q × realisation ratio (1 without history), plus non-client-bound costs
    -- (subsidie, beschikbaarheid) continued at their run-rate to the year end
    c.vraw * coalesce(p.r, 1) + c.g_nc / pt.maanden * (12 - pt.maanden) AS verplichtingen,
    -- later starts: the inflow ratio × the client-bound costs of the year to date (corrected for lag)
    coalesce(p.i, 0) * greatest(c.g_cb + c.nog, 0) AS verwachte_instroom,
    c.g / pt.maanden * 12 AS run_rate
FROM c
JOIN _prognose_punten AS pt ON pt.punt = c.punt
LEFT JOIN _prognose_param AS p ON p.punt = c.punt AND p.perceel = c.perceel;

-- per point: gemeente × perceel, and the totals 'regio' (all municipalities) and 'totaal' (all percelen)
CREATE OR REPLACE TEMP TABLE _prognose_uitkomst AS
SELECT punt, coalesce(gemeente, 'regio') AS gemeente, coalesce(perceel, 'totaal') AS perceel,
    sum(gerealiseerd) AS gerealiseerd, sum(nog_te_declareren) AS nog_te_declareren,
    sum(verplichtingen) AS verplichtingen, sum(verwachte_instroom) AS verwachte_instroom,
    sum(gerealiseerd + nog_te_declareren + verplichtingen + verwachte_instroom) AS prognose,
    sum(run_rate) AS run_rate
FROM _prognose_cellen
GROUP BY GROUPING SETS ((punt, gemeente, perceel), (punt, gemeente), (punt, perceel), (punt));
"""


def prepare(con: duckdb.DuckDBPyConnection, variant: Variant | None = None, hergebruik: bool = False) -> None:
    """Build the base temp tables (cost rows, trajectories, history moments, chain-ladder triangle). With
    ``hergebruik`` what ``con`` already holds is kept: all of it for the same variant, and for another amount
    of the same financing the tables of the financing (the cost rows with both amounts, the trajectories and
    their commitments). Within one engine run (engine.runner), whose connection sees no new delivery, K13,
    kern.budget and h10.37 share them."""
    variant = variant or Variant()
    prepared = _prepared_for(con) if hergebruik else None
    if prepared == variant:
        return
    same_financing = prepared is not None and prepared.financiering == variant.financiering
    con.execute(amount_sql(variant) if same_financing else base_sql(variant))
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _prognose_basis AS SELECT ?::VARCHAR AS bedrag, ?::VARCHAR AS financiering",
        [variant.bedrag, variant.financiering],
    )


def _prepared_for(con: duckdb.DuckDBPyConnection) -> Variant | None:
    """The variant the base temp tables on ``con`` were built for, if any."""
    try:
        row = con.execute("SELECT bedrag, financiering FROM temp.main._prognose_basis").fetchone()
    except duckdb.CatalogException:
        return None
    return None if row is None else Variant(row[0], row[1])


def month_end(jaar: int, maand: int) -> date:
    """The last day of a month."""
    if maand == 12:
        return date(jaar, 12, 31)
    return date.fromordinal(date(jaar, maand + 1, 1).toordinal() - 1)


def point_row(punt: int, jaar: int, peildatum: date) -> tuple[object, ...]:
    """(punt, jaar, pm, pmi, pmi_c, peil, maanden) for a forecast of ``jaar`` made on ``peildatum``."""
    if jaar > peildatum.year:
        raise ValueError(f"prognose voor {jaar} kan niet gemaakt worden op {peildatum}: het jaar is nog niet begonnen")
    if jaar < peildatum.year:
        pm, maanden, complete = 12, 12.0, True
    else:
        pm = peildatum.month
        complete = peildatum == month_end(jaar, pm)
        maanden = pm if complete else pm - 1 + peildatum.day / month_end(jaar, pm).day
    pmi = jaar * 12 + pm - 1
    return (punt, jaar, pm, pmi, pmi if complete else pmi - 1, peildatum, float(maanden))


def compute(con: duckdb.DuckDBPyConnection, points: list[tuple[int, date]]) -> None:
    """Compute the forecast for the points [(jaar, peildatum), ...] (numbered from 0) into the temp tables."""
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _prognose_punten (punt INTEGER, jaar INTEGER, pm INTEGER, pmi INTEGER, "
        "pmi_c INTEGER, peil DATE, maanden DOUBLE)"
    )
    con.executemany(
        "INSERT INTO _prognose_punten VALUES (?, ?, ?, ?, ?, ?, ?)",
        [point_row(i, jaar, peil) for i, (jaar, peil) in enumerate(points)],
    )
    con.execute(POINT_SQL)
