"""The pack's maps as images: the units of a query result over their boundaries (the simplified GeoJSON the page
serves, data.api.boundaries), classed as on the screen (ui.maps.classify, quantiles, the same palette and the same
"no data" and "hidden" classes), with the title, the view line, a legend with the count of units per class, and
the source line drawn into the image."""

import io
import json
from pathlib import Path

import geopandas as gpd
import matplotlib
from shapely.geometry import shape

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402

from data import protection  # noqa: E402
from ui import maps as ui_maps  # noqa: E402
from ui.i18n import t  # noqa: E402

WIDTH_IN, HEIGHT_IN, DPI = 8.0, 7.5, 120  # two maps side by side on a 16:9 slide


def _text(markdown) -> str:
    from pack.content import text

    return text(markdown)


def image(df, geojson_path: str, measure: str, title: str, view_line: str, source_line: str):
    """A PNG (pack.content.Image) of `measure` of the rows of ats_by_wilayah `df` over the boundaries file."""
    from pack.content import Image

    features = json.loads(Path(geojson_path).read_bytes())["features"]  # id = kode, no properties (geo.geojson)
    shapes = gpd.GeoDataFrame({"kode": [f["id"] for f in features]},
                              geometry=[shape(f["geometry"]) for f in features], crs="EPSG:4326")
    shown = shapes.merge(df, on="kode", how="left")
    classes = ui_maps.classify(shown[measure], "quantiles", decimals=1 if measure == "ats_pct" else 0)
    index = classes.index.copy()
    flag = f"{measure}_hidden"
    if flag in shown.columns:
        index[shown[flag].fillna(False).to_numpy(dtype=bool)] = ui_maps.HIDDEN_CLASS
    colours = [classes.colors[i] if i >= 0 else ui_maps.HIDDEN if i == ui_maps.HIDDEN_CLASS else ui_maps.NO_DATA
               for i in index]
    fig = plt.figure(figsize=(WIDTH_IN, HEIGHT_IN), dpi=DPI)
    ax = fig.add_axes((0.02, 0.2, 0.96, 0.66))
    shown.plot(ax=ax, color=colours, edgecolor=ui_maps.BORDER, linewidth=0.4)
    ax.set_axis_off()
    ax.set_aspect("equal")
    fig.text(0.03, 0.965, title, fontsize=15, fontweight="bold", va="top", wrap=True)
    fig.text(0.03, 0.905, view_line, fontsize=10, color="#444444", va="top", wrap=True)
    handles = [Patch(facecolor=c, edgecolor="#888888", label=f"{label} ({n})")
               for c, label, n in zip(classes.colors, classes.labels, classes.counts)]
    n_hidden, n_none = int((index == ui_maps.HIDDEN_CLASS).sum()), int((index == -1).sum())
    if n_hidden:
        handles.append(Patch(facecolor=ui_maps.HIDDEN, edgecolor="#888888",
                             label=f"{_text(t('peta.hidden_class', k=protection.min_cell()))} ({n_hidden})"))
    if n_none:
        handles.append(Patch(facecolor=ui_maps.NO_DATA, edgecolor="#888888",
                             label=f"{_text(t('peta.no_data_class'))} ({n_none})"))
    fig.legend(handles=handles, loc="lower left", bbox_to_anchor=(0.03, 0.055), ncol=3, fontsize=9, frameon=False)
    fig.text(0.03, 0.02, source_line, fontsize=8, color="#555555", va="bottom")
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI)
    plt.close(fig)
    return Image(title, buffer.getvalue(), int(WIDTH_IN * DPI), int(HEIGHT_IN * DPI))
