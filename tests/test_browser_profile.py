"""Real browser (issue 21.3): a click on a desa of the Palopo map opens its profile with the numbers of the map
table's row, the map keeps the legend's colours, and closing returns to the map; the Bandingkan page shows two
kab/kota under one legend. The demo store is the one tests/test_browser.py builds (session-scoped, built once);
this module runs its own `streamlit run` on it. Screenshots go to tests/artifacts/."""

import io
from pathlib import Path

import openpyxl
import pytest

from tests.test_browser import (  # noqa: F401 (fixtures)
    ARTIFACTS, assert_no_error, browser, click_on_map, demo_store, download, streamlit_server, wait_for_map,
    wait_painted,
)
from tests.test_browser import pytestmark  # noqa: F401 (needs ../shared and Debian's chromium)

# The opacity of every unit's path on the map: a Plotly selection sets it per path (the unselected units faded); with
# the colours kept it stays the map's one number.
FILL_OPACITY = ("() => [...new Set([...document.querySelector('.js-plotly-plot')"
                ".querySelectorAll('.choroplethlayer path.choroplethlocation')].map(p => getComputedStyle(p).opacity))]")


@pytest.fixture(scope="module")
def profile_server(demo_store):
    with streamlit_server(demo_store, "streamlit_profile.log") as url:
        yield url


def map_table(page) -> dict:
    """The rows of the Peta table as its XLSX download has them: kode -> (name, children, out of school)."""
    wb = openpyxl.load_workbook(io.BytesIO(Path(download(page, "peta_units_xlsx").path()).read_bytes()))
    rows = list(wb["Tabel"].values)
    assert rows[0][:4] == ("Kode", "Nama", "Anak 7-18", "ATS")
    return {r[0]: r[1:4] for r in rows[1:]}


def shown_count(n) -> str:
    return "< 5" if n is None else f"{n:,}".replace(",", ".")


def test_a_click_on_a_desa_opens_its_profile_and_closing_returns(profile_server, browser):
    import geopandas as gpd

    from tests.conftest import SHARED

    page = browser.new_page(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    page.goto(f"{profile_server}/peta")
    palopo = wait_for_map(page, "73.73.")
    wait_painted(page)
    table = map_table(page)
    # the largest kelurahan whose counts are published (an easy target for a real click)
    kel = gpd.read_file(SHARED / "geo" / "kelurahan_73.geojson")
    kel = kel[kel["kode"].isin([k for k, (_, n, ats) in table.items() if n and ats])]
    target = kel.loc[kel.to_crs("EPSG:32750").area.idxmax()]
    nama, n_anak, n_ats = table[target["kode"]]
    point = target.geometry.representative_point()
    colours = page.evaluate(FILL_OPACITY)
    assert colours == ["1"], colours  # the legend's colours, unfaded

    click_on_map(page, point.x, point.y, target["kode"])
    drawer = page.get_by_role("dialog")
    drawer.get_by_text(f"Profil {nama}").wait_for(timeout=60_000)
    page.wait_for_function("(k) => location.search.includes('unit=' + k)", arg=target["kode"], timeout=30_000)
    metrics = drawer.locator("[data-testid='stMetricValue']")
    metrics.nth(2).wait_for(timeout=30_000)
    values = metrics.all_inner_texts()
    assert values[0] == shown_count(n_anak) and values[1] == shown_count(n_ats), (values, n_anak, n_ats)
    drawer.get_by_text("Cakupan sensus:").wait_for(timeout=30_000)  # drawn after the metrics (read at once: 0 on a loaded machine)
    assert drawer.get_by_text("Cakupan sensus:").count() == 1
    assert page.evaluate(FILL_OPACITY) == colours  # no unit faded: the legend's colours stay
    assert_no_error(page)
    page.screenshot(path=str(ARTIFACTS / "peta_profile.png"))

    drawer.get_by_role("button", name="Tutup profil, kembali ke peta").click()
    page.wait_for_function("() => !location.search.includes('unit=')", timeout=30_000)
    page.get_by_role("dialog").wait_for(state="detached", timeout=30_000)
    assert sorted(wait_for_map(page, "73.73.")) == sorted(palopo)
    wait_painted(page)
    assert page.evaluate(FILL_OPACITY) == colours

    # the same desa again opens it again (no selection was left to toggle off); Esc closes it
    click_on_map(page, point.x, point.y, target["kode"])
    page.get_by_role("dialog").get_by_text(f"Profil {nama}").wait_for(timeout=60_000)
    page.keyboard.press("Escape")
    page.wait_for_function("() => !location.search.includes('unit=')", timeout=30_000)
    assert page.get_by_role("dialog").count() == 0
    page.close()


def test_the_profile_link_opens_it_in_a_fresh_browser(profile_server, browser):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(f"{profile_server}/peta?kab=73.73&unit=73.73.01.1002")
    page.get_by_role("dialog").get_by_text("Profil ").first.wait_for(timeout=60_000)
    assert_no_error(page)
    page.close()


def test_compare_two_kab_kota_under_one_legend(profile_server, browser):
    page = browser.new_page(viewport={"width": 1400, "height": 2400}, accept_downloads=True)
    page.goto(f"{profile_server}/banding?banding=73.73,73.05")
    page.wait_for_function("() => [...document.querySelectorAll('.js-plotly-plot')].filter(el => el.data && el.data.length"
                           " && el._fullLayout && el._fullLayout.geo).length == 2", timeout=90_000)
    assert_no_error(page)
    legends = page.locator("[data-testid='stMarkdownContainer'] b").filter(has_text="Jumlah ATS · anak 7-18")
    legends.first.wait_for(timeout=60_000)  # the legend itself, not only the maps (a loaded run read it mid-rerun)
    assert legends.count() == 1  # one legend for both maps
    assert page.get_by_text("Kota Palopo", exact=True).count() >= 1 and page.get_by_text("Kabupaten Takalar", exact=True).count() >= 1
    wb = openpyxl.load_workbook(io.BytesIO(Path(download(page, "banding_units_table_xlsx").path()).read_bytes()))
    names = [r[0] for r in list(wb["Tabel"].values)[1:]]
    assert names == ["Kota Palopo", "Kabupaten Takalar"]
    page.screenshot(path=str(ARTIFACTS / "banding_palopo_takalar.png"), full_page=True)
    page.close()
