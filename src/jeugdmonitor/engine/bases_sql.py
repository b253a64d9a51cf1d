"""The SQL of the run's shared tables (engine.bases): cost rows, inhabitants, persons with costs (the spells and
the counts on them: engine.zorgperiodes_sql). Placeholders in braces are filled by
:class:`jeugdmonitor.engine.bases.Bases`."""

from __future__ import annotations

from datetime import date

COST_ROWS_SQL = """
WITH klasse AS (
    -- the catalogue per product, for cost rows that name a product but no trajectory
    SELECT product, any_value(perceel) AS perceel, any_value(productgroep) AS productgroep,
           any_value(segment) AS segment, any_value(hulpvorm) AS hulpvorm,
           any_value(verblijf) AS verblijf, any_value(ambulant_alternatief) AS ambulant_alternatief
    FROM product_klasse
    GROUP BY product
)
SELECT k.maand, k.bedrag, k.soort,
       -- production at the contract price (P×Q): volume × the trajectory's tariff, with the sign of the
       -- declared amount (a credit is negative production); the declared amount where either is missing
       coalesce(sign(k.bedrag) * abs(k.volume) * tr.tarief, k.bedrag) AS bedrag_pxq,
       coalesce(k.gemeente, tr.gemeente, y.gemeente) AS gemeente,
       y.nr AS persoon_nr,  -- the young person's number (not the pseudonym: narrower, and groupings are fast)
       coalesce(k.client, tr.client) IS NOT NULL AS clientgebonden,
       coalesce(k.perceel, nullif(tr.perceel, 'onbekend'), pk.perceel, 'onbekend') AS perceel,
       coalesce(k.productgroep, nullif(tr.productgroep, 'onbekend'), pk.productgroep, 'onbekend') AS productgroep,
       coalesce(nullif(tr.segment, 'onbekend'), pk.segment, 'onbekend') AS segment,
       coalesce(nullif(tr.hulpvorm, 'onbekend'), pk.hulpvorm, 'onbekend') AS hulpvorm,
       coalesce(tr.maatregel, pk.hulpvorm IN ('JB', 'JR'), false) AS maatregel,
       -- the residential flags: the trajectory's (as the trajectory counts read them), else the product's; a
       -- row with neither has none (it is in no residential or ambulant scope)
       CASE WHEN tr.traject_id IS NOT NULL THEN tr.verblijf ELSE pk.verblijf END AS verblijf,
       CASE WHEN tr.traject_id IS NOT NULL THEN tr.ambulant_alternatief ELSE pk.ambulant_alternatief END
           AS ambulant_alternatief,
       coalesce(k.financiering, CASE WHEN k.soort = 'pgb' THEN 'PGB' END, nullif(tr.financiering, 'onbekend'),
                'ZIN') AS financiering,
       coalesce(k.aanbieder, nullif(tr.aanbieder, 'onbekend'), 'onbekend') AS aanbieder,
       coalesce(y.wijk, 'onbekend') AS wijk,
       coalesce(y.geslacht, 'onbekend') AS geslacht,
       y.geboortedatum,
       last_day(k.maand) AS laatste_dag,
       leeftijd(y.geboortedatum, last_day(k.maand)) AS leeftijd
FROM kosten k
LEFT JOIN traject tr ON tr.traject_id = k.traject_id
-- the young person: the row's own (a row without a trajectory), else its trajectory's; found by the row's
-- pseudonym only for the rows that name one, the others by their trajectory's person number (joining millions
-- of rows on 64-character pseudonyms took a third of the time)
LEFT JOIN persoon_nr yk ON yk.client = k.client
LEFT JOIN persoon_nr y ON y.nr = CASE WHEN k.client IS NOT NULL THEN yk.nr ELSE tr.persoon_nr END
LEFT JOIN klasse pk ON pk.product = coalesce(k.product, tr.product)
-- the run's first and last day as constants: with subqueries here the planner guessed a few thousand cost
-- rows and built its hash tables on them (at national scale 15 million: out of memory)
WHERE k.maand BETWEEN DATE '{van}' AND DATE '{tot}'
"""


INWONERS_SQL = """
WITH bev AS (
    SELECT jaar, gemeente, wijk, sum(aantal) AS aantal
    FROM bevolking
    WHERE leeftijd_van >= {van} AND leeftijd_tot <= {tot} AND gemeente IN (SELECT gemeente FROM traject)
    GROUP BY ALL
),
per_gemeente AS (
    -- a municipality's number is its own row (wijk empty), else the sum of its wijken
    SELECT jaar, gemeente AS geo, NULL::VARCHAR AS wijk,
           coalesce(sum(aantal) FILTER (WHERE wijk IS NULL), sum(aantal)) AS aantal
    FROM bev GROUP BY jaar, gemeente
    UNION ALL
    SELECT jaar, gemeente, wijk, aantal FROM bev WHERE wijk IS NOT NULL
)
SELECT * FROM per_gemeente
UNION ALL
SELECT jaar, '{regio}', wijk, sum(aantal) FROM per_gemeente GROUP BY jaar, wijk
"""


# Persons with client-bound costs per period (engine.bases.Bases.kostenclienten). Counting distinct persons per
# period, geography and split value directly needs a group per person and period (at national scale over a
# hundred million) or a window over every person's months. Instead each person's months with costs become bits
# in a few integers (a word of 64 months, numbered from the run's first month), and a person counts in P when one
# of P's bits is set. That holds when each such month nets to other than zero and no two have opposite signs:
# certainly when all the person's cost rows are positive (or all negative), which is nearly everyone. For the
# others the months' net costs are summed first; a person whose months still have both signs (a credit larger
# than a month's costs, in a later month) is decided by the sum over P itself. The region's months are a
# person's months in their municipality unless they have costs in more than one, so only those persons' months
# are made twice (``ook_regio``: the row counts for the region as well).
_KOSTENCLIENTEN = """
WITH rijen AS NOT MATERIALIZED (
    -- read again by each part below: cheaper than keeping tens of millions of rows; mi: the month's number
    SELECT t.maand, t.gemeente, d.dim, d.waarde, t.persoon_nr, t.bedrag,
           (year(t.maand) * 12 + month(t.maand) - 1 - {eerste})::INTEGER AS mi
    FROM {kostenregel} AS t, LATERAL (VALUES {dim_rows}) AS d(dim, waarde)
    WHERE t.persoon_nr IS NOT NULL AND t.gemeente IS NOT NULL AND ({afbakening})
),
gebieden AS (
    -- municipalities and split values numbered: the groupings below work on integers only
    SELECT gemeente, row_number() OVER () AS geo_nr FROM (SELECT DISTINCT gemeente FROM rijen)
),
splitwaarden AS (
    SELECT dim, waarde, row_number() OVER () AS wk FROM (SELECT DISTINCT dim, waarde FROM rijen)
),
verhuisd AS (
    SELECT t.persoon_nr
    FROM {kostenregel} AS t
    WHERE t.persoon_nr IS NOT NULL AND t.gemeente IS NOT NULL AND ({afbakening})
    GROUP BY t.persoon_nr
    HAVING count(DISTINCT t.gemeente) > 1
),
rij AS NOT MATERIALIZED (
    SELECT gb.geo_nr, w.wk, r.persoon_nr, r.maand, r.bedrag, v.persoon_nr IS NULL AS ook_regio, r.mi
    FROM rijen r
    JOIN gebieden gb ON gb.gemeente = r.gemeente
    JOIN splitwaarden w ON (w.dim, w.waarde) = (r.dim, r.waarde)
    LEFT JOIN verhuisd v ON v.persoon_nr = r.persoon_nr
    UNION ALL
    SELECT 0, w.wk, r.persoon_nr, r.maand, r.bedrag, false, r.mi
    FROM rijen r
    JOIN splitwaarden w ON (w.dim, w.waarde) = (r.dim, r.waarde)
    SEMI JOIN verhuisd v ON v.persoon_nr = r.persoon_nr
),
persoon AS (
    -- per geography, split value and person: their months with costs as bits, and whether every cost row is
    -- positive (or every one negative), so that every such month nets to other than zero with one sign
    SELECT geo_nr, wk, persoon_nr, ook_regio, min(bedrag) > 0 OR max(bedrag) < 0 AS eenzijdig, {bits}
    FROM rij
    GROUP BY geo_nr, wk, persoon_nr, ook_regio
),
maand AS (
    -- the others: per month their net costs, where not zero
    SELECT r.geo_nr, r.wk, r.persoon_nr, r.ook_regio, r.maand, any_value(r.mi) AS mi, sum(r.bedrag) AS bedrag
    FROM rij r
    SEMI JOIN (SELECT * FROM persoon WHERE NOT eenzijdig) p
        ON (p.geo_nr, p.wk, p.persoon_nr) = (r.geo_nr, r.wk, r.persoon_nr)
    GROUP BY r.geo_nr, r.wk, r.persoon_nr, r.ook_regio, r.maand
    HAVING sum(r.bedrag) <> 0
),
maand_persoon AS (
    SELECT geo_nr, wk, persoon_nr, ook_regio, min(bedrag) > 0 OR max(bedrag) < 0 AS eenzijdig, {bits}
    FROM maand
    GROUP BY geo_nr, wk, persoon_nr, ook_regio
),
patronen AS (
    -- persons counted by their pattern of months: a few combinations per geography and split value
    SELECT geo_nr, wk, ook_regio, {woorden}, count(*) AS n
    FROM (SELECT * FROM persoon WHERE eenzijdig UNION ALL SELECT * FROM maand_persoon WHERE eenzijdig)
    GROUP BY ALL
),
periodemaanden AS (
    -- each period's months as the same bits (its months up to the peildatum cut)
    SELECT p.periode, {bits}
    FROM perioden p,
         LATERAL (SELECT unnest(range(year(p.start) * 12 + month(p.start) - 1 - {eerste},
                                      year(p.eind_eff) * 12 + month(p.eind_eff) - {eerste})) AS mi) AS m
    GROUP BY p.periode
),
eenzijdig AS (
    -- counted per period first, then once more for the region: the patterns joined to the periods are tens of
    -- millions of rows at national scale, the counts a few hundred thousand
    SELECT c.periode, g.geo_nr, c.wk, sum(c.n) AS clienten
    FROM (SELECT p.periode, q.geo_nr, q.wk, q.ook_regio, sum(q.n) AS n
          FROM patronen q
          JOIN periodemaanden p ON {overlap}
          GROUP BY ALL) AS c,
    LATERAL (VALUES (c.geo_nr), (CASE WHEN c.ook_regio THEN 0 END)) AS g(geo_nr)
    WHERE g.geo_nr IS NOT NULL
    GROUP BY ALL
),
gemengd AS (
    -- months of both signs (rare): the person's sum over P decides
    SELECT periode, geo_nr, wk, count(*) AS clienten
    FROM (SELECT p.periode, g.geo_nr, m.wk, m.persoon_nr, sum(m.bedrag) AS bedrag
          FROM maand m
          SEMI JOIN (SELECT * FROM maand_persoon WHERE NOT eenzijdig) x
              ON (x.geo_nr, x.wk, x.persoon_nr) = (m.geo_nr, m.wk, m.persoon_nr)
          JOIN perioden p ON m.maand BETWEEN p.start AND p.eind_eff,
          LATERAL (VALUES (m.geo_nr), (CASE WHEN m.ook_regio THEN 0 END)) AS g(geo_nr)
          WHERE g.geo_nr IS NOT NULL
          GROUP BY ALL)
    WHERE bedrag <> 0
    GROUP BY ALL
),
telling AS (SELECT * FROM eenzijdig UNION ALL SELECT * FROM gemengd)
SELECT c.periode, coalesce(gb.gemeente, '{regio}') AS geo, w.dim, w.waarde, sum(c.clienten) AS clienten
FROM telling c
LEFT JOIN gebieden gb ON gb.geo_nr = c.geo_nr
JOIN splitwaarden w ON w.wk = c.wk
GROUP BY ALL
"""


def kostenclienten_sql(kostenregel: str, afbakening: str, dim_rows: str, regio: str, van: date, tot: date) -> str:
    """The SQL of :meth:`jeugdmonitor.engine.bases.Bases.kostenclienten` for cost rows of months ``van`` to
    ``tot`` (the run's first and last day)."""
    eerste = van.year * 12 + van.month - 1
    woorden = range((tot.year * 12 + tot.month - 1 - eerste) // 64 + 1)
    bits = ", ".join(
        f"bit_or(CASE WHEN mi // 64 = {k} THEN 1::UBIGINT << (mi % 64)::UBIGINT ELSE 0::UBIGINT END) AS m{k}"
        for k in woorden
    )
    return _KOSTENCLIENTEN.format(
        kostenregel=kostenregel,
        afbakening=afbakening,
        dim_rows=dim_rows,
        regio=regio,
        eerste=eerste,
        bits=bits,
        woorden=", ".join(f"m{k}" for k in woorden),
        overlap=" OR ".join(f"q.m{k} & p.m{k} <> 0" for k in woorden),
    )
