"""The region: the municipalities side by side for one indicator, per 1.000 young inhabitants where the
indicator counts young persons, with the region as a whole as the (weighted) regional average.

A municipality outside the user's scope is shown as the public sees it (small numbers suppressed), and its
name is not a link: its detail is not the user's to open.
"""

from __future__ import annotations

from flask import Blueprint, abort, request, url_for

from jeugdmonitor.catalog.indicatoren import shipped_catalog
from jeugdmonitor.engine.onderdrukking import suppress
from jeugdmonitor.engine.records import REGIO, Record
from jeugdmonitor.formatting import fmt_getal
from jeugdmonitor.outputs.rapport import grafiek, labels
from jeugdmonitor.outputs.rapport.model import Cel, Tabel
from jeugdmonitor.outputs.rapport.tabellen import Opmerkingen, cel, conventies
from jeugdmonitor.web.app import bron, gebruiker
from jeugdmonitor.web.gegevens import indicator as find_indicator
from jeugdmonitor.web.gegevens import per_duizend
from jeugdmonitor.web.inhoud import teken
from jeugdmonitor.web.pages.common import gekozen_periode
from jeugdmonitor.web.paginacache import toon
from jeugdmonitor.web.weergave import k_van, zichtbaar

bp = Blueprint("regio", __name__)
STANDAARD = "kern.gebruik"


def _zichtbaar(records: list[Record]) -> dict[str, Record]:
    """Per area the record as this user may see it: own audience within scope, the public's outside."""
    own = {r.gemeente: r for r in zichtbaar(records, gebruiker())}
    public = {r.gemeente: r for r in suppress(records, "publiek")}
    return {g: (own[g] if gebruiker().mag_gebied(g) else public[g]) for g in own}


@bp.route("/regio")
def regio() -> str:
    return toon("regio.html.j2", _context)


def _context() -> dict[str, object]:
    b = bron()
    ind_id = request.args.get("indicator") or STANDAARD
    try:
        ind = find_indicator(ind_id)
    except Exception:
        abort(404, description=f"Onbekende indicator '{ind_id}'.")
    periode = gekozen_periode()
    alle = b.records(ind.id)
    maten = list(dict.fromkeys(r.maat for r in alle if not r.dimensies)) or [None]
    maat = request.args.get("maat") or maten[0]
    if maat not in maten:
        maat = maten[0]
    gebieden = [*b.gemeenten(), REGIO]
    records = [r for g in gebieden if (r := b.waarde(ind.id, maat, periode, g)) is not None]
    shown = _zichtbaar(records)
    k = k_van(gebruiker())
    notes = Opmerkingen()
    telbaar = ind.eenheid_van(maat) == "aantal"
    inwoners = b.inwoners(periode) if telbaar else {}
    regio_rate = None
    if telbaar and REGIO in shown and shown[REGIO].waarde is not None:
        regio_rate = per_duizend(shown[REGIO].waarde, inwoners.get((REGIO, None)))
    rows, links, waarden = [], [], []
    for g in gebieden:
        c = cel(shown.get(g), k, notes)
        naam = f"{b.gebied_naam(g)} (gemiddelde)" if g == REGIO else labels.gemeente_naam(g)
        cells = [c]
        rate = None
        if telbaar:
            n = inwoners.get((g, None))
            rate = per_duizend(c.waarde, n) if not c.onderdrukt else None
            verschil = rate - regio_rate if rate is not None and regio_rate is not None and g != REGIO else None
            cells += [Cel(fmt_getal(n) if n else "–", n, "aantal"),
                      Cel(c.tekst if c.onderdrukt else fmt_getal(rate, 1) if rate is not None else "–", rate, "ratio",
                          onderdrukt=c.onderdrukt),
                      Cel(("+" if verschil and verschil > 0 else "") + fmt_getal(verschil, 1) if verschil is not None
                          else "", verschil, "ratio")]  # fmt: skip
        rows.append((Cel(naam), *cells))
        links.append(url_for("indicator.indicator", gebied=g, indicator_id=ind.id, periode=periode)
                     if gebruiker().mag_gebied(g) else None)  # fmt: skip
        waarden.append((naam, rate if telbaar else c.waarde))  # the region's bar is the regional average
    kolommen = ["Gemeente", labels.maat_label(maat) if maat else "Waarde"]
    if telbaar:
        kolommen += ["Inwoners 0–17 jaar", "Per 1.000 inwoners 0–17", "Verschil met regio"]
    toelichting = conventies(notes, k)
    if telbaar:
        toelichting += (" Per 1.000: het aantal gedeeld door de inwoners van 0 tot en met 17 jaar, maal 1.000; het "
                        "regiogemiddelde is het aantal van de regio gedeeld door al haar jonge inwoners.")  # fmt: skip
    tabel = Tabel("1", f"{ind.titel} per gemeente, {labels.periode_kort(periode)}", tuple(kolommen), tuple(rows),
                  toelichting.strip())  # fmt: skip
    key = ("regio", ind.id, maat, periode, gebruiker().rol.doelgroep, gebruiker().gemeenten)
    eenheid = "ratio" if telbaar else ind.eenheid_van(maat)
    titel = f"{ind.titel} per 1.000 inwoners 0–17" if telbaar else ind.titel
    chart = b.bewaard(key, lambda: teken(lambda: grafiek.staven("1", titel, [n for n, _ in waarden],
                                                                [v for _, v in waarden], eenheid)))  # fmt: skip
    return dict(
        titel=f"Regio: {ind.titel}", ind=ind, tabel=tabel, links=links, grafiek_=chart,
        periode=periode, perioden=b.perioden(), maat=maat, maten=maten,
        indicatoren=[i for i in shipped_catalog().indicatoren if "gemeente" in i.dimensies],
    )  # fmt: skip
