"""Files a spreadsheet opens (tables of the pages, rejection reports, KLA exports).

A text cell starting with = + - @, a tab or a carriage return would be run as a formula, so it gets a leading
apostrophe; numbers stay numbers. In an XLSX sheet (xml=True), the control characters XML cannot hold (a Word line
break \\x0b, a stray \\x08 pasted with the text) also become a space: openpyxl refuses the whole file for one of them.

csv_bytes and xlsx_bytes write tables whose headers and texts the caller has already put in the reader's language;
here are only the file formats: a CSV Excel opens in the reader's locale, an XLSX with typed numbers and dates,
number formats per column, a frozen bold header row, and a sheet of key/value rows (what the table is).
"""

import datetime as dt
import io
import math
from dataclasses import dataclass, field

import pandas as pd

# openpyxl (80 ms of imports) is imported where an XLSX is written, not when a page that offers one starts

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value, *, xml: bool = False):
    if isinstance(value, str):
        if xml:
            from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

            value = ILLEGAL_CHARACTERS_RE.sub(" ", value)
        if value.startswith(FORMULA_START):
            return "'" + value
    return value


def neutralise(df: pd.DataFrame, columns=None, *, xml: bool = False) -> pd.DataFrame:
    """A copy of df whose text cells (of `columns`, else of every text column) are neutralised."""
    out = df.copy()
    for column in columns or out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(lambda value: neutralise_cell(value, xml=xml))
    return out


def csv_bytes(df: pd.DataFrame, *, sep: str = ",", decimal: str = ".") -> bytes:
    """A neutralised CSV with a BOM (Excel reads UTF-8 then). Indonesian Excel expects sep=';' and decimal=','."""
    return neutralise(df).to_csv(index=False, sep=sep, decimal=decimal).encode("utf-8-sig")


@dataclass(frozen=True)
class Sheet:
    name: str  # at most 31 characters (Excel's limit)
    frame: pd.DataFrame
    formats: dict = field(default_factory=dict)  # column -> Excel number format, e.g. "#,##0.0"
    widths: dict = field(default_factory=dict)  # column -> width in characters (else guessed from the cells)


def _cell_value(value):
    """A cell as openpyxl writes it typed: numbers as numbers, dates as dates, missing as an empty cell."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):  # numpy scalars
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, (int, float, dt.date, dt.datetime, bool)):
        return value
    return neutralise_cell(str(value), xml=True)


def xlsx_bytes(sheets: list[Sheet]) -> bytes:
    """One workbook of `sheets`, each with a bold frozen header row and typed, neutralised cells."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.remove(wb.active)
    for sheet in sheets:
        ws = wb.create_sheet(sheet.name[:31])
        columns = list(sheet.frame.columns)
        ws.append([neutralise_cell(str(c), xml=True) for c in columns])
        for cell in ws[1]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for row in sheet.frame.itertuples(index=False):
            ws.append([_cell_value(v) for v in row])
        for i, column in enumerate(columns, start=1):
            letter = get_column_letter(i)
            number_format = sheet.formats.get(column)
            if number_format:
                for (cell,) in ws.iter_rows(min_row=2, min_col=i, max_col=i):
                    cell.number_format = number_format
            width = sheet.widths.get(column)
            if width is None:
                longest = max([len(str(column))] + [len(str(v)) for v in sheet.frame[column].head(500) if v is not None])
                width = min(max(longest + 2, 8), 60)
            ws.column_dimensions[letter].width = width
        ws.freeze_panes = "A2"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
