"""The SQL of the run's shared tables (engine.bases): cost rows, inhabitants, counts on spells, persons with
costs. Placeholders in braces are filled by :class:`jeugdmonitor.engine.bases.Bases`."""

from __future__ import annotations

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
LEFT JOIN persoon_nr y ON y.client = coalesce(k.client, tr.client)
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


STANDEN_SQL = """
WITH grens AS (
    -- the dates counts are needed up to: the day before each period and each period's (cut) end
    SELECT DISTINCT d FROM (SELECT eind_eff AS d FROM perioden UNION ALL SELECT start - 1 FROM perioden)
),
rooster AS (
    SELECT * FROM (SELECT DISTINCT geo, dim, waarde FROM {spells}) CROSS JOIN grens
),
begonnen AS (
    -- each spell at the first boundary on or after its begin; later ones are beyond every period
    SELECT s.geo, s.dim, s.waarde, g.d, count(*) AS n
    FROM {spells} s ASOF JOIN grens g ON s.begin <= g.d
    GROUP BY ALL
),
geeindigd AS (
    SELECT s.geo, s.dim, s.waarde, g.d, count(*) AS n
    FROM {spells} s ASOF JOIN grens g ON s.eind <= g.d
    GROUP BY ALL
),
tot AS (
    -- running sums: the spells begun (ended) on or before each boundary
    SELECT r.geo, r.dim, r.waarde, r.d,
           sum(coalesce(b.n, 0)) OVER w AS begonnen, sum(coalesce(e.n, 0)) OVER w AS geeindigd
    FROM rooster r
    LEFT JOIN begonnen b ON (b.geo, b.dim, b.waarde, b.d) = (r.geo, r.dim, r.waarde, r.d)
    LEFT JOIN geeindigd e ON (e.geo, e.dim, e.waarde, e.d) = (r.geo, r.dim, r.waarde, r.d)
    WINDOW w AS (PARTITION BY r.geo, r.dim, r.waarde ORDER BY r.d ROWS UNBOUNDED PRECEDING)
),
paren AS (
    -- a person's consecutive spells both in P (see Bases.zorgstanden)
    SELECT p.periode, s.geo, s.dim, s.waarde, count(*) AS gaten,
           count(*) FILTER (WHERE s.vorige_begin >= p.start) AS dubbel_in,
           count(*) FILTER (WHERE s.eind <= p.eind_eff) AS dubbel_uit
    FROM {spells} s JOIN perioden p ON s.vorige_eind >= p.start AND s.begin <= p.eind_eff
    GROUP BY ALL
)
SELECT p.periode, v.geo, v.dim, v.waarde,
       v.begonnen AS begonnen_voor, t.begonnen AS begonnen_tot,
       v.geeindigd AS geeindigd_voor, t.geeindigd AS geeindigd_tot,
       coalesce(q.gaten, 0) AS gaten, coalesce(q.dubbel_in, 0) AS dubbel_in, coalesce(q.dubbel_uit, 0) AS dubbel_uit
FROM perioden p
JOIN tot v ON v.d = p.start - 1
JOIN tot t ON (t.d, t.geo, t.dim, t.waarde) = (p.eind_eff, v.geo, v.dim, v.waarde)
LEFT JOIN paren q ON (q.periode, q.geo, q.dim, q.waarde) = (p.periode, v.geo, v.dim, v.waarde)
WHERE t.begonnen > v.geeindigd  -- at least one spell touches P
"""


# Persons with client-bound costs per period (engine.bases.Bases.kostenclienten): the shared first part, per
# person and month their net costs, then one of two ways to the persons whose costs in P are not zero.
_KOSTENCLIENTEN_MAANDEN = """
WITH rijen AS (
    SELECT t.maand, t.gemeente, d.dim, d.waarde, t.persoon_nr, t.bedrag
    FROM {kostenregel} AS t, LATERAL (VALUES {dim_rows}) AS d(dim, waarde)
    WHERE t.persoon_nr IS NOT NULL AND t.gemeente IS NOT NULL AND ({afbakening})
),
gebieden AS (
    -- municipalities and split values numbered: the grouping and the windows below work on integers only
    SELECT gemeente, row_number() OVER () AS geo_nr FROM (SELECT DISTINCT gemeente FROM rijen)
),
splitwaarden AS (
    SELECT dim, waarde, row_number() OVER () AS wk FROM (SELECT DISTINCT dim, waarde FROM rijen)
),
maand AS (
    -- per month, geography (the municipality and the region, 0), split value and person their net client-bound
    -- costs, where not zero
    SELECT r.maand, g.geo_nr, w.wk, r.persoon_nr, sum(r.bedrag) AS bedrag
    FROM rijen r
    JOIN gebieden gb ON gb.gemeente = r.gemeente
    JOIN splitwaarden w ON (w.dim, w.waarde) = (r.dim, r.waarde),
    LATERAL (VALUES (gb.geo_nr), (0)) AS g(geo_nr)
    GROUP BY ALL
    HAVING sum(r.bedrag) <> 0
)
"""

# Large stores: each person's first month in P counts (the previous one lies before P), with the sum over P only
# for the rare person whose months have both signs: no grouping per person and period (at national scale over a
# hundred million groups).
_KOSTENCLIENTEN_EERSTE_MAAND = """
rij AS MATERIALIZED (
    -- each such month with the person's previous one, and whether the person's months have both signs
    SELECT *, lag(maand) OVER w AS vorige, min(bedrag) OVER a < 0 AND max(bedrag) OVER a > 0 AS gemengd
    FROM maand
    WINDOW w AS (PARTITION BY geo_nr, wk, persoon_nr ORDER BY maand),
           a AS (PARTITION BY geo_nr, wk, persoon_nr ORDER BY maand
                 ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
),
maand_periode AS (
    -- the periods each month lies in: an equality join below (a range join with the extra condition on the
    -- previous month was planned as a slow merge join)
    SELECT m.maand, p.periode, p.start
    FROM (SELECT DISTINCT maand FROM rij) m JOIN perioden p ON m.maand BETWEEN p.start AND p.eind_eff
),
eenzijdig AS (
    -- months of one sign: the costs in P are not zero when any month in P is not, so counting each person's
    -- first such month in P (the previous one lies before P) counts the persons
    SELECT p.periode, r.geo_nr, r.wk, count(*) AS clienten
    FROM rij r JOIN maand_periode p ON p.maand = r.maand
    WHERE NOT r.gemengd AND (r.vorige IS NULL OR r.vorige < p.start)
    GROUP BY ALL
),
gemengd AS (
    -- a credit larger than a month's costs (rare): the person's sum over P decides
    SELECT periode, geo_nr, wk, count(*) AS clienten
    FROM (SELECT p.periode, r.geo_nr, r.wk, r.persoon_nr, sum(r.bedrag) AS bedrag
          FROM rij r JOIN maand_periode p ON p.maand = r.maand
          WHERE r.gemengd
          GROUP BY ALL)
    WHERE bedrag <> 0
    GROUP BY ALL
),
telling AS (SELECT * FROM eenzijdig UNION ALL SELECT * FROM gemengd)
"""

# Municipalities and regions: the definition itself, per person and period the sum over P; at this size
# grouping per person and period is about twice as fast as the windows above.
_KOSTENCLIENTEN_PER_PERIODE = """
maand_periode AS (
    SELECT m.maand, p.periode
    FROM (SELECT DISTINCT maand FROM maand) m JOIN perioden p ON m.maand BETWEEN p.start AND p.eind_eff
),
per_persoon AS (
    SELECT p.periode, m.geo_nr, m.wk, m.persoon_nr
    FROM maand m JOIN maand_periode p ON p.maand = m.maand
    GROUP BY ALL
    HAVING sum(m.bedrag) <> 0
),
telling AS (SELECT periode, geo_nr, wk, count(*) AS clienten FROM per_persoon GROUP BY ALL)
"""

_KOSTENCLIENTEN_SLOT = """
SELECT c.periode, coalesce(gb.gemeente, '{regio}') AS geo, w.dim, w.waarde, sum(c.clienten) AS clienten
FROM telling c
LEFT JOIN gebieden gb ON gb.geo_nr = c.geo_nr
JOIN splitwaarden w ON w.wk = c.wk
GROUP BY ALL
"""

KOSTENCLIENTEN_SQL = _KOSTENCLIENTEN_MAANDEN + "," + _KOSTENCLIENTEN_EERSTE_MAAND + _KOSTENCLIENTEN_SLOT
KOSTENCLIENTEN_KLEIN_SQL = _KOSTENCLIENTEN_MAANDEN + "," + _KOSTENCLIENTEN_PER_PERIODE + _KOSTENCLIENTEN_SLOT
