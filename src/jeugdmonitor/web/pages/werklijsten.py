"""Work lists for case workers and team leads: the ``uitvoerenden`` lists of the reports (``werklijsten``), on
the peildatum, for one municipality in the user's scope. Only ``teamleider`` and ``consulent`` may open them;
every pseudonym shown is written to the access log (who, when, which page, which pseudonym)."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request

from jeugdmonitor.engine.perioden import parse
from jeugdmonitor.outputs.rapport.model import Tabel
from jeugdmonitor.outputs.rapport.werklijsten import LIJSTEN, Lijst
from jeugdmonitor.web.app import accounts, bron, gebruiker, vereis_gebied, weiger
from jeugdmonitor.web.paginacache import toon
from jeugdmonitor.web.rollen import Gebruiker

bp = Blueprint("werklijsten", __name__)

TITELS = {
    "wachtend_boven_norm": "Langer wachtend dan de norm",
    "zonder_start": "Toewijzingen zonder start",
    "einde_binnen_8_weken": "Toewijzingen die binnen 8 weken aflopen",
    "bijna_18": "Binnen 6 maanden 18 jaar",
    "caseload": "Caseload per medewerker",
    "wachtlijst_per_team": "Wachtlijst per team",
    "aanmeldingen_per_team": "Aanmeldingen per team",
    "beheersmaatregelen": "Beheersmaatregelen",
}
assert set(TITELS) == set(LIJSTEN), "every work list has a title"
PSEUDONIEM = "Pseudoniem"


def pseudoniemen(tabel: Tabel) -> list[str]:
    """The pseudonyms a table shows (its 'Pseudoniem' column), for the access log."""
    if PSEUDONIEM not in tabel.kolommen:
        return []
    i = tabel.kolommen.index(PSEUDONIEM)
    return [row[i].tekst for row in tabel.rijen if i < len(row)]


def log_clientniveau(wie: Gebruiker, pagina: str, gemeente: str, tabellen: list[Tabel]) -> int:
    """Write every pseudonym of these tables to the access log; return how many."""
    shown = [p for t in tabellen for p in pseudoniemen(t)]
    if not shown:
        return 0
    return accounts().log(wie, request.remote_addr or "", pagina, gemeente, shown)


def _vereis_werklijst(gebied: str) -> str:
    gebied = vereis_gebied(gebied)
    if not gebruiker().mag_werklijsten(gebied):
        weiger("Werklijsten op cliëntniveau zijn alleen voor teamleiders en consulenten van de eigen gemeente.")
    return gebied


@bp.route("/g/<gebied>/werklijsten")
def overzicht(gebied: str) -> str:
    gebied = _vereis_werklijst(gebied)
    return render_template("werklijsten.html.j2", titel=f"Werklijsten {bron().gebied_naam(gebied)}", gebied=gebied,
                           lijsten=TITELS, lijst=None, tabel=None)  # fmt: skip


@bp.route("/g/<gebied>/werklijsten/<naam>")
def lijst(gebied: str, naam: str) -> str:
    gebied = _vereis_werklijst(gebied)
    if naam not in LIJSTEN:
        abort(404, description=f"Onbekende werklijst '{naam}'.")
    dag = bron().peildatum()
    kwargs = {"start": parse(bron().standaard_periode()).start} if naam == "aanmeldingen_per_team" else {}

    def maak() -> Lijst:
        with bron().cursor() as cur:
            return LIJSTEN[naam](cur, gebied, dag, "1", **kwargs)

    gevonden = bron().bewaard(("werklijst", naam, gebied), maak)  # the store changes only with a delivery
    log_clientniveau(gebruiker(), request.path, gebied, [gevonden.tabel])  # every view, cached page or not
    return toon("werklijsten.html.j2", lambda: dict(titel=TITELS[naam], gebied=gebied, lijsten=TITELS, lijst=gevonden,
                                                    tabel=gevonden.tabel, naam=naam))  # fmt: skip
