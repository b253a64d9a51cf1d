"""The definitieoverzicht: every indicator of the catalogue as people read it, in Markdown, HTML or JSON.

Generated from the catalogue (style.md: the catalogue is the single source), so the overview never drifts
from what the engine computes. Markdown is for the terminal, HTML is one self-contained page (inline CSS,
no external resources), JSON is a list of objects, one per indicator.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any, Literal

import jinja2

from jeugdmonitor.catalog.indicatoren import Catalogus, Conventies, Indicator, IndicatorSet, Vereiste, shipped_catalog
from jeugdmonitor.errors import UserError
from jeugdmonitor.outputs import sjablonen

Formaat = Literal["md", "html", "json"]
TEMPLATE = "definities.html.j2"

RICHTING_TEKST = {
    "hoger_beter": "hoger is beter",
    "lager_beter": "lager is beter",
    "neutraal": "geen voorkeursrichting",
}
PERIODE_TEKST = {
    "jaar": "kalenderjaar",
    "halfjaar": "halfjaar",
    "tertaal": "tertaal (4 maanden: januari–april, mei–augustus, september–december)",
    "kwartaal": "kwartaal",
    "maand": "maand",
    "jaar_tot_peildatum": "het huidige jaar tot en met de peildatum (de laatste aanlevermaand)",
}


def conventies_tekst(conventies: Conventies) -> list[str]:
    """The conventions in plain Dutch, one sentence each."""
    lines = []
    if conventies.samenvoeg_gat_dagen is not None:
        gat = conventies.samenvoeg_gat_dagen
        detail = "alleen overlappende of direct aansluitende trajecten" if gat == 0 else f"ook met {gat} dagen ertussen"
        lines.append(f"Zorgperiodes: trajecten van dezelfde jeugdige worden samengevoegd ({detail}).")
    if conventies.wachttijd_vanaf == "toewijzingsdatum":
        lines.append("Wachttijd gemeten vanaf de toewijzingsdatum, of de aanmelddatum als die ontbreekt.")
    elif conventies.wachttijd_vanaf == "aanmelddatum":
        lines.append("Wachttijd gemeten vanaf de aanmelddatum.")
    if conventies.periode:
        lines.append(f"Rapportageperiode: {PERIODE_TEKST[conventies.periode]}.")
    return lines


def vereiste_tekst(vereiste: Vereiste) -> str:
    """'jeugdhulp.product | jeugdhulp.productcategorie' → 'product of productcategorie (jeugdhulp)'."""
    tables = {i.tabel for i in vereiste.alternatieven}

    def one(invoer: Any, with_table: bool) -> str:
        if invoer.kolom is None:
            return f"tabel {invoer.tabel}"
        kolom = "cliënt" if invoer.kolom == "client" else invoer.kolom
        return f"{kolom} ({invoer.tabel})" if with_table else kolom

    if len(tables) == 1 and all(i.kolom for i in vereiste.alternatieven):
        return " of ".join(one(i, False) for i in vereiste.alternatieven) + f" ({next(iter(tables))})"
    return " of ".join(one(i, True) for i in vereiste.alternatieven)


def indicator_view(s: IndicatorSet, ind: Indicator) -> dict[str, Any]:
    """One indicator as the overview shows it (also the JSON object)."""
    own = conventies_tekst(ind.conventies) if ind.conventies else []
    return {
        "id": ind.id,
        "set": s.set,
        "groep": s.groep_naam(ind),
        "titel": ind.titel,
        "definitie": ind.definitie,
        "waarom": ind.waarom,
        "eenheid": ind.eenheid,
        "richting": ind.richting,
        "richting_tekst": RICHTING_TEKST[ind.richting],
        "dimensies": list(ind.dimensies),
        "uitsplitsing": ind.uitsplitsing,
        "maten": [
            {"naam": m, "eenheid": ind.eenheid_van(m), "richting": RICHTING_TEKST[ind.richting_van(m)]}
            for m in ind.maten
        ],
        "norm": ind.norm,
        "benodigd": [vereiste_tekst(v) for v in ind.vereisten],
        "aanvullend": [vereiste_tekst(v) for v in ind.aanvullende_vereisten],
        "conventies": s.conventies_van(ind).model_dump(),
        "eigen_conventies": own,
        "toelichting": ind.toelichting or None,
        "bron": ind.bron,
    }


def _sets(catalogus: Catalogus, set_name: str | None) -> list[IndicatorSet]:
    if set_name is None:
        return list(catalogus.sets)
    try:
        return [catalogus.set(set_name)]
    except KeyError:
        known = ", ".join(s.set for s in catalogus.sets)
        raise UserError(f"onbekende indicatorset '{set_name}'; kies uit {known}") from None


def _view(catalogus: Catalogus, set_name: str | None) -> list[dict[str, Any]]:
    return [
        {
            "set": s.set,
            "titel": s.titel,
            "bron": s.bron,
            "omschrijving": s.omschrijving,
            "conventies": conventies_tekst(s.conventies_van_set()),
            "indicatoren": [indicator_view(s, ind) for ind in s.indicatoren],
        }
        for s in _sets(catalogus, set_name)
    ]


def render_markdown(sets: list[dict[str, Any]]) -> str:
    lines = ["# Definitieoverzicht indicatoren", ""]
    for s in sets:
        lines += [f"## {s['titel']} (`{s['set']}`)", "", f"Bron: {s['bron']}.", ""]
        if s["omschrijving"]:
            lines += [s["omschrijving"], ""]
        if s["conventies"]:
            lines += ["Afspraken:", "", *(f"- {c}" for c in s["conventies"]), ""]
        for i in s["indicatoren"]:
            lines += [f"### {i['id']} — {i['titel']}", "", f"**Definitie.** {i['definitie']}", ""]
            lines += [f"**Waarom willen we dit weten?** {i['waarom']}", ""]
            lines.append(f"- Eenheid: {i['eenheid']}; {i['richting_tekst']}")
            if i["maten"]:
                maten = ", ".join(f"{m['naam']} ({m['eenheid']}, {m['richting']})" for m in i["maten"])
                lines.append(f"- Maten: {maten}")
            if i["uitsplitsing"]:
                lines.append(f"- Uitgesplitst naar: {i['uitsplitsing']}")
            lines.append(f"- Dimensies: {', '.join(i['dimensies']) or 'alleen totaal'}")
            if i["norm"]:
                lines.append(f"- Norm: {i['norm']}")
            lines += [f"- Eigen afspraak: {c}" for c in i["eigen_conventies"]]
            lines.append(f"- Benodigde gegevens: {'; '.join(i['benodigd'])}")
            if i["aanvullend"]:
                extra = "; ".join(i["aanvullend"])
                lines.append(f"- Aanvullende gegevens (voor een deel van de uitsplitsing): {extra}")
            if i["toelichting"]:
                lines.append(f"- Toelichting: {i['toelichting']}")
            lines += [f"- Bron: {i['bron']}", ""]
    return "\n".join(lines).rstrip() + "\n"


@cache
def _environment() -> jinja2.Environment:
    return sjablonen.environment("jeugdmonitor.outputs")


def render_catalog(
    set: str | None = None,  # the name the CLI uses
    fmt: Formaat = "md",
    catalogus: Catalogus | None = None,
) -> str:
    """The definitieoverzicht of one set (or all) as Markdown, self-contained HTML or JSON."""
    sets = _view(catalogus or shipped_catalog(), set)
    if fmt == "json":
        items = [i for s in sets for i in s["indicatoren"]]
        return json.dumps(items, ensure_ascii=False, indent=2) + "\n"
    if fmt == "html":
        return _environment().get_template(TEMPLATE).render(sets=sets)
    if fmt == "md":
        return render_markdown(sets)
    raise UserError(f"onbekend formaat '{fmt}'; kies uit md, html, json")
