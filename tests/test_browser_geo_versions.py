"""Real browser, two real servers from one checkout on two stores (two store versions): the second server's map files
do not take the first's away (data/geo_files.py). The first server's page is slow to fetch its GeoJSON (its request
held, as on a slow link) while the second server, already showing a map, switches to the same view and writes its own
version's files; the first page's request then gets its file and its map is drawn. Before, the second write removed
every other version's folder: the held request met a 404 and the map stayed empty.

Plotly gives a GeoJSON still being fetched 5 s when the chart is drawn again meanwhile (Streamlit draws a new chart
twice; plotly.js fetchTraceGeoData's wait), then draws it empty whatever the fetch brings: the request is held for
one click of the second server only, and the map is waited for when it was held less than that."""

import time
from pathlib import Path

import pytest

from tests.conftest import needs_shared
from tests.test_browser import (CHROMIUM, PAINTED, browser, choose, demo_store, streamlit_server,  # noqa: F401
                                wait_painted)
from ui.i18n import CATALOGUE

pytestmark = [needs_shared, pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium not installed")]

GEOJSON = "**/app/static/geo/**/*.geojson"
PLOTLY_WAIT_S = 4.5  # under plotly.js's 5 s for a fetch in flight


def _geojson(page) -> str:
    return page.evaluate("() => { const gd = document.querySelector('.js-plotly-plot');"
                         " return gd && gd.data && gd.data[0] ? gd.data[0].geojson : null; }")


def test_a_second_store_s_server_does_not_empty_the_first_s_map(demo_store, fixture_store, browser):  # noqa: F811
    with streamlit_server(demo_store, log_name="streamlit_geo_a.log") as first, \
            streamlit_server(fixture_store, log_name="streamlit_geo_b.log") as second:
        other = browser.new_page(viewport={"width": 1366, "height": 900})
        other.goto(second + "/peta?kab=73.73&tingkat=kec")  # the second server warm, its Palopo kecamatan drawn
        wait_painted(other, timeout_ms=120_000)

        page = browser.new_page(viewport={"width": 1366, "height": 900})
        held, released, statuses = [], [], []
        page.route(GEOJSON, lambda route: route.continue_() if released else held.append(route))
        page.on("response", lambda r: statuses.append((r.status, r.url)) if "/app/static/geo/" in r.url else None)
        page.goto(first + "/peta?kab=73.73&tingkat=kel")
        deadline = time.time() + 120
        while not held and time.time() < deadline:  # Plotly asks for the GeoJSON once the chart is mounted
            page.wait_for_timeout(50)
        assert held, "the first server's page never asked for its GeoJSON"
        held_at, url = time.time(), held[0].request.url

        choose(other, CATALOGUE["peta.level"][0], CATALOGUE["level.kel"][0])  # the second server writes its desa file
        other.wait_for_function("() => { const gd = document.querySelector('.js-plotly-plot');"
                                " return !!gd && !!gd.data && gd.data[0].geojson.includes('/kel_73.73'); }",
                                timeout=60_000)
        assert _geojson(other).split("/")[-2] not in url  # two versions, two folders

        released.append(True)
        for route in held:
            route.continue_()
        held_s = time.time() - held_at
        deadline = time.time() + 60
        while not any(u == url for _, u in statuses) and time.time() < deadline:  # the held request answered
            page.wait_for_timeout(50)
        refused = [s for s in statuses if s[0] >= 400]
        assert statuses and not refused, statuses  # the file the first server named is still there
        if held_s < PLOTLY_WAIT_S:
            wait_painted(page, timeout_ms=60_000)
        else:
            print(f"held {held_s:.1f} s: past Plotly's wait, the map itself not waited for")
        page.close()
        other.close()
