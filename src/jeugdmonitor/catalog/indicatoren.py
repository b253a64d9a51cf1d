"""The indicator catalogue: indicator sets as YAML files (one per family), validated into typed models.

The shipped sets live in ``catalog/indicatoren/*.yaml``; a region's own files load the same way through
:func:`load_catalog`. Each file is one :class:`IndicatorSet`. A malformed file is rejected with its name,
the line and the indicator: "h10.yaml, regel 45 (indicator h10.04): benodigd: …".

Inputs (``benodigd``, ``aanvullend``) are written ``tabel``, ``tabel.kolom`` or ``tabel.client``, and
``a | b`` when one of several suffices; they are checked against the input contract on load.

The models forbid unknown keys so that typos are caught; new fields (the SQL of the engine, ``eenheid``,
``richting``, ``waarom``) are added to :class:`Indicator` as optional fields with a default, and the files
gain them one by one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

import yaml
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

from jeugdmonitor.contract import Contract, load_contract
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


class Indicator(BaseModel):
    """One indicator as the catalogue defines it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*\.[A-Za-z0-9_.]+$")
    titel: str = Field(min_length=1)
    definitie: str = Field(min_length=1)
    bron: str = Field(min_length=1)
    benodigd: tuple[InputText, ...] = Field(min_length=1)
    aanvullend: tuple[InputText, ...] = ()
    groep: str | None = None
    subgroep: str | None = None
    tabel: str | None = None  # the table number in the seed's report (hengelo)
    maten: tuple[str, ...] = ()  # measures of a multi-measure indicator (indicatoren.md §4)
    prestatienorm: str | None = None
    huidig_dashboard: str | None = None  # the seed's "Beschikbaar in huidig dashboard"
    toelichting: str = ""

    @field_validator("titel", "definitie", "toelichting")
    @classmethod
    def _one_line(cls, value: str) -> str:
        return " ".join(value.split())

    @property
    def vereisten(self) -> tuple[Vereiste, ...]:
        return tuple(parse_vereiste(t) for t in self.benodigd)

    @property
    def aanvullende_vereisten(self) -> tuple[Vereiste, ...]:
        return tuple(parse_vereiste(t) for t in self.aanvullend)

    @property
    def set(self) -> str:
        return self.id.split(".", 1)[0]


class IndicatorSet(BaseModel):
    """One file of the catalogue: a named set of indicators with its conventions."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    set: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    titel: str = Field(min_length=1)
    bron: str = Field(min_length=1)
    omschrijving: str = ""
    conventies: dict[str, Any] = Field(default_factory=dict)
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
            if ind.groep is not None and ind.groep not in self.groepen:
                raise ValueError(f"indicator {ind.id}: groep '{ind.groep}' staat niet onder 'groepen'")
        return self

    def groep_naam(self, indicator: Indicator) -> str | None:
        return self.groepen.get(indicator.groep) if indicator.groep else None


@dataclass(frozen=True)
class Catalogus:
    sets: tuple[IndicatorSet, ...]

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


# ------------------------------------------------------------------------------------ YAML with line numbers


class _Mapping(dict):  # type: ignore[type-arg]
    """A YAML mapping that remembers the line of each key (1-based)."""

    lines: dict[Any, int]


class _Sequence(list):  # type: ignore[type-arg]
    """A YAML sequence that remembers the line of each item (1-based)."""

    lines: list[int]


class _LineLoader(yaml.SafeLoader):
    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> _Mapping:  # type: ignore[override]
        result = _Mapping(super().construct_mapping(node, deep=True))
        result.lines = {self.construct_object(k, deep=True): k.start_mark.line + 1 for k, _ in node.value}
        return result

    def construct_sequence(self, node: yaml.SequenceNode, deep: bool = False) -> _Sequence:  # type: ignore[override]
        result = _Sequence(super().construct_sequence(node, deep=True))
        result.lines = [item.start_mark.line + 1 for item in node.value]
        return result


_LineLoader.add_constructor("tag:yaml.org,2002:map", _LineLoader.construct_mapping)
_LineLoader.add_constructor("tag:yaml.org,2002:seq", _LineLoader.construct_sequence)


def _locate(data: Any, loc: tuple[int | str, ...]) -> tuple[int | None, str | None]:
    """The line of the deepest node on ``loc`` and the id of the indicator it lies in."""
    line, indicator_id, node = None, None, data
    for key in loc:
        if isinstance(node, _Mapping) and key in node:
            line, node = node.lines.get(key, line), node[key]
        elif isinstance(node, _Sequence) and isinstance(key, int) and key < len(node):
            line, node = node.lines[key], node[key]
        else:
            break
        if isinstance(node, dict) and isinstance(node.get("id"), str):
            indicator_id = node["id"]
    return line, indicator_id


_MESSAGES = {  # pydantic's English messages for the common mistakes, in Dutch
    "missing": "ontbreekt",
    "extra_forbidden": "onbekend veld",
    "string_too_short": "mag niet leeg zijn",
    "too_short": "mag niet leeg zijn",
    "string_pattern_mismatch": "heeft niet de juiste vorm",
    "string_type": "moet tekst zijn",
    "model_type": "moet een verzameling velden zijn",
    "tuple_type": "moet een lijst zijn",
}


def _describe(path: Path, exc: ValidationError, data: Any) -> str:
    lines = []
    for err in exc.errors():
        loc = tuple(err["loc"])
        line, indicator_id = _locate(data, loc)
        where = (
            path.name + (f", regel {line}" if line else "") + (f" (indicator {indicator_id})" if indicator_id else "")
        )
        field = ".".join(str(p) for p in loc[2:] if not isinstance(p, int)) if indicator_id else ".".join(map(str, loc))
        message = _MESSAGES.get(err["type"], str(err["msg"]).removeprefix("Value error, "))
        lines.append(f"{where}: {field + ': ' if field else ''}{message}")
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------------- loading


def load_indicator_file(path: Path, contract: Contract | None = None) -> IndicatorSet:
    """Read and validate one indicator file; raise :class:`CatalogError` naming file, line and indicator."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)  # _LineLoader is a SafeLoader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path.name}, regel {mark.line + 1}" if mark else path.name
        raise CatalogError(f"{where}: geen geldige YAML ({getattr(exc, 'problem', exc)})") from None
    except OSError as exc:
        raise CatalogError(f"{path.name}: kan het bestand niet lezen ({exc.strerror})") from None
    try:
        return IndicatorSet.model_validate(data, context={"contract": contract or load_contract()})
    except ValidationError as exc:
        raise CatalogError(_describe(path, exc, data)) from None


def shipped_files() -> list[Path]:
    folder = resources.files(__package__).joinpath(PACKAGE_DIR)
    return sorted(Path(str(folder)).glob("*.yaml"))


def load_catalog(extra: Iterable[Path] = (), contract: Contract | None = None) -> Catalogus:
    """The shipped indicator sets followed by ``extra`` files (a region's own), each validated."""
    sets = [load_indicator_file(p, contract) for p in [*shipped_files(), *extra]]
    names = [s.set for s in sets]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise CatalogError(f"indicatorset(s) {', '.join(duplicates)} komen in meer dan één bestand voor")
    return Catalogus(tuple(sets))


@cache
def shipped_catalog() -> Catalogus:
    """The shipped catalogue, loaded once."""
    return load_catalog()
