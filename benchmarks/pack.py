"""Meeting pack timings (issue 20's numbers to reach): one kab/kota pack (PowerPoint and PDF) at most 15 s, all 24
kab/kota of Sulawesi Selatan plus the province at most 5 minutes, a pack at most 10 MB.

    python benchmarks/pack.py [--store PATH] [--kab 73.73] [--runs 3] [--skip-province]

Uses the demo store of all of Sulawesi Selatan under benchmarks/out/ (`--regions 73`, built when missing and reused
after `python -m data upgrade`, as map.py does). Measures, as a user meets them:
  - `python -m data report --wilayah KAB` in a new process (imports, cold caches, both files): `--runs` times;
  - in one process, warm: the content model, the PPTX and the PDF of the same kab/kota separately;
  - `python -m data report --wilayah 73` (every kab/kota surveyed in the latest round, then the province).
There is no naive baseline to compare with (nothing made a pack before); each line gives the target beside the
figure. Prints one JSON line per measurement.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import ROOT, default_store, ensure_store, percentile  # noqa: E402


def report(store: Path, kode: str, out: Path) -> tuple[float, list[dict]]:
    env = {**os.environ, "ATS_STORE": str(store), "ATS_ACCESS_DB": str(out / "access.sqlite")}
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "data", "report", "--wilayah", kode, "--out", str(out)], cwd=ROOT,
                          env=env, capture_output=True, text=True, check=True)
    return time.perf_counter() - started, [json.loads(line) for line in done.stdout.splitlines()]


def warm(store: Path, kode: str, runs: int) -> dict:
    os.environ["ATS_STORE"] = str(store)
    import pack

    pack.without_server()
    from pack import content, files

    content.build(kode)  # caches filled, modules loaded
    times = {"build": [], "pptx": [], "pdf": []}
    for _ in range(runs):
        started = time.perf_counter()
        built = content.build(kode)
        times["build"].append(time.perf_counter() - started)
        for fmt in ("pptx", "pdf"):
            started = time.perf_counter()
            files.render(built, fmt)
            times[fmt].append(time.perf_counter() - started)
    return {k: round(percentile(v, 0.5), 2) for k, v in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, default=default_store("73"))
    parser.add_argument("--kab", default="73.73")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip-province", action="store_true")
    args = parser.parse_args()
    built = ensure_store(args.store, "73")
    if built is not None:
        print(json.dumps({"store": str(args.store), "built_s": round(built, 1)}), flush=True)
    with tempfile.TemporaryDirectory(prefix="pack-bench-") as folder:
        out = Path(folder)
        cold = []
        for _ in range(args.runs):
            seconds, lines = report(args.store, args.kab, out)
            cold.append(seconds)
        print(json.dumps({"measure": "kab/kota pack, new process (python -m data report)", "kode": args.kab,
                          "p50_s": round(percentile(cold, 0.5), 2), "max_s": round(max(cold), 2), "target_s": 15,
                          "runs": [round(s, 2) for s in cold],
                          "bytes": {line["format"]: line["bytes"] for line in lines}}), flush=True)
        print(json.dumps({"measure": "kab/kota pack, warm, in process (p50)", "kode": args.kab,
                          **{f"{k}_s": v for k, v in warm(args.store, args.kab, args.runs).items()}}), flush=True)
        if not args.skip_province:
            seconds, lines = report(args.store, "73", out)
            written = [line for line in lines if line["status"] == "written"]
            print(json.dumps({"measure": "province: every kab/kota and the province (python -m data report)",
                              "kode": "73", "seconds": round(seconds, 1), "target_s": 300,
                              "packs": len({line["kode"] for line in written}), "files": len(written),
                              "largest_bytes": max(line["bytes"] for line in written), "target_bytes": 10_000_000,
                              "total_bytes": sum(line["bytes"] for line in written)}), flush=True)


if __name__ == "__main__":
    main()
