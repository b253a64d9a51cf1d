"""Results kept in the store: after a delivery lands, every computable indicator is computed for the standard
periods (the last five years, their half years, tertalen and quarters, and the months of the peildatum's
year), per municipality and for the region, with the categories the indicator itself has (per perceel, per
reason of ending, …), and written to ``_resultaten`` with the delivery they came from. A new delivery
replaces them whole. Splits by a further dimension (wijk, aanbieder, …) are computed when asked for.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import duckdb

from jeugdmonitor.engine.basis import store_peildatum
from jeugdmonitor.engine.families import shipped_families
from jeugdmonitor.engine.perioden import all_periods
from jeugdmonitor.engine.runner import computed
from jeugdmonitor.engine.uitkomsten import RESULT_COLUMNS

RESULTS_TABLE = "_resultaten"
YEARS = 5
COLUMNS = [
    ("levering_id", "INTEGER"), ("berekend_op", "TIMESTAMP"), ("indicator", "VARCHAR"), ("maat", "VARCHAR"),
    ("periode", "VARCHAR"), ("gemeente", "VARCHAR"), ("dimensie", "VARCHAR"), ("dimensiewaarde", "VARCHAR"),
    ("waarde", "DOUBLE"), ("teller", "DOUBLE"), ("noemer", "DOUBLE"), ("eenheid", "VARCHAR"),
    ("status", "VARCHAR"), ("toelichting", "VARCHAR"),
]  # fmt: skip


def store_results(store: Path) -> int:
    """Recompute and replace the stored results; return how many records were written. The records go from
    the engine's table to the store in one statement, never through Python objects."""
    con = duckdb.connect(str(store))
    try:
        peildatum = store_peildatum(con)
        periods = all_periods(peildatum.year - YEARS + 1, peildatum)
        levering_id = con.execute("SELECT max(levering_id) FROM _leveringen").fetchone()[0]
        now = datetime.now().replace(microsecond=0)
        columns = ", ".join(f"{name} {typ}" for name, typ in COLUMNS)
        # named with the store's catalogue: during the run a plain name is the run's scratch database
        target = f'"{con.execute("SELECT current_database()").fetchone()[0]}".main.{RESULTS_TABLE}'
        with computed(con, sorted(shipped_families()), periods) as table:
            con.execute("BEGIN TRANSACTION")
            con.execute(f"CREATE OR REPLACE TABLE {target} ({columns})")
            con.execute(
                f"INSERT INTO {target} SELECT ?, ?, {', '.join(n for n, _ in RESULT_COLUMNS)} FROM {table}",
                [levering_id, now],
            )
            con.execute("COMMIT")
        return con.execute(f"SELECT count(*) FROM {RESULTS_TABLE}").fetchone()[0]
    finally:
        con.close()
