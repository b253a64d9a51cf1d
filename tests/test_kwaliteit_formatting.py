"""Dutch number, percentage, amount and date formatting (outputs/formatting.py)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from jeugdmonitor.formatting import LEEG, fmt_aantal_van, fmt_datum, fmt_euro, fmt_getal, fmt_procent


@pytest.mark.parametrize(
    ("value", "decimalen", "expected"),
    [
        (0, 0, "0"),
        (7, 0, "7"),
        (1234, 0, "1.234"),
        (1234567, 0, "1.234.567"),
        (1234.5, 1, "1.234,5"),
        (1234.55, 1, "1.234,6"),  # half up, not banker's rounding
        (2.5, 0, "3"),
        (-1234.5, 0, "-1.235"),
        (-0.0001, 2, "0,00"),  # no "-0,00"
        (Decimal("999.95"), 1, "1.000,0"),
    ],
)
def test_fmt_getal(value: float, decimalen: int, expected: str) -> None:
    assert fmt_getal(value, decimalen) == expected


@pytest.mark.parametrize(
    ("fraction", "decimalen", "expected"),
    [(0.125, 1, "12,5%"), (0.75, 1, "75,0%"), (2 / 3, 1, "66,7%"), (1, 1, "100,0%"), (0.95, 0, "95%"), (0, 1, "0,0%")],
)
def test_fmt_procent(fraction: float, decimalen: int, expected: str) -> None:
    assert fmt_procent(fraction, decimalen) == expected


def test_fmt_euro() -> None:
    assert fmt_euro(1234567.5) == "€ 1.234.568"
    assert fmt_euro(12.3, 2) == "€ 12,30"
    assert fmt_euro(-20) == "€ -20"


def test_fmt_datum() -> None:
    assert fmt_datum(date(2025, 4, 1)) == "1 april 2025"
    assert fmt_datum(date(2024, 12, 31)) == "31 december 2024"
    assert fmt_datum(datetime(2025, 3, 9, 14, 0)) == "9 maart 2025"


def test_missing_values_print_as_a_dash() -> None:
    assert fmt_getal(None) == fmt_procent(None) == fmt_euro(None) == fmt_datum(None) == LEEG
    assert fmt_aantal_van(None, 4) == LEEG


def test_fmt_aantal_van() -> None:
    assert fmt_aantal_van(3, 4) == "3 van 4"
    assert fmt_aantal_van(1234, 5678) == "1.234 van 5.678"
