"""Staging a delivery: every file into a typed TEMP table, every problem into ``stg_meldingen``.

Nothing here writes to a store; :func:`stage_delivery` works on any DuckDB connection, so the loader and
the data-quality report (``jeugdmonitor check``) read a delivery in exactly the same way. Files are staged
in dependency order: the postcode table before ``jeugdigen`` (wijk derivation), ``jeugdigen`` before the
rest (clients, municipalities), ``jeugdhulp`` before the tables that refer to trajectories.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from jeugdmonitor.contract import Table, load_contract
from jeugdmonitor.errors import Level, Melding
from jeugdmonitor.sources import FileProblem, reader_for
from jeugdmonitor.sources.base import RawFile, one_row
from jeugdmonitor.sources.ijw import samen
from jeugdmonitor.sources.ijw.levering import stage_messages
from jeugdmonitor.sources.ijw.openen import is_message_file
from jeugdmonitor.store import checks, meldingen
from jeugdmonitor.store.derive import Context, build_typed, postcode_source
from jeugdmonitor.store.productcheck import check_products
from jeugdmonitor.store.pseudonym import Key
from jeugdmonitor.store.schema import (
    BRON,
    CLIENT,
    GEMEENTE,
    LEVERING,
    PEILDATUM,
    PERSONS,
    POSTCODES,
    TRAJECTS,
    gemeente_from_traject,
)
from jeugdmonitor.store.staging import MELDINGEN_TABLE, StagedTable, Staging

FIRST = (LEVERING, POSTCODES, PERSONS, TRAJECTS)
PEILDATUM_DERIVED = "laatste datum in de levering"


def delivery_files(folder: Path) -> list[Path]:
    """The files of a delivery folder, sorted by name; hidden files and Excel lock files (``~$…``) left out."""
    # by name, not by Path: the same order within one folder, without pathlib's slow comparison (a delivery of
    # iJw messages may hold a hundred thousand files)
    files = (p for p in folder.iterdir() if p.is_file() and not p.name.startswith((".", "~$")))
    return sorted(files, key=lambda p: p.name)


def _file_problem(con: duckdb.DuckDBPyConnection, niveau: Level, regel: str, bestand: str, tekst: str) -> None:
    meldingen.add(con, Melding(niveau, regel, bestand, None, None, tekst))


def _discover(
    con: duckdb.DuckDBPyConnection, folder: Path, provided: dict[str, RawFile], beside: dict[str, Path]
) -> dict[str, Path]:
    """Contract table -> its file. Other files: a warning; a table delivered twice: an error.

    ``provided`` holds the tables the delivery's iJw messages give (their files are read by sources.ijw); a
    file for such a table goes to ``beside``: its rows join the messages' (``sources.ijw.samen``).
    """
    names = set(load_contract().table_names)
    found: dict[str, Path] = {table: raw.path for table, raw in provided.items()}
    for path in delivery_files(folder):
        table = path.stem.strip().lower()
        if provided and is_message_file(path):
            continue
        if table in provided and table in names and reader_for(path) is not None:
            if table in beside:
                tekst = f"tabel {table} is twee keer geleverd: {beside[table].name} en {path.name}"
                _file_problem(con, "fout", "dubbel_bestand", path.name, tekst)
            else:
                beside[table] = path
        elif table not in names or reader_for(path) is None:
            tekst = "bestand hoort bij geen tabel van het gegevenscontract en wordt genegeerd"
            _file_problem(con, "waarschuwing", "onbekend_bestand", path.name, tekst)
        elif table in found:
            tekst = f"tabel {table} is twee keer geleverd: {found[table].name} en {path.name}"
            _file_problem(con, "fout", "dubbel_bestand", path.name, tekst)
        else:
            found[table] = path
    for table in load_contract().tables:
        if table.required and table.name not in found:
            tekst = f"verplichte tabel {table.name} ontbreekt ({table.name}.csv of .xlsx)"
            _file_problem(con, "fout", "tabel_ontbreekt", f"{table.name}.csv", tekst)
    return found


def _order(files: dict[str, Path]) -> list[Table]:
    tables = [t for t in load_contract().tables if t.name in files]
    return sorted(tables, key=lambda t: FIRST.index(t.name) if t.name in FIRST else len(FIRST))


def _single_gemeente(con: duckdb.DuckDBPyConnection, relation: str) -> str | None:
    query = f"SELECT count(DISTINCT {GEMEENTE}), any_value({GEMEENTE}) FROM {relation} WHERE {GEMEENTE} IS NOT NULL"
    count, value = one_row(con, query)
    return value if count == 1 else None


def _stage_file(
    con: duckdb.DuckDBPyConnection,
    table: Table,
    path: Path,
    key: Key,
    ctx: Context,
    reference: str | None,
    provided: RawFile | None = None,
) -> StagedTable | None:
    reader = reader_for(path)
    assert reader is not None or provided is not None  # _discover only keeps files a reader handles
    try:
        raw = provided or reader.read(path, con, key, f"_raw_{table.name}")
    except FileProblem as problem:
        meldingen.add(con, Melding("fout", problem.regel, path.name, problem.rij, problem.kolom, problem.tekst))
        return None
    client = checks.check_header(con, table, raw, path.name)
    checks.check_cells(con, table, raw, path.name, client)
    persons = ctx.relations.get(PERSONS)
    if client and table.name != PERSONS and persons and CLIENT in ctx.columns[PERSONS]:
        checks.check_client_known(con, raw, path.name, client, persons)
    if table.name == PERSONS:
        ctx.postcode_source = postcode_source(con, ctx, reference)
    typed = build_typed(con, table, raw, path.name, client, ctx)
    raw.drop(con)
    staged = StagedTable(table.name, path.name, typed.relation, raw.rows, typed.columns, client, typed.derived)
    ctx.relations[table.name] = typed.relation
    ctx.columns[table.name] = {*typed.columns, *typed.derived}
    checks.check_rows(con, table, staged)
    if table.name == PERSONS and GEMEENTE in ctx.columns[PERSONS]:
        ctx.single_gemeente = _single_gemeente(con, typed.relation)
    derivable = gemeente_from_traject(table) or (table.has_gemeente and not table.column(GEMEENTE).required)
    if derivable and table.name != PERSONS and GEMEENTE in ctx.columns[table.name]:
        checks.check_gemeente_known(con, staged, GEMEENTE)
    return staged


def _stage_beside(
    con: duckdb.DuckDBPyConnection,
    staging: Staging,
    table: Table,
    berichten: StagedTable,
    path: Path,
    key: Key,
    ctx: Context,
    reference: str | None,
) -> StagedTable | None:
    """Stage the file delivered next to the messages for ``table`` and merge both (messages win)."""
    berichten = samen.apart_zetten(con, berichten, "ijw")
    ctx.relations[table.name] = berichten.relation
    bestand = _stage_file(con, table, path, key, ctx, reference)
    if bestand is None:  # the file's error is reported; go on with the messages alone, so later checks can run
        ctx.relations[table.name] = berichten.relation
        return berichten
    bestand = samen.apart_zetten(con, bestand, "bestand")
    staged = samen.samenvoegen(con, table.name, berichten, bestand)
    if staged is None:
        ctx.relations[table.name] = berichten.relation
        ctx.columns[table.name] = {*berichten.columns, *berichten.derived}
        return berichten
    staging.delen[table.name] = (berichten, bestand)
    ctx.relations[table.name] = staged.relation
    ctx.columns[table.name] = {*staged.columns, *staged.derived}
    if table.name == PERSONS and GEMEENTE in ctx.columns[PERSONS]:
        ctx.single_gemeente = _single_gemeente(con, staged.relation)
    return staged


def _peildatum(con: duckdb.DuckDBPyConnection, staging: Staging) -> None:
    """From levering.csv, else the latest date in the delivery.

    Planned dates (``gepland`` in the contract: the end of an allocation as granted) say nothing about how
    far the delivery is complete and do not count; nor do dates after today, which can only be typing errors.
    """
    levering = staging.tables.get(LEVERING)
    if levering and PEILDATUM in levering.columns:
        bron = BRON if BRON in levering.columns else "NULL"
        peildatum, text = one_row(con, f"SELECT max({PEILDATUM}), any_value({bron}) FROM {levering.relation}")
        staging.bron = text
        if peildatum is not None:
            staging.peildatum, staging.peildatum_bron = peildatum, levering.bestand
            return
    maxima = [
        f"SELECT max({c.name}) AS d FROM {st.relation} WHERE {c.name} <= current_date"
        for name, st in staging.tables.items()
        if name != LEVERING
        for c in load_contract().table(name).columns
        if c.type == "datum" and c.name in st.columns and not c.planned
    ]
    if maxima:
        staging.peildatum = one_row(con, f"SELECT max(d) FROM ({' UNION ALL '.join(maxima)})")[0]
        staging.peildatum_bron = PEILDATUM_DERIVED if staging.peildatum else ""


def _gemeenten(con: duckdb.DuckDBPyConnection, staging: Staging) -> tuple[str, ...]:
    parts = [
        f"SELECT {GEMEENTE} FROM {st.relation}"
        for st in staging.tables.values()
        if GEMEENTE in st.columns or GEMEENTE in st.derived
    ]
    if not parts:
        return ()
    query = f"SELECT DISTINCT {GEMEENTE} FROM ({' UNION ALL '.join(parts)}) WHERE {GEMEENTE} IS NOT NULL ORDER BY 1"
    return tuple(r[0] for r in con.execute(query).fetchall())


def stage_delivery(
    folder: Path, con: duckdb.DuckDBPyConnection, key: Key, *, reference: str | None = None, xsd: Path | None = None
) -> Staging:
    """Read, type, derive and check a delivery into TEMP tables of ``con``; see ``store.staging``.

    ``reference`` names an attached store whose tables may serve as lookups (its postcode table, and the
    facts of iJw messages loaded before). ``xsd`` is the folder of iJw XSDs to validate messages against.
    """
    meldingen.create_table(con)
    staging = Staging(con)
    staging.berichten = stage_messages(folder, con, key, meldingen_table=MELDINGEN_TABLE, reference=reference, xsd=xsd)
    provided = staging.berichten.raw if staging.berichten else {}
    beside: dict[str, Path] = {}
    files = _discover(con, folder, provided, beside)
    ctx = Context()
    for table in _order(files):
        staged = _stage_file(con, table, files[table.name], key, ctx, reference, provided.get(table.name))
        if staged is not None and table.name in beside:
            staged = _stage_beside(con, staging, table, staged, beside[table.name], key, ctx, reference)
        if staged is not None:
            staging.tables[table.name] = staged
    _peildatum(con, staging)
    if staging.peildatum is not None:
        for name, st in staging.tables.items():
            for part in staging.delen.get(name, (st,)):  # per file, so a warning names the file and its row
                if name != LEVERING:
                    checks.check_after_peildatum(con, load_contract().table(name), part, staging.peildatum)
    check_products(con, staging, reference)
    staging.gemeenten = _gemeenten(con, staging)
    return staging
