"""The first thing a page load sends: a script that has the browser start loading Streamlit's Plotly chunk (4.7 MB of
JavaScript, which its frontend imports only when the first chart arrives) while the server still runs the page.
Imports nothing but Streamlit, so that app.py sends it before its own imports, the login, the filters and the page:
on a warm server the chunk's fetch and compilation then overlap the page's run and the drawing of the sidebar, on a
cold one the imports of its first run (benchmarks/README.md, "First page load")."""

from pathlib import Path

import streamlit as st

# Streamlit's chunk of Plotly, under the name its frontend imports (a hash of its content: cached a year by browsers)
PLOTLY_CHUNK = next((Path(st.__file__).parent / "static" / "static" / "js").glob("PlotlyChart.*.js"), None)


def charts() -> None:
    """A script in the sidebar (its first element: Streamlit sends the elements of a run as they come), the very import
    Streamlit's frontend makes later, resolved from the same module then; its element takes no room (the sidebar's gap
    between elements would push the filters down 1rem)."""
    if PLOTLY_CHUNK is not None:
        hide = '[data-testid="stElementContainer"]:has(> [data-testid="stHtml"] > script[data-preload]) {display: none}'
        st.sidebar.html(f'<style>{hide}</style><script data-preload>import("./static/js/{PLOTLY_CHUNK.name}")</script>',
                        unsafe_allow_javascript=True, width="content")
