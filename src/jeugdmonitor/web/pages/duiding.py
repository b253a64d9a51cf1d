"""Annotations (duiding): read and add the explanation of a figure, per indicator, period and area. The texts
are kept in the store by ``store.duiding`` (issue 6), so that reports show the same duiding."""

from __future__ import annotations

from dataclasses import dataclass
from types import ModuleType
from typing import Any

from flask import Blueprint, abort, redirect, request, url_for
from werkzeug.wrappers import Response

from jeugdmonitor.catalog.indicatoren import shipped_catalog
from jeugdmonitor.errors import UserError
from jeugdmonitor.web.app import bron, gebruiker, vereis_gebied, weiger
from jeugdmonitor.web.pages.common import gekozen_periode
from jeugdmonitor.web.paginacache import toon

bp = Blueprint("duiding", __name__)
MAX_TEKST = 4000  # characters of one annotation
SCHRIJVERS = ("college", "management", "teamleider", "consulent", "beheerder")  # the raad reads
PERSPECTIEVEN = ("gemeente", "aanbieder", "clientorganisatie", "verwijzer", "jeugdige")  # store.duiding's


@dataclass(frozen=True)
class Duiding:
    """One annotation as the pages show it, whatever shape the store module returns."""

    indicator: str
    periode: str
    gemeente: str
    tekst: str
    auteur: str
    datum: str
    perspectief: str = ""


def module() -> ModuleType | None:
    """``jeugdmonitor.store.duiding`` when it is there (issue 6), else None: the pages then say so."""
    try:
        from jeugdmonitor.store import duiding
    except ImportError:
        return None
    return duiding


def _veld(obj: Any, *names: str) -> str:
    data = obj.als_dict() if hasattr(obj, "als_dict") else obj if isinstance(obj, dict) else vars(obj)
    for name in names:
        if data.get(name) not in (None, ""):
            return str(data[name])
    return ""


def _als_duiding(obj: Any) -> Duiding:
    return Duiding(
        indicator=_veld(obj, "indicator"), periode=_veld(obj, "periode"), gemeente=_veld(obj, "gemeente"),
        tekst=_veld(obj, "tekst", "duiding"), auteur=_veld(obj, "auteur", "gebruiker"),
        datum=_veld(obj, "tijdstip", "aangemaakt", "datum")[:16].replace("T", " "),
        perspectief=_veld(obj, "perspectief"),
    )  # fmt: skip


def duidingen_van(indicator: str | None, gebied: str, periode: str | None = None) -> list[Duiding] | None:
    """The annotations of an indicator (or all) for the area, newest first; None when the feature is missing."""
    mod = module()
    if mod is None:
        return None
    with bron().cursor() as cur:
        found = mod.lees_duidingen(cur, indicator=indicator, periode=periode, gemeente=gebied)
    return [_als_duiding(d) for d in reversed(found)]  # newest first


@bp.route("/g/<gebied>/duiding", methods=["GET", "POST"])
def duiding(gebied: str) -> str | Response:
    gebied = vereis_gebied(gebied)
    mod = module()
    mag_schrijven = gebruiker().rol.naam in SCHRIJVERS
    if request.method == "POST":
        if not mag_schrijven:
            weiger("Uw rol kan duiding lezen maar niet toevoegen.")
        if mod is None:
            abort(404, description="Duiding is nog niet beschikbaar.")
        ind, periode, tekst, perspectief = (
            request.form.get(k, "").strip() for k in ("indicator", "periode", "tekst", "perspectief")
        )
        if ind not in {i.id for i in shipped_catalog().indicatoren} or periode not in bron().perioden():
            abort(400, description="Kies een bestaande indicator en periode.")
        if not tekst or len(tekst) > MAX_TEKST:
            abort(400, description=f"Schrijf een duiding van 1 tot {MAX_TEKST} tekens.")
        if perspectief not in PERSPECTIEVEN:
            abort(400, description=f"Kies een perspectief: {', '.join(PERSPECTIEVEN)}.")
        try:
            with bron().cursor() as cur:
                mod.voeg_duiding_toe(cur, indicator=ind, periode=periode, gemeente=gebied, tekst=tekst,
                                     auteur=gebruiker().naam, perspectief=perspectief)  # fmt: skip
        except UserError as exc:  # e.g. a text that looks like it holds a BSN
            abort(400, description=f"De duiding is niet opgeslagen: {exc}.")
        bron().cache.clear()  # pages that show duiding are kept rendered
        return redirect(url_for("duiding.duiding", gebied=gebied, indicator=ind, periode=periode))
    return toon("duiding.html.j2", lambda: _context(gebied, mod is not None, mag_schrijven))


def _context(gebied: str, beschikbaar: bool, mag_schrijven: bool) -> dict[str, object]:
    filter_ind = request.args.get("indicator") or None
    periode = gekozen_periode()
    return dict(
        titel=f"Duiding {bron().gebied_naam(gebied)}", gebied=gebied, periode=periode,
        beschikbaar=beschikbaar, duidingen=duidingen_van(filter_ind, gebied) or [], filter_ind=filter_ind,
        indicatoren=shipped_catalog().indicatoren, perioden=bron().perioden(), mag_schrijven=mag_schrijven,
        perspectieven=PERSPECTIEVEN,
    )  # fmt: skip
