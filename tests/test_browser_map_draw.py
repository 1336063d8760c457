"""Real browser: a change of the map draws its units once. Streamlit's chart (1.67) calls Plotly.react a second time
right after a new chart's first draw, with a deep copy of the figure (its theme and hovermode effects); the screen
map's figure makes that call draw nothing (ui/maps.py: layout.datarevision, z as a list, meta as JSON text, autosize,
no template and theme=None). Without it Plotly took the copy as new data and re-projected and restyled every unit a
second time (180-210 ms of a province desa change: benchmarks/README.md, desa-draw). Same demo store and server
setup as tests/test_browser.py."""

from pathlib import Path

import pytest

from tests.conftest import needs_shared
from tests.test_browser import CHROMIUM, browser, choose, demo_store, streamlit_server  # noqa: F401 (fixtures)
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
}"""

# the chart on screen once Streamlit has called Plotly.react on it twice (its first draw, then the copy): its counts
SETTLED = """(before) => {
  const gd = [...document.querySelectorAll('.js-plotly-plot')].find(g => g._fullLayout && g._fullLayout.geo);
  const counts = gd && window.__drawWatch.get(gd);
  if (!counts || counts.reacts < 2 || JSON.stringify(gd.data.map(t => t.z)) === before) return null;
  return {...counts, units: gd.querySelectorAll('path.choroplethlocation').length};
}"""


@pytest.fixture(scope="module")
def server(demo_store):  # noqa: F811 (a server of this module's own)
    with streamlit_server(demo_store, log_name="streamlit_map_draw.log") as url:
        yield url


def test_a_measure_change_draws_each_unit_once(server, browser):  # noqa: F811
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    page.goto(f"{server}/peta?kab=73.05&tingkat=kel")  # Takalar's desa
    page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot path.choroplethlocation').length > 50",
                           timeout=120_000)
    before = page.evaluate("() => JSON.stringify([...document.querySelectorAll('.js-plotly-plot')]"
                           ".find(g => g._fullLayout && g._fullLayout.geo).data.map(t => t.z))")
    page.evaluate(WATCH)
    label = CATALOGUE["peta.measure"][0]
    for measure in ("measure.ats_pct", "measure.n_ats"):  # two changes: a new chart each time
        choose(page, label, CATALOGUE[measure][0])
        counts = page.wait_for_function(SETTLED, arg=before, timeout=120_000).json_value()
        assert counts["units"] > 50
        # every unit's path written once by the first draw; the second Plotly.react wrote none (it wrote them all again)
        assert counts["d"] == counts["units"], counts
        before = page.evaluate("() => JSON.stringify([...document.querySelectorAll('.js-plotly-plot')]"
                               ".find(g => g._fullLayout && g._fullLayout.geo).data.map(t => t.z))")
    page.close()
