"""The content of an indicator page as the report's model (tables of ``Cel``, charts), built from stored and split
records after suppression, so that the page, its CSV and its Excel download show the same figures."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from jeugdmonitor.catalog.indicatoren import Indicator
from jeugdmonitor.engine.records import Record
from jeugdmonitor.formatting import fmt_getal
from jeugdmonitor.outputs.rapport import grafiek, labels
from jeugdmonitor.outputs.rapport.model import Cel, Grafiek, Tabel
from jeugdmonitor.outputs.rapport.tabellen import Opmerkingen, cel, conventies
from jeugdmonitor.web.gegevens import Bron, per_duizend
from jeugdmonitor.web.rollen import Gebruiker
from jeugdmonitor.web.weergave import k_van, zichtbaar

TELBAAR = ("aantal",)  # units that can be put per 1.000 inhabitants
_TEKENEN = threading.Lock()  # matplotlib's pyplot is not thread-safe: one chart at a time
T = TypeVar("T")


def teken(maak: Callable[[], T]) -> T:
    """Draw a chart with the report's functions, one at a time (they are then kept)."""
    with _TEKENEN:
        return maak()


@dataclass
class IndicatorInhoud:
    """What one indicator page shows for one area and period."""

    indicator: Indicator
    gebied: str
    periode: str
    trend: list[str]
    maten: list[str | None]
    dimensie: str | None
    records: list[Record] = field(default_factory=list)  # as shown (suppressed where the role requires)
    tabellen: list[Tabel] = field(default_factory=list)
    grafieken: list[Grafiek] = field(default_factory=list)


def maten_van(ind: Indicator, records: list[Record]) -> list[str | None]:
    """The measures the indicator has (the catalogue's order), or [None] for a single measure."""
    if ind.maten:
        present = {r.maat for r in records}
        return [m for m in ind.maten if m in present] or list(ind.maten)
    found = list(dict.fromkeys(r.maat for r in records if not r.dimensies))
    return found or [None]


def bouw(b: Bron, ind: Indicator, gebied: str, periode: str, trend: list[str], dimensie: str | None,
         gebruiker: Gebruiker, wijken: bool = True) -> IndicatorInhoud:  # fmt: skip
    """Trend table and chart, the indicator's own categories, and the split by ``dimensie`` (if any)."""
    alle = b.records(ind.id)
    maten = maten_van(ind, alle)
    totalen = [r for r in alle if r.gemeente == gebied and r.periode in trend and not r.dimensies]
    eigen = [r for r in alle if r.gemeente == gebied and r.periode == periode and r.dimensies
             and (wijken or "wijk" not in r.dimensies)]  # fmt: skip
    split: list[Record] = []
    if dimensie:
        split = [r for r in b.split(ind.id, periode, dimensie) if r.gemeente == gebied and r.dimensies]
    shown = zichtbaar(totalen + eigen + split, gebruiker)
    inhoud = IndicatorInhoud(ind, gebied, periode, trend, maten, dimensie, records=shown)
    k = k_van(gebruiker)
    index = {(r.maat, r.periode, frozenset(r.dimensies.items())): r for r in shown}

    notes = Opmerkingen()
    rows = []
    for maat in maten:
        label = labels.maat_label(maat) if maat else ind.titel
        rows.append((Cel(label), *(cel(index.get((maat, p, frozenset())), k, notes) for p in trend)))
    kolommen = ("Maat" if maat_rows(maten) else "Indicator", *(labels.periode_kort(p) for p in trend))
    inhoud.tabellen.append(Tabel("1", f"{ind.titel}: de laatste perioden", kolommen, tuple(rows), conventies(notes, k)))
    inhoud.grafieken += _trendgrafiek(b, ind, gebied, trend, maten, index, gebruiker)

    for dim in dict.fromkeys(d for r in eigen for d in r.dimensies):
        inhoud.tabellen.append(
            _splittabel(b, ind, gebied, periode, dim, maten, index, k, f"{len(inhoud.tabellen) + 1}")
        )
    if dimensie and dimensie not in {d for r in eigen for d in r.dimensies}:
        tabel = _splittabel(b, ind, gebied, periode, dimensie, maten, index, k, f"{len(inhoud.tabellen) + 1}")
        inhoud.tabellen.append(tabel)
        key = ("staven", ind.id, gebied, periode, dimensie, gebruiker.rol.doelgroep)
        inhoud.grafieken += b.bewaard(key, lambda: teken(lambda: _staven(ind, tabel, maten)))
    return inhoud


def maat_rows(maten: list[str | None]) -> bool:
    return maten != [None]


def _trendgrafiek(b: Bron, ind: Indicator, gebied: str, trend: list[str], maten: list[str | None],
                  index: dict, gebruiker: Gebruiker) -> list[Grafiek]:  # fmt: skip
    """The report's trend chart (cached: matplotlib takes tens of milliseconds)."""
    reeksen = {}
    for maat in maten[:4]:  # four lines at most stay readable
        values = []
        for p in trend:
            r = index.get((maat, p, frozenset()))
            values.append(r.waarde if r is not None and r.status in ("ok", "voorlopig") else None)
        reeksen[labels.maat_label(maat) if maat else ind.titel] = values
    key = ("trend", ind.id, gebied, tuple(trend), gebruiker.rol.doelgroep)
    perioden = [labels.periode_kort(p) for p in trend]
    eenheid = ind.eenheid_van(maten[0])
    found = b.bewaard(key, lambda: teken(lambda: grafiek.trend("1", f"{ind.titel} per periode", perioden, reeksen,
                                                                eenheid)))  # fmt: skip
    return [found] if isinstance(found, Grafiek) else []


def _splittabel(b: Bron, ind: Indicator, gebied: str, periode: str, dim: str, maten: list[str | None],
                index: dict, k: int, nummer: str) -> Tabel:  # fmt: skip
    """One row per category of ``dim``; a column per measure; per 1.000 inhabitants for counts per wijk."""
    wijken = b.wijk_namen()
    waarden = sorted(
        {v for (_, p, dims) in index for d, v in dims if d == dim and p == periode},
        key=lambda v: labels.volgorde(dim, v, labels.waarde_label(dim, v, wijken)),
    )
    notes = Opmerkingen()
    per_1000 = dim == "wijk" and ind.eenheid_van(maten[0]) in TELBAAR
    inwoners = b.inwoners(periode) if per_1000 else {}
    rows = []
    for v in waarden:
        cells = [cel(index.get((m, periode, frozenset({(dim, v)}))), k, notes) for m in maten]
        if per_1000:
            n = inwoners.get((gebied, v))
            first = cells[0]
            cells += [Cel(fmt_getal(n) if n else "–", n, "aantal"), _per_1000_cel(first, n)]
        rows.append((Cel(labels.waarde_label(dim, v, wijken)), *cells))
    totals = [cel(index.get((m, periode, frozenset())), k, notes) for m in maten]
    if per_1000:
        n = inwoners.get((gebied, None))
        totals += [Cel(fmt_getal(n) if n else "–", n, "aantal"), _per_1000_cel(totals[0], n)]
    rows.append((Cel("Totaal"), *totals))
    kolommen = [labels.maat_label(m) if m else "Waarde" for m in maten]
    if per_1000:
        kolommen += ["Inwoners 0–17 jaar", f"{labels.maat_label(maten[0]) if maten[0] else 'Aantal'} per 1.000"]
    naam = labels.DIMENSIE_NAMEN.get(dim, dim)
    note = conventies(notes, k)
    if per_1000:
        note += " Per 1.000: het aantal gedeeld door de inwoners van 0 tot en met 17 jaar van de wijk, maal 1.000."
    return Tabel(nummer, f"{ind.titel} per {naam}, {labels.periode_kort(periode)}", (naam.capitalize(), *kolommen),
                 tuple(rows), note.strip())  # fmt: skip


def _per_1000_cel(cel: Cel, inwoners: float | None) -> Cel:
    value = per_duizend(cel.waarde, inwoners) if not cel.onderdrukt else None
    if cel.onderdrukt:
        return Cel(cel.tekst, None, "ratio", onderdrukt=True)
    return Cel(fmt_getal(value, 1) if value is not None else "–", value, "ratio")


def _staven(ind: Indicator, tabel: Tabel, maten: list[str | None]) -> list[Grafiek]:
    rows = [r for r in tabel.rijen if r[0].tekst != "Totaal"]
    chart = grafiek.staven(
        "2", tabel.titel, [r[0].tekst for r in rows], [r[1].waarde for r in rows], ind.eenheid_van(maten[0])
    )
    return [chart] if chart else []
