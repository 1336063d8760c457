"""The first paint of a page load's map: the choropleth drawn on the server as SVG, shown while the browser still
loads the map's Plotly (ui/plotly_bundle.py: the dashboard's plotly.js, 1.4 MB parsed and evaluated at every page load),
hidden by CSS the moment the Plotly map's geo layer is drawn.

Only a session's first page sends it (ui/preload.py `first_page`): later runs find Plotly loaded in the tab. The SVG
draws what the Plotly figure draws (ui/maps.py): the same units from the same simplified GeoJSON file, the same class
colours and borders, the same projection: the view of ui/map_fit.py (the Plotly figure's centre and scale), which fits
the units' padded box into the centred square of side min(width, height) of the plot area. A viewBox of that square
(side SIDE, centred on the projection's centre) scaled by `xMidYMid meet` into a box of the figure's width and height
does the same at any width: the server needs no width. The paths are built once per view (the GeoJSON file's path
names the store version) in whole pixels of that square; a run only adds the fills. Above TITLED units (a province's
desa) the paths carry no tooltip: the first paint is there to be seen while the Plotly map loads, which brings the
hover, and 3,000 titles were a quarter of its bytes."""

import functools
import html
import json
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ui import map_fit, maps
from ui.fmt import number
from ui.i18n import lang, t

SIDE = 560  # the viewBox's square: the map's height (maps.choropleth), so a unit of the viewBox is a pixel
TITLED = 1000  # units up to which each path has a tooltip (<title>): not a province's 3,059 desa (module docstring)
KEY = "peta_map_box"  # the keyed container of the Plotly map and this SVG (class st-key-peta_map_box)
# The swap, in CSS only (no timer, no rerun): the SVG's element lies over the chart's place, which the box keeps at
# the map's height, until the Plotly map's choropleth layer has a path; Streamlit's skeleton of the chart meanwhile
# is not shown (it would draw a grey bar under the SVG).
CSS = f"""<style>
.st-key-{KEY} {{position: relative; min-height: {SIDE}px}}
.st-key-{KEY} [data-testid="stElementContainer"]:has(svg.ats-first-map) {{position: absolute; top: 0; left: 0; right: 0}}
.st-key-{KEY}:has(.js-plotly-plot .choroplethlayer path) [data-testid="stElementContainer"]:has(svg.ats-first-map)
  {{display: none}}
.st-key-{KEY}:has(svg.ats-first-map) [data-testid="stSkeleton"] {{visibility: hidden}}
</style>"""


@dataclass(frozen=True)
class Drawing:
    paths: dict[str, str]  # kode -> SVG path data in the viewBox's pixels (rings closed, relative moves)


def _path(xy: np.ndarray, ring_ends: list[int]) -> str:
    """Path data of rings given as whole-pixel points: a ring "M x y" then relative lines, repeated points dropped."""
    parts, start = [], 0
    for end in ring_ends:
        ring = xy[start:end]
        start = end
        if len(ring) == 0:
            continue
        steps = np.diff(ring, axis=0)
        steps = steps[(steps != 0).any(axis=1)]
        parts.append(f"M{ring[0, 0]} {ring[0, 1]}" + ("l" + " ".join(f"{dx} {dy}" for dx, dy in steps) if len(steps) else "")
                     + "z")
    return "".join(parts)


@functools.lru_cache(maxsize=16)  # per process, like the GeoJSON file (Streamlit caches are data.api's)
def drawing(geojson_path: str, kodes: tuple[str, ...]) -> Drawing:
    """The path of every unit of `kodes` in the GeoJSON file (written once per store version and view by
    data.api.boundaries, the file the Plotly map fetches), fitted as the Plotly map is (ui/map_fit.py); built once
    per file and set of units (a tuple of a province's 3,056 codes hashes in microseconds: no digest needed)."""
    with open(geojson_path, "rb") as f:
        features = {feature["id"]: feature["geometry"] for feature in json.load(f)["features"]}
    wanted = [k for k in kodes if k in features]
    points, ends, owners = [], [], []
    for kode in wanted:
        for ring in map_fit.rings(features[kode]):
            points.extend(ring)
            ends.append(len(points))
            owners.append(kode)
    if not points:
        return Drawing({})
    lonlat = np.asarray(points, dtype=float)[:, :2]
    view = map_fit.fit(geojson_path, wanted)
    scale = SIDE / max(view.width, view.height)
    x = scale * np.radians(lonlat[:, 0] - view.lon)
    y = -scale * (map_fit.merc(lonlat[:, 1]) - map_fit.merc(view.lat))
    xy = np.rint(np.column_stack([x, y])).astype(np.int64)
    paths: dict[str, list[int]] = {}
    for owner, end in zip(owners, ends):
        paths.setdefault(owner, []).append(end)
    out, start = {}, 0
    for kode in wanted:  # each unit's rings are consecutive in xy
        unit_ends = paths[kode]
        out[kode] = _path(xy[start:unit_ends[-1]], [e - start for e in unit_ends])
        start = unit_ends[-1]
    return Drawing(out)


def fills(classes: maps.Classes) -> list[str]:
    """The fill of each unit of `classes`: its class colour, or the colour of hidden, no child, not surveyed, as the
    Plotly figure (maps.choropleth) and the legend (maps.legend_html) colour it."""
    special = {maps.HIDDEN_CLASS: maps.HIDDEN, maps.NO_CHILD_CLASS: maps.NO_CHILD, -1: maps.NO_DATA}
    return [classes.colors[i] if i >= 0 else special[i] for i in classes.index.tolist()]


def titles(shown: pd.DataFrame, classes: maps.Classes, measure: str, measure_words: str) -> list[str]:
    """The tooltip of each unit: its name and its value of the measure shown, or the words of its special class."""
    decimals, language = 1 if measure == "ats_pct" else 0, lang()
    special = {maps.HIDDEN_CLASS: maps.hidden_label(measure), maps.NO_CHILD_CLASS: t("peta.no_child_class"),
               -1: t("peta.no_data_class")}
    out = []
    for name, value, index in zip(shown["nama"].tolist(), shown[measure].tolist(), classes.index.tolist()):
        said = f"{measure_words}: {number(value, decimals, language)}" if index >= 0 else special[index]
        out.append(f"{name} · {said}")
    return out


def svg(shown: pd.DataFrame, classes: maps.Classes, geojson_path: str, measure: str, measure_words: str,
        height: int = SIDE) -> str:
    """The map as one <svg>: a path per unit of `shown` (the rows maps.classes_for kept, in its order) filled with its
    class colour, with a <title> up to TITLED units; the box of the Plotly figure (full width, `height` px)."""
    kodes = tuple(shown["kode"].tolist())
    paths = drawing(geojson_path, kodes).paths
    if len(kodes) <= TITLED:
        tips = [f"<title>{html.escape(title)}</title>" for title in titles(shown, classes, measure, measure_words)]
    else:
        tips = [""] * len(kodes)
    body = "".join(f'<path data-kode="{kode}" d="{paths[kode]}" fill="{fill}">{tip}</path>'
                   for kode, fill, tip in zip(kodes, fills(classes), tips) if kode in paths)
    half = SIDE / 2
    return (f'<svg class="ats-first-map" xmlns="http://www.w3.org/2000/svg" width="100%" height="{height}" '
            f'viewBox="{-half:g} {-half:g} {SIDE} {SIDE}" preserveAspectRatio="xMidYMid meet" role="img" '
            f'aria-label="{html.escape(measure_words)}" style="display:block">'
            f'<g stroke="{maps.BORDER}" stroke-width="0.6" stroke-linejoin="round" fill-rule="evenodd"'
            f'>{body}</g></svg>')


def element(svg_text: str) -> str:
    """The body of the st.html element that shows `svg_text` over the chart's place (CSS) until the Plotly map is drawn.
    Streamlit's st.html keeps only HTML tags (DOMPurify's html profile drops <svg>), so a script of our own inserts
    it after itself, at once; the SVG travels as a JSON string with every "<" escaped (DOMPurify drops a script whose
    text holds a tag, and no name can end the script)."""
    text = json.dumps(svg_text, ensure_ascii=False).replace("<", "\\u003c")
    return f"{CSS}<script>document.currentScript.insertAdjacentHTML('afterend', {text})</script>"
