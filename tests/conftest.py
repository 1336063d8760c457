"""Shared fixtures. The fixture store is built from the small text files in tests/fixtures by the
real write path (data.store.writing: schema, build steps, checks, atomic swap), with the wilayah
reference and real Palopo boundaries read from ../shared."""

import shutil
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FIXTURES = Path(__file__).with_name("fixtures")
DATE_COLUMNS = {
    "keluarga": ["tanggal_pendataan"],
    "penanganan": ["tanggal"],
    "survey_round": ["reference_date", "start_date", "end_date"],
    "anak": [],
}

needs_shared = pytest.mark.skipif(not (SHARED / "reference").is_dir(), reason="../shared (reference data) is not beside the checkout")


def rendered(markdown: str) -> str:
    """What a reader sees of a page's Markdown whose values were made plain (ui.safe): escapes and word joiners gone.
    AppTest gives an element's Markdown source."""
    import re

    return re.sub(r"\\(.)", r"\1", markdown).replace("\u2060", "")


def read_fixture(table: str) -> pd.DataFrame:
    df = pd.read_csv(FIXTURES / f"{table}.csv", parse_dates=DATE_COLUMNS[table])
    for column in DATE_COLUMNS[table]:
        df[column] = df[column].dt.date
    return df


def shared_palopo(file: str):
    """The Kota Palopo (73.73) units of a boundary file of ../shared/geo, as a GeoDataFrame."""
    import geopandas as gpd

    units = gpd.read_file(SHARED / "geo" / file)
    return units[units["kode"].str.startswith("73.73.")].reset_index(drop=True)


def page_texts(error, monkeypatch, *, note: bool = False) -> dict:
    """The Impor page's text of a refusal (ui.importing.refusal_text: the catalogue entry of its code, filled with
    the values of the raise site), or with note=True of a boundary report's note (note_text), as a reader sees it
    (rendered), in each language,
    checked to be a translation with every placeholder filled. Leaves the language at English (monkeypatch restores
    it after the test)."""
    from ui import i18n
    from ui.importing import note_text, refusal_text

    assert error.code, f"no code: {error}"
    texts = {}
    for lang in ("id", "en"):
        monkeypatch.setattr(i18n, "lang", lambda lang=lang: lang)
        texts[lang] = rendered((note_text if note else refusal_text)(error))  # as the reader sees it
    assert texts["id"] != texts["en"] and str(error) != texts["en"], texts  # said from the catalogue, not the message
    for text in texts.values():
        assert "{" not in text and "}" not in text, text
    return texts


def build_fixture_store(path: Path, with_boundaries: bool = True) -> Path:
    from data import load, reference, store

    with store.writing(path, fresh=True, meta={"is_demo": False, "sumber": "tests/fixtures"}) as con:
        store.replace_wilayah(con, reference.load_wilayah())
        for table in ("survey_round", "keluarga", "anak", "penanganan"):
            store.insert_frame(con, table, read_fixture(table))
        if with_boundaries:
            for name in ("kelurahan_73.geojson", "kecamatan_73_63.geojson"):
                load.load_boundaries(con, SHARED / "geo" / name, provinces=["73"])
    return path


PASSWORD = "kata-sandi-uji-0123"  # of the accounts tests create; synthetic


@pytest.fixture(autouse=True)
def no_home_key_file(monkeypatch, tmp_path_factory):
    """The key file an import creates when no key is configured goes to a folder of the test run, never to the
    developer's own ~/.config/ats (XDG_CONFIG_HOME, inherited by the subprocesses of a test)."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.getbasetemp() / "xdg_config"))



@pytest.fixture(autouse=True)
def access_db(tmp_path, monkeypatch) -> Path:
    """Each test's accounts and audit trail in a file of its own, with the defaults of the access settings (a
    developer's own ATS_ACCESS_DB, ATS_PUBLIC, ATS_PUBLIC_SCOPE, ATS_SESSION_MINUTES or old ATS_ADMIN_PASSWORD must
    not change what the tests see)."""
    path = tmp_path / "access.sqlite"
    monkeypatch.setenv("ATS_ACCESS_DB", str(path))
    for name in ("ATS_PUBLIC", "ATS_PUBLIC_SCOPE", "ATS_SESSION_MINUTES", "ATS_ADMIN_PASSWORD",
                 "ATS_ADMIN_PASSWORD_FILE"):
        monkeypatch.delenv(name, raising=False)
    return path


def add_account(name: str, role: str, scope: str | None = None, password: str = PASSWORD) -> None:
    """An account made through the command line (in this process), in the test's ATS_ACCESS_DB."""
    import tempfile

    from data.__main__ import main

    with tempfile.NamedTemporaryFile("w", suffix=".txt") as f:
        f.write(password + "\n")
        f.flush()
        args = ["user", "add", name, "--role", role, "--password-file", f.name]
        assert main(args + (["--scope", scope] if scope is not None else [])) == 0


def log_in(at, name: str, password: str = PASSWORD):
    """Fill the login form shown on the page of an AppTest and submit it; returns the AppTest after the run."""
    at.text_input(key="login_name").input(name)
    at.text_input(key="login_password").input(password)
    at.button(key="login_submit").click().run()
    assert not at.exception, at.exception
    return at


@pytest.fixture(scope="session")
def fixture_store(tmp_path_factory) -> Path:
    if not (SHARED / "geo").is_dir():
        pytest.skip("../shared/geo is not beside the checkout")
    return build_fixture_store(tmp_path_factory.mktemp("store") / "fixture.duckdb")


@pytest.fixture(scope="session")
def palopo_demo(tmp_path_factory) -> Path:
    """A demo store of one kab/kota (Palopo, synthetic): desa with realistic small counts, where the fixture's few
    children are too few to show how a published part of a row can bound a hidden one (the protection tests,
    tests/test_protection*.py)."""
    from data import load

    if not (SHARED / "geo").is_dir():
        pytest.skip("../shared/geo is not beside the checkout")
    path = tmp_path_factory.mktemp("demo") / "palopo.duckdb"
    load.build_demo_store(["73.73"], path=path)
    return path


@pytest.fixture()
def use_store(fixture_store, monkeypatch):
    """Point the app and the read API at the fixture store."""
    monkeypatch.setenv("ATS_STORE", str(fixture_store))
    return fixture_store


@pytest.fixture()
def store_copy(fixture_store, tmp_path) -> Path:
    """A private copy of the fixture store, for tests that write."""
    path = tmp_path / "copy.duckdb"
    shutil.copy(fixture_store, path)
    return path


@pytest.fixture()
def kla_store(store_copy, monkeypatch) -> Path:
    """A private copy of the fixture store that the app reads and writes (the page tests that enter values)."""
    monkeypatch.setenv("ATS_STORE", str(store_copy))
    return store_copy


def run_query(path, name, role="analyst", **params) -> pd.DataFrame:
    """A named read query run on the store at path, as the app runs it (read-only connection). As an analyst by
    default: the tests of counts compare raw numbers with pandas; tests of small-cell protection pass role="viewer"."""
    from data import queries, store

    con = store.connect_read(path)
    try:
        return queries.run(con, queries.read_query(name), params, role=role).to_pandas()
    finally:
        con.close()


def fixture_children(**filters) -> pd.DataFrame:
    """Fixture children 7-18 with the global filters applied (sex, age_group, has_disability), is_ats for the
    chosen kategori_ats (any category when none) and is_tamat12 (out of school, no category, last grade 12: completed
    12 years, not ATS): the long-way side of the read-number tests."""
    a = read_fixture("anak")
    a = a[a.umur.between(7, 18)].copy()
    if filters.get("sex"):
        a = a[a.sex == filters["sex"]]
    if filters.get("age_group"):
        lo, hi = map(int, filters["age_group"].split("-"))
        a = a[a.umur.between(lo, hi)]
    if filters.get("has_disability") is not None:
        a = a[a.has_disability == filters["has_disability"]]
    cat = filters.get("kategori_ats")
    a["is_ats"] = a.kategori_ats.eq(cat) if cat else a.kategori_ats.notna()
    a["is_tamat12"] = a.partisipasi.eq("tidak_sekolah") & a.kategori_ats.isna() & a.kelas_terakhir.eq(12)
    return a


def open_app(page: str | None = None, *, timeout: float = 90, check: bool = True, **query):
    """The app in Streamlit's AppTest, opened on a link: `query` as its URL parameters, `page` (views/NAME.py) as its
    path (the root, which opens Peta, when None). Run once; with `check`, a page that raised fails the test."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)
    for k, v in query.items():
        at.query_params[k] = v
    if page is not None:
        at.switch_page(page)
    at.run()
    if check:
        assert not at.exception, at.exception
    return at


def open_tren_tab(at, section: str):
    """Open a tab of the Tren page's sections under the breakdown (ui.tren.SECTIONS: only the open one runs) and rerun:
    its state is the tab's label, in the page's language (in which AppTest also writes back the page's selectboxes)."""
    from ui import tren
    from ui.i18n import language, t

    lang = at.session_state["lang"] if "lang" in at.session_state else "id"
    with language(lang):
        at.session_state[tren.SECTION_KEY] = t(f"tren.tab.{section}")
        at.run()
    assert not at.exception, at.exception
    return at


def shown(table) -> pd.DataFrame:
    """What an AppTest table (`at.dataframe[i]`) reads on screen: ui.widgets.data_table sends its numbers and dates
    typed (the grid sorts them by value) with their text in the page's format as a pandas Styler's display values;
    `.value` is the typed data. A table sent without a Styler reads its data."""
    from streamlit import dataframe_util

    display = table.proto.arrow_data.styler.display_values
    if not display:
        return table.value
    text = dataframe_util.convert_arrow_bytes_to_pandas_df(display)
    text.columns = table.value.columns
    return text


def screen_figures(at) -> dict[str, dict]:
    """Every figure of an AppTest run (ui/plotly_chart.py: a component, not st.plotly_chart), maps and charts, by key
    in the page's order: their figure dicts as the browser is sent them."""
    import json

    from ui import plotly_chart

    return {c.key: json.loads(c.proto.bytes)["figure"] for c in at.get("bidi_component")
            if c.proto.component_name == plotly_chart.NAME}


def screen_charts(at) -> dict[str, dict]:
    """The figures of an AppTest run that are no map (no geo subplot): Tren's, Penanganan's, KLA's, the sparkline."""
    return {key: figure for key, figure in screen_figures(at).items() if "geo" not in figure.get("layout", {})}


def screen_map(at) -> dict:
    """The Peta page's map in an AppTest run."""
    from ui import peta

    return screen_figures(at)[peta.MAP_KEY]
