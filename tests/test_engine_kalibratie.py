"""On the demo region the product's own indicators land inside the CBS calibration ranges
(shared/reference/cbs_reference_figures.csv; issue 3): computed by the engine, not by the generator's test."""

from __future__ import annotations

from datetime import date

import duckdb
import pytest

from jeugdmonitor.demo import generate_delivery
from jeugdmonitor.engine.perioden import parse
from jeugdmonitor.engine.records import Record
from jeugdmonitor.engine.runner import compute
from jeugdmonitor.store.loader import load_delivery

YEARS = ["2022", "2023", "2024"]


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> list[Record]:
    root = tmp_path_factory.mktemp("kalibratie")
    generate_delivery(root / "levering", gemeenten=None, van=date(2021, 1, 1), tot=None, seed=2025, schaal="regio")
    load_delivery(root / "levering", root / "store.duckdb")
    con = duckdb.connect(str(root / "store.duckdb"), read_only=True)
    ids = ["kern.bereik", "kern.pgb_aandeel", "hengelo.R1", "h10.31", "uitkomst.uitval"]
    return compute(con, ids, [parse(y) for y in YEARS])


def _regio(records: list[Record], indicator: str, maat: str | None = None) -> dict[str, float]:
    return {r.periode: r.waarde for r in records
            if r.indicator == indicator and r.gemeente == "regio" and r.maat == maat and not r.dimensies}  # fmt: skip


def test_share_of_0_17_in_care(records: list[Record]) -> None:
    for year, share in _regio(records, "kern.bereik").items():
        assert 12 <= share <= 14, (year, share)  # CBS: 13,4–13,9% of 0–17 (2021–2023), Overijssel 12,5%


def test_pgb_share(records: list[Record]) -> None:
    for year, share in _regio(records, "kern.pgb_aandeel", "jeugdigen").items():
        assert 2 <= share <= 4, (year, share)  # CBS 2022: (10.070 + 4.655) / 456.605 = 3,2%


def test_reasons_for_ending(records: list[Record]) -> None:
    for year in YEARS:
        counts = {r.maat: r.waarde for r in records
                  if r.indicator == "hengelo.R1" and r.gemeente == "regio" and r.periode == year}  # fmt: skip
        known = sum(counts[c] for c in ("01", "02", "03", "04", "05"))
        share = {c: 100 * counts[c] / known for c in ("01", "02", "03", "04", "05")}
        # CBS 2020-H1: plan 82.500, in overeenstemming 10.470, cliënt 3.650, aanbieder 1.675, extern 2.925
        assert 78 <= share["01"] <= 84 and 8 <= share["02"] <= 12, (year, share)
        assert 2.5 <= share["03"] <= 4.5 and 0.8 <= share["04"] <= 2.2 and 2 <= share["05"] <= 4.5, (year, share)


def test_cost_per_young_person(records: list[Record]) -> None:
    for year, cost in _regio(records, "h10.31").items():
        assert 12_000 <= cost <= 14_000, (year, cost)  # about € 12–14k a year per young person in care
