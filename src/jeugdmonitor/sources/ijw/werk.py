"""Reading and checking messages in batches, in this process or spread over worker processes.

Parsing, the structural checks and XSD validation are per message and independent, so a large delivery
(a year of a large municipality: hundreds of thousands of messages) is cut into batches of files or archive
members that worker processes read and check. They send back per message either its quarantine or its
header and fact rows (extracted and pseudonymised in the worker); the parent skips messages already loaded
and numbers the rest in file order, so the result is the same as reading in one process. Small deliveries are read
in this process: starting workers costs more than it saves.
"""

from __future__ import annotations

import multiprocessing
import os
import zipfile
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from jeugdmonitor.sources.ijw.bericht import Bericht, Quarantaine, parse_blob, with_header
from jeugdmonitor.sources.ijw.feiten import Rijen, extract
from jeugdmonitor.sources.ijw.openen import Blob, blobs_from_bytes, is_message_file
from jeugdmonitor.sources.ijw.structuur import Probleem, read_structure
from jeugdmonitor.sources.ijw.xsd import Schemas
from jeugdmonitor.store.pseudonym import Key

BATCH = 2500  # messages (files or archive members) per batch
PARALLEL_FROM_BYTES = 20 << 20  # below this the messages are read in this process
ENV_PROCESSES = "JEUGDMONITOR_IJW_PROCESSEN"


@dataclass(frozen=True)
class Batch:
    """Files of the folder, or members of one zip archive (``archive`` set)."""

    paths: tuple[Path, ...] = ()
    archive: Path | None = None
    members: tuple[str, ...] = ()


@dataclass(frozen=True)
class Gelezen:
    """A message that passed the checks: where it came from, what identifies it (``Bericht.sleutel``) and its
    fact rows, already pseudonymised (:class:`jeugdmonitor.sources.ijw.feiten.Rijen`)."""

    bestand: str
    sleutel: tuple[str, str, str, str]
    rows: list[tuple[str, tuple[object, ...]]]


Result = Gelezen | Quarantaine


def batches(folder: Path) -> tuple[list[Batch], int]:
    """The folder's message files cut into batches in name order, and their total size in bytes."""
    paths = sorted(
        p for p in folder.iterdir() if p.is_file() and not p.name.startswith((".", "~$")) and is_message_file(p)
    )
    result: list[Batch] = []
    loose: list[Path] = []
    for path in paths:
        if path.suffix.lower() != ".zip":
            loose.append(path)
            if len(loose) == BATCH:
                result.append(Batch(paths=tuple(loose)))
                loose = []
            continue
        if loose:  # keep name order: the first of two messages with the same identification wins
            result.append(Batch(paths=tuple(loose)))
            loose = []
        try:
            with zipfile.ZipFile(path) as archive:
                names = tuple(sorted(i.filename for i in archive.infolist() if not i.is_dir()))
        except (zipfile.BadZipFile, OSError):
            names = ()
        if not names:  # damaged or empty: read whole, so that the damage is reported
            result.append(Batch(paths=(path,)))
        for i in range(0, len(names), BATCH):
            result.append(Batch(archive=path, members=names[i : i + BATCH]))
    if loose:
        result.append(Batch(paths=tuple(loose)))
    return result, sum(p.stat().st_size for p in paths)


def _blobs(batch: Batch) -> Iterator[Blob | object]:
    for path in batch.paths:
        yield from blobs_from_bytes(path.name, path.read_bytes())
    if batch.archive is not None:
        with zipfile.ZipFile(batch.archive) as archive:
            for name in batch.members:
                if name.lower().endswith((".xml", ".zip")):
                    yield from blobs_from_bytes(f"{batch.archive.name}/{name}", archive.read(name))


_SCHEMAS: dict[str, Schemas] = {}


def schemas_for(folder: str | None) -> Schemas | None:
    """The compiled XSDs of a folder, once per process."""
    if not folder:
        return None
    if folder not in _SCHEMAS:
        _SCHEMAS[folder] = Schemas(Path(folder))
    return _SCHEMAS[folder]


_PSEUDONYMS: dict[str, str] = {}  # per process: clients recur


def check(bericht: Bericht, schemas: Schemas | None, key: Key) -> Result:
    """The message's fact rows, or its quarantine: the own structural checks first, then the XSD."""
    tree = read_structure(bericht)
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
    rows = Rijen(key, _PSEUDONYMS)
    extract(rows, 0, bericht, tree)
    return Gelezen(bericht.bestand, bericht.sleutel, rows.rows)


def read_batch(batch: Batch, xsd: str | None, key: Key) -> tuple[list[Result], int]:
    """Every message of a batch, checked and extracted; and the number of bytes read."""
    schemas = schemas_for(xsd)
    results: list[Result] = []
    size = 0
    for blob in _blobs(batch):
        size += len(getattr(blob, "data", b""))
        for found in parse_blob(blob, header=False):  # type: ignore[arg-type]
            results.append(found if isinstance(found, Quarantaine) else check(found, schemas, key))
    return results, size


def processes(size: int) -> int:
    """How many worker processes: none for a small delivery, else one per core up to two (or the setting)."""
    configured = os.environ.get(ENV_PROCESSES)
    if configured:
        return max(0, int(configured))
    if size < PARALLEL_FROM_BYTES:
        return 0
    return min(2, os.cpu_count() or 1)


def read_all(folder: Path, xsd: str | None, key: Key) -> Iterator[tuple[list[Result], int]]:
    """The checked messages of the folder, batch by batch in file order.

    Workers get the pseudonymisation key (over a local pipe, to this program's own processes) so that raw
    BSNs stay inside the process that read them.
    """
    units, size = batches(folder)
    workers = processes(size)
    if workers <= 1 or len(units) < 2:
        for unit in units:
            yield read_batch(unit, xsd, key)
        return
    # spawn, not fork: the parent holds a DuckDB connection whose threads must not be copied
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        yield from pool.map(read_batch, units, [xsd] * len(units), [key] * len(units))
