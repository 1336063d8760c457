"""In Chromium against `streamlit run`: a page load of the map shows the server's SVG (ui/map_svg.py) in the map's
place while the dashboard's plotly.js loads, hides it once the Plotly map is drawn (same place, same units within a
pixel: nothing jumps), and a later run sends none."""

from tests.test_browser import (  # noqa: F401  (fixtures: a demo store served by `streamlit run`, Chromium)
    assert_no_error,
    browser,
    demo_store,
    pytestmark,
    server,
    wait_painted,
)

# At every animation frame: the first frame where the server's SVG is shown with every path filled and the Plotly map
# has no path yet (`shown`), and the boxes of the map's container and of the SVG at the last frame it was shown
# (`last`: the moment before the swap; content drawn above the map meanwhile may move both).
WATCH = """(() => {
  const seen = (window.__firstMap = {shown: null, last: null});
  const look = () => {
    const svg = document.querySelector('svg.ats-first-map');
    const box = document.querySelector('.st-key-peta_map_box');
    if (svg && box && svg.getBoundingClientRect().width > 0) {
      const paths = [...svg.querySelectorAll('path')];
      const b = box.getBoundingClientRect(), s = svg.getBoundingClientRect();
      seen.last = {box: [b.top, b.height], svg: [s.top, s.height]};
      if (!seen.shown && paths.length && paths.every(p => p.getAttribute('d') && p.getAttribute('fill'))
          && !document.querySelector('.choroplethlayer path')) seen.shown = {units: paths.length};
    }
    if (!(seen.shown && svg && svg.getBoundingClientRect().width === 0)) requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
})();"""

HIDDEN = """() => { const svg = document.querySelector('svg.ats-first-map');
  return !!svg && getComputedStyle(svg.closest('[data-testid=stElementContainer]')).display === 'none'; }"""

# Each unit's box in the SVG (shown again for the comparison) and in the Plotly map, in px of the page.
BOXES = """() => {
  const gd = document.querySelector('.js-plotly-plot');
  const plotly = {};
  for (const p of gd.querySelectorAll('.choroplethlayer path.choroplethlocation')) plotly[p.__data__.loc] = p.getBoundingClientRect();
  const worst = [...document.querySelectorAll('svg.ats-first-map path')].map(p => {
    const a = p.getBoundingClientRect(), b = plotly[p.dataset.kode];
    return b ? Math.max(Math.abs(a.left - b.left), Math.abs(a.top - b.top), Math.abs(a.right - b.right), Math.abs(a.bottom - b.bottom)) : 1e9;
  });
  const m = gd.querySelector('.main-svg').getBoundingClientRect(), box = document.querySelector('.st-key-peta_map_box').getBoundingClientRect();
  return {worst: Math.max(...worst), units: worst.length, plotlyUnits: Object.keys(plotly).length, plot: [m.top, m.height], box: [box.top, box.height]};
}"""


def test_the_map_is_first_painted_as_the_server_s_svg_then_as_plotly_in_the_same_place(server, browser):
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    page.add_init_script(WATCH)
    page.goto(f"{server}/peta?kab=73.73")
    page.wait_for_function("() => window.__firstMap.shown", timeout=180_000)  # shown before Plotly drew the map
    shown = page.evaluate("window.__firstMap.shown")
    wait_painted(page, timeout_ms=180_000)
    page.wait_for_function(HIDDEN, timeout=30_000)  # hidden once the Plotly map is drawn
    last = page.evaluate("window.__firstMap.last")
    assert_no_error(page)
    page.add_style_tag(content=".st-key-peta_map_box [data-testid='stElementContainer']:has(svg.ats-first-map)"
                               " {display: block !important}")
    boxes = page.evaluate(BOXES)
    assert boxes["units"] == boxes["plotlyUnits"] == shown["units"] > 40, (boxes, shown)  # Palopo's 48 kelurahan
    assert boxes["worst"] <= 1.5, boxes  # every unit where Plotly draws it, within whole-pixel rounding
    # the swap moves nothing: the box keeps its height, and the map is where the SVG was in it the frame before it was
    # hidden (read within the box: the controls above may be drawn in that same frame, Streamlit reveals its lazy
    # elements once plotly.js is evaluated, and move the box and both maps down together)
    assert last["box"][1] == boxes["box"][1] == 560, (last, boxes)
    assert abs((last["svg"][0] - last["box"][0]) - (boxes["plot"][0] - boxes["box"][0])) <= 1, (last, boxes)
    assert last["svg"][1] == boxes["plot"][1], (last, boxes)

    box = page.locator("[data-testid='stMain'] [data-testid='stSelectbox']").filter(has_text="Ukuran")
    box.click()
    page.keyboard.type("ATS per 100")
    page.keyboard.press("Enter")
    page.wait_for_function("() => location.search.includes('ukuran=ats_pct') && !document.querySelector('svg.ats-first-map')",
                           timeout=60_000)  # a later run sends no SVG
    wait_painted(page)
    assert_no_error(page)
    page.close()
