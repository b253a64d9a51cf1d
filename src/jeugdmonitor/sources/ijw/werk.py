"""Reading and checking messages in batches, in this process or spread over worker processes.

Parsing, the structural checks and XSD validation are per message and independent, so a large delivery
(a year of a large municipality: hundreds of thousands of messages) is cut into batches of files or archive
members that worker processes read and check: by count and by bytes, so that many small archives (one per
day and sender) share a batch and a large one (one per month) is cut by members, listed once here and read
by offset there. Per batch the workers send back per message its quarantine or its identification, and the
fact rows as columns (extracted and pseudonymised in the worker); the parent skips messages already loaded
and numbers the rest in file order, so the result is the same as reading in one process. Small deliveries are
read in this process: starting workers costs more than it saves.

``jeugdmonitor load`` starts the workers first (:func:`early_workers`): before the loader and DuckDB are imported,
so they are forked (no module to import again, no DuckDB thread to copy) and ready when the reading begins.
Started here, in a process that may hold DuckDB connections, they are spawned.
"""

from __future__ import annotations

import mmap
import multiprocessing
import multiprocessing.context
import os
import sys
import threading
import zipfile
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import chain, islice
from pathlib import Path

from jeugdmonitor.sources.ijw import ziplezen
from jeugdmonitor.sources.ijw.bericht import SUPPORTED, Bericht, Quarantaine, parse_blob, with_header
from jeugdmonitor.sources.ijw.feiten import Feiten, Rijen, extract
from jeugdmonitor.sources.ijw.openen import Blob, Unreadable, blobs_from_bytes, is_message_file
from jeugdmonitor.sources.ijw.structuur import Probleem
from jeugdmonitor.sources.ijw.vorm import read_structure_by_shape
from jeugdmonitor.sources.ijw.xsd import Schemas, configured_folder
from jeugdmonitor.store.pseudonym import Key

BATCH = 2500  # messages (files or archive members) per batch at most
BATCH_BYTES = 2 << 20  # and bytes: a batch closes at whichever comes first (small archives count as one file)
# and the XML of a large archive's members: declarations (JW323) compress about ten to one, so a month's of them
# made one batch of several seconds, which one worker read alone at the end while the other waited
BATCH_XML_BYTES = 6 << 20
PARALLEL_FROM_BYTES = 20 << 20  # below this the messages are read in this process
AHEAD = 3  # batches per worker submitted ahead of the one taken (bounds the memory of finished ones)
ENV_PROCESSES = "JEUGDMONITOR_IJW_PROCESSEN"

# a member of a large archive; True: read it by name with zipfile (its name occurs twice, see _members)
Member = tuple[ziplezen.Entry, bool]
Slice = tuple[Path, tuple[Member, ...]]


@dataclass(frozen=True)
class Batch:
    """Whole files (messages, small archives) and slices of large archives, in the folder's order."""

    parts: tuple[Path | Slice, ...] = ()


@dataclass
class Deel:
    """What a batch gave: per message in order its quarantine or (file, ``Bericht.sleutel``), and the fact
    rows of the messages that passed, numbered 0, 1, … in that order (already pseudonymised)."""

    berichten: list[Quarantaine | tuple[str, tuple[str, str, str, str]]]
    feiten: Feiten
    size: int  # bytes read


def _members(path: Path) -> list[Member] | None:
    """The members of a large archive in name order (directories left out); None when it cannot be opened."""
    entries = ziplezen.central_directory_of(path)
    if entries is None:  # not the plain case: zipfile lists it
        try:
            with zipfile.ZipFile(path) as archive:
                infos = archive.infolist()
        except (zipfile.BadZipFile, OSError):
            return None
        entries = [
            ziplezen.Entry(i.filename, i.header_offset, i.compress_type, i.compress_size, i.file_size, i.CRC,
                           i.flag_bits)
            for i in infos
        ]  # fmt: skip
    entries = sorted((e for e in entries if not e.name.endswith("/")), key=lambda e: e.name)
    # zipfile reads a name that occurs twice as its last member, each time: kept so
    twice = len({e.name for e in entries}) != len(entries)
    return [(e, twice) for e in entries]


def _message_files(folder: Path) -> tuple[list[tuple[Path, int]], int]:
    """The folder's message files in name order with their sizes, and the total in bytes (no file opened)."""
    paths = sorted(
        (p for p in folder.iterdir() if p.is_file() and not p.name.startswith((".", "~$")) and is_message_file(p)),
        key=lambda p: p.name,
    )
    files = [(path, path.stat().st_size) for path in paths]
    return files, sum(size for _, size in files)


def _cut(files: list[tuple[Path, int]]) -> Iterator[Batch]:
    """The files cut into batches, each yielded as soon as it is complete (see :func:`batches`)."""
    parts: list[Path | Slice] = []
    count = size = xml = 0
    for path, bytes_ in files:
        members = _members(path) if bytes_ > BATCH_BYTES and path.suffix.lower() == ".zip" else None
        if not members:  # a file, a small archive, or a large one that does not open (read whole: reported)
            parts.append(path)
            count += 1
            size += bytes_
            if count >= BATCH or size >= BATCH_BYTES:
                yield Batch(tuple(parts))
                parts, count, size, xml = [], 0, 0, 0
            continue
        start = 0  # consecutive members of the archive go together, as one slice
        for i, member in enumerate(members):
            count += 1
            size += member[0].compressed
            xml += member[0].size
            if count >= BATCH or size >= BATCH_BYTES or xml >= BATCH_XML_BYTES:
                parts.append((path, tuple(members[start : i + 1])))
                yield Batch(tuple(parts))
                parts, count, size, xml, start = [], 0, 0, 0, i + 1
        if start < len(members):
            parts.append((path, tuple(members[start:])))
    if parts:
        yield Batch(tuple(parts))


def batches(folder: Path) -> tuple[list[Batch], int]:
    """The folder's message files cut into batches in name order, and their total size in bytes.

    A batch closes at :data:`BATCH` files or members, :data:`BATCH_BYTES`, or :data:`BATCH_XML_BYTES` of members.
    An archive larger than :data:`BATCH_BYTES` is listed here and cut by members; files and smaller archives go
    whole, many to a batch (a delivery may hold an archive per day and sender).
    """
    files, total = _message_files(folder)
    return list(_cut(files)), total


def _slice(path: Path, members: tuple[Member, ...]) -> Iterator[Blob | Unreadable]:
    """The messages of some members of a large archive: read directly, else (anything odd) with zipfile."""
    archive: zipfile.ZipFile | None = None
    # mapped, not read: a slice is thousands of members, each three small reads (header, name, data)
    with path.open("rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as mapped:

        def read_at(offset: int, length: int) -> bytes:
            return mapped[offset : offset + length]

        try:
            for entry, by_name in members:
                if not entry.name.lower().endswith((".xml", ".zip")):
                    continue
                data = None if by_name else ziplezen.member(read_at, entry)
                if data is None:
                    archive = archive or zipfile.ZipFile(path)
                    data = archive.read(entry.name)
                yield from blobs_from_bytes(f"{path.name}/{entry.name}", data)
        finally:
            if archive is not None:
                archive.close()


def _blobs(batch: Batch) -> Iterator[Blob | Unreadable]:
    for part in batch.parts:
        if isinstance(part, Path):
            yield from blobs_from_bytes(part.name, part.read_bytes())
        else:
            yield from _slice(*part)


_SCHEMAS: dict[str, Schemas] = {}


def xsd_text(xsd: Path | None) -> str | None:
    """The XSD folder as the workers get it: the one given, else ``JEUGDMONITOR_IJW_XSD``, resolved; or None."""
    folder = configured_folder(xsd)
    return str(folder.resolve()) if folder is not None else None


def schemas_for(folder: str | None) -> Schemas | None:
    """The compiled XSDs of a folder, once per process."""
    if not folder:
        return None
    if folder not in _SCHEMAS:
        _SCHEMAS[folder] = Schemas(Path(folder))
    return _SCHEMAS[folder]


_PSEUDONYMS: dict[bytes, dict[str, str]] = {}  # per process and key: clients recur


def check(bericht: Bericht, schemas: Schemas | None, rijen: Rijen, nr: int) -> Bericht | Quarantaine:
    """Check the message and add its fact rows as message ``nr`` (the message with its header returned); or
    its quarantine: the own structural checks first, then the XSD."""
    tree = read_structure_by_shape(bericht, bericht.data)
    if isinstance(tree, Probleem):
        return Quarantaine.of(with_header(bericht), tree.element, tree.reden)
    header = tree["Header"]  # required, as are the four fields: the structural checks passed
    ident = header["BerichtIdentificatie"]
    bericht = Bericht(
        bericht.bestand, bericht.soort, bericht.release, bericht.ns, bericht.root, header["Afzender"],
        header["Ontvanger"], ident["Identificatie"], ident["Dagtekening"], bericht.size,
    )  # fmt: skip
    if schemas is not None:
        found = schemas.check(bericht)
        if found is not None:
            return Quarantaine.of(bericht, found[0], found[1])
    extract(rijen, nr, bericht, tree)
    return bericht


def read_batch(batch: Batch, xsd: str | None, key: Key) -> Deel:
    """Every message of a batch, checked and extracted."""
    schemas = schemas_for(xsd)
    rijen = Rijen(key, _PSEUDONYMS.setdefault(key.secret, {}))
    berichten: list[Quarantaine | tuple[str, tuple[str, str, str, str]]] = []
    size = nr = 0
    for blob in _blobs(batch):
        size += len(getattr(blob, "data", b""))
        for found in parse_blob(blob, header=False):
            if not isinstance(found, Quarantaine):
                found = check(found, schemas, rijen, nr)
            if isinstance(found, Quarantaine):
                berichten.append(found)
            else:
                berichten.append((found.bestand, found.sleutel))
                nr += 1
    return Deel(berichten, rijen.feiten(), size)


def processes(size: int) -> int:
    """How many worker processes: none for a small delivery, else one per core up to two (or the setting)."""
    configured = os.environ.get(ENV_PROCESSES)
    if configured:
        return max(0, int(configured))
    if size < PARALLEL_FROM_BYTES:
        return 0
    return min(2, os.cpu_count() or 1)


def _warm(xsd: str | None) -> None:
    """A worker's first task when started early: compile the XSDs while the parent is still starting."""
    schemas = schemas_for(xsd)
    if schemas is not None:
        for soort in SUPPORTED:
            schemas.schema(soort)


def _context() -> multiprocessing.context.BaseContext:
    """fork on Linux while this process has no other thread and has not loaded DuckDB (its threads must not be
    copied, and a connection made later starts them): the workers then start in a hundredth of a second and need
    not import anything; else spawn, as :func:`read_all` always does (macOS: system libraries are not safe to
    fork, which is why Python spawns there by default)."""
    if not sys.platform.startswith("linux") or "duckdb" in sys.modules or threading.active_count() > 1:
        return multiprocessing.get_context("spawn")
    return multiprocessing.get_context("fork")


@dataclass
class _Early:
    folder: Path
    xsd: str | None
    workers: int
    pool: ProcessPoolExecutor


_EARLY: list[_Early] = []  # the workers started by early_workers, until read_all takes them


@contextmanager
def early_workers(folder: Path, xsd: str | None) -> Iterator[None]:
    """Start the worker processes for the messages of ``folder`` now, for a :func:`read_all` of the same folder
    inside the block: ``jeugdmonitor load`` starts them before importing the loader (DuckDB and the rest, half a
    second, in which the workers start and compile the XSDs on the other core). Workers not taken are stopped
    at the end of the block. ``xsd`` as for :func:`read_all` (the folder resolved, or None)."""
    workers = processes(_message_files(folder)[1])
    if workers <= 1:
        yield
        return
    context = _context()
    if context.get_start_method() == "fork":  # a forked worker would write out what waits in these buffers again
        sys.stdout.flush()
        sys.stderr.flush()
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)
    for _ in range(workers):  # one task each: a worker that is busy makes the pool start the next
        pool.submit(_warm, xsd)
    early = _Early(folder.resolve(), xsd, workers, pool)
    _EARLY.append(early)
    try:
        yield
    finally:
        if early in _EARLY:
            _EARLY.remove(early)
            pool.shutdown(wait=True, cancel_futures=True)


def _take_early(folder: Path, xsd: str | None, workers: int) -> ProcessPoolExecutor | None:
    """The pool :func:`early_workers` started for this folder and XSD folder, taken over; None when there is none."""
    for early in _EARLY:
        if (early.folder, early.xsd, early.workers) == (folder.resolve(), xsd, workers):
            _EARLY.remove(early)
            return early.pool
    return None


def read_all(folder: Path, xsd: str | None, key: Key) -> Iterator[Deel]:
    """The checked messages of the folder, batch by batch in file order.

    Workers get the pseudonymisation key (over a local pipe, to this program's own processes) so that raw
    BSNs stay inside the process that read them. They start on the first batches while this process is still
    listing the large archives (their central directories take a second or two for a year of messages), and
    at most :data:`AHEAD` batches per worker wait to be taken here, in order. Workers started by
    :func:`early_workers` for the folder are used; else they are started here.
    """
    files, size = _message_files(folder)
    units = _cut(files)
    first = list(islice(units, 2))
    workers = processes(size)
    early = _take_early(folder, xsd, workers) if workers > 1 else None
    if workers <= 1 or len(first) < 2:
        if early is not None:
            early.shutdown(wait=True, cancel_futures=True)
        for unit in chain(first, units):
            yield read_batch(unit, xsd, key)
        return
    # spawn, not fork, when started here: the parent holds a DuckDB connection whose threads must not be copied
    pool = early or ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"))
    with pool:
        pending: deque[Future[Deel]] = deque()
        for unit in chain(first, units):
            pending.append(pool.submit(read_batch, unit, xsd, key))
            while len(pending) > AHEAD * workers or (pending and pending[0].done()):
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
