"""Readers for the files of a delivery, one module per format, found through a small registry.

Each reader declares the suffixes it handles (like the readers of khaeru/sdmx); :func:`reader_for` walks
the registry. The shipped readers (CSV, XLSX) are registered with :func:`register` exactly as a region's
own reader would be, but only when the registry is first used: their modules import DuckDB, NumPy and openpyxl
(over half a second), which the worker processes that read iJw messages (``sources.ijw``, a subpackage, so this
module runs there too) never need.
"""

from __future__ import annotations

from pathlib import Path

from jeugdmonitor.sources.base import FileProblem, RawFile, Reader, normalise_name

_READERS: list[Reader] = []
_shipped = False  # whether the shipped readers are registered yet


def _register_shipped() -> None:
    """Register the shipped readers (once), before anything else is registered or looked up: the registry is
    then exactly as if they had been registered at import."""
    global _shipped
    if _shipped:
        return
    _shipped = True
    from jeugdmonitor.sources.csv_file import CsvReader
    from jeugdmonitor.sources.xlsx_file import XlsxReader

    _READERS.append(XlsxReader())  # the order register() would give: the later registration first
    _READERS.append(CsvReader())


def register(reader: Reader) -> Reader:
    """Add a reader; later registrations are asked first, so a region can override a shipped format."""
    _register_shipped()
    _READERS.insert(0, reader)
    return reader


def readers() -> tuple[Reader, ...]:
    _register_shipped()
    return tuple(_READERS)


def reader_for(path: Path) -> Reader | None:
    """The first registered reader that handles ``path``, or None."""
    _register_shipped()
    return next((r for r in _READERS if r.handles(path)), None)


__all__ = ["FileProblem", "RawFile", "Reader", "normalise_name", "reader_for", "readers", "register"]
