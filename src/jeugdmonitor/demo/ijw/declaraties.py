"""Declarations (JW323) and their answers (JW325) from the CSV delivery's declared costs.

A provider declares per municipality on the booking day (``boekdatum``) of the CSV rows: one JW323 per
(gemeente, aanbieder, boekdatum), prestaties per client, each for one month of care within the trajectory.
A CSV credit row (a later, partial reduction) travels the way iJw corrects: a credit of the whole earlier
prestatie (VorigReferentieNummer) and a new debit of what remains, in the declaration of the credit's day.
Some prestaties are first declared three weeks early and rejected in the JW325 (RetourCode 0611, tariff),
then declared again on the CSV's booking day; the rejected ones must not count. Amounts are eurocents.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from jeugdmonitor.demo.ijw import berichten as bx
from jeugdmonitor.demo.ijw.berichten import e
from jeugdmonitor.demo.ijw.toewijzingen import Stroom, Traject

KANS_AFGEWEZEN = 0.005
AFWIJZING = "0611"  # het ingediende tarief komt niet overeen met het contractuele tarief


@dataclass(frozen=True)
class Kostenregel:
    traject_id: str
    maand: str  # YYYY-MM
    boekdatum: str
    centen: int  # negative for a credit
    volume: float | None


@dataclass(frozen=True)
class Prestatie:
    traject: Traject
    ref: str
    vorig: str
    begin: str
    eind: str
    centen: int  # signed
    volume: int
    eenheid: str


def _periode(t: Traject, maand: str) -> tuple[str, str]:
    """The month of care, within the trajectory's own dates."""
    jaar, mnd = int(maand[:4]), int(maand[5:7])
    begin = date(jaar, mnd, 1).isoformat()
    eind = date(jaar, mnd, calendar.monthrange(jaar, mnd)[1]).isoformat()
    return max(begin, t.begin), min(eind, t.eind) if t.eind else eind


def _xml_prestatie(p: Prestatie, retourcode: str = "") -> str:
    t = p.traject
    ref = bx.b("ReferentieNummer", p.ref) + (bx.b("VorigReferentieNummer", p.vorig) if p.vorig else "")
    tarief = e("ProductTarief", round(abs(p.centen) / p.volume)) if p.volume and abs(p.centen) / p.volume < 1e8 else ""
    codes = f"<m:RetourCodes>{e('RetourCode', retourcode)}</m:RetourCodes>" if retourcode else ""
    return (
        f"<m:Prestatie><m:ProductReferentie>{ref}</m:ProductReferentie>{e('ToewijzingNummer', t.nummer)}"
        f"{e('ProductCategorie', t.categorie)}{e('ProductCode', t.code or t.categorie + 'X00')}"
        f"{bx.periode('ProductPeriode', p.begin, p.eind)}{e('GeleverdVolume', p.volume)}{e('Eenheid', p.eenheid)}"
        f"{tarief}{bx.bedrag_dc('IngediendBedrag', p.centen)}{codes}</m:Prestatie>"
    )


def _clienten(prestaties: list[Prestatie], retourcode: str = "") -> str:
    per_client: dict[str, list[str]] = defaultdict(list)
    for p in prestaties:
        per_client[p.traject.bsn].append(_xml_prestatie(p, retourcode))
    goed = f"<m:RetourCodes>{e('RetourCode', bx.GOEDGEKEURD)}</m:RetourCodes>" if retourcode else ""
    return "<m:Clienten>" + "".join(
        f"<m:Client>{e('Bsn', bsn)}<m:Prestaties>{''.join(ps)}</m:Prestaties>{goed}</m:Client>"
        for bsn, ps in per_client.items()
    ) + "</m:Clienten>"  # fmt: skip


class Declarant:
    """Writes the declarations of a stream; remembers each debit so a later credit can refer to it."""

    def __init__(self, s: Stroom) -> None:
        self.s = s
        self._debet: dict[tuple[str, str], Prestatie] = {}
        self._ref = 0

    def _nieuw_ref(self) -> str:
        self._ref += 1
        return f"P{self._ref:011d}"

    def _prestatie(self, t: Traject, r: Kostenregel, centen: int, volume: float | None, vorig: str = "") -> Prestatie:
        begin, eind = _periode(t, r.maand)
        vol, eenheid = bx.heel_volume(volume if volume is not None else 0.0, t.eenheid)
        return Prestatie(t, self._nieuw_ref(), vorig, begin, eind, centen, vol, eenheid)

    def prestaties(self, t: Traject, r: Kostenregel) -> list[Prestatie]:
        """The prestaties for one CSV row: one debit, or a credit of the earlier debit plus the remainder."""
        if r.centen >= 0:
            p = self._prestatie(t, r, r.centen, r.volume)
            self._debet.setdefault((r.traject_id, r.maand), p)
            return [p]
        orig = self._debet.get((r.traject_id, r.maand))
        if orig is None or orig.centen + r.centen < 0:
            return [self._prestatie(t, r, r.centen, 0.0)]
        credit = Prestatie(
            t, self._nieuw_ref(), orig.ref, orig.begin, orig.eind, -orig.centen, orig.volume, orig.eenheid
        )
        rest = orig.centen + r.centen
        return [credit] + ([self._prestatie(t, r, rest, None)] if rest > 0 else [])

    def declareer(self, gemeente: str, agb: str, dag: str, prestaties: list[Prestatie], afwijzen: bool = False) -> None:
        """One JW323 and, from the municipality a few days later, its JW325."""
        s = self.s
        totaal = sum(p.centen for p in prestaties)
        nummer = s.ident("JW323")
        declaratie = (
            f"<m:Declaratie>{e('DeclaratieNummer', 'D' + nummer[3:])}"
            f"{bx.periode('DeclaratiePeriode', min(p.begin for p in prestaties), max(p.eind for p in prestaties))}"
            f"{e('DeclaratieDagtekening', dag)}{bx.bedrag_dc('TotaalIngediendBedrag', totaal, totaal=True)}"
            f"{_clienten(prestaties)}</m:Declaratie>"
        )
        xml = bx.document("JW323", bx.kop("JW323", agb, gemeente, nummer, dag), declaratie)
        s.berichten.append(bx.Bericht("JW323", agb, nummer, dag, xml))
        antwoord_dag = s.dag(dag, int(s.rng.integers(3, 11)))
        toegekend = 0 if afwijzen else totaal
        goed = f"<m:RetourCodes>{e('RetourCode', bx.GOEDGEKEURD)}</m:RetourCodes>"
        body = (
            f"<m:DeclaratieAntwoord>{e('DeclaratieNummer', 'D' + nummer[3:])}"
            f"{bx.bedrag_dc('TotaalIngediendBedrag', totaal, totaal=True)}"
            f"{bx.bedrag_dc('TotaalToegekendBedrag', toegekend, totaal=True)}"
            f"{_clienten(prestaties, AFWIJZING) if afwijzen else ''}{goed}</m:DeclaratieAntwoord>"
        )
        ident = s.ident("JW325")
        header = (
            bx.kop("JW325", gemeente, agb, ident, antwoord_dag)
            + f"<m:DeclaratieIdentificatie>{bx.b('Identificatie', nummer)}{bx.b('Dagtekening', dag)}"
            + f"</m:DeclaratieIdentificatie><m:XsdVersieDeclaratie>{bx.XSD_VERSIE}</m:XsdVersieDeclaratie>"
            + goed
        )  # fmt: skip
        s.berichten.append(bx.Bericht("JW325", gemeente, ident, antwoord_dag, bx.document("JW325", header, body)))


def declaraties(s: Stroom, trajecten: dict[str, Traject], regels: list[Kostenregel]) -> None:
    """All JW323/JW325 for the cost rows, sorted by booking day (``regels`` is in CSV order)."""
    d = Declarant(s)
    groepen: dict[tuple[str, str, str], list[Prestatie]] = {}
    for r in sorted(regels, key=lambda r: (r.boekdatum, r.traject_id, r.maand, -r.centen)):
        t = trajecten[r.traject_id]
        ps = d.prestaties(t, r)
        vroeg = date.fromisoformat(r.boekdatum) - timedelta(days=21)
        if r.centen > 0 and vroeg.isoformat() > ps[0].eind and s.kans(KANS_AFGEWEZEN):
            d.declareer(t.gemeente, t.agb, vroeg.isoformat(), [d._prestatie(t, r, r.centen, r.volume)], afwijzen=True)
        groepen.setdefault((r.boekdatum, t.gemeente, t.agb), []).extend(ps)
    for (dag, gemeente, agb), ps in groepen.items():
        d.declareer(gemeente, agb, dag, ps)
