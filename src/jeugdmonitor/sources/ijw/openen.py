"""Finding the messages of a delivery: XML files, zip archives and VECOZO SOAP envelopes.

A delivery folder may hold iJw messages as ``.xml`` files, as members of ``.zip`` archives (nested archives
too), or wrapped in a VECOZO SOAP envelope (``IndienenBericht``) whose ``Data`` element carries the message as
base64, itself a zip archive or plain XML. This module only yields bytes with a readable label; telling a
message from an envelope is left to :mod:`jeugdmonitor.sources.ijw.bericht`, which parses anyway.
"""

from __future__ import annotations

import base64
import binascii
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from jeugdmonitor.sources.ijw import ziplezen

MESSAGE_SUFFIXES = (".xml", ".zip")
MAX_MEMBER_BYTES = 50 << 20  # a single message is a few kB; a bigger member is not an iJw message (zip bomb)


@dataclass  # not frozen: made once per message, and a frozen dataclass is slow to make (see bericht.Bericht)
class Blob:
    """The bytes of one (possible) message and where they came from, e.g. ``maart.zip/JW301_1.xml``."""

    bestand: str
    data: bytes


@dataclass(frozen=True)
class Unreadable:
    """A file or archive member that could not be opened; ``tekst`` is Dutch."""

    bestand: str
    tekst: str


def is_message_file(path: Path) -> bool:
    """A file the iJw reader takes from a delivery folder (the table readers leave it alone)."""
    return path.suffix.lower() in MESSAGE_SUFFIXES


def blobs_from_bytes(bestand: str, data: bytes) -> Iterator[Blob | Unreadable]:
    """The messages in ``data``: the bytes themselves, or every XML member of a zip archive."""
    if data[:4] != b"PK\x03\x04":
        yield Blob(bestand, data)
        return
    fast = _plain_members(bestand, data)
    if fast is not None:
        for found in fast:
            if isinstance(found, Unreadable):
                yield found
            else:
                yield from blobs_from_bytes(*found)
        return
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError):
        yield Unreadable(bestand, "het zip-archief is beschadigd en kan niet worden geopend")
        return
    for info in sorted(infos, key=lambda i: i.filename):
        if info.is_dir():
            continue
        label = f"{bestand}/{info.filename}"
        if info.file_size > MAX_MEMBER_BYTES:
            yield Unreadable(label, "het bestand in het archief is te groot voor een iJw-bericht")
            continue
        if not info.filename.lower().endswith(MESSAGE_SUFFIXES):
            continue
        try:
            member = archive.read(info)
        except (zipfile.BadZipFile, OSError, RuntimeError):
            yield Unreadable(label, "het bestand in het archief kan niet worden gelezen (beschadigd of versleuteld)")
            continue
        yield from blobs_from_bytes(label, member)


def _plain_members(bestand: str, data: bytes) -> list[tuple[str, bytes] | Unreadable] | None:
    """The XML and zip members of an ordinary archive read with :mod:`.ziplezen` (in name order, as below), or
    None when the archive is not plain or a member does not read: then :mod:`zipfile` reads it, and reports."""
    entries = ziplezen.central_directory(data)
    if entries is None:
        return None
    read_at = ziplezen.in_memory(data)
    result: list[tuple[str, bytes] | Unreadable] = []
    for entry in sorted(entries, key=lambda e: e.name):
        if entry.name.endswith("/"):
            continue
        label = f"{bestand}/{entry.name}"
        if entry.size > MAX_MEMBER_BYTES:
            result.append(Unreadable(label, "het bestand in het archief is te groot voor een iJw-bericht"))
            continue
        if not entry.name.lower().endswith(MESSAGE_SUFFIXES):
            continue
        member = ziplezen.member(read_at, entry)
        if member is None:
            return None
        result.append((label, member))
    return result


def soap_payload(bestand: str, text: str | None) -> Iterator[Blob | Unreadable]:
    """The messages in the base64 ``Data`` of a SOAP envelope (a zip archive or plain XML)."""
    label = f"{bestand} (SOAP)"
    try:
        data = base64.b64decode((text or "").strip(), validate=False)
    except (binascii.Error, ValueError):
        yield Unreadable(label, "de inhoud van de SOAP-envelop (Data) is geen geldige base64")
        return
    if not data:
        yield Unreadable(label, "de SOAP-envelop bevat geen bericht (Data is leeg)")
        return
    yield from blobs_from_bytes(label, data)
