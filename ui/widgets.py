"""Shared page pieces: breadcrumb, the map section with its empty states, the unit table; the sections of
the Tren and Penanganan pages with their empty states."""

import datetime as dt

import pandas as pd
import streamlit as st

from data import api
from data.codes import CHILD_LEVEL, level_of
from ui import charts, filters, maps, source
from ui.fmt import MISSING, date, number
from ui.i18n import lang, t

PARENT_LENGTH = {"kab": 2, "kec": 5, "kel": 8}


def _drill(kode: str, level: str | None) -> None:
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
            ("› " if i else "") + names.get(kode, kode),
            key=f"crumb_{kode}",
            disabled=last,
            on_click=_drill,
            args=(kode, CHILD_LEVEL.get(level_of(kode))),
            type="tertiary",
        )


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
        _drill(kode, CHILD_LEVEL[level])


def map_section(result: api.Result, level: str, f: filters.Filters, measure: str, method: str) -> None:
    df = result.df
    name = api.wilayah_by_kode([f.kode])["nama"].iloc[0]
    round_label = df["survey_round"].iloc[0] if len(df) and pd.notna(df["survey_round"].iloc[0]) else "–"
    if not df["is_surveyed"].any():
        st.warning(t("peta.empty", wilayah=name, round=round_label))
    elif df["n_anak"].sum() == 0:
        st.warning(t("peta.nobody", wilayah=name))
    else:
        total = _summary(f)
        if total is not None:
            st.markdown(
                t(
                    "peta.summary",
                    wilayah=name,
                    round=round_label,
                    n_ats=number(total["n_ats"]),
                    n_anak=number(total["n_anak"]),
                    ats_pct=number(total["ats_pct"], 1),
                )
            )

    bounds = api.boundaries(level, f.kode)
    if bounds.url is None:
        st.info(t("peta.no_boundaries"))
        return
    fig, classes = maps.build(df, bounds, measure, method, revision=f"{level}:{f.kode}")
    n_no_data = int((classes.index < 0).sum())
    st.markdown(maps.legend_html(classes, n_no_data, t(f"measure.{measure}")), unsafe_allow_html=True)
    chart_key = f"map_{level}_{f.kode}"
    st.plotly_chart(
        fig,
        key=chart_key,
        on_select=lambda: _on_map_click(chart_key, level),
        selection_mode="points",
        config={"scrollZoom": True, "displaylogo": False},
    )
    if level in CHILD_LEVEL:
        st.caption(t("peta.click_hint"))


def unit_table(df: pd.DataFrame, measure: str) -> None:
    """The units of the map, with the children who completed 12 years (not ATS) last, apart from the ATS counts."""
    columns = ["kode", "nama", "n_anak", "n_ats", "ats_pct", "n_do", "n_ltm", "n_bpb", "n_tamat12"]
    table = df[columns].sort_values(measure, ascending=False, na_position="last")
    decimal, thousands = (",", ".") if lang() == "id" else (".", ",")
    counts = ["n_anak", "n_ats", "n_do", "n_ltm", "n_bpb", "n_tamat12"]
    styled = (
        table.style.format(subset=counts, precision=0, na_rep=MISSING, decimal=decimal, thousands=thousands)
        .format(subset=["ats_pct"], precision=1, na_rep=MISSING, decimal=decimal, thousands=thousands)
    )
    st.subheader(t("peta.table"))
    st.dataframe(
        styled,
        hide_index=True,
        width="stretch",
        placeholder=MISSING,  # a desa not surveyed in the round (Streamlit prints "None", Styler's na_rep aside)
        column_config={c: t(f"col.{c}") for c in columns},
    )


# Tren and Penanganan pages ------------------------------------------------------------------------

CHART_CONFIG = {"displaylogo": False}  # the charts carry their own projector-sized styling (theme=None)


def all_rounds_params(f: filters.Filters) -> dict:
    """The global filters as parameters of a query that lists every round (trends, handling per round):
    all but survey_round."""
    return {k: v for k, v in f.query_params().items() if k != "survey_round"}


def _has_filters(f: filters.Filters) -> bool:
    return any(v is not None for v in all_rounds_params(f).values())


def data_table(df: pd.DataFrame, columns: list[str], decimals: dict | None = None, height="auto") -> None:
    """A table in the page's number format; `decimals` maps a column to its decimals (counts: 0). Numbers are
    shown as formatted text, right-aligned, so a missing value reads "–" (Streamlit would print None)."""
    decimals = decimals or {}
    df = df[columns].copy()
    config = {}
    for c in columns:
        values = df[c]
        if values.dtype == object and values.map(lambda v: v is None or isinstance(v, (int, float))).all():
            values = pd.to_numeric(values)
        if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
            plain = c in ("survey_round", "year")
            df[c] = [("–" if pd.isna(v) else str(int(v))) if plain else number(v, decimals.get(c, 0)) for v in values]
            config[c] = st.column_config.TextColumn(t(f"col.{c}"), alignment="right")
        else:
            config[c] = t(f"col.{c}")
    st.dataframe(df, hide_index=True, width="stretch", placeholder=MISSING, height=height, column_config=config)


def _name(f: filters.Filters) -> str:
    return api.wilayah_by_kode([f.kode])["nama"].iloc[0]


def focus_round(trend: pd.DataFrame, f: filters.Filters):
    """The round the summary speaks of: the chosen round, else the latest surveyed one."""
    surveyed = trend[trend["is_surveyed"]]
    if f.survey_round is not None and (surveyed["survey_round"] == f.survey_round).any():
        return f.survey_round
    return int(surveyed["survey_round"].max()) if len(surveyed) else None


def trend_section(result: api.Result, targets: api.Result, f: filters.Filters) -> bool:
    """Summary line, trend chart (targets when the wilayah is a kab/kota), counts and coverage; the
    empty states (never enumerated, nobody selected, a single round). True when there is a trend to show."""
    df, name = result.df, _name(f)
    surveyed = df[df["is_surveyed"]]
    if surveyed.empty:
        st.warning(t("tren.empty", wilayah=name))
        return False
    if surveyed["n_anak"].fillna(0).eq(0).all():
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
        st.info(t("tren.no_targets", wilayah=_name(f)))
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
    if "is_ats" in df and not df["is_ats"].all():
        st.caption(t("tren.tamat12_note"))
    source.note(result.source)


def small_multiples_section(result: api.Result, f: filters.Filters, level: str) -> None:
    st.subheader(t("tren.small_multiples", level=t(f"level.{level}")))
    df = result.df
    if df.empty or not df["ats_pct"].notna().any():
        st.info(t("tren.small_multiples_none", wilayah=_name(f)))
        return
    st.plotly_chart(charts.small_multiples(df), key=f"tren_multiples_{level}", config=CHART_CONFIG, theme=None)
    source.note(result.source)


def changes_section(result: api.Result, f: filters.Filters, round_, n: int = 5) -> None:
    """The units that improved and worsened most in the focus round against their previous round."""
    st.subheader(t("tren.changes"))
    df = result.df
    moved = df[(df["survey_round"] == round_) & df["d_ats_pct"].notna()] if len(df) else df
    if moved.empty:
        st.info(t("tren.no_changes", wilayah=_name(f)))
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
    st.caption(t("tren.participation_gap"))
    # the census ATS rate under its own header: beside 100 - APS it is not "the" out-of-school rate
    table = df.assign(age_group=df["age_group"].map(lambda g: t(f"grp.{g}"))).rename(columns={"ats_pct": "ats_pct_kategori"})
    data_table(table, ["survey_round", "age_group", "n_sekolah", "n_anak", "aps", "ats_rate", "ats_pct_kategori",
                       "tamat12_pct", "n_tamat12"],
               {"aps": 2, "ats_rate": 2, "ats_pct_kategori": 2, "tamat12_pct": 2}, height=320)
    source.note(result.source)
    if len(ref):
        source.note(reference.source)


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
    name, round_ = _name(f), handling_round(funnel, f)
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
                             t("penanganan.reason_wilayah", level=t(f"level.{child_level}")), decimals=0)
        st.plotly_chart(fig, key="handling_reason_wilayah", config=CHART_CONFIG, theme=None)
        source.note(by_wilayah.source)


def worklist_section(result: api.Result, f: filters.Filters, round_) -> None:
    st.subheader(t("penanganan.worklist"))
    df = result.df
    if df.empty:
        st.info(t("penanganan.no_open", wilayah=_name(f), round=round_))
        return
    st.caption(t("penanganan.worklist_note", as_of=date(df["as_of"].iloc[0])))
    data_table(df, ["nama", "nama_kec", "n_open", "n_open_unverified", "n_open_intervened", "oldest_open_date", "days_open"])
    source.note(result.source)


def child_level(f: filters.Filters) -> str | None:
    return CHILD_LEVEL.get(level_of(f.kode))
