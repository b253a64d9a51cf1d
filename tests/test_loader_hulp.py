"""Helpers for the loader tests (no tests here): staging a delivery and picking out its problems."""

from __future__ import annotations

from pathlib import Path

import duckdb
import openpyxl

from jeugdmonitor.errors import Melding
from jeugdmonitor.store.pseudonym import Key
from jeugdmonitor.store.stage import stage_delivery
from jeugdmonitor.store.staging import Staging

KEY = Key(b"test-sleutel", True, "test")


def stage(folder: Path, key: Key = KEY) -> Staging:
    return stage_delivery(folder, duckdb.connect(), key)


def where(staging: Staging, regel: str) -> list[tuple[str, str, int | None, str | None]]:
    """(niveau, bestand, rij, kolom) of every problem with this rule, in file order."""
    return [(m.niveau, m.bestand, m.rij, m.kolom) for m in staging.meldingen() if m.regel == regel]


def only(staging: Staging, regel: str) -> Melding:
    found = [m for m in staging.meldingen() if m.regel == regel]
    assert len(found) == 1, found
    return found[0]


def rows(staging: Staging, table: str, columns: str) -> list[tuple[object, ...]]:
    relation = staging.tables[table].relation
    return staging.con.execute(f"SELECT {columns} FROM {relation} ORDER BY _rij").fetchall()


def write_xlsx(path: Path, header: list[str], data: list[list[object]]) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in data:
        sheet.append(row)
    workbook.save(path)
    return path
