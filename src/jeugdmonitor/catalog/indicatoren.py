"""The indicator catalogue: indicator sets as YAML files (one per family), validated into typed models.

The shipped sets live in ``catalog/indicatoren/*.yaml`` (h10, hengelo, kern, twente, uitkomst); a region's
own files and folders load the same way through :func:`load_catalog`, adding indicators or replacing
shipped ones by id (whole-indicator replacement). Each file is one :class:`IndicatorSet` with its
:class:`Conventies`. A malformed file is rejected with its name, the line and the indicator:
"h10.yaml, regel 45 (indicator h10.04): benodigd: …".

Every indicator carries what people need to read it (style.md): ``definitie``, ``waarom``, ``eenheid``,
``richting`` and ``dimensies``. Inputs (``benodigd``, ``aanvullend``) are written ``tabel``,
``tabel.kolom`` or ``tabel.client``, and ``a | b`` when one of several suffices; they are checked against
the input contract on load. The models forbid unknown keys so that typos are caught."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from jeugdmonitor.catalog.yamlbron import MESSAGES, locate, read_yaml
from jeugdmonitor.contract import Contract, load_contract
from jeugdmonitor.engine.records import Eenheid
from jeugdmonitor.errors import UserError

PACKAGE_DIR = "indicatoren"
CLIENT = "client"  # the bsn/client_id column of a table that identifies young persons


class CatalogError(UserError):
    """An indicator file does not validate; the message names file, line and indicator."""


# --------------------------------------------------------------------------------------------------- inputs


@dataclass(frozen=True)
class Invoer:
    """One input: a whole table (``kolom`` None) or one column of it."""

    tabel: str
    kolom: str | None = None

    def __str__(self) -> str:
        return f"{self.tabel}.{self.kolom}" if self.kolom else self.tabel


@dataclass(frozen=True)
class Vereiste:
    """One entry of ``benodigd``/``aanvullend``: any one of ``alternatieven`` suffices."""

    alternatieven: tuple[Invoer, ...]

    def __str__(self) -> str:
        return " | ".join(str(a) for a in self.alternatieven)


def parse_vereiste(text: str) -> Vereiste:
    """'kosten.traject_id | kosten.client' → Vereiste((Invoer('kosten', 'traject_id'), Invoer('kosten', 'client')))."""
    parts = [p.strip() for p in text.split("|")]
    inputs = []
    for part in parts:
        pieces = part.split(".")
        if not part or len(pieces) > 2 or not all(p.isidentifier() for p in pieces):
            raise ValueError(f"'{text}' is geen invoer van de vorm 'tabel', 'tabel.kolom' of 'a | b'")
        inputs.append(Invoer(pieces[0], pieces[1] if len(pieces) == 2 else None))
    return Vereiste(tuple(inputs))


def check_invoer(invoer: Invoer, contract: Contract) -> None:
    """Raise ValueError (Dutch) when the input names no contract table or column."""
    if invoer.tabel not in contract.table_names:
        raise ValueError(f"tabel '{invoer.tabel}' staat niet in het gegevenscontract")
    table = contract.table(invoer.tabel)
    if invoer.kolom is None or invoer.kolom in table.column_names:
        return
    if invoer.kolom == CLIENT and table.client:
        return
    raise ValueError(f"kolom '{invoer.kolom}' staat niet in tabel {invoer.tabel} van het gegevenscontract")


def _valid_input(text: str, info: ValidationInfo) -> str:
    contract = (info.context or {}).get("contract") or load_contract()
    for invoer in parse_vereiste(text).alternatieven:
        check_invoer(invoer, contract)
    return text


InputText = Annotated[str, AfterValidator(_valid_input)]


# --------------------------------------------------------------------------------------------------- models

Richting = Literal["hoger_beter", "lager_beter", "neutraal"]
Dimensie = Literal[
    "gemeente", "wijk", "hulpvorm", "productgroep", "perceel", "segment", "financiering", "aanbieder", "verwijzer",
    "geslacht", "leeftijdsklasse",
]  # fmt: skip
Periode = Literal["jaar", "halfjaar", "tertaal", "kwartaal", "maand", "jaar_tot_peildatum"]

EENHEDEN: tuple[str, ...] = get_args(Eenheid)
RICHTINGEN: tuple[str, ...] = get_args(Richting)
DIMENSIES: tuple[str, ...] = get_args(Dimensie)


class Conventies(BaseModel):
    """The conventions an indicator is computed with (indicatoren.md §2, §3); None means "not set here".

    A set gives its conventions; an indicator may override some of them. :data:`STANDAARD` fills the rest.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    samenvoeg_gat_dagen: int | None = Field(default=None, ge=0)  # merge gap G of care spells (§2)
    wachttijd_vanaf: Literal["aanmelddatum", "toewijzingsdatum"] | None = None  # start of a waiting time (§3)
    periode: Periode | None = None  # the usual reporting period of the set

    def aangevuld(self, override: Conventies | None) -> Conventies:
        """These conventions with the fields ``override`` sets replacing them."""
        if override is None:
            return self
        return self.model_copy(update={k: v for k, v in override.model_dump().items() if v is not None})


STANDAARD = Conventies(samenvoeg_gat_dagen=0, wachttijd_vanaf="aanmelddatum")


class Indicator(BaseModel):
    """One indicator as the catalogue defines it.

    Required for people (style.md): ``definitie`` (with the choice made where the seed is ambiguous),
    ``waarom`` ("Waarom willen we dit weten"), ``eenheid``, ``richting`` and ``dimensies`` (the splits that
    make sense; empty when the indicator is only meaningful as a total). ``maten`` names the measures of a
    multi-measure indicator; ``eenheid_per_maat`` and ``richting_per_maat`` give the unit and direction of
    a measure that differ from the indicator's. ``uitsplitsing`` names the indicator's own categories (the
    reasons of ending of hengelo.R1), which are always shown, unlike the optional ``dimensies``.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*\.[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$")
    titel: str = Field(min_length=1)
    definitie: str = Field(min_length=1)
    waarom: str = Field(min_length=1)
    eenheid: Eenheid
    richting: Richting
    dimensies: tuple[Dimensie, ...]
    bron: str = Field(min_length=1)
    benodigd: tuple[InputText, ...] = Field(min_length=1)
    aanvullend: tuple[InputText, ...] = ()
    norm: str | None = None  # the seed's norm (h10 prestatienorm, a contract norm); targets belong to goal trees
    maten: tuple[str, ...] = ()  # measures of a multi-measure indicator (indicatoren.md §4)
    eenheid_per_maat: dict[str, Eenheid] = Field(default_factory=dict)
    richting_per_maat: dict[str, Richting] = Field(default_factory=dict)
    uitsplitsing: str | None = None  # the indicator's own categories (reden van beëindiging, meldplaats, …)
    conventies: Conventies | None = None  # overrides the set's conventions for this indicator
    groep: str | None = None
    subgroep: str | None = None
    tabel: str | None = None  # the table number in the seed's report (hengelo)
    huidig_dashboard: str | None = None  # the seed's "Beschikbaar in huidig dashboard"
    toelichting: str = ""

    @field_validator("titel", "definitie", "waarom", "toelichting")
    @classmethod
    def _one_line(cls, value: str) -> str:
        return " ".join(value.split())

    @field_validator("dimensies", "maten")
    @classmethod
    def _unique(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        doubles = sorted({v for v in value if value.count(v) > 1})
        if doubles:
            raise ValueError(f"{', '.join(doubles)} staat meer dan eens in de lijst")
        return value

    @model_validator(mode="after")
    def _units_of_known_measures(self) -> Indicator:
        for name in ("eenheid_per_maat", "richting_per_maat"):
            unknown = sorted(set(getattr(self, name)) - set(self.maten))
            if unknown:
                raise ValueError(f"{name} noemt maten die niet onder 'maten' staan: {', '.join(unknown)}")
        return self

    @property
    def vereisten(self) -> tuple[Vereiste, ...]:
        return tuple(parse_vereiste(t) for t in self.benodigd)

    @property
    def aanvullende_vereisten(self) -> tuple[Vereiste, ...]:
        return tuple(parse_vereiste(t) for t in self.aanvullend)

    @property
    def set(self) -> str:
        return self.id.split(".", 1)[0]

    def eenheid_van(self, maat: str | None = None) -> str:
        """The unit of one measure (or of the indicator)."""
        return self.eenheid_per_maat.get(maat, self.eenheid) if maat else self.eenheid

    def richting_van(self, maat: str | None = None) -> str:
        """The direction of one measure (or of the indicator)."""
        return self.richting_per_maat.get(maat, self.richting) if maat else self.richting


class IndicatorSet(BaseModel):
    """One file of the catalogue: a named set of indicators with its conventions.

    ``titel`` and ``bron`` may be left out by a region file that adds to or overrides a set that exists.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    set: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    titel: str | None = Field(default=None, min_length=1)
    bron: str | None = Field(default=None, min_length=1)
    omschrijving: str = ""
    conventies: Conventies = Conventies()
    groepen: dict[str, str] = Field(default_factory=dict)
    indicatoren: tuple[Indicator, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _ids_and_groups(self) -> IndicatorSet:
        seen: set[str] = set()
        for ind in self.indicatoren:
            if not ind.id.startswith(f"{self.set}."):
                raise ValueError(
                    f"indicator {ind.id} hoort niet bij set {self.set} (id moet met '{self.set}.' beginnen)"
                )
            if ind.id in seen:
                raise ValueError(f"indicator {ind.id} komt twee keer voor")
            seen.add(ind.id)
            # a file without groepen may extend a set whose groepen it uses; load_catalog checks those
            if self.groepen and ind.groep is not None and ind.groep not in self.groepen:
                raise ValueError(f"indicator {ind.id}: groep '{ind.groep}' staat niet onder 'groepen'")
        return self

    def groep_naam(self, indicator: Indicator) -> str | None:
        return self.groepen.get(indicator.groep) if indicator.groep else None

    def conventies_van_set(self) -> Conventies:
        """The set's conventions with the defaults filled in."""
        return STANDAARD.aangevuld(self.conventies)

    def conventies_van(self, indicator: Indicator) -> Conventies:
        """The conventions ``indicator`` is computed with: the defaults, the set's, the indicator's own."""
        return STANDAARD.aangevuld(self.conventies).aangevuld(indicator.conventies)


@dataclass(frozen=True)
class Catalogus:
    sets: tuple[IndicatorSet, ...]
    herkomst: Mapping[str, str] = field(default_factory=dict)  # indicator id -> file it was defined in

    @property
    def indicatoren(self) -> tuple[Indicator, ...]:
        return tuple(ind for s in self.sets for ind in s.indicatoren)

    def indicator(self, indicator_id: str) -> Indicator:
        for ind in self.indicatoren:
            if ind.id == indicator_id:
                return ind
        raise KeyError(indicator_id)

    def set(self, name: str) -> IndicatorSet:
        for s in self.sets:
            if s.set == name:
                return s
        raise KeyError(name)

    def conventies(self, indicator_id: str) -> Conventies:
        indicator = self.indicator(indicator_id)
        return self.set(indicator.set).conventies_van(indicator)


def _describe(path: Path, exc: ValidationError, data: Any) -> str:
    lines = []
    errors = exc.errors()
    locs = [tuple(e["loc"]) for e in errors]
    for err in errors:
        loc = tuple(err["loc"])
        if any(other[: len(loc)] == loc and other != loc for other in locs):
            continue  # "indicatoren: mag niet leeg zijn" only because an indicator in it failed
        line, indicator_id = locate(data, loc)
        where = (
            path.name + (f", regel {line}" if line else "") + (f" (indicator {indicator_id})" if indicator_id else "")
        )
        field = ".".join(str(p) for p in loc[2:] if not isinstance(p, int)) if indicator_id else ".".join(map(str, loc))
        message = MESSAGES.get(err["type"], str(err["msg"]).removeprefix("Value error, "))
        if err["type"] == "literal_error":
            message = f"'{err['input']}' is niet toegestaan; kies uit {err['ctx']['expected'].replace(' or ', ' of ')}"
        lines.append(f"{where}: {field + ': ' if field else ''}{message}")
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------------- loading


def load_indicator_file(path: Path, contract: Contract | None = None) -> IndicatorSet:
    """Read and validate one indicator file; raise :class:`CatalogError` naming file, line and indicator."""
    data = read_yaml(path, CatalogError)
    try:
        return IndicatorSet.model_validate(data, context={"contract": contract or load_contract()})
    except ValidationError as exc:
        raise CatalogError(_describe(path, exc, data)) from None


def shipped_files() -> list[Path]:
    folder = resources.files(__package__).joinpath(PACKAGE_DIR)
    return sorted(Path(str(folder)).glob("*.yaml"))


def region_files(extra: Iterable[Path]) -> list[Path]:
    """``extra`` with every folder replaced by its ``*.yaml`` and ``*.yml`` files in name order."""
    files: list[Path] = []
    for path in map(Path, extra):
        if path.is_dir():
            files += sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
        elif path.exists():
            files.append(path)
        else:
            raise CatalogError(f"{path}: bestand of map bestaat niet")
    return files


def _merge(base: IndicatorSet, extension: IndicatorSet) -> IndicatorSet:
    """``base`` with the indicators of ``extension`` replacing those with the same id and added after them."""
    replacements = {ind.id: ind for ind in extension.indicatoren}
    kept = [replacements.pop(ind.id, ind) for ind in base.indicatoren]
    given = extension.model_fields_set
    return base.model_copy(
        update={
            "titel": extension.titel if "titel" in given else base.titel,
            "bron": extension.bron if "bron" in given else base.bron,
            "omschrijving": extension.omschrijving if "omschrijving" in given else base.omschrijving,
            "conventies": base.conventies.aangevuld(extension.conventies),
            "groepen": {**base.groepen, **extension.groepen},
            "indicatoren": (*kept, *replacements.values()),
        }
    )


def load_catalog(extra: Iterable[Path] = (), contract: Contract | None = None) -> Catalogus:
    """The shipped indicator sets, extended and overridden by a region's own files.

    ``extra`` holds files and folders (a folder contributes its ``*.yaml``/``*.yml`` files in name order),
    read after the shipped files in the order given. A file whose ``set`` is new adds that set and must
    then give ``titel`` and ``bron``. A file whose ``set`` exists extends it: an indicator with an id the
    set already has **replaces that indicator as a whole** (fields left out are not taken from the
    shipped definition), any other indicator is added at the end of the set; ``titel``, ``bron`` and
    ``omschrijving`` replace the set's when given, ``conventies`` and ``groepen`` are merged key by key.
    Each file is validated on its own, so errors name the file and line they are in.
    """
    shipped = [load_indicator_file(p, contract) for p in shipped_files()]
    names = [s.set for s in shipped]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise CatalogError(f"indicatorset(s) {', '.join(duplicates)} komen in meer dan één bestand voor")
    sets = {s.set: s for s in shipped}
    herkomst = {ind.id: p.name for s, p in zip(shipped, shipped_files(), strict=True) for ind in s.indicatoren}
    for path in region_files(extra):
        extension = load_indicator_file(path, contract)
        if extension.set in sets:
            sets[extension.set] = _merge(sets[extension.set], extension)
        elif extension.titel is None or extension.bron is None:
            raise CatalogError(f"{path.name}: set {extension.set} is nieuw en heeft dan een titel en een bron nodig")
        else:
            sets[extension.set] = extension
        herkomst.update({ind.id: path.name for ind in extension.indicatoren})
    for s in sets.values():
        for ind in s.indicatoren:
            if ind.groep is not None and ind.groep not in s.groepen:
                raise CatalogError(
                    f"{herkomst[ind.id]} (indicator {ind.id}): groep '{ind.groep}' staat niet onder 'groepen' "
                    f"van set {s.set}"
                )
    return Catalogus(tuple(sets.values()), herkomst)


@cache
def shipped_catalog() -> Catalogus:
    """The shipped catalogue, loaded once."""
    return load_catalog()
