"""Trend queries (views/tren.py): every figure equals an independent pandas recomputation from the fixture
records; the latest round agrees with ats_by_wilayah; single rounds, zero children, filters selecting nobody and
not-surveyed units give nulls, never misleading zeros; the reference tables load and are labelled."""

import duckdb
import numpy as np
import pandas as pd
import pytest

from data import queries, reference, store
from data.config import ROOT
from tests.conftest import build_fixture_store, needs_shared, read_fixture
from tests.conftest import fixture_children as kids
from tests.conftest import run_query as run

pytestmark = needs_shared
WIDTH = {"prov": 2, "kab": 5, "kec": 8, "kel": 13}


def under(codes: pd.Series, kode: str) -> pd.Series:
    return (codes == kode) | codes.str.startswith(kode + ".")


def expected_trend(level: str, kode_induk: str, **filters) -> pd.DataFrame:
    """ats_trend_by_round, the long way: per unit and round from the raw children and households."""
    w = WIDTH[level]
    kel = read_fixture("keluarga")
    kel = kel[under(kel.kode_kel, kode_induk)].assign(kode=lambda d: d.kode_kel.str[:w])
    cover = kel.groupby(["kode", "survey_round"]).agg(
        n_kel_enumerated=("kode_kel", "nunique"), n_keluarga=("keluarga_id", "size"),
        kel_set=("kode_kel", lambda s: tuple(sorted(set(s)))),
    )
    a = kids(**filters)
    a = a[under(a.kode_kel, kode_induk)].assign(kode=lambda d: d.kode_kel.str[:w])
    counts = a.groupby(["kode", "survey_round"]).agg(
        n_anak=("anak_id", "size"), n_ats=("is_ats", "sum"),
        n_do=("kategori_ats", lambda s: (s == "DO").sum()), n_ltm=("kategori_ats", lambda s: (s == "LTM").sum()),
        n_bpb=("kategori_ats", lambda s: (s == "BPB").sum()),
    )
    s = cover.join(counts).fillna({"n_anak": 0, "n_ats": 0, "n_do": 0, "n_ltm": 0, "n_bpb": 0}).reset_index()
    s["ats_pct"] = (100 * s.n_ats / s.n_anak).where(s.n_anak > 0).round(2)
    s = s.sort_values(["kode", "survey_round"])
    g = s.groupby("kode")
    s["prev_survey_round"] = g.survey_round.shift()
    s["prev_ats_pct"] = g.ats_pct.shift()
    s["d_n_ats"] = s.n_ats - g.n_ats.shift()
    s["d_ats_pct"] = (s.ats_pct - s.prev_ats_pct).round(2)
    s["is_coverage_break"] = [None if pd.isna(p) else a != b for p, a, b in zip(s.prev_survey_round, s.kel_set, g.kel_set.shift())]
    # every unit ever enumerated x every round held in the area; not-surveyed rounds stay null
    wil = reference.load_wilayah()
    units = sorted(wil.loc[(wil.level == level) & under(wil.kode, kode_induk) & wil.kode.isin(s.kode), "kode"])
    grid = pd.MultiIndex.from_product([units, sorted(kel.survey_round.unique())], names=["kode", "survey_round"])
    out = s.set_index(["kode", "survey_round"]).reindex(grid)
    out["is_surveyed"] = out.n_kel_enumerated.notna()
    return out


CASES = [
    ("kel", "73.73", {}),
    ("kec", "73.73", {"sex": "P"}),
    ("kab", "73", {"kategori_ats": "LTM"}),
    ("kab", "73.73", {}),
    ("kel", "73.73.02", {"age_group": "16-18"}),
    ("kec", "73", {"has_disability": False}),
]


@pytest.mark.parametrize("level,kode_induk,filters", CASES)
def test_ats_trend_by_round_equals_pandas(fixture_store, level, kode_induk, filters):
    got = run(fixture_store, "ats_trend_by_round", level=level, kode_induk=kode_induk, **filters)
    want = expected_trend(level, kode_induk, **filters)
    got = got.astype({"survey_round": "int64"}).set_index(["kode", "survey_round"])
    assert list(got.index) == list(want.index)
    assert list(got.is_surveyed) == list(want.is_surveyed)
    for column in ("n_anak", "n_ats", "n_do", "n_ltm", "n_bpb", "ats_pct", "prev_survey_round", "prev_ats_pct",
                   "d_n_ats", "d_ats_pct", "n_kel_enumerated", "n_keluarga"):
        pd.testing.assert_series_equal(got[column].astype("Float64"), want[column].astype("Float64"),
                                       check_names=False, check_index_type=False, obj=column)
    assert [None if pd.isna(v) else bool(v) for v in got.is_coverage_break] == \
        [None if pd.isna(v) else bool(v) for v in want.is_coverage_break]


@pytest.mark.parametrize("level,kode_induk,filters", [("kel", "73.73", {}), ("kec", "73.73", {"sex": "L"}),
                                                      ("kab", "73", {"kategori_ats": "DO", "age_group": "13-15"})])
def test_latest_round_agrees_with_ats_by_wilayah(fixture_store, level, kode_induk, filters):
    trend = run(fixture_store, "ats_trend_by_round", level=level, kode_induk=kode_induk, **filters)
    for kode, rows in trend[trend.is_surveyed].groupby("kode"):
        latest = rows[rows.survey_round == rows.survey_round.max()].iloc[0]
        parent = kode[: WIDTH[{"kel": "kec", "kec": "kab", "kab": "prov"}[level]]]
        # ats_by_wilayah of the unit's own latest round
        one = run(fixture_store, "ats_by_wilayah", level=level, kode_induk=parent, survey_round=int(latest.survey_round),
                  **filters).set_index("kode").loc[kode]
        for column in ("n_anak", "n_ats", "n_do", "n_ltm", "n_bpb", "ats_pct"):
            assert float(latest[column]) == pytest.approx(float(one[column]), nan_ok=True), (kode, column)
    # and the store-wide latest round equals ats_by_wilayah's default
    default = run(fixture_store, "ats_by_wilayah", level=level, kode_induk=kode_induk, **filters).set_index("kode")
    last = trend[trend.survey_round == default.survey_round.iloc[0]].set_index("kode")
    common = last.index.intersection(default.index)
    assert len(common) > 0
    pd.testing.assert_series_equal(last.loc[common, "ats_pct"].astype("Float64"),
                                   default.loc[common, "ats_pct"].astype("Float64"), check_names=False)
    pd.testing.assert_series_equal(last.loc[common, "n_anak"].astype("Float64"),
                                   default.loc[common, "n_anak"].astype("Float64"), check_names=False)


def test_single_round_wilayah_has_no_change(fixture_store):
    """Bone (73.08) was enumerated once (2023): one surveyed round, no previous round, no change, no break."""
    df = run(fixture_store, "ats_trend_by_round", level="kab", kode_induk="73.08")
    assert list(df.survey_round) == [2023] and df.is_surveyed.all()
    row = df.iloc[0]
    assert row.n_anak == 3 and row.n_ats == 1
    assert pd.isna(row.prev_survey_round) and pd.isna(row.d_ats_pct) and pd.isna(row.is_coverage_break)


def test_kelurahan_with_zero_children_is_null_not_zero(fixture_store):
    """73.08.01.2003 was enumerated but has no child 7-18: n_anak 0, the rate null (no misleading 0)."""
    df = run(fixture_store, "ats_trend_by_round", level="kel", kode_induk="73.08.01").set_index("kode")
    assert df.loc["73.08.01.2003", "is_surveyed"] and df.loc["73.08.01.2003", "n_anak"] == 0
    assert pd.isna(df.loc["73.08.01.2003", "ats_pct"])
    aps = run(fixture_store, "aps_by_round", kode="73.08.01.2003")
    assert (aps.n_anak == 0).all() and aps.aps.isna().all() and aps.ats_rate.isna().all()


def test_filters_that_select_nothing_give_null_rates(fixture_store):
    df = run(fixture_store, "ats_trend_by_round", level="kab", kode_induk="73.73", has_disability=True, age_group="16-18",
             sex="L")
    assert df.is_surveyed.all() and (df.n_anak == 0).all() and df.ats_pct.isna().all() and df.d_ats_pct.isna().all()


def test_not_surveyed_round_is_null_and_coverage_break_marked(fixture_store):
    df = run(fixture_store, "ats_trend_by_round", level="kel", kode_induk="73.73.02").set_index(["kode", "survey_round"])
    assert not df.loc[("73.73.02.1002", 2024), "is_surveyed"] and pd.isna(df.loc[("73.73.02.1002", 2024), "n_anak"])
    kec = run(fixture_store, "ats_trend_by_round", level="kec", kode_induk="73.73.02").set_index("survey_round")
    assert kec.loc[2025, "is_coverage_break"] and kec.loc[2024, "n_kel_enumerated"] == 1
    assert kec.loc[2025, "n_kel_enumerated"] == 2
    whole = run(fixture_store, "ats_trend_by_round", level="kab", kode_induk="73.73").set_index("survey_round")
    assert whole.loc[2025, "is_coverage_break"]  # Palopo's enumerated kelurahan changed too


def test_no_rows_when_never_enumerated(fixture_store):
    assert run(fixture_store, "ats_trend_by_round", level="kab", kode_induk="73.05").empty
    assert run(fixture_store, "ats_trend_by_group", kode="73.05", by="sex").empty
    assert run(fixture_store, "aps_by_round", kode="73.05").empty


@pytest.mark.parametrize("by", ["kategori_ats", "sex", "age_group", "has_disability"])
@pytest.mark.parametrize("kode,filters", [("73.73", {}), ("73.73.01", {"sex": "P"}), ("73", {"kategori_ats": "BPB"})])
def test_ats_trend_by_group_equals_pandas(fixture_store, by, kode, filters):
    got = run(fixture_store, "ats_trend_by_group", kode=kode, by=by, **filters)
    a = kids(**filters)
    a = a[under(a.kode_kel, kode)]
    rounds = sorted(read_fixture("keluarga").pipe(lambda k: k[under(k.kode_kel, kode)]).survey_round.unique())
    rows = []
    for r in rounds:
        ar = a[a.survey_round == r]
        if by == "kategori_ats":  # completed 12 years (TAMAT12) beside the categories, never among them
            groups = [filters["kategori_ats"]] if filters.get("kategori_ats") else ["DO", "LTM", "BPB", "TAMAT12"]
            rows += [(r, g, len(ar), int(ar.is_tamat12.sum() if g == "TAMAT12" else (ar.kategori_ats == g).sum()))
                     for g in groups]
        else:
            col = {"sex": ar.sex, "age_group": pd.cut(ar.umur, [6, 12, 15, 18], labels=["7-12", "13-15", "16-18"]).astype(str),
                   "has_disability": ar.has_disability.map({True: "ya", False: "tidak"})}[by]
            groups = {"sex": ["L", "P"], "age_group": ["7-12", "13-15", "16-18"], "has_disability": ["ya", "tidak"]}[by]
            rows += [(r, g, int((col == g).sum()), int(ar.is_ats[col == g].sum())) for g in groups]
    want = pd.DataFrame(rows, columns=["survey_round", "grp", "n_anak", "n_ats"])
    want["ats_pct"] = (100 * want.n_ats / want.n_anak).where(want.n_anak > 0).round(2)
    assert list(zip(got.survey_round, got.grp)) == list(zip(want.survey_round, want.grp))
    assert list(got.is_ats) == [g != "TAMAT12" for g in want.grp]
    for column in ("n_anak", "n_ats", "ats_pct"):
        pd.testing.assert_series_equal(got[column].astype("Float64"), want[column].astype("Float64"), check_names=False)


def test_trend_by_group_refuses_an_unknown_breakdown(fixture_store):
    with pytest.raises(queries.QueryError, match="parameter by of query trend/ats_trend_by_group must be one of "
                                                  "kategori_ats, sex, age_group, has_disability, got 'planet'"):
        run(fixture_store, "ats_trend_by_group", kode="73.73", by="planet")


@pytest.mark.parametrize("kode,filters", [("73.73", {}), ("73.73.01", {"sex": "L"}), ("73", {"has_disability": False})])
def test_aps_by_round_equals_bps_formula_in_pandas(fixture_store, kode, filters):
    got = run(fixture_store, "aps_by_round", kode=kode, **filters).set_index(["survey_round", "age_group"])
    a = kids(**filters)
    a = a[under(a.kode_kel, kode)]
    for (r, g), row in got.iterrows():
        lo, hi = (7, 18) if g == "7-18" else map(int, g.split("-"))
        part = a[(a.survey_round == r) & a.umur.between(lo, hi)]
        in_school = part.partisipasi.isin(["formal", "nonformal"]).sum()  # BPS counts Paket A/B/C as in school
        assert row.n_anak == len(part) and row.n_sekolah == in_school
        assert row.n_nonformal == (part.partisipasi == "nonformal").sum()
        assert row.n_ats == part.is_ats.sum() and row.n_tamat12 == part.is_tamat12.sum()
        if len(part):
            assert row.aps == pytest.approx(round(100 * in_school / len(part), 2))
            assert row.ats_rate == pytest.approx(round(100 - row.aps, 2))
            assert row.ats_pct == pytest.approx(round(100 * part.is_ats.sum() / len(part), 2))
            assert row.tamat12_pct == pytest.approx(round(100 * part.is_tamat12.sum() / len(part), 2))
            # not attending = ATS + completed 12 years: every out-of-school child 7-18 is one or the other
            assert row.ats_rate == pytest.approx(row.ats_pct + row.tamat12_pct, abs=0.011)
        else:
            assert pd.isna(row.aps) and pd.isna(row.ats_rate) and pd.isna(row.ats_pct) and pd.isna(row.tamat12_pct)
    # the 7-18 ATS rate of the maps and trends (DO, LTM, BPB) is aps_by_round's ats_pct; 100 - APS is larger by the
    # children who completed 12 years (the fixture's 17-year-old of 73.73.02.1002 in 2025), never smaller
    trend = run(fixture_store, "ats_trend_by_round", level="kab", kode_induk="73.73").set_index("survey_round")
    whole = run(fixture_store, "aps_by_round", kode="73.73").query("age_group == '7-18'").set_index("survey_round")
    pd.testing.assert_series_equal(whole.ats_pct.astype(float), trend.ats_pct.astype(float), check_names=False)
    assert whole.loc[2025, "n_tamat12"] == 1 and whole.loc[2025, "ats_rate"] > whole.loc[2025, "ats_pct"]
    assert whole.loc[2024, "n_tamat12"] == 0 and whole.loc[2024, "ats_rate"] == pytest.approx(whole.loc[2024, "ats_pct"])


def test_targets_against_the_census_rate(fixture_store):
    targets = reference.load_target_ats()
    got = run(fixture_store, "ats_target_by_round", kode="73.73.01")
    want = targets[targets.kode_kab == "73.73"].reset_index(drop=True)
    assert list(got.year) == list(want.year) and list(got.target_ats_pct) == list(want.target_ats_pct)
    a = kids()
    for row in got.itertuples():
        part = a[(a.survey_round == row.year) & a.kode_kel.str.startswith("73.73.")]
        if row.year in (2024, 2025):
            rate = round(100 * part.is_ats.sum() / len(part), 2)
            assert row.ats_pct == pytest.approx(rate)
            assert row.status == ("on_track" if rate <= row.target_ats_pct else "off_track")
            assert row.gap_pct == pytest.approx(round(rate - row.target_ats_pct, 2))
        else:  # no round that year: no status, never "off track" by default
            assert pd.isna(row.survey_round) and pd.isna(row.status) and pd.isna(row.ats_pct)
    assert run(fixture_store, "ats_target_by_round", kode="63.10").empty
    province = run(fixture_store, "ats_target_by_round", kode="73")
    assert set(province.kode_kab) == set(targets.kode_kab[targets.kode_kab.str.startswith("73.")])


def test_reference_tables_are_labelled():
    targets = reference.load_target_ats()
    assert targets.source_note.str.contains("ILUSTRATIF").all()  # invented values say so
    assert targets.set_index(["kode_kab", "year"]).index.is_unique
    ref = reference.load_ats_reference()
    bps = ref[(ref.area == "Indonesia") & (ref.year == 2024)].set_index("age_group").ats_rate
    assert bps.to_dict() == {"7-12": 0.67, "13-15": 6.37, "16-18": 19.2}  # DOMAIN.md 2.6, BPS Statistik Pendidikan 2024
    assert ref.source_system.str.contains("Susenas").all() and ref.source_note.str.contains("survei").all()


def test_reference_query_reads_the_file(fixture_store):
    got = run(fixture_store, "ats_reference_by_year")
    assert len(got) == len(reference.load_ats_reference())
    assert np.allclose(got.aps, 100 - got.ats_rate)


def test_aggregate_check_catches_a_stale_school_count(tmp_path):
    path = build_fixture_store(tmp_path / "small.duckdb", with_boundaries=False)
    con = duckdb.connect(str(path))
    try:
        assert "agg_ats_matches_anak" not in store.check(con)
        con.execute("UPDATE agg_ats_kel SET n_sekolah = n_sekolah + 1 WHERE rowid = 0")
        assert "agg_ats_matches_anak" in store.check(con)
    finally:
        con.close()


def test_trend_queries_are_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text()
    for name in ("ats_trend_by_round", "ats_trend_by_group", "aps_by_round", "ats_target_by_round", "ats_reference_by_year"):
        assert name in readme, name
        assert queries.read_query(name).header.count("Used by: views/tren.py") == 1
