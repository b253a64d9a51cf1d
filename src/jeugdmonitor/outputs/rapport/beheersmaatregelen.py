"""The control measures (beheersmaatregelen) as a report list, as in seed 004 chapter 9: per theme the measure,
its progress, planning and status, and the goals of the goal trees it serves (store/beheersmaatregelen.py)."""

from __future__ import annotations

from datetime import date
from typing import Any

import duckdb

from jeugdmonitor.catalog.doelen import laad_doelbomen
from jeugdmonitor.formatting import fmt_getal
from jeugdmonitor.outputs.rapport.model import Cel, Tabel
from jeugdmonitor.store.beheersmaatregelen import Beheersmaatregel, lees_beheersmaatregelen

KOLOMMEN = ("Thema", "Maatregel", "Voortgang", "Planning", "Status", "Bij doel")
WAAROM = (
    "De beheersmaatregelen moeten de kosten beheersbaar houden en de doelen dichterbij brengen; het college en het "
    "management volgen of ze op schema liggen."
)


def doelen_van(m: Beheersmaatregel) -> list[str]:
    """The goals (tree title and goal) this measure is linked to."""
    return [
        f"{boom.titel.removeprefix('Doelenboom ')} {doel.id}"
        for boom in laad_doelbomen()
        for doel in boom.doelen
        if m.hoort_bij(boom.boom, doel.id, doel.beheersmaatregelen)
    ]


def beheersmaatregelen_lijst(con: duckdb.DuckDBPyConnection, gebied: str, dag: date, nummer: str) -> Any:
    """The list section's table and texts (a werklijsten.Lijst)."""
    from jeugdmonitor.outputs.rapport.werklijsten import Lijst  # here: werklijsten registers this function

    register = lees_beheersmaatregelen(con)
    rows = tuple(
        (Cel(m.thema or "–"), Cel(m.maatregel), Cel(m.voortgang or "–"), Cel(m.planning or "–"),
         Cel((m.status or "zonder status").capitalize()), Cel(", ".join(doelen_van(m)) or "–"))
        for m in register
    )  # fmt: skip
    tabel = Tabel(
        nummer, "Voortgang van de beheersmaatregelen", KOLOMMEN, rows, "Bron: de levering (beheersmaatregelen)."
    )
    if not register:
        return Lijst(tabel, "De levering bevat geen beheersmaatregelen.", WAAROM)
    counts: dict[str, int] = {}
    for m in register:
        counts[m.status or "zonder status"] = counts.get(m.status or "zonder status", 0) + 1
    text = (
        f"Van de {fmt_getal(len(register))} beheersmaatregelen zijn er "
        + ", ".join(f"{fmt_getal(n)} {s}" for s, n in sorted(counts.items()))
        + f"; {fmt_getal(sum(1 for m in register if doelen_van(m)))} horen bij een doel uit de doelenbomen."
    )
    return Lijst(tabel, text, WAAROM)
