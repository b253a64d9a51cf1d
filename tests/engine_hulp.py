"""Shared helpers for the engine tests: a store from a hand-made delivery, and finding a record."""

from __future__ import annotations

import duckdb
import pytest

from jeugdmonitor.engine.records import Record
from jeugdmonitor.store.loader import load_delivery
from tests.conftest import Rows, Tables, write_table


def load_store(tmp_path_factory: pytest.TempPathFactory, name: str, tables: Tables) -> duckdb.DuckDBPyConnection:
    """Write ``tables`` as a delivery, load it through the real loader, open the store read-only."""
    folder = tmp_path_factory.mktemp(name) / "levering"
    folder.mkdir()
    for table, rows in tables.items():
        write_table(folder, table, rows)
    path = folder.parent / "store.duckdb"
    load_delivery(folder, path)
    return duckdb.connect(str(path), read_only=True)


def find(records: list[Record], periode: str, gemeente: str, maat: str | None = None, **dims: str) -> Record | None:
    """The one record of this period, area, measure and split (None when there is none)."""
    found = [r for r in records if (r.periode, r.gemeente, r.maat, r.dimensies) == (periode, gemeente, maat, dims)]
    assert len(found) <= 1, found
    return found[0] if found else None


def value(records: list[Record], periode: str, gemeente: str, maat: str | None = None, **dims: str) -> float | None:
    rec = find(records, periode, gemeente, maat, **dims)
    return None if rec is None else rec.waarde


# The products of the Twente tests (doorstroom, recidive): ambulant help (begeleiding and behandeling), an
# ambulant alternative, residential care and a JB measure
TWENTE_PRODUCTEN: Rows = [
    {"product": "AMB", "productcategorie": "45", "verblijf": "nee", "ambulant_alternatief": "nee",
     "productgroep": "Begeleiding"},
    {"product": "BEH", "productcategorie": "45", "verblijf": "nee", "ambulant_alternatief": "nee",
     "productgroep": "Behandeling"},
    {"product": "ALT", "productcategorie": "45", "verblijf": "nee", "ambulant_alternatief": "ja",
     "productgroep": "Alternatief"},
    {"product": "VBL", "productcategorie": "43", "verblijf": "ja", "ambulant_alternatief": "nee",
     "productgroep": "Verblijf"},
    {"product": "OTS", "productcategorie": "48", "hulpvorm": "JB", "verblijf": "nee", "ambulant_alternatief": "nee",
     "productgroep": "JB"},
]  # fmt: skip
