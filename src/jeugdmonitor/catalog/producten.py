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

from importlib import resources
from pathlib import Path

import duckdb

CLASS_TABLE = "product_klasse"
ONBEKEND = "onbekend"
FIELDS = ("hulpvorm", "segment", "productgroep", "perceel", "wachttijdnorm_dagen", "zwaarteband")
STANDARD_CODE = r"^[0-9]{2}[A-Z0-9][0-9]{2}$"


def _data_file(name: str) -> Path:
    return Path(str(resources.files(__package__).joinpath(name)))


def _table_exists(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    return bool(
        con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = ? AND NOT temporary", [name]).fetchone()[0]
    )


def _used_products_sql(con: duckdb.DuckDBPyConnection) -> str:
    parts = []
    if _table_exists(con, "jeugdhulp"):
        parts.append("SELECT DISTINCT product, productcategorie FROM jeugdhulp WHERE product IS NOT NULL")
    if _table_exists(con, "kosten"):
        parts.append("SELECT DISTINCT product, NULL::VARCHAR FROM kosten WHERE product IS NOT NULL")
    if not parts:
        return "SELECT NULL::VARCHAR AS product, NULL::VARCHAR AS productcategorie WHERE false"
    return " UNION ".join(parts)


def _region_sql(con: duckdb.DuckDBPyConnection) -> str:
    if _table_exists(con, "producten"):
        return (
            "SELECT product, omschrijving, nullif(productcategorie, 'onbekend') AS productcategorie, "
            "nullif(hulpvorm, 'onbekend') AS hulpvorm, verblijf, ambulant_alternatief, "
            "nullif(segment, 'onbekend') AS segment, productgroep, perceel, wachttijdnorm_dagen, "
            "nullif(zwaarteband, 'onbekend') AS zwaarteband FROM producten"
        )
    return (
        "SELECT NULL::VARCHAR product, NULL::VARCHAR omschrijving, NULL::VARCHAR productcategorie, "
        "NULL::VARCHAR hulpvorm, NULL::BOOLEAN verblijf, NULL::BOOLEAN ambulant_alternatief, NULL::VARCHAR segment, "
        "NULL::VARCHAR productgroep, NULL::VARCHAR perceel, NULL::BIGINT wachttijdnorm_dagen, "
        "NULL::VARCHAR zwaarteband WHERE false"
    )


def refresh_classification(con: duckdb.DuckDBPyConnection) -> list[str]:
    """(Re)build ``product_klasse`` in the store; return the product codes no catalogue knows, sorted.

    Runs inside the caller's transaction (the loader's), so a failed load leaves the old table.
    """
    standard = _data_file("standaardproducten.csv")
    categories = _data_file("productcategorieen.csv")
    con.execute(f"""
        CREATE OR REPLACE TABLE {CLASS_TABLE} AS
        WITH used AS ({_used_products_sql(con)}),
        region AS ({_region_sql(con)}),
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
        f"SELECT DISTINCT product FROM {CLASS_TABLE} WHERE bron IN ('categorie', '{ONBEKEND}') ORDER BY product"
    ).fetchall()
    return [r[0] for r in rows]
