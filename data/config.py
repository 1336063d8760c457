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


def admin_password() -> str | None:
    """The password that unlocks the pages that write to the store from a browser (Impor data, KLA value entry):
    ATS_ADMIN_PASSWORD, else the first line of the file named by ATS_ADMIN_PASSWORD_FILE. None when neither is
    set: those pages are then open to every visitor (and say so). Raises ValueError for a file that cannot be
    read or is empty (the pages stay locked)."""
    if os.environ.get("ATS_ADMIN_PASSWORD"):
        return os.environ["ATS_ADMIN_PASSWORD"]
    if not os.environ.get("ATS_ADMIN_PASSWORD_FILE"):
        return None
    path = Path(os.environ["ATS_ADMIN_PASSWORD_FILE"]).expanduser()
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as e:
        raise ValueError(f"ATS_ADMIN_PASSWORD_FILE={path} cannot be read ({getattr(e, 'strerror', None) or e})") from None
    if not lines or not lines[0].strip():
        raise ValueError(f"ATS_ADMIN_PASSWORD_FILE={path} is empty")
    return lines[0].strip()
