"""The sections of the Penanganan page: the round and headline numbers with the empty states, the funnel, the
outcomes, the pathways, the reasons, the worklist of open cases, the returns per round."""

import datetime as dt

import pandas as pd
import streamlit as st

from data import api
from ui import charts, filters, source
from ui.fmt import date, number
from ui.i18n import t, t_chart
from ui.widgets import CHART_CONFIG, all_rounds_params, data_table, wilayah_name

def _has_filters(f: filters.Filters) -> bool:
    return any(v is not None for v in all_rounds_params(f).values())


def handling_round(funnel: api.Result, f: filters.Filters):
    """The round the handling page speaks of: the funnel's, else the chosen or latest enumerated round."""
    if len(funnel.df):
        return int(funnel.df["survey_round"].iloc[0])
    if f.survey_round is not None:
        return f.survey_round
    rounds = api.survey_rounds(kode_induk=f.kode).df
    return int(rounds["survey_round"].max()) if len(rounds) else None


def handling_header(funnel: api.Result, summary: api.Result, f: filters.Filters) -> bool:
    """The round line, headline numbers and the empty states. True when the round has handling data."""
    name, round_ = wilayah_name(f), handling_round(funnel, f)
    if round_ is None:
        st.warning(t("penanganan.no_survey", wilayah=name))
        return False
    if funnel.df.empty:
        st.warning(t("penanganan.nobody" if _has_filters(f) else "penanganan.empty", wilayah=name, round=round_))
        source.note(funnel.source)
        return False
    as_of = funnel.df["as_of"].iloc[0]
    st.markdown(t("penanganan.round", wilayah=name, round=round_, as_of=date(as_of)))
    rows = summary.df[summary.df["survey_round"] == round_]
    if len(rows):
        r = rows.iloc[0]
        c = st.columns(5)
        c[0].metric(t("kpi.identified"), number(r["n_identified"]))
        c[1].metric(t("kpi.confirmed"), number(r["n_confirmed"]))
        c[2].metric(t("kpi.returned"), f"{number(r['n_returned'])} ({number(r['return_pct'], 1)})",
                    help=t("kpi.returned_help", formal=number(r["n_returned_formal"]),
                           nonformal=number(r["n_returned_nonformal"]), pct=number(r["return_pct"], 1)))
        c[3].metric(t("kpi.median_days"), number(r["median_days_to_return"]))
        retention = t("kpi.retention_help", retained=number(r["n_retained"]), base=number(r["n_retention_base"])) \
            if r["n_retention_base"] > 0 else t("kpi.retention_none")
        c[4].metric(t("kpi.retention"), number(r["retention_pct"], 1), help=retention)
    rounds = set(api.survey_rounds(kode_induk=f.kode).df["survey_round"])
    if round_ == max(rounds) and pd.Timestamp(as_of) < pd.Timestamp(dt.date(round_ + 1, 7, 15)):
        st.info(t("penanganan.in_progress", round=round_, prev=round_ - 1))
        if (round_ - 1) in rounds:
            st.button(t("penanganan.show_round", round=round_ - 1), key="penanganan_prev_round",
                      on_click=filters.choose_round, args=(round_ - 1,))
    return True


def funnel_section(result: api.Result) -> None:
    df = result.df
    c1, c2 = st.columns([3, 2])
    with c1:
        st.plotly_chart(charts.funnel(df), key="handling_funnel", config=CHART_CONFIG, theme=None)
    with c2:
        table = df.assign(step=df["step"].map(lambda s: t(f"step.{s}")))
        data_table(table, ["step", "n", "pct_prev", "pct_identified"], {"pct_prev": 1, "pct_identified": 1})
    source.note(result.source)


def outcomes_section(result: api.Result) -> None:
    st.subheader(t("penanganan.outcomes"))
    df = result.df
    c1, c2 = st.columns(2)
    for col, kind, title, color in ((c1, "bukan_ats", "penanganan.bukan_ats", charts.NEUTRAL),
                                    (c2, "hasil", "penanganan.hasil", charts.OKABE_ITO[2])):
        part = df[df["outcome_type"] == kind]
        with col:
            if len(part):
                st.plotly_chart(charts.outcome_bars(part, t(title), color), key=f"handling_{kind}", config=CHART_CONFIG, theme=None)
            else:
                st.markdown(f"**{t(title)}:** –")
    source.note(result.source)


def pathways_section(result: api.Result) -> None:
    st.subheader(t("penanganan.pathways"))
    df = result.df
    if df.empty:
        st.caption(t("penanganan.no_pathways"))
        return
    st.plotly_chart(charts.pathways(df), key="handling_pathways", config=CHART_CONFIG, theme=None)
    table = df.assign(jenis_intervensi=df["jenis_intervensi"].map(lambda j: t(f"intervensi.{j}")))
    data_table(table, ["jenis_intervensi", "n_intervened", "n_returned", "return_pct", "median_days_to_return"],
               {"return_pct": 1, "median_days_to_return": 0})
    source.note(result.source)


def per_round_section(result: api.Result) -> None:
    st.subheader(t("penanganan.per_round"))
    df = result.df
    if df.empty:
        return
    st.plotly_chart(charts.returns_by_round(df), key="handling_per_round", config=CHART_CONFIG, theme=None)
    data_table(df, ["survey_round", "n_identified", "n_confirmed", "n_returned", "return_pct", "median_days_to_return",
                    "n_open", "retention_pct"], {"return_pct": 1, "retention_pct": 1})
    source.note(result.source)


def reasons_section(by_kategori: api.Result, by_wilayah: api.Result | None, child_level: str | None) -> None:
    st.subheader(t("penanganan.reasons"))
    df = by_kategori.df
    if df.empty:
        st.info(t("penanganan.no_reasons"))
        return
    c1, c2 = st.columns([1, 1])
    with c1:
        fig = charts.heatmap(df, "kategori_ats", "alasan", "n_confirmed", lambda k: t(f"kategori.{k}").split(":")[0],
                             lambda a: t(f"alasan.{a}"), t("penanganan.reason_heatmap"))
        st.plotly_chart(fig, key="handling_reason_kategori", config=CHART_CONFIG, theme=None)
    with c2:
        st.markdown(f"**{t('penanganan.least_resolved')}**")
        least = df[df["n_confirmed"] >= 10].sort_values(["return_pct", "n_confirmed"], ascending=[True, False]).head(8)
        if least.empty:  # an empty table would say "empty", in English
            st.caption(t("penanganan.least_resolved_none"))
        else:
            table = least.assign(alasan=least["alasan"].map(lambda a: t(f"alasan.{a}")))
            data_table(table, ["alasan", "kategori_ats", "n_confirmed", "return_pct"], {"return_pct": 1})
            st.caption(t("penanganan.least_resolved_note"))
    source.note(by_kategori.source)
    if by_wilayah is not None and len(by_wilayah.df):
        w = by_wilayah.df
        fig = charts.heatmap(w, "alasan", "kode", "share_pct", lambda a: t(f"alasan.{a}"),
                             dict(zip(w["kode"], w["nama"])).get,
                             t_chart("penanganan.reason_wilayah", level=t(f"level.{child_level}")), decimals=0)
        st.plotly_chart(fig, key="handling_reason_wilayah", config=CHART_CONFIG, theme=None)
        source.note(by_wilayah.source)


def worklist_section(result: api.Result, f: filters.Filters, round_) -> None:
    st.subheader(t("penanganan.worklist"))
    df = result.df
    if df.empty:
        st.info(t("penanganan.no_open", wilayah=wilayah_name(f), round=round_))
        return
    st.caption(t("penanganan.worklist_note", as_of=date(df["as_of"].iloc[0])))
    data_table(df, ["nama", "nama_kec", "n_open", "n_open_unverified", "n_open_intervened", "oldest_open_date", "days_open"])
    source.note(result.source)
