"""KLA Klaster IV: where a kab/kota stands on cluster IV (education, leisure, culture) of Kabupaten/Kota Layak Anak:
scorecard with targets, trend and evidence; tier history; comparison with the province; definitions; entry of
administrative values (validated, audited)."""

from functools import partial

import streamlit as st

from data import api
from ui import figure_charts, filters, kla, login, source, view
from ui.figure_files import buttons
from ui.widgets import chart, downloads
from ui.i18n import t
from ui.safe import plain

f = filters.current()
st.title(t("kla.title"))
st.caption(t("kla.intro"))
if not f.who.covers(f.kode_kab or f.kode_prov):  # a kecamatan's account: KLA values are of the whole kab/kota
    st.info(t("scope.kla_needs_kab", scope=login.scope_text(f.who)))
    st.stop()
kode_prov = None if f.kode_kab else f.kode_prov  # the queries read kode_prov only without kode_kab

defs = api.kla_definitions_by_indikator()
c1, c2, c3 = st.columns(3)
frameworks = kla.frameworks(defs.df)
framework = filters.select(c1, "kla_framework", t("kla.framework"), frameworks, frameworks.get)
trend = api.kla_indicators_by_tahun(f.who, kode_kab=f.kode_kab, kode_prov=kode_prov, framework=framework)
evaluations = api.kla_evaluasi_by_kab(f.who, kode_kab=f.kode_kab, kode_prov=kode_prov)
year_options = kla.years(trend.df, evaluations.df)
if not year_options:
    st.info(t("kla.no_data"))
    st.stop()
tahun = kla.year_select(c2, year_options, f.survey_round)
indicator_options = kla.indicators(defs.df, framework)
kode = filters.select(c3, "kla_indikator", t("kla.indikator"), indicator_options, indicator_options.get, kla.DEFAULT_INDICATOR)
st.caption(t("kla.filters_note"))
v = view.build(f, period=t("view.year", year=tahun), levels=2)  # KLA is judged per kab/kota

if f.kode_kab:
    card = api.kla_indicators_by_kab(f.who, tahun=tahun, kode_kab=f.kode_kab, framework=framework)
    name = card.df["nama_kab"].iloc[0]
    st.subheader(t("kla.scorecard", wilayah=name, tahun=tahun))
    col_tier, col_hist = st.columns([1, 3])
    result = kla.tier_of_year(evaluations.df, tahun)
    col_tier.metric(t("kla.tier"), plain(result["tier"]) if result is not None and result["tier"] else "–",
                    help=plain(result["sumber"], 200) if result is not None else t("kla.tier.missing"))  # stored text
    col_tier.caption(kla.tier_caption(result))
    every_year = v.at(period=view.years_words(evaluations.df["tahun"]))
    if len(evaluations.df):
        with col_hist:
            chart(partial(kla.tier_figure, evaluations.df), "kla_tier_history", every_year.for_source(evaluations.source),
                  width=60)
            buttons(figure_charts.kla_tiers(evaluations.df, every_year.for_source(evaluations.source),
                                            evaluations.source), "kla_tier_history_files", t("kla.tier.history_title"))
    else:
        col_hist.info(t("kla.tier.history_empty", wilayah=name))
    source.note(evaluations.source, every_year)

    kla.show_scorecard(kla.scorecard(card.df, trend.df))
    title = t("kla.scorecard", wilayah=name, tahun=tahun)
    downloads(kla.scorecard_export(card.df, defs.df, v, card.source, title), "kla_scorecard")
    source.note(card.source, v)
else:
    st.info(t("kla.choose_kab"))

st.subheader(t("kla.compare", tahun=tahun))
if f.who.covers(f.kode_prov):  # the ranking compares every kab/kota of the province (Scope: parameter kode_prov)
    ranking = api.kla_ranking_by_kab(f.who, kode=kode, tahun=tahun, kode_prov=f.kode_prov)
    province = v.at(places=v.places[:1])
    if kla.ranked(ranking.df):
        chart(partial(kla.ranking_figure, ranking.df, f.kode_kab, indicator_options[kode]), "kla_ranking",
              province.for_source(ranking.source), top=130)
        buttons(figure_charts.kla_ranking(ranking.df, f.kode_kab, indicator_options[kode],
                                          province.for_source(ranking.source), ranking.source),
                "kla_ranking_files", indicator_options[kode])
        st.caption(kla.ranking_caption(ranking.df))
    elif len(ranking.df):  # every value withheld by small-cell protection
        st.info(kla.ranking_caption(ranking.df))
    else:
        st.info(t("kla.compare.empty", kode=kode, tahun=tahun))
    source.note(ranking.source, province)
else:
    st.info(t("scope.kla_ranking_needs_prov", scope=login.scope_text(f.who)))

with st.container(border=True):
    st.markdown(kla.definition_markdown(kla.definition(defs.df, kode)))
    source.note(defs.source, v.at(period=None))

if f.kode_kab:
    st.subheader(t("kla.input.title"))
    if login.may_write("kla_entry", f.kode_kab):  # the write checks the account again (ui.login.authorize)
        kla.flash()
        st.caption(t("kla.audit_note"))
        with st.expander(t("kla.input.value")):
            kla.value_form(f.kode_kab, kla.indicators(defs.df, framework, entered_only=True), tahun)
        with st.expander(t("kla.input.import")):
            kla.import_form()
        with st.expander(t("kla.input.eval")):
            kla.evaluation_form(f.kode_kab, tahun)
        with st.expander(t("kla.audit.title")):
            audit = api.kla_audit_by_kab(f.who, kode_kab=f.kode_kab)
            kla.audit_table(audit, v.at(period=None))
            source.note(audit.source, v.at(period=None))
