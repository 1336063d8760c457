"""Looking at the file before reading it: its size against ATS_IMPORT_MAX_BYTES, empty, what its first bytes say
it is (a PDF or PNG renamed .csv/.xlsx is refused), and for a CSV its encoding and delimiter."""

from __future__ import annotations

import codecs
import csv
import functools
import os
import re
import zipfile
from pathlib import Path

from data.importer.canonical import ImportRefused
from data.importer.mapping import _known_columns

MAX_BYTES_DEFAULT = 1 << 30  # 1 GiB; ATS_IMPORT_MAX_BYTES overrides


def max_bytes() -> int:
    value = os.environ.get("ATS_IMPORT_MAX_BYTES")
    try:
        limit = int(value) if value else MAX_BYTES_DEFAULT
    except ValueError:
        limit = 0
    if limit <= 0:
        raise ImportRefused(f"ATS_IMPORT_MAX_BYTES must be a positive number of bytes, got '{value}'")
    return limit


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
        _check_inflation(path, limit)
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


# What an .xlsx may inflate to, checked from its zip directory before a byte of it is unpacked (a 722 KB workbook
# whose sheet unpacks to a 704 MiB cell took 3 GB of memory): its sheets and shared strings together at most
# XLSX_MAX_INFLATED or 20 times ATS_IMPORT_MAX_BYTES, whichever is less; each such part at most XLSX_MAX_RATIO
# times its compressed size (a sheet of survey data packs 5-20 times; parts under 1 MiB are not held to it); a
# sheet's declared dimension at most XLSX_MAX_CELLS cells (Excel's own maximum is 1,048,576 rows).
XLSX_MAX_INFLATED = 2 << 30
XLSX_MAX_RATIO = 100
XLSX_MAX_CELLS = 60_000_000
_XLSX_PARTS = re.compile(r"xl/(worksheets/[^/]+\.xml|sharedStrings\.xml)", re.IGNORECASE)
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="[A-Z]+\d+:([A-Z]+)(\d+)"')


def _check_inflation(path: Path, limit: int) -> None:
    """Refuse a workbook whose sheets would inflate beyond what the import can hold (see XLSX_MAX_*): a zip bomb,
    found in the zip's directory and the first bytes of each sheet, before the workbook is read."""
    try:
        with zipfile.ZipFile(path) as zf:
            parts = [i for i in zf.infolist() if _XLSX_PARTS.fullmatch(i.filename)]
            cap = min(XLSX_MAX_INFLATED, 20 * limit)
            total = sum(i.file_size for i in parts)
            if total > cap:
                _refuse_inflation(path, f"its sheets unpack to {total / 1e6:,.0f} MB, above the {cap / 1e6:,.0f} MB "
                                        "an import reads")
            for part in parts:
                ratio = part.file_size / max(part.compress_size, 1)
                if part.file_size > (1 << 20) and ratio > XLSX_MAX_RATIO:
                    _refuse_inflation(path, f"{part.filename} unpacks {ratio:,.0f} times ({part.compress_size / 1e6:,.1f}"
                                            f" MB to {part.file_size / 1e6:,.0f} MB), where sheets of data pack at "
                                            f"most {XLSX_MAX_RATIO} times")
                if part.filename.lower().startswith("xl/worksheets/"):
                    with zf.open(part) as f:
                        dim = _DIMENSION.search(f.read(4096))
                    if dim:
                        cols = functools.reduce(lambda n, c: n * 26 + ord(c) - 64, dim.group(1).decode(), 0)
                        if cols * int(dim.group(2)) > XLSX_MAX_CELLS:
                            _refuse_inflation(path, f"{part.filename} declares {int(dim.group(2)):,} rows x {cols:,} "
                                                    f"columns, above the {XLSX_MAX_CELLS:,} cells an import reads")
    except zipfile.BadZipFile as e:
        raise ImportRefused(f"{path.name} cannot be opened as an Excel workbook: {e}", "not_xlsx",
                            file=path.name) from None


def _refuse_inflation(path: Path, what: str) -> None:
    raise ImportRefused(
        f"{path.name} was not read: {what}. A workbook that unpacks so far is not a table of survey data (or is "
        "damaged); save the sheet as CSV, or split it by kab/kota", "xlsx_inflates", file=path.name, what=what)


def _sniff_text(path: Path, mapping: dict) -> tuple[tuple[str, ...], str]:
    """(encodings to try, delimiter) of a CSV from its first 1 MB: UTF-8 (BOM or not), UTF-16 (BOM) or
    Windows-1252. A first MB of plain ASCII says nothing of the rest: UTF-8, then Windows-1252 (Excel's "CSV
    (comma delimited)" writes a ’ or é further down in Windows-1252)."""
    with open(path, "rb") as f:
        sample = f.read(1 << 20)
    if not sample.strip(b"\0"):  # zeros only: a file allocated and never written (a copy or download cut short)
        raise ImportRefused(f"{path.name} holds only NUL bytes (zeros), no text: the file is damaged or was not "
                            "written completely. Export it again", "only_nul", file=path.name)
    head = sample[:4096]
    bom32 = sample.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE))
    if bom32 or _nul_every(head, (1, 2, 3)) or _nul_every(head, (0, 1, 2)):  # before UTF-16: FF FE 00 00 opens both
        raise ImportRefused(
            f"{path.name} looks like UTF-32 text{'' if bom32 else ' without a byte-order mark'}, which is not read. "
            "Save it as CSV UTF-8", "utf32", file=path.name)
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


def _nul_every(head: bytes, offsets) -> bool:
    """Whether the bytes at these offsets of every 4 are (over 90%) NUL: the three zero bytes of UTF-32 text."""
    return len(head) >= 16 and all(head[i::4].count(0) > 0.9 * len(head[i::4]) for i in offsets)


HEADER_SEARCH = 30  # the first non-empty rows of a CSV or sheet in which the header is looked for
BIG_BLOCK = 64 << 20  # pyarrow's block when a CSV row is longer than its default 1 MB
csv.field_size_limit(BIG_BLOCK)  # the header search reads cells as long as pyarrow does (Python's limit is 128 KB)


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
