"""Messages that are wrong on purpose, so the reader's quarantine and duplicate check have work to do.

Each is a copy of a valid message in the stream with one fault and a new identification, so that nothing is
lost when the reader sets it aside: a non-existent date (as in the JW315 sample), an element out of place (as
in the JW318 sample), a required element missing, an amount that is not a whole number of cents, a file cut
off halfway. One message is also sent twice with the same identification; it must be loaded once.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from jeugdmonitor.demo.ijw.berichten import Bericht
from jeugdmonitor.demo.ijw.toewijzingen import Stroom

PER_FOUT = 2  # copies per kind of fault


def _niet_bestaande_datum(xml: str) -> str:
    return re.sub(
        r"<m:Begindatum>(\d{4})-\d\d-\d\d</m:Begindatum>", r"<m:Begindatum>\1-02-30</m:Begindatum>", xml, count=1
    )


def _verkeerde_volgorde(xml: str) -> str:
    """RedenBeeindiging after Einddatum instead of before it."""
    return re.sub(
        r"(<m:RedenBeeindiging>\d+</m:RedenBeeindiging>)(<m:Einddatum>[^<]*</m:Einddatum>)", r"\2\1", xml, count=1
    )


def _zonder_toewijzingsdatum(xml: str) -> str:
    return re.sub(r"<m:Toewijzingsdatum>[^<]*</m:Toewijzingsdatum>", "", xml, count=1)


def _bedrag_met_komma(xml: str) -> str:
    return re.sub(r"<ijw:Bedrag>(\d+)</ijw:Bedrag>", r"<ijw:Bedrag>\1,50</ijw:Bedrag>", xml, count=1)


def _afgebroken(xml: str) -> str:
    return xml[: len(xml) // 2]


FOUTEN: dict[str, tuple[str, Callable[[str], str]]] = {
    "datum": ("JW305", _niet_bestaande_datum),
    "volgorde": ("JW307", _verkeerde_volgorde),
    "verplicht": ("JW301", _zonder_toewijzingsdatum),
    "bedrag": ("JW323", _bedrag_met_komma),
    "afgebroken": ("JW305", _afgebroken),
}


def berichten(s: Stroom) -> list[Bericht]:
    """The faulty copies and one message sent twice, taken evenly from the stream (deterministic)."""
    per_soort: dict[str, list[Bericht]] = {}
    for b in s.berichten:
        per_soort.setdefault(b.soort, []).append(b)
    uit: list[Bericht] = []
    for i, (_fout, (soort, maak)) in enumerate(FOUTEN.items()):
        kandidaten = per_soort.get(soort, [])
        for k in range(min(PER_FOUT, len(kandidaten))):
            bron = kandidaten[(len(kandidaten) * (2 * k + 1) // (2 * PER_FOUT) + i) % len(kandidaten)]
            ident = s.ident(soort)
            xml = maak(bron.xml).replace(f"<ijw:Identificatie>{bron.identificatie}<", f"<ijw:Identificatie>{ident}<", 1)
            uit.append(replace(bron, identificatie=ident, xml=xml))
    if per_soort.get("JW301"):
        bron = per_soort["JW301"][len(per_soort["JW301"]) // 3]
        uit.append(replace(bron, naam=f"JW301_{bron.afzender}_{bron.identificatie}_nogmaals.xml"))
    return uit
