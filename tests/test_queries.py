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
