"""Real browser: a change of the map draws its units once, into the same chart. The map is one component element for
every view of the page (ui/plotly_chart.py): a new figure is drawn into it with one Plotly.react, and a rerun that
sends the same figure draws nothing (the component skips a payload it has drawn; ui/maps.py's layout.datarevision
makes a figure parsed anew with the same data a no-op for Plotly). Streamlit's own chart (1.67) called Plotly.react
a second time right after each first draw with a deep copy of the figure, which re-projected and restyled every unit
again (180-210 ms of a province desa change: benchmarks/README.md, desa-draw). Same demo store and server setup as
tests/test_browser.py."""

from pathlib import Path

import pytest

from tests.conftest import needs_shared
from tests.test_browser import (CHROMIUM, assert_no_error, browser, choose, demo_store,  # noqa: F401 (fixtures)
                                streamlit_server)
from ui.i18n import CATALOGUE

pytestmark = [needs_shared, pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium not installed")]

# Counts, per chart node, the times Plotly.react finished on it and the path data written to its units (a unit's
# `d` is written when the subplot projects it: a draw), from the moment it is installed.
WATCH = """() => {
  const seen = window.__drawWatch = new Map();
  const track = (gd) => {
    if (seen.has(gd) || !gd.on) return;
    const counts = {reacts: 0, d: 0};
    seen.set(gd, counts);
    gd.on('plotly_react', () => { counts.reacts += 1; });
  };
  new MutationObserver((records) => {
    for (const r of records) {
      const gd = r.target.closest && r.target.closest('.js-plotly-plot');
      if (!gd) continue;
      track(gd);
      if (r.type === 'attributes' && r.target.matches('path.choroplethlocation')) seen.get(gd) && (seen.get(gd).d += 1);
    }
  }).observe(document.body, {subtree: true, childList: true, attributes: true, attributeFilter: ['d']});
  document.querySelectorAll('.js-plotly-plot').forEach(track);
}"""

# the map once its new figure (z changed) is drawn and the app is idle: its counts, and whether it is the chart watched
SETTLED = """([before, watched]) => {
  const gd = [...document.querySelectorAll('.js-plotly-plot')].find(g => g._fullLayout && g._fullLayout.geo);
  const counts = gd && window.__drawWatch.get(gd);
  if (!counts || counts.reacts < 1 || JSON.stringify(gd.data.map(t => t.z)) === before) return null;
  if (document.querySelector('[data-testid=stStatusWidgetRunningIcon], [data-stale=true]')) return null;
  return {...counts, units: gd.querySelectorAll('path.choroplethlocation').length, same: gd === window.__watched};
}"""
Z = ("() => JSON.stringify([...document.querySelectorAll('.js-plotly-plot')]"
     ".find(g => g._fullLayout && g._fullLayout.geo).data.map(t => t.z))")


@pytest.fixture(scope="module")
def server(demo_store):  # noqa: F811 (a server of this module's own)
    with streamlit_server(demo_store, log_name="streamlit_map_draw.log") as url:
        yield url


def test_a_measure_change_draws_each_unit_once(server, browser):  # noqa: F811
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    page.goto(f"{server}/peta?kab=73.05&tingkat=kel")  # Takalar's desa
    page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot path.choroplethlocation').length > 50",
                           timeout=120_000)
    page.evaluate("() => { window.__watched = document.querySelector('.js-plotly-plot'); }")
    label = CATALOGUE["peta.measure"][0]
    for measure in ("measure.ats_pct", "measure.n_ats"):  # two changes, each a new figure
        before = page.evaluate(Z)
        page.evaluate(WATCH)  # counts from here
        choose(page, label, CATALOGUE[measure][0])
        counts = page.wait_for_function(SETTLED, arg=[before, None], timeout=120_000).json_value()
        assert counts["units"] > 50 and counts["same"], counts  # drawn into the chart already there
        # one Plotly.react, and every unit's path written once by it
        assert counts["reacts"] == 1 and counts["d"] == counts["units"], counts
    # a rerun that sends the same figure draws nothing: a click on a desa opens its profile (the map's fragment runs
    # again and sends the map as it was)
    page.evaluate(WATCH)
    page.evaluate("() => { const p = document.querySelector('.js-plotly-plot path.choroplethlocation');"
                  " p.scrollIntoView({block: 'center'}); }")
    box = page.locator(".js-plotly-plot path.choroplethlocation").first.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.get_by_role("dialog").wait_for(timeout=60_000)
    page.wait_for_function("() => !document.querySelector('[data-testid=stStatusWidgetRunningIcon], [data-stale=true]')",
                           timeout=60_000)
    counts = page.evaluate("() => window.__drawWatch.get(window.__watched)")  # the map (the profile has a chart too)
    assert counts == {"reacts": 0, "d": 0}, counts
    page.close()


def test_the_map_goes_full_screen_and_back(server, browser):  # noqa: F811
    """For a projector: the map's modebar has Streamlit's chart's full-screen button (static/ats/plotly_chart.js), in the page's
    language; the map then fills the screen, and comes back to its height."""
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    page.goto(f"{server}/peta?kab=73.73")
    page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot path.choroplethlocation').length > 10",
                           timeout=120_000)
    open_, close = CATALOGUE["plotly.fullscreen"][0], CATALOGUE["plotly.close_fullscreen"][0]
    page.locator(".js-plotly-plot").hover()
    page.locator(f".js-plotly-plot .modebar-btn[data-title='{open_}']").click()
    page.wait_for_function("() => document.fullscreenElement && document.fullscreenElement.matches('.js-plotly-plot')"
                           " && document.fullscreenElement._fullLayout.height === window.innerHeight", timeout=30_000)
    full = page.evaluate("() => document.querySelector('.js-plotly-plot .main-svg').getBoundingClientRect().height")
    assert full == page.evaluate("window.innerHeight"), full
    page.locator(f".js-plotly-plot .modebar-btn[data-title='{close}']").click()
    page.wait_for_function("() => !document.fullscreenElement"
                           " && document.querySelector('.js-plotly-plot')._fullLayout.height === 560", timeout=30_000)
    page.close()


def test_no_page_loads_streamlit_s_plotly_chunk_and_the_dashboard_s_loads_once(server, browser):  # noqa: F811
    """Every figure is drawn by the dashboard's own plotly.js (ui/plotly_bundle.py): the map, and after it Tren's and
    Penanganan's charts, with no request for Streamlit's 4.7 MB Plotly chunk, and the bundle fetched once for the tab
    (the page load's preload and the charts' component share one load, static/ats/plotly_chart.js)."""
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    asked = []
    page.on("request", lambda request: asked.append(request.url.rsplit("/", 1)[-1]))
    page.goto(f"{server}/peta?kab=73.73")
    page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot path.choroplethlocation').length > 10",
                           timeout=120_000)
    for nav, drawn in (("nav.tren", "g.trace.scatter"), ("nav.penanganan", "g.funnellayer g.trace")):
        page.locator("[data-testid='stSidebarNav']").get_by_role("link", name=CATALOGUE[nav][0]).click()
        page.wait_for_function(f"() => document.querySelector('[data-testid=stMain] .js-plotly-plot {drawn}')",
                               timeout=120_000)
    assert_no_error(page)
    assert [name.split("?")[0] for name in asked if name.startswith("plotly-ats.min.js")] == ["plotly-ats.min.js"], asked
    assert not [name for name in asked if name.startswith("PlotlyChart.")], asked
    page.close()
