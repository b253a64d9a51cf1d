"""Goal trees (doelenbomen) as data: ``catalog/doelen/*.yaml``, validated into typed models.

A tree has an opgave, its randvoorwaarden and beleidsuitgangspunten, and goals (doelen); a goal has an owner,
its circle of influence (gemeente, aanbieder, verwijzer), linked control measures (beheersmaatregelen, by the
name in the register) and indicators (by catalogue id), each with zero or more targets (streefwaarden). The
target types (``soort``):

- ``verandering``: ``verandering`` percent against ``basisjaar`` by ``doeljaar``, on a straight path
  (−30% in 2027 against 2024);
- ``jaarlijks``: ``per_jaar`` percent a year with a floor of ``verandering`` percent by ``doeljaar`` (−5% a
  year, at least −15% by 2027): the path is the more demanding of the two;
- ``groeipad``: ``per_jaar`` percent a year (compounded) up to ``verandering`` percent, which is due in
  ``doeljaar`` (+10% a year up to +40% in 2028 against 2025);
- ``aandeel``: a share of at least ``minimaal`` (or at most ``maximaal``) percent in every period;
- ``niveau``: a level of at most ``maximaal`` (or at least ``minimaal``) in the indicator's unit, or at most
  the value of another measure (``maximaal_maat``: the forecast against the budget);
- ``richting``: a ``dalend`` or ``stijgend`` trend over the last ``venster`` complete periods of
  ``perioden``, judged by the Mann-Kendall test (engine/trend.py), not by two points.

``tolerantie`` (per tree or per target) sets how far behind still counts as ``op koers`` and as ``risico``:
percentage points for the relative types and shares, the indicator's unit for levels (percent of the other
measure with ``maximaal_maat``), and the significance level ``alpha`` of the trend test. A region adds a
tree, or replaces a shipped one by its ``boom`` id, with a folder of YAML files; no Python. A malformed file is
rejected with its name and line: "verblijf.yaml, regel 12: doelen.0.indicatoren.1.streefwaarden.0: …".
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from jeugdmonitor.catalog.yamlbron import describe_errors, locate, read_yaml
from jeugdmonitor.errors import UserError

PACKAGE_DIR = "doelen"
Soort = Literal["verandering", "jaarlijks", "groeipad", "aandeel", "niveau", "richting"]
Invloed = Literal["gemeente", "aanbieder", "verwijzer", "regio", "jeugdige"]
TrendPerioden = Literal["jaar", "halfjaar", "tertaal", "kwartaal"]
PADSOORTEN = ("verandering", "jaarlijks", "groeipad")

# Default tolerances per target type: (op_koers, risico). Relative types: percentage points of change against
# the baseline; shares: percentage points; levels: the unit (percent of the other measure with maximaal_maat).
STANDAARD_TOLERANTIE: dict[str, tuple[float, float]] = {
    "verandering": (2.0, 5.0),
    "jaarlijks": (2.0, 5.0),
    "groeipad": (2.0, 5.0),
    "aandeel": (0.0, 5.0),
    "niveau": (0.0, 0.0),
    "richting": (0.0, 0.0),
}
STANDAARD_ALPHA = 0.05
NIVEAU_MAAT_RISICO = 2.0  # percent over the other measure (budget) that is still a risk, not a miss


class DoelenError(UserError):
    """A goal-tree file does not validate; the message names file and line."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Tolerantie(_Model):
    """How far behind the path or the norm still counts as ``op koers`` and as ``risico``; unset fields come
    from the tree, then from the defaults of the target type."""

    op_koers: float | None = Field(default=None, ge=0)
    risico: float | None = Field(default=None, ge=0)
    alpha: float | None = Field(default=None, gt=0, lt=0.5)  # significance level of the trend test

    def boven(self, other: Tolerantie | None) -> Tolerantie:
        """These tolerances, with unset fields taken from ``other``."""
        if other is None:
            return self
        return Tolerantie(
            op_koers=self.op_koers if self.op_koers is not None else other.op_koers,
            risico=self.risico if self.risico is not None else other.risico,
            alpha=self.alpha if self.alpha is not None else other.alpha,
        )


class Streefwaarde(_Model):
    """One target; which fields it needs depends on ``soort`` (see the module docstring)."""

    soort: Soort
    tekst: str = Field(min_length=1)  # the target as the tree states it
    indicator: str | None = None  # another indicator than the node's (the node's by default)
    maat: str | None = None  # another measure than the node's
    dimensies: dict[str, str] = Field(default_factory=dict)  # one category of the indicator's own split
    basisjaar: int | None = Field(default=None, ge=2000, le=2100)
    doeljaar: int | None = Field(default=None, ge=2000, le=2100)
    verandering: float | None = None  # percent against the baseline, due in the target year
    per_jaar: float | None = None  # percent a year
    minimaal: float | None = None
    maximaal: float | None = None
    maximaal_maat: str | None = None
    richting: Literal["dalend", "stijgend"] | None = None
    perioden: TrendPerioden = "halfjaar"  # the periods of the trend test
    venster: int = Field(default=8, ge=3, le=40)  # how many complete periods the trend test looks at
    min_perioden: int = Field(default=4, ge=3)
    tolerantie: Tolerantie | None = None
    niet_meetbaar: str | None = None  # why the monitor cannot test this target (stated, never silent)
    toelichting: str = ""  # the monitor's reading where the tree is ambiguous

    @field_validator("tekst", "toelichting", "niet_meetbaar")
    @classmethod
    def _one_line(cls, value: str | None) -> str | None:
        return None if value is None else " ".join(value.split())

    @model_validator(mode="after")
    def _fields_of_the_type(self) -> Streefwaarde:
        need: dict[str, tuple[str, ...]] = {
            "verandering": ("basisjaar", "doeljaar", "verandering"),
            "jaarlijks": ("basisjaar", "doeljaar", "verandering", "per_jaar"),
            "groeipad": ("basisjaar", "doeljaar", "verandering", "per_jaar"),
            "richting": ("richting",),
        }
        missing = [f for f in need.get(self.soort, ()) if getattr(self, f) is None]
        if missing:
            raise ValueError(f"een streefwaarde van soort '{self.soort}' vraagt {', '.join(missing)}")
        if self.soort in PADSOORTEN:
            assert self.basisjaar is not None and self.doeljaar is not None
            if self.doeljaar <= self.basisjaar:
                raise ValueError("het doeljaar moet na het basisjaar liggen")
            if self.verandering == 0:
                raise ValueError("een verandering van 0% geeft geen richting; gebruik 'niveau'")
            if self.per_jaar is not None and self.verandering is not None and self.per_jaar * self.verandering < 0:
                raise ValueError("per_jaar en verandering moeten dezelfde kant op gaan")
        if self.soort in ("aandeel", "niveau"):
            bounds = [f for f in ("minimaal", "maximaal", "maximaal_maat") if getattr(self, f) is not None]
            if len(bounds) != 1:
                raise ValueError(f"een streefwaarde van soort '{self.soort}' vraagt één van minimaal, maximaal")
            if self.soort == "aandeel" and self.maximaal_maat is not None:
                raise ValueError("maximaal_maat hoort bij soort 'niveau'")
        return self

    def tolerantie_met(self, boom: Tolerantie | None) -> tuple[float, float, float]:
        """(op_koers, risico, alpha) for this target: its own, the tree's, then the type's defaults."""
        merged = (self.tolerantie or Tolerantie()).boven(boom)
        op_koers, risico = STANDAARD_TOLERANTIE[self.soort]
        if self.soort == "niveau" and self.maximaal_maat is not None:
            risico = NIVEAU_MAAT_RISICO
        op = merged.op_koers if merged.op_koers is not None else op_koers
        ri = merged.risico if merged.risico is not None else risico
        return op, max(op, ri), merged.alpha if merged.alpha is not None else STANDAARD_ALPHA


class DoelIndicator(_Model):
    """An indicator under a goal (i1, i2, …): the catalogue indicator that shows it and its targets."""

    id: str = Field(min_length=1)
    titel: str = Field(min_length=1)
    indicator: str = Field(min_length=1)
    maat: str | None = None  # the measure shown (and tested, unless a target names another)
    streefwaarden: tuple[Streefwaarde, ...] = ()
    toelichting: str = ""


class Doel(_Model):
    id: str = Field(min_length=1)
    titel: str = Field(min_length=1)
    eigenaar: str = ""  # who acts (steering plan)
    invloed: tuple[Invloed, ...] = ()  # circle of influence
    beheersmaatregelen: tuple[str, ...] = ()  # names (maatregel or thema) in the register
    indicatoren: tuple[DoelIndicator, ...] = Field(min_length=1)
    toelichting: str = ""


class Doelboom(_Model):
    boom: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    titel: str = Field(min_length=1)
    bron: str = Field(min_length=1)
    opgave: str = Field(min_length=1)
    randvoorwaarden: tuple[str, ...] = ()
    beleidsuitgangspunten: tuple[str, ...] = ()
    cyclus: str = ""  # the steering cycle (PDCA, tellen en vertellen)
    tolerantie: Tolerantie | None = None
    doelen: tuple[Doel, ...] = Field(min_length=1)

    @field_validator("randvoorwaarden", "beleidsuitgangspunten")
    @classmethod
    def _lines(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(" ".join(v.split()) for v in value)

    @model_validator(mode="after")
    def _unique_ids(self) -> Doelboom:
        ids = [d.id for d in self.doelen]
        doubles = sorted({i for i in ids if ids.count(i) > 1})
        if doubles:
            raise ValueError(f"doel {', '.join(doubles)} komt meer dan eens voor")
        for d in self.doelen:
            node_ids = [i.id for i in d.indicatoren]
            doubles = sorted({i for i in node_ids if node_ids.count(i) > 1})
            if doubles:
                raise ValueError(f"doel {d.id}: indicator {', '.join(doubles)} komt meer dan eens voor")
        return self


_MORE = {
    "literal_error": "moet een van {expected} zijn",
    "float_parsing": "moet een getal zijn",
    "float_type": "moet een getal zijn",
    "less_than_equal": "mag niet groter zijn dan {le}",
    "greater_than": "moet groter zijn dan {gt}",
    "less_than": "moet kleiner zijn dan {lt}",
}


def _describe(path: Path, exc: ValidationError, data: object) -> str:
    return describe_errors(path, exc, data, _MORE)


def _known_indicators() -> set[str]:
    from jeugdmonitor.engine.families import shipped_families

    return set(shipped_families())


def _check_indicators(path: Path, boom: Doelboom, data: object, known: set[str]) -> None:
    problems = []
    for d, doel in enumerate(boom.doelen):
        for i, node in enumerate(doel.indicatoren):
            refs = [(("doelen", d, "indicatoren", i, "indicator"), node.indicator)]
            refs += [
                (("doelen", d, "indicatoren", i, "streefwaarden", s, "indicator"), t.indicator)
                for s, t in enumerate(node.streefwaarden)
                if t.indicator is not None
            ]
            for loc, ref in refs:
                if ref not in known:
                    line, _ = locate(data, loc)
                    where = path.name + (f", regel {line}" if line else "")
                    problems.append(f"{where}: onbekende of niet berekenbare indicator '{ref}'")
    if problems:
        raise DoelenError("\n".join(problems))


def laad_bestand(path: Path, known: set[str] | None = None) -> Doelboom:
    """Read and validate one goal-tree file; indicator ids are checked against the computable ones."""
    data = read_yaml(path, DoelenError)
    try:
        boom = Doelboom.model_validate(data)
    except ValidationError as exc:
        raise DoelenError(_describe(path, exc, data)) from None
    _check_indicators(path, boom, data, known if known is not None else _known_indicators())
    return boom


def shipped_files() -> list[Path]:
    folder = resources.files(__package__).joinpath(PACKAGE_DIR)
    return sorted(Path(str(folder)).glob("*.yaml"))


def _files(extra: Sequence[Path]) -> list[Path]:
    files: list[Path] = []
    for path in map(Path, extra):
        if path.is_dir():
            files += sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
        elif path.is_file():
            files.append(path)
        else:
            raise DoelenError(f"{path}: bestand of map bestaat niet")
    return files


@cache
def _shipped() -> tuple[Doelboom, ...]:
    known = _known_indicators()
    return tuple(laad_bestand(p, known) for p in shipped_files())


def laad_doelbomen(extra: Sequence[Path] = ()) -> list[Doelboom]:
    """The shipped goal trees, then a region's (files or folders in ``extra``): a tree whose ``boom`` id is
    already loaded replaces it, any other is added."""
    bomen = {b.boom: b for b in _shipped()}
    files = _files(extra)
    known = _known_indicators() if files else set()
    for path in files:
        boom = laad_bestand(path, known)
        bomen[boom.boom] = boom
    return list(bomen.values())
