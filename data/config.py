"""Where things are. Every path can be set by an environment variable; defaults suit a checkout
with ../shared beside it."""

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
