"""Evaluating the goal trees for one period and area: every target of every tree judged (engine/streefwaarden.py)
on the indicator values of the store (engine/doelen_waarden.py), assembled into the tree again, with the
control measures linked to each goal.

:func:`evalueer` is the public entry (the CLI, the reports and the dashboard call it); its results are frozen
dataclasses with ``als_dict()`` for JSON. A goal's status is the worst status of its targets (``geen
gegevens`` only when none of them could be judged); a tree's likewise over its goals.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Any

import duckdb

from jeugdmonitor.catalog.doelen import PADSOORTEN, Doel, Doelboom, DoelIndicator, Streefwaarde, laad_doelbomen
from jeugdmonitor.catalog.indicatoren import shipped_catalog
from jeugdmonitor.engine.basis import store_peildatum
from jeugdmonitor.engine.doelen_waarden import Waarden, jaar_tot, venster_tekst
from jeugdmonitor.engine.perioden import Periode, parse
from jeugdmonitor.engine.records import REGIO
from jeugdmonitor.engine.streefwaarden import (
    ERNST,
    GEEN_GEGEVENS,
    Beoordeling,
    Tolerantie,
    toets_grens,
    toets_pad,
    toets_richting,
)
from jeugdmonitor.errors import UserError
from jeugdmonitor.formatting import fmt_datum
from jeugdmonitor.store.beheersmaatregelen import Beheersmaatregel, lees_beheersmaatregelen

JAREN_TERUG = 5  # the trend test looks no further back than the years the store keeps results for (opslag.YEARS)
_KINDS = {"halfjaar": ("H", 2), "tertaal": ("T", 3), "kwartaal": ("Q", 4)}


@dataclass(frozen=True)
class Toetsing:
    """One target judged in one period."""

    tekst: str  # the target as the tree states it
    soort: str
    indicator: str
    maat: str | None
    dimensies: dict[str, str]
    periode: str  # the stretch judged: '2024' or '2025 (1 januari t/m 31 oktober)'
    status: str
    uitleg: str
    eenheid: str
    waarde: float | None = None
    basiswaarde: float | None = None
    verwacht: float | None = None
    eindwaarde: float | None = None
    basisjaar: int | None = None
    doeljaar: int | None = None
    noemer: float | None = None  # persons behind the value (for suppression in public reports)
    voorlopig: bool = False
    toelichting: str = ""  # the monitor's reading of the target
    details: dict[str, float | str] | None = None

    def als_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class IndicatorUitkomst:
    id: str
    titel: str
    indicator: str
    maat: str | None
    eenheid: str
    waarde: float | None
    noemer: float | None
    status: str | None  # None when the indicator has no target
    toetsingen: tuple[Toetsing, ...]
    toelichting: str = ""

    def als_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class DoelUitkomst:
    id: str
    titel: str
    eigenaar: str
    invloed: tuple[str, ...]
    status: str | None
    indicatoren: tuple[IndicatorUitkomst, ...]
    beheersmaatregelen: tuple[Beheersmaatregel, ...] = ()

    def als_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class BoomUitkomst:
    boom: str
    titel: str
    bron: str
    opgave: str
    randvoorwaarden: tuple[str, ...]
    beleidsuitgangspunten: tuple[str, ...]
    cyclus: str
    periode: str
    gemeente: str
    peildatum: date
    status: str | None
    doelen: tuple[DoelUitkomst, ...]
    voorlopig: str = ""  # the note when the year is judged so far (not yet complete)

    def als_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["peildatum"] = self.peildatum.isoformat()
        return data

    @property
    def toetsingen(self) -> list[Toetsing]:
        return [t for d in self.doelen for i in d.indicatoren for t in i.toetsingen]


def slechtste(statussen: Sequence[str | None]) -> str | None:
    """The worst judged status; ``geen gegevens`` when nothing could be judged, None when there is nothing."""
    judged = [s for s in statussen if s in ERNST]
    if judged:
        return max(judged, key=lambda s: ERNST[s])
    return GEEN_GEGEVENS if any(s == GEEN_GEGEVENS for s in statussen) else None


# ------------------------------------------------------------------------------------------------- periods


@dataclass(frozen=True)
class Venster:
    """What one evaluation looks at: the year, and the stretch of it that is judged."""

    jaar: int
    huidig: Periode  # the year so far (the engine cuts a year at the peildatum by itself)
    eind: date
    deels: bool  # the year is not complete: baselines over the same stretch

    @property
    def label(self) -> str:
        """'2024', or '2025 (1 januari t/m 31 oktober)' for a year judged so far."""
        return venster_tekst(jaar_tot(self.jaar, self.eind)) if self.deels else str(self.jaar)

    def zelfde_stuk(self, jaar: int) -> Periode:
        return jaar_tot(jaar, self.eind) if self.deels else parse(str(jaar))


def venster(periode: Periode, peildatum: date) -> Venster:
    if periode.start > peildatum:
        raise UserError(f"de periode {periode.code} begint na de peildatum ({fmt_datum(peildatum)})")
    year = periode.start.year
    end = min(periode.eind, peildatum)
    current = parse(str(year)) if periode.soort == "jaar" else jaar_tot(year, end)
    return Venster(year, current, end, end < date(year, 12, 31))


def trend_perioden(s: Streefwaarde, v: Venster, eerste_jaar: int) -> list[Periode]:
    """The last ``venster`` complete periods of the target's kind that end by the evaluation's end."""
    codes: list[str] = []
    for year in range(eerste_jaar, v.jaar + 1):
        if s.perioden == "jaar":
            codes.append(str(year))
        else:
            kind, count = _KINDS[s.perioden]
            codes += [f"{year}-{kind}{nr}" for nr in range(1, count + 1)]
    periods = [p for p in map(parse, codes) if p.eind <= v.eind]
    return periods[-s.venster :]


# ----------------------------------------------------------------------------------------------- evaluating


def _eenheid(indicator: str, maat: str | None) -> str:
    try:
        return shipped_catalog().indicator(indicator).eenheid_van(maat)
    except KeyError:
        return "aantal"


class _Beoordelaar:
    def __init__(self, waarden: Waarden, v: Venster, eerste_jaar: int, peildatum: date) -> None:
        self.w, self.v, self.eerste_jaar, self.peildatum = waarden, v, eerste_jaar, peildatum

    def vraag(self, node: DoelIndicator) -> None:
        self.w.vraag(node.indicator, [self.v.huidig])
        for s in node.streefwaarden:
            ind = s.indicator or node.indicator
            if s.soort in PADSOORTEN:
                assert s.basisjaar is not None
                self.w.vraag(ind, [self.v.huidig, self.v.zelfde_stuk(s.basisjaar)])
            elif s.soort == "richting":
                self.w.vraag(ind, trend_perioden(s, self.v, self.eerste_jaar))
            elif s.maximaal_maat is not None:
                self.w.vraag(ind, [parse(str(self.v.jaar))])  # a year forecast against the year's budget
            else:
                self.w.vraag(ind, [self.v.huidig])

    def toets(self, node: DoelIndicator, s: Streefwaarde, boom: Doelboom) -> Toetsing:
        ind = s.indicator or node.indicator
        maat = s.maat if s.maat is not None else (node.maat if s.indicator is None else None)
        eenheid = _eenheid(ind, maat)
        op, ri, alpha = s.tolerantie_met(boom.tolerantie)
        tol = Tolerantie(op, ri, alpha)
        huidig = self.w.waarde(ind, maat, self.v.huidig.code, s.dimensies)
        label = self.v.label
        if s.niet_meetbaar:
            b = Beoordeling(GEEN_GEGEVENS, f"Niet te toetsen: {s.niet_meetbaar}.")
        elif huidig.status == "niet_beschikbaar":
            b = Beoordeling(GEEN_GEGEVENS, f"De indicator is {huidig.toelichting or 'niet beschikbaar'}.")
        elif s.soort in PADSOORTEN:
            assert s.basisjaar is not None
            basis_p = self.v.zelfde_stuk(s.basisjaar)
            basis = self.w.waarde(ind, maat, basis_p.code, s.dimensies).waarde if s.basisjaar <= self.v.jaar else None
            same = f" (over dezelfde maanden: {venster_tekst(basis_p)})" if self.v.deels else ""
            b = toets_pad(s, self.v.jaar, huidig.waarde, basis, tol, eenheid, same)
        elif s.soort == "richting":
            reeks = []
            for p in trend_perioden(s, self.v, self.eerste_jaar):
                value = self.w.waarde(ind, maat, p.code, s.dimensies).waarde
                if value is not None and (reeks or value != 0):  # leading zeros: before the delivery's data
                    reeks.append((p.code, value))
            b = toets_richting(s, self.v.jaar, reeks, tol, eenheid)
        elif s.maximaal_maat is not None:
            year = str(self.v.jaar)
            value = self.w.waarde(ind, maat, year, s.dimensies).waarde
            grens = self.w.waarde(ind, s.maximaal_maat, year, s.dimensies).waarde
            b = toets_grens(s, value, tol, eenheid, grens, periode=year)
            if value is None and self.v.jaar < self.peildatum.year:
                b = Beoordeling(GEEN_GEGEVENS, f"Een prognose voor het eind van het jaar is er alleen voor het lopende "
                                f"jaar ({self.peildatum.year}); over {year} is de realisatie bekend.")  # fmt: skip
            label = year
        else:
            b = toets_grens(s, huidig.waarde, tol, eenheid, periode=label)
        return Toetsing(
            tekst=s.tekst, soort=s.soort, indicator=ind, maat=maat, dimensies=dict(s.dimensies), periode=label,
            status=b.status, uitleg=b.uitleg, eenheid=eenheid, waarde=b.waarde, basiswaarde=b.basiswaarde,
            verwacht=b.verwacht, eindwaarde=b.eindwaarde, basisjaar=s.basisjaar, doeljaar=s.doeljaar,
            noemer=huidig.noemer, voorlopig=self.v.deels, toelichting=s.toelichting, details=b.details or None,
        )  # fmt: skip


def _voorlopig(v: Venster) -> str:
    """The note for a year judged so far (said once per tree, not per target)."""
    if not v.deels:
        return ""
    return (
        f"Voorlopig: {v.jaar} is getoetst tot en met {fmt_datum(v.eind)}, tegen dezelfde maanden van het basisjaar. "
        "Kosten worden vaak maanden later gedeclareerd; bedragen over de laatste maanden zijn dus nog onvolledig."
    )


def _doel(boom: Doelboom, doel: Doel, b: _Beoordelaar, register: list[Beheersmaatregel]) -> DoelUitkomst:
    nodes = []
    for node in doel.indicatoren:
        toetsingen = tuple(b.toets(node, s, boom) for s in node.streefwaarden)
        shown = b.w.waarde(node.indicator, node.maat, b.v.huidig.code)
        nodes.append(
            IndicatorUitkomst(
                id=node.id,
                titel=node.titel,
                indicator=node.indicator,
                maat=node.maat,
                eenheid=_eenheid(node.indicator, node.maat),
                waarde=shown.waarde,
                noemer=shown.noemer,
                status=slechtste([t.status for t in toetsingen]),
                toetsingen=toetsingen,
                toelichting=" ".join(node.toelichting.split()),
            )
        )
    linked = tuple(m for m in register if m.hoort_bij(boom.boom, doel.id, doel.beheersmaatregelen))
    return DoelUitkomst(
        doel.id, doel.titel, doel.eigenaar, tuple(doel.invloed), slechtste([n.status for n in nodes]), tuple(nodes),
        linked,
    )  # fmt: skip


def _gemeente(con: duckdb.DuckDBPyConnection, gemeente: str | None) -> str:
    if gemeente is None or gemeente.lower() == REGIO:
        return REGIO
    known = [r[0] for r in con.execute("SELECT DISTINCT g FROM _leveringen, unnest(gemeenten) AS u(g)").fetchall()]
    if gemeente.upper() not in known:
        raise UserError(
            f"gemeente {gemeente} staat niet in de store; aanwezig: {', '.join(sorted(known))} (of 'regio')"
        )
    return gemeente.upper()


def evalueer(
    con: duckdb.DuckDBPyConnection,
    periode: str,
    gemeente: str | None = None,
    bomen: Sequence[Doelboom] | None = None,
    extra: Sequence[Path] = (),
    maatregelen: Path | None = None,
) -> list[BoomUitkomst]:
    """Every goal tree judged for ``periode`` (its year, up to the period's end) for ``gemeente`` (a CBS code;
    None or 'regio' for the region). ``bomen`` replaces the shipped trees; ``extra`` adds a region's tree
    files or folders; ``maatregelen`` is a data file of control measures instead of the delivery's."""
    trees = list(bomen) if bomen is not None else laad_doelbomen(extra)
    area = _gemeente(con, gemeente)
    peildatum = store_peildatum(con)
    v = venster(parse(periode), peildatum)
    waarden = Waarden(con, area)
    beoordelaar = _Beoordelaar(waarden, v, peildatum.year - JAREN_TERUG + 1, peildatum)
    for tree in trees:
        for doel in tree.doelen:
            for node in doel.indicatoren:
                beoordelaar.vraag(node)
    waarden.haal()
    register = lees_beheersmaatregelen(con, maatregelen)
    out = []
    for tree in trees:
        doelen = tuple(_doel(tree, d, beoordelaar, register) for d in tree.doelen)
        out.append(
            BoomUitkomst(
                boom=tree.boom,
                titel=tree.titel,
                bron=tree.bron,
                opgave=tree.opgave,
                randvoorwaarden=tree.randvoorwaarden,
                beleidsuitgangspunten=tree.beleidsuitgangspunten,
                cyclus=" ".join(tree.cyclus.split()),
                periode=v.label,
                gemeente=area,
                peildatum=peildatum,
                status=slechtste([d.status for d in doelen]),
                voorlopig=_voorlopig(v),
                doelen=doelen,
            )
        )
    return out
