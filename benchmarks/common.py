"""The demo stores under benchmarks/out/ (the same files benchmarks/map.py builds and reuses) and the percentile of a
run's times."""

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "out"


def default_store(regions: str | None) -> Path:
    """The store a benchmark uses for these demo regions: the default regions, all of Sulawesi Selatan (73), or others."""
    name = {None: "default", "73": "sulsel"}.get(regions) or regions.replace(",", "_").replace(".", "")
    return OUT / f"demo_{name}.duckdb"


def ensure_store(path: Path, regions: str | None) -> float | None:
    """Build the demo store at `path` (`python -m data demo`) when it does not exist and return the seconds it took.
    A store kept from an earlier run is reused: `python -m data upgrade` rebuilds its derived tables when the build
    (schema, build and check files) changed since, and does nothing when it is current."""
    env = {**os.environ, "ATS_STORE": str(path)}
    if path.exists():
        subprocess.run([sys.executable, "-m", "data", "upgrade"], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
        return None
    path.parent.mkdir(parents=True, exist_ok=True)
    args = [sys.executable, "-m", "data", "demo"] + (["--regions", regions] if regions else [])
    started = time.perf_counter()
    subprocess.run(args, cwd=ROOT, env=env, check=True)
    return time.perf_counter() - started


def percentile(values, q):
    """Nearest-rank percentile (with 5 runs, p95 is the slowest run)."""
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]
