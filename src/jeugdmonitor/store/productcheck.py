"""Staging step: class the delivery's products as the store will, and warn for products no catalogue knows.

The region's catalogue is the delivery's ``producten`` when it has one (it replaces the store's whole), else
the store's. The classification itself is :func:`jeugdmonitor.catalog.producten.refresh_classification`, the
same function the loader runs on the store after writing, so ``check`` and ``load`` report the same warnings.
"""

from __future__ import annotations

import duckdb

from jeugdmonitor.catalog.producten import Relation, refresh_classification
from jeugdmonitor.store import meldingen
from jeugdmonitor.store.meldingen import select_sql, shown
from jeugdmonitor.store.staging import StagedTable, Staging

STAGED_CLASSES = "stg_product_klasse"
PRODUCT = "product"


def _relation(staged: StagedTable | None) -> Relation | None:
    return None if staged is None else Relation(staged.relation, frozenset(staged.columns))


def _reference_producten(con: duckdb.DuckDBPyConnection, reference: str | None) -> Relation | None:
    if reference is None:
        return None
    cols = con.execute(
        "SELECT list(column_name) FROM duckdb_columns() WHERE database_name = ? AND table_name = 'producten'",
        [reference],
    ).fetchone()[0]
    return Relation(f"{reference}.producten", frozenset(cols)) if cols else None


def check_products(con: duckdb.DuckDBPyConnection, staging: Staging, reference: str | None) -> None:
    trajecten = staging.tables.get("jeugdhulp")
    if trajecten is None or PRODUCT not in trajecten.columns:
        return
    region = _relation(staging.tables.get("producten")) or _reference_producten(con, reference)
    unknown = refresh_classification(
        con,
        trajecten=_relation(trajecten),
        kosten=_relation(staging.tables.get("kosten")),
        producten=region,
        target=STAGED_CLASSES,
        temporary=True,
    )
    if not unknown:
        return
    tekst = (
        f"'product ' || {shown('t.' + PRODUCT)} || ' staat niet in de productcatalogus van de regio of in de "
        "meegeleverde catalogus; ' || CASE WHEN k.bron = 'categorie' "
        "THEN 'ingedeeld volgens productcategorie ' || k.categorie_effectief ELSE 'ingedeeld als onbekend' END"
    )
    meldingen.insert(
        con,
        [
            f"{select_sql('waarschuwing', 'onbekend_product', trajecten.bestand, PRODUCT, tekst, rij='t._rij')} "
            f"FROM {trajecten.relation} t JOIN {STAGED_CLASSES} k ON k.product = t.{PRODUCT} "
            f"AND k.productcategorie IS NOT DISTINCT FROM "
            f"{'t.productcategorie' if 'productcategorie' in trajecten.columns else 'NULL'} "
            f"WHERE k.bron IN ('categorie', 'onbekend')"
        ],
    )
