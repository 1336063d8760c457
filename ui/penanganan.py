"""The sections of the Penanganan page: the round and headline numbers with the empty states, the funnel, the
outcomes, the pathways, the reasons, the worklist of open cases, the returns per round."""

import datetime as dt
from functools import partial

import pandas as pd
import streamlit as st

from data import api, protection
from domain.codes import KATEGORI_ATS
from ui import charts, figure_charts, filters, source
from ui.figure_files import buttons
from ui.fmt import RATE_DECIMALS, count_in, date, hidden_text, number, rate
from ui.i18n import t
from ui.safe import Markdown
from ui.view import View, round_words, rounds_words
from ui.widgets import all_rounds_params, chart, data_table, drawn_from, marks_caption

DATED_STEPS = ("verifikasi", "asesmen", "rujukan", "intervensi")  # the steps a file gives a date of their own


def _has_filters(f: filters.Filters) -> bool:
    return any(v is not None for v in all_rounds_params(f).values())


def handling_round(funnel: api.Result, f: filters.Filters):
    """The round the handling page speaks of: the funnel's, else the chosen or latest enumerated round."""
    if len(funnel.df):
        return int(funnel.df["survey_round"].iloc[0])
    if f.survey_round is not None:
        return f.survey_round
    rounds = api.survey_rounds(f.who, kode_induk=f.kode).df
    return int(rounds["survey_round"].max()) if len(rounds) else None


def views(f: filters.Filters, view: View, funnel: api.Result, summary: api.Result) -> tuple[View, View]:
    """The page's view at the round it speaks of (funnel, outcomes, reasons, worklist) and over every round with
    handling data (the returns per round), both dated by the last handling record."""
    as_of = date(funnel.df["as_of"].iloc[0]) if len(funnel.df) else None
    return (view.at(period=round_words(handling_round(funnel, f)), as_of=as_of),
            view.at(period=rounds_words(summary.df["survey_round"]), as_of=as_of))


def in_progress(round_, rounds, as_of) -> bool:
    """Handling of `round_` is still in progress when it is the latest of the wilayah's enumerated `rounds` and its
    records end before 15 July of the next year (the next round's census): returns to school will still rise. The
    Penanganan page and the meeting pack's handling slide say so by this one rule."""
    return bool(len(rounds)) and round_ == max(rounds) and pd.Timestamp(as_of) < pd.Timestamp(dt.date(round_ + 1, 7, 15))


def found_words(view: View) -> str:
    """The children a handling headline speaks of: 'anak 7-18', 'anak perempuan 13-15 tahun, putus sekolah (DO),'."""
    return view.who() + (f", {view.filter_word('kategori_ats')}," if view.kategori_ats else "")


def shown(row: pd.Series, column: str, decimals: int = 0) -> str:
    """A count of a handling query's row as published ("< k" when small-cell protection hid it because it is small,
    "disembunyikan" when it hid it as a complementary cell: ui.fmt.count_in) or a rate ("ditahan" when withheld)."""
    is_count = column.startswith("n_") or column == "n"
    return count_in(row, column) if is_count else rate(row[column], row.get(f"{column}_hidden", False), decimals)


def handling_header(funnel: api.Result, summary: api.Result, f: filters.Filters, view: View) -> bool:
    """The round line, headline numbers and the empty states. True when the round has handling data."""
    name, round_ = view.name, handling_round(funnel, f)
    if round_ is None:
        st.warning(t("penanganan.no_survey", wilayah=name))
        return False
    if funnel.df.empty:
        st.warning(t("penanganan.nobody" if _has_filters(f) else "penanganan.empty", wilayah=name, round=round_))
        source.note(funnel.source, view)
        return False
    as_of = funnel.df["as_of"].iloc[0]
    st.markdown(t("penanganan.round", wilayah=name, who=found_words(view), round=round_, as_of=date(as_of)))
    rows = summary.df[summary.df["survey_round"] == round_]
    if len(rows):
        r = rows.iloc[0]
        c = st.columns(5)
        c[0].metric(t("kpi.identified"), shown(r, "n_identified"))
        c[1].metric(t("kpi.confirmed"), shown(r, "n_confirmed"))
        # the rate under the count with its base, "0,2 per 100 ATS terkonfirmasi", as a caption that wraps (a metric's
        # delta was cut in a fifth of a 1366 px page): "2 (0,2)" said per 100 of what to nobody, beside a funnel whose
        # "2 · 1,1%" is of the step before. A withheld rate is left out ("< 5 (–)" claimed there is none): its help
        # says "ditahan"
        c[2].metric(t("kpi.returned"), shown(r, "n_returned"),
                    help=t("kpi.returned_help", formal=shown(r, "n_returned_formal"),
                           nonformal=shown(r, "n_returned_nonformal"), pct=shown(r, "return_pct", RATE_DECIMALS)))
        if not r["return_pct_hidden"] and pd.notna(r["return_pct"]):
            c[2].caption(t("kpi.returned_rate", pct=number(r["return_pct"], RATE_DECIMALS)))
        c[3].metric(t("kpi.median_days"), shown(r, "median_days_to_return"))
        based = r["n_retention_base_hidden"] or r["n_retention_base"] > 0
        retention = t("kpi.retention_help", retained=shown(r, "n_retained"), base=shown(r, "n_retention_base")) \
            if based else t("kpi.retention_none")
        c[4].metric(t("kpi.retention"), shown(r, "retention_pct", 1), help=retention)
    rounds = set(api.survey_rounds(f.who, kode_induk=f.kode).df["survey_round"])
    if in_progress(round_, rounds, as_of):
        st.info(t("penanganan.in_progress", round=round_, prev=round_ - 1))
        if (round_ - 1) in rounds:
            st.button(t("penanganan.show_round", round=round_ - 1), key="penanganan_prev_round",
                      on_click=filters.choose_round, args=(round_ - 1,))
    return True


def funnel_section(result: api.Result, view: View) -> None:
    df = result.df
    # the table under the chart, not beside it: in two fifths of a 1366 px page its columns were cut off at the right
    chart(partial(charts.funnel, df), "handling_funnel", view)
    buttons(figure_charts.funnel(df, view, result.source), "handling_funnel_files", t("penanganan.funnel"))
    table = df.assign(step=df["step"].map(lambda s: t(f"step.{s}")))
    data_table(table, ["step", "n", "pct_prev", "pct_identified"], {"pct_prev": 1, "pct_identified": 1}, view=view,
               source=result.source, title=t("penanganan.funnel"), key="handling_funnel_table")
    source.note(result.source, view)


def counting_notes(funnel: api.Result, summary: api.Result, round_) -> None:
    """What the counts rest on: how many children a step counts without a date of its own (a recorded later step
    implies the earlier ones), and how many verified not ATS have later steps that are not counted."""
    missing = [t(f"penanganan.no_date.{r['step']}", n=shown(r, "n_no_date"))
               for _, r in funnel.df.iterrows() if r["step"] in DATED_STEPS and (r["n_no_date_hidden"] or r["n_no_date"] > 0)]
    if missing:
        st.caption(t("penanganan.no_date", items=Markdown("; ".join(missing))))  # catalogue texts
    rows = summary.df[summary.df["survey_round"] == round_]
    if len(rows) and (rows["n_steps_after_bukan_ats_hidden"].iloc[0] or rows["n_steps_after_bukan_ats"].iloc[0] > 0):
        st.caption(t("penanganan.after_bukan_ats", n=shown(rows.iloc[0], "n_steps_after_bukan_ats")))


def outcomes_section(result: api.Result, view: View) -> None:
    st.subheader(t("penanganan.outcomes"))
    df = result.df
    c1, c2 = st.columns(2)
    for col, kind, title, color in ((c1, "bukan_ats", "penanganan.bukan_ats", charts.NEUTRAL),
                                    (c2, "hasil", "penanganan.hasil", charts.OKABE_ITO[2])):
        part = df[df["outcome_type"] == kind]
        with col:
            if len(part):
                chart(partial(charts.outcome_bars, part, t(title), color), f"handling_{kind}", view, width=44)
                buttons(figure_charts.outcome_bars(part, t(title), color, kind, view, result.source),
                        f"handling_{kind}_files", t(title))
            else:
                st.markdown(f"**{t(title)}:** –")
    source.note(result.source, view)


def pathways_section(result: api.Result, view: View) -> None:
    st.subheader(t("penanganan.pathways"))
    df = result.df
    if df.empty:
        st.caption(t("penanganan.no_pathways"))
        return
    chart(partial(charts.pathways, df), "handling_pathways", view)
    buttons(figure_charts.pathways(df, view, result.source), "handling_pathways_files", t("penanganan.pathways_title"))
    table = df.assign(jenis_intervensi=df["jenis_intervensi"].map(lambda j: t(f"intervensi.{j}")))
    data_table(table, ["jenis_intervensi", "n_intervened", "n_returned", "return_pct", "median_days_to_return"],
               {"return_pct": 1, "median_days_to_return": 0}, view=view, source=result.source,
               title=t("penanganan.pathways_title"), key="handling_pathways_table")
    source.note(result.source, view)


def per_round_section(result: api.Result, every: View) -> None:
    st.subheader(t("penanganan.per_round"))
    df = result.df
    if df.empty:
        return
    chart(partial(charts.returns_by_round, df), "handling_per_round", every)
    buttons(figure_charts.returns_by_round(df, every, result.source), "handling_per_round_files",
            t("penanganan.per_round_title"))
    data_table(df, ["survey_round", "n_identified", "n_confirmed", "n_returned", "return_pct", "median_days_to_return",
                    "n_open", "retention_pct"], {"return_pct": 1, "retention_pct": 1}, view=every, source=result.source,
               title=t("penanganan.per_round_title"), key="handling_per_round_table")
    st.caption(t("penanganan.retention_base"))
    source.note(result.source, every)


def reasons_section(by_kategori: api.Result, by_wilayah: api.Result | None, child_level: str | None, view: View,
                    running: bool = False) -> None:
    """The reasons by category (heat map), the reasons least often resolved (not ranked while the round is
    `running`) and the reasons by unit one level down."""
    st.subheader(t("penanganan.reasons"))
    df = by_kategori.df
    if df.empty:
        st.info(t("penanganan.no_reasons"))
        return
    # the table under the heatmap, not beside it: in half a 1366 px page its "Kembali" column was cut off
    chart(partial(reason_kategori_figure, df), "handling_reason_kategori", view, drawn_from=drawn_from(by_kategori))
    hidden = hidden_text(df, "n_confirmed")  # its cells "< 5" and "×" said once under it, as under a table
    marks_caption(set(hidden.dropna()) if hidden is not None else set())
    buttons(figure_charts.heatmap(df, "kategori_ats", "alasan", "n_confirmed", _kategori_label, _alasan_label,
                                  t("penanganan.reason_heatmap"), "alasan", view, by_kategori.source,
                                  x_order=KATEGORI_ATS),
            "handling_reason_kategori_files", t("penanganan.reason_heatmap"))
    least_resolved(df, view, by_kategori.source, running)
    source.note(by_kategori.source, view)
    if by_wilayah is not None and len(by_wilayah.df):
        w = by_wilayah.df
        chart(partial(reason_wilayah_figure, w, child_level), "handling_reason_wilayah", view,
              drawn_from=drawn_from(by_wilayah))
        if w["share_pct_hidden"].map(bool).any():  # the cells without a number, said once (not in every cell)
            st.caption(t("fmt.withheld_cells", d=protection.min_denominator()))
        title = t("penanganan.reason_wilayah", level=t(f"level.{child_level}"))
        buttons(figure_charts.heatmap(w, "alasan", "kode", "share_pct", _alasan_label,
                                      dict(zip(w["kode"], w["nama"])).get, title, "alasan-wilayah", view,
                                      by_wilayah.source), "handling_reason_wilayah_files", title)
        source.note(by_wilayah.source, view)


def _kategori_label(k: str) -> str:
    return t(f"kategori.{k}").split(":")[0]


def _alasan_label(a: str) -> str:
    return t(f"alasan.{a}")


# The two reason heat maps are drawn through ui.widgets.chart with these builders (a partial of the query's frame):
# built once per result, subtitle and language (data.api.figure), not at every rerun of the page (0.7 s of a warm
# run built both again), keyed on the query that gave the frame (drawn_from), not on its cells. A builder draws from
# its arguments and the language only.

def reason_kategori_figure(df: pd.DataFrame):
    """The confirmed children by reason (rows) and category (DO, LTM, BPB), of handling_reason_by_kategori."""
    return charts.heatmap(df, "kategori_ats", "alasan", "n_confirmed", _kategori_label, _alasan_label,
                          t("penanganan.reason_heatmap"), x_order=KATEGORI_ATS)


def reason_wilayah_figure(w: pd.DataFrame, child_level: str):
    """The share of each reason (columns) per unit one level down (rows), of handling_reason_by_wilayah."""
    return charts.heatmap(w, "alasan", "kode", "share_pct", _alasan_label, dict(zip(w["kode"], w["nama"])).get,
                          t("penanganan.reason_wilayah", level=t(f"level.{child_level}")), decimals=0)


def least_resolved(df: pd.DataFrame, view: View, source_: api.Source, running: bool) -> None:
    """The reasons (by category) whose confirmed children least often came back to school. Not while the round's
    handling is still `running` (every reason read 0,0 there: most children had not reached an intervention yet, so
    none was "rarely resolved"); a reason with fewer confirmed children than a published rate needs, or whose rate is
    withheld, is not ranked, and the page says how many were left out and why."""
    st.markdown(f"**{t('penanganan.least_resolved')}**")
    d = protection.min_denominator()
    if running:
        st.caption(t("penanganan.least_resolved_running", round=int(df["survey_round"].iloc[0])))
        return
    cases = df[df["n_confirmed"].fillna(0).gt(0) | df["n_confirmed_hidden"].map(bool)]
    ranked = cases[(cases["n_confirmed"] >= d) & cases["return_pct"].notna()]
    if ranked.empty:  # an empty table would say "empty", in English
        st.caption(t("penanganan.least_resolved_none", d=d))
        return
    least = ranked.sort_values(["return_pct", "n_confirmed"], ascending=[True, False]).head(8)
    table = least.assign(alasan=least["alasan"].map(lambda a: t(f"alasan.{a}")))
    data_table(table, ["alasan", "kategori_ats", "n_confirmed", "return_pct"], {"return_pct": RATE_DECIMALS},
               view=view, source=source_, title=t("penanganan.least_resolved"), key="handling_least_resolved")
    st.caption(t("penanganan.least_resolved_note", d=d))
    if len(cases) > len(ranked):
        st.caption(t("penanganan.least_resolved_left_out", n=len(cases) - len(ranked), d=d))


def round_in_progress(funnel: api.Result, f: filters.Filters) -> bool:
    """Whether the handling of the page's round is still in progress (in_progress: the wilayah's latest round, its
    records ending before the next census)."""
    if funnel.df.empty:
        return False
    rounds = set(api.survey_rounds(f.who, kode_induk=f.kode).df["survey_round"])
    return in_progress(handling_round(funnel, f), rounds, funnel.df["as_of"].iloc[0])


def worklist_pick_kab() -> None:
    """The worklist's place in a province view: it lists desa/kelurahan for a kab/kota's task force, so it asks for
    one (protecting a province's 3,000 desa rows under a filter took the query past its time limit)."""
    st.subheader(t("penanganan.worklist"))
    st.info(t("penanganan.worklist_pick_kab"))


def worklist_section(result: api.Result, view: View, round_) -> None:
    st.subheader(t("penanganan.worklist"))
    df = result.df
    if df.empty:
        st.info(t("penanganan.no_open", wilayah=view.name, round=round_))
        return
    st.caption(t("penanganan.worklist_note", as_of=date(df["as_of"].iloc[0])))
    data_table(df, ["nama", "nama_kec", "n_open", "n_open_unverified", "n_open_intervened", "oldest_open_date", "days_open"],
               view=view, source=result.source, title=t("penanganan.worklist"), key="handling_worklist")
    source.note(result.source, view)
