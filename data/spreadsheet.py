"""Cells that go into a file a spreadsheet opens (rejection reports, KLA exports): a text cell starting with
= + - @, a tab or a carriage return would be run as a formula, so it gets a leading apostrophe."""

import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value):
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def neutralise(df: pd.DataFrame, columns=None) -> pd.DataFrame:
    """A copy of df whose text cells (of `columns`, else of every text column) are neutralised."""
    out = df.copy()
    for column in columns or out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(neutralise_cell)
    return out
