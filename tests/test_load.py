"""What a first page load pays for (issue 21: a page within 2 s): the browser is asked for Streamlit's Plotly chunk
before anything else is sent, and the modules of the pages' start-up do not import what only a download or another
page needs (matplotlib for figures as files, geopandas for boundaries drawn on the server, python-pptx for the
meeting pack). Real modules in a fresh interpreter, the real app under AppTest."""

from tests.conftest import needs_shared, open_app
from ui import preload


def preload_script(at) -> str:
    first = at.sidebar[0]
    return first.proto.body if type(first).__name__ == "Html" else ""


@needs_shared
def test_the_plotly_chunk_is_the_first_thing_sent(use_store):
    """The sidebar's first element imports the very chunk Streamlit's frontend imports for a chart (a file that
    exists, under the name the frontend uses), and takes no room in the sidebar."""
    assert preload.PLOTLY_CHUNK is not None and preload.PLOTLY_CHUNK.is_file()
    at = open_app("views/peta.py", kab="73.73")
    body = preload_script(at)
    assert f'<script data-preload>import("./static/js/{preload.PLOTLY_CHUNK.name}")</script>' in body
    assert "script[data-preload]) {display: none}" in body
    assert len(at.get("plotly_chart")) >= 1


def test_the_preload_goes_out_before_the_store_is_opened(tmp_path, monkeypatch):
    """Sent before app.py's imports and the store: with no store and no reference data, the page says so and the
    preload is there all the same (on a cold server, the chunk loads during the first run's imports)."""
    monkeypatch.setenv("ATS_STORE", str(tmp_path / "none.duckdb"))
    monkeypatch.setenv("ATS_REFERENCE", str(tmp_path / "no-reference"))
    at = open_app()
    assert at.error and "data-preload" in preload_script(at)
