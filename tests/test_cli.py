"""The command line as an analyst uses it: `python -m data ...` in a subprocess. Results equal the
read API; bad input gets one clear line, a refused JSON line, exit code 2, and the store unchanged."""

import hashlib
import json
import subprocess
import sys
from io import StringIO

import geopandas as gpd
import pandas as pd
import pytest
import shapely
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
    args = ("query", "ats_by_wilayah", "--param", "level=kel", "--param", "kode_induk=73.73.01", "--role", "analyst")
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
    from data import load

    assert load.list_boundary_imports(store_copy).empty  # a refused import is not in the log


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
    # recorded in the store's boundary log, with the file's SHA-256 and who imported it
    from data import load

    out = cli("boundaries", str(path), store=store_copy, env_extra={"ATS_USER": "petugas_uji"})
    assert out.returncode == 0 and json.loads(out.stdout)["import_id"] == 2 and report["import_id"] == 1
    log = load.list_boundary_imports(store_copy)
    assert log["import_id"].tolist() == [2, 1] and log["user"].iloc[0] == "petugas_uji"
    first = log.iloc[1]
    assert (first["kind"], first["source"], first["sha256"]) == ("file", "palopo.gpkg", hashlib.sha256(path.read_bytes()).hexdigest())
    assert (first["units_in_files"], first["matched"], first["unmatched"], first["outside_parent"]) == (48, 48, 0, 0)


def test_boundaries_under_the_codes_of_another_place_are_flagged(store_copy, tmp_path):
    """Palopo's desa moved a degree west (still in Indonesia, so not refused): each lies outside its kecamatan's
    box, and the report says so, with examples, on stderr and in the JSON line."""
    from tests.conftest import shared_palopo

    palopo = shared_palopo("kelurahan_73.geojson")[["kode", "nama", "geometry"]]
    palopo["geometry"] = palopo.geometry.translate(xoff=-1.0)
    path = tmp_path / "moved.geojson"
    palopo.to_file(path)
    out = cli("boundaries", str(path), store=store_copy)
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout.strip().splitlines()[-1])
    assert report["outside_parent"] == 48 and report["outside_parent_examples"][:2] == sorted(palopo["kode"])[:2]
    assert "48 units lie outside the bounding box of the unit above them" in out.stderr


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


def palopo_desa():
    desa = gpd.read_file(SHARED / "geo" / "kelurahan_73.geojson")
    return desa[desa["kode"].str.startswith("73.73.")][["kode", "nama", "geometry"]].reset_index(drop=True)


def test_boundary_report_names_what_was_left_out_within_the_area_of_the_file(tmp_path):
    from tests.conftest import build_fixture_store

    store = build_fixture_store(tmp_path / "no_boundaries.duckdb", with_boundaries=False)
    desa = palopo_desa()
    kec = gpd.read_file(SHARED / "geo" / "kecamatan_73_63.geojson").query("kode == '73.73.01'")[["kode", "nama", "geometry"]]
    frame = desa.copy()
    frame.loc[0, "kode"] = "73.73.0X.1001"  # not a code
    frame.loc[1, "geometry"] = None  # no polygon
    frame = gpd.GeoDataFrame(pd.concat([frame, frame.iloc[[5]], kec]), crs=desa.crs)  # a second part, a kecamatan
    path = tmp_path / "palopo.gpkg"
    frame.to_file(path, layer="desa")
    out = cli("boundaries", str(path), "--level", "kel", store=store)
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert report["layers"] == {"palopo.gpkg": "desa"}
    assert report["bad_codes"] == 1 and report["bad_code_examples"] == ["73.73.0X.1001"]
    assert report["dropped_empty"] == 1 and report["dropped_empty_examples"] == [desa.loc[1, "kode"]]
    assert report["duplicates_merged"] == 1 and report["duplicates_merged_examples"] == [desa.loc[5, "kode"]]
    assert report["other_levels_dropped"] == 1 and report["matched_by_level"] == {"kel": 46}
    # the two Palopo desa left without a polygon, not the thousands of desa of the rest of the province
    assert report["known_without_polygon"] == {"kel": 2}
    assert report["known_without_polygon_examples"] == {"kel": sorted(desa.loc[[0, 1], "kode"])}


def test_boundary_import_without_a_store_says_how_to_make_one_and_leaves_nothing(tmp_path):
    path = tmp_path / "palopo.geojson"
    palopo_desa().to_file(path)
    for args in ((str(path),), ("--download", "73.73", "--source-url", "http://127.0.0.1:9")):
        out = cli("boundaries", *args, store=tmp_path / "var" / "store.duckdb")
        assert out.returncode == 2 and "Traceback" not in out.stderr
        assert "no store at" in out.stderr and "python -m data demo" in out.stderr and "wilayah code" not in out.stderr
        assert json.loads(out.stdout.strip().splitlines()[-1])["status"] == "refused"
        assert not (tmp_path / "var").exists()


def _attribute_layer(path):
    import pyogrio

    desa = palopo_desa()
    desa.to_file(path, layer="desa")
    pyogrio.write_dataframe(desa[["kode", "nama"]], path, layer="attrs")


def _two_layers(path):
    desa = palopo_desa()
    desa.to_file(path, layer="desa")
    desa.assign(kode=desa["kode"].str[:8]).dissolve("kode", as_index=False).to_file(path, layer="kecamatan")


def _swapped(path):
    desa = palopo_desa()
    desa.set_geometry(shapely.transform(desa.geometry.values, lambda xy: xy[:, ::-1]), crs=desa.crs).to_file(path)


@pytest.mark.parametrize(
    "name, make, args, says",
    [
        ("attrs.gpkg", _attribute_layer, ("--layer", "attrs"), "layer 'attrs' of attrs.gpkg has no geometry"),
        ("two.gpkg", _two_layers, (), "pick one with --layer L"),
        ("swapped.geojson", _swapped, (), "latitude and longitude look swapped"),
        ("image.geojson", lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64)), (), "is not a boundary file GeoPandas can read"),
    ],
)
def test_unusable_boundary_file_is_refused_in_one_line(store_copy, tmp_path, name, make, args, says):
    path = tmp_path / name
    make(path)
    before = version(store_copy)
    out = cli("boundaries", str(path), *args, store=store_copy)
    assert out.returncode == 2 and "Traceback" not in out.stderr and says in out.stderr
    assert json.loads(out.stdout.strip().splitlines()[-1])["status"] == "refused"
    assert version(store_copy) == before


# --- read queries: values outside a parameter's declared set, unknown codes and fixed parameters are refused -----

@pytest.mark.parametrize(
    "name, params, says",
    [
        ("ats_by_wilayah", ("level=kec", "kode_induk=73.73", "sex=X"),
         "parameter sex of query ats/ats_by_wilayah must be one of L, P (or left out), got 'X'"),
        ("ats_by_wilayah", ("level=kel", "kode_induk=73.73", "age_group=7-18"),
         "parameter age_group of query ats/ats_by_wilayah must be one of 7-12, 13-15, 16-18 (or left out), got '7-18'"),
        ("ats_by_wilayah", ("level=kec", "kode_induk=73.99"),
         "parameter kode_induk of query ats/ats_by_wilayah: no wilayah has code '73.99'"),
        ("ats_trend_by_group", ("kode=73.73", "by=kategori"),
         "parameter by of query trend/ats_trend_by_group must be one of kategori_ats, sex, age_group, has_disability, "
         "got 'kategori'"),
        ("ats_trend_by_group", ("kode=73.73", "by=x"), "parameter by of query trend/ats_trend_by_group must be one of"),
        ("handling_worklist_by_kel", ("kode=73.73", "max_rows=-1"),
         "parameter max_rows of query handling/handling_worklist_by_kel must be an integer from 1 to 2147483647, got -1"),
        ("ats_by_wilayah", ("level=kec", "survey_round=99999999999999999999"),
         "parameter survey_round of query ats/ats_by_wilayah must be an integer from -2147483648 to 2147483647"),
        ("ats_target_by_round", ("kode=73.73", "target_file=/etc/passwd"),
         "parameter target_file of query trend/ats_target_by_round is set by the application "
         "(data/reference/target_ats.csv), not from outside"),
        ("ats_reference_by_year", ("reference_file=/etc/passwd",),
         "parameter reference_file of query trend/ats_reference_by_year is set by the application"),
        ("kla_audit_by_kab", ("kode_kab=73",),
         "parameter kode_kab of query kla/kla_audit_by_kab must be the code of a kab unit, got '73' (a prov)"),
        ("kla_ranking_by_kab", ("kode=IV.99", "tahun=2024"),
         "parameter kode of query kla/kla_ranking_by_kab: no KLA indicator has code 'IV.99'"),
    ],
)
def test_a_value_a_read_query_cannot_answer_is_refused_in_one_line(fixture_store, name, params, says):
    out = cli("query", name, *[arg for p in params for arg in ("--param", p)], store=fixture_store)
    assert out.returncode == 2, out.stdout
    assert out.stderr.startswith(f"error: {says}") and out.stderr.count("\n") == 1, out.stderr
    refused = json.loads(out.stdout)
    assert refused["status"] == "refused" and refused["error"] == out.stderr[len("error: "):].strip()
    assert "root:" not in out.stdout + out.stderr  # /etc/passwd was not read


def test_json_writes_dates_as_dates_and_counts_as_integers(fixture_store):
    from tests.conftest import run_query

    rounds = json.loads(cli("query", "survey_rounds", "--format", "json", "--role", "analyst",  # raw: no "< 5" nulls
                            store=fixture_store).stdout)
    want = run_query(fixture_store, "survey_rounds")
    assert [r["reference_date"] for r in rounds] == [d.isoformat() for d in want["reference_date"]]  # 2024-07-15
    assert all(type(r[c]) is int for r in rounds for c in ("survey_round", "n_kab", "n_keluarga", "n_anak_0_18"))

    units = json.loads(cli("query", "ats_by_wilayah", "--param", "level=kec", "--param", "kode_induk=73.73", "--format",
                           "json", "--role", "analyst", store=fixture_store).stdout)
    counts = ("n_anak", "n_ats", "n_do", "n_ltm", "n_bpb")
    surveyed = [u for u in units if u["is_surveyed"]]
    assert surveyed and len(surveyed) < len(units)  # a column with nulls: the case that turned counts into floats
    assert all(type(u[c]) is int for u in surveyed for c in counts)
    assert all(u[c] is None for u in units if not u["is_surveyed"] for c in counts)
    want = run_query(fixture_store, "ats_by_wilayah", level="kec", kode_induk="73.73").set_index("kode")
    assert {u["kode"]: u["n_ats"] for u in surveyed} == want.loc[want["is_surveyed"], "n_ats"].astype(int).to_dict()


def test_csv_neutralises_formulas_and_keeps_numbers(store_copy):
    """Text a user entered (the KLA operator and evidence) cannot run as a formula in the spreadsheet that opens the
    CSV; numbers, negative ones too, and integer columns with nulls stay as they are."""
    import csv

    from data import kla

    kla.save_value("73.73", 2024, "IV.3", "40,5", operator="=cmd|' /C calc'!A0", bukti="@SUM(1+1)", path=store_copy)
    out = cli("query", "kla_audit_by_kab", "--param", "kode_kab=73.73", store=store_copy)
    assert out.returncode == 0, out.stderr
    [row] = csv.DictReader(StringIO(out.stdout))
    assert (row["operator"], row["bukti"]) == ("'=cmd|' /C calc'!A0", "'@SUM(1+1)")
    assert (row["nilai_baru"], row["nilai_lama"], row["tahun"]) == ("40.5", "", "2024")
    as_json = json.loads(cli("query", "kla_audit_by_kab", "--param", "kode_kab=73.73", "--format", "json", store=store_copy).stdout)
    assert as_json[0]["operator"] == "=cmd|' /C calc'!A0"  # JSON is data, not a sheet: written as entered

    out = cli("query", "ats_trend_by_round", "--param", "level=kab", "--param", "kode_induk=73.73", "--role", "analyst",
              store=store_copy)
    rows = list(csv.DictReader(StringIO(out.stdout)))
    assert [r["d_n_ats"] for r in rows] == ["", "-3"] and [r["n_ats"] for r in rows] == ["9", "6"]
    pct = [round(float(r["ats_pct"]), 2) for r in rows]  # the change is printed as a number, minus sign and all
    assert rows[1]["d_ats_pct"] == f"{round(pct[1] - pct[0], 2):.2f}" and float(rows[1]["d_ats_pct"]) < 0


def _read_query_args(draw):
    """A read query's name and --param items: a sample of good values, some replaced by hostile or other good
    values, some parameters left out or added (unknown, fixed)."""
    from hypothesis import strategies as st

    from data import queries
    from tests.test_queries import SAMPLES

    q = draw(st.sampled_from(queries.all_queries("read")))
    base = draw(st.sampled_from(SAMPLES[q.stem]))
    params = {k: ",".join(v) if isinstance(v, list) else str(v) for k, v in base.items()}
    own = [p for p in q.params if not p.fixed]
    hostile = st.one_of(
        st.text(st.characters(exclude_categories=()), max_size=24),  # control characters, lone surrogates too
        st.integers().map(str),
        st.sampled_from(["73.99", "73", "73.73", "73.73.01", "73.73.01.1001", "99", "/etc/passwd", "*.csv",
                         "../../etc/passwd", "L", "P", "X", "DO", "7-18", "kategori", "'; DROP TABLE anak; --", "NaN",
                         "-1", "0", "true", "ya", "IV.2", "IV.99", "2021-24", "1e9", "2024", "=1+1", " 73.73", ""]),
    )
    for _ in range(draw(st.integers(0, 3))):
        if own and draw(st.integers(0, 4)):  # mostly the query's own parameters, with a good or a hostile value
            p = draw(st.sampled_from(own))
            good = st.sampled_from(p.allowed) if p.allowed else st.sampled_from(["73.73", "73", "2024", "true", "5"])
            params[p.name] = draw(st.one_of(good, hostile))
        elif params and draw(st.booleans()):
            del params[draw(st.sampled_from(sorted(params)))]
        else:
            params[draw(st.sampled_from(["colour", "", "target_file", "reference_file", "kode"]))] = draw(hostile)
    fmt = draw(st.sampled_from(["csv", "json"]))
    return ["query", q.stem, *[f"--param={k}={v}" for k, v in params.items()], "--format", fmt]


def test_hostile_params_give_an_answer_or_a_refusal_never_a_traceback(fixture_store, monkeypatch, capsys):
    """Every read query, any --param values: exit 0 with rows, or exit 2 with one line and a refused JSON line.
    Run in-process through the command line's main() (a process per example would take minutes)."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from data.__main__ import main

    monkeypatch.setenv("ATS_STORE", str(fixture_store))

    @settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.data())
    def check(data):
        argv = _read_query_args(data.draw)
        code = main(argv)
        out, err = capsys.readouterr()
        assert code in (0, 2), argv
        if code == 2:
            assert err.startswith("error: ") and err.count("\n") == 1, (argv, err)
            assert json.loads(out)["status"] == "refused"
        assert "root:" not in out

    check()
