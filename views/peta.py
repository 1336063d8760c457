"""Peta: choropleth of out-of-school children under the chosen wilayah, with a table and sources."""

import streamlit as st

from data import api
from ui import filters, maps, peta, source, view, widgets
from ui.i18n import t

f = filters.current()
st.title(t("peta.title"))
widgets.breadcrumb(f)

c1, c2, c3 = st.columns(3)
level = filters.select(c1, "peta_level", t("peta.level"), f.map_levels(), lambda lv: t(f"level.{lv}"))
measure = filters.select(c2, "peta_measure", t("peta.measure"), maps.MEASURES, lambda m: t(f"measure.{m}"))
method = filters.select(c3, "peta_method", t("peta.method"), maps.METHODS, lambda m: t(f"method.{m}"))

result = api.ats_by_wilayah(level=level, kode_induk=f.kode, **f.query_params())
shown = peta.shown_round(result.df)
v = view.build(f, period=view.round_words(shown), as_of=view.census_date(f.kode, shown))
peta.map_section(result, level, f, v, measure, method)
peta.unit_table(result, v, measure, level)
source.note(result.source, v)
