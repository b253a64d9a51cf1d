"""A family function's rows (the forecast's) as result records: engine.uitkomsten.write_rows."""

from __future__ import annotations

from datetime import date

import duckdb

from jeugdmonitor.engine.families import shipped_families
from jeugdmonitor.engine.perioden import create_period_table, parse
from jeugdmonitor.engine.records import Record
from jeugdmonitor.engine.uitkomsten import create_sql, read_records, write_rows


def test_function_rows_become_records() -> None:
    """The region for an empty municipality, no split for 'totaal', a missing numerator stays missing, and a
    period cut at the peildatum (2025 on 30 June) is voorlopig; no rows write nothing."""
    con = duckdb.connect()
    create_period_table(con, [parse("2024"), parse("2025")], date(2025, 6, 30))
    con.execute(create_sql("uitkomsten"))
    k13 = shipped_families()["hengelo.K13"]
    write_rows(con, "uitkomsten", k13, [])
    assert read_records(con, "uitkomsten") == []
    write_rows(con, "uitkomsten", k13, [
        ("2024", "GM0164", "perceel", "AB", "gerealiseerd", 1250.5, None, 1250.5),
        ("2025", None, "totaal", "totaal", "begroot", None, None, None),
    ])  # fmt: skip
    assert read_records(con, "uitkomsten") == [
        Record("hengelo.K13", "2024", "GM0164", "euro", "ok", 1250.5, 1250.5, None, "gerealiseerd", {"perceel": "AB"}),
        Record("hengelo.K13", "2025", "regio", "euro", "voorlopig", None, None, None, "begroot", {},
               "periode afgekapt op de peildatum"),
    ]  # fmt: skip
