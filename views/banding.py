"""Bandingkan: 2-4 kab/kota or kecamatan of the chosen province side by side: maps under one legend, their trends
on one chart, one table; the global filters apply."""

import streamlit as st

from data import api
from ui import banding, filters, login, maps, view
from ui.i18n import t
from ui.widgets import all_rounds_params

f = filters.current()
st.title(t("banding.title"))
st.caption(t("banding.intro", most=banding.MOST))

c1, c2 = st.columns([1, 3])
level = banding.choose_level(c1, f)
if level is None:
    st.info(t("banding.scope_too_small", scope=login.scope_text(f.who)))
    st.stop()
units = banding.options(f, level)
kodes = banding.pick(c2, units, f.kode_kab if level == "kab" else f.kode_kec)
if banding.hint(kodes):
    c3, c4, _ = st.columns([1, 1, 2])
    # the Peta page's keys: the same choice, in the link as ukuran= and kelas=
    measure = filters.select(c3, "peta_measure", t("peta.measure"), maps.MEASURES, lambda m: t(f"measure.{m}"))
    method = filters.select(c4, "peta_method", t("peta.method"), maps.METHODS, lambda m: t(f"method.{m}"))
    round_ = banding.common_round(f, kodes)
    names = banding.names(units)
    v = view.build(f, levels=1, period=view.round_words(round_))
    banding.maps_section(kodes, names, f, round_, v, measure, method)
    trends = [api.ats_trend_by_round(f.who, level=level, kode_induk=k, **all_rounds_params(f)) for k in kodes]
    banding.trend_section(trends, names, v)
    banding.table_section(api.ats_by_wilayah(f.who, level=level, kode_induk=banding.area(f, level),
                                             **banding.params(f, round_)), kodes, v, level)
