"""Results kept in the store: after a delivery lands, every computable indicator is computed for the standard
periods (the last five years, their half years, tertalen and quarters, and the months of the peildatum's
year), per municipality and for the region, with the categories the indicator itself has (per perceel, per
reason of ending, …), and written to ``_resultaten`` with the delivery they came from. A new delivery
replaces them whole. Splits by a further dimension (wijk, aanbieder, …) are computed when asked for.
"""

from __future__ import annotations

import csv
import tempfile
from datetime import datetime
from pathlib import Path

import duckdb

from jeugdmonitor.engine.basis import store_peildatum
from jeugdmonitor.engine.families import shipped_families
from jeugdmonitor.engine.perioden import all_periods
from jeugdmonitor.engine.records import Record
from jeugdmonitor.engine.runner import compute

RESULTS_TABLE = "_resultaten"
YEARS = 5
COLUMNS = [
    ("levering_id", "INTEGER"), ("berekend_op", "TIMESTAMP"), ("indicator", "VARCHAR"), ("maat", "VARCHAR"),
    ("periode", "VARCHAR"), ("gemeente", "VARCHAR"), ("dimensie", "VARCHAR"), ("dimensiewaarde", "VARCHAR"),
    ("waarde", "DOUBLE"), ("teller", "DOUBLE"), ("noemer", "DOUBLE"), ("eenheid", "VARCHAR"),
    ("status", "VARCHAR"), ("toelichting", "VARCHAR"),
]  # fmt: skip


def compute_all(con: duckdb.DuckDBPyConnection) -> list[Record]:
    peildatum = store_peildatum(con)
    periods = all_periods(peildatum.year - YEARS + 1, peildatum)
    return compute(con, sorted(shipped_families()), periods)


def store_results(store: Path) -> int:
    """Recompute and replace the stored results; return how many records were written."""
    con = duckdb.connect(str(store))
    try:
        records = compute_all(con)
        levering_id = con.execute("SELECT max(levering_id) FROM _leveringen").fetchone()[0]
        now = datetime.now().replace(microsecond=0)
        with tempfile.TemporaryDirectory(prefix="jeugdmonitor-") as tmp:
            path = Path(tmp) / "resultaten.csv"
            with path.open("w", encoding="utf-8", newline="") as fh:
                writer = csv.writer(fh)
                for r in records:
                    (dim, val), *_ = list(r.dimensies.items()) or [(None, None)]
                    writer.writerow([levering_id, now, r.indicator, r.maat, r.periode, r.gemeente, dim, val,
                                     r.waarde, r.teller, r.noemer, r.eenheid, r.status, r.toelichting])  # fmt: skip
            columns = ", ".join(f"{name} {typ}" for name, typ in COLUMNS)
            types = ", ".join(f"'{name}': '{typ}'" for name, typ in COLUMNS)
            con.execute("BEGIN TRANSACTION")
            con.execute(f"CREATE OR REPLACE TABLE {RESULTS_TABLE} ({columns})")
            con.execute(
                f"INSERT INTO {RESULTS_TABLE} SELECT * FROM read_csv('{path}', header = false, columns = {{{types}}})"
            )
            con.execute("COMMIT")
        return len(records)
    finally:
        con.close()
