"""Where things are. Every path can be set by an environment variable; defaults suit a checkout
with ../shared beside it."""

import getpass
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QUERIES = ROOT / "queries"
STATIC_GEO = ROOT / "static" / "geo"  # served by Streamlit at app/static/geo/
# small reference tables that ship with the code: KLA registry, targets, a published reference series
SHIPPED_REFERENCE = ROOT / "data" / "reference"


def store_path() -> Path:
    """The DuckDB store (ATS_STORE), default var/ats.duckdb in the checkout (git-ignored)."""
    return Path(os.environ.get("ATS_STORE", ROOT / "var" / "ats.duckdb")).expanduser().resolve()


def reference_dir() -> Path:
    """Reference tables (kode_wilayah.csv, penduduk_wilayah.csv): ATS_REFERENCE or ../shared/reference."""
    return Path(os.environ.get("ATS_REFERENCE", ROOT.parent / "shared" / "reference")).expanduser().resolve()


def boundaries_source() -> Path | None:
    """Boundary file or folder picked up on first start: ATS_BOUNDARIES, else ../shared/geo if present."""
    if os.environ.get("ATS_BOUNDARIES"):
        return Path(os.environ["ATS_BOUNDARIES"]).expanduser().resolve()
    default = ROOT.parent / "shared" / "geo"
    return default.resolve() if default.is_dir() else None


def boundary_source_url() -> str | None:
    """Where the Impor page downloads public boundaries from: ATS_BOUNDARY_SOURCE_URL (a mirror of the upstream
    at the pinned commit, http(s):// or file://), else None for the upstream itself. The page takes no address
    from its visitors (a server that fetches any address it is given can be made to probe the network)."""
    return os.environ.get("ATS_BOUNDARY_SOURCE_URL") or None


def operator(given: str | None = None) -> str:
    """Who an import log names: the name given (the Impor page's operator field), else ATS_USER, else the
    account running the process."""
    return given or os.environ.get("ATS_USER") or getpass.getuser()


def access_db_path() -> Path:
    """The accounts and audit file (ATS_ACCESS_DB), default access.sqlite beside the store (var/ in a checkout,
    git-ignored). A SQLite file, not a table of the store: see data/accounts.py."""
    default = store_path().parent / "access.sqlite"
    return Path(os.environ.get("ATS_ACCESS_DB") or default).expanduser().resolve()


def public() -> bool:
    """ATS_PUBLIC: 1 (default) lets visitors who have not logged in see the protected (viewer) view; 0 asks every
    visitor to log in first. Raises ValueError for another value (the app then asks for a login: it fails closed)."""
    raw = os.environ.get("ATS_PUBLIC", "1").strip().lower()
    if raw in ("1", "true", "yes", "ya"):
        return True
    if raw in ("0", "false", "no", "tidak"):
        return False
    raise ValueError(f"ATS_PUBLIC={raw!r}: use 1 (visitors see the protected view) or 0 (login for every page)")


def public_scope() -> str:
    """ATS_PUBLIC_SCOPE: the wilayah a visitor who has not logged in sees (with ATS_PUBLIC=1), as a scope: '' for all
    of Indonesia (the default, '*'), else a province, kab/kota or kecamatan code. Raises ValueError for anything else
    (the app then asks for a login: it fails closed). Whether the code is a known wilayah is checked by the caller
    (data.accounts.check_scope)."""
    from data import scope

    raw = os.environ.get("ATS_PUBLIC_SCOPE", "*").strip()
    if raw in ("", "*"):
        return scope.ALL
    if not scope.PATTERN.match(raw):
        raise ValueError(f"ATS_PUBLIC_SCOPE={raw[:20]!r}: use * (all of Indonesia) or a province, kab/kota or "
                         "kecamatan code, e.g. 73 or 73.05")
    return raw


SESSION_MINUTES_DEFAULT = 480


def session_minutes() -> int:
    """ATS_SESSION_MINUTES: idle minutes after which a browser session must log in again (default 480).
    Raises ValueError for anything but a whole number of minutes from 1 to 10080 (a week)."""
    raw = os.environ.get("ATS_SESSION_MINUTES", "").strip()
    if not raw:
        return SESSION_MINUTES_DEFAULT
    if not raw.isdigit() or not 1 <= int(raw) <= 10080:
        raise ValueError(f"ATS_SESSION_MINUTES={raw!r}: give whole minutes from 1 to 10080, e.g. 480")
    return int(raw)


LEGACY_PASSWORD_VARIABLES = ("ATS_ADMIN_PASSWORD", "ATS_ADMIN_PASSWORD_FILE")


def legacy_password_variables() -> list[str]:
    """The variables of the shared admin password (replaced by accounts) that are still set: the app and the
    command line say that they are no longer used and how to move."""
    return [name for name in LEGACY_PASSWORD_VARIABLES if os.environ.get(name)]
