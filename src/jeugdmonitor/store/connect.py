"""Opening stores: the settings of a load, and ``--store FILE | --data DIR`` for the other commands."""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from jeugdmonitor.errors import UserError
from jeugdmonitor.store.pseudonym import ENV_KEY, resolve_key

LOAD_THREADS = 2
LOAD_MEMORY = "4GB"
UNSTABLE_NOTE = (
    "Let op: de levering is geladen in een tijdelijke store met een willekeurige sleutel. De pseudoniemen "
    "zijn daardoor niet stabiel en niet te vergelijken met die van een andere run. Zet {env} of laad de "
    "levering met 'jeugdmonitor load' en gebruik --store voor vaste pseudoniemen."
)


def temp_directory_for(store: Path) -> Path:
    return store.with_name(store.name + ".tmp")


def load_connection(store: Path) -> duckdb.DuckDBPyConnection:
    """An in-memory connection for staging and loading: 2 threads, a memory limit, spilling beside the store.

    Insertion order is preserved so that row numbers (``_rij``) follow the file.
    """
    return duckdb.connect(
        ":memory:",
        config={
            "threads": LOAD_THREADS,
            "memory_limit": LOAD_MEMORY,
            "temp_directory": str(temp_directory_for(store)),
            "preserve_insertion_order": True,
        },
    )


def _stderr(text: str) -> None:
    print(text, file=sys.stderr)


@contextmanager
def open_store(
    *, store: Path | None = None, data: Path | None = None, note: Callable[[str], None] = _stderr
) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection to a store, or to a temporary store loaded from the delivery ``data``.

    With ``data`` and no key in the environment the pseudonyms use a random key; ``note`` receives the
    Dutch notice saying so (by default printed on standard error), and the number of warnings of the load.
    """
    if (store is None) == (data is None):
        raise UserError("geef een store (--store BESTAND) of een levering (--data MAP), niet beide of geen van twee")
    if store is not None:
        if not store.is_file():
            raise UserError(f"de store {store} bestaat niet; laad eerst een levering met 'jeugdmonitor load'")
        con = duckdb.connect(str(store), read_only=True)
        try:
            yield con
        finally:
            con.close()
        return
    from jeugdmonitor.store.loader import load_delivery

    assert data is not None
    key = resolve_key(None)
    with tempfile.TemporaryDirectory(prefix="jeugdmonitor-") as tmp:
        path = Path(tmp) / "levering.duckdb"
        result = load_delivery(data, path, key)
        if not key.stable:
            note(UNSTABLE_NOTE.format(env=ENV_KEY))
        if result.warning_count:
            note(f"De levering is geladen met {result.warning_count} waarschuwing(en); zie 'jeugdmonitor check'.")
        con = duckdb.connect(str(path), read_only=True)
        try:
            yield con
        finally:
            con.close()
