"""Which inputs a store holds, and so which indicators can be computed: one whose ``benodigd`` is not met
comes back ``niet_beschikbaar`` with the missing input named, never as zero (gegevens.md).

An input ``tabel`` is there when the store has rows in it; ``tabel.kolom`` when, in addition, a delivery
with rows for that table held the column (an empty ``einddatum`` means "still running", so a column is
judged by being delivered, not by being filled; how well it is filled is the data-quality report's job).
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import duckdb

from jeugdmonitor.catalog.indicatoren import Vereiste
from jeugdmonitor.store.schema import LOG_TABLE


def available_inputs(con: duckdb.DuckDBPyConnection) -> set[str]:
    """'tabel' and 'tabel.kolom' for everything the store's deliveries held (tables with rows only)."""
    found: set[str] = set()
    for rijen, kolommen in con.execute(f"SELECT rijen, kolommen FROM {LOG_TABLE}").fetchall():
        rows = json.loads(rijen) if rijen else {}
        columns = json.loads(kolommen) if kolommen else {}
        for table, n in rows.items():
            if n:
                found.add(table)
                found.update(f"{table}.{c}" for c in columns.get(table, []))
    return found


def missing_inputs(vereisten: Sequence[Vereiste], available: set[str]) -> list[str]:
    """The requirements none of whose alternatives is available, as written in the catalogue."""
    return [str(v) for v in vereisten if not any(str(a) in available for a in v.alternatieven)]
