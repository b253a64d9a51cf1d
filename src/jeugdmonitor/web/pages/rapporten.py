"""Reports: produce any audience's report the role allows, for an area and period, as HTML (opened in the
browser), PDF or the Excel tabellenboek, through the same builder and renderers as ``jeugdmonitor report``.
A client-level report (uitvoerenden) follows the work-list rule, and its pseudonyms go to the access log."""

from __future__ import annotations

import tempfile
from pathlib import Path

from flask import Blueprint, Response, abort, render_template, request

from jeugdmonitor.catalog.doelgroepen import doelgroep as find_doelgroep
from jeugdmonitor.engine.perioden import parse
from jeugdmonitor.engine.records import REGIO
from jeugdmonitor.outputs.rapport.bouw import bouw_rapport
from jeugdmonitor.outputs.rapport.html import render_html
from jeugdmonitor.outputs.rapport.model import Rapport
from jeugdmonitor.web.app import CSP_DOCUMENT, bron, gebruiker, vereis_gebied, weiger
from jeugdmonitor.web.inhoud import teken
from jeugdmonitor.web.pages.werklijsten import log_clientniveau

bp = Blueprint("rapporten", __name__)
DOELGROEPEN = ("raad", "college", "management", "leidinggevenden", "uitvoerenden")
FORMATEN = {"html": "text/html", "pdf": "application/pdf",
            "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}  # fmt: skip


def _rapportperioden() -> list[str]:
    """Years, half years and tertalen with stored results (the periods reports are made over)."""
    return [p for p in bron().perioden() if parse(p).soort in ("jaar", "halfjaar", "tertaal")]


@bp.route("/g/<gebied>/rapporten", methods=["GET", "POST"])
def rapporten(gebied: str) -> str | Response:
    gebied = vereis_gebied(gebied)
    toegestaan = [d for d in DOELGROEPEN if _mag(d, gebied)]
    if request.method == "POST":
        return _maak(gebied)
    return render_template(
        "rapporten.html.j2", titel=f"Rapportages {bron().gebied_naam(gebied)}", gebied=gebied,
        doelgroepen=[(d, find_doelgroep(d).label, find_doelgroep(d).clientniveau) for d in toegestaan],
        perioden=_rapportperioden(), periode=bron().standaard_periode(),
    )  # fmt: skip


def _mag(doelgroep: str, gebied: str) -> bool:
    """The role's rule; and the region's unsuppressed reports (which compare municipalities in detail) only for
    a user whose scope covers every municipality of the store."""
    if not gebruiker().mag_rapport(doelgroep, gebied):
        return False
    return gebied != REGIO or find_doelgroep(doelgroep).onderdrukken or gebruiker().dekt(bron().gemeenten())


def _maak(gebied: str) -> Response:
    doelgroep, periode, formaat = (request.form.get(k, "") for k in ("doelgroep", "periode", "formaat"))
    if doelgroep not in DOELGROEPEN or formaat not in FORMATEN or periode not in _rapportperioden():
        abort(400, description="Kies een doelgroep, een periode en een formaat uit de lijst.")
    if not _mag(doelgroep, gebied):
        weiger(f"Uw rol mag de rapportage voor '{doelgroep}' over dit gebied niet maken.")
    b = bron()
    with b.rekenlock, b.cursor() as cur:  # building a report runs the engine: one at a time
        rapport = teken(lambda: bouw_rapport(cur, doelgroep, periode, gebied))  # it draws its charts with pyplot
    if rapport.vertrouwelijk:
        tabellen = [t for h in rapport.hoofdstukken for s in h.secties for t in s.tabellen]
        log_clientniveau(gebruiker(), f"{request.path} ({doelgroep}, {periode})", gebied, tabellen)
    body = _render(rapport, formaat)
    naam = f"{doelgroep}-{gebied}-{periode}.{formaat}"
    disposition = "inline" if formaat == "html" else "attachment"
    response = Response(body, mimetype=FORMATEN[formaat])
    response.headers["Content-Disposition"] = f'{disposition}; filename="{naam}"'
    if formaat == "html":
        response.headers["Content-Security-Policy"] = CSP_DOCUMENT  # the report runs no script at all
    return response


def _render(rapport: Rapport, formaat: str) -> bytes:
    if formaat == "html":
        return render_html(rapport).encode("utf-8")
    with tempfile.TemporaryDirectory(prefix="jeugdmonitor-") as tmp:
        path = Path(tmp) / f"rapport.{formaat}"
        if formaat == "pdf":
            from jeugdmonitor.outputs.rapport.pdf import schrijf_pdf

            schrijf_pdf(rapport, path)
        else:
            from jeugdmonitor.outputs.rapport.xlsx import schrijf_xlsx

            schrijf_xlsx(rapport, path)
        return path.read_bytes()
