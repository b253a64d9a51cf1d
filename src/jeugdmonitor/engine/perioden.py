"""Periods in the notations of indicatoren.md section 1, and the peildatum rule.

``2024`` (year), ``2024-H1``/``H2`` (half year), ``2024-T1``..``T3`` (tertaal: Jan–Apr, May–Aug, Sep–Dec),
``2024-Q1``..``Q4`` and ``2024-03`` (month). A period runs from its start to its end, both inclusive; one that
ends after the peildatum is cut off there and its results are ``voorlopig``.

Every period therefore begins on the first of a month and ends on a month's last day or at the peildatum, the
latest end of all: for events up to that end, whether one lies in a period (or before its start) depends on its
month only. Families count events per month first and meet the periods with a few rows per month.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

import duckdb

from jeugdmonitor.engine.werkruimte import ddl
from jeugdmonitor.errors import UserError

_PATTERN = re.compile(r"^(?P<jaar>\d{4})(?:-(?:(?P<soort>[HTQ])(?P<nr>\d)|(?P<maand>\d{2})))?$")
_MONTHS_PER = {"H": 6, "T": 4, "Q": 3}
_COUNT = {"H": 2, "T": 3, "Q": 4}
SOORTEN = {"jaar": "jaar", "H": "halfjaar", "T": "tertaal", "Q": "kwartaal", "maand": "maand"}
PERIOD_TABLE = "perioden"


@dataclass(frozen=True)
class Periode:
    code: str
    soort: str
    start: date
    eind: date

    def cut(self, peildatum: date) -> tuple[date, bool]:
        """The effective end (at most the peildatum) and whether the result is provisional."""
        return (min(self.eind, peildatum), self.eind > peildatum)


def _month_end(year: int, month: int) -> date:
    first_next = date(year + month // 12, month % 12 + 1, 1)
    return first_next - timedelta(days=1)


def parse(code: str) -> Periode:
    """Parse one period notation; a UserError in Dutch when it is not one."""
    m = _PATTERN.match(code.strip())
    if not m:
        raise UserError(f"'{code}' is geen periode; gebruik bijvoorbeeld 2024, 2024-H1, 2024-T2, 2024-Q3 of 2024-03")
    year = int(m["jaar"])
    if m["maand"]:
        month = int(m["maand"])
        if not 1 <= month <= 12:
            raise UserError(f"'{code}': maand {month} bestaat niet")
        return Periode(code, "maand", date(year, month, 1), _month_end(year, month))
    if m["soort"]:
        kind, nr = m["soort"], int(m["nr"])
        if not 1 <= nr <= _COUNT[kind]:
            raise UserError(f"'{code}': een jaar heeft {_COUNT[kind]} {SOORTEN[kind]}perioden")
        first = (nr - 1) * _MONTHS_PER[kind] + 1
        last = first + _MONTHS_PER[kind] - 1
        return Periode(code, SOORTEN[kind], date(year, first, 1), _month_end(year, last))
    return Periode(str(year), "jaar", date(year, 1, 1), date(year, 12, 31))


def all_periods(first_year: int, peildatum: date) -> list[Periode]:
    """Every year, half year, tertaal and quarter from ``first_year`` up to the peildatum's, and the months of
    the peildatum's year (the benchmark's and the dashboard's full set); periods starting after it are left out."""
    codes: list[str] = []
    for year in range(first_year, peildatum.year + 1):
        codes.append(str(year))
        codes += [f"{year}-{kind}{nr}" for kind in ("H", "T", "Q") for nr in range(1, _COUNT[kind] + 1)]
    codes += [f"{peildatum.year}-{month:02d}" for month in range(1, 13)]
    return [p for p in map(parse, codes) if p.start <= peildatum]


def previous(periode: Periode) -> Periode:
    """The period of the same kind just before (for trends and comparisons)."""
    day_before = periode.start - timedelta(days=1)
    if periode.soort == "jaar":
        return parse(str(day_before.year))
    if periode.soort == "maand":
        return parse(f"{day_before.year}-{day_before.month:02d}")
    kind = next(k for k, v in SOORTEN.items() if v == periode.soort)
    nr = (day_before.month - 1) // _MONTHS_PER[kind] + 1
    return parse(f"{day_before.year}-{kind}{nr}")


def create_period_table(
    con: duckdb.DuckDBPyConnection, periods: list[Periode], peildatum: date, where: str | None = None
) -> None:
    """Table ``perioden`` (TEMP, or in the run's scratch database ``where``): code, soort, start, eind, eind_eff
    (cut at the peildatum), voorlopig, and ``jaar`` with ``maanden``: the period's months up to its cut end as
    bits of its year (1: January, 2048: December). Families that count persons give each person their months
    per year as the same bits: the person is in P when the two share a bit (no grouping per person and period).

    Periods that start after the peildatum are kept out: nothing after the peildatum is counted.
    """
    rows = [_row(p, peildatum) for p in periods if p.start <= peildatum]
    con.execute(
        f"{ddl('TABLE', PERIOD_TABLE, where)} (periode VARCHAR, soort VARCHAR, start DATE, eind DATE, "
        "eind_eff DATE, voorlopig BOOLEAN, jaar INTEGER, maanden INTEGER)"
    )
    if rows:
        table = PERIOD_TABLE if where is None else f"{where}.{PERIOD_TABLE}"
        con.executemany(f"INSERT INTO {table} VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)


def _row(periode: Periode, peildatum: date) -> tuple[object, ...]:
    eind_eff, voorlopig = periode.cut(peildatum)
    maanden = (1 << eind_eff.month) - (1 << (periode.start.month - 1))  # within one year: module docstring
    return (periode.code, periode.soort, periode.start, periode.eind, eind_eff, voorlopig, periode.start.year, maanden)
