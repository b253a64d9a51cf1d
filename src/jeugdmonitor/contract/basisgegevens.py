"""The 36 basisgegevens (BG1–BG36) of the Haaglanden note as validated data, read from ``basisgegevens.yaml``.

Each basisgegeven says where the input contract carries it (``bron``: table, column and an optional
SQL-free condition such as ``maatregelen.begindatum waar kader = preventief``) or why the contract does
not (``niet_in_contract``). The data-quality report judges a delivery per basisgegeven from these.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from jeugdmonitor.contract import Contract, load_contract
from jeugdmonitor.errors import UserError

FILE_NAME = "basisgegevens.yaml"
AANTAL = 36  # the seed's Bijlage 1 numbers them 1..36
CLIENT = "client"  # the client column (bsn or client_id) of a table that identifies young persons

Groep = Literal["jeugdige", "jeugdhulp", "PGB", "budget en uitgaven", "cliëntervaring", "JB-tafel", "JB/JR"]
GROEPEN: tuple[str, ...] = Groep.__args__  # type: ignore[attr-defined]

_BRON = re.compile(r"^(?P<tabel>\w+)\.(?P<kolom>\w+)(?: waar (?P<wkolom>\w+) = (?P<waarden>[\w-]+(?:, *[\w-]+)*))?$")


class BasisgegevensError(UserError):
    """basisgegevens.yaml does not validate; the message names the file and the basisgegeven."""


@dataclass(frozen=True)
class Bron:
    """Where the contract carries a basisgegeven: a column, on the rows where ``waar_kolom`` has one of the values."""

    tabel: str
    kolom: str
    waar_kolom: str | None = None
    waar_waarden: tuple[str, ...] = ()

    def __str__(self) -> str:
        text = f"{self.tabel}.{self.kolom}"
        if self.waar_kolom:
            text += f" waar {self.waar_kolom} = {', '.join(self.waar_waarden)}"
        return text


def parse_bron(text: str) -> Bron:
    """'maatregelen.begindatum waar kader = JB, JR' → Bron('maatregelen', 'begindatum', 'kader', ('JB', 'JR'))."""
    match = _BRON.match(text.strip())
    if not match:
        raise ValueError(f"'{text}' is geen bron van de vorm 'tabel.kolom' of 'tabel.kolom waar kolom = waarde, ...'")
    values = tuple(v.strip() for v in match["waarden"].split(",")) if match["waarden"] else ()
    return Bron(match["tabel"], match["kolom"], match["wkolom"], values)


@dataclass(frozen=True)
class Basisgegeven:
    nummer: int
    naam: str
    definitie: str
    groep: str
    categorieen: tuple[str, ...] | dict[str, tuple[str, ...]]
    waarden: str
    toelichting: str
    bronnen: tuple[Bron, ...]
    vereist: Literal["een", "alle"]
    niet_in_contract: str | None

    @property
    def code(self) -> str:
        return f"BG{self.nummer}"


class _BasisgegevenSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")
    nummer: int = Field(ge=1, le=AANTAL)
    naam: str = Field(min_length=1)
    definitie: str = Field(min_length=1)
    groep: Groep
    categorieen: list[str] | dict[str, list[str]] = Field(default_factory=list)
    waarden: str = ""
    toelichting: str = ""
    bron: list[str] = Field(default_factory=list)
    vereist: Literal["een", "alle"] = "een"
    niet_in_contract: str | None = None

    @field_validator("bron")
    @classmethod
    def _parse(cls, value: list[str]) -> list[str]:
        for text in value:
            parse_bron(text)
        return value

    @model_validator(mode="after")
    def _bron_or_reason(self) -> _BasisgegevenSpec:
        if bool(self.bron) == bool(self.niet_in_contract):
            raise ValueError("geef precies één van 'bron' en 'niet_in_contract'")
        return self


class _FileSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")
    basisgegevens: list[_BasisgegevenSpec]

    @model_validator(mode="after")
    def _numbered_one_to_n(self) -> _FileSpec:
        numbers = [b.nummer for b in self.basisgegevens]
        if numbers != list(range(1, AANTAL + 1)):
            raise ValueError(f"de basisgegevens moeten 1 tot en met {AANTAL} zijn, op volgorde")
        return self


def _check_against_contract(bg: Basisgegeven, contract: Contract) -> None:
    """Every bron names a real table and column (or the table's client column) and a real condition."""
    for bron in bg.bronnen:
        where = f"{FILE_NAME}: {bg.code}: bron '{bron}'"
        if bron.tabel not in contract.table_names:
            raise BasisgegevensError(f"{where}: tabel '{bron.tabel}' staat niet in het contract")
        table = contract.table(bron.tabel)
        for column in filter(None, (bron.kolom, bron.waar_kolom)):
            if column == CLIENT and table.client:
                continue
            if column not in table.column_names:
                raise BasisgegevensError(f"{where}: kolom '{column}' staat niet in tabel {bron.tabel}")
        if bron.waar_kolom and (codes := table.column(bron.waar_kolom).codes):
            unknown = [v for v in bron.waar_waarden if v not in codes]
            if unknown:
                raise BasisgegevensError(f"{where}: onbekende waarde(n) {', '.join(unknown)}")


def _to_domain(spec: _BasisgegevenSpec) -> Basisgegeven:
    cats = spec.categorieen
    categorieen = {k: tuple(v) for k, v in cats.items()} if isinstance(cats, dict) else tuple(cats)
    return Basisgegeven(
        nummer=spec.nummer,
        naam=spec.naam,
        definitie=" ".join(spec.definitie.split()),
        groep=spec.groep,
        categorieen=categorieen,
        waarden=spec.waarden,
        toelichting=" ".join(spec.toelichting.split()),
        bronnen=tuple(parse_bron(b) for b in spec.bron),
        vereist=spec.vereist,
        niet_in_contract=" ".join(spec.niet_in_contract.split()) if spec.niet_in_contract else None,
    )


def parse_basisgegevens(text: str, contract: Contract | None = None) -> tuple[Basisgegeven, ...]:
    """Validate the YAML text of a basisgegevens file; errors name the file and the basisgegeven."""
    data = yaml.safe_load(text)
    try:
        spec = _FileSpec.model_validate(data)
    except ValidationError as exc:
        raise BasisgegevensError(_describe(exc, data)) from None
    result = tuple(_to_domain(s) for s in spec.basisgegevens)
    for bg in result:
        _check_against_contract(bg, contract or load_contract())
    return result


def _describe(exc: ValidationError, data: object) -> str:
    lines = [f"{FILE_NAME} is ongeldig:"]
    for err in exc.errors():
        loc = err["loc"]
        label = ".".join(str(p) for p in loc)
        if len(loc) >= 2 and loc[0] == "basisgegevens" and isinstance(loc[1], int) and isinstance(data, dict):
            item = data["basisgegevens"][loc[1]]
            nummer = item.get("nummer", "?") if isinstance(item, dict) else "?"
            label = f"BG{nummer}" + "".join(f".{p}" for p in loc[2:])
        lines.append(f"  {label}: {err['msg']}")
    return "\n".join(lines)


@cache
def load_basisgegevens() -> tuple[Basisgegeven, ...]:
    """The shipped basisgegevens BG1–BG36, validated against the contract."""
    text = resources.files(__package__).joinpath(FILE_NAME).read_text(encoding="utf-8")
    return parse_basisgegevens(text)
