"""AGB codes for the demo's providers: iJw names a provider by its 8-digit AGB code, the CSV by its name.

The codes are made up (98 is the AGB prefix of youth-care providers; the rest is the provider's place in the
demo's list), so the store filled from messages names providers by these codes. :data:`AGB` is the table
that translates; the equality test uses it to compare per provider.
"""

from __future__ import annotations

from jeugdmonitor.demo.kosten import KOSTEN_AANBIEDERS

AGB: dict[str, str] = {naam: f"981{i + 1:05d}" for i, naam in enumerate(KOSTEN_AANBIEDERS)}


def agb_code(naam: str) -> str:
    """The AGB code of a demo provider (a provider not in the list gets 98199999)."""
    return AGB.get(naam, "98199999")
