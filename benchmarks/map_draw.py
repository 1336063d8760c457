"""Map draw benchmark: the browser's time to draw the province's desa map (Sulawesi Selatan by desa, 3,059 units)
over its kab/kota map, as the step `prov_desa` of benchmarks/browser.py does, with the dashboard's plotly.js
(static/plotly/plotly-ats.min.js, whose choropleth works out its colours once per trace: ui/plotlyjs/choropleth.js)
against the naive baseline, the plotly.js of the plotly package (the same release, unmodified), in the same browser.

The figures are the screen map's, built by the app's own code (data.api, ui.maps.build) from the store; their GeoJSON
files are the ones the app serves, handed to Plotly as the app's component hands them (nothing fetched). Each run, in
a page of its own per plotly.js (the two alternated): the kab/kota figure drawn, then Plotly.react with the desa
figure, timed to the next animation frame; the first draw of each page is not counted (the code's first run).

Usage: python benchmarks/map_draw.py [--runs 20] [--store PATH]
Prints one JSON line: p50 and p95 of both, and the baseline's p50 over the bundle's.
"""

import argparse
import json
import logging
import os
import shutil
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.common import default_store, ensure_store, percentile  # noqa: E402

logging.getLogger("streamlit").setLevel(logging.ERROR)

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
PROVINCE = "73"

# kab/kota drawn, then the desa figure timed to the next frame, `n` times; the page's first is the code's warm-up
DRAWS = """async ([kab, desa, n]) => {
  const gd = document.getElementById('map');
  const frame = () => new Promise(r => requestAnimationFrame(() => r()));
  const settle = () => new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
  const times = [];
  for (let i = 0; i <= n; i++) {
    await Plotly.react(gd, kab.data, kab.layout, {});
    await settle(); await settle();
    const started = performance.now();
    await Plotly.react(gd, desa.data, {...desa.layout, datarevision: `run-${i}`}, {});
    await frame();
    if (i) times.push(performance.now() - started);
    if (gd.querySelectorAll('path.choroplethlocation').length !== desa.data.reduce((s, t) => s + t.locations.length, 0))
      throw new Error('not every unit drawn');
  }
  return times;
}"""


def figure(level: str) -> tuple[dict, dict]:
    """The province's screen map at `level` (the figure's dict, as ui/plotly_chart.py sends it) and its GeoJSON."""
    from plotly.io.json import to_json_plotly

    from data import api
    from data.accounts import Principal
    from ui import maps

    result = api.ats_by_wilayah(Principal("benchmark", "viewer", ""), level=level, kode_induk=PROVINCE)
    bounds = api.boundaries(level, PROVINCE)
    fig, _ = maps.build(result.df, bounds, "n_ats", "quantiles", revision=f"{level}:{PROVINCE}")
    return json.loads(to_json_plotly(maps.screen_spec(fig))), json.loads(Path(bounds.path).read_text())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=20, help="timed draws per plotly.js (default 20)")
    parser.add_argument("--store", type=Path, default=default_store(PROVINCE), help="a demo store of Sulawesi Selatan")
    args = parser.parse_args()
    ensure_store(args.store, PROVINCE)
    os.environ["ATS_STORE"] = str(args.store)
    import plotly.offline
    from playwright.sync_api import sync_playwright

    from ui import maps, plotly_bundle

    (kab, kab_geo), (desa, desa_geo) = figure("kab"), figure("kel")
    topojson = json.loads(maps.TOPOJSON_FILE.read_text())
    scripts = {"bundle": {"path": str(plotly_bundle.BUNDLE)}, "baseline": {"content": plotly.offline.get_plotlyjs()}}
    times = {name: [] for name in scripts}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        rounds = 4
        for r in range(rounds):
            for name in (scripts if r % 2 else list(scripts)[::-1]):  # alternated: both see the same load
                page = browser.new_page(viewport={"width": 1366, "height": 768})
                page.set_content('<div id="map" style="width:900px;height:560px"></div>')
                page.add_script_tag(**scripts[name])
                page.evaluate("""([urls, geos, topojson]) => {
                    PlotlyGeoAssets.topojson.world_110m = topojson;
                    urls.forEach((u, i) => { PlotlyGeoAssets[u] = geos[i]; });
                }""", [[kab["data"][0]["geojson"], desa["data"][0]["geojson"]], [kab_geo, desa_geo], topojson])
                times[name] += page.evaluate(DRAWS, [kab, desa, -(-args.runs // rounds)])
                page.close()
        browser.close()
    out = {"scenario": "sulsel_desa_draw", "units": sum(len(t["locations"]) for t in desa["data"]),
           "traces": len(desa["data"]), "runs": len(times["bundle"])}
    for name, ms in times.items():
        out[f"{name}_p50_ms"] = round(statistics.median(ms), 1)
        out[f"{name}_p95_ms"] = round(percentile(ms, 0.95), 1)
    out["speedup_p50"] = round(out["baseline_p50_ms"] / out["bundle_p50_ms"], 2)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
