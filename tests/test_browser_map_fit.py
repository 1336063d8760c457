"""In Chromium, with the plotly.js of the Python package (the version Streamlit bundles): the map's view worked out on
the server (ui/map_fit.py: centre and scale, fitbounds off) puts every unit in the pixels Plotly's own fitbounds puts
it in, at any width; fitbounds itself would be recomputed from every coordinate at every redraw."""

import json

import plotly.offline

from tests.conftest import ROOT, open_app, screen_map
from ui import maps
from tests.test_browser import browser, pytestmark  # noqa: F401  (fixture: Chromium)

# Draws the figure twice in a plot of each width: as sent (the server's view) and with Plotly's fitbounds instead
# (the view keys dropped); each unit's box in px, the largest difference.
COMPARE = """async ([spec, geojson, topojson, widths]) => {
  PlotlyGeoAssets.topojson.world_110m = topojson;  // the app's empty world (maps.TOPOJSON_FILE): nothing fetched
  const gd = document.getElementById('map');
  const draw = async (layout, width) => {
    gd.style.width = width + 'px';
    Plotly.purge(gd);
    const data = spec.data.map(t => ({...t, geojson}));
    await Plotly.newPlot(gd, data, layout, {});
    return Object.fromEntries([...gd.querySelectorAll('.choroplethlayer path.choroplethlocation')].map(p => {
      const r = p.getBoundingClientRect();
      return [p.__data__.loc, [r.left, r.top, r.right, r.bottom]];
    }));
  };
  const out = [];
  for (const width of widths) {
    const {template, ...layout} = spec.layout;
    const server = await draw(layout, width);
    const {center, ...geo} = layout.geo;
    const fitted = await draw({...layout, geo: {...geo, fitbounds: 'locations', projection: {type: geo.projection.type}}},
                              width);
    const worst = Math.max(...Object.keys(fitted).map(k => Math.max(...fitted[k].map((v, i) => Math.abs(v - server[k][i])))));
    out.push({width, units: Object.keys(server).length, fitted: Object.keys(fitted).length, worst});
  }
  return out;
}"""


def test_the_server_s_view_draws_every_unit_where_plotly_s_fitbounds_would(use_store, browser):  # noqa: F811
    spec = screen_map(open_app("views/peta.py"))  # Palopo by kelurahan
    geo = spec["layout"]["geo"]
    assert geo["fitbounds"] is False and geo["projection"]["rotation"]["lon"] == geo["center"]["lon"], geo
    geojson = json.loads((ROOT / spec["data"][0]["geojson"].removeprefix("app/")).read_text())
    units = sum(len(trace["locations"]) for trace in spec["data"])
    page = browser.new_page(viewport={"width": 1920, "height": 800})
    page.set_content('<div id="map" style="height:560px"></div>')
    page.add_script_tag(content=plotly.offline.get_plotlyjs())
    for drawn in page.evaluate(COMPARE, [spec, geojson, json.loads(maps.TOPOJSON_FILE.read_text()),
                                            [1300, 1800, 400]]):
        assert drawn["units"] == drawn["fitted"] == units > 40, drawn  # Palopo's 48 kelurahan
        assert drawn["worst"] <= 0.5, drawn  # the same pixels
    page.close()
