"""In Chromium against `streamlit run` (issue 21.2): a control of the map page reruns the map's fragment only, and
the link still follows it; a sidebar filter reruns the app. What the browser asks the server is read from the
websocket: each rerun request (BackMsg rerun_script) names the fragment it reruns, or none for the whole app."""

import os
import subprocess
import sys

from streamlit.proto.BackMsg_pb2 import BackMsg

from data.config import ROOT
from tests.test_browser import (  # noqa: F401  (fixtures: a demo store served by `streamlit run`, Chromium)
    assert_no_error,
    browser,
    demo_store,
    log_in,
    make_account,
    pytestmark,
    server,
    wait_for_map,
    wait_painted,
)


def rerun_requests(page) -> list[str]:
    """The fragment id of every rerun the page asks for from now on ("" for a rerun of the whole app)."""
    asked = []

    def sent(payload):
        if isinstance(payload, bytes):
            msg = BackMsg.FromString(payload)
            if msg.WhichOneof("type") == "rerun_script":
                asked.append(msg.rerun_script.fragment_id)

    page.on("websocket", lambda ws: ws.on("framesent", sent))
    return asked


def choose(page, box, option: str) -> None:
    box.click()
    page.keyboard.type(option)
    page.keyboard.press("Enter")


def test_map_controls_rerun_the_map_only_and_the_link_follows(server, browser):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    asked = rerun_requests(page)
    page.goto(f"{server}/peta")
    palopo = wait_for_map(page, "73.73.", timeout_s=180)  # a first page of a fresh server, on a busy machine
    wait_painted(page, timeout_ms=180_000)
    before = list(asked)
    assert before == [""], before  # the page load is one run of the app: nothing at its start asks for another

    choose(page, page.locator("[data-testid='stMain'] [data-testid='stSelectbox']").filter(has_text="Ukuran"),
           "ATS per 100")
    page.wait_for_function("() => location.search.includes('ukuran=ats_pct')", timeout=30_000)
    assert sorted(wait_for_map(page, "73.73.")) == sorted(palopo)
    wait_painted(page)
    assert_no_error(page)
    changed = asked[len(before):]
    assert changed and all(changed), changed  # a rerun of the map's fragment, not of the app

    choose(page, page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").filter(has_text="Jenis kelamin"),
           "Perempuan")
    page.wait_for_function("() => location.search.includes('sex=P')", timeout=30_000)
    wait_painted(page)
    assert_no_error(page)
    assert "" in asked[len(before) + len(changed):]  # a sidebar filter reruns the whole app
    assert "ukuran=ats_pct" in page.url  # the fragment's choice stays in the link
    page.close()


def test_a_map_control_still_ends_the_session_of_a_disabled_account(demo_store, server, browser):
    """The map's fragment reruns without app.py, so it passes the login gate itself: after the account is disabled
    (command line), the next change of measure ends the session, and the sidebar says the visitor is not logged in."""
    make_account(demo_store, "pemirsa.peta", "viewer", "73")
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(f"{server}/masuk")
    log_in(page, "pemirsa.peta")
    sidebar = page.locator("[data-testid='stSidebar']")
    sidebar.get_by_text("Masuk sebagai").wait_for(timeout=60_000)
    sidebar.locator("[data-testid='stSidebarNav']").get_by_text("Peta").first.click()  # in the app: same session
    wait_for_map(page, "73.73.", timeout_s=180)
    wait_painted(page, timeout_ms=180_000)
    env = {**os.environ, "ATS_STORE": str(demo_store), "ATS_ACCESS_DB": str(demo_store.with_suffix(".access.sqlite"))}
    done = subprocess.run([sys.executable, "-m", "data", "user", "disable", "pemirsa.peta"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert sidebar.get_by_text("Masuk sebagai").count() == 1  # nothing reran yet
    choose(page, page.locator("[data-testid='stMain'] [data-testid='stSelectbox']").filter(has_text="Ukuran"),
           "ATS per 100")
    sidebar.get_by_text("Anda belum masuk").wait_for(timeout=60_000)
    assert sidebar.get_by_text("Masuk sebagai").count() == 0
    page.close()


def test_the_tren_breakdown_reruns_its_own_section_and_the_link_follows(server, browser):
    """The Tren page's "Rincian menurut" and its chart are a fragment of their own (views/tren.py): a change of
    breakdown asks for a rerun of that fragment, not of the app (the trend, the small multiples and the participation
    indicators stay as they are), the chart follows it and so does the link."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    asked = rerun_requests(page)
    page.goto(f"{server}/tren")
    box = page.locator("[data-testid='stMain'] [data-testid='stSelectbox']").filter(has_text="Rincian menurut")
    box.wait_for(timeout=180_000)
    page.locator(".js-plotly-plot .gtitle", has_text="Rincian per putaran: Kategori ATS").wait_for(timeout=180_000)
    before = len(asked)
    choose(page, box, "Jenis kelamin")
    page.wait_for_function("() => location.search.includes('rincian=sex')", timeout=60_000)
    page.locator(".js-plotly-plot .gtitle", has_text="Rincian per putaran: Jenis kelamin").wait_for(timeout=60_000)
    page.locator(".js-plotly-plot .legendtext", has_text="Perempuan").first.wait_for(timeout=60_000)
    assert_no_error(page)
    changed = asked[before:]
    assert changed and all(changed), changed  # a rerun of the breakdown's fragment, not of the app
    page.close()


def test_a_tren_tab_is_drawn_when_opened_by_a_rerun_of_its_own_section(server, browser):
    """The sections under Tren's breakdown are tabs of which only the open one runs and is drawn (views/tren.py
    sections()): the units' heat map is not on the page until its tab is opened, and opening it asks for a rerun of
    that fragment, not of the app (the trend and the breakdown stay as they are)."""
    from ui.i18n import CATALOGUE

    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    asked = rerun_requests(page)
    page.goto(f"{server}/tren")
    page.get_by_role("heading", name=CATALOGUE["tren.targets"][0]).wait_for(timeout=180_000)
    heat = page.locator("[data-testid='stMain'] .js-plotly-plot .heatmaplayer")
    assert heat.count() == 0
    before = len(asked)
    page.get_by_role("tab", name=CATALOGUE["tren.tab.units"][0], exact=True).click()
    heat.first.wait_for(timeout=60_000)
    assert_no_error(page)
    changed = asked[before:]
    assert changed and all(changed), changed  # a rerun of the sections' fragment, not of the app
    page.close()
