"""Real browser (issue 21, the province's desa): a long Peta table shows its first 100 units and says so, its
downloads hold every unit, and its switch shows them all. Bone's 372 desa on the demo store of tests/test_browser.py
(session-scoped, built once); this module runs its own `streamlit run` on it."""

import io
import re
from pathlib import Path

import openpyxl
import pytest

from tests.test_browser import (  # noqa: F401 (fixtures)
    assert_no_error, browser, demo_store, download, streamlit_server, wait_for_map, wait_painted,
)
from tests.test_browser import pytestmark  # noqa: F401 (needs ../shared and Debian's chromium)

ROWS = """() => [...document.querySelectorAll("[data-testid='stDataFrame'] [role=grid]")]
  .map(g => Number(g.getAttribute('aria-rowcount')))"""


@pytest.fixture(scope="module")
def table_server(demo_store):
    with streamlit_server(demo_store, "streamlit_table.log") as url:
        yield url


def test_a_long_table_shows_its_first_units_and_downloads_them_all(table_server, browser):
    from ui.peta import FIRST

    page = browser.new_page(viewport={"width": 1366, "height": 900}, accept_downloads=True)
    page.goto(f"{table_server}/peta?kab=73.08&tingkat=kel&tabel=1")  # the unit table open (its link)
    wait_for_map(page, "73.08.")
    line = page.get_by_text(f"{FIRST} dari 372 wilayah (Desa/Kelurahan) ditampilkan")
    line.wait_for(timeout=60_000)
    assert "semua ada di unduhan CSV/XLSX" in line.inner_text()
    page.wait_for_function(f"() => ({ROWS})()[0] > 0", timeout=60_000)
    assert page.evaluate(ROWS)[0] == FIRST + 1  # the header row and the units sent
    wb = openpyxl.load_workbook(io.BytesIO(Path(download(page, "peta_units_xlsx").path()).read_bytes()))
    rows = list(wb["Tabel"].values)[1:]
    assert len(rows) == 372 and len({r[0] for r in rows}) == 372 and all(r[0].startswith("73.08.") for r in rows)
    about = dict(wb["Keterangan"].iter_rows(min_row=2, values_only=True))
    assert about["Jumlah baris"] == 372
    page.get_by_text("Tampilkan semua (372)").click()
    page.wait_for_function(f"() => ({ROWS})()[0] === 373", timeout=60_000)
    page.get_by_text("Semua 372 wilayah (Desa/Kelurahan)").wait_for(timeout=30_000)
    assert_no_error(page)
    page.close()


def test_a_page_load_of_the_map_loads_no_table_code_until_the_table_is_opened(table_server, browser):
    """The unit table is one switch under the map (ui.peta.unit_table): a page load of the map does not make the browser
    load the grid's code (Streamlit's DataFrame chunk), which it would load and run before it draws the page's lazily
    loaded elements, the map's first paint among them (benchmarks/README.md, peta-first). The switch loads it, shows
    the table and puts it in the link."""
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    asked = []
    page.on("request", lambda request: asked.append(request.url.rsplit("/", 1)[-1]))
    page.goto(f"{table_server}/peta?kab=73.73")
    wait_for_map(page, "73.73.")
    wait_painted(page)
    switch = page.get_by_text(re.compile(r"^Tampilkan tabel \(48 wilayah\)$"))
    switch.wait_for(timeout=60_000)  # the page's elements drawn, the map's switch under it among them
    assert_no_error(page)
    assert any(name.startswith("plotly-ats.min.js") for name in asked), asked  # the map's code is seen as a request
    assert not [name for name in asked if name.startswith("DataFrame.")], asked
    switch.click()
    page.wait_for_selector("[data-testid='stDataFrame'] [role=columnheader]", state="attached", timeout=60_000)
    assert [name for name in asked if name.startswith("DataFrame.")], asked
    page.wait_for_url(re.compile(r"[?&]tabel=1(&|$)"), timeout=30_000)
    page.close()
