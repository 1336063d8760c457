"""The view of a screen map, worked out on the server: where Plotly's geo subplot with `fitbounds: "locations"` would
put the units, as an explicit centre and scale, so that the browser does not work it out again at every rerun.

plotly.js (3.x) recomputes fitbounds at every redraw of the geo subplot, a measure or filter change included: it
gathers the coordinates of every unit's geometry into one array for its antimeridian check, about a fifth of a
province desa map's redraw (3,059 desa: 90 of 400 ms in Chromium, benchmarks/README.md, p-desa). With the layout's
`center`, `projection.rotation.lon` and `projection.scale` set as fitbounds would set them, Plotly draws every unit
in the same pixels (tests/test_browser_map_fit.py) and skips that pass.

What fitbounds does in Mercator (plotly.js src/plots/geo/geo.js, updateProjection): the units' box (the bounding
boxes of their features) padded by 5% of the axis on each side (autorange: the data fill 90% of it), the map rotated
to the box's middle longitude and centred on its middle latitude, and scaled so that the padded box, shrunk by the
clip pad (0.001°), fits into the square d3 draws the whole world in (the side of the plot area's shorter side).
`projection.scale` is relative to that world fit, so no width is needed: the same layout fits any screen.
ui/map_svg.py draws the first paint with the same numbers."""

import functools
import json
import math
from dataclasses import dataclass

import numpy as np

PAD = 0.05  # Plotly's autorange pads each end by 5% of the axis length (findExtremes, padded)
CLIP_PAD = 0.001  # degrees: Plotly's geo shrinks the range box it fits by this much on each side (constants.clipPad)


@dataclass(frozen=True)
class Fit:
    lon: float  # the padded box's middle: the projection's rotation and centre
    lat: float
    width: float  # the padded box less the clip pad, in Mercator units of a unit sphere (radians of longitude)
    height: float

    @property
    def scale(self) -> float:
        """Plotly's projection.scale: the padded box's longer side over the world's (2π, the square it is fitted in)."""
        return 2 * math.pi / max(self.width, self.height)

    def geo(self) -> dict:
        """The geo subplot's view keys, as fitbounds would set them (it is off: set, they would turn it off anyway)."""
        return {"fitbounds": False, "center": {"lon": self.lon, "lat": self.lat},
                "projection": {"type": "mercator", "rotation": {"lon": self.lon}, "scale": self.scale}}


def merc(lat):
    """Mercator's y of a latitude in degrees (a unit sphere)."""
    return np.log(np.tan(np.pi / 4 + np.radians(lat) / 2))


def rings(geometry: dict):
    """The rings of a GeoJSON Polygon or MultiPolygon as lists of [lon, lat]."""
    if geometry["type"] == "Polygon":
        yield from geometry["coordinates"]
    elif geometry["type"] == "MultiPolygon":
        for polygon in geometry["coordinates"]:
            yield from polygon


@functools.lru_cache(maxsize=16)  # per process, like the GeoJSON file it reads (written once per store version)
def _boxes(geojson_path: str) -> tuple[dict, np.ndarray]:
    """Each feature's bounding box in the file: its row by id, and an array of (lon0, lat0, lon1, lat1) rows."""
    with open(geojson_path, "rb") as f:
        features = json.load(f)["features"]
    index, points, starts = {}, [], []
    for feature in features:
        start = len(points)
        for ring in rings(feature["geometry"]):
            points.extend(point[:2] for point in ring)
        if len(points) > start:
            index[feature["id"]] = len(starts)
            starts.append(start)
    if not starts:
        return index, np.empty((0, 4))
    xy = np.asarray(points, dtype=float)
    return index, np.hstack([np.minimum.reduceat(xy, starts), np.maximum.reduceat(xy, starts)])


def fit(geojson_path: str | None, kodes) -> Fit | None:
    """The view fitbounds would give the units `kodes` of the GeoJSON file (the one the map fetches); None when there is
    no file or none of them is in it (the map then keeps Plotly's own fitbounds)."""
    if not geojson_path:
        return None
    index, boxes = _boxes(geojson_path)
    rows = [index[k] for k in kodes if k in index]
    if not rows:
        return None
    chosen = boxes[rows]
    lon0, lat0 = chosen[:, :2].min(axis=0)
    lon1, lat1 = chosen[:, 2:].max(axis=0)
    pad_lon, pad_lat = (lon1 - lon0) * PAD / (1 - 2 * PAD), (lat1 - lat0) * PAD / (1 - 2 * PAD)
    lon0, lon1, lat0, lat1 = lon0 - pad_lon, lon1 + pad_lon, lat0 - pad_lat, lat1 + pad_lat
    width = math.radians(max(lon1 - lon0 - 2 * CLIP_PAD, 1e-9))
    height = max(float(merc(lat1 - CLIP_PAD) - merc(lat0 + CLIP_PAD)), 1e-9)
    return Fit(float((lon0 + lon1) / 2), float((lat0 + lat1) / 2), width, height)
