"""A page's figures as files (ui/figure_files.py): the map of a real read query on the fixture store (real Palopo
boundaries), in the screen's classes with the screen's hidden and no-data classes, its words in the page's language
and a file name that says what it is."""

import html
import io

import numpy as np
import pandas as pd
import pytest
from PIL import Image

from tests.conftest import needs_shared
from tests.test_figures import pixels

pytestmark = needs_shared


@pytest.fixture()
def palopo_units(use_store):
    from data import api

    from data.accounts import ANONYMOUS

    return api.ats_by_wilayah(ANONYMOUS, level="kel", kode_induk="73.73", survey_round=2024)  # as a viewer: protected


def _view(**filters):
    from ui.view import View

    return View(places=("Sulawesi Selatan", "Kota Palopo"), period="putaran 2024", as_of="15 Juli 2024", **filters)


def test_map_file_has_the_screens_classes_words_and_name(palopo_units):
    from data import api
    from ui import figure_files, maps

    view = _view(sex="P")
    shown, classes = maps.classes_for(palopo_units.df, api.boundaries("kel", "73.73").kodes, "n_ats", "quantiles")
    figure = figure_files.map_figure(palopo_units, "kel", "73.73", "n_ats", "quantiles", view, classes)
    assert figure.stem == "ats_peta_kota-palopo_2024_perempuan"
    svg = figure.render("slide", "svg").decode()
    title = figure_files.text(view.measure("n_ats"))
    assert html.escape(title) in svg and "Kota Palopo" in svg
    assert html.escape(figure_files.text(view.line())) in svg
    assert "Sumber: sensus SIPBM putaran 2024" in svg
    for label, n in zip(classes.labels, classes.counts):
        assert html.escape(f"{figure_files.text(label)} ({n})") in svg
    n_hidden = int((classes.index == maps.HIDDEN_CLASS).sum())
    assert n_hidden > 0, "the fixture has small units: protection hides some"
    # one class, its words naming both reasons: a count below 5, or one hidden to protect such a count
    from figures.common import wrap
    from figures.staticmap import LABEL_IN

    hidden = wrap(f"Disembunyikan (< 5, atau melindungi angka < 5) ({n_hidden})", LABEL_IN, 11)
    assert len(hidden) == 2 and all(html.escape(line) in svg for line in hidden), hidden  # wrapped in the panel
    png = figure.render("slide", "png")
    assert Image.open(io.BytesIO(png)).size == (1920, 1080)
    swatch = 51 * 32  # the legend's swatch at 1920x1080: 0.32 x 0.2 inches at 160 dpi
    assert pixels(png, maps.HIDDEN) > 2 * swatch  # the hidden units themselves, not only the swatch


def test_english_words(palopo_units, monkeypatch):
    from ui import figure_files, i18n

    monkeypatch.setattr(i18n, "lang", lambda: "en")
    figure = figure_files.map_figure(palopo_units, "kel", "73.73", "ats_pct", "quantiles", _view())
    svg = figure.render("slide", "svg").decode()
    assert "Source: SIPBM census" in svg and ">N<" in svg
    assert "Sumber" not in svg


@pytest.mark.parametrize("view, keys", [
    ("views/peta.py", ["peta_map"]),
    ("views/tren.py", ["tren_chart_files", "tren_coverage_files", "tren_counts_files"]),
    ("views/tren.py#participation", ["tren_chart_files", "tren_aps_files"]),  # a tab of its own (only the open one runs)
    ("views/penanganan.py", ["handling_funnel_files", "handling_per_round_files"]),
    ("views/kla.py?tahun=2024", ["kla_ranking_files"]),  # the fixture's 2025 values are withheld for a viewer
    ("views/banding.py?banding=73.73,73.08", ["banding_trend_files", "banding_map_73.73_files", "banding_map_73.08_files"]),
])
def test_pages_offer_every_figure_as_three_files(use_store, view, keys):
    """Beside each map and chart: PNG slide, PNG print and SVG (AppTest: the buttons; the files are made on a click,
    tests/test_browser.py downloads one)."""
    from tests.conftest import open_tren_tab
    from tests.test_pages import start_page

    view, _, query = view.partition("?")
    view, _, tab = view.partition("#")
    at = start_page(view, **dict(p.split("=") for p in query.split("&") if p))
    assert not at.exception, at.exception
    if tab:
        open_tren_tab(at, tab)
    found = {b.key: b.proto.label for b in at.get("download_button")}
    for key in keys:
        for suffix, label in (("slide_png", "PNG slide"), ("print_png", "PNG cetak"), ("slide_svg", "SVG")):
            assert found.get(f"{key}_{suffix}") == label, (key, suffix, found)


def test_kla_tier_history_offers_its_three_files(kla_store):
    """With an evaluation result recorded (the fixture has none), the KLA page draws the tier history and offers it."""
    from data import kla
    from tests.test_pages import start_page

    kla.save_evaluation("73.73", 2024, "588,4", None, sumber="SK KemenPPPA 2024", operator="Andi", path=kla_store)
    at = start_page("views/kla.py", tahun="2024")
    assert not at.exception, at.exception
    found = {b.key for b in at.get("download_button")}
    assert {f"kla_tier_history_files_{s}" for s in ("slide_png", "print_png", "slide_svg")} <= found, found


def _svg(figure) -> str:
    return html.unescape(figure.render("slide", "svg").decode())


def test_coverage_returns_and_kla_figures_carry_the_query_numbers_and_words(kla_store):
    """The four charts that came last (census coverage, returns per round, KLA tier and ranking) from real read queries
    of the fixture store, with a filter on: the title, the view line naming the filter where it applies, the source
    line, and the query's own numbers in the page's format."""
    from data import api, kla
    from data.accounts import ANONYMOUS
    from ui import figure_charts, figure_files
    from ui.fmt import number

    view = _view(sex="P").at(period="putaran 2019–2024")
    trend = api.ats_trend_by_round(ANONYMOUS, level="kab", kode_induk="73.73")
    surveyed = trend.df[trend.df["is_surveyed"]]
    coverage = figure_charts.coverage(surveyed, view.without("sex"), trend.source)
    svg = _svg(coverage)
    assert coverage.stem.startswith("ats_tren-cakupan_kota-palopo") and "perempuan" not in coverage.stem
    assert "Cakupan sensus per putaran" in svg and figure_files.text(view.without("sex").line()) in svg
    for pct, households in zip(surveyed["coverage_pct"], surveyed["n_keluarga"]):
        assert f">{number(pct, 1)}<" in svg and f">{number(households)}<" in svg
    assert "Sumber: sensus SIPBM" in svg

    summary = api.handling_summary_by_round(ANONYMOUS, kode="73.73", sex="P")
    assert len(summary.df) >= 2
    returns = figure_charts.returns_by_round(summary.df, view, summary.source)
    svg = _svg(returns)
    assert returns.stem.endswith("_perempuan") and "perempuan" in svg and figure_files.text(view.line()) in svg
    for r in summary.df.itertuples():
        assert f">{number(r.n_returned)}<" in svg and f">{number(r.return_pct, 1)}<" in svg
    assert "Kembali formal" in svg and "Kembali nonformal" in svg

    kla.save_evaluation("73.73", 2024, "588,4", None, sumber="SK KemenPPPA 2024", operator="Andi", path=kla_store)
    evaluations = api.kla_evaluasi_by_kab(ANONYMOUS, kode_kab="73.73")
    tiers = figure_charts.kla_tiers(evaluations.df, view.at(period="2024", sex=None), evaluations.source)
    svg = _svg(tiers)
    assert "Predikat KLA per tahun" in svg and "Pratama" in svg and ">588,4<" in svg and "Belum berpredikat" in svg
    ranking = api.kla_ranking_by_kab(ANONYMOUS, kode="IV.2", tahun=2024, kode_prov="73")
    province = view.at(places=view.places[:1], period="2024", sex=None)
    figure = figure_charts.kla_ranking(ranking.df, "73.73", "IV.2 · Angka partisipasi", province, ranking.source)
    svg = _svg(figure)
    assert figure.stem == "ats_kla-peringkat-iv-2_sulawesi-selatan_2024"
    first = ranking.df.iloc[0]
    for name, value in zip(ranking.df["nama_kab"], ranking.df["nilai"]):
        assert name in svg and (pd.isna(value) or f"{number(value, 1)}%" in svg)
    if pd.notna(first["nilai_provinsi"]):
        assert f"Provinsi {number(first['nilai_provinsi'], 1)}%" in svg


def test_compared_units_leave_as_one_trend_figure(use_store):
    """The Bandingkan page's trend of the units compared: one line per unit, named, with the rates of its query."""
    from data import api
    from data.accounts import ANONYMOUS
    from ui import figure_charts
    from ui.fmt import number

    results = [api.ats_trend_by_round(ANONYMOUS, level="kab", kode_induk=k) for k in ("73.73", "73.08")]
    df = pd.concat([r.df for r in results], ignore_index=True)
    names = {"73.73": "Kota Palopo", "73.08": "Kabupaten Bone"}
    view = _view().at(places=("Sulawesi Selatan",), period="putaran 2023–2025")
    figure = figure_charts.compare_trend(df, names, "ATS per 100 anak 7-18", view, results[0].source)
    assert figure.stem == "ats_banding-tren_sulawesi-selatan_2023-2025"
    svg = _svg(figure)
    assert "Kota Palopo" in svg and "Kabupaten Bone" in svg and "ATS per 100 anak 7-18" in svg
    shown = df[df["is_surveyed"] & df["ats_pct"].notna()]
    assert len(shown) >= 2 and all(f">{number(v, 1)}<" in svg for v in shown["ats_pct"])


def test_a_compared_map_file_has_the_shared_classes_and_its_own_counts(use_store):
    """Bandingkan classes its maps over the union of their units (one legend on screen); each map's file keeps those
    classes and counts only its own units in the legend, under its own place."""
    import dataclasses

    from data import api
    from data.accounts import NATIONAL, Principal
    from ui import figure_files, maps

    analyst = Principal("analis", "analyst", NATIONAL)  # the fixture's few children: a viewer's map is all hidden
    palopo_units = api.ats_by_wilayah(analyst, level="kel", kode_induk="73.73")
    other = api.ats_by_wilayah(analyst, level="kel", kode_induk="73.08")
    ours = palopo_units.df[palopo_units.df["kode"].isin(api.boundaries("kel", "73.73").kodes)].reset_index(drop=True)
    theirs = other.df[other.df["kode"].isin(api.boundaries("kel", "73.08").kodes)].reset_index(drop=True)
    union = maps.classify(pd.concat([ours, theirs])["n_ats"], "quantiles")
    part = dataclasses.replace(union, index=union.index[:len(ours)])
    own = dataclasses.replace(part, counts=tuple(int((part.index == c).sum()) for c in range(len(part.labels))))
    figure = figure_files.map_figure(palopo_units, "kel", "73.73", "n_ats", "quantiles", _view(), own)
    svg = figure.render("slide", "svg").decode()
    assert "Kota Palopo" in svg
    assert 0 < sum(own.counts) == int((part.index >= 0).sum()) < sum(union.counts)  # the other map has units too
    for label, n in zip(own.labels, own.counts):
        assert f"({n})" in svg or not n, (label, n)


def test_a_heat_map_file_leaves_withheld_cells_blank_and_says_so_once(use_store):
    """The file of Penanganan's reasons x kecamatan (a viewer's Palopo 2024: nearly every share withheld) wrote
    "ditahan" in nearly every cell, as the screen did: its withheld cells are blank and one note says what they mean."""
    from data import api
    from data.accounts import ANONYMOUS
    from ui import figure_charts

    reasons = api.handling_reason_by_wilayah(ANONYMOUS, level="kec", kode_induk="73.73", survey_round=2024)
    assert reasons.df["share_pct_hidden"].sum() >= 2
    figure = figure_charts.heatmap(reasons.df, "alasan", "kode", "share_pct", str, str, "Alasan menurut kecamatan",
                                   "alasan-wilayah", _view(), reasons.source)
    svg = _svg(figure)
    assert svg.count("ditahan") == 1 and "Sel tanpa angka: persentase ditahan" in html.unescape(svg)


def test_the_kla_ranking_file_draws_the_pages_dots_on_its_zoomed_axis(kla_store):
    """The KLA comparison's PNG/SVG drew bars from 0 while the page draws dots on an axis zoomed to the values
    (ui.kla.ranking_figure): a file taken to a meeting showed every kab/kota at one length again. Its value axis is
    now the page's (kla.value_range): ticks from 93 up, none at 0 or 50, each value written."""
    import re

    from data import api
    from data.accounts import ANONYMOUS
    from tests.test_kla import _spread
    from ui import figure_charts
    from ui import kla as kla_ui
    from ui.fmt import number

    ranking = api.kla_ranking_by_kab(ANONYMOUS, kode="IV.2", tahun=2024, kode_prov="73")
    values = [96.9, 96.2, 95.6, 95.1, 94.5, 94.2, 93.7, 93.2, 92.7]
    spread = _spread(ranking.df, values)
    province = _view().at(places=("Sulawesi Selatan",), period="2024", sex=None)
    figure = figure_charts.kla_ranking(spread, "73.03", "IV.2 · Angka partisipasi", province, ranking.source)
    svg = _svg(figure)
    assert all(f">{number(v, 1)}%<" in svg for v in values)
    ticks = {int(x) for x in re.findall(r">(\d{1,3}),0<", svg)}  # the axis's numbers, one decimal
    assert {93, 94, 95, 96, 97} <= ticks and not ticks & {0, 20, 40, 50, 60, 80, 100}, sorted(ticks)
    assert kla_ui.value_range(spread)[0] > 90
