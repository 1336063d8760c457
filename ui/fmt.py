"""Number and date formats: Indonesian (1.234,5; 23 Agustus 2026) in Bahasa Indonesia, English (1,234.5;
23 August 2026) in English."""

import datetime as dt
import math

import pandas as pd

from data import protection
from ui.i18n import lang, t

MISSING = "–"  # a value that is not there (not surveyed, not entered), in text and in every table (st.dataframe placeholder)
MINUS = "\u2212"  # the minus sign of a negative number ("−0,3"), not the hyphen "-" of "7-18" and "100 - APS"
RATE_DECIMALS = 1  # every rate per 100 and every change of one in points, in tables, sentences and charts alike


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
    if text.startswith("-") and not text.strip("-0.,"):
        text = text[1:]  # a change that rounds to zero reads "0,0", not "-0,0"
    if (language or lang()) == "id":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return MINUS + text[1:] if text.startswith("-") else text


def signed(value, decimals: int = 0, language: str | None = None) -> str:
    """A change with its sign: "+12", "−0,3", "0" (no sign on what rounds to zero); "–" when missing."""
    text = number(value, decimals, language)
    return "+" + text if text[:1].isdigit() and text.strip("0.,") else text


def hidden_count() -> str:
    """How a count hidden because it is small (1 to k-1, primary suppression) reads: "< 5" (k = ATS_MIN_CELL)."""
    return f"< {protection.min_cell()}"


def suppressed_count(short: bool = False) -> str:
    """How a count hidden as a complementary cell reads (hidden only so that a small one cannot be worked out from
    the totals; its value may be 0 or k and more): a neutral mark that claims no value, "disembunyikan" in text and
    "×" (`short`) in a table cell, where the legend or the Keterangan sheet explains it. Also the mark of a hidden
    count whose query does not say why it was hidden (no <column>_small flag)."""
    return t("fmt.suppressed_short") if short else t("fmt.suppressed")


def count(value, hidden=False, language: str | None = None, small=None) -> str:
    """A count as published (docs/protection.md): "< k" when protection hid it because it is from 1 to
    k-1 (`small`), "disembunyikan" when it hid it as a complementary cell or does not say why (`small` None)."""
    if not _true(hidden):
        return number(value, 0, language)
    return hidden_count() if _true(small) else suppressed_count()


def count_in(row, column: str, language: str | None = None) -> str:
    """The count `column` of a query row (a dict or a Series) as published, read with its <column>_hidden and
    <column>_small flags (a query without them: the value as it is)."""
    return count(row.get(column), row.get(f"{column}_hidden"), language, row.get(f"{column}_small"))


def rate(value, hidden=False, decimals: int = 1, language: str | None = None) -> str:
    """A rate as published: "withheld" when its denominator is too small or a count it reveals is hidden."""
    return t("fmt.withheld") if _true(hidden) else number(value, decimals, language)


def is_count(column: str) -> bool:
    """Whether a query column is a count of children (n, n_*, prev_n_*, d_n_*; a KLA census value's pembilang and
    penyebut), not a rate."""
    return column == "n" or column.startswith(("n_", "prev_n_", "d_n_")) or column in ("pembilang", "penyebut")


def hidden_text(df: pd.DataFrame, column: str) -> pd.Series | None:
    """What a table shows in place of the values of `column` that small-cell protection hid (its `<column>_hidden`
    flag, docs/protection.md): for a count, "< k" where it is small (its `<column>_small` flag) and the
    neutral "×" where it is a complementary cell (or the query publishes no `_small` flag); "ditahan" for a rate;
    None on the other rows, and None for the whole column when the query publishes no `_hidden` flag. The one rule
    for the tables on screen (ui.widgets.data_table, ui.peta.unit_table) and the CSV/XLSX files (ui.export)."""
    flag = f"{column}_hidden"
    if flag not in df.columns:
        return None
    hidden = df[flag].map(_true)
    if not is_count(column):
        text = t("fmt.withheld")
        return pd.Series([text if h else None for h in hidden], index=df.index, dtype=object)
    small = df[f"{column}_small"].map(_true) if f"{column}_small" in df.columns else pd.Series(False, index=df.index)
    less, mark = hidden_count(), suppressed_count(short=True)
    return pd.Series([(less if s else mark) if h else None for h, s in zip(hidden, small)], index=df.index, dtype=object)


def mark_notes(marks) -> list[tuple[str, str]]:
    """What each mark of protection among `marks` (the texts hidden_text put in a table) means, in the order "< k",
    "×", "ditahan": the rows of the Keterangan sheet (ui.export) and the note under a table on screen (ui.widgets)."""
    k, d = protection.min_cell(), protection.min_denominator()
    # "1 sampai 4", not "1 sampai 5-1"
    return [(mark, t(key, k=k, below=k - 1, d=d)) for mark, key in ((hidden_count(), "export.about.small"),
                                                       (suppressed_count(short=True), "export.about.suppressed"),
                                                       (t("fmt.withheld"), "export.about.withheld")) if mark in marks]


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


def typed_day(text: str) -> dt.date | None:
    """A date typed in a text field as day/month/year (15/07/2025, 15-7-2025 or 15.07.2025), None when empty or not a
    date: Impor's reference date and Audit's period take dates so, not by st.date_input (its empty field says "dd / mm
    / yyyy" and its calendar "November", "Date range", "Past Week": English, with no parameter to change it)."""
    parts = text.replace("-", "/").replace(".", "/").split("/")
    if len(parts) != 3 or not all(p.strip().isdigit() for p in parts) or len(parts[2].strip()) != 4:
        return None
    try:
        return dt.date(int(parts[2]), int(parts[1]), int(parts[0]))
    except ValueError:
        return None
