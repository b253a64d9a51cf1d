"""Rendered pages kept per store version: a page depends on its address, the user's role and scope and the
store, so the second visitor of a page gets the HTML without building or rendering it again (the store only
changes with a new delivery; a new duiding empties the cache). The two things that differ per user, the
CSRF token of the sign-out form and the user's name, are left as markers and filled in per request.

This is what keeps page times low with many users: a waitress process runs Python on one core at a time."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import g, render_template, request
from markupsafe import escape

CSRF = "\x00csrf\x00"
NAAM = "\x00naam\x00"
MAX_PAGINAS = 2000  # distinct pages kept before the cache starts again (memory stays bounded)


def toon(template: str, context: Callable[[], dict[str, Any]], extra: tuple[object, ...] = ()) -> str:
    """The page ``template`` with ``context()``, rendered once per (address, role, scope, store version) and
    ``extra`` (what else the page depends on)."""
    from jeugdmonitor.web.app import bron, csrf_token

    user = g.gebruiker
    key = ("pagina", request.full_path, user.rol.naam, user.gemeenten, *extra)
    b = bron()
    b.versie()
    html = b.cache.get(key)
    if html is None:
        g.cache_render = True
        try:
            html = render_template(template, **context())
        finally:
            g.cache_render = False
        if len(b.cache) > MAX_PAGINAS:
            b.cache.clear()
        b.cache[key] = html
    return str(html).replace(CSRF, csrf_token()).replace(NAAM, str(escape(user.naam)))


def in_cache_render() -> bool:
    return bool(g.get("cache_render"))
