"""The indicator page: definition and "waarom", the trend over periods, the indicator's own categories, a split by
each dimension it supports (per wijk also per 1.000 young inhabitants; per aanbieder), and downloads (CSV, Excel)
of exactly what the page shows."""

from __future__ import annotations

import tempfile
from pathlib import Path

from flask import Blueprint, Response, abort, request

from jeugdmonitor.engine.records import REGIO
from jeugdmonitor.outputs.export import to_csv
from jeugdmonitor.outputs.rapport import labels
from jeugdmonitor.outputs.rapport.model import Hoofdstuk, Rapport, Sectie
from jeugdmonitor.outputs.rapport.xlsx import schrijf_xlsx
from jeugdmonitor.web.app import bron, gebruiker, vereis_gebied, weiger
from jeugdmonitor.web.gegevens import indicator as find_indicator
from jeugdmonitor.web.inhoud import IndicatorInhoud, bouw
from jeugdmonitor.web.pages.common import gekozen_periode, trendperioden
from jeugdmonitor.web.pages.duiding import duidingen_van
from jeugdmonitor.web.paginacache import toon

bp = Blueprint("indicator", __name__)


def _inhoud(gebied: str, indicator_id: str) -> IndicatorInhoud:
    gebied = vereis_gebied(gebied)
    try:
        ind = find_indicator(indicator_id)
    except Exception:
        abort(404, description=f"Onbekende indicator '{indicator_id}'.")
    periode = gekozen_periode()
    splits = [d for d in ind.dimensies if d != "gemeente"]
    dimensie = request.args.get("per") or None
    if dimensie is not None and dimensie not in splits:
        abort(404, description=f"{ind.titel} is niet uit te splitsen naar '{dimensie}'.")
    if dimensie == "wijk" and not wijken_zichtbaar(gebied):
        weiger("De wijken van de regio zijn details van andere gemeenten; kies uw eigen gemeente voor de wijken.")
    return bouw(bron(), ind, gebied, periode, trendperioden(periode), dimensie, gebruiker(), wijken_zichtbaar(gebied))


def wijken_zichtbaar(gebied: str) -> bool:
    """Wijken of a municipality in scope, or of the region when the scope covers every municipality in it."""
    return gebied != REGIO or gebruiker().dekt(bron().gemeenten())


@bp.route("/g/<gebied>/indicator/<indicator_id>")
def indicator(gebied: str, indicator_id: str) -> str:
    vereis_gebied(gebied)
    return toon("indicator.html.j2", lambda: _context(gebied, indicator_id))


def _context(gebied: str, indicator_id: str) -> dict[str, object]:
    inhoud = _inhoud(gebied, indicator_id)
    ind = inhoud.indicator
    return dict(
        titel=ind.titel, i=inhoud, ind=ind, gebied=inhoud.gebied,
        gebied_naam=bron().gebied_naam(inhoud.gebied), perioden=bron().perioden(),
        splits=[
            (d, labels.DIMENSIE_NAMEN.get(d, d))
            for d in ind.dimensies
            if d != "gemeente" and (d != "wijk" or wijken_zichtbaar(inhoud.gebied))
        ],
        duidingen=duidingen_van(ind.id, inhoud.gebied),
    )  # fmt: skip


@bp.route("/g/<gebied>/indicator/<indicator_id>/download.<formaat>")
def download(gebied: str, indicator_id: str, formaat: str) -> Response:
    if formaat not in ("csv", "xlsx"):
        abort(404, description="Download als csv of xlsx.")
    inhoud = _inhoud(gebied, indicator_id)
    naam = f"{indicator_id}-{inhoud.gebied}-{inhoud.periode}{'-' + inhoud.dimensie if inhoud.dimensie else ''}"
    if formaat == "csv":
        body: bytes = to_csv(inhoud.records).encode("utf-8-sig")  # the BOM lets Excel read the accents
        mimetype = "text/csv"
    else:
        body = _xlsx(inhoud)
        mimetype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return Response(
        body, mimetype=mimetype, headers={"Content-Disposition": f'attachment; filename="{naam}.{formaat}"'}
    )


def _xlsx(inhoud: IndicatorInhoud) -> bytes:
    """The page's tables as the report's Excel tabellenboek (contents, one sheet, definitions)."""
    ind = inhoud.indicator
    sectie = Sectie("1.1", ind.titel, (ind.id,), ind.waarom, "", tuple(inhoud.tabellen))
    rapport = Rapport(
        titel=ind.titel, doelgroep=gebruiker().rol.doelgroep, gebied=inhoud.gebied,
        gebied_naam=bron().gebied_naam(inhoud.gebied), periode=inhoud.periode,
        periode_tekst=labels.periode_tekst(inhoud.periode), peildatum=bron().peildatum(), vertrouwelijk=False,
        onderdrukt=gebruiker().ziet_onderdrukt(), hoofdstukken=(Hoofdstuk("1", "Indicator", (sectie,)),),
    )  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="jeugdmonitor-") as tmp:
        path = Path(tmp) / "indicator.xlsx"
        schrijf_xlsx(rapport, path)
        return path.read_bytes()
