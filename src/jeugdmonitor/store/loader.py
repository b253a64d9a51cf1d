"""Loading a delivery into the DuckDB store: whole or not at all, and the same delivery only once.

1. The checksum of the delivery (sha256 over the sorted file names and contents) is looked up in the load
   log: a delivery loaded before changes nothing, not even the log.
2. The delivery is staged and checked in an in-memory connection (``stage_delivery``); the existing store,
   if any, is attached read-only for lookups. Any error: :class:`DeliveryRejected`, and the store (or its
   absence) and the key file are exactly as before.
3. Only then is the store attached for writing and the delivery written in one transaction
   (``store.write``). A failure there rolls back; a store file created by this load is removed again.
"""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import duckdb

from jeugdmonitor.errors import DeliveryRejected, Melding, UserError
from jeugdmonitor.formatting import fmt_datum, fmt_getal
from jeugdmonitor.sources.base import quote_literal
from jeugdmonitor.store.connect import load_connection, open_store, temp_directory_for
from jeugdmonitor.store.pseudonym import ENV_KEY, Key, draft_key, key_check, key_file_for, resolve_key, save_key
from jeugdmonitor.store.schema import LOG_TABLE
from jeugdmonitor.store.stage import delivery_files, stage_delivery
from jeugdmonitor.store.staging import MELDINGEN_TABLE, Staging
from jeugdmonitor.store.write import LoadMeta, delivered_rows, write_delivery

STORE = "jm_store"  # the name the store is attached under
MAX_ERRORS = 200  # errors carried by DeliveryRejected; the total is counted
MAX_WARNINGS = 300  # warnings carried by LoadResult for printing; all of them are in _meldingen
_CHUNK = 1 << 20

__all__ = ["LoadResult", "delivery_checksum", "load_delivery", "open_store", "stage_delivery"]


def _short_list(items: tuple[str, ...], shown: int = 8) -> str:
    if len(items) <= shown:
        return ", ".join(items) or "geen"
    return f"{', '.join(items[:shown])} … {items[-1]}"


@dataclass
class LoadResult:
    """What a load did. ``meldingen`` holds the first warnings; ``warning_count`` and ``counts`` all of them."""

    store: Path
    levering_id: int
    peildatum: date | None = None
    peildatum_bron: str = ""
    gemeenten: tuple[str, ...] = ()
    rows: dict[str, int] = field(default_factory=dict)
    meldingen: list[Melding] = field(default_factory=list)
    warning_count: int = 0
    counts: dict[str, int] = field(default_factory=dict)  # warnings per regel
    already_loaded_at: datetime | None = None

    def describe(self) -> str:
        """A Dutch summary for the terminal."""
        if self.already_loaded_at is not None:
            return (
                f"Deze levering is al geladen op {fmt_datum(self.already_loaded_at)} om {self.already_loaded_at:%H:%M} "
                f"(levering {self.levering_id}); er is niets veranderd in {self.store}."
            )
        bron = f" ({self.peildatum_bron})" if self.peildatum_bron else ""
        lines = [
            f"Levering {self.levering_id} geladen in {self.store}.",
            f"Peildatum: {fmt_datum(self.peildatum)}{bron}." if self.peildatum else "Peildatum: onbekend.",
            f"Gemeenten ({len(self.gemeenten)}): {_short_list(self.gemeenten)}.",
            "Rijen per tabel:",
        ]
        width = max((len(t) for t in self.rows), default=0)
        lines += [f"  {table:<{width}}  {fmt_getal(n):>12}" for table, n in self.rows.items()]
        if self.warning_count:
            per_rule = ", ".join(f"{regel} {fmt_getal(n)}" for regel, n in sorted(self.counts.items()))
            lines.append(f"Waarschuwingen: {fmt_getal(self.warning_count)} ({per_rule}).")
        else:
            lines.append("Geen waarschuwingen.")
        return "\n".join(lines)


def delivery_checksum(folder: Path) -> str:
    """sha256 over the sorted file names and their contents."""
    digest = hashlib.sha256()
    for path in delivery_files(folder):
        digest.update(path.name.encode("utf-8") + b"\0")
        with path.open("rb") as fh:
            for chunk in iter(lambda fh=fh: fh.read(_CHUNK), b""):
                digest.update(chunk)
        digest.update(b"\0")
    return digest.hexdigest()


def _log_columns(con: duckdb.DuckDBPyConnection) -> set[str]:
    """Columns of the attached store's load log; empty when the store has none yet."""
    query = "SELECT column_name FROM duckdb_columns() WHERE database_name = ? AND table_name = ?"
    return {r[0] for r in con.execute(query, [STORE, LOG_TABLE]).fetchall()}


def _previous_load(con: duckdb.DuckDBPyConnection, checksum: str) -> tuple[int, datetime] | None:
    if not _log_columns(con):
        return None
    found = con.execute(
        f"SELECT levering_id, geladen_op FROM {STORE}.{LOG_TABLE} WHERE checksum = ? ORDER BY levering_id LIMIT 1",
        [checksum],
    ).fetchall()
    return found[0] if found else None


def _check_same_key(con: duckdb.DuckDBPyConnection, key: Key) -> None:
    """Refuse a key other than the one the store was filled with: the pseudonyms would not match."""
    if "sleutel_controle" not in _log_columns(con):
        return
    found = con.execute(
        f"SELECT sleutel_controle FROM {STORE}.{LOG_TABLE} WHERE sleutel_controle IS NOT NULL "
        "ORDER BY levering_id DESC LIMIT 1"
    ).fetchall()
    if found and found[0][0] != key_check(key):
        raise UserError(
            f"de sleutel ({key.source}) is een andere dan die waarmee deze store is gevuld; de pseudoniemen "
            f"zouden niet overeenkomen. Gebruik de oorspronkelijke sleutel ({ENV_KEY} of het sleutelbestand)."
        )


def _store_key(store: Path, existed: bool) -> tuple[Key, bool]:
    """The store's key and whether it is new (its file is written only when the load succeeds)."""
    try:
        return resolve_key(store, create=False), False
    except FileNotFoundError:
        if existed:
            raise UserError(
                f"er is geen sleutel voor de store {store.name}: zet {ENV_KEY} of zet het sleutelbestand "
                f"{key_file_for(store).name} terug (met een nieuwe sleutel zouden de pseudoniemen niet kloppen)"
            ) from None
        return draft_key(store), True


def rejection(staging: Staging) -> DeliveryRejected:
    """The exception for a rejected staging: the first errors as Meldingen, the totals as attributes."""
    return DeliveryRejected(
        staging.meldingen(limit=MAX_ERRORS, niveau="fout"), staging.count("fout"), staging.count("waarschuwing")
    )


def _result(store: Path, levering_id: int, staging: Staging) -> LoadResult:
    counts = dict(
        staging.con.execute(
            f"SELECT regel, count(*) FROM {MELDINGEN_TABLE} WHERE niveau = 'waarschuwing' GROUP BY regel"
        ).fetchall()
    )
    return LoadResult(
        store=store,
        levering_id=levering_id,
        peildatum=staging.peildatum,
        peildatum_bron=staging.peildatum_bron,
        gemeenten=staging.gemeenten,
        rows=delivered_rows(staging),
        meldingen=staging.meldingen(limit=MAX_WARNINGS, niveau="waarschuwing"),
        warning_count=sum(counts.values()),
        counts=counts,
    )


def _cleanup(paths: list[Path]) -> None:
    for path in paths:
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)


def load_delivery(folder: Path, store: Path, key: Key | None = None, *, xsd: Path | None = None) -> LoadResult:
    """Load the delivery in ``folder`` into the store file ``store``; see the module docstring.

    Without ``key`` the store's key is used (``JEUGDMONITOR_SLEUTEL`` or the key file beside the store,
    created with the first accepted delivery). Raises :class:`DeliveryRejected` when the delivery has errors.
    ``xsd``: a folder of iJw XSDs to validate messages against (else ``JEUGDMONITOR_IJW_XSD``, else none).
    """
    folder, store = Path(folder), Path(store)
    checksum = delivery_checksum(folder)
    existed = store.exists()
    key, new_key = (key, False) if key is not None else _store_key(store, existed)
    created: list[Path] = [] if existed else [store, store.with_name(store.name + ".wal")]
    if new_key:
        created.append(key_file_for(store))
    tmp_existed = temp_directory_for(store).exists()
    con = load_connection(store)
    try:
        if existed:
            con.execute(f"ATTACH {quote_literal(str(store))} AS {STORE} (READ_ONLY)")
            previous = _previous_load(con, checksum)
            if previous is not None:
                return LoadResult(store, previous[0], already_loaded_at=previous[1])
            _check_same_key(con, key)
        staging = stage_delivery(folder, con, key, reference=STORE if existed else None, xsd=xsd)
        if staging.rejected:
            raise rejection(staging)
        if existed:
            con.execute(f"DETACH {STORE}")
        meta = LoadMeta(folder, checksum, datetime.now(), key_check(key))
        return _write(con, store, key if new_key else None, staging, meta)
    except BaseException:
        _cleanup(created)
        raise
    finally:
        con.close()
        if not tmp_existed:
            _cleanup([temp_directory_for(store)])


def _write(
    con: duckdb.DuckDBPyConnection, store: Path, new_key: Key | None, staging: Staging, meta: LoadMeta
) -> LoadResult:
    if new_key is not None:
        save_key(store, new_key)
    store.parent.mkdir(parents=True, exist_ok=True)
    con.execute(f"ATTACH {quote_literal(str(store))} AS {STORE}")
    try:
        levering_id = write_delivery(con, STORE, staging, meta)
    finally:
        con.execute(f"DETACH {STORE}")
    return _result(store, levering_id, staging)
