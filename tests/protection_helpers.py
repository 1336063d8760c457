"""Shared by the small-cell protection tests (tests/test_protection*.py, docs/protection.md): the
protected read queries and their count columns, and the attackers: linear bounds on each hidden cell of a published
table with its margins (scipy.optimize.linprog), and the reader who knows the marks and counts in whole children
(scipy.optimize.milp)."""

import numpy as np
import pandas as pd
from scipy.optimize import Bounds, LinearConstraint, linprog, milp

from data import protection
from tests.conftest import run_query

K = protection.DEFAULT_MIN_CELL
# the protected read queries and their count columns (each with a <column>_hidden and a <column>_small flag)
COUNTS = {
    "ats_by_wilayah": ("n_anak", "n_ats", "n_do", "n_ltm", "n_bpb"),
    "ats_trend_by_round": ("n_anak", "n_ats", "n_do", "n_ltm", "n_bpb", "prev_n_ats", "d_n_ats", "n_keluarga"),
    "ats_trend_by_group": ("n_anak", "n_ats"),
    "aps_by_round": ("n_anak", "n_sekolah", "n_formal", "n_nonformal"),
    # census counts outside the map and trends (issue 19, p-census)
    "survey_rounds": ("n_keluarga", "n_anak_0_18"),
    "ats_target_by_round": ("n_anak", "n_ats"),
    "kla_indicators_by_kab": ("pembilang", "penyebut"),  # census rows; entered values are not census counts
    "kla_indicators_by_tahun": (),  # values only: each withheld one has nilai_hidden
    "kla_ranking_by_kab": ("pembilang", "penyebut"),
    "handling_funnel": ("n", "n_no_date"),
    "handling_summary_by_round": ("n_identified", "n_confirmed", "n_intervened", "n_returned", "n_returned_formal",
                                  "n_returned_nonformal", "n_open", "n_retention_base", "n_retained",
                                  "n_steps_after_bukan_ats"),
    "handling_outcome_by_type": ("n", "n_base"),
    "handling_pathway_by_intervention": ("n_intervened", "n_returned", "n_returned_formal", "n_returned_nonformal"),
    "handling_reason_by_kategori": ("n_confirmed", "n_intervened", "n_returned"),
    "handling_reason_by_wilayah": ("n_confirmed", "n_unit"),
    "handling_worklist_by_kel": ("n_identified", "n_open", "n_open_unverified", "n_open_intervened"),
}
# each protected query's rates and the count of children each rests on: withheld below the minimum denominator

# queries whose rows are ordered by a published count (hidden last): a viewer's rows come in another order than an
# analyst's, and a cut to max_rows may keep other rows; compared by these keys
ROW_KEYS = {"handling_pathway_by_intervention": ["jenis_intervensi"], "handling_worklist_by_kel": ["kode"]}


def aligned(name: str, viewer: pd.DataFrame, analyst: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The viewer's and the analyst's rows of the same units, in the same order (the rows both have)."""
    keys = ROW_KEYS.get(name)
    if not keys:
        return viewer, analyst
    both = viewer[keys].merge(analyst[keys], on=keys)
    v = both.merge(viewer, on=keys, how="left")
    a = both.merge(analyst, on=keys, how="left")
    return v, a


def is_small(series: pd.Series) -> pd.Series:
    values = pd.to_numeric(series, errors="coerce")
    return values.between(1, K - 1)


def _system(cells: dict, equations: list) -> tuple[list, list, list]:
    """The hidden cells and the equations between them: each equation a list of (cell, sign) whose signed sum is a
    published total (a cell's own published value moves to the right-hand side). cells: id -> value (None = hidden)."""
    hidden = [c for c, v in cells.items() if v is None]
    col = {c: i for i, c in enumerate(hidden)}
    a_eq, b_eq = [], []
    for members, total in equations:
        row, rhs = np.zeros(len(hidden)), float(total)
        for cell, sign in members:
            if cells[cell] is None:
                row[col[cell]] += sign
            else:
                rhs -= sign * cells[cell]
        if row.any():
            a_eq.append(row)
            b_eq.append(rhs)
    return hidden, a_eq, b_eq


def attack(cells: dict, equations: list, small: frozenset = frozenset()) -> dict:
    """The narrowest interval each hidden cell can be put in from the published cells and the equations between
    them (each a list of cell ids whose sum is a published total, or whose sum with the last one negated is 0),
    with every cell >= 0, and the cells in `small` (published as "< k") from 1 to k-1: linprog minimises and
    maximises each hidden cell. cells: id -> value (None = hidden)."""
    hidden, a_eq, b_eq = _system(cells, equations)
    limits = [(1, K - 1) if c in small else (0, None) for c in hidden]
    bounds = {}
    for i, c in enumerate(hidden):
        objective = np.zeros(len(hidden))
        objective[i] = 1
        low = linprog(objective, A_eq=a_eq or None, b_eq=b_eq or None, bounds=limits)
        high = linprog(-objective, A_eq=a_eq or None, b_eq=b_eq or None, bounds=limits)
        assert low.status == 0, low.message  # the published table is consistent
        bounds[c] = (low.fun, np.inf if high.status == 3 else -high.fun)
    return bounds


def attack_integers(cells: dict, equations: list, small: frozenset) -> dict:
    """The attacker of `attack` who knows the marks and the rule, and counts in whole children: a count marked
    "< k" is from 1 to k-1, and a count hidden with the neutral mark is not (the rule marks every count of 1 to k-1
    "< k"), so it is 0 or k and more. Mixed-integer programs (scipy.optimize.milp; a binary z per complementary cell:
    k z <= x <= BIG z) give the smallest and largest whole value of each hidden cell."""
    hidden, a_eq, b_eq = _system(cells, equations)
    n, other = len(hidden), [i for i, c in enumerate(hidden) if c not in small]
    big = 10 ** 6
    low = [1 if c in small else 0 for c in hidden] + [0] * len(other)
    high = [K - 1 if c in small else big for c in hidden] + [1] * len(other)
    constraints = []
    if a_eq:
        constraints.append(LinearConstraint(np.hstack([np.array(a_eq), np.zeros((len(a_eq), len(other)))]), b_eq, b_eq))
    if other:
        either = np.zeros((2 * len(other), n + len(other)))
        for j, i in enumerate(other):
            either[2 * j, [i, n + j]] = (1, -big)  # x - BIG z <= 0: z = 0 makes x = 0
            either[2 * j + 1, [i, n + j]] = (1, -K)  # x - k z >= 0: z = 1 makes x >= k
        constraints.append(LinearConstraint(either, np.tile([-np.inf, 0], len(other)), np.tile([0, np.inf], len(other))))
    bounds = {}
    for i, c in enumerate(hidden):
        objective = np.zeros(n + len(other))
        objective[i] = 1
        solved = [milp(sign * objective, constraints=constraints, integrality=np.ones(n + len(other)),
                       bounds=Bounds(low, high)) for sign in (1, -1)]
        assert all(r.status == 0 for r in solved), [r.message for r in solved]  # the published table is consistent
        bounds[c] = (round(solved[0].fun), round(-solved[1].fun))
    return bounds


def map_equations(units: pd.DataFrame, parent: pd.Series) -> tuple[dict, list]:
    """A map of the units under one parent, with the parent's own published row: each column adds up to the
    parent's, and in each unit n_do + n_ltm + n_bpb = n_ats."""
    cells, equations = {}, []
    units = units[units["is_surveyed"]]
    for column in ("n_anak", "n_ats", "n_do", "n_ltm", "n_bpb"):
        for row in units.itertuples():
            value = getattr(row, column)
            cells[(row.kode, column)] = None if pd.isna(value) else int(value)
        if pd.notna(parent[column]):
            equations.append(([((kode, column), 1) for kode in units["kode"]], parent[column]))
    for kode in units["kode"]:
        equations.append(([((kode, "n_do"), 1), ((kode, "n_ltm"), 1), ((kode, "n_bpb"), 1), ((kode, "n_ats"), -1)], 0))
    return cells, equations


def assert_nothing_recovered(bounds: dict, what) -> None:
    narrow = {c: b for c, b in bounds.items() if b[1] - b[0] < K}
    assert not narrow, (what, narrow)


MAP_COLUMNS = ("n_anak", "n_ats", "n_do", "n_ltm", "n_bpb")


def marked_small(units: pd.DataFrame) -> frozenset:
    """The cells of a map published "< k" (their <column>_small flag): what the marks tell every reader."""
    units = units[units["is_surveyed"]]
    return frozenset((row.kode, c) for row in units.itertuples() for c in MAP_COLUMNS if getattr(row, f"{c}_small"))


def pinned_small(bounds: dict, small: frozenset) -> dict:
    return {c: b for c, b in bounds.items() if c in small and b[1] - b[0] < 1 - 1e-6}


def demo_maps(store, filters) -> list:
    """Every map of the demo kab/kota: its kecamatan under the kab/kota's total, the desa of each kecamatan under
    the kecamatan's row."""
    kecs = run_query(store, "ats_by_wilayah", role="viewer", level="kec", kode_induk="73.73", **filters)
    kab = run_query(store, "ats_by_wilayah", role="viewer", level="kab", kode_induk="73", **filters)
    maps = [(kecs, kab.set_index("kode").loc["73.73"])]
    for kec in kecs["kode"]:
        units = run_query(store, "ats_by_wilayah", role="viewer", level="kel", kode_induk=kec, **filters)
        maps.append((units, kecs.set_index("kode").loc[kec]))
    return maps
