"""GeoJSON text for the browser, assembled from geometry already stored as GeoJSON text."""

from collections.abc import Iterable

import orjson


def feature_collection(rows: Iterable[tuple[str, str, str]]) -> bytes:
    """FeatureCollection of (kode, nama, geometry GeoJSON text) rows. The feature id is the kode,
    which the map matches with its `locations` (plotly featureidkey "id")."""
    parts = []
    for kode, nama, geometry in rows:
        head = orjson.dumps({"type": "Feature", "id": kode, "properties": {"kode": kode, "nama": nama}})
        parts.append(head[:-1] + b',"geometry":' + geometry.encode() + b"}")
    return b'{"type":"FeatureCollection","features":[' + b",".join(parts) + b"]}"
