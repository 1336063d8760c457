"""A page's figures as files (ui/figure_files.py): the map of a real read query on the fixture store (real Palopo
boundaries), in the screen's classes with the screen's hidden and no-data classes, its words in the page's language
and a file name that says what it is."""

import html
import io

import numpy as np
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
    assert html.escape(f"Disembunyikan (< 5, atau melindungi angka < 5) ({n_hidden})") in svg
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
    ("views/tren.py", ["tren_chart_files", "tren_counts_files", "tren_aps_files"]),
    ("views/penanganan.py", ["handling_funnel_files"]),
])
def test_pages_offer_every_figure_as_three_files(use_store, view, keys):
    """Beside each map and chart: PNG slide, PNG print and SVG (AppTest: the buttons; the files are made on a click,
    tests/test_browser.py downloads one)."""
    from tests.test_pages import start_page

    at = start_page(view)
    assert not at.exception, at.exception
    found = {b.key: b.proto.label for b in at.get("download_button")}
    for key in keys:
        for suffix, label in (("slide_png", "PNG slide"), ("print_png", "PNG cetak"), ("slide_svg", "SVG")):
            assert found.get(f"{key}_{suffix}") == label, (key, suffix, found)
