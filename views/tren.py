"""Tren: out-of-school children over the survey rounds for the chosen wilayah and each unit one level down,
with census coverage, breakdowns, targets and the BPS participation indicators."""

from functools import partial

import streamlit as st

from data import api
from domain.wilayah import level_of
from ui import filters, login, tren, view, widgets
from ui.i18n import t

f = filters.current()
who = login.principal()  # as app.py's login.gate() left it in this run
st.title(t("tren.title"))
widgets.breadcrumb(f)


@st.fragment
def breakdown(f: filters.Filters, who, params: dict, every: view.View) -> None:
    """The breakdown control with its chart: a change of breakdown reruns this part only, not the sidebar, the login,
    the trend above and the sections below (as the map's controls on Peta, views/peta.py). Such a rerun still passes
    the login gate: a session that ended or changed role reruns the app, which says so."""
    if login.gate() != who:
        st.rerun()
    c1, _ = st.columns([1, 2])
    by = filters.select(c1, "tren_by", t("tren.by"), tren.BREAKDOWNS, lambda b: t(f"by.{b}"))
    tren.group_section(api.ats_trend_by_group(f.who, kode=f.kode, by=by, **params), by, every)
    filters.sync_url()  # a rerun of this part alone does not reach app.py's filters.finish()


@st.fragment
def sections(f: filters.Filters, who, params: dict, child: str | None, trend: api.Result, targets: api.Result,
             every: view.View, focus: view.View) -> None:
    """The sections under the breakdown as tabs of which only the open one runs and is drawn (ui.tren.SECTIONS): at a
    filter change Plotly drew every chart of them, in a hidden tab too. A change of tab reruns this part only, and
    passes the login gate as breakdown() does."""
    if login.gate() != who:
        st.rerun()
    labels = tren.section_labels(child)
    tren.link_section(tren.open_section(child))
    tabs = dict(zip(labels, st.tabs(list(labels.values()), key=tren.SECTION_KEY, on_change="rerun")))
    if tabs["targets"].open:
        with tabs["targets"]:
            tren.targets_section(targets, every)
    if child and tabs["units"].open:
        with tabs["units"]:
            units = api.ats_trend_by_round(f.who, level=child, kode_induk=f.kode, **params)
            tren.units_section(units, every, child)
            tren.changes_section(units, focus, tren.focus_round(trend.df, f))
    if tabs["participation"].open:
        with tabs["participation"]:
            tren.participation_section(api.aps_by_round(f.who, kode=f.kode, sex=f.sex, has_disability=f.has_disability),
                                       api.ats_reference_by_year(), every)
            st.caption(t("tren.participation_filters"))
    filters.sync_url()  # a rerun of this part alone does not reach app.py's filters.finish()


params = widgets.all_rounds_params(f)
child = widgets.child_level(f)
section = tren.open_section(child)
# the queries below the trend, started now beside it (a filter change with new numbers: ui.tren.prefetch): the
# breakdown's and the open tab's; not for a wilayah no round enumerated (its rounds, cached for the sidebar), where
# the page says only that (tren.empty)
if len(api.survey_rounds(f.who, kode_induk=f.kode).df):
    tren.prefetch(partial(api.ats_trend_by_group, f.who, kode=f.kode, by=tren.breakdown_chosen(), **params),
                  partial(api.ats_trend_by_round, f.who, level=child, kode_induk=f.kode, **params)
                  if section == "units" else None,
                  partial(api.aps_by_round, f.who, kode=f.kode, sex=f.sex, has_disability=f.has_disability)
                  if section == "participation" else None)
trend = api.ats_trend_by_round(f.who, level=level_of(f.kode), kode_induk=f.kode, **params)
targets = api.ats_target_by_round(f.who, kode=f.kode)
every, focus = tren.views(f, view.build(f), trend.df)
if tren.trend_section(trend, targets, f, every, focus):
    breakdown(f, who, params, every)
    sections(f, who, params, child, trend, targets, every, focus)
