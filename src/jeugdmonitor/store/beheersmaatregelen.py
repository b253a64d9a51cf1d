"""The register of control measures (beheersmaatregelen, seed 004 ch. 9): from the delivery's table
``beheersmaatregelen`` or from a data file (CSV or YAML with the same columns), and their link to goals.

A measure is linked to a goal when the goal names it (``beheersmaatregelen:`` in the goal tree, by its
``maatregel`` or its ``thema``), or when the data file names the goal (column ``doelen``: ``boom.doel`` ids,
separated by ``;``, such as ``twente_verblijf.D1``). The delivery's table has no such column; the tree links it.
"""

from __future__ import annotations

import csv
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import duckdb

from jeugdmonitor.catalog.yamlbron import read_yaml
from jeugdmonitor.errors import UserError

STATUSSEN = ("gepland", "doorlopend", "afgerond", "uitgesteld")
KOLOMMEN = ("thema", "maatregel", "voortgang", "planning", "status", "doelen")


class MaatregelError(UserError):
    """A data file of control measures cannot be read; the message names file, row and column."""


@dataclass(frozen=True)
class Beheersmaatregel:
    maatregel: str
    thema: str = ""
    voortgang: str = ""
    planning: str = ""
    status: str = ""  # gepland | doorlopend | afgerond | uitgesteld (or empty)
    doelen: tuple[str, ...] = ()  # 'boom.doel' ids the register itself links to
    bron: str = "levering"

    def als_dict(self) -> dict[str, Any]:
        return asdict(self)

    def hoort_bij(self, boom: str, doel: str, namen: tuple[str, ...]) -> bool:
        """Whether this measure belongs to goal ``doel`` of tree ``boom``, which names ``namen``."""
        wanted = {n.casefold().strip() for n in namen}
        return f"{boom}.{doel}" in self.doelen or bool({self.maatregel.casefold(), self.thema.casefold()} & wanted)


def uit_store(con: duckdb.DuckDBPyConnection) -> list[Beheersmaatregel]:
    """The delivery's register; empty when the store has none."""
    try:
        rows = con.execute(
            "SELECT thema, maatregel, voortgang, planning, status FROM beheersmaatregelen ORDER BY thema, maatregel"
        ).fetchall()
    except duckdb.Error:
        return []
    return [
        Beheersmaatregel(
            maatregel=m or "", thema=t or "", voortgang=v or "", planning=p or "", status=(s or "").lower()
        )
        for t, m, v, p, s in rows
        if m
    ]


def _maatregel(row: dict[str, Any], where: str) -> Beheersmaatregel:
    if None in row:
        raise MaatregelError(f"{where}: meer waarden dan kolommen")
    unknown = sorted(str(k) for k in set(row) - set(KOLOMMEN))
    if unknown:
        raise MaatregelError(f"{where}, kolom {unknown[0]}: onbekende kolom; gebruik {', '.join(KOLOMMEN)}")
    maatregel = str(row.get("maatregel") or "").strip()
    if not maatregel:
        raise MaatregelError(f"{where}, kolom maatregel: ontbreekt")
    status = str(row.get("status") or "").strip().lower()
    if status and status not in STATUSSEN:
        raise MaatregelError(f"{where}, kolom status: '{status}' is geen status; kies uit {', '.join(STATUSSEN)}")
    doelen = row.get("doelen") or ()
    if isinstance(doelen, str):
        doelen = [d for d in doelen.split(";")]
    return Beheersmaatregel(
        maatregel=maatregel,
        thema=str(row.get("thema") or "").strip(),
        voortgang=" ".join(str(row.get("voortgang") or "").split()),
        planning=str(row.get("planning") or "").strip(),
        status=status,
        doelen=tuple(str(d).strip() for d in doelen if str(d).strip()),
        bron="bestand",
    )


def uit_bestand(path: Path) -> list[Beheersmaatregel]:
    """A register from a CSV (``,`` or ``;``) or YAML file (a list of measures); errors name file, row, column."""
    if not path.is_file():
        raise MaatregelError(f"{path}: bestand bestaat niet")
    if path.suffix.lower() in (".yaml", ".yml"):
        data = read_yaml(path, MaatregelError)
        items = data.get("beheersmaatregelen") if isinstance(data, dict) else data
        if not isinstance(items, list):
            raise MaatregelError(f"{path.name}: verwacht een lijst 'beheersmaatregelen'")
        lines = getattr(items, "lines", [None] * len(items))
        out = []
        for item, line in zip(items, lines, strict=False):
            if not isinstance(item, dict):
                raise MaatregelError(f"{path.name}, regel {line}: een maatregel is een verzameling velden")
            out.append(_maatregel(item, f"{path.name}, regel {line}"))
        return out
    text = path.read_text(encoding="utf-8-sig")
    delimiter = ";" if text.splitlines()[0].count(";") > text.splitlines()[0].count(",") else ","
    reader = csv.DictReader(text.splitlines(), delimiter=delimiter)
    return [_maatregel(dict(row), f"{path.name}, rij {nr}") for nr, row in enumerate(reader, start=2)]


def lees_beheersmaatregelen(con: duckdb.DuckDBPyConnection, bestand: Path | None = None) -> list[Beheersmaatregel]:
    """The register: the data file when given (it replaces the delivery's), else the delivery's table."""
    return uit_bestand(bestand) if bestand is not None else uit_store(con)
