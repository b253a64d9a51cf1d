"""The handreiking (docs/handreiking.md): the Dutch guide for the people who prepare, produce and read reports.

Everything that can drift is generated: the audiences (catalog/doelgroepen.yaml), the tables of a delivery and
which reports need them (the input contract and the catalogue's ``benodigd``), every template chapter by
chapter with what each section answers (catalog/rapporten/*.yaml and the catalogue's "waarom"), the fields a
template may use (the template models) and the indicators per report. Fixed prose comes from
``handreiking_tekst.py``. ``tests/test_handreiking.py`` fails when the committed file differs from what this
module writes; regenerate with ``.venv/bin/python tools/build_handreiking.py``.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from pydantic import BaseModel

from jeugdmonitor.catalog.doelgroepen import shipped_doelgroepen
from jeugdmonitor.catalog.indicatoren import Catalogus, shipped_catalog
from jeugdmonitor.catalog.rapporten import (
    HoofdstukSpec,
    Norm,
    SectieSpec,
    Sjabloon,
    TabelSpec,
    load_sjabloon,
    shipped_sjablonen,
)
from jeugdmonitor.contract import load_contract
from jeugdmonitor.outputs import handreiking_tekst as tekst
from jeugdmonitor.outputs.rapport.labels import zonder_bronverwijzing
from jeugdmonitor.outputs.rapport.xlsx import EENHEID_TEKST

DOEL = Path("docs/handreiking.md")
ONBEKEND = "(nog geen uitleg)"
VOLGORDE = ("raad", "college", "management", "leidinggevenden", "uitvoerenden")


def _cel(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return " ".join(text.split()).replace("|", "\\|")


def _tabel(kop: Iterable[str], rijen: Iterable[Iterable[str]]) -> list[str]:
    kop = list(kop)
    lines = ["| " + " | ".join(kop) + " |", "|" + "---|" * len(kop)]
    lines += ["| " + " | ".join(_cel(c) for c in rij) + " |" for rij in rijen]
    return [*lines, ""]


def _sjablonen() -> list[Sjabloon]:
    """The shipped templates as reports use them (a base template's chapters included), the five audiences
    first in their usual order, then any others."""
    files = shipped_sjablonen()
    names = [n for n in VOLGORDE if n in files] + sorted(n for n in files if n not in VOLGORDE)
    return [load_sjabloon(n).sjabloon for n in names]


def doelgroepen_deel(sjablonen: list[Sjabloon]) -> list[str]:
    by_audience = {s.doelgroep: s.titel for s in sjablonen}
    rows = []
    for naam, d in shipped_doelgroepen().items():
        if d.clientniveau:
            lezen = "vertrouwelijk: gegevens per jeugdige, nooit openbaar"
        elif d.openbaar:
            lezen = f"openbaar; aantallen van 1 tot en met {d.k - 1} staan er als '< {d.k}'"
        else:
            lezen = "intern, niet voor publicatie; niet afgeschermd"
        rows.append((f"`{naam}`", d.label, d.niveau, lezen, by_audience.get(naam, "– (geen eigen rapport)")))
    return [
        "## 1. Voor wie de rapporten zijn",
        "",
        tekst.DOELGROEPEN,
        "",
        *_tabel(("doelgroep", "wie", "niveau", "wie mag het lezen", "rapport"), rows),
    ]


def levering_deel(sjablonen: list[Sjabloon], catalogus: Catalogus) -> list[str]:
    """The delivery's tables, and per table the reports with an indicator that needs it."""
    needed: dict[str, set[str]] = {}
    for s in sjablonen:
        for hoofdstuk in s.hoofdstukken:
            for sectie in hoofdstuk.secties:
                for tabel in tekst.LIJST_TABELLEN.get(sectie.lijst or "", ()):
                    needed.setdefault(tabel, set()).add(s.doelgroep)
        for ind_id in s.indicatoren:
            try:
                ind = catalogus.indicator(ind_id)
            except KeyError:
                continue
            for vereiste in ind.vereisten:
                for invoer in vereiste.alternatieven:
                    needed.setdefault(invoer.tabel, set()).add(s.doelgroep)
    rows = []
    for t in load_contract().tables:
        reports = ", ".join(n for n in VOLGORDE if n in needed.get(t.name, set())) or "–"
        rows.append((f"`{t.name}`", t.description, "ja" if t.required else "nee", reports))
    return [
        "## 2. Een levering voorbereiden",
        "",
        tekst.LEVERING,
        "",
        *_tabel(("tabel", "wat erin staat", "verplicht", "nodig voor de rapporten"), rows),
    ]


def _waarom(sectie: SectieSpec, catalogus: Catalogus) -> str:
    if sectie.waarom:
        return sectie.waarom
    for ind_id in sectie.indicatoren:
        try:
            return zonder_bronverwijzing(catalogus.indicator(ind_id).waarom)
        except KeyError:
            continue
    return tekst.LIJST_WAAROM.get(sectie.lijst or "", "")


def _sectie(nummer: str, sectie: SectieSpec, catalogus: Catalogus) -> list[str]:
    lines = [f"- **{nummer} {sectie.titel}**. {_waarom(sectie, catalogus)}"]
    if sectie.lijst:
        lines.append(f"  Werklijst: {tekst.LIJSTEN.get(sectie.lijst, sectie.lijst)}.")
    if sectie.doelboom:
        lines.append(f"  Doelenboom `{sectie.doelboom}`: elke streefwaarde met waarde, pad of norm, status en waarom.")
    if sectie.tabellen:
        titels = "; ".join(t.titel for t in sectie.tabellen)
        lines.append(f"  Tabellen: {titels}.")
        views = ", ".join(tekst.WEERGAVEN.get(w, w) for w in sectie.weergave)
        lines.append(f"  Weergave: {views}.")
        if sectie.vergelijking:
            lines.append(f"  Vergeleken met {_opsomming(tekst.VERGELIJKINGEN.get(v, v) for v in sectie.vergelijking)}.")
    return lines


def _opsomming(items: Iterable[str]) -> str:
    """['a', 'b', 'c'] → 'a, b en c'."""
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " en " + items[-1]


def sjabloon_deel(nr: int, sjabloon: Sjabloon, catalogus: Catalogus) -> list[str]:
    """One template chapter by chapter; a template built on another names that one instead of repeating it."""
    label = shipped_doelgroepen()[sjabloon.doelgroep].label
    lines = [f"### 5.{nr} {label}: {sjabloon.titel}", ""]
    lines += [f"Sjabloon `{sjabloon.naam}.yaml`, doelgroep `{sjabloon.doelgroep}`.", ""]
    if sjabloon.inleiding:
        lines += [" ".join(sjabloon.inleiding.split()), ""]
    skip = 0
    if sjabloon.basis:
        skip = len(load_sjabloon(sjabloon.basis).sjabloon.hoofdstukken)
        lines += [f"Eerst de hoofdstukken 1 tot en met {skip} van het sjabloon `{sjabloon.basis}`; daarna:", ""]
    for h_nr, hoofdstuk in enumerate(sjabloon.hoofdstukken, start=1):
        if h_nr <= skip:
            continue
        lines += [f"**Hoofdstuk {h_nr}. {hoofdstuk.titel}**", ""]
        for s_nr, sectie in enumerate(hoofdstuk.secties, start=1):
            lines += _sectie(f"{h_nr}.{s_nr}", sectie, catalogus)
        lines.append("")
    return lines


def velden_deel() -> list[str]:
    """Every field a template may use, from the template models, with its explanation."""
    lines = ["### Velden van een sjabloon", ""]
    for model, naam in ((Sjabloon, "sjabloon"), (HoofdstukSpec, "hoofdstuk"), (SectieSpec, "sectie"),
                        (TabelSpec, "tabel"), (Norm, "norm")):  # fmt: skip
        rows = [(f"`{veld}`", _verplicht(model, veld), tekst.VELDEN.get(f"{naam}.{veld}", ONBEKEND))
                for veld in model.model_fields]  # fmt: skip
        lines += [f"Per {naam}:", "", *_tabel(("veld", "verplicht", "betekenis"), rows)]
    return lines


def _verplicht(model: type[BaseModel], veld: str) -> str:
    return "ja" if model.model_fields[veld].is_required() else "nee"


def indicatoren_deel(sjablonen: list[Sjabloon], catalogus: Catalogus) -> list[str]:
    used: dict[str, list[str]] = {}
    for s in sjablonen:
        for ind_id in s.indicatoren:
            used.setdefault(ind_id, []).append(s.doelgroep)
    rows = []
    for ind_id in sorted(used):
        try:
            ind = catalogus.indicator(ind_id)
            titel, eenheid = ind.titel, EENHEID_TEKST.get(ind.eenheid, ind.eenheid)
        except KeyError:
            titel, eenheid = "(niet in de catalogus)", "–"
        rows.append((f"`{ind_id}`", titel, eenheid, ", ".join(used[ind_id])))
    return [
        "## 7. Indicatoren in de rapporten",
        "",
        tekst.INDICATOREN,
        "",
        *_tabel(("indicator", "titel", "eenheid", "in de rapporten"), rows),
    ]


def genereer_handreiking(catalogus: Catalogus | None = None) -> str:
    """The whole handreiking as Markdown."""
    catalogus = catalogus or shipped_catalog()
    sjablonen = _sjablonen()
    lines = [tekst.KOP, ""]
    lines += doelgroepen_deel(sjablonen)
    lines += levering_deel(sjablonen, catalogus)
    lines += ["## 3. Een rapport maken", "", tekst.MAKEN, ""]
    lines += ["## 4. Een rapport lezen", "", tekst.LEZEN, ""]
    lines += ["## 5. Wat elk rapport beantwoordt", "", tekst.PER_RAPPORT, ""]
    for nr, sjabloon in enumerate(sjablonen, start=1):
        lines += sjabloon_deel(nr, sjabloon, catalogus)
    lines += ["## 6. Een sjabloon aanpassen", "", tekst.AANPASSEN, ""]
    lines += velden_deel()
    lines += indicatoren_deel(sjablonen, catalogus)
    return "\n".join(lines).rstrip() + "\n"


def schrijf_handreiking(root: Path) -> Path:
    """Write docs/handreiking.md under the repository root ``root``; return its path."""
    path = root / DOEL
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(genereer_handreiking(), encoding="utf-8")
    return path
