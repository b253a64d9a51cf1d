"""Shared intermediate results within one run, built once and read by every family that needs them.

``zorgperiodes(afbakening, gat)``: the care spells of indicatoren.md §2 for one scope (a filter on ``t``, a
trajectory) and merge gap G, per municipality and for the region (``geo``), per requested split value
(``dim``, ``waarde``; the total is dim 'totaal'), per young person. Each spell knows the begin and end of the
person's previous spell and of the next one in the same scope, so a family can count persons without
DISTINCT: of the spells overlapping a period, the person's first is the one whose previous spell ended
before the period began.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
import uuid
import weakref
from collections.abc import Sequence
from pathlib import Path

import duckdb

from jeugdmonitor.engine.basis import DIMENSIES, ONBEKEND, OPEN_END
from jeugdmonitor.engine.records import REGIO

TOTAAL = "totaal"
GROOT = 500_000  # trajectories from which a store counts as large (see Bases._where)


def dim_rows_sql(dims: Sequence[str]) -> str:
    """VALUES rows (dim, waarde): the total, then each requested split of trajectory ``t`` (unknown values
    'onbekend'). Families write ``FROM … AS t, LATERAL (VALUES {{ dim_rows }}) AS d(dim, waarde)``."""
    rows = [f"('{TOTAAL}', '{TOTAAL}')"]
    rows += [f"('{d}', coalesce(({DIMENSIES[d].sql})::VARCHAR, '{ONBEKEND}'))" for d in dims]
    return ", ".join(rows)


_COST_ROWS_SQL = """
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
WHERE k.maand BETWEEN (SELECT min(start) FROM perioden) AND (SELECT max(eind_eff) FROM perioden)
"""


_INWONERS_SQL = """
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


class Bases:
    """The shared tables of one run on one connection, for the splits ``dims`` (trajectory splits only)."""

    def __init__(self, con: duckdb.DuckDBPyConnection, dims: Sequence[str]) -> None:
        self.con = con
        self.dims = [d for d in dims if d in DIMENSIES and d != "leeftijdsklasse"]
        self._built: dict[tuple[str, int, tuple[str, ...], str], str] = {}
        self._kosten: str | None = None
        self._folder: Path | None = None
        self._inwoners: dict[tuple[int, int], str] = {}
        self._groot: bool | None = None  # a large store: shared tables in a scratch database file
        self._scratch_name = f"werk_{uuid.uuid4().hex[:8]}"  # one connection may hold several runs' bases
        self.results: dict[str, list[tuple]] = {}  # rows per rendered query, for indicators defined alike

    def kostenregels(self) -> str:
        """The table of cost rows within the run's periods, each with its municipality, person, perceel,
        productgroep, segment, hulpvorm, financing, provider and the young person's wijk, gender and age in
        the month of care: from the row itself, else its trajectory, else the product catalogue.

        For a large store it is written to a scratch database file (see :meth:`_where`)."""
        if self._kosten is None:
            self._kosten = self._create("kostenregel", _COST_ROWS_SQL)
        return self._kosten

    def inwoners(self, van: int, tot: int) -> str:
        """The table of inhabitants aged ``van``–``tot`` on 1 January per year (``jaar``), geography (``geo``:
        a municipality or the region) and wijk (NULL: the whole area), from table bevolking. Only age bands
        wholly within the range count; a municipality's number is its own row without wijk, else the sum of its
        wijken; the region is the municipalities with youth care in the store."""
        key = (int(van), int(tot))
        if key not in self._inwoners:
            sql = _INWONERS_SQL.format(van=key[0], tot=key[1], regio=REGIO)
            self._inwoners[key] = self._create(f"inwoners_{key[0]}_{key[1]}", sql)
        return self._inwoners[key]

    def _create(self, name: str, sql: str) -> str:
        """Create a shared table of the run where :meth:`_where` says; return its qualified name."""
        if self._where() == "temp":
            self.con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS {sql}")
            return name
        self.con.execute(f"CREATE OR REPLACE TABLE {self._where()}.{name} AS {sql}")
        return f"{self._where()}.{name}"

    def _where(self) -> str:
        """Where the run's shared tables go: in memory (TEMP) for a store of a municipality or a region; for a
        large store a scratch database file, whose tables are compressed and can be evicted to disk (at
        national scale, 15 million cost rows and several spells tables of millions of rows did not fit in
        6 GB as in-memory tables). Writing the file costs time, so small stores stay in memory."""
        if self._groot is None:
            rows = self.con.execute("SELECT count(*) FROM jeugdhulp").fetchone()
            self._groot = rows is not None and rows[0] > GROOT
        return self._scratch() if self._groot else "temp"

    def _scratch(self) -> str:
        """The name of the run's scratch database, attached on first use and removed by :meth:`close`."""
        if self._folder is None:
            self._folder = Path(tempfile.mkdtemp(prefix="jeugdmonitor-werk-"))
            weakref.finalize(self, shutil.rmtree, self._folder, True)  # also when close() is never called
            self.con.execute(f"ATTACH '{self._folder / 'werk.duckdb'}' AS {self._scratch_name} (READ_WRITE)")
        return self._scratch_name

    def close(self) -> None:
        """Detach and remove the scratch database."""
        if self._folder is not None:
            self.con.execute(f"DETACH {self._scratch_name}")
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None
            self._kosten = None
            self._built.clear()
            self._inwoners.clear()

    def zorgperiodes(
        self, afbakening: str, gat: int, vaste_dimensies: Sequence[str] = (), bron: str = "traject"
    ) -> str:
        """The name of the table of spells for this scope and merge gap, built on first use; split by the
        run's dimensions and by ``vaste_dimensies``, the splits an indicator always has; over the rows of
        ``bron``: the trajectories, or ``zorg_en_maatregel`` (engine.basis) with the measures JB and JR."""
        extra = [d for d in vaste_dimensies if d in DIMENSIES and d != "leeftijdsklasse" and d not in self.dims]
        dims = (*self.dims, *extra)
        if bron not in ("traject", "zorg_en_maatregel"):
            raise ValueError(f"onbekende bron voor zorgperiodes: {bron}")
        key = (afbakening, int(gat), dims, bron)
        if key not in self._built:
            digest = hashlib.sha1(f"{afbakening}|{gat}|{','.join(dims)}|{bron}".encode()).hexdigest()[:10]
            self._built[key] = self._create(f"zorgperiode_{digest}", self._spells_sql(afbakening, int(gat), dims, bron))
        return self._built[key]

    def _spells_sql(self, afbakening: str, gat: int, dims: Sequence[str], bron: str) -> str:
        # the windows work on integers only (person and municipality numbers, the region is 0; the split only
        # when there is one): over millions of small partitions that is several times faster than carrying the
        # pseudonyms along; the pseudonym and birth date are joined back at the end
        keys = "geo_nr, persoon_nr" + (", dim, waarde" if dims else "")
        split = "d.dim, d.waarde," if dims else ""
        return f"""
        WITH binnen_gemeente AS (
            -- every started trajectory in scope, per split value; an open trajectory runs to the open end
            SELECT t.gemeente_nr AS geo_nr, {split} t.persoon_nr, t.begindatum AS b,
                   coalesce(t.einddatum, {OPEN_END}) AS e
            FROM {bron} t, LATERAL (VALUES {dim_rows_sql(dims)}) AS d(dim, waarde)
            WHERE t.begindatum IS NOT NULL AND ({afbakening})
        ),
        verhuisd AS (
            -- persons with trajectories in more than one municipality: only their spells in the region differ
            -- from those in their municipality
            SELECT persoon_nr FROM binnen_gemeente GROUP BY persoon_nr HAVING min(geo_nr) < max(geo_nr)
        ),
        trajecten AS (
            SELECT * FROM binnen_gemeente
            UNION ALL
            SELECT 0 AS geo_nr, {split.replace("d.", "")} persoon_nr, b, e
            FROM binnen_gemeente SEMI JOIN verhuisd USING (persoon_nr)
        ),
        gemarkeerd AS (
            -- a trajectory starts a new spell when it begins more than 1 + G days after every earlier one ended;
            -- the running count of those starts numbers the spells
            SELECT *, sum(nieuw) OVER (PARTITION BY {keys} ORDER BY b, e ROWS UNBOUNDED PRECEDING) AS spell_nr
            FROM (
                SELECT *, CASE WHEN max(e) OVER w IS NULL OR b > max(e) OVER w + INTERVAL ({gat} + 1) DAY
                               THEN 1 ELSE 0 END AS nieuw
                FROM trajecten
                WINDOW w AS (PARTITION BY {keys} ORDER BY b, e ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
            )
        ),
        spells AS (
            SELECT {keys}, min(b) AS begin, max(e) AS eind
            FROM gemarkeerd
            GROUP BY {keys}, spell_nr
        ),
        buren AS (
            SELECT *, lag(eind) OVER v AS vorige_eind, lead(begin) OVER v AS volgende_begin,
                   lag(begin) OVER v AS vorige_begin, lead(eind) OVER v AS volgende_eind
            FROM spells
            WINDOW v AS (PARTITION BY {keys} ORDER BY begin)
        ),
        regio AS (
            -- per municipality, plus the region: the spells of persons who stayed in one municipality once more
            SELECT * FROM buren
            UNION ALL
            SELECT 0 AS geo_nr, * EXCLUDE (geo_nr) FROM buren ANTI JOIN verhuisd USING (persoon_nr)
            WHERE geo_nr <> 0
        )
        SELECT CASE WHEN s.geo_nr = 0 THEN '{REGIO}' ELSE gm.gemeente END AS geo,
               {"s.dim, s.waarde" if dims else f"'{TOTAAL}' AS dim, '{TOTAAL}' AS waarde"},
               y.client, y.geboortedatum, s.begin, s.eind, s.vorige_eind, s.volgende_begin, s.vorige_begin,
               s.volgende_eind
        FROM regio s
        JOIN persoon_nr y ON y.nr = s.persoon_nr
        LEFT JOIN gemeente_nr gm ON gm.nr = s.geo_nr
        """
