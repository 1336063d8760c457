"""Export benchmark. Figures section: the time to draw a map or a chart as a PNG of slide size (1920x1080) on the
server, warm, against a naive baseline measured in the same run.

Maps: Kota Palopo (48 kelurahan, names drawn) and Kabupaten Bone (372 desa), with legend, names where they fit,
scale bar, north arrow and inset. The optimised path is the app's own: ui.figure_files.map_figure (boundaries
parsed once per store version by data.api.boundary_frame, the UTM zone computed, polygons as one PathCollection,
names black or white by their fill, zlib level 3) then render(). The naive baseline re-reads the boundaries from
the store and re-projects them on every figure (GeoDataFrame.estimate_utm_crs), draws through GeoDataFrame.plot
on a pyplot figure with a matplotlib legend and names with a white halo (path effects), and saves with the defaults.
Chart: the Tren page's trend of Kabupaten Takalar (ui.figure_charts.trend); baseline: the same lines drawn on a
pyplot figure saved with the defaults.
Targets (issue 20): a map at most 1 s warm, a chart at most 0.3 s, on the 2-core machine.

Usage: python benchmarks/export.py [--runs 7] [--store PATH]
The store (default regions: Palopo, Takalar, Bone, Tanah Bumbu) is built with `python -m data demo` when missing.
Prints one JSON line per scenario. (The meeting pack section follows in the same script.)
"""

import argparse
import json
import logging
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
logging.getLogger("streamlit").setLevel(logging.ERROR)

import matplotlib  # noqa: E402

matplotlib.use("Agg")

import geopandas as gpd  # noqa: E402
import shapely  # noqa: E402
from matplotlib import patheffects  # noqa: E402
from matplotlib import pyplot as plt  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402

from benchmarks.common import default_store, ensure_store, percentile  # noqa: E402

MAPS = (("Kota Palopo", "73.73"), ("Kabupaten Bone", "73.08"))
ROUND = 2025


def timed(fn, runs: int) -> tuple[list[float], bytes]:
    times, out = [], b""
    for _ in range(runs):
        started = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - started)
    return times, out


def naive_map(store_path: str, kode: str, case) -> bytes:
    """What a first attempt does: read and parse the boundaries, find the UTM zone, re-project, plot with GeoPandas'
    default path on a pyplot figure, a legend of patches, names with a halo, save with the defaults."""
    import duckdb

    from data import queries

    con = duckdb.connect(store_path, read_only=True)
    try:
        df = queries.run(con, queries.read_query("boundary_by_wilayah"), {"level": "kel", "kode_induk": kode}).to_pandas()
    finally:
        con.close()
    units = gpd.GeoDataFrame(df[["kode", "nama"]], geometry=shapely.from_geojson(df["geometry"].to_numpy()), crs=4326)
    units = units.to_crs(units.estimate_utm_crs())
    colors = case.colors_by_kode
    fig, ax = plt.subplots(figsize=(12, 6.75), dpi=160)
    units.plot(ax=ax, color=[colors.get(k, "#d9d9d9") for k in units["kode"]], edgecolor="#636363", linewidth=0.5)
    ax.set_axis_off()
    ax.set_title(case.said.title, loc="left", fontsize=19, fontweight="bold")
    ax.legend(handles=[Patch(facecolor=e.color, label=f"{e.label} ({e.count})") for e in case.legend],
              loc="upper left", bbox_to_anchor=(1.02, 1), title=case.said.legend_title, frameon=False)
    if len(units) <= 60:
        for name, point in zip(units["nama"], units.representative_point()):
            ax.annotate(name, (point.x, point.y), ha="center", fontsize=7.5,
                        path_effects=[patheffects.withStroke(linewidth=2.2, foreground="white")])
    fig.text(0.02, 0.02, case.said.source_line, fontsize=10)
    out = _save(fig)
    plt.close(fig)
    return out


def _save(fig) -> bytes:
    import io

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return buffer.getvalue()


def naive_chart(x, lines, said) -> bytes:
    fig, ax = plt.subplots(figsize=(12, 6.75), dpi=160)
    for line in lines:
        ax.plot(line.x if line.x is not None else x, line.y, label=line.label, color=line.color, marker="o")
    ax.set_title(said.title, loc="left")
    ax.legend()
    fig.text(0.02, 0.02, said.source_line, fontsize=10)
    out = _save(fig)
    plt.close(fig)
    return out


class MapCase:
    """The app's figure of one kab/kota's desa map, with what the baseline needs to draw the same."""

    def __init__(self, name: str, kode: str):
        from data import api
        from data.accounts import ANONYMOUS
        from ui import figure_files, maps
        from ui.view import View, round_words

        self.result = api.ats_by_wilayah(ANONYMOUS, level="kel", kode_induk=kode, survey_round=ROUND)
        view = View(places=("Sulawesi Selatan", name), period=round_words(ROUND))
        self.units = api.boundary_frame("kel", kode)
        shown, classes = maps.classes_for(self.result.df, frozenset(self.units["kode"]), "ats_pct", "quantiles")
        self.figure = figure_files.map_figure(self.result, "kel", kode, "ats_pct", "quantiles", view, classes)
        colors = {i: c for i, c in enumerate(classes.colors)} | {maps.HIDDEN_CLASS: maps.HIDDEN, -1: maps.NO_DATA}
        self.colors_by_kode = dict(zip(shown["kode"], (colors[i] for i in classes.index)))
        self.said = figure_files.words(view.measure("ats_pct"), view, self.result.source, "ATS per 100")
        from figures import LegendEntry

        self.legend = [LegendEntry(label, color, n) for label, color, n in zip(classes.labels, classes.colors, classes.counts)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--store", type=Path, default=None)
    args = parser.parse_args()
    store = args.store or default_store(None)
    built = ensure_store(store, None)
    os.environ["ATS_STORE"] = str(store)
    if built is not None:
        print(json.dumps({"store_built_s": round(built, 1)}))
    from data import api
    from data.accounts import ANONYMOUS
    from ui import figure_charts
    from ui.view import View

    for name, kode in MAPS:
        started = time.perf_counter()
        case = MapCase(name, kode)
        cold_png = case.figure.render("slide", "png")
        cold = time.perf_counter() - started
        warm, png = timed(lambda: case.figure.render("slide", "png"), args.runs)
        naive, naive_png = timed(lambda: naive_map(str(store), kode, case), args.runs)
        print(json.dumps({
            "scenario": f"map PNG 1920x1080, desa of {name}", "units": len(case.units), "cold_s": round(cold, 3),
            "warm_median_s": round(statistics.median(warm), 3), "warm_p95_s": round(percentile(warm, 0.95), 3),
            "baseline_median_s": round(statistics.median(naive), 3),
            "ratio": round(statistics.median(naive) / statistics.median(warm), 2),
            "bytes": len(png), "baseline_bytes": len(naive_png), "target_s": 1.0,
        }))
    trend = api.ats_trend_by_round(ANONYMOUS, level="kab", kode_induk="73.05")
    targets = api.ats_target_by_round(ANONYMOUS, kode="73.05")
    view = View(places=("Sulawesi Selatan", "Kabupaten Takalar"), period="putaran 2019–2026")
    figure = figure_charts.trend(trend.df, targets.df, "ATS per 100 anak 7-18, per putaran", view, trend.source)
    figure.render("slide", "png")
    warm, png = timed(lambda: figure.render("slide", "png"), args.runs)
    from figures.charts import Line

    lines = [Line("ATS", trend.df["ats_pct"].to_numpy(float), "#0072B2"),
             Line("Target", targets.df["target_ats_pct"].to_numpy(float), "#000000", x=list(targets.df["year"]))]
    said = case.said
    naive, _ = timed(lambda: naive_chart(list(trend.df["survey_round"]), lines, said), args.runs)
    print(json.dumps({
        "scenario": "chart PNG 1920x1080, trend of Kabupaten Takalar", "warm_median_s": round(statistics.median(warm), 3),
        "warm_p95_s": round(percentile(warm, 0.95), 3), "baseline_median_s": round(statistics.median(naive), 3),
        "ratio": round(statistics.median(naive) / statistics.median(warm), 2), "bytes": len(png), "target_s": 0.3,
    }))


if __name__ == "__main__":
    main()
