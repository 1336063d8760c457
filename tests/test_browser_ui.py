"""Real browser, what a reader sees of the frame of the pages (issue 21.3): no English from Plotly or Streamlit in the
Indonesian UI. Same demo store and server setup as tests/test_browser.py (its fixtures)."""

import contextlib
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.conftest import needs_shared
from tests.test_browser import ARTIFACTS, CHROMIUM, browser, demo_store, log_in, make_account  # noqa: F401 (fixtures)
from tests.test_browser import streamlit_server
from ui.i18n import CATALOGUE
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


def open_page(page, server: str, path: str) -> None:
    """Open `path`; "tren#participation" then opens that tab of the Tren page (ui.tren.SECTIONS: a hidden tab's
    content is not on the page until it is opened)."""
    path, _, tab = path.partition("#")
    page.goto(f"{server}/{path}")
    if tab:
        page.get_by_role("tab", name=CATALOGUE[f"tren.tab.{tab}"][0], exact=True).click(timeout=180_000)
        heading = {"participation": "tren.participation", "targets": "tren.targets"}[tab]
        page.get_by_role("heading", name=CATALOGUE[heading][0]).wait_for(timeout=180_000)  # its content is there


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


CLIPPED = """() => [...document.querySelectorAll("[data-testid='stDataFrame']")].map(df => {
  const s = df.querySelector('.dvn-scroller');
  return {header: [...df.querySelectorAll('[role=columnheader]')].map(h => h.innerText).join(' | '),
          overflow: s ? s.scrollWidth - s.clientWidth : null};
})"""


@pytest.mark.parametrize("width,height", [(1366, 768), (1920, 1080)])
def test_no_table_is_cut_off_at_the_right(server, browser, width, height):  # noqa: F811
    """At a laptop's and a full-HD width, with the sidebar open, every table of the pages fits its place: no column
    hidden past the right edge (KLA "Sumber dan bukti", Penanganan "Kembali", the APS table's last columns were)."""
    page = browser.new_page(viewport={"width": width, "height": height})
    # Penanganan of the complete round 2025: the latest round is still in progress, and a viewer's "least resolved
    # reasons" table (its "Kembali" column was cut) has no reason with a published return rate there yet
    # the map at each level (the province's kab/kota names ran its last column 3 px past the edge) and the comparison
    for path, n_tables in (("peta?tabel=1", 1), ("peta?prov=73&tabel=1", 1), ("peta?kab=73.05&tingkat=kec&tabel=1", 1), ("tren", 1),
                           ("tren#participation", 1), ("penanganan?round=2025", 5), ("kla", 1),
                           ("banding?banding=73.73,73.05", 1)):
        open_page(page, server, path)
        # every table drawn, its grid measured (the scroller is there once the grid has laid out its columns)
        page.wait_for_function("(n) => [...document.querySelectorAll(\"[data-testid='stDataFrame']\")]"
                               ".filter(d => d.querySelector('.dvn-scroller') && d.querySelector('[role=columnheader]')).length >= n",
                               arg=n_tables, timeout=120_000)
        tables = page.evaluate(CLIPPED)
        assert len(tables) >= n_tables and all(t["overflow"] is not None for t in tables), (path, tables)
        cut = [t for t in tables if t["overflow"] > 0]
        assert not cut, (path, width, cut)
    page.close()


MARK_NOTES = """() => [...document.querySelectorAll("[data-testid='stCaptionContainer']")]
  .filter(c => c.innerText.startsWith('Tanda:'))
  .map(c => ({text: c.innerText, cut: c.scrollWidth - c.clientWidth, lines: Math.round(c.getBoundingClientRect().height
              / parseFloat(getComputedStyle(c.querySelector('p')).lineHeight))}))"""


def test_the_marks_note_under_a_table_is_read_whole_on_a_laptop(server, browser):  # noqa: F811
    """The note under a table saying what "< 5", "×" and "ditahan" mean ("Tanda: ...") ended "Angka 0 adal…" at
    1366 px: the text itself was shortened as if it came from outside. It wraps and says every meaning whole."""
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    page.goto(f"{server}/penanganan")
    page.wait_for_function(f"() => ({MARK_NOTES})().length >= 2", timeout=120_000)
    notes = page.evaluate(MARK_NOTES)
    for note in notes:
        assert "…" not in note["text"] and note["cut"] <= 0, note
        assert "1 sampai 4," in note["text"] and "Angka 0 adalah nol sebenarnya." in note["text"], note
    wrapped = [n for n in notes if "×" in n["text"] and "ditahan" in n["text"]]
    assert wrapped and all(n["lines"] >= 2 for n in wrapped), notes  # three meanings do not fit one line: wrapped
    assert all(n["text"].rstrip().endswith(".") for n in wrapped), wrapped

    # the reasons x kecamatan heat map: a withheld cell has no text, and its hover says "ditahan"
    grey_cell = """() => { const g = [...document.querySelectorAll('.js-plotly-plot')]
        .find(g => g.data && g.data.some(t => (t.hovertemplate || '').includes('ditahan')));
      if (!g) return null;
      g.scrollIntoView({block: 'center'});
      const z = g.data[0].z, r = z.findIndex(row => row.includes(1)), c = z[r].indexOf(1);
      const fl = g._fullLayout, box = g.getBoundingClientRect();
      return {x: box.left + fl._size.l + fl.xaxis.l2p(c), y: box.top + fl._size.t + fl.yaxis.l2p(r)}; }"""
    page.wait_for_function(grey_cell, timeout=60_000)
    cell = page.evaluate(grey_cell)
    page.mouse.move(cell["x"], cell["y"])
    page.wait_for_function("() => [...document.querySelectorAll('.hoverlayer .hovertext')]"
                           ".some(e => e.textContent.endsWith(': ditahan'))", timeout=10_000)
    page.close()


def test_the_map_starts_above_the_fold_on_a_laptop(server, browser):  # noqa: F811
    """At 1366x768 the banner, title, breadcrumb, controls, summary and legend leave the map's top on screen (it
    started about 500 px down, under a demo box, a 6rem margin and a large title)."""
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    page.goto(f"{server}/peta")
    page.wait_for_function("() => { const m = document.querySelector('.js-plotly-plot');"
                           " return m && m.getBoundingClientRect().height > 100 && m.data && m.data.length > 0; }",
                           timeout=120_000)
    top = page.evaluate("() => document.querySelector('.js-plotly-plot').getBoundingClientRect().top")
    page.screenshot(path=str(ARTIFACTS / "peta_1366x768.png"))
    assert top < 768 - 150, top  # and a good part of it shows
    assert page.get_by_text("Data demo (sintetis)").count() >= 1
    page.close()


# The scale bar as drawn, and the metres per px of the map from the projection itself: d3's Mercator has
# x = scale * longitude in radians, so a px is R cos(latitude) / scale metres along the parallel of the map's centre.
SCALE = """() => {
    const gd = document.querySelector('.js-plotly-plot'); const proj = gd._fullLayout.geo._subplot.projection;
    const svg = gd.querySelector('.main-svg').getBoundingClientRect();
    const lat = proj.invert([svg.width / 2, svg.height / 2])[1];
    const s = document.querySelector('.ats-map-scale');
    return {text: s.innerText.trim(), meters: +s.dataset.meters, px: s.lastChild.getBoundingClientRect().width,
            mpp: 6371008.8 * Math.cos(lat * Math.PI / 180) / proj.scale(), projection_scale: proj.scale()}; }"""


def test_the_map_has_unit_names_where_they_fit_and_a_true_scale_bar(server, browser):  # noqa: F811
    """Takalar by kecamatan: names of kecamatan on the map (not overlapping, inside the map), switched off by the
    page's toggle; a scale bar whose length in pixels times the map's metres per pixel (from the Mercator projection's
    own scale and the latitude of the map's centre) is the distance it says, redrawn after a zoom by the wheel; the
    modebar's reset brings the first view back."""
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    page.goto(f"{server}/peta?kab=73.05&tingkat=kec")
    page.wait_for_function("() => document.querySelectorAll('.ats-map-label').length >= 3 &&"
                           " document.querySelector('.ats-map-scale')", timeout=120_000)

    def scale():
        return page.evaluate(f"() => ({SCALE})()")

    first = scale()
    assert first["text"] in (f"{first['meters'] // 1000} km", f"{first['meters']} m"), first
    assert first["px"] * first["mpp"] == pytest.approx(first["meters"], rel=0.03), first
    assert 50 <= first["px"] <= 130, first
    labels = page.eval_on_selector_all(".ats-map-label", "els => els.map(e => [e.textContent, e.getBoundingClientRect()])")
    names = {n for n, _ in labels}
    # one-part kecamatan wide enough at this zoom (Galesong's name fitted its whole box, mainland and island, not
    # its mainland: geo.label_file judges the room on the largest part)
    assert {"Laikang", "Polongbangkeng Timur"} <= names, names
    boxes = [(b["x"], b["y"], b["x"] + b["width"], b["y"] + b["height"]) for _, b in labels]
    assert not [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:]
                if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]], "labels overlap"
    svg = page.locator(".js-plotly-plot .main-svg").first.bounding_box()
    assert all(svg["x"] <= a[0] and a[2] <= svg["x"] + svg["width"] and svg["y"] <= a[1] and a[3] <= svg["y"] + svg["height"]
               for a in boxes), "a label outside the map"

    box = page.locator(".js-plotly-plot").first.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    for _ in range(6):  # the wheel zooms in (scrollZoom)
        page.mouse.wheel(0, -300)
    # the scale bar redrawn for the map zoomed in more than twice, true to its projection
    page.wait_for_function(f"(first) => {{ const s = ({SCALE})(); return s.projection_scale > first * 2"
                           " && Math.abs(s.px * s.mpp / s.meters - 1) < 0.03; }", arg=first["projection_scale"],
                           timeout=30_000)
    zoomed = scale()
    assert zoomed["projection_scale"] > first["projection_scale"] * 2, zoomed
    assert zoomed["px"] * zoomed["mpp"] == pytest.approx(zoomed["meters"], rel=0.03), zoomed
    page.screenshot(path=str(ARTIFACTS / "peta_labels_scale.png"))

    # the modebar's reset (Plotly's "Reset" in Indonesian) returns to the view that fits Takalar
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.locator(".js-plotly-plot .modebar-btn[data-title='Atur ulang']").click()
    page.wait_for_function("(s) => Math.abs(document.querySelector('.js-plotly-plot')._fullLayout.geo._subplot"
                           ".projection.scale() / s - 1) < 0.01", arg=first["projection_scale"], timeout=30_000)

    page.get_by_text("Nama wilayah di peta").click()
    page.wait_for_function("() => document.querySelector('.ats-map-scale') &&"
                           " document.querySelectorAll('.ats-map-label').length === 0", timeout=60_000)
    page.close()


ZOOM = "() => document.querySelector('.js-plotly-plot')._fullLayout.geo._subplot.projection.scale()"


def test_the_province_map_names_its_surveyed_units_first(server, browser):  # noqa: F811
    """Sulawesi Selatan by kab/kota: its only name was "Kabupaten Pangkajene dan Kepulauan", on a grey unit not
    surveyed (and running over Bone). The surveyed units are named first, a kabupaten without its "Kabupaten" (as
    maps of Indonesia do); grey units are named after them where room is left. Zoomed in on Takalar (surveyed) until
    its name fits, it is the first name placed."""
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    page.goto(f"{server}/peta?prov=73")
    page.wait_for_function("() => document.querySelectorAll('.ats-map-label').length >= 1", timeout=120_000)
    surveyed = page.evaluate("() => document.querySelector('.js-plotly-plot').data"
                             ".filter(t => !(t.meta && t.meta.surveyed === false)).flatMap(t => [...t.locations])")
    assert sorted(surveyed) == ["73.05", "73.73"], surveyed  # the others are grey: not surveyed
    names = page.eval_on_selector_all(".ats-map-label", "els => els.map(e => e.textContent)")
    assert not [n for n in names if n.startswith("Kabupaten ")], names
    takalar = """() => { const gd = document.querySelector('.js-plotly-plot'), box = gd.getBoundingClientRect();
        const [x, y] = gd._fullLayout.geo._subplot.projection([119.5, -5.45]);  // inside Takalar
        return {x: box.left + x, y: box.top + y}; }"""
    for _ in range(4):  # the wheel zooms in at the pointer (scrollZoom), until Takalar's name fits
        point = page.evaluate(takalar)
        page.mouse.move(point["x"], point["y"])
        scale = page.evaluate(ZOOM)
        page.mouse.wheel(0, -200)
        page.wait_for_function(f"(s) => ({ZOOM})() > s * 1.1", arg=scale, timeout=30_000)  # zoomed, then redrawn
        if "Takalar" in page.eval_on_selector_all(".ats-map-label", "els => els.map(e => e.textContent)"):
            break
    page.wait_for_function("() => [...document.querySelectorAll('.ats-map-label')].some(e => e.textContent === 'Takalar')",
                           timeout=30_000)
    names = page.eval_on_selector_all(".ats-map-label", "els => els.map(e => e.textContent)")
    assert names[0] == "Takalar", names  # placed before every grey unit's name
    page.screenshot(path=str(ARTIFACTS / "peta_province_names.png"))
    page.close()


# Streamlit's and Plotly's own English, as a reader would meet it in the Indonesian UI
ENGLISH = {"Fullscreen", "Close fullscreen", "Search", "Download as CSV", "Show/hide columns", "Select all", "No results",
           "Skip to main content", "Choose an option", "Upload", "Download plot as a PNG", "Reset axes", "Zoom in",
           "Zoom out", "Autoscale", "Pan"}
# every text a reader sees: text in a font size above 0, CSS content replacing it, placeholders
SHOWN = """() => {
  const out = [];
  for (const e of document.querySelectorAll('body *')) {
    if (e.closest('style, script, noscript')) continue;
    const size = parseFloat(getComputedStyle(e).fontSize);
    for (const n of e.childNodes) if (n.nodeType === 3 && n.textContent.trim() && size > 0) out.push(n.textContent.trim());
    for (const pseudo of ['::before', '::after']) {
      const c = getComputedStyle(e, pseudo).content;
      if (c && c.startsWith('"')) out.push(JSON.parse(c));
    }
    if (e.getAttribute('placeholder')) out.push(e.getAttribute('placeholder'));
  }
  return out;
}"""


@pytest.mark.parametrize("path,n_tables", [("peta?tabel=1", 1), ("peta?prov=73&tingkat=kec&tabel=1", 1), ("tren", 1),
                                          ("tren#participation", 1),
                                          ("penanganan?round=2025", 5), ("banding", 0),
                                          ("banding?banding=73.73,73.05", 1), ("kla", 1)])
def test_no_english_of_streamlit_on_any_indonesian_page(server, browser, path, n_tables):  # noqa: F811
    """Every page in Indonesian, with what only shows on demand: each button of a table's toolbar hovered (its tooltip
    "Fullscreen", "Search"; "Show/hide columns" is hidden), a sidebar dropdown typed into until nothing matches ("No
    results"), the keyboard's skip link. No English text of Streamlit's or Plotly's is shown."""
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    open_page(page, server, path)
    page.wait_for_selector("[data-testid='stMain'] h1", timeout=180_000)
    page.wait_for_function("(n) => !document.querySelector('[data-testid=stStatusWidgetRunningIcon], [data-stale=true]')"
                           " && document.querySelectorAll('[data-testid=stDataFrame]').length >= n"
                           " && document.querySelector('[data-testid=stMain] .js-plotly-plot, [data-testid=stAlert]')"
                           # the page's style sent (it once lagged the first elements of a page load)
                           " && getComputedStyle(document.querySelector('[data-testid=stSkipToContent]'), '::after')"
                           ".content !== 'none'", arg=n_tables, timeout=180_000)
    seen = page.evaluate(SHOWN)
    tooltips = []
    table = page.locator("[data-testid='stElementContainer']:has([data-testid='stDataFrame'])").first
    if n_tables:
        # the table mid-screen, so that its toolbar (above it) needs no scrolling: a scroll moves the page under the
        # pointer, the table is no longer hovered, and Streamlit puts its toolbar back under the table's top edge
        table.evaluate("e => e.scrollIntoView({block: 'center'})")
        table.hover()
        buttons = table.locator("[data-testid='stElementToolbar'] button:visible")  # this table's, not another's
        buttons.first.wait_for(timeout=30_000)
        for i in range(buttons.count()):
            table.hover()  # the toolbar shows (and takes its place above the table) while the table is hovered
            buttons.nth(i).hover()
            page.locator("[data-testid='stTooltipContent']").first.wait_for(timeout=30_000)
            shown = page.evaluate(SHOWN)
            tooltips.append(page.evaluate("() => getComputedStyle(document.querySelector('[data-testid=stTooltipContent] p'),"
                                          " '::after').content"))
            seen += shown
        assert set(tooltips) >= {'"Cari"', '"Layar penuh"'}, tooltips
    page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").filter(has_text="Jenis kelamin").click()
    page.keyboard.type("zzzz")
    page.locator("[role='listbox'][data-empty='true']").wait_for(timeout=30_000)
    seen += page.evaluate(SHOWN)
    assert "Tidak ada hasil" in seen
    page.keyboard.press("Escape")
    assert "Langsung ke isi utama" in seen
    english = sorted({s for s in seen if s in ENGLISH})
    assert not english, (path, english)
    page.close()


def test_the_menu_s_name_of_the_compare_page_as_a_path_opens_it(server, browser):  # noqa: F811
    """/bandingkan, as the menu names the page (its path is banding), opens Bandingkan with the link's kab/kota and at
    its own path: not Streamlit's "Page not found" dialog, in English, over the map."""
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    page.goto(f"{server}/bandingkan?banding=73.73,73.05")
    page.get_by_role("heading", name=CATALOGUE["banding.title"][0]).wait_for(timeout=180_000)
    # at the page's own path, the link's choice kept (the page adds its other filters to the link after it)
    page.wait_for_function("() => location.pathname.endsWith('/banding')"
                           " && new URLSearchParams(location.search).get('banding') === '73.73,73.05'", timeout=60_000)
    page.locator("[data-testid='stMain'] .js-plotly-plot").first.wait_for(timeout=180_000)  # the chosen two drawn
    assert page.get_by_text("Page not found").count() == 0
    assert page.locator("[role='dialog']").count() == 0
    page.close()


def test_a_text_field_says_how_to_send_it_in_indonesian(server, browser):  # noqa: F811
    """The login form's fields: Streamlit's "Press Enter to submit form" under a field being typed in, said in the
    page's language (the "0/64" count beside it stays)."""
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    page.goto(f"{server}/masuk")
    field = page.locator("[data-testid='stTextInput'] input").first
    field.wait_for(timeout=180_000)
    field.fill("pemirsa")
    page.locator("[data-testid='InputInstructions']").first.wait_for(timeout=30_000)
    seen = page.evaluate(SHOWN)
    assert "Tekan Enter untuk mengirim" in seen and "7/64" in seen, [s for s in seen if "Enter" in s or "/" in s]
    assert not [s for s in seen if s.startswith("Press ")], seen
    page.close()


# the app's own English (its catalogue's second language, where it differs from the first), and what a reader sees
# but a material icon's ligature ("login" draws the icon of the Masuk link)
CATALOGUE_ENGLISH = {en for idn, en in CATALOGUE.values() if en != idn and "{" not in en}
SHOWN_WORDS = SHOWN.replace("e.closest('style, script, noscript')",
                            "e.closest('style, script, noscript, [data-testid=stIconMaterial]')")


def test_the_unit_profile_and_the_language_switched_back_speak_indonesian(server, browser):  # noqa: F811
    """The map's unit profile (a dialog over the page) has no English of Streamlit's, Plotly's or the app's and is not
    cut at the right at 1366 px; switched to English and back, the page has no English left."""
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    page.goto(f"{server}/peta?kab=73.73&unit=73.73.01.1002&tabel=1")  # the unit table open too (its link)
    dialog = page.get_by_role("dialog")
    dialog.get_by_text("Cakupan sensus:").wait_for(timeout=120_000)
    dialog.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=60_000)  # its sparkline drawn
    english = sorted({s for s in page.evaluate(SHOWN_WORDS) if s in ENGLISH | CATALOGUE_ENGLISH})
    assert not english, english
    assert dialog.evaluate("d => d.scrollWidth - d.clientWidth") <= 0
    page.keyboard.press("Escape")
    page.get_by_role("dialog").wait_for(state="detached", timeout=30_000)
    # closed on the server too: its dismissal's rerun takes the unit out of the link (ui.profile.show), the moment the
    # page is the map's again
    page.wait_for_function("() => !location.search.includes('unit=')", timeout=60_000)

    sidebar = page.locator("[data-testid='stSidebar']")
    sidebar.get_by_text("English").click()
    page.get_by_role("heading", name="Map of out-of-school children").wait_for(timeout=60_000)
    sidebar.get_by_text("Indonesia", exact=True).click()
    page.get_by_role("heading", name="Peta anak tidak sekolah").wait_for(timeout=60_000)
    # the whole page redrawn in Indonesian: its map and table too, nothing left of the English run
    page.wait_for_function("() => !document.querySelector('[data-testid=stStatusWidgetRunningIcon], [data-stale=true]')"
                           " && document.querySelector('.js-plotly-plot .main-svg')"
                           " && document.querySelector(\"[data-testid='stDataFrame'] .dvn-scroller\")", timeout=60_000)
    # the grid's own text (its accessible copy of the headers) follows the drawn canvas a moment later: wait for the
    # very condition asserted, then read it once more for the message
    english = sorted(ENGLISH | CATALOGUE_ENGLISH)
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_function(f"english => !({SHOWN_WORDS})().some(s => english.includes(s))", arg=english,
                               timeout=30_000)
    left = sorted({s for s in page.evaluate(SHOWN_WORDS) if s in ENGLISH | CATALOGUE_ENGLISH})
    assert not left, left
    page.close()


# what a reader sees in the column-header menu of a table: the text of its elements shown (not display: none, in a
# font size above 0) and the CSS content put in their place, but the material icons' ligatures ("arrow_upward")
MENU_SEEN = """() => {
  const out = [];
  for (const e of document.querySelectorAll('[data-testid=stDataFrameColumnMenu] *')) {
    if (!e.checkVisibility() || e.closest('[data-testid=stIconMaterial]')) continue;
    for (const n of e.childNodes)
      if (n.nodeType === 3 && n.textContent.trim() && parseFloat(getComputedStyle(e).fontSize) > 0) out.push(n.textContent.trim());
    const c = getComputedStyle(e, '::after').content;
    if (c && c.startsWith('"')) out.push(JSON.parse(c));
    if (e.title) out.push(e.title);  // the browser's tooltip ("Copy column name")
  }
  return out;
}"""
# the first cell of each data row of a table's grid, in the order shown (its accessible copy follows the canvas)
FIRST_CELLS = """(table) => [...table.querySelectorAll('[role=row]')].slice(1)
  .map(r => r.querySelector('[role=gridcell]')?.innerText).filter(Boolean)"""


def unit_table(page):
    """The first table of the page once its header row is drawn, scrolled to the middle of the view."""
    page.wait_for_selector("[data-testid='stDataFrame'] [role=columnheader]", state="attached", timeout=180_000)
    table = page.locator("[data-testid='stDataFrame']").first
    table.evaluate("e => e.scrollIntoView({block: 'center'})")
    return table


def settled(page, table) -> None:
    """The app idle and `table` where it stays (the elements above it drawn): its header is clicked by position."""
    page.wait_for_function("() => !document.querySelector('[data-testid=stStatusWidgetRunningIcon], [data-stale=true]')",
                           timeout=120_000)
    page.wait_for_function("(t) => new Promise(done => { const y = t.getBoundingClientRect().top;"
                           " setTimeout(() => done(t.getBoundingClientRect().top === y), 500); })",
                           arg=table.element_handle(), timeout=60_000)


def header_texts(page, table) -> list[str]:
    return page.evaluate("(t) => [...t.querySelectorAll('[role=columnheader]')].map(h => h.innerText)",
                         table.element_handle())


def test_a_tables_column_menu_offers_its_sorts_in_indonesian(server, browser):  # noqa: F811
    """The menu a table's column header opens (the dots shown at its right while hovered) said "Sort ascending",
    "Sort descending", "Statistics", "Autosize", "Pin column", "Hide column" and "Copy column name" in the Indonesian
    UI, Streamlit 1.67 having no parameter to say or to turn them off; "Hide column" had no way back (the toolbar's
    "Show/hide columns" is hidden). The menu offers the two sorts, in Indonesian, and they sort."""
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    page.goto(f"{server}/peta?kab=73.73&tabel=1")  # the table open (closed by default since peta-first)
    table = unit_table(page)
    page.wait_for_function(f"(t) => ({FIRST_CELLS})(t).length >= 5", arg=table.element_handle(), timeout=120_000)
    codes = page.evaluate(FIRST_CELLS, table.element_handle())
    assert codes != sorted(codes, reverse=True), codes  # the units come by the measure, not by code: a sort shows
    settled(page, table)
    menu = page.locator("[data-testid='stDataFrameColumnMenu']")
    resize = "(t) => [...t.querySelectorAll('*')].some(e => getComputedStyle(e).cursor === 'col-resize')"
    for _ in range(3):  # a pointer that missed the dots clicked the header (a sort by code, ascending): again
        box = table.bounding_box()
        y = box["y"] + 17  # the header row
        edge = None  # the first column's right edge: where the grid offers to resize it (its pointer says so)
        for dx in range(40, 400, 3):
            page.mouse.move(box["x"] + dx, y)
            if page.evaluate(resize, table.element_handle()):
                edge = dx
                break
        assert edge, "no column edge found in the header"
        page.mouse.move(box["x"] + edge - 30, y)  # the header hovered: its menu's dots are drawn at its right
        page.mouse.click(box["x"] + edge - 14, y)
        with contextlib.suppress(PlaywrightTimeout):
            menu.wait_for(timeout=10_000)
            break
    menu.wait_for(timeout=1_000)
    page.wait_for_function(f"() => ({MENU_SEEN})().length > 0", timeout=30_000)
    assert page.evaluate(MENU_SEEN) == ["Urutkan naik", "Urutkan turun"]
    before = page.evaluate(FIRST_CELLS, table.element_handle())
    assert before != sorted(before, reverse=True), before  # not by code descending yet: the sort to come shows
    menu.get_by_role("menuitem").filter(visible=True).last.click()
    # sorted by the code, descending (the units came by the measure; a missed click would have sorted ascending)
    page.wait_for_function(f"(t) => {{ const c = ({FIRST_CELLS})(t); return c.length >= 5"
                           " && c.every((v, i) => !i || c[i - 1] >= v); }", arg=table.element_handle(), timeout=30_000)
    page.close()


# a table's cells of column `col` as its accessible grid gives them (the rows drawn, in the order drawn), by row number
COLUMN_CELLS = """([table, col]) => Object.fromEntries([...table.querySelectorAll('[role=row][aria-rowindex]')]
  .map(r => [r.getAttribute('aria-rowindex'), r.querySelectorAll('[role=gridcell]')[col]?.innerText])
  .filter(([i, v]) => v !== undefined && i !== '1'))"""


def sort_key(cell: str) -> int | None:
    """A count's cell as a number (its thousands separators dropped: "1.729", the grid's own "1729"), None for a mark
    or a missing value ("< 5", "×", "–"; the grid reads a typed cell that shows a mark as "-Infinity")."""
    digits = cell.replace(".", "")
    return int(digits) if digits.isdigit() else None


def drawn_column(page, table, col: int) -> list[str]:
    """Every cell of column `col` in the order the grid draws the rows: its accessible copy holds the rows in view
    only, so the grid is scrolled down a screen at a time, then back to the top."""
    scroller = table.locator(".dvn-scroller")
    cells = {}
    scroller.evaluate("s => { s.scrollTop = 0; }")
    while True:
        page.wait_for_function(f"(a) => Object.keys(({COLUMN_CELLS})(a)).length > 0", arg=[table.element_handle(), col])
        cells.update(page.evaluate(COLUMN_CELLS, [table.element_handle(), col]))
        if scroller.evaluate("s => s.scrollTop + s.clientHeight >= s.scrollHeight - 1"):
            break
        last = max(int(i) for i in cells)
        scroller.evaluate("s => { s.scrollTop += s.clientHeight - 40; }")
        page.wait_for_function(f"([a, last]) => Object.keys(({COLUMN_CELLS})(a)).some(i => +i > last)",
                               arg=[[table.element_handle(), col], last], timeout=30_000)
    scroller.evaluate("s => { s.scrollTop = 0; }")
    return [cells[i] for i in sorted(cells, key=int)]


def test_a_number_column_sorts_by_its_numbers_when_its_header_is_clicked(server, browser):  # noqa: F811
    """Palopo's desa: the numbers are drawn in the page's format ("1.729"), but a click on a column's header sorted
    that text: "1.010, 1.729, 107, 46, 903". The counts of children (crossing a thousands separator) sort by their
    value, up then down; in the dropouts' column, whose small counts are hidden ("< 5", "×"), the hidden ones come
    together at one end, the numbers in order after them."""
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    page.goto(f"{server}/peta?kab=73.73&tabel=1")
    table = unit_table(page)
    settled(page, table)
    headers = header_texts(page, table)
    edges = [0.0, *column_edges(page, table)]
    box = table.bounding_box()

    def click_header(name: str) -> int:
        col = headers.index(name)
        page.mouse.click(box["x"] + (edges[col] + edges[col + 1]) / 2 - 10, box["y"] + 17)  # left of the menu's dots
        return col

    def in_order(col: int, descending: bool) -> list:
        # the rows in view sorted (what the click does), then the whole column read
        # (a mark: -1, below every count, as sort_key's None in the order checked below)
        page.wait_for_function("([a, down]) => { const v = Object.entries((" + COLUMN_CELLS + ")(a))"
                               ".sort((x, y) => x[0] - y[0]).map(e => e[1].replaceAll('.', ''))"
                               ".map(t => /^[0-9]+$/.test(t) ? Number(t) : -1);"
                               " return v.length >= 5 && v.every((x, i) => !i || (down ? v[i - 1] >= x : v[i - 1] <= x)); }",
                               arg=[[table.element_handle(), col], descending], timeout=30_000)
        return [sort_key(c) for c in drawn_column(page, table, col)]

    children = click_header("Anak 7-18")
    up = in_order(children, False)
    assert None not in up and up == sorted(up) and up[0] < 1000 <= up[-1], up
    click_header("Anak 7-18")
    down = in_order(children, True)
    assert down == sorted(up, reverse=True), down

    dropouts = click_header("DO")
    up = in_order(dropouts, False)
    hidden = up.count(None)
    assert 0 < hidden < len(up), up  # marks and numbers both
    assert up[:hidden] == [None] * hidden and up[hidden:] == sorted(up[hidden:]), up  # the marks first, together
    click_header("DO")
    down = in_order(dropouts, True)
    assert down[-hidden:] == [None] * hidden and down[:-hidden] == sorted(up[hidden:], reverse=True), down
    page.close()


def column_edges(page, table) -> list[float]:
    """The x of each column border in a table's header, from its left edge: where the grid offers to resize a column
    (its pointer says so; the grid draws on a canvas and its columns' widths are in no element)."""
    box = table.bounding_box()
    resize = "(t) => [...t.querySelectorAll('*')].some(e => getComputedStyle(e).cursor === 'col-resize')"
    runs, run = [], []
    for dx in range(2, int(box["width"]) - 2, 2):
        page.mouse.move(box["x"] + dx, box["y"] + 17)
        if page.evaluate(resize, table.element_handle()):
            run.append(dx)
        elif run:
            runs.append(sum(run) / len(run))
            run = []
    page.mouse.move(0, 0)
    return runs


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_unit_tables_headers_are_whole_on_a_laptop(server, browser, lang):  # noqa: F811
    """The unit table of a kab/kota's desa has ten columns, its numbers in narrow columns with short headers: in
    English "Grade 12 done" (84 px of text in an 88 px column, after the cell's 8 px padding) showed as "Grade 12 don".
    Every header's text fits its column as drawn at 1366 px, in both languages (the last column, a note, is text: its
    width is its header's)."""
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    page.goto(f"{server}/peta?kab=73.73&lang={lang}&tabel=1")  # the table open (closed by default)
    table = unit_table(page)
    settled(page, table)
    headers = header_texts(page, table)
    assert len(headers) == 10, headers
    # the header's text as the grid draws it: the page's sans-serif at 14 px, regular weight
    widths = page.evaluate("""([labels, t]) => { const c = document.createElement('canvas').getContext('2d');
        c.font = '400 14px ' + getComputedStyle(t).fontFamily; return labels.map(l => c.measureText(l).width); }""",
                           [headers, table.element_handle()])
    edges = [0.0, *column_edges(page, table)]
    assert len(edges) >= len(headers), (headers, edges)  # a border after every column but the last
    columns = [b - a for a, b in zip(edges, edges[1:])]
    cut = [(h, round(w), round(c)) for h, w, c in zip(headers, widths, columns) if w + 8 > c + 1]
    assert not cut, cut  # (header, its text's px, its column's px)
    page.close()
