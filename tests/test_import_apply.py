"""Survey import (`python -m data import`, data/importer/), the store's side: canonical files in, numbers out equal
to a pandas recomputation; the store unchanged (same bytes) whenever nothing was applied; the same file twice
applied once; no raw NIK, KK number or name in the store, and the key of their hash kept the same."""

import datetime as dt
import hmac
import json

import duckdb
import pandas as pd
import pytest

from data import importer
from data.importer import ImportRefused
from tests.conftest import needs_shared, shared_palopo
from tests.import_helpers import EXAMPLE, KEY, example, imp, rows_of, sha, write
from tests.import_helpers import base_store, store  # noqa: F401 (fixtures, found by name)

pytestmark = needs_shared


# ----------------------------------------------------------------------------------------------------------
# Round trip and store semantics


def test_canonical_round_trip_equals_pandas_recomputation(store):
    report = imp(EXAMPLE, store)
    src = example()
    assert report.status == "applied" and report.rejected == 0
    assert report.rows_read == report.accepted == len(src)

    anak = rows_of(store, "SELECT * FROM anak WHERE survey_round = 2026 ORDER BY kode_kel")
    dob = pd.to_datetime(src["tanggal_lahir"])
    ref = pd.Timestamp("2026-07-15")
    src["umur"] = ref.year - dob.dt.year - ((dob.dt.month > 7) | ((dob.dt.month == 7) & (dob.dt.day > 15))).astype(int)
    assert sorted(anak["umur"]) == sorted(src["umur"])
    assert anak.groupby("kode_kel").size().to_dict() == src.groupby("kode_kel").size().to_dict()
    want = src[src["kategori_ats"] != ""].groupby("kategori_ats").size().to_dict()
    assert anak.dropna(subset=["kategori_ats"]).groupby("kategori_ats").size().to_dict() == want
    # aggregates rebuilt by the write path
    agg = rows_of(store, "SELECT sum(n_anak) AS n, sum(n_ats) AS ats FROM agg_ats_kel WHERE survey_round = 2026")
    in_scope = src[(src["umur"] >= 7) & (src["umur"] <= 18)]
    assert int(agg["n"][0]) == len(in_scope) and int(agg["ats"][0]) == (in_scope["kategori_ats"] != "").sum()
    keluarga = rows_of(store, "SELECT * FROM keluarga WHERE survey_round = 2026")
    assert len(keluarga) == src.groupby(["kode_kel", "id_keluarga"]).ngroups
    # keyed hash of the NIK, nothing raw
    expected = hmac.new(KEY.encode(), src["nik"][0].encode(), "sha256").hexdigest()[:32]
    assert expected in set(anak["nik_hash"])
    events = rows_of(store, "SELECT tahap, count(*) AS n FROM penanganan WHERE survey_round = 2026 GROUP BY ALL")
    assert dict(zip(events["tahap"], events["n"]))["identifikasi"] == (src["kategori_ats"] != "").sum()
    rounds = rows_of(store, "SELECT * FROM survey_round WHERE survey_round = 2026")
    assert rounds["reference_date"][0].date() == dt.date(2026, 7, 15) if hasattr(rounds["reference_date"][0], "date") else True
    log = importer.list_imports(store)
    assert tuple(log.columns) == importer.IMPORT_LOG_COLUMNS  # the page translates each header
    assert log.iloc[0][["rows_read", "accepted", "rejected", "status"]].tolist() == [len(src), len(src), 0, "applied"]
    assert log.iloc[0]["sha256"] == sha(EXAMPLE)
    meta = dict(rows_of(store, "SELECT key, value FROM meta").values)
    assert meta["is_demo"] == "False"


def test_raw_identifiers_and_names_never_reach_the_store_file(store):
    imp(EXAMPLE, store)
    data = store.read_bytes()
    src = example()
    for value in (src["nik"][0], src["nik"][5], src["no_kk"][0], "Anak Contoh"):
        assert value.encode() not in data, value
    assert not any(p.name.endswith((".wal", ".tmp")) for p in store.parent.iterdir())


def test_same_file_twice_changes_nothing_the_second_time(store):
    assert imp(EXAMPLE, store).status == "applied"
    before = sha(store)
    again = imp(EXAMPLE, store)
    assert again.status == "unchanged" and sha(store) == before
    assert len(importer.list_imports(store)) == 1


def test_same_file_with_other_settings_is_imported_again(store, tmp_path):
    """A file imported with a wrong mapping or a wrong --round is put right by importing it again with the right
    ones: only the same file with the same settings is "unchanged"."""
    src = example().drop(columns="survey_round")
    path = write(src, tmp_path / "noround.csv")
    assert imp(path, store, survey_round=2024).status == "applied"
    assert imp(path, store, survey_round=2024).status == "unchanged"
    again = imp(path, store, survey_round=2025)
    assert again.status == "applied" and again.survey_round == 2025
    swapped = tmp_path / "swapped.toml"
    swapped.write_text('[values.sex]\n"L" = "P"\n"P" = "L"\n', encoding="utf-8")
    assert imp(EXAMPLE, store, mapping=swapped).status == "applied"
    fixed = imp(EXAMPLE, store)
    assert fixed.status == "applied"
    sexes = rows_of(store, "SELECT sex, count(*) AS n FROM anak WHERE survey_round = 2026 GROUP BY ALL")
    assert dict(zip(sexes["sex"], sexes["n"])) == example()["sex"].value_counts().to_dict()
    assert importer.list_imports(store)["survey_round"].tolist() == [2026, 2026, 2025, 2024]


def test_rejects_report_never_overwrites_the_store_or_the_file(store, tmp_path):
    before, source = sha(store), sha(EXAMPLE)
    for target in (store, EXAMPLE, tmp_path, tmp_path / "report.txt", store.with_name(store.name + ".wal")):
        for dry_run in (True, False):
            with pytest.raises(ImportRefused, match="--rejects .*a new .csv file"):
                imp(EXAMPLE, store, rejects_path=target, dry_run=dry_run)
    assert sha(store) == before and sha(EXAMPLE) == source


def test_refusals_are_logged_beside_the_store_without_the_message(store, tmp_path):
    (tmp_path / "empty.csv").write_bytes(b"")
    for attempt in (lambda: imp(tmp_path / "empty.csv", store), lambda: imp(EXAMPLE, store, survey_round="abc")):
        with pytest.raises(ImportRefused):
            attempt()
    lines = [json.loads(line) for line in store.with_name("imports.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(line["file"], line["status"], line["code"]) for line in lines[-2:]] == [
        ("empty.csv", "refused", "empty"), (EXAMPLE.name, "refused", None)]
    assert all("message" not in line and line["user"] for line in lines)


def test_corrected_file_replaces_only_its_kelurahan_and_round(store):
    earlier = len(rows_of(store, "SELECT * FROM anak WHERE survey_round IN (2024, 2025)"))
    imp(EXAMPLE, store)
    other = "SELECT * FROM anak WHERE NOT (survey_round = 2026 AND kode_kel = '73.73.01.1001') ORDER BY anak_id"
    before = rows_of(store, other)
    src = example()
    fixed = src[src["kode_kel"] == "73.73.01.1001"].head(3).copy()
    fixed["jarak_sekolah_km"] = "9,5"  # decimal comma
    path = write(fixed, store.parent / "corrected.csv")
    report = imp(path, store)
    assert report.status == "applied" and report.kelurahan == 1
    after = rows_of(store, other)
    pd.testing.assert_frame_equal(before, after)
    mine = rows_of(store, "SELECT * FROM anak WHERE survey_round = 2026 AND kode_kel = '73.73.01.1001'")
    assert len(mine) == 3
    km = rows_of(store, "SELECT DISTINCT jarak_sekolah_km FROM keluarga WHERE survey_round = 2026 AND kode_kel = '73.73.01.1001'")
    assert km["jarak_sekolah_km"].tolist() == [9.5]
    # the earlier fixture rounds are untouched
    assert len(rows_of(store, "SELECT * FROM anak WHERE survey_round IN (2024, 2025)")) == earlier > 0


def test_dry_run_reports_and_stores_nothing(store):
    before = sha(store)
    report = imp(EXAMPLE, store, dry_run=True)
    assert report.status == "dry_run" and report.accepted == len(example())
    assert sha(store) == before


def test_a_store_failing_its_checks_refuses_the_import_and_says_so(store, monkeypatch):
    """A store that already fails a data check refuses the write of a valid file: nothing changes, the refusal
    names the check (for the administrator) and the page wraps it in Bahasa Indonesia."""
    from tests.conftest import page_texts

    con = duckdb.connect(str(store))
    con.execute("INSERT INTO boundary VALUES ('99.99', 'kab', '{}', 0, 0, 1, 1, 'test')")
    con.close()
    before = sha(store)
    with pytest.raises(ImportRefused, match="data checks failed.*boundary_wilayah_known") as refused:
        imp(EXAMPLE, store)
    assert refused.value.code == "store_checks" and sha(store) == before
    texts = page_texts(refused.value, monkeypatch)
    assert "Berkas Anda sudah lolos validasi" in texts["id"] and "boundary_wilayah_known" in texts["id"]


def test_demo_store_is_refused_unless_replace_demo(store, tmp_path):
    from data import load

    palopo = shared_palopo("kelurahan_73.geojson")[["kode", "nama", "geometry"]]
    palopo.to_file(tmp_path / "palopo.geojson")
    load.import_boundary_file(tmp_path / "palopo.geojson", store_path=store)  # a boundary import into the demo store
    con = duckdb.connect(str(store))
    con.execute("UPDATE meta SET value = 'True' WHERE key = 'is_demo'")
    con.close()
    before = sha(store)
    with pytest.raises(ImportRefused, match="--replace-demo"):
        imp(EXAMPLE, store)
    assert sha(store) == before
    report = imp(EXAMPLE, store, replace_demo=True)
    assert report.status == "applied"
    assert rows_of(store, "SELECT DISTINCT survey_round FROM anak")["survey_round"].tolist() == [2026]
    assert len(rows_of(store, "SELECT * FROM wilayah")) > 90_000
    # the boundaries are kept, and so is the record of where they came from
    assert load.list_boundary_imports(store)["source"].tolist() == ["palopo.geojson"]


# ----------------------------------------------------------------------------------------------------------
# Privacy


def test_without_a_key_the_first_import_creates_a_key_file_outside_the_store(store, monkeypatch, tmp_path):
    """No manual step on a fresh machine: a key file is made (owner-only) and said; later imports use it."""
    import stat

    from data.importer.keys import key_id

    monkeypatch.delenv("ATS_HMAC_KEY")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    # without identifier columns, no key is needed and none is made
    path = write(example().drop(columns=["nik", "no_kk"]), store.parent / "no_ids.csv")
    assert imp(path, store).key_created is None
    assert not (tmp_path / "config").exists()
    report = imp(EXAMPLE, store)
    key_file = tmp_path / "config" / "ats" / "hmac.key"
    assert report.status == "applied" and report.key_created == str(key_file)
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(key_file.parent.stat().st_mode) == 0o700
    assert "back it up" in report.summary()["warning"]
    key = key_file.read_bytes().strip()
    assert len(key) == 64 and rows_of(store, "SELECT value FROM meta WHERE key = 'hmac_key_id'")["value"][0] == key_id(key)
    second = imp(write(example().head(3), tmp_path / "again.csv"), store)
    assert second.status == "applied" and second.key_created is None


def test_a_store_hashed_under_a_key_is_refused_without_it(store, monkeypatch, tmp_path):
    assert imp(EXAMPLE, store).status == "applied"
    monkeypatch.delenv("ATS_HMAC_KEY")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    before = sha(store)
    with pytest.raises(ImportRefused, match="no longer match across rounds") as e:
        imp(write(example().head(3), tmp_path / "more.csv"), store)
    assert e.value.code == "key_missing_for_store" and sha(store) == before
    assert not (tmp_path / "config").exists()  # no key made that could not match


@pytest.mark.parametrize("weak", ["a", "test-key-0123456789", "a" * 64, "ab" * 32])
def test_a_weak_key_is_refused_with_how_to_make_one(store, monkeypatch, weak):
    monkeypatch.setenv("ATS_HMAC_KEY", weak)
    before = sha(store)
    with pytest.raises(ImportRefused, match="secrets.token_hex") as e:
        imp(EXAMPLE, store)
    assert e.value.code == "weak_key" and sha(store) == before


def test_the_key_fingerprint_is_an_hmac_that_needs_the_key():
    import hashlib
    import hmac

    from data.importer.keys import key_id

    key = bytes.fromhex(KEY)
    assert key_id(KEY.encode()) == "v2:" + hmac.new(KEY.encode(), b"ats-hmac-key-id/v2", "sha256").hexdigest()[:24]
    assert hashlib.sha256(b"ats-hmac-key-id:" + KEY.encode()).hexdigest()[:12] not in key_id(KEY.encode())
    assert key_id(key) != key_id(KEY.encode())


def test_a_store_with_an_old_style_fingerprint_keeps_working_and_is_migrated(store, monkeypatch):
    """A store written before v2 holds sha256('ats-hmac-key-id:' + key)[:12]: the same key is recognised once and its
    fingerprint replaced by the HMAC one; another key is still refused."""
    import hashlib

    from data.importer.keys import key_id

    old = hashlib.sha256(b"ats-hmac-key-id:" + KEY.encode()).hexdigest()[:12]
    with duckdb.connect(str(store)) as con:
        con.execute("INSERT OR REPLACE INTO meta VALUES ('hmac_key_id', $v)", {"v": old})
    monkeypatch.setenv("ATS_HMAC_KEY", "f" + KEY[1:-1] + "0")
    with pytest.raises(ImportRefused, match="not the key used by earlier imports"):
        imp(EXAMPLE, store)
    monkeypatch.setenv("ATS_HMAC_KEY", KEY)
    assert imp(EXAMPLE, store).status == "applied"
    assert rows_of(store, "SELECT value FROM meta WHERE key = 'hmac_key_id'")["value"][0] == key_id(KEY.encode())


def test_key_from_a_file_and_a_different_key_is_refused(store, monkeypatch, tmp_path):
    monkeypatch.delenv("ATS_HMAC_KEY")
    key_file = tmp_path / "key.txt"
    key_file.write_text("from-a-file-" + "0a1b2c3d4e5f6789" * 3 + "\n")
    monkeypatch.setenv("ATS_HMAC_KEY_FILE", str(key_file))
    assert imp(EXAMPLE, store).status == "applied"
    key_file.write_text("another-key-" + "9876f5e4d3c2b1a0" * 3 + "\n")
    fixed = example().head(2)
    with pytest.raises(ImportRefused, match="not the key used by earlier imports"):
        imp(write(fixed, tmp_path / "second.csv"), store)


def test_an_import_into_no_store_creates_a_complete_store_with_boundaries(tmp_path, monkeypatch):
    """Issue 18.5: the new store picks up boundaries as the demo build does (ATS_BOUNDARIES here), and says so."""
    new = tmp_path / "new" / "ats.duckdb"
    geo_file = tmp_path / "palopo_kel.geojson"
    shared_palopo("kelurahan_73.geojson").to_file(geo_file, driver="GeoJSON")
    monkeypatch.setenv("ATS_BOUNDARIES", str(geo_file))
    monkeypatch.setenv("ATS_HMAC_KEY", KEY)
    report = imp(EXAMPLE, new)
    assert report.status == "applied"
    n = rows_of(new, "SELECT count(*) AS n FROM boundary WHERE level = 'kel' AND kode LIKE '73.73.%'")["n"][0]
    assert n > 0 and report.summary()["boundaries"] == {"source": str(geo_file), "matched": n,
                                                         "matched_by_level": {"kel": n}}
    monkeypatch.setenv("ATS_BOUNDARIES", str(tmp_path / "nothing_here"))
    other = imp(EXAMPLE, tmp_path / "other" / "ats.duckdb")
    assert other.status == "applied" and other.boundaries["matched"] == 0 and "not imported" in other.boundaries["note"]
