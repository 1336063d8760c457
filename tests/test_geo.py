"""Boundary import: refused inputs, reprojection, code normalisation, repair, and a coverage
simplification that opens no gaps between neighbours. Real Palopo boundaries from ../shared/geo."""

import json

import geopandas as gpd
import pytest
import shapely
from shapely.geometry import Polygon

import geo
from tests.conftest import SHARED

pytestmark = pytest.mark.skipif(not (SHARED / "geo").is_dir(), reason="../shared/geo is not beside the checkout")


@pytest.fixture(scope="module")
def palopo():
    g = gpd.read_file(SHARED / "geo" / "kelurahan_73.geojson")
    return g[g["kode"].str.startswith("73.73.")].reset_index(drop=True)


def test_file_without_crs_is_refused(tmp_path, palopo):
    path = tmp_path / "no_crs.shp"
    with pytest.warns(UserWarning, match="crs"):
        palopo[["kode", "nama", "geometry"]].set_crs(None, allow_override=True).to_file(path)
    assert not path.with_suffix(".prj").exists()
    with pytest.raises(geo.GeoInputError, match="no coordinate reference system"):
        geo.read_boundaries(path)


def test_projected_file_is_reprojected_to_wgs84(tmp_path, palopo):
    path = tmp_path / "utm.gpkg"
    palopo[["kode", "nama", "geometry"]].to_crs("EPSG:32751").to_file(path)  # UTM 51S, metres
    gdf, report = geo.read_boundaries(path)
    assert report["crs_in"] == "EPSG:32751"
    assert gdf.crs.equals("EPSG:4326")
    assert gdf.total_bounds == pytest.approx(palopo.total_bounds, abs=1e-6)


@pytest.mark.parametrize(
    "raw",
    [7373011001, "7373011001", "73.73.01.1001", " 73.73.01.1001 ", "ID7373011001", 7373011001.0],
)
def test_codes_are_normalised_to_dotted_form(tmp_path, palopo, raw):
    one = palopo[palopo["kode"] == "73.73.01.1001"]
    frame = gpd.GeoDataFrame({"KDEPUM": [raw], "WADMKD": ["Tompotikka"]}, geometry=one.geometry.values, crs="EPSG:4326")
    path = tmp_path / "one.gpkg"
    frame.to_file(path)
    gdf, report = geo.read_boundaries(path)
    assert report["code_column"] == "KDEPUM" and report["name_column"] == "WADMKD"
    assert gdf["kode"].tolist() == ["73.73.01.1001"]
    assert gdf["level"].tolist() == ["kel"]


def test_bad_codes_are_counted_and_dropped(tmp_path, palopo):
    frame = palopo[["kode", "nama", "geometry"]].head(3).copy()
    frame.loc[0, "kode"] = "73.7X.01"
    path = tmp_path / "bad.geojson"
    frame.to_file(path)
    gdf, report = geo.read_boundaries(path)
    assert report["bad_codes"] == 1 and report["bad_code_examples"] == ["73.7X.01"]
    assert len(gdf) == 2


def test_missing_code_column_names_the_fix(tmp_path, palopo):
    path = tmp_path / "nocode.geojson"
    palopo[["nama", "geometry"]].head(2).rename(columns={"nama": "label"}).to_file(path)
    with pytest.raises(geo.GeoInputError, match="--code-column"):
        geo.read_boundaries(path)


def test_invalid_polygon_is_repaired_and_duplicates_merged(tmp_path):
    bowtie = Polygon([(120.0, -3.0), (120.1, -2.9), (120.1, -3.0), (120.0, -2.9)])
    square = Polygon([(120.2, -3.0), (120.3, -3.0), (120.3, -2.9), (120.2, -2.9)])
    frame = gpd.GeoDataFrame({"kode": ["7373011001", "7373011002", "7373011002"]}, geometry=[bowtie, square, square.buffer(0.01)], crs="EPSG:4326")
    path = tmp_path / "repair.gpkg"
    frame.to_file(path)
    gdf, report = geo.read_boundaries(path, level="kel")
    assert report["repaired"] == 1 and report["duplicates_merged"] == 1
    assert gdf.is_valid.all() and set(gdf["kode"]) == {"73.73.01.1001", "73.73.01.1002"}
    assert shapely.area(gdf.loc[gdf["kode"] == "73.73.01.1001"].geometry.iloc[0]) == pytest.approx(0.005, rel=1e-6)


def test_level_filter_and_unsupported_file(tmp_path, palopo):
    path = tmp_path / "mixed.geojson"
    mixed = palopo[["kode", "nama", "geometry"]].head(2).copy()
    mixed.loc[1, "kode"] = "73.73"
    mixed.to_file(path)
    gdf, report = geo.read_boundaries(path, level="kel")
    assert report["other_levels_dropped"] == 1 and len(gdf) == 1
    (tmp_path / "notes.txt").write_text("x")
    with pytest.raises(geo.GeoInputError, match="unsupported file type"):
        geo.read_boundaries(tmp_path / "notes.txt")
    assert [p.name for p in geo.find_boundary_files(tmp_path)] == ["mixed.geojson"]


def holes(geometry) -> int:
    return sum(len(part.interiors) for part in shapely.get_parts(geometry))


def test_coverage_simplification_keeps_neighbours_together(palopo):
    units = palopo.assign(level="kel")[["kode", "nama", "level", "geometry"]]
    simple = geo.simplify(units)
    assert len(simple) == len(units) and simple.is_valid.all()
    assert shapely.get_num_coordinates(simple.geometry.values).sum() < 0.7 * shapely.get_num_coordinates(units.geometry.values).sum()
    before, after = shapely.union_all(units.geometry.values), shapely.union_all(simple.geometry.values)
    # no gap opens between neighbours (the upstream data has slivers; simplification closes some)
    assert holes(after) <= holes(before)
    # no overlap either: the parts add up to the whole
    assert shapely.area(simple.geometry.values).sum() == pytest.approx(after.area, rel=1e-3)
    assert after.area == pytest.approx(before.area, rel=5e-3)
    # every pair of units sharing a border still shares one
    geoms, simple_geoms = units.geometry.values, simple.geometry.values
    left, right = shapely.STRtree(geoms).query(geoms, predicate="intersects")
    pairs = [(i, j) for i, j in zip(left, right) if i < j and geoms[i].boundary.intersection(geoms[j].boundary).length > 1e-3]
    assert len(pairs) > 50
    assert all(shapely.intersection(simple_geoms[i], simple_geoms[j]).length > 0 or simple_geoms[i].touches(simple_geoms[j]) for i, j in pairs)


def test_feature_collection_is_geojson_keyed_by_kode(palopo):
    units = geo.simplify(palopo.head(3).assign(level="kel")[["kode", "nama", "level", "geometry"]])
    rows = geo.geometry_rows(units)
    assert rows["min_lon"].lt(rows["max_lon"]).all()
    text = geo.feature_collection(zip(rows["kode"], rows["geometry"]))
    doc = json.loads(text)
    assert doc["type"] == "FeatureCollection"
    assert [f["id"] for f in doc["features"]] == list(units["kode"])
    assert shapely.from_geojson(json.dumps(doc["features"][0]["geometry"])).equals(units.geometry.iloc[0])
