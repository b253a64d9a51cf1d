"""Period notations and the peildatum rule (indicatoren.md §1)."""

from __future__ import annotations

from datetime import date

import duckdb
import pytest

from jeugdmonitor.engine.perioden import all_periods, create_period_table, parse, previous
from jeugdmonitor.errors import UserError


@pytest.mark.parametrize(
    ("code", "soort", "start", "eind"),
    [
        ("2024", "jaar", date(2024, 1, 1), date(2024, 12, 31)),
        ("2024-H2", "halfjaar", date(2024, 7, 1), date(2024, 12, 31)),
        ("2024-T1", "tertaal", date(2024, 1, 1), date(2024, 4, 30)),
        ("2024-T2", "tertaal", date(2024, 5, 1), date(2024, 8, 31)),
        ("2024-T3", "tertaal", date(2024, 9, 1), date(2024, 12, 31)),
        ("2024-Q1", "kwartaal", date(2024, 1, 1), date(2024, 3, 31)),
        ("2024-02", "maand", date(2024, 2, 1), date(2024, 2, 29)),  # leap year
        ("2023-02", "maand", date(2023, 2, 1), date(2023, 2, 28)),
        ("2024-12", "maand", date(2024, 12, 1), date(2024, 12, 31)),
    ],
)
def test_parse(code: str, soort: str, start: date, eind: date) -> None:
    p = parse(code)
    assert (p.code, p.soort, p.start, p.eind) == (code, soort, start, eind)


@pytest.mark.parametrize("code", ["2024-T4", "2024-H3", "2024-Q5", "2024-13", "2024-00", "24", "2024-X1", ""])
def test_invalid_notations_get_a_dutch_message(code: str) -> None:
    with pytest.raises(UserError):
        parse(code)


def test_cut_at_the_peildatum() -> None:
    assert parse("2025").cut(date(2025, 10, 31)) == (date(2025, 10, 31), True)
    assert parse("2025-T2").cut(date(2025, 10, 31)) == (date(2025, 8, 31), False)
    assert parse("2025-10").cut(date(2025, 10, 31)) == (date(2025, 10, 31), False)  # ends on it: complete


def test_previous() -> None:
    assert previous(parse("2025-T1")).code == "2024-T3"
    assert previous(parse("2025-01")).code == "2024-12"
    assert previous(parse("2025-H2")).code == "2025-H1"
    assert previous(parse("2025")).code == "2024"


def test_all_periods_up_to_the_peildatum() -> None:
    codes = [p.code for p in all_periods(2024, date(2025, 5, 15))]
    # 2024: year, 2 halves, 3 tertalen, 4 quarters; 2025 the same but only those begun by 15 May; months to May
    assert codes[:10] == ["2024", "2024-H1", "2024-H2", "2024-T1", "2024-T2", "2024-T3",
                          "2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"]  # fmt: skip
    assert [c for c in codes if c.startswith("2025")] == [
        "2025", "2025-H1", "2025-T1", "2025-T2", "2025-Q1", "2025-Q2", "2025-01", "2025-02", "2025-03", "2025-04",
        "2025-05",
    ]  # fmt: skip


def test_period_table_has_each_periods_months_as_bits_of_its_year() -> None:
    # bits of the year: January 1, February 2, March 4, … December 2048. Peildatum 15 March 2025: 2025 and
    # 2025-Q1 are cut to January–March; 2024-T2 is May–August: 16 + 32 + 64 + 128
    con = duckdb.connect()
    periods = [parse(c) for c in ("2024-T2", "2024-12", "2025", "2025-Q1", "2025-03")]
    create_period_table(con, periods, date(2025, 3, 15))
    rows = con.execute("SELECT periode, jaar, maanden FROM perioden ORDER BY periode").fetchall()
    assert rows == [("2024-12", 2024, 2048), ("2024-T2", 2024, 240), ("2025", 2025, 7), ("2025-03", 2025, 4),
                    ("2025-Q1", 2025, 7)]  # fmt: skip
