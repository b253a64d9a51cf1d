"""The SQL of the run's care spells and the counts on them (engine.bases.Bases.zorgperiodes, .zorgstanden).

A scope's spells are kept with integers only: ``cel`` numbers the geography and split value (with the build,
so that the cells of a scope's builds never collide), beside the person's number, birth date and the dates.
Writing and reading tens of millions of rows is several times cheaper without the texts; the texts (geo, dim,
waarde) are in a small table of cells per build, which the families' view joins back.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from jeugdmonitor.engine.basis import OPEN_END
from jeugdmonitor.engine.records import REGIO

TOTAAL = "totaal"

# cel = build << 40 | geography << 20 | split value: room for a million municipalities and split values per build
_GEO_BIT, _BUILD_BIT, _MASK = 20, 40, (1 << 20) - 1


@dataclass(frozen=True)
class Part:
    """One build of a scope's spells: its table (integer cells), its table of cells (cel → geo, dim, waarde)
    and the splits it holds (the first build holds the total as well)."""

    table: str
    cellen: str
    dims: tuple[str, ...]
    met_totaal: bool

    def held(self) -> set[str]:
        return {TOTAAL, *self.dims} if self.met_totaal else set(self.dims)

    def filter(self, wanted: Sequence[str]) -> str | None:
        return splits_filter(self.held(), wanted)


def splits_filter(held: set[str], wanted: Sequence[str]) -> str | None:
    """The SQL list of the wanted splits, when a build holds others too (else None: all of it)."""
    if held <= set(wanted):
        return None
    return ", ".join(f"'{d}'" for d in wanted)


# the rows of a scope that have spells: started, of a person with a number (not in jeugdigen: no spells)
_IN_SCOPE = "t.begindatum IS NOT NULL AND t.persoon_nr IS NOT NULL AND ({afbakening})"


def scope_ids_sql(afbakening: str) -> str:
    """The ids of the trajectories a scope gives spells (engine.bases.Bases finds equal scopes by them)."""
    return f"SELECT t.traject_id FROM traject t WHERE {_IN_SCOPE.format(afbakening=afbakening)}"


def splitwaarden_sql(bron: str, afbakening: str, dim_rows: str) -> str:
    """The split values of a build numbered (``wk``): the total and each requested split of the rows in scope."""
    return f"""
    SELECT row_number() OVER (ORDER BY dim, waarde) AS wk, dim, waarde
    FROM (SELECT DISTINCT d.dim, d.waarde
          FROM {bron} t, LATERAL (VALUES {dim_rows}) AS d(dim, waarde)
          WHERE {_IN_SCOPE.format(afbakening=afbakening)})
    """


def spells_sql(bron: str, afbakening: str, gat: int, dim_rows: str | None, splitwaarden: str, build: int) -> str:
    """The spells of indicatoren.md §2 with merge gap ``gat`` of the rows of ``bron`` in scope, per municipality
    and for the region, per split value (``dim_rows``; None: the total only, the one split value of
    ``splitwaarden``, so its number is 1) and person.

    The windows work on integers only (person and municipality numbers, the region is 0; the split value's
    number only when there is more than the total): over millions of small partitions that is several times
    faster than carrying texts along. A person without a number (not in jeugdigen) has no spells."""
    keys = "geo_nr, persoon_nr" + (", wk" if dim_rows else "")
    return f"""
    WITH binnen_gemeente AS (
        -- every started trajectory in scope, per split value; an open trajectory runs to the open end
        SELECT t.gemeente_nr AS geo_nr, {"w.wk," if dim_rows else ""} t.persoon_nr, t.geboortedatum,
               t.begindatum AS b, coalesce(t.einddatum, {OPEN_END}) AS e
        FROM {bron} t
        {f", LATERAL (VALUES {dim_rows}) AS d(dim, waarde)" if dim_rows else ""}
        {f"JOIN {splitwaarden} w ON (w.dim, w.waarde) = (d.dim, d.waarde)" if dim_rows else ""}
        WHERE {_IN_SCOPE.format(afbakening=afbakening)}
    ),
    verhuisd AS (
        -- persons with trajectories in more than one municipality: only their spells in the region differ
        -- from those in their municipality
        SELECT persoon_nr FROM binnen_gemeente GROUP BY persoon_nr HAVING min(geo_nr) < max(geo_nr)
    ),
    trajecten AS (
        SELECT * FROM binnen_gemeente
        UNION ALL
        SELECT 0 AS geo_nr, * EXCLUDE (geo_nr) FROM binnen_gemeente SEMI JOIN verhuisd USING (persoon_nr)
    ),
    gemarkeerd AS (
        -- per trajectory the latest end of the earlier ones (ordered by begin) and of all of them
        SELECT *, max(e) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS eerder_eind,
               max(e) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS laatste_eind
        FROM trajecten
        WINDOW w AS (PARTITION BY {keys} ORDER BY b, e)
    ),
    starts AS (
        -- a trajectory starts a new spell when it begins more than 1 + G days after every earlier one ended;
        -- the latest end before it is then the previous spell's end (spells follow one another), and a spell
        -- ends where the next one's previous end says, the last one at the latest end of all
        SELECT {keys}, geboortedatum, b AS begin, eerder_eind AS vorige_eind, laatste_eind
        FROM gemarkeerd
        WHERE eerder_eind IS NULL OR b > eerder_eind + INTERVAL ({gat} + 1) DAY
    ),
    buren AS (
        SELECT {keys}, geboortedatum, begin, coalesce(lead(vorige_eind) OVER v, laatste_eind) AS eind, vorige_eind,
               lead(begin) OVER v AS volgende_begin, lag(begin) OVER v AS vorige_begin,
               CASE WHEN lead(begin) OVER v IS NOT NULL THEN coalesce(lead(vorige_eind, 2) OVER v, laatste_eind)
               END AS volgende_eind
        FROM starts
        WINDOW v AS (PARTITION BY {keys} ORDER BY begin)
    ),
    regio AS (
        -- per municipality, plus the region: the spells of persons who stayed in one municipality once more
        SELECT * FROM buren
        UNION ALL
        SELECT 0 AS geo_nr, * EXCLUDE (geo_nr) FROM buren ANTI JOIN verhuisd USING (persoon_nr)
        WHERE geo_nr <> 0
    )
    SELECT ({build}::BIGINT << {_BUILD_BIT}) + (geo_nr::BIGINT << {_GEO_BIT}) + {"wk" if dim_rows else "1"} AS cel,
           persoon_nr, geboortedatum, begin, eind, vorige_eind, volgende_begin, vorige_begin, volgende_eind
    FROM regio
    """


def cellen_sql(spells: str, splitwaarden: str) -> str:
    """The cells of a build's spells with their texts: the municipality's code (the region for 0) and the split."""
    return f"""
    SELECT c.cel, coalesce(g.gemeente, '{REGIO}') AS geo, w.dim, w.waarde
    FROM (SELECT DISTINCT cel FROM {spells}) c
    JOIN {splitwaarden} w ON w.wk = c.cel & {_MASK}
    LEFT JOIN gemeente_nr g ON g.nr = (c.cel >> {_GEO_BIT}) & {_MASK}
    """


def named_sql(parts: Sequence[Part], wanted: Sequence[str]) -> str:
    """The families' view of the spells: the wanted splits of the builds, with geo, dim and waarde as text."""
    selects = []
    for part in parts:
        only = part.filter(wanted)
        where = f" WHERE c.dim IN ({only})" if only else ""
        selects.append(
            f"SELECT c.geo, c.dim, c.waarde, s.* EXCLUDE (cel) "
            f"FROM {part.table} s JOIN {part.cellen} c ON c.cel = s.cel{where}"
        )
    return "\nUNION ALL\n".join(selects)


def union_sql(tables: Sequence[tuple[str, str | None]]) -> str:
    """Tables of builds with a ``dim`` column together (the counts of a view's builds, the persons with costs of a
    scope's builds), each limited to the wanted splits where it holds others too (:func:`splits_filter`)."""
    return "\nUNION ALL\n".join(
        f"SELECT * FROM {table}" + (f" WHERE dim IN ({only})" if only else "") for table, only in tables
    )


def vanaf_sql(spells: str, n: int) -> str:
    """The spells cut to the days from each person's n-th birthday; a spell ended before it is left out, and with
    it the previous-spell columns of the next one."""
    return f"""
    SELECT cel, persoon_nr, geboortedatum, greatest(begin, v) AS begin, eind,
           CASE WHEN vorige_eind >= v THEN vorige_eind END AS vorige_eind,
           CASE WHEN vorige_eind >= v THEN greatest(vorige_begin, v) END AS vorige_begin
    FROM (SELECT *, verjaardag(geboortedatum, {n}) AS v FROM {spells} WHERE geboortedatum IS NOT NULL)
    WHERE eind >= v
    """


# The counts per period and cell on a scope's spells (Bases.zorgstanden explains the columns); the texts of the
# cells are joined at the end, to a few hundred thousand rows.
STANDEN_SQL = """
WITH grens AS (
    -- the dates counts are needed up to: the day before each period and each period's (cut) end
    SELECT DISTINCT d FROM (SELECT eind_eff AS d FROM perioden UNION ALL SELECT start - 1 FROM perioden)
),
rooster AS (
    SELECT * FROM (SELECT DISTINCT cel FROM {spells}) CROSS JOIN grens
),
begonnen AS (
    -- each spell at the first boundary on or after its begin; later ones are beyond every period
    SELECT s.cel, g.d, count(*) AS n
    FROM {spells} s ASOF JOIN grens g ON s.begin <= g.d
    GROUP BY ALL
),
geeindigd AS (
    SELECT s.cel, g.d, count(*) AS n
    FROM {spells} s ASOF JOIN grens g ON s.eind <= g.d
    GROUP BY ALL
),
tot AS (
    -- running sums: the spells begun (ended) on or before each boundary
    SELECT r.cel, r.d, sum(coalesce(b.n, 0)) OVER w AS begonnen, sum(coalesce(e.n, 0)) OVER w AS geeindigd
    FROM rooster r
    LEFT JOIN begonnen b ON (b.cel, b.d) = (r.cel, r.d)
    LEFT JOIN geeindigd e ON (e.cel, e.d) = (r.cel, r.d)
    WINDOW w AS (PARTITION BY r.cel ORDER BY r.d ROWS UNBOUNDED PRECEDING)
),
paren AS (
    -- a person's consecutive spells both in P (see Bases.zorgstanden)
    SELECT p.periode, s.cel, count(*) AS gaten,
           count(*) FILTER (WHERE s.vorige_begin >= p.start) AS dubbel_in,
           count(*) FILTER (WHERE s.eind <= p.eind_eff) AS dubbel_uit
    FROM {spells} s JOIN perioden p ON s.vorige_eind >= p.start AND s.begin <= p.eind_eff
    GROUP BY ALL
)
SELECT p.periode, c.geo, c.dim, c.waarde,
       v.begonnen AS begonnen_voor, t.begonnen AS begonnen_tot,
       v.geeindigd AS geeindigd_voor, t.geeindigd AS geeindigd_tot,
       coalesce(q.gaten, 0) AS gaten, coalesce(q.dubbel_in, 0) AS dubbel_in, coalesce(q.dubbel_uit, 0) AS dubbel_uit
FROM perioden p
JOIN tot v ON v.d = p.start - 1
JOIN tot t ON (t.d, t.cel) = (p.eind_eff, v.cel)
JOIN {cellen} c ON c.cel = v.cel
LEFT JOIN paren q ON (q.periode, q.cel) = (p.periode, v.cel)
WHERE t.begonnen > v.geeindigd  -- at least one spell touches P
"""
