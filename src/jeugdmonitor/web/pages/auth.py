"""Signing in and out. A successful sign-in starts a fresh session (no fixation) with a new CSRF token."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, session, url_for
from werkzeug.wrappers import Response

from jeugdmonitor.web.app import accounts

bp = Blueprint("auth", __name__)


def _veilig_doel(doel: str | None) -> str:
    """Only a path on this site (never '//elders' or a full address) may follow the sign-in."""
    if doel and doel.startswith("/") and not doel.startswith("//") and "\\" not in doel:
        return doel
    return url_for("overzicht.start")


@bp.route("/inloggen", methods=["GET", "POST"])
def inloggen() -> str | Response:
    volgende = request.values.get("volgende", "")
    if request.method == "POST":
        naam = request.form.get("naam", "").strip().lower()
        gebruiker = accounts().controleer(naam, request.form.get("wachtwoord", ""))
        if gebruiker is None:
            return render_template(
                "inloggen.html.j2", titel="Inloggen", volgende=volgende,
                melding="Onbekende gebruikersnaam of onjuist wachtwoord.",
            ), 401  # fmt: skip
        session.clear()
        session.permanent = True
        session["gebruiker"] = gebruiker.naam
        return redirect(_veilig_doel(volgende))
    return render_template("inloggen.html.j2", titel="Inloggen", volgende=volgende, melding="")


@bp.route("/uitloggen", methods=["POST"])
def uitloggen() -> Response:
    session.clear()
    return redirect(url_for("auth.inloggen"))
