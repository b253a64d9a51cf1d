"""The data-quality report as data: immutable models that render to text and HTML and round-trip as JSON.

Fractions (volledigheid, geldigheid) are stored as 0–1 and formatted as Dutch percentages on output.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict

from jeugdmonitor.errors import location

TabelStatus = Literal["aanwezig", "ontbreekt", "niet_ingelezen"]
BGStatus = Literal["aanwezig", "onvolledig", "ontbreekt", "niet_in_contract"]
IndicatorStatus = Literal["beschikbaar", "beperkt", "niet_beschikbaar"]

STATUS_TEKST = {
    "aanwezig": "aanwezig",
    "onvolledig": "onvolledig",
    "ontbreekt": "ontbreekt",
    "niet_in_contract": "niet in contract",
    "niet_ingelezen": "niet ingelezen",
    "beschikbaar": "beschikbaar",
    "beperkt": "beperkt",
    "niet_beschikbaar": "niet beschikbaar",
}


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Melding(_Frozen):
    niveau: Literal["fout", "waarschuwing"]
    regel: str
    bestand: str
    rij: int | None
    kolom: str | None
    tekst: str

    @property
    def plaats(self) -> str:
        return location(self.bestand, self.rij, self.kolom)


class RegelTelling(_Frozen):
    """How often one rule was broken, with the first examples."""

    niveau: Literal["fout", "waarschuwing"]
    regel: str
    aantal: int
    voorbeelden: tuple[Melding, ...]


class KolomKwaliteit(_Frozen):
    naam: str  # the contract name; the client column as delivered (bsn or client_id)
    type: str
    verplicht: bool
    bg: tuple[int, ...]
    toepassing: str  # on which rows a value is expected, in Dutch
    rijen: int  # rows where a value is expected
    gevuld: int  # of those, filled
    volledigheid: float | None  # gevuld / rijen; None when not applicable
    gevuld_totaal: int
    geldig: int  # filled values without a melding on this column
    geldigheid: float | None  # geldig / gevuld_totaal
    meldingen: int


class TabelKwaliteit(_Frozen):
    naam: str
    omschrijving: str
    verplicht: bool
    status: TabelStatus
    bestand: str | None
    rijen: int
    kolommen_aanwezig: tuple[str, ...]
    kolommen_ontbrekend: tuple[str, ...]
    kolommen_onbekend: tuple[str, ...]
    kolommen: tuple[KolomKwaliteit, ...]
    fouten: int
    waarschuwingen: int


class BronOordeel(_Frozen):
    bron: str
    status: BGStatus
    volledigheid: float | None
    geldigheid: float | None
    toelichting: str


class BasisgegevenOordeel(_Frozen):
    nummer: int
    naam: str
    groep: str
    status: BGStatus
    toelichting: str
    bronnen: tuple[BronOordeel, ...]

    @property
    def code(self) -> str:
        return f"BG{self.nummer}"


class IndicatorOordeel(_Frozen):
    id: str
    set: str
    titel: str
    status: IndicatorStatus
    ontbrekend: tuple[str, ...]  # Dutch: what is missing (niet_beschikbaar) or missing in part (beperkt)
    beperkingen: tuple[str, ...]  # Dutch: inputs present but below the thresholds


class QualityReport(_Frozen):
    """The data-quality report on one delivery (``jeugdmonitor check``)."""

    levering: str  # the folder's name
    map: str
    aangemaakt: datetime
    peildatum: date | None
    peildatum_bron: str
    bron: str | None  # levering.csv's free text about the source
    gemeenten: tuple[str, ...]  # the municipalities the delivery covers
    afgekeurd: bool
    fouten: int
    waarschuwingen: int
    volledigheid_min: float
    geldigheid_min: float
    tabellen: tuple[TabelKwaliteit, ...]
    basisgegevens: tuple[BasisgegevenOordeel, ...]
    indicatoren: tuple[IndicatorOordeel, ...]
    regels: tuple[RegelTelling, ...]
    eerste_meldingen: tuple[Melding, ...]  # errors first, then warnings
    uitvoer: tuple[str, ...] = ()  # files written

    @property
    def rejected(self) -> bool:
        return self.afgekeurd

    def bg_aantal(self, status: str) -> int:
        return sum(1 for b in self.basisgegevens if b.status == status)

    def indicator_aantal(self, status: str) -> int:
        return sum(1 for i in self.indicatoren if i.status == status)

    @property
    def kop_basisgegevens(self) -> str:
        """The headline: "23 van 36 basisgegevens aanwezig" (the H10 note's "23 van de 40 ontsloten")."""
        return f"{self.bg_aantal('aanwezig')} van {len(self.basisgegevens)} basisgegevens aanwezig"

    def headline(self) -> str:
        """One line for a summary: verdict, basisgegevens, indicators, meldingen."""
        oordeel = "afgekeurd" if self.afgekeurd else "goedgekeurd"
        indicators = (
            f"{self.indicator_aantal('beschikbaar')} van {len(self.indicatoren)} indicatoren beschikbaar "
            f"({self.indicator_aantal('beperkt')} beperkt)"
        )
        fouten = f"{self.fouten} {'fout' if self.fouten == 1 else 'fouten'}"
        waarschuwingen = f"{self.waarschuwingen} {'waarschuwing' if self.waarschuwingen == 1 else 'waarschuwingen'}"
        return f"{oordeel}; {self.kop_basisgegevens}; {indicators}; {fouten}, {waarschuwingen}"

    def tabel(self, naam: str) -> TabelKwaliteit:
        for t in self.tabellen:
            if t.naam == naam:
                return t
        raise KeyError(naam)

    def kolom(self, tabel: str, kolom: str) -> KolomKwaliteit:
        for k in self.tabel(tabel).kolommen:
            if k.naam == kolom:
                return k
        raise KeyError(f"{tabel}.{kolom}")

    def basisgegeven(self, nummer: int) -> BasisgegevenOordeel:
        return next(b for b in self.basisgegevens if b.nummer == nummer)

    def indicator(self, indicator_id: str) -> IndicatorOordeel:
        return next(i for i in self.indicatoren if i.id == indicator_id)

    def to_json(self) -> str:
        return self.model_dump_json(indent=2)

    def render_terminal(self) -> str:
        from jeugdmonitor.outputs.kwaliteit.terminal import render_terminal

        return render_terminal(self)

    def render_html(self) -> str:
        from jeugdmonitor.outputs.kwaliteit.html import render_html

        return render_html(self)
