"""What every dashboard template may use: Dutch formats, the report's table helpers and the page context."""

from __future__ import annotations

from typing import Any

from flask import Flask, g, request

from jeugdmonitor.engine.records import REGIO
from jeugdmonitor.formatting import fmt_datum, fmt_getal
from jeugdmonitor.outputs.rapport.html import getal_kolommen, is_getal
from jeugdmonitor.outputs.rapport.labels import periode_kort, periode_tekst
from jeugdmonitor.outputs.rapport.verhaal import fmt


def _context() -> dict[str, Any]:
    from jeugdmonitor.web.app import bron, csrf_token

    user = g.get("gebruiker")
    b = bron()
    gebieden = []
    if user is not None:
        gebieden = [(code, b.gebied_naam(code)) for code in user.gemeenten if code in b.gemeenten()]
        gebieden.append((REGIO, b.gebied_naam(REGIO)))
    gebied = (request.view_args or {}).get("gebied", "")
    from jeugdmonitor.web.paginacache import CSRF, NAAM, in_cache_render

    cached = in_cache_render()
    return {
        "gebruiker": user,
        "gebruiker_naam": NAAM if cached else (user.naam if user else ""),
        "gebieden": gebieden,
        "huidig_gebied": REGIO if gebied.lower() == REGIO else gebied.upper(),
        "csrf_token": (lambda: CSRF) if cached else csrf_token,
        "peildatum": b.peildatum(),
    }


def installeer(app: Flask) -> None:
    app.jinja_env.filters.update(
        datum=fmt_datum, getal=fmt_getal, periode_kort=periode_kort, periode_tekst=periode_tekst
    )
    app.jinja_env.globals.update(getal_kolommen=getal_kolommen, is_getal=is_getal, fmt=fmt)
    app.context_processor(_context)
