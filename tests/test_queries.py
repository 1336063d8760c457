"""SQL files: every file parses and runs; headers declare exactly the params used; read/ is
SELECT-only; names follow the house style; every read query is used somewhere."""

import re

import pytest

from data import queries, store
from data.config import ROOT
from tests.conftest import needs_shared

# sample parameters for every read query (a read query without an entry here fails the test)
SAMPLES = {
    "ats_by_wilayah": [
        {"level": "kel", "kode_induk": "73.73"},
        {"level": "kec", "kode_induk": "73.73", "survey_round": 2024, "sex": "P", "age_group": "13-15"},
        {"level": "kab", "kode_induk": "73", "has_disability": True, "kategori_ats": "LTM"},
        {"level": "prov"},
    ],
    "survey_rounds": [{}, {"kode_induk": "73.73.02"}],
    "wilayah_by_induk": [{}, {"kode_induk": "73.73"}],
    "wilayah_by_kode": [{"kode_list": ["73", "73.73", "99.99"]}],
    "boundary_by_wilayah": [{"level": "kel", "kode_induk": "73.73.01"}],
    "store_meta": [{}],
    "ats_trend_by_round": [
        {"level": "kab", "kode_induk": "73.73"},
        {"level": "kel", "kode_induk": "73.73", "sex": "P", "age_group": "13-15"},
        {"level": "kab", "kode_induk": "73", "has_disability": True, "kategori_ats": "LTM"},
        {"level": "prov"},
    ],
    "ats_trend_by_group": [
        {"kode": "73.73", "by": "kategori_ats"},
        {"kode": "73.73.01", "by": "sex", "age_group": "7-12"},
        {"kode": "73", "by": "age_group", "kategori_ats": "DO", "has_disability": False},
        {"kode": "73.73", "by": "has_disability", "sex": "L"},
    ],
    "aps_by_round": [{"kode": "73.73"}, {"kode": "73.73.02.1002", "sex": "P", "has_disability": False}],
    "ats_target_by_round": [{"kode": "73.73"}, {"kode": "73"}],
    "ats_reference_by_year": [{}],
    "handling_funnel": [{"kode": "73.73"}, {"kode": "73.73.01", "survey_round": 2024, "sex": "P", "age_group": "13-15",
                                           "has_disability": False, "kategori_ats": "DO"}],
    "handling_outcome_by_type": [{"kode": "73.73", "survey_round": 2024}, {"kode": "73", "sex": "L"}],
    "handling_pathway_by_intervention": [{"kode": "73.73", "survey_round": 2024}, {"kode": "73.73.01", "kategori_ats": "BPB"}],
    "handling_summary_by_round": [{"kode": "73.73"}, {"kode": "73", "age_group": "16-18", "has_disability": True}],
    "handling_reason_by_kategori": [{"kode": "73.73", "survey_round": 2024}, {"kode": "73.73.02", "sex": "P"}],
    "handling_reason_by_wilayah": [{"level": "kec", "kode_induk": "73.73"},
                                   {"level": "kel", "kode_induk": "73.73.01", "survey_round": 2024, "kategori_ats": "LTM"}],
    "handling_worklist_by_kel": [{"kode": "73.73"}, {"kode": "73", "survey_round": 2024, "max_rows": 2}],
    "kla_indicators_by_kab": [
        {"tahun": 2024, "kode_kab": "73.73"},
        {"tahun": 2025, "kode_prov": "73", "framework": "2011-31"},
        {"tahun": 2019},
    ],
    "kla_indicators_by_tahun": [{"kode_kab": "73.73"}, {"kode_kab": "73.05", "framework": "2011-31"}, {"kode_prov": "73"}],
    "kla_ranking_by_kab": [{"kode": "IV.2", "tahun": 2024, "kode_prov": "73"}, {"kode": "IV.4", "tahun": 2030}],
    "kla_evaluasi_by_kab": [{}, {"kode_kab": "73.73"}, {"kode_prov": "73"}],
    "kla_definitions_by_indikator": [{}, {"framework": "2011-31"}],
    "kla_audit_by_kab": [{"kode_kab": "73.73"}, {"kode_kab": "73.73", "tahun": 2024}],
}


def test_every_read_query_has_samples():
    assert {q.stem for q in queries.all_queries("read")} == set(SAMPLES)


@pytest.mark.parametrize("kind", queries.KINDS)
def test_header_declares_exactly_the_params_used(kind):
    for q in queries.all_queries(kind):
        declared = {p.name for p in q.params}
        assert declared == q.used_params(), f"{q.path}: header {sorted(declared)} vs used {sorted(q.used_params())}"
        assert q.header.startswith("-- Grain:"), f"{q.path} must open with a '-- Grain:' header"
        assert "Used by:" in q.header, f"{q.path} header must say where it is used"


def test_one_statement_per_file():
    for kind in queries.KINDS:
        for q in queries.all_queries(kind):
            body = re.sub(r"--.*", "", q.sql).strip().rstrip(";")
            assert ";" not in body, f"{q.path} holds more than one statement"


def test_read_queries_are_select_only():
    for q in queries.all_queries("read"):
        body = re.sub(r"--.*", "", q.sql).strip().upper()
        assert body.startswith(("SELECT", "WITH")), q.path
        assert not re.search(r"\b(INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|ATTACH|COPY|INSTALL|LOAD)\b", body), q.path


def test_build_steps_are_numbered_and_prefixed():
    for q in queries.all_queries("build"):
        assert re.fullmatch(r"\d{3}_(macro|stg|int|fct|agg)_\w+", q.stem), q.path


def test_no_value_in_a_query_name():
    for kind in queries.KINDS:
        for q in queries.all_queries(kind):
            assert not re.search(r"(19|20)\d\d", q.stem), f"{q.path}: a year in a query name"


def test_every_read_query_is_used_by_code():
    code = "\n".join(p.read_text() for p in ROOT.glob("**/*.py") if ".venv" not in p.parts and "tests" not in p.parts)
    for q in queries.all_queries("read"):
        assert f'"{q.stem}"' in code, f"read query {q.stem} is used by no code"


@needs_shared
def test_every_read_query_runs_with_sample_params(fixture_store):
    con = store.connect_read(fixture_store)
    try:
        for q in queries.all_queries("read"):
            for params in SAMPLES[q.stem]:
                table = queries.run(con, q, params)
                assert table.num_columns > 0, q.stem
    finally:
        con.close()


def test_bind_refuses_unknown_and_missing_params():
    q = queries.read_query("ats_by_wilayah")
    with pytest.raises(queries.QueryError, match="has no parameter bogus"):
        q.bind({"level": "kel", "kode_induk": "73.73", "bogus": 1})
    with pytest.raises(queries.QueryError, match="needs parameter level"):
        q.bind({"kode_induk": "73.73"})
    with pytest.raises(queries.QueryError, match="must be INTEGER"):
        q.bind({"level": "kel", "kode_induk": "73.73", "survey_round": "tahun lalu"})
    assert q.bind({"level": "kel", "kode_induk": "73.73", "survey_round": "2024", "has_disability": "true"})["survey_round"] == 2024


def test_unknown_query_name_lists_the_known_ones():
    with pytest.raises(queries.QueryError, match="ats_by_wilayah"):
        queries.read_query("ats_by_planet")


# --- what a header declares is what bind() and run() accept -----------------------------------------------------

def test_declared_sets_are_the_domain_vocabularies():
    """A header lists its allowed values for the reader and the check alike; the filters and the importer take the
    same vocabularies from domain.codes, and these must not drift apart."""
    from domain.codes import AGE_GROUPS, KATEGORI_ATS, SEXES
    from domain.wilayah import LEVELS

    vocabularies = {"sex": SEXES, "age_group": tuple(AGE_GROUPS), "kategori_ats": KATEGORI_ATS}
    for q in queries.all_queries("read"):
        for p in q.params:
            if p.name in vocabularies:
                assert p.allowed == vocabularies[p.name], f"{q.stem}.{p.name}: {p.allowed}"
            if p.name == "level":
                assert p.allowed and set(p.allowed) <= set(LEVELS), f"{q.stem}.level: {p.allowed}"
            if p.lookup == "wilayah" and p.levels:
                assert set(p.levels) <= set(LEVELS), f"{q.stem}.{p.name}: {p.levels}"
            # every text a caller sets is checked: a set, or a code of a store table. The one exception lists codes
            # and says that unknown ones give no row (wilayah_by_kode checks codes from a URL).
            if p.type == "VARCHAR" and not p.fixed:
                assert p.allowed or p.lookup, f"{q.stem}.{p.name} declares no set of values"


def test_fixed_parameters_are_bound_by_the_application_only():
    from data import reference

    q = queries.read_query("ats_target_by_round")
    assert q.bind({"kode": "73.73"})["target_file"] == str(reference.TARGET_ATS)
    for value in ("/etc/passwd", str(reference.TARGET_ATS), ""):
        with pytest.raises(queries.QueryError, match="target_file of query trend/ats_target_by_round is set by the application"):
            q.bind({"kode": "73.73", "target_file": value})
    assert queries.read_query("ats_reference_by_year").fixed_values() == {"reference_file": str(reference.ATS_REFERENCE)}
    fixed = {p.name for kind in queries.KINDS for q in queries.all_queries(kind) for p in q.params if p.fixed}
    assert fixed == set(queries.FIXED)  # no value kept for a parameter no header fixes


@pytest.mark.parametrize(
    "values, says",
    [
        ({"sex": "X"}, "parameter sex of query ats/ats_by_wilayah must be one of L, P (or left out), got 'X'"),
        ({"sex": "l"}, "must be one of L, P"),
        ({"level": "desa"}, "parameter level of query ats/ats_by_wilayah must be one of prov, kab, kec, kel, got 'desa'"),
        ({"age_group": "7-18"}, "must be one of 7-12, 13-15, 16-18"),
        ({"kategori_ats": "ATS"}, "must be one of DO, LTM, BPB"),
        ({"survey_round": 2**31}, "must be an integer from -2147483648 to 2147483647, got 2147483648"),
        ({"survey_round": "-99999999999999999999"}, "must be an integer from"),
        ({"kode_induk": "73.73\n"}, "must be printable text, got '73.73\\n'"),  # said on one line
        ({"kode_induk": "\ud800"}, "must be printable text, got '\\ud800'"),  # a lone surrogate: argv bytes that are not UTF-8
        ({"colour\x1b[31m": "red"}, "has no parameter colour\\x1b[31m"),
    ],
)
def test_bind_refuses_values_outside_the_header(values, says):
    q = queries.read_query("ats_by_wilayah")
    with pytest.raises(queries.QueryError, match=re.escape(says)):
        q.bind({"level": "kel", "kode_induk": "73.73", **values})


def test_max_rows_of_the_worklist_is_at_least_one():
    q = queries.read_query("handling_worklist_by_kel")
    assert q.bind({"kode": "73.73", "max_rows": "1"})["max_rows"] == 1
    for bad in ("0", "-1"):
        with pytest.raises(queries.QueryError, match=f"must be an integer from 1 to 2147483647, got {bad}"):
            q.bind({"kode": "73.73", "max_rows": bad})


@needs_shared
@pytest.mark.parametrize(
    "name, values, says",
    [
        ("ats_by_wilayah", {"level": "kel", "kode_induk": "73.99"}, "no wilayah has code '73.99'"),
        ("ats_by_wilayah", {"level": "kel", "kode_induk": "73.73.01.1001"},
         "must be the code of a prov or kab or kec unit, got '73.73.01.1001' (a kel)"),
        ("survey_rounds", {"kode_induk": "7373"}, "no wilayah has code '7373'"),
        ("handling_funnel", {"kode": "99"}, "no wilayah has code '99'"),
        ("kla_evaluasi_by_kab", {"kode_prov": "73.73"}, "must be the code of a prov unit, got '73.73' (a kab)"),
        ("kla_ranking_by_kab", {"kode": "IV.99", "tahun": 2024}, "no KLA indicator has code 'IV.99'"),
        ("kla_definitions_by_indikator", {"framework": "2020"}, "no KLA framework has code '2020'"),
    ],
)
def test_run_refuses_codes_the_store_does_not_have(fixture_store, name, values, says):
    con = store.connect_read(fixture_store)
    try:
        with pytest.raises(queries.QueryError, match=re.escape(says)):
            queries.run(con, queries.read_query(name), values)
    finally:
        con.close()


def test_a_misspelt_constraint_is_an_error_of_the_header():
    from pathlib import Path

    with pytest.raises(queries.QueryError, match="unknown constraint 'one off L, P'"):
        queries._constraint(Path("x.sql"), "sex", "VARCHAR", "one off L, P")
    with pytest.raises(queries.QueryError, match="unknown constraint 'kode of anak'"):
        queries._constraint(Path("x.sql"), "kode", "VARCHAR", "kode of anak")
