"""Report templates (sjablonen) as data: ``catalog/rapporten/<naam>.yaml``, validated into typed models.

A template lists chapters of sections; each section names the tables it shows (an indicator, which
dimension splits the rows, which columns), its views (tabel, staven, trend, gestapeld, wijkvergelijking,
doelstatus, stapeling) and its comparisons (vorige_periode, vorig_jaar, regio, norm). A region writes its
own template in a folder of its own; :func:`load_sjabloon` looks there first and then at the shipped
templates (specific → general) and says which files it considered. A malformed file is rejected with its
name and line: "raad.yaml, regel 14: hoofdstukken.0.secties.1.weergave.0: moet een van … zijn".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from jeugdmonitor.catalog.indicatoren import DIMENSIES
from jeugdmonitor.catalog.yamlbron import describe_errors, locate, read_yaml
from jeugdmonitor.errors import UserError

PACKAGE_DIR = "rapporten"
DOELGROEPEN = ("raad", "college", "management", "leidinggevenden", "uitvoerenden")
Weergave = Literal["tabel", "staven", "trend", "gestapeld", "wijkvergelijking", "doelstatus", "stapeling"]
Vergelijking = Literal["vorige_periode", "vorig_jaar", "regio", "norm"]
Kolommen = Literal["vergelijking", "maten", "perioden"]
Perioden = Literal["periode", "jaar", "maanden"]
# Rows of a table: the total only, the measures, the listed indicators, the municipalities of the region, the
# periods (the months of the forecast), or the values of one dimension: an engine dimension or an indicator's
# own split (meldplaats, route, …).
RIJEN_VAST = ("totaal", "maat", "indicator", "gemeente", "periode")
EIGEN_UITSPLITSINGEN = (
    "meldplaats", "vervolg", "route", "soort", "uitkomst", "structuur", "onderwerp", "levensgebied", "motivatie",
    "reden_beeindiging", "kader", "type", "aspect", "producttype", "doorstroom",
)  # fmt: skip
RIJEN = (*RIJEN_VAST, *(d for d in DIMENSIES if d != "gemeente"), *EIGEN_UITSPLITSINGEN)
LIJSTEN = (
    "wachtend_boven_norm",
    "einde_binnen_8_weken",
    "zonder_start",
    "bijna_18",
    "beheersmaatregelen",
    "aanmeldingen_per_team",
    "caseload",
    "wachtlijst_per_team",
)

_MORE = {
    "literal_error": "moet een van {expected} zijn",
    "float_parsing": "moet een getal zijn",
    "float_type": "moet een getal zijn",
    "bool_type": "moet true of false zijn",
}


class SjabloonError(UserError):
    """A template does not validate, or no template exists for a name."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Norm(_Model):
    """A numeric target a table's value is held against: at most (max) or at least (min) ``waarde``."""

    waarde: float
    soort: Literal["max", "min"] = "max"
    tekst: str = Field(min_length=1)  # how the norm reads: "maximaal 28 dagen"
    per_maat: dict[str, float] = Field(default_factory=dict)  # a value per measure row: 80-16-4 per zwaarteband


class TabelSpec(_Model):
    """One numbered table. ``indicator`` is ``id`` or ``id:maat``; ``indicatoren`` lists them when the rows are
    indicators, each optionally with its row label (``kern.stromen:instroom = Instroom``). ``filter`` keeps one
    value of a dimension (``segment: care``)."""

    titel: str = Field(min_length=1)
    indicator: str | None = None
    indicatoren: tuple[str, ...] = ()
    rijen: str = "totaal"
    kolommen: Kolommen = "vergelijking"
    maten: tuple[str, ...] = ()
    filter: dict[str, str] = Field(default_factory=dict)
    perioden: Perioden = "periode"
    code: str | None = None  # the seed's code, printed after the caption (I13, K2, …)
    norm: Norm | None = None
    onderwerp: str | None = None  # how "Wat zien we?" names the figure: "het aantal meldingen"

    @field_validator("rijen")
    @classmethod
    def _known_rows(cls, value: str) -> str:
        if value not in RIJEN:
            raise ValueError(f"'{value}' is geen rij-indeling; kies uit {', '.join(RIJEN)}")
        return value

    @model_validator(mode="after")
    def _one_source(self) -> TabelSpec:
        if (self.indicator is None) == (not self.indicatoren):
            raise ValueError("geef 'indicator' of 'indicatoren', niet beide en niet geen van twee")
        if self.indicatoren and self.rijen != "indicator":
            raise ValueError("'indicatoren' hoort bij 'rijen: indicator'")
        if self.rijen == "indicator" and not self.indicatoren:
            raise ValueError("'rijen: indicator' vraagt een lijst 'indicatoren'")
        return self

    @property
    def bronnen(self) -> tuple[tuple[str, str | None], ...]:
        """(indicator, maat or None) for every indicator the table reads."""
        refs = [r.partition("=")[0].strip() for r in (self.indicatoren or (self.indicator or "",))]
        return tuple((r.split(":")[0], r.split(":")[1] if ":" in r else None) for r in refs)


class SectieSpec(_Model):
    """One section: its tables (or a list from the store: ``lijst``), views and comparisons."""

    titel: str = Field(min_length=1)
    tekst: str = ""
    waarom: str | None = None  # overrides the catalogue's "Waarom willen we dit weten"
    weergave: tuple[Weergave, ...] = ("tabel",)
    vergelijking: tuple[Vergelijking, ...] = ("vorige_periode", "vorig_jaar")
    tabellen: tuple[TabelSpec, ...] = ()
    lijst: Literal[LIJSTEN] | None = None  # type: ignore[valid-type]
    doelboom: str | None = None  # a goal tree (catalog/doelen) drawn with its targets' status (doelboom.py)
    grafiek_maten: tuple[str, ...] = ()  # the measures a chart shows (default: the table's first or total)

    @field_validator("weergave", "vergelijking", mode="before")
    @classmethod
    def _one_or_more(cls, value: object) -> object:
        return (value,) if isinstance(value, str) else value

    @model_validator(mode="after")
    def _has_content(self) -> SectieSpec:
        if not self.tabellen and self.lijst is None and self.doelboom is None:
            raise ValueError("een sectie heeft 'tabellen' of een 'lijst' nodig (of een 'doelboom')")
        return self

    @property
    def indicatoren(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for tabel in self.tabellen:
            for indicator, _ in tabel.bronnen:
                seen[indicator] = None
        return tuple(seen)


class HoofdstukSpec(_Model):
    titel: str = Field(min_length=1)
    inleiding: str = ""
    secties: tuple[SectieSpec, ...] = Field(min_length=1)


class Sjabloon(_Model):
    """A whole template: for which audience, its title, introduction and chapters."""

    naam: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    basis: str | None = None  # a template whose chapters come first (college builds on raad)
    doelgroep: Literal[DOELGROEPEN]  # type: ignore[valid-type]
    titel: str = Field(min_length=1)
    inleiding: str = ""
    leeswijzer: str = ""
    # Suppression: the audience's rule (doelgroepen.yaml) always applies; a template can only make it stricter,
    # by suppressing counts below a higher k, or by suppressing for an audience that does not by itself.
    onderdrukken_k: int | None = Field(default=None, ge=2)
    hoofdstukken: tuple[HoofdstukSpec, ...] = Field(min_length=1)

    @property
    def indicatoren(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for h in self.hoofdstukken:
            for s in h.secties:
                seen.update(dict.fromkeys(s.indicatoren))
        return tuple(seen)


@dataclass(frozen=True)
class Gevonden:
    """The template found and the files considered, most specific first (the report can say so)."""

    sjabloon: Sjabloon
    pad: Path
    overwogen: tuple[Path, ...]


def shipped_dir() -> Path:
    return Path(str(resources.files("jeugdmonitor.catalog").joinpath(PACKAGE_DIR)))


def load_file(path: Path, known: Sequence[str] | None = None) -> Sjabloon:
    """Read and validate one template file; ``known`` indicator ids are checked when given."""
    data = read_yaml(path, SjabloonError)
    if isinstance(data, dict) and "naam" not in data:
        data["naam"] = path.stem  # keeps the line-numbered mapping
    try:
        sjabloon = Sjabloon.model_validate(data)
    except ValidationError as exc:
        raise SjabloonError(_describe(path, exc, data)) from None
    if known is not None:
        _check_indicators(path, sjabloon, data, set(known))
    return sjabloon


def _check_indicators(path: Path, sjabloon: Sjabloon, data: object, known: set[str]) -> None:
    problems = []
    for h, hoofdstuk in enumerate(sjabloon.hoofdstukken):
        for s, sectie in enumerate(hoofdstuk.secties):
            for t, tabel in enumerate(sectie.tabellen):
                for indicator, _ in tabel.bronnen:
                    if indicator not in known:
                        loc = ("hoofdstukken", h, "secties", s, "tabellen", t)
                        line, _ = locate(data, loc)
                        where = path.name + (f", regel {line}" if line else "")
                        problems.append(f"{where}: onbekende indicator '{indicator}'")
    if problems:
        raise SjabloonError("\n".join(problems))


def _describe(path: Path, exc: ValidationError, data: object) -> str:
    return describe_errors(path, exc, data, _MORE)


def load_sjabloon(naam: str, mappen: Sequence[Path] = (), known: Sequence[str] | None = None) -> Gevonden:
    """The template ``naam``: from the first folder of ``mappen`` that has ``<naam>.yaml``, else shipped."""
    candidates = [Path(m) / f"{naam}.yaml" for m in mappen] + [shipped_dir() / f"{naam}.yaml"]
    for path in candidates:
        if path.is_file():
            sjabloon = load_file(path, known)
            if sjabloon.basis:  # the base's chapters first, looked up the same way
                if sjabloon.basis == naam:
                    raise SjabloonError(f"{path.name}: een sjabloon kan niet op zichzelf voortbouwen")
                base = load_sjabloon(sjabloon.basis, mappen, known).sjabloon
                hoofdstukken = base.hoofdstukken + sjabloon.hoofdstukken
                sjabloon = sjabloon.model_copy(update={"hoofdstukken": hoofdstukken})
            return Gevonden(sjabloon, path, tuple(candidates))
    tried = ", ".join(str(p) for p in candidates)
    raise SjabloonError(f"geen sjabloon '{naam}' gevonden; gezocht: {tried}")


def shipped_sjablonen() -> dict[str, Path]:
    """The shipped template files by name."""
    return {p.stem: p for p in sorted(shipped_dir().glob("*.yaml"))}
