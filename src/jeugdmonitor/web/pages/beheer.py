"""For the functional administrator: the access log of client-level views (read only)."""

from __future__ import annotations

from flask import Blueprint, render_template, request

from jeugdmonitor.web.app import accounts, gebruiker, weiger

bp = Blueprint("beheer", __name__)


@bp.route("/beheer/toegangslog")
def toegangslog() -> str:
    if not gebruiker().rol.beheer:
        weiger("Het toegangslog is alleen voor de functioneel beheerder.")
    wie = request.args.get("gebruiker") or None
    pseudoniem = request.args.get("pseudoniem") or None
    regels = accounts().logregels(gebruiker=wie, pseudoniem=pseudoniem)
    return render_template("toegangslog.html.j2", titel="Toegangslog", regels=regels, wie=wie or "",
                           pseudoniem=pseudoniem or "", gebruikers=accounts().gebruikers())  # fmt: skip
