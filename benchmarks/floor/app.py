"""The floor of benchmarks/browser.py: the least a Streamlit page of this kind costs on this machine, served by its own
`streamlit run` with the app's flags and .streamlit/config.toml (run from the repository's root), timed by the same
probe. No app code, no store: Streamlit's start, a title and one selectbox (`?chart=none`, the step floor_text), plus one
small st.plotly_chart (`?chart=scatter`: a scatter of a few points, floor_plotly), or a choropleth of Kota Palopo's
kecamatan drawn from ../shared/geo, read at each run (`?chart=geo`, floor_plotly_geo: the kind of chart /peta shows).

static/ links to the app's static/ folder: plotly.js fetches its world topojson for any choropleth, here the app's
empty stub (app/static/plotly/), as ui/maps.py does, so that nothing is fetched from Plotly's CDN."""

import json
from pathlib import Path

import streamlit as st

GEO = Path(__file__).resolve().parents[3] / "shared" / "geo" / "kecamatan_73_63.geojson"
KAB = "73.73"  # Kota Palopo: the kab/kota peta_open shows
TOPOJSON_URL = "app/static/plotly/"  # as ui/maps.py: the stub under static/plotly/

st.set_page_config(page_title="Floor", layout="wide")
chart = st.query_params.get("chart", "none")
st.title("Floor")
st.selectbox("Kabupaten/Kota", ["Kota Palopo", "Kabupaten Bone", "Kabupaten Takalar"])

if chart == "scatter":
    import plotly.graph_objects as go

    st.plotly_chart(go.Figure(go.Scatter(x=[1, 2, 3, 4, 5], y=[3, 1, 4, 1, 5], mode="markers")))
elif chart == "geo":
    import plotly.graph_objects as go

    features = [f for f in json.loads(GEO.read_text())["features"] if f["properties"]["kode"].startswith(KAB + ".")]
    kodes = [f["properties"]["kode"] for f in features]
    fig = go.Figure(go.Choropleth(geojson={"type": "FeatureCollection", "features": features}, featureidkey="properties.kode",
                                  locations=kodes, z=list(range(len(kodes))), showscale=False))
    fig.update_geos(visible=False, fitbounds="locations", projection={"type": "mercator"})
    st.plotly_chart(fig, config={"topojsonURL": TOPOJSON_URL})
elif chart != "none":
    st.error(f"unknown chart {chart[:20]!r}: none, scatter or geo")
