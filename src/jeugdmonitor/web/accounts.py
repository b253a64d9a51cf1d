"""Accounts and the access log of the dashboard, in a small SQLite file beside the store.

Why not in the DuckDB store: the server holds the store open, and an administrator must be able to add a
user (``jeugdmonitor user add``) while it runs; SQLite allows several processes at once. Passwords are kept
as argon2id hashes only. The access log (NEN 7513 in spirit) records every view of client-level data: who,
when, from which address, which page and which (shortened) pseudonym; rows are only ever added.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from jeugdmonitor.errors import UserError
from jeugdmonitor.web.rollen import Gebruiker, rol

SUFFIX = ".dashboard.sqlite"
MIN_WACHTWOORD = 10  # characters; a longer passphrase beats complexity rules
_NAAM = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")
_GEMEENTE = re.compile(r"^GM\d{4}$")
_HASHER = PasswordHasher()
# verifying against this hash when the name is unknown costs the same time as a wrong password
_DUMMY = _HASHER.hash("geen-gebruiker-met-deze-naam")

SCHEMA = """
CREATE TABLE IF NOT EXISTS gebruikers (
    naam TEXT PRIMARY KEY, hash TEXT NOT NULL, rol TEXT NOT NULL, gemeenten TEXT NOT NULL, aangemaakt TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS toegangslog (
    id INTEGER PRIMARY KEY AUTOINCREMENT, tijd TEXT NOT NULL, gebruiker TEXT NOT NULL, rol TEXT NOT NULL,
    adres TEXT, pagina TEXT NOT NULL, gemeente TEXT NOT NULL, pseudoniem TEXT NOT NULL
);
CREATE TRIGGER IF NOT EXISTS toegangslog_alleen_toevoegen BEFORE DELETE ON toegangslog
BEGIN SELECT RAISE(ABORT, 'het toegangslog kan niet worden gewist'); END;
"""


@dataclass(frozen=True)
class Logregel:
    tijd: str
    gebruiker: str
    rol: str
    adres: str
    pagina: str
    gemeente: str
    pseudoniem: str


def pad_voor(store: Path) -> Path:
    """The accounts file of a store: ``<store>.dashboard.sqlite``."""
    return store.with_name(store.name + SUFFIX)


class Accounts:
    """The accounts and access log of one store."""

    def __init__(self, store: Path) -> None:
        self.pad = pad_voor(Path(store))
        self._local = threading.local()
        with self._con() as con:
            con.execute("PRAGMA journal_mode = WAL")  # readers (sign-in checks) never wait for the access log
            con.executescript(SCHEMA)

    @contextmanager
    def _con(self) -> Iterator[sqlite3.Connection]:
        """This thread's connection (kept open: opening and closing one per request cost milliseconds), in a
        transaction that commits on success and rolls back on failure."""
        con = getattr(self._local, "con", None)
        if con is None:
            con = sqlite3.connect(self.pad, timeout=10)
            con.execute("PRAGMA synchronous = NORMAL")  # with WAL: durable at checkpoints, no fsync per log row
            self._local.con = con
        with con:
            yield con

    # ------------------------------------------------------------------------------------------ accounts

    def voeg_toe(self, naam: str, wachtwoord: str, rolnaam: str, gemeenten: Iterable[str]) -> Gebruiker:
        """Add a user; Dutch errors for a bad name, role, municipality, a short password or an existing name."""
        codes = tuple(sorted({g.strip().upper() for g in gemeenten if g.strip()}))
        if not _NAAM.match(naam):
            raise UserError(f"gebruikersnaam '{naam}': gebruik 2 tot 64 kleine letters, cijfers, '.', '_' of '-'")
        try:
            gekozen = rol(rolnaam)
        except ValueError as exc:
            raise UserError(str(exc)) from None
        bad = [g for g in codes if not _GEMEENTE.match(g)]
        if bad or not codes:
            raise UserError(f"gemeente(n) {', '.join(bad) or '(geen)'}: geef CBS-codes als GM0164")
        if len(wachtwoord) < MIN_WACHTWOORD:
            raise UserError(f"het wachtwoord moet minstens {MIN_WACHTWOORD} tekens hebben")
        with self._con() as con:
            if con.execute("SELECT 1 FROM gebruikers WHERE naam = ?", [naam]).fetchone():
                raise UserError(f"gebruiker '{naam}' bestaat al")
            con.execute(
                "INSERT INTO gebruikers VALUES (?, ?, ?, ?, ?)",
                [naam, _HASHER.hash(wachtwoord), gekozen.naam, ",".join(codes), _nu()],
            )
        return Gebruiker(naam, gekozen, codes)

    def verwijder(self, naam: str) -> None:
        with self._con() as con:
            if con.execute("DELETE FROM gebruikers WHERE naam = ?", [naam]).rowcount == 0:
                raise UserError(f"gebruiker '{naam}' bestaat niet")

    def gebruiker(self, naam: str) -> Gebruiker | None:
        with self._con() as con:
            row = con.execute("SELECT rol, gemeenten FROM gebruikers WHERE naam = ?", [naam]).fetchone()
        return None if row is None else Gebruiker(naam, rol(row[0]), tuple(row[1].split(",")))

    def gebruikers(self) -> list[Gebruiker]:
        with self._con() as con:
            rows = con.execute("SELECT naam, rol, gemeenten FROM gebruikers ORDER BY naam").fetchall()
        return [Gebruiker(n, rol(r), tuple(g.split(","))) for n, r, g in rows]

    def controleer(self, naam: str, wachtwoord: str) -> Gebruiker | None:
        """The user when name and password match, else None (the same work either way)."""
        with self._con() as con:
            row = con.execute("SELECT hash FROM gebruikers WHERE naam = ?", [naam]).fetchone()
        try:
            _HASHER.verify(row[0] if row else _DUMMY, wachtwoord)
        except (VerificationError, InvalidHashError):
            return None
        if row is None:
            return None
        if _HASHER.check_needs_rehash(row[0]):  # parameters raised since the hash was made
            with self._con() as con:
                con.execute("UPDATE gebruikers SET hash = ? WHERE naam = ?", [_HASHER.hash(wachtwoord), naam])
        return self.gebruiker(naam)

    # ---------------------------------------------------------------------------------------- access log

    def log(self, gebruiker: Gebruiker, adres: str, pagina: str, gemeente: str, pseudoniemen: Iterable[str]) -> int:
        """Record that ``gebruiker`` saw these pseudonyms on ``pagina``; return how many rows were written."""
        tijd = _nu()
        rows = [
            (tijd, gebruiker.naam, gebruiker.rol.naam, adres, pagina, gemeente, p) for p in dict.fromkeys(pseudoniemen)
        ]
        with self._con() as con:
            con.executemany(
                "INSERT INTO toegangslog (tijd, gebruiker, rol, adres, pagina, gemeente, pseudoniem) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
        return len(rows)

    def logregels(
        self, limit: int = 500, gebruiker: str | None = None, pseudoniem: str | None = None
    ) -> list[Logregel]:
        """The latest entries, newest first, optionally of one user or one pseudonym."""
        where, params = [], []
        if gebruiker:
            where.append("gebruiker = ?")
            params.append(gebruiker)
        if pseudoniem:
            where.append("pseudoniem = ?")
            params.append(pseudoniem)
        sql = "SELECT tijd, gebruiker, rol, coalesce(adres, ''), pagina, gemeente, pseudoniem FROM toegangslog"
        if where:
            sql += " WHERE " + " AND ".join(where)
        with self._con() as con:
            rows = con.execute(sql + " ORDER BY id DESC LIMIT ?", [*params, limit]).fetchall()
        return [Logregel(*r) for r in rows]


def _nu() -> str:
    return datetime.now().replace(microsecond=0).isoformat(sep=" ")
