"""Parsing one message: XML with lxml, the release and message type from the namespace, and the header.

The namespace says both: ``http://www.istandaarden.nl/ijw/3_2/jw301/schema`` is a JW301 of release 3.2.
Releases 3.0, 3.1 and 3.2 are read alike (the elements this product uses did not change between them). A SOAP
envelope is opened and the messages inside are parsed in turn (:func:`parse_blob` yields them all).

A message that cannot be used is a :class:`Quarantaine`: its Dutch ``reden`` names the element, and the
header fields are filled as far as they could be read, so the person reading the warning can find the message.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree

from jeugdmonitor.sources.ijw.openen import Blob, Unreadable, blobs_from_bytes, soap_payload

SUPPORTED = (
    "JW301", "JW302", "JW305", "JW306", "JW307", "JW308", "JW315",
    "JW316", "JW317", "JW318", "JW319", "JW320", "JW323", "JW325",
)  # fmt: skip
RELEASES = ("3.0", "3.1", "3.2")
_NAMESPACE = re.compile(r"^\{http://www\.istandaarden\.nl/ijw/(\d+)_(\d+)/(jw\d{3})/schema\}Bericht$")
_SOAP = "{http://schemas.xmlsoap.org/soap/envelope/}Envelope"
_HEADER_FIELDS = ("afzender", "ontvanger", "identificatie", "dagtekening")
# collect_ids=False: the iJw schemas have no ID attributes, and the table of them costs a tenth of parsing
_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, remove_comments=True, huge_tree=False, collect_ids=False
)


@dataclass
class Bericht:
    """A parsed iJw message with its header; ``root`` is the lxml element ``Bericht``.

    Not frozen, though never changed: a frozen dataclass sets every field through ``object.__setattr__``, which
    made creating one (twice per message) cost some 5 µs, several per cent of the reading time.
    """

    bestand: str
    soort: str  # "JW301"
    release: str  # "3.2"
    ns: str  # namespace of the message's own elements
    root: etree._Element
    afzender: str
    ontvanger: str
    identificatie: str
    dagtekening: str
    size: int  # bytes of the XML
    data: bytes = field(default=b"", repr=False, compare=False)  # the XML itself (for :mod:`.vorm`)

    def q(self, name: str) -> str:
        """The qualified tag of one of the message's own elements."""
        return f"{{{self.ns}}}{name}"

    @property
    def sleutel(self) -> tuple[str, str, str, str]:
        """What makes a message unique (TR056: per message type and sender; BerichtIdentificatie has a date)."""
        return (self.soort, self.afzender, self.identificatie, self.dagtekening)


@dataclass(frozen=True)
class Quarantaine:
    """A message (or file) that is not loaded, and why."""

    bestand: str
    reden: str
    element: str | None = None
    soort: str | None = None
    afzender: str | None = None
    identificatie: str | None = None
    dagtekening: str | None = None

    def tekst(self, met_element: bool = True) -> str:
        """The warning as people read it: which message, which element (unless shown apart), what is wrong."""
        if self.identificatie:
            wie = f"bericht {self.soort or '?'} met BerichtIdentificatie {self.identificatie}"
            if self.dagtekening:
                wie += f" van {self.dagtekening}"
            if self.afzender:
                wie += f" (afzender {self.afzender})"
        else:
            wie = f"bericht {self.soort}" if self.soort else "bestand"
        waar = f", element {self.element}" if self.element and met_element else ""
        return f"{wie} niet geladen (quarantaine){waar}: {self.reden}"

    @staticmethod
    def of(bericht: Bericht, element: str | None, reden: str) -> Quarantaine:
        return Quarantaine(
            bericht.bestand, reden, element, bericht.soort, bericht.afzender, bericht.identificatie, bericht.dagtekening
        )


def local(tag: object) -> str:
    """The local name of an lxml tag (``{ns}Naam`` -> ``Naam``)."""
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def text_of(el: etree._Element | None) -> str | None:
    """The stripped text of an element; None when absent or empty."""
    if el is None or el.text is None:
        return None
    value = el.text.strip()
    return value or None


def _header(root: etree._Element) -> tuple[str, str, str, str]:
    """Afzender, Ontvanger, Identificatie and Dagtekening, each '' when missing (the checks report that).

    One pass over the header's children (it comes first in every message type): faster than four finds.
    """
    fields: dict[str, str] = {}
    header = root[0] if len(root) else None
    if header is None or local(header.tag) != "Header":
        return "", "", "", ""
    for child in header:
        name = local(child.tag)
        if name == "BerichtIdentificatie":
            for part in child:
                fields[local(part.tag)] = (part.text or "").strip()
        elif name in ("Afzender", "Ontvanger"):
            fields[name] = (child.text or "").strip()
    return tuple(fields.get(k, "") for k in ("Afzender", "Ontvanger", "Identificatie", "Dagtekening"))  # type: ignore[return-value]


def _syntax_reason(exc: etree.XMLSyntaxError) -> str:
    line = getattr(exc, "lineno", None) or (exc.position[0] if getattr(exc, "position", None) else None)
    return f"het bestand is geen goedgevormde XML (regel {line})" if line else "het bestand is geen goedgevormde XML"


def with_header(bericht: Bericht) -> Bericht:
    """The message with its header fields read from the XML (for a message parsed with ``header=False``)."""
    return dataclasses.replace(bericht, **dict(zip(_HEADER_FIELDS, _header(bericht.root), strict=True)))


_KINDS: dict[str, tuple[str, str, str] | None] = {}  # root tag -> its kind, per process (a delivery has few)


def _kind(tag: str) -> tuple[str, str, str] | None:
    """(soort, release, namespace) of a root tag such as ``{…/ijw/3_2/jw301/schema}Bericht``, or None when it is
    not an iJw message. Remembered per tag: the regular expression was a tenth of the Python time per message."""
    try:
        return _KINDS[tag]
    except KeyError:
        pass
    found = _NAMESPACE.match(tag)
    kind = None
    if found is not None:
        kind = (found.group(3).upper(), f"{found.group(1)}.{found.group(2)}", tag[1 : tag.index("}")])
    if len(_KINDS) < 1000:  # bounded: a folder of odd files cannot make it grow without end
        _KINDS[tag] = kind
    return kind


def parse_blob(blob: Blob | Unreadable, header: bool = True) -> Iterator[Bericht | Quarantaine]:
    """The message(s) in one blob: one message, or the messages inside a SOAP envelope.

    With ``header=False`` the header fields are left empty: the structural checks read them anyway (faster for
    the bulk of valid messages; :func:`with_header` fills them when needed).
    """
    if isinstance(blob, Unreadable):
        yield Quarantaine(blob.bestand, blob.tekst)
        return
    try:
        root = etree.fromstring(blob.data, _PARSER)
    except etree.XMLSyntaxError as exc:
        yield Quarantaine(blob.bestand, _syntax_reason(exc))
        return
    tag = root.tag  # a new string at every access: read once
    if tag == _SOAP:
        data = next((el for el in root.iter() if local(el.tag) == "Data"), None)
        if data is None:
            yield Quarantaine(blob.bestand, "de SOAP-envelop bevat geen element Data met een bericht", "Data")
            return
        for inner in soap_payload(blob.bestand, data.text):
            yield from parse_blob(inner, header)
        return
    kind = _kind(tag) if isinstance(tag, str) else None
    if kind is None:
        yield Quarantaine(blob.bestand, "het bestand is geen iJw-bericht (onbekende namespace of hoofdelement)")
        return
    soort, release, ns = kind
    bericht = Bericht(blob.bestand, soort, release, ns, root, "", "", "", "", len(blob.data), blob.data)
    if release not in RELEASES:
        reden = f"release {release} van iJw wordt niet ondersteund (wel 3.0, 3.1, 3.2)"
        yield Quarantaine.of(with_header(bericht), None, reden)
    elif soort not in SUPPORTED:
        yield Quarantaine.of(with_header(bericht), None, f"berichtsoort {soort} wordt niet ingelezen")
    else:
        yield with_header(bericht) if header else bericht


def parse_bytes(bestand: str, data: bytes) -> Iterator[Bericht | Quarantaine]:
    """Every message in the bytes of one file (an XML message, an envelope, or a zip archive)."""
    for blob in blobs_from_bytes(bestand, data):
        yield from parse_blob(blob)
