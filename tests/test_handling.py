"""Handling queries (views/penanganan.py): every figure equals an independent pandas recomputation from the
fixture handling events and children; funnel steps never increase; a round with no handling data and filters
that select nobody give no rows (an empty state), never a funnel of zeros."""

import duckdb
import pandas as pd
import pytest

from data import store
from tests.conftest import FIXTURES, build_fixture_store, needs_shared, read_fixture
from tests.conftest import run_query as run

pytestmark = needs_shared
STEPS = ["identifikasi", "verifikasi", "terkonfirmasi", "asesmen", "rujukan", "intervensi", "kembali_sekolah"]
FINAL = {"kembali_formal", "kembali_nonformal", "menolak", "tidak_memungkinkan"}


LATER = ["verifikasi", "asesmen", "rujukan", "intervensi", "hasil"]  # the handling steps after identification, in order


def children() -> pd.DataFrame:
    """One row per child identified in a round, its furthest step and outcome, computed the long way.

    The counting rule (DOMAIN.md 7.3): a recorded later step implies the earlier ones, dated or not (a child
    recorded back in school was verified, confirmed, assessed, referred and intervened), except that a
    verification saying "bukan_ats" stands: that child is verified, not confirmed, and nothing after it counts."""
    events = read_fixture("penanganan")
    anak = read_fixture("anak").set_index("anak_id")
    rounds = pd.read_csv(FIXTURES / "survey_round.csv", dtype={"kode_kab": str})
    rows = []
    for (anak_id, survey_round), g in events.groupby(["anak_id", "survey_round"]):
        tahap = set(g.tahap)
        if "identifikasi" not in tahap:
            continue
        ver = g[g.tahap == "verifikasi"].sort_values("tanggal")
        bukan = len(ver) > 0 and ver.status_verifikasi.iloc[-1] == "bukan_ats"
        recorded = [step in tahap for step in LATER]
        # a step is reached when it or any step after it is recorded
        reached = {step: any(recorded[i:]) for i, step in enumerate(LATER)}
        verified = reached["verifikasi"]
        confirmed = verified and not bukan
        assessed = confirmed and reached["asesmen"]
        referred = confirmed and reached["rujukan"]
        intervened = confirmed and reached["intervensi"]
        res = g[g.tahap == "hasil"].sort_values("tanggal")
        hasil = res.hasil.iloc[-1] if intervened and len(res) else None
        returned = hasil in ("kembali_formal", "kembali_nonformal")
        identified_on = g.loc[g.tahap == "identifikasi", "tanggal"].min()
        child = anak.loc[anak_id]
        kab = child.kode_kel[:5]
        later_rounds = sorted(rounds.survey_round[(rounds.kode_kab == kab) & (rounds.survey_round > survey_round)])
        retained = None
        if returned and later_rounds:
            every = read_fixture("anak")
            again = every[(every.survey_round == later_rounds[0]) & (every.nik_hash == child.nik_hash)]
            if len(again):  # in school then, or completed grade 12 (stayed to the end of 12 years' schooling)
                later = again.iloc[0]
                completed = later.partisipasi == "tidak_sekolah" and pd.isna(later.kategori_ats) and later.kelas_terakhir == 12
                retained = bool(later.partisipasi in ("formal", "nonformal") or completed)
        interventions = g.loc[g.tahap == "intervensi", "jenis_intervensi"]
        rows.append({
            "anak_id": anak_id, "survey_round": survey_round, "kode_kel": child.kode_kel, "sex": child.sex,
            "umur": child.umur, "has_disability": child.has_disability, "kategori_ats": child.kategori_ats,
            "alasan": child.alasan, "identified_on": identified_on,
            "identifikasi": True, "verifikasi": verified, "terkonfirmasi": confirmed, "asesmen": assessed,
            "rujukan": referred, "intervensi": intervened, "kembali_sekolah": returned, "bukan_ats": bukan,
            "alasan_bukan_ats": ver.alasan_bukan_ats.iloc[-1] if bukan else None,
            "jenis_intervensi": (interventions.iloc[-1] if len(interventions) else "tidak_diketahui") if intervened else None,
            "hasil": hasil,
            "days": (res.tanggal.iloc[-1] - identified_on).days if returned else None,
            "open": not bukan and hasil not in FINAL,
            "retained": retained,
            # counted at a step without a record of its own (the funnel's n_no_date; confirmation is the
            # verification's status)
            **{f"no_date_{step}": counted and own not in tahap for step, own, counted in
               (("verifikasi", "verifikasi", verified), ("terkonfirmasi", "verifikasi", confirmed),
                ("asesmen", "asesmen", assessed), ("rujukan", "rujukan", referred),
                ("intervensi", "intervensi", intervened))},
        })
    return pd.DataFrame(rows)


def select(df, kode, survey_round=None, sex=None, age_group=None, has_disability=None, kategori_ats=None):
    out = df[(df.kode_kel == kode) | df.kode_kel.str.startswith(kode + ".")]
    if survey_round is not None:
        out = out[out.survey_round == survey_round]
    if sex:
        out = out[out.sex == sex]
    if age_group:
        lo, hi = map(int, age_group.split("-"))
        out = out[out.umur.between(lo, hi)]
    if has_disability is not None:
        out = out[out.has_disability == has_disability]
    if kategori_ats:
        out = out[out.kategori_ats == kategori_ats]
    return out


CASES = [
    ("73.73", 2024, {}),
    ("73.73", 2025, {}),
    ("73.73.01", 2024, {}),
    ("73.73", 2024, {"sex": "P"}),
    ("73", 2024, {"age_group": "13-15"}),
    ("73.73.01.1001", 2024, {"kategori_ats": "BPB"}),
]


@pytest.mark.parametrize("kode,survey_round,filters", CASES)
def test_funnel_equals_pandas_and_never_increases(fixture_store, kode, survey_round, filters):
    got = run(fixture_store, "handling_funnel", kode=kode, survey_round=survey_round, **filters)
    want = select(children(), kode, survey_round, **filters)
    assert list(got.step) == STEPS and list(got.step_order) == list(range(1, 8))
    assert list(got.n) == [int(want[s].sum()) for s in STEPS]
    no_date = [int(want[f"no_date_{s}"].sum()) if f"no_date_{s}" in want else 0 for s in STEPS]
    assert list(got.n_no_date) == no_date
    assert got.n.is_monotonic_decreasing
    first = got.n.iloc[0]
    for i in range(1, 7):
        prev = got.n.iloc[i - 1]
        assert got.pct_prev.iloc[i] == (pytest.approx(round(100 * got.n.iloc[i] / prev, 2)) if prev else None)
        assert got.pct_identified.iloc[i] == pytest.approx(round(100 * got.n.iloc[i] / first, 2))
    assert (got.survey_round == survey_round).all()


def test_funnel_never_increases_anywhere(fixture_store):
    for kode in ("73", "73.73", "73.73.01", "73.73.02", "73.73.01.1001", "73.73.01.1002", "73.73.02.1003"):
        for survey_round in (2024, 2025):
            for filters in ({}, {"sex": "L"}, {"kategori_ats": "DO"}, {"has_disability": True}):
                n = run(fixture_store, "handling_funnel", kode=kode, survey_round=survey_round, **filters).n
                assert n.is_monotonic_decreasing, (kode, survey_round, filters, list(n))


def test_a_recorded_later_step_implies_the_earlier_ones(fixture_store):
    """The fixture's field-file cases in Palopo 2024: child 20 has an intervention and a return but no assessment or
    referral date, child 23 only a return (no intervention recorded), child 82 was verified not ATS and yet has an
    intervention and a return; in 2025 child 81 has an assessment but no verification."""
    funnel = run(fixture_store, "handling_funnel", kode="73.73.01.1002", survey_round=2024).set_index("step")
    # 20, 23 and 55 (2025) aside: identified 20, 23, 82; verified all three; confirmed 20, 23 (82 is not ATS)
    assert funnel.n.to_dict() == {"identifikasi": 3, "verifikasi": 3, "terkonfirmasi": 2, "asesmen": 2, "rujukan": 2,
                                  "intervensi": 2, "kembali_sekolah": 2}
    assert funnel.n_no_date.to_dict() == {"identifikasi": 0, "verifikasi": 0, "terkonfirmasi": 0, "asesmen": 2,
                                          "rujukan": 2, "intervensi": 1, "kembali_sekolah": 0}
    summary = run(fixture_store, "handling_summary_by_round", kode="73.73.01.1002").set_index("survey_round")
    assert summary.loc[2024, "n_returned"] == 2 and summary.loc[2024, "return_pct"] == 100
    assert summary.loc[2024, "n_returned_formal"] == 1 and summary.loc[2024, "n_returned_nonformal"] == 1
    assert summary.loc[2024, "median_days_to_return"] == 195  # 189 days (child 23) and 201 (child 20)
    assert summary.loc[2024, "n_open"] == 0  # both returned; child 82 is closed as not ATS
    pathways = run(fixture_store, "handling_pathway_by_intervention", kode="73.73.01.1002", survey_round=2024)
    assert pathways.set_index("jenis_intervensi")[["n_intervened", "n_returned"]].to_dict("index") == {
        "paket_c": {"n_intervened": 1, "n_returned": 1}, "tidak_diketahui": {"n_intervened": 1, "n_returned": 1}}
    outcomes = run(fixture_store, "handling_outcome_by_type", kode="73.73.01.1002", survey_round=2024)
    pindah = outcomes[(outcomes.outcome_type == "bukan_ats") & (outcomes.outcome == "pindah")].iloc[0]
    assert pindah.n == 1 and pindah.n_base == 3  # child 82 stays "not ATS: moved", its later steps not counted
    funnel = run(fixture_store, "handling_funnel", kode="73.73.02.1002", survey_round=2025).set_index("step")
    assert funnel.loc["verifikasi", "n"] == 2 and funnel.loc["verifikasi", "n_no_date"] == 1  # child 81
    assert funnel.loc["asesmen", "n"] == 1 and funnel.loc["asesmen", "n_no_date"] == 0


def test_funnel_latest_round_is_the_default(fixture_store):
    pd.testing.assert_frame_equal(run(fixture_store, "handling_funnel", kode="73.73"),
                                  run(fixture_store, "handling_funnel", kode="73.73", survey_round=2025))


def test_round_with_no_handling_data_has_no_rows(fixture_store):
    """Bone (73.08) was enumerated in 2023 with an out-of-school child, but no handling was recorded."""
    for name in ("handling_funnel", "handling_pathway_by_intervention", "handling_reason_by_kategori",
                 "handling_worklist_by_kel", "handling_outcome_by_type"):
        assert run(fixture_store, name, kode="73.08").empty, name
    assert run(fixture_store, "handling_summary_by_round", kode="73.08").empty
    assert run(fixture_store, "handling_reason_by_wilayah", level="kec", kode_induk="73.08").empty


def test_filters_that_select_nobody_have_no_rows(fixture_store):
    assert run(fixture_store, "handling_funnel", kode="73.73", survey_round=2024, kategori_ats="BPB", age_group="7-12").empty
    assert run(fixture_store, "handling_summary_by_round", kode="73.73", has_disability=True, age_group="16-18",
                   sex="L").empty


@pytest.mark.parametrize("kode,survey_round", [("73.73", 2024), ("73.73", 2025), ("73.73.01", 2024)])
def test_outcomes_equal_pandas(fixture_store, kode, survey_round):
    got = run(fixture_store, "handling_outcome_by_type", kode=kode, survey_round=survey_round)
    want = select(children(), kode, survey_round)
    bukan = got[got.outcome_type == "bukan_ats"].set_index("outcome")
    if want.verifikasi.sum():
        assert list(bukan.index) == ["pindah", "lewat_usia", "duplikat", "masih_sekolah", "meninggal"]
        for reason, row in bukan.iterrows():
            n = int((want.alasan_bukan_ats == reason).sum())
            assert row.n == n and row.n_base == want.verifikasi.sum()
            assert row.pct == pytest.approx(round(100 * n / want.verifikasi.sum(), 2))
    hasil = got[got.outcome_type == "hasil"].set_index("outcome")
    intervened = want[want.intervensi]
    if len(intervened):
        counts = intervened.hasil.fillna("belum_ada_hasil").value_counts()
        for outcome, row in hasil.iterrows():
            assert row.n == counts.get(outcome, 0) and row.n_base == len(intervened)
        assert hasil.n.sum() == len(intervened)
    else:
        assert hasil.empty


def test_pathways_equal_pandas(fixture_store):
    got = run(fixture_store, "handling_pathway_by_intervention", kode="73.73", survey_round=2024).set_index("jenis_intervensi")
    want = select(children(), "73.73", 2024)
    want = want[want.intervensi]
    assert set(got.index) == set(want.jenis_intervensi)
    for jenis, part in want.groupby("jenis_intervensi"):
        row = got.loc[jenis]
        assert row.n_intervened == len(part) and row.n_returned == part.kembali_sekolah.sum()
        assert row.n_returned_formal == (part.hasil == "kembali_formal").sum()
        assert row.n_returned_nonformal == (part.hasil == "kembali_nonformal").sum()
        days = part.days.dropna()
        assert row.median_days_to_return == (pytest.approx(days.median()) if len(days) else None) or \
            (pd.isna(row.median_days_to_return) and days.empty)
    # the fixture story: child 8 back to formal school after 180 days, child 5 to Paket B after 200
    assert got.loc["formal", "median_days_to_return"] == 180 and got.loc["paket_b", "median_days_to_return"] == 200


def test_summary_by_round_equals_pandas(fixture_store):
    got = run(fixture_store, "handling_summary_by_round", kode="73.73").set_index("survey_round")
    every = select(children(), "73.73")
    assert list(got.index) == sorted(every.survey_round.unique())
    for r, want in every.groupby("survey_round"):
        row = got.loc[r]
        assert row.n_identified == len(want) and row.n_confirmed == want.terkonfirmasi.sum()
        assert row.n_intervened == want.intervensi.sum() and row.n_returned == want.kembali_sekolah.sum()
        assert row.return_pct == pytest.approx(round(100 * want.kembali_sekolah.sum() / want.terkonfirmasi.sum(), 2))
        assert row.median_days_to_return == pytest.approx(want.days.dropna().median())
        assert row.n_open == want.open.sum()
        known = want.retained.dropna()
        assert row.n_retention_base == len(known) and row.n_retained == int(known.sum())
    # child 8 (returned in 2024) is found in school in 2025: retained; child 5 is not found again: left out.
    assert got.loc[2024, "n_retention_base"] == 1 and got.loc[2024, "retention_pct"] == 100
    # 2025 has no next round yet: no retention, not a misleading 0
    assert got.loc[2025, "n_retention_base"] == 0 and pd.isna(got.loc[2025, "retention_pct"])


@pytest.mark.parametrize("kategori, kelas, retained", [(None, 12, 1), ("DO", 10, 0)])
def test_a_returned_child_who_then_completes_grade_12_is_retained(tmp_path, kategori, kelas, retained):
    """Child 8, back in school in 2024, is found in 2025 out of school: having completed grade 12 (no ATS category,
    grade 12 last attended) it stayed to the end of 12 years' schooling and counts as retained; dropped out again
    (DO), it does not."""
    from data import reference

    anak = read_fixture("anak")
    again = (anak.survey_round == 2025) & (anak.nik_hash == "nik00008")
    assert again.sum() == 1
    anak.loc[again, ["partisipasi", "jenjang", "kelas", "kategori_ats", "jenjang_terakhir", "kelas_terakhir", "umur"]] = [
        "tidak_sekolah", None, None, kategori, "SMA", kelas, 18]
    path = tmp_path / "tamat12.duckdb"
    with store.writing(path, fresh=True, meta={"is_demo": False, "sumber": "tests/fixtures"}) as con:
        store.replace_wilayah(con, reference.load_wilayah())
        for table in ("survey_round", "keluarga", "penanganan"):
            store.insert_frame(con, table, read_fixture(table))
        store.insert_frame(con, "anak", anak)
    got = run(path, "handling_summary_by_round", kode="73.73").set_index("survey_round")
    assert got.loc[2024, "n_retention_base"] == 1 and got.loc[2024, "n_retained"] == retained


def test_reasons_by_kategori_equal_pandas(fixture_store):
    got = run(fixture_store, "handling_reason_by_kategori", kode="73.73", survey_round=2024)
    want = select(children(), "73.73", 2024)
    want = want[want.terkonfirmasi]
    expected = want.groupby(["alasan", "kategori_ats"]).agg(n=("anak_id", "size"), back=("kembali_sekolah", "sum"))
    got = got.set_index(["alasan", "kategori_ats"]).sort_index()
    assert list(got.index) == list(expected.sort_index().index)
    for key, row in got.iterrows():
        assert row.n_confirmed == expected.loc[key, "n"] and row.n_returned == expected.loc[key, "back"]
        assert row.return_pct == pytest.approx(round(100 * expected.loc[key, "back"] / expected.loc[key, "n"], 2))


def test_reasons_by_wilayah_equal_pandas(fixture_store):
    got = run(fixture_store, "handling_reason_by_wilayah", level="kel", kode_induk="73.73", survey_round=2024)
    want = select(children(), "73.73", 2024)
    want = want[want.terkonfirmasi]
    reasons = set(want.alasan)
    assert set(got.kode) == set(want.kode_kel) and set(got.alasan) == reasons
    for kode, part in got.groupby("kode"):
        mine = want[want.kode_kel == kode]
        assert len(part) == len(reasons) and (part.n_unit == len(mine)).all()
        for row in part.itertuples():
            n = int((mine.alasan == row.alasan).sum())
            assert row.n_confirmed == n and row.share_pct == pytest.approx(round(100 * n / len(mine), 2))


def test_worklist_equals_pandas(fixture_store):
    got = run(fixture_store, "handling_worklist_by_kel", kode="73.73", survey_round=2024)
    want = select(children(), "73.73", 2024)
    open_ = want[want.open].groupby("kode_kel").agg(n=("anak_id", "size"), oldest=("identified_on", "min"))
    open_ = open_.sort_values(["n", "oldest"], ascending=[False, True])
    assert list(got.kode) == list(open_.index)
    as_of = read_fixture("penanganan").tanggal.max()
    for row in got.itertuples():
        assert row.n_open == open_.loc[row.kode, "n"] and row.oldest_open_date == open_.loc[row.kode, "oldest"]
        assert row.days_open == (as_of - open_.loc[row.kode, "oldest"]).days and row.as_of == as_of
    assert "nama" in got.columns and not {"anak_id", "nik_hash"} & set(got.columns)  # counts only, no names or ids
    assert len(run(fixture_store, "handling_worklist_by_kel", kode="73.73", survey_round=2024, max_rows=1)) == 1


def test_handling_aggregate_check_catches_a_stale_aggregate(tmp_path):
    path = build_fixture_store(tmp_path / "small.duckdb", with_boundaries=False)
    con = duckdb.connect(str(path))
    try:
        assert "agg_penanganan_matches_events" not in store.check(con)
        con.execute("UPDATE agg_penanganan_kel SET n_anak = n_anak + 1 WHERE rowid = 0")
        assert "agg_penanganan_matches_events" in store.check(con)
    finally:
        con.close()
