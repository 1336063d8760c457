"""The write path: the fixture builds, every check passes on it, a failing write leaves the live
store byte-for-byte as it was, and the checks really catch broken data."""

import hashlib

import duckdb
import pytest

from data import queries, reference, store
from tests.conftest import build_fixture_store, needs_shared, read_fixture

pytestmark = needs_shared


def sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture()
def small_store(tmp_path):
    return build_fixture_store(tmp_path / "small.duckdb", with_boundaries=False)


def test_fixture_builds_and_checks_pass(small_store):
    con = duckdb.connect(str(small_store), read_only=True)
    try:
        assert store.check(con) == {}
        n = con.execute("SELECT count(*) FROM anak").fetchone()[0]
        assert n == len(read_fixture("anak"))
        agg = con.execute("SELECT sum(n_anak) FROM agg_ats_kel").fetchone()[0]
        assert agg == read_fixture("anak").umur.between(7, 18).sum()
        meta = dict(con.execute("SELECT key, value FROM meta").fetchall())
        assert len(meta["store_version"]) == 12
    finally:
        con.close()


def test_every_check_catches_what_it_guards(small_store, tmp_path):
    """Break the data in one way per check; that check (and the build) must fail."""
    breakages = {
        "anak_kategori_consistent": "UPDATE anak SET kelas_terakhir = 3 WHERE kategori_ats = 'BPB'",
        "anak_umur_in_range": "UPDATE anak SET umur = 25 WHERE anak_id = 1",
        "record_ids_unique": "INSERT INTO anak SELECT * FROM anak WHERE anak_id = 1",
        "anak_wilayah_known": "UPDATE keluarga SET kode_kel = '73.73.99.9999' WHERE keluarga_id = 1",
        "penanganan_after_identifikasi": "UPDATE penanganan SET tanggal = DATE '2000-01-01' WHERE tahap = 'verifikasi'",
        "boundary_wilayah_known": "INSERT INTO boundary VALUES ('99.99', 'kab', '{}', 0, 0, 1, 1, 'test')",
        "kla_nilai_input_valid": "INSERT INTO kla_nilai_input VALUES ('73.73', 2024, 'IV.3', 140, NULL, NULL, 'x', 'y', now(), false)",
        "kla_nilai_input_audited": "INSERT INTO kla_nilai_input VALUES ('73.73', 2024, 'IV.3', 40, NULL, NULL, 'x', 'y', now(), false)",
        "kla_evaluasi_valid": "INSERT INTO kla_evaluasi VALUES (2024, '73.73', 750, 'Utama', 'SK', false)",
    }
    # aggregate checks are broken in their own tests (here, tests/test_trend.py and tests/test_handling.py)
    aggregates = {"agg_ats_matches_anak", "agg_penanganan_matches_events"}
    assert set(breakages) | aggregates == {q.name for q in queries.all_queries("checks")}
    for check_name, sql in breakages.items():
        before = sha(small_store)
        with pytest.raises(store.BuildError, match=check_name):
            with store.writing(small_store) as con:
                con.execute(sql)
        assert sha(small_store) == before, f"a failed write ({check_name}) changed the live store"
    leftovers = [p for p in small_store.parent.iterdir() if ".tmp-" in p.name]
    assert leftovers == []


def test_completed_12_years_passes_the_checks_and_inconsistent_status_does_not(small_store):
    """The fixture's 17-year-old who completed SMA (out of school, no category, last grade 12) passes the checks and
    is counted as n_tamat12, not ATS; the category check catches every status that cannot be: a 9-year-old who
    "completed 12", a last grade other than 12 without a category, an out-of-school child 7-18 who is neither ATS
    nor completed 12, a child in school with a last grade, a last level outside the list."""
    con = duckdb.connect(str(small_store))
    try:
        assert store.check(con) == {}
        row = con.execute("SELECT sum(n_tamat12), sum(n_ats) FROM agg_ats_kel WHERE survey_round = 2025 "
                          "AND kode_kel = '73.73.02.1002' AND age_group = '16-18'").fetchone()
        assert row == (1, 2)  # the 17-year-old beside two BPB children of 17 and 18
    finally:
        con.close()
    breakages = {
        "aged 9": "UPDATE anak SET umur = 9 WHERE anak_id = 88",
        "grade 11": "UPDATE anak SET kelas_terakhir = 11 WHERE anak_id = 88",
        "no grade": "UPDATE anak SET kelas_terakhir = NULL, jenjang_terakhir = NULL WHERE anak_id = 88",
        "in school": "UPDATE anak SET partisipasi = 'formal', jenjang = 'SMA', kelas = 12 WHERE anak_id = 88",
        "level": "UPDATE anak SET jenjang_terakhir = 'Paket D' WHERE anak_id = 88",
    }
    for name, sql in breakages.items():
        before = sha(small_store)
        with pytest.raises(store.BuildError, match="anak_kategori_consistent"):
            with store.writing(small_store) as con:
                con.execute(sql)
        assert sha(small_store) == before, name


def test_a_store_with_keyed_record_tables_is_migrated(small_store):
    """Stores written before the record tables lost their PRIMARY KEY get them recreated, rows unchanged."""
    con = duckdb.connect(str(small_store))
    try:
        before = con.execute("SELECT * FROM anak ORDER BY anak_id").df()
        ddl = store.SCHEMA.read_text(encoding="utf-8")
        old = ddl[ddl.index("CREATE TABLE IF NOT EXISTS anak"):]
        old = old[:old.index(");") + 2].replace("anak_id              BIGINT NOT NULL", "anak_id BIGINT PRIMARY KEY")
        con.execute("DROP TABLE anak")
        con.execute(old)
        con.register("_before", before)
        con.execute("INSERT INTO anak SELECT * FROM _before")
        assert con.execute("SELECT count(*) FROM duckdb_constraints() WHERE table_name = 'anak' "
                           "AND constraint_type = 'PRIMARY KEY'").fetchone()[0] == 1
    finally:
        con.close()
    with store.writing(small_store):
        pass
    con = duckdb.connect(str(small_store), read_only=True)
    try:
        keys = con.execute("SELECT table_name FROM duckdb_constraints() WHERE constraint_type = 'PRIMARY KEY' "
                           "AND list_contains(['keluarga', 'anak', 'penanganan'], table_name)").fetchall()
        assert keys == []
        after = con.execute("SELECT * FROM anak ORDER BY anak_id").df()
    finally:
        con.close()
    assert after.equals(before)


def test_agg_check_catches_a_stale_aggregate(small_store):
    con = duckdb.connect(str(small_store))
    try:
        con.execute("UPDATE agg_ats_kel SET n_ats = n_ats + 1 WHERE rowid = 0")
        assert "agg_ats_matches_anak" in store.check(con)
    finally:
        con.close()


def test_exception_inside_a_write_leaves_store_unchanged(small_store):
    before = sha(small_store)
    with pytest.raises(RuntimeError, match="boom"):
        with store.writing(small_store) as con:
            con.execute("DELETE FROM anak")
            raise RuntimeError("boom")
    assert sha(small_store) == before


def test_readers_keep_reading_during_a_write(small_store):
    reader = store.connect_read(small_store)
    try:
        with store.writing(small_store) as con:
            con.execute("DELETE FROM penanganan WHERE tahap = 'verifikasi'")
            assert reader.execute("SELECT count(*) FROM anak").fetchone()[0] > 0
    finally:
        reader.close()
    con = store.connect_read(small_store)
    try:
        assert con.execute("SELECT count(*) FROM penanganan WHERE tahap = 'verifikasi'").fetchone()[0] == 0
    finally:
        con.close()


def test_missing_store_says_what_to_do(tmp_path):
    with pytest.raises(store.StoreMissing, match="python -m data demo"):
        store.connect_read(tmp_path / "nothing.duckdb")


def test_wilayah_reference_levels():
    w = reference.load_wilayah().set_index("kode")
    assert w.loc["73.73", "jenis"] == "kota" and w.loc["73.08", "jenis"] == "kabupaten"
    assert w.loc["73.73.01.1001", "jenis"] == "kelurahan" and w.loc["73.73.01.1001", "kode_induk"] == "73.73.01"
    assert w.loc["73.08", "nama"] == "Kabupaten Bone"


def test_a_store_of_an_older_build_is_upgraded_keeping_its_records(small_store, monkeypatch):
    """A store written by another version of the code (other build steps) is rebuilt on request: the derived
    tables come back as this version makes them, the records are untouched, and a current store is left alone."""
    assert store.is_current(small_store)
    con = duckdb.connect(str(small_store))
    try:  # what an older version left: no stamp, an aggregate without the school counts, no handling macro
        con.execute("DELETE FROM meta WHERE key = 'build_id'")
        con.execute("ALTER TABLE agg_ats_kel DROP COLUMN n_sekolah")
        con.execute("DROP MACRO TABLE handling_cases")
        records = con.execute("SELECT count(*), sum(umur) FROM anak").fetchone()
    finally:
        con.close()
    assert not store.is_current(small_store)
    assert store.upgrade(small_store) is True
    con = duckdb.connect(str(small_store), read_only=True)
    try:
        assert con.execute("SELECT count(*), sum(umur) FROM anak").fetchone() == records
        assert con.execute("SELECT sum(n_sekolah) FROM agg_ats_kel").fetchone()[0] > 0
        assert con.execute("SELECT count(*) FROM handling_cases('73', NULL, NULL, NULL, NULL)").fetchone()[0] > 0
    finally:
        con.close()
    assert store.is_current(small_store)
    before = sha(small_store)
    assert store.upgrade(small_store) is False
    assert sha(small_store) == before


def test_a_write_refuses_to_swap_over_a_store_replaced_meanwhile(small_store, tmp_path):
    """Checked again at the swap: a writer that skipped the lock and replaced the live file is not overwritten."""
    import os
    import shutil

    other = tmp_path / "other.duckdb"
    shutil.copy(small_store, other)
    with duckdb.connect(str(other)) as con:
        con.execute("INSERT OR REPLACE INTO meta VALUES ('marker', 'the other writer')")
    before = sha(other)
    with pytest.raises(store.BuildError, match="changed by another writer"):
        with store.writing(small_store) as con:
            con.execute("INSERT OR REPLACE INTO meta VALUES ('marker', 'this write')")
            os.replace(other, small_store)
    assert sha(small_store) == before
    assert not list(tmp_path.glob("small.duckdb.tmp-*"))


def test_writer_lock_is_reentrant_within_a_thread(small_store):
    with store.writer_lock(small_store):
        with store.writing(small_store) as con:  # takes the same lock again: no deadlock
            con.execute("INSERT OR REPLACE INTO meta VALUES ('marker', 'x')")
    with duckdb.connect(str(small_store), read_only=True) as con:
        assert con.execute("SELECT value FROM meta WHERE key = 'marker'").fetchone() == ("x",)


def _tag(path) -> str:
    seen = path.stat()
    return f"{seen.st_mtime_ns}-{seen.st_size}"


def _links_name_their_version(folder) -> bool:
    """Every reader link is named by the version (mtime_ns-size) of the file it links."""
    return all(link.name.removesuffix(".duckdb") == _tag(link) for link in folder.iterdir())


def test_a_reader_link_is_never_made_to_a_version_other_than_its_name(small_store):
    """A server saw the store (its version's tag), then an import swapped the file, then the server made the read
    link: the old version's link pointed at the new file. It is refused (StoreChanged), nothing is left behind."""
    seen = _tag(small_store)
    with store.writing(small_store) as con:
        con.execute("DELETE FROM penanganan WHERE tahap = 'verifikasi'")
    assert _tag(small_store) != seen
    with pytest.raises(store.StoreChanged):
        store.reader_link(small_store, seen)
    folder = small_store.parent / f".{small_store.name}.readers"
    assert list(folder.iterdir()) == []
    link = store.reader_link(small_store, _tag(small_store))
    assert link.stat().st_ino == small_store.stat().st_ino and _links_name_their_version(folder)


def test_a_read_racing_an_import_is_cached_under_the_version_it_read(small_store, monkeypatch):
    """data.api looks at the store (its key), then opens the version's reader: an import swapping the file in
    between (forced here, a real write at the moment of the link) made the read take the new data under the old
    version's cache key. It now reads again under the new key."""
    import streamlit as st

    from data import api

    monkeypatch.setenv("ATS_STORE", str(small_store))
    st.cache_data.clear()
    st.cache_resource.clear()
    real_link, swapped = store.reader_link, []

    def link_after_an_import(path, tag):
        if not swapped:
            with store.writing(small_store) as con:
                con.execute("DELETE FROM penanganan WHERE tahap = 'verifikasi'")
            swapped.append(tag)
        return real_link(path, tag)

    def version() -> str:
        con = store.connect_read(small_store)
        try:
            return con.execute("SELECT value FROM meta WHERE key = 'store_version'").fetchone()[0]
        finally:
            con.close()

    old = version()
    monkeypatch.setattr(store, "reader_link", link_after_an_import)
    try:
        info = api.store_info()
        assert swapped and swapped[0] != _tag(small_store)  # the import came between the look and the link
        assert info.version == version() != old  # the new version's, read under the new version's key
        assert _links_name_their_version(small_store.parent / f".{small_store.name}.readers")
    finally:
        st.cache_data.clear()
        st.cache_resource.clear()
