"""The map's own Plotly (ui/plotly_geo.py: plotly.js's geo-only bundle, pinned and checked) and the component that draws
it (ui/geo_map.py). The maps drawn and clicked in a real browser are in tests/test_browser*.py."""

import io
import json
import math
import tarfile
from pathlib import Path

import plotly
import pytest
from streamlit.testing.v1 import AppTest

from ui import geo_map, plotly_geo


def test_the_bundle_is_installed_and_is_the_plotly_js_the_figures_are_made_for():
    """`make` fetched it (else: run `make test`, which does); its release is the one the pinned plotly (Python) package
    bundles, so that a plotly upgrade without a new pin fails here, not on screen."""
    assert plotly_geo.is_installed(), "static/plotly/plotly-geo.min.js missing: run `make test` (it fetches it)"
    bundled = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    head = bundled.read_text(encoding="utf-8")[:200]
    assert f"plotly.js v{plotly_geo.VERSION}" in head, head
    assert plotly_geo.LICENSE.read_text().startswith("MIT License")


def _tarball(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w:gz") as tar:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return out.getvalue()


def test_a_package_that_is_not_the_pinned_one_is_refused_and_nothing_is_replaced(tmp_path, monkeypatch):
    bundle, licence = tmp_path / "plotly-geo.min.js", tmp_path / "plotly-geo.LICENSE"
    bundle.write_text("/**\n* plotly.js (geo - minified) v4.1.1\n*/ kept")
    monkeypatch.setattr(plotly_geo, "FILES", {"package/plotly-geo.min.js": bundle, "package/LICENSE": licence})
    other = _tarball({"package/plotly-geo.min.js": b"alert('not plotly')", "package/LICENSE": b"MIT"})
    with pytest.raises(plotly_geo.FetchError, match="checksum sha512-.* is not the pinned sha512-"):
        plotly_geo.install(other)
    assert bundle.read_text().endswith("kept") and not licence.exists()
    assert plotly_geo.installed_version(bundle) == "4.1.1"
    assert plotly_geo.installed_version(tmp_path / "none.js") is None


def test_an_unreachable_registry_is_said_with_what_to_do(monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("Network is unreachable")

    monkeypatch.setattr(plotly_geo.urllib.request, "urlopen", refuse)
    with pytest.raises(plotly_geo.FetchError, match="cannot download .*Network is unreachable.*run `make` again"):
        plotly_geo.fetch()


def test_the_payload_is_json_with_no_nan_and_the_same_text_for_the_same_figure():
    """NaN (a withheld value in customdata) is no JSON: the browser's JSON.parse would refuse the whole map."""
    import numpy as np

    spec = {"data": [{"type": "choropleth", "z": np.array([1.0, math.nan]), "customdata": [[math.nan, 2]]}],
            "layout": {"height": 560}}
    text = geo_map.payload(spec, {"scrollZoom": True})
    sent = json.loads(text)  # Python's json reads NaN; the browser's does not: look for it in the text
    assert "NaN" not in text
    assert sent["figure"]["data"][0]["z"] == [1.0, None] and sent["figure"]["data"][0]["customdata"] == [[None, 2]]
    assert sent["config"]["scrollZoom"] is True and "sendChartToCloud" in sent["config"]["modeBarButtonsToRemove"]
    assert sent["bundle"] == plotly_geo.URL
    assert geo_map.payload(spec, {"scrollZoom": True}) == text


def _map_without_bundle():
    from ui import geo_map, plotly_geo

    plotly_geo.BUNDLE = plotly_geo.BUNDLE.with_name("missing.js")
    import streamlit as st

    geo_map.show(st.container(), {"data": [], "layout": {}}, {}, "m")


def test_a_missing_bundle_is_said_with_what_to_run(monkeypatch):
    monkeypatch.setattr(plotly_geo, "BUNDLE", plotly_geo.BUNDLE)  # the script changes it: put back after the test
    at = AppTest.from_function(_map_without_bundle).run()
    assert not at.exception, at.exception
    assert not at.get("bidi_component")
    (error,) = at.error
    assert "static/plotly/plotly-geo.min.js" in error.value and "python -m ui.plotly_geo" in error.value
