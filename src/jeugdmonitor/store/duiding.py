"""Annotations (duiding) for "tellen en vertellen" (seed 003 ch. 5): the story behind a number, told by a
policy officer, a provider or a client organisation, kept in the store beside the numbers.

One annotation belongs to an indicator, a period and an area (a CBS code or ``regio``) and says who wrote it,
when, and from which perspective (gemeente, aanbieder, clientorganisatie, verwijzer). The table
``_duidingen`` is created on first use and survives new deliveries (the loader replaces delivery tables only).
Texts are stored as written; a text that looks like it holds a BSN (nine digits passing the elfproef) is refused,
so that no BSN lands in the store through a free-text field.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

import duckdb

from jeugdmonitor.engine.perioden import parse
from jeugdmonitor.engine.records import REGIO
from jeugdmonitor.errors import UserError

TABLE = "_duidingen"
PERSPECTIEVEN = ("gemeente", "aanbieder", "clientorganisatie", "verwijzer", "jeugdige")
MAX_TEKST = 4000
_NEGEN_CIJFERS = re.compile(r"(?<!\d)\d{9}(?!\d)")


@dataclass(frozen=True)
class Duiding:
    id: int
    indicator: str
    periode: str
    gemeente: str
    auteur: str
    tijdstip: datetime
    tekst: str
    perspectief: str | None = None

    def als_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["tijdstip"] = self.tijdstip.isoformat(timespec="seconds")
        return data


def _elfproef(digits: str) -> bool:
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) - int(digits[8])
    return total % 11 == 0


def _maak_tabel(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(
        f"""
        CREATE TABLE IF NOT EXISTS {TABLE} (
            id INTEGER, indicator VARCHAR, periode VARCHAR, gemeente VARCHAR, auteur VARCHAR,
            tijdstip TIMESTAMP, tekst VARCHAR, perspectief VARCHAR
        )"""
    )


def _check(indicator: str, periode: str, gemeente: str, auteur: str, tekst: str, perspectief: str | None) -> None:
    from jeugdmonitor.engine.families import shipped_families

    if indicator not in shipped_families():
        raise UserError(f"onbekende indicator '{indicator}' (zie 'jeugdmonitor catalog')")
    parse(periode)  # a Dutch UserError when it is no period
    if not auteur.strip():
        raise UserError("de auteur mag niet leeg zijn")
    if not tekst.strip():
        raise UserError("de tekst van de duiding mag niet leeg zijn")
    if len(tekst) > MAX_TEKST:
        raise UserError(f"de tekst is te lang ({len(tekst)} tekens; ten hoogste {MAX_TEKST})")
    if perspectief is not None and perspectief not in PERSPECTIEVEN:
        raise UserError(f"onbekend perspectief '{perspectief}'; kies uit {', '.join(PERSPECTIEVEN)}")
    if any(_elfproef(m) for m in _NEGEN_CIJFERS.findall(tekst)):
        raise UserError("de tekst lijkt een BSN te bevatten; een duiding mag geen persoonsgegevens bevatten")
    if gemeente != REGIO and not re.fullmatch(r"GM\d{4}", gemeente):
        raise UserError(f"'{gemeente}' is geen gemeentecode (GMxxxx) of 'regio'")


def voeg_duiding_toe(
    con: duckdb.DuckDBPyConnection,
    indicator: str,
    periode: str,
    tekst: str,
    auteur: str,
    gemeente: str | None = None,
    perspectief: str | None = None,
    tijdstip: datetime | None = None,
) -> Duiding:
    """Store one annotation (``gemeente`` None means the region) and return it with its id."""
    area = REGIO if gemeente is None or gemeente.lower() == REGIO else gemeente.upper()
    text = tekst.strip()
    _check(indicator, periode, area, auteur, text, perspectief)
    _maak_tabel(con)
    new_id = con.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {TABLE}").fetchone()[0]  # type: ignore[index]
    when = (tijdstip or datetime.now()).replace(microsecond=0)
    con.execute(
        f"INSERT INTO {TABLE} VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [new_id, indicator, periode, area, auteur.strip(), when, text, perspectief],
    )
    return Duiding(new_id, indicator, periode, area, auteur.strip(), when, text, perspectief)


def lees_duidingen(
    con: duckdb.DuckDBPyConnection,
    indicator: str | None = None,
    periode: str | None = None,
    gemeente: str | None = None,
) -> list[Duiding]:
    """The annotations that match every filter given, oldest first; empty when there are none (also when the
    store has no annotations table yet, or is opened read-only before the first annotation)."""
    exists = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name = ? AND database_name = current_database()", [TABLE]
    ).fetchone()
    if not exists or not exists[0]:
        return []
    where, params = [], []
    for column, value in (("indicator", indicator), ("periode", periode)):
        if value is not None:
            where.append(f"{column} = ?")
            params.append(value)
    if gemeente is not None:
        where.append("gemeente = ?")
        params.append(REGIO if gemeente.lower() == REGIO else gemeente.upper())
    sql = f"SELECT id, indicator, periode, gemeente, auteur, tijdstip, tekst, perspectief FROM {TABLE}"
    if where:
        sql += " WHERE " + " AND ".join(where)
    rows = con.execute(sql + " ORDER BY tijdstip, id", params).fetchall()
    return [Duiding(*row) for row in rows]
