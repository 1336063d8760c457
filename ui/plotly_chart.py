"""Every figure of the pages (the maps of Peta and Bandingkan, the charts of Tren, Penanganan, KLA and Bandingkan, the
unit profile's sparkline): Plotly figures drawn in the browser by the dashboard's own plotly.js (ui/plotly_bundle.py:
only the traces the pages draw, 1.4 MB) in a Streamlit component (st.components.v2, no iframe: static/ats/plotly_chart.js),
not by st.plotly_chart, whose 4.7 MB Plotly chunk a tab evaluates before it can draw (0.7-0.9 s of its main thread):
no page loads that chunk (benchmarks/README.md, "geo-map" and "own-plotly"). A click on a map's unit reaches Python
as the component's trigger value: its code, handed to `on_click`, with no Plotly selection left on the map (its
colours stay those of the legend)."""

import contextlib
import json

from plotly.io.json import to_json_plotly
import streamlit as st

from ui import plotly_bundle
from ui.i18n import t

# The component's code is a module served from static/ (plotly_bundle.MODULE_URL: its URL names its content, as
# Streamlit's static files come with no Cache-Control), imported by these few lines, which Streamlit sends inline with
# every element of the component (the module inline was 6.4 KB more per chart per rerun). The URL is resolved against
# the page (the inline module's own URL is no place to resolve from). Once imported, the module draws each element in
# the very task that renders it (an import() per element, even of a module loaded, resolved a task later: the page
# showed the old figure for frames after its run, and the browser benchmark took a language switch's old chart for
# the new one); before, a cleanup (the element gone) before the module came cancels the draw, and a module that
# cannot be loaded is said in the chart's place.
JS = f"""const url = new URL({json.dumps(plotly_bundle.MODULE_URL)}, document.baseURI).href;
let module = null;
export default function (component) {{
  if (module) return module.draw(component);
  let cleanup = null, gone = false;
  import(url).then((m) => {{ module = m; if (!gone) cleanup = m.draw(component); }}).catch((error) => {{
    const data = component.data, text = typeof data === "string" ? data : new TextDecoder().decode(data);
    component.parentElement.textContent = `${{JSON.parse(text).failed}} (${{error.message || error}})`;
  }});
  return () => {{ gone = true; if (cleanup) cleanup(); }};
}}"""
NAME = "ats_plotly_chart"
# the modebar as st.plotly_chart's: no "Share chart..." (plotly.js 4's upload to Plotly's cloud: nothing to leave the
# dashboard), no selection tools (a click opens, it does not select)
REMOVED = ["sendChartToCloud", "select2d", "lasso2d"]

# a chart full screen (its modebar's button, static/ats/plotly_chart.js) on white, not the browser's black backdrop
CSS = ".ats-chart:fullscreen {background: #ffffff}"
_component = st.components.v2.component(NAME, html="", css=CSS, js=JS, isolate_styles=False)


def payload(spec: dict | str, config: dict) -> str:
    """What the component is sent: the figure, its config, where the bundle is, its texts. `spec` is a figure dict, or
    its JSON as the caches keep it (data.api.figure, ui.maps.build_once): a rerun that shows the same figure sends the
    same text."""
    # numpy arrays as lists, NaN as null (JSON has no NaN)
    figure = spec if isinstance(spec, str) else to_json_plotly(spec)
    # responsive: drawn again to its element's width when the window or the sidebar changes it
    config = {**config, "modeBarButtonsToRemove": REMOVED, "responsive": True}
    rest = json.dumps({"config": config, "bundle": plotly_bundle.URL, "failed": t("chart.failed"),
                       "fullscreen": [t("plotly.fullscreen"), t("plotly.close_fullscreen")]}, separators=(",", ":"))
    return '{"figure":' + figure + "," + rest[1:]


def show(spec: dict | str, config: dict, key: str, on_click=None, container=None) -> None:
    """The figure `spec` (a figure dict, or its JSON) under `key`, in `container` (else where the page is): one
    element per key, a new figure under the same key is drawn into the same chart. `on_click(kode)` is called, as a
    callback, with the code of a map's unit clicked."""
    callbacks = {}
    if on_click is not None:
        def clicked() -> None:
            kode = (st.session_state.get(key) or {}).get("click")
            if isinstance(kode, str) and kode:
                on_click(kode)

        callbacks["on_click_change"] = clicked
    # bytes, not a str: Streamlit sends a str as a JSON string, every quote of the figure escaped (+15% bytes)
    with container if container is not None else contextlib.nullcontext():
        _component(data=payload(spec, config).encode(), key=key, width="stretch", **callbacks)
