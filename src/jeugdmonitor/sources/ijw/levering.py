"""Staging the iJw messages of a delivery folder, and writing their facts to the store with the delivery.

:func:`stage_messages` reads every message of the folder (:mod:`.werk`, :mod:`.openen`, :mod:`.bericht`),
skips messages already loaded (same type, sender and BerichtIdentificatie: TR056; the identification includes its
Dagtekening), validates against the XSDs when configured (:mod:`.xsd`) and always against the product's own
structural checks (:mod:`.structuur`). An invalid message goes to quarantine: it is not loaded, it is
reported as a warning naming file, BerichtIdentificatie and element, and it is kept in the store table
``_quarantaine``. The valid messages become fact rows (:mod:`.feiten`) and then the raw tables
``jeugdigen``, ``jeugdhulp`` and ``kosten`` (:mod:`.naar_tabellen`), which the staging treats like any file.

When the delivery is accepted, :meth:`BerichtenLevering.write` stores the facts (``_ijw_berichten`` and the
other ``_ijw_*`` tables) and the quarantine in the same transaction as the tables.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from jeugdmonitor.errors import Melding
from jeugdmonitor.sources.base import RawFile, count_rows, has_table
from jeugdmonitor.sources.ijw import naar_tabellen
from jeugdmonitor.sources.ijw.bericht import Quarantaine
from jeugdmonitor.sources.ijw.feiten import FEITEN, Feiten
from jeugdmonitor.sources.ijw.openen import is_message_file
from jeugdmonitor.sources.ijw.werk import read_all, schemas_for, xsd_text
from jeugdmonitor.store.pseudonym import Key

STORE_PREFIX = "_ijw_"  # store tables with the facts of every message loaded
NEW_PREFIX = "ijw_nieuw_"  # TEMP tables with this delivery's facts
RAW_PREFIX = "_raw_ijw"
QUARANTAINE = "_quarantaine"
QUARANTAINE_COLUMNS = [
    ("levering_id", "INTEGER"), ("bestand", "VARCHAR"), ("soort", "VARCHAR"), ("afzender", "VARCHAR"),
    ("identificatie", "VARCHAR"), ("dagtekening", "VARCHAR"), ("element", "VARCHAR"), ("reden", "VARCHAR"),
]  # fmt: skip
BESTAND = "iJw-berichten ({table})"  # how the derived tables are named in messages


@dataclass
class BerichtenLevering:
    """This delivery's messages: the raw tables they give and what was not loaded."""

    raw: dict[str, RawFile] = field(default_factory=dict)
    quarantaine: list[Quarantaine] = field(default_factory=list)
    geladen: int = 0
    al_geladen: int = 0
    megabytes: float = 0.0

    def write(self, con: duckdb.DuckDBPyConnection, levering_id: int) -> None:
        """Append the facts and the quarantine to the store (``con`` is USE-ing it, inside the transaction)."""
        for table, columns in FEITEN.items():
            ensure_table(con, f"{STORE_PREFIX}{table}", [("nr", "BIGINT"), *columns, ("levering_id", "INTEGER")])
            names = ", ".join(["nr", *(c for c, _ in columns)])
            # data minimisation: the store keeps the four digits of a postcode (as jeugdigen does)
            select = names.replace("postcode", "left(postcode, 4)") if table == "clienten" else names
            con.execute(
                f"INSERT INTO {STORE_PREFIX}{table} ({names}, levering_id) "
                f"SELECT {select}, {int(levering_id)} FROM temp.main.{NEW_PREFIX}{table}"
            )
        ensure_table(con, QUARANTAINE, QUARANTAINE_COLUMNS)
        rows = [
            (levering_id, q.bestand, q.soort, q.afzender, q.identificatie, q.dagtekening, q.element, q.reden)
            for q in self.quarantaine
        ]
        if rows:
            con.executemany(f"INSERT INTO {QUARANTAINE} VALUES ({', '.join('?' * len(QUARANTAINE_COLUMNS))})", rows)


def ensure_table(con: duckdb.DuckDBPyConnection, name: str, columns: list[tuple[str, str]]) -> None:
    con.execute(f"CREATE TABLE IF NOT EXISTS {name} ({', '.join(f'{c} {t}' for c, t in columns)})")


def has_messages(folder: Path) -> bool:
    return any(p.is_file() and is_message_file(p) and not p.name.startswith(".") for p in folder.iterdir())


def _loaded_keys(con: duckdb.DuckDBPyConnection, reference: str | None) -> set[tuple[str, str, str, str]]:
    if reference is None or not has_table(con, reference, f"{STORE_PREFIX}berichten"):
        return set()
    rows = con.execute(
        f"SELECT soort, afzender, identificatie, strftime(dagtekening, '%Y-%m-%d') "
        f"FROM {reference}.{STORE_PREFIX}berichten"
    ).fetchall()
    return set(rows)


@contextmanager
def _without_cycle_collection() -> Iterator[None]:
    """The cyclic garbage collector paused: reading a large delivery here keeps hundreds of thousands of objects
    (archive entries, message keys, fact columns) and makes no cycles, but every collection would walk them all
    again (a fifth of this process's time while the workers read)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def read_folder(
    folder: Path, key: Key, loaded: set[tuple[str, str, str, str]], xsd: str | None
) -> tuple[Feiten, BerichtenLevering, list[Melding]]:
    """Read, check and extract every message of the folder; duplicates are reported, not loaded.

    ``xsd`` is the XSD folder (as a string, so it can go to worker processes) or None.
    """
    with _without_cycle_collection():
        return _read_folder(folder, key, loaded, xsd)


def _read_folder(
    folder: Path, key: Key, loaded: set[tuple[str, str, str, str]], xsd: str | None
) -> tuple[Feiten, BerichtenLevering, list[Melding]]:
    feiten, levering, meldingen = Feiten(), BerichtenLevering(), []
    seen: dict[tuple[str, str, str, str], str] = {}
    for deel in read_all(folder, xsd, key):
        levering.megabytes += deel.size / 1e6
        nummers: list[int | None] = []  # the batch's message numbers in this delivery (None: not loaded)
        for found in deel.berichten:
            if isinstance(found, Quarantaine):
                levering.quarantaine.append(found)
                continue
            bestand, sleutel = found
            if sleutel in loaded or sleutel in seen:
                nummers.append(None)
                levering.al_geladen += 1
                soort, afzender, identificatie, dagtekening = sleutel
                eerder = f"in {seen[sleutel]}" if sleutel in seen else "in een eerdere levering"
                tekst = (
                    f"bericht {soort} met BerichtIdentificatie {identificatie} van {dagtekening} "
                    f"(afzender {afzender}) is al geladen ({eerder}) en wordt overgeslagen"
                )
                meldingen.append(Melding("waarschuwing", "bericht_al_geladen", bestand, None, None, tekst))
                continue
            seen[sleutel] = bestand
            nummers.append(levering.geladen)
            levering.geladen += 1
        feiten.extend(deel.feiten, nummers)
    for q in levering.quarantaine:
        meldingen.append(Melding("waarschuwing", "bericht_quarantaine", q.bestand, None, q.element, q.tekst(False)))
    return feiten, levering, meldingen


def _new_fact_tables(con: duckdb.DuckDBPyConnection, feiten: Feiten) -> None:
    """This delivery's facts as TEMP tables ``ijw_nieuw_<table>`` (levering_id NULL: not yet known)."""
    con.execute("SELECT 1").fetchall()  # close any half-fetched result: it blocks register
    for table, columns in FEITEN.items():
        full = [("nr", "BIGINT"), *columns]
        name = f"{NEW_PREFIX}{table}"
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE {name} ({', '.join(f'{c} {t}' for c, t in full)}, levering_id INTEGER)"
        )
        if not feiten.rows(table):
            continue
        # numbers come as text (cast back below: an object column of Python ints gets a type from a sample), the
        # message numbers as 64-bit integers; the workers made the arrays (feiten.Rijen.feiten)
        data = feiten.take(table)
        view = f"_ijw_kolommen_{table}"
        con.register(view, data)
        try:
            items = ", ".join(["nr", *(f"CAST(CAST({c} AS VARCHAR) AS {t})" for c, t in columns)])
            con.execute(f"INSERT INTO {name} SELECT {items}, NULL FROM {view}")
        finally:
            con.unregister(view)


def _raw_files(con: duckdb.DuckDBPyConnection, relations: dict[str, str]) -> dict[str, RawFile]:
    result = {}
    for table, relation in relations.items():
        columns = naar_tabellen.COLUMNS[table]
        result[table] = RawFile(
            Path(BESTAND.format(table=table)), relation, columns, False, count_rows(con, relation),
            f"DROP TABLE IF EXISTS {relation}",
        )  # fmt: skip
    return result


def _add_meldingen(con: duckdb.DuckDBPyConnection, table: str, meldingen: list[Melding]) -> None:
    if not meldingen:
        return
    con.executemany(
        f"INSERT INTO {table} VALUES (?, ?, ?, ?, ?, ?)",
        [(m.niveau, m.regel, m.bestand, m.rij, m.kolom, m.tekst) for m in meldingen],
    )


def stage_messages(
    folder: Path,
    con: duckdb.DuckDBPyConnection,
    key: Key,
    *,
    meldingen_table: str,
    reference: str | None = None,
    xsd: Path | None = None,
) -> BerichtenLevering | None:
    """Read the folder's messages into raw tables of ``con``; None when the folder has no message files."""
    if not has_messages(folder):
        return None
    schema_folder = xsd_text(xsd)
    schemas_for(schema_folder)  # a folder without readable XSDs fails here, in this process
    feiten, levering, meldingen = read_folder(folder, key, _loaded_keys(con, reference), schema_folder)
    _add_meldingen(con, meldingen_table, meldingen)
    _new_fact_tables(con, feiten)
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE ijw_gemeenten AS "
        f"SELECT DISTINCT gemeente FROM {NEW_PREFIX}berichten WHERE gemeente IS NOT NULL"
    )
    sources = {}
    for table in FEITEN:
        sources[table] = [f"{NEW_PREFIX}{table}"]
        if reference is not None and has_table(con, reference, f"{STORE_PREFIX}{table}"):
            sources[table].append(f"{reference}.{STORE_PREFIX}{table}")
    naar_tabellen.fact_views(con, sources)
    levering.raw = _raw_files(con, naar_tabellen.build(con, RAW_PREFIX))
    return levering
