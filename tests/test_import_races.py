"""Writes that race (issue 22): every decision a write makes about the store (demo store or not, which key hashed its
rounds, this file already applied) is made under the writer's lock. Each race is run ten times with real processes
(the command line) on a small store; the test holds the store's writer lock until every process of a round waits on
it (seen in /proc/locks), so that all of them have read the store before any of them writes: the race is run, not
left to chance."""

import concurrent.futures
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from data.config import ROOT
from data.importer.keys import key_id
from tests.conftest import needs_shared
from tests.import_helpers import base_store, example, write  # noqa: F401 (a fixture)

ROUNDS = 10
DEMO_REGION = "31.01"  # the smallest kab/kota: a demo store of it builds in a second
KEYS = ("a3f1b2c4d5e6f708" * 4, "9c0e8d7b6a5f4e3d" * 4)  # two strong keys (64 hex digits, as secrets.token_hex(32) makes them)
pytestmark = [needs_shared, pytest.mark.skipif(not Path("/proc/locks").exists(), reason="needs /proc/locks (Linux)")]


def _env(store: Path, **extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ATS_")}
    return {**env, "ATS_STORE": str(store), "ATS_USER": "race-test", **extra}


def _start(args, env) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "data", *args], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def _waiting(pid: int) -> bool:
    """Whether process `pid` waits for an flock (a '->' line of /proc/locks)."""
    for line in Path("/proc/locks").read_text().splitlines():
        parts = line.split()
        if "->" in parts and parts[parts.index("->") + 4] == str(pid):
            return True
    return False


def _race(store: Path, commands, *, in_order: bool = False) -> list[tuple[int, dict]]:
    """Run (args, env) commands against `store` while holding its writer lock, released when every one of them
    waits on it (or has ended): all at once, or in_order, each started when the one before waits (the first waiter
    is then usually the first to get the lock). Returns (exit code, JSON line) of each."""
    import fcntl

    def wait(procs):
        deadline = time.monotonic() + 240
        while not all(_waiting(p.pid) or p.poll() is not None for p in procs):
            assert time.monotonic() < deadline, "the commands neither wait on the lock nor end"
            time.sleep(0.05)

    with open(store.with_name(store.name + ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            procs = []
            for args, env in commands:
                procs.append(_start(args, env))
                if in_order:
                    wait(procs)
            wait(procs)
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    out = []
    for p in procs:
        stdout, stderr = p.communicate(timeout=240)
        lines = [line for line in stdout.splitlines() if line.startswith("{")]
        assert lines, stderr[-2000:]
        out.append((p.returncode, json.loads(lines[-1])))
    return out


def _q(store: Path, sql: str):
    con = duckdb.connect(str(store), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def _meta(store: Path) -> dict:
    return dict(_q(store, "SELECT key, value FROM meta"))


@pytest.fixture(scope="module")
def race_files(tmp_path_factory):
    """Two halves of the example file (other desa/kelurahan, so both can be applied), and the boundary of the
    smallest kab/kota (Kepulauan Seribu) for a small demo store."""
    import geopandas as gpd

    from tests.conftest import SHARED

    folder = tmp_path_factory.mktemp("races")
    src = example()
    first = src["kode_kel"] == src["kode_kel"].iloc[0]
    a, b = write(src[first], folder / "half_a.csv"), write(src[~first], folder / "half_b.csv")
    geo = folder / "seribu.geojson"
    kabs = gpd.read_file(SHARED / "geo" / "kabkota.geojson")
    kabs[kabs["kode"] == DEMO_REGION].to_file(geo, driver="GeoJSON")
    return {"a": a, "b": b, "geo": geo, "folder": folder}


@pytest.fixture(scope="module")
def demo_store(race_files):
    """A demo store of Kepulauan Seribu."""
    path = race_files["folder"] / "demo.duckdb"
    done = subprocess.run([sys.executable, "-m", "data", "demo", "--regions", DEMO_REGION], cwd=ROOT,
                          capture_output=True, text=True, env=_env(path, ATS_BOUNDARIES=str(race_files["geo"])),
                          timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    return path


def _rounds(fn, *args):
    """The ten rounds of a race, five at a time (each has its own store and its own lock)."""
    with concurrent.futures.ThreadPoolExecutor(5) as pool:
        for result in pool.map(lambda i: fn(i, *args), range(ROUNDS)):
            assert result is None


def test_two_replace_demo_imports_at_once_keep_both(race_files, demo_store, tmp_path):
    def one(i, files):
        store = tmp_path / f"replace{i}.duckdb"
        shutil.copy(demo_store, store)
        env = _env(store, ATS_HMAC_KEY=KEYS[0])
        results = _race(store, [(["import", str(files[h]), "--replace-demo", "--rejects", str(tmp_path / f"r{i}{h}.csv")],
                                 env) for h in ("a", "b")])
        assert [r["status"] for _, r in results] == ["applied", "applied"], results
        assert _meta(store)["is_demo"] == "False"
        logged = _q(store, "SELECT file_name FROM import_log WHERE status = 'applied' ORDER BY file_name")
        assert logged == [("half_a.csv",), ("half_b.csv",)], f"round {i}: a log entry vanished: {logged}"
        n = _q(store, "SELECT count(*) FROM anak")[0][0]
        assert n == sum(r["accepted"] for _, r in results), f"round {i}: {n} children stored, rows lost or demo kept"

    _rounds(one, race_files)


def test_two_keys_at_once_one_is_refused(race_files, base_store, tmp_path):
    def one(i, files):
        store = tmp_path / f"keys{i}.duckdb"
        shutil.copy(base_store, store)
        results = _race(store, [(["import", str(files[h]), "--rejects", str(tmp_path / f"k{i}{h}.csv")],
                                 _env(store, ATS_HMAC_KEY=key)) for h, key in zip("ab", KEYS)])
        statuses = sorted(r["status"] for _, r in results)
        assert statuses == ["applied", "refused"], f"round {i}: {results}"
        (winner,) = [key for (_, r), key in zip(results, KEYS) if r["status"] == "applied"]
        (refused,) = [r for _, r in results if r["status"] == "refused"]
        assert "not the key used by earlier imports" in refused["error"]
        assert _meta(store)["hmac_key_id"] == key_id(winner.encode())
        assert _q(store, "SELECT count(*) FROM import_log WHERE status = 'applied'")[0][0] == 1

    _rounds(one, race_files)


@pytest.fixture(scope="module")
def empty_store(race_files):
    """A store of real data (not demo) with no records yet: the wilayah reference only."""
    from data import reference, store

    path = race_files["folder"] / "empty.duckdb"
    with store.writing(path, fresh=True, meta={"is_demo": False}) as con:
        store.replace_wilayah(con, reference.load_wilayah())
    return path


def test_demo_during_an_import_never_mixes(race_files, empty_store, tmp_path):
    def one(i, files):
        store = tmp_path / f"demo{i}.duckdb"
        shutil.copy(empty_store, store)
        env = _env(store, ATS_HMAC_KEY=KEYS[0], ATS_BOUNDARIES=str(files["geo"]))
        results = _race(store, [(["demo", "--regions", DEMO_REGION], env),
                                (["import", str(files["a"]), "--rejects", str(tmp_path / f"d{i}.csv")], env)],
                          in_order=True)  # the import has read the store (not demo) when the demo writes first
        (_, demo), (_, imported) = results
        if _meta(store)["is_demo"] == "True":
            assert _q(store, "SELECT count(*) FROM import_log")[0][0] == 0, f"round {i}: real rows in a demo store"
        else:
            assert imported["status"] == "applied" and demo.get("status") == "refused", f"round {i}: {results}"
            n = _q(store, "SELECT count(*) FROM anak")[0][0]
            assert n == imported["accepted"], f"round {i}: {n} children beside the {imported['accepted']} imported"

    _rounds(one, race_files)


def test_same_file_twice_at_once_is_applied_once(race_files, base_store, tmp_path):
    def one(i, files):
        store = tmp_path / f"same{i}.duckdb"
        shutil.copy(base_store, store)
        env = _env(store, ATS_HMAC_KEY=KEYS[0])
        results = _race(store, [(["import", str(files["a"]), "--rejects", str(tmp_path / f"s{i}{n}.csv")], env)
                                for n in range(2)])
        assert sorted(r["status"] for _, r in results) == ["applied", "unchanged"], f"round {i}: {results}"
        assert _q(store, "SELECT count(*) FROM import_log WHERE status = 'applied'")[0][0] == 1

    _rounds(one, race_files)
