"""The report's stylesheet, served as a file so that tables in the dashboard look as in the reports."""

from __future__ import annotations

from flask import Blueprint, Response

from jeugdmonitor.outputs import sjablonen

bp = Blueprint("stijl", __name__)


@bp.route("/stijl/rapport.css")
def rapport_css() -> Response:
    css = sjablonen.stylesheet("jeugdmonitor.outputs.rapport", "rapport.css")
    response = Response(css, mimetype="text/css")
    response.headers["Cache-Control"] = "private, max-age=3600"
    return response


@bp.route("/favicon.ico")
def favicon() -> Response:
    """No icon: an empty answer instead of a 404 in every browser's console."""
    return Response(status=204)
