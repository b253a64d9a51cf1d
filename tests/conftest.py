"""Shared fixtures: small deliveries written by hand.

Only BSNs from the test range 9999xxxxx appear in this repository (see shared/hooks/before-stop).
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from jeugdmonitor.store.pseudonym import ENV_KEY

SHARED = Path(__file__).resolve().parents[1].parent / "shared"

# Valid BSNs (elfproef) from the test range, and one that fails the test.
BSN = ["999900006", "999900018", "999900031", "999900043", "999900055", "999900067", "999900079", "999900080"]
BSN_INVALID = "999900001"

Rows = list[dict[str, object]]
Tables = dict[str, Rows]
Make = Callable[..., Path]  # the make_delivery fixture
CLI = Path(sys.executable).with_name("jeugdmonitor")


@pytest.fixture(autouse=True)
def _no_key_in_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never depend on a pseudonymisation key in the developer's environment."""
    monkeypatch.delenv(ENV_KEY, raising=False)


def write_table(folder: Path, name: str, rows: Rows, delimiter: str = ",", bom: bool = False) -> Path:
    """Write one table as CSV; the header is the union of the rows' keys in first-seen order."""
    header: list[str] = []
    for row in rows:
        header.extend(k for k in row if k not in header)
    path = folder / f"{name}.csv"
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=header, delimiter=delimiter)
        writer.writeheader()
        for row in rows:
            writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return path


@pytest.fixture
def make_delivery(tmp_path: Path) -> Callable[..., Path]:
    """make_delivery({"jeugdigen": [...], "jeugdhulp": [...]}, name="lev1") -> folder."""

    def make(tables: dict[str, Rows], name: str = "levering", delimiter: str = ",") -> Path:
        folder = tmp_path / name
        folder.mkdir(parents=True, exist_ok=True)
        for table, rows in tables.items():
            write_table(folder, table, rows, delimiter=delimiter)
        return folder

    return make


@pytest.fixture
def minimal_tables() -> dict[str, Rows]:
    """Two young people in Hengelo, three trajectories: one ended, one ongoing, one cancelled."""
    return {
        "jeugdigen": [
            {"bsn": BSN[0], "geslacht": "1", "geboortedatum": "2010-05-01", "postcode": "7551AB", "gemeente": "GM0164"},
            {"bsn": BSN[1], "geslacht": "2", "geboortedatum": "2007-03-15", "postcode": "7552CD", "gemeente": "GM0164"},
        ],
        "jeugdhulp": [
            {
                "traject_id": "T1",
                "bsn": BSN[0],
                "product": "45A48",
                "productcategorie": "45",
                "financiering": "ZIN",
                "verwijzer": "01",
                "aanmelddatum": "2024-01-02",
                "begindatum": "2024-01-15",
                "einddatum": "2024-06-30",
                "reden_beeindiging": "31",
                "aanbieder": "12345678",
            },
            {
                "traject_id": "T2",
                "bsn": BSN[1],
                "product": "43A24",
                "productcategorie": "43",
                "financiering": "ZIN",
                "verwijzer": "04",
                "aanmelddatum": "2024-02-01",
                "begindatum": "2024-03-01",
                "einddatum": "",
                "reden_beeindiging": "",
                "aanbieder": "87654321",
            },
            {
                "traject_id": "T3",
                "bsn": BSN[1],
                "product": "54001",
                "productcategorie": "54",
                "financiering": "PGB",
                "verwijzer": "02",
                "aanmelddatum": "2024-02-01",
                "begindatum": "",
                "einddatum": "2024-04-01",
                "reden_beeindiging": "34",
                "aanbieder": "Zorg BV",
            },
        ],
    }
