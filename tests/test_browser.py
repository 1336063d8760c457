"""Real browser: `streamlit run app.py` headless, Debian's Chromium driven by Playwright.

On a demo store: the map page (no error element, a map drawn, the kab/kota switched, a unit clicked to drill
down), the Tren, Penanganan, KLA and Impor pages (no error element, charts drawn, an uploaded file checked).
On no store at all: the first start builds the demo once, whoever reloads. On a store of real (non-demo) data
behind an admin password: unlock, upload, apply, download the rejection report. Screenshots go to tests/artifacts/.
"""

import contextlib
import io
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from data.config import ROOT
from tests.conftest import needs_shared

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = ROOT / "tests" / "artifacts"
pytestmark = [
    needs_shared,
    pytest.mark.skipif(not Path(CHROMIUM).exists() and not os.environ.get("CI"), reason="Debian chromium not installed"),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def demo_store(tmp_path_factory) -> Path:
    """A real demo store (Palopo and Takalar) built by the command line, as a user would; once per test run (the
    browser tests of tests/test_browser_profile.py use it too)."""
    path = tmp_path_factory.mktemp("browser") / "demo.duckdb"
    env = {**os.environ, "ATS_STORE": str(path)}
    subprocess.run([sys.executable, "-m", "data", "demo", "--regions", "73.73,73.05"], cwd=ROOT, env=env, check=True)
    return path


@contextlib.contextmanager
def serving(command: list[str], log_name: str, health: str, port: int, what: str, **popen):
    """A test server: `command` run as its own process (output in tests/artifacts/`log_name`), waited for until
    http://127.0.0.1:`port``health` answers 200 (else the test fails, naming `what`); yields its URL, stops it after."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    log = open(ARTIFACTS / log_name, "w")
    proc = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, **popen)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while True:
        try:
            if urllib.request.urlopen(url + health, timeout=2).status == 200:
                break
        except OSError:
            if time.time() > deadline:
                proc.terminate()
                log.close()
                pytest.fail(f"{what} did not start; see tests/artifacts/{log_name}")
            time.sleep(0.5)
    try:
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        log.close()


def choose(page, label: str, option: str) -> None:
    """Pick `option` in the main area's select labelled `label`."""
    page.locator("[data-testid='stMain']").get_by_role("combobox", name=label, exact=True).click()
    page.get_by_role("option", name=option, exact=True).click()


@contextlib.contextmanager
def streamlit_server(store: Path, log_name: str = "streamlit.log", args: tuple = (), port: int | None = None,
                     **env_extra):
    """`streamlit run app.py` on a free port (or `port`) against the store at `store`, with Streamlit options `args`;
    yields its URL."""
    port = port or free_port()
    env = {**os.environ, "ATS_STORE": str(store), "ATS_HMAC_KEY": "browser-test-key-not-secret-" + "7f3a" * 8,
           "ATS_ACCESS_DB": str(store.with_suffix(".access.sqlite")), **env_extra}
    command = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port), "--server.headless",
               "true", *args]
    with serving(command, log_name, "/_stcore/health", port, "streamlit", cwd=ROOT, env=env) as url:
        yield url


def make_account(store: Path, name: str, role: str, scope: str | None = None, **env) -> None:
    """An account in the accounts file of the server of `store` (streamlit_server's ATS_ACCESS_DB), made with the
    command line as an administrator would."""
    from tests.conftest import PASSWORD

    password_file = store.with_name(f"{name}.password.txt")
    password_file.write_text(PASSWORD + "\n")
    env = {**os.environ, "ATS_STORE": str(store), "ATS_ACCESS_DB": str(store.with_suffix(".access.sqlite")), **env}
    made = subprocess.run([sys.executable, "-m", "data", "user", "add", name, "--role", role,
                           *(["--scope", scope] if scope else []), "--password-file", str(password_file)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert made.returncode == 0, made.stderr


def log_in(page, name: str) -> None:
    """Fill the login form shown on the page and submit it."""
    from tests.conftest import PASSWORD

    page.get_by_label("Nama akun").fill(name, timeout=60_000)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()


@pytest.fixture(scope="module")
def server(demo_store):
    make_account(demo_store, "admin", "admin")
    with streamlit_server(demo_store) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run", "--disable-quic", "--use-angle=swiftshader", "--enable-unsafe-swiftshader"],
        )
        yield b
        b.close()


def map_locations(page) -> list[str]:
    return page.evaluate(
        "() => { const el = document.querySelector('.js-plotly-plot');"
        " return el && el.data ? el.data.flatMap(t => t.locations || []) : []; }"
    )


def wait_for_map(page, prefix: str, timeout_s: float = 60, unlike=()) -> list[str]:
    """Wait until the map shows only units under `prefix` (and not exactly the units `unlike`) and has drawn them."""
    deadline = time.time() + timeout_s
    locations = []
    while time.time() < deadline:
        locations = map_locations(page)
        if locations and all(k.startswith(prefix) for k in locations) and sorted(locations) != sorted(unlike):
            wait_painted(page, timeout_ms=30_000)
            return locations
        time.sleep(0.5)
    raise AssertionError(f"map of {prefix} not drawn; locations seen: {locations[:5]}")


# The map (ui/maps.py) is an SVG choropleth on Plotly's geo subplot: drawn when Plotly has processed this very data
# (its GeoJSON fetched: no pending promise) and every unit of its traces is a filled path of the choropleth layer.
PAINTED = """() => {
    const gd = document.querySelector('.js-plotly-plot');
    if (!gd || !gd.data || !gd._fullData || gd._fullData.length !== gd.data.length || (gd._promises && gd._promises.length)) return false;
    const geo = gd._fullLayout && gd._fullLayout.geo && gd._fullLayout.geo._subplot;
    const units = gd.data.reduce((n, t) => n + (t.locations || []).length, 0);
    const paths = [...gd.querySelectorAll('.choroplethlayer path.choroplethlocation')];
    return !!geo && !!geo.projection && units > 0 && paths.length === units
        && paths.every(p => p.getAttribute('d') && p.getAttribute('fill')); }"""


def wait_painted(page, timeout_ms: int = 60_000) -> None:
    """Wait until the map has drawn every unit of its data as a filled SVG path."""
    page.wait_for_function(PAINTED, timeout=timeout_ms)


def metric_values(page, n: int, timeout_ms: int = 120_000) -> list[int]:
    """The first n metric values as integers, once n metrics are drawn with their text (a metric's box can be on the
    page before its value: reading at once read [] on a loaded machine)."""
    page.wait_for_function(
        "(n) => { const v = [...document.querySelectorAll(\"[data-testid='stMetricValue']\")];"
        " return v.length >= n && v.slice(0, n).every(e => /\\d/.test(e.innerText)); }",
        arg=n, timeout=timeout_ms,
    )
    values = page.locator("[data-testid='stMetricValue']").all_inner_texts()
    return [int(v.replace(".", "")) for v in values[:n]]


def download(page, key: str):
    """Click the download button of widget key `key` and return the Playwright Download (the file the browser saved).
    (Streamlit draws a second, hidden button in a download button's element: the visible one is found by its role.)"""
    with page.expect_download() as started:
        page.locator(f".st-key-{key}").get_by_role("button").click()
    return started.value


def assert_no_error(page):
    assert page.locator("[data-testid='stException']").count() == 0, "an exception is shown"
    assert page.locator("[data-testid='stAlertContentError']").count() == 0, "an error message is shown"


def test_map_page_in_chromium(server, browser):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    geometry_fetches, label_fetches = [], []
    page.on("request", lambda r: geometry_fetches.append(r.url) if "/app/static/geo/" in r.url and r.url.endswith(".geojson") else None)
    page.on("request", lambda r: label_fetches.append(r.url) if "/app/static/geo/" in r.url and r.url.endswith(".labels.json") else None)
    off_machine = []  # the dashboard must work with no internet: no tiles, fonts or icons from a CDN
    page.on("request", lambda r: off_machine.append(r.url) if not r.url.startswith(("http://127.0.0.1", "data:", "blob:")) else None)
    page.goto(f"{server}/peta")
    palopo = wait_for_map(page, "73.73.")
    assert len(palopo) == 48
    wait_painted(page)
    assert_no_error(page)
    assert page.get_by_text("Data demo (sintetis)").count() >= 1
    page.screenshot(path=str(ARTIFACTS / "peta_palopo.png"), full_page=True)

    # choose another kab/kota in the sidebar: the map changes to Takalar's desa
    box = page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").filter(has_text="Kabupaten/Kota")
    box.click()
    page.keyboard.type("Takalar")
    page.keyboard.press("Enter")
    takalar = wait_for_map(page, "73.05.")
    assert len(takalar) > 48 and set(takalar).isdisjoint(palopo)
    wait_painted(page)
    assert_no_error(page)
    page.screenshot(path=str(ARTIFACTS / "peta_takalar.png"), full_page=True)
    fetched = len(geometry_fetches)
    assert fetched >= 2 and any("kel_73.05" in u for u in geometry_fetches)

    # a filter change re-colours the map without fetching geometry again
    box = page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").filter(has_text="Jenis kelamin")
    box.click()
    page.keyboard.type("Perempuan")
    page.keyboard.press("Enter")
    page.wait_for_function("() => location.search.includes('sex=P')", timeout=30_000)
    assert sorted(wait_for_map(page, "73.05.")) == sorted(takalar)
    wait_painted(page)
    assert_no_error(page)
    assert len(geometry_fetches) == fetched, geometry_fetches
    assert len(label_fetches) == len(set(label_fetches)), label_fetches  # the names too: once per view and page
    assert off_machine == []
    page.close()


def click_on_map(page, lon: float, lat: float, kode: str, timeout_s: float = 30) -> None:
    """A real mouse click at the screen point of (lon, lat), placed by the map's own projection once every unit is
    drawn, after the pointer, resting there, has Plotly's hover on the unit `kode` (what the click then selects). The
    map is scrolled into view first, as a user would (reading the unit table below it scrolls the page)."""
    page.evaluate("document.querySelector('.js-plotly-plot').scrollIntoView({block: 'center'})")
    wait_painted(page, timeout_ms=int(timeout_s * 1000))
    x, y = page.evaluate(
        """([lon, lat]) => {
            const gd = document.querySelector('.js-plotly-plot');
            const p = gd._fullLayout.geo._subplot.projection([lon, lat]);
            const r = gd.querySelector('.main-svg').getBoundingClientRect();
            return [r.left + p[0], r.top + p[1]];
        }""",
        [lon, lat],
    )
    page.mouse.move(x - 3, y)
    page.mouse.move(x, y)
    page.wait_for_function("(kode) => { const h = document.querySelector('.js-plotly-plot')._hoverdata;"
                           " return !!h && h.length > 0 && h[0].location === kode; }", arg=kode, timeout=timeout_s * 1000)
    page.mouse.click(x, y)


def test_click_drills_down_and_breadcrumb_goes_back(server, browser):
    import geopandas as gpd

    from tests.conftest import SHARED

    kec = gpd.read_file(SHARED / "geo" / "kecamatan_73_63.geojson")
    kec = kec[kec["kode"].str.startswith("73.05.")]
    target = kec.loc[kec.to_crs("EPSG:32750").area.idxmax()]
    point = target.geometry.representative_point()

    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(f"{server}/peta?kab=73.05&tingkat=kec")
    wait_for_map(page, "73.05.")
    assert all(len(k) == 8 for k in map_locations(page))
    click_on_map(page, point.x, point.y, target["kode"])
    desa = wait_for_map(page, target["kode"] + ".")
    assert len(desa) >= 3
    assert page.get_by_role("button", name=f"› {target['nama']}").is_disabled()  # the breadcrumb's last step
    page.wait_for_function("(kode) => location.search.includes('kec=' + kode)", arg=target["kode"], timeout=30_000)
    wait_painted(page)
    assert_no_error(page)
    page.screenshot(path=str(ARTIFACTS / "peta_drill_kecamatan.png"), full_page=True)

    # the breadcrumb goes back up to the kab/kota
    page.get_by_role("button", name="Kabupaten Takalar").click()
    takalar = wait_for_map(page, "73.05.", unlike=desa)
    assert len(takalar) > len(desa) and all(len(k) == 8 for k in takalar)  # Takalar's kecamatan again
    assert_no_error(page)
    page.close()


def test_kla_page_in_chromium(server, browser):
    """The KLA cluster IV page opens on Palopo with its scorecard, tier history and comparison, and no error."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    off_machine = []
    page.on("request", lambda r: off_machine.append(r.url) if not r.url.startswith(("http://127.0.0.1", "data:", "blob:")) else None)
    page.goto(f"{server}/kla")
    page.get_by_text("KLA Klaster IV").first.wait_for(timeout=60_000)
    page.wait_for_selector("[data-testid='stDataFrame']", timeout=60_000)
    page.wait_for_function("() => [...document.querySelectorAll('.js-plotly-plot')]"
                           ".filter(el => el.data && el.data.length && el.querySelector('.main-svg')).length >= 2",
                           timeout=60_000)
    assert_no_error(page)
    assert page.get_by_text("Kartu skor klaster IV · Kota Palopo").count() == 1
    # the source line speaks to people; the query is one switch away
    assert page.get_by_text(re.compile(r"^Sumber: indikator KLA klaster IV tahun \d{4}")).count() >= 1
    assert page.get_by_text("kla_indicators_by_kab").count() == 0
    page.locator("[data-testid='stSidebar']").get_by_text("Rincian teknis sumber data").click()
    page.get_by_text("kla_indicators_by_kab").first.wait_for(timeout=30_000)
    # the scorecard leaves as an XLSX that says what it is
    wb = openpyxl.load_workbook(io.BytesIO(Path(download(page, "kla_scorecard_xlsx").path()).read_bytes()))
    about = dict(wb["Keterangan"].iter_rows(min_row=2, values_only=True))
    assert about["Kueri"] == "kla_indicators_by_kab" and about["Jenis data"] == "data demo (sintetis)"
    assert list(wb["Tabel"].values)[0][:3] == ("Kode", "Indikator", "Nilai")
    page.screenshot(path=str(ARTIFACTS / "kla_palopo.png"), full_page=True)
    assert off_machine == []
    page.close()


def test_table_downloads_say_what_they_show(server, browser):
    """With every filter on, the map page's table downloads as XLSX and CSV with the headers of the screen (naming
    the children counted), typed numbers, the same numbers as the page's headline, and an About sheet naming every
    filter; Streamlit's own toolbar download, which wrote cells raw, is not offered."""
    page = browser.new_page(viewport={"width": 1400, "height": 1800}, accept_downloads=True)
    page.goto(f"{server}/peta?kab=73.05&sex=P&age=13-15&disabilitas=ya&kategori=DO&round=2025")
    wait_for_map(page, "73.05.")
    assert_no_error(page)
    headline = page.get_by_text(re.compile(r"^Kabupaten Takalar, putaran 2025: ")).inner_text()
    assert "anak putus sekolah (DO) dari" in headline
    assert "anak perempuan 13-15 tahun dengan disabilitas yang didata" in headline
    xlsx = download(page, "peta_units_xlsx")
    assert xlsx.suggested_filename == "peta_units_73.05_putaran-2025_P_13-15_disabilitas_DO.xlsx"
    wb = openpyxl.load_workbook(io.BytesIO(Path(xlsx.path()).read_bytes()))
    rows = list(wb["Tabel"].values)
    assert rows[0][:5] == ("Kode", "Nama", "Anak perempuan 13-15 tahun dengan disabilitas", "Putus sekolah (DO)",
                           "Putus sekolah (DO) per 100")
    children = [r[2] for r in rows[1:] if isinstance(r[2], int)]
    # desa under k children: "< 5", and desa hidden to protect them: "×", as on screen (not surveyed: empty)
    hidden = [r for r in rows[1:] if r[2] in ("< 5", "×")]
    # the file carries the protected numbers of the screen: typed, and no count from 1 to k-1 (k = 5)
    assert children and all(n == 0 or n >= 5 for n in children)
    assert all(r[2] is None or r[2] in ("< 5", "×") for r in rows[1:] if not isinstance(r[2], int))
    n_anak = int(re.search(r"dari ([\d.]+) anak perempuan", headline).group(1).replace(".", ""))
    assert sum(children) == n_anak or (hidden and sum(children) < n_anak)  # the rest is in the hidden desa
    about = dict(wb["Keterangan"].iter_rows(min_row=2, values_only=True))
    assert about["Tampilan"] == ("Sulawesi Selatan › Kabupaten Takalar · putaran 2025 · perempuan · 13-15 tahun · "
                                 "dengan disabilitas · putus sekolah (DO)")
    csv = pd.read_csv(download(page, "peta_units_csv").path(), sep=";", decimal=",", encoding="utf-8-sig")
    assert list(csv.columns) == [c for c in rows[0]]
    assert pd.to_numeric(csv.iloc[:, 2], errors="coerce").sum() == sum(children)
    assert csv.iloc[:, 2].isin(["< 5", "×"]).sum() == len(hidden)
    # the downloads above are there with the table closed; its switch under the map opens it
    page.get_by_text(re.compile(r"^Tampilkan tabel \(\d+ wilayah\)$")).click()
    page.wait_for_selector("[data-testid='stDataFrame']", timeout=60_000)
    # no toolbar "Download as CSV" on the table (client.disableDataExport)
    page.locator("[data-testid='stDataFrame']").first.hover()
    assert page.locator("[data-testid='stElementToolbar'] button[aria-label*='ownload']").count() == 0
    page.screenshot(path=str(ARTIFACTS / "peta_filtered_takalar.png"), full_page=True)
    page.close()


def test_map_downloads_as_a_figure_that_stands_alone(server, demo_store, browser):
    """The map of /peta leaves as a PNG of slide size drawn on the server (title, view line, legend, scale bar,
    source with the demo label) and as an SVG whose words are text, with file names that say what they are; each
    file made is in the audit trail."""
    from PIL import Image

    from data import accounts

    page = browser.new_page(viewport={"width": 1400, "height": 1400}, accept_downloads=True)
    page.goto(f"{server}/peta?round=2025")
    wait_for_map(page, "73.73.")
    assert_no_error(page)
    png = download(page, "peta_map_slide_png")
    assert png.suggested_filename == "ats_peta_kota-palopo_2025.png"
    image = Image.open(io.BytesIO(Path(png.path()).read_bytes()))
    assert image.format == "PNG" and image.size == (1920, 1080)
    image.save(ARTIFACTS / "peta_download_palopo.png")
    svg = download(page, "peta_map_slide_svg")
    assert svg.suggested_filename == "ats_peta_kota-palopo_2025.svg"
    text = Path(svg.path()).read_text(encoding="utf-8")
    for said in ("Kota Palopo", "putaran 2025", "Sumber: sensus SIPBM putaran 2025", "data demo (sintetis)", ">U<"):
        assert said in text, said
    page.close()
    exports = accounts.audit_rows(actions=["export"], db=demo_store.with_suffix(".access.sqlite"))
    files = [json.loads(p).get("file") for p in exports["params"]]
    assert "ats_peta_kota-palopo_2025.png" in files and "ats_peta_kota-palopo_2025.svg" in files


def test_a_crafted_link_shows_its_values_as_text(server, browser):
    """A link whose checked parameters carry Markdown (issue 22): the warnings echo them as text, shortened; no
    bold, no link, no image reaches the page, and nothing is fetched from the address they name."""
    import urllib.parse

    hostile = "**sesi habis** [klik](http://evil.example) ![x](http://evil.example/x.png) <img src=x>"
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    off_machine = []
    page.on("request", lambda r: off_machine.append(r.url) if not r.url.startswith(("http://127.0.0.1", "data:", "blob:")) else None)
    value = urllib.parse.quote(hostile)
    page.goto(f"{server}/peta?kab={value}&ukuran={value}")
    alerts = page.locator("[data-testid='stAlertContainer']").filter(has_text="sesi habis")
    alerts.first.wait_for(timeout=60_000)
    page.wait_for_selector(".js-plotly-plot", timeout=60_000)  # the page went on with the defaults
    assert alerts.count() == 2
    for text in alerts.all_inner_texts():
        shown = text.replace("\u2060", "")
        assert "**sesi habis** [klik](http://evil.example) ![x](http://evil.example/x.png) <img…" in shown, shown
    assert page.locator("a[href*='evil'], img[src*='evil'], img[src='x']").count() == 0
    assert page.locator("strong, b").filter(has_text="sesi habis").count() == 0
    page.screenshot(path=str(ARTIFACTS / "crafted_link.png"), full_page=True)
    assert off_machine == []
    page.close()


@pytest.mark.parametrize("path,title,figure", [
    ("tren?kab=73.05", "Tren anak tidak sekolah", ("tren_coverage_files", "Cakupan sensus per putaran")),
    ("penanganan?kab=73.05&round=2025", "Penanganan",
     ("handling_per_round_files", "Anak yang kembali bersekolah, menurut putaran ditemukan")),
])
def test_trend_and_handling_pages_in_chromium(server, browser, path, title, figure):
    """The Tren and Penanganan pages open on Takalar's demo data with no error element and charts drawn; a chart that
    came to the files last (census coverage, returns per round) downloads as an SVG that says what it shows."""
    page = browser.new_page(viewport={"width": 1400, "height": 4000}, accept_downloads=True)
    page.goto(f"{server}/{path}")
    page.get_by_role("heading", name=title).first.wait_for(timeout=60_000)
    deadline = time.time() + 60
    drawn = 0
    while time.time() < deadline:
        drawn = page.evaluate(
            "() => [...document.querySelectorAll('.js-plotly-plot')]"
            ".filter(el => el.data && el.data.length && el.querySelector('.main-svg')).length"
        )
        if drawn >= 3:
            break
        time.sleep(0.5)
    assert drawn >= 3, f"only {drawn} charts drawn on /{path}"
    assert_no_error(page)
    # the source lines in words under the sections: waited for (the page may still be drawing its last sections when
    # three charts are up; read at once, a loaded machine counted 2); Tren's census sources: the trend's and the
    # breakdown's (the sections under it are tabs, the open one first: the targets, from the targets table)
    sources = page.get_by_text(re.compile(r"^Sumber: (sensus SIPBM|catatan penanganan) "))
    least = 2 if path.startswith("tren") else 3
    sources.nth(least - 1).wait_for(timeout=60_000)
    assert sources.count() >= least
    if path.startswith("penanganan"):  # the data date in words of the page's language, not 2025-10-31
        months = "Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember"
        assert page.get_by_text(re.compile(rf"data penanganan sampai \d{{1,2}} ({months}) \d{{4}}")).count() == 1
    page.screenshot(path=str(ARTIFACTS / f"{path.split('?')[0]}_takalar.png"), full_page=True)
    key, chart_title = figure
    svg = download(page, f"{key}_slide_svg")
    assert svg.suggested_filename.startswith("ats_") and "kabupaten-takalar" in svg.suggested_filename
    text = Path(svg.path()).read_text(encoding="utf-8")
    for said in (chart_title, "Kabupaten Takalar", "data demo (sintetis)"):
        assert said in text, said
    page.close()


def test_import_page_checks_an_uploaded_file(server, browser):
    """Upload the documented example file, see the preview and the column mapping, run the check
    (dry run: the shared demo store is not changed) and read accepted + rejected = rows read."""
    example = ROOT / "docs" / "examples" / "sipbm_canonical_example.csv"
    n_rows = sum(1 for _ in example.open(encoding="utf-8")) - 1
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(f"{server}/impor")
    log_in(page, "admin")
    page.wait_for_selector("text=Data survei SIPBM", timeout=60_000)
    page.locator("[data-testid='stFileUploader'] input[type=file]").first.set_input_files(str(example))
    page.wait_for_selector("text=Pratinjau", timeout=60_000)
    assert page.get_by_text("Format csv, pengodean").count() == 1  # what the importer detected
    page.get_by_role("button", name="Periksa saja (tanpa menyimpan)").click()
    read, accepted, rejected = metric_values(page, 3)
    assert read == n_rows and accepted + rejected == read and accepted > 0
    assert page.locator("[data-testid='stException']").count() == 0
    page.screenshot(path=str(ARTIFACTS / "impor_check.png"), full_page=True)
    # the kab/kota option (the command line's --kab): the example is Palopo's, so for Takalar every row is out
    page.get_by_role("textbox", name="Kab/kota (opsional)").fill("73.05")
    page.get_by_role("textbox", name="Kab/kota (opsional)").press("Enter")
    page.wait_for_selector("[data-testid='stMetric']", state="detached", timeout=60_000)  # the old report goes
    page.get_by_role("button", name="Periksa saja (tanpa menyimpan)").click()
    assert metric_values(page, 3) == [n_rows, 0, n_rows]
    # a refusal of the check stays on the page, in the language chosen after it
    page.get_by_role("textbox", name="Kab/kota (opsional)").fill("99.99")
    page.get_by_role("textbox", name="Kab/kota (opsional)").press("Enter")
    page.wait_for_selector("[data-testid='stMetric']", state="detached", timeout=60_000)
    page.get_by_role("button", name="Periksa saja (tanpa menyimpan)").click()
    page.wait_for_selector("text='99.99' bukan kode kab/kota", timeout=120_000)
    page.locator("[data-testid='stSidebar']").get_by_text("English").click()
    page.wait_for_selector("text='99.99' is not a kab/kota code", timeout=60_000)
    page.close()



def test_boundary_upload_with_two_layers_offers_the_layer(tmp_path, browser):
    """A GeoPackage holding desa and kecamatan layers: the page offers its layers, imports the one chosen, and
    reports what it read (layer, columns) and what matched; the map of the store's desa is then the file's."""
    from tests.conftest import build_fixture_store, shared_palopo

    store = build_fixture_store(tmp_path / "real.duckdb", with_boundaries=False)
    desa = shared_palopo("kelurahan_73.geojson")[["kode", "nama", "geometry"]]
    kec = shared_palopo("kecamatan_73_63.geojson")[["kode", "nama", "geometry"]]
    upload = tmp_path / "batas_palopo.gpkg"
    kec.to_file(upload, layer="kecamatan", driver="GPKG")
    desa.to_file(upload, layer="desa", driver="GPKG")
    make_account(store, "admin", "admin")
    with streamlit_server(store, "streamlit_boundary.log") as url:
        page = browser.new_page(viewport={"width": 1400, "height": 1400})
        page.goto(f"{url}/impor")
        log_in(page, "admin")
        page.wait_for_selector("text=Batas wilayah", timeout=60_000)
        page.locator("[data-testid='stFileUploader'] input[type=file]").nth(2).set_input_files(str(upload))
        layer_box = page.get_by_role("combobox", name="Lapisan (layer)")
        layer_box.click(timeout=60_000)
        page.get_by_role("option", name="desa").click()
        page.get_by_role("button", name="Impor batas wilayah").click()
        done = page.get_by_text(re.compile(rf"{len(desa)} dari {len(desa)} wilayah di berkas cocok"))
        done.wait_for(timeout=120_000)
        assert page.get_by_text("batas_palopo.gpkg (desa): kolom kode").count() == 1
        assert_no_error(page)
        page.screenshot(path=str(ARTIFACTS / "impor_boundary.png"), full_page=True)
        page.close()
    import duckdb

    con = duckdb.connect(str(store), read_only=True)
    try:
        stored = con.execute("SELECT count(*) FROM boundary WHERE kode LIKE '73.73.%' AND length(kode) = 13").fetchall()[0][0]
    finally:
        con.close()
    assert stored == len(desa)


def test_boundary_refusal_is_said_in_the_page_language_and_stays(server, browser, tmp_path):
    """A picture renamed .geojson uploaded as a boundary file: the refusal is said in Bahasa Indonesia, and stays on
    the page, in English, after the language is switched in the sidebar (the demo store is not changed)."""
    upload = tmp_path / "batas_desa.geojson"
    upload.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    page = browser.new_page(viewport={"width": 1400, "height": 1400})
    page.goto(f"{server}/impor")
    log_in(page, "admin")
    page.wait_for_selector("text=Batas wilayah", timeout=60_000)
    page.locator("[data-testid='stFileUploader'] input[type=file]").nth(2).set_input_files(str(upload))
    page.get_by_role("button", name="Impor batas wilayah").click(timeout=60_000)
    said_id = page.get_by_text("batas_desa.geojson bukan berkas batas wilayah yang dapat dibaca: isinya tidak dikenali")
    said_id.wait_for(timeout=120_000)
    assert said_id.count() == 1 and page.get_by_text("Impor ditolak").count() == 1
    page.screenshot(path=str(ARTIFACTS / "impor_boundary_refused.png"), full_page=True)
    page.locator("[data-testid='stSidebar']").get_by_text("English").click()
    said_en = page.get_by_text("batas_desa.geojson is not a boundary file that can be read: its content is in no map format")
    said_en.wait_for(timeout=60_000)
    assert said_en.count() == 1 and page.get_by_text("Import refused").count() == 1
    assert said_id.count() == 0
    assert page.locator("[data-testid='stException']").count() == 0
    page.close()


def test_language_switch_relabels_the_chosen_filter_values(server, browser):
    """Streamlit keeps a selectbox's old label when only its format_func changes; the switch sets them again."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(f"{server}/tren")
    sidebar = page.locator("[data-testid='stSidebar']")
    sex = sidebar.get_by_role("combobox", name="Jenis kelamin")
    sex.wait_for(timeout=60_000)
    assert sex.input_value() == "Semua"
    sidebar.get_by_text("English").click()
    sex = sidebar.get_by_role("combobox", name="Sex")
    sex.wait_for(timeout=60_000)
    page.wait_for_function("(el) => el.value === 'All'", arg=sex.element_handle(), timeout=30_000)
    assert sidebar.get_by_role("combobox", name="Age group").input_value() == "All 7-18 years"
    assert_no_error(page)
    page.close()


def test_ats_public_0_asks_for_a_login_before_any_page_and_keeps_the_link(demo_store, browser, tmp_path):
    """With ATS_PUBLIC=0 a link to the Tren page of Takalar shows only the login form (no filter, no number);
    after the login of an analyst of Takalar the same link's page is shown, without Impor data or Audit in the
    navigation; after the logout only the login form again."""
    access = tmp_path / "public0.access.sqlite"
    make_account(demo_store, "analis.takalar", "analyst", "73.05", ATS_ACCESS_DB=str(access))
    with streamlit_server(demo_store, "streamlit_public0.log", ATS_PUBLIC="0", ATS_ACCESS_DB=str(access)) as url:
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(f"{url}/tren?kab=73.05")
        page.get_by_label("Nama akun").wait_for(timeout=60_000)
        sidebar = page.locator("[data-testid='stSidebar']")
        assert sidebar.get_by_role("combobox").count() == 0 and page.locator(".js-plotly-plot").count() == 0
        log_in(page, "analis.takalar")
        page.get_by_text("Masuk sebagai").wait_for(timeout=60_000)
        page.locator(".js-plotly-plot").first.wait_for(timeout=60_000)
        assert "/tren" in page.url and sidebar.get_by_role("combobox", name="Kabupaten/kota").input_value() == "Kabupaten Takalar"
        nav = page.locator("[data-testid='stSidebarNav']")
        assert nav.get_by_text("Penanganan").count() >= 1  # the navigation is drawn
        assert nav.get_by_text("Impor data").count() == 0 and nav.get_by_text("Audit").count() == 0
        assert_no_error(page)
        page.screenshot(path=str(ARTIFACTS / "public0_analyst.png"), full_page=True)
        sidebar.get_by_role("button", name="Keluar").click()
        page.get_by_label("Nama akun").wait_for(timeout=60_000)
        page.wait_for_function("() => !document.querySelector('.js-plotly-plot')", timeout=30_000)  # the page's
        assert sidebar.get_by_role("combobox").count() == 0  # charts and filters go when the run ends
        page.close()


def test_first_start_builds_once_whoever_reloads(tmp_path, browser):
    """No store yet: the first visitor starts the demo build with a progress bar. Leaving and coming back (a
    reload, a second visitor) shows the same build further on, not a new one from 0 %, and ends on the map."""
    def percent(page) -> int:
        text = page.get_by_text(re.compile(r"Menyiapkan data demo.*\d+%")).first.inner_text(timeout=60_000)
        return int(re.search(r"(\d+)%", text).group(1))

    store = tmp_path / "first.duckdb"
    with streamlit_server(store, "streamlit_first_start.log") as url:
        first = browser.new_page()
        first.goto(url)
        seen = percent(first)
        deadline = time.time() + 120
        while seen < 10 and time.time() < deadline:  # let it get somewhere
            time.sleep(1)
            seen = percent(first)
        first.close()  # the visitor leaves in the middle of the build
        time.sleep(2)
        second = browser.new_page(viewport={"width": 1400, "height": 900})
        second.goto(url)
        assert percent(second) >= seen, "the build started again from the beginning"
        wait_for_map(second, "73.73.", timeout_s=300)
        assert_no_error(second)
        assert store.exists() and not list(tmp_path.glob("first.duckdb.tmp-*"))
        second.close()


def test_import_applied_by_an_operator_logged_in(tmp_path, browser):
    """A data officer's whole path on a store of real data: an operator account of Palopo made on the command line;
    in the browser, Impor data is not listed before the login; log in on it, upload a file with three bad rows,
    apply it, read the result in Bahasa Indonesia, download the rejection report (both languages, NIK masked), and
    find that the uploaded file (NIK and names in clear) is gone from the server; the login and the import are in
    the audit trail under the account's name."""
    import pandas as pd

    from data import accounts
    from tests.conftest import PASSWORD, build_fixture_store

    store = build_fixture_store(tmp_path / "real.duckdb", with_boundaries=False)
    access_db = store.with_suffix(".access.sqlite")
    password_file = tmp_path / "password.txt"
    password_file.write_text(PASSWORD + "\n")
    env = {**os.environ, "ATS_STORE": str(store), "ATS_ACCESS_DB": str(access_db)}
    made = subprocess.run([sys.executable, "-m", "data", "user", "add", "petugas.palopo", "--role", "operator",
                           "--scope", "73.73", "--password-file", str(password_file)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert made.returncode == 0, made.stderr
    rows = pd.read_csv(ROOT / "docs" / "examples" / "sipbm_canonical_example.csv", dtype=str, keep_default_na=False)
    rows.loc[0, "nik"] = "12345"  # too short
    rows.loc[1, "sex"] = "X"  # unknown code
    rows.loc[2, "tanggal_pendataan"] = "2099-01-01"  # in the future
    upload = tmp_path / "sipbm_bad_rows.csv"
    rows.to_csv(upload, index=False)
    with streamlit_server(store, "streamlit_import.log") as url:
        page = browser.new_page(viewport={"width": 1400, "height": 1400})
        page.goto(url)
        nav = page.locator("[data-testid='stSidebarNav']")
        nav.get_by_text("Masuk").wait_for(timeout=60_000)
        assert nav.get_by_text("Impor data").count() == 0 and nav.get_by_text("Audit").count() == 0
        page.goto(f"{url}/impor")  # by its URL: asked to log in
        page.get_by_label("Nama akun").fill("petugas.palopo", timeout=60_000)
        page.get_by_label("Kata sandi").fill(PASSWORD)
        page.get_by_role("button", name="Masuk").click()
        page.wait_for_selector("text=Data survei SIPBM", timeout=60_000)
        assert nav.get_by_text("Impor data").count() == 1 and nav.get_by_text("Audit").count() == 0
        page.locator("[data-testid='stFileUploader'] input[type=file]").first.set_input_files(str(upload))
        page.wait_for_selector("text=Pratinjau", timeout=60_000)
        page.get_by_role("button", name="Impor sekarang").click()
        page.wait_for_selector("text=telah diimpor: putaran 2026", timeout=120_000)
        # the page ran again after the import: the sidebar offers the new round, the uploader is empty
        round_box = page.locator("[data-testid='stSidebar']").get_by_role("combobox", name="Putaran survei")
        page.wait_for_function("(el) => el.value === 'Terbaru (2026)'", arg=round_box.element_handle(), timeout=30_000)
        assert metric_values(page, 3) == [len(rows), len(rows) - 3, 3]
        page.wait_for_selector("text=Baris yang ditolak", timeout=60_000)
        assert page.get_by_text("Pratinjau").count() == 0
        with page.expect_download() as download:
            page.get_by_role("button", name="Unduh laporan penolakan (CSV)").click()
        report = Path(download.value.path()).read_text(encoding="utf-8-sig")
        assert report.splitlines()[0] == '"row","column","value","alasan","reason"'
        assert "NIK terdiri dari 16 digit" in report and "tanggal di masa depan" in report and "12345" not in report
        time.sleep(2)  # a rerun after the click would have had time to redraw the page
        assert page.get_by_text("Baris yang ditolak").is_visible(), "the report left the page after the download"
        assert_no_error(page)
        page.screenshot(path=str(ARTIFACTS / "impor_applied.png"), full_page=True)
        uploads = tmp_path / "uploads"  # the applied file (NIK and names in clear) is gone from the server
        assert not uploads.exists() or not [p for p in uploads.rglob("*") if p.is_file()], list(uploads.rglob("*"))
        # the same file again, only checked: "imported before", and the form stays to change an option
        page.locator("[data-testid='stFileUploader'] input[type=file]").first.set_input_files(str(upload))
        page.wait_for_selector("text=Pratinjau", timeout=60_000)
        page.get_by_role("button", name="Periksa saja (tanpa menyimpan)").click()
        page.wait_for_selector("text=sudah pernah diimpor", timeout=120_000)
        assert page.get_by_text("Pratinjau").count() == 1 and page.get_by_text("sipbm_bad_rows.csv").count() >= 1
        page.close()
    rows = accounts.audit_rows(actions=["login", "import", "export"], db=access_db)[::-1]
    assert rows[["action", "outcome", "actor"]].values.tolist() == [
        ["login", "ok", "petugas.palopo"], ["import", "ok", "petugas.palopo"], ["export", "ok", "petugas.palopo"],
        ["import", "ok", "petugas.palopo"]]
    assert [json.loads(p)["status"] for p in rows["params"].iloc[[1, 3]]] == ["applied", "unchanged"]


def test_meeting_pack_downloads_from_the_map_page_and_presents(server, browser):
    """Paket rapat on the Peta page of Takalar: the progress, then both files downloaded by the browser; python-pptx
    reads the deck and its native chart data, pypdfium2 renders the PDF's pages (tests/artifacts/pack_browser_*.png).
    Then the presentation mode of the same view: one slide per screen, the arrow key moves the link's slide."""
    import pypdfium2 as pdfium
    from pptx import Presentation

    page = browser.new_page(viewport={"width": 1920, "height": 1080}, accept_downloads=True)
    page.goto(f"{server}/peta?kab=73.05&round=2025")
    wait_for_map(page, "73.05.")
    page.locator(".st-key-pack_build").get_by_role("button").click()
    page.locator(".st-key-pack_pptx").wait_for(timeout=300_000)
    assert_no_error(page)
    pptx = download(page, "pack_pptx")
    assert pptx.suggested_filename == "paket-rapat_73.05_Kabupaten-Takalar_2025_id.pptx"
    deck = Presentation(pptx.path())
    assert len(deck.slides) == 10
    trend = [s.chart for s in deck.slides[4].shapes if s.has_chart][0]
    assert list(trend.plots[0].categories)[-1] == "2025"  # rounds up to the pack's round
    assert all(v is not None for v in trend.plots[0].series[0].values)
    pdf = download(page, "pack_pdf")
    doc = pdfium.PdfDocument(pdf.path())
    assert len(doc) == 10
    for i in (0, 2, 9):
        doc[i].render(scale=1).to_pil().save(ARTIFACTS / f"pack_browser_{i + 1}.png")
    doc.close()
    page.locator(".st-key-present_start").get_by_role("button").click()
    page.wait_for_selector("[data-testid='stImage'] img", timeout=180_000)
    assert page.locator("[data-testid='stSidebar']").is_hidden()
    assert "presentasi=1" in page.url and "kab=73.05" in page.url
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => location.search.includes('slide=2')", timeout=60_000)
    page.wait_for_selector("text=2 / 10", timeout=60_000)
    page.screenshot(path=str(ARTIFACTS / "pack_presentation_slide2.png"))
    page.close()
