"""Real browser, two real servers from one checkout on two stores (two store versions): the second server's map files
do not take the first's away (data/geo_files.py). The first server's page is slow to fetch its GeoJSON (its request
held, as on a slow link) while the second server draws the same view and writes its own version's files; the first
page's map is then still drawn. Before, the second write removed every other version's folder: the held request met a
404 and the map stayed empty."""

from pathlib import Path

import pytest

from tests.conftest import needs_shared
from tests.test_browser import CHROMIUM, PAINTED, browser, demo_store, streamlit_server, wait_painted  # noqa: F401

pytestmark = [needs_shared, pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium not installed")]

VIEW = "/peta?kab=73.73&tingkat=kel"  # Palopo's desa: in both stores


def _painted_or_refused(page, statuses, timeout_ms: int = 120_000) -> bool:
    """Wait until the map is drawn (True) or a static/geo file was refused (False: the map stays empty)."""
    while timeout_ms > 0:
        if any(status >= 400 for status, _ in statuses):
            return False
        if page.evaluate(PAINTED):
            return True
        page.wait_for_timeout(250)
        timeout_ms -= 250
    raise AssertionError("the map was neither drawn nor refused its files")


def test_a_second_store_s_server_does_not_empty_the_first_s_map(demo_store, fixture_store, browser):  # noqa: F811
    with streamlit_server(demo_store, log_name="streamlit_geo_a.log") as first, \
            streamlit_server(fixture_store, log_name="streamlit_geo_b.log") as second:
        page = browser.new_page(viewport={"width": 1366, "height": 900})
        held, statuses = [], []
        released = []
        # held: not answered until released below; then every request passes
        page.route("**/app/static/geo/**/*.geojson", lambda route: route.continue_() if released else held.append(route))
        page.on("response", lambda r: statuses.append((r.status, r.url)) if "/app/static/geo/" in r.url else None)
        page.goto(first + VIEW)
        page.wait_for_function("() => !!document.querySelector('.js-plotly-plot')", timeout=120_000)
        deadline = 120_000
        while not held and deadline > 0:  # Plotly asks for the GeoJSON once the chart is mounted
            page.wait_for_timeout(200)
            deadline -= 200
        assert held, "the first server's page never asked for its GeoJSON"
        url = held[0].request.url

        other = browser.new_page(viewport={"width": 1366, "height": 900})
        other.goto(second + VIEW)  # the second server writes its version's files now
        wait_painted(other, timeout_ms=120_000)
        other_url = other.evaluate("() => document.querySelector('.js-plotly-plot').data[0].geojson")
        assert other_url.split("/")[-2] not in url  # two versions, two folders

        released.append(True)
        for route in held:
            route.continue_()
        assert _painted_or_refused(page, statuses), [s for s in statuses if s[0] >= 400]
        page.close()
        other.close()
