"""The dashboard's pages, one module each; :func:`registreer` adds them all to the application."""

from __future__ import annotations

from flask import Flask


def registreer(app: Flask) -> None:
    from jeugdmonitor.web.pages import (
        auth,
        beheer,
        doelen,
        duiding,
        indicator,
        kwaliteit,
        overzicht,
        rapporten,
        regio,
        stijl,
        werklijsten,
    )

    for module in (
        auth,
        beheer,
        doelen,
        duiding,
        indicator,
        kwaliteit,
        overzicht,
        rapporten,
        regio,
        stijl,
        werklijsten,
    ):
        app.register_blueprint(module.bp)
