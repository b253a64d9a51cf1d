"""The data-quality report as one self-contained HTML page (inline CSS, no scripts, no external resources)."""

from __future__ import annotations

from functools import cache
from importlib import resources

import jinja2

from jeugdmonitor.formatting import fmt_aantal_van, fmt_datum, fmt_euro, fmt_getal, fmt_procent
from jeugdmonitor.outputs.kwaliteit.model import STATUS_TEKST, QualityReport

TEMPLATE = "kwaliteit.html.j2"
STYLESHEET = "kwaliteit.css"


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader(__package__, "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters.update(getal=fmt_getal, procent=fmt_procent, euro=fmt_euro, datum=fmt_datum, status=STATUS_TEKST.get)
    env.globals["aantal_van"] = fmt_aantal_van
    return env


def _stylesheet() -> str:
    return resources.files(__package__).joinpath("templates", STYLESHEET).read_text(encoding="utf-8")


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
