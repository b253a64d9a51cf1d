"""Judgements from the counts: the status of each basisgegeven and the availability of each indicator.

A source (a column, or a column on a subset of rows) is *aanwezig* when it is delivered, at least
``VOLLEDIGHEID_MIN`` filled where a value is expected and at least ``GELDIGHEID_MIN`` of its values carry
no melding; *onvolledig* when delivered but below either threshold; *ontbreekt* when the table or column
is absent, empty, or has no rows of the subset. An indicator is *niet beschikbaar* when one of its
required inputs is missing (named in Dutch), *beperkt* when an input is below the thresholds or a
supplementary input is missing, and *beschikbaar* otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass

from jeugdmonitor.catalog.indicatoren import Indicator, Invoer, Vereiste
from jeugdmonitor.contract.basisgegevens import Basisgegeven, Bron
from jeugdmonitor.formatting import fmt_procent
from jeugdmonitor.outputs.kwaliteit.meten import Telling
from jeugdmonitor.outputs.kwaliteit.model import BasisgegevenOordeel, BronOordeel, IndicatorOordeel
from jeugdmonitor.outputs.kwaliteit.regels import GELDIGHEID_MIN, VOLLEDIGHEID_MIN
from jeugdmonitor.outputs.kwaliteit.tabellen import CLIENT, Meting

_RANK = {"aanwezig": 0, "onvolledig": 1, "ontbreekt": 2}


@dataclass(frozen=True)
class Bevinding:
    """The state of one source or input: ``ok``, ``onvolledig`` or ``ontbreekt``, with a Dutch reason."""

    status: str
    reden: str = ""
    telling: Telling | None = None


def _column_label(tabel: str, kolom: str) -> str:
    return "bsn/client_id" if kolom == CLIENT else kolom


def table_missing(meting: Meting, tabel: str) -> Bevinding | None:
    """Why a table cannot be used, or None when it is staged with rows."""
    staged = meting.staged.get(tabel)
    if staged is None:
        if tabel in meting.niet_ingelezen:
            return Bevinding("ontbreekt", f"bestand {tabel} is niet ingelezen (zie de meldingen)")
        return Bevinding("ontbreekt", f"tabel {tabel} ontbreekt")
    if staged.rows == 0:
        return Bevinding("ontbreekt", f"bestand {staged.bestand} bevat geen rijen")
    return None


def judge_counts(telling: Telling, wat: str) -> Bevinding:
    """Judge the counts of a delivered column; ``wat`` names it in the reasons."""
    if telling.gevuld_totaal == 0:  # an empty column shows nothing, even where no value was expected
        return Bevinding("ontbreekt", f"{wat} is leeg", telling)
    reasons = []
    volledig, geldig = telling.volledigheid, telling.geldigheid
    if volledig is not None and volledig < VOLLEDIGHEID_MIN:
        reasons.append(f"{wat}: {fmt_procent(volledig)} gevuld (norm {fmt_procent(VOLLEDIGHEID_MIN, 0)})")
    if geldig is not None and geldig < GELDIGHEID_MIN:
        reasons.append(f"{wat}: {fmt_procent(geldig)} geldig (norm {fmt_procent(GELDIGHEID_MIN, 0)})")
    if reasons:
        return Bevinding("onvolledig", "; ".join(reasons), telling)
    return Bevinding("ok", "", telling)


# ------------------------------------------------------------------------------------------- basisgegevens


def judge_bron(meting: Meting, bron: Bron) -> Bevinding:
    if (missing := table_missing(meting, bron.tabel)) is not None:
        return missing
    staged = meting.staged[bron.tabel]
    for kolom in filter(None, (bron.kolom, bron.waar_kolom)):
        if kolom not in staged.columns:
            return Bevinding("ontbreekt", f"kolom {_column_label(bron.tabel, kolom)} ontbreekt in {staged.bestand}")
    telling = meting.bron_telling(bron)
    if telling is None:
        return Bevinding("ontbreekt", f"kolom {bron.kolom} is niet gemeten")
    if bron.waar_kolom and telling.deelrijen == 0:
        return Bevinding("ontbreekt", f"geen rijen waar {bron.waar_kolom} = {', '.join(bron.waar_waarden)}", telling)
    return judge_counts(telling, _column_label(bron.tabel, bron.kolom))


def _bron_oordeel(bron: Bron, bevinding: Bevinding) -> BronOordeel:
    status = "aanwezig" if bevinding.status == "ok" else bevinding.status
    telling = bevinding.telling
    return BronOordeel(
        bron=str(bron),
        status=status,
        volledigheid=telling.volledigheid if telling else None,
        geldigheid=telling.geldigheid if telling else None,
        toelichting=bevinding.reden,
    )


def judge_basisgegeven(bg: Basisgegeven, meting: Meting) -> BasisgegevenOordeel:
    if bg.niet_in_contract:
        return BasisgegevenOordeel(
            nummer=bg.nummer, naam=bg.naam, groep=bg.groep, status="niet_in_contract",
            toelichting=bg.niet_in_contract, bronnen=(),
        )  # fmt: skip
    bronnen = tuple(_bron_oordeel(b, judge_bron(meting, b)) for b in bg.bronnen)
    ranked = sorted(bronnen, key=lambda b: _RANK[b.status])
    chosen = ranked[0] if bg.vereist == "een" else ranked[-1]
    if chosen.status == "aanwezig":
        used = [b.bron for b in bronnen] if bg.vereist == "alle" else [chosen.bron]
        toelichting = f"geleverd in {' en '.join(used)}"
    else:
        reasons = (b.toelichting for b in bronnen if b.status == chosen.status and b.toelichting)
        toelichting = "; ".join(dict.fromkeys(reasons))
    return BasisgegevenOordeel(
        nummer=bg.nummer, naam=bg.naam, groep=bg.groep, status=chosen.status, toelichting=toelichting, bronnen=bronnen
    )


# --------------------------------------------------------------------------------------------- indicators


def judge_invoer(meting: Meting, invoer: Invoer) -> Bevinding:
    if (missing := table_missing(meting, invoer.tabel)) is not None:
        return missing
    if invoer.kolom is None:
        return Bevinding("ok")
    staged = meting.staged[invoer.tabel]
    label = _column_label(invoer.tabel, invoer.kolom)
    telling = meting.telling(invoer.tabel, invoer.kolom)
    if invoer.kolom not in staged.columns or telling is None:
        return Bevinding("ontbreekt", f"kolom {label} ontbreekt in {staged.bestand}")
    return judge_counts(telling, f"{invoer.tabel}.{label}")


def judge_vereiste(meting: Meting, vereiste: Vereiste) -> Bevinding:
    """The best of the alternatives; when none is usable, every distinct reason."""
    found = [judge_invoer(meting, a) for a in vereiste.alternatieven]
    best = min(found, key=lambda b: {"ok": 0, "onvolledig": 1, "ontbreekt": 2}[b.status])
    if best.status != "ontbreekt" or len(found) == 1:
        return best
    reasons = list(dict.fromkeys(b.reden for b in found))
    if len(reasons) == 1:  # e.g. every alternative lies in the one missing table
        return Bevinding("ontbreekt", reasons[0])
    return Bevinding(
        "ontbreekt", f"nodig is één van {' of '.join(map(str, vereiste.alternatieven))}: " + "; ".join(reasons)
    )


def judge_indicator(indicator: Indicator, meting: Meting) -> IndicatorOordeel:
    required = [judge_vereiste(meting, v) for v in indicator.vereisten]
    extra = [judge_vereiste(meting, v) for v in indicator.aanvullende_vereisten]
    missing = list(dict.fromkeys(b.reden for b in required if b.status == "ontbreekt"))
    partly_missing = [f"deels: {b.reden}" for b in extra if b.status == "ontbreekt" and b.reden not in missing]
    limited = [b.reden for b in required + extra if b.status == "onvolledig"]
    if missing:
        status = "niet_beschikbaar"
    elif partly_missing or limited:
        status = "beperkt"
    else:
        status = "beschikbaar"
    return IndicatorOordeel(
        id=indicator.id,
        set=indicator.set,
        titel=indicator.titel,
        status=status,
        ontbrekend=tuple(dict.fromkeys(missing + partly_missing)),
        beperkingen=tuple(dict.fromkeys(limited)),
    )
