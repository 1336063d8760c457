"""Small-cell protection against an attacker with linear bounds (issue 19.1; docs/protection.md, Tests):
who takes a map with its parent's total, or a breakdown with its round totals, and solves for the hidden cells
(scipy.optimize.linprog) pins none of them to an interval narrower than k; and the rule does not hide a unit's ATS
count for its small categories alone. On the fixture store and a Palopo demo store (tests/conftest.py)."""

import pandas as pd
import pytest

from tests.conftest import run_query
from tests.protection_helpers import K, assert_nothing_recovered, attack, demo_maps, is_small, map_equations


@pytest.mark.parametrize("parent, parent_level, level", [
    ("73.73", "kab", "kec"), ("73.73.01", "kec", "kel"), ("73.73.02", "kec", "kel"), ("73", "prov", "kab"),
])
@pytest.mark.parametrize("filters", [{}, {"sex": "P"}, {"age_group": "13-15"}])
def test_the_map_with_its_parent_total_gives_no_hidden_cell_away(fixture_store, parent, parent_level, level, filters):
    grand = parent.rsplit(".", 1)[0] if "." in parent else None
    above = run_query(fixture_store, "ats_by_wilayah", role="viewer", level=parent_level, kode_induk=grand, **filters)
    units = run_query(fixture_store, "ats_by_wilayah", role="viewer", level=level, kode_induk=parent, **filters)
    cells, equations = map_equations(units, above.set_index("kode").loc[parent])
    bounds = attack(cells, equations)
    assert_nothing_recovered(bounds, (parent, filters))


@pytest.mark.parametrize("kode", ["73.73", "73.73.01", "73.73.02.1003", "73.08"])
@pytest.mark.parametrize("by", ["kategori_ats", "sex", "age_group", "has_disability"])
def test_a_breakdown_with_its_totals_gives_no_hidden_cell_away(fixture_store, kode, by):
    level = {0: "prov", 1: "kab", 2: "kec", 3: "kel"}[kode.count(".")]
    totals = run_query(fixture_store, "ats_trend_by_round", role="viewer", level=level, kode_induk=kode)
    groups = run_query(fixture_store, "ats_trend_by_group", role="viewer", kode=kode, by=by)
    cells, equations = {}, []
    columns = ("n_ats",) if by == "kategori_ats" else ("n_anak", "n_ats")
    for round_, part in groups.groupby("survey_round"):
        total = totals[totals["survey_round"] == round_].iloc[0]
        for column in columns:
            for row in part.itertuples():
                value = getattr(row, column)
                cells[(round_, row.grp, column)] = None if pd.isna(value) else int(value)
            if pd.notna(total[column]):
                equations.append(([((round_, g, column), 1) for g in part["grp"]], total[column]))
    assert_nothing_recovered(attack(cells, equations), (kode, by))


def test_the_attacker_recovers_cells_that_only_primary_suppression_hides(fixture_store):
    """The attacker above is not blind: with the small cells alone hidden (no secondary cells), it pins them down."""
    units = run_query(fixture_store, "ats_by_wilayah", role="analyst", level="kel", kode_induk="73.73.01")
    primary_only = units.copy()
    for column in ("n_anak", "n_ats", "n_do", "n_ltm", "n_bpb"):
        primary_only[column] = primary_only[column].where(~is_small(primary_only[column]))
    parent = run_query(fixture_store, "ats_by_wilayah", role="analyst", level="kec", kode_induk="73.73")
    cells, equations = map_equations(primary_only, parent.set_index("kode").loc["73.73.01"])
    bounds = attack(cells, equations)
    assert bounds and any(high - low < K for low, high in bounds.values())


@pytest.mark.parametrize("filters", [{}, {"sex": "P", "age_group": "16-18"}, {"has_disability": False}])
def test_no_map_of_a_demo_kab_gives_a_hidden_cell_away(palopo_demo, filters):
    tables = demo_maps(palopo_demo, filters)
    n_hidden = 0
    for units, parent in tables:
        bounds = attack(*map_equations(units, parent))
        n_hidden += len(bounds)
        assert_nothing_recovered(bounds, (parent.name, filters))
    assert n_hidden  # the attack had something to solve for


@pytest.mark.parametrize("filters", [{}, {"sex": "P"}, {"sex": "P", "age_group": "16-18"}, {"has_disability": False}])
def test_a_small_category_does_not_hide_its_units_ats_count(palopo_demo, filters):
    """Over-suppression (issue 19.1): a desa with 2 BPB girls keeps its published ATS count. Minimal secondary
    suppression hides a unit's n_ats when it is small itself, or as the complement of a small one among the desa of
    its kecamatan (the parent's total minus the others would give it away): at most one more per kecamatan with a
    hidden n_ats, so hidden <= small + those kecamatan. Hiding every part of a unit once one part is small broke
    that bound on every filter (Palopo, all children: 41 of 48 kelurahan hidden, 4 of them small)."""
    viewer = run_query(palopo_demo, "ats_by_wilayah", role="viewer", level="kel", kode_induk="73.73", **filters)
    analyst = run_query(palopo_demo, "ats_by_wilayah", role="analyst", level="kel", kode_induk="73.73", **filters)
    surveyed = viewer["is_surveyed"]
    hidden = viewer["n_ats_hidden"] & surveyed
    small = int(is_small(analyst["n_ats"]).sum())
    kecamatan = viewer.loc[hidden, "kode"].str.rsplit(".", n=1).str[0].nunique()
    assert int(hidden.sum()) <= small + kecamatan, (int(hidden.sum()), small, kecamatan)
    # and some desa with a hidden category keep their ATS count
    parts_hidden = viewer[["n_do_hidden", "n_ltm_hidden", "n_bpb_hidden"]].any(axis=1)
    assert (parts_hidden & ~viewer["n_ats_hidden"] & surveyed).any()
