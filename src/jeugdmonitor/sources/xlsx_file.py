"""Excel workbooks (``.xlsx``): the first sheet, header in row 1, read with openpyxl in read-only mode.

Cells become text the way a person reads them: dates as ISO ``YYYY-MM-DD``, whole numbers without ``.0``,
booleans as ``ja``/``nee``. Rows that are entirely empty are skipped (row numbers stay those of the sheet).
Unlike CSV, the rows pass through Python, so the BSN is pseudonymised here, before anything enters DuckDB.
Excel files hold at most about a million rows, so the row loop is bounded.
"""

from __future__ import annotations

import secrets
from datetime import date, datetime, time
from pathlib import Path

import duckdb
import numpy as np

from jeugdmonitor.sources.base import (
    BSN_VALID_COLUMN,
    PSEUDONYM_COLUMN,
    PSEUDONYM_KIND,
    ROW_COLUMN,
    WHITESPACE,
    FileProblem,
    RawFile,
    check_header,
    count_rows,
    quote_ident,
    text_sql,
)
from jeugdmonitor.store.pseudonym import Key, elfproef, pseudonym

BSN_DIGITS = 9


def cell_text(value: object) -> str | None:
    """One cell as text: ISO dates, whole numbers without a decimal part, ``ja``/``nee`` for booleans."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else np.format_float_positional(value, trim="-")
    return str(value).strip(WHITESPACE)


def _client_value(name: str, value: object) -> str | None:
    text = cell_text(value)
    if text is None or not text.strip(WHITESPACE):
        return None
    text = text.strip(WHITESPACE)
    if name == "bsn" and isinstance(value, int | float) and not isinstance(value, bool):
        text = text.zfill(BSN_DIGITS)  # Excel drops the leading zero of a BSN stored as a number
    return text


def _read_sheet(path: Path) -> tuple[tuple[str, ...], list[int], list[list[object]]]:
    """Header names, the sheet row numbers of non-empty rows, and their cells per column."""
    import openpyxl  # here, not at the top: a third of a second that a delivery without workbooks never needs

    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        rows = workbook.worksheets[0].iter_rows(values_only=True)
        header = list(next(rows, None) or ())
        while header and (header[-1] is None or not str(header[-1]).strip()):
            header.pop()
        if not header:
            raise FileProblem("onleesbaar", "het eerste werkblad heeft geen kopregel in rij 1", rij=1)
        columns = check_header([cell_text(h) or "" for h in header])
        width = len(columns)
        numbers: list[int] = []
        cells: list[list[object]] = [[] for _ in columns]
        for number, row in enumerate(rows, start=2):
            if all(v is None or (isinstance(v, str) and not v.strip()) for v in row):
                continue
            if any(v is not None and str(v).strip() for v in row[width:]):
                raise FileProblem("onleesbaar", "deze rij heeft een waarde rechts van de laatste kolom", rij=number)
            numbers.append(number)
            for i in range(width):
                cells[i].append(row[i] if i < len(row) else None)
    finally:
        workbook.close()
    return columns, numbers, cells


class XlsxReader:
    name = "xlsx"
    suffixes = (".xlsx",)

    def handles(self, path: Path) -> bool:
        return path.suffix.lower() in self.suffixes

    def read(self, path: Path, con: duckdb.DuckDBPyConnection, key: Key, relation: str) -> RawFile:
        try:
            columns, numbers, cells = _read_sheet(path)
        except FileProblem:
            raise
        except Exception:  # openpyxl raises many kinds (zip, XML, key errors) for a damaged workbook
            columns = None
        if columns is None:
            raise FileProblem("onleesbaar", "het bestand is geen leesbare Excel-werkmap (.xlsx)")
        data: dict[str, np.ndarray] = {ROW_COLUMN: np.array(numbers, dtype=np.int64)}
        items = [ROW_COLUMN]
        for i, name in enumerate(columns):
            if name in PSEUDONYM_COLUMN:
                values = [_client_value(name, v) for v in cells[i]]
                target = PSEUDONYM_COLUMN[name]
                data[target] = np.array(
                    [pseudonym(key, PSEUDONYM_KIND[name], v) if v else None for v in values], object
                )
                items.append(f"CAST({target} AS VARCHAR) AS {target}")
                if name == "bsn":
                    flags = [None if v is None else ("1" if elfproef(v) else "0") for v in values]
                    data[BSN_VALID_COLUMN] = np.array(flags, dtype=object)
                    items.append(f"CAST({BSN_VALID_COLUMN} AS VARCHAR) = '1' AS {BSN_VALID_COLUMN}")
            else:
                data[f"c{i}"] = np.array([cell_text(v) for v in cells[i]], dtype=object)
                items.append(f"{text_sql(f'CAST(c{i} AS VARCHAR)')} AS {quote_ident(name)}")
        view = f"_xlsx_{secrets.token_hex(4)}"
        con.execute("SELECT 1").fetchall()  # close any half-fetched result of the caller: it blocks register
        con.register(view, data)
        try:
            con.execute(f"CREATE OR REPLACE TEMP TABLE {relation} AS SELECT {', '.join(items)} FROM {view}")
        finally:
            con.unregister(view)
        return RawFile(path, relation, columns, False, count_rows(con, relation), f"DROP TABLE IF EXISTS {relation}")
