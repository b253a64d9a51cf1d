"""The reader's own structural checks, run on every message whether or not an XSD folder is configured.

The allowed element paths per message type, with their cardinality and simple type, are data
(``data/paden.csv``, derived from the iJw 3.2 XSDs by ``tools/build_ijw_paden.py``). One walk over the
element tree checks that every element stands where the message type allows it, that required elements are
present and single elements single, and that values of the types the product relies on are readable: dates
that exist, a BSN that passes the elfproef, amounts and codes of the right shape. Releases 3.0 and 3.1 are
checked against the same paths: the elements the product reads have not moved since 3.0.

The first problem found is returned; a message has one reason to be quarantined.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib import resources

from lxml import etree

from jeugdmonitor.sources.ijw.bericht import Bericht, local
from jeugdmonitor.store.pseudonym import elfproef


@dataclass(frozen=True)
class Element:
    minimum: int
    maximum: int | None  # None: unbounded
    type: str  # LDT_… for a simple element, '' for a composite


@dataclass
class Spec:
    """The allowed children of every composite path of one message type."""

    children: dict[str, dict[str, Element]] = field(default_factory=dict)


@cache
def specs() -> dict[str, Spec]:
    """Message type -> its :class:`Spec`, read once from the shipped path table."""
    result: dict[str, Spec] = {}
    text = resources.files("jeugdmonitor.sources.ijw").joinpath("data/paden.csv").read_text(encoding="utf-8")
    for row in csv.DictReader(text.splitlines()):
        spec = result.setdefault(row["bericht"], Spec())
        parent, _, name = row["pad"].rpartition("/")
        maximum = None if row["max"] == "n" else int(row["max"])
        spec.children.setdefault(parent, {})[name] = Element(int(row["min"]), maximum, row["type"])
    return result


@cache
def _check_date(value: str) -> str | None:
    """JJJJ-MM-DD of a date that exists. Cached: a delivery has a few thousand distinct dates, each many times.

    ``isdecimal`` is what the ``\\d`` of a regular expression accepts, without the regular expression's cost.
    """
    if not (
        len(value) == 10 and value[4] == "-" and value[7] == "-"
        and value[:4].isdecimal() and value[5:7].isdecimal() and value[8:].isdecimal()
    ):  # fmt: skip
        return "is geen datum (JJJJ-MM-DD)"
    try:
        date.fromisoformat(value)
    except ValueError:
        return f"datum {value} bestaat niet"
    return None


def _digits(count: int | None, what: str) -> Callable[[str], str | None]:
    def check(value: str) -> str | None:
        if value.isdecimal() and (count is None or len(value) == count):
            return None
        return f"is geen {what}"

    return check


def _codes(allowed: tuple[str, ...], what: str) -> Callable[[str], str | None]:
    def check(value: str) -> str | None:
        return None if value in allowed else f"waarde {value} is geen geldige {what}"

    return check


@cache
def _bsn(value: str) -> str | None:
    # cached like the pseudonyms (clients recur); the value is never repeated in a message: it could be a real BSN
    return None if elfproef(value) else "het BSN voldoet niet aan de elfproef"


VALUE_CHECKS: dict[str, Callable[[str], str | None]] = {
    "LDT_Datum": _check_date,
    "LDT_BurgerServicenummer": _bsn,
    "LDT_Gemeente": _digits(4, "gemeentecode van vier cijfers"),
    "LDT_AgbCode": _digits(8, "AGB-code van acht cijfers"),
    "LDT_Bedrag": _digits(None, "bedrag in eurocenten"),
    "LDT_TotaalBedrag": _digits(None, "bedrag in eurocenten"),
    "LDT_Budget": _digits(None, "bedrag in eurocenten"),
    "LDT_Volume": _digits(None, "geheel getal"),
    "LDT_DebetCredit": _codes(("D", "C"), "debet/credit-aanduiding (D of C)"),
    "LDT_StatusAanlevering": _codes(("1", "2", "3", "9"), "status aanlevering (COD467)"),
    "LDT_Geslacht": _codes(("0", "1", "2", "9"), "geslacht (COD046)"),
}


@dataclass(frozen=True)
class Probleem:
    element: str  # path below Bericht, e.g. "Client/AangevraagdeProducten/AangevraagdProduct/ToewijzingEinddatum"
    reden: str


@dataclass(slots=True)
class Node:
    """A composite element compiled for one namespace pair: its children by qualified tag."""

    path: str
    children: dict[str, tuple] = field(default_factory=dict)  # tag -> (name, path, repeat, check, Node|None)
    required: list[tuple[str, str]] = field(default_factory=list)  # (name, path) of required children


def _compile(spec: Spec, path: str, ns: str, ijw: str) -> Node:
    node = Node(path)
    for name, info in spec.children.get(path, {}).items():
        child_path = f"{path}/{name}" if path else name
        sub = None if info.type else _compile(spec, child_path, ns, ijw)
        # a tuple, not an object: unpacking it is the cheapest access in the walk below
        child = (name, child_path, info.maximum != 1, VALUE_CHECKS.get(info.type) if info.type else None, sub)
        # the path table has no namespaces: an element may be the message's own or the basisschema's
        node.children[f"{{{ns}}}{name}"] = node.children[f"{{{ijw}}}{name}"] = child
        if info.minimum > 0:
            node.required.append((name, child_path))
    return node


_COMPILED: dict[tuple[str, str], Node] = {}


def compiled(soort: str, ns: str) -> Node | None:
    """The root node of a message type for its namespace (compiled once per type and release)."""
    found = _COMPILED.get((soort, ns))
    if found is None:
        spec = specs().get(soort)
        if spec is None:
            return None
        found = _COMPILED[(soort, ns)] = _compile(spec, "", ns, ns.rsplit("/", 2)[0] + "/basisschema/schema")
    return found


Composite = Callable[[etree._Element, "Node", bool], "dict | Probleem"]


def _walk(el: etree._Element, node: Node, composite: Composite | None = None) -> dict | Probleem:
    """The element's content as a dict (simple children as text, repeating ones as lists), or the first problem.

    One pass does both the checks and the reading, so every element is visited once (speed: ~50 elements per
    message, hundreds of thousands of messages a year). ``composite(child, node, repeats)``, when given, reads
    the composite children instead (:mod:`.vorm` reads repeating ones by their shape), with the same result.
    """
    out: dict[str, object] = {}
    children = node.children
    for child in el:
        c = children.get(child.tag)
        if c is None:
            if not isinstance(child.tag, str):
                continue  # processing instruction or entity
            name = local(child.tag)
            where = f"onder {node.path}" if node.path else "in het bericht"
            return Probleem(
                f"{node.path}/{name}" if node.path else name, f"element {name} is hier niet toegestaan ({where})"
            )
        name, path, repeat, check, sub = c
        if sub is None:
            value = child.text
            if value is None or not (value := value.strip()):
                return Probleem(path, "het element is leeg")
            if check is not None:
                reden = check(value)
                if reden is not None:
                    return Probleem(path, reden)
        else:
            value = _walk(child, sub) if composite is None else composite(child, sub, repeat)
            if value.__class__ is Probleem:
                return value  # type: ignore[return-value]
        if repeat:
            if name in out:
                out[name].append(value)  # type: ignore[attr-defined]
            else:
                out[name] = [value]
        elif name in out:
            return Probleem(path, "element komt meer dan één keer voor (hoogstens 1)")
        else:
            out[name] = value
    for name, path in node.required:
        if name not in out:
            return Probleem(path, "verplicht element ontbreekt")
    return out


def read_structure(bericht: Bericht) -> dict | Probleem:
    """The message's content as nested dicts (below ``Bericht``) or its first structural problem."""
    node = compiled(bericht.soort, bericht.ns)
    if node is None:
        return Probleem("Bericht", f"berichtsoort {bericht.soort} is onbekend")
    return _walk(bericht.root, node)
