"""Writing the delivery: one CSV per contract table, header in contract order, appended in batches.

Large tables arrive as *frames*: dicts of numpy arrays (dates as day numbers, codes as small integers)
with one SQL expression per contract column. Frames are buffered per table and, when big enough, turned
into CSV text by DuckDB (``COPY``) and appended to the open file, so memory stays bounded however large
the delivery. Small tables are written from Python rows.
"""

from __future__ import annotations

import csv
import shutil
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import numpy as np

from jeugdmonitor.contract import load_contract

FLUSH_ROWS = 500_000


def datum(col: str) -> str:
    """SQL: a day number (days since 1970-01-01, negative = unknown) as a DATE."""
    return f"CASE WHEN {col} >= 0 THEN DATE '1970-01-01' + {col}::INTEGER END"


def maand(col: str) -> str:
    """SQL: a month number (months since 1970-01) as YYYY-MM."""
    return f"strftime(DATE '1970-01-01' + to_months({col}::INTEGER), '%Y-%m')"


def lookup(col: str, values: Sequence[str]) -> str:
    """SQL: the value at a 0-based index (negative = unknown); empty strings become NULL."""
    items = ", ".join("NULL" if v == "" else "'" + v.replace("'", "''") + "'" for v in values)
    return f"CASE WHEN {col} >= 0 THEN [{items}][{col} + 1] END"


def janee(col: str) -> str:
    return f"CASE WHEN {col} THEN 'ja' ELSE 'nee' END"


def bedrag(col: str) -> str:
    return f"round({col}, 2)::DECIMAL(14, 2)"


def gemeente(col: str = "gm") -> str:
    return f"'GM' || lpad({col}::VARCHAR, 4, '0')"


def bitlist(col: str, values: Sequence[str]) -> str:
    """SQL: a bit mask as a ';'-separated list."""
    parts = ", ".join(f"CASE WHEN ({col} & {1 << i}) > 0 THEN '{v}' END" for i, v in enumerate(values))
    return f"NULLIF(concat_ws(';', {parts}), '')"


@dataclass
class _Buffer:
    exprs: dict[str, str]
    frames: list[dict[str, np.ndarray]] = field(default_factory=list)
    rows: int = 0


class Levering:
    """The output folder of one delivery; ``client_kolom`` is ``bsn`` or ``client_id``."""

    def __init__(self, folder: Path, client_kolom: str) -> None:
        self.folder = folder
        self.client_kolom = client_kolom
        self.contract = load_contract()
        self.counts: dict[str, int] = {}
        self._buffers: dict[str, _Buffer] = {}
        self._headers: dict[str, list[str]] = {}
        self._con = duckdb.connect()
        self._con.execute("SET enable_progress_bar = false")
        self._con.execute("SET preserve_insertion_order = true")
        folder.mkdir(parents=True, exist_ok=True)

    def _header(self, tabel: str, with_client: bool) -> list[str]:
        table = self.contract.table(tabel)
        cols = list(table.column_names)
        if with_client:
            if table.client is None:
                raise ValueError(f"tabel {tabel} kent geen cliënt")
            cols.insert(0, self.client_kolom)
        return cols

    def _open(self, tabel: str, header: list[str]) -> None:
        if tabel in self._headers:
            if self._headers[tabel] != header:
                raise ValueError(f"kolommen van {tabel} wisselen")
            return
        self._headers[tabel] = header
        self.counts[tabel] = 0
        with (self.folder / f"{tabel}.csv").open("w", encoding="utf-8", newline="") as fh:
            csv.writer(fh, lineterminator="\n").writerow(header)

    def rijen(self, tabel: str, rows: Iterable[Sequence[object]], with_client: bool = False) -> None:
        """Append Python rows, each in header order (client first when ``with_client``)."""
        header = self._header(tabel, with_client)
        self._open(tabel, header)
        n = 0
        with (self.folder / f"{tabel}.csv").open("a", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh, lineterminator="\n")
            for row in rows:
                if len(row) != len(header):
                    raise ValueError(f"{tabel}: rij met {len(row)} waarden, verwacht {len(header)}")
                writer.writerow(["" if v is None else v for v in row])
                n += 1
        self.counts[tabel] += n

    def frame(self, tabel: str, frame: dict[str, np.ndarray], exprs: dict[str, str]) -> None:
        """Buffer a frame; ``exprs`` maps contract columns (and ``client``) to SQL over the frame's arrays."""
        with_client = "client" in exprs
        header = self._header(tabel, with_client)
        unknown = set(exprs) - set(header) - {"client"}
        if unknown:
            raise ValueError(f"{tabel}: onbekende kolommen {sorted(unknown)}")
        self._open(tabel, header)
        buf = self._buffers.setdefault(tabel, _Buffer(exprs))
        n = len(next(iter(frame.values()))) if frame else 0
        if n == 0:
            return
        buf.frames.append(frame)
        buf.rows += n
        if buf.rows >= FLUSH_ROWS:
            self._flush(tabel)

    def _flush(self, tabel: str) -> None:
        buf = self._buffers[tabel]
        if not buf.frames:
            return
        data = {k: np.concatenate([f[k] for f in buf.frames]) for k in buf.frames[0]}
        header = self._headers[tabel]
        select = ", ".join(
            f'{buf.exprs.get("client" if c == self.client_kolom else c, "NULL")} AS "{c}"' for c in header
        )
        part = self.folder / f".{tabel}.deel.csv"
        self._con.register("frame", data)
        self._con.execute(f"COPY (SELECT {select} FROM frame) TO '{part}' (HEADER false, DELIMITER ',')")
        self._con.unregister("frame")
        with part.open("rb") as src, (self.folder / f"{tabel}.csv").open("ab") as dst:
            shutil.copyfileobj(src, dst, 16 * 1024 * 1024)
        part.unlink()
        self.counts[tabel] += buf.rows
        buf.frames.clear()
        buf.rows = 0

    def sluit(self) -> dict[str, int]:
        for tabel in list(self._buffers):
            self._flush(tabel)
        self._con.close()
        return dict(self.counts)
