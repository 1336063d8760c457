"""Wilayah scope where the data is read (issue 19.2; data/scope.py, README "Accounts and roles"): for every read
query x role x scope, no row outside the scope, a parameter naming a wilayah outside it refused, and what is inside
the same numbers a caller of all of Indonesia gets (protection computed on the whole table). On the real fixture
store (Kota Palopo 73.73 and Kabupaten Bone 73.08), through data.queries.run as the app and the command line run it;
the pages through data.api and AppTest."""

import json

import pandas as pd

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from data import api, protection, queries, scope, store
from data.accounts import ANONYMOUS, Principal, audit_rows
from data.config import ROOT
from tests.conftest import add_account, log_in, needs_shared, open_app, rendered

pytestmark = needs_shared

# scopes: all of Indonesia, the province, each kab/kota of the store, kecamatan, a kab/kota without data (Takalar)
# and another province
SCOPES = ("", "73", "73.73", "73.73.01", "73.73.02", "73.08", "73.08.01", "73.05", "63")
# wilayah codes a parameter may name, by level (the fixture store has Palopo and Bone)
CODES = {
    "prov": ("73", "63"),
    "kab": ("73.73", "73.08", "73.05"),
    "kec": ("73.73.01", "73.73.02", "73.08.01"),
    "kel": ("73.73.01.1001", "73.73.02.1003"),
}
VALUES = {  # values of the other parameters, by name
    "survey_round": (2023, 2024, 2025),
    "tahun": (2023, 2024, 2025),
    "max_rows": (1, 5),
    "kode_list": (["73", "73.73", "73.08.01"], ["73.05"]),
}
LOOKUPS = {"kla_indikator": ("IV.1", "IV.2", "IV.4"), "kla_framework": ("2021-24", "2011-31")}
REFERENCE = {"kla_definitions_by_indikator", "ats_reference_by_year", "boundary_by_wilayah", "store_meta",
             "wilayah_by_kode"}
READ = {q.stem: q for q in queries.all_queries("read")}


def _value(p: queries.Param, draw):
    if p.allowed:
        options = list(p.allowed)
    elif p.lookup == "wilayah":
        options = [c for level in (p.levels or CODES) for c in CODES[level]]
    elif p.lookup:
        options = list(LOOKUPS[p.lookup])
    elif p.type == "BOOLEAN":
        options = [True, False]
    else:
        options = list(VALUES[p.name])
    return draw(st.sampled_from(options if p.required else [None, *options]))


@st.composite
def reads(draw):
    name = draw(st.sampled_from(sorted(READ)))
    params = {p.name: _value(p, draw) for p in READ[name].params if not p.fixed}
    return name, {k: v for k, v in params.items() if v is not None}, draw(st.sampled_from(protection.ROLES)), \
        draw(st.sampled_from(SCOPES))


def _run(path, query, params, role, scope_):
    con = store.connect_read(path)
    try:
        return queries.run(con, query, params, role=role, scope=scope_).to_pandas()
    finally:
        con.close()


def _outside(query: queries.Query, params: dict, scope_: str) -> list[str]:
    return [params[p.name] for p in query.params
            if p.lookup == "wilayah" and p.name in params and not scope.covers(scope_, params[p.name])]


def test_every_read_query_says_what_its_rows_are_about_and_only_reference_data_is_the_same_for_everyone():
    assert {name for name, q in READ.items() if q.scope[0] == "reference"} == REFERENCE
    for q in READ.values():
        if q.scope[0] == "column":
            columns = q.header.split("-- Columns:")[1]
            assert f" {q.scope[1]}," in columns or f" {q.scope[1]} " in columns, (q.name, q.scope)


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(read=reads())
def test_no_row_outside_the_scope_and_a_wilayah_outside_it_is_refused(fixture_store, read):
    """Every read query x role x scope: a parameter outside the scope refused (out_of_scope), a query of one wilayah
    asked without one refused (scope_needs_wilayah); else no row outside the scope, and the rows inside it are the
    very rows (and numbers) of the same read for all of Indonesia."""
    query_name, params, role, scope_ = read
    query = READ[query_name]
    kind, name = query.scope
    try:
        national = _run(fixture_store, query, params, role, scope.ALL)
    except queries.QueryError as e:  # a combination the header refuses anyway: refused for every scope
        with pytest.raises(queries.QueryError):
            _run(fixture_store, query, params, role, scope_)
        assert not isinstance(e, queries.ScopeRefused)
        return
    outside = _outside(query, params, scope_) if kind != "reference" else []
    if outside:
        with pytest.raises(queries.ScopeRefused) as refused:
            _run(fixture_store, query, params, role, scope_)
        assert refused.value.code == "out_of_scope" and refused.value.values["kode"] in outside
        return
    if kind == "parameter" and scope_ and name not in params:
        with pytest.raises(queries.ScopeRefused) as refused:
            _run(fixture_store, query, params, role, scope_)
        assert refused.value.code == "scope_needs_wilayah"
        return
    scoped = _run(fixture_store, query, params, role, scope_)
    if kind == "column":
        assert scoped[name].map(lambda k: scope.covers(scope_, k)).all(), (query.name, params, scope_)
        national = national.loc[national[name].map(lambda k: scope.covers(scope_, k)).astype(bool)]
    pd.testing.assert_frame_equal(scoped.reset_index(drop=True), national.reset_index(drop=True), check_dtype=False,
                                  obj=f"{query.name} {params} {role} {scope_!r}")


def test_a_wider_wilayah_than_the_scope_is_refused_not_narrowed(fixture_store):
    """A kab/kota analyst asking for the province's numbers gets a refusal naming it, not the province's total nor
    an empty table; one asking for all of the store gets no row of the province."""
    q = queries.read_query("ats_by_wilayah")
    with pytest.raises(queries.ScopeRefused, match="outside the scope 73.73") as refused:
        _run(fixture_store, q, {"level": "kab", "kode_induk": "73"}, "analyst", "73.73")
    assert refused.value.values == {"param": "kode_induk", "kode": "73", "scope": "73.73"}
    assert _run(fixture_store, q, {"level": "prov"}, "analyst", "73.73").empty
    kabs = _run(fixture_store, q, {"level": "kab"}, "analyst", "73.73")
    assert list(kabs["kode"]) == ["73.73"] and kabs["n_anak"].iloc[0] > 0
    with pytest.raises(queries.ScopeRefused, match="73.08"):
        _run(fixture_store, queries.read_query("handling_funnel"), {"kode": "73.08.01"}, "viewer", "73.73")
    with pytest.raises(queries.ScopeRefused) as refused:
        _run(fixture_store, queries.read_query("survey_rounds"), {}, "viewer", "73.73")
    assert refused.value.code == "scope_needs_wilayah"


def test_a_viewer_of_a_scope_gets_the_protected_numbers_of_all_of_indonesia_inside_it(fixture_store):
    q = queries.read_query("ats_by_wilayah")
    everywhere = _run(fixture_store, q, {"level": "kel"}, "viewer", scope.ALL)
    palopo = _run(fixture_store, q, {"level": "kel"}, "viewer", "73.73")
    assert palopo["n_ats_hidden"].any()  # small cells stay hidden inside the scope
    assert palopo.equals(everywhere[everywhere["kode"].str.startswith("73.73.")].reset_index(drop=True))


def test_a_scope_that_is_no_wilayah_code_is_a_bug_of_the_caller(fixture_store):
    for bad in ("*", "7", "73.", None):
        with pytest.raises(ValueError, match="not a wilayah scope"):
            _run(fixture_store, queries.read_query("store_meta"), {}, "viewer", bad)


def test_a_read_header_without_a_scope_line_is_refused(tmp_path):
    path = tmp_path / "x.sql"
    path.write_text("-- Grain: one row.\n-- Params: none\nSELECT 1\n")
    with pytest.raises(queries.QueryError, match="Scope:"):
        queries._scope_rule(path, path.read_text().splitlines(), [])


# --- data.api: the caller is not optional ----------------------------------------------------------------------


def test_every_read_of_children_numbers_in_data_api_needs_the_caller(use_store):
    for name, q in READ.items():
        read = getattr(api, name, None)
        if read is None or q.scope[0] == "reference":
            continue
        with pytest.raises(TypeError, match="who"):
            read()
    analyst = Principal("analis", "analyst", "73.73")
    kecs = api.wilayah_by_induk(analyst, "73.73")["kode"]
    assert len(kecs) and kecs.str.startswith("73.73.").all()
    assert api.wilayah_by_induk(analyst, None).empty
    with pytest.raises(queries.ScopeRefused):
        api.ats_by_wilayah(analyst, level="kec", kode_induk="73.08")
    viewer = api.ats_by_wilayah(ANONYMOUS, level="kel", kode_induk="73.73").df
    raw = api.ats_by_wilayah(analyst, level="kel", kode_induk="73.73").df
    assert viewer["n_ats_hidden"].any() and not raw["n_ats_hidden"].any()  # the cache is keyed on role and scope


# --- the command line ----------------------------------------------------------------------------------------------


def test_cli_query_with_a_scope_refuses_a_param_outside_it_and_audits_it(use_store, capsys):
    from data.__main__ import main

    assert main(["query", "ats_by_wilayah", "--param", "level=kec", "--scope", "73.73", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {r["kode"][:5] for r in rows} == {"73.73"}
    assert main(["query", "ats_by_wilayah", "--param", "level=kec", "--param", "kode_induk=73.08",
                 "--scope", "73.73", "--role", "analyst"]) == 2
    out, err = capsys.readouterr()
    assert err.count("\n") == 1 and "outside the scope 73.73" in err
    assert json.loads(out) == {"status": "refused", "code": "out_of_scope", "error": err.removeprefix("error: ").strip()}
    denied = audit_rows(actions=["denied"])
    assert len(denied) == 1 and denied["reason"].iloc[0] == "out_of_scope"
    assert json.loads(denied["params"].iloc[0])["params"] == {"level": "kec", "kode_induk": "73.08"}
    assert main(["query", "survey_rounds", "--scope", "73.99"]) == 2  # no such wilayah
    assert json.loads(capsys.readouterr().out)["code"] == "unknown_scope"
    assert main(["queries"]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert any(line.startswith("ats_by_wilayah(") and line.endswith("scope: column kode") for line in listed)
    assert any(line.startswith("handling_funnel(") and line.endswith("scope: parameter kode") for line in listed)


# --- the pages -------------------------------------------------------------------------------------------------


def _logged_in(name: str, role: str, scope_: str | None, **query) -> AppTest:
    add_account(name, role, scope_)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for k, v in query.items():
        at.query_params[k] = v
    at.switch_page("views/impor.py")
    log_in(at.run(), name)
    at.switch_page("views/peta.py").run()
    assert not at.exception, at.exception
    return at


def test_the_filters_offer_only_wilayah_inside_the_scope_and_open_on_it(use_store):
    at = _logged_in("analis.bone", "analyst", "73.08")
    assert at.sidebar.selectbox(key="f_prov").options == ["Sulawesi Selatan"]
    assert at.sidebar.selectbox(key="f_kab").value == "73.08"  # Palopo, the default, lies outside the scope
    assert len(at.sidebar.selectbox(key="f_kab").options) == 1  # no "all" of the province
    assert "73.73" not in " ".join(at.sidebar.selectbox(key="f_kec").options)
    assert not at.warning, [w.value for w in at.warning]


def test_a_link_outside_the_scope_says_so_shows_the_scope_and_is_audited(use_store):
    at = _logged_in("analis.palopo", "analyst", "73.73")
    at.query_params.clear()
    at2 = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at2.session_state["_account"] = at.session_state["_account"]
    at2.query_params["kab"] = "73.08"
    at2.query_params["kec"] = "73.08.01"
    at2.switch_page("views/penanganan.py").run()
    assert not at2.exception and not at2.error, (at2.exception, [e.value for e in at2.error])
    (warning,) = [rendered(w.value) for w in at2.warning if "73.08" in w.value]
    assert "Kabupaten Bone (73.08)" in warning and "wilayah akun Anda (Kota Palopo · 73.73)" in warning
    assert at2.sidebar.selectbox(key="f_kab").value == "73.73"
    denied = audit_rows(actions=["denied"])
    denied = denied[denied["reason"] == "out_of_scope"]
    assert len(denied) == 1 and json.loads(denied["params"].iloc[0])["wilayah"] == "73.08"
    assert denied["actor"].iloc[0] == "analis.palopo"


@pytest.mark.parametrize("scope_", ["73", "73.73", "73.73.01"])
def test_every_page_runs_for_an_analyst_of_a_province_a_kab_kota_and_a_kecamatan(use_store, scope_):
    """No refusal on any page of an account's own wilayah: the pages ask only for what lies inside the scope (KLA,
    judged per kab/kota, says why a kecamatan's account gets no scorecard; the ranking needs the whole province)."""
    at = _logged_in("analis", "analyst", scope_)
    for page in ("views/peta.py", "views/tren.py", "views/penanganan.py", "views/kla.py"):
        at.switch_page(page).run()
        assert not at.exception and not at.error, (page, at.exception, [e.value for e in at.error])
    infos = " ".join(i.value for i in at.info)
    if scope_ == "73.73.01":
        assert "KLA dinilai per kab/kota" in infos
    elif scope_ == "73.73":
        assert "seluruh provinsi" in infos


def test_a_read_the_scope_refuses_is_said_on_the_page_and_audited(use_store):
    """Should a page still ask for a wilayah outside the account's scope (the filters offer none), the refusal is
    one message in the page's language naming the wilayah, with no number, and a row of the audit trail."""

    def page():
        import streamlit as st

        from data import api
        from data.accounts import Principal
        from ui import source

        source.guarded(lambda: st.dataframe(api.ats_by_wilayah(Principal("analis", "analyst", "73.73"),
                                                               level="kec", kode_induk="73.08").df))

    at = AppTest.from_function(page, default_timeout=60).run()
    assert not at.exception and not at.dataframe, at.exception
    (error,) = [rendered(e.value) for e in at.error]
    assert error.startswith("Angka ini tidak ditampilkan: 73.08 berada di luar wilayah akun Anda (Kota Palopo · 73.73)"), error
    denied = audit_rows(actions=["denied"])
    assert list(denied["reason"]) == ["out_of_scope"] and json.loads(denied["params"].iloc[0])["param"] == "kode_induk"


# --- visitors who have not logged in, a view held before a login, whom the numbers were read for -------------------


def table(at: AppTest) -> pd.DataFrame:
    """The map page's unit table, opened by its switch under the map (a rerun)."""
    return at.toggle(key="peta_table").set_value(True).run().dataframe[0].value


def test_visitors_see_the_public_scope_and_a_setting_not_understood_asks_for_a_login(use_store, monkeypatch):
    """ATS_PUBLIC_SCOPE: the wilayah of a visitor who has not logged in (all of Indonesia by default); a value that is
    no wilayah code fails closed, as ATS_PUBLIC does."""
    at = open_app(timeout=60)
    assert at.sidebar.selectbox(key="f_kab").value == "73.73" and "Semua" in at.sidebar.selectbox(key="f_kab").options
    monkeypatch.setenv("ATS_PUBLIC_SCOPE", "73.08")
    at = open_app(timeout=60, kab="73.73")  # a link to Palopo, outside the visitors' wilayah
    assert at.sidebar.selectbox(key="f_kab").options == ["Kabupaten Bone"]
    assert any("untuk wilayah Kabupaten Bone · 73.08" in c.value for c in at.sidebar.caption), [c.value for c in at.sidebar.caption]
    assert any("Kota Palopo (73.73)" in rendered(w.value) for w in at.warning)  # said on the first run only
    assert table(at)["kode"].str.startswith("73.08.").all()
    for bad in ("Bone", "73.99"):  # no code; a code of no wilayah
        monkeypatch.setenv("ATS_PUBLIC_SCOPE", bad)
        at = open_app(timeout=60)
        assert [t.value for t in at.title] == ["Masuk"] and not at.dataframe
        assert any("ATS_PUBLIC_SCOPE" in e.value or bad in e.value for e in at.error), [e.value for e in at.error]


def test_a_view_opened_before_a_login_to_a_narrower_scope_falls_back_and_says_so(use_store):
    """A visitor opens a link to Bone, then logs in as an analyst of Palopo: the page shows Palopo and says that the
    wilayah opened before the login lies outside the account's. The default view (nobody's choice) falls back
    silently (test_the_filters_offer_only_wilayah_inside_the_scope_and_open_on_it)."""
    add_account("analis.palopo", "analyst", "73.73")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["kab"] = "73.08"
    at.run()
    assert at.sidebar.selectbox(key="f_kab").value == "73.08" and not at.warning
    at.switch_page("views/impor.py").run()
    log_in(at, "analis.palopo")
    at.switch_page("views/peta.py").run()
    assert not at.exception, at.exception
    assert at.sidebar.selectbox(key="f_kab").value == "73.73"
    said = [rendered(w.value) for w in at.warning]
    assert any("sebelum Anda masuk, Kabupaten Bone (73.08)" in w and "(Kota Palopo · 73.73)" in w for w in said), said
    assert table(at)["kode"].str.startswith("73.73.").all()
    at.run()  # said once
    assert not [w for w in at.warning if "sebelum Anda masuk" in w.value]
    denied = audit_rows(actions=["denied"])
    assert not (denied["reason"] == "out_of_scope").any()  # a fallback, not an attempt


def test_the_technical_details_and_the_xlsx_name_the_role_and_scope_read_for(use_store):
    from ui import export, source
    from ui.view import View

    at = _logged_in("analis.bone", "analyst", "73.08")
    at.sidebar.toggle(key="source_details").set_value(True).run()
    details = [c.value for c in at.caption if c.value.startswith("Rincian teknis")]
    assert details and all("dibaca untuk analis (angka tanpa perlindungan sel kecil), wilayah 73.08" in d
                           for d in details), details
    visitor = open_app(timeout=60)
    visitor.sidebar.toggle(key="source_details").set_value(True).run()
    assert any("dibaca untuk pemirsa (angka dilindungi), wilayah seluruh Indonesia" in c.value for c in visitor.caption)

    result = api.ats_by_wilayah(Principal("analis.bone", "analyst", "73.08"), level="kec", kode_induk="73.08")
    view = View(places=("Sulawesi Selatan", "Kabupaten Bone"), period="putaran 2023")
    about = export.table(result.df, ["kode", "nama", "n_ats"], view=view, source=result.source, title="t", key="k").about
    about = dict(about.itertuples(index=False))
    assert about["Dibaca untuk (peran, wilayah)"] == "analis (angka tanpa perlindungan sel kecil), wilayah 73.08"
    names = api.wilayah_by_kode(["73.08"])  # reference data: the same for everyone, no account named
    assert source.account_text(api.Source("wilayah_by_kode", {}, result.source.store)) is None and len(names)
