"""Peta: choropleth of out-of-school children under the chosen wilayah, with a table and sources."""

import streamlit as st

from data import api
from pack import page, present
from ui import filters, login, maps, peta, source, view, widgets
from ui.i18n import t

f = filters.current()
if present.presenting():  # ?presentasi=1: the meeting pack's slides, full screen (the page stops there)
    present.show(f)
who = login.principal()  # as app.py's login.gate() left it in this run
st.title(t("peta.title"))
widgets.breadcrumb(f)


@st.fragment
def map_and_table(f: filters.Filters, who) -> None:
    """The page's own controls with what they change: a change of level, measure or classes reruns this part only,
    not the sidebar, the login and the page above (a click that drills down reruns the app, ui.peta._on_map_click).
    Such a rerun still passes the login gate: a session that ended (idle, account disabled) or changed role reruns
    the app, which says so."""
    if login.gate() != who:
        st.rerun()
    c1, c2, c3 = st.columns(3)
    peta.fit_level(f)
    level = filters.select(c1, "peta_level", t("peta.level"), f.map_levels(), lambda lv: t(f"level.{lv}"))
    measure = filters.select(c2, "peta_measure", t("peta.measure"), maps.MEASURES, lambda m: t(f"measure.{m}"))
    method = filters.select(c3, "peta_method", t("peta.method"), maps.METHODS, lambda m: t(f"method.{m}"))

    result = api.ats_by_wilayah(f.who, level=level, kode_induk=f.kode, **f.query_params())
    shown = peta.shown_round(result.df)
    v = view.build(f, period=view.round_words(shown), as_of=view.census_date(f.who, f.kode, shown))
    peta.map_section(result, level, f, v, measure, method)
    peta.unit_table(result, v, measure, level)
    source.note(result.source, v)
    filters.sync_url()  # a rerun of this part alone does not reach app.py's filters.finish()


map_and_table(f, who)
page.section(f)  # the meeting pack of the kab/kota or province chosen
