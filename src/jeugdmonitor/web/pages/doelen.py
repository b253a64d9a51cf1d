"""Goal trees with the status of every target for one area and period (``engine.doelen.evalueer``), the same
judgement the reports and the CLI give. For raad and college a value built on fewer than k young persons is
hidden, with the explanation that would repeat it."""

from __future__ import annotations

import copy
from typing import Any

from flask import Blueprint

from jeugdmonitor.web.app import bron, gebruiker, vereis_gebied
from jeugdmonitor.web.gegevens import Bron
from jeugdmonitor.web.pages.common import gekozen_periode
from jeugdmonitor.web.paginacache import toon
from jeugdmonitor.web.weergave import k_van

bp = Blueprint("doelen", __name__)
AFGESCHERMD = "afgeschermd: gebaseerd op minder dan {k} jongeren"


def _klein(node: dict[str, Any], k: int) -> bool:
    """Whether a value (a count, or a figure over ``noemer`` persons) is below the suppression threshold."""
    waarde, noemer = node.get("waarde"), node.get("noemer")
    small_count = node.get("eenheid") == "aantal" and waarde is not None and 0 < waarde < k
    return small_count or (noemer is not None and 0 < noemer < k)


def _afschermen(boom: dict[str, Any], k: int) -> dict[str, Any]:
    for doel in boom["doelen"]:
        for ind in doel["indicatoren"]:
            if _klein(ind, k):
                ind.update(waarde=None, afgeschermd=AFGESCHERMD.format(k=k))
            for t in ind["toetsingen"]:
                if _klein(t, k) or ind.get("afgeschermd"):
                    t.update(waarde=None, basiswaarde=None, verwacht=None, uitleg=AFGESCHERMD.format(k=k))
    return boom


def evaluatie(b: Bron, gebied: str, periode: str) -> list[dict[str, Any]] | None:
    """The evaluated goal trees as dicts, once per store version (the server warms the default period at start);
    None when this version has no goal trees."""
    try:
        from jeugdmonitor.engine import doelen
    except ImportError:
        return None

    def maak() -> list[dict[str, Any]]:
        with b.rekenlock, b.cursor() as cur:  # it may run the engine: one run at a time
            return [t.als_dict() for t in doelen.evalueer(cur, periode, gebied)]

    return b.bewaard(("doelen", gebied, periode), maak)


def evalueer(gebied: str, periode: str) -> list[dict[str, Any]] | None:
    """The goal trees as this user may see them (suppressed for strategic roles, on a copy)."""
    bomen = evaluatie(bron(), gebied, periode)
    if bomen is None or not gebruiker().ziet_onderdrukt():
        return bomen
    return [_afschermen(copy.deepcopy(t), k_van(gebruiker())) for t in bomen]


@bp.route("/g/<gebied>/doelen")
def doelen(gebied: str) -> str:
    gebied = vereis_gebied(gebied)

    def context() -> dict[str, object]:
        periode = gekozen_periode()
        return dict(titel=f"Doelen {bron().gebied_naam(gebied)}", gebied=gebied, periode=periode,
                    perioden=bron().perioden(), bomen=evalueer(gebied, periode))  # fmt: skip

    return toon("doelen.html.j2", context)
