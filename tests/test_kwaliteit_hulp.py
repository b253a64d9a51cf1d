"""Helpers for the data-quality tests: a Staging built by hand, as the loader would leave it.

Each table becomes a TEMP table with ``_rij`` (header = row 1, so the first data row is 2) and the given
columns; problems go into ``stg_meldingen``. Types follow the Python values (date, int, float, bool, str).
"""

from __future__ import annotations

from datetime import date

import duckdb

from jeugdmonitor.store.staging import MELDINGEN_TABLE, StagedTable, Staging

Rows = list[dict[str, object]]
MeldingRow = tuple[str, str, str, int | None, str | None, str]  # niveau, regel, bestand, rij, kolom, tekst


def _sql_type(values: list[object]) -> str:
    kinds = {type(v) for v in values if v is not None}
    if kinds == {date}:
        return "DATE"
    if kinds == {bool}:
        return "BOOLEAN"
    if kinds == {int}:
        return "BIGINT"
    if kinds and kinds <= {int, float}:
        return "DOUBLE"
    return "VARCHAR"


def make_staging(
    tables: dict[str, Rows],
    meldingen: list[MeldingRow] = (),  # type: ignore[assignment]
    peildatum: date | None = None,
    con: duckdb.DuckDBPyConnection | None = None,
) -> Staging:
    con = con or duckdb.connect(":memory:")
    con.execute(
        f"CREATE TEMP TABLE {MELDINGEN_TABLE} "
        "(niveau VARCHAR, regel VARCHAR, bestand VARCHAR, rij INTEGER, kolom VARCHAR, tekst VARCHAR)"
    )
    if meldingen:
        con.executemany(f"INSERT INTO {MELDINGEN_TABLE} VALUES (?, ?, ?, ?, ?, ?)", list(meldingen))
    staging = Staging(con, peildatum=peildatum, peildatum_bron="levering.csv" if peildatum else "")
    for name, rows in tables.items():
        columns: list[str] = []
        for row in rows:
            columns.extend(k for k in row if k not in columns)
        relation = f"stg_{name}"
        types = {c: _sql_type([r.get(c) for r in rows]) for c in columns}
        defs = ", ".join(["_rij INTEGER", *(f'"{c}" {types[c]}' for c in columns)])
        con.execute(f"CREATE TEMP TABLE {relation} ({defs})")
        if rows:
            marks = ", ".join("?" for _ in range(len(columns) + 1))
            con.executemany(
                f"INSERT INTO {relation} VALUES ({marks})",
                [[i + 2, *(r.get(c) for c in columns)] for i, r in enumerate(rows)],
            )
        staging.tables[name] = StagedTable(
            table=name,
            bestand=f"{name}.csv",
            relation=relation,
            rows=len(rows),
            columns=tuple(columns),
            client_kind="bsn" if "client" in columns else None,
        )
    return staging


def jeugdigen(n: int = 4) -> Rows:
    return [
        {
            "client": f"p{i}",
            "geslacht": "1",
            "geboortedatum": date(2010, 1, 1),
            "postcode": "7551",
            "gemeente": "GM0164",
        }
        for i in range(n)
    ]


def trajecten() -> Rows:
    """Four trajectories worked out by hand in the tests:

    T1 ended with a reason; T2 ended without a reason; T3 running, no aanmelddatum; T4 cancelled
    (einddatum without begindatum) with a reason.
    """
    d = date
    base = {"product": "45A48", "productcategorie": "45", "financiering": "ZIN", "verwijzer": "01", "aanbieder": "A"}
    return [
        {"traject_id": "T1", "client": "p0", **base, "aanmelddatum": d(2024, 1, 2), "begindatum": d(2024, 1, 15),
         "einddatum": d(2024, 6, 30), "reden_beeindiging": "31"},
        {"traject_id": "T2", "client": "p1", **base, "aanmelddatum": d(2024, 2, 1), "begindatum": d(2024, 3, 1),
         "einddatum": d(2024, 5, 1), "reden_beeindiging": None},
        {"traject_id": "T3", "client": "p2", **base, "aanmelddatum": None, "begindatum": d(2024, 3, 1),
         "einddatum": None, "reden_beeindiging": None},
        {"traject_id": "T4", "client": "p3", **base, "aanmelddatum": d(2024, 2, 1), "begindatum": None,
         "einddatum": d(2024, 4, 1), "reden_beeindiging": "34"},
    ]  # fmt: skip
