"""Small-cell protection of the Penanganan queries (issue 19; docs/protection.md, The Penanganan
queries): a round's funnel with its headline numbers and outcomes, and the reason x category table with its margins,
give no hidden count, nor a difference of 1..k-1 between two steps, away to an attacker with linear bounds; an
analyst sees the raw numbers, a viewer the marks; rates rest on enough children."""

import pandas as pd
import pytest

from data import protection
from tests.conftest import run_query
from tests.protection_helpers import COUNTS, K, aligned, attack, is_small
from ui import charts, fmt


STEPS = ("identifikasi", "verifikasi", "terkonfirmasi", "asesmen", "rujukan", "intervensi", "kembali_sekolah")


def _cell(cells: dict, key, value) -> None:
    cells[key] = None if value is None or pd.isna(value) else int(value)


def _round_equations(funnel: pd.DataFrame, summary: pd.Series, outcomes: pd.DataFrame) -> tuple[dict, list, set]:
    """The funnel of a round with the headline numbers and the outcomes the page shows beside it, as the attacker
    reads them: each step is the next step plus the children who stopped between them (an unknown >= 0: the
    nesting), a step's undated children are some of its children, the retained some of the retention base, some of
    the returned; the not-ATS reasons add up to verified - confirmed, the results to the intervened, the two returns
    to the returned, and every identified child is not ATS, returned, refused, not returnable or open. Returns the
    cells (None = hidden or never published), the equations and the ids of the implicit cells (differences)."""
    cells, equations, implicit = {}, [], set()
    step = dict(zip(funnel["step"], funnel["n"]))
    for s in STEPS:
        _cell(cells, s, step[s])
    for upper, lower in zip(STEPS, STEPS[1:] + ("floor",)):
        cells[("stop", upper)], cells["floor"] = None, 0
        implicit.add(("stop", upper))
        equations.append(([(upper, 1), (lower, -1), (("stop", upper), -1)], 0))
    for row in funnel.itertuples():
        if row.step in ("verifikasi", "asesmen", "rujukan", "intervensi"):
            _cell(cells, ("no_date", row.step), row.n_no_date)
            cells[("dated", row.step)] = None
            implicit.add(("dated", row.step))
            equations.append(([(row.step, 1), (("no_date", row.step), -1), (("dated", row.step), -1)], 0))
    for column in ("n_returned_formal", "n_returned_nonformal", "n_open", "n_retention_base", "n_retained"):
        _cell(cells, column, summary[column])
    equations.append(([("n_returned_formal", 1), ("n_returned_nonformal", 1), ("kembali_sekolah", -1)], 0))
    cells[("not_retained",)], cells[("not_based",)] = None, None
    implicit.update({("not_retained",), ("not_based",)})
    equations.append(([("n_retention_base", 1), ("n_retained", -1), (("not_retained",), -1)], 0))
    equations.append(([("kembali_sekolah", 1), ("n_retention_base", -1), (("not_based",), -1)], 0))
    for row in outcomes.itertuples():
        _cell(cells, (row.outcome_type, row.outcome), row.n)
    bukan = [((t, o), 1) for t, o in zip(outcomes["outcome_type"], outcomes["outcome"]) if t == "bukan_ats"]
    hasil = [((t, o), 1) for t, o in zip(outcomes["outcome_type"], outcomes["outcome"]) if t == "hasil"]
    if bukan:
        equations.append((bukan + [("verifikasi", -1), ("terkonfirmasi", 1)], 0))
    if hasil:
        equations.append((hasil + [("intervensi", -1)], 0))
        equations.append(([(("hasil", "kembali_formal"), 1), (("hasil", "kembali_nonformal"), 1), ("kembali_sekolah", -1)], 0))
        closed = [(("hasil", "menolak"), 1), (("hasil", "tidak_memungkinkan"), 1)]
    else:
        closed = []
    equations.append((closed + [("n_open", 1), ("kembali_sekolah", 1), ("verifikasi", 1), ("terkonfirmasi", -1),
                                ("identifikasi", -1)], 0))
    return cells, equations, implicit


def _assert_nothing_recovered_nor_small_by_difference(cells: dict, equations: list, implicit: set, what) -> int:
    """A hidden count, or a difference between two counts, bounded narrower than k fails, unless it is pinned to 0 (a
    zero names no child: zeros are published, README rule 2; a breakdown hidden whole hides its zeros too) or, for a
    difference, pinned to k or more."""
    bounds = attack(cells, equations)
    narrow = {c: b for c, b in bounds.items() if b[1] - b[0] < K and not (b[1] < 0.5)}
    narrow = {c: b for c, b in narrow.items() if not (c in implicit and b[1] - b[0] < 0.5 and b[0] >= K - 0.5)}
    assert not narrow, (what, narrow)
    return sum(1 for c in bounds if c not in implicit)


def _round_tables(path, role, kode, filters):
    funnel = run_query(path, "handling_funnel", role=role, kode=kode, **filters)
    if funnel.empty:
        return None
    round_ = int(funnel["survey_round"].iloc[0])
    summary = run_query(path, "handling_summary_by_round", role=role, kode=kode,
                        **{k: v for k, v in filters.items() if k != "survey_round"})
    summary = summary.set_index("survey_round").loc[round_]
    outcomes = run_query(path, "handling_outcome_by_type", role=role, kode=kode, **filters)
    return funnel, summary, outcomes


@pytest.mark.parametrize("filters", [{}, {"sex": "P"}, {"age_group": "13-15"}, {"kategori_ats": "DO"}])
def test_the_handling_funnel_with_its_headline_and_outcomes_gives_no_hidden_cell_away(palopo_demo, filters):
    """The attacker takes the funnel of a round, the headline numbers and the outcomes of the same view (kab/kota,
    each kecamatan, each desa of one kecamatan) and bounds each hidden count, and each difference between two steps,
    by linear programming: none narrower than k, and no difference of 1..k-1 is published."""
    kecs = run_query(palopo_demo, "ats_by_wilayah", role="viewer", level="kec", kode_induk="73.73")["kode"].tolist()
    desa = run_query(palopo_demo, "ats_by_wilayah", role="viewer", level="kel", kode_induk=kecs[0])["kode"].tolist()[:8]
    n_hidden = 0
    for kode in ["73.73", *kecs, *desa]:
        tables = _round_tables(palopo_demo, "viewer", kode, filters)
        if tables is None:
            continue
        n_hidden += _assert_nothing_recovered_nor_small_by_difference(*_round_equations(*tables), (kode, filters))
    assert n_hidden  # the attack had something to solve for


def test_the_funnel_attacker_recovers_cells_that_only_primary_suppression_hides(palopo_demo):
    """The funnel attacker is not blind: with the small counts alone hidden, it pins a hidden cell or a small
    difference between two steps down in some desa."""
    kecs = run_query(palopo_demo, "ats_by_wilayah", role="viewer", level="kec", kode_induk="73.73")["kode"].tolist()
    found = False
    for kode in run_query(palopo_demo, "ats_by_wilayah", role="viewer", level="kel", kode_induk=kecs[0])["kode"]:
        tables = _round_tables(palopo_demo, "analyst", kode, {})
        if tables is None:
            continue
        funnel, summary, outcomes = tables
        funnel = funnel.assign(n=funnel["n"].where(~is_small(funnel["n"])),
                               n_no_date=funnel["n_no_date"].where(~is_small(funnel["n_no_date"])))
        summary = summary.where(~is_small(summary))
        outcomes = outcomes.assign(n=outcomes["n"].where(~is_small(outcomes["n"])))
        try:
            _assert_nothing_recovered_nor_small_by_difference(*_round_equations(funnel, summary, outcomes), kode)
        except AssertionError:
            found = True
            break
    assert found


@pytest.mark.parametrize("kode", ["73.73", "73.73.01", "73.73.02"])
@pytest.mark.parametrize("filters", [{}, {"sex": "L"}, {"has_disability": False}])
def test_the_reason_by_category_table_with_its_margins_gives_no_hidden_cell_away(palopo_demo, kode, filters):
    """The reason x category table, its columns adding up to the round's confirmed, intervened and returned children
    (the funnel), each row's confirmed >= intervened >= returned, and each reason's total as the reason x wilayah
    table publishes it (when all its cells are published): no hidden cell bounded narrower than k."""
    table = run_query(palopo_demo, "handling_reason_by_kategori", role="viewer", kode=kode, **filters)
    funnel = run_query(palopo_demo, "handling_funnel", role="viewer", kode=kode, **filters)
    if table.empty:
        pytest.skip("no confirmed children")
    by_wilayah = run_query(palopo_demo, "handling_reason_by_wilayah", role="viewer",
                           level={1: "kec", 2: "kel"}[kode.count(".")], kode_induk=kode, **filters)
    step = dict(zip(funnel["step"], funnel["n"]))
    cells, equations, implicit = {}, [], set()
    for row in table.itertuples():
        key = (row.alasan, row.kategori_ats)
        for column in ("n_confirmed", "n_intervened", "n_returned"):
            _cell(cells, (key, column), getattr(row, column))
        for upper, lower in (("n_confirmed", "n_intervened"), ("n_intervened", "n_returned")):
            cells[(key, "stop", upper)] = None
            implicit.add((key, "stop", upper))
            equations.append(([((key, upper), 1), ((key, lower), -1), ((key, "stop", upper), -1)], 0))
    for column, total in (("n_confirmed", "terkonfirmasi"), ("n_intervened", "intervensi"), ("n_returned", "kembali_sekolah")):
        if pd.notna(step[total]):
            keys = [((a, k), column) for a, k in zip(table["alasan"], table["kategori_ats"])]
            equations.append(([(c, 1) for c in keys], step[total]))
    for alasan, part in by_wilayah.groupby("alasan"):
        if part["n_confirmed"].notna().all() and (table["alasan"] == alasan).any():
            keys = [((alasan, k), "n_confirmed") for k in table.loc[table["alasan"] == alasan, "kategori_ats"]]
            equations.append(([(c, 1) for c in keys], part["n_confirmed"].sum()))
    _assert_nothing_recovered_nor_small_by_difference(cells, equations, implicit, (kode, filters))


@pytest.mark.parametrize("name, params", [
    ("handling_funnel", {"kode": "73.73"}), ("handling_summary_by_round", {"kode": "73.73.01.1011"}),
    ("handling_outcome_by_type", {"kode": "73.73"}), ("handling_pathway_by_intervention", {"kode": "73.73"}),
    ("handling_reason_by_kategori", {"kode": "73.73"}),
    ("handling_reason_by_wilayah", {"level": "kel", "kode_induk": "73.73.01"}),
    ("handling_worklist_by_kel", {"kode": "73.73", "max_rows": 500}),
])
def test_an_analyst_sees_the_raw_handling_numbers_a_viewer_sees_hidden(palopo_demo, name, params):
    viewer, analyst = aligned(name, run_query(palopo_demo, name, role="viewer", **params),
                               run_query(palopo_demo, name, role="analyst", **params))
    flags = [c for c in viewer.columns if c.endswith("_hidden")]
    assert viewer[flags].to_numpy().any()  # the demo kab/kota has small handling counts
    assert not analyst[flags].to_numpy().any()
    for column in COUNTS[name]:
        assert pd.to_numeric(analyst[column]).notna().all()
        assert not is_small(viewer[column]).any()
        # the charts' labels (and the page's numbers, ui.fmt.count_in): "< 5" on a small count, the neutral mark on
        # a complementary one
        hidden, small = viewer[f"{column}_hidden"].astype(bool), viewer[f"{column}_small"].astype(bool)
        labels = pd.Series(charts.counts(viewer, column), index=viewer.index)
        assert (labels[small] == f"< {K}").all() and (labels[hidden & ~small] == fmt.suppressed_count()).all()
        assert (small == hidden & is_small(analyst[column])).all()
    assert is_small(pd.concat([analyst[c] for c in COUNTS[name]])).any()


def test_handling_rates_rest_on_enough_children(palopo_demo):
    """The funnel's pct_prev and pct_identified are withheld when the step before, or the identified children, are
    fewer than the minimum denominator (or hidden)."""
    kecs = run_query(palopo_demo, "ats_by_wilayah", role="viewer", level="kec", kode_induk="73.73")["kode"].tolist()
    for kode in ["73.73", *kecs]:
        viewer = run_query(palopo_demo, "handling_funnel", role="viewer", kode=kode, sex="P")
        analyst = run_query(palopo_demo, "handling_funnel", role="analyst", kode=kode, sex="P")
        prev = analyst["n"].shift(1)
        assert viewer.loc[prev < protection.DEFAULT_MIN_DENOMINATOR, "pct_prev"].isna().all()
        assert viewer.loc[viewer["n"].isna() | viewer["n"].shift(1).isna(), "pct_prev"].isna().all()
        if analyst["n"].iloc[0] < protection.DEFAULT_MIN_DENOMINATOR:
            assert viewer["pct_identified"].isna().all()
