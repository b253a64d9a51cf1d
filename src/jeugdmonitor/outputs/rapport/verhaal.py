"""The generated "Wat zien we?": correct Dutch sentences derived from the numbers of a section.

Pure functions on small value objects, so that every sentence can be tested on a worked example: the
value of the period, the change against the previous period and the same period last year, the largest
contributors, the notable wijken or providers, and the status against a norm. Only what the audience may
see goes in: a suppressed number is never described, only that it is not shown and why.
"""

from __future__ import annotations

from dataclasses import dataclass

from jeugdmonitor.engine.records import Eenheid
from jeugdmonitor.formatting import fmt_euro, fmt_getal, fmt_procent
from jeugdmonitor.outputs.rapport.labels import DIMENSIE_NAMEN
from jeugdmonitor.outputs.rapport.ontbrekend import NOG_NIET, leesbaar

GELIJK = 0.0005  # a relative change below 0,05% reads as "gelijk" (it rounds to 0,0%)
MEERVOUD = (
    "kosten",
    "uitgaven",
    "jeugdigen",
    "meldingen",
    "aanmeldingen",
    "klachten",
    "cliënten",
    "beschikkingen",
    "toewijzingen",
    "etmalen",
)


@dataclass(frozen=True)
class Punt:
    """One value as the audience sees it: status ok, voorlopig, onderdrukt, niet_beschikbaar or ontbreekt."""

    waarde: float | None
    status: str = "ok"
    toelichting: str = ""

    @property
    def zichtbaar(self) -> bool:
        return self.status in ("ok", "voorlopig") and self.waarde is not None


@dataclass(frozen=True)
class NormWaarde:
    waarde: float
    soort: str  # "max": at most; "min": at least
    tekst: str  # "maximaal 28 dagen"


@dataclass(frozen=True)
class Reeks:
    """What the narrative needs about one measure of one section."""

    onderwerp: str  # "het aantal meldingen", lower case, with its article
    eenheid: Eenheid
    periode: str  # "T2 2025"
    huidig: Punt
    vorige: tuple[str, Punt] | None = None  # ("T1 2025", value)
    vorig_jaar: tuple[str, Punt] | None = None
    richting: str = "neutraal"  # hoger_beter | lager_beter | neutraal
    delen: tuple[tuple[str, Punt], ...] = ()  # the categories under the total: (label, value)
    deel_soort: str = ""  # the dimension of the categories: "meldplaats", "wijk", "aanbieder"
    additief: bool = True  # whether the categories add up to the total (then shares are meaningful)
    norm: NormWaarde | None = None
    k: int = 5
    regio: Punt | None = None  # the region as a whole, for a municipality compared with the others


def fmt(value: float | None, eenheid: str) -> str:
    """A value with its unit, as a sentence needs it: '1.234', '12,5%', '€ 1.234', '45,7 dagen'."""
    if value is None:
        return "–"
    if eenheid == "procent":
        return fmt_procent(value / 100, 1)
    if eenheid == "euro":
        return fmt_euro(value, 2 if abs(value) < 100 else 0)
    if eenheid in ("dagen", "weken"):  # an average to one decimal; a total (13.707 etmalen) in whole days
        return f"{fmt_getal(value, 0 if abs(value) >= 1000 and float(value).is_integer() else 1)} {eenheid}"
    if eenheid in ("score", "ratio"):
        return fmt_getal(value, 1 if eenheid == "score" else 2)
    return fmt_getal(value, 0 if float(value).is_integer() else 1)


def _hoofdletter(text: str) -> str:
    return text[:1].upper() + text[1:]


def _meervoud(onderwerp: str) -> bool:
    """'de gemaakte kosten' takes 'waren'; 'het aantal meldingen' takes 'was'."""
    words = onderwerp.split()
    return len(words) > 1 and words[0] == "de" and any(w in MEERVOUD for w in words[1:3])


def verandering(nu: float, eerder: float, eenheid: str) -> tuple[str, str]:
    """('stijging'|'daling'|'gelijk', amount text): percentage points for percentages, else relative change."""
    if eenheid in ("procent", "score"):  # points, not a relative change: 7,6 → 7,9 is 0,3 punt
        diff = nu - eerder
        if abs(diff) < 0.05 or fmt(nu, eenheid) == fmt(eerder, eenheid):
            return "gelijk", ""
        unit = "procentpunt" if eenheid == "procent" else "punt"
        return ("stijging" if diff > 0 else "daling"), f"{fmt_getal(abs(diff), 1)} {unit}"
    if fmt(nu, eenheid) == fmt(eerder, eenheid):  # what the reader sees is the same figure
        return "gelijk", ""
    if eerder == 0:
        return ("gelijk", "") if nu == 0 else ("stijging", "")
    rel = (nu - eerder) / abs(eerder)
    if abs(rel) < GELIJK:
        return "gelijk", ""
    return ("stijging" if rel > 0 else "daling"), fmt_procent(abs(rel), 1)


def _niet_zichtbaar(punt: Punt, k: int) -> str:
    if punt.status == "onderdrukt":
        if "aanvullend" in punt.toelichting:
            return "wordt niet getoond, zodat een ander afgeschermd cijfer niet is terug te rekenen"
        return f"wordt niet getoond: het gaat om minder dan {k} jongeren (bescherming van de privacy)"
    if punt.status == "niet_beschikbaar":
        if punt.toelichting.startswith(NOG_NIET):
            return f"is {punt.toelichting}"
        reason, _ = leesbaar(punt.toelichting)
        return f"is niet beschikbaar: {reason}" if reason else "is niet beschikbaar"
    return "is niet bekend: er zijn geen gegevens voor deze periode"


def zin_huidig(r: Reeks) -> str:
    """'In T2 2025 was het aantal meldingen 450.' or why it is not shown."""
    if not r.huidig.zichtbaar:
        return f"{_hoofdletter(r.onderwerp)} in {r.periode} {_niet_zichtbaar(r.huidig, r.k)}."
    verb = "waren" if _meervoud(r.onderwerp) else "was"
    voorlopig = " (voorlopig cijfer)" if r.huidig.status == "voorlopig" else ""
    return f"In {r.periode} {verb} {r.onderwerp} {fmt(r.huidig.waarde, r.eenheid)}{voorlopig}."


def zin_vergelijking(r: Reeks, ander: tuple[str, Punt], vorig_jaar: bool = False) -> str:
    """The change against another period, or why it cannot be compared."""
    label, punt = ander
    if not r.huidig.zichtbaar:
        if r.huidig.toelichting.startswith(NOG_NIET) and punt.zichtbaar and not vorig_jaar:
            return f"Het laatst bekende cijfer, over {label}, is {fmt(punt.waarde, r.eenheid)}."
        return ""
    if not punt.zichtbaar:
        why = "niet getoond wordt" if punt.status == "onderdrukt" else "niet beschikbaar is"
        return f"Een vergelijking met {label} is niet mogelijk, omdat dat cijfer {why}."
    assert r.huidig.waarde is not None and punt.waarde is not None
    soort, amount = verandering(r.huidig.waarde, punt.waarde, r.eenheid)
    before = fmt(punt.waarde, r.eenheid)
    where = f"dezelfde periode een jaar eerder ({label}: {before})" if vorig_jaar else f"{label} ({before})"
    if soort == "gelijk":
        return f"Dat is gelijk aan {where}."
    size = f" van {amount}" if amount else ""
    sentence = f"Ten opzichte van {where} is dat een {soort}{size}."
    # the judgement once: on the latest change, or on the yearly one when there is no previous period
    judge = not vorig_jaar or r.vorige is None or not r.vorige[1].zichtbaar
    return sentence + (_oordeel(r.richting, soort) if judge else "")


def _oordeel(richting: str, soort: str) -> str:
    if richting == "neutraal" or soort == "gelijk":
        return ""
    good = (soort == "daling") == (richting == "lager_beter")
    better = "lager" if richting == "lager_beter" else "hoger"
    return f" Omdat {better} hier beter is, is dat een {'gunstige' if good else 'ongunstige'} ontwikkeling."


ONBEKEND = ("onbekend", "wijk onbekend", "overig")  # categories nobody can act on: never "the highest"


def _hoog_laag(shown: list[tuple[str, float]], eenheid: Eenheid) -> str:
    known = [item for item in shown if item[0].lower() not in ONBEKEND]
    if len(known) < 2:
        return ""
    (hi, hv), (lo, lv) = known[0], known[-1]
    return f"Het hoogst is {hi} ({fmt(hv, eenheid)}), het laagst {lo} ({fmt(lv, eenheid)})."


def zin_delen(r: Reeks) -> str:
    """The largest contributors, or for wijken and providers the highest and the lowest (an unknown category is
    never called the highest or the lowest)."""
    shown = [(label, p.waarde) for label, p in r.delen if p.zichtbaar and p.waarde is not None]
    if len(shown) < 2:
        return ""
    shown.sort(key=lambda item: -item[1])
    if r.deel_soort in ("wijk", "aanbieder", "gemeente") and len(shown) >= 3:
        return _hoog_laag(shown, r.eenheid)
    if (not r.additief and r.eenheid != "aantal") or shown[0][1] <= 0:
        return _hoog_laag(shown, r.eenheid)
    total = r.huidig.waarde if r.huidig.zichtbaar else None

    def part(label: str, value: float) -> str:
        share = f"; {fmt_procent(value / total, 1)}" if r.additief and total else ""
        if label.lower() in ONBEKEND:  # 'gevolgd door Onbekend' reads as a name
            soort = DIMENSIE_NAMEN.get(r.deel_soort, "").lower()
            label = f"een onbekende {soort}" if soort and label.lower() == "onbekend" else label.lower()
        return f"{label} ({fmt(value, r.eenheid)}{share})"

    first = part(*shown[0])
    second = f", gevolgd door {part(*shown[1])}" if shown[1][1] > 0 else ""
    lead = "Het grootste deel komt van" if r.additief else "De grootste groep is"
    return f"{lead} {first}{second}."


def zin_norm(r: Reeks) -> str:
    """'Dat is boven de norm (maximaal 28 dagen).'"""
    if r.norm is None or not r.huidig.zichtbaar or r.huidig.waarde is None:
        return ""
    value, norm = r.huidig.waarde, r.norm
    ok = value <= norm.waarde if norm.soort == "max" else value >= norm.waarde
    if ok:
        return f"Dat voldoet aan de norm ({norm.tekst})."
    side = "boven" if norm.soort == "max" else "onder"
    return f"Dat is {side} de norm ({norm.tekst})."


def zin_regio(r: Reeks) -> str:
    """'In de regio als geheel was dat 9,2%.'"""
    if r.regio is None or not r.huidig.zichtbaar or not r.regio.zichtbaar:
        return ""
    return f"In de regio als geheel was dat {fmt(r.regio.waarde, r.eenheid)}."


def beschrijf(r: Reeks) -> str:
    """All sentences about one measure, in reading order."""
    parts = [zin_huidig(r), zin_regio(r), zin_norm(r)]
    if r.vorige is not None:
        parts.append(zin_vergelijking(r, r.vorige))
    if r.vorig_jaar is not None and (r.vorige is None or r.vorig_jaar[0] != r.vorige[0]):
        parts.append(zin_vergelijking(r, r.vorig_jaar, vorig_jaar=True))
    parts.append(zin_delen(r))
    return " ".join(p for p in parts if p)


def beschrijf_budget(jaar: str, budget: Punt, realisatie: Punt, prognose: Punt) -> str:
    """Budget against realisation and forecast: 'De prognose voor 2025 … ligt 4,6% boven het budget …'."""
    if not budget.zichtbaar or budget.waarde in (None, 0):
        return f"Voor {jaar} is geen budget bekend, zodat realisatie en prognose niet te vergelijken zijn."
    assert budget.waarde is not None
    parts = []
    if realisatie.zichtbaar and realisatie.waarde is not None:
        share = fmt_procent(realisatie.waarde / budget.waarde, 1)
        parts.append(
            f"Tot nu toe is in {jaar} {fmt_euro(realisatie.waarde)} gerealiseerd: {share} van het "
            f"budget van {fmt_euro(budget.waarde)}."
        )
    if prognose.zichtbaar and prognose.waarde is not None:
        rel = (prognose.waarde - budget.waarde) / budget.waarde
        if abs(rel) < GELIJK:
            parts.append(f"De prognose voor heel {jaar} ({fmt_euro(prognose.waarde)}) is gelijk aan het budget.")
        else:
            side = "boven" if rel > 0 else "onder"
            verdict = "een overschrijding" if rel > 0 else "een onderschrijding"
            parts.append(
                f"De prognose voor heel {jaar} ({fmt_euro(prognose.waarde)}) ligt {fmt_procent(abs(rel), 1)} "
                f"{side} het budget: {verdict} van {fmt_euro(abs(prognose.waarde - budget.waarde))}."
            )
    else:
        parts.append(f"Een prognose voor heel {jaar} is niet beschikbaar.")
    return " ".join(parts)


def wat_zien_we(reeksen: list[Reeks], extra: str = "") -> str:
    """The paragraph of a section: the sentences about each measure, then any extra sentence."""
    text = " ".join(t for t in (beschrijf(r) for r in reeksen) if t)
    return " ".join(t for t in (text, extra) if t) or "Voor deze sectie zijn (nog) geen cijfers beschikbaar."
