"""GeoJSON text for the browser, assembled from geometry already stored as GeoJSON text; the label points of the
screen map's names; and the coarser geometry of a view so wide that the stored detail is finer than a pixel."""

import json
from collections.abc import Iterable

from geo.boundaries import GRID, TOLERANCE

# The screen map's size in px (ui/maps.py: 560 high, about 900 wide) and the share of a pixel a border may move at
# the zoom the map opens at: a third of a pixel there, a pixel and a third after zooming in twice.
VIEW_PX = (900, 560)
PIXEL_SHARE = 1 / 3


def feature_collection(rows: Iterable[tuple[str, str]]) -> bytes:
    """FeatureCollection of (kode, geometry GeoJSON text) rows. The feature id is the kode, which the
    map matches with its `locations` (plotly featureidkey "id"); names travel with the figure's
    hover text, so features carry no properties (3,000 desa: about 150 KB less to fetch)."""
    parts = [b'{"type":"Feature","id":"' + kode.encode() + b'","properties":{},"geometry":' + geometry.encode() + b"}" for kode, geometry in rows]
    return b'{"type":"FeatureCollection","features":[' + b",".join(parts) + b"]}"


def _largest_parts(geometries):
    """The largest polygon of each geometry (a MultiPolygon's mainland, not its far islands), as a shapely array; a
    geometry with no part (empty) stays as it is."""
    import numpy as np
    import shapely

    geometries = np.asarray(geometries, dtype=object)
    parts, index = shapely.get_parts(geometries, return_index=True)
    if not len(parts):
        return geometries.copy()
    order = np.lexsort((-shapely.area(parts), index))  # by geometry, the largest part first
    first = order[np.unique(index[order], return_index=True)[1]]
    largest = geometries.copy()
    largest[index[first]] = parts[first]
    return largest


def _label_places(geometries: list[str]):
    """The label point and the bounds of each GeoJSON geometry's largest part: shapely's representative point, which
    lies in the polygon even when its centroid does not (a crescent, a kelurahan around a bay), and on the mainland of
    a unit with islands (of the whole, it could fall on an island)."""
    import shapely

    largest = _largest_parts(shapely.from_geojson(geometries))
    return shapely.point_on_surface(largest), shapely.bounds(largest)


def label_file(rows: Iterable[tuple[str, str, str]]) -> bytes:
    """The names of a view's units and where they may stand, for the screen map's overlay (ui/map_overlay.js), as JSON:
    [[kode, name, lon, lat, width, height], ...] of (kode, name, GeoJSON geometry) rows: the label point
    (_label_places) and the width and height in degrees of the part it lies in, the unit's largest. The overlay shows a
    name where that room holds it: judged on the whole unit's box, a unit with far islands had room everywhere
    (Pangkajene dan Kepulauan's box is 2.8 degrees wide, its mainland 0.3) and its name lay over its neighbours
    (over Bone). Written once per store version beside the view's GeoJSON, so that no figure carries them."""
    rows = list(rows)
    if not rows:
        return b"[]"
    points, bounds = _label_places([g for _, _, g in rows])
    out = [[kode, name, round(float(p.x), 5), round(float(p.y), 5), round(float(b[2] - b[0]), 5),
            round(float(b[3] - b[1]), 5)] for (kode, name, _), p, b in zip(rows, points, bounds)]
    return json.dumps(out, ensure_ascii=False, separators=(",", ":")).encode()


def view_tolerance(level: str, bounds: tuple[float, float, float, float]) -> float | None:
    """The simplification tolerance (degrees) a view of these bounds affords beyond the stored one: a third of a pixel
    of the map at the zoom that fits the bounds; None when that is not well above the level's stored tolerance
    (geo.boundaries.TOLERANCE), i.e. for a kab/kota or smaller, where the stored geometry is what is drawn."""
    min_lon, min_lat, max_lon, max_lat = bounds
    per_px = max((max_lon - min_lon) / VIEW_PX[0], (max_lat - min_lat) / VIEW_PX[1])
    tolerance = per_px * PIXEL_SHARE
    return tolerance if tolerance > 1.5 * TOLERANCE[level] else None


def coarser(rows: Iterable[tuple[str, str]], tolerance: float) -> list[tuple[str, str]]:
    """(kode, GeoJSON geometry) rows simplified further as one coverage (neighbours keep one shared border, no gaps
    or slivers), snapped to the stored grid; a unit that would vanish keeps its stored geometry. For the province's
    3,056 desa of Sulawesi Selatan: 185,787 vertices and 4.0 MB of GeoJSON become 78,255 and 1.9 MB."""
    import shapely

    rows = list(rows)
    if not rows:
        return []
    original = shapely.from_geojson([g for _, g in rows])
    simple = shapely.set_precision(shapely.coverage_simplify(original, tolerance), GRID)
    lost = shapely.is_empty(simple) | ~shapely.is_valid(simple)
    simple[lost] = original[lost]
    return [(kode, text) for (kode, _), text in zip(rows, shapely.to_geojson(simple))]
