"""What a page load starts before anything else, so that it runs while the server still runs the page:
- `charts()`: the first thing a page load sends, a script that has the browser start loading Streamlit's Plotly chunk
  (4.7 MB of JavaScript, which its frontend imports only when the first chart arrives). Imports nothing but Streamlit,
  so that app.py sends it before its own imports, the login, the filters and the page: on a warm server the chunk's
  fetch and compilation then overlap the page's run and the drawing of the sidebar, on a cold one the imports of its
  first run (benchmarks/README.md, "First page load"). Not on the map's pages: their map is drawn by plotly.js's
  geo-only bundle (ui/geo_map.py), which imports the chunk once the map is drawn.
- `imports()`: once per server process, a thread that imports mapclassify (the map's class breaks, ui/maps.py), which
  pulls in scipy.stats, scikit-learn and matplotlib: 2.5-4 s of a cold server's first map, during which the first
  run meanwhile imports and queries the rest (DuckDB's queries release the GIL), instead of after it.
- `first_page()`: whether a run draws the session's first page, whose tab has no Plotly loaded yet (the Peta page then
  sends its map as SVG too, ui/map_svg.py)."""

import importlib
import logging
import threading
import urllib.parse
from pathlib import Path

import streamlit as st

# Streamlit's chunk of Plotly, under the name its frontend imports (a hash of its content: cached a year by browsers)
PLOTLY_CHUNK = next((Path(st.__file__).parent / "static" / "static" / "js").glob("PlotlyChart.*.js"), None)
# imported ahead by imports(): a library of a page that takes seconds to import, and nothing of the app's own (an app
# module imported from two threads at once could wait on each other's import locks)
SLOW_IMPORTS = ("mapclassify",)
_log = logging.getLogger(__name__)
_lock = threading.Lock()
_thread: threading.Thread | None = None


# pages whose first chart is the map, drawn by plotly.js's geo-only bundle (ui/geo_map.py), which fetches Streamlit's
# chunk itself once the map is drawn: "" is the root, which shows Peta
MAP_PAGES = ("", "peta")
HIDE = '[data-testid="stElementContainer"]:has(> [data-testid="stHtml"] > [data-preload]) {display: none}'
# On a map page, the chunk's import once a person heads for another page: the pointer over (or the focus in) the
# sidebar's page links. Its evaluation (0.7-0.9 s of the tab's main thread) then overlaps the move, the click and the
# server's run of the next page, and falls on no click of the map (imported when the tab was idle, it delayed the
# next click to 1.0 s: benchmarks/README.md, geo-map). Once per tab.
INTENT = ("if (!window.__atsChunkIntent) { window.__atsChunkIntent = true; const go = (e) => {"
          " if (!e.target.closest || !e.target.closest('[data-testid=stSidebarNav]')) return;"
          " document.removeEventListener('pointerover', go); document.removeEventListener('focusin', go);"
          " import('./static/js/%s').catch(() => {}); };"
          " document.addEventListener('pointerover', go); document.addEventListener('focusin', go); }")


def page_path() -> str | None:
    """The path of the page this run draws, under the server's base URL path ("peta", "" for the root); None when the
    browser's URL is not known (a run without one: AppTest)."""
    url = st.context.url
    if not url:
        return None
    path = urllib.parse.urlparse(url).path.strip("/")
    base = (st.get_option("server.baseUrlPath") or "").strip("/")
    if base and (path == base or path.startswith(base + "/")):
        path = path[len(base):].strip("/")
    return path


def charts() -> None:
    """A script in the sidebar (its first element: Streamlit sends the elements of a run as they come), the very import
    Streamlit's frontend makes later, resolved from the same module then; its element takes no room (the sidebar's gap
    between elements would push the filters down 1rem). On the map's pages (MAP_PAGES) the import waits for a person
    heading for another page (INTENT): their map comes first, and the chunk's evaluation (0.7-0.9 s of a page load's
    CPU) would delay it."""
    if PLOTLY_CHUNK is None:
        return
    script = f'<script data-preload>import("./static/js/{PLOTLY_CHUNK.name}")</script>'
    if page_path() in MAP_PAGES:  # fetched when the pointer or the focus comes to the page links (INTENT)
        script = f"<script data-preload>{INTENT % PLOTLY_CHUNK.name}</script>"
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
