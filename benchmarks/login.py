"""Login benchmark: the time a user waits for one login check (data.accounts.login: the lockout look-up in the
SQLite file, the argon2id verify, the audit row), and the argon2id verify alone, against a naive baseline in the
same process (one unsalted SHA-256 of the password, the kind of hash a password store must not use: it costs an
attacker as little as it costs the server). The target is a login check under 0.5 s.

Usage: python benchmarks/login.py [--runs 15]
Uses a temporary accounts file (never ATS_ACCESS_DB). Prints one JSON line.
"""

import argparse
import hashlib
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from data import accounts  # noqa: E402

PASSWORD = "benchmark-password-0123"


def timed(fn, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def summary(times: list[float]) -> dict:
    times = sorted(times)
    return {"median_ms": round(1000 * statistics.median(times), 4),
            "p95_ms": round(1000 * times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))], 4),
            "max_ms": round(1000 * times[-1], 4)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "access.sqlite"
        os.environ["ATS_ACCESS_DB"] = str(db)
        os.environ.setdefault("ATS_STORE", str(Path(tmp) / "none.duckdb"))  # an admin's scope needs no store
        accounts.add("admin", "admin", None, PASSWORD)
        con = accounts.connect(db)  # the hash as stored, for the verify alone
        password_hash = con.execute("SELECT password_hash FROM account").fetchone()[0]
        con.close()
        assert password_hash.startswith("$argon2id$")

        login = timed(lambda: accounts.login("admin", PASSWORD, client="bench", db=db), args.runs)
        verify = timed(lambda: accounts._hasher.verify(password_hash, PASSWORD), args.runs)
        digest = hashlib.sha256(PASSWORD.encode()).hexdigest()
        naive = timed(lambda: hashlib.sha256(PASSWORD.encode()).hexdigest() == digest, args.runs)
    result = {
        "argon2": {"type": "argon2id", **accounts.ARGON2},
        "login_check": summary(login),
        "argon2_verify": summary(verify),
        "naive_sha256": summary(naive),
        "target_ms": 500,
        "within_target": max(login) < 0.5,
        "cost_vs_naive": round(statistics.median(verify) / statistics.median(naive)),
        "cpus": os.cpu_count(),
        "load_1min": round(os.getloadavg()[0], 2),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
