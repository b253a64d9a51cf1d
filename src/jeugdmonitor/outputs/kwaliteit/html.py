"""The data-quality report as one self-contained HTML page (inline CSS, no scripts, no external resources)."""

from __future__ import annotations

from functools import cache

import jinja2

from jeugdmonitor.formatting import fmt_aantal_van, fmt_datum, fmt_euro, fmt_getal, fmt_procent
from jeugdmonitor.outputs import sjablonen
from jeugdmonitor.outputs.kwaliteit.model import STATUS_TEKST, QualityReport

TEMPLATE = "kwaliteit.html.j2"
STYLESHEET = "kwaliteit.css"


@cache
def environment() -> jinja2.Environment:
    env = sjablonen.environment(__package__)
    env.filters.update(getal=fmt_getal, procent=fmt_procent, euro=fmt_euro, datum=fmt_datum, status=STATUS_TEKST.get)
    env.globals["aantal_van"] = fmt_aantal_van
    return env


def _stylesheet() -> str:
    return sjablonen.stylesheet(__package__, STYLESHEET)


def render_html(report: QualityReport) -> str:
    fouten = [m for m in report.eerste_meldingen if m.niveau == "fout"]
    waarschuwingen = [m for m in report.eerste_meldingen if m.niveau == "waarschuwing"]
    sets: dict[str, list] = {}
    for indicator in report.indicatoren:
        sets.setdefault(indicator.set, []).append(indicator)
    return (
        environment()
        .get_template(TEMPLATE)
        .render(r=report, css=_stylesheet(), fouten=fouten, waarschuwingen=waarschuwingen, sets=sets)
    )
