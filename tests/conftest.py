"""Shared fixtures. The fixture store is built from the small text files in tests/fixtures by the
real write path (data.store.writing: schema, build steps, checks, atomic swap), with the wilayah
reference and real Palopo boundaries read from ../shared."""

import collections
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
    the values of the raise site), or with note=True of a boundary report's note (note_text), in each language,
    checked to be a translation with every placeholder filled. Leaves the language at English (monkeypatch restores
    it after the test)."""
    from ui import i18n
    from ui.importing import note_text, refusal_text

    assert error.code, f"no code: {error}"
    texts = {}
    for lang in ("id", "en"):
        monkeypatch.setattr(i18n, "lang", lambda lang=lang: lang)
        texts[lang] = (note_text if note else refusal_text)(error)
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


@pytest.fixture(autouse=True)
def no_admin_password(monkeypatch):
    """Pages that write are open unless a test sets a password (a developer's own ATS_ADMIN_PASSWORD must not
    change what the tests see)."""
    monkeypatch.delenv("ATS_ADMIN_PASSWORD", raising=False)
    monkeypatch.delenv("ATS_ADMIN_PASSWORD_FILE", raising=False)
    from ui import access

    monkeypatch.setattr(access, "_failures", collections.deque())  # no test inherits another's wrong passwords


@pytest.fixture(scope="session")
def fixture_store(tmp_path_factory) -> Path:
    if not (SHARED / "geo").is_dir():
        pytest.skip("../shared/geo is not beside the checkout")
    return build_fixture_store(tmp_path_factory.mktemp("store") / "fixture.duckdb")


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
    """Fixture children 7-18 with the global filters applied (sex, age_group, has_disability), and is_ats for the
    chosen kategori_ats (any category when none): the long-way side of the read-number tests."""
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
    return a
