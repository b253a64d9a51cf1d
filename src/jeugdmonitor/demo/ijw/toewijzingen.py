"""The life of a trajectory as messages: request (JW315), allocation (JW301), start (JW305), stop (JW307).

One CSV trajectory (one ``traject_id``) is one ToewijzingNummer; an extension in the CSV is already a new
trajectory, so it is a new JW301 too. On top of that, some allocations are changed in ways that end in the
same final state as the CSV row, so that the reader is exercised and the store comes out the same:

- *verlengd*: first allocated shorter, later extended to the final end date (RedenWijziging 04, herbeoordeling
  verlenging), half of them after a verzoek om wijziging (JW317 → JW318, JW319 "in onderzoek" → JW320);
- *verkort*: first allocated longer, later shortened to the final end date (RedenWijziging 05);
- *gecorrigeerd*: a start or stop sent with a wrong date or reason, deleted (StatusAanlevering 3) and resent;
- *tijdelijk gestopt*: a temporary stop (reden 20) followed by the definitive stop;
- *verwijderd*: an allocation sent by mistake and deleted (RedenWijziging 13, einddatum = ingangsdatum); it
  is not in the CSV and must not reach the store.

Every message is dated on or before the peildatum; what happens later is not in the stream. Accepted messages
get a retour message from their receiver (header only, RetourCode 0200).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from jeugdmonitor.demo.ijw import berichten as bx
from jeugdmonitor.demo.ijw.berichten import Bericht, e

KANS_VERLENGD = 0.06
KANS_VOW = 0.5  # of the extensions, the share that follows a verzoek om wijziging of the provider
KANS_VERKORT = 0.04
KANS_CORRECTIE = 0.02
KANS_TIJDELIJK = 0.03
KANS_VERWIJDERD = 0.005
REDEN_ONBEKEND = "31"  # JW307 requires a reason; a CSV stop without one travels as 'volgens plan'
# Cancelled before the start: the municipality withdraws the allocation with a RedenWijziging that ends it.
# 38 (overstap) has its own code 09; 32 and 34 have none in JZ002, so they travel as 12 (at the provider's
# initiative), whose JZ588 counterpart is 37.
ANNULERING = {"38": "09"}
ANNULERING_ANDERS = "12"
ACHTERNAMEN = ("Jansen", "de Vries", "Bakker", "Visser", "Smit", "Meijer", "Mulder", "Bos", "Kok", "Dijkstra")


@dataclass(frozen=True)
class Traject:
    """One ZIN trajectory of the CSV delivery with everything its messages need (dates ISO, '' = unknown)."""

    nummer: int  # ToewijzingNummer
    gemeente: str  # 4 digits
    agb: str
    bsn: str
    geboortedatum: str
    geslacht: str
    postcode: str
    plaats: str
    categorie: str
    code: str  # '' when the code does not fit iJw (more than five characters): aspecific allocation
    verwijzer: str
    aanmeld: str
    toewijzing: str
    toewijzing_eind: str
    begin: str
    eind: str
    reden: str
    volume: int
    eenheid: str
    frequentie: str


class Stroom:
    """Collects messages with unique identifications; ``tot`` is the peildatum (nothing later is sent)."""

    def __init__(self, tot: date, rng: np.random.Generator) -> None:
        self.tot = tot
        self.rng = rng
        self.berichten: list[Bericht] = []
        self._volgnummer = 0

    def ident(self, soort: str) -> str:
        self._volgnummer += 1
        return f"{soort[2:]}{self._volgnummer:09d}"  # 12 characters, unique over the whole stream

    def dag(self, d: date | str, plus: int = 0) -> str | None:
        """The day ``plus`` days after ``d``, capped at the peildatum; None when ``d`` itself is later."""
        d = date.fromisoformat(d) if isinstance(d, str) else d
        if d > self.tot:
            return None
        return min(d + timedelta(days=plus), self.tot).isoformat()

    def stuur(self, soort: str, van: str, aan: str, dag: str | None, body: str, retour: bool = True) -> Bericht | None:
        """Send a message (and its retour a day later); nothing when ``dag`` is None (after the peildatum)."""
        if dag is None:
            return None
        heen = bx.bericht(soort, van, aan, self.ident(soort), dag, body)
        self.berichten.append(heen)
        if retour and soort in bx.RETOUR_VAN:
            terug = self.dag(dag, 1)
            self.berichten.append(bx.retour(heen, aan, self.ident(bx.RETOUR_VAN[soort]), terug or dag))
        return heen

    def kans(self, p: float) -> bool:
        return bool(self.rng.random() < p)


def _naam(t: Traject, naamgebruik: bool) -> str:
    letter = "ABCDEFGHJKLMNPRSTW"[int(t.bsn) // 7 % 18]
    return bx.naam(ACHTERNAMEN[int(t.bsn) % len(ACHTERNAMEN)], letter, naamgebruik)


def _client(t: Traject, naamgebruik: bool = False) -> str:
    return bx.client_kop(t.bsn, t.geboortedatum, t.geslacht) + _naam(t, naamgebruik)


def _ref(t: Traject) -> str:
    return f"REF{t.nummer}"


def aanvraag(s: Stroom, t: Traject) -> None:
    """JW315: the provider asks for an allocation; the request day is the aanmelddatum."""
    ingang = t.begin or t.toewijzing or t.aanmeld
    eind = e("ToewijzingEinddatum", t.toewijzing_eind) if t.toewijzing_eind else ""
    product = (
        e("ReferentieAanbieder", _ref(t)) + bx.product(t.categorie, t.code or None)
        + e("ToewijzingIngangsdatum", ingang) + eind + bx.omvang(t.volume, t.eenheid, t.frequentie)
        + f"<m:Verwijzer>{bx.b('Type', t.verwijzer)}</m:Verwijzer>"
    )  # fmt: skip
    body = f"<m:Client>{_client(t)}<m:AangevraagdeProducten><m:AangevraagdProduct>{product}"
    body += "</m:AangevraagdProduct></m:AangevraagdeProducten></m:Client>"
    s.stuur("JW315", t.agb, t.gemeente, s.dag(t.aanmeld), body)


def _toewijzing(s: Stroom, t: Traject, nummer: int, dag: str | None, einddatum: str, reden: str = "") -> None:
    """JW301 with one allocated product; ``reden`` is the RedenWijziging of a changed allocation.

    A change carries the day it was decided as its Toewijzingsdatum; the Ingangsdatum stays the original one.
    """
    if dag is None:
        return
    ref = e("ReferentieAanbieder", _ref(t)) if t.aanmeld else ""
    product = (
        e("ToewijzingNummer", nummer) + ref + bx.product(t.categorie, t.code or None)
        + e("Toewijzingsdatum", dag) + e("Toewijzingstijd", "09:00:00") + e("Ingangsdatum", t.toewijzing)
        + (e("Einddatum", einddatum) if einddatum else "") + (e("RedenWijziging", reden) if reden else "")
        + bx.omvang(t.volume, t.eenheid, t.frequentie)
    )  # fmt: skip
    body = (
        f"<m:Client>{_client(t, naamgebruik=True)}{bx.adres(t.postcode, 1 + int(t.bsn) % 180, t.plaats)}"
        f"<m:ToegewezenProducten><m:ToegewezenProduct>{product}</m:ToegewezenProduct></m:ToegewezenProducten>"
        "</m:Client>"
    )
    s.stuur("JW301", t.gemeente, t.agb, dag, body)


def toewijzing(s: Stroom, t: Traject) -> None:
    """JW301, possibly first shorter or longer and then changed to the final end date."""
    final = t.toewijzing_eind
    eerst = date.fromisoformat(t.toewijzing)
    if final and s.kans(KANS_VERLENGD):
        korter = date.fromisoformat(final) - timedelta(days=int(s.rng.integers(30, 120)))
        wijzig = korter - timedelta(days=14)
        if wijzig > eerst + timedelta(days=7) and wijzig <= s.tot and (not t.eind or korter.isoformat() >= t.eind):
            _toewijzing(s, t, t.nummer, s.dag(eerst), korter.isoformat())
            if s.kans(KANS_VOW):
                _verzoek(s, t, wijzig - timedelta(days=10), final)
            _toewijzing(s, t, t.nummer, s.dag(wijzig), final, "04")
            return
    if final and s.kans(KANS_VERKORT):
        wijzig = date.fromisoformat(final) - timedelta(days=int(s.rng.integers(20, 60)))
        if eerst + timedelta(days=7) < wijzig <= s.tot and (not t.begin or wijzig.isoformat() > t.begin):
            langer = date.fromisoformat(final) + timedelta(days=int(s.rng.integers(30, 120)))
            _toewijzing(s, t, t.nummer, s.dag(eerst), langer.isoformat())
            _toewijzing(s, t, t.nummer, s.dag(wijzig), final, "05")
            return
    _toewijzing(s, t, t.nummer, s.dag(eerst), final)


def _verzoek(s: Stroom, t: Traject, dag: date, einddatum: str) -> None:
    """JW317 (verzoek om wijziging: extend) with JW318, and JW319 'aanvraag in onderzoek' with JW320."""
    wijzig = (
        f"<m:TeWijzigenProducten><m:TeWijzigenProduct>{e('ToewijzingNummer', t.nummer)}"
        f"{e('GewensteIngangsdatum', t.toewijzing)}{e('Einddatum', einddatum)}"
        f"{bx.omvang(t.volume, t.eenheid, t.frequentie)}</m:TeWijzigenProduct></m:TeWijzigenProducten>"
    )
    ref = f"VOW{t.nummer}"
    body = f"<m:Client>{e('Bsn', t.bsn)}<m:Verzoek>{e('ReferentieAanbieder', ref)}{e('RedenVerzoek', 2)}"
    s.stuur("JW317", t.agb, t.gemeente, s.dag(dag), body + wijzig + "</m:Verzoek></m:Client>")
    antwoord = f"<m:Antwoord>{e('ReferentieAanbieder', ref)}{e('VerzoekAntwoord', 2)}</m:Antwoord>"
    s.stuur("JW319", t.gemeente, t.agb, s.dag(dag, 3), antwoord)


def _start_product(t: Traject, begin: str, status: int) -> str:
    return (
        f"<m:StartProduct>{e('ToewijzingNummer', t.nummer)}{bx.product(t.categorie, t.code or None)}"
        f"{e('ToewijzingIngangsdatum', t.toewijzing)}{e('Begindatum', begin)}{e('StatusAanlevering', status)}"
        "</m:StartProduct>"
    )


def _stuur_start(s: Stroom, t: Traject, dag: str | None, begin: str, status: int) -> None:
    body = f"<m:Client>{_client(t)}<m:StartProducten>{_start_product(t, begin, status)}</m:StartProducten></m:Client>"
    s.stuur("JW305", t.agb, t.gemeente, dag, body)


def start(s: Stroom, t: Traject) -> None:
    """JW305 a few days after the start; sometimes first with a wrong date, deleted and resent."""
    dag = s.dag(t.begin, int(s.rng.integers(0, 6)))
    if dag and s.kans(KANS_CORRECTIE):
        fout = (date.fromisoformat(t.begin) + timedelta(days=7)).isoformat()
        later = s.dag(dag, 5)
        if later and later > dag:
            _stuur_start(s, t, dag, fout, 1)
            _stuur_start(s, t, later, fout, 3)
            _stuur_start(s, t, later, t.begin, 1)
            return
    _stuur_start(s, t, dag, t.begin, 1)


def _stuur_stop(s: Stroom, t: Traject, dag: str | None, reden: str, status: int) -> None:
    stop = (
        f"<m:StopProduct>{e('ToewijzingNummer', t.nummer)}{bx.product(t.categorie, t.code or None)}"
        f"{e('ToewijzingIngangsdatum', t.toewijzing)}{e('Begindatum', t.begin)}{e('RedenBeeindiging', reden)}"
        f"{e('Einddatum', t.eind)}{e('StatusAanlevering', status)}</m:StopProduct>"
    )
    body = f"<m:Client>{_client(t)}<m:StopProducten>{stop}</m:StopProducten></m:Client>"
    s.stuur("JW307", t.agb, t.gemeente, dag, body)


def stop(s: Stroom, t: Traject) -> None:
    """JW307 after the end; sometimes preceded by a temporary stop (20) or a wrong reason that is deleted."""
    reden = t.reden or REDEN_ONBEKEND
    dag = s.dag(t.eind, int(s.rng.integers(1, 11)))
    later = s.dag(dag, 20) if dag else None
    if later and later > dag and reden != "20" and s.kans(KANS_TIJDELIJK):
        _stuur_stop(s, t, dag, "20", 1)
        _stuur_stop(s, t, later, reden, 1)
        return
    if later and later > dag and s.kans(KANS_CORRECTIE):
        fout = "34" if reden != "34" else "32"
        _stuur_stop(s, t, dag, fout, 1)
        _stuur_stop(s, t, later, fout, 3)
        _stuur_stop(s, t, later, reden, 1)
        return
    _stuur_stop(s, t, dag, reden, 1)


def annulering(s: Stroom, t: Traject) -> None:
    """An allocation withdrawn before the help began: the gemeente ends it on the day of cancellation."""
    _toewijzing(s, t, t.nummer, s.dag(t.eind), t.eind, ANNULERING.get(t.reden, ANNULERING_ANDERS))


def verwijderd(s: Stroom, t: Traject, nummer: int) -> None:
    """An allocation sent by mistake (a second product the client never asked for), then deleted (13)."""
    dag = s.dag(t.toewijzing)
    later = s.dag(t.toewijzing, 4)
    if dag and later and later > dag:
        _toewijzing(s, t, nummer, dag, "")
        _toewijzing(s, t, nummer, later, t.toewijzing, "13")


def traject_berichten(s: Stroom, t: Traject, nieuw_nummer: Callable[[], int]) -> None:
    """All messages of one trajectory, in the order they happen."""
    if t.aanmeld:
        aanvraag(s, t)
    if not t.toewijzing:
        return
    toewijzing(s, t)
    if s.kans(KANS_VERWIJDERD):
        verwijderd(s, t, nieuw_nummer())
    if t.begin:
        start(s, t)
        if t.eind:
            stop(s, t)
    elif t.eind:
        annulering(s, t)
