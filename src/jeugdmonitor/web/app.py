"""The dashboard application (Flask, served by waitress): set-up, sign-in guard, CSRF and security headers.

Why Flask and waitress: a server-rendered, synchronous application on a DuckDB store needs no async stack;
Flask brings Jinja2 (which the reports already use) and signed session cookies (itsdangerous), waitress is
a pure-Python, multi-threaded production server that runs the same on Linux and Windows servers in a
municipality's closed network. Both are mature and well maintained (Pallets; Pylons).

Pages live in ``web/pages/`` (one module per page); each registers its routes on the app.
"""

from __future__ import annotations

import hmac
import os
import secrets
from datetime import timedelta
from pathlib import Path
from typing import Any

from flask import Flask, abort, g, render_template, request, session
from werkzeug.exceptions import HTTPException

from jeugdmonitor.errors import UserError
from jeugdmonitor.web.accounts import Accounts
from jeugdmonitor.web.gegevens import Bron
from jeugdmonitor.web.rollen import Gebruiker

ENV_SLEUTEL = "JEUGDMONITOR_WEBSLEUTEL"
SESSIE_DUUR = timedelta(hours=8)  # one working day; then sign in again
OPENBAAR = ("auth.inloggen", "static", "stijl.rapport_css", "stijl.favicon")  # endpoints reachable without signing in

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)  # inline styles only for the SVG charts and the reports' own stylesheet; never inline script
CSP_DOCUMENT = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'"  # reports
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Cache-Control": "no-store",  # pages may hold figures a next user of the computer must not see
}


def sessiesleutel(store: Path) -> bytes:
    """The key that signs session cookies: ``JEUGDMONITOR_WEBSLEUTEL`` or ``<store>.web.sleutel`` (made once,
    readable by the owner only). Never in the repository."""
    if os.environ.get(ENV_SLEUTEL):
        return os.environ[ENV_SLEUTEL].encode()
    path = store.with_name(store.name + ".web.sleutel")
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_hex(32))
    return path.read_text().strip().encode()


def maak_app(store: Path, *, secure_cookie: bool = False) -> Flask:
    """The application on ``store``; ``secure_cookie`` when it is served over HTTPS (behind a proxy)."""
    store = Path(store)
    app = Flask(__name__)
    app.config.update(
        SECRET_KEY=sessiesleutel(store),
        SESSION_COOKIE_NAME="jeugdmonitor_sessie",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Strict",
        SESSION_COOKIE_SECURE=secure_cookie,
        PERMANENT_SESSION_LIFETIME=SESSIE_DUUR,
        MAX_CONTENT_LENGTH=64 * 1024,  # forms only
        TEMPLATES_AUTO_RELOAD=False,
    )
    app.extensions["bron"] = Bron(store)
    app.extensions["accounts"] = Accounts(store)
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True

    from jeugdmonitor.web import filters
    from jeugdmonitor.web.pages import registreer

    filters.installeer(app)
    registreer(app)
    app.before_request(_bewaak)
    app.after_request(_headers)
    app.register_error_handler(HTTPException, _foutpagina)
    app.register_error_handler(UserError, _gebruikersfout)
    app.register_error_handler(Exception, _interne_fout)
    return app


def bron() -> Bron:
    from flask import current_app

    return current_app.extensions["bron"]


def accounts() -> Accounts:
    from flask import current_app

    return current_app.extensions["accounts"]


def gebruiker() -> Gebruiker:
    return g.gebruiker


def csrf_token() -> str:
    """The session's CSRF token (made on first use); every form carries it in the field ``csrf``."""
    if "csrf" not in session:
        session["csrf"] = secrets.token_urlsafe(32)
    return session["csrf"]


def _bewaak() -> Any:
    """Before every request: CSRF on every POST, then the signed-in user (reloaded, so a removed account or a
    changed role takes effect at once)."""
    if request.method == "POST":
        sent = request.form.get("csrf", "")
        if not sent or not hmac.compare_digest(sent, session.get("csrf", "")):
            abort(400, description="Het formulier is verlopen of ongeldig (CSRF-controle). Laad de pagina opnieuw.")
    g.gebruiker = None
    naam = session.get("gebruiker")
    if naam:
        g.gebruiker = accounts().gebruiker(naam)
        if g.gebruiker is None:
            session.clear()
    if g.gebruiker is None and request.endpoint not in OPENBAAR:
        from flask import redirect, url_for

        return redirect(
            url_for("auth.inloggen", volgende=request.full_path.rstrip("?") if request.method == "GET" else None)
        )
    return None


def _headers(response: Any) -> Any:
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def _foutpagina(exc: HTTPException) -> Any:
    titels = {400: "Ongeldig verzoek", 403: "Geen toegang", 404: "Niet gevonden", 405: "Niet toegestaan"}
    titel = titels.get(exc.code or 500, "Fout")
    return render_template("fout.html.j2", titel=titel, tekst=exc.description, code=exc.code), exc.code or 500


def _gebruikersfout(exc: UserError) -> Any:
    """A request the library refuses (a period before the data, an unknown area): its Dutch message, 400."""
    return render_template("fout.html.j2", titel="Ongeldig verzoek", tekst=str(exc), code=400), 400


def _interne_fout(exc: Exception) -> Any:
    """Anything else: logged for the administrator, a Dutch page for the user, never a traceback."""
    from flask import current_app

    current_app.logger.exception("fout bij %s", request.path)
    tekst = "Er ging iets mis bij het maken van deze pagina. De fout is vastgelegd; probeer het later opnieuw."
    return render_template("fout.html.j2", titel="Fout", tekst=tekst, code=500), 500


def weiger(reden: str) -> None:
    """Refuse with 403 and record the attempt in the access log (who tried what)."""
    gebruiker_ = g.get("gebruiker")
    if gebruiker_ is not None:
        accounts().log(gebruiker_, request.remote_addr or "", f"GEWEIGERD {request.path}", "-", ["-"])
    abort(403, description=reden)


def vereis_gebied(gebied: str) -> str:
    """The area of a URL, normalised, if the user may see its detail; else a refusal."""
    gebied = "regio" if gebied.lower() == "regio" else gebied.upper()
    if gebied != "regio" and gebied not in bron().gemeenten():
        abort(404, description=f"Gemeente {gebied} staat niet in de store.")
    if not gebruiker().mag_gebied(gebied):
        weiger(
            f"U heeft geen toegang tot de gegevens van {bron().gebied_naam(gebied)}; u ziet alleen uw eigen "
            "gemeente(n) en de cijfers van de regio als geheel."
        )
    return gebied
