"""The write path: every change to the store is built in a copy, checked, then swapped in atomically.

Readers (the app) hold read-only connections to the live file. A writer copies the live file (or
starts empty), changes the copy, runs queries/build/* in order and queries/checks/* (any row fails),
stamps a new store_version, and renames the copy over the live file. A failure anywhere removes the
copy and leaves the live store exactly as it was; a full disk is said as DiskFull. The copy of a writer that
was killed (kill -9, a power cut) is removed by the next write, or at the app's start (remove_stale_copies).
Everything a write creates (the copy, which becomes the store, its WAL, the lock) is readable by its owner only.
"""

import contextlib
import datetime as dt
import errno
import fcntl
import functools
import glob
import hashlib
import logging
import math
import os
import shutil
import threading
import uuid
from pathlib import Path

import duckdb
import pandas as pd

from data import config, protection, queries
from domain.codes import ALASAN_GROUP
from domain.wilayah import LEVELS

log = logging.getLogger(__name__)
SCHEMA = Path(__file__).with_name("schema.sql")
RECORD_TABLES = ("keluarga", "anak", "penanganan")  # the census records; every other table is reference or derived
# The KLA indicator registry (data, not code): file -> store table, reloaded at every build.
KLA_REGISTRY = {"kla_frameworks.csv": "kla_framework", "kla_indicators.csv": "kla_indikator", "kla_tiers.csv": "kla_tier"}


def build_id() -> str:
    """A fingerprint of what the build makes of the stored records: schema.sql, queries/build/*, queries/checks/*
    and the KLA registry. Stamped into meta at every write; a store whose stamp differs was built by another
    version of the code and is rebuilt (upgrade) before the app reads it."""
    files = [SCHEMA, *(config.SHIPPED_REFERENCE / name for name in KLA_REGISTRY)]
    files += sorted((config.QUERIES / "build").glob("*.sql")) + sorted((config.QUERIES / "checks").glob("*.sql"))
    return _build_id(tuple((str(f), f.stat().st_mtime_ns) for f in files))


@functools.lru_cache(maxsize=4)
def _build_id(stamps) -> str:
    h = hashlib.sha256()
    for name, _ in stamps:
        h.update(Path(name).name.encode() + b"\0" + Path(name).read_bytes() + b"\0")
    return h.hexdigest()[:16]


def file_sha256(path: Path) -> str:
    """SHA-256 of a file's bytes, read in 4 MB chunks (the import logs name files by it)."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(1 << 22):
            h.update(chunk)
    return h.hexdigest()


def read_log(table: str, columns, path: Path | None = None) -> pd.DataFrame:
    """An import log of the live store (import_log, boundary_log: names from those fixed tables, never data),
    newest first; empty, with its columns, for a store made before the table."""
    con = connect_read(Path(path or config.store_path()))
    try:
        quoted = ", ".join(f'"{c}"' for c in columns)  # "user" is a keyword
        return con.execute(f"SELECT {quoted} FROM {table} ORDER BY import_id DESC").df()  # names from the fixed list
    except duckdb.CatalogException:
        return pd.DataFrame(columns=list(columns))
    finally:
        con.close()


def stored_build_id(path: Path | None = None) -> str | None:
    """The build stamp of the live store (None for a store written before stamps, or none at all)."""
    path = Path(path or config.store_path())
    if not path.exists():
        return None
    con = connect_read(path)
    try:
        found = con.execute("SELECT value FROM meta WHERE key = 'build_id'").fetchall()
    finally:
        con.close()
    return found[0][0] if found else None


def is_current(path: Path | None = None) -> bool:
    return stored_build_id(path) == build_id()


def upgrade(path: Path | None = None) -> bool:
    """Rebuild the derived tables of a store written by another version of the code (records, boundaries and
    entered values are kept; the usual copy, build, checks and swap). Returns whether it rebuilt."""
    path = Path(path or config.store_path())
    if not path.exists() or is_current(path):
        return False
    with writing(path):
        pass
    return True


class BuildError(RuntimeError):
    """The build or a data check failed; the live store was left untouched."""


class DiskFull(BuildError):
    """A write ran out of disk space (or of the file size allowed to the process); the live store was left
    untouched and the copy removed. The message names no path: the Impor page shows it. Subclass of BuildError,
    so every caller that reports a failed write reports this one too."""

    code = "disk_full"

    def __init__(self, need_bytes: int, free_bytes: int):
        self.need_mb = max(1, math.ceil(need_bytes / 1e6))
        self.free_mb = free_bytes // 1_000_000
        self.values = {"need": self.need_mb, "free": self.free_mb}
        super().__init__(
            f"no space left on the store's disk: nothing was changed. A write needs room for a full copy of the store, "
            f"at least {self.need_mb} MB free; {self.free_mb} MB are free. Free some space and try again"
        )


class StoreChanged(RuntimeError):
    """The store file was swapped for another version while a reader of the version seen was being opened
    (reader_link): read again with the new version's key."""


class StoreMissing(RuntimeError):
    pass


_NO_SPACE_ERRNO = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}  # EFBIG: the process's file size limit (RLIMIT_FSIZE)
_NO_SPACE_TEXT = ("No space left on device", "Disk quota exceeded", "File too large")


def no_space(error: BaseException | None) -> bool:
    """Whether `error` (or an error it was raised from or during) is a full disk, as the OS or DuckDB says it."""
    seen = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        if isinstance(error, OSError) and error.errno in _NO_SPACE_ERRNO:
            return True
        if isinstance(error, duckdb.Error) and any(text in str(error) for text in _NO_SPACE_TEXT):
            return True
        error = error.__cause__ or error.__context__
    return False


def free_bytes(path: Path) -> int:
    """Free bytes on the file system of `path` (or of its nearest folder that exists)."""
    path = Path(path)
    while not path.exists() and path != path.parent:
        path = path.parent
    return shutil.disk_usage(path).free


_umask = {"depth": 0, "saved": None}
_umask_lock = threading.Lock()


@contextlib.contextmanager
def owner_only():
    """Files and folders created meanwhile, by this code or by DuckDB (the copy, its WAL, spill folders), are the
    owner's only (umask 077: 0600 files, 0700 folders). The umask is the process's: nested and concurrent writes
    share one setting, restored when the last one ends."""
    with _umask_lock:
        if _umask["depth"] == 0:
            _umask["saved"] = os.umask(0o077)
        _umask["depth"] += 1
    try:
        yield
    finally:
        with _umask_lock:
            _umask["depth"] -= 1
            if _umask["depth"] == 0:
                os.umask(_umask["saved"])


def _lock_file(path: Path):
    path.parent.mkdir(parents=True, exist_ok=True)
    return open(path.with_name(path.name + ".lock"), "w")


_held = threading.local()  # the store paths whose writer lock this thread holds (writer_lock is reentrant)


@contextlib.contextmanager
def writer_lock(path: Path):
    """The store's writer lock (an flock on <store>.lock), held for the duration; reentrant within a thread.

    Every write takes it (writing() does), and every decision a write makes about the store (is it a demo store,
    which key hashed its rounds, is this file already applied) is made under it: read the state inside
    `with writer_lock(path):` and write inside the same block, so no other writer changes the store in between."""
    path = Path(path)
    held = getattr(_held, "paths", None)
    if held is None:
        held = _held.paths = set()
    if path in held:
        yield
        return
    with _lock_file(path) as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        held.add(path)
        try:
            yield
        finally:
            held.discard(path)
            fcntl.flock(lock, fcntl.LOCK_UN)


def _file_stamp(path: Path):
    """What tells that the live file was replaced or changed: inode, size and modification time (None if absent)."""
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return st.st_ino, st.st_size, st.st_mtime_ns


def _temp_copy(path: Path) -> Path:
    """Where a write builds its copy: beside the store, named by the writer's process id (remove_stale_copies)."""
    return path.with_name(f"{path.name}.tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}")


def _leftovers(path: Path) -> list[Path]:
    """The temporary copies beside the store at `path` and what DuckDB made beside them (.wal, a spill folder)."""
    return sorted(path.parent.glob(glob.escape(path.name) + ".tmp-*"))


def _writer_alive(leftover: Path, path: Path) -> bool:
    """Whether the process named in a copy's name (<store>.tmp-<pid>-<hex>) is running and is not this one. A
    copy named otherwise (made before names held the pid) has no live writer once the lock is held."""
    pid = leftover.name[len(path.name) + len(".tmp-"):].split("-")[0]
    if not pid.isdigit() or int(pid) == os.getpid():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def _size(entry: Path) -> int:
    try:
        if entry.is_dir():
            return sum(f.stat().st_size for f in entry.rglob("*") if f.is_file())
        return entry.stat().st_size
    except OSError:
        return 0


def _remove(entry: Path) -> None:
    if entry.is_dir():
        shutil.rmtree(entry, ignore_errors=True)
    else:
        entry.unlink(missing_ok=True)


def _remove_stale(path: Path) -> list[dict]:
    """With the writer lock held: remove the copies (and their .wal) left by writers that were killed, i.e.
    every copy whose writer is not a running process; log what went. Returns [{file, bytes}]."""
    removed = []
    for leftover in _leftovers(path):
        if _writer_alive(leftover, path):
            continue
        size = _size(leftover)
        _remove(leftover)
        removed.append({"file": leftover.name, "bytes": size})
    if removed:
        total = sum(r["bytes"] for r in removed)
        log.warning("removed %d temporary copies of killed writes beside %s (%.1f MB): %s", len(removed), path.name,
                    total / 1e6, ", ".join(r["file"] for r in removed), extra={"stale_copies": removed})
    return removed


def remove_stale_copies(path: Path | None = None) -> list[dict] | None:
    """At the app's start: remove the temporary copies of killed writes beside the store, when no write is running
    (the writer lock is free; taken without waiting). None when a write holds the lock: its copy is live, and the
    stale ones go at the next write."""
    path = Path(path or config.store_path())
    if not path.parent.is_dir():
        return []
    with owner_only(), _lock_file(path) as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return None
        try:
            return _remove_stale(path)
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


_tidied: set[Path] = set()  # stores whose folder this process has tidied (tidy_once)
_tidied_lock = threading.Lock()


def tidy_once(path: Path | None = None) -> list[dict] | None:
    """remove_stale_copies, once per process and store (the app calls it on every run): again only while a write
    held the lock."""
    path = Path(path or config.store_path())
    with _tidied_lock:
        if path in _tidied:
            return []
        removed = remove_stale_copies(path)
        if removed is not None:
            _tidied.add(path)
        return removed


@contextlib.contextmanager
def writing(path: Path | None = None, *, fresh: bool = False, meta: dict | None = None, into=None, progress=None):
    """Yield a read-write connection to a copy of the store; build, check and swap it in on success.

    fresh=True starts from an empty store instead of a copy of the live one. into=an open connection (an
    import's in-memory staging database): the copy is attached to it as `store` and made its default
    database, so rows go from staging tables (qualified `memory.`) to the store without leaving DuckDB;
    the copy is detached afterwards and the connection stays open. progress(fraction, message), if given, is
    told how far the build and the checks after the body are (0 to 1): on a province's store they take most
    of a write.
    """
    path = Path(path or config.store_path())
    with owner_only(), writer_lock(path):
        _remove_stale(path)
        tmp = _temp_copy(path)
        try:
            with _disk_full_said(path, tmp):
                yield from _write(path, tmp, fresh=fresh, meta=meta, into=into, progress=progress)
        finally:
            for leftover in (tmp, tmp.with_name(tmp.name + ".wal"), tmp.with_name(tmp.name + ".tmp")):
                _remove(leftover)


@contextlib.contextmanager
def _disk_full_said(path: Path, tmp: Path):
    """A write that ran out of space raises DiskFull (how much it needs: a full copy of the store, or what the copy
    had reached when it failed, whichever is more; how much is free once the copy is gone)."""
    try:
        yield
    except (OSError, duckdb.Error, BuildError) as e:
        if isinstance(e, DiskFull) or not no_space(e):
            raise
        need = max(_size(path), _size(tmp))
        for leftover in (tmp, tmp.with_name(tmp.name + ".wal"), tmp.with_name(tmp.name + ".tmp")):
            _remove(leftover)  # before measuring what is free
        raise DiskFull(need, free_bytes(path)) from e


def _write(path: Path, tmp: Path, *, fresh: bool, meta: dict | None, into, progress):
    """The body of writing(): copy, yield the connection, build, check, stamp, swap (refused if the live file was
    replaced meanwhile by a writer that skipped the lock)."""
    started_from = _file_stamp(path)
    if path.exists() and not fresh:
        shutil.copyfile(path, tmp)
    if into is None:
        con = duckdb.connect(str(tmp))
    else:
        con = into
        con.execute("ATTACH $p AS store", {"p": str(tmp)})
        con.execute("USE store")
    try:
        con.execute("SET enable_progress_bar = false")
        con.execute(SCHEMA.read_text(encoding="utf-8"))
        _unkey_records(con)
        yield con
        build(con, progress and (lambda f, m: progress(0.7 * f, m)))  # the build is most of it
        failures = check(con, progress and (lambda f, m: progress(0.7 + 0.3 * f, m)))
        if failures:
            raise BuildError(_describe_failures(failures))
        stamp = {
            "store_version": uuid.uuid4().hex[:12],
            "build_id": build_id(),
            "built_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
            **(meta or {}),
        }
        con.executemany("INSERT OR REPLACE INTO meta VALUES ($1, $2)", [(k, str(v)) for k, v in stamp.items()])
        con.execute("CHECKPOINT")
    finally:
        if into is None:
            con.close()
        else:
            with contextlib.suppress(duckdb.Error):  # after a failed write: the error that failed it is what counts
                con.execute("USE memory")
            con.execute("DETACH store")
    os.chmod(tmp, 0o600)  # owner-only whatever the umask was (owner_only() is process-wide, not a promise)
    if _file_stamp(path) != started_from:  # checked again at the swap: a writer that skipped the lock
        raise BuildError(
            f"the store {path} was changed by another writer during this write; nothing of this write was kept. "
            "Run it again"
        )
    os.replace(tmp, path)


@contextlib.contextmanager
def live_attached(con, path: Path):
    """The store file at `path` attached read-only to `con` as `live` for the duration (to copy from it)."""
    con.execute("ATTACH $p AS live (READ_ONLY)", {"p": str(path)})
    try:
        yield
    finally:
        con.execute("DETACH live")


def real_data(con, database: str | None = None) -> dict:
    """What a store holds that a demo build would not make again: its survey rounds (one row per round and
    kab/kota) and children unless it is a demo store, its import log entries, and the KLA values and results users
    entered (audit rows other than the demo's). Read from the attached `database` ("live") or the connection's
    own; a table a store of an older build lacks counts 0."""
    prefix = f"{database}." if database else ""  # a database name of the code's, never data

    def count(sql: str) -> int:
        try:
            return int(con.execute(sql.format(db=prefix)).fetchone()[0])
        except duckdb.CatalogException:
            return 0

    demo = count("SELECT count(*) FROM {db}meta WHERE key = 'is_demo' AND value = 'True'") > 0
    return {
        "rounds": 0 if demo else count("SELECT count(*) FROM {db}survey_round"),
        "children": 0 if demo else count("SELECT count(*) FROM {db}anak"),
        "import_log": count("SELECT count(*) FROM {db}import_log"),
        "kla_entries": count("SELECT count(*) FROM {db}kla_audit WHERE aksi <> 'demo'"),
    }


def _unkey_records(con) -> None:
    """Migrate a store written before the record tables lost their PRIMARY KEY (uniqueness is now the data
    check record_ids_unique): recreate those tables as schema.sql has them, rows unchanged."""
    keyed = [t for (t,) in con.execute(
        "SELECT table_name FROM duckdb_constraints() WHERE constraint_type = 'PRIMARY KEY' "
        "AND database_name = current_database() AND list_contains($t, table_name) ORDER BY table_name",
        {"t": list(RECORD_TABLES)},
    ).fetchall()]
    for table in keyed:  # names from the fixed RECORD_TABLES
        con.execute(f"ALTER TABLE {table} RENAME TO {table}_keyed")
    if keyed:
        con.execute(SCHEMA.read_text(encoding="utf-8"))
    for table in keyed:
        con.execute(f"INSERT INTO {table} SELECT * FROM {table}_keyed")  # table from the fixed list RECORD_TABLES
        con.execute(f"DROP TABLE {table}_keyed")


def build(con, progress=None) -> None:
    """Refresh the reference taxonomy and run every queries/build step in order, telling progress(fraction,
    message) before each. The small-cell protection the build precomputes (build/065_agg_ats_protected.sql) is for
    the k in force (ATS_MIN_CELL); a reader with another k protects live."""
    con.execute(f"SET VARIABLE ats_min_cell = {int(protection.min_cell())}")  # an int, checked by min_cell
    con.execute("DELETE FROM ref_alasan")
    con.executemany("INSERT INTO ref_alasan VALUES ($1, $2)", list(ALASAN_GROUP.items()))
    for name, table in KLA_REGISTRY.items():
        con.execute(f"DELETE FROM {table}")  # table name from the fixed list KLA_REGISTRY
        con.execute(
            f"INSERT INTO {table} BY NAME SELECT * FROM read_csv($p, header = true)",  # table from the fixed list KLA_REGISTRY
            {"p": str(config.SHIPPED_REFERENCE / name)},
        )
    steps = queries.all_queries("build")
    for i, q in enumerate(steps):
        if progress:
            progress(i / len(steps), "building the aggregates")
        try:
            con.execute(q.sql)
        except duckdb.Error as e:
            raise BuildError(f"build step {q.name} failed: {e}") from e


def check(con, progress=None) -> dict[str, pd.DataFrame]:
    """Run every queries/checks file, telling progress(fraction, message) before each; return the failing ones
    with (up to 5 of) their offending rows."""
    failures = {}
    checks = queries.all_queries("checks")
    for i, q in enumerate(checks):
        if progress:
            progress(i / len(checks), "checking the store")
        rows = con.execute(q.sql).df()
        if len(rows):
            failures[q.name] = rows.head(5)
    return failures


def _describe_failures(failures: dict[str, pd.DataFrame]) -> str:
    parts = [f"data check {name} failed, e.g.:\n{rows.to_string(index=False)}" for name, rows in failures.items()]
    return "The store was not changed. " + "\n".join(parts)


def reader_link(path: Path, tag: str) -> Path:
    """A hard link to the live store file, one per store version (tag), for read connections.

    DuckDB keeps one database instance per file path while any connection to it is open, so after
    a write swapped in a new file, a new connection to the same path would still read the old one.
    Opening each version under its own path gives every version its own instance: readers of the old
    version finish on it (its inode lives while open), new readers see the new one. Links of other
    versions are removed; their open connections keep working.

    `tag` is the version the caller saw ("<mtime_ns>-<size>", data.api._store_key). An import can swap the file
    between that look and the link: the link is checked against the file it was made to (its own stat, the linked
    inode) and, when it is another version, removed and StoreChanged raised, so that the old version's name never
    points at the new version's data (read under the old version's cache key).
    """
    folder = path.parent / f".{path.name}.readers"
    folder.mkdir(mode=0o700, exist_ok=True)
    link = folder / f"{tag}.duckdb"
    if not link.exists():
        tmp = folder / f"{tag}.{uuid.uuid4().hex[:8]}.tmp"
        os.link(path, tmp)
        linked = os.stat(tmp)  # the inode linked, whatever the path names by now
        if f"{linked.st_mtime_ns}-{linked.st_size}" != tag:
            tmp.unlink(missing_ok=True)
            raise StoreChanged(f"{path} changed while a reader was opened (version {tag} is gone): read it again")
        os.replace(tmp, link)
    for other in folder.iterdir():
        if other != link and not other.name.endswith(".tmp"):
            other.unlink(missing_ok=True)
    return link


def connect_read(path: Path | None = None):
    path = Path(path or config.store_path())
    if not path.exists():
        raise StoreMissing(
            f"No store at {path}. Build the demo store with `python -m data demo`, "
            "or point ATS_STORE at an existing store file."
        )
    return duckdb.connect(str(path), read_only=True)


def insert_frame(con, table: str, frame: pd.DataFrame) -> None:
    """Append a DataFrame to a store table, matching columns by name. `table` is one of the schema's tables."""
    if table not in ("wilayah", "survey_round", "keluarga", "anak", "penanganan", "boundary"):
        raise ValueError(f"unknown table {table}")
    con.register("_frame", frame)
    try:
        con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _frame")  # table name from the fixed list above
    finally:
        con.unregister("_frame")


def replace_wilayah(con, wilayah: pd.DataFrame) -> None:
    con.execute("DELETE FROM wilayah")
    insert_frame(con, "wilayah", wilayah)


def store_boundaries(con, rows: pd.DataFrame) -> dict:
    """Upsert simplified boundaries (geo.geometry_rows shape plus `sumber`). Codes unknown to the
    wilayah table are not stored; they are returned in the report."""
    con.register("_rows", rows)
    try:
        unknown = con.execute(
            "SELECT r.kode FROM _rows r LEFT JOIN wilayah w ON w.kode = r.kode AND w.level = r.level "
            "WHERE w.kode IS NULL ORDER BY r.kode"
        ).fetchall()
        con.execute("DELETE FROM boundary WHERE kode IN (SELECT kode FROM _rows)")
        con.execute(
            "INSERT INTO boundary BY NAME SELECT r.* FROM _rows r "
            "INNER JOIN wilayah w ON w.kode = r.kode AND w.level = r.level"
        )
        missing = {}
        for level in LEVELS:
            prefixes = sorted({k[:2] for k in rows.loc[rows["level"] == level, "kode"]})
            if not prefixes:
                continue
            missing[level] = [
                k
                for (k,) in con.execute(
                    "SELECT w.kode FROM wilayah w LEFT JOIN boundary b USING (kode) "
                    "WHERE w.level = $level AND list_contains($prov, w.kode_prov) AND b.kode IS NULL ORDER BY w.kode",
                    {"level": level, "prov": prefixes},
                ).fetchall()
            ]
    finally:
        con.unregister("_rows")
    return {
        "units_in_file": len(rows),
        "matched": len(rows) - len(unknown),
        "unmatched_in_file": [k for (k,) in unknown],
        "known_without_polygon": missing,
    }
