"""The dashboard's own plotly.js (ui/plotly_bundle.py: built from the pinned plotly.js with only the traces the pages
draw, committed) and the component that draws every figure with it (ui/plotly_chart.py). The figures drawn and
clicked in a real browser are in tests/test_browser*.py."""

import json
import math
import re
import shutil
import subprocess
from pathlib import Path

import plotly
import pytest

from tests.conftest import ROOT, open_app, screen_figures, screen_map
from tests.test_browser import CHROMIUM, browser  # noqa: F401 (fixture: Chromium)
from ui import maps, plotly_bundle, plotly_chart


def test_the_bundle_is_the_plotly_js_the_figures_are_made_for():
    """Its release is the one the pinned plotly (Python) package bundles, so that a plotly upgrade without a new
    bundle fails here, not on screen; the licence travels with it."""
    bundled = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    head = bundled.read_text(encoding="utf-8")[:200]
    assert f"plotly.js v{plotly_bundle.VERSION}" in head, head
    assert json.loads((plotly_bundle.RECIPE / "package.json").read_text())["dependencies"]["plotly.js"] == \
        plotly_bundle.VERSION
    assert plotly_bundle.LICENSE.read_text().startswith("MIT License")
    assert plotly_bundle.TRACES == {"scatter", "bar", "heatmap", "funnel", "choropleth"}


@pytest.mark.skipif(shutil.which("npm") is None, reason="Node.js's npm is not installed: the recipe cannot be built")
def test_the_committed_bundle_is_what_its_recipe_builds(tmp_path):
    """`make plotly-bundle` (npm ci with the lock file's versions, then esbuild) in a copy of the recipe gives the
    committed file byte for byte: what is served is what the recipe says, and nothing else."""
    recipe = tmp_path / "ui" / "plotlyjs"
    shutil.copytree(plotly_bundle.RECIPE, recipe, ignore=shutil.ignore_patterns("node_modules"))
    (tmp_path / "static" / "plotly").mkdir(parents=True)
    for command in (["npm", "ci", "--no-audit", "--no-fund"], ["npm", "run", "build"]):
        done = subprocess.run(command, cwd=recipe, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stdout + done.stderr
    built = tmp_path / "static" / "plotly"
    assert (built / plotly_bundle.BUNDLE.name).read_bytes() == plotly_bundle.BUNDLE.read_bytes()
    assert (built / plotly_bundle.LICENSE.name).read_bytes() == plotly_bundle.LICENSE.read_bytes()


def test_every_trace_type_the_code_draws_is_in_the_bundle():
    """A trace type plotly.js has not registered draws nothing (the figure comes without it): every type the pages'
    code names (go.Bar(...), {"type": "bar", ...}) must be in the bundle."""
    named = set()
    for path in [*(ROOT / "ui").glob("*.py"), *(ROOT / "views").glob("*.py")]:
        text = path.read_text()
        named |= {m.lower() for m in re.findall(r"\bgo\.([A-Z][a-z]+)\(", text) if m != "Figure"}
        named |= set(re.findall(r'"type": "([a-z]+)", "(?:x|z|geojson|lon|locations)"', text))
    assert {"scatter", "bar", "heatmap", "funnel", "choropleth"} <= named, named  # the scan finds them
    assert named <= plotly_bundle.TRACES, named - plotly_bundle.TRACES


def test_every_figure_of_the_pages_draws_with_the_bundle(use_store):
    """The figures the pages send (the fixture store: Palopo), by trace type: none that the bundle lacks."""
    drawn = {}
    for page, query in (("views/peta.py", {}), ("views/tren.py", {"kab": "73.73"}),
                        ("views/penanganan.py", {"kab": "73.73"}), ("views/kla.py", {"tahun": "2024"}),
                        ("views/peta.py", {"unit": "73.73.01.1001"})):
        at = open_app(page, **query)
        assert not at.exception, (page, at.exception)
        for key, figure in screen_figures(at).items():
            for trace in figure["data"]:
                drawn.setdefault(trace.get("type", "scatter"), key)
    assert {"choropleth", "scatter", "bar", "funnel"} <= set(drawn), drawn
    assert set(drawn) <= plotly_bundle.TRACES, drawn


def test_the_payload_is_json_with_no_nan_and_the_same_text_for_the_same_figure():
    """NaN (a withheld value in customdata) is no JSON: the browser's JSON.parse would refuse the whole figure."""
    import numpy as np

    spec = {"data": [{"type": "choropleth", "z": np.array([1.0, math.nan]), "customdata": [[math.nan, 2]]}],
            "layout": {"height": 560}}
    text = plotly_chart.payload(spec, {"scrollZoom": True})
    sent = json.loads(text)  # Python's json reads NaN; the browser's does not: look for it in the text
    assert "NaN" not in text
    assert sent["figure"]["data"][0]["z"] == [1.0, None] and sent["figure"]["data"][0]["customdata"] == [[None, 2]]
    assert sent["config"]["scrollZoom"] is True and "sendChartToCloud" in sent["config"]["modeBarButtonsToRemove"]
    assert sent["bundle"] == plotly_bundle.URL
    assert plotly_chart.payload(spec, {"scrollZoom": True}) == text
    # a figure's JSON (data.api.figure's) is sent as it is
    assert json.loads(plotly_chart.payload('{"data":[],"layout":{}}', {}))["figure"] == {"data": [], "layout": {}}


def test_the_component_sends_a_few_lines_that_import_its_module_from_static():
    """Streamlit sends a component's inline code with every element of it: the code is a module served from static/
    under a URL that names its content (a changed module is a new URL), the inline lines import it."""
    import hashlib

    assert len(plotly_chart.JS) < 1000 and json.dumps(plotly_bundle.MODULE_URL) in plotly_chart.JS
    digest = hashlib.sha256(plotly_bundle.MODULE.read_bytes()).hexdigest()[:12]
    assert plotly_bundle.MODULE_URL == f"./app/static/ats/plotly_chart.js?v={digest}"
    module = plotly_bundle.MODULE.read_text()
    assert "export function draw(component)" in module and "export function load(url)" in module


# Draws a map figure (its GeoJSON and the app's empty world given, nothing fetched) with the plotly.js on the page, and
# reads back every unit's path as drawn: the attributes of its element and what Plotly's hover reads (its label point,
# the polygons it tests the pointer against).
DRAWN = """async ([spec, geojson, topojson]) => {
  PlotlyGeoAssets.topojson.world_110m = topojson;
  const gd = document.getElementById('map');
  await Plotly.newPlot(gd, spec.data.map(t => ({...t, geojson})), spec.layout, {});
  return [...gd.querySelectorAll('.choroplethlayer path.choroplethlocation')].map(p => [
    p.__data__.loc, p.getAttribute('class'), p.getAttribute('d'), p.getAttribute('fill'), p.getAttribute('style'),
    p.__data__.ct, p.__data__._polygons.length]);
}"""


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium not installed")
def test_the_bundle_s_choropleth_draws_what_plotly_js_draws(palopo_demo, monkeypatch, browser):  # noqa: F811
    """The bundle's choropleth (ui/plotlyjs/choropleth.js: colours worked out once per trace, no per-unit bounding box
    when fitbounds is off) draws every unit of the app's map as the plotly.js of the plotly package does, the same
    release unmodified: the same path, fill and style; also with fitbounds on (plotly.js's own calcGeoJSON), and with a
    border colour of its own opacity."""
    monkeypatch.setenv("ATS_STORE", str(palopo_demo))
    spec = screen_map(open_app("views/peta.py"))  # Palopo by kelurahan: five classes, hidden units in a trace of their own
    assert spec["layout"]["geo"]["fitbounds"] is False and len(spec["data"]) > 1, spec["layout"]["geo"]
    geojson = json.loads((ROOT / spec["data"][0]["geojson"].removeprefix("app/")).read_text())
    fitted = {**spec, "layout": {**spec["layout"], "geo": {**{k: v for k, v in spec["layout"]["geo"].items()
                                                             if k not in ("center", "projection", "fitbounds")},
                                                          "fitbounds": "locations"}}}
    bordered = {**spec, "data": [{**t, "marker": {**t["marker"], "line": {"width": 1.5, "color": "rgba(20, 40, 60, 0.4)"}}}
                                 for t in spec["data"]]}
    drawn = {}
    for name, script in (("plotly.js", {"content": plotly.offline.get_plotlyjs()}),
                         ("bundle", {"path": str(plotly_bundle.BUNDLE)})):
        page = browser.new_page(viewport={"width": 1366, "height": 800})
        page.set_content('<div id="map" style="width:900px;height:560px"></div>')
        page.add_script_tag(**script)
        drawn[name] = [page.evaluate(DRAWN, [figure, geojson, json.loads(maps.TOPOJSON_FILE.read_text())])
                       for figure in (spec, fitted, bordered)]
        page.close()
    for figure, upstream, ours in zip(("server's view", "fitbounds", "border"), drawn["plotly.js"], drawn["bundle"]):
        assert len(ours) == sum(len(t["locations"]) for t in spec["data"]) > 40, figure
        assert len({unit[3] for unit in ours}) > 2 and all(unit[2] and unit[4] for unit in ours), ours[:3]
        assert ours == upstream, (figure, next((a, b) for a, b in zip(upstream, ours) if a != b))
