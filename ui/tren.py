"""The sections of the Tren page: the trend of the chosen wilayah with its empty states, the breakdown by group,
the targets, the small multiples and the biggest changes one level down, the participation indicators."""

import pandas as pd
import streamlit as st

from data import api
from ui import charts, filters, source
from ui.fmt import number
from ui.i18n import t
from ui.widgets import CHART_CONFIG, data_table, wilayah_name

def focus_round(trend: pd.DataFrame, f: filters.Filters):
    """The round the summary speaks of: the chosen round, else the latest surveyed one."""
    surveyed = trend[trend["is_surveyed"]]
    if f.survey_round is not None and (surveyed["survey_round"] == f.survey_round).any():
        return f.survey_round
    return int(surveyed["survey_round"].max()) if len(surveyed) else None


def trend_section(result: api.Result, targets: api.Result, f: filters.Filters) -> bool:
    """Summary line, trend chart (targets when the wilayah is a kab/kota), counts and coverage; the
    empty states (never enumerated, nobody selected, a single round). True when there is a trend to show."""
    df, name = result.df, wilayah_name(f)
    surveyed = df[df["is_surveyed"]]
    if surveyed.empty:
        st.warning(t("tren.empty", wilayah=name))
        return False
    if (surveyed["n_anak"].fillna(0).eq(0) & ~surveyed["n_anak_hidden"].fillna(False)).all():  # hidden is not nobody
        st.warning(t("tren.nobody", wilayah=name))
        source.note(result.source)
        return False
    round_ = focus_round(df, f)
    row = surveyed[surveyed["survey_round"] == round_].iloc[0]
    st.markdown(t("tren.summary", wilayah=name, round=round_, n_ats=number(row["n_ats"]), n_anak=number(row["n_anak"]),
                  ats_pct=number(row["ats_pct"], 1)))
    if len(surveyed) == 1:
        st.info(t("tren.single_round", wilayah=name, round=round_))
    elif pd.notna(row["prev_survey_round"]):
        sign = lambda v, d: ("+" if v > 0 else "") + number(v, d)  # noqa: E731
        st.markdown(t("tren.change", prev=int(row["prev_survey_round"]), d_n_ats=sign(row["d_n_ats"], 0),
                      d_ats_pct=sign(row["d_ats_pct"], 2) if pd.notna(row["d_ats_pct"]) else "–"))
    for _, b in surveyed[surveyed["is_coverage_break"].fillna(False).astype(bool)].iterrows():
        st.warning(t("tren.break_warning", prev=int(b["prev_survey_round"]), round=int(b["survey_round"])),
                   icon=":material/warning:")
    own_targets = targets.df[targets.df["kode_kab"] == f.kode] if len(targets.df) else None
    c1, c2 = st.columns([3, 2])
    with c1:
        st.plotly_chart(charts.trend(df, own_targets), key="tren_chart", config=CHART_CONFIG, theme=None)
    with c2:
        st.plotly_chart(charts.coverage(surveyed), key="tren_coverage", config=CHART_CONFIG, theme=None)
    st.plotly_chart(charts.counts_by_category(surveyed), key="tren_counts", config=CHART_CONFIG, theme=None)
    source.note(result.source)
    return True


def targets_section(result: api.Result, f: filters.Filters) -> None:
    st.subheader(t("tren.targets"))
    df = result.df
    if df.empty:
        st.info(t("tren.no_targets", wilayah=wilayah_name(f)))
        return
    st.caption(t("tren.targets_note"))
    for kode, part in df.groupby("kode_kab", sort=True):
        judged = part[part["status"].notna()]
        if len(judged):
            last = judged.iloc[-1]
            st.markdown(t("tren.status_latest", nama=last["nama"], year=int(last["year"]), ats_pct=number(last["ats_pct"], 1),
                          target=number(last["target_ats_pct"], 1), status=t(f"status.{last['status']}")))
    table = df.assign(status=df["status"].map(lambda s: t(f"status.{s}") if isinstance(s, str) else t("status.none")))
    data_table(table, ["nama", "year", "target_ats_pct", "ats_pct", "gap_pct", "status"],
               {"target_ats_pct": 1, "ats_pct": 2, "gap_pct": 2})
    source.note(result.source)


def group_section(result: api.Result, by: str) -> None:
    df = result.df
    if df.empty or df["n_anak"].eq(0).all():
        return
    st.plotly_chart(charts.by_group(df, by), key=f"tren_group_{by}", config=CHART_CONFIG, theme=None)
    source.note(result.source)


def small_multiples_section(result: api.Result, f: filters.Filters, level: str) -> None:
    st.subheader(t("tren.small_multiples", level=t(f"level.{level}")))
    df = result.df
    if df.empty or not df["ats_pct"].notna().any():
        st.info(t("tren.small_multiples_none", wilayah=wilayah_name(f)))
        return
    st.plotly_chart(charts.small_multiples(df), key=f"tren_multiples_{level}", config=CHART_CONFIG, theme=None)
    source.note(result.source)


def changes_section(result: api.Result, f: filters.Filters, round_, n: int = 5) -> None:
    """The units that improved and worsened most in the focus round against their previous round."""
    st.subheader(t("tren.changes"))
    df = result.df
    moved = df[(df["survey_round"] == round_) & df["d_ats_pct"].notna()] if len(df) else df
    if moved.empty:
        st.info(t("tren.no_changes", wilayah=wilayah_name(f)))
        return
    better = moved[moved["d_ats_pct"] < 0].sort_values("d_ats_pct").head(n)
    worse = moved[moved["d_ats_pct"] > 0].sort_values("d_ats_pct", ascending=False).head(n)
    c1, c2 = st.columns(2)
    for col, part, key, color in ((c1, better, "improved", charts.IMPROVED), (c2, worse, "worsened", charts.WORSENED)):
        with col:
            if len(part):
                st.plotly_chart(charts.changes(part, t(f"tren.{key}"), color), key=f"tren_{key}", config=CHART_CONFIG, theme=None)
            else:
                st.markdown(f"**{t(f'tren.{key}')}:** –")
    st.caption(t("tren.changes_note"))
    source.note(result.source)


def participation_section(result: api.Result, reference: api.Result) -> None:
    st.subheader(t("tren.participation"))
    df = result.df
    if df.empty or df["n_anak"].eq(0).all():
        st.info(t("tren.participation_empty"))
        return
    ref = reference.df
    first = ref.iloc[0] if len(ref) else None
    st.caption(t("tren.participation_note", reference=first["source_system"] if first is not None else "–",
                 area=first["area"] if first is not None else "–", year=int(first["year"]) if first is not None else "–"))
    st.plotly_chart(charts.participation(df, ref), key="tren_aps", config=CHART_CONFIG, theme=None)
    table = df.assign(age_group=df["age_group"].map(lambda g: t(f"grp.{g}")))
    data_table(table, ["survey_round", "age_group", "n_sekolah", "n_anak", "aps", "ats_rate"],
               {"aps": 2, "ats_rate": 2}, height=320)
    source.note(result.source)
    if len(ref):
        source.note(reference.source)
