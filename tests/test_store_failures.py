"""The write path when things go wrong (issue 22): a writer killed mid-write leaves a copy that the next write (or the
app's start) removes, never a running writer's; a full disk is a refusal like the others, on the command line and
on the pages; what a write makes is the owner's only; `demo` does not replace real data unless told to. Real
writers (subprocesses of the command line, killed with SIGKILL), a real small file system (tmpfs) or a real file
size limit (RLIMIT_FSIZE), real stores."""

import contextlib
import hashlib
import json
import os
import resource
import secrets
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from data import kla, load, store
from data.config import ROOT
from tests.conftest import add_account, build_fixture_store, log_in, needs_shared, rendered, shared_palopo

pytestmark = needs_shared
EXAMPLE = ROOT / "docs" / "examples" / "sipbm_canonical_example.csv"


def cli(*args, store_path, wait=True, **env_extra):
    env = {**os.environ, "ATS_STORE": str(store_path), "ATS_HMAC_KEY": secrets.token_hex(32), **env_extra}
    command = [sys.executable, "-m", "data", *args]
    if not wait:
        return subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def copies(path: Path) -> list[Path]:
    return sorted(p for p in path.parent.iterdir() if p.name.startswith(path.name + ".tmp-"))


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def read(path: Path, work):
    """work(con) on a read-only connection to the store at `path`, closed after (DuckDB keeps one instance per path
    while a connection is open, which would hide a store swapped in since)."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        return work(con)
    finally:
        con.close()


def checks_pass(path: Path) -> bool:
    return read(path, store.check) == {}


# --- a killed write -----------------------------------------------------------------------------------


def test_a_killed_write_leaves_a_copy_that_the_next_write_removes_and_reports(store_copy):
    writer = cli("demo", "--regions", "73.73", "--replace-real-data", store_path=store_copy, wait=False)
    deadline = time.time() + 300
    # well into the write: its copy holds the records (the demo's children are a few MB)
    while sum(map(store._size, copies(store_copy))) < 3_000_000 and writer.poll() is None and time.time() < deadline:
        time.sleep(0.02)
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait()
    left = copies(store_copy)
    assert writer.returncode == -signal.SIGKILL and left, "the writer was not killed mid-write"
    assert all(f".tmp-{writer.pid}-" in p.name for p in left)  # named by its writer
    assert checks_pass(store_copy) and read(store_copy, store.real_data)["children"] > 0  # as it was

    out = cli("demo", "--regions", "73.73", "--replace-real-data", store_path=store_copy)
    assert out.returncode == 0, out.stderr
    lines = [json.loads(line) for line in out.stdout.splitlines()]
    assert lines[0]["status"] == "cleaned" and set(lines[0]["stale_copies"]) == {p.name for p in left}
    assert lines[0]["bytes"] > 3_000_000 and "note: removed" in out.stderr
    assert lines[-1]["regions"] == ["73.73"] and copies(store_copy) == []
    assert checks_pass(store_copy)
    meta = dict(read(store_copy, lambda con: con.execute("SELECT key, value FROM meta").fetchall()))
    assert meta["is_demo"] == "True"


HOLD = """
import sys
from data import store
with store.writing(sys.argv[1]) as con:
    con.execute("INSERT OR REPLACE INTO meta VALUES ('held', 'yes')")
    print("writing", flush=True)
    sys.stdin.readline()
"""


def test_a_running_writers_copy_is_left_alone(store_copy, tmp_path):
    """While a writer works, the app's start removes nothing (the writer lock is taken), a second writer waits for
    the first instead of removing its copy, and both writes land."""
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(store_copy)], cwd=ROOT, stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "writing"
        live = copies(store_copy)
        assert live and all(f".tmp-{holder.pid}-" in p.name for p in live)
        assert store.remove_stale_copies(store_copy) is None and copies(store_copy) == live  # the app's start
        path = tmp_path / "palopo.geojson"
        shared_palopo("kelurahan_73.geojson")[["kode", "nama", "geometry"]].to_file(path)
        second = cli("boundaries", str(path), store_path=store_copy, wait=False)
        time.sleep(3)
        assert second.poll() is None and copies(store_copy)[: len(live)] == live  # waits; the copy is untouched
        holder.stdin.write("done\n")
        holder.stdin.flush()
        assert holder.wait(timeout=120) == 0
        out, err = second.communicate(timeout=300)
    finally:
        holder.kill()
    assert second.returncode == 0, err
    assert [json.loads(line)["status"] for line in out.splitlines()] == ["applied"]  # nothing stale was reported
    assert read(store_copy, lambda con: con.execute("SELECT value FROM meta WHERE key = 'held'").fetchone()) == ("yes",)
    assert read(store_copy, lambda con: con.execute("SELECT count(*) FROM boundary_log").fetchone()[0]) == 1
    assert copies(store_copy) == []


def test_at_the_apps_start_only_copies_of_dead_writers_go(store_copy):
    """With no write running, a copy named by a process that is gone is removed, one named by a running process
    is not (the pid in the name), nor is anything that is not a copy of this store."""
    sleeper = subprocess.Popen(["sleep", "60"])
    try:
        dead = subprocess.Popen(["true"])
        dead.wait()
        stale = store_copy.with_name(f"{store_copy.name}.tmp-{dead.pid}-0123abcd")
        stale_wal = stale.with_name(stale.name + ".wal")
        running = store_copy.with_name(f"{store_copy.name}.tmp-{sleeper.pid}-0123abcd")
        other = store_copy.with_name("other.duckdb.tmp-1-0123abcd")
        for p in (stale, stale_wal, running, other):
            p.write_bytes(b"x" * 1000)
        removed = store.remove_stale_copies(store_copy)
        assert sorted(r["file"] for r in removed) == sorted([stale.name, stale_wal.name])
        assert not stale.exists() and not stale_wal.exists() and running.exists() and other.exists()
    finally:
        sleeper.kill()


def test_the_app_tidies_once_per_process(store_copy):
    """app.py calls store.tidy_once on every run: the first removes the copies of dead writers, later ones do not
    look again (the next write does)."""
    dead = subprocess.Popen(["true"])
    dead.wait()
    stale = store_copy.with_name(f"{store_copy.name}.tmp-{dead.pid}-0123abcd")
    stale.write_bytes(b"x")
    assert [r["file"] for r in store.tidy_once(store_copy)] == [stale.name] and not stale.exists()
    stale.write_bytes(b"x")
    assert store.tidy_once(store_copy) == [] and stale.exists()
    with store.writing(store_copy):
        pass
    assert not stale.exists()


# --- a full disk --------------------------------------------------------------------------------------


@pytest.fixture()
def full_disk(fixture_store, tmp_path):
    """A copy of the fixture store on a disk with room for it but not for a second copy, which every write makes: a
    tmpfs a few MB larger than the store when this process may mount one (root), else a file size limit of half
    the store for this process and its children (RLIMIT_FSIZE, so a write fails with EFBIG)."""
    size = fixture_store.stat().st_size
    mount = tmp_path / "disk"
    mount.mkdir()
    mb = size // 1_000_000 + 4
    mounted = os.geteuid() == 0 and subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={mb}m", "tmpfs", str(mount)], capture_output=True).returncode == 0
    path = mount / "ats.duckdb"
    shutil.copyfile(fixture_store, path)
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    if not mounted:
        resource.setrlimit(resource.RLIMIT_FSIZE, (size // 2, hard))
    try:
        yield path
    finally:
        if mounted:
            subprocess.run(["umount", "--lazy", str(mount)], check=True)  # the app test may still hold a reader
        else:
            resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))


def test_a_full_disk_refuses_an_import_in_one_line_and_logs_it(full_disk):
    before = sha(full_disk)
    out = cli("import", str(EXAMPLE), store_path=full_disk)
    assert out.returncode == 2 and "Traceback" not in out.stderr, out.stderr
    line = json.loads(out.stdout.strip().splitlines()[-1])
    assert line["status"] == "refused" and line["code"] == "disk_full", line
    assert "MB" in line["error"] and str(full_disk.parent) not in line["error"]
    assert sha(full_disk) == before and copies(full_disk) == []
    attempts = [json.loads(x) for x in full_disk.with_name("imports.jsonl").read_text().splitlines()]
    assert attempts[-1]["status"] == "refused" and attempts[-1]["file"] == EXAMPLE.name


def test_a_full_disk_refuses_a_boundary_import_and_a_fresh_store(full_disk, tmp_path):
    path = tmp_path / "palopo.geojson"
    shared_palopo("kelurahan_73.geojson")[["kode", "nama", "geometry"]].to_file(path)
    before = sha(full_disk)
    out = cli("boundaries", str(path), store_path=full_disk)
    assert out.returncode == 2 and "Traceback" not in out.stderr, out.stderr
    assert json.loads(out.stdout.strip().splitlines()[-1])["code"] == "disk_full"
    assert sha(full_disk) == before and copies(full_disk) == []
    fresh = full_disk.with_name("fresh.duckdb")  # DuckDB itself runs out of room, not the copy
    with pytest.raises(store.DiskFull) as full:
        build_fixture_store(fresh, with_boundaries=False)
    assert full.value.need_mb >= 1 and not fresh.exists() and copies(fresh) == []


def test_a_full_disk_is_said_on_the_pages_without_server_paths(full_disk, monkeypatch):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("ATS_STORE", str(full_disk))
    monkeypatch.setenv("ATS_HMAC_KEY", secrets.token_hex(32))
    before = sha(full_disk)
    add_account("admin", "admin")  # the pages that write are an operator's or an admin's
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.query_params["tahun"] = "2024"
    at.switch_page("views/impor.py")
    log_in(at.run(), "admin")
    at.switch_page("views/kla.py").run()
    at.selectbox(key="kla_form_kode").set_value("IV.3")
    at.text_input(key="kla_form_nilai").set_value("40")
    at.text_input(key="kla_form_bukti").set_value("SK 12/2024")
    at.button[0].click().run()
    assert not at.exception, at.exception
    said = [rendered(e.value) for e in at.error]
    assert said and "Disk server penuh" in said[0] and "/" not in said[0], said

    at.switch_page("views/impor.py").run()
    at.file_uploader(key="impor_file_0").set_value((EXAMPLE.name, EXAMPLE.read_bytes(), "text/csv")).run()
    at.button(key="impor_apply").click().run()
    assert not at.exception, at.exception
    said = [rendered(e.value) for e in at.error]
    assert said and "Disk server penuh" in said[0] and "/" not in said[0] and "Traceback" not in said[0], said
    assert sha(full_disk) == before and copies(full_disk) == []
    # in the audit trail as a full disk, as the command line writes it (the import's was "store_checks")
    from data import accounts

    refused = accounts.audit_rows(actions=["kla_entry", "import"], outcomes=["refused"])[::-1]
    assert refused[["action", "reason"]].values.tolist() == [["kla_entry", "disk_full"], ["import", "disk_full"]]


# --- owner-only files ---------------------------------------------------------------------------------


@contextlib.contextmanager
def umask(value):
    old = os.umask(value)
    try:
        yield
    finally:
        os.umask(old)


def test_what_a_write_makes_is_the_owners_only(tmp_path, monkeypatch):
    """The store, its temporary copy and WAL, its lock and a new store folder: 0600 / 0700 even under umask 022;
    the umask is given back."""
    from streamlit.proto.Common_pb2 import FileURLs
    from streamlit.runtime.uploaded_file_manager import UploadedFile, UploadedFileRec

    from ui import importing

    with umask(0o022):
        path = build_fixture_store(tmp_path / "var" / "ats.duckdb", with_boundaries=False)
        assert (mode(path), mode(path.parent), mode(path.with_name("ats.duckdb.lock"))) == (0o600, 0o700, 0o600)
        with store.writing(path) as con:
            con.execute("CREATE TABLE scratch AS SELECT range AS x FROM range(200000)")
            made = copies(path)
            assert made and {mode(p) for p in made} == {0o600}, [(p.name, oct(mode(p))) for p in made]
        assert mode(path) == 0o600 and os.umask(0o022) == 0o022  # the umask is as it was

        monkeypatch.setenv("ATS_STORE", str(path))
        uploads = path.parent / "uploads"
        uploads.mkdir(mode=0o755)  # made by an earlier version
        os.chmod(uploads, 0o755)
        upload = UploadedFile(UploadedFileRec("f1", "sipbm.csv", "text/csv", EXAMPLE.read_bytes()), FileURLs())
        saved = importing._saved(upload)
        assert (mode(saved), mode(saved.parent), mode(uploads)) == (0o600, 0o700, 0o700)
        assert os.umask(0o022) == 0o022


# --- demo over real data ------------------------------------------------------------------------------


def test_demo_refuses_to_replace_real_data_and_says_what_would_be_lost(store_copy):
    kla.save_value("73.73", 2024, "IV.3", "40", operator="Andi", bukti="SK 12/2024", path=store_copy)
    before = sha(store_copy)
    out = cli("demo", "--regions", "73.73", store_path=store_copy)
    assert out.returncode == 2 and "Traceback" not in out.stderr, out.stderr
    said = [line for line in out.stderr.splitlines() if line.startswith("error:")]  # beside the progress lines
    assert len(said) == 1 and "--replace-real-data" in said[0] and "1 KLA values" in said[0], out.stderr
    line = json.loads(out.stdout.strip().splitlines()[-1])
    rounds, children = read(store_copy, lambda con: con.execute(
        "SELECT (SELECT count(*) FROM survey_round), (SELECT count(*) FROM anak)").fetchone())
    assert (line["status"], line["code"]) == ("refused", "demo_replaces_real_data")
    assert line["would_lose"] == {"rounds": rounds, "children": children, "import_log": 0, "kla_entries": 1}
    assert children > 0 and sha(store_copy) == before and copies(store_copy) == []


def test_demo_checks_again_under_the_writers_lock(store_copy):
    """A demo store becomes one with real data (a KLA value entered) while the demo is being generated: the build,
    which checked before generating, checks again under the lock and refuses; the entered value stays."""
    con = duckdb.connect(str(store_copy))
    con.execute("UPDATE meta SET value = 'True' WHERE key = 'is_demo'")
    con.close()
    assert not any(read(store_copy, store.real_data).values())
    entered = []

    def progress(fraction, message):
        if message.startswith("demo") and not entered:  # generating: the early check has passed
            entered.append(kla.save_value("73.73", 2024, "IV.3", "40", operator="Andi", bukti="SK", path=store_copy))

    with pytest.raises(load.DemoRefused) as refused:
        load.build_demo_store(["73.73"], path=store_copy, progress=progress)
    assert entered and refused.value.lost["kla_entries"] == 1
    assert read(store_copy, lambda con: con.execute("SELECT nilai FROM kla_nilai_input WHERE kode = 'IV.3'").fetchall()) == [(40.0,)]
    assert copies(store_copy) == []
