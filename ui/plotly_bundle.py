"""The dashboard's own plotly.js (static/plotly/plotly-ats.min.js), which draws every figure of the pages
(ui/plotly_chart.py): plotly.js's core with only the traces the pages draw (ui/plotlyjs/index.js: scatter, bar,
heatmap, funnel, choropleth), 1.4 MB of JavaScript where Streamlit's st.plotly_chart loads its own
Plotly chunk of 4.7 MB with every trace, which a tab parses and evaluates (0.7-0.9 s of its main thread) before any
chart can draw (benchmarks/README.md, "geo-map" and "own-plotly").

No pip or npm package holds these traces and no others, so the bundle is built from the pinned plotly.js package
with esbuild, as plotly.js builds its own partial bundles (`make plotly-bundle`: ui/plotlyjs/, npm ci then
build.mjs), and committed with its licence: running the dashboard needs neither Node.js nor the npm registry.
Its choropleth is plotly.js's with the colours of a trace worked out once, not once per unit (ui/plotlyjs/
choropleth.js: a province's 3,059 desa draw in 0.10 s against 0.14 s, benchmarks/map_draw.py).
tests/test_plotly_chart.py checks that the build of the committed recipe gives the committed file byte for byte,
that its release is the one the pinned plotly (Python) package bundles (the figures built in Python are drawn by
the plotly.js they were made for), that its choropleth draws the app's map as that plotly.js does, and that every
trace type a page draws is in it."""

import hashlib
from pathlib import Path

FOLDER = Path(__file__).resolve().parent.parent / "static" / "plotly"
BUNDLE = FOLDER / "plotly-ats.min.js"
LICENSE = FOLDER / "plotly-ats.LICENSE"
RECIPE = Path(__file__).resolve().parent / "plotlyjs"


def _banner() -> dict[str, str]:
    """The banner's fields: "plotly.js (ats - minified) v4.1.1" and "traces: scatter, bar, …"."""
    with BUNDLE.open("rb") as f:
        head = f.read(400).decode("utf-8", "replace")
    fields = {}
    for line in head.split("*/", 1)[0].splitlines():
        line = line.lstrip("/* ")
        if line.startswith("plotly.js (ats - minified) v"):
            fields["version"] = line.rsplit("v", 1)[1]
        elif line.startswith("traces: "):
            fields["traces"] = line[len("traces: "):]
    return fields


_BANNER = _banner()
VERSION = _BANNER["version"]
TRACES = frozenset(_BANNER["traces"].split(", "))
# as the page asks for it: relative (works under a base URL path too), with the release and the content's digest in
# the query, as Streamlit's static files come with no Cache-Control (a browser keeps them by its own heuristic): a
# new build is a new URL
URL = f"./app/static/plotly/{BUNDLE.name}?v={VERSION}-{hashlib.sha256(BUNDLE.read_bytes()).hexdigest()[:12]}"

# the charts' component's code (ui/plotly_chart.py), a module served from static/, under a URL that names its content
MODULE = FOLDER.parent / "ats" / "plotly_chart.js"
MODULE_URL = f"./app/static/ats/{MODULE.name}?v={hashlib.sha256(MODULE.read_bytes()).hexdigest()[:12]}"
