"""Cells that go into a file a spreadsheet opens (rejection reports, KLA exports): a text cell starting with
= + - @, a tab or a carriage return would be run as a formula, so it gets a leading apostrophe. In an XLSX
sheet (xml=True), the control characters XML cannot hold (a Word line break \\x0b, a stray \\x08 pasted with
the text) also become a space: openpyxl refuses the whole file for one of them."""

import pandas as pd
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value, *, xml: bool = False):
    if isinstance(value, str):
        if xml:
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
