"""The engine's base views over a store: what every indicator family reads.

``traject``: one row per trajectory (jeugdhulp), cut at the peildatum (a begindatum after it: not started;
an einddatum after it: still open), with the product classification, the young person's wijk, gender and
birth date, and the reason for ending in the five CBS categories.
Dimension values that are unknown read ``onbekend`` so that splits add up to their total.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path

import duckdb

from jeugdmonitor.engine.werkruimte import ddl
from jeugdmonitor.errors import UserError

ONBEKEND = "onbekend"
OPEN_END = "DATE '9999-12-31'"  # the end of an open trajectory or spell in comparisons


@dataclass(frozen=True)
class Dimensie:
    """A split of an indicator: its name and its SQL over ``t``, a trajectory row of the family's query."""

    naam: str
    sql: str
    label: str


# age on the last day within P on which the person was in care (indicatoren.md §1): families that offer this
# split provide `t.laatste_dag`, the person's last day in care within the period; macro `leeftijd` below
LEEFTIJD_SQL = (
    "CASE WHEN t.geboortedatum IS NULL THEN 'onbekend' "
    "WHEN leeftijd(t.geboortedatum, t.laatste_dag) < 4 THEN '0-3 jaar' "
    "WHEN leeftijd(t.geboortedatum, t.laatste_dag) < 12 THEN '4-11 jaar' "
    "WHEN leeftijd(t.geboortedatum, t.laatste_dag) < 18 THEN '12-17 jaar' ELSE '18 jaar en ouder' END"
)

# Every dimension of indicatoren.md / issue 3. `gemeente` is the geography itself (every record has one).
DIMENSIES: dict[str, Dimensie] = {
    d.naam: d
    for d in (
        Dimensie("wijk", "t.wijk", "wijk"),
        Dimensie("hulpvorm", "t.hulpvorm", "hulpvorm"),
        Dimensie("productgroep", "t.productgroep", "productgroep"),
        Dimensie("perceel", "t.perceel", "perceel"),
        Dimensie("segment", "t.segment", "segment"),
        Dimensie("financiering", "t.financiering", "financieringsvorm"),
        Dimensie("aanbieder", "t.aanbieder", "aanbieder"),
        Dimensie("verwijzer", "t.verwijzer", "verwijzer"),
        Dimensie("geslacht", "t.geslacht", "geslacht"),
        Dimensie("leeftijdsklasse", LEEFTIJD_SQL, "leeftijdsklasse"),
    )
}


def _data_file(name: str) -> Path:
    return Path(str(resources.files("jeugdmonitor.catalog").joinpath(name)))


def store_peildatum(con: duckdb.DuckDBPyConnection) -> date:
    """The date up to which the store is complete: per municipality the peildatum of its latest delivery;
    for the store as a whole the earliest of those, so that no municipality is counted past its own."""
    row = con.execute(
        """
        WITH per_gemeente AS (
            SELECT g.gemeente, arg_max(l.peildatum, l.levering_id) AS peildatum
            FROM _leveringen l, unnest(l.gemeenten) AS g(gemeente)
            GROUP BY g.gemeente
        )
        SELECT min(peildatum) FROM per_gemeente
        """
    ).fetchone()
    if row is None or row[0] is None:
        raise UserError("de store bevat nog geen levering met een peildatum")
    return row[0]


def create_macros(con: duckdb.DuckDBPyConnection, where: str | None = None) -> None:
    """Macros ``leeftijd`` and ``verjaardag``: TEMP, or in the run's scratch database ``where``."""
    # age in whole years on a date (integer arithmetic: ten times faster than comparing strftime strings)
    con.execute(
        f"{ddl('MACRO', 'leeftijd', where)}(geboren, op) AS year(op) - year(geboren) "
        "- CASE WHEN month(op) * 100 + day(op) < month(geboren) * 100 + day(geboren) THEN 1 ELSE 0 END"
    )
    # the first day on which leeftijd(geboren, day) >= n: the n-th birthday (29 February: 1 March in a common year)
    con.execute(
        f"{ddl('MACRO', 'verjaardag', where)}(geboren, n) AS "
        "make_date(year(geboren) + n, month(geboren), 1) + (day(geboren) - 1)::INTEGER"
    )


def create_base_views(con: duckdb.DuckDBPyConnection, peildatum: date, where: str | None = None) -> None:
    """Table ``traject`` (materialised once per run: every family reads it), ``reden_cbs`` and the others below:
    TEMP, or in the run's scratch database ``where`` (engine.werkruimte)."""
    reden = _data_file("reden_beeindiging.csv")
    p = f"DATE '{peildatum.isoformat()}'"
    create_macros(con, where)
    # the run's peildatum as a one-row table, for families that cut tables other than jeugdhulp themselves
    con.execute(f"{ddl('TABLE', 'peil', where)} AS SELECT {p} AS peildatum")
    con.execute(f"{ddl('TABLE', 'reden_cbs', where)} AS SELECT * FROM read_csv('{reden}', all_varchar = true)")
    # integer numbers for young persons and municipalities (the region is 0): windows and groupings on them are
    # several times faster than on the 64-character pseudonyms
    con.execute(
        f"{ddl('TABLE', 'persoon_nr', where)} AS "
        "SELECT client, gemeente, wijk, geslacht, geboortedatum, row_number() OVER () AS nr FROM jeugdigen"
    )
    con.execute(
        f"{ddl('TABLE', 'gemeente_nr', where)} AS "
        "SELECT gemeente, row_number() OVER (ORDER BY gemeente) AS nr "
        "FROM (SELECT gemeente FROM jeugdhulp UNION SELECT gemeente FROM maatregelen WHERE gemeente IS NOT NULL)"
    )
    con.execute(f"""
        {ddl("TABLE", "traject", where)} AS
        SELECT
            j.traject_id, j.client, j.gemeente,
            y.nr AS persoon_nr, g.nr AS gemeente_nr,  -- integer keys: windows partitioned on them are fast
            coalesce(y.wijk, '{ONBEKEND}') AS wijk,
            coalesce(j.aanbieder, '{ONBEKEND}') AS aanbieder,
            j.product,
            coalesce(k.hulpvorm, '{ONBEKEND}') AS hulpvorm,
            coalesce(k.verblijf, false) AS verblijf,
            coalesce(k.ambulant_alternatief, false) AS ambulant_alternatief,
            coalesce(k.segment, '{ONBEKEND}') AS segment,
            coalesce(k.productgroep, '{ONBEKEND}') AS productgroep,
            coalesce(k.perceel, '{ONBEKEND}') AS perceel,
            k.wachttijdnorm_dagen, k.zwaarteband,
            k.hulpvorm IN ('JB', 'JR') AS maatregel,  -- JB/JR products are measures, not jeugdhulp
            coalesce(j.financiering, '{ONBEKEND}') AS financiering,
            coalesce(j.verwijzer, '{ONBEKEND}') AS verwijzer,
            j.perspectief, coalesce(j.crisis, false) AS crisis,
            j.aanmelddatum, j.toewijzingsdatum, j.toewijzing_einddatum,
            -- cut at the peildatum: not yet started, or still open, as far as the delivery knows
            CASE WHEN j.begindatum <= {p} THEN j.begindatum END AS begindatum,
            CASE WHEN j.einddatum <= {p} THEN j.einddatum END AS einddatum,
            CASE WHEN j.einddatum <= {p} THEN j.reden_beeindiging END AS reden_beeindiging,
            CASE WHEN j.einddatum <= {p} THEN coalesce(r.cbs, '{ONBEKEND}') END AS reden_cbs,
            CASE WHEN j.einddatum <= {p} THEN j.doelrealisatie END AS doelrealisatie,
            CASE WHEN j.einddatum <= {p} THEN j.uitstroom_bestemming END AS uitstroom_bestemming,
            j.volume, j.eenheid, j.frequentie, j.tarief, j.team, j.medewerker,
            coalesce(y.geslacht, '{ONBEKEND}') AS geslacht, y.geboortedatum
        FROM jeugdhulp j
        LEFT JOIN persoon_nr y ON y.client = j.client
        LEFT JOIN gemeente_nr g ON g.gemeente = j.gemeente
        LEFT JOIN product_klasse k
            ON k.product = j.product AND k.productcategorie IS NOT DISTINCT FROM j.productcategorie
        LEFT JOIN reden_cbs r ON r.jz588 = j.reden_beeindiging
    """)
    con.execute(_ZORG_EN_MAATREGEL.format(create=ddl("VIEW", "zorg_en_maatregel", where), p=p, onbekend=ONBEKEND))


# The trajectories and the measures JB and JR of table maatregelen as one kind of row (for indicators that count
# both, such as h10.01): a measure is active like a trajectory (cut at the peildatum) and is classed as its
# product category in catalog/productcategorieen.csv: JB as 48 (hulpvorm JB, productgroep Jeugdbescherming), JR
# as 47 (JR, Jeugdreclassering), perceel JB/JR, segment jb_jr; financiering ZIN; aanbieder the certified
# institution (gi); the preventief justitieel kader is neither and left out.
_ZORG_EN_MAATREGEL = """
{create} AS
SELECT gemeente, gemeente_nr, persoon_nr, client, begindatum, einddatum, wijk, hulpvorm, productgroep, perceel,
       segment, financiering, aanbieder, verwijzer, geslacht, geboortedatum, maatregel, verblijf,
       ambulant_alternatief
FROM traject
UNION ALL
SELECT m.gemeente, g.nr, y.nr, m.client,
       CASE WHEN m.begindatum <= {p} THEN m.begindatum END, CASE WHEN m.einddatum <= {p} THEN m.einddatum END,
       coalesce(y.wijk, '{onbekend}'), m.kader,
       CASE m.kader WHEN 'JB' THEN 'Jeugdbescherming' ELSE 'Jeugdreclassering' END, 'JB/JR', 'jb_jr', 'ZIN',
       coalesce(m.gi, '{onbekend}'), '{onbekend}', coalesce(y.geslacht, '{onbekend}'), y.geboortedatum, true, false,
       false
FROM maatregelen m
LEFT JOIN persoon_nr y ON y.client = m.client
LEFT JOIN gemeente_nr g ON g.gemeente = m.gemeente
WHERE m.kader IN ('JB', 'JR')
"""
