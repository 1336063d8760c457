"""The life cycle of the maps' static files: static/geo/<store version>/ (data.api.boundaries writes them).

One checkout's static/geo is shared by every server run from it (two stores side by side, a demo store beside the
real one, the tests' servers), and one server's sessions can show two versions of a store around an import. So a
version's folder is never removed because another version was written: its own mtime says when it was last used
(use() touches it whenever a server names one of its files to a browser, at most once a minute per process), and
tidy() removes only the folders no server has used for a while:

- unused for UNUSED_S (a day), whatever their number;
- beyond the KEEP most recently used, those unused for IDLE_S (15 minutes): many versions in a day (imports, tests)
  do not pile up.

A folder in use is touched far more often than IDLE_S, so a running server's map is not taken from under it; a folder
removed while a server still held its URL in a cache (idle for longer than that) is written again at its next use
(data.api.boundaries checks its files before naming them). Removal first renames the folder out of the way
(`.gone-<name>-<pid>`) and looks at its mtime again: a server that touched it in between gets it back.
"""

import os
import shutil
import threading
import time
import uuid
from pathlib import Path

from data import config

UNUSED_S = 24 * 3600
IDLE_S = 15 * 60
KEEP = 4
TOUCH_EVERY_S = 60  # use(): a folder's mtime is at most this late; far below IDLE_S

_touched: dict[Path, float] = {}  # folder -> when this process last touched it
_lock = threading.Lock()


def folder(version: str) -> Path:
    return config.STATIC_GEO / version


def use(version: str, now: float | None = None) -> None:
    """Mark the folder of `version` as used now (its mtime), at most once every TOUCH_EVERY_S in this process. Call it
    before looking for the files: a tidy() that looked before this sees them used and keeps them (or the look finds
    them gone and they are written again). Nothing when the folder is not there (never written, or removed)."""
    path = folder(version)
    now = time.time() if now is None else now
    with _lock:
        if now - _touched.get(path, float("-inf")) < TOUCH_EVERY_S:
            return
        _touched[path] = now
    try:
        os.utime(path, (now, now))
    except FileNotFoundError:
        with _lock:
            _touched.pop(path, None)


def tidy(now: float | None = None) -> list[str]:
    """Remove the version folders no server has used for a while (module docstring); returns the versions removed.
    Run when a version's file was written: static/geo grows only then."""
    root = config.STATIC_GEO
    if not root.is_dir():
        return []
    now = time.time() if now is None else now
    folders = []
    for entry in root.iterdir():
        try:
            used = entry.stat().st_mtime
        except FileNotFoundError:  # removed meanwhile by another server
            continue
        if entry.name.startswith(".gone-"):
            if now - used > IDLE_S:  # left by a server stopped while it removed it
                shutil.rmtree(entry, ignore_errors=True)
        elif entry.is_dir():
            folders.append((used, entry))
    removed = []
    for rank, (used, entry) in enumerate(sorted(folders, reverse=True)):
        if now - used > UNUSED_S or rank >= KEEP and now - used > IDLE_S:
            if _remove(entry, now):
                removed.append(entry.name)
    return removed


def _remove(entry: Path, now: float) -> bool:
    gone = entry.with_name(f".gone-{entry.name}-{os.getpid()}-{uuid.uuid4().hex[:6]}")
    try:
        os.rename(entry, gone)  # atomic: a server looking for its files from now on finds none and writes them again
    except OSError:  # removed or renamed by another server meanwhile
        return False
    if now - gone.stat().st_mtime <= IDLE_S:  # touched by a server between the look and the rename: given back
        try:
            os.rename(gone, entry)
            return False
        except OSError:  # that server has written the folder again meanwhile: this copy is not needed
            pass
    shutil.rmtree(gone, ignore_errors=True)
    with _lock:
        _touched.pop(entry, None)
    return True
