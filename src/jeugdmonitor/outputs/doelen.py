"""The goal-tree evaluation for the terminal (``jeugdmonitor doelen``) and as JSON."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Sequence

from jeugdmonitor.engine.doelen import BoomUitkomst, Toetsing
from jeugdmonitor.engine.streefwaarden import fmt_waarde
from jeugdmonitor.formatting import fmt_datum
from jeugdmonitor.outputs.rapport.labels import gemeente_naam

BREEDTE = 110


def _gebied(code: str) -> str:
    return "de regio" if code == "regio" else f"{gemeente_naam(code)} ({code})"


def _getallen(t: Toetsing) -> str:
    parts = [f"waarde {fmt_waarde(t.waarde, t.eenheid)}"]
    if t.basiswaarde is not None:
        parts.append(f"basis {fmt_waarde(t.basiswaarde, t.eenheid)}")
    if t.verwacht is not None and t.soort != "richting":
        label = "norm" if t.soort in ("aandeel", "niveau") else "verwacht"
        parts.append(f"{label} {fmt_waarde(t.verwacht, t.eenheid)}")
    if t.eindwaarde is not None and t.soort not in ("aandeel", "niveau"):
        parts.append(f"doel {t.doeljaar}: {fmt_waarde(t.eindwaarde, t.eenheid)}")
    return " · ".join(parts)


def als_tabel(uitkomsten: Sequence[BoomUitkomst]) -> str:
    """A readable overview: per tree its goals, per goal its indicators and per target status, numbers, why."""
    lines: list[str] = []
    wrap = textwrap.TextWrapper(width=BREEDTE, initial_indent=" " * 10, subsequent_indent=" " * 10)
    for b in uitkomsten:
        lines.append(f"{b.titel} — {b.periode}, {_gebied(b.gemeente)} — {b.status or 'geen streefwaarden'}")
        lines.append(f"Opgave: {b.opgave}   (peildatum {fmt_datum(b.peildatum)}; bron: {b.bron})")
        if b.voorlopig:
            lines.append(textwrap.fill(b.voorlopig, BREEDTE))
        for d in b.doelen:
            lines.append(f"  {d.id} {d.titel}  [{d.status or 'geen streefwaarde'}]")
            for m in d.beheersmaatregelen:
                lines.append(f"      beheersmaatregel: {m.maatregel} ({m.status or 'zonder status'})")
            for i in d.indicatoren:
                lines.append(f"    {i.id} {i.titel}: {fmt_waarde(i.waarde, i.eenheid)}")
                if not i.toetsingen:
                    lines.append(wrap.fill(i.toelichting or "Geen streefwaarde."))
                for t in i.toetsingen:
                    lines.append(f"        {t.status:<14} {t.tekst}")
                    lines.append(wrap.fill(_getallen(t)))
                    lines.append(wrap.fill(t.uitleg))
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def als_json(uitkomsten: Sequence[BoomUitkomst]) -> str:
    return json.dumps([b.als_dict() for b in uitkomsten], ensure_ascii=False, indent=2)
