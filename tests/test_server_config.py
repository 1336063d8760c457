"""The server's Streamlit options that the app's speed depends on, as Streamlit itself reads them from
.streamlit/config.toml (a misspelt option would only be warned about)."""

import os

from data.config import ROOT


def test_no_full_garbage_collection_after_every_run(monkeypatch):
    """runner.postScriptGC collects all garbage after each run before the run's end reaches the browser (the collection
    holds the GIL the sending thread needs): 80-150 ms of every click on this app's heap (benchmarks/README.md)."""
    from streamlit import config

    monkeypatch.chdir(ROOT)
    assert os.path.exists(".streamlit/config.toml")
    config.get_config_options(force_reparse=True)
    try:
        assert config.get_option("runner.postScriptGC") is False
        assert config.get_where_defined("runner.postScriptGC").endswith(os.path.join(".streamlit", "config.toml"))
    finally:
        monkeypatch.undo()
        config.get_config_options(force_reparse=True)
