"""The product catalogue: which CBS hulpvorm, segment, product group and perceel a product belongs to.

Three sources, from specific to general, field by field:

1. the region's own ``producten`` table in the store (a delivery's ``producten.csv``);
2. the shipped classification of iJw standard product codes (``standaardproducten.csv``, built by
   ``tools/build_standaardproducten.py``);
3. the shipped defaults per iJw product category JZ020 (``productcategorieen.csv``). The category comes
   from the trajectory, else from the region's catalogue, else from the first two digits of a standard code.

A product known to none of these is classed ``onbekend``. The result is the store table ``product_klasse``
with one row per (product, productcategorie) used in ``jeugdhulp`` or ``kosten``; the engine joins on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import duckdb

CLASS_TABLE = "product_klasse"
ONBEKEND = "onbekend"
FIELDS = ("hulpvorm", "segment", "productgroep", "perceel", "wachttijdnorm_dagen", "zwaarteband")
STANDARD_CODE = r"^[0-9]{2}[A-Z0-9][0-9]{2}$"


def _data_file(name: str) -> Path:
    return Path(str(resources.files(__package__).joinpath(name)))


@dataclass(frozen=True)
class Relation:
    """A table or TEMP table to classify from, with the columns it has."""

    name: str
    columns: frozenset[str]


REGION_COLUMNS = {
    "omschrijving": "VARCHAR", "productcategorie": "VARCHAR", "hulpvorm": "VARCHAR", "verblijf": "BOOLEAN",
    "ambulant_alternatief": "BOOLEAN", "segment": "VARCHAR", "productgroep": "VARCHAR", "perceel": "VARCHAR",
    "wachttijdnorm_dagen": "BIGINT", "zwaarteband": "VARCHAR",
}  # fmt: skip
CODED = ("productcategorie", "hulpvorm", "segment", "zwaarteband")  # 'onbekend' there means: not given


def store_relations(con: duckdb.DuckDBPyConnection) -> dict[str, Relation | None]:
    """The store's own jeugdhulp, kosten and producten tables, for :func:`refresh_classification`."""
    rows = con.execute(
        "SELECT table_name, list(column_name) FROM duckdb_columns() "
        "WHERE database_name = current_database() AND schema_name = current_schema() "
        "AND table_name IN ('jeugdhulp', 'kosten', 'producten') GROUP BY table_name"
    ).fetchall()
    found = {name: Relation(name, frozenset(cols)) for name, cols in rows}
    return {"trajecten": found.get("jeugdhulp"), "kosten": found.get("kosten"), "producten": found.get("producten")}


def _col(rel: Relation, name: str, sql_type: str = "VARCHAR") -> str:
    return name if name in rel.columns else f"NULL::{sql_type}"


def _used_products_sql(trajecten: Relation | None, kosten: Relation | None) -> str:
    parts = []
    if trajecten is not None and "product" in trajecten.columns:
        parts.append(
            f"SELECT DISTINCT product, {_col(trajecten, 'productcategorie')} AS productcategorie "
            f"FROM {trajecten.name} WHERE product IS NOT NULL"
        )
    if kosten is not None and "product" in kosten.columns:
        parts.append(f"SELECT DISTINCT product, NULL::VARCHAR FROM {kosten.name} WHERE product IS NOT NULL")
    if not parts:
        return "SELECT NULL::VARCHAR AS product, NULL::VARCHAR AS productcategorie WHERE false"
    return " UNION ".join(parts)


def _region_sql(producten: Relation | None) -> str:
    if producten is None or "product" not in producten.columns:
        cols = ", ".join(f"NULL::{t} AS {c}" for c, t in REGION_COLUMNS.items())
        return f"SELECT NULL::VARCHAR AS product, {cols} WHERE false"
    cols = ", ".join(
        f"nullif({_col(producten, c, t)}, '{ONBEKEND}') AS {c}" if c in CODED else f"{_col(producten, c, t)} AS {c}"
        for c, t in REGION_COLUMNS.items()
    )
    return f"SELECT product, {cols} FROM {producten.name}"


def refresh_classification(
    con: duckdb.DuckDBPyConnection,
    *,
    trajecten: Relation | None,
    kosten: Relation | None,
    producten: Relation | None,
    target: str = CLASS_TABLE,
    temporary: bool = False,
) -> list[str]:
    """(Re)build the classification table ``target``; return the product codes no catalogue knows, sorted.

    The store's classification: ``refresh_classification(con, **store_relations(con))``, inside the loader's
    transaction so that a failed load leaves the old table. Staging classifies its TEMP tables the same way
    (``temporary=True``) to warn about unknown products before anything is written.
    """
    standard = _data_file("standaardproducten.csv")
    categories = _data_file("productcategorieen.csv")
    con.execute(f"""
        CREATE OR REPLACE {"TEMP " if temporary else ""}TABLE {target} AS
        WITH used AS ({_used_products_sql(trajecten, kosten)}),
        region AS ({_region_sql(producten)}),
        standard AS (
            SELECT * FROM read_csv('{standard}', header = true, all_varchar = true)
        ),
        category AS (
            SELECT * FROM read_csv('{categories}', header = true, all_varchar = true)
        ),
        resolved AS (
            -- which category applies: the trajectory's own, else the region's, else a standard code's prefix
            SELECT u.product, u.productcategorie,
                   coalesce(nullif(u.productcategorie, 'onbekend'), r.productcategorie, s.productcategorie,
                            CASE WHEN regexp_full_match(u.product, '{STANDARD_CODE[1:-1]}')
                                 THEN left(u.product, 2) END) AS categorie_effectief,
                   r.product IS NOT NULL AS in_regio, s.product IS NOT NULL AS in_standaard
            FROM used u
            LEFT JOIN region r ON r.product = u.product
            LEFT JOIN standard s ON s.product = u.product
        )
        SELECT
            x.product,
            x.productcategorie,
            x.categorie_effectief,
            coalesce(r.omschrijving, s.omschrijving, c.omschrijving, '{ONBEKEND}') AS omschrijving,
            coalesce(r.hulpvorm, nullif(s.hulpvorm, ''), nullif(c.hulpvorm, ''), '{ONBEKEND}') AS hulpvorm,
            coalesce(r.verblijf, s.verblijf = 'ja', c.verblijf = 'ja', false) AS verblijf,
            coalesce(r.ambulant_alternatief, c.ambulant_alternatief = 'ja', false) AS ambulant_alternatief,
            coalesce(r.segment, s.segment, c.segment, '{ONBEKEND}') AS segment,
            coalesce(r.productgroep, s.productgroep, c.productgroep, '{ONBEKEND}') AS productgroep,
            coalesce(r.perceel, s.perceel, c.perceel, '{ONBEKEND}') AS perceel,
            coalesce(r.wachttijdnorm_dagen, TRY_CAST(nullif(c.wachttijdnorm_dagen, '') AS BIGINT))
                AS wachttijdnorm_dagen,
            coalesce(r.zwaarteband, nullif(s.zwaarteband, '')) AS zwaarteband,
            CASE WHEN x.in_regio THEN 'regio' WHEN x.in_standaard THEN 'standaard'
                 WHEN c.productcategorie IS NOT NULL THEN 'categorie' ELSE '{ONBEKEND}' END AS bron
        FROM resolved x
        LEFT JOIN region r ON r.product = x.product
        LEFT JOIN standard s ON s.product = x.product
        LEFT JOIN category c ON c.productcategorie = x.categorie_effectief
    """)
    rows = con.execute(
        f"SELECT DISTINCT product FROM {target} WHERE bron IN ('categorie', '{ONBEKEND}') ORDER BY product"
    ).fetchall()
    return [r[0] for r in rows]
