"""The sections of the Tren page: the trend of the chosen wilayah with its empty states, the breakdown by group,
the targets, the small multiples and the biggest changes one level down, the participation indicators."""

import threading
from functools import partial

import pandas as pd
import streamlit as st
from streamlit.runtime.scriptrunner import add_script_run_ctx

from data import api, protection
from ui import charts, figure_charts, filters, source
from ui.figure_files import buttons
from ui.fmt import RATE_DECIMALS, number, signed
from ui.i18n import t
from ui.view import FILTERS, View, census_date, round_words, rounds_words
from ui.widgets import chart, data_table, drawn_from

BREAKDOWNS = ("kategori_ats", "sex", "age_group", "has_disability")  # the Tren page's "Rincian menurut" (URL rincian=)


# The sections under the breakdown, as tabs of which only the open one runs (views/tren.py sections()); "units" (each
# unit one level down and the biggest changes) where the wilayah has units below it. Targets first: a table, no chart.
SECTIONS = ("targets", "units", "participation")
SECTION_KEY = "tren_tab"  # the tabs' state: the open tab's label, in the page's language
SECTION_SHOWN = "_tren_section"  # the open section, whatever the language
URL_NAME = "bagian"  # the open tab in the link, the first (targets) left out
URL_IDS = {"targets": "target", "units": "wilayah", "participation": "aps"}


def section_labels(child: str | None) -> dict[str, str]:
    return {s: t(f"tren.tab.{s}") for s in SECTIONS if s != "units" or child}


def open_section(child: str | None) -> str:
    """The section whose tab is open, its state set to that tab's label before the tabs are made: on a session's first
    run the link's (`bagian=`; a value not understood is reported, like any other), after a change of language the one
    open before (the state held its label in the other language), else the tab clicked."""
    labels = section_labels(child)
    state = st.session_state.get(SECTION_KEY)
    chosen = next((s for s, label in labels.items() if label == state), None)
    asked = filters.first_link_value(URL_NAME)
    if asked is not None:
        chosen = next((s for s in labels if URL_IDS[s] == asked), None)
        if chosen is None:
            filters.link_problem(URL_NAME, asked)
    elif chosen is None and st.session_state.get(SECTION_SHOWN) in labels:
        chosen = st.session_state[SECTION_SHOWN]
    chosen = chosen or SECTIONS[0]
    st.session_state[SECTION_KEY] = labels[chosen]
    st.session_state[SECTION_SHOWN] = chosen
    return chosen


def link_section(section: str) -> None:
    """The open tab in the link: a copied URL opens the same tab (the first tab is left out, as a default filter)."""
    filters.set_link(URL_NAME, None if section == SECTIONS[0] else URL_IDS[section])


def breakdown_chosen() -> str:
    """The breakdown the page's fragment will show (its selectbox's state, else its first option), for prefetch()."""
    chosen = st.session_state.get("tren_by")
    return chosen if chosen in BREAKDOWNS else BREAKDOWNS[0]


def prefetch(*reads) -> list[threading.Thread]:
    """Start the page's queries that do not wait on each other, each on a thread of its own, so that a filter change
    with new numbers plans and runs them side by side (DuckDB lets go of the GIL while it plans and runs a statement):
    Tren's sex change ran its four queries one after the other, 0.6-0.7 s of CPU, most of it planning one statement
    at a time on one core (benchmarks/README.md, t-sex2). The page then reads them as before, in its order: data.api's
    cache gives a result a thread has put there, and a read of a query still running waits for it (Streamlit computes
    one key once). A read that fails here is left to the page's own call, which says why. `reads` are
    functools.partial of data.api readers; None is skipped."""
    threads = []
    for read in reads:
        if read is None:
            continue
        thread = threading.Thread(target=_quietly, args=(read,), name=f"ats-prefetch-{read.func.__name__}", daemon=True)
        add_script_run_ctx(thread)  # the session's context, as Streamlit's data cache expects of a caller
        thread.start()
        threads.append(thread)
    return threads


def _quietly(read) -> None:
    try:
        read()
    except Exception:  # noqa: BLE001 - the page's own call of the same read raises it where it is shown
        pass


def focus_round(trend: pd.DataFrame, f: filters.Filters):
    """The round the summary speaks of: the chosen round, else the latest surveyed one."""
    surveyed = trend[trend["is_surveyed"]]
    if f.survey_round is not None and (surveyed["survey_round"] == f.survey_round).any():
        return f.survey_round
    return int(surveyed["survey_round"].max()) if len(surveyed) else None


def views(f: filters.Filters, view: View, trend: pd.DataFrame) -> tuple[View, View]:
    """The page's view over every round surveyed (the charts) and at the focus round (the summary, the changes)."""
    rounds = trend.loc[trend["is_surveyed"], "survey_round"]
    latest = rounds.max() if len(rounds) else None
    round_ = focus_round(trend, f)
    return (view.at(period=rounds_words(rounds), as_of=census_date(f.who, f.kode, latest)),
            view.at(period=round_words(round_), as_of=census_date(f.who, f.kode, round_)))


def trend_section(result: api.Result, targets: api.Result, f: filters.Filters, every: View, focus: View) -> bool:
    """Summary line, trend chart (targets when the wilayah is a kab/kota and no filter narrows the children), counts
    and coverage; the empty states (never enumerated, nobody selected, a single round). True when there is a trend
    to show. `every` is the view over all rounds, `focus` the view at the round the summary speaks of."""
    df, name = result.df, every.name
    surveyed = df[df["is_surveyed"]]
    if surveyed.empty:
        st.warning(t("tren.empty", wilayah=name))
        return False
    if (surveyed["n_anak"].fillna(0).eq(0) & ~surveyed["n_anak_hidden"].fillna(False)).all():  # hidden is not nobody
        st.warning(t("tren.nobody", wilayah=name))
        source.note(result.source, every)
        return False
    round_ = focus_round(df, f)
    row = surveyed[surveyed["survey_round"] == round_].iloc[0]
    st.markdown(t("tren.summary", wilayah=name, period=focus.period, n_ats=number(row["n_ats"]), ats_noun=focus.ats_noun(),
                  n_anak=number(row["n_anak"]), who=focus.who(), ats_pct=number(row["ats_pct"], RATE_DECIMALS)))
    if len(surveyed) == 1:
        st.info(t("tren.single_round", wilayah=name, round=round_))
    elif pd.notna(row["prev_survey_round"]):
        # "−12" with the minus sign (a hyphen read as a dash), the change in points as the chart's rates: one decimal
        st.markdown(t("tren.change", prev=int(row["prev_survey_round"]), d_n_ats=signed(row["d_n_ats"]),
                      d_ats_pct=signed(row["d_ats_pct"], RATE_DECIMALS)))
    for _, b in surveyed[surveyed["is_coverage_break"].fillna(False).astype(bool)].iterrows():
        st.warning(t("tren.break_warning", prev=int(b["prev_survey_round"]), round=int(b["survey_round"])),
                   icon=":material/warning:")
    # the targets are set on the rate of all children 7-18: drawn over that line only, never over a filtered one
    own_targets = targets.df[targets.df["kode_kab"] == f.kode] if len(targets.df) else None
    if every.active() and own_targets is not None and len(own_targets):
        own_targets = None
        st.caption(t("tren.target_left_out"))
    c1, c2 = st.columns([3, 2])
    with c1:
        title = t("tren.chart_title", measure=every.measure("ats_pct"))
        chart(partial(charts.trend, df, own_targets, title=title), "tren_chart", every, width=52,
              drawn_from=drawn_from(result, targets, how=(f.kode, own_targets is None)))
        buttons(figure_charts.trend(df, own_targets, title, every, result.source), "tren_chart_files", title)
    with c2:
        # households and desa enumerated: no filter applies; room for the subplot titles below the subtitle
        chart(partial(charts.coverage, surveyed), "tren_coverage", every.without(*FILTERS), top=120, width=36,
              drawn_from=drawn_from(result, how="surveyed"))
        buttons(figure_charts.coverage(surveyed, every.without(*FILTERS), result.source), "tren_coverage_files",
                t("tren.coverage_title"))
    # the counts of every category: the category filter does not narrow them
    chart(partial(charts.counts_by_category, surveyed), "tren_counts", every.without("kategori_ats"),
          drawn_from=drawn_from(result, how="surveyed"))
    buttons(figure_charts.counts_by_category(surveyed, every.without("kategori_ats"), result.source), "tren_counts_files",
            t("tren.counts_title"))
    source.note(result.source, every)
    return True


def targets_section(result: api.Result, every: View) -> None:
    st.subheader(t("tren.targets"))
    df = result.df
    if df.empty:
        st.info(t("tren.no_targets", wilayah=every.name))
        return
    st.caption(t("tren.targets_note"))
    for kode, part in df.groupby("kode_kab", sort=True):
        judged = part[part["status"].notna()]
        if len(judged):
            last = judged.iloc[-1]
            st.markdown(t("tren.status_latest", nama=last["nama"], year=int(last["year"]), ats_pct=number(last["ats_pct"], RATE_DECIMALS),
                          target=number(last["target_ats_pct"], RATE_DECIMALS), status=t(f"status.{last['status']}")))
    # a rate small-cell protection withholds (ats_pct_hidden) withholds its gap and status too: "ditahan"
    withheld = df["ats_pct_hidden"].astype(bool) if "ats_pct_hidden" in df.columns else pd.Series(False, index=df.index)
    table = df.assign(
        status=[t("fmt.withheld") if w else t(f"status.{s}") if isinstance(s, str) else t("status.none")
                for s, w in zip(df["status"], withheld)],
        gap_pct_hidden=withheld,
    )
    data_table(table, ["nama", "year", "target_ats_pct", "ats_pct", "gap_pct", "status"],
               dict.fromkeys(("target_ats_pct", "ats_pct", "gap_pct"), RATE_DECIMALS), view=every, source=result.source,
               title=t("tren.targets"), key="tren_targets")
    source.note(result.source, every.for_source(result.source))


def group_section(result: api.Result, by: str, every: View) -> None:
    df = result.df
    if df.empty or df["n_anak"].eq(0).all():
        return
    chart(partial(charts.by_group, df, by), f"tren_group_{by}", every, drawn_from=drawn_from(result))
    buttons(figure_charts.by_group(df, by, every, result.source), f"tren_group_{by}_files", t(f"by.{by}"))
    if "is_ats" in df and not df["is_ats"].all():
        st.caption(t("tren.tamat12_note"))
    source.note(result.source, every)


def units_section(result: api.Result, every: View, level: str) -> None:
    """ATS per 100 of each unit one level down in each round: a heat map (charts.units_by_round), the same in its
    files."""
    st.subheader(t("tren.units", level=t(f"level.{level}")))
    df = result.df
    if df.empty or not df["ats_pct"].notna().any():
        st.info(t("tren.units_none", wilayah=every.name))
        return
    chart(partial(charts.units_by_round, df, title=every.measure("ats_pct")), f"tren_multiples_{level}", every,
          top=charts.UNITS_TOP,
          drawn_from=drawn_from(result))
    st.caption(t("tren.units_note", level=t(f"level.{level}")))
    if "ats_pct_hidden" in df and df["ats_pct_hidden"].map(bool).any():  # the grey cells, said once
        st.caption(t("fmt.withheld_cells", d=protection.min_denominator()))
    buttons(figure_charts.units_by_round(df, every.measure("ats_pct"), f"per-{level}", every, result.source),
            f"tren_multiples_{level}_files", every.measure("ats_pct"))
    source.note(result.source, every)


def changes_section(result: api.Result, focus: View, round_, n: int = 5) -> None:
    """The units that improved and worsened most in the focus round against their previous round."""
    st.subheader(t("tren.changes"))
    df = result.df
    moved = df[(df["survey_round"] == round_) & df["d_ats_pct"].notna()] if len(df) else df
    if moved.empty:
        st.info(t("tren.no_changes", wilayah=focus.name))
        return
    better = moved[moved["d_ats_pct"] < 0].sort_values("d_ats_pct").head(n)
    worse = moved[moved["d_ats_pct"] > 0].sort_values("d_ats_pct", ascending=False).head(n)
    c1, c2 = st.columns(2)
    for col, part, key, color in ((c1, better, "improved", charts.IMPROVED), (c2, worse, "worsened", charts.WORSENED)):
        with col:
            if len(part):
                chart(partial(charts.changes, part, t(f"tren.{key}"), color), f"tren_{key}", focus, width=44,
                      drawn_from=drawn_from(result, how=(round_, n, key)))
                buttons(figure_charts.changes(part, t(f"tren.{key}"), color, key, focus, result.source),
                        f"tren_{key}_files", t(f"tren.{key}"))
            else:
                st.markdown(f"**{t(f'tren.{key}')}:** –")
    st.caption(t("tren.changes_note"))
    focus_round = df[df["survey_round"] == round_]
    left_out = int(focus_round["ats_pct_hidden"].sum()) if "ats_pct_hidden" in df.columns else 0
    if left_out:  # withheld rates are no change at all: said, not silently dropped
        st.caption(t("rank.left_out_changes", n=left_out, d=protection.min_denominator(), k=protection.min_cell()))
    source.note(result.source, focus)


def participation_section(result: api.Result, reference: api.Result, every: View) -> None:
    st.subheader(t("tren.participation"))
    df = result.df
    if df.empty or df["n_anak"].eq(0).all():
        st.info(t("tren.participation_empty"))
        return
    ref = reference.df
    first = ref.iloc[0] if len(ref) else None
    st.caption(t("tren.participation_note", reference=first["source_system"] if first is not None else "–",
                 area=first["area"] if first is not None else "–", year=int(first["year"]) if first is not None else "–"))
    narrowed = every.for_source(result.source)  # sex and disability apply; age and category do not
    chart(partial(charts.participation, df, ref), "tren_aps", narrowed, drawn_from=drawn_from(result, reference))
    buttons(figure_charts.participation(df, ref, narrowed, result.source), "tren_aps_files", t("tren.aps_title"))
    st.caption(t("tren.participation_gap"))
    # the census ATS rate under its own header: beside 100 - APS it is not "the" out-of-school rate;
    # n_anak counts the children of the row's age group, not all 7-18
    table = df.assign(age_group=df["age_group"].map(lambda g: t(f"grp.{g}"))).rename(columns={"ats_pct": "ats_pct_kategori"})
    data_table(table, ["survey_round", "age_group", "n_sekolah", "n_anak", "aps", "ats_rate", "ats_pct_kategori",
                       "tamat12_pct", "n_tamat12"],
               dict.fromkeys(("aps", "ats_rate", "ats_pct_kategori", "tamat12_pct"), RATE_DECIMALS), height=320, view=every,
               source=result.source, title=t("tren.aps_title"), key="tren_aps_table",
               headers={"n_anak": t("col.n_anak_group")}, short_headers={"n_anak": t("view.head.n_anak_group")})
    source.note(result.source, narrowed)
    if len(ref):
        source.note(reference.source, every.for_source(reference.source))
