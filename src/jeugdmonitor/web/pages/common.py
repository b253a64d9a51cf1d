"""Small helpers the pages share: the chosen period, the trend periods, the change and its judgement."""

from __future__ import annotations

from functools import cache

from flask import abort, request

from jeugdmonitor.engine.perioden import parse
from jeugdmonitor.outputs.rapport.gegevens import laatste
from jeugdmonitor.web.app import bron

TREND = 5  # periods in a trend, as in the reports


def gekozen_periode() -> str:
    """The ``periode`` of the query string when the store has results for it, else the default period."""
    periode = request.args.get("periode") or bron().standaard_periode()
    if periode not in bron().perioden():
        abort(404, description=f"Voor periode '{periode}' zijn geen uitkomsten bewaard.")
    return periode


def trendperioden(periode: str) -> list[str]:
    """The last five periods of the kind of ``periode`` that have stored results, oldest first."""
    known = set(bron().perioden())
    return [p for p in _laatste(periode) if p in known]


@cache
def _laatste(periode: str) -> tuple[str, ...]:
    return tuple(p.code for p in laatste(parse(periode), TREND))


def oordeel(nu: float | None, eerder: float | None, richting: str) -> tuple[str, str]:
    """(css class, Dutch word) for the change from ``eerder`` to ``nu`` given the indicator's direction."""
    if nu is None or eerder is None:
        return ("onbekend", "geen vergelijking")
    if abs(nu - eerder) <= 0.005 * max(abs(eerder), 1e-9):
        return ("gelijk", "gelijk")
    up = nu > eerder
    if richting == "neutraal":
        return ("neutraal", "gestegen" if up else "gedaald")
    good = up == (richting == "hoger_beter")
    return ("beter", "verbeterd") if good else ("slechter", "verslechterd")
