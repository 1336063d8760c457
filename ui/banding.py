"""The sections of the Bandingkan (compare) page (issue 21.3): 2-4 kab/kota or kecamatan of one province, picked by
the user, side by side: their desa/kelurahan maps with ONE legend (the classes are computed over the union of their
units, so a colour means the same number on every map), their trends on one chart, one table. Every number comes from
the read queries the other pages use, with the global filters, at one survey round for all of them (the chosen round,
else the latest round that enumerated every one of them), so the maps and the table compare like with like.

The chosen units are in the link (`banding=73.73,73.05`); their level follows from their codes. Figures reuse the
Tren charts' layout (ui.charts) so the trend reads like the Tren page's."""

import dataclasses

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from data import api
from ui import figure_charts, figure_files, filters, maps, plotly_chart, source
from ui.charts import OKABE_ITO, SYMBOLS, _rounds_axis, layout
from ui.figure_files import buttons
from ui.i18n import t, t_chart
from ui.view import View, rounds_words
from ui.widgets import chart, data_table

LEVELS = ("kab", "kec")
MAP_LEVEL = "kel"  # each unit's map shows its desa/kelurahan
MOST = 4
STATE = "banding_units"
CAPPED = "banding_capped"  # a fifth unit was chosen and left out
URL_NAME = "banding"
COLUMNS = ["nama", "survey_round", "n_anak", "n_ats", "ats_pct", "n_do", "n_ltm", "n_bpb", "n_tamat12"]


def _seed_from_url() -> None:
    """On the session's first run, the units of the link (comma-separated codes); checked against the options later."""
    asked = filters.first_link_value(URL_NAME)
    if asked is not None and STATE not in st.session_state:
        st.session_state[STATE] = [k for k in asked.split(",") if k][: MOST * 2]
        if "banding_level" not in st.session_state and st.session_state[STATE]:
            st.session_state["banding_level"] = {5: "kab", 8: "kec"}.get(len(st.session_state[STATE][0]), "kab")


def levels(f: filters.Filters) -> tuple[str, ...]:
    """The levels the account can compare: kab/kota needs a scope of the whole province, kecamatan one of a kab/kota
    at least (an analyst of Takalar compares Takalar's kecamatan; asking for the province's kab/kota was refused as
    an attempt outside the scope, and audited)."""
    return LEVELS[max(len(filters.scope_path(f.who)) - 1, 0):]


def area(f: filters.Filters, level: str) -> str:
    """The wilayah whose units of `level` are compared: the province, or the kab/kota of a kab/kota's scope."""
    fixed = filters.scope_path(f.who)
    return fixed[1] if level == "kec" and len(fixed) >= 2 else f.kode_prov


def choose_level(container, f: filters.Filters) -> str | None:
    """The level compared (kab/kota or kecamatan) among levels(); a link's units set it on the session's first run.
    None when the account's scope holds nothing to compare (a kecamatan)."""
    _seed_from_url()
    offered = levels(f)
    if not offered:
        return None
    return filters.select(container, "banding_level", t("banding.level"), offered, lambda lv: t(f"level.{lv}"))


def options(f: filters.Filters, level: str) -> pd.DataFrame:
    """The units of `level` in the chosen province, or in the kab/kota of the account's scope (kode, nama, label): a
    kecamatan's label names its kab/kota (names repeat across a province), a unit with no data says so."""
    fixed = filters.scope_path(f.who)
    if len(fixed) >= 2:  # a kab/kota's scope: its own kab/kota, whose kecamatan are compared
        kabs = api.wilayah_by_kode([fixed[1]])[["kode", "nama"]].assign(has_data=True)
    else:
        kabs = api.wilayah_by_induk(f.who, f.kode_prov)
    if level == "kab":
        units = kabs.assign(parent="")
    else:
        parts = [api.wilayah_by_induk(f.who, k).assign(parent=n) for k, n in zip(kabs["kode"], kabs["nama"])]
        units = pd.concat(parts, ignore_index=True) if parts else kabs.assign(parent="")
    no_data = f" ({t('filter.no_data')})"
    label = [f"{n} ({p})" if p else n for n, p in zip(units["nama"], units["parent"])]
    return units.assign(label=[lb + ("" if has else no_data) for lb, has in zip(label, units["has_data"])])


def names(units: pd.DataFrame) -> dict:
    """kode -> the label of options(): what the maps, the trend and the messages call each unit."""
    return dict(zip(units["kode"], units["label"]))


def pick(container, units: pd.DataFrame, default: str | None) -> list[str]:
    """The multiselect of 2-4 units among `units` (options()), in the URL. Codes that are not options (from the link,
    or of the other level) are dropped; the link's are reported."""
    labels = names(units)
    chosen = st.session_state.get(STATE)
    if chosen is None:
        chosen = [default] if default in labels else []
    bad = [k for k in chosen if k not in labels]
    if bad and not st.session_state.get("_first_run_done"):
        for k in bad:
            filters.link_problem(URL_NAME, k)
    st.session_state[STATE] = [k for k in chosen if k in labels][:MOST]
    kodes = container.multiselect(t("banding.units"), list(labels), format_func=lambda k: labels[k], key=STATE,
                                  on_change=_cap, placeholder=t("banding.placeholder"))
    if st.session_state.pop(CAPPED, False):
        container.warning(t("banding.capped", most=MOST))
    filters.set_link(URL_NAME, ",".join(kodes) or None)
    return kodes


def _cap() -> None:
    """At most MOST units: a further one is not added, and the page says why. (Not max_selections: Streamlit then
    says "You can only select up to 4 options" in English, whatever the page's language.)"""
    if len(st.session_state[STATE]) > MOST:
        st.session_state[STATE] = st.session_state[STATE][:MOST]
        st.session_state[CAPPED] = True


def common_round(f: filters.Filters, kodes: list[str]):
    """The round every map and the table show: the chosen one, else the latest round that enumerated all the units,
    else the latest round of any of them (the others then read "not surveyed")."""
    if f.survey_round is not None:
        return f.survey_round
    rounds = [set(api.survey_rounds(f.who, kode_induk=k).df["survey_round"].astype(int)) for k in kodes]
    common = set.intersection(*rounds) if rounds else set()
    every = set.union(*rounds) if rounds else set()
    return max(common or every) if every else None


def params(f: filters.Filters, round_) -> dict:
    return {**f.query_params(), "survey_round": round_}


def _part(classes: maps.Classes, start: int, stop: int) -> maps.Classes:
    """The classes of the union, for the units of one map (rows start..stop of the union)."""
    return dataclasses.replace(classes, index=classes.index[start:stop])


def maps_section(kodes: list[str], names: dict, f: filters.Filters, round_, view: View, measure: str, method: str) -> None:
    """One map per unit, of its desa/kelurahan, under one legend classed over all of them."""
    results, shown, bounds = [], [], []
    for kode in kodes:
        result = api.ats_by_wilayah(f.who, level=MAP_LEVEL, kode_induk=kode, **params(f, round_))
        b = api.boundaries(MAP_LEVEL, kode)
        results.append(result)
        bounds.append(b)
        shown.append(maps.with_boundary(result.df, b.kodes))
    union = pd.concat(shown, ignore_index=True)
    if union.empty:
        st.info(t("peta.no_boundaries"))
        return
    classes = maps.classify(union[measure], method, decimals=1 if measure == "ats_pct" else 0)
    flag = f"{measure}_hidden"
    if flag in union.columns:  # hidden by small-cell protection: its own class, as on the Peta page
        classes.index[union[flag].fillna(False).to_numpy(dtype=bool)] = maps.HIDDEN_CLASS
    for kode, result in zip(kodes, results):
        if not result.df["is_surveyed"].any():
            st.caption(t("banding.not_surveyed", nama=names[kode], round=view.period or "–"))
    n_no_data = int((classes.index == -1).sum())
    n_hidden = int((classes.index == maps.HIDDEN_CLASS).sum())
    st.markdown(maps.legend_html(classes, n_no_data, view.measure(measure), view.line(), n_hidden, measure=measure),
                unsafe_allow_html=True)
    st.caption(t("banding.legend_note", level=t(f"level.{MAP_LEVEL}").lower()))
    columns = st.columns(2)
    start = 0
    for i, (kode, df, b, result) in enumerate(zip(kodes, shown, bounds, results)):
        with columns[i % 2]:
            st.markdown(f"**{t('banding.map_title', nama=names[kode])}**")
            if b.url is None or df.empty:
                st.info(t("peta.no_boundaries"))
                continue
            part = _part(classes, start, start + len(df))
            fig = maps.choropleth(df, measure, part, b.url, revision=f"banding:{kode}", height=380, described=view)
            plotly_chart.show(maps.screen_spec(fig), maps.chart_config(), f"banding_map_{kode}")
            # its file: the shared classes, its own counts, its own place in the view line
            own = dataclasses.replace(part, counts=tuple(int((part.index == c).sum()) for c in range(len(part.labels))))
            buttons(figure_files.map_figure(result, MAP_LEVEL, kode, measure, method,
                                            view.at(places=(*view.places, names[kode])), own),
                    f"banding_map_{kode}_files", view.measure(measure))
        start += len(df)
    maps.overlay(st.container())  # each map's names and scale bar (drawn at one size, not at one scale)
    source.note(results[0].source, view)


def trend_figure(df: pd.DataFrame, names: dict, title: str) -> go.Figure:
    """The rate per round of each unit, one line each (Okabe-Ito colours and distinct markers); a withheld rate or a
    round that did not enumerate the unit is a gap."""
    fig = go.Figure()
    for i, (kode, part) in enumerate(df.groupby("kode", sort=False)):
        part = part.sort_values("survey_round")
        fig.add_trace(go.Scatter(
            x=part["survey_round"], y=part["ats_pct"].where(part["is_surveyed"]), name=names.get(kode, kode),
            mode="lines+markers", connectgaps=False, line={"color": OKABE_ITO[i % len(OKABE_ITO)], "width": 3},
            marker={"symbol": SYMBOLS[i % len(SYMBOLS)], "size": 10},
            hovertemplate=t_chart("banding.hover", nama=names.get(kode, kode), round="%{x}", rate="%{y:,.1f}") + "<extra></extra>",
        ))
    layout(fig, title=title, showlegend=True)
    _rounds_axis(fig, df["survey_round"])
    return fig


def trend_section(results: list[api.Result], names: dict, view: View) -> None:
    """The units' rates per round on one chart; `view` is the page's, its period becomes the rounds shown."""
    st.subheader(t("banding.trend"))
    frames = [r.df for r in results if len(r.df)]
    if not frames:
        st.info(t("banding.no_trend"))
        return
    df = pd.concat(frames, ignore_index=True)
    view = view.at(period=rounds_words(df.loc[df["is_surveyed"], "survey_round"]))
    chart(trend_figure(df, names, view.measure("ats_pct")), "banding_trend", view)
    buttons(figure_charts.compare_trend(df, names, view.measure("ats_pct"), view, results[0].source),
            "banding_trend_files", view.measure("ats_pct"))
    source.note(results[0].source, view)


def table_section(result: api.Result, kodes: list[str], view: View, level: str) -> None:
    """One row per chosen unit, in the order chosen: the same query and parameters as a Peta map of their level."""
    st.subheader(t("banding.table", level=t(f"level.{level}")))
    order = {k: i for i, k in enumerate(kodes)}
    rows = result.df[result.df["kode"].isin(order)].sort_values("kode", key=lambda s: s.map(order))
    data_table(rows, COLUMNS, {"ats_pct": 1}, view=view, source=result.source, title=t("banding.table", level=t(f"level.{level}")),
               key="banding_units_table")
    source.note(result.source, view)


def hint(kodes: list[str]) -> bool:
    """True when 2-4 units are chosen; else says how to pick them."""
    if len(kodes) >= 2:
        return True
    st.info(t("banding.pick_hint", most=MOST))
    return False

