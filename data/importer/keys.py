"""The key of the NIK/KK hash (HMAC-SHA256, computed in SQL by queries/import/005_macro_import_hmac.sql from the
pads made here): read from ATS_HMAC_KEY or ATS_HMAC_KEY_FILE, else from a key file outside the store that the first
import needing one creates (default_key_file); never stored. Its fingerprint in the store's meta (an HMAC of a fixed
label under the key) tells whether two imports used the same key."""

from __future__ import annotations

import hashlib
import hmac
import math
import os
import secrets
from pathlib import Path

from data.importer.canonical import IDENTIFIER_COLUMNS, ImportRefused, _ident


MIN_KEY_BYTES = 32
MIN_KEY_BITS = 128  # length x log2(distinct characters): 64 hex digits give 256, 'a' * 40 gives 0
MAKE_KEY = "python -c \"import secrets; print(secrets.token_hex(32))\""


def default_key_file() -> Path:
    """Where the first import that needs a key creates one when none is configured: $XDG_CONFIG_HOME/ats/hmac.key,
    else ~/.config/ats/hmac.key (outside the store and its folder: a copy of the store does not carry the key)."""
    base = os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config"
    return Path(base).expanduser() / "ats" / "hmac.key"


def hmac_key() -> bytes | None:
    """The configured key of the NIK/KK hash: ATS_HMAC_KEY (text), else the file named by ATS_HMAC_KEY_FILE, else
    the default key file when it exists (default_key_file); None when there is none. A weak key is refused."""
    if os.environ.get("ATS_HMAC_KEY"):
        return _strong(os.environ["ATS_HMAC_KEY"].encode("utf-8"), "ATS_HMAC_KEY")
    if os.environ.get("ATS_HMAC_KEY_FILE"):
        return _read_key_file(Path(os.environ["ATS_HMAC_KEY_FILE"]).expanduser(), "ATS_HMAC_KEY_FILE=")
    if default_key_file().is_file():
        return _read_key_file(default_key_file(), "the key file ")
    return None


def _read_key_file(path: Path, what: str) -> bytes:
    try:
        key = path.read_bytes().strip()
    except OSError as e:
        raise ImportRefused(f"{what}{path} cannot be read ({e.strerror})") from None
    if not key:
        raise ImportRefused(f"{what}{path} is empty")
    return _strong(key, f"{what}{path}")


def _strong(key: bytes, where: str) -> bytes:
    """The key, refused when it is shorter than 32 bytes or has too few distinct characters to hold 128 bits: with
    sex, age and desa stored beside the hash, a guessable key gives the NIK back by enumeration."""
    bits = len(key) * math.log2(len(set(key))) if len(set(key)) > 1 else 0
    if len(key) < MIN_KEY_BYTES or bits < MIN_KEY_BITS:
        raise ImportRefused(
            f"the key in {where} is too weak ({len(key)} bytes): the NIK/KK hash needs a key of at least "
            f"{MIN_KEY_BYTES} random bytes, or a NIK can be recovered from its hash by trying keys. Make one with "
            f"`{MAKE_KEY}` (64 hex digits) and keep the same key for every import", "weak_key",
            where=where, n=len(key), command=MAKE_KEY,
        )
    return key


def create_key_file(path: Path | None = None) -> tuple[bytes, Path]:
    """A new random key (32 bytes, as 64 hex digits) written to `path` (default_key_file), owner-only (0600, its
    folder 0700). When another process created it first, its key is read instead."""
    path = Path(path or default_key_file())
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return _read_key_file(path, "the key file "), path
    except OSError as e:
        raise ImportRefused(f"{NO_KEY_MESSAGE} (A key file could not be created at {path}: {e.strerror}.)",
                            "no_key") from None
    with os.fdopen(fd, "w") as f:
        f.write(secrets.token_hex(32) + "\n")
    return _read_key_file(path, "the key file "), path


NO_KEY_MESSAGE = (
    "the file has NIK or KK numbers, and no key is configured to hash them. Set ATS_HMAC_KEY to a long secret "
    f"(e.g. `export ATS_HMAC_KEY=$({MAKE_KEY})`), or put it in a file outside the store and set ATS_HMAC_KEY_FILE "
    "to its path. Keep the same key for every import, or the same child gets different hashes in different rounds. "
    "(Or drop the nik/no_kk columns to import without identifiers.)"
)


def _pads(key: bytes | None) -> tuple[bytes, bytes]:
    key = key or b""
    if len(key) > 64:
        key = hashlib.sha256(key).digest()
    key = key.ljust(64, b"\0")
    return bytes(b ^ 0x36 for b in key), bytes(b ^ 0x5C for b in key)


KEY_ID_LABEL = b"ats-hmac-key-id/v2"


def key_id(key: bytes) -> str:
    """The key's fingerprint in the store's meta: the HMAC of a fixed label under the key, so that it says whether
    two imports used the same key and nothing that helps guess the key (without the key it cannot be computed)."""
    return "v2:" + hmac.new(key, KEY_ID_LABEL, hashlib.sha256).hexdigest()[:24]


def legacy_key_id(key: bytes) -> str:
    """The fingerprint stores written before v2 hold (a plain hash of the key): recomputed from the key to
    recognise the key of their rounds once; the import that matches it writes key_id in its place."""
    return hashlib.sha256(b"ats-hmac-key-id:" + key).hexdigest()[:12]


def _check_key(con, used: dict[str, str], mp: dict, store_key_id: str | None) -> tuple[bytes | None, Path | None]:
    """The key to hash the file's NIK and KK numbers (None when it has none, in its cells or the mapping's
    [defaults]) and the key file created for it (None unless this import created one). With no key configured a
    key file is created (create_key_file), unless the store's rounds were hashed with a key already: a new key
    would not match them. A key other than the one of the store's earlier imports is refused."""
    has_ids = any(
        con.execute(f"SELECT EXISTS (SELECT 1 FROM src WHERE trim({_ident(src)}) <> '')").fetchall()[0][0]  # identifier only, quoted by _ident, not a value (no fixed list needed); stops at the first
        for src, target in used.items() if target in IDENTIFIER_COLUMNS
    ) or any(mp["defaults"].get(c) for c in IDENTIFIER_COLUMNS)
    if not has_ids:
        return None, None  # nothing to hash: the store's key fingerprint is left as it is
    key, created = hmac_key(), None
    if key is None:
        if store_key_id:
            raise ImportRefused(
                "the file has NIK or KK numbers and no key is configured, but this store's earlier rounds were hashed "
                "with a key: configure that key (ATS_HMAC_KEY or ATS_HMAC_KEY_FILE), or the same child would get "
                "another hash in this round and no longer match across rounds", "key_missing_for_store",
            )
        key, created = create_key_file()
    check_key_matches(key, store_key_id)
    return key, created


def check_key_matches(key: bytes, store_key_id: str | None) -> None:
    """Refuse a key other than the one whose fingerprint the store holds (the key of its earlier imports); the
    fingerprint of a store written before v2 is recognised too (legacy_key_id)."""
    if store_key_id and store_key_id not in (key_id(key), legacy_key_id(key)):
        raise ImportRefused(
            "the configured key (ATS_HMAC_KEY, ATS_HMAC_KEY_FILE or the key file) is not the key used by earlier "
            "imports into this store, so the same child would get a different hash and no longer match across "
            "rounds: configure the same key (or start a new store)",
            "other_key",
        )
