"""The maps' static files (static/geo/<store version>/, data/geo_files.py): a version written for one store does not
remove another's that a server still uses (two stores side by side, one checkout; or a store before and after an
import), a cached Boundaries does not outlive its files, and folders no server used for a while go. On a private
static/geo (config.STATIC_GEO in a temporary folder), with the fixture store and the Palopo demo store (two
versions) read through the real API."""

import os
import time

import pytest

from data import api, config, geo_files
from tests.conftest import needs_shared

pytestmark = needs_shared


@pytest.fixture()
def static_geo(tmp_path, monkeypatch):
    monkeypatch.setattr(config, "STATIC_GEO", tmp_path / "geo")
    monkeypatch.setattr(geo_files, "_touched", {})
    api._boundaries.clear()  # cached Boundaries of other tests name the checkout's static/geo
    yield tmp_path / "geo"
    api._boundaries.clear()


def _files(b) -> list:
    folder = os.path.dirname(b.path)
    return [b.path, os.path.join(folder, b.labels_url.rsplit("/", 1)[-1])]


def test_two_store_versions_used_in_turn_keep_each_others_files(static_geo, fixture_store, palopo_demo, monkeypatch):
    monkeypatch.setenv("ATS_STORE", str(fixture_store))
    first = api.boundaries("kel", "73.73")
    monkeypatch.setenv("ATS_STORE", str(palopo_demo))
    second = api.boundaries("kel", "73.73")
    assert first.url != second.url  # two versions, two folders
    for path in _files(first) + _files(second):
        assert os.path.exists(path), path  # the second's write did not remove the first's (still shown)
    monkeypatch.setenv("ATS_STORE", str(fixture_store))
    assert api.boundaries("kel", "73.73") == first
    assert api.written_boundaries_url("kel", "73.73") == first.url
    assert sorted(p.name for p in static_geo.iterdir()) == sorted({first.url.split("/")[3], second.url.split("/")[3]})


def test_a_cached_boundaries_does_not_outlive_its_files(static_geo, use_store):
    b = api.boundaries("kel", "73.73")
    geojson, labels = _files(b)
    os.unlink(labels)  # the label file alone gone: it is written again, not named to the browser to meet a 404
    assert api.boundaries("kel", "73.73") == b and os.path.exists(labels)
    import shutil

    shutil.rmtree(os.path.dirname(geojson))  # the whole version removed as unused by another server
    assert api.written_boundaries_url("kel", "73.73") is None  # not fetched ahead while missing
    assert api.boundaries("kel", "73.73") == b and os.path.exists(geojson) and os.path.exists(labels)
    assert api.written_boundaries_url("kel", "73.73") == b.url


def _version(static_geo, name: str, used: float):
    folder = static_geo / name
    folder.mkdir(parents=True)
    (folder / "kel_73.geojson").write_text("{}")
    os.utime(folder, (used, used))
    return folder


def test_tidy_removes_only_the_folders_no_server_used_for_a_while(static_geo):
    now = time.time()
    hour, minute = 3600, 60
    ages = {"v_now": 0, "v_1min": minute, "v_5min": 5 * minute, "v_10min": 10 * minute, "v_14min": 14 * minute,
            "v_2h": 2 * hour, "v_25h": 25 * hour}
    for name, age in ages.items():
        _version(static_geo, name, now - age)
    removed = geo_files.tidy(now)
    # v_25h: unused for over a day; v_2h: beyond the four most recently used and idle for over 15 minutes; the five
    # used within 15 minutes stay, though they are more than four (servers showing them)
    assert sorted(removed) == ["v_25h", "v_2h"]
    assert sorted(p.name for p in static_geo.iterdir()) == ["v_10min", "v_14min", "v_1min", "v_5min", "v_now"]


def test_tidy_keeps_the_few_most_recent_for_a_day(static_geo):
    now = time.time()
    for name, hours in {"a": 1, "b": 3, "c": 5, "d": 23, "e": 25}.items():
        _version(static_geo, name, now - hours * 3600)
    assert geo_files.tidy(now) == ["e"]  # four kept, idle or not; the one unused for over a day goes


def test_use_marks_a_folder_used_so_tidy_keeps_it(static_geo):
    now = time.time()
    for i in range(6):
        _version(static_geo, f"v{i}", now - 2 * 3600 - i)
    geo_files.use("v5", now)
    geo_files.use("never_written", now)  # nothing to mark: no error, nothing made
    assert not (static_geo / "never_written").exists()
    removed = geo_files.tidy(now)
    assert "v5" not in removed and (static_geo / "v5").is_dir()  # the oldest, but used just now
    assert sorted(removed) == ["v3", "v4"] and not (static_geo / "v4").exists()


def test_a_folder_touched_while_being_removed_is_given_back(static_geo, monkeypatch):
    """The race of two servers: one decides a folder is unused, the other uses it before the first renames it away."""
    now = time.time()
    for i in range(5):
        _version(static_geo, f"v{i}", now - 2 * 3600 - i)
    rename = os.rename

    def touched_meanwhile(src, dst):  # the other server's use() lands between the look and the rename
        if str(src).endswith("v4"):
            os.utime(src, (now, now))
        return rename(src, dst)

    monkeypatch.setattr(geo_files.os, "rename", touched_meanwhile)
    assert geo_files.tidy(now) == []
    assert (static_geo / "v4" / "kel_73.geojson").exists() and not list(static_geo.glob(".gone-*"))
