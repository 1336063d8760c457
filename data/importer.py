"""Import of SIPBM survey files (person-level tables) into the store: `python -m data import FILE`.

Flow (docs/import-format.md is the user's side of it):

1. Look at the file before reading it: size limit (ATS_IMPORT_MAX_BYTES), empty file, what the first bytes
   say it is (a PDF or PNG renamed .csv/.xlsx is refused); SHA-256 of the bytes, on a thread while the file
   is read (same file already applied and not superseded -> "unchanged", nothing written).
2. Stage it in an in-memory DuckDB (never the store file): CSV through pyarrow's CSV reader (header and
   delimiter found among the first lines; UTF-8 with or without BOM, UTF-16, or Windows-1252), XLSX through
   python-calamine (the preview's first rows through openpyxl in read-only mode), Parquet through read_parquet,
   each an Arrow table that DuckDB scans in place.
   Every cell is text, with the source row number.
3. Apply the mapping (column renames; value recodes as a table joined to the distinct values of each coded
   column, whose codes and dates are laid back over the rows through its Arrow dictionary), then the steps
   in order: parse (typed), ages at the round's reference date (persons), one row per problem (problems =
   the rejection report), accepted rows, and the store-shaped out_keluarga (a table) and out_anak /
   out_penanganan (views) with NIK and KK numbers replaced by their HMAC-SHA256 (key from ATS_HMAC_KEY or the
   file named by ATS_HMAC_KEY_FILE; never stored). Names are read but never leave the staging database.
4. Apply with data.store.writing (copy, build, checks, atomic swap), the copy attached to the staging
   connection so rows go from out_* into it without leaving DuckDB: delete the round's rows of the
   desa/kelurahan present in the accepted rows, insert the new ones, upsert survey_round, log the import.

A file-level problem raises ImportRefused with a message saying what to do; row-level problems reject rows.
"""

from __future__ import annotations

import codecs
import collections
import concurrent.futures
import contextlib
import csv
import datetime as dt
import difflib
import functools
import itertools
import hashlib
import json
import os
import re
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from data import config, queries, reference, store
from data.spreadsheet import neutralise
from data.codes import (
    ALASAN_BUKAN_ATS,
    ALASAN_GROUP,
    HASIL,
    JENIS_DISABILITAS,
    JENIS_INTERVENSI,
    JENJANG_TERAKHIR_KELAS,
    KATEGORI_ATS,
    KEGIATAN,
    MODA_TRANSPORTASI,
    PARTISIPASI,
    SEXES,
    TAMAT12,
)


class ImportRefused(ValueError):
    """The file cannot be imported as it is; the message says why and what to do. The store is unchanged.

    `code` and `values` name the refusals a data officer meets most, so the app can say them in Bahasa
    Indonesia (ui/i18n.py, impor.err.<code>); the English message is the command line's and the fallback."""

    def __init__(self, message: str, code: str | None = None, **values):
        super().__init__(message)
        self.code = code
        self.values = values


# ---------------------------------------------------------------------------------------------------------
# The canonical format (docs/import-format.md): column -> (kind, required, description)

REQUIRED = ("kode_kel", "id_keluarga", "sex", "partisipasi")  # plus umur or tanggal_lahir, plus a round
CANONICAL: dict[str, tuple[str, str]] = {
    # where and when
    "survey_round": ("int", "round year; required unless --round is given"),
    "kode_kel": ("code", "desa/kelurahan Kemendagri code, 73.73.01.1001 or 7373011001"),
    "kode_kec": ("code", "kecamatan code, checked against kode_kel when given"),
    "kode_kab": ("code", "kab/kota code, checked against kode_kel when given"),
    "nama_kab": ("text", "not stored (names come from the reference)"),
    "nama_kec": ("text", "not stored"),
    "nama_kel": ("text", "not stored"),
    "reference_date": ("date", "reference date of the round (ages are counted at it)"),
    # household
    "id_keluarga": ("text", "household id of the source (unique within the desa and round)"),
    "no_kk": ("id", "family card number, 16 digits; stored only as a keyed hash"),
    "nama_kepala_keluarga": ("text", "not stored"),
    "tanggal_pendataan": ("date", "enumeration date of the household"),
    "kelompok_pengeluaran": ("int", "expenditure quintile 1 (poorest) .. 5"),
    "penerima_bansos": ("bool", "receives PKH/BPNT/KIP/PIP"),
    "jarak_sekolah_km": ("num", "distance to school in km"),
    "moda_transportasi": ("vocab", "transport to school"),
    # person
    "no_urut": ("text", "person line within the household"),
    "nik": ("id", "NIK, 16 digits; stored only as a keyed hash"),
    "nama": ("text", "not stored"),
    "sex": ("vocab", "L or P"),
    "tanggal_lahir": ("date", "date of birth"),
    "umur": ("int", "age in completed years at the reference date (when no tanggal_lahir)"),
    "disabilitas": ("bool", "has a disability"),
    "jenis_disabilitas": ("vocab", "type of disability"),
    # school
    "partisipasi": ("vocab", "formal, nonformal (Paket A/B/C) or tidak_sekolah"),
    "jenjang": ("vocab", "current level when in school"),
    "kelas": ("int", "current grade 1-12 when in school"),
    "kategori_ats": ("vocab", "DO, LTM or BPB when out of school aged 7-18; TAMAT12: completed grade 12, not ATS"),
    "jenjang_terakhir": ("vocab", "last level attended (DO, LTM, TAMAT12), Paket A/B/C included"),
    "kelas_terakhir": ("int", "last grade attended (DO, LTM); 12 for TAMAT12"),
    "alasan": ("vocab", "main reason for being out of school"),
    "kegiatan": ("vocab", "current main activity of an out-of-school child"),
    # handling (DOMAIN.md 2.4)
    "tanggal_identifikasi": ("date", "identification date (default: tanggal_pendataan)"),
    "tanggal_verifikasi": ("date", "verification date"),
    "status_verifikasi": ("vocab", "ats or bukan_ats"),
    "alasan_bukan_ats": ("vocab", "why not ATS after verification"),
    "tanggal_asesmen": ("date", "assessment date"),
    "tanggal_rujukan": ("date", "referral date"),
    "tanggal_intervensi": ("date", "intervention date"),
    "jenis_intervensi": ("vocab", "intervention type"),
    "tanggal_hasil": ("date", "outcome date"),
    "hasil": ("vocab", "outcome"),
}

JENJANG = ("PAUD", "SD", "SMP", "SMA", "Paket A", "Paket B", "Paket C")
VOCAB: dict[str, tuple[str, ...]] = {
    "sex": SEXES,
    "partisipasi": PARTISIPASI,
    "kategori_ats": (*KATEGORI_ATS, TAMAT12),  # TAMAT12 is read, never stored as a category (031_out_anak)
    "jenjang": JENJANG,
    "jenjang_terakhir": tuple(JENJANG_TERAKHIR_KELAS),  # SD SMP SMA Paket A Paket B Paket C
    "alasan": tuple(ALASAN_GROUP),
    "kegiatan": KEGIATAN,
    "disabilitas": ("true", "false"),
    "jenis_disabilitas": JENIS_DISABILITAS,
    "penerima_bansos": ("true", "false"),
    "moda_transportasi": MODA_TRANSPORTASI,
    "status_verifikasi": ("ats", "bukan_ats"),
    "alasan_bukan_ats": ALASAN_BUKAN_ATS,
    "jenis_intervensi": JENIS_INTERVENSI,
    "hasil": HASIL,
}
PARSED = (*VOCAB, *(c for c, (kind, _) in CANONICAL.items() if kind == "date"))  # code_/date_<col> in `raw`
_TRUE = ("true", "ya", "y", "yes", "1", "t", "benar", "ada")
_FALSE = ("false", "tidak", "tdk", "t/a", "n", "no", "0", "f", "salah", "tidak ada", "bukan")
# Spellings met in SIPBM exports, accepted without a mapping file (case-insensitive, trimmed).
BUILTIN_RECODES: dict[str, dict[str, str]] = {
    "sex": {"laki-laki": "L", "laki laki": "L", "lakilaki": "L", "lk": "L", "l": "L", "1": "L", "m": "L", "male": "L",
            "perempuan": "P", "pr": "P", "p": "P", "2": "P", "w": "P", "wanita": "P", "f": "P", "female": "P"},
    "partisipasi": {"non-formal": "nonformal", "non formal": "nonformal", "tidak sekolah": "tidak_sekolah"},
    "kategori_ats": {"tamat_12": TAMAT12, "tamat 12": TAMAT12},
    "jenjang": {"mi": "SD", "mts": "SMP", "smk": "SMA", "ma": "SMA", "paket_a": "Paket A", "paket_b": "Paket B",
                "paket_c": "Paket C", "tk": "PAUD", "ra": "PAUD", "kb": "PAUD"},
    "jenjang_terakhir": {"mi": "SD", "mts": "SMP", "smk": "SMA", "ma": "SMA", "paket_a": "Paket A",
                         "paket_b": "Paket B", "paket_c": "Paket C"},
    "disabilitas": {**{v: "true" for v in _TRUE}, **{v: "false" for v in _FALSE}},
    "penerima_bansos": {**{v: "true" for v in _TRUE}, **{v: "false" for v in _FALSE}},
    "status_verifikasi": {"bukan ats": "bukan_ats"},
}
# Spellings refused without a mapping file: they do not say which code they are ("sekolah" says in school, not
# formal or non-formal Paket A/B/C). Rejected with a message naming the mapping entry that decides it
# (queries/import/020_int_problems.sql); a mapping file's [values.COLUMN] entry for them is used as given.
REFUSED_SPELLINGS: dict[str, tuple[str, ...]] = {"partisipasi": ("sekolah", "bersekolah", "masih sekolah")}
MAX_BYTES_DEFAULT = 1 << 30  # 1 GiB; ATS_IMPORT_MAX_BYTES overrides
IDENTIFIER_COLUMNS = ("nik", "no_kk")
# the rejection report: source row, canonical column, raw value, what is wrong in Bahasa Indonesia and in English
REJECT_COLUMNS = ("row", "column", "value", "alasan", "reason")
# the import_log table (schema.sql), as list_imports returns it
IMPORT_LOG_COLUMNS = ("import_id", "file_name", "sha256", "survey_round", "kode_kab", "n_kel", "rows_read", "accepted",
                      "rejected", "status", "imported_at", "user")
REPORT_STATUSES = ("applied", "dry_run", "unchanged", "refused")


def _staging():
    """The staging database: in memory, never the store file (raw NIK, KK numbers and names live only here)."""
    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")
    return con
NAME_COLUMNS = ("nama", "nama_kepala_keluarga")
# never shown or written in clear by the importer (preview rows, rejection report): the screen may be a
# projector, a report file may be mailed around
PRIVATE_COLUMNS = (*IDENTIFIER_COLUMNS, *NAME_COLUMNS)
MASK = "•••"


def _identifier_like(values: pd.Series) -> pd.Series:
    """Cells that may be a NIK or KK number whatever their column (a mapping that put NIK under another name, a
    column shifted): 12 digits or more, no letter but a spreadsheet's exponent. Masked wherever cells are shown."""
    text = values.astype("string")
    return (text.str.count(r"\d") >= 12) & ~text.str.contains(r"[A-DF-Za-df-z]") & values.notna()


def _ident(name: str) -> str:
    """A column name of the file as a quoted SQL identifier (names are data, never trusted as SQL)."""
    return '"' + str(name).replace('"', '""') + '"'


def _norm_header(name) -> str:
    text = str(name if name is not None else "").replace("\ufeff", "").strip().lower()
    return re.sub(r"[^0-9a-z]+", "_", text).strip("_")


# ---------------------------------------------------------------------------------------------------------
# Results


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
    settings: str = ""  # fingerprint of what shaped the rows besides the file (mapping, options): see _settings

    def summary(self) -> dict:
        out = {"file": self.file, "round": self.survey_round, "rows_read": self.rows_read, "accepted": self.accepted,
               "rejected": self.rejected, "status": self.status}
        out.update({"sha256": self.sha256, "kode_kab": self.kode_kab, "kelurahan": self.kelurahan,
                    "message": self.message, "seconds": round(self.seconds, 2)})
        if self.rejects_path:
            out["rejects"] = self.rejects_path
        return out


def _noop(fraction: float, message: str) -> None:
    pass


# ---------------------------------------------------------------------------------------------------------
# Settings: size limit, HMAC key


def max_bytes() -> int:
    value = os.environ.get("ATS_IMPORT_MAX_BYTES")
    try:
        limit = int(value) if value else MAX_BYTES_DEFAULT
    except ValueError:
        limit = 0
    if limit <= 0:
        raise ImportRefused(f"ATS_IMPORT_MAX_BYTES must be a positive number of bytes, got '{value}'")
    return limit


def hmac_key() -> bytes | None:
    """The key of the NIK/KK hash: ATS_HMAC_KEY (text), else the file named by ATS_HMAC_KEY_FILE."""
    if os.environ.get("ATS_HMAC_KEY"):
        return os.environ["ATS_HMAC_KEY"].encode("utf-8")
    if os.environ.get("ATS_HMAC_KEY_FILE"):
        path = Path(os.environ["ATS_HMAC_KEY_FILE"]).expanduser()
        try:
            key = path.read_bytes().strip()
        except OSError as e:
            raise ImportRefused(f"ATS_HMAC_KEY_FILE={path} cannot be read ({e.strerror})") from None
        if key:
            return key
        raise ImportRefused(f"ATS_HMAC_KEY_FILE={path} is empty")
    return None


NO_KEY_MESSAGE = (
    "the file has NIK or KK numbers, and no key is configured to hash them. Set ATS_HMAC_KEY to a long secret "
    "(e.g. `export ATS_HMAC_KEY=$(python -c 'import secrets; print(secrets.token_hex(32))')`), or put it in a file "
    "outside the store and set ATS_HMAC_KEY_FILE to its path. Keep the same key for every import, or the same child "
    "gets different hashes in different rounds. (Or drop the nik/no_kk columns to import without identifiers.)"
)


def _pads(key: bytes | None) -> tuple[bytes, bytes]:
    key = key or b""
    if len(key) > 64:
        key = hashlib.sha256(key).digest()
    key = key.ljust(64, b"\0")
    return bytes(b ^ 0x36 for b in key), bytes(b ^ 0x5C for b in key)


def key_id(key: bytes) -> str:
    """A fingerprint of the key (not the key): tells whether two imports used the same key."""
    return hashlib.sha256(b"ats-hmac-key-id:" + key).hexdigest()[:12]


# ---------------------------------------------------------------------------------------------------------
# Mapping files


def load_mapping(mapping) -> dict:
    """A mapping (dict, or a .toml / .yaml / .yml file) normalised to
    {"columns": {norm source: canonical}, "values": {canonical: {lower source: code}}, "defaults": {canonical: text}}."""
    if mapping is None:
        return {"columns": {}, "values": {}, "defaults": {}}
    if isinstance(mapping, (str, Path)):
        path = Path(mapping)
        if not path.is_file():
            raise ImportRefused(f"mapping file {path} not found", "mapping_not_found", file=path.name)
        try:
            if path.suffix.lower() == ".toml":
                data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
            elif path.suffix.lower() in (".yaml", ".yml"):
                import yaml

                data = yaml.safe_load(path.read_text(encoding="utf-8-sig")) or {}
            else:
                raise ImportRefused(f"mapping file {path.name} must be .toml, .yaml or .yml", "mapping_file_type",
                                    file=path.name, ext=path.suffix.lower())
        except ImportRefused:
            raise
        except Exception as e:  # a syntax error in the mapping file
            other = "YAML" if path.suffix.lower() == ".toml" else "TOML"
            raise ImportRefused(f"mapping file {path.name} cannot be read: {e}. If it is written as {other}, give it "
                                f"the .{other.lower()} extension", "mapping_unreadable", file=path.name,
                                error=str(e), other=other, ext=other.lower()) from None
    else:
        data = dict(mapping)
    if not isinstance(data, dict) or set(data) - {"columns", "values", "defaults"}:
        found = ", ".join(f"[{k}]" for k in data if k not in ("columns", "values", "defaults")) if isinstance(data, dict) else "–"
        raise ImportRefused("a mapping has the sections [columns], [values.COLUMN] and [defaults] only", "mapping_sections",
                            found=found)
    for section, example in (("columns", '"Jenis Kelamin" = "sex"'), ("values", '[values.sex] "Laki-laki" = "L"'),
                             ("defaults", 'survey_round = 2025')):
        entries = data.get(section) or {}
        nested = section == "values" and isinstance(entries, dict)
        if not isinstance(entries, dict) or nested and not all(isinstance(v or {}, dict) for v in entries.values()):
            raise ImportRefused(f"mapping [{section}] must be a table of entries such as {example}", "mapping_section_shape",
                                section=section, example=example)
    columns, values, defaults = {}, {}, {}
    for source, target in (data.get("columns") or {}).items():
        if not isinstance(target, str) or target not in CANONICAL:
            raise ImportRefused(f"mapping [columns]: '{source}' = '{target}': '{target}' is not a canonical column",
                                "mapping_column_target", source=source, target=target)
        columns[_norm_header(source)] = target
    for target, recodes in (data.get("values") or {}).items():
        if target not in VOCAB:
            raise ImportRefused(
                f"mapping [values.{target}]: recodes are for the coded columns {', '.join(VOCAB)}",
                "mapping_values_column", column=target, columns=", ".join(VOCAB),
            )
        allowed = {v.lower(): v for v in VOCAB[target]}
        out = {}
        for source, code in (recodes or {}).items():
            code = str(code).lower() if isinstance(code, bool) else str(code)
            if code.lower() not in allowed:
                raise ImportRefused(
                    f"mapping [values.{target}]: '{source}' -> '{code}': allowed codes are {', '.join(VOCAB[target])}",
                    "mapping_values_code", column=target, source=source, code_given=code, allowed=", ".join(VOCAB[target]),
                )
            out[str(source).strip().lower()] = allowed[code.lower()]
        values[target] = out
    for target, value in (data.get("defaults") or {}).items():
        if target not in CANONICAL:
            raise ImportRefused(f"mapping [defaults]: '{target}' is not a canonical column", "mapping_defaults_target",
                                target=target)
        defaults[target] = str(value)
    return {"columns": columns, "values": values, "defaults": defaults}


# ---------------------------------------------------------------------------------------------------------
# Looking at the file


_MAGIC = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (an .xlsx or .docx)",
    b"PAR1": "a Parquet file",
    b"\xd0\xcf\x11\xe0": "an old Excel .xls / Office 97 file",
}


def _kind_of(head: bytes) -> str | None:
    for magic, what in _MAGIC.items():
        if head.startswith(magic):
            return what
    return None


def _check_file(path: Path) -> tuple[str, int]:
    """Format (csv/xlsx/parquet) from the extension, checked against the first bytes; refuses by size first."""
    if not path.is_file():
        raise ImportRefused(f"{path} is a folder: give the survey file in it" if path.is_dir() else
                            f"{path} does not exist: check the path and the file name")
    size = path.stat().st_size
    limit = max_bytes()
    if size > limit:
        def mb(n: int) -> str:
            return f"{n / 1e6:,.0f}" if n >= 10e6 else f"{n / 1e6:,.2g}"

        raise ImportRefused(
            f"{path.name} is {mb(size)} MB, above the import limit of {mb(limit)} MB "
            "(ATS_IMPORT_MAX_BYTES): split it by kab/kota or round, or raise the limit",
            "too_large", file=path.name, mb=mb(size), limit=mb(limit),
        )
    if size == 0:
        raise ImportRefused(f"{path.name} is empty (0 bytes)", "empty", file=path.name)
    with open(path, "rb") as f:
        head = f.read(8)
    ext = path.suffix.lower()
    found = _kind_of(head)
    if ext in (".xlsx", ".xlsm"):
        if not head.startswith(b"PK\x03\x04"):
            raise ImportRefused(f"{path.name} is not an Excel workbook: it looks like {found or 'a text file'}. "
                                "Save it from Excel as .xlsx, or as CSV", "not_xlsx", file=path.name)
        return "xlsx", size
    if ext == ".parquet":
        if not head.startswith(b"PAR1"):
            raise ImportRefused(f"{path.name} is not a Parquet file: it looks like {found or 'a text file'}")
        return "parquet", size
    if ext in (".csv", ".txt", ".tsv", ""):
        if found:
            raise ImportRefused(f"{path.name} is not a CSV text file: it looks like {found}. "
                                "Export the table as CSV, XLSX or Parquet", "not_csv", file=path.name)
        return "csv", size
    if ext == ".xls":
        raise ImportRefused(f"{path.name}: old .xls workbooks are not read; save it as .xlsx or CSV", "xls", file=path.name)
    raise ImportRefused(f"{path.name}: unknown file type '{ext}'; import a .csv, .xlsx or .parquet file", "file_type",
                        file=path.name, ext=ext)


def _sniff_text(path: Path, mapping: dict) -> tuple[tuple[str, ...], str]:
    """(encodings to try, delimiter) of a CSV from its first 1 MB: UTF-8 (BOM or not), UTF-16 (BOM) or
    Windows-1252. A first MB of plain ASCII says nothing of the rest: UTF-8, then Windows-1252 (Excel's "CSV
    (comma delimited)" writes a ’ or é further down in Windows-1252)."""
    with open(path, "rb") as f:
        sample = f.read(1 << 20)
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding, text = "utf-16", sample.decode("utf-16", errors="ignore")
    else:
        if b"\0" in sample:
            head = sample[:4096]
            if head[1::2].count(0) > 0.9 * len(head[1::2]) or head[0::2].count(0) > 0.9 * len(head[0::2]):
                raise ImportRefused(  # every other byte NUL: UTF-16 text whose byte-order mark was lost
                    f"{path.name} looks like UTF-16 text without a byte-order mark. Save it as CSV UTF-8 (or UTF-16 "
                    "with its BOM, as Excel's 'Unicode Text' does)", "encoding", file=path.name)
            raise ImportRefused(f"{path.name} holds binary data (NUL bytes), not CSV text", "not_csv", file=path.name)
        try:
            text = codecs.getincrementaldecoder("utf-8")().decode(sample, final=len(sample) < (1 << 20))
            encoding = "utf-8"
        except UnicodeDecodeError:
            try:
                text = sample.decode("cp1252")
                encoding = "cp1252"
            except UnicodeDecodeError:
                text = sample.decode("latin-1")
                encoding = "latin-1"
    text = text.lstrip("\ufeff")
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        raise ImportRefused(f"{path.name} has no header line (only blank lines)", "empty", file=path.name)
    # The delimiter that splits one of the first lines into the most known column names (the header need not be
    # the first line: a report's title lines can come before it); else the one the first line repeats most.
    first = lines[0]
    delimiters = sorted((",", ";", "\t", "|"), key=lambda d: -first.count(d))
    known = {d: max((_known_columns(row, mapping) for _, row in _first_rows(lines[:HEADER_SEARCH], d)), default=0)
             for d in delimiters}
    delimiter = max(delimiters, key=lambda d: known[d])  # the first of equals: the first line's most repeated
    if known[delimiter] < 2:
        delimiter = delimiters[0] if first.count(delimiters[0]) else ","
    return (("utf-8", "cp1252") if encoding == "utf-8" and sample.isascii() else (encoding,)), delimiter


HEADER_SEARCH = 30  # the first non-empty rows of a CSV or sheet in which the header is looked for
BIG_BLOCK = 64 << 20  # pyarrow's block when a CSV row is longer than its default 1 MB
csv.field_size_limit(BIG_BLOCK)  # the header search reads cells as long as pyarrow does (Python's limit is 128 KB)


def _pick_header(rows: list[list[str]], mapping: dict) -> int:
    """Which of the first non-empty rows is the header: the first that names the most columns the import knows
    (the canonical names, or the mapping's), so that the title lines of a report above the table are skipped; the
    first row when none names two."""
    known = [_known_columns(row, mapping) for row in rows]
    best = max(range(len(rows)), key=lambda i: (known[i], -i))
    return best if known[best] >= 2 else 0


def _first_rows(lines, delimiter: str) -> list[tuple[int, list[str]]]:
    """(line number, cells) of the first HEADER_SEARCH non-empty rows of CSV text, as far as Python's csv module
    reads them (a huge cell or a quote left open ends the list; pyarrow's read of the whole file says more)."""
    out = []
    reader = csv.reader(lines, delimiter=delimiter)
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                out.append((reader.line_num, row))
                if len(out) == HEADER_SEARCH:
                    break
    except csv.Error:
        pass
    return out


def _known_columns(cells: list, mapping: dict) -> int:
    """How many cells of a row name a column the import knows, were the row the header."""
    return len(_resolve_columns(_unique([str(c or "").strip() for c in cells]), mapping)[0])


def _read_csv(path: Path, encoding: str, delimiter: str, mapping: dict, kept, limit: int | None = None
              ) -> tuple[pa.Table, dict, int]:
    """The rows of a CSV as text (empty cells null) with their row number in _row, parsed by pyarrow. A
    malformed row (a count of cells other than the header's) is skipped and returned as row -> (cells expected,
    cells found); pyarrow knows its number only when it reads on one thread, so a file with malformed rows is
    read again on one (most files have none, and are read on every core: 0.45 s for a million rows instead of
    0.65 s). Rows are counted from the header's line, a quoted cell over several lines being one row. A blank
    line, or a row whose cells read are all empty (an empty row of a sheet saved as CSV), is not a record, as in
    XLSX, but keeps its number. The Arrow table is scanned by DuckDB where it lies, not copied.
    The header is the line _pick_header chooses among the first ones; returns the table, the malformed rows and
    the header's line number. kept(names) chooses the columns to keep. Raises ImportRefused for a quote left
    open, else UnicodeError, pyarrow.ArrowInvalid or csv.Error for text that cannot be read."""
    from pyarrow import csv as pacsv

    with open(path, encoding="utf-8-sig" if encoding == "utf-8" else encoding, newline="") as f:
        candidates = _first_rows(f, delimiter)
    header_line, header = candidates[_pick_header([r for _, r in candidates], mapping)] if candidates else (0, [])
    names = _unique([cell.strip() for cell in header])
    bad: dict[int, tuple[int, int]] = {}
    unclosed: list[int] = []  # rows that took in the lines after them: a quote opened and not closed
    unnumbered: list[bool] = []  # malformed rows met on several threads, where pyarrow does not number them

    def skip(row):
        if row.number is None:
            unnumbered.append(True)
        else:
            bad[row.number] = (row.expected_columns, row.actual_columns)
            if "\n" in row.text or "\r" in row.text:
                unclosed.append(row.number)
        return "skip"

    block = [None]  # pyarrow's block size: its default (1 MB), or more for a row longer than that

    def parse(threads: bool) -> pa.Table:
        read = pacsv.ReadOptions(use_threads=threads, column_names=names, skip_rows=header_line, encoding=encoding,
                                 **({"block_size": block[0]} if block[0] else {}))
        parse = pacsv.ParseOptions(delimiter=delimiter, newlines_in_values=True, invalid_row_handler=skip,
                                   ignore_empty_lines=False)  # a blank line is an all-empty row: it keeps its number
        convert = pacsv.ConvertOptions(include_columns=kept(names), column_types=dict.fromkeys(names, pa.string()),
                                       null_values=[""], strings_can_be_null=True, quoted_strings_can_be_null=True)
        if limit is None:
            return pacsv.read_csv(path, read_options=read, parse_options=parse, convert_options=convert)
        batches, n = [], 0
        with pacsv.open_csv(path, read_options=read, parse_options=parse, convert_options=convert) as reader:
            for batch in reader:
                batches.append(batch)
                n += batch.num_rows
                if n >= limit:
                    break
            return pa.Table.from_batches(batches, reader.schema).slice(0, limit)

    while True:
        try:
            table = parse(threads=limit is None)
            break
        except pa.ArrowInvalid as e:
            if block[0] is None and ("straddl" in str(e) or "block" in str(e)):
                block[0] = BIG_BLOCK  # a row (a cell of several MB) longer than a block: read in bigger blocks
                bad.clear(), unclosed.clear(), unnumbered.clear()
                continue
            if "Could not skip initial" in str(e):  # the header line, with no line end after it
                raise ImportRefused(f"{path.name} has a header but no data rows", "header_only",
                                    file=path.name) from None
            raise
    if unnumbered:  # malformed rows: read again on one thread, for their numbers
        table = parse(threads=False)
    if unclosed:  # the rows it took in are not known: neither counted nor reported, so the file is refused
        row = unclosed[0]
        expected, found = bad[row]
        raise ImportRefused(
            f"{path.name}: row {row} opens a quoted cell (\") that runs over the following lines, and the row "
            f"then has {found} cells where the header has {expected}: most likely a quote is not closed on that row. "
            "Fix it and import again", "unclosed_quote", file=path.name, row=row)
    # rows are counted from 1 (the header is header_line); a malformed row keeps its number, the others theirs
    first = header_line + 1
    numbers = np.arange(first, first + table.num_rows + len(bad))
    if bad:
        numbers = np.setdiff1d(numbers, np.fromiter(bad, np.int64))
    numbers = numbers[: table.num_rows]
    if table.num_columns:
        empty = functools.reduce(pc.and_, [pc.is_null(column) for column in table.columns])
        if pc.any(empty).as_py():
            records = pc.invert(empty)
            table, numbers = table.filter(records), numbers[records.to_numpy(zero_copy_only=False)]
    return table.append_column("_row", pa.array(numbers, pa.int64())), bad, header_line


def _cell_text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, float):  # calamine gives every number as a float, openpyxl an integer literal as int
        return str(int(value)) if value.is_integer() and abs(value) < 2 ** 53 else repr(value)
    text = str(value)
    return text if text.strip() else None


def _calamine(path: Path):
    import python_calamine

    try:
        return python_calamine.CalamineWorkbook.from_path(str(path))
    except Exception as e:
        raise ImportRefused(f"{path.name} cannot be opened as an Excel workbook: {e}") from None


def _xlsx_sheets(path: Path) -> list[str]:
    return list(_calamine(path).sheet_names)


def _sheet_of(path: Path, sheet: str | None, names: list[str]) -> str:
    """The sheet asked for (default: the first), refused when the workbook has no such sheet."""
    if sheet is None:
        return names[0]
    if sheet not in names:
        raise ImportRefused(f"{path.name} has no sheet '{sheet}'; its sheets are: {', '.join(names)}")
    return sheet


@contextlib.contextmanager
def _xlsx_rows(path: Path, sheet: str | None, *, whole: bool):
    """(sheet name, iterator of the sheet's rows of cell values from A1, row 1 first). The whole sheet is read by
    python-calamine (Rust: a 100,000-row sheet in 2.3 s, where openpyxl takes 30 s); a preview (whole=False)
    reads its first rows lazily with openpyxl in read-only mode, as calamine loads the whole sheet first. Both
    give the cached values of formulas, numbers as int/float, dates as date/datetime, and empty cells as None or
    "" (_cell_text makes both None)."""
    if whole:
        wb = _calamine(path)
        sheet = _sheet_of(path, sheet, wb.sheet_names)
        cells = wb.get_sheet_by_name(sheet)
        # iter_rows starts at row 1 but at the first used column: the columns left of it are put back, so that
        # the layout (and a header's empty first cells) is the preview's; rows are made one at a time
        pad = [None] * (cells.start[1] if cells.start else 0)
        yield sheet, (pad + row for row in cells.iter_rows())
        return
    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as e:
        raise ImportRefused(f"{path.name} cannot be opened as an Excel workbook: {e}") from None
    try:
        sheet = _sheet_of(path, sheet, wb.sheetnames)
        yield sheet, wb[sheet].iter_rows(values_only=True)
    finally:
        wb.close()


def _read_xlsx(path: Path, sheet: str | None, mapping: dict, limit: int | None = None
               ) -> tuple[list[str], pa.Table, str, int]:
    """Header, rows (as text, with the Excel row number in _row), sheet name and header row number of one sheet
    (see _xlsx_rows); the header is the row _pick_header chooses among the first non-empty ones."""
    with _xlsx_rows(path, sheet, whole=limit is None) as (sheet, sheet_rows):
        rows = enumerate(sheet_rows, start=1)
        candidates: list[tuple[int, tuple]] = []  # (row number, values) of the first non-empty rows
        for number, values in rows:
            if any(_cell_text(v) for v in values):
                candidates.append((number, values))
                if len(candidates) == HEADER_SEARCH:
                    break
        if not candidates:
            raise ImportRefused(f"sheet '{sheet}' of {path.name} is empty")
        at = _pick_header([[_cell_text(v) for v in values] for _, values in candidates], mapping)
        header_row, header = candidates[at][0], [_cell_text(v) or "" for v in candidates[at][1]]
        width = len(header)
        names = _unique(header)
        used = _resolve_columns(names, mapping)[0]
        identifiers = [i for i, name in enumerate(names) if used.get(name) in IDENTIFIER_COLUMNS]

        def texts_of(values) -> list:
            texts = [_cell_text(v) for v in values[:width]]
            # a NIK kept as a spreadsheet number has lost its 16th digit (15 are kept): written as such a number,
            # the length rule rejects it and says why (import_number_note)
            for i in identifiers:
                value = values[i] if i < len(values) else None
                if isinstance(value, (int, float)) and not isinstance(value, bool) and abs(value) >= 1e14:
                    texts[i] = f"{int(value)}.0"
            return texts

        columns: list[list] = [[] for _ in range(width)]
        numbers = []
        for number, values in itertools.chain(candidates[at + 1:], rows):
            texts = texts_of(values)
            if not any(texts):
                continue  # an empty row is not a record
            texts += [None] * (width - len(texts))
            for i, t in enumerate(texts):
                columns[i].append(t)
            numbers.append(number)
            if limit is not None and len(numbers) >= limit:
                break
    table = pa.table({"_row": pa.array(numbers, pa.int64()), **{n: pa.array(c, pa.string()) for n, c in zip(names, columns)}})
    return names, table, sheet, header_row


def _unique(names: list[str]) -> list[str]:
    """Column names made unique (a second "nama" becomes "nama_2"; "_row", the source row number, is taken)."""
    seen = collections.Counter({"_row": 1})
    out = []
    for n in names:
        n = n or "column"
        seen[n] += 1
        out.append(n if seen[n] == 1 else f"{n}_{seen[n]}")
    return out


def _stage_source(con, path: Path, fmt: str, sheet: str | None, mapping: dict, limit: int | None = None,
                  keep=None) -> dict:
    """Make `src` (_row, the source row number, + the columns of the file as VARCHAR) in the staging database:
    every column, or those `keep(names)` chooses (an export can carry many columns the import does not use: they
    are not read). The rows are an Arrow table (info["table"]) registered as `src`, scanned in place.
    Returns what was detected, the file's column names (columns), the header's row (header_row: title lines above
    it are skipped, see _pick_header; the mapping's column names count as known), and the CSV rows that could not
    be parsed (bad_lines: row -> (cells expected, cells found))."""
    info: dict = {"format": fmt, "encoding": None, "delimiter": None, "sheet": None, "sheets": [], "bad_lines": {},
                  "columns": [], "header_row": None}

    def kept(names: list[str]) -> list[str]:
        info["columns"] = [n for n in names if n != "_row"]
        chosen = set(keep(info["columns"]) if keep else info["columns"]) or set(info["columns"])
        return [n for n in names if n == "_row" or n in chosen]

    if fmt == "xlsx":
        info["sheets"] = _xlsx_sheets(path)
        names, table, info["sheet"], info["header_row"] = _read_xlsx(path, sheet, mapping, limit)
        info["table"] = table.select(kept(table.column_names))
        con.register("src", info["table"])
        return info
    if fmt == "parquet":
        try:
            names = [c[0] for c in con.execute("DESCRIBE SELECT * FROM read_parquet($p)", {"p": str(path)}).fetchall()]
            aliases = dict(zip(names, _unique(names)))  # a column of the file named _row is read as _row_2
            chosen = set(kept(list(aliases.values())))
            casts = ", ".join(f"CAST({_ident(n)} AS VARCHAR) AS {_ident(a)}" for n, a in aliases.items() if a in chosen)
            lim = f" LIMIT {int(limit)}" if limit else ""
            query = f"SELECT file_row_number + 1 AS _row, {casts} FROM read_parquet($p, file_row_number = true)"  # quoted by _ident
            table = con.sql(query + lim, params={"p": str(path)}).to_arrow_table()
        except duckdb.Error as e:
            raise ImportRefused(f"{path.name} cannot be read as Parquet: {str(e).splitlines()[0]}") from None
        con.register("src", table)
        info["table"] = table
        return info
    encodings, delimiter = _sniff_text(path, mapping)
    info["delimiter"] = delimiter
    try:
        for encoding in encodings:  # the next one only when this one cannot decode the text
            info["encoding"] = encoding
            try:
                table, info["bad_lines"], info["header_row"] = _read_csv(path, encoding, delimiter, mapping, kept, limit)
                break
            except (pa.ArrowInvalid, UnicodeDecodeError) as e:
                undecodable = isinstance(e, UnicodeDecodeError) or "utf8" in str(e).lower()
                if not undecodable or encoding == encodings[-1]:
                    raise
        if limit is not None and encoding != encodings[-1]:  # a preview of plain ASCII rows: either may follow
            info["encoding"] = " / ".join(encodings)
    except (UnicodeError, pa.ArrowInvalid, csv.Error) as e:
        first = str(e).splitlines()[0]
        if isinstance(e, UnicodeError) or "utf8" in first.lower():
            raise ImportRefused(
                f"{path.name} is not valid {encoding.upper()} text ({first}). Save it as CSV UTF-8, or as Windows-1252",
                "encoding", file=path.name,
            ) from None
        raise ImportRefused(f"{path.name} cannot be read as CSV with delimiter {delimiter!r}: {first}") from None
    con.register("src", table)
    info["table"] = table
    return info


def _resolve_columns(columns: list[str], mapping: dict) -> tuple[dict[str, str], list[str]]:
    """source column -> canonical column, and the unused source columns."""
    used, ignored = {}, []
    taken = set()
    for col in columns:
        target = _target(col, mapping)
        if target and target not in taken:
            used[col] = target
            taken.add(target)
        else:
            ignored.append(col)
    return used, ignored


def _target(column: str, mapping: dict) -> str | None:
    """The canonical column a column of the file is read as: the mapping's, else its own name when canonical."""
    key = _norm_header(column)
    return mapping["columns"].get(key) or (key if key in CANONICAL else None)


def _refuse_clashes(path: Path, used: dict[str, str], ignored: list[str], mapping: dict) -> None:
    """Refuse two columns of the file read as the same canonical column (by name or through the mapping): which
    one holds it is a guess the import does not make."""
    by_target = {t: s for s, t in used.items()}
    for col in ignored:
        target = _target(col, mapping)
        if target:
            raise ImportRefused(
                f"{path.name}: columns '{by_target[target]}' and '{col}' are both read as {target} (by their names or "
                "the mapping's [columns]): keep one, or rename the other")


def _missing(used: dict[str, str], mapping: dict, survey_round) -> list[str]:
    have = set(used.values()) | set(mapping["defaults"])
    missing = [c for c in REQUIRED if c not in have]
    if "umur" not in have and "tanggal_lahir" not in have:
        missing.append("umur or tanggal_lahir")
    if survey_round is None and "survey_round" not in have:
        missing.append("survey_round (or --round)")
    return missing


# words of the headers SIPBM and KoBo/ODK exports give the required columns (normalised as _norm_header), for the
# mapping entry the missing-columns message suggests
HEADER_WORDS = {
    "kode_kel": ("kode_desa", "kode_kel", "kd_desa", "kd_kel", "iddesa", "id_desa"),
    "id_keluarga": ("rumah_tangga", "ruta", "keluarga", "id_rt", "no_rt"),
    "sex": ("jenis_kelamin", "kelamin", "jk", "gender"),
    "partisipasi": ("status_sekolah", "partisipasi", "status_pendidikan", "masih_sekolah"),
    "umur": ("umur", "usia"),
    "tanggal_lahir": ("tanggal_lahir", "tgl_lahir", "lahir"),
    "survey_round": ("tahun", "putaran", "round"),
}


def _suggest(missing: list[str], ignored: list[str]) -> dict[str, str]:
    """For each missing required column, the [columns] entry of a mapping file that would fix it: the file's
    header holding one of its usual words, else the closest by spelling, else a placeholder to fill in."""
    out, taken = {}, set()
    for m in missing:
        target = m.split(" ")[0]
        free = [c for c in ignored if c not in taken]
        norm = {c: _norm_header(c) for c in free}
        source = next((c for word in HEADER_WORDS.get(target, ()) for c in free
                       if re.search(rf"(^|_){word}($|_)", norm[c])), None)
        if source is None:
            close = difflib.get_close_matches(target, list(norm.values()), n=1, cutoff=0.6)
            source = next((c for c in free if norm[c] == close[0]), None) if close else None
        taken.add(source)
        out[m] = f'[columns]\n"{source or "Your column name"}" = "{target}"'
    return out


VALUE_LIKE = re.compile(r"[+-]?\d+([.,]\d+)?|\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}|\d{2}(\.\d{2}){1,3}(\.\d{4})?")


def _refuse_headerless(path: Path, columns: list[str], mapping: dict) -> None:
    """Refuse a file whose header row holds values (numbers, dates, wilayah codes) and names no known column: a
    file saved without its header line. Its cells are not echoed: they are a child's NIK, name, birth date."""
    cells = [str(c).strip() for c in columns if str(c).strip()]
    values = sum(bool(VALUE_LIKE.fullmatch(c)) for c in cells)
    if _known_columns(columns, mapping) == 0 and values >= 2 and values * 4 >= len(cells):
        raise ImportRefused(
            f"{path.name} has no header row: its first row holds values ({values} of its {len(cells)} cells are "
            "numbers, dates or codes), not column names. Add the header line of the canonical format "
            "(docs/import-format.md) above the data", "no_header", file=path.name)


def _sheet_with_columns(path: Path, info: dict, mapping: dict, survey_round) -> str | None:
    """Another sheet of the workbook that has every required column, when the one read lacks some (a title or
    notes sheet first)."""
    for name in info.get("sheets") or []:
        if name == info["sheet"]:
            continue
        con = _staging()
        try:
            columns = _stage_source(con, path, "xlsx", name, mapping, limit=1)["columns"]
        except ImportRefused:
            continue
        finally:
            con.close()
        if not _missing(_resolve_columns(columns, mapping)[0], mapping, survey_round):
            return name
    return None


def _missing_message(path: Path, missing, suggestions, columns, info) -> str:
    lines = [f"{path.name}: required columns missing: {', '.join(missing)}."]
    lines.append(f"Columns found: {', '.join(columns)[:500]}.")
    if len(columns) == 1 and info.get("delimiter"):
        lines.append(f"Only one column was found with delimiter {info['delimiter']!r}: is the file delimited by "
                     "something else?")
    lines.append("A mapping file (--mapping map.toml) that would fix it:")
    for m, entry in suggestions.items():
        lines.append(entry.replace("\n", " "))
    lines.append("See docs/import-format.md.")
    return " ".join(lines)


# ---------------------------------------------------------------------------------------------------------
# Preview (for the admin page)


def read_preview(path, *, sheet=None, mapping=None, n=20, survey_round=None) -> Preview:
    """What the importer sees in a file: columns, mapping, missing required columns and the first n rows."""
    path = Path(path)
    fmt, _ = _check_file(path)
    mp = load_mapping(mapping)
    con = _staging()
    try:
        info = _stage_source(con, path, fmt, sheet, mp, limit=max(int(n), 1))
        columns = info["columns"]  # the file's own, without _row
        _refuse_headerless(path, columns, mp)
        rows = con.execute("SELECT * FROM src ORDER BY _row LIMIT $n", {"n": max(int(n), 0)}).df()
    finally:
        con.close()
    used, ignored = _resolve_columns(columns, mp)
    missing = _missing(used, mp, survey_round)
    # the row number first, as in the rejects, then what the import reads: an unused column is not shown (a
    # column of names or numbers the mapping does not name yet would be in clear)
    rows = rows.rename(columns={**used, "_row": "row"})[["row", *used.values()]]
    rows = rows.assign(**{c: rows[c].where(rows[c].isna(), MASK) for c in rows.columns if c in PRIVATE_COLUMNS})
    rows = rows.assign(**{c: rows[c].mask(_identifier_like(rows[c]), MASK) for c in rows.columns if c != "row"})
    return Preview(
        file=path.name, format=fmt, columns=columns, mapping=used, ignored=ignored,
        missing_required=missing, rows=rows, encoding=info["encoding"], delimiter=info["delimiter"],
        sheets=info["sheets"], sheet=info["sheet"], suggestions=_suggest(missing, ignored),
        header_row=info["header_row"], other_sheet=_sheet_with_columns(path, info, mp, survey_round) if missing else None,
        unmatched_mapping=sorted(set(mp["columns"]) - {_norm_header(c) for c in columns}),
    )


# ---------------------------------------------------------------------------------------------------------
# The import


def _stage_rows(con, table: pa.Table, by_target: dict[str, str], defaults: dict[str, str]) -> None:
    """The view `raw`: the file's rows with canonical names (_row, then every canonical column as text: the
    file's, else the mapping's default, else null) and, for each coded or dated column, its code (code_<col>) or
    date (date_<col>), null where the value is blank or does not parse; and the table import_values of the
    distinct values (queries/import/008_stg_values.sql). Each distinct value is parsed once, in SQL; the results
    are laid back over the rows in Arrow, as the new dictionary of the column's dictionary encoding: no join per
    column over a million rows. `table` is the Arrow table of the file (src); no cell is copied."""
    present = [c for c in PARSED if c in by_target]

    def encode(col: str) -> tuple[str, pa.DictionaryArray]:
        return col, pc.dictionary_encode(table[by_target[col]].combine_chunks())

    with concurrent.futures.ThreadPoolExecutor(2) as pool:  # pyarrow releases the GIL: a column per core
        encoded = dict(pool.map(encode, present))
    distinct = [(col, value) for col, enc in encoded.items() for value in enc.dictionary.to_pylist()]
    distinct += [(col, defaults[col]) for col in PARSED if col not in by_target and col in defaults]
    con.register("_distinct", pa.table({
        "col": pa.array([col for col, _ in distinct], pa.string()),
        "kind": pa.array(["coded" if col in VOCAB else "dated" for col, _ in distinct], pa.string()),
        "value": pa.array([value for _, value in distinct], pa.string()),
    }))
    con.execute("CREATE TABLE import_distinct AS SELECT * FROM _distinct")
    con.unregister("_distinct")
    _run_step(con, "008_stg_values", {})
    parsed = {(col, value): (code, d) for col, value, code, d in
              con.execute("SELECT col, value, code, d FROM import_values").fetchall()}

    columns: dict[str, pa.Array | pa.ChunkedArray] = {"_row": table["_row"]}
    columns.update({col: table[source] for col, source in by_target.items()})
    for col, enc in encoded.items():
        laid = [parsed[(col, value)] for value in enc.dictionary.to_pylist()]
        if col in VOCAB:
            columns[f"code_{col}"] = pa.DictionaryArray.from_arrays(enc.indices, pa.array([c for c, _ in laid], pa.string()))
        else:
            columns[f"date_{col}"] = pa.DictionaryArray.from_arrays(enc.indices, pa.array([d for _, d in laid], pa.date32()))
    con.register("staged", pa.table(columns))

    def literal(value, sql_type: str) -> str:
        return "NULL" if value is None else "'" + str(value).replace("'", "''") + "'::" + sql_type

    select = ["_row"]
    for col in CANONICAL:
        select.append(col if col in by_target else f"{literal(defaults.get(col), 'VARCHAR')} AS {col}")
    for col in PARSED:
        name, kind, at = (f"code_{col}", "VARCHAR", 0) if col in VOCAB else (f"date_{col}", "DATE", 1)
        if col in encoded:
            select.append(name)
        else:  # the default's code or date, else null
            value = parsed.get((col, defaults[col]), (None, None))[at] if col in defaults else None
            select.append(f"{literal(value, kind)} AS {name}")
    con.execute(f"CREATE VIEW raw AS SELECT {', '.join(select)} FROM staged")  # names: CANONICAL, fixed


def _cells(table: pa.Table, problems: pd.DataFrame, by_target: dict[str, str], defaults: dict[str, str]) -> pd.Series:
    """The cell of each problem (row, column) as the file has it, the value of the rejection report: taken from
    the file's rows (`table`, with _row) by row number, one column at a time; a column the file lacks has the
    mapping's default, else nothing."""
    values = pd.Series(None, index=problems.index, dtype=object)
    if problems.empty:
        return values
    numbers = table["_row"].to_numpy()
    order = np.argsort(numbers, kind="stable")
    for column, group in problems.groupby("column", sort=False):
        if column in by_target:
            at = order[np.searchsorted(numbers, group["row"].to_numpy(), sorter=order)]
            values[group.index] = table[by_target[column]].take(pa.array(at)).to_pylist()
        elif column in defaults:
            values[group.index] = defaults[column]
    return values


def _store_state(path: Path) -> dict:
    """What the import needs from the live store: demo flag, key id, the import log, rounds."""
    state = {"exists": path.exists(), "is_demo": False, "key_id": None, "log": pd.DataFrame(), "rounds": pd.DataFrame()}
    if not state["exists"]:
        return state
    con = store.connect_read(path)
    try:
        meta = dict(con.execute("SELECT key, value FROM meta").fetchall())
        state["is_demo"] = str(meta.get("is_demo", "False")).lower() == "true"
        state["key_id"] = meta.get("hmac_key_id")
        state["rounds"] = con.execute("SELECT survey_round, kode_kab, reference_date FROM survey_round").df()
        try:
            state["log"] = con.execute("SELECT * FROM import_log ORDER BY import_id").df()
        except duckdb.CatalogException:
            pass
    finally:
        con.close()
    return state


def _settings(mp: dict, survey_round, kab, reference_date, sheet) -> str:
    """A fingerprint of everything besides the file's bytes that decides the rows an import stores: the mapping
    (as normalised), --round, --kab, --reference-date and the sheet. The same file with other settings (a mapping
    corrected, the round given right) is imported again, not reported unchanged."""
    given = {"mapping": mp, "round": survey_round, "kab": kab, "reference_date": reference_date, "sheet": sheet}
    return hashlib.sha256(json.dumps(given, sort_keys=True, default=str).encode("utf-8")).hexdigest()[:16]


def _already_applied(log: pd.DataFrame, sha: str, settings: str) -> pd.Series | None:
    """The log row of this file, imported with the same settings, when it is still the latest import of its
    round and kab/kota. A row logged before settings were recorded never matches (the file is applied again,
    which stores the same rows)."""
    if log.empty or "settings" not in log:
        return None
    mine = log[(log["sha256"] == sha) & (log["settings"] == settings) & (log["status"] == "applied")]
    if mine.empty:
        return None
    last = mine.iloc[-1]
    later = log[(log["import_id"] > last["import_id"]) & (log["survey_round"] == last["survey_round"])
                & (log["status"] == "applied")]
    kabs = set(str(last["kode_kab"]).split(","))
    if any(kabs & set(str(k).split(",")) for k in later["kode_kab"]):
        return None
    return last


def _codes_table() -> pd.DataFrame:
    rows = []
    for col, allowed in VOCAB.items():
        for code in allowed:
            rows.append((col, code.lower(), code))
    return pd.DataFrame(rows, columns=["col", "key", "code"])


def _recode_table(mp: dict) -> pd.DataFrame:
    table = {(c, k): v for c, k, v in _codes_table().itertuples(index=False)}
    for col, recodes in BUILTIN_RECODES.items():
        for k, v in recodes.items():
            table.setdefault((col, k), v)
    for col, keys in REFUSED_SPELLINGS.items():
        for k in keys:
            table.setdefault((col, k), None)  # no code: a bad value, said as refused by int_problems
    for col, recodes in mp["values"].items():
        for k, v in recodes.items():
            table[(col, k)] = v  # the mapping file wins
    return pd.DataFrame([(c, k, v) for (c, k), v in table.items()], columns=["col", "key", "code"])


def _run_step(con, name: str, values: dict) -> None:
    q = _import_steps()[name]
    bound = q.bind({p.name: values.get(p.name) for p in q.params})
    con.execute(q.sql, bound)


@functools.lru_cache(maxsize=1)
def _steps_cached(stamp) -> dict:
    return {q.stem: q for q in queries.all_queries("import")}


def _import_steps() -> dict:
    """The queries/import steps by stem, parsed once (again when a file changes)."""
    folder = config.QUERIES / "import"
    return _steps_cached(tuple((p.name, p.stat().st_mtime_ns) for p in sorted(folder.glob("*.sql"))))


def rejects_csv(rejects: pd.DataFrame) -> bytes:
    """The rejection report as CSV bytes (row, column, value, alasan in Bahasa Indonesia, reason in English):
    UTF-8 with BOM for Excel, safe to open in a spreadsheet (no cell runs as a formula)."""
    safe = neutralise(rejects, ["column", "value", "alasan", "reason"])
    return safe.to_csv(index=False, quoting=csv.QUOTE_NONNUMERIC).encode("utf-8-sig")


def write_rejects(rejects: pd.DataFrame, path) -> Path:
    """The rejection report written to path (see rejects_csv)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(rejects_csv(rejects))
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


def run_import(path, *, store_path=None, user=None, **options) -> ImportReport:
    """Validate a survey file and (unless dry_run) apply its accepted rows to the store.

    Raises ImportRefused for a file that cannot be imported at all (the store is unchanged). Returns a report
    whose status is applied, dry_run, unchanged, or refused (no row accepted; the store is unchanged). Options:
    survey_round, mapping, sheet, dry_run, progress, kab, reference_date, replace_demo, rejects_path, today.
    """
    store_path = Path(store_path or config.store_path())
    user = config.operator(user)
    try:
        return _run_import(Path(path), store_path, user, **options)
    except ImportRefused as e:
        if not getattr(e, "logged", False):
            _log_attempt(store_path, {"file": Path(path).name, "status": "refused", "code": e.code}, user)
        raise


def _run_import(path: Path, store_path: Path, user: str, *, survey_round=None, mapping=None, sheet=None,
                dry_run=False, progress=None, kab=None, reference_date=None, replace_demo=False, rejects_path=None,
                today: dt.date | None = None) -> ImportReport:
    started = time.perf_counter()
    timings: dict[str, float] = {}
    last = [started, None]
    user_progress = progress or _noop

    def progress(fraction, message):
        now = time.perf_counter()
        if last[1] is not None:
            timings[last[1]] = round(timings.get(last[1], 0) + now - last[0], 3)
        last[0], last[1] = now, message
        user_progress(fraction, message)

    today = today or dt.date.today()
    if survey_round is not None:
        try:
            survey_round = int(survey_round)
        except (TypeError, ValueError):
            raise ImportRefused(f"--round must be a year such as 2024, got '{survey_round}'") from None
        _check_round(survey_round, survey_round, today)
    if isinstance(reference_date, str):
        try:
            reference_date = dt.date.fromisoformat(reference_date)
        except ValueError:
            raise ImportRefused(f"--reference-date must be yyyy-mm-dd, got '{reference_date}'") from None

    if rejects_path is not None:
        rejects_path = _check_rejects_path(Path(rejects_path), path, store_path)
    progress(0.0, "checking the file")
    fmt, size = _check_file(path)
    if sheet is not None and fmt != "xlsx":
        raise ImportRefused(f"--sheet {sheet}: {path.name} is {fmt.upper()}, which has no sheets; leave --sheet out")
    mp = load_mapping(mapping)
    state = _store_state(store_path)
    if state["is_demo"] and not replace_demo and not dry_run:
        raise ImportRefused(
            f"the store {store_path} holds the synthetic demo data; real data is not mixed with it. Import with "
            "--replace-demo to start a new store (keeping the wilayah reference and the boundaries), or set "
            "ATS_STORE to another store file",
            "demo_store",
        )
    # The file's SHA-256 on the other core while pyarrow reads the file on one (both release the GIL).
    hashing = concurrent.futures.ThreadPoolExecutor(1)
    sha_job = hashing.submit(store.file_sha256, path)
    hashing.shutdown(wait=False)

    con = _staging()  # staging: in memory, never the store file
    try:
        progress(0.05, "reading")
        info = _stage_source(con, path, fmt, sheet, mp, keep=lambda names: list(_resolve_columns(names, mp)[0]))
        sha = sha_job.result()
        settings = _settings(mp, survey_round, kab, reference_date, sheet)
        done = _already_applied(state["log"], sha, settings) if not state["is_demo"] else None
        if done is not None:
            report = ImportReport(
                file=path.name, sha256=sha, survey_round=int(done["survey_round"]), rows_read=int(done["rows_read"]),
                accepted=int(done["accepted"]), rejected=int(done["rejected"]), status="unchanged",
                message=f"this file (SHA-256 {sha[:12]}) was already applied as import {int(done['import_id'])} on "
                        f"{done['imported_at']}; nothing changed",
                rejects=pd.DataFrame(columns=list(REJECT_COLUMNS)), kode_kab=str(done["kode_kab"]).split(","),
                seconds=time.perf_counter() - started,
            )
            _log_attempt(store_path, report, user)
            return report
        columns = info["columns"]
        _refuse_headerless(path, columns, mp)
        used, ignored = _resolve_columns(columns, mp)
        _refuse_clashes(path, used, ignored, mp)
        missing = _missing(used, mp, survey_round)
        if missing:
            other = _sheet_with_columns(path, info, mp, survey_round)
            if other:
                raise ImportRefused(
                    f"{path.name}: sheet '{info['sheet']}' does not have the required columns ({', '.join(missing)}), "
                    f"sheet '{other}' has them: choose it with --sheet \"{other}\"", "other_sheet",
                    file=path.name, sheet=info["sheet"], other=other)
            suggestions = _suggest(missing, ignored)
            raise ImportRefused(_missing_message(path, missing, suggestions, columns, info), "missing_columns",
                                file=path.name, missing=", ".join(missing),
                                found=", ".join(columns)[:500],
                                mapping=" ".join(e.replace("\n", " ") for e in suggestions.values()))
        n_src = con.execute("SELECT count(*) FROM src").fetchall()[0][0]
        bad_lines = info["bad_lines"]
        rows_read = n_src + len(bad_lines)
        if rows_read == 0:
            raise ImportRefused(f"{path.name} has a header but no data rows", "header_only", file=path.name)

        key = hmac_key()
        has_ids = any(
            con.execute(f"SELECT EXISTS (SELECT 1 FROM src WHERE trim({_ident(src)}) <> '')").fetchall()[0][0]  # identifier only, quoted by _ident, not a value (no fixed list needed); stops at the first
            for src, target in used.items() if target in IDENTIFIER_COLUMNS
        ) or any(mp["defaults"].get(c) for c in IDENTIFIER_COLUMNS)
        if has_ids and key is None:
            raise ImportRefused(NO_KEY_MESSAGE, "no_key")
        if has_ids and state["key_id"] and state["key_id"] != key_id(key):
            raise ImportRefused(
                "the configured ATS_HMAC_KEY is not the key used by earlier imports into this store, so the same "
                "child would get a different hash: configure the same key (or start a new store)",
                "other_key",
            )

        progress(0.3, "validating")
        _load_wilayah(con, store_path, state)
        con.register("_codes", _recode_table(mp))
        con.execute("CREATE TABLE import_codes AS SELECT * FROM _codes")
        con.unregister("_codes")
        con.execute("CREATE TABLE import_vocab AS SELECT col, string_agg(DISTINCT code, ', ' ORDER BY code) AS allowed "
                    "FROM import_codes GROUP BY col")
        con.execute("CREATE TABLE import_alasan_group (alasan VARCHAR, alasan_group VARCHAR)")
        con.executemany("INSERT INTO import_alasan_group VALUES ($1, $2)", list(ALASAN_GROUP.items()))
        for step in ("000_macro_import_date", "001_macro_import_num", "002_macro_import_int", "003_macro_import_kode",
                     "004_macro_import_kode_part", "005_macro_import_hmac", "006_macro_import_id",
                     "007_macro_import_digits", "009_macro_import_number_note"):
            _run_step(con, step, {})
        # Raw rows with canonical names, codes and dates (names stay in this in-memory database)
        _stage_rows(con, info["table"], {t: s for s, t in used.items()}, mp["defaults"])

        # The round and kab/kota of this import: given, else the most common in the file.
        if survey_round is None:
            found = con.execute("SELECT import_int(survey_round) AS r FROM raw WHERE r IS NOT NULL "
                                "GROUP BY ALL ORDER BY count(*) DESC, r DESC LIMIT 1").fetchall()
            the_round = found[0][0] if found else None
        else:
            the_round = survey_round
        _check_round(the_round, survey_round, today)
        kabs = _import_kabs(con, kab)
        con.execute("CREATE TABLE import_kabs (kode_kab VARCHAR)")
        if kabs:
            con.executemany("INSERT INTO import_kabs VALUES ($1)", [(k,) for k in kabs])
        rounds = _rounds(con, the_round, kabs, reference_date, state["rounds"])
        con.register("_rounds", rounds)
        con.execute("CREATE TABLE import_rounds AS SELECT survey_round::INTEGER AS survey_round, kode_kab, "
                    "reference_date::DATE AS reference_date FROM _rounds")
        con.unregister("_rounds")
        _run_step(con, "010_stg_persons", {"survey_round": survey_round})
        _run_step(con, "020_int_problems", {"survey_round": the_round, "today": today})
        progress(0.5, "shaping the records")
        _run_step(con, "025_int_accepted", {})
        if not dry_run:  # a dry run validates and counts; it builds nothing to store
            con.execute("CREATE TABLE import_key AS SELECT $ipad::BLOB AS ipad, $opad::BLOB AS opad",
                        dict(zip(("ipad", "opad"), _pads(key))))
            for step in ("030_out_keluarga", "031_out_anak", "032_out_penanganan"):
                _run_step(con, step, {})

        progress(0.55, "collecting")
        rejects = con.execute(
            "SELECT source_row AS \"row\", column_name AS \"column\", alasan, reason FROM problems "
            "ORDER BY source_row, column_name"
        ).df()
        rejects.insert(2, "value", _cells(info["table"], rejects, {t: s for s, t in used.items()}, mp["defaults"]))
        if bad_lines:
            extra = pd.DataFrame([{"row": line, "column": "", "value": None,
                                   "alasan": f"baris CSV rusak: {found} sel, padahal judul kolom {expected} sel",
                                   "reason": f"malformed CSV line: {found} cells where the header has {expected}"}
                                  for line, (expected, found) in bad_lines.items()])
            rejects = pd.concat([rejects, extra], ignore_index=True).sort_values("row", kind="stable")
        rejects = rejects.reset_index(drop=True)
        private = rejects["column"].isin(PRIVATE_COLUMNS) & rejects["value"].notna()
        rejects["value"] = rejects["value"].mask(private | _identifier_like(rejects["value"]), MASK)
        n_rejected_rows = con.execute("SELECT count(DISTINCT source_row) FROM problems").fetchall()[0][0] + len(bad_lines)
        accepted = con.execute("SELECT count(*) FROM accepted").fetchall()[0][0]
        assert accepted + n_rejected_rows == rows_read, (accepted, n_rejected_rows, rows_read)
        con.execute("CREATE TABLE import_kel AS SELECT DISTINCT survey_round, kode_kel FROM accepted")
        n_kel = con.execute("SELECT count(*) FROM import_kel").fetchall()[0][0]

        report = ImportReport(
            file=path.name, sha256=sha, survey_round=the_round, rows_read=rows_read, accepted=accepted,
            rejected=n_rejected_rows, status="dry_run" if dry_run else "applied", message="", rejects=rejects,
            kode_kab=kabs, kelurahan=n_kel, settings=settings,
        )
        if rejects_path is not None and len(rejects):
            report.rejects_path = str(write_rejects(rejects, rejects_path))
        if accepted == 0:
            report.status = "refused"
            report.message = (f"no row of {path.name} passed validation ({rows_read} rows read, all rejected); "
                              "nothing was stored. See the rejection report")
        elif dry_run:
            report.message = (f"dry run: {accepted} rows would be applied for {n_kel} desa/kelurahan of {', '.join(kabs)}; "
                              "nothing was stored")
        else:
            progress(0.6, "writing the store")
            try:
                report.import_id = _apply(con, store_path, state, report, key, user, replace_demo,
                                          progress=lambda f, m: progress(0.7 + 0.28 * f, m))
            except store.BuildError as e:
                report.status = "refused"
                report.message = str(e)
                report.seconds = time.perf_counter() - started
                _log_attempt(store_path, report, user)
                refused = ImportRefused(f"the store's data checks failed, nothing was changed: {e}", "store_checks",
                                        error=str(e)[:400])
                refused.logged = True
                raise refused from None
            report.message = (f"applied: round {the_round}, {n_kel} desa/kelurahan of {', '.join(kabs)} replaced "
                              f"with {accepted} rows ({report.rejected} rejected)")
    finally:
        con.close()  # the staging database, with the raw identifiers and names, is gone
    progress(1.0, report.status)
    report.seconds = time.perf_counter() - started
    report.timings = timings
    _log_attempt(store_path, report, user)
    return report


def _check_rejects_path(rejects: Path, source: Path, store_path: Path) -> Path:
    """The rejection report's path, refused when writing it would overwrite something else: the file being
    imported, the store (or its lock, log and temporary copies), a folder; it must end in .csv."""
    target = rejects.resolve()
    near_store = target.parent == store_path.resolve().parent and target.name.startswith(store_path.name)
    if target.is_dir() or target.suffix.lower() != ".csv" or target == source.resolve() or near_store:
        raise ImportRefused(
            f"--rejects {rejects}: the rejection report is written to a new .csv file, not over a folder, the file "
            "being imported or the store; give a path such as rejects.csv"
        )
    return target


def _check_round(the_round, given, today: dt.date) -> None:
    """Refuse a round that is not a year from 2000 to this year, naming where it came from."""
    if the_round is None or 2000 <= the_round <= today.year:
        return
    where = ("--round" if given is not None else
             "the survey_round most common in the file (or the mapping's [defaults])")
    raise ImportRefused(f"{where} is {the_round}: a survey round is a year from 2000 to {today.year}. "
                        + ("Give the year of the census" if given is not None else
                           "Fix the column, or give the round with --round"),
                        "round_given" if given is not None else "round_in_file", value=the_round, last=today.year)


def _load_wilayah(con, store_path: Path, state: dict) -> None:
    """import_ref_kel and import_ref_kab in the staging database, from the store's wilayah table (attached
    read-only for the copy), or from the reference CSV when there is no store yet."""
    if state["exists"]:
        with store.live_attached(con, store_path):
            con.execute("CREATE TABLE import_ref_kel AS SELECT kode, kode_kec, kode_kab FROM live.wilayah WHERE level = 'kel'")
            con.execute("CREATE TABLE import_ref_kab AS SELECT kode, nama FROM live.wilayah WHERE level = 'kab'")
        if con.execute("SELECT count(*) FROM import_ref_kel").fetchall()[0][0]:
            return
        con.execute("DROP TABLE import_ref_kel")
        con.execute("DROP TABLE import_ref_kab")
    w = reference.load_wilayah()
    con.register("_w", w)
    con.execute("CREATE TABLE import_ref_kel AS SELECT kode, kode_kec, kode_kab FROM _w WHERE level = 'kel'")
    con.execute("CREATE TABLE import_ref_kab AS SELECT kode, nama FROM _w WHERE level = 'kab'")
    con.unregister("_w")


def _import_kabs(con, kab) -> list[str]:
    """The kab/kota this import is for: --kab (comma-separated), else the one with most known desa codes."""
    if kab:
        out = []
        known = {k for (k,) in con.execute("SELECT kode FROM import_ref_kab").fetchall()}
        for item in (kab.split(",") if isinstance(kab, str) else kab):
            item = str(item).strip()
            digits = item.replace(".", "")
            code = f"{digits[:2]}.{digits[2:4]}" if len(digits) == 4 and digits.isdigit() else item
            if code not in known:
                raise ImportRefused(f"--kab {item} is not a kab/kota code of the reference (e.g. 73.73 for Kota Palopo)",
                                    "kab_unknown", kab=item)
            out.append(code)
        return sorted(set(out))
    found = con.execute(  # codes parsed once per distinct value, not once per row
        "WITH v AS (SELECT kode_kel, count(*) AS n FROM raw GROUP BY ALL) "
        "SELECT left(k.kode, 5) AS kab, sum(v.n) AS n FROM v JOIN import_ref_kel k ON k.kode = import_kode(v.kode_kel) "
        "GROUP BY ALL ORDER BY n DESC, kab LIMIT 3"
    ).fetchall()
    if len(found) > 1 and found[0][1] == found[1][1]:  # no kab/kota has most rows: a guess would reject half the file
        tied = [k for k, n in found if n == found[0][1]]
        raise ImportRefused(
            f"the file holds as many rows ({found[0][1]}) of kab/kota {' and '.join(tied)}: say which this import is "
            f"for with --kab {tied[0]}, or --kab {','.join(tied)} for all of them",
            "kab_tie", kabs=", ".join(tied), n=int(found[0][1]), example=tied[0], all=",".join(tied),
        )
    return [found[0][0]] if found else []


def _rounds(con, the_round, kabs, reference_date, existing: pd.DataFrame) -> pd.DataFrame:
    """Reference date per (round, kab/kota): --reference-date, else the file's reference_date column, else the
    store's survey_round row, else 15 July of the round year. A date given or read that is not within a year of
    the round is refused: every age would be computed at it."""
    rows = []
    if the_round is None:
        return pd.DataFrame(columns=["survey_round", "kode_kab", "reference_date"])
    for kab in kabs:
        ref = reference_date
        if ref is None:
            found = con.execute(
                "SELECT DISTINCT d FROM import_values WHERE col = 'reference_date' AND d IS NOT NULL").fetchall()
            if len(found) > 1:
                raise ImportRefused(
                    f"the file gives {len(found)} different reference_date values; "
                    "a round has one reference date (or give --reference-date)"
                )
            ref = found[0][0] if found else None
            if ref is not None and abs(ref.year - int(the_round)) > 1:
                raise ImportRefused(f"the file's reference_date {ref:%d/%m/%Y} is not a date of round {the_round}; "
                                    "fix the column, or give --reference-date", "reference_date_in_file",
                                    date=f"{ref:%d/%m/%Y}", round=the_round)
        elif abs(ref.year - int(the_round)) > 1:
            raise ImportRefused(f"--reference-date {ref:%Y-%m-%d} is not a date of round {the_round}: give the "
                                "census reference date of that round", "reference_date_given",
                                date=f"{ref:%d/%m/%Y}", round=the_round)
        if ref is None and not existing.empty:
            hit = existing[(existing["survey_round"] == the_round) & (existing["kode_kab"] == kab)]
            ref = pd.Timestamp(hit["reference_date"].iloc[0]).date() if len(hit) else None
        rows.append((the_round, kab, ref or dt.date(int(the_round), 7, 15)))
    return pd.DataFrame(rows, columns=["survey_round", "kode_kab", "reference_date"])


def _apply(con, store_path: Path, state: dict, report: ImportReport, key: bytes | None, user: str,
           replace_demo: bool, progress=None) -> int:
    """Write the staging tables out_* into a copy of the store attached to the staging connection (rows never
    leave DuckDB), replacing the rounds x desa/kelurahan of import_kel; build, check and swap it in."""
    meta = {"is_demo": False, "last_import": report.file}
    if key is not None:
        meta["hmac_key_id"] = key_id(key)
    fresh = state["is_demo"] and replace_demo
    with store.writing(store_path, fresh=fresh or not state["exists"], meta=meta, into=con, progress=progress):
        if fresh:  # a new store: the reference and boundaries of the demo store (with their log), none of its data
            with store.live_attached(con, store_path):
                con.execute("INSERT INTO wilayah SELECT * FROM live.wilayah")
                con.execute("INSERT INTO boundary SELECT * FROM live.boundary")
                if con.execute("SELECT count(*) FROM duckdb_tables() WHERE database_name = 'live' "
                               "AND table_name = 'boundary_log'").fetchone()[0]:  # not in a store made before it
                    con.execute("INSERT INTO boundary_log SELECT * FROM live.boundary_log")
        elif not state["exists"]:
            store.replace_wilayah(con, reference.load_wilayah())
        for table in store.RECORD_TABLES:
            con.execute(f"DELETE FROM {table} WHERE (survey_round, kode_kel) IN "  # table from the fixed list
                        "(SELECT survey_round, kode_kel FROM memory.import_kel)")
            con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM memory.out_{table}")  # table from the fixed list
        con.execute(
            "INSERT OR REPLACE INTO survey_round BY NAME "
            "SELECT r.survey_round, r.kode_kab, r.reference_date, "
            "least(k.start_date, s.start_date) AS start_date, greatest(k.end_date, s.end_date) AS end_date, "
            "$f AS sumber "
            "FROM memory.import_rounds AS r "
            "INNER JOIN (SELECT survey_round, left(kode_kel, 5) AS kode_kab, min(tanggal_pendataan) AS start_date, "
            "max(tanggal_pendataan) AS end_date FROM memory.out_keluarga GROUP BY ALL) AS k USING (survey_round, kode_kab) "
            "LEFT JOIN survey_round AS s USING (survey_round, kode_kab)",
            {"f": report.file},
        )
        import_id = con.execute("SELECT coalesce(max(import_id), 0) + 1 FROM import_log").fetchall()[0][0]
        con.execute(
            "INSERT INTO import_log VALUES ($id, $f, $sha, $r, $k, $n, $read, $acc, $rej, 'applied', now()::TIMESTAMP, $u, "
            "$s)",
            {"id": import_id, "f": report.file, "sha": report.sha256, "r": report.survey_round,
             "k": ",".join(report.kode_kab), "n": report.kelurahan, "read": report.rows_read, "acc": report.accepted,
             "rej": report.rejected, "u": user, "s": report.settings},
        )
    return import_id


def list_imports(store_path=None) -> pd.DataFrame:
    """The imports applied to the store, newest first."""
    return store.read_log("import_log", IMPORT_LOG_COLUMNS, store_path)
