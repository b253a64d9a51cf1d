"""Data quality of the loaded deliveries: per delivery what the load log kept (when, peildatum, source, rows per
table, columns), the warnings of the load per rule with examples, and which indicators could not be computed
and why. When the delivery folder is still on disk, the full check report (``jeugdmonitor check``) is one
click away, rendered by the quality report's own template."""

from __future__ import annotations

import json
from pathlib import Path

from flask import Blueprint, Response, abort

from jeugdmonitor.catalog.indicatoren import shipped_catalog
from jeugdmonitor.engine.records import REGIO
from jeugdmonitor.web.app import CSP_DOCUMENT, bron
from jeugdmonitor.web.paginacache import toon

bp = Blueprint("kwaliteit", __name__)
VOORBEELDEN = 3


def _leveringen() -> list[dict]:
    with bron().cursor() as cur:
        rows = cur.execute(
            "SELECT levering_id, geladen_op, map, peildatum, bron, gemeenten, rijen, kolommen FROM _leveringen "
            "ORDER BY levering_id DESC"
        ).fetchall()
    result = []
    for lid, geladen, map_, peildatum, bron_, gemeenten, rijen, kolommen in rows:
        result.append({
            "id": lid, "geladen_op": geladen, "map": map_, "peildatum": peildatum, "bron": bron_,
            "gemeenten": gemeenten, "rijen": json.loads(rijen or "{}"), "kolommen": json.loads(kolommen or "{}"),
            "map_bestaat": bool(map_) and Path(map_).is_dir(),
        })  # fmt: skip
    return result


def _meldingen(levering_id: int) -> list[tuple]:
    with bron().cursor() as cur:
        return cur.execute(
            """
            SELECT niveau, regel, count(*) OVER (PARTITION BY niveau, regel) AS aantal, bestand, rij, kolom, tekst
            FROM _meldingen WHERE levering_id = ?
            QUALIFY row_number() OVER (PARTITION BY niveau, regel ORDER BY bestand, rij) <= ?
            ORDER BY niveau, aantal DESC, regel, bestand, rij
            """,
            [levering_id, VOORBEELDEN],
        ).fetchall()


def _niet_beschikbaar() -> list[tuple[str, str, str]]:
    """(indicator, title, what is missing) for every indicator the engine could not compute for the region."""
    b = bron()
    with b.cursor() as cur:
        rows = cur.execute(
            "SELECT indicator, any_value(toelichting) FROM _resultaten WHERE gemeente = ? AND periode = ? "
            "AND status = 'niet_beschikbaar' GROUP BY indicator ORDER BY indicator",
            [REGIO, b.standaard_periode()],
        ).fetchall()
    titels = {i.id: i.titel for i in shipped_catalog().indicatoren}
    return [(ind, titels.get(ind, ind), waarom) for ind, waarom in rows]


@bp.route("/kwaliteit")
def kwaliteit() -> str:
    return toon("kwaliteit.html.j2", _context)


def _context() -> dict[str, object]:
    b = bron()
    leveringen = b.bewaard(("kwaliteit", "leveringen"), _leveringen)
    meldingen = b.bewaard(("kwaliteit", "meldingen"), lambda: {lev["id"]: _meldingen(lev["id"]) for lev in leveringen})
    totaal = len(shipped_catalog().indicatoren)
    niet = b.bewaard(("kwaliteit", "niet_beschikbaar"), _niet_beschikbaar)
    return dict(
        titel="Datakwaliteit", leveringen=leveringen, meldingen=meldingen,
        niet_beschikbaar=niet, beschikbaar=totaal - len(niet), totaal=totaal,
    )  # fmt: skip


@bp.route("/kwaliteit/rapport/<int:levering_id>")
def rapport(levering_id: int) -> Response:
    """The full check report of a delivery whose folder is still on disk (made once, then kept)."""
    lev = next((x for x in _leveringen() if x["id"] == levering_id), None)
    if lev is None or not lev["map_bestaat"]:
        abort(404, description="De map van deze levering staat niet meer op de server.")
    from jeugdmonitor.outputs.kwaliteit import run_check

    html = bron().bewaard(("kwaliteitsrapport", levering_id), lambda: run_check(Path(lev["map"])).render_html())
    response = Response(html, mimetype="text/html")
    response.headers["Content-Security-Policy"] = CSP_DOCUMENT  # a self-contained document: no script at all
    return response
