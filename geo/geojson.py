"""GeoJSON text for the browser, assembled from geometry already stored as GeoJSON text."""

from collections.abc import Iterable


def feature_collection(rows: Iterable[tuple[str, str]]) -> bytes:
    """FeatureCollection of (kode, geometry GeoJSON text) rows. The feature id is the kode, which the
    map matches with its `locations` (plotly featureidkey "id"); names travel with the figure's
    hover text, so features carry no properties (3,000 desa: about 150 KB less to fetch)."""
    parts = [b'{"type":"Feature","id":"' + kode.encode() + b'","properties":{},"geometry":' + geometry.encode() + b"}" for kode, geometry in rows]
    return b'{"type":"FeatureCollection","features":[' + b",".join(parts) + b"]}"


def label_points(rows: Iterable[tuple[str, str]]) -> list[tuple[str, float, float]]:
    """A point inside each (kode, GeoJSON geometry) where its name can stand: shapely's representative point, which
    lies in the polygon even when its centroid does not (a crescent, a kelurahan around a bay)."""
    import shapely

    rows = list(rows)
    if not rows:
        return []
    points = shapely.point_on_surface(shapely.from_geojson([g for _, g in rows]))
    return [(kode, round(float(p.x), 5), round(float(p.y), 5)) for (kode, _), p in zip(rows, points)]
