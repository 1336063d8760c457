"""What several pages share: the breadcrumb and the drill-down it and the map use, the global filters as
parameters of an all-rounds query, the number-formatted table with its downloads, the chart with its view line.
The sections of each page are in its own module (ui/peta.py, ui/tren.py, ui/penanganan.py, ui/kla.py,
ui/importing.py)."""

import datetime
import functools
import html
import math
import textwrap

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from data import api
from domain.wilayah import CHILD_LEVEL, level_of
from ui import export, filters, login, plotly_chart, plotly_locale
from ui.fmt import MISSING, date, hidden_text, mark_notes, number
from ui.i18n import lang, t
from ui.safe import Markdown, plain
from ui.view import View

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
NARROW_FROM = 8  # columns of a data_table from which its numbers get a fixed width (see there)


def _css_string(text: str) -> str:
    return '"' + str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


# Streamlit's tooltips of a table's toolbar (stElementToolbar) -> catalogue key of what they say
TOOLBAR_TEXTS = {"Fullscreen": "plotly.fullscreen", "Close fullscreen": "plotly.close_fullscreen",
                 "Search": "streamlit.search", "Download as CSV": "streamlit.download_csv"}


# a table's column-header menu (opened by the dots a hovered header shows): its two sort items are the menuitems that
# come before the divider (a div of no role) Streamlit puts after them; the rest of the menu is hidden. (Streamlit gives
# a table of over 150,000 rows no sort items: its menu would be empty. No table of the pages comes near that.)
COLUMN_MENU = '[data-testid="stDataFrameColumnMenu"] [role="menu"]'
SORT_ASC = '[role="menuitem"]:has(+ [role="menuitem"] + div:not([role]))'
SORT_DESC = '[role="menuitem"]:has(+ div:not([role]))'


def _column_menu() -> str:
    """CSS that leaves a table's column-header menu its sort items only, said in the page's language. Streamlit 1.67
    draws the menu with English it has no parameter for ("Sort ascending", "Statistics" and its figures' names,
    "Autosize", "Pin column", "Hide column", the "Copy column name" tooltip) and no way to turn it off
    (st.dataframe and st.column_config have none). Hiding the whole menu would not do: it still opens, unseen, and
    stops the page's scrolling by wheel until a click closes it. "Hide column" had no way back either, the toolbar's
    "Show/hide columns" being hidden (streamlit_texts). A click on a header still sorts by it."""
    return (f" {COLUMN_MENU} > :not({SORT_ASC}, {SORT_DESC}) {{display: none}}"
            + _replaced(f"{COLUMN_MENU} > {SORT_ASC}", "streamlit.sort_asc", ".875rem")
            + _replaced(f"{COLUMN_MENU} > {SORT_DESC}", "streamlit.sort_desc", ".875rem"))


# a text field's "Press Enter to apply" (its first instruction, before a "3/64" count): the later rules win
INPUT_INSTRUCTIONS = (("", "streamlit.enter_apply"), ('[data-testid="stForm"]', "streamlit.enter_submit"),
                      ('[data-testid="stTextArea"]', "streamlit.ctrl_enter_apply"),
                      ('[data-testid="stForm"] [data-testid="stTextArea"]', "streamlit.ctrl_enter_submit"))


def _replaced(selector: str, key: str, size: str) -> str:
    """CSS that shows the catalogue text `key` in place of the text of `selector` (kept in the page, not shown)."""
    return f" {selector} {{font-size: 0}} {selector}::after {{content: {_css_string(t(key))}; font-size: {size}}}"


def streamlit_texts() -> None:
    """Streamlit's own English that its API cannot set, said in the page's language by CSS: the file uploader's
    "Upload" button and its "200MB per file • CSV, XLSX" line (the accepted types are in each uploader's file
    chooser and help), the tooltip of the "Fullscreen" button Streamlit adds to Plotly's modebar (Plotly's own
    are translated by ui.plotly_locale; a modebar tooltip is CSS content from the button's data-title), the tooltips
    of a table's toolbar ("Search", "Fullscreen": one tooltip shows at a time, the one of the button hovered or
    focused), a dropdown's "No results", a text field's "Press Enter to apply" / "to submit form" and the keyboard's
    "Skip to main content" link. The toolbar's "Show/hide
    columns" is hidden: its menu ("Select all") cannot be said otherwise, and every table shows its columns whole.
    Sent as style only (st.html puts it out of the page's flow)."""
    button = '[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p'
    limit = '[data-testid="stFileUploaderDropzoneInstructions"] span'
    modebar = ".js-plotly-plot .plotly .modebar .modebar-btn"
    mb = int(st.get_option("server.maxUploadSize"))
    toolbar = "".join(
        _replaced(f'body:has([data-testid="stBaseButton-elementToolbar"][aria-label="{label}"]:is(:hover, :focus-visible))'
                  ' [data-testid="stTooltipContent"] p', key, ".875rem") for label, key in TOOLBAR_TEXTS.items())
    st.html(f"<style>{button}, {limit} {{font-size: 0}}"
            f" {button}::after {{content: {_css_string(t('upload.button'))}; font-size: 1rem}}"
            f" {limit}::after {{content: {_css_string(t('upload.limit', mb=mb))}; font-size: .875rem}}"
            f' {modebar}[data-title="Fullscreen"]:after {{content: {_css_string(t("plotly.fullscreen"))}}}'
            f' {modebar}[data-title="Close fullscreen"]:after {{content: {_css_string(t("plotly.close_fullscreen"))}}}'
            f"{toolbar}"
            ' [data-testid="stElementToolbarButton"]:has([aria-label="Show/hide columns"]) {display: none}'
            + _replaced('[role="listbox"][data-empty="true"] [role="option"] > span', "streamlit.no_results", "1rem")
            + _replaced('[data-testid="stSkipToContent"]', "streamlit.skip", "1rem")
            + _column_menu()
            + "".join(_replaced(f'{where} [data-testid="InputInstructions"] > span:first-child', key, ".75rem")
                      for where, key in INPUT_INSTRUCTIONS)
            + "</style>")


def compact_frame() -> None:
    """Less room above a page's content, so that on a 1366x768 laptop the map starts above the fold: Streamlit's top
    padding (6rem) to what its header needs, and page titles at 2rem instead of 2.75rem. Style only, as
    streamlit_texts()."""
    st.html('<style>[data-testid="stMainBlockContainer"] {padding-top: 3.25rem}'
            ' [data-testid="stMainBlockContainer"] h1 {font-size: 2rem; padding: 0.25rem 0 0.5rem}</style>')


def demo_banner() -> None:
    """The line every screen of the demo store carries: one compact line, not a box the height of three."""
    st.markdown(f":blue-background[:material/science: {t('demo.banner')}]")


def drill(kode: str, level: str | None) -> None:
    """Go to the wilayah `kode`, showing the map at `level` (the level below it) when given."""
    filters.drill_to(kode)
    if level:
        st.session_state["peta_level"] = level


def breadcrumb(f: filters.Filters) -> None:
    """Clickable path Province › Kab/Kota › Kecamatan; each step goes back up to that level."""
    names = api.wilayah_by_kode(f.path)
    names = dict(zip(names["kode"], names["nama"]))
    row = st.container(horizontal=True, vertical_alignment="center", gap="small")
    row.markdown(f"**{t('breadcrumb.label')}:**", width="content")
    for i, kode in enumerate(f.path):
        last = i == len(f.path) - 1
        row.button(
            ("› " if i else "") + plain(names.get(kode, kode)),  # a button label is Markdown
            key=f"crumb_{kode}",
            disabled=last,
            on_click=drill,
            args=(kode, CHILD_LEVEL.get(level_of(kode))),
            type="tertiary",
        )


def all_rounds_params(f: filters.Filters) -> dict:
    """The global filters as parameters of a query that lists every round (trends, handling per round):
    all but survey_round."""
    return {k: v for k, v in f.query_params().items() if k != "survey_round"}


def _lines(text: str, width: int) -> list[str]:
    return [html.escape(line) for line in textwrap.wrap(text, width)] if text else []


def drawn_from(*results: api.Result, how=None) -> tuple:
    """What a figure's frames are cut from, for chart(drawn_from=...): each Result's query, parameters, store version,
    role and scope (which decide its rows), and `how` the frames were cut from them (a filter's value, a group's
    name): a few strings to hash, where the frames' content is every cell (Tren's province rerun hashed 20 frames,
    about 25 ms of CPU)."""
    return tuple((r.source.query, repr(sorted(r.source.params.items())), r.source.store.path, r.source.store.version,
                  r.source.role, r.source.scope) for r in results) + (how,)


def _without_frames(values):
    return tuple("<frame>" if isinstance(v, (pd.DataFrame, pd.Series)) else v for v in values)


def chart(fig, key: str, view: View, top: int = 95, width: int = 80, *, drawn_from: tuple | None = None) -> None:
    """A figure of the pages with the view as its subtitle (place · period, then the filters its numbers follow), so
    a screenshot or the modebar's PNG says what it shows. Plotly does not wrap titles: the title is wrapped at `width`
    characters (smaller for a chart in a column; the smaller subtitle at a third more), set at the top of the figure,
    and the figure grows by the lines added. `top` is the room above the plot for a one-line title and subtitle.

    `fig` is a figure, or a functools.partial of a builder of ui/charts.py with its arguments: then the titled figure
    is built once per builder, arguments (DataFrames by content), subtitle and language (data.api.figure), not at
    every rerun; plotly.graph_objects validates every property it sets, 0.85 s of a Tren rerun for seven figures
    (benchmarks/README.md). A builder must draw from its arguments and the language only. `drawn_from` (see
    drawn_from()) names what the builder's DataFrame arguments are cut from: the key then holds it instead of the
    frames' content, which Streamlit would hash cell by cell at every rerun; it must name everything they depend on.

    Drawn by the dashboard's own plotly.js (ui/plotly_chart.py), with the figure's own projector-sized styling (as
    st.plotly_chart's theme=None) and Plotly's texts in the page's language."""
    wide = width * 4 // 3
    subtitle = (_lines(" · ".join(p for p in (view.place, view.period) if p), wide)
                + _lines(" · ".join(view.filter_words()), wide))
    if isinstance(fig, functools.partial):
        build = fig
        name = f"{build.func.__module__}.{build.func.__qualname__}"
        args, keywords = build.args, build.keywords
        if drawn_from is not None:
            args, keywords = _without_frames(args), dict(zip(keywords, _without_frames(keywords.values())))
        spec = api.figure((name, drawn_from, args, keywords, tuple(subtitle), top, width, lang()),
                          lambda: _titled(build(), subtitle, top, width))
    else:
        spec = _titled(fig, subtitle, top, width).to_dict()
    plotly_chart.show(spec, plotly_locale.config(displaylogo=False), key)


def _titled(fig: go.Figure, subtitle: list[str], top: int, width: int) -> go.Figure:
    title = _lines(fig.layout.title.text or "", width)
    extra = 26 * max(len(title) - 1, 0) + 20 * max(len(subtitle) - 1, 0)
    fig.update_layout(title_text="<br>".join(title) or None, title_subtitle_text="<br>".join(subtitle),
                      title_subtitle_font_size=15, title_y=1, title_yref="container", title_yanchor="top",
                      # Plotly sets a title of several lines higher than its anchor, by about a line each
                      title_pad_t=12 + 24 * max(len(title) - 1, 0), margin_t=top + extra)
    if fig.layout.height:
        fig.update_layout(height=fig.layout.height + extra)
    return fig


def downloads(table: export.Table | export.Later, key: str) -> None:
    """The CSV and XLSX downloads of one table, beside it. The files are written when a button is clicked (on a
    thread of their own, from the texts the Table holds; a Later's Table is made then too), not on every rerun; a click
    does not rerun. Each file made is written to the audit trail (who, which table, when: ui.login.audited_export)."""
    made = table.made if isinstance(table, export.Later) else lambda: table
    row = st.container(horizontal=True, gap="small")
    said = {"file": table.stem, "title": table.title}  # the file name says the place, round and filters
    row.download_button(t("export.csv"), login.audited_export(key, "csv", said, lambda: export.csv(made())),
                        f"{table.stem}.csv", "text/csv", key=f"{key}_csv", on_click="ignore", icon=":material/download:",
                        help=t("export.csv_help"))
    row.download_button(t("export.xlsx"), login.audited_export(key, "xlsx", said, lambda: export.xlsx(made())),
                        f"{table.stem}.xlsx", XLSX, key=f"{key}_xlsx", on_click="ignore", icon=":material/download:",
                        help=t("export.xlsx_help"))


def data_table(df: pd.DataFrame, columns: list[str], decimals: dict | None = None, height="auto", *, view: View,
               source: api.Source, title: str, key: str, headers: dict | None = None,
               screen: pd.DataFrame | None = None, short_headers: dict | None = None) -> None:
    """A table in the page's number format, with its CSV and XLSX downloads; `decimals` maps a column to its decimals
    (counts: 0), `headers` overrides the View's header of a column, `short_headers` its short header in a table of
    many columns (View.short_column). `screen`: the rows of `df` shown when not all of them (ui.peta.unit_table's first
    100); the files hold `df` whole and are made when a download is clicked (export.later).

    Numbers and dates are sent typed, so that a click on a column's header sorts them by value (the grid sorted the
    text "1.010" before "903"), with the text each cell shows as a pandas Styler's display values: the page's format
    ("1.234,5", "15 Juli 2026"; not NumberColumn's formats, which group thousands with a comma or follow the browser's
    locale, not the page's language), "–" where a value is missing, a mark of protection where it is hidden. Those
    cells hold -inf (_sortable). The Styler works per cell in Python (pandas' _translate, Streamlit's display values)
    and its texts are sent beside the values: about 20 ms and 14 KB more for the unit table's first 100 rows, 0.1-0.2 s
    and 367 KB more for the province's 3,059 desa shown whole (benchmarks/README.md, table-sort)."""
    decimals, headers = decimals or {}, headers or {}
    exported = export.later(df, columns, view=view, source=source, title=title, key=key, decimals=decimals,
                            headers=headers)
    on_screen = df if screen is None else screen
    values = on_screen[columns].reset_index(drop=True)
    styler_formats = []  # (formatter, subset): what each typed cell reads, in the page's language (see below)
    config = {}
    # Columns are as wide as their headers: eight or more (the APS table's "100 - APS (tidak bersekolah)", …) ran past
    # the 900 px of a 1366 px page, cut off at the right. Their numbers get a fixed width instead, the header whole
    # in its tooltip; a wider page stretches them.
    narrow = len(columns) >= NARROW_FROM
    narrowed = view.for_source(source)
    marks = set()
    code = lang()
    for c in columns:
        # in a table of many columns a number's header is short (View.short_column), whole in its help
        label = headers.get(c) or narrowed.column(c)
        if narrow:
            label, full = (short_headers or {}).get(c) or (label if c in headers else narrowed.short_column(c)), label
        else:
            full = label
        column = values[c]
        if column.dtype == object and column.map(lambda v: v is None or isinstance(v, (int, float))).all():
            column = pd.to_numeric(column)
        if is_day(column):  # a date reads "15 Juli 2026" as on the rest of the page, not 2026-07-15; typed in files
            values[c] = pd.to_datetime(column)
            styler_formats.append((functools.partial(date, language=code), [c]))
            config[c] = st.column_config.DateColumn(label)
        elif pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column):
            whole = c in ("survey_round", "year")  # a year, not a count: no thousands separator
            hidden = hidden_text(on_screen, c)  # "< 5", "×" or "ditahan" where small-cell protection hid a value
            hidden = None if hidden is None else hidden.reset_index(drop=True)
            typed, shown_as = _sortable(column.astype(float), hidden)
            values[c] = typed
            styler_formats.append((_whole if whole else functools.partial(number, decimals=decimals.get(c, 0),
                                                                           language=code), [c]))
            styler_formats += [(functools.partial(_as, text), (rows, [c])) for text, rows in shown_as.items()]
            marks |= set(shown_as) - {MISSING}
            config[c] = st.column_config.NumberColumn(label, **(
                {"width": 70 if whole else 80, "help": full} if narrow else {}))
        else:
            config[c] = st.column_config.Column(label, help=full) if full != label else label
    if narrow:
        _fit_text_columns(values, config)
    styler = values.style
    for formatter, subset in styler_formats:
        styler = styler.format(formatter, subset=subset)
    st.dataframe(styler, hide_index=True, width="stretch", placeholder=MISSING, height=height, column_config=config)
    marks_caption(marks)  # the table's legend
    downloads(exported, key)


def _sortable(column: pd.Series, hidden: pd.Series | None) -> tuple[pd.Series, dict]:
    """A number column as the grid sorts it, and the rows that read a text instead of their number: "–" where the
    value is missing, a mark of small-cell protection ("< 5", "×", "ditahan") where it was hidden. Those rows hold
    -inf, so that a sort puts them together at one end (first going up, last going down) whatever the numbers' sign;
    a null would sort as 0, among the numbers, and be drawn as the grid's faded placeholder instead of its mark."""
    text = pd.Series(MISSING, index=column.index, dtype=object).where(column.isna())
    if hidden is not None:
        text = hidden.where(hidden.notna(), text)
    instead = text.notna()
    shown_as = {mark: list(rows) for mark, rows in text[instead].groupby(text[instead]).groups.items()}
    return column.where(~instead, -math.inf), shown_as


def _whole(value) -> str:
    return str(int(value))


def _as(text: str, _value) -> str:
    return text


TABLE_PX = 900  # a table's room on a 1366 px page beside the sidebar (906 px, less the grid's borders)


def _fit_text_columns(shown: pd.DataFrame, config: dict) -> None:
    """In a table of many columns, the text columns (code, name, note) get widths that leave the numbers' fixed ones
    room on a 1366 px page: sized to their contents, the province's kab/kota names ("Kabupaten Pangkajene dan
    Kepulauan") and the note pushed the last column 3 px past the right edge. The widest text column gives up what
    does not fit (its long values cut in the cell, whole on hover); a wider page stretches every column."""
    fixed = sum(v["width"] for v in config.values() if isinstance(v, dict) and v.get("width"))
    texts = {c: v for c, v in config.items() if not (isinstance(v, dict) and v.get("width"))}
    if not texts:
        return
    # about 7 px a character of the grid's 14 px font, and its cell padding
    want = {c: 7 * max(len(str(v if isinstance(v, str) else v.get("label") or c)),
                       int(shown[c].astype(str).str.len().max() or 0)) + 20 for c, v in texts.items()}
    room = TABLE_PX - fixed
    if sum(want.values()) <= room:
        return
    widest = max(want, key=want.get)
    want[widest] = max(120, room - (sum(want.values()) - want[widest]))
    for c, v in texts.items():
        label, help_ = (v, None) if isinstance(v, str) else (v.get("label"), v.get("help"))
        config[c] = st.column_config.TextColumn(label, width=want[c], help=help_)


def marks_caption(marks) -> None:
    """Under a table or chart: what the marks of small-cell protection among `marks` ("< 5", "×", "ditahan") mean,
    whole (catalogue text, not cut as a value from outside would be); nothing when there is none."""
    if marks:
        st.caption(t("fmt.marks", marks=Markdown(" · ".join(f"**{plain(mark, line_start=False)}**: {meaning}"
                                                            for mark, meaning in mark_notes(marks)))))


def is_day(values: pd.Series) -> bool:
    """Whether a column holds days (dates, or timestamps at midnight), not times of day: what a table writes in words."""
    present = values.dropna()
    if not len(present):
        return False
    if pd.api.types.is_datetime64_any_dtype(present):
        return bool((present == present.dt.normalize()).all())
    return present.map(lambda v: isinstance(v, datetime.date) and not isinstance(v, datetime.datetime)).all()


def wilayah_name(f: filters.Filters) -> str:
    return api.wilayah_by_kode([f.kode])["nama"].iloc[0]


def child_level(f: filters.Filters) -> str | None:
    return CHILD_LEVEL.get(level_of(f.kode))
