"""The sections of the Peta page: the summary line of the chosen wilayah, the map with its empty states and its
click to drill down, the table of units (one switch away)."""

import pandas as pd
import streamlit as st

from data import api, protection
from domain.wilayah import CHILD_LEVEL, LEVELS, level_of
from ui import export, figure_files, filters, map_svg, maps, plotly_chart, preload, profile
from ui.fmt import count_in, number, rate
from ui.i18n import t
from ui.view import View
from ui.widgets import data_table, downloads, drawn_from, drill

PARENT_LENGTH = {"kab": 2, "kec": 5, "kel": 8}
MAP_KEY = "peta_map_chart"  # the map's element (ui/plotly_chart.py), one for every view of the page


def _summary(f: filters.Filters, survey_round) -> pd.Series | None:
    """The chosen unit's row in `survey_round` (the map's), read among its siblings so that it is protected as on
    the map one level up; when the parent lies outside the account's scope, among every unit of its level (the
    rows outside the scope are dropped by data.queries; protection is computed per parent all the same)."""
    level = level_of(f.kode)
    parent = f.kode[: PARENT_LENGTH[level]] if level in PARENT_LENGTH else None
    if parent is not None and not f.who.covers(parent):
        parent = None
    params = {**f.query_params(), "survey_round": survey_round}
    rows = api.ats_by_wilayah(f.who, level=level, kode_induk=parent, **params).df
    row = rows[rows["kode"] == f.kode]
    return None if row.empty else row.iloc[0]


def _on_map_click(kode: str, level: str) -> None:
    """A click on a unit of the map (ui/plotly_chart.py: its code): above the lowest level it drills down into the unit, at
    the lowest it opens the unit's profile (ui/profile.py)."""
    if level in CHILD_LEVEL:
        drill(kode, CHILD_LEVEL[level])
        st.rerun()  # the map is in a fragment (views/peta.py): the sidebar's filters and the breadcrumb change too
    else:
        profile.open_unit(kode)


def fit_level(f: filters.Filters) -> None:
    """When the wilayah changed since the page last ran and is now a whole province, show its kab/kota: the desa
    level a kab/kota was shown at would draw thousands of tiny, mostly hidden polygons. Under a kab/kota or kecamatan
    the level stays as chosen while it is offered (else filters.select falls back to the finest). A session's first
    run keeps the level of its link."""
    before = st.session_state.get("_peta_wilayah")
    st.session_state["_peta_wilayah"] = f.kode
    if before is not None and before != f.kode and level_of(f.kode) == "prov":
        st.session_state["peta_level"] = "kab"


def _coarser(level: str, f: filters.Filters) -> str | None:
    """The next coarser level the map offers for the chosen wilayah, None at the coarsest."""
    offered = [lv for lv in LEVELS if lv in f.map_levels()]
    i = offered.index(level)
    return offered[i - 1] if i > 0 else None


def _suggest_coarser(level: str, f: filters.Filters, n_hidden: int, n_units: int) -> None:
    """When small-cell protection hides most units with data at this level (`n_units`: those surveyed), offer the
    coarser one, whose larger units can show their numbers."""
    coarser = _coarser(level, f)
    if coarser is None or n_units == 0 or n_hidden * 2 <= n_units:
        return
    row = st.container(horizontal=True, vertical_alignment="center", gap="small")
    said = t("peta.mostly_hidden", n=n_hidden, total=n_units, level=t(f"level.{level}"), coarser=t(f"level.{coarser}"))
    row.markdown(f":material/visibility_off: {said}", width="stretch")
    row.button(t("peta.show_coarser", coarser=t(f"level.{coarser}")), key="peta_coarser",
               on_click=st.session_state.__setitem__, args=("peta_level", coarser), width="content")


def shown_round(df: pd.DataFrame):
    """The round the map shows (the query's choice when the filter says "latest"), None when nothing was surveyed."""
    return df["survey_round"].iloc[0] if len(df) and pd.notna(df["survey_round"].iloc[0]) else None


def map_section(result: api.Result, level: str, f: filters.Filters, view: View, measure: str, method: str) -> None:
    df = result.df
    if not df["is_surveyed"].any():
        st.warning(t("peta.empty", wilayah=view.name, round=shown_round(df) or "–"))
    elif df["n_anak"].fillna(0).sum() == 0 and not df.get("n_anak_hidden", pd.Series(False)).any():  # hidden is not nobody
        st.warning(t("peta.nobody", wilayah=view.name))
    else:
        total = _summary(f, shown_round(df))
        if total is not None:
            st.markdown(
                t(
                    "peta.summary",
                    wilayah=view.name,
                    period=view.period,
                    n_ats=count_in(total, "n_ats"),
                    ats_noun=view.ats_noun(),
                    n_anak=count_in(total, "n_anak"),
                    who=view.who(),
                    ats_pct=rate(total["ats_pct"], total["ats_pct_hidden"]),
                )
            )

    bounds = api.boundaries(level, f.kode)
    if bounds.url is None:
        st.info(t("peta.no_boundaries"))
        return
    spec, classes = maps.build_once(result, drawn_from(result), bounds, measure, method, revision=f"{level}:{f.kode}",
                                    described=view, labels=st.session_state.get("peta_labels", True),
                                    ahead=maps.ahead_urls(level, f.kode, f.map_levels()))
    n_no_data = int((classes.index == -1).sum())
    n_hidden = int((classes.index == maps.HIDDEN_CLASS).sum())
    n_no_child = int((classes.index == maps.NO_CHILD_CLASS).sum())
    st.markdown(maps.legend_html(classes, n_no_data, view.measure(measure), view.line(), n_hidden, n_no_child, measure),
                unsafe_allow_html=True)
    box = st.container(key=map_svg.KEY)  # the map, and on a page load its first paint drawn by the server
    # The first paint before the map, so that it is drawn while the browser loads the map's Plotly (its place is an
    # empty element in later runs: the map keeps its place, so it is updated, not mounted again).
    first = box.empty()
    if preload.first_page():
        shown = maps.with_boundary(df, bounds.kodes)  # the rows maps.build classed, in its order
        first.html(map_svg.element(map_svg.svg(shown, classes, bounds.path, measure, view.measure(measure))),
                   unsafe_allow_javascript=True)
    # one chart for every view of the page (a new figure is drawn into it); its look is the figure's own (ui/maps.py)
    plotly_chart.show(spec, maps.chart_config(), MAP_KEY, on_click=lambda kode: _on_map_click(kode, level), container=box)
    row = st.container(horizontal=True, vertical_alignment="center", gap="medium")
    row.toggle(t("peta.labels"), value=True, key="peta_labels", width="content")
    row.caption(t("peta.click_hint") if level in CHILD_LEVEL else t("profile.click_hint"))
    maps.overlay(row)
    _suggest_coarser(level, f, n_hidden, len(classes.index) - n_no_data)  # under the map: keeps it above the fold
    figure_files.buttons(figure_files.map_figure(result, level, f.kode, measure, method, view, classes), "peta_map",
                         view.measure(measure))
    profile.show(f, view)  # the drawer of the unit clicked (or in the link): with the map, whatever reruns it


FIRST = 100  # rows of the unit table on screen; the downloads hold every row
TABLE_KEY = "peta_table"  # the switch that opens the unit table
URL_NAME = "tabel"  # the open table in the link (tabel=1); a closed table is left out, as a default filter
OPEN = "1"
UNITS_KEY = "peta_units"  # the table's downloads (peta_units_csv, peta_units_xlsx) and files
DECIMALS = {"ats_pct": 1}


def unit_table(result: api.Result, view: View, measure: str, level: str) -> None:
    """The units of the map, sorted by the measure shown, with their downloads (the same rows as the map); the children
    who completed 12 years (not ATS) last, apart from the ATS counts, then a note for units not surveyed or with no
    child in the group. Numbers typed, shown in the page's format (ui.widgets.data_table: a pandas Styler's display
    values, so that a click on a header sorts by value); 100 rows on screen unless all are asked for (_table_rows).

    The table is one switch away under the map, its downloads beside the switch: a page whose run sends a table makes
    the browser load and run the grid's code (Streamlit's DataFrame chunk, Arrow) before it draws the page's other lazy
    elements, the first paint of the map among them (benchmarks/README.md, peta-first). The open table is in the link
    (`tabel=1`), so a copied link opens it too."""
    # highest first; a unit whose value small-cell protection withheld is not ranked: it comes last, and a caption
    # says how many (issue 19: rankings by rate put desa of 50-100 children first)
    table = result.df.assign(keterangan=maps.status(result.df)).sort_values(measure, ascending=False,
                                                                           na_position="last")
    title = t("peta.table_title", level=t(f"level.{level}"))
    st.subheader(title)
    _table(table, view, result.source, title, measure, level)


def _asked_open() -> None:
    """On the session's first run, the link's open table (`tabel=1`); another value is said, like any not understood."""
    asked = filters.first_link_value(URL_NAME)
    if asked is None or TABLE_KEY in st.session_state:
        return
    if asked == OPEN:
        st.session_state[TABLE_KEY] = True
    else:
        filters.link_problem(URL_NAME, asked)


def _columns(view: View) -> list[str]:
    # with a category chosen its ATS column is its count: its own column beside it ("ATS: DO" and "DO") said it twice
    return [c for c in ("kode", "nama", "n_anak", "n_ats", "ats_pct", "n_do", "n_ltm", "n_bpb", "n_tamat12",
                        "keterangan") if not view.kategori_ats or c != f"n_{view.kategori_ats.lower()}"]


@st.fragment
def _table(table: pd.DataFrame, view: View, source: api.Source, title: str, measure: str, level: str) -> None:
    """The switch that shows the table, and the table or (closed) its downloads. Its own fragment: the switch reruns
    the table alone, not the map."""
    _asked_open()
    row = st.container(horizontal=True, vertical_alignment="center", gap="medium")
    shown = row.toggle(t("peta.table_show", n=number(len(table))), key=TABLE_KEY, width="content")
    filters.set_link(URL_NAME, OPEN if shown else None)
    if not shown:
        with row:  # the files hold every row, the table closed or open
            downloads(export.later(table, _columns(view), view=view, source=source, title=title, key=UNITS_KEY,
                                   decimals=DECIMALS), UNITS_KEY)
        return
    left_out = int(table[f"{measure}_hidden"].sum()) if f"{measure}_hidden" in table.columns else 0
    if left_out:
        st.caption(t("rank.left_out", n=left_out, level=t(f"level.{level}"), d=protection.min_denominator(),
                     k=protection.min_cell()))
    _table_rows(table, view, source, title, measure, level)


def _table_rows(table: pd.DataFrame, view: View, source: api.Source, title: str, measure: str, level: str) -> None:
    """The table itself: at most FIRST rows on screen, the first by the measure, with a switch that shows them all and
    a field that finds units by name or code among all; the downloads hold every row. Nobody reads 3,059 desa on a
    screen, and sending them cost the province's desa view 295 KB and 100 ms of number text at every rerun (a
    measure, a class method; benchmarks/README.md). In _table's fragment: the switch and the field rerun the table
    alone, not the map."""
    columns = _columns(view)
    shown, total = table, len(table)
    if total > FIRST:
        units = t(f"level.{level}")
        row = st.container(horizontal=True, vertical_alignment="bottom", gap="medium")
        term = row.text_input(t("peta.table_find", level=units), key="peta_units_find", max_chars=60,
                              placeholder=t("peta.table_find_hint"), width=320).strip()
        everything = row.toggle(t("peta.table_all", n=number(total)), key="peta_units_all", width="content")
        if term:
            shown = table[table["nama"].str.contains(term, case=False, regex=False, na=False)
                          | table["kode"].str.startswith(term, na=False)]
        matches = len(shown)
        if not everything:
            shown = shown.head(FIRST)
        if term:
            said = t("peta.table_found", n=number(matches), total=number(total), level=units, term=term)
            if len(shown) < matches:
                said += " " + t("peta.table_found_first", n=number(len(shown)))
        elif everything:
            said = t("peta.table_every", total=number(total), level=units, measure=view.measure(measure))
        else:
            said = t("peta.table_first", n=number(len(shown)), total=number(total), level=units,
                     measure=view.measure(measure))
        st.caption(said)
    data_table(table, columns, DECIMALS, view=view, source=source, title=title, key=UNITS_KEY, screen=shown)
