"""The screen maps of Peta and Bandingkan, and the Peta page's other figure (the unit profile's sparkline): Plotly
figures drawn in the browser by plotly.js's geo-only bundle (ui/plotly_geo.py: choropleth, scattergeo and scatter)
in a Streamlit component (st.components.v2, no iframe: ui/geo_map.js), not by st.plotly_chart, whose 4.7 MB Plotly
chunk a tab evaluates at every page load before it can draw (0.7-0.9 s of the tab's main thread): /peta's map comes
about a second sooner, and the Peta page never loads that chunk (benchmarks/README.md, "geo-map"). The other pages'
charts (Tren, Penanganan, KLA, Bandingkan's trend) stay st.plotly_chart. A click on a unit reaches Python as the
component's trigger value: its code, handed to `on_click`, with no Plotly selection left on the map (its colours stay
those of the legend)."""

import json
from pathlib import Path

from plotly.io.json import to_json_plotly
import streamlit as st

from ui import plotly_geo
from ui.i18n import t

JS = Path(__file__).with_name("geo_map.js")
NAME = "ats_geo_map"
# the modebar as st.plotly_chart's: no "Share chart..." (plotly.js 4's upload to Plotly's cloud: nothing to leave the
# dashboard), no selection tools (a click opens, it does not select)
REMOVED = ["sendChartToCloud", "select2d", "lasso2d"]

# a map full screen (its modebar's button, ui/geo_map.js) on white, not the browser's black backdrop
CSS = ".ats-geo-map:fullscreen {background: #ffffff}"
_component = st.components.v2.component(NAME, html="", css=CSS, js=JS.read_text(), isolate_styles=False)


_payloads: dict[int, tuple[dict, str]] = {}  # id(figure dict) -> (the dict, its JSON): figures are cached dicts


def payload(spec: dict, config: dict) -> str:
    """What the component is sent: the figure, its config, where the bundle is, its texts. A cached figure
    dict (ui.maps.build_once) is turned into JSON once: a rerun that shows the same figure sends the same text."""
    held = _payloads.get(id(spec))
    if held is not None and held[0] is spec:
        figure = held[1]
    else:
        figure = to_json_plotly(spec)  # numpy arrays as lists, NaN as null (JSON has no NaN)
        if len(_payloads) > 64:
            _payloads.clear()
        _payloads[id(spec)] = (spec, figure)
    # responsive: drawn again to its element's width when the window or the sidebar changes it
    config = {**config, "modeBarButtonsToRemove": REMOVED, "responsive": True}
    rest = json.dumps({"config": config, "bundle": plotly_geo.URL, "failed": t("peta.map_failed"),
                       "fullscreen": [t("plotly.fullscreen"), t("plotly.close_fullscreen")]}, separators=(",", ":"))
    return '{"figure":' + figure + "," + rest[1:]


_seen_installed = None  # the bundle's path once it was seen installed


def _installed() -> bool:
    """plotly_geo.is_installed(), read from the file until it is there (installed while the server runs), then kept:
    not a file read at every rerun of every map."""
    global _seen_installed
    if _seen_installed != plotly_geo.BUNDLE and plotly_geo.is_installed():
        _seen_installed = plotly_geo.BUNDLE
    return _seen_installed == plotly_geo.BUNDLE


def show(container, spec: dict, config: dict, key: str, on_click=None) -> None:
    """The map of `spec` in `container`, under `key` (one element per key: a new figure under the same key is drawn
    into the same chart). `on_click(kode)` is called, as a callback, with the code of a unit clicked."""
    if not _installed():
        container.error(t("peta.no_bundle", path="static/plotly/plotly-geo.min.js"))
        return
    callbacks = {}
    if on_click is not None:
        def clicked() -> None:
            kode = (st.session_state.get(key) or {}).get("click")
            if isinstance(kode, str) and kode:
                on_click(kode)

        callbacks["on_click_change"] = clicked
    with container:
        # bytes, not a str: Streamlit sends a str as a JSON string, every quote of the figure escaped (+15% bytes)
        _component(data=payload(spec, config).encode(), key=key, width="stretch", **callbacks)
