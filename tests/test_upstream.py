"""Boundary download from the public upstream (Cahya DSN wilayah_boundaries): the SQL parser on the real
upstream files in ../shared/geo/upstream, and `python -m data boundaries --download KODE` against a
local HTTP server that serves that folder in the upstream's layout."""

import functools
import http.server
import json
import re
import shutil
import threading
import time

import duckdb
import geopandas as gpd
import pandas as pd
import pytest
import shapely

import geo
from data import load
from geo import upstream
from tests.conftest import SHARED, needs_shared
from tests.test_cli import cli, version

UPSTREAM = SHARED / "geo" / "upstream"
SQL_FILES = sorted(p.relative_to(UPSTREAM).as_posix() for p in UPSTREAM.rglob("*.sql") if "ddl" not in p.name) if UPSTREAM.is_dir() else []

pytestmark = [needs_shared, pytest.mark.skipif(not UPSTREAM.is_dir(), reason="../shared/geo/upstream is not beside the checkout")]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture()
def serve():
    """serve(folder) -> base URL of a local HTTP server on a free port serving `folder`."""
    servers = []

    def start(folder):
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def parse(path: str) -> gpd.GeoDataFrame:
    return upstream.parse_sql((UPSTREAM / path).read_text(encoding="utf-8"), source=path)


def last_json(out) -> dict:
    return json.loads(out.stdout.strip().splitlines()[-1])


# --- the parser, on every upstream file ------------------------------------------------------------

@pytest.mark.parametrize("path", SQL_FILES)
def test_every_upstream_file_parses_to_valid_polygons_in_indonesia(path):
    text = (UPSTREAM / path).read_text(encoding="utf-8")
    gdf = upstream.parse_sql(text, source=path)
    assert list(gdf.columns) == ["kode", "nama", "geometry"] and gdf.crs.equals("EPSG:4326")
    assert len(gdf) == gdf.attrs["rows"] == len(re.findall(r"^\s*\('", text, re.M)) > 0
    assert gdf.attrs["rows_unreadable"] == 0 and gdf["kode"].is_unique
    assert gdf.is_valid.all() and set(gdf.geom_type) <= {"Polygon", "MultiPolygon"}
    min_lon, min_lat, max_lon, max_lat = gdf.total_bounds
    assert 94 < min_lon < max_lon < 142 and -11.5 < min_lat < max_lat < 6.5  # lng/lat, not lat/lng
    area = re.search(r"_(?:kab|kec|kel)_([0-9.]+)\.sql$", path)
    if area:  # kab/kec/kel files hold only units under the province or kab/kota of their name
        assert gdf["kode"].str.startswith(area[1] + ".").all()


def test_palopo_kelurahan(tmp_path):
    gdf = parse("db/kel/73/wilayah_boundaries_kel_73.73.sql")
    assert len(gdf) == 48
    assert gdf["kode"].str.fullmatch(r"73\.73\.\d{2}\.\d{4}").all()
    assert gdf.is_valid.all() and not gdf.is_empty.any()
    min_lon, min_lat, max_lon, max_lat = gdf.total_bounds
    assert 120.0 < min_lon < max_lon < 120.35 and -3.1 < min_lat < max_lat < -2.8
    one = gdf.set_index("kode").loc["73.73.01.1001"]
    assert one["nama"] == "Tompotikka"
    # the upstream writes [lat, lng]: its first point [-3.0066766529999427, 120.20118128600006] becomes (lng, lat)
    first = shapely.get_coordinates(one.geometry)[0]
    assert tuple(first) == pytest.approx((120.20118128600006, -3.0066766529999427))
    # the centroid the upstream gives in (lat, lng) lies on its polygon once swapped
    assert one.geometry.distance(shapely.Point(120.19936319803706, -3.008905124684291)) < 1e-3


def test_parsed_palopo_equals_the_shared_geojson_made_from_the_same_rows():
    parsed = parse("db/kel/73/wilayah_boundaries_kel_73.73.sql").set_index("kode")
    shared = gpd.read_file(SHARED / "geo" / "kelurahan_73.geojson")
    shared = shared[shared["kode"].str.startswith("73.73.")].set_index("kode")
    assert set(parsed.index) == set(shared.index)
    a, b = parsed.geometry.loc[shared.index].values, shared.geometry.values
    assert (shapely.area(shapely.symmetric_difference(a, b)) < 2e-3 * shapely.area(b)).all()  # the GeoJSON is rounded


def test_names_nesting_repair_and_refusals():
    ring = [[-3.0, 120.0], [-3.0, 120.1], [-2.9, 120.1], [-2.9, 120.0], [-3.0, 120.0]]
    far = [[[lat - 1, lng] for lat, lng in ring]]
    bowtie = [[-3.0, 120.0], [-2.9, 120.1], [-3.0, 120.1], [-2.9, 120.0], [-3.0, 120.0]]
    text = (
        "DELETE FROM wilayah_boundaries WHERE kode LIKE '73.05.%' AND LENGTH(kode)=13;\n"
        "INSERT INTO wilayah_boundaries(kode,nama,lat,lng,path) VALUES\n"
        f"\t('73.05.01.2010','Pa''batangang',-2.95,120.05,'{json.dumps([ring])}'),\n"
        f"\t('73.05.01.2011','Dua Pulau',-3.5,120.05,'{json.dumps([[ring], far])}'),\n"
        f"\t('7305012012','Kupu',-2.95,120.05,'{json.dumps([bowtie])}'),\n"
        f"\t('73.05.01.20X3','Salah',-2.95,120.05,'{json.dumps([ring])}');\n"
    )
    gdf = upstream.parse_sql(text)
    assert gdf["kode"].tolist() == ["73.05.01.2010", "73.05.01.2011", "73.05.01.2012"]
    assert gdf["nama"].tolist() == ["Pa'batangang", "Dua Pulau", "Kupu"]
    assert gdf.geom_type.tolist() == ["Polygon", "MultiPolygon", "MultiPolygon"]
    assert gdf.attrs["bad_codes"] == 1 and gdf.attrs["repaired"] == 1 and gdf.attrs["repaired_codes"] == ["73.05.01.2012"]
    assert gdf.is_valid.all() and gdf.geometry.iloc[2].area == pytest.approx(0.005)
    assert gdf.geometry.iloc[0].bounds == pytest.approx((120.0, -3.0, 120.1, -2.9))

    only = upstream.parse_sql(text, select=lambda k: k.endswith("2011"))
    assert only["kode"].tolist() == ["73.05.01.2011"] and only.attrs["not_selected"] == 2
    none = upstream.parse_sql(text, select=lambda k: False)
    assert none.empty and none.crs.equals("EPSG:4326") and none.attrs["rows"] == 4

    lng_first = text.replace("-3.0, 120.0", "120.0, -3.0")
    with pytest.raises(geo.GeoInputError, match=r"\[lat, lng\]"):
        upstream.parse_sql(lng_first)
    with pytest.raises(geo.GeoInputError, match="no wilayah_boundaries row"):
        upstream.parse_sql("<html>404: Not Found</html>", source="page.html")


def test_paths_for_province_and_kab_kota():
    kabs = ["73.01", "73.73"]
    assert upstream.paths_for("73", kabs) == [
        "db/prov/wilayah_boundaries_prov_6.sql",
        "db/kab/wilayah_boundaries_kab_73.sql",
        "db/kec/wilayah_boundaries_kec_73.sql",
        "db/kel/73/wilayah_boundaries_kel_73.01.sql",
        "db/kel/73/wilayah_boundaries_kel_73.73.sql",
    ]
    assert upstream.paths_for("6310", ()) == [
        "db/prov/wilayah_boundaries_prov_5.sql",
        "db/kab/wilayah_boundaries_kab_63.sql",
        "db/kec/wilayah_boundaries_kec_63.sql",
        "db/kel/63/wilayah_boundaries_kel_63.10.sql",
    ]
    for bad in ("73.73.01", "7x", "73.73.01.1001"):
        with pytest.raises(geo.GeoInputError):
            upstream.paths_for(bad)
    with pytest.raises(geo.GeoInputError, match="not kab/kota of province 73"):
        upstream.paths_for("73", ["63.10"])
    # every province of the reference is in exactly one upstream province file
    wilayah = pd.read_csv(SHARED / "reference" / "kode_wilayah.csv", dtype=str)
    provinces = set(wilayah.loc[wilayah["kode"].str.len() == 2, "kode"])
    assert provinces == set(upstream.PROV_FILE_NUMBER)
    assert sum(len(g) for g in upstream.PROV_GROUPS.values()) == len(upstream.PROV_FILE_NUMBER)


def test_the_province_file_number_is_a_group_named_in_its_header():
    text = (UPSTREAM / "db/prov/wilayah_boundaries_prov_6.sql").read_text(encoding="utf-8")
    assert "prov 6 (72-76)" in text
    assert sorted(parse("db/prov/wilayah_boundaries_prov_6.sql")["kode"]) == list(upstream.PROV_GROUPS[6])


def test_pinned_checksums_match_the_shared_upstream_files():
    import hashlib

    for path, digest in upstream.CHECKSUMS.items():
        assert hashlib.sha256((UPSTREAM / path).read_bytes()).hexdigest() == digest, path
    assert re.fullmatch(r"[0-9a-f]{40}", upstream.COMMIT) and upstream.COMMIT in upstream.DEFAULT_BASE_URL


# --- fetch -----------------------------------------------------------------------------------------

def test_fetch_checks_pinned_checksums_and_reports_unknown_ones(serve, tmp_path):
    base = serve(UPSTREAM)
    seen = []
    data, info = upstream.fetch(base, "db/kel/73/wilayah_boundaries_kel_73.73.sql", lambda f, m: seen.append(f))
    assert info["checksum"] == "ok" and info["bytes"] == len(data) == 168929 and seen[-1] == 1.0
    assert info["url"] == base + "/db/kel/73/wilayah_boundaries_kel_73.73.sql"

    (tmp_path / "db" / "kab").mkdir(parents=True)
    shutil.copy(UPSTREAM / "db/kab/wilayah_boundaries_kab_73.sql", tmp_path / "db/kab/wilayah_boundaries_kab_74.sql")
    _, info = upstream.fetch(serve(tmp_path), "db/kab/wilayah_boundaries_kab_74.sql")
    assert info["checksum"] == "unknown" and info["sha256"] == upstream.CHECKSUMS["db/kab/wilayah_boundaries_kab_73.sql"]

    with pytest.raises(upstream.UpstreamFileMissing, match=re.escape(base + "/db/kel/73/wilayah_boundaries_kel_73.10.sql")):
        upstream.fetch(base, "db/kel/73/wilayah_boundaries_kel_73.10.sql")


def test_fetch_without_a_server_names_the_url_and_the_way_out():
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}/db/kab/wilayah_boundaries_kab_73.sql"
    with pytest.raises(geo.GeoInputError) as e:
        upstream.fetch(f"http://127.0.0.1:{port}", "db/kab/wilayah_boundaries_kab_73.sql")
    assert url in str(e.value) and "--source-url" in str(e.value) and "python -m data boundaries FILE" in str(e.value)
    with pytest.raises(geo.GeoInputError, match="http"):
        upstream.fetch("ftp://example.org", "db/kab/wilayah_boundaries_kab_73.sql")


@pytest.mark.parametrize("base", ["ftp://example.org", "gopher://127.0.0.1:6379", "data:text/plain,x", "http://", "//host/x",
                                  "http://user:secret@127.0.0.1:9", "https://token@example.org/wb", "file://otherhost/x"])
def test_a_source_that_is_not_a_plain_http_address_or_local_path_is_refused_before_any_request(base):
    """Only http(s) with no credentials, or a local file:// path: nothing else is requested, and a password in the
    address is not repeated in the message."""
    with pytest.raises(geo.GeoInputError) as e:
        upstream.fetch(base, "db/kab/wilayah_boundaries_kab_73.sql")
    assert e.value.code == "download_bad_url" and "secret" not in str(e.value) and "token" not in str(e.value)


def test_parsing_speed_of_a_large_kel_file():
    text = (UPSTREAM / "db/kel/73/wilayah_boundaries_kel_73.08.sql").read_text(encoding="utf-8")
    started = time.perf_counter()
    gdf = upstream.parse_sql(text)
    assert len(gdf) == 372 and time.perf_counter() - started < 5


# --- the command line ------------------------------------------------------------------------------

def test_download_kab_kota_imports_its_kelurahan(serve, store_copy):
    before = version(store_copy)
    out = cli("boundaries", "--download", "73.73", "--source-url", serve(UPSTREAM), store=store_copy)
    assert out.returncode == 0, out.stderr
    report = last_json(out)
    assert report["status"] == "applied" and report["kode"] == "73.73"
    assert report["matched_by_level"] == {"prov": 1, "kab": 24, "kec": 9, "kel": 48}
    assert report["matched"] == 82 and report["unmatched_in_file"] == [] and report["missing_files"] == []
    assert report["known_without_polygon"] == {"prov": 0, "kab": 0, "kec": 0, "kel": 0}
    assert [f["checksum"] for f in report["files"]] == ["ok"] * 4
    assert "100%" in out.stderr and "Traceback" not in out.stderr
    assert version(store_copy) != before
    con = duckdb.connect(str(store_copy), read_only=True)
    try:
        kel = con.execute("SELECT kode, sumber, min_lon, max_lat FROM boundary WHERE kode LIKE '73.73.__.____'").df()
    finally:
        con.close()
    assert len(kel) == 48 and kel["sumber"].str.contains(upstream.COMMIT[:12]).all()
    assert kel["min_lon"].between(120.0, 120.35).all() and kel["max_lat"].between(-3.1, -2.8).all()
    log = load.list_boundary_imports(store_copy)
    assert report["import_id"] == 1 and len(log) == 1
    row = log.iloc[0]
    assert (row["kind"], row["source"], row["sha256"]) == ("download", f"73.73 ({upstream.REPOSITORY}@{upstream.COMMIT[:12]})", None)
    assert (row["units_in_files"], row["matched"], row["unmatched"], row["without_polygon"]) == (report["units_in_files"], 82, 0, 0)


def test_download_province_skips_kab_kota_the_source_lacks(serve, store_copy):
    out = cli("boundaries", "--download", "73", "--source-url", serve(UPSTREAM), store=store_copy)
    assert out.returncode == 0, out.stderr
    report = last_json(out)
    assert report["matched_by_level"]["kel"] == 48 + 110 + 372  # Palopo, Takalar, Bone
    assert report["matched_by_level"]["kec"] == 313
    assert "db/kel/73/wilayah_boundaries_kel_73.10.sql" in report["missing_files"] and len(report["missing_files"]) == 21


@pytest.mark.parametrize(
    "args, says",
    [
        (("--download", "73.10"), "/db/kel/73/wilayah_boundaries_kel_73.10.sql"),  # the server has no such file
        (("--download", "99.99"), "99.99"),  # not in the reference
        (("--download", "73.73.01"), "province or kab/kota"),
        (("--download", "7x"), "73.73"),
        (("x.gpkg", "--download", "73.73"), "either"),
        (("--download", "73.73", "--level", "kel"), "--level"),
    ],
)
def test_bad_downloads_are_refused_and_change_nothing(serve, store_copy, args, says):
    before = version(store_copy)
    out = cli("boundaries", *args, "--source-url", serve(UPSTREAM), store=store_copy)
    assert out.returncode == 2, out.stderr
    assert "Traceback" not in out.stderr and says in out.stderr
    assert last_json(out)["status"] == "refused"
    assert version(store_copy) == before


def test_tampered_file_is_refused(serve, store_copy, tmp_path):
    mirror = tmp_path / "mirror"
    for source in UPSTREAM.rglob("*.sql"):  # plain copies: the shared files are read-only
        target = mirror / source.relative_to(UPSTREAM)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    kel = mirror / "db/kel/73/wilayah_boundaries_kel_73.73.sql"
    kel.write_text(kel.read_text(encoding="utf-8").replace("'Tompotikka'", "'Tompotika'"), encoding="utf-8")
    before = version(store_copy)
    base = serve(mirror)
    out = cli("boundaries", "--download", "73.73", "--source-url", base, store=store_copy)
    assert out.returncode == 2 and "SHA-256" in out.stderr and base + "/db/kel/73/wilayah_boundaries_kel_73.73.sql" in out.stderr
    assert last_json(out)["status"] == "refused"
    assert version(store_copy) == before


class _CutOff(http.server.BaseHTTPRequestHandler):
    """Announces the whole file in Content-Length, sends half of it and closes the connection."""

    def do_GET(self):
        data = (UPSTREAM / "db/kab/wilayah_boundaries_kab_73.sql").read_bytes()
        self.send_response(200)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data[: len(data) // 2])
        self.close_connection = True

    def log_message(self, *args):
        pass


def test_fetch_refuses_a_download_cut_off():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _CutOff)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        with pytest.raises(geo.GeoInputError, match=r"was cut off after 89,986 of 179,972 bytes.*try again") as e:
            upstream.fetch(base, "db/kab/wilayah_boundaries_kab_74.sql")  # no pinned checksum to catch it
    finally:
        server.shutdown()
        server.server_close()
    assert base + "/db/kab/wilayah_boundaries_kab_74.sql" in str(e.value)


def test_download_reports_unreadable_rows(serve, store_copy, tmp_path):
    mirror = tmp_path / "mirror"
    for source in UPSTREAM.rglob("*.sql"):
        target = mirror / source.relative_to(UPSTREAM)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    # a kel file without a pinned checksum (Palopo's rows under the code of Bantaeng), one row damaged
    text = (UPSTREAM / "db/kel/73/wilayah_boundaries_kel_73.73.sql").read_text(encoding="utf-8").replace("'73.73.", "'73.03.")
    (mirror / "db/kel/73/wilayah_boundaries_kel_73.03.sql").write_text(text.replace(",'[[", ",'[[x", 1), encoding="utf-8")
    out = cli("boundaries", "--download", "73.03", "--source-url", serve(mirror), store=store_copy)
    assert out.returncode == 0, out.stderr
    report = last_json(out)
    assert report["rows_unreadable"] == 1
    kel = next(f for f in report["files"] if f["path"].startswith("db/kel/"))
    assert kel["checksum"] == "unknown" and kel["rows_unreadable"] == 1 and kel["rows"] == 47


def test_download_whose_kel_file_holds_no_desa_of_the_kab_says_so(serve, store_copy, tmp_path):
    """A mirror whose kel file for Bantaeng (73.03) holds Palopo's rows: none is stored (they are not under
    73.03), and every desa of Bantaeng is reported known without a polygon, though its level had no unit."""
    mirror = tmp_path / "mirror"
    shutil.copytree(UPSTREAM, mirror)
    shutil.copyfile(UPSTREAM / "db/kel/73/wilayah_boundaries_kel_73.73.sql", mirror / "db/kel/73/wilayah_boundaries_kel_73.03.sql")
    con = duckdb.connect(str(store_copy))
    con.execute("DELETE FROM boundary WHERE kode LIKE '73.03.%'")  # a store without Bantaeng's polygons yet
    con.close()
    out = cli("boundaries", "--download", "73.03", "--source-url", serve(mirror), store=store_copy)
    assert out.returncode == 0, out.stderr
    report = last_json(out)
    kel = next(f for f in report["files"] if f["path"].startswith("db/kel/"))
    assert kel["units"] == 0 and "kel" not in report["matched_by_level"]
    con = duckdb.connect(str(store_copy), read_only=True)
    try:
        desa = con.execute("SELECT count(*) FROM wilayah WHERE level = 'kel' AND kode LIKE '73.03.%'").fetchall()[0][0]
        stored = con.execute("SELECT count(*) FROM boundary WHERE kode LIKE '73.03.__.____'").fetchall()[0][0]
    finally:
        con.close()
    assert desa > 0 and stored == 0 and report["known_without_polygon"]["kel"] == desa


# --- the refusals in the page's language -------------------------------------------------------------

class _Status500(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_error(503, "Service Unavailable")

    def log_message(self, *args):
        pass


def _row(kode: str) -> str:
    """One upstream SQL file holding one unit, a small square in Kalimantan Timur, under `kode`."""
    path = "[[-1.0,116.0],[-1.0,116.1],[-1.1,116.1],[-1.1,116.0],[-1.0,116.0]]"
    return f"INSERT INTO wilayah_boundaries(kode,nama,lat,lng,path) VALUES ('{kode}','Uji',-1.05,116.05,'{path}');\n"


def _mirror(tmp_path, files: dict):
    mirror = tmp_path / "mirror"
    for source in UPSTREAM.rglob("*.sql"):  # plain copies: the shared files are read-only
        target = mirror / source.relative_to(UPSTREAM)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    for path, text in files.items():
        (mirror / path).parent.mkdir(parents=True, exist_ok=True)
        (mirror / path).write_text(text, encoding="utf-8")
    return mirror


# the four files of a download of 64.01 (none has a pinned checksum)
_FILES_64_01 = ("db/prov/wilayah_boundaries_prov_5.sql", "db/kab/wilayah_boundaries_kab_64.sql",
                "db/kec/wilayah_boundaries_kec_64.sql", "db/kel/64/wilayah_boundaries_kel_64.01.sql")


def _no_port() -> str:
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{s.getsockname()[1]}"


# kode, source (see the test), code, what the Indonesian text says
DOWNLOAD_REFUSALS = [
    ("99.99", "upstream", "download_unknown_kode", "99.99 bukan provinsi atau kab/kota dalam referensi"),
    ("73.73.01", "upstream", "download_wrong_level", "73.73.01 adalah kode Kecamatan"),
    ("7x", "upstream", "download_not_a_code", "'7x' bukan kode provinsi atau kab/kota"),
    ("73.10", "upstream", "download_file_missing", "wilayah_boundaries_kel_73.10.sql tidak ditemukan"),
    ("73.73", "ftp://example.org", "download_bad_url", "harus alamat http:// atau https:// tanpa nama pengguna"),
    ("73.73", "offline", "download_failed", "Periksa koneksi internet server"),
    ("73.73", "http 503", "download_http_error", "server menjawab HTTP 503"),
    ("73.73", "tampered", "download_checksum", "checksum SHA-256 tidak cocok"),
    ("64.01", "html", "download_not_upstream", "bukan berkas SQL dari sumber publik"),
    ("64.01", "other units", "download_no_units", "tidak memuat satu pun wilayah 64.01"),
    ("64.01", "unknown units", "download_codes_unknown", "Tidak satu pun dari 1 kode di"),
    ("73.73", "no store", "download_no_reference", "belum memuat referensi kode wilayah"),
]


@pytest.mark.parametrize("kode, source, code, says_id", DOWNLOAD_REFUSALS, ids=[r[2] for r in DOWNLOAD_REFUSALS])
def test_download_refusals_are_said_in_both_languages(serve, store_copy, tmp_path, monkeypatch, kode, source, code,
                                                      says_id):
    """What the Impor page's download meets, raised for real (load.download_boundary_source as the page calls it):
    each refusal names its code, and the page's text is Indonesian first, English second, every placeholder filled."""
    from tests.conftest import page_texts

    store_path = store_copy
    if source == "upstream":
        base = serve(UPSTREAM)
    elif source == "offline":
        base = _no_port()
    elif source == "http 503":
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Status500)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}"
    elif source == "tampered":
        kel = "db/kel/73/wilayah_boundaries_kel_73.73.sql"
        base = serve(_mirror(tmp_path, {kel: (UPSTREAM / kel).read_text(encoding="utf-8").replace("'Tompotikka'", "'X'")}))
    elif source == "html":
        base = serve(_mirror(tmp_path, dict.fromkeys(_FILES_64_01, "<html>404: Not Found</html>")))
    elif source == "other units":
        base = serve(_mirror(tmp_path, dict.fromkeys(_FILES_64_01, _row("11.01"))))
    elif source == "unknown units":
        base = serve(_mirror(tmp_path, {**dict.fromkeys(_FILES_64_01, _row("11.01")),
                                        _FILES_64_01[-1]: _row("64.01.99.9999")}))
    elif source == "no store":
        base, store_path = serve(UPSTREAM), tmp_path / "none.duckdb"
    else:
        base = source
    try:
        with pytest.raises(geo.GeoInputError) as e:
            load.download_boundary_source(kode, source_url=base, store_path=store_path)
    finally:
        if source == "http 503":
            server.shutdown()
            server.server_close()
    assert e.value.code == code, str(e.value)
    texts = page_texts(e.value, monkeypatch)
    assert says_id in texts["id"], texts["id"]


def test_cut_off_download_is_said_in_both_languages(monkeypatch):
    from tests.conftest import page_texts

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _CutOff)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with pytest.raises(geo.GeoInputError) as e:
            upstream.fetch(f"http://127.0.0.1:{server.server_address[1]}", "db/kab/wilayah_boundaries_kab_74.sql")
    finally:
        server.shutdown()
        server.server_close()
    assert e.value.code == "download_cut_off"
    assert "terputus setelah 89986 dari 179972 bita" in page_texts(e.value, monkeypatch)["id"]


def test_too_large_download_is_said_in_both_languages(serve, monkeypatch):
    from tests.conftest import page_texts

    monkeypatch.setattr(upstream, "MAX_BYTES", 2**20)
    with pytest.raises(geo.GeoInputError, match="is larger than 1 MB") as e:
        upstream.fetch(serve(UPSTREAM), "db/kel/73/wilayah_boundaries_kel_73.08.sql")
    assert e.value.code == "download_too_large"
    assert "lebih besar dari 1 MB" in page_texts(e.value, monkeypatch)["id"]


def test_every_download_refusal_code_is_tried_above():
    from data.config import ROOT

    codes = {c for f in ("geo/upstream.py", "data/load.py") for c in re.findall(r'"(download_[a-z_]+)"', (ROOT / f).read_text())}
    assert len(codes) > 10 and codes == {r[2] for r in DOWNLOAD_REFUSALS} | {"download_cut_off", "download_too_large"}


def test_download_from_the_page_is_logged_under_the_account_logged_in(serve, store_copy, monkeypatch):
    """A download from the Impor page (a real one, from a local mirror of the upstream) is in boundary_log under the
    name of the account logged in (an operator of Palopo), in the page's history, and in the audit trail."""
    from streamlit.testing.v1 import AppTest

    from data import accounts
    from data.config import ROOT
    from tests.conftest import add_account, log_in

    monkeypatch.setenv("ATS_STORE", str(store_copy))
    monkeypatch.setenv("ATS_BOUNDARY_SOURCE_URL", serve(UPSTREAM))  # the operator's mirror; the page takes no address
    add_account("petugas.bappelitbangda", "operator", "73.73")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    at.switch_page("views/impor.py")
    log_in(at.run(), "petugas.bappelitbangda")
    at.text_input(key="impor_download_kode").input("73.73")
    at.button(key="impor_download_apply").click().run()
    assert not at.exception, at.exception
    assert any("82 dari 82 wilayah" in s.value for s in at.success), [s.value for s in at.success]
    log = load.list_boundary_imports(store_copy)
    assert log[["kind", "user"]].values.tolist() == [["download", "petugas.bappelitbangda"]]
    at.run()
    history = at.dataframe[-1].value
    assert history["Petugas"].tolist() == ["petugas.bappelitbangda"] and history["Jenis"].tolist() == ["Unduhan publik"]
    rows = accounts.audit_rows(actions=["boundary_import"])
    assert rows[["actor", "outcome", "view"]].values.tolist() == [["petugas.bappelitbangda", "ok", "impor"]]
