"""Choropleth maps: class breaks with mapclassify, one SVG trace (Plotly's geo subplot) with a discrete colourscale,
geometry referenced by URL (fetched once by the browser), no tile server and no base map.

SVG, not MapLibre (go.Choroplethmap): on a machine without a GPU MapLibre draws in software WebGL, 130-340 ms a frame
for a province's 3,056 desa and 8-10 frames a change; the geo subplot draws the same polygons as SVG paths 3x faster
(benchmarks/README.md). Its base layers are off, so nothing is drawn but the units; plotly.js still asks for its world
topojson whenever a trace has a locationmode, so `chart_config` points it at a stub served by the app (static/plotly/):
the dashboard works offline."""

import hashlib
import html
import json
from dataclasses import dataclass
from pathlib import Path

import mapclassify
import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.io.json import to_json_plotly
import streamlit as st

from ui import jenks, map_fit, plotly_locale
from ui.fmt import count_in, is_count, number, plotly_separators, rate
from data import api, config, protection
from domain.wilayah import level_of
from ui.i18n import lang, t, t_chart
from ui.view import View

METHODS = ("quantiles", "natural_breaks", "equal_interval")
MEASURES = ("n_ats", "ats_pct", "n_do", "n_ltm", "n_bpb")
# ColorBrewer YlOrRd: sequential and colour-blind safe; grey for "no data"
PALETTE = ("#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026")
NO_DATA = "#d9d9d9"
HIDDEN = "#9e9ac8"  # hidden by small-cell protection: its own class, never mistaken for "no data" or a low value
HIDDEN_CLASS = -2  # Classes.index of a unit whose value is hidden (-1 = no data: not surveyed in the round)
# surveyed, but the filters select no child there (n_anak = 0): not "not surveyed", and not a low value either
NO_CHILD = "#ffffff"
NO_CHILD_CLASS = -3
BORDER = "#636363"
OPACITY = 1.0  # the legend's colours as they are: no base map under the units to show through (SVG, ui/profile.py)
# Streamlit's page font: the screen map is drawn without a template (build_once, data_revision), so the type its
# theme's template gave it is set here, as it was: hover labels in the page's font, not Plotly's Arial.
FONT = '"Source Sans", sans-serif'
HOVER_LABEL = {"bgcolor": "#ffffff", "bordercolor": BORDER,
               "font": {"size": 14, "color": "#222222", "family": FONT}}  # 15.9:1
# The geo subplot: no base layers (visible False turns off land, coastlines, frame, grid), the units fitted
# (fitbounds, or the same view worked out on the server: ui/map_fit.py; a zoom or pan by the user is kept per view
# through uirevision), Mercator: true shapes near the equator, and the projection the overlay's scale bar reads
# (ui/map_overlay.js).
GEO = {"visible": False, "fitbounds": "locations", "projection": {"type": "mercator"}, "bgcolor": "rgba(0,0,0,0)"}
# Where plotly.js fetches its world topojson (it does for any trace with a locationmode, base layers on or off): a
# stub with empty layers in the app's static folder (static/plotly/world_110m.json), not Plotly's CDN.
TOPOJSON_URL = "app/static/plotly/"
TOPOJSON_FILE = config.ROOT / "static" / "plotly" / "world_110m.json"  # <scope>_<resolution>m.json: world, 1:110m


@dataclass(frozen=True)
class Classes:
    bins: tuple[float, ...]  # upper bound of each class
    labels: tuple[str, ...]
    colors: tuple[str, ...]
    index: np.ndarray  # class of each value (-1 = no data)
    counts: tuple[int, ...]


def classify(values: pd.Series, method: str, k: int = 5, decimals: int = 0) -> Classes:
    """Class breaks for the non-missing values; missing values get class -1 ("no data")."""
    if method not in METHODS:
        raise ValueError(f"unknown classification {method}; one of {', '.join(METHODS)}")
    v = pd.to_numeric(values, errors="coerce").astype(float)
    present = v.notna().to_numpy()
    data = v[present].to_numpy()
    index = np.full(len(v), -1)
    if data.size == 0:
        return Classes((), (), (), index, ())
    k = max(1, min(k, len(np.unique(data))))
    if k == 1:
        bins = np.array([data.max()])
        index[present] = 0
    else:
        bins = _breaks(data, method, k)
        index[present] = np.searchsorted(bins, data, side="left")
    lower = [data.min(), *bins[:-1]]
    labels = tuple(
        number(lo, decimals) if i == 0 and lo == hi else f"{'' if i == 0 else '> '}{number(lo, decimals)} – {number(hi, decimals)}"
        for i, (lo, hi) in enumerate(zip(lower, bins))
    )
    colors = _colors(len(bins))
    counts = tuple(int((index == i).sum()) for i in range(len(bins)))
    return Classes(tuple(float(b) for b in bins), labels, colors, index, counts)


# Fisher-Jenks is exact but quadratic (ui/jenks.py: mapclassify's breaks in numpy, 300 values in about 7 ms of CPU;
# quadratic all the same). Above this many values it runs on evenly spaced order statistics of the data, which
# keep the distribution's shape and, unlike mapclassify.FisherJenksSampled, are deterministic.
JENKS_MAX = 300


def _breaks(data: np.ndarray, method: str, k: int) -> np.ndarray:
    if method == "quantiles":
        return np.unique(mapclassify.Quantiles(data, k=k).bins)
    if method == "equal_interval":
        return np.unique(mapclassify.EqualInterval(data, k=k).bins)
    sample = data if data.size <= JENKS_MAX else np.quantile(data, np.linspace(0, 1, JENKS_MAX), method="nearest")
    bins = jenks.breaks(sample, min(k, len(np.unique(sample))))
    bins[-1] = data.max()
    return np.unique(bins)


def _colors(n: int) -> tuple[str, ...]:
    if n >= len(PALETTE):
        return PALETTE
    picks = np.linspace(0, len(PALETTE) - 1, n).round().astype(int)
    return tuple(PALETTE[i] for i in picks)


def _trace(geojson_url: str, kodes, names, z, colorscale, hover: str, name: str, **more) -> dict:
    """One choropleth trace as a plain dict (see choropleth())."""
    return {"type": "choropleth", "geojson": geojson_url, "featureidkey": "id", "locations": kodes, "z": z,
            "colorscale": colorscale, "showscale": False,
            "marker": {"line": {"width": 0.6, "color": BORDER}, "opacity": OPACITY},
            "text": names, "hovertemplate": hover + "<extra></extra>", "name": name, **more}


def _flat_trace(geojson_url: str, kodes, names, color: str, hover: str, name: str) -> dict:
    """Units drawn in one colour, outside the classes: hidden by small-cell protection, or no data."""
    return _trace(geojson_url, kodes, names, [0] * len(kodes), [[0, color], [1, color]], hover, name)


def choropleth(df: pd.DataFrame, measure: str, classes: Classes, geojson_url: str, revision: str, height: int = 560,
               described: View | None = None, meta: dict | None = None, fit: map_fit.Fit | None = None) -> go.Figure:
    """One Choropleth trace of class indices (discrete colourscale; a second for the units whose hover numbers are
    partly hidden, coloured alike) plus one for "no data" and one for "hidden", on a
    geo subplot with no base map that fits the units in a Mercator projection: at `fit`'s centre and scale (the view
    fitbounds gives, worked out once on the server: ui/map_fit.py), or by Plotly's fitbounds; `meta` is the layout's.
    Traces and layout are written as dicts of the properties Plotly documents and taken unvalidated: building them
    through go.Choropleth and update_layout validated and deep-copied every array, 12-135 ms of a province's desa
    rerun depending on the machine's load (benchmarks/README.md, q-desa); tests/test_maps.py checks the result."""
    has = classes.index >= 0
    hidden = classes.index == HIDDEN_CLASS
    # Numbers travel as customdata and are formatted by Plotly in the browser (d3 format with the
    # layout's separators): no per-unit string building on the server, a smaller payload.
    values = df[list(HOVER_COLUMNS)].astype("float32").round(1).to_numpy()
    names = df["nama"].to_numpy(dtype=object)
    kodes = df["kode"].to_numpy(dtype=object)
    traces = []
    n = max(len(classes.bins), 1)
    if has.any():
        scale = []
        for i, color in enumerate(classes.colors):
            scale += [[i / n, color], [(i + 1) / n, color]]
        label = (described or View(places=())).measure(measure)
        # a unit whose other numbers protection hid (or that has none) gets them as published text ("< 5",
        # "disembunyikan", "ditahan", "–") in a trace of its own, coloured alike: Plotly formats a missing number
        # as "NaN" ("DO NaN · LTM NaN · BPB NaN" on the hover of a desa whose categories are small)
        marked = has & _hover_marked(df)
        whole = has & ~marked
        if whole.any():
            traces.append(_trace(geojson_url, kodes[whole], names[whole], classes.index[whole].tolist(), scale,
                                 hover_template(described), label, zmin=0, zmax=n, customdata=values[whole]))
        if marked.any():
            traces.append(_trace(geojson_url, kodes[marked], names[marked], classes.index[marked].tolist(), scale,
                                 hover_template(described, as_text=True), label, zmin=0, zmax=n,
                                 customdata=_hover_text(df[marked])))
    no_child = classes.index == NO_CHILD_CLASS
    no_data = ~has & ~hidden & ~no_child
    for mask, hover in _hidden_hovers(df, measure, hidden):
        if mask.any():
            traces.append(_flat_trace(geojson_url, kodes[mask], names[mask], HIDDEN, hover, hidden_label(measure)))
    for mask, color, hover, name in (
        (no_child, NO_CHILD, t_chart("peta.hover_no_child", nama="%{text}", who=(described or View(places=())).who()),
         t("peta.no_child_class")),
        (no_data, NO_DATA, t_chart("peta.hover_no_data", nama="%{text}"), t("peta.no_data_class")),
    ):
        if mask.any():  # the not-surveyed units are named last on the map (ui/map_overlay.js reads the trace's meta)
            traces.append({**_flat_trace(geojson_url, kodes[mask], names[mask], color, hover, name),
                           "meta": {"surveyed": color != NO_DATA}})
    layout = {
        "geo": {**GEO, **fit.geo()} if fit is not None else GEO,
        "margin": {"l": 0, "r": 0, "t": 0, "b": 0},
        "height": height,
        "autosize": True,  # sized to its element (static/ats/plotly_chart.js, responsive: again when the element's width changes)
        "uirevision": revision,
        "datarevision": data_revision(traces),  # see data_revision(): the same figure sent again draws nothing
        "clickmode": "event",  # a click opens a profile or drills down (ui/plotly_chart.py): no selection fading the rest
        "dragmode": "pan",
        "showlegend": False,
        # dark text on white, not Plotly's default of the unit's own colour (3.7:1 on the orange classes)
        "hoverlabel": HOVER_LABEL,
        "font": {"family": FONT, "size": 12, "color": "#808495"},  # Streamlit theme's, which no template brings now
        "paper_bgcolor": "#ffffff",
        "separators": plotly_separators(),
        # as JSON text, not an object: Plotly compares an object by identity and redraws every unit when a copy of
        # the figure comes (see data_revision()); equal text is no change. ui/map_overlay.js parses it.
        **({"meta": json.dumps(meta, separators=(",", ":"))} if meta is not None else {}),
    }
    return go.Figure({"data": traces, "layout": layout}, _validate=False)


def data_revision(traces: list[dict]) -> str:
    """A digest of the traces' arrays (codes, classes, hover numbers, names), as the figure's layout.datarevision.

    Without a datarevision, Plotly.react takes every array of a new identity as changed data ("immutable" mode): the
    map's component (static/ats/plotly_chart.js) parses each figure it is sent into new arrays, so a rerun that sends the same figure
    (the profile opened, the labels switched) would calc and draw every unit again, 180-210 ms for a province's desa
    (benchmarks/README.md, desa-draw). With one, arrays are compared by this revision: the same digest draws nothing,
    and a figure whose arrays differ has another digest, so a real data change is still drawn."""
    h = hashlib.blake2b(digest_size=10)
    for trace in traces:
        for key in sorted(trace):
            value = trace[key]
            if isinstance(value, np.ndarray) or isinstance(value, (list, tuple)):
                array = np.asarray(value)
                h.update(f"{key}:{array.dtype}:{array.shape}".encode())
                h.update("\x1f".join(map(str, array.ravel())).encode() if array.dtype == object else array.tobytes())
    return h.hexdigest()


def hidden_label(measure: str) -> str:
    """The legend's words for the hidden class of `measure`: a count hidden because it is small or as the complement
    of a small one (both meanings: one colour), or a withheld rate."""
    if is_count(measure):
        return t("peta.hidden_class", k=protection.min_cell())
    return t("peta.withheld_class", d=protection.min_denominator())


def _hidden_hovers(df: pd.DataFrame, measure: str, hidden: np.ndarray) -> list[tuple[np.ndarray, str]]:
    """The hidden units of the map, each group with the hover that says why its value is hidden: a count from 1 to
    k-1 ("fewer than k children", its <measure>_small flag), a complementary count (hidden so that a small one cannot
    be worked out), a withheld rate; a query that does not say why (no _small flag) gets the hover naming both."""
    k, d = protection.min_cell(), protection.min_denominator()
    if not is_count(measure):
        return [(hidden, t_chart("peta.hover_withheld", nama="%{text}", d=d))]
    flag = f"{measure}_small"
    if flag not in df.columns:
        return [(hidden, t_chart("peta.hover_hidden", nama="%{text}", k=k))]
    small = hidden & df[flag].fillna(False).to_numpy(dtype=bool)
    return [(small, t_chart("peta.hover_small", nama="%{text}", k=k)),
            (hidden & ~small, t_chart("peta.hover_suppressed", nama="%{text}"))]


HOVER_COLUMNS = ("n_ats", "n_anak", "ats_pct", "n_do", "n_ltm", "n_bpb")


def hover_template(described: View | None = None, as_text: bool = False) -> str:
    """The hover text of a unit with data, in the current language, as a Plotly hovertemplate; `described` names the
    children counted and what n_ats counts (all children 7-18 and ATS without one). The numbers are customdata,
    formatted by Plotly, or (`as_text`) texts made on the server (_hover_text)."""
    fields = {c: f"%{{customdata[{i}]}}" if as_text else f"%{{customdata[{i}]:,.{1 if c == 'ats_pct' else 0}f}}"
              for i, c in enumerate(HOVER_COLUMNS)}
    described = described or View(places=())
    return t_chart("peta.hover", nama="%{text}", ats=described.column("n_ats"), who=described.who(), **fields)


def _hover_marked(df: pd.DataFrame) -> np.ndarray:
    """The units with a hover number that protection hid or that is missing: their hover shows text, not numbers."""
    marked = df[list(HOVER_COLUMNS)].isna().any(axis=1).to_numpy().copy()
    for c in HOVER_COLUMNS:
        if f"{c}_hidden" in df.columns:
            marked |= df[f"{c}_hidden"].fillna(False).to_numpy(dtype=bool)
    return marked


def _hover_text(df: pd.DataFrame) -> list[list[str]]:
    """The hover numbers of `df`'s units as published (ui.fmt: "< 5" for a small count, "disembunyikan" for a
    complementary one, "ditahan" for a withheld rate, "–" for a missing value), in HOVER_COLUMNS' order."""
    return [[count_in(row, c) if is_count(c) else rate(row.get(c), row.get(f"{c}_hidden"))
             for c in HOVER_COLUMNS] for row in df.to_dict("records")]


def legend_html(classes: Classes, n_no_data: int, title: str, subtitle: str = "", n_hidden: int = 0,
                n_no_child: int = 0, measure: str = "n_ats") -> str:
    """A legend drawn as HTML chips (readable on a projector), under its title and the view line. The texts come
    from our own catalogue, numbers and wilayah names, escaped; "hidden" (small-cell protection), "no child in this
    group" and "not surveyed" have chips of their own (the hidden one in the words of `measure`, hidden_label). A chip
    and its text do not wrap apart."""
    chip = ('<span style="white-space:nowrap"><span style="display:inline-block;width:1.1em;height:1.1em;background:{c};'
            'border:1px solid #888;vertical-align:middle;margin:0 .35em 0 .9em"></span>{l} '
            '<span style="color:#666">({n})</span></span> ')
    parts = [chip.format(c=c, l=l, n=n) for c, l, n in zip(classes.colors, classes.labels, classes.counts)]
    if n_hidden:
        parts.append(chip.format(c=HIDDEN, l=hidden_label(measure), n=n_hidden))
    if n_no_child:
        parts.append(chip.format(c=NO_CHILD, l=t("peta.no_child_class"), n=n_no_child))
    if n_no_data:
        parts.append(chip.format(c=NO_DATA, l=t("peta.no_data_class"), n=n_no_data))
    line = f'<div style="color:#444;font-size:.9rem">{html.escape(subtitle)}</div>' if subtitle else ""
    return f'<div style="font-size:1rem;line-height:1.9"><b>{html.escape(title)}</b>{"".join(parts)}{line}</div>'


def no_child(df: pd.DataFrame) -> pd.Series:
    """Units surveyed in the round where the filters select no child (n_anak = 0, published as such): every measure
    is 0 or has no rate there, which says "nobody in this group", not "not surveyed" and not a low value. A unit
    whose n_anak is hidden (< k) is not one of them."""
    return df["n_anak"].eq(0)  # a unit not surveyed has n_anak null


def status(df: pd.DataFrame) -> pd.Series:
    """A unit's note for the table: not surveyed in the round, or surveyed with no child in the filtered group."""
    words = pd.Series("", index=df.index, dtype=object)
    words[~df["is_surveyed"].fillna(False).astype(bool)] = t("peta.no_data_class")
    words[no_child(df)] = t("peta.no_child_class")
    return words


def with_boundary(df: pd.DataFrame, kodes) -> pd.DataFrame:
    """The rows of a query result whose unit has a boundary (`kodes`, a set), in their order, the index reset. A set
    lookup per row: pandas' isin on the result's Arrow strings makes a pyarrow scalar of every code looked for, 30-100
    ms for a province's 3,056 desa, twice a rerun (benchmarks/README.md, q-desa); this takes under a millisecond."""
    kodes = kodes if isinstance(kodes, (set, frozenset)) else frozenset(kodes)
    keep = np.fromiter((k in kodes for k in df["kode"].to_numpy(dtype=object)), dtype=bool, count=len(df))
    return df[keep].reset_index(drop=True)


def classes_for(df: pd.DataFrame, kodes, measure: str, method: str) -> tuple[pd.DataFrame, Classes]:
    """The rows of a query result that have a boundary (`kodes`) and their classes, hidden units and units with no
    child in the group in classes of their own: what the screen map and the static map (ui/figure_files.py) draw."""
    shown = with_boundary(df, kodes)
    nobody = no_child(shown).to_numpy()
    # the breaks are of the units with children: the zeros of nobody would make a class of their own
    classes = classify(shown[measure].mask(nobody), method, decimals=1 if measure == "ats_pct" else 0)
    flag = f"{measure}_hidden"
    if flag in shown.columns:  # hidden by small-cell protection: its own class, not "no data"
        classes.index[shown[flag].fillna(False).to_numpy(dtype=bool)] = HIDDEN_CLASS
    classes.index[nobody] = NO_CHILD_CLASS
    return shown, classes


def build(df: pd.DataFrame, boundaries, measure: str, method: str, revision: str, described: View | None = None,
          labels: bool = False, ahead: tuple[str, ...] = ()) -> tuple[go.Figure, Classes]:
    """The map of a query result: the units that have a boundary, classed, as a figure; `described` (the page's
    View) gives its words. The figure's layout.meta says where the page's overlay (ui/map_overlay.js: names where they
    fit when `labels`, and a scale bar) fetches the units' names and label points: a static file per store version
    and view, as the GeoJSON, fetched once by the browser, not sent again with every figure. The view is fitted to the
    units on the server (ui/map_fit.py, from the GeoJSON file the browser draws). `ahead`: GeoJSON URLs the page fetches
    while idle, for a view likely next (see ahead_urls())."""
    shown, classes = classes_for(df, boundaries.kodes, measure, method)
    fig = choropleth(shown, measure, classes, boundaries.url, revision, described=described,
                     meta={"labels_on": labels, "labels_url": boundaries.labels_url,
                           **({"ahead": list(ahead)} if ahead else {})},
                     fit=map_fit.fit(boundaries.path, shown["kode"].tolist()))
    return fig, classes


def build_once(result, drawn_from: tuple, boundaries, measure: str, method: str, revision: str,
               described: View | None = None, labels: bool = False,
               ahead: tuple[str, ...] = ()) -> tuple[str, Classes]:
    """build() of a query result (`result`, a data.api.Result) as the figure's JSON (screen_spec's dict, as the
    component sends it: ui/plotly_chart.py) and its classes, made once per what it
    is drawn from (data.api.screen_map): `drawn_from` names the result (ui.widgets.drawn_from: its query, parameters,
    store version, role and scope), and the key holds the boundaries' file, measure, method, revision, labels, the
    view's words, the language and the small-cell thresholds the hover texts name. A rerun that shows a map seen
    before (a measure changed back, another session on the same view) reads it back: no classes (natural breaks on a
    province's 3,059 desa, about 8 ms), no figure built and copied (about 6 ms), no JSON written (a cached dict was
    read back as a copy, and written out again at every rerun)."""
    key = (f"{build.__module__}.{build.__qualname__}", drawn_from, boundaries.url, boundaries.path,
           boundaries.labels_url, measure, method, revision, bool(labels), tuple(ahead), repr(described), lang(),
           protection.min_cell(), protection.min_denominator())

    def make() -> tuple[str, Classes]:
        fig, classes = build(result.df, boundaries, measure, method, revision, described=described, labels=labels,
                             ahead=ahead)
        return to_json_plotly(screen_spec(fig)), classes

    return api.screen_map(key, make)


def screen_spec(fig: go.Figure) -> dict:
    """A map figure as the dict ui/plotly_chart.py draws: no template (plotly.py's default, which Plotly compares by
    identity and would take as changed at every new figure); the layout sets the font and colours itself."""
    spec = fig.to_dict()
    spec["layout"].pop("template", None)
    return spec


def ahead_urls(level: str, kode: str, offered) -> tuple[str, ...]:
    """The files the page fetches ahead, while idle, for a view likely next: a province shown by kab/kota, the GeoJSON
    and the names (label files) of its kecamatan and desa among the `offered` levels (200 KB and 1.9 MB of GeoJSON for
    Sulawesi Selatan, fetched and parsed at the change of level otherwise: ui/map_overlay.js puts them where Plotly
    looks first; the desa's names, 194 KB, came up to a few hundred ms after their map). Only files already written
    (data.api.written_boundaries_url): a view's files are made at its first use, not on another view's rerun. A
    kab/kota or smaller fetches nothing ahead: its finer files are small."""
    if level != "kab" or level_of(kode) != "prov":
        return ()
    finer = [lv for lv in ("kec", "kel") if lv in offered]
    urls = [written(lv, kode) for lv in finer for written in (api.written_boundaries_url, api.written_labels_url)]
    return tuple(url for url in urls if url)


def chart_config(**options) -> dict:
    """The Plotly config of a screen map (ui/plotly_chart.py): the page's locale (Plotly's texts), the wheel zooms, no logo, and
    the world topojson from the app (TOPOJSON_URL)."""
    return plotly_locale.config(scrollZoom=True, displaylogo=False, topojsonURL=TOPOJSON_URL, **options)


OVERLAY_JS = Path(__file__).with_name("map_overlay.js")
OVERLAY_SENT = "_map_overlay_sent"


def overlay(container) -> None:
    """The names and the scale bar over every map of the page (ui/map_overlay.js: our own script,
    no outside input in it), sent with the session's first map only, on Peta or Bandingkan. Once run, the script stays
    in the page (a timer and an observer that follow every map, guarded against a second start) when its element leaves
    at a later rerun or page, so resending it cost 9 KB of every map message (benchmarks/README.md, q-link); a reload
    of the page is a new session, which is sent it again."""
    if st.session_state.get(OVERLAY_SENT):
        return
    container.html(f"<script>{OVERLAY_JS.read_text()}</script>", unsafe_allow_javascript=True, width="content")
    st.session_state[OVERLAY_SENT] = True
