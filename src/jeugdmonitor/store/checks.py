"""The checks of a delivery, each a set-based INSERT … SELECT into ``stg_meldingen``.

Header checks look at the column names of a raw file; cell checks run over the raw (text) table; the
checks between rows and tables run over the typed staged tables. Rule codes (``regel``) are stable: the
quality report and the tests use them.
"""

from __future__ import annotations

from datetime import date

import duckdb

from jeugdmonitor.contract import CLIENT_COLUMNS, Table
from jeugdmonitor.errors import Level, Melding
from jeugdmonitor.sources.base import BSN_VALID_COLUMN, PSEUDONYM_COLUMN, RawFile, quote_ident, quote_literal
from jeugdmonitor.store import meldingen
from jeugdmonitor.store.conversions import cell_rules
from jeugdmonitor.store.meldingen import select_sql, shown, text
from jeugdmonitor.store.schema import BEGIN, CLIENT, END, REASON
from jeugdmonitor.store.staging import StagedTable


def check_header(con: duckdb.DuckDBPyConnection, table: Table, raw: RawFile, bestand: str) -> str | None:
    """Required, unknown and client columns. Returns the client column to use (``bsn``/``client_id``)."""

    def header(niveau: Level, regel: str, kolom: str, tekst: str) -> None:
        meldingen.add(con, Melding(niveau, regel, bestand, 1, kolom, tekst))

    present = [c for c in CLIENT_COLUMNS if c in raw.columns] if table.client else []
    if len(present) == 2:
        header("fout", "bsn_en_client_id", "client_id", "de tabel heeft zowel bsn als client_id; gebruik één van beide")
    if table.client == "verplicht" and not present:
        header("fout", "kolom_ontbreekt", "bsn", "kolom bsn (of client_id) ontbreekt")
    for column in table.columns:
        if column.required and column.name not in raw.columns:
            header("fout", "kolom_ontbreekt", column.name, f"verplichte kolom {column.name} ontbreekt")
    known = {*table.column_names, *present}
    for name in raw.columns:
        if name not in known:
            tekst = f"kolom {name} staat niet in het gegevenscontract en wordt niet geladen"
            header("waarschuwing", "onbekende_kolom", name, tekst)
    return present[0] if present else None


def check_cells(con: duckdb.DuckDBPyConnection, table: Table, raw: RawFile, bestand: str, client: str | None) -> None:
    """Empty required cells, unreadable values, unknown codes and invalid BSNs, in one statement per file."""
    selects = []
    source = f"FROM {raw.relation} r"
    if client:
        pseudo = f"r.{PSEUDONYM_COLUMN[client]}"
        if table.client == "verplicht":
            selects.append(
                f"{select_sql('fout', 'verplicht_leeg', bestand, client, text('het cliëntnummer is leeg'))} "
                f"{source} WHERE {pseudo} IS NULL"
            )
        if client == "bsn":
            selects.append(
                f"{select_sql('fout', 'bsn_ongeldig', bestand, 'bsn', text('BSN voldoet niet aan de elfproef'))} "
                f"{source} WHERE NOT r.{BSN_VALID_COLUMN}"
            )
    for column in table.columns:
        if column.name not in raw.columns:
            continue
        x = f"r.{quote_ident(column.name)}"
        if column.required:
            tekst = text(f"verplichte kolom {column.name} is leeg")
            selects.append(
                f"{select_sql('fout', 'verplicht_leeg', bestand, column.name, tekst)} {source} WHERE {x} IS NULL"
            )
        for rule in cell_rules(column, x, raw.decimal_comma):
            selects.append(
                f"{select_sql(rule.niveau, rule.regel, bestand, column.name, rule.tekst)} "
                f"{source} WHERE {rule.condition}"
            )
    meldingen.insert(con, selects)


def check_client_known(con: duckdb.DuckDBPyConnection, raw: RawFile, bestand: str, client: str, persons: str) -> None:
    """Every client named in a table must be a young person of ``jeugdigen`` (invalid BSNs are reported once)."""
    pseudo = f"r.{PSEUDONYM_COLUMN[client]}"
    valid = f" AND r.{BSN_VALID_COLUMN}" if client == "bsn" else ""
    tekst = text("deze jeugdige staat niet in jeugdigen")
    meldingen.insert(
        con,
        [
            f"{select_sql('fout', 'client_onbekend', bestand, client, tekst)} FROM {raw.relation} r "
            f"WHERE {pseudo} IS NOT NULL{valid} AND NOT EXISTS (SELECT 1 FROM {persons} j WHERE j.{CLIENT} = {pseudo})"
        ],
    )


def check_rows(con: duckdb.DuckDBPyConnection, table: Table, staged: StagedTable) -> None:
    """Duplicate keys, an end before the beginning, a missing reason of ending."""
    selects = []
    present = set(staged.columns) | set(staged.derived)
    rel, bestand = staged.relation, staged.bestand
    key = list(table.key)
    if key and all(k in present for k in key):
        cols = ", ".join(quote_ident(k) for k in key)
        kolom = staged.client_kind if key == [CLIENT] else ", ".join(key)
        label = (
            "'deze jeugdige'"
            if key == [CLIENT]
            else " || ', ' || ".join(f"'{k} ' || {shown(f'CAST({quote_ident(k)} AS VARCHAR)')}" for k in key)
        )
        tekst = f"{label} || ' komt al voor in rij ' || eerste"
        selects.append(
            f"{select_sql('fout', 'dubbele_sleutel', bestand, kolom, tekst)} FROM ("
            f"SELECT *, min(_rij) OVER (PARTITION BY {cols}) AS eerste FROM {rel} "
            f"WHERE {' AND '.join(f'{quote_ident(k)} IS NOT NULL' for k in key)}) WHERE _rij > eerste"
        )
    if BEGIN in present and END in present:
        tekst = f"'einddatum ' || {END} || ' ligt vóór begindatum ' || {BEGIN}"
        selects.append(
            f"{select_sql('fout', 'einde_voor_begin', bestand, END, tekst)} FROM {rel} WHERE {END} < {BEGIN}"
        )
    if END in present and REASON in table.column_names:
        tekst = text("einddatum is gevuld maar reden_beeindiging is leeg")
        if REASON in present:
            selects.append(
                f"{select_sql('waarschuwing', 'reden_ontbreekt', bestand, REASON, tekst)} "
                f"FROM {rel} WHERE {END} IS NOT NULL AND {REASON} IS NULL"
            )
        else:
            tekst = text("kolom reden_beeindiging ontbreekt terwijl er beëindigde rijen zijn")
            selects.append(
                f"{select_sql('waarschuwing', 'reden_ontbreekt', bestand, REASON, tekst, rij='NULL')} "
                f"FROM {rel} WHERE {END} IS NOT NULL LIMIT 1"
            )
    meldingen.insert(con, selects)


def check_gemeente_known(con: duckdb.DuckDBPyConnection, staged: StagedTable, column: str) -> None:
    tekst = text(
        "gemeente ontbreekt of is ongeldig, en is niet af te leiden uit de jeugdige, het traject of de levering"
    )
    meldingen.insert(
        con,
        [
            f"{select_sql('fout', 'gemeente_onbekend', staged.bestand, column, tekst)} "
            f"FROM {staged.relation} WHERE {column} IS NULL"
        ],
    )


def check_after_peildatum(con: duckdb.DuckDBPyConnection, table: Table, staged: StagedTable, peildatum: date) -> None:
    """Dates after the peildatum (a month: one that starts after it) are reported, not removed.

    Planned dates (``gepland`` in the contract, such as a granted end date) are expected to lie ahead.
    """
    selects = []
    present = set(staged.columns)
    p = quote_literal(peildatum.isoformat())
    for column in table.columns:
        if column.name not in present or column.type not in ("datum", "maand") or column.planned:
            continue
        col = quote_ident(column.name)
        if column.type == "datum":
            cond, tekst = f"{col} > DATE {p}", f"'datum ' || {col} || ' ligt na de peildatum ' || {p}"
        else:
            cond, tekst = f"{col} > date_trunc('month', DATE {p})", f"'maand ligt na de peildatum ' || {p}"
        selects.append(
            f"{select_sql('waarschuwing', 'na_peildatum', staged.bestand, column.name, tekst)} "
            f"FROM {staged.relation} WHERE {cond}"
        )
    meldingen.insert(con, selects)
