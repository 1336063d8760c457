"""Reading, checking, repairing and simplifying administrative boundary files.

Accepted: GeoJSON, GeoPackage, Shapefile (also zipped), GeoParquet; of a file with several layers,
the one named (--layer). A file must declare its coordinate reference system (GeoJSON is WGS84 by
definition); it is reprojected to EPSG:4326 and must then lie within Indonesia.
Codes are normalised to the dotted Kemendagri form, so `7373011001`, `73.73.01.1001` and the
HDX form `ID7373011001` all name the same kelurahan. Invalid polygons are repaired with
make_valid; several rows for one code are merged into one multipolygon.
"""

import zipfile
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import shapely

from domain.wilayah import normalize_kode

SUFFIXES = (".geojson", ".json", ".gpkg", ".shp", ".parquet", ".zip")
READABLE = "GeoJSON, GeoPackage, zipped Shapefile, GeoParquet"

# Indonesia's extent in degrees (west, south, east, north): about 95 to 141 E and 11 S to 6 N, with a
# margin of a degree or more. A file reaching beyond it after reprojection has wrong coordinates.
EXTENT = (93.0, -12.5, 143.0, 7.5)

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
    """A boundary file that cannot be imported; the message says what is wrong and how to fix it.

    As data.importer.ImportRefused: `code` and `values` name the refusals a data officer can meet on the Impor
    page, so the app says them in Bahasa Indonesia (ui/i18n.py, impor.err.<code>); the English message is the
    command line's and the fallback."""

    def __init__(self, message: str, code: str | None = None, **values):
        super().__init__(message)
        self.code = code
        self.values = values


class Note(str):
    """A remark of a boundary report (the import went through, but something deserves a look): its English text,
    as the command line prints it and the JSON line carries it, with a `code` and the `values` the Impor page
    needs to say it in its language (ui/i18n.py, impor.note.<code>)."""

    def __new__(cls, text: str, code: str | None = None, **values):
        note = super().__new__(cls, text)
        note.code, note.values = code, values
        return note


def find_boundary_files(folder: Path) -> list[Path]:
    """Boundary files directly inside `folder` (not in sub-folders), sorted by name."""
    folder = Path(folder)
    if not folder.is_dir():
        raise GeoInputError(f"{folder} is not a folder")
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES)


def _unreadable(path: Path, reason: str, code: str) -> GeoInputError:
    return GeoInputError(f"{path.name} is not a boundary file GeoPandas can read ({READABLE}): {reason}",
                         code=code, file=path.name, reason=reason)


def _cannot_read(exc: Exception, path: Path) -> GeoInputError:
    """The refusal of a file GDAL or pyarrow cannot read: the gist of their error, without its file path and its
    advice on drivers."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if "magic bytes" in text:
        return _unreadable(path, "not a Parquet file", code="boundary_not_parquet")
    if "geo metadata" in text:
        return _unreadable(path, "a Parquet table without geometry (no GeoParquet metadata)", code="boundary_parquet_without_geometry")
    if "not recognized as" in text:
        if path.suffix.lower() == ".zip":
            return _unreadable(path, "the zip holds no Shapefile (.shp with its .shx and .dbf), GeoJSON or GeoPackage",
                               code="boundary_zip_without_layers")
        return _unreadable(path, "its content is in no format GDAL recognises", code="boundary_unknown_format")
    return _unreadable(path, text.split(".;")[0].replace(str(path), path.name).strip(" ."), code="boundary_unreadable")


def _describe(layers) -> str:
    return ", ".join(f"{name} ({kind or 'no geometry'})" for name, kind in layers)


def _layers(path: Path) -> list[tuple[str, str | None]]:
    """(name, geometry type or None) of each layer of a file GDAL reads."""
    try:
        return [(str(name), kind) for name, kind in pyogrio.list_layers(path)]
    except Exception as exc:  # pyogrio raises several types; all mean "cannot read this file"
        raise _cannot_read(exc, path) from exc


def spatial_layers(path) -> list[str]:
    """The layers with geometry of a GeoPackage, zip or other file GDAL reads (none for GeoParquet), for the
    Impor page to offer when there are several; [] when the file cannot be read (the import then says why)."""
    path = Path(path)
    if path.suffix.lower() == ".parquet" or not path.is_file():
        return []
    try:
        return [name for name, kind in _layers(path) if kind is not None]
    except GeoInputError:
        return []


def _layer(path: Path, wanted) -> str:
    """The layer to read: `wanted`, or the only layer with geometry. Refuses an unknown layer, a layer
    without geometry (an attribute table), and a guess among several layers with geometry."""
    layers = _layers(path)
    spatial = [name for name, kind in layers if kind is not None]
    names = ", ".join(name for name, _ in layers) or "–"
    if wanted is not None:
        if wanted not in dict(layers):
            raise GeoInputError(f"{path.name} has no layer '{wanted}'; its layers are {_describe(layers)}",
                                code="boundary_no_such_layer", file=path.name, layer=wanted, layers=names)
        if wanted not in spatial:
            raise GeoInputError(
                f"layer '{wanted}' of {path.name} has no geometry (an attribute table); "
                f"layers with geometry: {', '.join(spatial) or 'none'}",
                code="boundary_layer_without_geometry", file=path.name, layer=wanted, spatial=", ".join(spatial) or "–",
            )
        return wanted
    if not spatial:
        raise GeoInputError(f"{path.name} holds no layer with geometry (its layers: {_describe(layers)})",
                            code="boundary_no_layer_with_geometry", file=path.name, layers=names)
    if len(spatial) > 1:
        what = "Shapefiles" if path.suffix.lower() == ".zip" else "layers with geometry"
        raise GeoInputError(
            f"{path.name} holds {len(spatial)} {what}: {', '.join(spatial)}; pick one with --layer L, "
            f"e.g. --layer {spatial[0]} (or export that one alone)",
            code="boundary_several_layers", file=path.name, n=len(spatial), layers=", ".join(spatial),
        )
    return spatial[0]


def _read(path: Path, layer) -> tuple[gpd.GeoDataFrame, str | None]:
    """The file's features and the name of the layer read (None for GeoParquet, which has none)."""
    if not path.is_file():
        raise GeoInputError(f"boundary file {path} not found", code="boundary_not_found", file=path.name)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise GeoInputError(f"{path.name}: unsupported file type '{suffix}'; use GeoJSON, GeoPackage, Shapefile (.shp or .zip) or GeoParquet",
                            code="boundary_file_type", file=path.name, ext=suffix)
    if path.stat().st_size == 0:
        raise _unreadable(path, "the file is empty", code="boundary_empty")
    if suffix == ".zip" and not zipfile.is_zipfile(path):
        raise _unreadable(path, "not a zip archive", code="boundary_not_zip")
    if suffix == ".parquet":
        if layer is not None:
            raise GeoInputError(f"{path.name}: --layer is for GeoPackage and zip files; a GeoParquet file has a single table")
        try:
            return gpd.read_parquet(path), None
        except Exception as exc:  # pyarrow/geopandas raise many types; all mean "cannot read this file"
            raise _cannot_read(exc, path) from exc
    layer = _layer(path, layer)
    try:
        return gpd.read_file(path, layer=layer, engine="pyogrio"), layer
    except Exception as exc:  # pyogrio raises many types; all mean "cannot read this file"
        raise _cannot_read(exc, path) from exc


def _pick(columns, wanted, candidates, what, flag, path, code=None, not_found="boundary_column_not_found") -> str:
    """The column `wanted`, or the first of `candidates` found; `not_found` names the refusal when `wanted` is not a
    column, `code` when no candidate is found (none for the name column: read_boundaries does without one unless
    it was named)."""
    by_lower = {str(c).lower(): c for c in columns}
    listed = ", ".join(map(str, columns))
    if wanted:
        if wanted not in columns and wanted.lower() not in by_lower:
            raise GeoInputError(f"{path.name}: column '{wanted}' ({flag}) not found; columns are {listed}",
                                code=not_found, file=path.name, column=wanted, columns=listed or "–")
        return by_lower.get(wanted.lower(), wanted)
    for candidate in candidates:
        if candidate in by_lower:
            return by_lower[candidate]
    raise GeoInputError(
        f"{path.name}: no {what} column found among {listed}; "
        f"name it with {flag} COLUMN",
        code=code, file=path.name, columns=listed or "–",
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


def _check_extent(gdf: gpd.GeoDataFrame, path: Path) -> None:
    """Refuse coordinates that, in EPSG:4326, lie outside Indonesia, and say what they look like."""
    geoms = gdf.geometry.values
    geoms = geoms[~shapely.is_missing(geoms) & ~shapely.is_empty(geoms)]
    if not len(geoms):
        return  # no geometry at all: refused later, with its own message
    x0, y0, x1, y1 = shapely.total_bounds(geoms)
    west, south, east, north = EXTENT
    if west <= x0 and x1 <= east and south <= y0 and y1 <= north:
        return
    if not max(abs(x0), abs(x1)) <= 180:
        code = "boundary_projected"
        hint = (
            "the coordinates look projected (metres), not degrees: declare the CRS they are in, "
            f"e.g. `ogr2ogr -a_srs EPSG:xxxx out.gpkg {path.name}` (EPSG:3857 for Web Mercator, "
            "EPSG:32746 to 32754 for UTM zones 46S to 54S)"
        )
    elif south <= x0 and x1 <= north and west <= y0 and y1 <= east:
        code = "boundary_swapped"
        hint = "latitude and longitude look swapped: export it again with x = longitude, y = latitude"
    else:
        code = "boundary_outside_indonesia"
        hint = "they are outside Indonesia: check that the file declares the CRS its coordinates are in"
    raise GeoInputError(
        f"{path.name}: coordinates span x {x0:.6g} to {x1:.6g}, y {y0:.6g} to {y1:.6g} in EPSG:4326, "
        f"not within Indonesia (about 95 to 141 E, 11 S to 6 N); {hint}. Nothing was imported",
        code=code, file=path.name, x0=f"{x0:.6g}", x1=f"{x1:.6g}", y0=f"{y0:.6g}", y1=f"{y1:.6g}",
    )


def _wrong_level(path: Path, level: str, code_col, guessed: bool, found: pd.Series) -> GeoInputError:
    counts = found.value_counts()
    levels = ", ".join(f"{lvl} ({n} rows)" for lvl, n in counts.items())
    other = f", or name the column of {level} codes with --code-column" if guessed else ""
    return GeoInputError(
        f"{path.name}: no unit at level '{level}': the codes of column '{code_col}' are of level {levels}; "
        f"use --level {counts.index[0]}{other}",
        code="boundary_wrong_level_guessed" if guessed else "boundary_wrong_level", file=path.name, level=level,
        column=str(code_col), suggested=counts.index[0], rows=int(counts.iloc[0]),
    )


def _merge_note(path: Path, units: pd.DataFrame, code_col) -> Note | None:
    """A note when a guessed code column has on average two or more rows per code: its codes are
    likely those of the parent units (a desa file read by kode_kec), and merging dissolves the rows."""
    rows, codes = len(units), units["kode"].nunique()
    if rows < 2 * codes:
        return None
    level = units["level"].mode().iloc[0]
    return Note(
        f"{path.name}: {rows} rows have only {codes} distinct codes in column '{code_col}' (guessed), so they "
        f"were merged into {codes} {level} units; if each row is a smaller unit (e.g. a desa), name the column "
        "of its codes with --code-column",
        code="merged_guessed", file=path.name, rows=rows, codes=codes, column=str(code_col), level=level,
    )


def read_boundaries(path, *, level=None, code_column=None, name_column=None, layer=None):
    """Read one boundary file. Returns (GeoDataFrame with kode, nama, level, geometry in EPSG:4326,
    report dict). Raises GeoInputError for a file that cannot be used at all: unreadable, no CRS,
    coordinates outside Indonesia, no code column, no unit (of `level`) with a polygon."""
    path = Path(path)
    gdf, layer = _read(path, layer)
    report = {"file": path.name, "layer": layer, "rows_read": len(gdf), "notes": []}
    if gdf.empty:
        raise GeoInputError(f"{path.name} holds no features", code="boundary_no_features", file=path.name)
    if gdf.crs is None:
        raise GeoInputError(
            f"{path.name} has no coordinate reference system (for a Shapefile: the .prj file is missing). "
            "Export it again with its CRS, or assign the right one, e.g. `ogr2ogr -a_srs EPSG:4326 out.gpkg in.shp`",
            code="boundary_no_crs", file=path.name,
        )
    report["crs_in"] = gdf.crs.to_string()
    if not gdf.crs.equals("EPSG:4326"):
        gdf = gdf.to_crs("EPSG:4326")
    _check_extent(gdf, path)

    code_col = _pick(gdf.columns.drop(gdf.geometry.name), code_column, CODE_COLUMNS, "wilayah code", "--code-column", path,
                     code="boundary_no_code_column")
    try:
        name_col = _pick(gdf.columns.drop(gdf.geometry.name), name_column, NAME_COLUMNS, "name", "--name-column", path,
                         not_found="boundary_name_column_not_found")
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
            "Name the right column with --code-column",
            code="boundary_no_codes", file=path.name, column=str(code_col),
            examples=", ".join(report["bad_code_examples"][:3]) or "–",
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
        if not keep.any():
            raise _wrong_level(path, level, code_col, code_column is None, units["level"])
        report["other_levels_dropped"] = int((~keep).sum())
        units = units[keep]

    geoms = shapely.force_2d(units["geometry"].to_numpy())
    invalid = ~shapely.is_valid(geoms) & ~shapely.is_missing(geoms)
    report["repaired"] = int(invalid.sum())
    if invalid.any():
        geoms[invalid] = shapely.make_valid(geoms[invalid])
    geoms = _polygonal(geoms)
    units["geometry"] = geoms
    empty = units["geometry"].map(lambda g: g is None or g.is_empty)
    report["dropped_empty"] = int(empty.sum())
    report["dropped_empty_examples"] = units.loc[empty, "kode"].head(5).tolist()
    units = units[~empty]
    if units.empty:
        raise GeoInputError(f"{path.name}: no polygon geometry found (points or lines cannot be mapped as areas)",
                            code="boundary_no_polygons", file=path.name)

    duplicated = units["kode"].duplicated()
    report["duplicates_merged"] = int(duplicated.sum())
    report["duplicates_merged_examples"] = units.loc[duplicated, "kode"].drop_duplicates().head(5).tolist()
    if code_column is None and (note := _merge_note(path, units, code_col)):
        report["notes"].append(note)
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
