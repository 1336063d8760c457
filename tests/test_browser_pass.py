"""Real browser, what the pass over every page at 1366x768 and 1920x1080 found (issue 21, "Done when"): the Impor
page's import history cut at the right (no browser test had measured it: the demo store has no history), and the Audit
page's calendar in English."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from data.config import ROOT
from tests.conftest import SHARED, build_fixture_store, needs_shared
from tests.test_browser import (  # noqa: F401 (fixtures)
    ARTIFACTS, CHROMIUM, browser, demo_store, log_in, make_account, streamlit_server,
)
from tests.test_browser_ui import CLIPPED, SHOWN

pytestmark = [needs_shared, pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium not installed")]
KEY = "browser-test-key-not-secret-" + "7f3a" * 8  # streamlit_server's ATS_HMAC_KEY: the import masks with it too


@pytest.fixture()
def history_store(tmp_path) -> Path:
    """A store of real (non-demo) data with one survey file and one boundary file applied by the command line, as
    the server's operator would: the Impor page lists both under "Riwayat impor"."""
    store = build_fixture_store(tmp_path / "history.duckdb", with_boundaries=False)
    env = {**os.environ, "ATS_STORE": str(store), "ATS_HMAC_KEY": KEY,
           "ATS_ACCESS_DB": str(store.with_suffix(".access.sqlite"))}
    for args in (["import", str(ROOT / "docs" / "examples" / "sipbm_canonical_example.csv")],
                 ["boundaries", str(SHARED / "geo" / "kecamatan_73_63.geojson")]):
        done = subprocess.run([sys.executable, "-m", "data", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                              timeout=300)
        assert done.returncode == 0, done.stderr[-2000:]
    make_account(store, "admin", "admin")
    return store


def test_the_import_history_fits_a_laptop_and_a_full_hd_page(history_store, browser):  # noqa: F811
    """At 1366x768 the survey import log's columns sized to their contents (file name, hash, status, user) pushed its
    "Status" and "Petugas" past the right edge (92 px); at both widths every column of both logs is on the page, and
    the boundary log's counts have headers that fit their narrow columns (they read "Tidak diker", "Di luar wila")."""
    with streamlit_server(history_store, "streamlit_history.log") as url:
        for width, height in ((1366, 768), (1920, 1080)):
            page = browser.new_page(viewport={"width": width, "height": height})
            page.goto(f"{url}/impor")
            log_in(page, "admin")
            # both logs drawn, their grids laid out (the scroller is there once a grid has measured its columns)
            page.wait_for_function("() => [...document.querySelectorAll(\"[data-testid='stDataFrame']\")]"
                                   ".filter(d => d.querySelector('.dvn-scroller') && d.querySelector('[role=columnheader]'))"
                                   ".length >= 2", timeout=120_000)
            tables = page.evaluate(CLIPPED)
            survey, boundaries = tables[-2:]
            assert survey["header"].startswith("Waktu | Berkas | SHA-256 | Putaran") and "Petugas" in survey["header"]
            assert "Di berkas | Cocok | Tak dikenal | Tanpa batas | Luar induk | Petugas" in boundaries["header"], tables
            assert [t["overflow"] for t in (survey, boundaries)] == [0, 0], (width, tables)
            page.locator("[data-testid='stDataFrame']").last.scroll_into_view_if_needed()
            page.screenshot(path=str(ARTIFACTS / f"impor_history_{width}.png"))
            page.close()


@pytest.fixture(scope="module")
def server(demo_store):  # noqa: F811 (a server of this module's own)
    make_account(demo_store, "admin", "admin")
    with streamlit_server(demo_store, log_name="streamlit_pass.log") as url:
        yield url


# what Streamlit's date field said in its calendar (the months Indonesian spells otherwise, its two footer texts)
CALENDAR_ENGLISH = {"Date range", "Past Week", "Past Month", "January", "February", "March", "May", "June", "July",
                    "August", "October", "December"}


def test_the_audit_period_is_typed_in_indonesian_with_no_english_calendar(server, browser):  # noqa: F811
    """The Audit page's period was st.date_input: clicked, its calendar said "November 2026", "Date range" and "Past
    Week" (and S M T W T F S) in the Indonesian UI, with no parameter to change it. The period is two text fields
    (dd/mm/yyyy, last week by default), the Impor page's kind of date: a typo is said in Indonesian, a period with no
    record says so."""
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    page.goto(f"{server}/impor")
    log_in(page, "admin")
    page.get_by_text("Masuk sebagai").first.wait_for(timeout=60_000)
    page.get_by_role("link", name="Audit").click()  # in the same session: a new page load would log out
    page.get_by_role("heading", name="Audit").wait_for(timeout=180_000)
    page.wait_for_selector("[data-testid='stDataFrame'] [role=columnheader]", state="attached", timeout=120_000)
    field = page.locator("[data-testid='stMain'] input").first  # the period's first field
    field.click()
    page.wait_for_function("(f) => f === document.activeElement", arg=field.element_handle(), timeout=30_000)
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")  # drawn after focus
    seen = page.evaluate(SHOWN)
    assert not sorted(CALENDAR_ENGLISH & set(seen)), sorted(CALENDAR_ENGLISH & set(seen))
    assert "Periode: dari" in seen and "sampai" in seen, [s for s in seen if "eriod" in s]

    since = page.get_by_role("textbox", name="Periode: dari")
    since.fill("kemarin")
    since.press("Enter")
    page.get_by_text("'kemarin' bukan tanggal: tulis hari/bulan/tahun").wait_for(timeout=60_000)
    since.fill("01/01/2099")
    since.press("Enter")
    page.get_by_text("Tidak ada catatan").wait_for(timeout=60_000)
    page.close()
