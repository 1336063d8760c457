"""Tren breakdown benchmark: the server time of `data.api.ats_trend_by_group` (the read query as the page runs it,
its cache cleared before every call, the store's connection kept), for a viewer (small-cell protection: the linked
tables of each group's map, docs/protection.md, 4) and an analyst (raw numbers), per wilayah and
breakdown. benchmarks/map.py does not read this query.

Usage: python benchmarks/trend_group.py --store PATH [--runs 11] [--kode 73.73,73] [--by kategori_ats,age_group] [--sex L]
Prints one JSON line per wilayah, breakdown and role: p50 and p95 in ms over the runs (after one warm-up call), the
p50 of the process's CPU time (every thread's: steadier than wall time on a shared machine), the load average at the
end.
"""

import argparse
import json
import logging
import os
import sys
import time
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
logging.disable(logging.WARNING)  # streamlit's "no runtime" warnings outside `streamlit run`

from benchmarks.common import percentile  # noqa: E402


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--store", required=True, type=Path)
    p.add_argument("--runs", type=int, default=11)
    p.add_argument("--kode", default="73.73,73", help="wilayah codes, comma-separated (Palopo, Sulawesi Selatan)")
    p.add_argument("--by", default="kategori_ats,age_group", help="breakdowns, comma-separated")
    p.add_argument("--sex", choices=("L", "P"), help="the sidebar's sex filter (browser.py's tren_sex: --by sex --sex L)")
    args = p.parse_args()
    os.environ["ATS_STORE"] = str(args.store)
    from data import api

    for kode in args.kode.split(","):
        for by in args.by.split(","):
            for role in ("viewer", "analyst"):
                who = SimpleNamespace(role=role, scope="")
                params = {"kode": kode, "by": by, **({"sex": args.sex} if args.sex else {})}
                api._cached.clear()
                api.ats_trend_by_group(who, **params)  # the connection, opened once
                times, cpu = [], []
                for _ in range(args.runs):
                    api._cached.clear()
                    started, used = time.perf_counter(), time.process_time()
                    api.ats_trend_by_group(who, **params)
                    times.append((time.perf_counter() - started) * 1000)
                    cpu.append((time.process_time() - used) * 1000)  # every thread's: DuckDB's too
                print(json.dumps({"store": args.store.name, "kode": kode, "by": by, "sex": args.sex, "role": role, "runs": args.runs,
                                  "p50_ms": round(percentile(times, 0.5)), "p95_ms": round(percentile(times, 0.95)),
                                  "cpu_p50_ms": round(percentile(cpu, 0.5)),
                                  "load": round(os.getloadavg()[0], 1)}), flush=True)


if __name__ == "__main__":
    main()
