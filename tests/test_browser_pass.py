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
from tests.test_browser_ui import CLIPPED, SHOWN, column_edges

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


# every data row's cells as the grid's accessible copy holds them (the rows drawn), in column order
ROWS = """(table) => [...table.querySelectorAll('[role=row]')].slice(1)
  .map(r => [...r.querySelectorAll('[role=gridcell]')].map(c => c.innerText.trim()))"""
AUDIT_CODES = {"unknown_account", "wrong_password", "role", "out_of_scope", "national_only", "scope_needs_kab",
               "logout", "expired", "disabled", "locked_account", "locked_client", "checks"}
# the Audit columns whose every cell is short enough to be read whole (the others show a long cell in its tooltip)
WHOLE = ("Waktu", "Akun", "Peran", "Tindakan", "Hasil", "Alasan", "Klien", "Saluran")


@pytest.mark.parametrize("width,height", [(1366, 768), (1920, 1080)])
def test_the_audit_table_is_read_whole_and_in_indonesian(server, browser, width, height):  # noqa: F811
    """At 1366 px the Audit table cut its cells ("tidak berha", "ip:::ffff:12") and said its reasons as English codes
    ("unknown_account", "role"). After a failed login of an unknown account, a visitor refused and the admin's login,
    every header and every cell of its short columns (time, account, role, action, outcome, reason, client, channel)
    fits its column as drawn, no column lies past the right edge, and no reason is an English code, at both widths."""
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(f"{server}/impor")  # a visitor refused: reason "role"
    page.get_by_label("Nama akun").fill("bukan.akun", timeout=60_000)
    page.get_by_label("Kata sandi").fill("salah-sekali-123")
    page.get_by_role("button", name="Masuk").click()
    page.get_by_text("Nama akun atau kata sandi salah").wait_for(timeout=60_000)  # reason "unknown_account"
    log_in(page, "admin")
    page.get_by_text("Masuk sebagai").first.wait_for(timeout=60_000)
    page.get_by_role("link", name="Audit").click()  # in the same session: a new page load would log out
    page.get_by_role("heading", name="Audit").wait_for(timeout=180_000)
    table = page.locator("[data-testid='stDataFrame']").first
    # the rows just written drawn: the failed login's and the refusal's, and the grid laid out
    page.wait_for_function(f"(t) => ({ROWS})(t).some(r => r[3] === 'masuk' && r[4] === 'gagal')"
                           f" && ({ROWS})(t).some(r => r[3] === 'akses ditolak')"
                           " && t.querySelector('.dvn-scroller')", arg=table.element_handle(), timeout=120_000)
    headers = page.evaluate("(t) => [...t.querySelectorAll('[role=columnheader]')].map(h => h.innerText)",
                            table.element_handle())
    rows = page.evaluate(ROWS, table.element_handle())
    assert set(WHOLE) <= set(headers), headers
    reasons = {r[5] for r in rows}
    assert [t["overflow"] for t in page.evaluate(CLIPPED)] == [0]

    edges = [0.0, *column_edges(page, table)]
    assert len(edges) >= len(headers), (headers, edges)
    columns = [b - a for a, b in zip(edges, edges[1:])] + [table.bounding_box()["width"] - edges[-1]]
    texts = [(headers[i], [headers[i], *(r[i] for r in rows if len(r) > i)] if headers[i] in WHOLE else [headers[i]])
             for i in range(len(headers))]
    # each text as the grid draws it: the page's sans-serif at 14 px, regular weight
    widths = page.evaluate("""([texts, t]) => { const c = document.createElement('canvas').getContext('2d');
        c.font = '400 14px ' + getComputedStyle(t).fontFamily;
        return texts.map(([h, said]) => said.map(s => [s, c.measureText(s).width])); }""",
                           [texts, table.element_handle()])
    cut = [(s, round(w), round(c)) for said, c in zip(widths, columns) for s, w in said if w + 8 > c + 1]
    codes = sorted(reasons & AUDIT_CODES)
    assert not cut and not codes, (width, cut, codes)  # (text, its px, its column's px), English reason codes
    assert {"akun tak ada", "peran kurang"} <= reasons, sorted(reasons)
    page.screenshot(path=str(ARTIFACTS / f"audit_table_{width}.png"))
    page.close()


NAV = ("() => [...document.querySelectorAll('[data-testid=stSidebarNav] a')]"
       ".map(a => a.innerText.trim().split('\\n').pop().trim())")  # the label, not its icon's ligature


def test_an_english_link_opens_with_an_english_navigation_and_login_box(server, browser):  # noqa: F811
    """/tren?lang=en opened in a fresh browser showed the page in English but the sidebar's navigation ("Peta",
    "Tren", "Penanganan", …, "Masuk") and its login note ("Anda belum masuk: …") in Indonesian until the next click:
    they were made before the filters read the link's language. Once the page is drawn, in English, so is the
    sidebar."""
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    page.goto(f"{server}/tren?lang=en")
    page.get_by_role("heading", name="Out-of-school children across survey rounds").wait_for(timeout=180_000)
    page.wait_for_function("() => !document.querySelector('[data-testid=stStatusWidgetRunningIcon], [data-stale=true]')"
                           " && document.querySelectorAll('[data-testid=stSidebarNav] a').length >= 5", timeout=120_000)
    nav = page.evaluate(NAV)
    sidebar = page.locator("[data-testid=stSidebar]").inner_text()
    assert nav[:5] == ["Map", "Trends", "Handling", "Compare", "KLA cluster IV"], nav
    assert "Anda belum masuk" not in sidebar, sidebar[:300]
    page.close()


# the lines a text takes in a column of `width` px, wrapped at spaces as the grid wraps it (14 px sans-serif, 8.5 px of
# padding each side), and whether the grid wraps at all: Streamlit 1.67 wraps only in rows taller than 4rem (64 px)
LINES = """([texts, t, width]) => { const c = document.createElement('canvas').getContext('2d');
    c.font = '400 14px ' + getComputedStyle(t).fontFamily;
    return texts.map(s => { let lines = 1, line = '';
        for (const word of s.split(' ')) { const next = line ? line + ' ' + word : word;
            if (line && c.measureText(next).width > width - 17) { lines++; line = word; } else line = next; }
        return [s, lines]; }); }"""


@pytest.mark.parametrize("width,height", [(1366, 768), (1920, 1080)])
def test_the_kla_scorecard_is_read_whole_without_scrolling(server, browser, width, height):  # noqa: F811
    """The scorecard's indicator names and "Sumber dan bukti" ("Sensus SIPBM · cakupan sensus 100,0% desa/kelurahan")
    were cut at their column's edge at 1366 px (whole on hover only), and a taller table would scroll inside itself on
    a projector. Every indicator and source text fits the lines its row holds, and every row is on screen in the
    table: no scrolling inside it, no column past the right edge."""
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(f"{server}/kla")
    table = page.locator("[data-testid='stDataFrame']").first
    page.wait_for_function(f"(t) => ({ROWS})(t).length >= 10 && t.querySelector('.dvn-scroller')",
                           arg=table.element_handle(), timeout=180_000)
    headers = page.evaluate("(t) => [...t.querySelectorAll('[role=columnheader]')].map(h => h.innerText)",
                            table.element_handle())
    rows = page.evaluate(ROWS, table.element_handle())
    scroller = page.evaluate("(t) => { const s = t.querySelector('.dvn-scroller');"
                             " return [s.scrollHeight - s.clientHeight, s.scrollWidth - s.clientWidth]; }",
                             table.element_handle())
    assert scroller == [0, 0], scroller  # no row below the table's edge, no column past its right
    row_height = (table.bounding_box()["height"] - 38) / len(rows)  # the table as tall as its header and rows
    fits = int((row_height - 8) // 18) if row_height > 64 else 1  # lines of 14 px text a row holds (18 px a line)
    # its header on screen below the page's top bar, where the mouse finds the column borders
    page.evaluate("(t) => { t.scrollIntoView({block: 'start'}); document.querySelector('[data-testid=stMain]').scrollBy(0, -150); }",
                  table.element_handle())
    edges = [0.0, *column_edges(page, table)]
    assert len(edges) == len(headers), (headers, edges)
    columns = [b - a for a, b in zip(edges, edges[1:])] + [table.bounding_box()["width"] - edges[-1]]
    cut = []
    for name in ("Indikator", "Sumber dan bukti"):
        i = headers.index(name)
        lines = page.evaluate(LINES, [[r[i] for r in rows], table.element_handle(), columns[i]])
        cut += [(name, s, n) for s, n in lines if n > fits]
    assert not cut, (width, round(row_height), fits, cut)  # (column, text, lines it needs)
    page.close()
