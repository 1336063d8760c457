"""Key numbers of the read queries equal an independent pandas recomputation from the fixture rows."""

import pandas as pd
import pytest

from data import reference
from tests.conftest import fixture_children, needs_shared, read_fixture
from tests.conftest import run_query as run

pytestmark = needs_shared


def expected_by_unit(level: str, kode_induk: str, survey_round: int, **filters) -> pd.DataFrame:
    """Recompute ats_by_wilayah from the raw fixture children, the long way."""
    kids = fixture_children(**filters)
    kids = kids[(kids.survey_round == survey_round) & kids.kode_kel.str.startswith(kode_induk + ".")].copy()
    width = {"kab": 5, "kec": 8, "kel": 13}[level]
    kids["kode"] = kids.kode_kel.str[:width]
    got = kids.groupby("kode").agg(
        n_anak=("anak_id", "size"),
        n_ats=("is_ats", "sum"),
        n_do=("kategori_ats", lambda s: (s == "DO").sum()),
        n_ltm=("kategori_ats", lambda s: (s == "LTM").sum()),
        n_bpb=("kategori_ats", lambda s: (s == "BPB").sum()),
        n_tamat12=("is_tamat12", "sum"),  # completed 12 years: beside the ATS counts, never in n_ats
    )
    # units enumerated in the round but with nobody selected count 0; units not enumerated stay missing
    keluarga = read_fixture("keluarga")
    enumerated = keluarga.loc[(keluarga.survey_round == survey_round) & keluarga.kode_kel.str.startswith(kode_induk + "."), "kode_kel"]
    enumerated_units = set(enumerated.str[:width])
    wilayah = reference.load_wilayah()
    units = wilayah[(wilayah.level == level) & wilayah.kode.str.startswith(kode_induk + ".")].set_index("kode")
    out = units[[]].join(got)
    surveyed = out.index.isin(list(enumerated_units))
    out.loc[surveyed] = out.loc[surveyed].fillna(0)
    out["ats_pct"] = (100 * out.n_ats / out.n_anak).where(out.n_anak > 0).round(2)
    return out


CASES = [
    ("kel", "73.73", 2025, {}),
    ("kel", "73.73", 2024, {}),
    ("kec", "73.73", 2025, {"sex": "L"}),
    ("kel", "73.73.01", 2025, {"age_group": "16-18"}),
    ("kab", "73", 2025, {"kategori_ats": "LTM"}),
    ("kel", "73.73", 2025, {"has_disability": True}),
]


@pytest.mark.parametrize("level,kode_induk,survey_round,filters", CASES)
def test_ats_by_wilayah_equals_pandas(fixture_store, level, kode_induk, survey_round, filters):
    got = run(fixture_store, "ats_by_wilayah", level=level, kode_induk=kode_induk, survey_round=survey_round, **filters)
    want = expected_by_unit(level, kode_induk, survey_round, **filters)
    got = got.set_index("kode")
    assert list(got.index) == list(want.index)
    for column in ("n_anak", "n_ats", "n_do", "n_ltm", "n_bpb", "ats_pct", "n_tamat12"):
        pd.testing.assert_series_equal(
            got[column].astype("Float64"), want[column].astype("Float64"), check_names=False, obj=column
        )
    assert want["n_anak"].notna().sum() > 0, "a case must cover surveyed units"


def test_latest_round_is_the_default(fixture_store):
    latest = run(fixture_store, "ats_by_wilayah", level="kel", kode_induk="73.73")
    explicit = run(fixture_store, "ats_by_wilayah", level="kel", kode_induk="73.73", survey_round=2025)
    assert (latest["survey_round"] == 2025).all()
    pd.testing.assert_frame_equal(latest, explicit)


def test_not_surveyed_is_not_zero(fixture_store):
    """73.73.02.1002 was not enumerated in 2024: it must show as missing, never as 0 children."""
    df = run(fixture_store, "ats_by_wilayah", level="kel", kode_induk="73.73.02", survey_round=2024).set_index("kode")
    assert not df.loc["73.73.02.1002", "is_surveyed"]
    assert pd.isna(df.loc["73.73.02.1002", "n_anak"])
    assert df.loc["73.73.02.1003", "is_surveyed"] and df.loc["73.73.02.1003", "n_anak"] > 0


def test_survey_rounds_coverage(fixture_store):
    rounds = run(fixture_store, "survey_rounds", kode_induk="73.73").set_index("survey_round")
    keluarga = read_fixture("keluarga")
    anak = read_fixture("anak")
    n_kel_palopo = (reference.load_wilayah().query("level == 'kel'").kode.str.startswith("73.73.")).sum()
    for r in (2024, 2025):
        assert rounds.loc[r, "n_keluarga"] == (keluarga.survey_round == r).sum()
        assert rounds.loc[r, "n_anak_0_18"] == (anak.survey_round == r).sum()
        assert rounds.loc[r, "n_kel_enumerated"] == keluarga.loc[keluarga.survey_round == r, "kode_kel"].nunique()
        assert rounds.loc[r, "n_kel_total"] == n_kel_palopo
    assert rounds.loc[2024, "n_kel_enumerated"] == 3 and rounds.loc[2025, "n_kel_enumerated"] == 4


def test_wilayah_by_induk_flags_data(fixture_store):
    kecs = run(fixture_store, "wilayah_by_induk", kode_induk="73.73").set_index("kode")
    assert kecs.loc["73.73.01", "has_data"] and kecs.loc["73.73.02", "has_data"]
    assert not kecs.loc["73.73.03", "has_data"]
    assert kecs["has_boundary"].all()
