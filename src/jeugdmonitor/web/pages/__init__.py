"""The dashboard's pages, one module each; :func:`registreer` adds them all to the application."""

from __future__ import annotations

from importlib import import_module

from flask import Flask

PAGINAS = ("auth", "beheer", "doelen", "duiding", "indicator", "kwaliteit", "overzicht", "rapporten", "regio", "stijl",
           "werklijsten")  # fmt: skip


def registreer(app: Flask) -> None:
    for naam in PAGINAS:
        app.register_blueprint(import_module(f"jeugdmonitor.web.pages.{naam}").bp)
