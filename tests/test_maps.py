"""Map building blocks: class breaks, the no-data class, the SVG map and its offline topojson, the figure payload."""

import json

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from data.api import Boundaries
from ui import maps


@pytest.mark.parametrize("method", maps.METHODS)
def test_classes_cover_values_and_keep_no_data_apart(method):
    values = pd.Series([0, 1, 2, 3, 5, 8, 13, 21, 34, 55, None, np.nan])
    c = maps.classify(values, method, k=5)
    assert len(c.bins) == len(c.labels) == len(c.colors) == len(c.counts) == 5
    assert list(c.index[-2:]) == [-1, -1]
    assert sum(c.counts) == 10
    present = values.dropna().to_numpy()
    for v, i in zip(present, c.index[:10]):
        assert v <= c.bins[i] and (i == 0 or v > c.bins[i - 1])


def test_few_distinct_values_give_fewer_classes():
    c = maps.classify(pd.Series([0, 0, 0, 4, 4]), "quantiles", k=5)
    assert len(c.bins) == 2 and c.counts == (3, 2)
    c = maps.classify(pd.Series([7, 7]), "natural_breaks")
    assert c.counts == (2,)
    c = maps.classify(pd.Series([None, None]), "quantiles")
    assert c.bins == () and list(c.index) == [-1, -1]


def test_natural_breaks_on_many_units_is_deterministic():
    rng = np.random.default_rng(7)
    values = pd.Series(rng.gamma(2.0, 6.0, 3000).round())
    a, b = maps.classify(values, "natural_breaks"), maps.classify(values, "natural_breaks")
    assert a.bins == b.bins and a.bins[-1] == values.max() and sum(a.counts) == 3000
    assert len(a.bins) == 5 and all(c > 0 for c in a.counts)


def test_unknown_method_is_refused():
    with pytest.raises(ValueError, match="quantiles"):
        maps.classify(pd.Series([1, 2]), "kmeans")


def test_the_map_is_svg_with_no_base_map_and_fetches_nothing_from_outside():
    """The screen map is Plotly's SVG choropleth on a geo subplot (not MapLibre's WebGL, drawn in software on a machine
    without a GPU): no base layer, the units fitted, Mercator. plotly.js fetches a world topojson for any geo trace
    with a locationmode even with every base layer off; the chart's config points it at the app's own stub, a valid
    topojson with every layer Plotly may ask for and nothing in them (the dashboard works offline)."""
    df = pd.DataFrame({"kode": ["73.73.01", "73.73.02"], "nama": ["A", "B"], "is_surveyed": [True] * 2,
                       "n_anak": [40, 30], "n_ats": [6, 9], "ats_pct": [15.0, 30.0], "n_do": [1, 2], "n_ltm": [2, 3],
                       "n_bpb": [3, 4]})
    b = Boundaries("app/static/geo/v/kec_73.73.geojson", None, 0, frozenset(df["kode"]), (120.08, -3.06, 120.26, -2.88))
    fig, _ = maps.build(df, b, "n_ats", "quantiles", revision="kec:73.73")
    spec = json.loads(pio.to_json(fig, validate=False))
    assert {tr["type"] for tr in spec["data"]} == {"choropleth"}
    geo = spec["layout"]["geo"]
    assert geo["visible"] is False and geo["fitbounds"] == "locations" and geo["projection"]["type"] == "mercator"
    assert "map" not in spec["layout"] and "mapbox" not in spec["layout"]
    # the legend's colours on the map, before and after a click: opaque, and a click is no selection (which fades
    # the other units)
    assert {tr["marker"]["opacity"] for tr in spec["data"]} == {1} and spec["layout"]["clickmode"] == "event"
    config = maps.chart_config()
    assert config["topojsonURL"] == maps.TOPOJSON_URL and config["scrollZoom"] is True
    # Streamlit serves static/ beside app.py at app/static/; plotly.js asks for <scope>_<resolution>m.json
    stub = maps.TOPOJSON_FILE.relative_to(maps.config.ROOT).as_posix()
    assert "app/" + stub == maps.TOPOJSON_URL + "world_110m.json"
    topology = json.loads(maps.TOPOJSON_FILE.read_text())
    assert topology["type"] == "Topology" and topology["arcs"] == []
    layers = {"coastlines", "land", "ocean", "lakes", "rivers", "countries", "subunits"}
    assert set(topology["objects"]) == layers
    assert all(o == {"type": "GeometryCollection", "geometries": []} for o in topology["objects"].values())


def test_figure_references_geometry_by_url_and_stays_small():
    n = 3000
    df = pd.DataFrame({
        "kode": [f"73.{i // 1000:02d}.{(i // 100) % 10:02d}.{1000 + i % 100}" for i in range(n)],
        "nama": [f"Desa {i}" for i in range(n)],
        "n_anak": np.arange(n) + 100, "n_ats": np.arange(n) % 40, "ats_pct": (np.arange(n) % 40) / 3,
        "n_do": 1, "n_ltm": 2, "n_bpb": 3,
    })
    df.loc[:9, ["n_anak", "n_ats", "ats_pct", "n_do", "n_ltm", "n_bpb"]] = None
    b = Boundaries("app/static/geo/v/kel_73.geojson", None, 0, frozenset(df["kode"]), (117.0, -7.8, 122.0, -1.8))
    fig, classes = maps.build(df, b, "n_ats", "quantiles", revision="kel:73")
    payload = pio.to_json(fig, validate=False)
    traces = json.loads(payload)["data"]
    assert {tr["geojson"] for tr in traces} == {"app/static/geo/v/kel_73.geojson"}
    assert len(fig.data) == 2 and len(fig.data[1].locations) == 10  # the explicit no-data trace
    assert len(payload) < 3_000_000


@pytest.mark.parametrize("measure", ["n_ats", "ats_pct"])
def test_no_child_in_the_group_is_not_not_surveyed(measure):
    """A desa surveyed where the filters select nobody (n_anak = 0) has its own class, hover, legend chip and note;
    a desa the round did not survey is "belum disurvei". Both were "Tidak ada data / belum disurvei" (and for a
    count, the surveyed ones were coloured as the lowest class)."""
    df = pd.DataFrame({
        "kode": ["73.73.01.1001", "73.73.01.1002", "73.73.01.1003", "73.73.01.1004", "73.73.01.1005"],
        "nama": ["A", "B", "C", "D", "E"],
        "is_surveyed": [True, True, True, True, False],
        "n_anak": [40, 25, 0, 0, None], "n_ats": [6, 9, 0, 0, None], "ats_pct": [15.0, 36.0, None, None, None],
        "n_do": [1, 2, 0, 0, None], "n_ltm": [2, 3, 0, 0, None], "n_bpb": [3, 4, 0, 0, None],
    })
    b = Boundaries("app/static/geo/v/kel_73.geojson", None, 0, frozenset(df["kode"]), (120.08, -3.06, 120.26, -2.88))
    fig, classes = maps.build(df, b, measure, "quantiles", revision="kel:73.73")
    assert list(classes.index[2:]) == [maps.NO_CHILD_CLASS, maps.NO_CHILD_CLASS, -1]
    assert sum(classes.counts) == 2  # the classes hold the two desa with children
    traces = {tr.marker.line.color and tr.colorscale[0][1]: tr for tr in fig.data}
    assert list(traces[maps.NO_CHILD].locations) == ["73.73.01.1003", "73.73.01.1004"]
    assert "Sudah disurvei, tetapi tidak ada anak 7-18" in traces[maps.NO_CHILD].hovertemplate
    assert list(traces[maps.NO_DATA].locations) == ["73.73.01.1005"]
    assert "Belum disurvei" in traces[maps.NO_DATA].hovertemplate
    legend = maps.legend_html(classes, 1, "Anak tidak sekolah", n_no_child=2)
    assert "Tidak ada anak dalam kelompok ini <span style=\"color:#666\">(2)</span>" in legend
    assert "Belum disurvei <span style=\"color:#666\">(1)</span>" in legend
    assert list(maps.status(df)) == ["", "", "Tidak ada anak dalam kelompok ini", "Tidak ada anak dalam kelompok ini",
                                     "Belum disurvei"]


@pytest.mark.parametrize("with_small_flag", [True, False])
def test_a_hidden_unit_says_why_in_its_hover_and_the_legend_names_both_reasons(with_small_flag):
    """Small-cell protection on the map (issue 19): hidden units are one class, one colour, whose legend names both
    reasons; the hover of each says which: a count below k ("Kurang dari 5 anak"), or a count hidden only so that a
    small one cannot be worked out (no value claimed). A query that publishes no <column>_small flag (protected by
    another branch, not yet telling why) gets the hover naming both. On the rate map: a withheld rate."""
    df = pd.DataFrame({
        "kode": ["73.73.01.1001", "73.73.01.1002", "73.73.01.1003", "73.73.01.1004"],
        "nama": ["A", "B", "C", "D"],
        "is_surveyed": [True, True, True, True],
        "n_anak": [40, 25, 30, 60], "n_ats": [None, None, 9, 12], "ats_pct": [None, None, 30.0, 20.0],
        "n_do": [1, 2, 3, 4], "n_ltm": [2, 3, 3, 4], "n_bpb": [3, 4, 3, 4],
        "n_ats_hidden": [True, True, False, False], "n_ats_small": [True, False, False, False],
        "ats_pct_hidden": [True, True, False, False],
    })
    if not with_small_flag:
        df = df.drop(columns="n_ats_small")
    b = Boundaries("app/static/geo/v/kel_73.geojson", None, 0, frozenset(df["kode"]), (120.08, -3.06, 120.26, -2.88))
    fig, classes = maps.build(df, b, "n_ats", "quantiles", revision="kel:73.73")
    assert list(classes.index[:2]) == [maps.HIDDEN_CLASS, maps.HIDDEN_CLASS]
    hidden = {tuple(tr.locations): tr for tr in fig.data if tr.colorscale[0][1] == maps.HIDDEN}
    label = "Disembunyikan (< 5, atau melindungi angka < 5)"
    assert {tr.name for tr in hidden.values()} == {label}
    if with_small_flag:
        assert set(hidden) == {("73.73.01.1001",), ("73.73.01.1002",)}
        assert "Kurang dari 5 anak" in hidden[("73.73.01.1001",)].hovertemplate
        suppressed = hidden[("73.73.01.1002",)].hovertemplate
        assert "agar angka kecil tidak dapat dihitung dari jumlahnya" in suppressed and "5" not in suppressed
    else:
        (both,) = hidden.values()
        assert "kurang dari 5 anak, atau agar angka kecil tidak dapat dihitung" in both.hovertemplate
    assert f"{label} <span" in maps.legend_html(classes, 0, "Anak tidak sekolah", n_hidden=2)
    fig, classes = maps.build(df, b, "ats_pct", "quantiles", revision="kel:73.73")
    (withheld,) = [tr for tr in fig.data if tr.colorscale[0][1] == maps.HIDDEN]
    assert "Angka per 100 ditahan: kurang dari 10 anak" in withheld.hovertemplate
    assert "Ditahan (< 10 anak" in maps.legend_html(classes, 0, "Per 100", n_hidden=2, measure="ats_pct")


def test_a_unit_whose_categories_are_hidden_says_so_in_its_hover_not_nan():
    """A kelurahan coloured by its ATS count whose DO, LTM and BPB counts protection hid (found in use: "DO NaN ·
    LTM NaN · BPB NaN" on Battang's hover, Palopo): its hover reads the published marks, "< 5" for a small count and
    "disembunyikan" for a complementary one, in a trace coloured as the others; the other units keep Plotly's numbers."""
    df = pd.DataFrame({
        "kode": ["73.73.01.1001", "73.73.01.1002", "73.73.01.1003"], "nama": ["A", "B", "C"],
        "is_surveyed": [True, True, True],
        "n_anak": [1200, 250, 300], "n_ats": [60, 7, 12], "ats_pct": [5.0, 2.8, 4.0],
        "n_do": [30, None, 4], "n_ltm": [20, None, 4], "n_bpb": [10, 5, 4],
        "n_do_hidden": [False, True, False], "n_do_small": [False, True, False],
        "n_ltm_hidden": [False, True, False], "n_ltm_small": [False, False, False],
    })
    b = Boundaries("app/static/geo/v/kel_73.geojson", None, 0, frozenset(df["kode"]), (120.08, -3.06, 120.26, -2.88))
    fig, classes = maps.build(df, b, "n_ats", "quantiles", revision="kel:73.73")
    coloured = [tr for tr in fig.data if tr.customdata is not None]
    by_unit = {kode: (tr, i) for tr in coloured for i, kode in enumerate(tr.locations)}
    tr, i = by_unit["73.73.01.1002"]
    assert list(tr.customdata[i]) == ["7", "250", "2,8", "< 5", "disembunyikan", "5"]
    assert ":,.0f" not in tr.hovertemplate and "%{customdata[3]}" in tr.hovertemplate
    other, j = by_unit["73.73.01.1001"]
    assert other is not tr and ":,.0f}" in other.hovertemplate and list(other.customdata[j][:2]) == [60, 1200]
    assert (tr.colorscale, tr.zmin, tr.zmax, tr.name) == (other.colorscale, other.zmin, other.zmax, other.name)
    shown = {kode: z for t in coloured for kode, z in zip(t.locations, t.z)}
    assert [shown[k] for k in df["kode"]] == list(classes.index)  # each unit in its class's colour, as before


def test_a_legend_chip_does_not_wrap_away_from_its_text():
    classes = maps.classify(pd.Series([1, 2, 3, 4, 5, 6]), "quantiles")
    legend = maps.legend_html(classes, 3, "Anak tidak sekolah", n_hidden=2, n_no_child=1)
    import re

    items = re.findall(r'<span style="white-space:nowrap">(.*?\(\d+\)</span>)</span>', legend)
    assert len(items) == len(classes.labels) + 3, legend  # every chip with its label and count in one unbreakable unit
    assert all("background:" in item for item in items)


def _luminance(hex_color: str) -> float:
    rgb = [int(hex_color.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two #rrggbb colours."""
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_hover_labels_are_readable():
    """A hover label's text has at least 4.5:1 contrast (WCAG AA) with its background: not Plotly's default, where the
    label takes the unit's own colour (3.7:1 on the orange classes). No trace sets a background of its own."""
    from ui import charts

    assert contrast("#ffffff", "#000000") == pytest.approx(21)
    df = pd.DataFrame({"kode": ["73.73.01.1001", "73.73.01.1002"], "nama": ["A", "B"], "is_surveyed": [True, True],
                       "n_anak": [40, 30], "n_ats": [6, 9], "ats_pct": [15.0, 30.0], "n_do": [1, 2], "n_ltm": [2, 3],
                       "n_bpb": [3, 4]})
    b = Boundaries("app/static/geo/v/kel.geojson", None, 0, frozenset(df["kode"]), (120.08, -3.06, 120.26, -2.88))
    fig, _ = maps.build(df, b, "n_ats", "quantiles", revision="r")
    line = charts.layout(go.Figure())
    for figure in (fig, line):
        label = figure.layout.hoverlabel
        assert contrast(label.font.color, label.bgcolor) >= 4.5
        assert all(tr.hoverlabel.bgcolor is None for tr in figure.data)


def test_the_overlay_names_come_from_a_label_file_not_from_the_figure():
    """The names, a point inside each unit and its box are a static file per view and store version
    (geo.label_file), which the page's overlay fetches once (ui/map_overlay.js: names where they fit, a scale bar); the
    figure's layout.meta only says where it is and whether the names show (the page's switch): a filter change does
    not send them again (issue 21: 3,059 names and points in every figure of the province's desa)."""
    import json

    import shapely

    from geo import label_file

    ring = '{"type": "Polygon", "coordinates": [[[0, 0], [4, 0], [4, 1], [1, 1], [1, 4], [0, 4], [0, 0]]]}'  # an L
    ((kode, name, lon, lat, width, height),) = json.loads(label_file([("73.73.01", "Wara <b>Timur</b>", ring)]))
    assert kode == "73.73.01" and shapely.from_geojson(ring).contains(shapely.Point(lon, lat))  # not the L's centroid
    assert (name, width, height) == ("Wara <b>Timur</b>", 4.0, 4.0)
    df = pd.DataFrame({"kode": ["73.73.01", "73.73.02"], "nama": ["Wara", "Wara <b>Timur</b>"], "is_surveyed": [True] * 2,
                       "n_anak": [40, 30], "n_ats": [6, 9], "ats_pct": [15.0, 30.0], "n_do": [1, 2], "n_ltm": [2, 3],
                       "n_bpb": [3, 4]})
    b = Boundaries("app/static/geo/v/kec.geojson", None, 0, frozenset(df["kode"]), (120.08, -3.06, 120.26, -2.88),
                   "app/static/geo/v/kec.labels.json")
    fig, _ = maps.build(df, b, "n_ats", "quantiles", revision="r", labels=True)
    assert json.loads(fig.layout.meta) == {"labels_on": True, "labels_url": "app/static/geo/v/kec.labels.json"}
    fig, _ = maps.build(df, b, "n_ats", "quantiles", revision="r")
    assert json.loads(fig.layout.meta)["labels_on"] is False
    assert "Wara" not in fig.layout.meta
    assert "textContent = name" in maps.OVERLAY_JS.read_text() and "innerHTML" not in maps.OVERLAY_JS.read_text()


def test_a_province_by_kab_kota_names_its_finer_files_to_fetch_ahead_once_written(use_store):
    """A province shown by kab/kota names the GeoJSON and the names (label file) of its finer levels offered
    (kecamatan, desa) for the page to fetch while idle (ui/map_overlay.js), in its figure's meta, once their files are
    written: never written for it (a province's desa file takes seconds to make), and a kab/kota or a finer view names
    none."""
    import json

    from data import api

    offered = ("kab", "kec", "kel")
    assert api.written_boundaries_url("kel", "99") is None  # a view never drawn: nothing written, nothing named
    desa = api.boundaries("kel", "73")  # the province's desa view drawn once: its file written
    assert desa.url and api.written_boundaries_url("kel", "73") == desa.url
    assert api.written_labels_url("kel", "99") is None
    assert desa.labels_url and api.written_labels_url("kel", "73") == desa.labels_url
    assert {desa.url, desa.labels_url} <= set(maps.ahead_urls("kab", "73", offered))
    not_offered = maps.ahead_urls("kab", "73", ("kab", "kec"))  # a level not offered is not fetched
    assert desa.url not in not_offered and desa.labels_url not in not_offered
    assert maps.ahead_urls("kel", "73", offered) == () and maps.ahead_urls("kab", "73.73", offered) == ()
    df = pd.DataFrame({"kode": ["73.73"], "nama": ["Kota Palopo"], "is_surveyed": [True], "n_anak": [40], "n_ats": [6],
                       "ats_pct": [15.0], "n_do": [1], "n_ltm": [2], "n_bpb": [3]})
    b = Boundaries("app/static/geo/v/kab.geojson", None, 0, frozenset(df["kode"]), (120.08, -3.06, 120.26, -2.88))
    fig, _ = maps.build(df, b, "n_ats", "quantiles", revision="r", ahead=(desa.url,))
    assert json.loads(fig.layout.meta)["ahead"] == [desa.url]
    assert "ahead" not in json.loads(maps.build(df, b, "n_ats", "quantiles", revision="r")[0].layout.meta)
