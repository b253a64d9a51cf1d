"""The structural checks without walking the element tree, for messages whose markup was seen before.

Most messages of a delivery have one of a few shapes: every JW305 of a sender has the same elements in the same
order, only the texts differ. Walking the lxml tree of every message (an element proxy, a tag string and a text
string per element, ~50 elements per message) was half of the reading time. Here the markup of a message (its
bytes with the texts between the tags left out) is the key of a *plan*: which text is which simple element,
with its path and value check, and how the content dict of :func:`.structuur.read_structure` is built. A
message of a known shape then costs one split of its bytes, the value checks and building the dict.

Exactly the same result as :func:`.structuur.read_structure`, because:

* The markup determines the element tree and every qualified name (tags, prefixes and ``xmlns`` declarations
  are all in it) as long as no text can hold markup. So only messages without ``&`` (entities, character
  references) and ``\\r`` (line ends the parser normalises), with as many ``>`` as ``<`` (no ``>`` outside a
  tag), that decode as UTF-8, are split; and a shape gets a plan only when its tags are elements (none starts
  with ``!``: comment, CDATA, DOCTYPE; none with ``?`` but an XML declaration of UTF-8 or none). For those, the
  text lxml gives an element is exactly the characters between its start tag and the next tag.
* A plan is made from a message's tree with the same walk as the checks, leaving the values out; a shape
  whose walk finds a problem that does not depend on the values (an element out of place, one too many, one
  missing, an empty element ``<X/>``) gets no plan: such messages keep taking the walk. With no such problem,
  the walk's first problem is the first simple element, in document order, that is empty or fails its value
  check: what the plan checks, in that order.

A shape gets its plan when it is seen the second time (a one-off costs no more than before). The tables are
per process and bounded.

A large message (a declaration of many clients) rarely recurs whole, but its repeating parts (the clients) do.
Its tree is walked, and every repeating composite element is read by the shape of its markup as lxml writes it
(``etree.tostring``): texts with ``<``, ``>`` or ``&`` are written escaped, so in markup without ``&`` every
text stands as it is between its start tag and the next tag, and lxml writes the namespace declarations in
scope on the element, so the markup again determines every name.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from lxml import etree

from jeugdmonitor.sources.ijw.bericht import Bericht
from jeugdmonitor.sources.ijw.structuur import Node, Probleem, _walk, compiled, read_structure

MAX_KEY_BYTES = 8 << 10  # a larger shape (a declaration of many prestaties) rarely recurs: making a plan costs more
MAX_TABLE_BYTES = 32 << 20  # characters of markup kept per process (seen and planned), at most
_DECLARATION = re.compile(r"^\?xml\s[^?]*\?$")
_ENCODING = re.compile(r"""encoding\s*=\s*["']([^"']*)["']""")
_EMPTY = "het element is leeg"

Check = Callable[[str], str | None]
Plan = Callable[[list[str]], "dict | Probleem"]  # a shape's value checks and builder, given its parts


class _Slot:
    """A simple element's value in a template: the ``index``-th simple element of the shape."""

    __slots__ = ("index",)

    def __init__(self, index: int) -> None:
        self.index = index


_PLANS: dict[object, Plan | None] = {}  # None: the shape has a problem of its own, the walk decides
_SEEN: set[object] = set()
_UNPLANNED = object()
_kept = 0  # characters of markup in both tables


def _parts(data: bytes) -> list[str] | None:
    """The message split at every ``<`` and ``>``: text, tag, text, tag, …; None when a text could hold markup
    (see the module docstring; what the tags themselves may not hold, :func:`_plain` checks once per shape)."""
    if b"&" in data or b"\r" in data:
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    parts = text.replace(">", "<").split("<")
    if len(parts) != 2 * text.count("<") + 1 or len(parts) < 3 or parts[0] not in ("", "\ufeff"):
        return None  # a ">" outside a tag, or something before the first tag
    return parts


def _plain(key: str, declaration: str) -> bool:
    """The shape's tags are elements only (no comment, CDATA, DOCTYPE or processing instruction: they would
    start with ``!`` or ``?``) after at most an XML declaration of UTF-8."""
    if "!" in key or "\x00" in key:
        return False
    marks = key.count("?")
    if not marks:
        return True
    if marks != 2 or not _DECLARATION.match(declaration):
        return False
    encoding = _ENCODING.search(declaration)
    return encoding is None or encoding.group(1).lower() in ("utf-8", "utf8")


def _template(el: etree._Element, node: Node, texts: dict[etree._Element, int], leaves: list) -> dict | None:
    """:func:`.structuur._walk` without the values: simple elements become slots, recorded in ``leaves`` as
    (index of their text, path, value check); None at the first problem that does not depend on the values."""
    out: dict[str, object] = {}
    children = node.children
    for child in el:
        c = children.get(child.tag)
        if c is None:
            return None  # not allowed here (or a node the preconditions exclude)
        name, path, repeat, check, sub = c
        if sub is None:
            index = texts.get(child)
            if index is None:
                return None  # <X/>: always empty
            value: object = _Slot(len(leaves))
            leaves.append((index, path, check))
        else:
            value = _template(child, sub, texts, leaves)
            if value is None:
                return None
        if repeat:
            if name in out:
                out[name].append(value)  # type: ignore[attr-defined]
            else:
                out[name] = [value]
        elif name in out:
            return None
        else:
            out[name] = value
    for name, _ in node.required:
        if name not in out:
            return None
    return out


def _display(value: object) -> str:
    """The template as Python dict and list displays, a slot as its variable."""
    if isinstance(value, _Slot):
        return f"v{value.index}"
    if isinstance(value, list):
        return "[" + ", ".join(_display(v) for v in value) + "]"
    assert isinstance(value, dict)
    return "{" + ", ".join(f"{name!r}: {_display(v)}" for name, v in value.items()) + "}"


def _source(template: dict, leaves: list[tuple[int, str, Check | None]], checks: dict[Check, str]) -> str:
    """The plan as one function: per simple element in document order its text, stripped, checked (empty, then
    its value check) as the walk checks it, and at the end the content dict."""
    lines = ["def plan(p):"]
    for k, (index, path, check) in enumerate(leaves):
        lines.append(f"    v{k} = p[{index}].strip()")
        lines.append(f"    if not v{k}: return P({path!r}, EMPTY)")
        if check is not None:
            name = checks.setdefault(check, f"c{len(checks)}")
            lines.append(f"    r = {name}(v{k})")
            lines.append(f"    if r is not None: return P({path!r}, r)")
    lines.append(f"    return {_display(template)}")
    return "\n".join(lines)


def _plan(bericht: Bericht, parts: list[str], key: str) -> Plan | None:
    """The plan of the message's shape, or None when the shape itself has a problem or may hold more than
    elements."""
    node = compiled(bericht.soort, bericht.ns)
    if node is None or not _plain(key, parts[1]):
        return None
    return _make(bericht.root, node, parts)


def _make(el: etree._Element, node: Node, parts: list[str]) -> Plan | None:
    """The plan of the shape of ``el`` (read as ``node``), whose markup is split into ``parts``."""
    elements = list(el.iter())
    starts = [i for i in range(1, len(parts), 2) if parts[i][:1] not in ("/", "?")]
    if len(starts) != len(elements) or any(not isinstance(e.tag, str) for e in elements):
        return None  # cannot happen under the preconditions; the walk is the reference
    # an element's text is the part after its start tag, unless that tag closes itself (then it has none)
    texts = {e: i + 1 for e, i in zip(elements, starts, strict=True) if not parts[i].endswith("/")}
    leaves: list[tuple[int, str, Check | None]] = []
    template = _template(el, node, texts, leaves)
    if template is None:
        return None
    # generated code: the names and paths come from the path table (data/paden.csv, as literals), the rest are
    # indices; nothing of the message's own text goes into it
    checks: dict[Check, str] = {}
    source = _source(template, leaves, checks)
    namespace: dict[str, object] = {"P": Probleem, "EMPTY": _EMPTY, **{v: c for c, v in checks.items()}}
    exec(compile(source, "<iJw-vorm>", "exec"), namespace)
    return namespace["plan"]  # type: ignore[return-value]


def _remember(size: int) -> bool:
    """Count a key of ``size`` characters against the tables' bound; False when it is too large to keep."""
    global _kept
    if size > MAX_KEY_BYTES or _kept + size > MAX_TABLE_BYTES:
        return False
    _kept += size
    return True


def _lookup(key: object, size: int, make: Callable[[], Plan | None]) -> Plan | object | None:
    """The plan of a shape; :data:`_UNPLANNED` the first time it is seen (then the caller walks)."""
    plan = _PLANS.get(key, _UNPLANNED)
    if plan is _UNPLANNED:
        if key not in _SEEN:
            if _remember(size):
                _SEEN.add(key)
            return _UNPLANNED
        _SEEN.discard(key)
        plan = _PLANS[key] = make()
    return plan


def _repeating(el: etree._Element, node: Node, repeats: bool) -> dict | Probleem:
    """A composite element of a large message: a repeating one (a client of a declaration) by the shape of its
    markup, the others walked, their repeating children again by shape."""
    if not repeats:
        return _walk(el, node, _repeating)
    # the element's markup as lxml writes it: a text with "&" is written escaped (as are "<" and ">" in texts
    # and attributes), so without "&" every text stands as it is, between its start tag and the next tag;
    # namespace declarations in scope are written on the element, so the markup determines every name
    text = etree.tostring(el, encoding="unicode", with_tail=False)
    if "&" in text:
        return _walk(el, node)
    parts = text.replace(">", "<").split("<")
    key = "<".join(parts[1::2])
    if len(key) > MAX_KEY_BYTES:
        return _walk(el, node)
    plan = _lookup((id(node), key), len(key), lambda: None if "!" in key or "?" in key else _make(el, node, parts))
    if plan is None or plan is _UNPLANNED:
        return _walk(el, node)
    return plan(parts)  # type: ignore[operator]


def read_structure_by_shape(bericht: Bericht, data: bytes) -> dict | Probleem:
    """As :func:`.structuur.read_structure` (the same result, see the module docstring); ``data`` are the
    message's bytes, as parsed into ``bericht.root``."""
    if len(data) > 2 * MAX_KEY_BYTES:  # a large message (a declaration): its repeating parts by their shape
        node = compiled(bericht.soort, bericht.ns)
        return read_structure(bericht) if node is None else _walk(bericht.root, node, _repeating)
    parts = _parts(data)
    if parts is None:
        return read_structure(bericht)
    key = "<".join(parts[1::2])
    plan = _lookup(key, len(key), lambda: _plan(bericht, parts, key))
    if plan is None or plan is _UNPLANNED:
        return read_structure(bericht)
    return plan(parts)  # type: ignore[operator]
