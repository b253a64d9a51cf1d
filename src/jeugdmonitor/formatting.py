"""Dutch formatting of numbers, percentages, amounts and dates for everything people read.

Dutch conventions: a point groups thousands and a comma separates decimals (``1.234,5``), percentages
carry no space (``12,5%``), amounts start with the euro sign and a space (``€ 1.234.568``), dates spell
the month (``1 april 2025``). Rounding is half up, as people expect (0,125 → 0,13), not banker's rounding.
A missing value (None) prints as ``LEEG``.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

LEEG = "–"

MAANDEN = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip


def _round(value: float | int | Decimal, decimals: int) -> Decimal:
    quantum = Decimal(1).scaleb(-decimals)
    return Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)


def fmt_getal(value: float | int | Decimal | None, decimalen: int = 0) -> str:
    """1234 → '1.234'; 1234.5 with decimalen=1 → '1.234,5'; None → '–'."""
    if value is None:
        return LEEG
    rounded = _round(value, decimalen)
    if rounded == 0:
        rounded = abs(rounded)  # no '-0'
    text = f"{rounded:,.{decimalen}f}"  # '1,234.5' in the neutral locale
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def fmt_procent(fraction: float | Decimal | None, decimalen: int = 1) -> str:
    """A fraction as a Dutch percentage: 0.125 → '12,5%'; None → '–'."""
    if fraction is None:
        return LEEG
    return f"{fmt_getal(Decimal(str(fraction)) * 100, decimalen)}%"


def fmt_euro(value: float | int | Decimal | None, decimalen: int = 0) -> str:
    """1234567.5 → '€ 1.234.568'; -20 → '€ -20'; None → '–'."""
    if value is None:
        return LEEG
    return f"€ {fmt_getal(value, decimalen)}"


def fmt_datum(value: date | datetime | None) -> str:
    """date(2025, 4, 1) → '1 april 2025'; None → '–'."""
    if value is None:
        return LEEG
    return f"{value.day} {MAANDEN[value.month - 1]} {value.year}"


def fmt_aantal_van(teller: int | None, noemer: int | None) -> str:
    """'3 van 4' — how many of how many, with thousands separators."""
    if teller is None or noemer is None:
        return LEEG
    return f"{fmt_getal(teller)} van {fmt_getal(noemer)}"
