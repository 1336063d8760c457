"""What an import gives back: the preview of a file, the report of an import, the rejection report as CSV, the
log of attempts beside the store (imports.jsonl) and the store's import_log."""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from data import store
from data.importer.canonical import ImportNote
from data.spreadsheet import neutralise

# the rejection report: source row, canonical column, raw value, what is wrong in Bahasa Indonesia and in English
REJECT_COLUMNS = ("row", "column", "value", "alasan", "reason")
# the import_log table (schema.sql), as list_imports returns it
IMPORT_LOG_COLUMNS = ("import_id", "file_name", "sha256", "survey_round", "kode_kab", "n_kel", "rows_read", "accepted",
                      "rejected", "status", "imported_at", "user")
REPORT_STATUSES = ("applied", "dry_run", "unchanged", "refused")


@dataclass
class Preview:
    file: str
    format: str                      # csv / xlsx / parquet
    columns: list[str]               # as found in the file
    mapping: dict[str, str]          # source column -> canonical column (recognised ones only)
    ignored: list[str]               # source columns not used
    missing_required: list[str]
    rows: pd.DataFrame               # first n rows: their number and the columns the import reads, canonical names
    encoding: str | None = None
    delimiter: str | None = None
    sheets: list[str] = field(default_factory=list)
    sheet: str | None = None
    suggestions: dict[str, str] = field(default_factory=dict)  # missing canonical -> mapping entry that would fix it
    header_row: int | None = None    # CSV line / sheet row of the header (title rows above it skipped)
    other_sheet: str | None = None   # when columns are missing: another sheet of the workbook that has them all
    unmatched_mapping: list[str] = field(default_factory=list)  # [columns] entries naming no column of the file


@dataclass
class ImportReport:
    file: str
    sha256: str
    survey_round: int | None
    rows_read: int
    accepted: int
    rejected: int
    status: str                      # applied / dry_run / unchanged / refused
    message: str
    rejects: pd.DataFrame            # row, column, value, reason
    kode_kab: list[str] = field(default_factory=list)
    kelurahan: int = 0
    rejects_path: str | None = None
    seconds: float = 0.0
    import_id: int | None = None
    timings: dict = field(default_factory=dict)  # seconds per stage: read, validate, hash, write
    settings: str = ""  # fingerprint of what shaped the rows besides the file (mapping, options): see apply._settings
    notes: list[ImportNote] = field(default_factory=list)  # remarks that reject nothing (026_int_notes)
    boundaries: dict | None = None  # an import that created the store: the boundaries it picked up (apply.py)
    key_created: str | None = None  # the key file this import created (no key was configured): to be backed up

    def summary(self) -> dict:
        out = {"file": self.file, "round": self.survey_round, "rows_read": self.rows_read, "accepted": self.accepted,
               "rejected": self.rejected, "status": self.status}
        out.update({"sha256": self.sha256, "kode_kab": self.kode_kab, "kelurahan": self.kelurahan,
                    "message": self.message, "seconds": round(self.seconds, 2)})
        if self.rejects_path:
            out["rejects"] = self.rejects_path
        if self.notes:
            out["notes"] = list(self.notes)
        if self.boundaries is not None:
            out["boundaries"] = self.boundaries
        if self.key_created:
            out["key_created"] = self.key_created
            out["warning"] = key_warning(self.key_created)
        return out


def key_warning(path: str) -> str:
    return (f"a new key for the NIK/KK hash was created in {path} (no ATS_HMAC_KEY or ATS_HMAC_KEY_FILE was set): "
            "back it up and keep it secret. Every later import must use it, or the same child no longer matches "
            "across rounds; a store copied to another machine needs it there too")


def rejects_csv(rejects: pd.DataFrame) -> bytes:
    """The rejection report as CSV bytes (row, column, value, alasan in Bahasa Indonesia, reason in English):
    UTF-8 with BOM for Excel, safe to open in a spreadsheet (no cell runs as a formula)."""
    safe = neutralise(rejects, ["column", "value", "alasan", "reason"])
    return safe.to_csv(index=False, quoting=csv.QUOTE_NONNUMERIC).encode("utf-8-sig")


def write_rejects(rejects: pd.DataFrame, path) -> Path:
    """The rejection report written to path (see rejects_csv), readable by its owner only."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    # owner-only (0600), also when it replaces an older report: it lists rows of a census of children
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(fd, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(rejects_csv(rejects))
    return path


def _log_attempt(store_path: Path, report: ImportReport | dict, user: str) -> None:
    """Every attempt, applied or not, is appended to imports.jsonl beside the store (the store itself only
    changes when an import is applied): its summary, or for a file refused as a whole its name and the refusal's
    code (no message: it may quote the file's cells)."""
    try:
        summary = report.summary() if isinstance(report, ImportReport) else report
        line = {**summary, "user": user, "at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")}
        line.pop("message", None)
        with open(store_path.with_name("imports.jsonl"), "a", encoding="utf-8") as f:
            f.write(json.dumps(line, ensure_ascii=False, default=str) + "\n")
    except OSError:
        pass


def list_imports(store_path=None) -> pd.DataFrame:
    """The imports applied to the store, newest first."""
    return store.read_log("import_log", IMPORT_LOG_COLUMNS, store_path)
