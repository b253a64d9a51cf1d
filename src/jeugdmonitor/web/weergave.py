"""From records to what a page shows, with the report's own pieces: suppression per audience
(``engine.onderdrukking``), cells (``outputs.rapport.tabellen.cel``), tables (``model.Tabel``) and charts
(``outputs.rapport.grafiek``), so a figure reads the same in the dashboard as in the report."""

from __future__ import annotations

from collections.abc import Sequence

from jeugdmonitor.catalog.doelgroepen import doelgroep as find_doelgroep
from jeugdmonitor.engine.onderdrukking import suppress
from jeugdmonitor.engine.records import Record
from jeugdmonitor.outputs.rapport.model import Cel
from jeugdmonitor.outputs.rapport.tabellen import Opmerkingen, cel
from jeugdmonitor.web.rollen import Gebruiker


def zichtbaar(records: Sequence[Record], gebruiker: Gebruiker) -> list[Record]:
    """The records as the user's audience may see them (suppressed for raad and college)."""
    return suppress(records, gebruiker.rol.doelgroep)


def k_van(gebruiker: Gebruiker) -> int:
    return find_doelgroep(gebruiker.rol.doelgroep).k


def cel_van(record: Record | None, k: int, notes: Opmerkingen) -> Cel:
    return cel(record, k, notes)


def noot(notes: Opmerkingen, k: int) -> str:
    """The conventions a table must explain, in the report's words."""
    parts = []
    if notes.klein:
        parts.append(f"'< {k}': minder dan {k} jongeren, afgeschermd ter bescherming van de privacy.")
    if notes.aanvullend:
        parts.append("'×': aanvullend afgeschermd, zodat een afgeschermd cijfer niet is terug te rekenen.")
    if notes.voorlopig:
        parts.append("Voorlopig: de periode loopt na de peildatum door.")
    if notes.niet_beschikbaar:
        parts.append("n.b.: niet beschikbaar, de levering mist de benodigde gegevens.")
    return " ".join(parts)
