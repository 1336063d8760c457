"""Every page runs under streamlit.testing.v1.AppTest against the fixture store, filters change
the output, and bad input from the URL gets a message instead of an exception."""

import pytest
from streamlit.testing.v1 import AppTest

from data.config import ROOT
from tests.conftest import needs_shared

pytestmark = needs_shared
APP = str(ROOT / "app.py")


def start(**query) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for k, v in query.items():
        at.query_params[k] = v
    return at.run()


def table(at):
    return at.dataframe[0].value


def test_map_page_runs_and_shows_palopo(use_store):
    at = start()
    assert not at.exception, at.exception
    assert at.title[0].value in ("Peta anak tidak sekolah", "Map of out-of-school children")
    assert len(at.get("plotly_chart")) == 1
    df = table(at)
    assert len(df) == 48 and df["kode"].str.startswith("73.73.").all()  # every kelurahan of Palopo
    assert any("Sumber data" in c.value and "ats_by_wilayah" in c.value for c in at.caption)
    assert any("kueri" in c.value and "versi data" in c.value for c in at.caption)


def test_filter_change_changes_the_table(use_store):
    at = start()
    before = table(at)
    at.sidebar.selectbox(key="f_kec").set_value("73.73.01").run()
    assert not at.exception
    after = table(at)
    assert len(after) < len(before) and after["kode"].str.startswith("73.73.01.").all()
    at.sidebar.selectbox(key="f_sex").set_value("P").run()
    girls = table(at)
    assert not at.exception
    assert girls["n_anak"].sum() < after["n_anak"].sum()


def test_map_level_kecamatan(use_store):
    at = start()
    at.selectbox(key="peta_level").set_value("kec").run()
    assert not at.exception
    assert table(at)["kode"].str.len().eq(8).all()


def test_url_reproduces_the_view(use_store):
    at = start(kec="73.73.02", sex="L", ukuran="ats_pct", round="2024")
    assert not at.exception
    assert at.sidebar.selectbox(key="f_kec").value == "73.73.02"
    assert at.sidebar.selectbox(key="f_sex").value == "L"
    assert at.sidebar.selectbox(key="f_round").value == 2024
    assert at.selectbox(key="peta_measure").value == "ats_pct"
    assert at.query_params["kec"] == ["73.73.02"] or at.query_params["kec"] == "73.73.02"


@pytest.mark.parametrize("query", [{"kab": "99.99"}, {"round": "1999"}, {"round": "kemarin"}, {"lang": "fr"}, {"ukuran": "x"}])
def test_bogus_url_values_get_a_message(use_store, query):
    at = start(**query)
    assert not at.exception, at.exception
    assert any(list(query.values())[0] in w.value for w in at.warning), [w.value for w in at.warning]
    assert len(at.get("plotly_chart")) == 1  # the page still works with the default


def test_english_switch(use_store):
    at = start(lang="en")
    assert not at.exception
    assert at.title[0].value == "Map of out-of-school children"


def test_round_without_data_shows_empty_state(use_store):
    at = start(kab="73.05")  # Takalar: no survey data in the fixture
    assert not at.exception
    assert any("Takalar" in w.value or "no survey" in w.value.lower() or "Tidak ada data" in w.value for w in at.warning)


def test_missing_store_without_reference_says_what_to_do(tmp_path, monkeypatch):
    monkeypatch.setenv("ATS_STORE", str(tmp_path / "none.duckdb"))
    monkeypatch.setenv("ATS_REFERENCE", str(tmp_path / "no-reference"))
    at = start()
    assert not at.exception
    assert any("ATS_REFERENCE" in e.value for e in at.error)
    assert not (tmp_path / "none.duckdb").exists()


def test_store_without_boundaries_says_how_to_import_them(tmp_path, monkeypatch):
    from tests.conftest import build_fixture_store

    store = build_fixture_store(tmp_path / "no_geo.duckdb", with_boundaries=False)
    monkeypatch.setenv("ATS_STORE", str(store))
    at = start()
    assert not at.exception, at.exception
    assert any("python -m data boundaries" in i.value for i in at.info), [i.value for i in at.info]
    assert len(at.get("plotly_chart")) == 0
    assert len(table(at)) == 48  # the numbers are still there, in the table
