"""From records to what a page shows, with the report's own pieces: suppression per audience
(``engine.onderdrukking``), cells (``outputs.rapport.tabellen.cel``), tables (``model.Tabel``) and charts
(``outputs.rapport.grafiek``), so a figure reads the same in the dashboard as in the report."""

from __future__ import annotations

from collections.abc import Sequence

from jeugdmonitor.catalog.doelgroepen import doelgroep as find_doelgroep
from jeugdmonitor.engine.onderdrukking import suppress
from jeugdmonitor.engine.records import Record
from jeugdmonitor.web.rollen import Gebruiker


def zichtbaar(records: Sequence[Record], gebruiker: Gebruiker) -> list[Record]:
    """The records as the user's audience may see them (suppressed for raad and college)."""
    return suppress(records, gebruiker.rol.doelgroep)


def k_van(gebruiker: Gebruiker) -> int:
    return find_doelgroep(gebruiker.rol.doelgroep).k
