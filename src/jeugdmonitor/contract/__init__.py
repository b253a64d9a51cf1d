"""The input contract (shared/spec/gegevens.md) as validated data, read from ``tabellen.yaml``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator

ColumnType = Literal[
    "tekst", "code", "lijst", "datum", "maand", "bedrag", "getal", "geheel", "janee",
    "gemeentecode", "wijkcode", "postcode", "periode",
]  # fmt: skip


class _ColumnSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")
    type: ColumnType
    codes: list[str] | None = None
    verplicht: bool = False
    gepland: bool = False
    bg: list[int] = Field(default_factory=list)
    omschrijving: str = ""

    @model_validator(mode="after")
    def _codes_for_code_types(self) -> _ColumnSpec:
        if self.type in ("code", "lijst") and not self.codes:
            raise ValueError(f"een kolom van type {self.type} heeft 'codes' nodig")
        return self


class _TableSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")
    omschrijving: str
    verplicht: bool = False
    client: Literal["verplicht", "optioneel"] | None = None
    sleutel: list[str] = Field(default_factory=list)
    kolommen: dict[str, _ColumnSpec]


class _ContractSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")
    tabellen: dict[str, _TableSpec]


@dataclass(frozen=True)
class Column:
    """One column of a contract table."""

    name: str
    type: ColumnType
    codes: tuple[str, ...] | None
    required: bool
    bg: tuple[int, ...]
    description: str
    planned: bool = False  # a planned date: a value after the peildatum is expected


@dataclass(frozen=True)
class Table:
    """One table of the contract. ``client`` says whether rows identify a young person (bsn/client_id)."""

    name: str
    description: str
    required: bool
    client: Literal["verplicht", "optioneel"] | None
    key: tuple[str, ...]
    columns: tuple[Column, ...]

    def column(self, name: str) -> Column:
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(name)

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @property
    def has_gemeente(self) -> bool:
        return "gemeente" in self.column_names


@dataclass(frozen=True)
class Contract:
    tables: tuple[Table, ...]

    def table(self, name: str) -> Table:
        for t in self.tables:
            if t.name == name:
                return t
        raise KeyError(name)

    @property
    def table_names(self) -> tuple[str, ...]:
        return tuple(t.name for t in self.tables)


CLIENT_COLUMNS = ("bsn", "client_id")


@cache
def load_contract() -> Contract:
    """Read and validate the shipped contract."""
    text = resources.files(__package__).joinpath("tabellen.yaml").read_text(encoding="utf-8")
    spec = _ContractSpec.model_validate(yaml.safe_load(text))
    tables = []
    for tname, t in spec.tabellen.items():
        cols = tuple(
            Column(
                cname, c.type, tuple(c.codes) if c.codes else None, c.verplicht, tuple(c.bg), c.omschrijving, c.gepland
            )
            for cname, c in t.kolommen.items()
        )
        tables.append(Table(tname, t.omschrijving, t.verplicht, t.client, tuple(t.sleutel), cols))
    return Contract(tuple(tables))
