"""The key of the NIK/KK hash (HMAC-SHA256, computed in SQL by queries/import/005_macro_import_hmac.sql from the
pads made here): read from ATS_HMAC_KEY or ATS_HMAC_KEY_FILE, never stored; its fingerprint in the store's meta
tells whether two imports used the same key."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from data.importer.canonical import IDENTIFIER_COLUMNS, ImportRefused, _ident


def hmac_key() -> bytes | None:
    """The key of the NIK/KK hash: ATS_HMAC_KEY (text), else the file named by ATS_HMAC_KEY_FILE."""
    if os.environ.get("ATS_HMAC_KEY"):
        return os.environ["ATS_HMAC_KEY"].encode("utf-8")
    if os.environ.get("ATS_HMAC_KEY_FILE"):
        path = Path(os.environ["ATS_HMAC_KEY_FILE"]).expanduser()
        try:
            key = path.read_bytes().strip()
        except OSError as e:
            raise ImportRefused(f"ATS_HMAC_KEY_FILE={path} cannot be read ({e.strerror})") from None
        if key:
            return key
        raise ImportRefused(f"ATS_HMAC_KEY_FILE={path} is empty")
    return None


NO_KEY_MESSAGE = (
    "the file has NIK or KK numbers, and no key is configured to hash them. Set ATS_HMAC_KEY to a long secret "
    "(e.g. `export ATS_HMAC_KEY=$(python -c 'import secrets; print(secrets.token_hex(32))')`), or put it in a file "
    "outside the store and set ATS_HMAC_KEY_FILE to its path. Keep the same key for every import, or the same child "
    "gets different hashes in different rounds. (Or drop the nik/no_kk columns to import without identifiers.)"
)


def _pads(key: bytes | None) -> tuple[bytes, bytes]:
    key = key or b""
    if len(key) > 64:
        key = hashlib.sha256(key).digest()
    key = key.ljust(64, b"\0")
    return bytes(b ^ 0x36 for b in key), bytes(b ^ 0x5C for b in key)


def key_id(key: bytes) -> str:
    """A fingerprint of the key (not the key): tells whether two imports used the same key."""
    return hashlib.sha256(b"ats-hmac-key-id:" + key).hexdigest()[:12]


def _check_key(con, used: dict[str, str], mp: dict, store_key_id: str | None) -> bytes | None:
    """The configured key (None when there is none), refused when the file has NIK or KK numbers (in its cells or
    the mapping's [defaults]) and no key is configured, or a key other than the one of the store's earlier
    imports (the same child would get another hash)."""
    key = hmac_key()
    has_ids = any(
        con.execute(f"SELECT EXISTS (SELECT 1 FROM src WHERE trim({_ident(src)}) <> '')").fetchall()[0][0]  # identifier only, quoted by _ident, not a value (no fixed list needed); stops at the first
        for src, target in used.items() if target in IDENTIFIER_COLUMNS
    ) or any(mp["defaults"].get(c) for c in IDENTIFIER_COLUMNS)
    if has_ids and key is None:
        raise ImportRefused(NO_KEY_MESSAGE, "no_key")
    if not has_ids:
        return None  # nothing to hash: the store's key fingerprint is left as it is
    check_key_matches(key, store_key_id)
    return key


def check_key_matches(key: bytes, store_key_id: str | None) -> None:
    """Refuse a key other than the one whose fingerprint the store holds (the key of its earlier imports)."""
    if store_key_id and store_key_id != key_id(key):
        raise ImportRefused(
            "the configured ATS_HMAC_KEY is not the key used by earlier imports into this store, so the same "
            "child would get a different hash: configure the same key (or start a new store)",
            "other_key",
        )
