"""Reading the file into the staging database (in memory, never the store file): CSV through pyarrow's reader,
XLSX through python-calamine (a preview's first rows through openpyxl), Parquet through DuckDB's read_parquet;
the header row found among the first rows; every cell as text, with its source row number."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import functools
import itertools
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from data.importer.canonical import IDENTIFIER_COLUMNS, ImportRefused, _ident
from data.importer.detect import BIG_BLOCK, HEADER_SEARCH, _first_rows, _sniff_text
from data.importer.mapping import _known_columns, _missing, _resolve_columns, _unique


def _staging():
    """The staging database: in memory, never the store file (raw NIK, KK numbers and names live only here)."""
    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")
    return con


def _pick_header(rows: list[list[str]], mapping: dict) -> int:
    """Which of the first non-empty rows is the header: the first that names the most columns the import knows
    (the canonical names, or the mapping's), so that the title lines of a report above the table are skipped; the
    first row when none names two."""
    known = [_known_columns(row, mapping) for row in rows]
    best = max(range(len(rows)), key=lambda i: (known[i], -i))
    return best if known[best] >= 2 else 0


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
