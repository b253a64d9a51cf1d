"""Indicator records as JSON, CSV and a readable Dutch table (``jeugdmonitor indicators --format``)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence

from jeugdmonitor.engine.records import Record
from jeugdmonitor.formatting import fmt_euro, fmt_getal

CSV_COLUMNS = ["indicator", "maat", "periode", "gemeente", "dimensie", "dimensiewaarde", "waarde", "teller",
               "noemer", "eenheid", "status", "toelichting"]  # fmt: skip
STATUS_NL = {"ok": "", "voorlopig": "voorlopig", "niet_beschikbaar": "niet beschikbaar", "onderdrukt": "onderdrukt"}


def to_json(records: Sequence[Record]) -> str:
    return json.dumps([r.to_json() for r in records], ensure_ascii=False, indent=1)


def to_csv(records: Sequence[Record]) -> str:
    """One row per record; a split becomes the columns dimensie and dimensiewaarde (empty for the total)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for r in records:
        (dim, val), *_ = list(r.dimensies.items()) or [("", "")]
        writer.writerow([r.indicator, r.maat or "", r.periode, r.gemeente, dim, val, r.waarde, r.teller, r.noemer,
                         r.eenheid, r.status, r.toelichting])  # fmt: skip
    return out.getvalue()


def format_value(r: Record) -> str:
    """The value as a person reads it: € 1.234, 12,5%, 7,4, 1.234."""
    if r.status == "onderdrukt":
        return "< 5" if r.eenheid == "aantal" else "•"
    if r.waarde is None:
        return "–"
    if r.eenheid == "euro":
        return fmt_euro(r.waarde)
    if r.eenheid == "procent":
        return fmt_getal(r.waarde, 1) + "%"
    if r.eenheid in ("score", "ratio", "dagen", "weken"):
        return fmt_getal(r.waarde, 1)
    return fmt_getal(r.waarde)


def to_table(records: Sequence[Record]) -> str:
    """A plain text table with Dutch headers and number formats, aligned."""
    header = ["Indicator", "Maat", "Periode", "Gemeente", "Uitsplitsing", "Waarde", "Status"]
    rows = [
        [r.indicator, r.maat or "", r.periode, r.gemeente,
         ", ".join(f"{k}: {v}" for k, v in r.dimensies.items()) or "totaal", format_value(r), STATUS_NL[r.status]]
        for r in records
    ]  # fmt: skip
    if not rows:
        return "Geen uitkomsten voor deze selectie."
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows, strict=False)]
    right = {5}

    def line(cells: list[str]) -> str:
        return "  ".join(
            c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    return "\n".join([line(header), line(["-" * w for w in widths]), *(line(r) for r in rows)])
