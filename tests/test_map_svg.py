"""The map's first paint drawn on the server (ui/map_svg.py): Plotly's fit, one filled path per unit in the colours of
the Plotly figure and the legend, sent on a session's first page and not on later runs (the Peta page under AppTest
on the fixture store, real boundaries from ../shared/geo)."""

import base64
import json
import math
import re
import xml.etree.ElementTree as ET

import numpy as np
import pandas as pd

from tests.conftest import needs_shared, open_app, screen_figures, screen_map
from ui import map_fit, map_svg, maps

SVG = "{http://www.w3.org/2000/svg}"


def svg_of(body: str) -> ET.Element:
    """The <svg> an st.html body of map_svg.element inserts (its script carries it as a JSON string)."""
    text = re.search(r"insertAdjacentHTML\('afterend', (\".*\")\)</script>$", body, re.S).group(1)
    return ET.fromstring(json.loads(text))


def points(d: str) -> np.ndarray:
    """The absolute points of path data made of "M x y", relative "l dx dy ..." and "z"."""
    out = []
    for ring in d.split("z"):
        if not ring:
            continue
        head, _, rest = ring.partition("l")
        x, y = (int(v) for v in head[1:].split())
        out.append((x, y))
        steps = [int(v) for v in rest.split()] if rest else []
        for dx, dy in zip(steps[::2], steps[1::2]):
            x, y = x + dx, y + dy
            out.append((x, y))
    return np.array(out)


def test_the_units_are_fitted_as_plotly_fits_them(tmp_path):
    """Two squares of a degree side by side (lon 120-122, lat 0-1): Plotly's fitbounds pads the box by 5% of the axis
    on each side (the data fill 90% of it), shrinks it by 0.001° on each side and fits it into the square of the
    plot's height (560 px), centred: the wider lon side binds."""
    def square(lon):
        return {"type": "Polygon", "coordinates": [[[lon, 0], [lon + 1, 0], [lon + 1, 1], [lon, 1], [lon, 0]]]}

    path = tmp_path / "two.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "id": k, "properties": {}, "geometry": square(lon)} for k, lon in (("a", 120), ("b", 121))]}))
    drawn = map_svg.drawing(str(path), ("a", "b")).paths
    xy = np.vstack([points(drawn["a"]), points(drawn["b"])])
    width = 2 / 0.9 - 2 * map_fit.CLIP_PAD  # degrees of longitude fitted into the 560 px square
    expected = 560 * 2 / width  # px of the two degrees of data
    assert abs((xy[:, 0].max() - xy[:, 0].min()) - expected) <= 1
    assert abs(xy[:, 0].max() + xy[:, 0].min()) <= 1 and abs(xy[:, 1].max() + xy[:, 1].min()) <= 1  # centred
    merc = math.log(math.tan(math.pi / 4 + math.radians(1) / 2))  # Mercator: a degree of latitude a bit taller
    assert abs((xy[:, 1].max() - xy[:, 1].min()) - 560 * merc / math.radians(width)) <= 1
    assert points(drawn["a"])[:, 0].max() == points(drawn["b"])[:, 0].min()  # the shared border in the same pixels


def test_fills_and_titles_follow_the_classes():
    df = pd.DataFrame({"kode": list("abcde"), "nama": ["A", "B", "C", "D", "E"], "n_ats": [1.0, 9.0, np.nan, 0, 4.0]})
    classes = maps.classify(df["n_ats"], "quantiles", k=2)
    classes.index[3] = maps.NO_CHILD_CLASS
    classes.index[4] = maps.HIDDEN_CLASS
    assert map_svg.fills(classes) == [classes.colors[0], classes.colors[1], maps.NO_DATA, maps.NO_CHILD, maps.HIDDEN]
    said = map_svg.titles(df, classes, "n_ats", "Jumlah ATS")
    assert said[:3] == ["A · Jumlah ATS: 1", "B · Jumlah ATS: 9", "C · Belum disurvei"]
    assert said[3] == "D · Tidak ada anak dalam kelompok ini" and said[4].startswith("E · Disembunyikan")


def plotly_colours(spec: dict) -> dict[str, str]:
    """Each unit's colour in the Plotly figure: its trace's discrete colourscale at its z."""
    colours = {}
    for trace in spec["data"]:
        scale, z = trace["colorscale"], trace["z"]
        if isinstance(z, dict):  # a typed array as Plotly's JSON writes it
            z = np.frombuffer(base64.b64decode(z["bdata"]), dtype=z["dtype"]).tolist()
        top = trace.get("zmax", 1)
        for kode, value in zip(trace["locations"], z):
            colours[kode] = next(c for at, c in scale if at >= value / top - 1e-9)
    return colours


def first_maps(at) -> list[str]:
    return [e.proto.body for e in at.get("html") if "ats-first-map" in e.proto.body]


@needs_shared
def test_the_first_run_sends_the_svg_map_in_the_legend_s_colours_and_a_later_run_does_not(use_store):
    """A session's first page: the map also as SVG, a path per unit of the Plotly figure, each in the colour the
    figure and the legend give its class; the next run (a change of measure, and the whole app run again) sends none."""
    at = open_app("views/peta.py", disabilitas="ya", ukuran="ats_pct")  # classes, no child, not surveyed
    bodies = first_maps(at)
    assert len(bodies) == 1
    svg = svg_of(bodies[0])
    paths = svg.findall(f"{SVG}g/{SVG}path")
    spec = screen_map(at)
    colours = plotly_colours(spec)
    assert sorted(p.get("data-kode") for p in paths) == sorted(colours) and len(paths) == len(colours)
    assert {p.get("data-kode"): p.get("fill") for p in paths} == colours
    assert all(re.fullmatch(r"(M-?\d+ -?\d+(l[-\d ]+)?z)+", p.get("d")) for p in paths)
    legend = next(m.value for m in at.markdown if "background" in m.value)
    assert set(colours.values()) <= set(re.findall(r"background:(#[0-9a-f]{6})", legend))
    assert {maps.NO_CHILD, maps.NO_DATA} <= set(colours.values())
    titles = [p.find(f"{SVG}title").text for p in paths]
    names = dict(zip(spec["data"][0]["locations"], spec["data"][0]["text"]))
    assert all(p.find(f"{SVG}title").text.startswith(f"{names[p.get('data-kode')]} · ") for p in paths
               if p.get("data-kode") in names)
    assert any(t.endswith(" · Belum disurvei") for t in titles) and any(t.endswith(" · Tidak ada anak dalam kelompok ini")
                                                                       for t in titles)

    at.selectbox(key="peta_measure").set_value("n_ats").run()
    assert not at.exception and not first_maps(at)
    assert screen_figures(at)  # the map itself is still there
    at.run()
    assert not at.exception and not first_maps(at)


def test_a_map_of_more_than_titled_units_has_no_tooltips(tmp_path, monkeypatch):
    """Each unit's <title> (its name and value) up to TITLED units; above (a province's 3,059 desa: a quarter of the
    first page's SVG) none, the paths and fills the same: the Plotly map that replaces the SVG brings the hover."""
    def square(lon):
        return {"type": "Polygon", "coordinates": [[[lon, 0], [lon + 1, 0], [lon + 1, 1], [lon, 1], [lon, 0]]]}

    path = tmp_path / "three.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "id": k, "properties": {}, "geometry": square(lon)} for k, lon in (("a", 120), ("b", 121), ("c", 122))]}))
    df = pd.DataFrame({"kode": ["a", "b", "c"], "nama": ["A", "B", "C"], "n_ats": [1.0, 5.0, 9.0]})
    classes = maps.classify(df["n_ats"], "quantiles", k=3)
    titled = ET.fromstring(map_svg.svg(df, classes, str(path), "n_ats", "Jumlah ATS"))
    monkeypatch.setattr(map_svg, "TITLED", 2)
    untitled = ET.fromstring(map_svg.svg(df, classes, str(path), "n_ats", "Jumlah ATS"))
    paths = [svg.findall(f"{SVG}g/{SVG}path") for svg in (titled, untitled)]
    assert [p.find(f"{SVG}title").text for p in paths[0]] == ["A · Jumlah ATS: 1", "B · Jumlah ATS: 5", "C · Jumlah ATS: 9"]
    assert all(p.find(f"{SVG}title") is None for p in paths[1])
    assert [(p.get("d"), p.get("fill")) for p in paths[0]] == [(p.get("d"), p.get("fill")) for p in paths[1]]
