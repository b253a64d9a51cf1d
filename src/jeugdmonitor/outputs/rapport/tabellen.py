"""Numbered tables from a template's table specification: rows (total, measures, indicators, municipalities or
the values of a dimension), columns (the period with its comparisons, the measures, or the periods) and Dutch
cells. Suppressed cells read "< 5" (a count below k) or "×" (hidden so that another cannot be recomputed)."""

from __future__ import annotations

from dataclasses import dataclass, field

from jeugdmonitor.catalog.indicatoren import Indicator, shipped_catalog
from jeugdmonitor.catalog.rapporten import TabelSpec
from jeugdmonitor.engine.records import REGIO, Record
from jeugdmonitor.outputs.rapport import labels
from jeugdmonitor.outputs.rapport.gegevens import Gegevens, Tijdvak
from jeugdmonitor.outputs.rapport.model import Cel, Tabel
from jeugdmonitor.outputs.rapport.ontbrekend import NOG_NIET
from jeugdmonitor.outputs.rapport.verhaal import fmt, verandering

ONDERDRUKT_KLEIN = "minder dan"  # the start of the engine's toelichting for a primary-suppressed count


@dataclass(frozen=True)
class Rij:
    """One row: where its values come from."""

    label: str
    indicator: str
    maat: str | None
    dims: dict[str, str] = field(default_factory=dict)
    gemeente: str | None = None  # None: the report's area
    totaal: bool = False
    waarde: str = ""  # the dimension value or measure behind the label
    periode: str | None = None  # the row's own period (rows per period); None: the table's period


@dataclass
class Opmerkingen:
    """Which conventions a table's note must explain."""

    klein: bool = False
    aanvullend: bool = False
    voorlopig: bool = False
    niet_beschikbaar: bool = False
    ontbreekt: bool = False
    nog_niet: str = ""  # why a forward-looking figure cannot be judged yet (the first such cell's reason)


def indicator(id_: str) -> Indicator | None:
    try:
        return shipped_catalog().indicator(id_)
    except KeyError:
        return None


def standaard_maat(spec: TabelSpec, g: Gegevens, ind: str, maat: str | None) -> str | None:
    """The measure of a row when the table does not put measures in rows or columns."""
    if maat:
        return maat
    if spec.maten:
        return spec.maten[0]
    described = indicator(ind)
    if described and described.maten:
        return described.maten[0]
    present = g.maten(ind)
    return present[0] if present else None


def cel(record: Record | None, k: int, notes: Opmerkingen) -> Cel:
    """The cell of one record: its Dutch text, number and unit, or why there is none."""
    if record is None:
        notes.ontbreekt = True
        return Cel("–")
    if record.status == "onderdrukt":
        small = record.eenheid == "aantal" and record.toelichting.startswith(ONDERDRUKT_KLEIN)
        notes.klein |= small
        notes.aanvullend |= not small
        return Cel(f"< {k}" if small else "×", None, record.eenheid, onderdrukt=True)
    if record.status == "niet_beschikbaar" and record.toelichting.startswith(NOG_NIET):
        notes.nog_niet = notes.nog_niet or record.toelichting
        return Cel("n.n.b.", None, record.eenheid)
    if record.status in ("ok", "voorlopig") and record.waarde is None:
        notes.ontbreekt = True  # computed, but nothing to compute it from here (a perceel without a budget)
        return Cel("–", None, record.eenheid)
    if record.status == "niet_beschikbaar" or record.waarde is None:
        notes.niet_beschikbaar = True
        return Cel("n.b.", None, record.eenheid)
    notes.voorlopig |= record.status == "voorlopig"
    return Cel(fmt(record.waarde, record.eenheid), record.waarde, record.eenheid)


def rijen(spec: TabelSpec, g: Gegevens, tijd: Tijdvak) -> list[Rij]:
    """The rows of a table, in reading order, the total last."""
    ind, ref_maat = spec.bronnen[0]
    codes = [p.code for p in tijd.trend] + [tijd.vorig_jaar.code]
    if spec.rijen == "indicator":
        out = []
        for ref in spec.indicatoren:
            ref, _, label = (part.strip() for part in ref.partition("="))
            i, _, m = ref.partition(":")
            described = indicator(i)
            default = described.titel if described else i
            out.append(Rij(label or default, i, m or standaard_maat(spec, g, i, None), dict(spec.filter), waarde=i))
        return out
    if spec.rijen == "periode":
        return [Rij(labels.periode_kort(p), ind, ref_maat, dict(spec.filter), periode=p.code) for p in tijd.trend]
    if spec.rijen == "maat":
        maten = list(spec.maten) or g.maten(ind)
        return [
            Rij(labels.maat_label(m, ind), ind, m, dict(spec.filter), totaal=m == "totaal", waarde=m) for m in maten
        ]
    maat = None if spec.kolommen == "maten" else standaard_maat(spec, g, ind, ref_maat)
    if spec.rijen == "totaal":
        label = ", ".join(labels.waarde_label(d, v, g.wijken) for d, v in spec.filter.items()) or "Totaal"
        return [Rij(label, ind, maat, dict(spec.filter), totaal=True)]
    if spec.rijen == "gemeente":
        rows = [Rij(labels.gemeente_naam(c), ind, maat, dict(spec.filter), c, waarde=c) for c in g.gemeenten()]
        return [*sorted(rows, key=lambda r: r.label), Rij("Regio (totaal)", ind, maat, {}, REGIO, totaal=True)]
    dim = spec.rijen
    values = g.waarden(ind, dim, codes)
    rows = [Rij(labels.waarde_label(dim, v, g.wijken), ind, maat, {dim: v}, waarde=v) for v in values]
    rows.sort(key=lambda r: labels.volgorde(dim, r.waarde, r.label))
    return [*rows, Rij("Totaal", ind, maat, {}, totaal=True)]


def _eerste_kop(spec: TabelSpec) -> str:
    if spec.rijen == "totaal":
        return ""
    if spec.rijen == "periode":
        return "Maand" if spec.perioden == "maanden" else "Periode"
    return labels.DIMENSIE_NAMEN.get(spec.rijen, labels.leesbaar(spec.rijen))


def _verandering(nu: Record | None, eerder: Record | None) -> Cel:
    ok = ("ok", "voorlopig")
    if nu is None or eerder is None or nu.status not in ok or eerder.status not in ok:
        return Cel("–")
    if nu.waarde is None or eerder.waarde is None:
        return Cel("–")
    soort, amount = verandering(nu.waarde, eerder.waarde, nu.eenheid)
    if soort == "gelijk":
        return Cel("gelijk")
    if not amount:
        return Cel("nieuw")
    amount = amount.replace(" procentpunt", " %-punt")
    return Cel(("+" if soort == "stijging" else "−") + amount)


def norm_tekst(spec: TabelSpec, ind: str) -> str:
    if spec.norm is not None:
        return spec.norm.tekst
    described = indicator(ind)
    return described.norm if described and described.norm else ""


def kolommen(spec: TabelSpec, g: Gegevens, tijd: Tijdvak, vergelijking: tuple[str, ...]) -> list[str]:
    """Column headers after the first (the row label)."""
    if spec.kolommen == "maten":
        return [labels.maat_label(m, spec.bronnen[0][0]) for m in (spec.maten or g.maten(spec.bronnen[0][0]))]
    if spec.kolommen == "perioden":
        return [labels.periode_kort(p) for p in tijd.trend]
    cols = [labels.periode_kort(tijd.hoofd)]
    if "vorige_periode" in vergelijking:
        cols += [labels.periode_kort(tijd.vorige), "Verandering"]
    if "vorig_jaar" in vergelijking and (tijd.vorig_jaar != tijd.vorige or "vorige_periode" not in vergelijking):
        cols += [labels.periode_kort(tijd.vorig_jaar)]
    if "regio" in vergelijking and g.gebied != REGIO and spec.rijen != "gemeente":
        cols += ["Regio"]
    if "norm" in vergelijking and norm_tekst(spec, spec.bronnen[0][0]):
        cols += ["Norm"]
    return cols


def _cellen(
    spec: TabelSpec, g: Gegevens, tijd: Tijdvak, rij: Rij, verg: tuple[str, ...], notes: Opmerkingen
) -> list[Cel]:
    def rec(periode: str, maat: str | None = rij.maat, gemeente: str | None = rij.gemeente) -> Record | None:
        return g.record(rij.indicator, maat, periode, gemeente, rij.dims)

    if spec.kolommen == "maten":
        periode = rij.periode or tijd.hoofd.code
        return [cel(rec(periode, m), g.k, notes) for m in (spec.maten or g.maten(rij.indicator))]
    if spec.kolommen == "perioden":
        return [cel(rec(p.code), g.k, notes) for p in tijd.trend]
    now = rec(tijd.hoofd.code)
    cells = [cel(now, g.k, notes)]
    if "vorige_periode" in verg:
        before = rec(tijd.vorige.code)
        cells += [cel(before, g.k, notes), _verandering(now, before)]
    if "vorig_jaar" in verg and (tijd.vorig_jaar != tijd.vorige or "vorige_periode" not in verg):
        cells.append(cel(rec(tijd.vorig_jaar.code), g.k, notes))
    if "regio" in verg and g.gebied != REGIO and spec.rijen != "gemeente":
        cells.append(cel(rec(tijd.hoofd.code, gemeente=REGIO), g.k, notes))
    if "norm" in verg and norm_tekst(spec, rij.indicator):
        per_maat = spec.norm.per_maat if spec.norm is not None else {}
        if rij.maat in per_maat and now is not None:  # the row's own norm: 80, 16 and 4% of the bands
            cells.append(Cel(fmt(per_maat[rij.maat], now.eenheid), per_maat[rij.maat], now.eenheid))
        else:
            cells.append(Cel(norm_tekst(spec, rij.indicator)))
    return cells


def toelichting(spec: TabelSpec, notes: Opmerkingen, tijd: Tijdvak, g: Gegevens, additief: bool | None) -> str:
    """The note under a table: the conventions that apply to its cells."""
    parts = [f"Code in de template: {spec.code}."] if spec.code else []
    parts.append(conventies(notes, g.k))
    if additief is False:
        parts.append("Een jeugdige kan in meer dan één rij voorkomen; het totaal telt iedere jeugdige één keer.")
    return " ".join(p for p in parts if p)


def conventies(notes: Opmerkingen, k: int) -> str:
    """What the marks in a table's cells mean (< k, ×, voorlopig, n.b., n.n.b., –): the reports and the
    dashboard explain them in the same words."""
    parts = []
    if notes.klein:
        parts.append(f"< {k}: minder dan {k} jongeren, niet getoond ter bescherming van de privacy.")
    if notes.aanvullend:
        parts.append("×: niet getoond, zodat een afgeschermd cijfer niet is terug te rekenen.")
    if notes.voorlopig:
        parts.append("Voorlopig: de periode loopt tot na de peildatum en is daar afgekapt.")
    if notes.niet_beschikbaar:
        parts.append("n.b.: niet beschikbaar; zie de toelichting bij de sectie.")
    if notes.nog_niet:
        parts.append(f"n.n.b.: {_nog_niet_noot(notes.nog_niet)}.")
    if notes.ontbreekt:
        parts.append("–: geen gegevens in deze periode.")
    return " ".join(parts)


def _nog_niet_noot(toelichting: str) -> str:
    """'nog niet te beoordelen: dit cijfer kijkt 182 dagen vooruit …, en voor deze periode loopt die termijn tot
    1 maart 2026, …' without the one period's date: the note covers every such cell of the table."""
    head, _, _ = toelichting.partition(", en voor deze periode")
    return f"{head}, en bij deze perioden loopt die termijn tot na de peildatum"


def additief(g: Gegevens, rows: list[Rij], periode: str) -> bool | None:
    """Whether the parts add up to the total in the main period (None when that cannot be judged)."""
    total = next((r for r in rows if r.totaal and not r.dims), None)
    parts = [r for r in rows if not r.totaal and r.dims]
    if total is None or not parts:
        return None
    t = g.record(total.indicator, total.maat, periode, total.gemeente, total.dims)
    values = [g.record(r.indicator, r.maat, periode, r.gemeente, r.dims) for r in parts]
    if t is None or t.eenheid != "aantal" or t.waarde is None or any(v is None or v.waarde is None for v in values):
        return None
    return abs(sum(v.waarde for v in values if v and v.waarde is not None) - t.waarde) < 0.5


def bouw_tabel(
    spec: TabelSpec, nummer: str, g: Gegevens, tijd: Tijdvak, vergelijking: tuple[str, ...]
) -> tuple[Tabel, list[Rij]]:
    """The table and the rows behind it (charts and the narrative read the same rows)."""
    notes = Opmerkingen()
    rows = rijen(spec, g, tijd)
    body = []
    kept = []
    for rij in rows:
        cells = _cellen(spec, g, tijd, rij, vergelijking, notes)
        if not rij.totaal and all(
            c.tekst in ("–", "gelijk") or c.tekst == norm_tekst(spec, rij.indicator) for c in cells
        ):
            continue  # a category without any value in the periods shown
        body.append((Cel(rij.label), *cells))
        kept.append(rij)
    header = (_eerste_kop(spec), *kolommen(spec, g, tijd, vergelijking))
    note = toelichting(spec, notes, tijd, g, additief(g, kept, tijd.hoofd.code))
    return Tabel(nummer, spec.titel, header, tuple(body), note), kept
