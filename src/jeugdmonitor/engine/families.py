"""Indicator families as data: each family is a YAML file with one SQL template (Jinja2) and the
indicators it computes, each with its parameters (a scope, a merge gap, …).

The SQL of a family reads the TEMP table ``perioden`` and the base views of ``engine.basis`` and returns one
row per value with the columns ``periode, gemeente (NULL = the region), dim, dimwaarde, maat, teller, noemer,
waarde`` — for all requested periods, municipalities and splits at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

from jeugdmonitor.catalog.yamlbron import SafeLoader
from jeugdmonitor.engine.records import Eenheid
from jeugdmonitor.errors import UserError

FAMILY_DIR = "families"


class _FamilySpec(BaseModel):
    model_config = ConfigDict(extra="forbid")
    familie: str
    omschrijving: str
    eenheid: Eenheid
    eenheid_per_maat: dict[str, Eenheid] = {}  # measures whose unit differs from the family's
    maten: list[str] = []
    dimensies: list[str]
    parameters: dict[str, Any]
    sql: str | None = None  # a Jinja2 SQL template ...
    functie: str | None = None  # ... or a function 'module:name' for a computation that is more than one query
    indicatoren: dict[str, dict[str, Any]]

    @model_validator(mode="after")
    def _sql_or_function(self) -> _FamilySpec:
        if (self.sql is None) == (self.functie is None):
            raise ValueError("een familie heeft óf 'sql' óf 'functie'")
        return self


@dataclass(frozen=True)
class Family:
    name: str
    description: str
    eenheid: Eenheid
    eenheid_per_maat: dict[str, Eenheid]
    maten: tuple[str, ...]
    dimensies: tuple[str, ...]
    defaults: dict[str, Any]
    sql: str | None
    functie: str | None
    source: str  # file name, for messages


@dataclass(frozen=True)
class Computation:
    """How one indicator is computed: its family and its parameters (the family's defaults filled in)."""

    indicator: str
    family: Family
    params: dict[str, Any]
    eenheid: Eenheid  # the indicator's unit: its own `eenheid`, else the family's

    def unit(self, maat: str | None) -> Eenheid:
        return self.family.eenheid_per_maat.get(maat or "", self.eenheid)


def _parse(path: Path, text: str) -> tuple[Family, list[Computation]]:
    try:
        spec = _FamilySpec.model_validate(yaml.load(text, Loader=SafeLoader))
    except (ValidationError, yaml.YAMLError) as exc:
        raise UserError(f"{path.name}: ongeldige familiedefinitie: {exc}") from None
    family = Family(
        spec.familie, spec.omschrijving, spec.eenheid, dict(spec.eenheid_per_maat), tuple(spec.maten),
        tuple(spec.dimensies), dict(spec.parameters), spec.sql, spec.functie, path.name,
    )  # fmt: skip
    computations = []
    for indicator, given in spec.indicatoren.items():
        params = dict(given)
        eenheid = params.pop("eenheid", spec.eenheid)  # an indicator may have a unit of its own
        unknown = set(params) - set(spec.parameters)
        if unknown:
            raise UserError(f"{path.name}: indicator {indicator}: onbekende parameter(s) {', '.join(sorted(unknown))}")
        computations.append(Computation(indicator, family, {**spec.parameters, **params}, eenheid))
    return family, computations


def load_families(extra_dirs: tuple[Path, ...] = ()) -> dict[str, Computation]:
    """Every computable indicator by id: the shipped families, then a region's own (which override by id)."""
    paths = sorted(Path(str(resources.files("jeugdmonitor.catalog").joinpath(FAMILY_DIR))).glob("*.yaml"))
    for folder in extra_dirs:
        paths += sorted(folder.glob("*.yaml"))
    found: dict[str, Computation] = {}
    for path in paths:
        _, computations = _parse(path, path.read_text(encoding="utf-8"))
        found.update({c.indicator: c for c in computations})
    return found


@cache
def shipped_families() -> dict[str, Computation]:
    return load_families()
