"""Tables that leave the screen: the one exporter of every table the pages show (CSV and XLSX).

table() takes the rows a page shows (the query's result, never a second computation), the headers people read (the
View's, in the UI language) and what the numbers are, and returns a Table: a frozen value with every text already
said in the page's language. csv() and xlsx() only write it, so they can run when the button is clicked, on a
thread where the page's language is not known. The XLSX has typed numbers and dates with number formats (Excel
and LibreOffice show them with the reader's separators: 1.234,5 on an Indonesian system) and a "Keterangan" /
"About" sheet: the view line, the filters (and those that do not apply), the source, query, whom the numbers were
read for (the account's role and wilayah scope), data version and date, the export time, the definition of every
measure shown and the demo label. A count hidden by small-cell protection is the text "< 5" (the k in force) in its
cell when it is small, "×" when it is a complementary cell, a withheld rate "ditahan", and the About sheet says what
each mark the table has means. Every text cell is neutralised against formula injection (data.spreadsheet). The CSV
is the table alone, with the separators of the page's language
(Indonesian Excel opens ';' and decimal ',').

later() is table() made when a download is clicked, not at every rerun: in the page's language of the rerun that
offered it (i18n.language), the file's name and title known at once. At a province's 3,059 desa table() takes 35-45 ms
of every rerun of the Peta page, for files rarely asked for (benchmarks/README.md, q-desa).
"""

import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from data import api
from data.spreadsheet import Sheet, csv_bytes, xlsx_bytes
from ui import fmt, i18n
from ui import source as ui_source
from ui.i18n import CATALOGUE, t
from ui.view import FILTERS, View

WHOLE = ("survey_round", "year", "tahun", "tahun_sebelumnya")  # years: no thousands separator
DATE_FORMATS = {"id": "[$-421]d mmmm yyyy", "en": "[$-409]d mmmm yyyy"}  # 421: Indonesian month names
FILTER_LABELS = {"sex": "filter.sex", "age_group": "filter.age", "has_disability": "filter.disability",
                 "kategori_ats": "filter.kategori"}
EXPORTED = "\0exported"  # the About row whose value is the time of the click


@dataclass(frozen=True)
class Table:
    title: str
    frame: pd.DataFrame  # headers in the page's language, values typed
    formats: dict  # header -> Excel number format
    about: pd.DataFrame  # the About sheet: (key, value) rows in the page's language
    sheets: tuple[str, str]  # names of the table sheet and the About sheet
    stem: str  # file name without extension
    lang: str


def number_format(decimals: int) -> str:
    return "#,##0" + ("." + "0" * decimals if decimals else "")


def _typed(values: pd.Series) -> pd.Series:
    """Numbers held as objects (a column of ints and None) as a numeric column; anything else as it is."""
    number = lambda v: v is None or (isinstance(v, (int, float)) and not isinstance(v, bool))  # noqa: E731
    if values.dtype == object and values.map(number).all():
        return pd.to_numeric(values)
    return values


def _whole(value):
    """A count read back as a float (a column with missing values) as the integer it is."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _slug(*parts) -> str:
    text = "_".join(str(p) for p in parts if p not in (None, ""))
    return re.sub(r"[^A-Za-z0-9.-]+", "_", text).strip("_")[:120]


def _stem(key: str, view: View, source: api.Source) -> str:
    codes = [v for k, v in source.params.items() if k.startswith("kode") and isinstance(v, str)]
    words = {"has_disability": {True: "disabilitas", False: "tanpa-disabilitas"}}
    chosen = [words.get(k, {}).get(v, v) for k, v in view.active().items()]
    return _slug(key, *codes, (view.period or "").replace(" ", "-"), *chosen)


def filters_text(view: View) -> str:
    active = view.active()
    if not active:
        return t("export.about.filters_none")
    return "; ".join(f"{t(FILTER_LABELS[k])}: {view.filter_word(k)}" for k in FILTERS if k in active)


def table(df: pd.DataFrame, columns: list[str], *, view: View, source: api.Source, title: str, key: str,
          decimals: dict | None = None, headers: dict | None = None, definitions=()) -> Table:
    """The table `df[columns]` as it leaves the screen. `view` is the page's view (narrowed here to the filters the
    query was given); `headers` override View.column for some columns; `definitions` are extra (term, definition)
    rows for the About sheet (the measure definitions of the catalogue, def.<column>, are added for each column)."""
    decimals, headers = decimals or {}, headers or {}
    view = view.for_source(source)
    out, formats, marks = {}, {}, set()
    for c in columns:
        header = headers.get(c) or view.column(c)
        values = _typed(df[c])
        if pd.api.types.is_bool_dtype(values):
            values = values.map({True: t("export.yes"), False: t("export.no")})
        elif pd.api.types.is_datetime64_any_dtype(values) or values.map(lambda v: isinstance(v, dt.date)).any():
            values = pd.to_datetime(values).dt.date
            formats[header] = DATE_FORMATS[i18n.lang()]
        elif pd.api.types.is_numeric_dtype(values):
            formats[header] = "0" if c in WHOLE else number_format(decimals.get(c, 0))
        hidden = fmt.hidden_text(df, c)
        if hidden is not None and hidden.notna().any():  # "< 5", "×", "ditahan" as text in the cell, the others typed
            values = [text if text is not None else _whole(v) for v, text in zip(values, hidden)]
            marks |= set(hidden.dropna())
        out[header] = list(values)
    frame = pd.DataFrame(out)
    defined = [(headers.get(c) or view.column(c), t(f"def.{c}")) for c in columns if f"def.{c}" in CATALOGUE]
    about = [
        (t("export.about.title"), title),
        (t("export.about.view"), view.line()),
        (t("export.about.place"), view.place),
        (t("export.about.period"), view.period or "–"),
        (t("export.about.filters"), filters_text(view)),
    ]
    if view.ignored:
        about.append((t("export.about.ignored"), ", ".join(view.ignored)))
    about += fmt.mark_notes(marks)  # what "< 5", "×" and "ditahan" mean, those the table has
    about += [
        (t("export.about.source"), ui_source.sentence(source, view)),
        (t("export.about.query"), source.query),
        (t("export.about.params"), ui_source.params_text(source)),
        *([(t("export.about.account"), ui_source.account_text(source))] if source.role is not None else []),
        (t("export.about.version"), source.store.version),
        (t("export.about.built"), source.store.built_at),
        (t("export.about.data_date"), view.as_of or "–"),
        (t("export.about.exported"), EXPORTED),
        (t("export.about.kind"), t("demo.label") if source.store.is_demo else t("source.real")),
        (t("export.about.rows"), len(frame)),
    ]
    if defined or definitions:
        about.append((t("export.about.definitions"), ""))
        about += defined + list(definitions)
    about = pd.DataFrame(about, columns=[t("export.about.key"), t("export.about.value")])
    sheets = (t("export.sheet.table"), t("export.sheet.about"))
    return Table(title, frame, formats, about, sheets, _stem(key, view, source), i18n.lang())


@dataclass(frozen=True)
class Later:
    """A Table to be made when first asked for (`made()`), with the name and title its download buttons need now."""
    title: str
    stem: str
    made: Callable[[], Table]


def later(df: pd.DataFrame, columns: list[str], *, view: View, source: api.Source, title: str, key: str,
          **options) -> Later:
    """table(df, columns, ...) made on the first call of `made()`, in the language of now, on any thread (a download
    button's callable runs outside the page's run, where the session's language is not known). `df` is kept as it is:
    the caller hands over a frame it no longer changes."""
    code = i18n.lang()

    @functools.cache
    def made() -> Table:
        with i18n.language(code):
            return table(df, columns, view=view, source=source, title=title, key=key, **options)

    return Later(title, _stem(key, view.for_source(source), source), made)


def _now() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


def csv(table: Table) -> bytes:
    sep, decimal = (";", ",") if table.lang == "id" else (",", ".")
    return csv_bytes(table.frame, sep=sep, decimal=decimal)


def xlsx(table: Table) -> bytes:
    about = table.about.copy()
    value = about.columns[1]
    about[value] = [_now() if v == EXPORTED else v for v in about[value]]
    return xlsx_bytes([
        Sheet(table.sheets[0], table.frame, table.formats),
        Sheet(table.sheets[1], about, widths={about.columns[0]: 34, value: 100}),
    ])
