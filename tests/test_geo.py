"""Boundary import: refused inputs (unreadable, layers, CRS, extent, level), reprojection, code
normalisation, repair, what the report says, and a coverage simplification that opens no gaps
between neighbours. Real Palopo boundaries from ../shared/geo."""

import json

import geopandas as gpd
import pandas as pd
import pytest
import shapely
from shapely.geometry import Polygon

import geo
from tests.conftest import SHARED, page_texts, shared_palopo

pytestmark = pytest.mark.skipif(not (SHARED / "geo").is_dir(), reason="../shared/geo is not beside the checkout")


@pytest.fixture(scope="module")
def palopo():
    return shared_palopo("kelurahan_73.geojson")


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


@pytest.fixture(scope="module")
def palopo_kec():
    return shared_palopo("kecamatan_73_63.geojson")


def test_layer_without_geometry_is_refused_naming_the_layers_with_geometry(tmp_path, palopo):
    import pyogrio

    path = tmp_path / "desa.gpkg"
    palopo[["kode", "nama", "geometry"]].to_file(path, layer="desa")
    pyogrio.write_dataframe(palopo[["kode", "nama"]], path, layer="attrs")  # a plain attribute table
    with pytest.raises(geo.GeoInputError, match=r"layer 'attrs' of desa\.gpkg has no geometry.*layers with geometry: desa$"):
        geo.read_boundaries(path, layer="attrs")
    gdf, report = geo.read_boundaries(path)  # the only layer with geometry
    assert report["layer"] == "desa" and len(gdf) == 48
    only = tmp_path / "attrs.gpkg"
    pyogrio.write_dataframe(palopo[["kode", "nama"]], only, layer="attrs")
    with pytest.raises(geo.GeoInputError, match=r"attrs\.gpkg holds no layer with geometry \(its layers: attrs \(no geometry\)\)"):
        geo.read_boundaries(only)


def test_several_layers_need_one_named(tmp_path, palopo, palopo_kec):
    path = tmp_path / "two.gpkg"
    palopo[["kode", "nama", "geometry"]].to_file(path, layer="desa")
    palopo_kec[["kode", "nama", "geometry"]].to_file(path, layer="kecamatan")
    with pytest.raises(geo.GeoInputError, match=r"2 layers with geometry: desa, kecamatan; pick one with --layer L"):
        geo.read_boundaries(path)
    gdf, report = geo.read_boundaries(path, layer="kecamatan")
    assert report["layer"] == "kecamatan" and set(gdf["level"]) == {"kec"} and len(gdf) == 9
    with pytest.raises(geo.GeoInputError, match=r"no layer 'nosuch'; its layers are desa \(MultiPolygon\), kecamatan \(MultiPolygon\)"):
        geo.read_boundaries(path, layer="nosuch")

    import zipfile

    shp = tmp_path / "shp"
    shp.mkdir()
    palopo[["kode", "nama", "geometry"]].to_file(shp / "desa.shp")
    palopo_kec[["kode", "nama", "geometry"]].to_file(shp / "kecamatan.shp")
    archive = tmp_path / "two.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for f in shp.iterdir():
            z.write(f, f.name)
    with pytest.raises(geo.GeoInputError, match=r"2 Shapefiles: desa, kecamatan; pick one with --layer L"):
        geo.read_boundaries(archive)
    gdf, report = geo.read_boundaries(archive, layer="desa")
    assert report["layer"] == "desa" and len(gdf) == 48


def _geojson_without_crs(frame, path):
    doc = json.loads(frame.to_json())
    doc.pop("crs", None)  # a GeoJSON without a crs member is read as WGS84 degrees
    path.write_text(json.dumps(doc))
    return path


@pytest.mark.parametrize(
    "change, says",
    [
        (lambda g: g.to_crs("EPSG:3857"), r"look projected \(metres\).*ogr2ogr -a_srs EPSG:xxxx"),
        (lambda g: g.set_geometry(shapely.transform(g.geometry.values, lambda xy: xy[:, ::-1]), crs=None), "look swapped"),
        (lambda g: g.set_geometry(g.geometry.translate(-60), crs=None), "outside Indonesia"),
    ],
    ids=["metres-read-as-degrees", "lat-lon-swapped", "elsewhere"],
)
def test_coordinates_outside_indonesia_are_refused(tmp_path, palopo, change, says):
    frame = change(palopo[["kode", "nama", "geometry"]])
    path = _geojson_without_crs(frame, tmp_path / "wrong.geojson")
    with pytest.raises(geo.GeoInputError, match=says):
        geo.read_boundaries(path)


@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("image.geojson", b"\x89PNG\r\n\x1a\n" + bytes(64), "its content is in no format GDAL recognises"),
        ("empty.geojson", b"", "the file is empty"),
        ("table.geojson", b"kode,nama\n7373011001,Tompotikka\n", "its content is in no format GDAL recognises"),
        ("image.zip", b"\x89PNG\r\n\x1a\n" + bytes(64), "not a zip archive"),
        ("image.parquet", b"\x89PNG\r\n\x1a\n" + bytes(64), "not a Parquet file"),
    ],
    ids=["png", "empty", "csv", "png-zip", "png-parquet"],
)
def test_unreadable_file_gets_one_plain_reason(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(geo.GeoInputError) as e:
        geo.read_boundaries(path)
    assert str(e.value) == f"{name} is not a boundary file GeoPandas can read (GeoJSON, GeoPackage, zipped Shapefile, GeoParquet): {reason}"


def test_wrong_level_names_the_level_found(tmp_path, palopo_kec):
    path = tmp_path / "kec.geojson"
    palopo_kec[["kode", "nama", "geometry"]].to_file(path)
    with pytest.raises(geo.GeoInputError, match=r"no unit at level 'kel': the codes of column 'kode' are of level kec \(9 rows\); use --level kec"):
        geo.read_boundaries(path, level="kel")


def test_guessed_parent_code_column_says_rows_were_merged(tmp_path, palopo, monkeypatch):
    path = tmp_path / "desa_without_desa_codes.geojson"
    palopo[["kode_kec", "nama", "geometry"]].to_file(path)  # no desa code column: the guess is kode_kec
    gdf, report = geo.read_boundaries(path)
    assert report["code_column"] == "kode_kec" and len(gdf) == 9 and set(gdf["level"]) == {"kec"}
    assert report["duplicates_merged"] == 39 and report["duplicates_merged_examples"][0] == "73.73.01"
    assert len(report["notes"]) == 1
    assert "48 rows have only 9 distinct codes in column 'kode_kec' (guessed)" in report["notes"][0]
    assert "--code-column" in report["notes"][0]
    # the Impor page says the note in its language, the level in words
    texts = page_texts(report["notes"][0], monkeypatch, note=True)
    assert texts["id"].startswith("desa_without_desa_codes.geojson: 48 baris hanya punya 9 kode berbeda di kolom "
                                  "'kode_kec'") and "wilayah tingkat Kecamatan" in texts["id"], texts["id"]
    assert "9 units of level District" in texts["en"], texts["en"]
    with pytest.raises(geo.GeoInputError, match=r"column 'kode_kec' are of level kec \(48 rows\); use --level kec, or name the column of kel codes with --code-column"):
        geo.read_boundaries(path, level="kel")
    # named on purpose, or a few multi-part units: no note
    assert geo.read_boundaries(path, code_column="kode_kec")[1]["notes"] == []
    split = tmp_path / "split.geojson"
    palopo[["kode", "nama", "geometry"]].pipe(lambda g: gpd.GeoDataFrame(pd.concat([g, g.head(2)]), crs=g.crs)).to_file(split)
    _, report = geo.read_boundaries(split)
    assert report["duplicates_merged"] == 2 and report["notes"] == []


def test_report_names_rows_dropped_and_merged(tmp_path, palopo):
    frame = palopo[["kode", "nama", "geometry"]].copy()
    frame.loc[1, "geometry"] = None
    frame = gpd.GeoDataFrame(pd.concat([frame, frame.iloc[[5]]]), crs=frame.crs)
    path = tmp_path / "gaps.geojson"
    frame.to_file(path)
    _, report = geo.read_boundaries(path)
    assert report["dropped_empty"] == 1 and report["dropped_empty_examples"] == [palopo.loc[1, "kode"]]
    assert report["duplicates_merged"] == 1 and report["duplicates_merged_examples"] == [palopo.loc[5, "kode"]]
    assert report["layer"] == "gaps"


# --- the refusals in the page's language -------------------------------------------------------------

def _written(path, content, **options):
    """A file of `content` (bytes, text, a GeoDataFrame or a DataFrame for Parquet); (path, read options)."""
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif isinstance(content, str):
        path.write_text(content)
    elif isinstance(content, gpd.GeoDataFrame):
        content.to_file(path)
    elif content is not None:
        content.to_parquet(path)
    return path, options


PNG = b"\x89PNG\r\n\x1a\n" + bytes(64)  # an image renamed


def _two_layers(path, palopo, palopo_kec, **options):
    palopo[["kode", "nama", "geometry"]].to_file(path, layer="desa")
    palopo_kec[["kode", "nama", "geometry"]].to_file(path, layer="kecamatan")
    return path, options


def _attrs(path, palopo, **options):
    """An attribute table (no geometry); beside a desa layer when a layer is asked for."""
    import pyogrio

    if options:
        palopo[["kode", "nama", "geometry"]].to_file(path, layer="desa")
    pyogrio.write_dataframe(palopo[["kode", "nama"]], path, layer="attrs")
    return path, options


def _zip_of_text(path):
    import zipfile

    with zipfile.ZipFile(path, "w") as z:
        z.writestr("baca.txt", "bukan peta")
    return path, {}


def _no_crs(path, palopo):
    with pytest.warns(UserWarning, match="crs"):
        palopo[["kode", "nama", "geometry"]].set_crs(None, allow_override=True).to_file(path)
    return path, {}


def _moved(path, palopo, move):
    return _geojson_without_crs(move(palopo[["kode", "nama", "geometry"]]), path), {}


def _points(d):
    return d[["kode", "nama"]].set_geometry(d.geometry.representative_point(), crs="EPSG:4326")


# name, make(path, palopo desa, palopo kec) -> (path, read_boundaries options), code, what the Indonesian text says
REFUSALS = [
    ("peta.geojson", lambda p, d, k: _written(p, PNG), "boundary_unknown_format", "tidak dikenali sebagai format peta"),
    ("kosong.geojson", lambda p, d, k: _written(p, b""), "boundary_empty", "kosong (0 bita)"),
    ("peta.zip", lambda p, d, k: _written(p, PNG), "boundary_not_zip", "bukan arsip zip"),
    ("teks.zip", lambda p, d, k: _zip_of_text(p), "boundary_zip_without_layers", "tidak memuat Shapefile"),
    ("peta.parquet", lambda p, d, k: _written(p, PNG), "boundary_not_parquet", "bukan berkas Parquet"),
    ("tabel.parquet", lambda p, d, k: _written(p, pd.DataFrame({"kode": ["73.73"]})),
     "boundary_parquet_without_geometry", "tabel Parquet tanpa geometri"),
    ("rusak.geojson", lambda p, d, k: _written(p, '{"type": "FeatureCollection", "features": ['),
     "boundary_unreadable", "tidak dapat dibaca sebagai berkas batas wilayah"),
    ("peta.kml", lambda p, d, k: _written(p, "<kml/>"), "boundary_file_type", "tidak didukung"),
    ("hilang.geojson", lambda p, d, k: _written(p, None), "boundary_not_found", "tidak ditemukan di server"),
    ("titik.geojson", lambda p, d, k: _written(p, _points(d)), "boundary_no_polygons", "tidak ada geometri poligon"),
    ("tanpa_fitur.geojson", lambda p, d, k: _written(p, d.iloc[:0][["kode", "nama", "geometry"]]),
     "boundary_no_features", "tidak berisi satu pun wilayah"),
    ("tanpa_crs.shp", lambda p, d, k: _no_crs(p, d), "boundary_no_crs", "tidak mencantumkan sistem koordinat"),
    ("meter.geojson", lambda p, d, k: _moved(p, d, lambda g: g.to_crs("EPSG:3857")), "boundary_projected",
     "tampak dalam meter"),
    ("tertukar.geojson", lambda p, d, k: _moved(p, d, lambda g: g.set_geometry(
        shapely.transform(g.geometry.values, lambda xy: xy[:, ::-1]), crs=None)),
     "boundary_swapped", "lintang dan bujurnya tampak tertukar"),
    ("jauh.geojson", lambda p, d, k: _moved(p, d, lambda g: g.set_geometry(g.geometry.translate(-60), crs=None)),
     "boundary_outside_indonesia", "berada di luar Indonesia"),
    ("dua.gpkg", lambda p, d, k: _two_layers(p, d, k), "boundary_several_layers", "memuat 2 lapisan bergeometri"),
    ("dua_salah.gpkg", lambda p, d, k: _two_layers(p, d, k, layer="nosuch"), "boundary_no_such_layer",
     "tidak punya lapisan 'nosuch'"),
    ("atribut.gpkg", lambda p, d, k: _attrs(p, d, layer="attrs"), "boundary_layer_without_geometry", "Lapisan 'attrs'"),
    ("hanya_atribut.gpkg", lambda p, d, k: _attrs(p, d), "boundary_no_layer_with_geometry",
     "tidak memuat satu pun lapisan bergeometri"),
    ("kolom.geojson", lambda p, d, k: _written(p, d[["kode", "nama", "geometry"]], code_column="kd_desa"),
     "boundary_column_not_found", "kolom 'kd_desa' tidak ada"),
    ("kolom_nama.geojson", lambda p, d, k: _written(p, d[["kode", "nama", "geometry"]], name_column="nm_desa"),
     "boundary_name_column_not_found", "kolom 'nm_desa' tidak ada; kolom berkas ini: kode, nama. Perbaiki isian Kolom nama"),
    ("tanpa_kode.geojson", lambda p, d, k: _written(p, d[["nama", "geometry"]]),
     "boundary_no_code_column", "kolom kode wilayah tidak dapat ditebak"),
    ("nama.geojson", lambda p, d, k: _written(p, d[["kode", "nama", "geometry"]], code_column="nama"),
     "boundary_no_codes", "berupa kode wilayah Kemendagri"),
    ("kec.geojson", lambda p, d, k: _written(p, k[["kode", "nama", "geometry"]], level="kel", code_column="kode"),
     "boundary_wrong_level", "tingkat Desa/Kelurahan: kode di kolom 'kode' adalah kode tingkat Kecamatan (9 baris)"),
    ("kec_tebak.geojson", lambda p, d, k: _written(p, k[["kode", "nama", "geometry"]], level="kel"),
     "boundary_wrong_level_guessed", "Pilih Tingkat Kecamatan, atau"),
]


@pytest.mark.parametrize("name, make, code, says_id", REFUSALS, ids=[r[2] for r in REFUSALS])
def test_refusals_a_data_officer_meets_are_said_in_both_languages(tmp_path, monkeypatch, palopo, palopo_kec,
                                                                  name, make, code, says_id):
    """A real refusal of the boundary reader names its code and values; the Impor page's text (the catalogue entry
    filled with those values) is Indonesian first, English second, every placeholder filled."""
    path, options = make(tmp_path / name, palopo, palopo_kec)
    with pytest.raises(geo.GeoInputError) as e:
        geo.read_boundaries(path, **options)
    assert e.value.code == code, str(e.value)
    texts = page_texts(e.value, monkeypatch)
    assert says_id in texts["id"], texts["id"]
    assert name in texts["id"] and name in texts["en"]


def test_codes_of_no_known_unit_are_refused_in_both_languages(store_copy, tmp_path, monkeypatch, palopo):
    from data import load

    path = tmp_path / "kode_asing.geojson"
    palopo[["kode", "nama", "geometry"]].assign(kode=palopo["kode"].str.replace("73.73.", "73.99.", n=1)).to_file(path)
    with pytest.raises(geo.GeoInputError, match="none of the 48 codes in kode_asing.geojson") as e:
        load.import_boundary_file(path, store_path=store_copy)
    assert e.value.code == "boundary_codes_unknown"
    texts = page_texts(e.value, monkeypatch)
    assert "Tidak satu pun dari 48 kode di kode_asing.geojson (mis. 73.99." in texts["id"]


def test_every_boundary_refusal_code_is_tried_above():
    import re

    from data.config import ROOT

    source = (ROOT / "geo" / "boundaries.py").read_text()
    codes = set(re.findall(r'"(boundary_[a-z_]+)"', source))  # every code is named boundary_...
    assert len(codes) > 15 and codes == {r[2] for r in REFUSALS}


def test_a_wide_view_gets_coarser_geometry_with_no_gaps(palopo):
    """The desa of a whole province are drawn at a zoom where the stored detail is finer than a pixel (issue 21: 3,059
    desa, 4.2 MB of GeoJSON parsed and tessellated by the browser at every map of the province's desa): such a view's
    file is simplified further, as one coverage (neighbours keep one shared border), and only such a view's."""
    units = geo.simplify(palopo.assign(level="kel")[["kode", "nama", "level", "geometry"]])
    rows = geo.geometry_rows(units)
    kab = tuple(units.total_bounds)
    assert geo.view_tolerance("kel", kab) is None  # Palopo's kelurahan: drawn as stored
    province = (117.04, -7.76, 121.82, -1.89)  # Sulawesi Selatan
    tolerance = geo.view_tolerance("kel", province)
    assert tolerance == pytest.approx((-1.89 + 7.76) / 560 / 3)  # a third of a pixel at the zoom that fits it
    coarse = geo.coarser(list(zip(rows["kode"], rows["geometry"])), tolerance)
    assert [k for k, _ in coarse] == list(rows["kode"])
    before, after = shapely.from_geojson(rows["geometry"].to_numpy()), shapely.from_geojson([g for _, g in coarse])
    assert shapely.get_num_coordinates(after).sum() < 0.8 * shapely.get_num_coordinates(before).sum()
    assert shapely.is_valid(after).all() and not shapely.is_empty(after).any()
    left, right = shapely.STRtree(before).query(before, predicate="intersects")
    pairs = [(i, j) for i, j in zip(left, right) if i < j and before[i].boundary.intersection(before[j].boundary).length > 1e-3]
    assert len(pairs) > 50 and all(after[i].intersects(after[j]) for i, j in pairs)  # neighbours still meet
    assert shapely.union_all(after).area == pytest.approx(shapely.union_all(before).area, rel=0.02)  # no gaps opened
