"""The overview: the key figures of the period for one area, each with its trend, the change against the
previous period judged by the indicator's direction, and its norm where the catalogue gives one."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from flask import Blueprint, redirect, request, url_for
from werkzeug.wrappers import Response

from jeugdmonitor.engine.perioden import parse, previous
from jeugdmonitor.engine.records import Record
from jeugdmonitor.outputs.rapport.labels import maat_label
from jeugdmonitor.outputs.rapport.model import Cel
from jeugdmonitor.outputs.rapport.tabellen import Opmerkingen, cel, conventies
from jeugdmonitor.web.app import bron, gebruiker, vereis_gebied
from jeugdmonitor.web.gegevens import indicator
from jeugdmonitor.web.pages.common import gekozen_periode, oordeel, trendperioden
from jeugdmonitor.web.paginacache import toon
from jeugdmonitor.web.sparkline import sparkline
from jeugdmonitor.web.weergave import k_van, zichtbaar

bp = Blueprint("overzicht", __name__)

KERNCIJFERS: tuple[tuple[str, str | None], ...] = (
    ("kern.gebruik", None),
    ("kern.stromen", "instroom"),
    ("kern.stromen", "uitstroom"),
    ("kern.bereik", None),
    ("kern.wachttijd", "gemiddelde"),
    ("kern.wachtlijst", None),
    ("kern.duur", "traject"),
    ("kern.kosten", "totaal"),
    ("kern.kosten", "per_client"),
    ("kern.pgb_aandeel", "jeugdigen"),
    ("kern.toegang", None),
    ("kern.maatregelen", "eindstand"),
)


@dataclass(frozen=True)
class Kaart:
    indicator: str
    titel: str
    maat: str
    cel: Cel
    vorige: Cel
    oordeel: tuple[str, str]
    norm: str | None
    sparkline: str


@bp.route("/")
def start() -> Response:
    eerste = next((g for g in gebruiker().gemeenten if g in bron().gemeenten()), "regio")
    return redirect(url_for("overzicht.overzicht", gebied=eerste))


def _kaart(ind_id: str, maat: str | None, gebied: str, periode: str, notes: Opmerkingen) -> Kaart | None:
    ind = indicator(ind_id)
    trend = trendperioden(periode)
    vorige = previous(parse(periode)).code
    b = bron()
    wanted = dict.fromkeys([*trend, vorige, periode])
    records: list[Record] = [r for p in wanted if (r := b.waarde(ind_id, maat, p, gebied)) is not None]
    if not records:
        return None
    # only totals are shown here, so primary suppression is what applies (no table to recompute a cell from)
    shown = {r.periode: r for r in zichtbaar(records, gebruiker())}
    k = k_van(gebruiker())
    nu, eerder = shown.get(periode), shown.get(vorige)
    waarde = nu.waarde if nu and nu.status in ("ok", "voorlopig") else None
    vorige_waarde = eerder.waarde if eerder and eerder.status in ("ok", "voorlopig") else None
    punten = [shown[p].waarde if p in shown and shown[p].status in ("ok", "voorlopig") else None for p in trend]
    return Kaart(
        indicator=ind_id, titel=ind.titel, maat=maat_label(maat) if maat else "", cel=cel(nu, k, notes),
        vorige=cel(eerder, k, notes), oordeel=oordeel(waarde, vorige_waarde, ind.richting_van(maat)),
        norm=ind.norm, sparkline=sparkline(punten),
    )  # fmt: skip


def doelstatus(gebied: str, periode: str) -> list[tuple[str, str, str | None, dict[str, int]]] | None:
    """Per goal tree (id, title, status, goals per status) from the same evaluation as the goal-tree page, when
    it is at hand (the server evaluates the default period at start; another period on the goal-tree page)."""
    bomen = bron().cache.get(("doelen", gebied, periode))
    if not isinstance(bomen, list):
        return None
    return [
        (b["boom"], b["titel"], b["status"], dict(Counter(d["status"] or "geen streefwaarde" for d in b["doelen"])))
        for b in bomen
    ]


@bp.route("/g/<gebied>/")
def overzicht(gebied: str) -> str:
    gebied = vereis_gebied(gebied)
    periode = request.args.get("periode") or bron().standaard_periode()
    return toon("overzicht.html.j2", lambda: _context(gebied), extra=(("doelen", gebied, periode) in bron().cache,))


def _context(gebied: str) -> dict[str, object]:
    periode = gekozen_periode()
    notes = Opmerkingen()
    kaarten = [k for ind, maat in KERNCIJFERS if (k := _kaart(ind, maat, gebied, periode, notes))]
    return dict(
        doelen=doelstatus(gebied, periode),
        titel=f"Overzicht {bron().gebied_naam(gebied)}", gebied=gebied, periode=periode,
        perioden=bron().perioden(), kaarten=kaarten, vorige=previous(parse(periode)).code,
        noot=conventies(notes, k_van(gebruiker())), onderdrukt=gebruiker().ziet_onderdrukt(),
    )  # fmt: skip
