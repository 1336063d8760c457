"""What a page load starts before anything else, so that it runs while the server still runs the page:
- `charts()`: the first thing a page load sends, a script that has the browser load the dashboard's plotly.js
  (ui/plotly_bundle.py, 1.4 MB of JavaScript, which the charts' component, static/ats/plotly_chart.js, would load only
  when the first figure arrives). Imports nothing but Streamlit and the names of the bundle and the component's
  module, so that app.py sends it before its own imports, the login, the filters and the page: on a warm server the
  bundle's fetch and evaluation then overlap the page's run and the drawing of the sidebar, on a cold one the imports
  of its first run (benchmarks/README.md, "First page load" and "own-plotly").
- `imports()`: once per server process, a thread that imports mapclassify (the map's class breaks, ui/maps.py), which
  pulls in scipy.stats, scikit-learn and matplotlib: 2.5-4 s of a cold server's first map, during which the first
  run meanwhile imports and queries the rest (DuckDB's queries release the GIL), instead of after it.
- `first_page()`: whether a run draws the session's first page, whose tab has no Plotly loaded yet (the Peta page then
  sends its map as SVG too, ui/map_svg.py)."""

import importlib
import json
import logging
import threading

import streamlit as st

from ui import plotly_bundle

# imported ahead by imports(): a library of a page that takes seconds to import, and nothing of the app's own (an app
# module imported from two threads at once could wait on each other's import locks)
SLOW_IMPORTS = ("mapclassify",)
_log = logging.getLogger(__name__)
_lock = threading.Lock()
_thread: threading.Thread | None = None

HIDE = '[data-testid="stElementContainer"]:has(> [data-testid="stHtml"] > [data-preload]) {display: none}'


def charts() -> None:
    """A script in the sidebar (its first element: Streamlit sends the elements of a run as they come) that imports the
    charts' module (static/ats/plotly_chart.js) and has it load the dashboard's plotly.js, the very load the charts
    then wait for; a failure is left to the charts, which say it. Its element takes no room (the sidebar's gap between
    elements would push the filters down 1rem)."""
    module, bundle = json.dumps(plotly_bundle.MODULE_URL), json.dumps(plotly_bundle.URL)
    script = (f"<script data-preload>import(new URL({module}, document.baseURI).href)"
              f".then((m) => m.load({bundle})).catch(() => {{}})</script>")
    st.sidebar.html(f"<style>{HIDE}</style>{script}", unsafe_allow_javascript=True, width="content")


PAGE_SHOWN = "_ats_page_shown"  # session state: a page of this session has run to its end


def first_page() -> bool:
    """Whether this run draws the session's first page: a page load whose tab has no Plotly loaded yet (the
    Peta page then also sends its map as SVG, ui/map_svg.py). True until app.py's `page_shown` after a page's run; a
    run that ends before (the root URL's switch to /peta, the login screen) leaves it True."""
    return not st.session_state.get(PAGE_SHOWN, False)


def page_shown() -> None:
    st.session_state[PAGE_SHOWN] = True


def _import_all(names: tuple[str, ...]) -> None:
    for name in names:
        try:
            importlib.import_module(name)
        except Exception:  # the page's own import then fails and says why; this thread only logs it
            _log.exception("warm-up import of %s failed", name)


def imports() -> threading.Thread:
    """Start importing SLOW_IMPORTS on a daemon thread, once per process (later calls return the same thread). A page
    that needs one of them while the thread imports it waits for that import (Python's per-module import lock), then
    uses the module; a failed import is logged here and raised again where the page imports it."""
    global _thread
    with _lock:
        if _thread is None:
            _thread = threading.Thread(target=_import_all, args=(SLOW_IMPORTS,), name="ats-warm-imports", daemon=True)
            _thread.start()
        return _thread


if __name__ == "__main__":  # `python -m ui.preload run app.py [options]`: `streamlit run`, the imports started first
    import sys

    from streamlit.web.cli import main

    from ui import preload  # this module under its own name: app.py's call then finds the thread started here

    preload.imports()  # at the server's start, seconds before a first visitor's run needs them (make run)
    sys.argv[0] = "streamlit"
    sys.exit(main(prog_name="streamlit"))
