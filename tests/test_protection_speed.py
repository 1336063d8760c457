"""The small-cell protection the build precomputes (queries/build/065_agg_ats_protected.sql) publishes exactly what
the live macros publish: ats_by_wilayah read with the stored flags against the same query on a copy of the store
whose stored flags are gone (it then protects its cells itself, as with another ATS_MIN_CELL than the build's)."""

import itertools

import duckdb
import pytest

from data import queries, store

FILTERS = list(itertools.product([None, "L", "P"], [None, "7-12", "13-15", "16-18"], [None, True, False]))


def _read(con, role="viewer", **params):
    return queries.run(con, queries.read_query("ats_by_wilayah"), params, role=role).to_pylist()


@pytest.fixture(scope="module")
def live_store(fixture_store, tmp_path_factory):
    """A copy of the fixture store without the precomputed flags: ats_by_wilayah protects live there."""
    path = tmp_path_factory.mktemp("live") / "live.duckdb"
    path.write_bytes(fixture_store.read_bytes())
    with duckdb.connect(str(path)) as con:
        con.execute("DELETE FROM agg_ats_protected")
    return path


@pytest.fixture(scope="module")
def both(fixture_store, live_store):
    stored, live = store.connect_read(fixture_store), duckdb.connect(str(live_store), read_only=True)
    yield stored, live
    stored.close()
    live.close()


def test_the_build_stored_flags_for_every_combination_and_some_are_hidden(fixture_store):
    con = store.connect_read(fixture_store)
    try:
        rows = con.execute(
            "SELECT k, count(DISTINCT (sex, age_group, has_disability)), count(DISTINCT level), "
            "count(*) FILTER (WHERE n_all_hidden AND NOT n_all_small), count(*) FILTER (WHERE n_anak_small) "
            "FROM agg_ats_protected GROUP BY k"
        ).fetchall()
    finally:
        con.close()
    assert len(rows) == 1 and rows[0][:3] == (5, 36, 4), rows
    assert rows[0][3] > 0 and rows[0][4] > 0, rows  # complementary and small cells: the comparison below has teeth


@pytest.mark.parametrize("level,filters", [("kel", FILTERS), ("kec", FILTERS[::4]), ("kab", FILTERS[::4]),
                                           ("prov", FILTERS[::8])])
def test_stored_flags_equal_the_live_macros_for_every_filter(both, level, filters):
    """Every filter combination at desa level (where the small cells are), a sample at the levels above; every round
    unfiltered."""
    stored, live = both
    rounds = [r for (r,) in stored.execute("SELECT DISTINCT survey_round FROM agg_coverage_kel ORDER BY 1").fetchall()]
    cases = [dict(sex=s, age_group=a, has_disability=d) for s, a, d in filters]
    cases += [dict(survey_round=r) for r in rounds]
    for params in cases:
        assert _read(stored, level=level, **params) == _read(live, level=level, **params), params
    assert len(rounds) >= 2


@pytest.mark.parametrize("kode_induk,level,kategori_ats", [
    ("73", "kel", "DO"), ("73.08", "kel", "BPB"), ("73.73.01", "kel", None), ("73.73.02", "kel", "LTM"), ("73", "kec", "DO"),
])
def test_stored_flags_equal_the_live_macros_under_a_parent_and_a_category(both, kode_induk, level, kategori_ats):
    stored, live = both
    for sex, age_group, has_disability in FILTERS[::17]:
        params = dict(level=level, kode_induk=kode_induk, sex=sex, age_group=age_group, has_disability=has_disability,
                      kategori_ats=kategori_ats)
        assert _read(stored, **params) == _read(live, **params), params
        assert _read(stored, role="analyst", **params) == _read(live, role="analyst", **params), params


def test_another_k_than_the_builds_protects_live(both, monkeypatch):
    stored, live = both
    monkeypatch.setenv("ATS_MIN_CELL", "10")
    for params in (dict(level="kel"), dict(level="kel", kode_induk="73.08", sex="P"), dict(level="kec", age_group="7-12")):
        assert _read(stored, **params) == _read(live, **params), params
    rows = _read(stored, level="kel")
    assert any(r["n_ats_small"] for r in rows) and not any(1 <= (r["n_ats"] or 10) < 10 for r in rows)


def test_the_stored_flags_are_what_a_viewer_reads(store_copy):
    """Not a live result behind the stored one: flags changed in the store change what is published."""
    with duckdb.connect(str(store_copy)) as con:
        con.execute("UPDATE agg_ats_protected SET n_anak_hidden = true WHERE level = 'kab'")
    con = store.connect_read(store_copy)
    try:
        rows = _read(con, level="kab")
        assert rows and all(r["n_anak"] is None and r["n_anak_hidden"] for r in rows if r["is_surveyed"]), rows
        assert all(r["n_anak"] is not None for r in _read(con, role="analyst", level="kab") if r["is_surveyed"])
    finally:
        con.close()
