"""A run's scratch database: where one computation keeps what it shares between its queries (the periods, the
base tables of engine.basis, the spells and cost rows of engine.bases, and the result records).

It is a database attached to the store's connection, not TEMP tables, because TEMP tables are seen by their
own connection only, and a run executes its indicator queries on two connections at once (engine.runner).
Every connection of the run puts the scratch database first on its ``search_path``: families name
``perioden`` or ``traject`` without a catalogue, and a plain ``CREATE`` lands in the scratch database, never
in the store.

For a municipality or a region the scratch database lives in memory. For a large store (more than ``GROOT``
trajectories) it is a file in a temporary folder: its tables are compressed and can be evicted to disk (at
national scale, 15 million cost rows and several spells tables of millions of rows did not fit in 6 GB as
in-memory tables). Writing the file costs time, so small stores stay in memory. The file is removed when the
run ends.
"""

from __future__ import annotations

import shutil
import tempfile
import uuid
import weakref
from pathlib import Path

import duckdb

GROOT = 500_000  # trajectories from which a store counts as large


def ddl(kind: str, name: str, where: str | None) -> str:
    """``CREATE OR REPLACE`` of a TABLE, VIEW or MACRO ``name``: TEMP (``where`` None) or in catalogue ``where``."""
    return f"CREATE OR REPLACE TEMP {kind} {name}" if where is None else f"CREATE OR REPLACE {kind} {where}.{name}"


def is_large(con: duckdb.DuckDBPyConnection) -> bool:
    row = con.execute("SELECT count(*) FROM jeugdhulp").fetchone()
    return row is not None and row[0] > GROOT


class Werkruimte:
    """The scratch database of one run on ``con``, attached on creation and, with ``voorop``, put first on the
    search path; :meth:`close` detaches it, removes its file and gives ``con`` its search path back.
    ``groot``: a file rather than memory (default: when the store is large)."""

    def __init__(self, con: duckdb.DuckDBPyConnection, groot: bool | None = None, voorop: bool = True) -> None:
        self.con = con
        self.name = f"werk_{uuid.uuid4().hex[:8]}"
        self._folder: Path | None = None
        self._cursors: list[duckdb.DuckDBPyConnection] = []
        store = con.execute("SELECT current_database()").fetchone()[0]
        self._quoted_store = '"' + store.replace('"', '""') + '"'
        self._search_path = con.execute("SELECT current_setting('search_path')").fetchone()[0]
        self.groot = is_large(con) if groot is None else groot
        if self.groot:
            self._folder = Path(tempfile.mkdtemp(prefix="jeugdmonitor-werk-"))
            weakref.finalize(self, shutil.rmtree, self._folder, True)  # also when close() is never called
            con.execute(f"ATTACH '{self._folder / 'werk.duckdb'}' AS {self.name} (READ_WRITE)")
        else:
            con.execute(f"ATTACH ':memory:' AS {self.name} (READ_WRITE)")
        self._voorop = voorop
        if voorop:
            self.use(con)

    def use(self, con: duckdb.DuckDBPyConnection) -> None:
        """Put the scratch database first on ``con``'s search path, the store second."""
        con.execute(f"SET search_path = '{self.name},{self._quoted_store}'")

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A second connection to the same store and scratch database (closed by :meth:`close`)."""
        cursor = self.con.cursor()
        self.use(cursor)
        self._cursors.append(cursor)
        return cursor

    def drop_temp_shadows(self) -> None:
        """Drop the TEMP objects named like one in the scratch database: TEMP comes before the search path, so
        one left by an earlier engine.runner.prepare on the TEMP catalogue (the tests do that) would hide the
        run's own from ``con``. Call it once the run's objects exist."""
        found = self.con.execute(
            "WITH werk AS (SELECT table_name AS name FROM duckdb_tables() WHERE database_name = $werk "
            "UNION SELECT view_name FROM duckdb_views() WHERE database_name = $werk "
            "UNION SELECT function_name FROM duckdb_functions() WHERE database_name = $werk) "
            "SELECT 'TABLE', table_name FROM duckdb_tables() WHERE temporary AND table_name IN (FROM werk) "
            "UNION ALL SELECT 'VIEW', view_name FROM duckdb_views() WHERE temporary AND view_name IN (FROM werk) "
            "UNION ALL SELECT DISTINCT 'MACRO', function_name FROM duckdb_functions() "
            "WHERE database_name = 'temp' AND function_name IN (FROM werk)",
            {"werk": self.name},
        ).fetchall()
        for kind, name in found:
            self.con.execute(f"DROP {kind} IF EXISTS temp.main.{name}")

    def close(self) -> None:
        for cursor in self._cursors:
            cursor.close()
        self._cursors.clear()
        if self._voorop:  # the store the default database again (the first entry of a search path is), then
            # the search path as it was
            self.con.execute(f"USE {self._quoted_store}")
            if self._search_path:
                self.con.execute(f"SET search_path = '{self._search_path}'")
            else:
                self.con.execute("RESET search_path")
        self.con.execute(f"DETACH {self.name}")
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None

    def __enter__(self) -> Werkruimte:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
