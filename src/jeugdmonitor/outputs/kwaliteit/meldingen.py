"""The meldingen of a delivery summarised in SQL: how often each rule was broken, with the first examples."""

from __future__ import annotations

import duckdb

from jeugdmonitor.outputs.kwaliteit.model import Melding, RegelTelling
from jeugdmonitor.store.staging import MELDINGEN_TABLE, Staging

_ORDER = "niveau = 'waarschuwing', bestand, rij NULLS FIRST, kolom"


def per_regel(con: duckdb.DuckDBPyConnection, voorbeelden: int) -> tuple[RegelTelling, ...]:
    """Per rule (errors first, then by frequency) the count and the first ``voorbeelden`` meldingen."""
    rows = con.execute(
        f"""
        WITH genummerd AS (
            SELECT *, row_number() OVER (PARTITION BY niveau, regel ORDER BY bestand, rij NULLS FIRST, kolom) AS nr,
                   count(*) OVER (PARTITION BY niveau, regel) AS aantal
            FROM {MELDINGEN_TABLE}
        )
        SELECT niveau, regel, aantal, bestand, rij, kolom, tekst
        FROM genummerd
        WHERE nr <= ?
        ORDER BY niveau = 'waarschuwing', aantal DESC, regel, nr
    """,
        [voorbeelden],
    ).fetchall()
    result: dict[tuple[str, str], tuple[int, list[Melding]]] = {}
    for niveau, regel, aantal, bestand, rij, kolom, tekst in rows:
        _, examples = result.setdefault((niveau, regel), (aantal, []))
        examples.append(Melding(niveau=niveau, regel=regel, bestand=bestand, rij=rij, kolom=kolom, tekst=tekst))
    return tuple(
        RegelTelling(niveau=niveau, regel=regel, aantal=aantal, voorbeelden=tuple(examples))
        for (niveau, regel), (aantal, examples) in result.items()
    )


def eerste(staging: Staging, limit: int) -> tuple[Melding, ...]:
    """The first ``limit`` meldingen, errors first, in file order."""
    return tuple(
        Melding(niveau=m.niveau, regel=m.regel, bestand=m.bestand, rij=m.rij, kolom=m.kolom, tekst=m.tekst)
        for m in staging.meldingen(limit=limit)
    )
