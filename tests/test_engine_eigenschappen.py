"""Properties over random deliveries (hypothesis): the balance identity and distinct totals.

For every period, municipality (and the region), split value and merge gap:
beginstand + instroom − uitstroom = eindstand; and the total of `gebruik` is the number of distinct persons,
never more than the sum of its categories and never less than the largest category.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta

import duckdb
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jeugdmonitor.catalog.producten import refresh_classification, store_relations
from jeugdmonitor.engine.bases import Bases
from jeugdmonitor.engine.families import shipped_families
from jeugdmonitor.engine.perioden import parse
from jeugdmonitor.engine.runner import compute, prepare, render
from jeugdmonitor.store.schema import ensure_schema

PEILDATUM = date(2024, 10, 31)
PERIODS = [parse(c) for c in ("2023", "2024", "2024-T1", "2024-T2", "2024-T3", "2024-Q2", "2024-03")]
PRODUCTS = [("45A48", "45"), ("54001", "54"), ("43A24", "43")]
DAY0 = date(2022, 6, 1)

trajectory = st.tuples(
    st.integers(0, 5),  # person
    st.integers(0, 1),  # municipality
    st.integers(0, 2),  # product
    st.integers(0, 900),  # start offset in days (some after the peildatum)
    st.one_of(st.none(), st.integers(0, 400)),  # duration; None = open
    st.booleans(),  # PGB
    st.integers(0, 30) | st.just(-1),  # -1: cancelled (no begindatum)
)


def _store(rows: list[tuple]) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    ensure_schema(con)
    gemeenten = ["GM0164", "GM0147"]
    delivered = {
        "jeugdhulp": [
            "client",
            "traject_id",
            "gemeente",
            "product",
            "productcategorie",
            "financiering",
            "begindatum",
            "einddatum",
        ],
        "jeugdigen": ["client", "gemeente", "geboortedatum"],
    }
    con.execute(
        "INSERT INTO _leveringen (levering_id, peildatum, gemeenten, rijen, kolommen) VALUES (1, ?, ?, ?, ?)",
        [PEILDATUM, gemeenten, json.dumps({"jeugdhulp": len(rows), "jeugdigen": 6}), json.dumps(delivered)],
    )
    for person in range(6):
        con.execute("INSERT INTO jeugdigen (client, gemeente, geboortedatum) VALUES (?, 'GM0164', DATE '2010-01-01')",
                    [f"p{person}"])  # fmt: skip
    for i, (person, gem, prod, start, duration, pgb, flag) in enumerate(rows):
        begin = DAY0 + timedelta(days=start)
        end = None if duration is None else begin + timedelta(days=duration)
        product, category = PRODUCTS[prod]
        con.execute(
            "INSERT INTO jeugdhulp (traject_id, client, gemeente, product, productcategorie, financiering, "
            "begindatum, einddatum) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [f"T{i}", f"p{person}", gemeenten[gem], product, category, "PGB" if pgb else "ZIN",
             None if flag == -1 else begin, end if flag != -1 else (end or begin)],
        )  # fmt: skip
    refresh_classification(con, **store_relations(con))
    return con


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(trajectory, min_size=1, max_size=14), st.sampled_from([0, 31]))
def test_balance_identity(rows: list[tuple], gap: int) -> None:
    con = _store(rows)
    base = shipped_families()["kern.stromen"]
    comp = replace(base, params={**base.params, "samenvoeg_gat_dagen": gap})
    prepare(con, PERIODS)
    found: dict[tuple, dict[str, int]] = {}
    for periode, gemeente, dim, waarde, maat, teller, _, _ in con.execute(
        render(comp, ["productgroep", "financiering"], Bases(con, ["productgroep", "financiering"]))
    ).fetchall():
        found.setdefault((periode, gemeente, dim, waarde), {})[maat] = teller
    for key, m in found.items():
        assert m["beginstand"] + m["instroom"] - m["uitstroom"] == m["eindstand"], key


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(trajectory, min_size=1, max_size=14))
def test_totals_are_distinct_counts(rows: list[tuple]) -> None:
    con = _store(rows)
    recs = compute(con, ["kern.gebruik"], PERIODS, per=["productgroep", "financiering"])
    # the distinct persons computed independently, in Python
    active: dict[tuple[str, str], set[str]] = {}
    for periode in PERIODS:
        end = min(periode.eind, PEILDATUM)
        for client, gemeente, begin, einde in con.execute(
            "SELECT client, gemeente, begindatum, einddatum FROM jeugdhulp"
        ).fetchall():
            einde = einde if einde is not None and einde <= PEILDATUM else None
            if begin is not None and begin <= min(end, PEILDATUM) and (einde is None or einde >= periode.start):
                active.setdefault((periode.code, gemeente), set()).add(client)
                active.setdefault((periode.code, "regio"), set()).add(client)
    totals = {(r.periode, r.gemeente): r.waarde for r in recs if not r.dimensies}
    assert totals == {k: len(v) for k, v in active.items()}
    for (periode, gemeente), total in totals.items():
        for dim in ("productgroep", "financiering"):
            parts = [r.waarde for r in recs if (r.periode, r.gemeente) == (periode, gemeente) and dim in r.dimensies]
            assert max(parts) <= total <= sum(parts)
