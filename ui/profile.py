"""The profile of one desa/kelurahan, opened by a click on it on the map at the lowest level (issue 21.3): its
numbers with n (children enumerated, out of school by category, the rate), a trend sparkline over the rounds, the main
reasons, the handling of its children and the census coverage, in a side drawer with a clear way back (its close
button, the X, Esc or a click beside it).

The map's colours stay true: a click is an event sent to Python (ui/plotly_chart.py), not a Plotly selection that faded
every other unit, so the next click on the same unit opens it again. The unit is in the link (`unit=`), so a
copied URL opens the same profile. The profile is shown by the run that opened it (the click's, or a session's first
run from its link) and by no later run: the drawer is modal, so a later run comes from its dismissal or from an input
after it, and a unit kept chosen across runs showed the drawer again over the next page whenever that run came without
the dismissal. Every number comes from the read queries the pages already use, with the page's filters: the ATS counts
are the map table's row (the same query and parameters), the trend and coverage ats_trend_by_round, the reasons
handling_reason_by_wilayah (as on the Penanganan page), the handling handling_summary_by_round."""

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from data import api, protection
from ui import filters, plotly_chart, source
from ui.fmt import MISSING, count_in, number, plotly_separators, rate
from ui.i18n import t, t_chart
from ui.view import View, round_words, rounds_words
from ui.widgets import all_rounds_params

STATE = "profile_unit"  # the desa/kelurahan whose profile is open
URL_NAME = "unit"
LEVEL = "kel"  # profiles are of the lowest level; a click above it drills down
TOP_REASONS = 3


def open_unit(kode: str) -> None:
    """A click on a desa/kelurahan of the map (a callback, ui/peta.py): open its profile."""
    st.session_state[STATE] = kode


def _flag(row: pd.Series, column: str):
    """The row's <column>_hidden flag (small-cell protection), False for a query that has none."""
    return row.get(f"{column}_hidden", False)


def _asked() -> str | None:
    """The unit whose profile this run opens, taken (a later run does not show it again): from a click, or on the
    session's first run from the link."""
    kode = st.session_state.pop(STATE, None)
    return filters.first_link_value(URL_NAME) if kode is None else kode


def _known(kode: str, units: pd.DataFrame) -> bool:
    """Whether `kode` is a desa/kelurahan under the chosen wilayah; the link's unit that is not is reported, like any
    value not understood."""
    if kode in set(units["kode"]):
        return True
    if not st.session_state.get("_first_run_done"):
        filters.link_problem(URL_NAME, kode)
    return False


def show(f: filters.Filters, view: View) -> None:
    """The profile drawer of the unit this run opens, when one is; the link says which (`unit=`) while it is open."""
    kode = _asked()
    units = api.ats_by_wilayah(f.who, level=LEVEL, kode_induk=f.kode, **f.query_params()) if kode else None  # the map's
    if kode is not None and not _known(kode, units.df):  # query at this level: the map table's numbers
        kode = None
    filters.set_link(URL_NAME, kode)
    if kode is None:
        return
    row = units.df[units.df["kode"] == kode].iloc[0]
    path = (kode[:2], kode[:5], kode[:8], kode)
    names = api.wilayah_by_kode(path)
    names = dict(zip(names["kode"], names["nama"]))
    described = view.at(places=tuple(names.get(k, k) for k in path), period=round_words(row["survey_round"]))
    st.dialog(t("profile.title", nama=row["nama"]), width=640, position="right", on_dismiss="rerun",
              icon=":material/location_on:")(_body)(kode, row, units, f, described)


def _body(kode: str, row: pd.Series, units: api.Result, f: filters.Filters, view: View) -> None:
    st.caption(view.line())
    trend = api.ats_trend_by_round(f.who, level=LEVEL, kode_induk=kode, **all_rounds_params(f))
    if not row["is_surveyed"]:
        ever = len(trend.df) and trend.df["is_surveyed"].any()
        st.info(t("profile.never_surveyed", nama=row["nama"]) if not view.period
                else t("profile.not_surveyed", nama=row["nama"], round=view.period) if ever
                else t("profile.no_round_yet", nama=row["nama"], round=view.period))
    else:
        _numbers(row, view)
    source.note(units.source, view)  # the numbers' source under them, not at the drawer's foot
    _trend(trend, row, view)
    if row["is_surveyed"]:
        reasons = api.handling_reason_by_wilayah(f.who, level=LEVEL, kode_induk=kode[:8], **f.query_params())
        _reasons(reasons, kode)
        _handling(api.handling_summary_by_round(f.who, kode=kode, **all_rounds_params(f)), int(row["survey_round"]),
                  view, reasons.source)
    if st.button(t("profile.close"), key="profile_close", icon=":material/close:", type="primary"):
        st.rerun()  # a run that does not open the profile: it closes, and the unit leaves the link


def _numbers(row: pd.Series, view: View) -> None:
    c = st.columns(3)
    c[0].metric(view.column("n_anak"), count_in(row, "n_anak"), help=t("profile.n_anak_help"))
    c[1].metric(view.column("n_ats"), count_in(row, "n_ats"))
    withheld = bool(_flag(row, "ats_pct"))  # "ditahan" does not fit a metric of the drawer: a dash, said below
    c[2].metric(view.column("ats_pct"), MISSING if withheld else rate(row["ats_pct"]),
                help=t("profile.rate_withheld", d=protection.min_denominator()) if withheld else None)
    st.markdown(t("profile.categories", n_do=count_in(row, "n_do"),
                  n_ltm=count_in(row, "n_ltm"), n_bpb=count_in(row, "n_bpb"),
                  n_tamat12=count_in(row, "n_tamat12")))
    if withheld:
        st.caption(t("profile.rate_withheld", d=protection.min_denominator()))


def sparkline(df: pd.DataFrame, title: str) -> go.Figure:
    """The rate per surveyed round as a small line; a withheld rate is a gap, a round not surveyed is left out."""
    df = df[df["is_surveyed"]].sort_values("survey_round")
    fig = go.Figure(go.Scatter(
        x=df["survey_round"], y=df["ats_pct"], mode="lines+markers+text", line={"color": "#0072B2", "width": 3},
        marker={"size": 9}, text=[number(v, 1) for v in df["ats_pct"]], textposition="top center", cliponaxis=False,
        hovertemplate=t_chart("profile.spark_hover", round="%{x}", rate="%{y:,.1f}") + "<extra></extra>",
    ))
    fig.update_layout(title={"text": title, "font": {"size": 15}, "x": 0}, height=200,
                      margin={"l": 10, "r": 10, "t": 40, "b": 30}, plot_bgcolor="white", showlegend=False,
                      separators=plotly_separators())
    rounds = [int(r) for r in df["survey_round"]]
    fig.update_xaxes(tickmode="array", tickvals=rounds, ticktext=[str(r) for r in rounds], showgrid=False)
    fig.update_yaxes(visible=False, rangemode="tozero")
    return fig


def _trend(result: api.Result, row: pd.Series, view: View) -> None:
    """The sparkline of the rate over the rounds, and the census coverage: which rounds enumerated the unit, and how
    many households the shown round enumerated."""
    df = result.df
    surveyed = df[df["is_surveyed"]] if len(df) else df
    if surveyed.empty:  # never enumerated: the drawer has said so
        return
    every = view.at(period=rounds_words(surveyed["survey_round"]))
    gaps = ", ".join(str(int(r)) for r in sorted(surveyed.loc[surveyed["ats_pct"].isna(), "survey_round"]))
    if surveyed["ats_pct"].notna().sum() > 1:  # a line: two rates at least (one, or none, drew a dot or an empty box)
        plotly_chart.show(sparkline(df, every.measure("ats_pct")).to_dict(), {"displayModeBar": False},
                          f"profile_trend_{row['kode']}")
        if gaps:
            st.caption(t("profile.spark_gaps", rounds=gaps))
    elif len(surveyed) > 1:
        st.caption(t("profile.spark_none", rounds=gaps, d=protection.min_denominator()))
    at_round = surveyed[surveyed["survey_round"] == row["survey_round"]]
    households = count_in(at_round.iloc[0], "n_keluarga") if len(at_round) else "–"
    st.markdown(t("profile.coverage", rounds=", ".join(str(int(r)) for r in sorted(surveyed["survey_round"])),
                  n_rounds=df["survey_round"].nunique(), households=households, period=view.period or MISSING))
    source.note(result.source, every)


def _heading(title_key: str) -> None:
    st.markdown(f"**{t(title_key)}**")


def _reason_line(r: pd.Series) -> str:
    """One reason with its children and their share of the unit's confirmed children, as far as protection shows
    them: "disembunyikan anak" and "(ditahan per 100)" read as a slip."""
    alasan = t(f"alasan.{r['alasan']}")
    if _flag(r, "n_confirmed") and not r.get("n_confirmed_small", False):
        return t("profile.reason_hidden", alasan=alasan)
    if _flag(r, "share_pct") or pd.isna(r["share_pct"]):
        return t("profile.reason_count", alasan=alasan, n=count_in(r, "n_confirmed"))
    return t("profile.reason", alasan=alasan, n=count_in(r, "n_confirmed"), share=rate(r["share_pct"]))


def _reasons(result: api.Result, kode: str) -> None:
    """The unit's main reasons; their source is the handling's, said once under it (_handling)."""
    _heading("profile.reasons")
    df = result.df
    counted = (df["n_confirmed"] > 0) | df.get("n_confirmed_hidden", False)  # a hidden count is a reason met
    mine = df[(df["kode"] == kode) & counted].sort_values(["n_confirmed", "alasan"], ascending=[False, True],
                                                         na_position="last")
    if mine.empty:
        st.caption(t("profile.no_reasons"))
        return
    st.markdown("\n".join(_reason_line(r) for _, r in mine.head(TOP_REASONS).iterrows()))


def _handling(result: api.Result, round_: int, view: View, reasons_source: api.Source) -> None:
    """The handling funnel of the round, and the source of it and of the reasons above (said once when the same)."""
    _heading("profile.handling")
    df = result.df
    at_round = df[df["survey_round"] == round_] if len(df) else df
    if at_round.empty:
        st.caption(t("profile.no_handling", round=round_))
    else:
        r = at_round.iloc[0]
        withheld = _flag(r, "return_pct") or pd.isna(r["return_pct"])  # "(ditahan per 100 terkonfirmasi)": left out
        st.markdown(t("profile.funnel_counts" if withheld else "profile.funnel",
                      identified=count_in(r, "n_identified"), confirmed=count_in(r, "n_confirmed"),
                      returned=count_in(r, "n_returned"), open=count_in(r, "n_open"),
                      **({} if withheld else {"return_pct": rate(r["return_pct"])})))
    if source.sentence(reasons_source, view) != source.sentence(result.source, view):
        source.note(reasons_source, view)
    source.note(result.source, view)
