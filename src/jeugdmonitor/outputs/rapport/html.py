"""The report as one self-contained HTML page: inline CSS and inline SVG, no scripts, no external resources.

The same HTML is the source of the PDF (WeasyPrint): the stylesheet carries the A4 page rules (cover, table
of contents with page numbers through ``target-counter``, page numbers in the footer), so both formats come
from one rendering path.
"""

from __future__ import annotations

import re
from functools import cache

import jinja2
from markupsafe import Markup

from jeugdmonitor.catalog.doelgroepen import doelgroep as find_doelgroep
from jeugdmonitor.engine.records import REGIO
from jeugdmonitor.formatting import fmt_datum
from jeugdmonitor.outputs import sjablonen
from jeugdmonitor.outputs.rapport.labels import periode_kort
from jeugdmonitor.outputs.rapport.model import Cel, Rapport, Tabel

TEMPLATE = "rapport.html.j2"
STYLESHEET = "rapport.css"


@cache
def environment() -> jinja2.Environment:
    env = sjablonen.environment(__package__)
    env.filters["datum"] = fmt_datum
    env.globals["getal_kolommen"] = getal_kolommen
    env.globals["is_getal"] = is_getal
    return env


_GETAL = re.compile(r"^[+−-]?(€ )?[\d.,]+(%| %-punt| dagen| weken)?$")


def is_getal(cel: Cel) -> bool:
    """Whether a cell holds a number (right-aligned) rather than text."""
    return cel.waarde is not None or cel.onderdrukt or bool(_GETAL.match(cel.tekst))


def getal_kolommen(tabel: Tabel) -> list[bool]:
    """Per column whether it holds numbers: its header is aligned like its cells."""
    result = []
    for i in range(len(tabel.kolommen)):
        cells = [row[i] for row in tabel.rijen if i < len(row) and row[i].tekst not in ("–", "n.b.", "gelijk", "nieuw")]
        result.append(i > 0 and bool(cells) and all(is_getal(c) for c in cells))
    return result


def _stylesheet() -> str:
    return sjablonen.stylesheet(__package__, STYLESHEET)


def _css_tekst(text: str) -> str:
    """Text safe inside a CSS string in a <style> element (where HTML escaping does not apply)."""
    return re.sub(r'["\\<>]', "", text)


def render_html(rapport: Rapport) -> str:
    """The whole report as an HTML document (a string)."""
    try:
        label = find_doelgroep(rapport.doelgroep).label
    except Exception:  # an audience added to a report by hand: its name is label enough
        label = rapport.doelgroep
    gebied_titel = rapport.gebied_naam if rapport.gebied == REGIO else f"Gemeente {rapport.gebied_naam}"
    voetregel = f"{rapport.titel} – {rapport.gebied_naam} – {periode_kort(rapport.periode)}"
    if rapport.vertrouwelijk:
        voetregel = "VERTROUWELIJK – " + voetregel
    return (
        environment()
        .get_template(TEMPLATE)
        .render(
            r=rapport,
            css=Markup(_stylesheet()),
            voetregel=Markup(_css_tekst(voetregel)),
            doelgroep_label=label,
            gebied_titel=gebied_titel,
            periode_kort=periode_kort(rapport.periode),
            periode_zin=rapport.periode_tekst[:1].upper() + rapport.periode_tekst[1:],
        )
    )
