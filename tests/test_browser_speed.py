"""In Chromium against `streamlit run` (issue 21.2): a control of the map page reruns the map's fragment only, and
the link still follows it; a sidebar filter reruns the app. What the browser asks the server is read from the
websocket: each rerun request (BackMsg rerun_script) names the fragment it reruns, or none for the whole app."""

from streamlit.proto.BackMsg_pb2 import BackMsg

from tests.test_browser import (  # noqa: F401  (fixtures: a demo store served by `streamlit run`, Chromium)
    assert_no_error,
    browser,
    demo_store,
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
