"""The data-quality report as plain Dutch text with aligned columns, for the terminal (no colours)."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from jeugdmonitor.formatting import fmt_aantal_van, fmt_datum, fmt_getal, fmt_procent
from jeugdmonitor.outputs.kwaliteit.model import STATUS_TEKST, Melding, QualityReport, TabelKwaliteit

WIDTH = 110
INDENT = "  "


def columns(headers: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[int] = ()) -> list[str]:
    """Rows aligned under headers; column indexes in ``right`` are right-aligned (numbers)."""
    widths = [max(len(str(r[i])) for r in [headers, *rows]) for i in range(len(headers))]

    def line(cells: Sequence[str]) -> str:
        parts = [
            str(c).rjust(w) if i in right else str(c).ljust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ]
        return (INDENT + "  ".join(parts)).rstrip()

    return [line(headers), *(line(r) for r in rows)]


def heading(title: str) -> list[str]:
    return ["", title, "-" * len(title)]


def wrapped(text: str, indent: str) -> list[str]:
    return textwrap.wrap(text, WIDTH, initial_indent=indent, subsequent_indent=indent) or [indent.rstrip()]


def _meervoud(n: int, een: str, meer: str) -> str:
    return f"{fmt_getal(n)} {een if n == 1 else meer}"


def summary(report: QualityReport) -> list[str]:
    title = f"Kwaliteitsrapport levering '{report.levering}'" if report.levering else "Kwaliteitsrapport levering"
    fouten = _meervoud(report.fouten, "fout", "fouten")
    counts = f"{fouten}, {_meervoud(report.waarschuwingen, 'waarschuwing', 'waarschuwingen')}"
    verdict = (
        f"AFGEKEURD: {counts}; de levering wordt zo niet geladen" if report.afgekeurd else f"goedgekeurd: {counts}"
    )
    peildatum = (
        f"{fmt_datum(report.peildatum)} ({report.peildatum_bron})"
        if report.peildatum
        else "onbekend (geen datums gevonden)"
    )
    bg = (
        f"{report.kop_basisgegevens} ({report.bg_aantal('onvolledig')} onvolledig, "
        f"{report.bg_aantal('ontbreekt')} ontbreken, {report.bg_aantal('niet_in_contract')} niet in het contract)"
    )
    ind = (
        f"{report.indicator_aantal('beschikbaar')} beschikbaar, {report.indicator_aantal('beperkt')} beperkt, "
        f"{report.indicator_aantal('niet_beschikbaar')} niet beschikbaar (van {len(report.indicatoren)})"
    )
    norm = (
        f"aanwezig vanaf {fmt_procent(report.volledigheid_min, 0)} gevuld en "
        f"{fmt_procent(report.geldigheid_min, 0)} geldig"
    )
    rows = [
        ("Map:", report.map or "–"),
        *([("Bron:", report.bron)] if report.bron else []),
        *([("Gemeenten:", ", ".join(report.gemeenten))] if report.gemeenten else []),
        ("Peildatum:", peildatum),
        ("Oordeel:", verdict),
        ("Basisgegevens:", bg),
        ("Indicatoren:", ind),
        ("Norm:", norm),
    ]
    return [title, "=" * len(title), *(f"{k:<15}{v}" for k, v in rows)]


def meldingen_list(title: str, meldingen: Sequence[Melding], total: int) -> list[str]:
    if not meldingen:
        return []
    shown = f" (de eerste {len(meldingen)} van {fmt_getal(total)})" if total > len(meldingen) else ""
    lines = heading(title + shown)
    lines += [f"{INDENT}{m.plaats}: {m.tekst}" for m in meldingen]
    return lines


def tables_overview(report: QualityReport) -> list[str]:
    rows = []
    for t in report.tabellen:
        if t.status != "aanwezig" and not t.verplicht and not (t.fouten or t.waarschuwingen):
            continue  # optional tables that were not delivered are listed on one line below
        n_contract = len(t.kolommen_aanwezig) + len(t.kolommen_ontbrekend)
        rows.append((
            t.naam + (" *" if t.verplicht else ""),
            STATUS_TEKST[t.status],
            t.bestand or "–",
            fmt_getal(t.rijen) if t.status == "aanwezig" else "–",
            fmt_aantal_van(len(t.kolommen_aanwezig), n_contract) if t.status == "aanwezig" else "–",
            fmt_getal(len(t.kolommen_onbekend)) if t.kolommen_onbekend else "",
            fmt_getal(t.fouten) if t.fouten else "",
            fmt_getal(t.waarschuwingen) if t.waarschuwingen else "",
        ))  # fmt: skip
    headers = ("Tabel", "Status", "Bestand", "Rijen", "Kolommen", "Onbekend", "Fouten", "Waarsch.")
    lines = heading("Tabellen (* = verplicht)") + columns(headers, rows, right=(3, 5, 6, 7))
    absent = [t.naam for t in report.tabellen if t.status == "ontbreekt" and not t.verplicht]
    if absent:
        lines += ["", *wrapped("Niet geleverd (optioneel): " + ", ".join(absent), INDENT)]
    return lines


def table_columns(t: TabelKwaliteit) -> list[str]:
    rows = [
        (
            k.naam + (" *" if k.verplicht else ""),
            ", ".join(map(str, k.bg)),
            fmt_aantal_van(k.gevuld, k.rijen) if k.volledigheid is not None else fmt_getal(k.gevuld_totaal),
            fmt_procent(k.volledigheid),
            fmt_procent(k.geldigheid),
            fmt_getal(k.meldingen) if k.meldingen else "",
            k.toepassing,
        )
        for k in t.kolommen
    ]
    headers = ("Kolom", "BG", "Gevuld", "Volledig", "Geldig", "Meldingen", "Verwacht op")
    lines = ["", f"{INDENT}{t.bestand} ({_meervoud(t.rijen, 'rij', 'rijen')})"]
    lines += [INDENT + line for line in columns(headers, rows, right=(2, 3, 4, 5))]
    if t.kolommen_ontbrekend:
        lines += wrapped("Ontbrekende kolommen: " + ", ".join(t.kolommen_ontbrekend), INDENT * 2)
    if t.kolommen_onbekend:
        lines += wrapped("Onbekende kolommen (niet ingelezen): " + ", ".join(t.kolommen_onbekend), INDENT * 2)
    return lines


def shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def basisgegevens(report: QualityReport) -> list[str]:
    rows = [(b.code, shorten(b.naam, 44), b.groep, STATUS_TEKST[b.status], b.toelichting) for b in report.basisgegevens]
    return heading(f"Basisgegevens: {report.kop_basisgegevens}") + columns(
        ("Nr", "Basisgegeven", "Groep", "Status", "Toelichting"), rows
    )


def indicatoren(report: QualityReport) -> list[str]:
    """Per set a count line, then per indicator its status, title and what is missing or incomplete."""
    lines = heading("Indicatoren")
    sets = list(dict.fromkeys(i.set for i in report.indicatoren))
    for name in sets:
        items = [i for i in report.indicatoren if i.set == name]
        counts = ", ".join(
            f"{sum(1 for i in items if i.status == s)} {STATUS_TEKST[s]}"
            for s in ("beschikbaar", "beperkt", "niet_beschikbaar")
        )
        lines.append(f"{INDENT}{name}: {counts} (van {len(items)})")
    width = max((len(i.id) for i in report.indicatoren), default=0)
    status_width = max(len(t) for t in STATUS_TEKST.values())
    indent = INDENT + " " * (width + status_width + 4)
    for i in report.indicatoren:
        lines.append(f"{INDENT}{i.id:<{width}}  {STATUS_TEKST[i.status]:<{status_width}}  {i.titel}")
        if i.ontbrekend or i.beperkingen:
            lines += wrapped("; ".join([*i.ontbrekend, *i.beperkingen]), indent)
    return lines


def rules(report: QualityReport) -> list[str]:
    if not report.regels:
        return [*heading("Meldingen per regel"), f"{INDENT}Geen meldingen."]
    rows = [
        (r.niveau, r.regel, fmt_getal(r.aantal), r.voorbeelden[0].plaats if r.voorbeelden else "")
        for r in report.regels
    ]
    return heading("Meldingen per regel") + columns(("Niveau", "Regel", "Aantal", "Eerste voorbeeld"), rows, right=(2,))


def render_terminal(report: QualityReport) -> str:
    errors = [m for m in report.eerste_meldingen if m.niveau == "fout"]
    warnings = [m for m in report.eerste_meldingen if m.niveau == "waarschuwing"]
    lines = summary(report)
    lines += meldingen_list("Fouten", errors, report.fouten)
    lines += tables_overview(report)
    lines += heading("Kolommen: volledigheid en geldigheid")
    for t in report.tabellen:
        if t.status == "aanwezig":
            lines += table_columns(t)
    lines += basisgegevens(report)
    lines += indicatoren(report)
    lines += rules(report)
    lines += meldingen_list("Waarschuwingen", warnings, report.waarschuwingen)
    if report.uitvoer:
        lines += ["", "Rapport geschreven naar:", *(f"{INDENT}{p}" for p in report.uitvoer)]
    return "\n".join(lines) + "\n"
