"""The command line as an analyst uses it: `python -m data ...` in a subprocess. Results equal the
read API; bad input gets one clear line, a refused JSON line, exit code 2, and the store unchanged."""

import json
import subprocess
import sys
from io import StringIO

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import box

from data.config import ROOT
from tests.conftest import SHARED, needs_shared

pytestmark = needs_shared


def cli(*args, store=None, env_extra=None):
    import os

    env = {**os.environ, **({"ATS_STORE": str(store)} if store else {}), **(env_extra or {})}
    return subprocess.run([sys.executable, "-m", "data", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


def version(store) -> str:
    out = cli("query", "store_meta", "--format", "json", store=store)
    return {r["key"]: r["value"] for r in json.loads(out.stdout)}["store_version"]


def test_query_csv_and_json_agree_with_each_other(fixture_store):
    args = ("query", "ats_by_wilayah", "--param", "level=kel", "--param", "kode_induk=73.73.01")
    as_csv = pd.read_csv(StringIO(cli(*args, store=fixture_store).stdout), dtype={"kode": str})
    as_json = pd.DataFrame(json.loads(cli(*args, "--format", "json", store=fixture_store).stdout))
    assert list(as_csv["kode"]) == list(as_json["kode"]) and as_csv["kode"].str.startswith("73.73.01.").all()
    assert {"kode", "nama", "n_anak", "n_ats", "n_do", "n_ltm", "n_bpb", "ats_pct"} <= set(as_json.columns)
    assert as_csv["n_ats"].sum() == as_json["n_ats"].sum() > 0


@pytest.mark.parametrize(
    "args, says",
    [
        (("query", "no_such_query"), "ats_by_wilayah"),
        (("query", "ats_by_wilayah", "--param", "level=kel", "--param", "colour=red"), "colour"),
        (("query", "ats_by_wilayah", "--param", "level"), "KEY=VALUE"),
        (("demo", "--regions", "99.99"), "99.99"),
    ],
)
def test_bad_input_is_refused_in_one_line(store_copy, args, says):
    before = version(store_copy)
    out = cli(*args, store=store_copy)
    assert out.returncode == 2, out.stderr
    assert "Traceback" not in out.stderr and says in out.stderr
    assert json.loads(out.stdout.strip().splitlines()[-1])["status"] == "refused"
    assert version(store_copy) == before


def test_missing_store_says_how_to_make_one(tmp_path):
    out = cli("query", "survey_rounds", store=tmp_path / "nothing.duckdb")
    assert out.returncode == 2 and "python -m data demo" in out.stderr
    assert not (tmp_path / "nothing.duckdb").exists()


def test_boundary_file_without_crs_or_matching_codes_changes_nothing(store_copy, tmp_path):
    before = version(store_copy)
    no_crs = tmp_path / "no_crs.shp"
    frame = gpd.GeoDataFrame({"kode": ["7373011001"]}, geometry=[box(120.1, -3.0, 120.2, -2.9)])
    with pytest.warns(UserWarning, match="crs"):
        frame.to_file(no_crs)
    out = cli("boundaries", str(no_crs), store=store_copy)
    assert out.returncode == 2 and "coordinate reference system" in out.stderr

    unknown = tmp_path / "unknown.geojson"
    frame.assign(kode=["99.99.99.9999"]).set_crs("EPSG:4326").to_file(unknown)
    out = cli("boundaries", str(unknown), store=store_copy)
    assert out.returncode == 2 and "nothing was imported" in out.stderr and "--code-column" in out.stderr
    assert version(store_copy) == before


def test_boundary_import_applies_real_file(store_copy, tmp_path):
    palopo = gpd.read_file(SHARED / "geo" / "kelurahan_73.geojson")
    path = tmp_path / "palopo.gpkg"
    palopo[palopo["kode"].str.startswith("73.73.")][["kode", "nama", "geometry"]].to_crs("EPSG:32751").to_file(path)
    before = version(store_copy)
    out = cli("boundaries", str(path), store=store_copy)
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert report["status"] == "applied" and report["matched"] == 48
    assert report["rows_read"] == 48 and report["columns"] == {"palopo.gpkg": {"code": "kode", "name": "nama"}}
    # size after the coverage simplification: fewer vertices than read, and the stored GeoJSON text
    assert 0 < report["vertices_stored"] < report["vertices_read"]
    assert report["stored_bytes"] > 1000
    assert version(store_copy) != before


def test_upgrade_says_current_or_rebuilds(store_copy, tmp_path):
    out = cli("upgrade", store=store_copy)
    assert out.returncode == 0 and json.loads(out.stdout.splitlines()[-1])["status"] == "current"
    import duckdb

    before = version(store_copy)  # (a query would itself rebuild a store of an older build)
    con = duckdb.connect(str(store_copy))
    con.execute("UPDATE meta SET value = 'older' WHERE key = 'build_id'")
    con.close()
    out = cli("upgrade", store=store_copy)
    assert out.returncode == 0 and json.loads(out.stdout.splitlines()[-1])["status"] == "rebuilt"
    assert version(store_copy) != before
    missing = cli("upgrade", store=tmp_path / "none.duckdb")
    assert missing.returncode == 2 and "python -m data demo" in missing.stderr


def test_query_on_a_store_of_an_older_build_rebuilds_it_first(store_copy):
    import duckdb

    con = duckdb.connect(str(store_copy))
    con.execute("UPDATE meta SET value = 'older' WHERE key = 'build_id'")
    con.execute("DROP MACRO TABLE ats_by_unit")  # what an older build did not make
    con.close()
    out = cli("query", "ats_by_wilayah", "--param", "level=kel", "--param", "kode_induk=73.73", "--format", "json",
              store=store_copy)
    assert out.returncode == 0, out.stderr
    assert "rebuilding its derived tables" in out.stderr
    assert len(json.loads(out.stdout)) == 48
