"""Reading the members of ordinary zip archives fast, without :mod:`zipfile`'s per-archive and per-member cost.

A delivery holds tens of thousands of small archives (one per day and sender) or a few large ones (one per
month). :mod:`zipfile` parses the whole central directory again for every :class:`zipfile.ZipFile` and
builds a file object per member; for messages of a few kB that is a third of the reading time. Here the
central directory is parsed with one ``struct`` call per member and a member is inflated with one ``zlib``
call, its CRC checked.

Only the plain case is handled: no archive comment, no zip64, no prepended data, members stored or deflated,
not encrypted, names without NUL. Anything else returns None and the caller uses :mod:`zipfile`, so that odd
or damaged archives behave (and are reported) exactly as before.
"""

from __future__ import annotations

import os
import struct
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

_END = struct.Struct("<4s4H2LH")  # end of central directory record, 22 bytes
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")  # central directory header, 46 bytes
_LOCAL = struct.Struct("<4s2B4HL2L2H")  # local file header, 30 bytes
_UTF8_NAME = 0x800
_UNSUPPORTED_FLAGS = 0x1 | 0x20 | 0x40  # encrypted, compressed patch data, strong encryption
_STORED, _DEFLATED = 0, 8
_MAX_32 = 0xFFFFFFFF


class Entry(NamedTuple):
    """One member of an archive, as its central directory describes it."""

    name: str
    offset: int  # of the local file header
    method: int
    compressed: int
    size: int
    crc: int
    flags: int


def _entry(fields: tuple, name_bytes: bytes) -> Entry | None:
    flags, method, crc, compressed, size, offset = fields[5], fields[6], fields[9], fields[10], fields[11], fields[18]
    if flags & _UNSUPPORTED_FLAGS or method not in (_STORED, _DEFLATED) or b"\0" in name_bytes:
        return None
    if _MAX_32 in (compressed, size, offset) or fields[3] > 63:  # zip64 values, or a version zipfile refuses
        return None
    try:
        # an ASCII name reads the same in both; cp437 has no fast decoder
        name = name_bytes.decode("utf-8" if flags & _UTF8_NAME or name_bytes.isascii() else "cp437")
    except UnicodeDecodeError:
        return None
    return _new_entry(Entry, (name, offset, method, compressed, size, crc, flags))


_new_entry = tuple.__new__  # an Entry without NamedTuple's Python-level __new__ (a directory has 10,000s)


def _end_record(tail: bytes, length: int) -> tuple[int, int, int] | None:
    """(offset, size, count) of the central directory from the archive's last 22 bytes, if the plain case."""
    if len(tail) != _END.size or tail[:4] != b"PK\x05\x06":
        return None  # an archive comment, zip64 or damage: zipfile knows
    _, disk, _, _, count, cd_size, cd_offset, comment = _END.unpack(tail)
    if disk or comment or cd_offset + cd_size != length - _END.size:
        return None
    return cd_offset, cd_size, count


def _directory(data: bytes, count: int) -> list[Entry] | None:
    """The entries of a central directory (``data`` holds exactly that).

    A month's archive lists some ten thousand members, and the parent process lists them while the workers
    wait for their first batches: hence the local names in this loop.
    """
    entries: list[Entry] = []
    append, unpack, entry, fixed = entries.append, _CENTRAL.unpack_from, _entry, _CENTRAL.size
    pos, end = 0, len(data)
    while pos < end:
        if pos + fixed > end or data[pos : pos + 4] != b"PK\x01\x02":
            return None
        fields = unpack(data, pos)
        start = pos + fixed
        pos = start + fields[12]
        found = entry(fields, data[start:pos])
        if found is None:
            return None
        append(found)
        pos += fields[13] + fields[14]
    return entries if pos == end and len(entries) == count else None


def central_directory(data: bytes) -> list[Entry] | None:
    """The members of the archive in ``data`` in directory order, or None when it is not the plain case."""
    found = _end_record(data[-_END.size :], len(data))
    if found is None:
        return None
    offset, size, count = found
    return _directory(data[offset : offset + size], count)


def central_directory_of(path: Path) -> list[Entry] | None:
    """As :func:`central_directory`, for an archive on disk: only its end and its directory are read."""
    with path.open("rb") as handle:
        length = handle.seek(0, os.SEEK_END)
        if length < _END.size:
            return None
        handle.seek(length - _END.size)
        found = _end_record(handle.read(_END.size), length)
        if found is None:
            return None
        offset, size, count = found
        handle.seek(offset)
        return _directory(handle.read(size), count)


def member(read_at: Callable[[int, int], bytes], entry: Entry) -> bytes | None:
    """The bytes of one member (``read_at(offset, length)`` reads the archive), or None when anything is off:
    a local header that does not match, a stream that does not inflate, a wrong size or CRC."""
    if entry.flags & _UNSUPPORTED_FLAGS or entry.method not in (_STORED, _DEFLATED):
        return None  # an entry zipfile listed: it may be what this module leaves to zipfile
    header = read_at(entry.offset, _LOCAL.size)
    if len(header) != _LOCAL.size:
        return None
    fields = _LOCAL.unpack(header)
    if fields[0] != b"PK\x03\x04":
        return None
    start = entry.offset + _LOCAL.size
    name_bytes = read_at(start, fields[10])
    try:  # as zipfile: the local header's name, decoded by the local header's flag, must be the directory's
        if name_bytes.decode("utf-8" if fields[3] & _UTF8_NAME or name_bytes.isascii() else "cp437") != entry.name:
            return None
    except UnicodeDecodeError:
        return None
    raw = read_at(start + fields[10] + fields[11], entry.compressed)
    if len(raw) != entry.compressed:
        return None
    if entry.method == _DEFLATED:
        # never more than the declared size (one byte more shows a lie): a small member that inflates to
        # gigabytes (a zip bomb) is stopped here, as zipfile stops it
        inflater = zlib.decompressobj(-15)
        try:
            out = inflater.decompress(raw, entry.size + 1)
        except zlib.error:
            return None
        if not inflater.eof:
            return None
    else:
        out = raw
    if len(out) != entry.size or zlib.crc32(out) != entry.crc:
        return None
    return out


def in_memory(data: bytes) -> Callable[[int, int], bytes]:
    """``read_at`` for an archive held in memory."""
    view = memoryview(data)
    return lambda offset, length: bytes(view[offset : offset + length])
