"""Small-cell protection of the census counts outside the map (issue 19, p-census; docs/protection.md):
the survey rounds of a parent and of its units, the KLA scorecards with the map's rows, and the targets give no
hidden count away to an attacker with linear bounds; an analyst sees the raw numbers."""

import pandas as pd
import pytest

from tests.conftest import run_query
from tests.protection_helpers import K, assert_nothing_recovered, attack


def _children_of(path, kode: str) -> list[str]:
    from data import store

    con = store.connect_read(path)
    try:
        return [r[0] for r in con.execute("SELECT kode FROM wilayah WHERE kode_induk = ? ORDER BY kode", [kode]).fetchall()]
    finally:
        con.close()


def _rounds_equations(path, parent: str, role: str = "viewer", primary_only: bool = False) -> tuple[dict, list]:
    """survey_rounds of a parent and of each of its units: in every round each count of the units adds up to the
    parent's (a unit not enumerated in a round has no row there: it counts 0, as everyone can tell)."""
    top = run_query(path, "survey_rounds", role=role, kode_induk=parent).set_index("survey_round")
    cells, equations = {}, []
    units = {kode: run_query(path, "survey_rounds", role=role, kode_induk=kode) for kode in _children_of(path, parent)}
    for round_, total in top.iterrows():
        for column in ("n_keluarga", "n_anak_0_18"):
            members = []
            for kode, rows in units.items():
                row = rows[rows["survey_round"] == round_]
                if row.empty:
                    continue
                value = row[column].iloc[0]
                small = primary_only and 1 <= value < K
                cells[(round_, kode, column)] = None if pd.isna(value) or small else int(value)
                members.append(((round_, kode, column), 1))
            if pd.notna(total[column]):
                equations.append((members, total[column]))
    return cells, equations


def test_the_coverage_of_a_parent_and_of_its_units_gives_no_hidden_cell_away(fixture_store):
    """survey_rounds answers for any area, so an attacker asks for a parent and for each of its units and subtracts:
    the complementary unit hidden with a small one keeps both unknown."""
    n_hidden = 0
    for parent in ("73", "73.73", "73.73.01", "73.73.02", "73.08"):
        bounds = attack(*_rounds_equations(fixture_store, parent))
        n_hidden += len(bounds)
        assert_nothing_recovered(bounds, parent)
    assert n_hidden  # the attack had something to solve for
    # and it is not blind: with the small counts alone hidden, the parent's total gives one away
    bounds = attack(*_rounds_equations(fixture_store, "73.73", role="analyst", primary_only=True))
    assert any(high - low < K for low, high in bounds.values())


@pytest.mark.parametrize("store_name, parent, level", [
    ("fixture_store", "73.73.01", "kel"), ("fixture_store", "73", "kab"), ("palopo_demo", "73.73.06", "kel"),
    ("palopo_demo", "73.73", "kec"),
])
def test_the_trends_hide_the_household_counts_the_survey_rounds_hide(request, store_name, parent, level):
    """ats_trend_by_round publishes each unit's households per round, which survey_rounds publishes for the unit:
    both hide the same counts (small ones "< k", complementary ones with the neutral mark), so putting them side by
    side, or the trend of a parent beside its units', tells nothing more."""
    path = request.getfixturevalue(store_name)
    trend = run_query(path, "ats_trend_by_round", role="viewer", level=level, kode_induk=parent)
    trend = trend[trend["is_surveyed"]]
    analyst = run_query(path, "ats_trend_by_round", role="analyst", level=level, kode_induk=parent)
    assert (trend["n_keluarga_hidden"] == trend["n_keluarga"].isna()).all()
    compared = 0
    for kode, rows in trend.groupby("kode"):
        rounds = run_query(path, "survey_rounds", role="viewer", kode_induk=kode).set_index("survey_round")
        for row in rows.itertuples():
            shown = rounds.loc[row.survey_round]
            assert (row.n_keluarga_hidden, row.n_keluarga_small) == (shown["n_keluarga_hidden"],
                                                                     shown["n_keluarga_small"]), (kode, row.survey_round)
            if not row.n_keluarga_hidden:
                assert row.n_keluarga == shown["n_keluarga"]
            compared += 1
    assert compared
    if store_name == "fixture_store" and level == "kel":  # desa 1001's 4 households: "< 5" for a viewer
        assert trend["n_keluarga_small"].any()
        assert not analyst["n_keluarga_hidden"].any() and analyst["n_keluarga"].notna().any()


# census measures of the KLA scorecard: numerator and denominator cells (s in school or PAUD, a all children, by age)
KLA_CELLS = {"IV.2a": ("s_7_12", "a_7_12"), "IV.2b": ("s_13_15", "a_13_15"), "IV.2c": ("s_16_18", "a_16_18"),
             "IV.2": ("s_7_18", "a_7_18"), "IV.2d": ("ats", "a_7_18"), "IV.1a": ("s_3_6", "a_3_6"),
             "IV.1b": ("s_5_6", "a_5_6")}
# counts an attacker works out from the published ones, each a difference (t not in school; 3-4 = 3-6 minus 5-6)
KLA_DERIVED = {
    "t_7_12": ("a_7_12", "s_7_12"), "t_13_15": ("a_13_15", "s_13_15"), "t_16_18": ("a_16_18", "s_16_18"),
    "t_7_18": ("a_7_18", "s_7_18"), "tamat12": ("t_7_18", "ats"), "t_3_6": ("a_3_6", "s_3_6"), "t_5_6": ("a_5_6", "s_5_6"),
    "a_3_4": ("a_3_6", "a_5_6"), "s_3_4": ("s_3_6", "s_5_6"), "t_3_4": ("t_3_6", "t_5_6"),
}
KLA_EQUATIONS = [  # (cells adding up, their total)
    (["s_7_12", "t_7_12"], "a_7_12"), (["s_13_15", "t_13_15"], "a_13_15"), (["s_16_18", "t_16_18"], "a_16_18"),
    (["s_7_18", "t_7_18"], "a_7_18"), (["s_7_12", "s_13_15", "s_16_18"], "s_7_18"),
    (["t_7_12", "t_13_15", "t_16_18"], "t_7_18"), (["a_7_12", "a_13_15", "a_16_18"], "a_7_18"),
    (["ats", "tamat12"], "t_7_18"), (["s_3_4", "t_3_4"], "a_3_4"), (["s_5_6", "t_5_6"], "a_5_6"),
    (["s_3_6", "t_3_6"], "a_3_6"), (["s_3_4", "s_5_6"], "s_3_6"), (["t_3_4", "t_5_6"], "t_3_6"),
    (["a_3_4", "a_5_6"], "a_3_6"),
]


def _kla_cells(card: pd.DataFrame) -> dict:
    """The census cells of one kab/kota's scorecard as published (None = hidden); a measure with no value counts 0."""
    cells = {}
    for row in card[card["sumber"] == "sensus"].itertuples():
        if row.kode not in KLA_CELLS:
            continue
        for cell, column in zip(KLA_CELLS[row.kode], ("pembilang", "penyebut")):
            value = getattr(row, column)
            cells[cell] = None if getattr(row, f"{column}_hidden") else (0 if pd.isna(value) else int(value))
    return cells


@pytest.mark.parametrize("store_name", ["fixture_store", "palopo_demo"])
def test_the_kla_census_counts_with_their_margins_give_no_hidden_cell_away(request, store_name):
    """Each kab/kota's census counts form two tables with margins (status x age 7-18, status x age 3-6); the
    children and ATS children 7-18 of the kab/kota add up to the province's, and the map publishes both for each
    kab/kota. The attacker takes every scorecard of a year with the map's rows (province and kab/kota) and solves for
    every hidden or derived count: none that is hidden (but those the map shows), nor any derived one that is really
    from 1 to k-1, is pinned to an interval narrower than k."""
    path = request.getfixturevalue(store_name)
    years = run_query(path, "kla_indicators_by_tahun", role="viewer", kode_prov="73")["tahun"].unique()
    n_unknown = 0
    for year in years:
        viewer = run_query(path, "kla_indicators_by_kab", role="viewer", tahun=int(year), kode_prov="73")
        analyst = run_query(path, "kla_indicators_by_kab", role="analyst", tahun=int(year), kode_prov="73")
        province = run_query(path, "ats_by_wilayah", role="viewer", level="prov", survey_round=int(year))
        province = province.set_index("kode").loc["73"]
        cells, truth, equations = {}, {}, []
        for kab, card in viewer.groupby("kode_kab"):
            published = _kla_cells(card)
            raw = _kla_cells(analyst[analyst["kode_kab"] == kab])
            if not raw:
                continue
            for cell in KLA_DERIVED:
                raw[cell] = raw[KLA_DERIVED[cell][0]] - raw[KLA_DERIVED[cell][1]]
                published[cell] = None  # never published itself
            cells.update({(kab, c): v for c, v in published.items()})
            truth.update({(kab, c): v for c, v in raw.items()})
            equations += [([((kab, p), 1) for p in parts] + [((kab, total), -1)], 0) for parts, total in KLA_EQUATIONS]
        kabs = run_query(path, "ats_by_wilayah", role="viewer", level="kab", kode_induk="73", survey_round=int(year))
        kabs, known = kabs.set_index("kode"), set()
        for column, cell in (("n_anak", "a_7_18"), ("n_ats", "ats")):
            if pd.notna(province[column]):
                equations.append(([(key, 1) for key in cells if key[1] == cell], province[column]))
            for kab in {key[0] for key in cells}:  # the map publishes them too: the attacker knows what it shows
                if pd.notna(kabs.loc[kab, column]):
                    equations.append(([((kab, cell), 1)], kabs.loc[kab, column]))
                    known.add((kab, cell))
        bounds = attack(cells, equations)
        # every hidden count but those the map shows, and every derived one that is small
        at_risk = {c: b for c, b in bounds.items() if c not in known and (c[1] not in KLA_DERIVED or 1 <= truth[c] < K)}
        n_unknown += len(at_risk)
        assert_nothing_recovered(at_risk, (store_name, year))
    if store_name == "fixture_store":
        assert n_unknown  # the attack had something to solve for


def test_the_target_counts_hide_what_the_map_of_the_province_hides(fixture_store, monkeypatch):
    """ats_target_by_round publishes each kab/kota's children and ATS children, which the map of the province's
    kab/kota publishes too: both hide the same cells, so putting the two side by side tells nothing more."""
    monkeypatch.setenv("ATS_MIN_CELL", "10")  # more to hide in the fixture's few children
    targets = run_query(fixture_store, "ats_target_by_round", role="viewer", kode="73")
    targets = targets[targets["survey_round"].notna()]
    assert targets["n_anak_hidden"].any() and not targets["n_anak_hidden"].all()
    for row in targets.itertuples():
        units = run_query(fixture_store, "ats_by_wilayah", role="viewer", level="kab", kode_induk="73",
                          survey_round=int(row.survey_round)).set_index("kode").loc[row.kode_kab]
        assert (row.n_anak_hidden, row.n_ats_hidden) == (units["n_anak_hidden"], units["n_ats_hidden"])
        assert (row.ats_pct_hidden, pd.isna(row.status)) == (units["ats_pct_hidden"], units["ats_pct_hidden"])


def test_an_analyst_sees_the_census_counts_a_viewer_does_not(fixture_store):
    """The fixture's Palopo has 3 children 16-18 in school in 2025, and desa 1001 4 households: "< 5" for a viewer,
    the numbers for an analyst; the ranking leaves Palopo's withheld ATS rate out for the viewer and says so."""
    args = {"tahun": 2025, "kode_kab": "73.73"}
    viewer = run_query(fixture_store, "kla_indicators_by_kab", role="viewer", **args).set_index("kode")
    analyst = run_query(fixture_store, "kla_indicators_by_kab", role="analyst", **args).set_index("kode")
    assert viewer.loc["IV.2c", "pembilang_hidden"] and pd.isna(viewer.loc["IV.2c", "pembilang"])
    assert viewer.loc["IV.2c", "nilai_hidden"] and pd.isna(viewer.loc["IV.2c", "status"])
    assert analyst.loc["IV.2c", "pembilang"] == 3 and analyst.loc["IV.2c", "nilai"] == 42.86
    assert viewer.loc["IV.2", "penyebut"] == analyst.loc["IV.2", "penyebut"] == 34  # large counts are as they are
    # APS 7-18 (27 of 34) with the ATS count the map shows (6) would give away the 1 child who completed 12 years
    assert viewer.loc["IV.2", "nilai_hidden"] and analyst.loc["IV.2", "nilai"] == 79.41
    rounds = {role: run_query(fixture_store, "survey_rounds", role=role, kode_induk="73.73.01.1001") for role in
              ("viewer", "analyst")}
    assert rounds["viewer"]["n_keluarga_hidden"].all() and rounds["viewer"]["n_keluarga"].isna().all()
    assert rounds["analyst"]["n_keluarga"].tolist() == [4, 4] and not rounds["analyst"]["n_keluarga_hidden"].any()
    ranking = {role: run_query(fixture_store, "kla_ranking_by_kab", role=role, kode="IV.2d", tahun=2025, kode_prov="73")
               for role in ("viewer", "analyst")}
    assert ranking["viewer"]["peringkat"].isna().all() and ranking["viewer"]["n_kab_ditahan"].tolist() == [1]
    assert ranking["viewer"]["nilai_provinsi"].isna().all()  # pooled over the kab/kota shown: none
    assert ranking["analyst"]["peringkat"].tolist() == [1] and ranking["analyst"]["n_kab_ditahan"].tolist() == [0]
