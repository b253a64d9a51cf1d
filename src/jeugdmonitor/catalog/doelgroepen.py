"""The audiences (doelgroepen) of reports and the dashboard, as data in ``catalog/doelgroepen.yaml``.

An audience says whether its outputs are suppressed (indicatoren.md §7) and whether they may be public.
The file is validated on load; a malformed file is rejected with its name and line, like the indicator
files: "doelgroepen.yaml, regel 7: doelgroepen.raad.niveau: …".
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

# The line-keeping YAML loader and error locator of the indicator catalogue, so both files report alike.
from jeugdmonitor.catalog.yamlbron import MESSAGES, locate, read_yaml
from jeugdmonitor.errors import UserError

FILE = "doelgroepen.yaml"
_MOREMESSAGES = {
    "literal_error": "moet een van {expected} zijn",
    "bool_type": "moet true of false zijn",
    "bool_parsing": "moet true of false zijn",
    "int_parsing": "moet een geheel getal zijn",
    "int_type": "moet een geheel getal zijn",
    "greater_than_equal": "moet minstens {ge} zijn",
    "dict_type": "moet een verzameling velden zijn",
}
Niveau = Literal["strategisch", "tactisch", "operationeel"]


class DoelgroepError(UserError):
    """The audience file does not validate, or an audience is unknown."""


class Doelgroep(BaseModel):
    """One audience: who reads the output and how small numbers are treated."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    naam: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str = Field(min_length=1)
    niveau: Niveau
    onderdrukken: bool
    openbaar: bool
    clientniveau: bool = False  # may show individual young persons (case workers)
    k: int = Field(default=5, ge=2)  # counts from 1 to k-1 are suppressed

    @model_validator(mode="after")
    def _public_is_protected(self) -> Doelgroep:
        if self.openbaar and not self.onderdrukken:
            raise ValueError(f"doelgroep {self.naam} is openbaar en moet dus 'onderdrukken: true' hebben")
        if self.openbaar and self.clientniveau:
            raise ValueError(f"doelgroep {self.naam} toont gegevens op clientniveau en mag niet openbaar zijn")
        return self


class _File(BaseModel):
    model_config = ConfigDict(extra="forbid")

    doelgroepen: dict[str, dict[str, object]] = Field(min_length=1)


def load_doelgroepen(path: Path | None = None) -> dict[str, Doelgroep]:
    """Read and validate an audience file (the shipped one by default), keyed by name in file order."""
    path = path or Path(str(resources.files(__package__).joinpath(FILE)))
    data = read_yaml(path, DoelgroepError)
    try:
        body = _File.model_validate(data)
    except ValidationError as exc:
        raise DoelgroepError(_describe(path, exc, data)) from None
    result = {}
    for naam, fields in body.doelgroepen.items():
        try:
            result[naam] = Doelgroep.model_validate({"naam": naam, **fields})
        except ValidationError as exc:
            raise DoelgroepError(_describe(path, exc, data, ("doelgroepen", naam))) from None
    return result


def _describe(path: Path, exc: ValidationError, data: object, prefix: tuple[str, ...] = ()) -> str:
    """Each error as 'file, regel N: doelgroepen.raad.niveau: message' in Dutch."""
    lines = []
    for err in exc.errors():
        loc = (*prefix, *(str(p) for p in err["loc"]))
        line, _ = locate(data, loc)
        where = path.name + (f", regel {line}" if line else "")
        message = MESSAGES.get(err["type"], str(err["msg"]).removeprefix("Value error, "))
        if err["type"] in _MOREMESSAGES:
            message = _MOREMESSAGES[err["type"]].format(**err.get("ctx", {})).replace("' or '", "' of '")
        lines.append(f"{where}: {'.'.join(loc)}: {message}")
    return "\n".join(lines)


@cache
def shipped_doelgroepen() -> dict[str, Doelgroep]:
    """The shipped audiences, loaded once."""
    return load_doelgroepen()


def doelgroep(naam: str) -> Doelgroep:
    """The shipped audience ``naam``; an unknown name fails with the names that exist."""
    try:
        return shipped_doelgroepen()[naam]
    except KeyError:
        known = ", ".join(shipped_doelgroepen())
        raise DoelgroepError(f"onbekende doelgroep '{naam}'; bekend zijn: {known}") from None
