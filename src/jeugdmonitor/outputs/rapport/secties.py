"""One report section from its template specification: the numbered tables, the charts of its views, the
catalogue's "Waarom willen we dit weten", the generated "Wat zien we?" and what is not available."""

from __future__ import annotations

from jeugdmonitor.catalog.rapporten import SectieSpec, TabelSpec
from jeugdmonitor.engine.records import REGIO
from jeugdmonitor.outputs.rapport import grafiek, labels, ontbrekend
from jeugdmonitor.outputs.rapport.gegevens import Gegevens, Perioden, Tijdvak
from jeugdmonitor.outputs.rapport.model import Grafiek, Sectie, Tabel
from jeugdmonitor.outputs.rapport.tabellen import Rij, bouw_tabel, indicator, standaard_maat
from jeugdmonitor.outputs.rapport.verhaal import NormWaarde, Punt, Reeks, beschrijf_budget, wat_zien_we

LIDWOORD_HET = ("aantal", "percentage", "aandeel", "budget", "gemiddelde", "bereik", "totaal", "totale")
TELWOORDEN = {2: "twee", 3: "drie", 4: "vier", 5: "vijf", 6: "zes"}
MAX_REEKSEN = 3  # sentences about at most this many measures per section: a paragraph, not a list


def onderwerp(titel: str) -> str:
    """'Aantal meldingen bij de toegang' → 'het aantal meldingen bij de toegang'; 'Instroom' → 'de instroom'."""
    text = titel[:1].lower() + titel[1:]
    first = text.split()[0] if text.split() else ""
    return ("het " if first in LIDWOORD_HET else "de ") + text


def _zichtbaar(p: Punt) -> float | None:
    return p.waarde if p.zichtbaar else None


class SectieBouwer:
    """Builds the sections of one report on one set of numbers."""

    def __init__(self, g: Gegevens, perioden: Perioden) -> None:
        self.g = g
        self.perioden = perioden

    def bouw(self, spec: SectieSpec, nummer: str) -> Sectie:
        tables: list[tuple[TabelSpec, Tabel, list[Rij], Tijdvak]] = []
        for i, tspec in enumerate(spec.tabellen, start=1):
            tijd = self.perioden.tijdvak(tspec.perioden)
            tabel, rows = bouw_tabel(tspec, f"{nummer}.{i}", self.g, tijd, spec.vergelijking)
            tables.append((tspec, tabel, rows, tijd))
        charts = self._grafieken(spec, tables, nummer)
        missing, missing_bron = self._niet_beschikbaar(spec)
        return Sectie(
            nummer=nummer,
            titel=spec.titel,
            indicatoren=spec.indicatoren,
            waarom=self._waarom(spec),
            wat_zien_we=self._verhaal(spec, tables),
            tabellen=tuple(t for _, t, _, _ in tables),
            grafieken=tuple(charts),
            niet_beschikbaar=missing,
            niet_beschikbaar_bron=missing_bron,
            inleiding=" ".join(spec.tekst.split()),
        )

    # ------------------------------------------------------------------------------------------ texts

    def _waarom(self, spec: SectieSpec) -> str:
        if spec.waarom:
            return " ".join(spec.waarom.split())
        for ind in spec.indicatoren:
            described = indicator(ind)
            if described:
                return labels.zonder_bronverwijzing(described.waarom)
        return ""

    def _niet_beschikbaar(self, spec: SectieSpec) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """Per indicator that could not be computed: why, in plain Dutch, and the technical names apart."""
        out, bron = [], []
        for ind in spec.indicatoren:
            reason = self.g.niet_beschikbaar(ind)
            if reason:
                described = indicator(ind)
                tekst, technisch = ontbrekend.leesbaar(reason)
                out.append(f"{described.titel if described else ind}: {tekst}.")
                bron.append(f"Ontbrekende gegevens: {technisch}" if technisch else "")
        return tuple(out), tuple(bron)

    def _punt(self, rij: Rij, maat: str | None, periode: str) -> Punt:
        return self.g.punt(rij.indicator, maat, periode, rij.gemeente, rij.dims)

    def _reeks(
        self, tspec: TabelSpec, rows: list[Rij], tijd: Tijdvak, maat: str | None, titel: str,
        vergelijking: tuple[str, ...] = ("vorige_periode", "vorig_jaar"),
    ) -> Reeks | None:  # fmt: skip
        total = next((r for r in rows if r.totaal), None)
        regio = None
        if tspec.rijen == "gemeente" and self.g.gebied != REGIO:  # the municipality itself, beside the region
            own = next((r for r in rows if r.gemeente == self.g.gebied), None)
            if own is None or total is None:
                return None
            regio = self._punt(total, maat if maat is not None else total.maat, tijd.hoofd.code)
            total = Rij(own.label, own.indicator, own.maat, own.dims, own.gemeente, True)
            rows = [total, *(r for r in rows if not r.totaal)]
        base = total or rows[0]
        if tspec.rijen == "maat" and total is None:
            rows = [base]  # measures without a total (actief, begroot) are not parts of anything
        maat = maat if maat is not None else base.maat
        eenheid = self.g.record(base.indicator, maat, tijd.hoofd.code, base.gemeente, base.dims)
        described = indicator(base.indicator)
        parts = [r for r in rows if not r.totaal and r is not base]
        if tspec.rijen == "maat":
            parts = [r for r in rows if r.maat not in ("totaal", "onbekend") and not r.totaal]
        norm = None
        if tspec.norm is not None:
            norm = NormWaarde(tspec.norm.waarde, tspec.norm.soort, tspec.norm.tekst)
        return Reeks(
            onderwerp=titel if titel.split()[0] in ("het", "de") else onderwerp(titel),
            eenheid=eenheid.eenheid if eenheid else (described.eenheid_van(maat) if described else "aantal"),  # type: ignore[arg-type]
            periode=labels.periode_kort(tijd.hoofd),
            huidig=self._punt(base, maat, tijd.hoofd.code),
            vorige=(labels.periode_kort(tijd.vorige), self._punt(base, maat, tijd.vorige.code))
            if "vorige_periode" in vergelijking
            else None,
            vorig_jaar=(labels.periode_kort(tijd.vorig_jaar), self._punt(base, maat, tijd.vorig_jaar.code))
            if "vorig_jaar" in vergelijking
            else None,
            richting=described.richting_van(maat) if described else "neutraal",
            delen=tuple(
                (r.label, self._punt(r, r.maat if tspec.rijen == "maat" else maat, tijd.hoofd.code)) for r in parts
            ),
            deel_soort=tspec.rijen,
            additief=_optelbaar(self.g, base, parts, maat, tspec.rijen == "maat", tijd.hoofd.code),
            norm=norm,
            k=self.g.k,
            regio=regio,
        )

    def _verhaal(self, spec: SectieSpec, tables: list[tuple[TabelSpec, Tabel, list[Rij], Tijdvak]]) -> str:
        reeksen: list[Reeks] = []
        extra = ""
        for nr, (tspec, _, rows, tijd) in enumerate(tables):
            if not rows or (nr > 0 and tspec.onderwerp is None and not _is_budget(tspec, self.g)):
                continue  # the first table tells the story; a later one only when the template names its subject
            if _is_budget(tspec, self.g):
                extra = self._budget_zin(rows, tijd)
                continue
            if tspec.kolommen == "perioden" or tspec.rijen == "periode":
                continue  # a table of periods (the monthly forecast) is told by its chart and the budget
            if tspec.rijen == "indicator":
                for r in rows[:MAX_REEKSEN]:
                    only = [Rij(r.label, r.indicator, r.maat, r.dims, totaal=True)]
                    reeks = self._reeks(tspec, only, tijd, r.maat, r.label, spec.vergelijking)
                    if reeks:
                        reeksen.append(reeks)
                continue
            maten = [None]
            if tspec.kolommen == "maten":
                maten = list(spec.grafiek_maten or tspec.maten[:1] or self.g.maten(tspec.bronnen[0][0])[:1])
            for m in maten:
                reeks = self._reeks(tspec, rows, tijd, m, self._onderwerp(tspec, m, maten[0]), spec.vergelijking)
                if reeks:
                    reeksen.append(reeks)
            if len(reeksen) >= MAX_REEKSEN:
                break
        return wat_zien_we(reeksen[:MAX_REEKSEN], extra)

    def _onderwerp(self, tspec: TabelSpec, maat: str | None, first: str | None = None) -> str:
        """The subject of the sentences: the template's (for the first measure told), the measure's own subject
        or label, or the indicator's title."""
        first = first if first is not None else (tspec.maten or (None,))[0]
        if tspec.onderwerp and (maat is None or tspec.kolommen != "maten" or maat == first):
            return tspec.onderwerp
        if maat and tspec.kolommen == "maten":
            return labels.MAAT_ONDERWERP.get(maat) or onderwerp(labels.maat_label(maat))
        described = indicator(tspec.bronnen[0][0])
        return onderwerp(described.titel if described else tspec.titel)

    def _budget_zin(self, rows: list[Rij], tijd: Tijdvak) -> str:
        base = next((r for r in rows if r.totaal and not r.dims), rows[0])

        def p(maat: str) -> Punt:
            return self.g.punt(base.indicator, maat, tijd.hoofd.code, base.gemeente, {})

        return beschrijf_budget(labels.periode_kort(tijd.hoofd), p("budget"), p("realisatie"), p("prognose"))

    # ----------------------------------------------------------------------------------------- charts

    def _grafieken(self, spec: SectieSpec, tables: list, nummer: str) -> list[Grafiek]:
        out: list[Grafiek] = []
        for view in spec.weergave:
            if view == "tabel" or not tables:
                continue
            chart = getattr(self, f"_grafiek_{view}")(spec, tables, f"{nummer}.{len(out) + 1}")
            if chart is not None:
                out.append(chart)
        return out

    def _grafiek_trend(self, spec: SectieSpec, tables: list, nr: str) -> Grafiek | None:
        tspec, tabel, rows, tijd = tables[0]
        periods = [labels.periode_kort(p) for p in tijd.trend]
        if tspec.rijen == "periode":  # one line per measure over the rows' periods
            ind = tspec.bronnen[0][0]
            maten = list(spec.grafiek_maten or tspec.maten)
            series = {
                labels.maat_label(m, ind): [_zichtbaar(self._punt(r, m, r.periode or "")) for r in rows] for m in maten
            }
            band = None
            if {"prognose_laag", "prognose_hoog"} <= set(tspec.maten):  # the forecast's range, shaded
                band = (
                    "Bandbreedte prognose",
                    [_zichtbaar(self._punt(r, "prognose_laag", r.periode or "")) for r in rows],
                    [_zichtbaar(self._punt(r, "prognose_hoog", r.periode or "")) for r in rows],
                )
            unit = self._eenheid(rows[0], maten[0], tijd) if rows and maten else "aantal"
            dashed = [labels.maat_label(m, ind) for m in maten if m.startswith("prognose")]
            return grafiek.trend(nr, tabel.titel, [r.label for r in rows], series, unit, band=band, gestippeld=dashed)
        if tspec.kolommen == "perioden":
            series = {r.label: [_zichtbaar(self._punt(r, r.maat, p.code)) for p in tijd.trend] for r in rows}
            unit = self._eenheid(rows[0], rows[0].maat, tijd) if rows else "aantal"
            return grafiek.trend(nr, tabel.titel, periods, series, unit)
        base = next((r for r in rows if r.totaal), rows[0] if rows else None)
        if base is None:
            return None
        maten = list(spec.grafiek_maten) or [base.maat if tspec.kolommen != "maten" else (tspec.maten or [None])[0]]
        series = {}
        for m in maten:
            label = labels.maat_label(m) if m else "Totaal"
            series[label] = [_zichtbaar(self._punt(base, m, p.code)) for p in tijd.trend]
        title = f"{spec.titel}: {_laatste(tijd)}"
        return grafiek.trend(nr, title, periods, series, self._eenheid(base, maten[0], tijd))

    def _grafiek_staven(self, spec: SectieSpec, tables: list, nr: str) -> Grafiek | None:
        for tspec, tabel, rows, tijd in tables:
            parts = [r for r in rows if not r.totaal and not (tspec.rijen == "maat" and r.maat == "totaal")]
            if len(parts) < 2:
                continue
            maat = tspec.maten[0] if tspec.kolommen == "maten" and tspec.maten else None
            values = [_zichtbaar(self._punt(r, maat or r.maat, tijd.hoofd.code)) for r in parts]
            unit = self._eenheid(parts[0], maat or parts[0].maat, tijd)
            normen = None
            if tspec.norm is not None and tspec.norm.per_maat and tspec.rijen == "maat":
                normen = [tspec.norm.per_maat.get(r.maat or "") for r in parts]
            return grafiek.staven(nr, tabel.titel, [r.label for r in parts], values, unit, normen=normen)
        return None

    def _grafiek_wijkvergelijking(self, spec: SectieSpec, tables: list, nr: str) -> Grafiek | None:
        for tspec, tabel, rows, tijd in tables:
            if tspec.rijen != "wijk":
                continue
            parts = [r for r in rows if not r.totaal]
            code = tijd.hoofd.code
            if "inwoners_0_17" in tspec.maten and spec.grafiek_maten:
                m = spec.grafiek_maten[0]
                values = []
                for r in parts:
                    count, inhabitants = (
                        _zichtbaar(self._punt(r, m, code)),
                        _zichtbaar(self._punt(r, "inwoners_0_17", code)),
                    )
                    values.append(1000 * count / inhabitants if count is not None and inhabitants else None)
                title = f"{labels.maat_label(m)} per 1.000 jeugdigen (0-17 jaar) per wijk"
                pairs = sorted(zip([r.label for r in parts], values, strict=True), key=lambda x: -(x[1] or 0))
                return grafiek.staven(nr, title, [a for a, _ in pairs], [b for _, b in pairs], "score")  # 1 decimal
            maat = tspec.maten[0] if tspec.kolommen == "maten" and tspec.maten else (parts[0].maat if parts else None)
            values = [_zichtbaar(self._punt(r, maat, code)) for r in parts]
            pairs = sorted(zip([r.label for r in parts], values, strict=True), key=lambda x: -(x[1] or 0))
            unit = self._eenheid(parts[0], maat, tijd) if parts else "aantal"
            return grafiek.staven(nr, tabel.titel, [a for a, _ in pairs], [b for _, b in pairs], unit)
        return None

    def _grafiek_gestapeld(self, spec: SectieSpec, tables: list, nr: str) -> Grafiek | None:
        candidates = [t for t in tables if t[0].rijen == "financiering"] or [
            t for t in tables if t[0].rijen not in ("totaal", "maat", "indicator")
        ]
        if not candidates:
            return None
        tspec, tabel, rows, tijd = candidates[0]
        maat = tspec.maten[0] if tspec.kolommen == "maten" and tspec.maten else None
        parts = [r for r in rows if not r.totaal]
        delen = {r.label: [_zichtbaar(self._punt(r, maat or r.maat, p.code)) for p in tijd.trend] for r in parts}
        unit = self._eenheid(parts[0], maat or parts[0].maat, tijd) if parts else "aantal"
        periods = [labels.periode_kort(p) for p in tijd.trend]
        return grafiek.gestapeld(nr, f"{tabel.titel}: {_laatste(tijd)}", periods, delen, unit)

    def _grafiek_stapeling(self, spec: SectieSpec, tables: list, nr: str) -> Grafiek | None:
        for _, tabel, rows, tijd in tables:
            parts = [r for r in rows if not r.totaal and r.dims]
            total = next((r for r in rows if r.totaal), None)
            if len(parts) < 2 or total is None:
                continue
            code = tijd.hoofd.code
            values = [_zichtbaar(self._punt(r, r.maat, code)) for r in parts]
            return grafiek.stapeling(
                nr, tabel.titel, [r.label for r in parts], values, _zichtbaar(self._punt(total, total.maat, code))
            )
        return None

    def _grafiek_doelstatus(self, spec: SectieSpec, tables: list, nr: str) -> Grafiek | None:
        for tspec, _, rows, tijd in tables:
            if not _is_budget(tspec, self.g):
                continue
            code = tijd.hoofd.code
            if tspec.rijen == "maat":
                base = rows[0]
                groups = [("Totaal", base.indicator, base.gemeente, base.dims)]
            else:  # the parts only: the total would dwarf them, and the table gives it
                groups = [(r.label, r.indicator, r.gemeente, r.dims) for r in rows if not r.totaal]
            reeksen: dict[str, list[float | None]] = {}
            for maat in ("budget", "realisatie", "prognose"):
                reeksen[labels.maat_label(maat)] = [
                    _zichtbaar(self.g.punt(ind, maat, code, gem, dims)) for _, ind, gem, dims in groups
                ]
            title = f"Budget, realisatie en prognose {labels.periode_kort(tijd.hoofd)}"
            return grafiek.budget(nr, title, [g[0] for g in groups], reeksen)
        return None

    def _eenheid(self, rij: Rij, maat: str | None, tijd: Tijdvak) -> str:
        for p in (tijd.hoofd, *tijd.trend):
            r = self.g.record(rij.indicator, maat, p.code, rij.gemeente, rij.dims)
            if r is not None:
                return r.eenheid
        described = indicator(rij.indicator)
        return described.eenheid_van(maat) if described else "aantal"


def _laatste(tijd: Tijdvak) -> str:
    """'laatste vijf perioden', 'laatste drie jaren': what a trend chart's title promises, as many as it shows."""
    n = len(tijd.trend)
    word = TELWOORDEN.get(n, str(n))
    return f"laatste {word} jaren" if tijd.hoofd.soort == "jaar" else f"laatste {word} perioden"


def _optelbaar(g: Gegevens, base: Rij, parts: list[Rij], maat: str | None, per_maat: bool, periode: str) -> bool:
    """Whether the parts add up to the total (within 1%): then shares of the total are meaningful. Distinct
    counts (a young person in two categories) and averages do not add up."""
    total = g.punt(base.indicator, maat, periode, base.gemeente, base.dims)
    values = [g.punt(r.indicator, r.maat if per_maat else maat, periode, r.gemeente, r.dims) for r in parts]
    if not parts or total.waarde is None or any(v.waarde is None for v in values):
        return False
    return abs(sum(v.waarde or 0.0 for v in values) - total.waarde) <= 0.01 * abs(total.waarde)


def _is_budget(tspec: TabelSpec, g: Gegevens) -> bool:
    """A table about budget against realisation (kern.budget, h10.37): told as budget, realisation, forecast."""
    ind = tspec.bronnen[0][0]
    return tspec.kolommen != "perioden" and {"budget", "prognose"} <= set(g.maten(ind)) and tspec.rijen != "indicator"


__all__ = ["SectieBouwer", "onderwerp", "standaard_maat"]
