"""Small-cell protection against a reader who knows the marks (issue 19.1; docs/protection.md, Tests):
"< k" says a count is 1 to k-1 and "×" that it is not (0, or k and more); with linear bounds or in whole children
(scipy.optimize.milp) no count marked "< k" is pinned to one value; where no cell of a table is left to hide, its
total goes in the table above. On the fixture store and a Palopo demo store (tests/conftest.py)."""

import pandas as pd
import pytest

from tests.conftest import run_query
from tests.protection_helpers import attack, attack_integers, demo_maps, map_equations, marked_small, pinned_small


# --- the attacker who knows the marks --------------------------------------------------------------------------------
# Since a complementary cell reads "×" / "disembunyikan" and a small one "< k" (docs/protection.md, 5), a
# reader knows which hidden counts are from 1 to k-1. What the rule must still guarantee against that reader, with
# the map's margins: no count marked "< k" is pinned to one value (its interval, within 1..k-1, holds more than one
# whole number), so no small count becomes exact, through its own margins or through a complementary cell bounded
# by others. The interval narrower than k of test_protection_maps.py cannot be asked for here: "< k" itself says
# 1..k-1.
# The rule asks for one more complementary cell when a group's hidden cells leave a small one a single whole value
# (queries/build/008_macro_protect_pass.sql): (1) hidden cells all marked "< k" summing to (their number) x (k-1),
# or to their number; (2) with whole numbers and "× is 0 or k and more", a small cell beside complementary ones (one
# "< k" and one "×" summing to k+1: 1 and k); (3) a cell that two sums pin together and neither alone, a cross-sum
# (queries/build/008_macro_protect_cross_pass.sql: one of its sums hides one more cell); (4) a sum whose cells are
# all hidden and small, with nothing published in it to hide (4 + 4 of a published 8): its total goes in the table
# one level up (queries/build/016_macro_ats_linked_totals.sql). Before those fixes each was a strict xfail here.


@pytest.mark.parametrize("parent, parent_level, level", [
    ("73.73", "kab", "kec"), ("73.73.01", "kec", "kel"), ("73.73.02", "kec", "kel"), ("73", "prov", "kab"),
])
@pytest.mark.parametrize("filters", [{}, {"sex": "P"}, {"age_group": "13-15"}, {"survey_round": 2025}])
def test_knowing_the_marks_pins_no_small_cell_of_a_fixture_map(fixture_store, parent, parent_level, level, filters):
    # gap (4) before the fix: Palopo's kecamatan 73.73.01 and .02 have 4 + 4 children 13-15, the whole map
    grand = parent.rsplit(".", 1)[0] if "." in parent else None
    above = run_query(fixture_store, "ats_by_wilayah", role="viewer", level=parent_level, kode_induk=grand, **filters)
    units = run_query(fixture_store, "ats_by_wilayah", role="viewer", level=level, kode_induk=parent, **filters)
    cells, equations = map_equations(units, above.set_index("kode").loc[parent])
    small = marked_small(units)
    assert not pinned_small(attack(cells, equations, small), small), (parent, filters)
    assert not pinned_small(attack_integers(cells, equations, small), small), (parent, filters)


@pytest.mark.parametrize("filters", [
    {}, {"has_disability": False}, {"sex": "P"},
    # gap (1) before the fix: the girls 16-18 of desa 73.73.09.1001 and .1003 (n_ats 4 and 4, the kecamatan's only
    # hidden n_ats); 13-15 in desa 73.73.04.1004 and 73.73.05.1006: DO 4 and LTM 4 of a published n_ats of 8
    {"sex": "P", "age_group": "16-18"}, {"age_group": "13-15"}, {"sex": "L"},
    # a cross-sum before protect_cross_pass: in kecamatan 73.73.06 desa 1001's DO count "< 5" is at least 10 - 4 - 4
    # (its published ATS count of 10, its LTM and BPB "< 5"), and at most 5 - 1 - 1 - 1 (the DO column, a published 5
    # over four "< 5" and a "×"): 2, and the others follow (6 cells pinned, 8 in whole numbers)
    {"has_disability": True},
])
def test_knowing_the_marks_pins_no_small_cell_of_a_demo_map(palopo_demo, filters):
    """Linear bounds: a count marked "< k" is from 1 to k-1, every other hidden count at least 0."""
    pinned, n_small = {}, 0
    for units, parent in demo_maps(palopo_demo, filters):
        small = marked_small(units)
        n_small += len(small)
        pinned |= pinned_small(attack(*map_equations(units, parent), small), small)
    assert n_small  # the attack had small cells to solve for
    assert not pinned, (filters, pinned)


@pytest.mark.parametrize("filters", [
    {}, {"has_disability": False},
    {"sex": "P", "age_group": "16-18"},
    {"age_group": "13-15"},
    # gap (2) before the fix: the girls of desa 73.73.05.1003, n_ats 3 and DO, LTM, BPB 1 each, once its "×"
    # neighbours are 0 or >= 5
    {"sex": "P"}, {"sex": "L"}, {"has_disability": True},
])
def test_knowing_the_marks_and_the_rule_pins_no_small_cell_of_a_demo_map(palopo_demo, filters):
    """Whole numbers, and what the rule implies: a count hidden and not marked "< k" is 0 or k and more."""
    pinned = {}
    for units, parent in demo_maps(palopo_demo, filters):
        small = marked_small(units)
        pinned |= pinned_small(attack_integers(*map_equations(units, parent), small), small)
    assert not pinned, (filters, pinned)


def test_a_total_its_units_map_cannot_protect_is_hidden_in_every_table_above(fixture_store):
    """Gap (4): the fixture's Palopo has 4 + 4 children 13-15 in its two kecamatan, both "< 5": with Palopo's 8
    published they are 4 each, and its kecamatan map has nothing else to hide. So Palopo's count is hidden ("×") in
    the map of the province's kab/kota, and, Palopo being the only kab/kota of the province with children 13-15, the
    province's count in the map of the provinces; the trend of Palopo and of the province hide them too. An analyst
    sees 8."""
    args = {"age_group": "13-15", "survey_round": 2025}
    kecs = run_query(fixture_store, "ats_by_wilayah", role="viewer", level="kec", kode_induk="73.73", **args)
    assert kecs.loc[kecs["is_surveyed"], "n_anak_small"].tolist() == [True, True]
    for level, kode_induk, kode in (("kab", "73", "73.73"), ("prov", None, "73")):
        viewer = run_query(fixture_store, "ats_by_wilayah", role="viewer", level=level, kode_induk=kode_induk, **args)
        analyst = run_query(fixture_store, "ats_by_wilayah", role="analyst", level=level, kode_induk=kode_induk, **args)
        row, raw = viewer.set_index("kode").loc[kode], analyst.set_index("kode").loc[kode]
        assert row["n_anak_hidden"] and not row["n_anak_small"] and pd.isna(row["n_anak"]), (level, kode)
        assert raw["n_anak"] == 8 and not raw["n_anak_hidden"]
        trend = run_query(fixture_store, "ats_trend_by_round", role="viewer", level=level, kode_induk=kode,
                          age_group="13-15").set_index("survey_round").loc[2025]
        assert trend["n_anak_hidden"] and pd.isna(trend["n_anak"]), (level, kode)
