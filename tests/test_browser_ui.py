"""Real browser, what a reader sees of the frame of the pages (issue 21.3): no English from Plotly or Streamlit in the
Indonesian UI. Same demo store and server setup as tests/test_browser.py (its fixtures)."""

from pathlib import Path

import pytest

from tests.conftest import needs_shared
from tests.test_browser import ARTIFACTS, CHROMIUM, browser, demo_store, log_in, make_account  # noqa: F401 (fixtures)
from tests.test_browser import streamlit_server
from ui.plotly_locale import DICTIONARY_ID

pytestmark = [needs_shared, pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium not installed")]


@pytest.fixture(scope="module")
def server(demo_store):  # noqa: F811 (a server of this module's own)
    make_account(demo_store, "admin", "admin")
    with streamlit_server(demo_store, log_name="streamlit_ui.log") as url:
        yield url


def after_content(page, selector: str) -> list[str]:
    """The CSS ::after content of every element matching `selector` (what a tooltip or a replaced label shows)."""
    return page.eval_on_selector_all(selector, "els => els.map(e => getComputedStyle(e, '::after').content)")


def test_no_english_from_plotly_or_streamlit_in_the_indonesian_ui(server, browser):  # noqa: F811
    """Plotly's modebar tooltips in Indonesian (config.locales, sent with the figure: no locale bundle fetched), the
    tooltip of Streamlit's fullscreen button, the file uploader's button and size line, the audit page's empty
    multiselects: none of them English."""
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    off_machine = []
    page.on("request", lambda r: off_machine.append(r.url) if not r.url.startswith(("http://127.0.0.1", "data:", "blob:")) else None)
    page.goto(f"{server}/peta")
    page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot .modebar-btn').length >= 5", timeout=90_000)
    tooltips = after_content(page, ".js-plotly-plot .modebar-btn")
    indonesian = {f'"{v}"' for v in DICTIONARY_ID.values()} | {'"Layar penuh"'}
    assert tooltips and set(tooltips) <= indonesian, tooltips
    assert '"Unduh grafik sebagai PNG"' in tooltips and '"Layar penuh"' in tooltips

    page.goto(f"{server}/impor")
    log_in(page, "admin")
    page.wait_for_selector("[data-testid='stFileUploaderDropzone'] button", timeout=60_000)
    assert set(after_content(page, "[data-testid='stFileUploaderDropzone'] button p")) == {'"Pilih berkas"'}
    assert set(after_content(page, "[data-testid='stFileUploaderDropzoneInstructions'] span")) == {
        '"Paling besar 200 MB per berkas"'}
    hidden = page.eval_on_selector_all("[data-testid='stFileUploaderDropzone'] button p, "
                                       "[data-testid='stFileUploaderDropzoneInstructions'] span",
                                       "els => els.map(e => getComputedStyle(e).fontSize)")
    assert set(hidden) == {"0px"}, hidden  # Streamlit's "Upload" and "200MB per file" take no room and show nothing
    page.screenshot(path=str(ARTIFACTS / "impor_uploader_id.png"))

    page.get_by_role("link", name="Audit").click()  # in the same session: a new page load would log out
    page.wait_for_function("() => [...document.querySelectorAll(\"[data-testid='stMultiSelect'] input\")]"
                           ".filter(e => e.placeholder === 'Semua').length >= 2", timeout=60_000)
    placeholders = page.eval_on_selector_all("input", "els => els.map(e => e.placeholder).filter(p => p)")
    assert not [p for p in placeholders if "Choose" in p or "Select" in p or "mm" in p], placeholders
    assert off_machine == [], off_machine[:5]
    page.close()
