"""Snapshot of the published (small-cell protected) output of the four read queries that call protect_cells, over
many views, to check that a change of the protection's SQL publishes exactly the same cells and values.

    python benchmarks/protection_snapshot.py save DIR [--store PATH ...]      # at the reference commit
    python benchmarks/protection_snapshot.py compare DIR [--store PATH ...]   # after the change (same stores)

Each store (a demo store: the default regions and --regions 73) is queried as a viewer (protected) with k = 5 and
k = 10 (ATS_MIN_CELL) and as an analyst, through data.queries.run as the app runs it: ats_by_wilayah at every level
under the province, each kab/kota and some kecamatan, with filters and rounds; ats_trend_by_round,
ats_trend_by_group and aps_by_round for the province, kab/kota, kecamatan and desa, with filters. `save` writes one
Parquet file per store and view set; `compare` re-runs the same views and reports every view whose table differs
(values, nulls, hidden flags, row order) and the time both took. Exit 1 when any differs.
"""

import argparse
import itertools
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402

from data import queries, store  # noqa: E402

FILTERS = [
    {},
    {"sex": "L"},
    {"sex": "P"},
    {"age_group": "7-12"},
    {"age_group": "16-18"},
    {"has_disability": True},
    {"kategori_ats": "DO"},
    {"kategori_ats": "BPB"},
    {"sex": "P", "age_group": "13-15"},
    {"sex": "L", "has_disability": True, "kategori_ats": "LTM"},
]


def _codes(con, sql: str, *args) -> list[str]:
    return [r[0] for r in con.execute(sql, list(args)).fetchall()]


def views(con) -> list[tuple[str, dict]]:
    """(query, params) of every view checked on this store: deterministic for a given store."""
    kabs = _codes(con, "SELECT DISTINCT kode_kab FROM agg_coverage_kel ORDER BY 1")
    provs = sorted({k.split(".")[0] for k in kabs})
    kecs = _codes(con, "SELECT DISTINCT kode_kec FROM agg_coverage_kel ORDER BY 1")
    kels = _codes(con, "SELECT DISTINCT kode_kel FROM agg_coverage_kel ORDER BY 1")
    rounds = _codes(con, "SELECT DISTINCT survey_round FROM agg_coverage_kel ORDER BY 1")
    some_kecs = kecs[:: max(1, len(kecs) // 6)][:6]
    some_kels = kels[:: max(1, len(kels) // 4)][:4]
    some_kabs = kabs[:: max(1, len(kabs) // 4)][:4]
    out = []
    for i, f in enumerate(FILTERS):
        rnd = {"survey_round": rounds[i % len(rounds)]} if i % 3 == 1 else {}
        for prov in provs:
            for level in ("kab", "kec", "kel"):
                out.append(("ats_by_wilayah", {"level": level, "kode_induk": prov, **rnd, **f}))
        for kab in some_kabs:
            out.append(("ats_by_wilayah", {"level": "kel", "kode_induk": kab, **rnd, **f}))
        for kec in some_kecs[:2]:
            out.append(("ats_by_wilayah", {"level": "kel", "kode_induk": kec, **rnd, **f}))
        if i % 2:
            continue  # the trend queries (every round in one table) on half the filters
        for kode, level in ((provs[0], "kab"), (provs[-1], "kec"), (some_kabs[0], "kel"), (some_kabs[-1], "kab"),
                            (some_kecs[0], "kel"), (some_kels[0], "kel")):
            out.append(("ats_trend_by_round", {"level": level, "kode_induk": kode, **f}))
        for j, kode in enumerate([provs[0], some_kabs[-1], some_kecs[0], some_kels[0]]):
            by = ("kategori_ats", "sex", "age_group", "has_disability")[(i // 2 + j) % 4]
            out.append(("ats_trend_by_group", {"kode": kode, "by": by, **f}))
            aps_f = {k: v for k, v in f.items() if k not in ("age_group", "kategori_ats")}
            out.append(("aps_by_round", {"kode": kode, **aps_f}))
    seen, unique = set(), []
    for name, params in out:
        key = (name, tuple(sorted(params.items())))
        if key not in seen:
            seen.add(key)
            unique.append((name, params))
    return unique


RUNS = (("viewer", "5"), ("viewer", "10"), ("analyst", "5"))


def snapshot(path: Path) -> tuple[dict[str, pd.DataFrame], float]:
    """{f'{role}_k{k}': the views' tables concatenated with a view number}, and the seconds the queries took."""
    con = store.connect_read(path)
    tables, seconds = {}, 0.0
    try:
        todo = views(con)
        for role, k in RUNS:
            os.environ["ATS_MIN_CELL"] = k
            frames = []
            for i, (name, params) in enumerate(todo):
                if (role, k) != ("viewer", "5") and i % 4:
                    continue  # k = 10 and the raw numbers: a sample is enough
                started = time.perf_counter()
                table = queries.run(con, queries.read_query(name), params, role=role, timeout_s=120)
                seconds += time.perf_counter() - started
                df = table.to_pandas()
                df.insert(0, "_view", i)
                df.insert(1, "_query", name)
                frames.append(df.astype({c: "string" for c in df.columns if c not in ("_view",)}))
            tables[f"{role}_k{k}"] = pd.concat(frames, ignore_index=True)
    finally:
        con.close()
        os.environ.pop("ATS_MIN_CELL", None)
    return tables, seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("action", choices=("save", "compare"))
    parser.add_argument("dir", type=Path)
    parser.add_argument("--store", type=Path, action="append",
                        default=None, help="store files (default: benchmarks/out/demo_default.duckdb, demo_sulsel)")
    args = parser.parse_args()
    stores = args.store or [ROOT / "benchmarks/out/demo_default.duckdb", ROOT / "benchmarks/out/demo_sulsel.duckdb"]
    args.dir.mkdir(parents=True, exist_ok=True)
    failed = 0
    for path in stores:
        tables, seconds = snapshot(path)
        n_views = tables["viewer_k5"]["_view"].nunique()
        for run, df in tables.items():
            file = args.dir / f"{path.stem}.{run}.parquet"
            if args.action == "save":
                df.to_parquet(file)
                print(f"{path.stem} {run}: {n_views} views, {len(df)} rows saved", flush=True)
                continue
            ref = pd.read_parquet(file)
            same = ref.shape == df.shape and ref.columns.equals(df.columns) and ref.fillna("<NA>").equals(df.fillna("<NA>"))
            if not same:
                failed += 1
                merged = ref.merge(df, how="outer", indicator=True)
                diff = merged[merged["_merge"] != "both"]
                print(f"{path.stem} {run}: DIFFERS in views {sorted(set(diff['_view']))[:20]}", flush=True)
                print(diff.head(20).to_string(), flush=True)
            else:
                print(f"{path.stem} {run}: {n_views} views, {len(df)} rows identical", flush=True)
        print(f"{path.stem}: queries took {seconds:.1f} s", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
