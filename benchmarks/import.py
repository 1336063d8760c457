"""Import benchmark: a 1,000,000-row canonical SIPBM CSV (synthetic, Kabupaten Bone) imported end to end
(file hash, parse, validate, HMAC of NIK and KK, store write with the build of the aggregates and the data
checks, atomic swap) into a fresh store holding the wilayah reference, against a naive baseline in the same run:
row-by-row pandas validation (iterrows, Python date parsing, per-row HMAC) over a sample of BASELINE_ROWS rows,
extrapolated to rows per second (the baseline neither writes a store nor builds aggregates, so it flatters
itself).

The import runs in a child process so that its peak RSS is its own, not the generator's: the child reads VmHWM
from /proc/self/status, which starts afresh at exec, where ru_maxrss would carry over the parent's peak (a first
run generates the file in the parent).
Prints a final JSON line: rows, rows_per_s, peak_rss_mb, baseline_rows_per_s, speedup, ...

    python benchmarks/import.py [--rows 1000000] [--extra-columns 0] [--repeat 1]

--repeat N runs the import and the baseline N times, in pairs (the machine's speed drifts by up to 2.5x between
hours, and each pair sees it in the same state), and reports the median run; every run is listed under "runs".

--extra-columns N appends N columns the import does not use (text, as the metadata and free-text fields of a
KoBo export): the wide-export case, where only the mapped columns are staged.
"""

import argparse
import datetime as dt
import hashlib
import hmac
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
OUT = ROOT / "benchmarks" / "out"
KEY = "benchmark-key-not-secret"
BASELINE_ROWS = 20_000
KAB = "73.08"  # Kabupaten Bone, 372 desa/kelurahan
ROUND = 2025


def generate(path: Path, rows: int, extra_columns: int = 0) -> None:
    """A canonical CSV of `rows` children in households of 3, ages 0-18, ~8% of 7-18 out of school, and one
    row in 500 with a bad sex code (rejected), written by DuckDB; plus `extra_columns` unused text columns."""
    import duckdb

    from data import reference

    w = reference.load_wilayah()
    kel = w[(w["level"] == "kel") & (w["kode_kab"] == KAB)][["kode"]].reset_index(drop=True)
    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")
    con.register("_kel", kel)
    con.execute("CREATE TABLE kel AS SELECT kode, row_number() OVER (ORDER BY kode) - 1 AS k FROM _kel")
    n_kel = len(kel)
    con.execute("SELECT setseed(0.42)")
    extra = "".join(f", 'isian lain ' || ((i * {k + 7}) % 997)::VARCHAR AS catatan_{k + 1}" for k in range(extra_columns))
    con.execute(f"""
    COPY (
        WITH base AS (
            SELECT range AS i, random() AS u1, random() AS u2, random() AS u3, random() AS u4 FROM range({rows})
        ),
        p AS (
            SELECT *, (u3 * 19)::INTEGER % 19 AS age, (i // 3) AS hh FROM base
        ),
        q AS (
            SELECT *,
                age >= 7 AND u4 < 0.08 AS ats,
                CASE WHEN age >= 13 AND u2 < 0.3 THEN 'LTM' WHEN age >= 8 AND u2 < 0.85 THEN 'DO' ELSE 'BPB' END AS kat
            FROM p
        )
        SELECT
            {ROUND} AS survey_round,
            kel.kode AS kode_kel,
            'RT' || lpad(hh::VARCHAR, 7, '0') AS id_keluarga,
            (7308000000000000 + hh)::VARCHAR AS no_kk,
            (i % 3) + 1 AS no_urut,
            (7308100000000000 + i)::VARCHAR AS nik,
            'Anak Sintetis ' || i AS nama,
            CASE WHEN i % 500 = 7 THEN 'X' WHEN u1 < 0.51 THEN 'L' ELSE 'P' END AS sex,
            strftime(DATE '{ROUND}-07-15' - to_years(age) - to_days(1 + (u2 * 360)::INTEGER), '%d/%m/%Y') AS tanggal_lahir,
            CASE WHEN u1 * 1000 % 1 < 0.02 THEN 'ya' ELSE 'tidak' END AS disabilitas,
            CASE WHEN ats THEN 'tidak_sekolah' WHEN age < 4 THEN 'tidak_sekolah' ELSE 'formal' END AS partisipasi,
            CASE WHEN NOT ats AND age BETWEEN 4 AND 6 THEN 'PAUD'
                 WHEN NOT ats AND age BETWEEN 7 AND 12 THEN 'SD'
                 WHEN NOT ats AND age BETWEEN 13 AND 15 THEN 'SMP'
                 WHEN NOT ats AND age >= 16 THEN 'SMA' END AS jenjang,
            CASE WHEN NOT ats AND age >= 7 THEN least(age - 6, 12) END AS kelas,
            CASE WHEN ats THEN kat END AS kategori_ats,
            CASE WHEN ats AND kat = 'LTM' THEN CASE WHEN age >= 16 THEN 'SMP' ELSE 'SD' END
                 WHEN ats AND kat = 'DO' THEN CASE WHEN age - 7 <= 6 THEN 'SD' WHEN age - 7 <= 9 THEN 'SMP' ELSE 'SMA' END
            END AS jenjang_terakhir,
            CASE WHEN ats AND kat = 'LTM' THEN CASE WHEN age >= 16 THEN 9 ELSE 6 END
                 WHEN ats AND kat = 'DO' THEN CASE WHEN age - 7 IN (6, 9) THEN age - 8 ELSE least(age - 7, 11) END
            END AS kelas_terakhir,
            CASE WHEN ats THEN ['biaya', 'bekerja_upah', 'menikah', 'jarak', 'merasa_cukup', 'lainnya'][1 + (i % 6)] END AS alasan,
            CASE WHEN ats THEN ['bekerja', 'membantu_rumah_tangga', 'tidak_ada_kegiatan'][1 + (i % 3)] END AS kegiatan,
            strftime(DATE '{ROUND}-07-10' + to_days((hh % 40)::INTEGER), '%Y-%m-%d') AS tanggal_pendataan,
            1 + (hh % 5) AS kelompok_pengeluaran,
            CASE WHEN hh % 5 < 2 THEN 'ya' ELSE 'tidak' END AS penerima_bansos,
            replace(round(0.2 + (hh % 70) / 10, 1)::VARCHAR, '.', ',') AS jarak_sekolah_km,
            CASE WHEN ats THEN strftime(DATE '{ROUND}-08-25' + to_days((hh % 30)::INTEGER), '%Y-%m-%d') END AS tanggal_verifikasi,
            CASE WHEN ats THEN 'ats' END AS status_verifikasi
            {extra}
        FROM q
        JOIN kel ON kel.k = (q.hh * 7919) % {n_kel}
        ORDER BY i
    ) TO '{path}' (HEADER, DELIMITER ',')
    """)
    con.close()


def fresh_store(path: Path) -> None:
    from data import reference, store

    for p in (path, path.with_name(path.name + ".wal")):
        p.unlink(missing_ok=True)
    with store.writing(path, fresh=True, meta={"is_demo": False, "sumber": "benchmarks/import.py"}) as con:
        store.replace_wilayah(con, reference.load_wilayah())


def child(csv_path: str, store_path: str) -> None:
    """Runs in its own process: the timed import."""
    from data import importer

    started = time.perf_counter()
    report = importer.run_import(csv_path, store_path=store_path, user="benchmark",
                                 rejects_path=Path(store_path).with_name("import_rejects.csv"))
    seconds = time.perf_counter() - started
    print(json.dumps({"seconds": seconds, "peak_rss_mb": peak_rss_mb(), "stages": report.timings, **report.summary()}))


def peak_rss_mb() -> float:
    """This process's peak resident set size since its exec (VmHWM; ru_maxrss where /proc is missing)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def baseline(csv_path: Path, n: int) -> float:
    """Naive row-by-row pandas validation of the first n rows: rows per second."""
    import pandas as pd

    from data import importer, reference

    w = reference.load_wilayah()
    kel = set(w.loc[w["level"] == "kel", "kode"])
    df = pd.read_csv(csv_path, dtype=str, keep_default_na=False, nrows=n)
    vocab = {c: {v.lower(): v for v in vals} for c, vals in importer.VOCAB.items()}
    for c, rec in importer.BUILTIN_RECODES.items():
        for k, v in rec.items():
            vocab[c].setdefault(k, v)
    ref = dt.date(ROUND, 7, 15)
    key = KEY.encode()
    started = time.perf_counter()
    accepted, problems, seen = [], [], set()
    for idx, row in df.iterrows():
        bad = []
        if row["kode_kel"] not in kel or row["kode_kel"][:5] != KAB:
            bad.append("kode_kel")
        for c in ("sex", "partisipasi", "kategori_ats", "jenjang", "jenjang_terakhir", "alasan", "kegiatan", "disabilitas",
                  "penerima_bansos", "status_verifikasi"):
            if row[c] and row[c].strip().lower() not in vocab[c]:
                bad.append(c)
        try:
            dob = dt.datetime.strptime(row["tanggal_lahir"], "%d/%m/%Y").date()
            age = ref.year - dob.year - ((ref.month, ref.day) < (dob.month, dob.day))
            if not 0 <= age <= 18:
                bad.append("umur")
        except ValueError:
            bad.append("tanggal_lahir")
            age = None
        for c in ("tanggal_pendataan", "tanggal_verifikasi"):
            if row[c]:
                try:
                    dt.date.fromisoformat(row[c])
                except ValueError:
                    bad.append(c)
        kat, kt = row["kategori_ats"], row["kelas_terakhir"]
        if row["partisipasi"] != "tidak_sekolah" and kat:
            bad.append("kategori_ats")
        if kat == "LTM" and kt not in ("6", "9"):
            bad.append("kelas_terakhir")
        if kat == "DO" and kt in ("6", "9", "12"):
            bad.append("kelas_terakhir")
        if kat == "BPB" and kt:
            bad.append("kelas_terakhir")
        float(row["jarak_sekolah_km"].replace(",", "."))
        if (row["survey_round"], row["nik"]) in seen:
            bad.append("nik")
        seen.add((row["survey_round"], row["nik"]))
        if bad:
            problems.extend((idx + 2, c) for c in bad)
            continue
        nik_hash = hmac.new(key, row["nik"].encode(), hashlib.sha256).hexdigest()[:32]
        kk_hash = hmac.new(key, row["no_kk"].encode(), hashlib.sha256).hexdigest()[:32]
        accepted.append((row["kode_kel"], row["id_keluarga"], nik_hash, kk_hash, row["sex"], age, kat or None))
    pd.DataFrame(accepted).groupby([0, 4]).size()  # the aggregate, at least
    return n / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--extra-columns", type=int, default=0, help="unused text columns appended to each row")
    parser.add_argument("--repeat", type=int, default=1,
                        help="import (each into a fresh store) and baseline this many times, in pairs; the figures "
                             "are the median run's (peak RSS: the highest), every run is listed under runs")
    parser.add_argument("--child", nargs=2, metavar=("CSV", "STORE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    os.environ["ATS_HMAC_KEY"] = KEY
    if args.child:
        child(*args.child)
        return
    OUT.mkdir(parents=True, exist_ok=True)
    csv_path = OUT / (f"import_{args.rows}.csv" if not args.extra_columns else f"import_{args.rows}_x{args.extra_columns}.csv")
    if not csv_path.exists():
        t = time.perf_counter()
        generate(csv_path, args.rows, args.extra_columns)
        print(f"generated {csv_path.name} ({csv_path.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - t:.1f} s",
              file=sys.stderr)
    store_path = OUT / "import_bench.duckdb"
    env = {**os.environ, "ATS_IMPORT_MAX_BYTES": str(4 << 30)}
    runs = []
    for _ in range(args.repeat):  # import then baseline, so that each pair sees the machine in the same state
        fresh_store(store_path)
        run = subprocess.run([sys.executable, __file__, "--child", str(csv_path), str(store_path)], env=env,
                             capture_output=True, text=True, check=False)
        if run.returncode != 0:
            sys.exit(f"import failed:\n{run.stderr[-3000:]}")
        result = json.loads(run.stdout.strip().splitlines()[-1])
        base = baseline(csv_path, min(BASELINE_ROWS, args.rows))
        rows_per_s = result["rows_read"] / result["seconds"]
        runs.append({"result": result, "seconds": round(result["seconds"], 2), "rows_per_s": round(rows_per_s),
                     "peak_rss_mb": round(result["peak_rss_mb"]), "baseline_rows_per_s": round(base),
                     "speedup": round(rows_per_s / base, 1)})
    middle = sorted(runs, key=lambda r: r["rows_per_s"])[(len(runs) - 1) // 2]  # the median run (the lower of two)
    result = middle["result"]
    out = {
        "rows": result["rows_read"],
        "accepted": result["accepted"],
        "rejected": result["rejected"],
        "seconds": middle["seconds"],
        "rows_per_s": middle["rows_per_s"],
        "peak_rss_mb": max(r["peak_rss_mb"] for r in runs),
        "baseline_rows_per_s": middle["baseline_rows_per_s"],
        "speedup": middle["speedup"],
        "baseline": f"row-by-row pandas validation of {min(BASELINE_ROWS, args.rows)} rows, extrapolated",
        "file_mb": round(csv_path.stat().st_size / 1e6),
        "extra_columns": args.extra_columns,
        "status": result["status"],
        "stages_s": result["stages"],
        "runs": [{k: v for k, v in r.items() if k != "result"} for r in runs],
    }
    print(json.dumps(out))


if __name__ == "__main__":
    main()
