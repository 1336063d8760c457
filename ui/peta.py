"""The sections of the Peta page: the summary line of the chosen wilayah, the map with its empty states and its
click to drill down, the table of units."""

import pandas as pd
import streamlit as st

from data import api
from domain.wilayah import CHILD_LEVEL, level_of
from ui import export, filters, maps, profile
from ui.fmt import MISSING, count, rate
from ui.i18n import lang, t
from ui.view import View
from ui.widgets import downloads, drill

PARENT_LENGTH = {"kab": 2, "kec": 5, "kel": 8}


def _summary(f: filters.Filters) -> pd.Series | None:
    level = level_of(f.kode)
    parent = f.kode[: PARENT_LENGTH[level]] if level in PARENT_LENGTH else None
    rows = api.ats_by_wilayah(level=level, kode_induk=parent, **f.query_params()).df
    row = rows[rows["kode"] == f.kode]
    return None if row.empty else row.iloc[0]


def _on_map_click(chart_key: str, level: str) -> None:
    points = st.session_state[chart_key].selection.get("points", [])
    kode = next((p.get("location") for p in points if p.get("location")), None)
    if kode and level in CHILD_LEVEL:
        drill(kode, CHILD_LEVEL[level])
    elif kode:  # the lowest level: the unit's profile (ui/profile.py)
        profile.open_unit(kode)


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
        total = _summary(f)
        if total is not None:
            st.markdown(
                t(
                    "peta.summary",
                    wilayah=view.name,
                    period=view.period,
                    n_ats=count(total["n_ats"], total["n_ats_hidden"]),
                    ats_noun=view.ats_noun(),
                    n_anak=count(total["n_anak"], total["n_anak_hidden"]),
                    who=view.who(),
                    ats_pct=rate(total["ats_pct"], total["ats_pct_hidden"]),
                )
            )

    bounds = api.boundaries(level, f.kode)
    if bounds.url is None:
        st.info(t("peta.no_boundaries"))
        return
    fig, classes = maps.build(df, bounds, measure, method, revision=f"{level}:{f.kode}", described=view)
    n_no_data = int((classes.index == -1).sum())
    n_hidden = int((classes.index == maps.HIDDEN_CLASS).sum())
    st.markdown(maps.legend_html(classes, n_no_data, view.measure(measure), view.line(), n_hidden), unsafe_allow_html=True)
    chart_key = profile.map_key(level, f.kode)
    st.plotly_chart(
        profile.keep_colours(fig),
        key=chart_key,
        on_select=lambda: _on_map_click(chart_key, level),
        selection_mode="points",
        config={"scrollZoom": True, "displaylogo": False},
    )
    st.caption(t("peta.click_hint") if level in CHILD_LEVEL else t("profile.click_hint"))
    profile.show(f, view)  # the drawer of the unit clicked (or in the link): with the map, whatever reruns it


def unit_table(result: api.Result, view: View, measure: str, level: str) -> None:
    """The units of the map, sorted by the measure shown, with their downloads (the same rows as the map); the children
    who completed 12 years (not ATS) last, apart from the ATS counts."""
    columns = ["kode", "nama", "n_anak", "n_ats", "ats_pct", "n_do", "n_ltm", "n_bpb", "n_tamat12"]
    table = result.df[columns].sort_values(measure, ascending=False, na_position="last")
    decimal, thousands = (",", ".") if lang() == "id" else (".", ",")
    counts = ["n_anak", "n_ats", "n_do", "n_ltm", "n_bpb", "n_tamat12"]
    styled = (
        table.style.format(subset=counts, precision=0, na_rep=MISSING, decimal=decimal, thousands=thousands)
        .format(subset=["ats_pct"], precision=1, na_rep=MISSING, decimal=decimal, thousands=thousands)
    )
    title = t("peta.table_title", level=t(f"level.{level}"))
    st.subheader(title)
    st.dataframe(
        styled,
        hide_index=True,
        width="stretch",
        placeholder=MISSING,  # a desa not surveyed in the round (Streamlit prints "None", Styler's na_rep aside)
        column_config={c: view.column(c) for c in columns},
    )
    downloads(export.table(table, columns, view=view, source=result.source, title=title, key="peta_units",
                           decimals={"ats_pct": 1}), "peta_units")
