"""Readers for the files of a delivery, one module per format, found through a small registry.

Each reader declares the suffixes it handles (like the readers of khaeru/sdmx); :func:`reader_for` walks
the registry. The shipped readers (CSV, XLSX) are registered with :func:`register` exactly as a region's
own reader would be.
"""

from __future__ import annotations

from pathlib import Path

from jeugdmonitor.sources.base import FileProblem, RawFile, Reader, normalise_name
from jeugdmonitor.sources.csv_file import CsvReader
from jeugdmonitor.sources.xlsx_file import XlsxReader

_READERS: list[Reader] = []


def register(reader: Reader) -> Reader:
    """Add a reader; later registrations are asked first, so a region can override a shipped format."""
    _READERS.insert(0, reader)
    return reader


def readers() -> tuple[Reader, ...]:
    return tuple(_READERS)


def reader_for(path: Path) -> Reader | None:
    """The first registered reader that handles ``path``, or None."""
    return next((r for r in _READERS if r.handles(path)), None)


register(CsvReader())
register(XlsxReader())

__all__ = ["FileProblem", "RawFile", "Reader", "normalise_name", "reader_for", "readers", "register"]
