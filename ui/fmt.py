"""Number and date formats: Indonesian (1.234,5; 23 Agustus 2026) in Bahasa Indonesia, English (1,234.5;
23 August 2026) in English."""

import math

import pandas as pd

from data import protection
from ui.i18n import lang, t

MISSING = "–"  # a value that is not there (not surveyed, not entered), in text and in every table (st.dataframe placeholder)


def plotly_separators() -> str:
    """Plotly's `separators` (decimal, then thousands) for the current language: 1.234,5 in Indonesian."""
    return ",." if lang() == "id" else ".,"


def number(value, decimals: int = 0, language: str | None = None) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return MISSING
    try:
        if value != value:  # pandas NA and other NaN-likes
            return MISSING
    except TypeError:
        return MISSING
    text = f"{float(value):,.{decimals}f}"
    if (language or lang()) == "id":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def hidden_count() -> str:
    """How a count hidden by small-cell protection reads: "< 5" (k = ATS_MIN_CELL)."""
    return f"< {protection.min_cell()}"


def count(value, hidden=False, language: str | None = None) -> str:
    """A count as published: "< k" when small-cell protection hid it (README, "Small-cell protection")."""
    return hidden_count() if _true(hidden) else number(value, 0, language)


def rate(value, hidden=False, decimals: int = 1, language: str | None = None) -> str:
    """A rate as published: "withheld" when its denominator is too small or a count it reveals is hidden."""
    return t("fmt.withheld") if _true(hidden) else number(value, decimals, language)


def is_count(column: str) -> bool:
    """Whether a query column is a count of children (n, n_*, prev_n_*, d_n_*), not a rate."""
    return column == "n" or column.startswith(("n_", "prev_n_", "d_n_"))


def hidden_text(df: pd.DataFrame, column: str) -> pd.Series | None:
    """What a table shows in place of the values of `column` that small-cell protection hid (its `<column>_hidden`
    flag, README "Small-cell protection"): "< k" for a count, "disembunyikan" for a rate; None on the other rows,
    and None for the whole column when the query publishes no such flag. The one rule for the tables on screen
    (ui.widgets.data_table, ui.peta.unit_table) and the CSV/XLSX files (ui.export)."""
    flag = f"{column}_hidden"
    if flag not in df.columns:
        return None
    hidden = df[flag].map(_true)
    text = hidden_count() if is_count(column) else t("fmt.withheld")
    return pd.Series([text if h else None for h in hidden], index=df.index, dtype=object)


def _true(flag) -> bool:
    return flag is True or (flag is not None and not pd.isna(flag) and bool(flag))


MONTHS = {
    "id": ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
           "November", "Desember"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
}


def date(value, language: str | None = None) -> str:
    """A date (date, Timestamp or ISO text) as 23 Agustus 2026 in Bahasa Indonesia, 23 August 2026 in English."""
    if value is None or value is pd.NaT or (not isinstance(value, str) and pd.isna(value)):
        return MISSING
    day = pd.Timestamp(value)
    return f"{day.day} {MONTHS[language or lang()][day.month - 1]} {day.year}"
