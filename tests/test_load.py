"""What a first page load pays for (issue 21: a page within 2 s): the browser is asked for the dashboard's plotly.js
before anything else is sent, and the modules of the pages' start-up do not import what only a download or another
page needs (matplotlib for figures as files, geopandas for boundaries drawn on the server, python-pptx for the
meeting pack). Real modules in a fresh interpreter, the real app under AppTest."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from data import api
from data.accounts import ANONYMOUS
from tests.conftest import ROOT, needs_shared, open_app, screen_charts, screen_figures
from ui import preload
from ui.view import View


def preload_script(at) -> str:
    first = at.sidebar[0]
    return first.proto.body if type(first).__name__ == "Html" else ""


@needs_shared
def test_the_dashboards_plotly_is_the_first_thing_sent_and_no_page_needs_streamlits(use_store):
    """The sidebar's first element starts loading the dashboard's plotly.js (ui/plotly_bundle.py: a file that exists,
    under the URL the charts' component asks for) and takes no room in the sidebar; no page draws a st.plotly_chart,
    so none has the browser load Streamlit's 4.7 MB Plotly chunk."""
    from ui import plotly_bundle

    assert plotly_bundle.BUNDLE.is_file() and plotly_bundle.URL.startswith("./app/static/plotly/plotly-ats.min.js?v=")
    assert plotly_bundle.MODULE.is_file() and plotly_bundle.MODULE_URL.startswith("./app/static/ats/plotly_chart.js?v=")
    for page, query in (("views/peta.py", {"kab": "73.73"}), ("views/tren.py", {"kab": "73.73"}),
                        ("views/penanganan.py", {"kab": "73.73"}), ("views/kla.py", {"tahun": "2024"}),
                        ("views/banding.py", {})):
        at = open_app(page, **query)
        assert not at.exception, (page, at.exception)
        body = preload_script(at)
        assert body.startswith(f"<style>{preload.HIDE}</style><script data-preload>"), (page, body[:200])
        module, bundle = json.dumps(plotly_bundle.MODULE_URL), json.dumps(plotly_bundle.URL)
        assert f"import(new URL({module}, document.baseURI).href).then((m) => m.load({bundle}))" in body, page
        assert not at.get("plotly_chart"), page
        # each page draws figures with the dashboard's plotly.js (Bandingkan once units are picked)
        assert screen_figures(at) or page == "views/banding.py", page


def test_the_preload_goes_out_before_the_store_is_opened(tmp_path, monkeypatch):
    """Sent before app.py's imports and the store: with no store and no reference data, the page says so and the
    preload is there all the same (on a cold server, plotly.js loads during the first run's imports)."""
    monkeypatch.setenv("ATS_STORE", str(tmp_path / "none.duckdb"))
    monkeypatch.setenv("ATS_REFERENCE", str(tmp_path / "no-reference"))
    at = open_app()
    assert at.error and "data-preload" in preload_script(at)


def imported_after(modules: list[str]) -> set[str]:
    """The modules a fresh interpreter holds after importing `modules` (the app's own, from the checkout)."""
    code = ("import sys, json; sys.path.insert(0, sys.argv[1])\n"
            + "".join(f"import {m}\n" for m in modules) + "print(json.dumps(sorted(sys.modules)))")
    out = subprocess.run([sys.executable, "-c", code, str(ROOT)], capture_output=True, text=True, check=True, cwd=ROOT)
    return set(json.loads(out.stdout.splitlines()[-1]))


# drawing files on the server (matplotlib and what draws maps with it), boundaries as shapes, the meeting pack
DRAWING = {"figures.common", "figures.charts", "figures.staticmap", "matplotlib_scalebar", "pptx"}
SHAPES = {"geopandas", "shapely", "pyproj", "pyogrio"}


def test_the_start_of_a_page_imports_no_drawing_or_shapes():
    """What app.py imports before a page runs: neither matplotlib nor geopandas (0.5-1 s of a cold server's first page,
    benchmarks/README.md); they come when a file is drawn or a boundary file written."""
    held = imported_after(["ui.preload", "data.api", "data.accounts", "ui.filters", "ui.login", "ui.source",
                           "ui.widgets"])
    assert "streamlit" in held and "data.api" in held
    assert not held & (DRAWING | SHAPES | {"matplotlib", "mapclassify"}), held & (DRAWING | SHAPES | {"matplotlib"})


def test_the_pages_import_no_file_drawing():
    """The sections of every page build what a download will draw (figures.spec), not the drawing itself."""
    held = imported_after(["ui.peta", "pack.page", "ui.figure_files", "ui.figure_charts", "ui.tren", "ui.penanganan",
                           "ui.kla", "ui.banding", "ui.profile"])
    assert "figures.spec" in held and "ui.figure_charts" in held
    assert not held & (DRAWING | SHAPES), held & (DRAWING | SHAPES)
    assert "openpyxl" not in held  # imported when an XLSX is written (data/spreadsheet.py): 75 ms of a first run


@needs_shared
def test_the_map_page_reads_no_shapes_until_a_file_is_drawn(use_store):
    """The Peta page's run, in a fresh interpreter (its boundary files written by a first run here): the map and its
    downloads without geopandas or the drawing modules; the map file drawn afterwards reads the shapes and draws."""
    assert len(screen_figures(open_app("views/peta.py", kab="73.73"))) == 1  # the static boundary files exist
    code = """import json, os, sys
sys.path.insert(0, sys.argv[1])
from streamlit.testing.v1 import AppTest
at = AppTest.from_file(os.path.join(sys.argv[1], "app.py"), default_timeout=90)
at.query_params["kab"] = "73.73"
at.switch_page("views/peta.py")
at.run()
print(json.dumps({"charts": len(at.get("bidi_component")), "error": bool(at.exception), "held": sorted(sys.modules)}))"""
    out = subprocess.run([sys.executable, "-c", code, str(ROOT)], capture_output=True, text=True, check=True, cwd=ROOT)
    ran = json.loads(out.stdout.splitlines()[-1])
    assert ran["charts"] >= 1 and not ran["error"]
    assert not set(ran["held"]) & (DRAWING | SHAPES), set(ran["held"]) & (DRAWING | SHAPES)

    from ui import figure_files

    result = api.ats_by_wilayah(ANONYMOUS, level="kel", kode_induk="73.73")
    figure = figure_files.map_figure(result, "kel", "73.73", "n_ats", "quantiles", View(places=("Kota Palopo",)))
    assert figure.render("slide", "png")[:4] == b"\x89PNG"


def test_a_first_run_starts_importing_mapclassify_on_a_thread(tmp_path):
    """app.py starts, once per process, a thread that imports mapclassify (seconds on a cold server: scipy.stats,
    scikit-learn, matplotlib) while its own run goes on. Here the run stops before any page (no store, no reference
    data), so nothing of the page imports it: the thread does, and a second run starts no other thread."""
    code = """import json, os, sys, threading
sys.path.insert(0, sys.argv[1])
from streamlit.testing.v1 import AppTest
def run():
    at = AppTest.from_file(os.path.join(sys.argv[1], "app.py"), default_timeout=90)
    at.run()
    return at
first = run()
from ui import preload
started = preload._thread
started.join(60)
second = run()
print(json.dumps({"error": bool(first.error), "name": started.name, "daemon": started.daemon, "alive": started.is_alive(),
                  "same": preload._thread is started, "mapclassify": "mapclassify" in sys.modules,
                  "page": "ui.maps" in sys.modules,
                  "threads": sum(t.name == started.name for t in threading.enumerate())}))"""
    env = {**os.environ, "ATS_STORE": str(tmp_path / "none.duckdb"), "ATS_REFERENCE": str(tmp_path / "no-reference")}
    out = subprocess.run([sys.executable, "-c", code, str(ROOT)], capture_output=True, text=True, check=True, cwd=ROOT,
                         env=env)
    ran = json.loads(out.stdout.splitlines()[-1])
    assert ran["error"] and not ran["page"], ran  # no page ran: the store is missing and cannot be built
    assert ran == {**ran, "name": "ats-warm-imports", "daemon": True, "alive": False, "same": True, "mapclassify": True,
                   "threads": 0}, ran


@pytest.mark.skipif(not Path("/proc/self/maps").exists(), reason="reads the server's loaded libraries from /proc")
def test_make_run_imports_mapclassify_when_the_server_starts(tmp_path):
    """`make run` serves through `python -m ui.preload run app.py`: `streamlit run` with the thread started at the
    server's start, so that scipy and scikit-learn (mapclassify's) are loaded before any visitor opens a page."""
    assert "$(PY) -m ui.preload run app.py" in (ROOT / "Makefile").read_text()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "ATS_STORE": str(tmp_path / "none.duckdb")}  # no visitor: no run, no store opened
    proc = subprocess.Popen([sys.executable, "-m", "ui.preload", "run", "app.py", "--server.port", str(port),
                             "--server.headless", "true"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.STDOUT)
    try:
        deadline, loaded, healthy = time.time() + 90, set(), False
        while time.time() < deadline and not (healthy and loaded == {"scipy", "sklearn"}):
            try:
                healthy = healthy or urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2).status == 200
            except OSError:
                pass
            maps = Path(f"/proc/{proc.pid}/maps").read_text()
            loaded = {lib for lib in ("scipy", "sklearn") if f"/{lib}/" in maps}
            time.sleep(0.2)
        assert healthy and loaded == {"scipy", "sklearn"}, (healthy, loaded)
        assert not (tmp_path / "none.duckdb").exists()
    finally:
        proc.terminate()
        proc.wait(timeout=20)
