"""Keyed pseudonyms for BSNs (HMAC-SHA256), computed inside DuckDB so raw BSNs never reach a table.

The key comes from ``JEUGDMONITOR_SLEUTEL`` or from a key file beside the store (``<store>.sleutel``).
A one-off run without either uses a random key; its pseudonyms are not stable across runs.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

ENV_KEY = "JEUGDMONITOR_SLEUTEL"
PSEUDONYM_LENGTH = 16  # hex characters: 64 bits, collision chance ~1e-7 for two million persons
_BLOCK = 64  # SHA-256 block size in bytes


@dataclass(frozen=True)
class Key:
    secret: bytes
    stable: bool  # False for a random one-off key
    source: str  # where the key came from, for messages (never the key itself)


def key_file_for(store: Path) -> Path:
    return store.with_name(store.name + ".sleutel")


def resolve_key(store: Path | None, create: bool = True) -> Key:
    """Find the pseudonymisation key for a store; create a key file beside a new store if asked."""
    env = os.environ.get(ENV_KEY)
    if env:
        return Key(env.encode("utf-8"), True, f"omgevingsvariabele {ENV_KEY}")
    if store is None:
        return Key(secrets.token_bytes(32), False, "willekeurige sleutel (eenmalig)")
    path = key_file_for(store)
    if path.exists():
        return Key(path.read_text(encoding="utf-8").strip().encode("utf-8"), True, f"sleutelbestand {path.name}")
    if not create:
        raise FileNotFoundError(path)
    save_key(store, draft_key(store))
    return resolve_key(store, create=False)


def draft_key(store: Path) -> Key:
    """A new key for a store that has none yet, kept in memory until :func:`save_key` writes it.

    The loader writes the key file only when the first delivery is accepted: a rejected delivery leaves
    nothing behind.
    """
    return Key(secrets.token_hex(32).encode("utf-8"), True, f"sleutelbestand {key_file_for(store).name}")


def save_key(store: Path, key: Key) -> Path:
    """Write ``key`` beside the store, readable by the owner only, in the format :func:`resolve_key` reads."""
    path = key_file_for(store)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(key.secret.decode("utf-8") + "\n")
    return path


def pseudonym(key: Key, kind: str, value: str) -> str:
    """The pseudonym in Python (tests and single values); equals :func:`pseudonym_sql` in DuckDB."""
    digest = hmac.new(key.secret, f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()
    return digest[:PSEUDONYM_LENGTH]


def key_check(key: Key) -> str:
    """A fingerprint of the key (a pseudonym of a fixed text), kept in the load log to catch a changed key."""
    return pseudonym(key, "controle", "jeugdmonitor")


def pseudonym_sql(key: Key, kind: str, expr: str) -> str:
    """A DuckDB expression computing the pseudonym of ``expr`` (a VARCHAR expression).

    HMAC(K, m) = H((K ^ opad) || H((K ^ ipad) || m)), written with DuckDB's sha256 on blobs. The key
    enters the SQL text as hex pads; the SQL is never logged.
    """
    secret = key.secret if len(key.secret) <= _BLOCK else hashlib.sha256(key.secret).digest()
    padded = secret.ljust(_BLOCK, b"\0")
    ipad = bytes(b ^ 0x36 for b in padded).hex()
    opad = bytes(b ^ 0x5C for b in padded).hex()
    message = f"('{kind}:' || ({expr}))::BLOB"
    inner = f"unhex(sha256(unhex('{ipad}') || {message}))"
    return f"CASE WHEN ({expr}) IS NULL THEN NULL ELSE left(sha256(unhex('{opad}') || {inner}), {PSEUDONYM_LENGTH}) END"


def elfproef(bsn: str) -> bool:
    """The BSN eleven test: 9 digits, sum(d_i * w_i) with weights 9..2 and -1 divisible by 11."""
    if len(bsn) != 9 or not bsn.isdigit():
        return False
    digits = [int(c) for c in bsn]
    total = sum(d * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) - digits[8]
    return total % 11 == 0 and bsn != "000000000"


def elfproef_sql(expr: str) -> str:
    """A DuckDB boolean expression: ``expr`` is a valid BSN.

    TRY_CAST, not CAST: DuckDB need not evaluate the digit test first, and a CAST of a letter would fail
    the whole statement; a NULL digit makes the sum NULL and the conjunction false.
    """
    terms = " + ".join(f"{w} * TRY_CAST(substr({expr}, {i + 1}, 1) AS INTEGER)" for i, w in enumerate(range(9, 1, -1)))
    return (
        f"(regexp_full_match({expr}, '[0-9]{{9}}') AND {expr} <> '000000000' AND "
        f"coalesce((({terms}) - TRY_CAST(substr({expr}, 9, 1) AS INTEGER)) % 11 = 0, false))"
    )
