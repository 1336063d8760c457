"""What makes a rerun cheap (issue 21.2), against the fixture store under AppTest: a figure is built once per its
inputs, not at every rerun, and the figure read back from that cache is the one the builder made."""

import json

import plotly.graph_objects as go
import plotly.io as pio
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from data import api
from data.accounts import ANONYMOUS
from tests.conftest import needs_shared, open_app, open_tren_tab, screen_charts
from ui import charts
from ui.i18n import t

pytestmark = needs_shared


def tren_page(**query) -> AppTest:
    return open_app("views/tren.py", timeout=60, check=False, **query)


def specs(at: AppTest) -> dict:
    return screen_charts(at)


def count_calls(monkeypatch, module, names) -> list:
    """The calls of real figure builders of `module` (they still build the figure), by name, in order."""
    calls = []
    for name in names:
        real = getattr(module, name)

        def counting(*args, _real=real, _name=name, **kwargs):
            calls.append(_name)
            return _real(*args, **kwargs)

        counting.__qualname__ = f"counted_{name}"  # a key of its own: not a figure cached by another test
        monkeypatch.setattr(module, name, counting)
    return calls


@pytest.fixture()
def counted(monkeypatch):
    """Calls of two real figure builders of the Tren page."""
    return count_calls(monkeypatch, charts, ("trend", "coverage"))


def test_a_rerun_does_not_rebuild_the_figures(use_store, counted):
    at = tren_page(kab="73.73")
    assert not at.exception, at.exception
    assert sorted(counted) == ["coverage", "trend"]
    first = specs(at)
    assert len(first) >= 4  # trend, coverage, counts, breakdown (the tabs under them: only the open one runs)
    at.run()  # a rerun with nothing changed: the same figures, from the cache
    assert sorted(counted) == ["coverage", "trend"] and specs(at) == first
    at.sidebar.selectbox(key="f_sex").set_value("P").run()  # other numbers: built again
    assert sorted(counted) == ["coverage", "coverage", "trend", "trend"]
    at.sidebar.radio(key="lang").set_value("en").run()  # other words: built again
    assert len(counted) == 6 and not at.exception, at.exception


def test_a_tren_rerun_hashes_no_frame(use_store, monkeypatch):
    """Tren's figures are keyed on what their frames are cut from (ui.widgets.drawn_from: the queries, parameters,
    store version), not on the frames' content, which Streamlit hashed cell by cell at every rerun (40 frames hashed
    per rerun of the province's Tren before)."""
    import pandas.util

    hashed = []
    real = pandas.util.hash_pandas_object

    def counting(obj, *args, **kwargs):
        hashed.append(type(obj).__name__)
        return real(obj, *args, **kwargs)

    at = tren_page(kab="73.73", rincian="sex")
    assert not at.exception, at.exception
    first = specs(at)
    monkeypatch.setattr(pandas.util, "hash_pandas_object", counting)  # streamlit imports it at each hash
    at.run()
    assert hashed == [] and specs(at) == first
    at.sidebar.selectbox(key="f_sex").set_value("P").run()  # other numbers: other figures, still no frame hashed
    assert hashed == [] and not at.exception, at.exception
    assert specs(at) != first


def test_a_cached_figure_is_sent_without_a_graph_objects_copy(use_store, monkeypatch):
    """A rerun whose figures are cached sends their JSON as it was made (data.api.figure): no plotly.graph_objects
    figure is made of a figure's traces (go.Figure(spec) and its to_dict() deep-copied every trace twice, about
    100 ms of CPU of a Tren rerun for seven figures), and the figures sent are the same."""
    from plotly.basedatatypes import BaseFigure

    at = tren_page(kab="73.73", rincian="sex")
    assert not at.exception, at.exception
    first = specs(at)
    made = []
    real = BaseFigure.__init__

    def counting(self, data=None, *args, **kwargs):
        if data:  # a figure of traces (a dict with "data", or a list of traces)
            made.append(type(self).__name__)
        return real(self, data, *args, **kwargs)

    monkeypatch.setattr(BaseFigure, "__init__", counting)
    at.run()
    assert not at.exception, at.exception
    assert made == [] and specs(at) == first


def test_tren_runs_its_queries_side_by_side(use_store, monkeypatch):
    """A Tren rerun with new numbers starts the queries under the trend on threads of their own (ui.tren.prefetch)
    while the trend's runs on the script's: each query runs once, and the page reads the threads' results. Of the tabs
    under the breakdown only the open one runs: a hidden tab's query is not run and its charts are not sent (Plotly
    drew every chart of a hidden st.tabs panel at each filter change)."""
    import threading

    from data import queries

    ran = []
    real = queries.run

    def recording(con, query, values, **kwargs):
        ran.append((query.stem, values.get("level"), threading.current_thread().name))
        return real(con, query, values, **kwargs)

    at = open_tren_tab(tren_page(kab="73.73", rincian="sex"), "units")
    assert not at.exception, at.exception
    monkeypatch.setattr(queries, "run", recording)
    at.sidebar.selectbox(key="f_sex").set_value("L").run()  # numbers nobody asked for yet
    assert not at.exception, at.exception
    threads = {(stem, level): name for stem, level, name in ran}
    assert len(ran) == len(threads), ran  # each once
    assert threads[("ats_trend_by_group", None)] == "ats-prefetch-ats_trend_by_group"
    assert threads[("ats_trend_by_round", "kec")] == "ats-prefetch-ats_trend_by_round"
    assert not threads[("ats_trend_by_round", "kab")].startswith("ats-prefetch"), ran  # the trend: the page's own
    assert ("aps_by_round", None) not in threads, ran  # the participation tab is hidden
    keys = list(screen_charts(at))
    shown = [h.value for h in at.subheader]
    assert t("tren.units", level=t("level.kec")) in shown and t("tren.participation") not in shown, shown
    assert "tren_aps" not in keys, keys
    ran.clear()
    at = open_tren_tab(at, "participation")
    threads = {(stem, level): name for stem, level, name in ran}
    assert ("aps_by_round", None) in threads and ("ats_trend_by_round", "kec") not in threads, ran
    keys = list(screen_charts(at))
    shown = [h.value for h in at.subheader]
    assert "tren_aps" in keys and t("tren.units", level=t("level.kec")) not in shown, (keys, shown)


def test_tren_starts_no_query_for_a_wilayah_never_enumerated(use_store, monkeypatch):
    """A wilayah that no round enumerated shows only that (tren.empty): the queries under the trend are not started
    on threads beside it, where they ran for nothing on a 2-core server."""
    import threading

    from data import queries

    ran = []
    real = queries.run

    def recording(con, query, values, **kwargs):
        ran.append((query.stem, threading.current_thread().name))
        return real(con, query, values, **kwargs)

    monkeypatch.setattr(queries, "run", recording)
    st.cache_data.clear()  # every query read anew (the whole suite has read Takalar's before): none is missed
    at = tren_page(kab="73.05")  # Takalar: never enumerated in the fixture
    assert not at.exception, at.exception
    assert any("Belum ada putaran survei yang mendata Kabupaten Takalar" in w.value for w in at.warning)
    assert any(stem == "ats_trend_by_round" for stem, _ in ran), ran  # the trend was read (nothing from a cache)
    assert not [name for _, name in ran if name.startswith("ats-prefetch")], ran


def test_the_cached_figure_is_the_built_one(use_store):
    """What data.api.figure gives back (the JSON the browser is sent) is the figure the builder made."""
    trend = api.ats_trend_by_round(ANONYMOUS, level="kec", kode_induk="73.73").df
    built = charts.units_by_round(trend, title="ATS per 100")
    calls = []

    def build():
        calls.append(1)
        return charts.units_by_round(trend, title="ATS per 100")

    key = ("test_the_cached_figure_is_the_built_one", trend, "id")
    spec = api.figure(key, build)
    again = api.figure(key, build)
    assert len(calls) == 1 and again == spec
    assert json.loads(spec) == json.loads(pio.to_json(built, validate=False))
    api.figure(("test_the_cached_figure_is_the_built_one", trend.head(3), "id"), build)  # other data: built
    assert len(calls) == 2


def test_the_kla_figures_are_built_once_per_their_inputs(kla_store, monkeypatch):
    """The KLA page's tier history and ranking are cached like the other figures (ui.widgets.chart with a partial):
    a rerun with nothing changed builds neither again; another indicator builds the ranking again, not the tiers."""
    from data.kla import save_evaluation
    from ui import kla

    save_evaluation("73.73", 2024, tier="Nindya", sumber="SK 1/2024", operator="penguji", path=kla_store)
    calls = count_calls(monkeypatch, kla, ("tier_figure", "ranking_figure"))
    at = open_app("views/kla.py", timeout=60, kab="73.73", tahun="2024")  # the fixture's 2024 values are published
    assert sorted(calls) == ["ranking_figure", "tier_figure"], calls
    first = specs(at)
    assert len(first) == 2, list(first)
    at.run()
    assert sorted(calls) == ["ranking_figure", "tier_figure"] and specs(at) == first
    at.selectbox(key="kla_indikator").set_value("IV.2d").run()  # computed from the census: ranked too
    assert not at.exception, at.exception
    assert sorted(calls) == ["ranking_figure", "ranking_figure", "tier_figure"], calls


def test_the_units_trend_is_one_heat_map_on_one_pair_of_axes():
    """The trend of each unit one level down (a province's 24 kab/kota) is one heat map, units x rounds, on one pair of
    axes whose margins are set, not measured: the small multiples before it drew a pair of axes per unit (75-95 ms of
    Plotly's drawing at every filter change of Tren, 55 KB), and Plotly's automargin drew a figure again once it had
    measured its names. It is a valid figure (Plotly validates it whole) with every value in its cell, a withheld
    rate a grey cell without a number, a round not surveyed blank, and a coverage break a dashed line on its unit's
    row only."""
    import pandas as pd

    rows = []
    for i, (kode, nama) in enumerate([("73.01", "Kepulauan Selayar"), ("73.02", "Bulukumba"), ("73.03", "Bantaeng")]):
        for r, pct in zip((2024, 2025, 2026), (4.0 + i, None, 3.0 + 2 * i)):
            rows.append({"kode": kode, "nama": nama, "survey_round": r, "ats_pct": pct, "n_ats": 7, "n_anak": 140,
                         "is_surveyed": not (kode == "73.01" and r == 2025), "ats_pct_hidden": kode != "73.01" and r == 2025,
                         "prev_survey_round": r - 1 if r > 2024 else None, "is_coverage_break": kode == "73.02" and r == 2026})
    fig = charts.units_by_round(pd.DataFrame(rows), title="ATS per 100")
    go.Figure(fig.to_dict())  # validated: raises on any property Plotly does not know
    spec = json.loads(pio.to_json(fig, validate=False))
    layout, (withheld, values) = spec["layout"], spec["data"]
    assert [name for name in layout if name.startswith(("xaxis", "yaxis"))] == ["xaxis", "yaxis"]
    assert not layout["xaxis"]["automargin"] and not layout["yaxis"]["automargin"]
    assert layout["yaxis"]["ticktext"] == ["Kepulauan Selayar", "Bulukumba", "Bantaeng"]
    assert layout["margin"]["l"] >= 8 * len("Kepulauan Selayar")
    assert values["x"] == [2024, 2025, 2026] and values["z"] == [[4.0, None, 3.0], [5.0, None, 5.0], [6.0, None, 7.0]]
    assert values["text"] == [["4,0", "", "3,0"], ["5,0", "", "5,0"], ["6,0", "", "7,0"]]
    assert withheld["z"] == [[None, None, None], [None, 1, None], [None, 1, None]]  # grey under the gaps, no text
    assert [(s["x0"], s["y0"], s["y1"], s["line"]["dash"]) for s in layout["shapes"]] == [(2025.5, 0.5, 1.5, "dash")]
    assert layout["title"]["text"] == "ATS per 100" and layout["height"] == charts.UNITS_TOP + 20 + 3 * charts.ROW_PX


def test_tren_figures_are_written_as_dicts_and_valid(use_store, monkeypatch):
    """The Tren page's figures (ui.charts: trend, counts, coverage, breakdown, changes, participation) are written as
    the figure's dict, not set property by property through plotly.graph_objects, which checked each one as it was set
    (20-50 ms of CPU per figure): no add_trace, update_* or add_vline while they are built, and Plotly, validating
    each figure whole, finds nothing it does not know. A coverage break is a dashed line on both coverage panels and on the
    trend, with its label there only."""
    import pandas as pd

    trend = api.ats_trend_by_round(ANONYMOUS, level="kab", kode_induk="73.73").df
    units = api.ats_trend_by_round(ANONYMOUS, level="kec", kode_induk="73.73").df
    group = api.ats_trend_by_group(ANONYMOUS, kode="73.73", by="sex").df
    aps = api.aps_by_round(ANONYMOUS, kode="73.73").df
    surveyed = trend[trend["is_surveyed"]].copy()
    surveyed.loc[surveyed.index[-1], "is_coverage_break"] = True  # a break before the last round surveyed
    surveyed.loc[surveyed.index[-1], "prev_survey_round"] = surveyed["survey_round"].iloc[-2]
    last = units[units["survey_round"] == units["survey_round"].max()].head(3)
    moved = last.assign(d_ats_pct=[-1.5, -0.5, -0.25][:len(last)], prev_ats_pct=4.0,  # the fixture's units moved little
                        prev_survey_round=last["survey_round"] - 1, ats_pct=3.0)
    assert len(surveyed) >= 2 and len(moved) and len(group) and len(aps)
    charts.coverage(surveyed)  # its two panels' grid: made once per process by make_subplots, then read as a dict
    set_one_by_one = []
    with monkeypatch.context() as m:
        for method in ("add_trace", "update_layout", "update_xaxes", "update_yaxes", "add_vline", "update_annotations"):
            real = getattr(go.Figure, method)
            m.setattr(go.Figure, method,
                      lambda self, *a, _real=real, _m=method, **k: set_one_by_one.append(_m) or _real(self, *a, **k))
        figures = {"trend": charts.trend(surveyed, None, title="ATS"), "counts": charts.counts_by_category(surveyed),
                   "coverage": charts.coverage(surveyed), "group": charts.by_group(group, "sex"),
                   "changes": charts.changes(moved, "Membaik", charts.IMPROVED), "units": charts.units_by_round(units),
                   "participation": charts.participation(aps, api.ats_reference_by_year().df)}
    assert set_one_by_one == []
    for name, fig in figures.items():
        go.Figure(fig.to_dict())  # validated whole: raises on any property Plotly does not know
    x = (float(surveyed["survey_round"].iloc[-1]) + float(surveyed["survey_round"].iloc[-2])) / 2
    shapes = {name: [(s["xref"], s["yref"], s["x0"]) for s in fig.to_dict()["layout"].get("shapes", [])]
              for name, fig in figures.items()}
    assert shapes["coverage"] == [("x", "y domain", x), ("x2", "y2 domain", x)]
    assert shapes["trend"] == shapes["counts"] == [("x", "y domain", x)]
    notes = [a["text"] for a in figures["trend"].to_dict()["layout"]["annotations"]]
    assert len(notes) == 1 and not figures["counts"].to_dict()["layout"].get("annotations")
    layout = figures["trend"].to_dict()["layout"]
    assert layout["xaxis"]["tickvals"] == sorted(int(r) for r in surveyed["survey_round"])
    assert layout["plot_bgcolor"] == "white" and layout["yaxis"]["gridcolor"] == "#e5e5e5"
    assert [tr["name"] for tr in figures["group"].to_dict()["data"]] == [t("grp.L"), t("grp.P")]
    assert pd.notna(figures["coverage"].to_dict()["layout"]["yaxis"]["range"][1])


def test_the_biggest_changes_set_their_margins_from_the_names():
    """The two "biggest changes" bar charts name their units on the y axis; Plotly's automargin measured the names
    and drew each chart a second time at every filter change (about 16 -> 9 ms each). Their margins are set from the
    names' length instead, wide enough for the longest (with the coverage-break mark)."""
    import pandas as pd

    df = pd.DataFrame({"nama": ["Kabupaten Pangkajene dan Kepulauan", "Bone"], "d_ats_pct": [-1.2, -0.4],
                       "is_coverage_break": [True, None], "prev_ats_pct": [5.0, 4.0], "ats_pct": [3.8, 3.6],
                       "prev_survey_round": [2025, 2025], "survey_round": [2026, 2026]})
    spec = json.loads(pio.to_json(charts.changes(df, "Paling membaik", charts.IMPROVED), validate=False))
    layout = spec["layout"]
    assert not layout["xaxis"]["automargin"] and not layout["yaxis"]["automargin"]
    assert spec["data"][0]["y"][0] == "⚠ Kabupaten Pangkajene dan Kepulauan"
    assert layout["margin"]["l"] >= 8 * len("⚠ Kabupaten Pangkajene dan Kepulauan")
