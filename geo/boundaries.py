"""Reading, checking, repairing and simplifying administrative boundary files.

Accepted: GeoJSON, GeoPackage, Shapefile (also zipped), GeoParquet. A file must declare its
coordinate reference system (GeoJSON is WGS84 by definition); it is reprojected to EPSG:4326.
Codes are normalised to the dotted Kemendagri form, so `7373011001`, `73.73.01.1001` and the
HDX form `ID7373011001` all name the same kelurahan. Invalid polygons are repaired with
make_valid; several rows for one code are merged into one multipolygon.
"""

from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

from data.codes import normalize_kode

SUFFIXES = (".geojson", ".json", ".gpkg", ".shp", ".parquet", ".zip")

# Candidate columns, most specific first, compared case-insensitively. `kdepum`/`wadmkd` and
# friends are the attribute names of the BIG (Badan Informasi Geospasial) administrative layers;
# `adm4_pcode` those of the HDX common operational data sets.
CODE_COLUMNS = (
    "kode", "kode_wilayah", "kode_kemendagri", "kdepum", "kdcpum", "kdpkab", "kdppum",
    "kode_desa", "kode_kel", "kd_desa", "kode_kec", "kode_kab", "kode_prov",
    "adm4_pcode", "adm3_pcode", "adm2_pcode", "adm1_pcode", "code",
)
NAME_COLUMNS = (
    "nama", "nama_wilayah", "wadmkd", "wadmkc", "wadmkk", "wadmpr", "nama_desa", "nama_kel",
    "namobj", "adm4_en", "adm3_en", "adm2_en", "adm1_en", "name",
)

# Simplification tolerance per level, in degrees (1e-3 deg is about 110 m at the equator), and
# the coordinate grid the simplified polygons are snapped to (5e-5 deg, about 5 m). Chosen so
# that a kab/kota of desa stays well under 600 KB of GeoJSON while kelurahan of a town keep
# their shape at the zoom a kab/kota map is shown (measured in benchmarks/map.py).
TOLERANCE = {"prov": 0.005, "kab": 0.002, "kec": 0.001, "kel": 0.0007}
GRID = 5e-5


class GeoInputError(ValueError):
    """A boundary file that cannot be imported; the message says what is wrong and how to fix it."""


def find_boundary_files(folder: Path) -> list[Path]:
    """Boundary files directly inside `folder` (not in sub-folders), sorted by name."""
    folder = Path(folder)
    if not folder.is_dir():
        raise GeoInputError(f"{folder} is not a folder")
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES)


def _read(path: Path, layer) -> gpd.GeoDataFrame:
    if not path.is_file():
        raise GeoInputError(f"boundary file {path} not found")
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise GeoInputError(f"{path.name}: unsupported file type '{suffix}'; use GeoJSON, GeoPackage, Shapefile (.shp or .zip) or GeoParquet")
    try:
        if suffix == ".parquet":
            return gpd.read_parquet(path)
        return gpd.read_file(path, layer=layer, engine="pyogrio")
    except Exception as exc:  # pyogrio/pyarrow raise many types; all mean "cannot read this file"
        raise GeoInputError(f"{path.name} cannot be read as a boundary file: {exc}") from exc


def _pick(columns, wanted, candidates, what, flag, path) -> str:
    by_lower = {str(c).lower(): c for c in columns}
    if wanted:
        if wanted not in columns and wanted.lower() not in by_lower:
            raise GeoInputError(f"{path.name}: column '{wanted}' not found; columns are {', '.join(map(str, columns))}")
        return by_lower.get(wanted.lower(), wanted)
    for candidate in candidates:
        if candidate in by_lower:
            return by_lower[candidate]
    raise GeoInputError(
        f"{path.name}: no {what} column found among {', '.join(map(str, columns))}; "
        f"name it with {flag} COLUMN"
    )


def _normalise(value):
    text = str(value).strip() if value is not None else ""
    if text[:2].upper() == "ID" and text[2:].replace(".", "").isdigit():
        text = text[2:]
    try:
        return normalize_kode(text)
    except ValueError:
        return None


def _polygonal(geometries):
    """Keep only the polygon parts of each geometry (make_valid can return collections with lines)."""
    out = []
    for g in geometries:
        if g is None or g.is_empty or g.geom_type in ("Polygon", "MultiPolygon"):
            out.append(g)
            continue
        parts = [p for p in shapely.get_parts(g) if p.geom_type in ("Polygon", "MultiPolygon")]
        out.append(shapely.union_all(parts) if parts else None)
    return out


def read_boundaries(path, *, level=None, code_column=None, name_column=None, layer=None):
    """Read one boundary file. Returns (GeoDataFrame with kode, nama, level, geometry in EPSG:4326,
    report dict). Raises GeoInputError for a file that cannot be used at all."""
    path = Path(path)
    gdf = _read(path, layer)
    report = {"file": path.name, "rows_read": len(gdf)}
    if gdf.empty:
        raise GeoInputError(f"{path.name} holds no features")
    if gdf.crs is None:
        raise GeoInputError(
            f"{path.name} has no coordinate reference system (for a Shapefile: the .prj file is missing). "
            "Export it again with its CRS, or assign the right one, e.g. `ogr2ogr -a_srs EPSG:4326 out.gpkg in.shp`"
        )
    report["crs_in"] = gdf.crs.to_string()
    if not gdf.crs.equals("EPSG:4326"):
        gdf = gdf.to_crs("EPSG:4326")

    code_col = _pick(gdf.columns.drop(gdf.geometry.name), code_column, CODE_COLUMNS, "wilayah code", "--code-column", path)
    try:
        name_col = _pick(gdf.columns.drop(gdf.geometry.name), name_column, NAME_COLUMNS, "name", "--name-column", path)
    except GeoInputError:
        if name_column:
            raise
        name_col = None
    report.update(code_column=str(code_col), name_column=None if name_col is None else str(name_col))

    kode = gdf[code_col].map(_normalise)
    bad = kode.isna()
    report["bad_codes"] = int(bad.sum())
    report["bad_code_examples"] = [str(v) for v in gdf.loc[bad, code_col].head(5)]
    if bad.all():
        raise GeoInputError(
            f"{path.name}: no value of column '{code_col}' is a Kemendagri wilayah code "
            f"(e.g. {report['bad_code_examples'][:3]}); codes look like 73.73.01.1001 or 7373011001. "
            "Name the right column with --code-column"
        )
    units = pd.DataFrame({
        "kode": kode,
        "nama": gdf[name_col].astype("string") if name_col is not None else pd.NA,
        "geometry": gdf.geometry.values,
    })[~bad]
    units["level"] = units["kode"].map(lambda k: {2: "prov", 5: "kab", 8: "kec", 13: "kel"}[len(k)])
    report["other_levels_dropped"] = 0
    if level:
        keep = units["level"] == level
        report["other_levels_dropped"] = int((~keep).sum())
        units = units[keep]
        if units.empty:
            raise GeoInputError(f"{path.name}: no unit at level '{level}' (codes found are of other levels)")

    geoms = shapely.force_2d(units["geometry"].to_numpy())
    invalid = ~shapely.is_valid(geoms) & ~shapely.is_missing(geoms)
    report["repaired"] = int(invalid.sum())
    if invalid.any():
        geoms[invalid] = shapely.make_valid(geoms[invalid])
    geoms = _polygonal(geoms)
    units["geometry"] = geoms
    empty = units["geometry"].map(lambda g: g is None or g.is_empty)
    report["dropped_empty"] = int(empty.sum())
    units = units[~empty]
    if units.empty:
        raise GeoInputError(f"{path.name}: no polygon geometry found (points or lines cannot be mapped as areas)")

    report["duplicates_merged"] = int(units["kode"].duplicated().sum())
    if report["duplicates_merged"]:
        merged = units.groupby("kode", sort=False).agg(
            nama=("nama", "first"), level=("level", "first"), geometry=("geometry", lambda s: shapely.union_all(s.to_numpy()))
        ).reset_index()
        units = merged
    out = gpd.GeoDataFrame(units[["kode", "nama", "level", "geometry"]].reset_index(drop=True), geometry="geometry", crs="EPSG:4326")
    out["geometry"] = shapely.force_2d(shapely.make_valid(out.geometry.values))
    report["units"] = len(out)
    return out, report


def simplify(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Coverage simplification per level: each level is simplified as one coverage, so two
    neighbours keep one shared border (no gaps or slivers open between them), then snapped to GRID.
    A unit that would vanish keeps a plain topology-preserving simplification of itself."""
    out = gdf.copy()
    for level, tolerance in TOLERANCE.items():
        rows = (out["level"] == level).to_numpy()
        if not rows.any():
            continue
        original = out.geometry.values[rows]
        simple = shapely.coverage_simplify(original, tolerance)
        simple = shapely.set_precision(simple, GRID)
        lost = shapely.is_empty(simple) | ~shapely.is_valid(simple)
        if lost.any():
            fallback = shapely.set_precision(shapely.simplify(original[lost], tolerance / 4, preserve_topology=True), GRID)
            simple[lost] = shapely.make_valid(fallback)
        out.loc[rows, "geometry"] = simple
    out["geometry"] = _polygonal(out.geometry.values)
    return out[~out.geometry.is_empty & out.geometry.notna()].reset_index(drop=True)


def geometry_rows(gdf: gpd.GeoDataFrame) -> pd.DataFrame:
    """The store's boundary rows: kode, level, GeoJSON geometry text and bounding box."""
    geoms = gdf.geometry.values
    bounds = shapely.bounds(geoms)
    return pd.DataFrame({
        "kode": gdf["kode"].to_numpy(),
        "level": gdf["level"].to_numpy(),
        "geometry": shapely.to_geojson(geoms),
        "min_lon": bounds[:, 0],
        "min_lat": bounds[:, 1],
        "max_lon": bounds[:, 2],
        "max_lat": bounds[:, 3],
    })
