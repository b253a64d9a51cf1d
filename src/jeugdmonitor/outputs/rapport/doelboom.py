"""The goal-tree section of a report (``doelboom:`` in a template section): the tree drawn with status colours
(doelboom_svg.py), a numbered table with the numbers and the reason behind each target, the control measures
linked to the goals, and a generated "Wat zien we?". Also the annotations (duiding) shown beside the numbers
of every section whose indicators have them.

For audiences that suppress small numbers, a count from 1 to k−1 (and a figure on fewer than k persons) is
shown as '< k', and the explanation of that target, which repeats its numbers, is replaced by a notice.
"""

from __future__ import annotations

from dataclasses import replace

import duckdb

from jeugdmonitor.catalog.doelen import laad_doelbomen
from jeugdmonitor.catalog.indicatoren import shipped_catalog
from jeugdmonitor.engine.doelen import BoomUitkomst, Toetsing, evalueer
from jeugdmonitor.engine.perioden import parse
from jeugdmonitor.engine.streefwaarden import STATUSSEN, fmt_waarde
from jeugdmonitor.formatting import fmt_datum, fmt_getal
from jeugdmonitor.outputs.rapport.doelboom_svg import teken_doelboom
from jeugdmonitor.outputs.rapport.model import Cel, Grafiek, Sectie, Tabel
from jeugdmonitor.store.duiding import lees_duidingen

KOLOMMEN = ("Indicator", "Streefwaarde", "Waarde", "Pad of norm", "Status", "Waarom deze status")
AFGESCHERMD = "De cijfers zijn afgeschermd: het gaat om minder dan {k} jongeren."


class Afscherming:
    """The suppression rule of one report: None when the audience sees every number."""

    def __init__(self, k: int | None) -> None:
        self.k = k

    def klein(self, value: float | None, eenheid: str, noemer: float | None) -> bool:
        if self.k is None or value is None:
            return False
        if eenheid == "aantal":
            return 0 < value < self.k
        return noemer is not None and noemer < self.k

    def tekst(self, value: float | None, eenheid: str, noemer: float | None) -> str:
        return f"< {self.k}" if self.klein(value, eenheid, noemer) else fmt_waarde(value, eenheid)

    def toetsing(self, t: Toetsing) -> bool:
        """Whether any number of this target is small (then its explanation is not shown)."""
        values = (t.waarde, t.basiswaarde, t.verwacht, t.eindwaarde) if t.eenheid == "aantal" else (t.waarde,)
        return any(self.klein(v, t.eenheid, t.noemer) for v in values)


def _cel(a: Afscherming, value: float | None, eenheid: str, noemer: float | None) -> Cel:
    if a.klein(value, eenheid, noemer):
        return Cel(f"< {a.k}", None, eenheid, onderdrukt=True)  # type: ignore[arg-type]
    return Cel(fmt_waarde(value, eenheid), value, eenheid)  # type: ignore[arg-type]


def _tabel(b: BoomUitkomst, a: Afscherming, nummer: str) -> Tabel:
    rows = []
    for d in b.doelen:
        for i in d.indicatoren:
            label = f"{d.id}.{i.id} {i.titel}"  # the goals' titles are in the tree above
            if not i.toetsingen:
                rows.append((Cel(label), Cel("geen streefwaarde"), _cel(a, i.waarde, i.eenheid, i.noemer), Cel("–"),
                             Cel("–"), Cel(i.toelichting or "")))  # fmt: skip
            for t in i.toetsingen:
                small = a.toetsing(t)
                pad = t.verwacht if t.soort != "richting" else None
                rows.append((
                    Cel(label), Cel(t.tekst), _cel(a, t.waarde, t.eenheid, t.noemer),
                    _cel(a, pad, t.eenheid, t.noemer) if pad is not None else Cel("–"), Cel(t.status),
                    Cel(AFGESCHERMD.format(k=a.k) if small else t.uitleg),
                ))  # fmt: skip
    note = f"Bron: {b.bron}. Getoetst over {b.periode}; peildatum {fmt_datum(b.peildatum)}. {b.voorlopig}".strip()
    return Tabel(nummer, f"{b.titel}: streefwaarden en status", KOLOMMEN, tuple(rows), note)


def _maatregelen(b: BoomUitkomst, nummer: str) -> Tabel | None:
    rows = [
        (Cel(f"{d.id} {d.titel}"), Cel(m.maatregel), Cel(m.voortgang or "–"), Cel(m.planning or "–"),
         Cel((m.status or "–").capitalize()))
        for d in b.doelen
        for m in d.beheersmaatregelen
    ]  # fmt: skip
    if not rows:
        return None
    kolommen = ("Doel", "Beheersmaatregel", "Voortgang", "Planning", "Status")
    return Tabel(nummer, f"Beheersmaatregelen bij de doelen van de {b.titel.lower()}", kolommen, tuple(rows))


def wat_zien_we(b: BoomUitkomst) -> str:
    """'Van de 12 streefwaarden zijn er 2 behaald, …' and the goals that are not on course."""
    toetsingen = b.toetsingen
    if not toetsingen:
        return "Deze doelenboom heeft (nog) geen streefwaarden."
    counts = {s: sum(1 for t in toetsingen if t.status == s) for s in STATUSSEN}
    parts = [f"{fmt_getal(n)} {s}" for s, n in counts.items() if n]
    text = f"Van de {fmt_getal(len(toetsingen))} streefwaarden over {b.periode}: " + ", ".join(parts) + "."
    behind = [f"{d.id} ({d.titel})" for d in b.doelen if d.status == "niet op koers"]
    if behind:
        text += " Niet op koers: " + "; ".join(behind) + "."
    if counts["geen gegevens"]:
        text += " Waarom een streefwaarde niet te toetsen is, staat in de tabel."
    return text


def doelboom_sectie(
    con: duckdb.DuckDBPyConnection, boom: str, titel: str, tekst: str, waarom: str | None, gebied: str, periode: str,
    nummer: str, k: int | None,
) -> Sectie:  # fmt: skip
    """The section for tree ``boom`` in a report for ``gebied`` about ``periode`` (k: the suppression limit)."""
    bomen = [b for b in laad_doelbomen() if b.boom == boom]
    if not bomen:
        from jeugdmonitor.errors import UserError

        raise UserError(f"onbekende doelenboom '{boom}' in het sjabloon")
    uitkomst = evalueer(con, periode, gebied, bomen=bomen)[0]
    a = Afscherming(k)
    svg = teken_doelboom(uitkomst, a.tekst)
    tellen = wat_zien_we(uitkomst)
    figuur = Grafiek(f"{nummer}.1", f"{uitkomst.titel}: opgave, doelen en indicatoren met hun status", svg,
                     f"Doelenboom met de opgave '{uitkomst.opgave}'. {tellen}")  # fmt: skip
    tabellen = [_tabel(uitkomst, a, f"{nummer}.1")]
    maatregelen = _maatregelen(uitkomst, f"{nummer}.2")
    if maatregelen is not None:
        tabellen.append(maatregelen)
    inleiding = " ".join(
        part
        for part in (
            " ".join(tekst.split()),
            f"Opgave: {uitkomst.opgave}.",
            ("Randvoorwaarden: " + " ".join(uitkomst.randvoorwaarden)) if uitkomst.randvoorwaarden else "",
            ("Beleidsuitgangspunten: " + " ".join(uitkomst.beleidsuitgangspunten))
            if uitkomst.beleidsuitgangspunten
            else "",
        )
        if part
    )
    indicatoren = tuple(dict.fromkeys(t.indicator for t in uitkomst.toetsingen))
    return Sectie(
        nummer=nummer, titel=titel, indicatoren=indicatoren,
        waarom=" ".join((waarom or uitkomst.cyclus).split()), wat_zien_we=tellen, tabellen=tuple(tabellen),
        grafieken=(figuur,), inleiding=inleiding,
    )  # fmt: skip


def _titel(indicator: str) -> str:
    try:
        return shipped_catalog().indicator(indicator).titel.lower()
    except KeyError:
        return indicator


def met_duidingen(con: duckdb.DuckDBPyConnection, sectie: Sectie, gebied: str, periode: str) -> Sectie:
    """The section with the annotations on its indicators for this area and period (or the period's year)."""
    if not sectie.indicatoren:
        return sectie
    codes = {periode, str(parse(periode).start.year)}
    found = [
        d for d in lees_duidingen(con, gemeente=gebied) if d.indicator in sectie.indicatoren and d.periode in codes
    ]
    if not found:
        return sectie
    texts = tuple(
        f"{d.auteur}{' (' + d.perspectief + ')' if d.perspectief else ''}, {fmt_datum(d.tijdstip)}, "
        f"over {_titel(d.indicator)} ({d.periode}): {d.tekst}"
        for d in found
    )
    return replace(sectie, duidingen=texts)
