"""Figures that leave the screen as files: a page's map or chart handed to figures/ with its words in the page's
language, and the download buttons beside it (PNG for a slide, PNG for print at 300 dpi, SVG).

The numbers are the ones the page already read (the same Result, so small-cell protection applies by itself) and
the map's classes are the screen's (ui.maps.classes_for). Every word is said here, during the page's run: the
image is drawn only when a button is clicked, on a thread of Streamlit's where the page's language is not known, so
what the thread gets is a Figure holding the data and the finished words. Each file made is written to the audit
trail (ui.login.audited_export)."""

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import streamlit as st

import figures
from data import api
from domain.wilayah import level_of
from figures import LegendEntry, Words
from figures.spec import LABEL_MAX
from ui import login, maps
from ui import source as ui_source
from ui.i18n import t
from ui.safe import JOINER
from ui.view import View

if TYPE_CHECKING:  # imported when a file is drawn (data.api.boundary_frame), not at a page's start
    import geopandas

# (size, format, label key, file name suffix): the three files of every figure
FILES = (("slide", "png", "figure.png_slide", ""), ("print", "png", "figure.png_print", "_300dpi"),
         ("slide", "svg", "figure.svg", ""))


def text(markdown) -> str:
    """What a reader sees of catalogue Markdown (escapes, word joiners and emphasis gone): an image draws text."""
    out = re.sub(r"\\(.)", r"\1", str(markdown)).replace(JOINER, "")
    return out.replace("**", "").replace("`", "")


def slug(value) -> str:
    """'Kota Palopo' -> 'kota-palopo': ASCII, lower case, hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text(value)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def stem(kind: str, view: View) -> str:
    """A file name that says what the figure is: ats_peta_kota-palopo_2026_perempuan_13-15-tahun."""
    period = "-".join(re.findall(r"\d{4}", view.period or ""))
    parts = ["ats", kind, slug(view.name), period, *(slug(w) for w in view.filter_words())]
    return "_".join(p for p in parts if p)[:150]


def words(title: str, view: View, source: api.Source, legend_title: str = "") -> Words:
    """The words of a figure: its title, the view line (place · period · filters), the source line in words (survey
    and round, data date, the demo label) and the legend's title."""
    return Words(title=text(title), view_line=text(view.line()), source_line=text(ui_source.sentence(source, view)),
                 legend_title=text(legend_title), north=text(t("figure.north")))


@dataclass(frozen=True)
class Figure:
    """A figure ready to draw: `draw(size, fmt)` renders it (figures.SIZES, figures.FORMATS) from what it holds."""

    kind: str  # "peta", "tren", ...: the file name's second part
    stem: str
    draw: Callable[[str, str], bytes] = field(repr=False)

    def render(self, size: str = "slide", fmt: str = "png") -> bytes:
        return self.draw(size, fmt)


def _context(kode: str) -> "geopandas.GeoDataFrame | None":
    """The units around the area, for the inset: the kab/kota of its province (a kab/kota), the kecamatan of its
    kab/kota (a kecamatan), the provinces (a province)."""
    level = level_of(kode) if kode else None
    if level == "kab":
        return api.boundary_frame("kab", kode[:2])
    if level == "kec":
        return api.boundary_frame("kec", kode[:5])
    if level == "prov":
        return api.boundary_frame("prov", None)
    return None


def map_figure(result: api.Result, level: str, kode: str, measure: str, method: str, view: View,
               classes: maps.Classes | None = None) -> Figure:
    """The static map of the Peta page's view: the units at `level` under `kode`, in the classes of the screen
    (`classes`, as ui.maps.build returned them; made by ui.maps.classes_for when not given), the legend with every
    class and its count, the hidden, no-child and no-data classes, names where they fit (kecamatan; desa up to LABEL_MAX).
    The words and classes are made now, in the page's language; the boundaries as shapes (geopandas) are read when the
    file is drawn, not at every page run (a cold server's first page, tests/test_load.py)."""
    kodes = api.boundaries(level, kode).kodes  # the units of the screen map: the same query as boundary_frame's
    if classes is None:
        shown, classes = maps.classes_for(result.df, kodes, measure, method)
    else:  # the rows maps.build classed, in its order
        shown = maps.with_boundary(result.df, kodes)
    legend = [LegendEntry(text(label), color, n) for label, color, n in zip(classes.labels, classes.colors, classes.counts)]
    entry = np.where(classes.index >= 0, classes.index, -1)
    n_hidden = int((classes.index == maps.HIDDEN_CLASS).sum())
    if n_hidden:
        entry[classes.index == maps.HIDDEN_CLASS] = len(legend)
        legend.append(LegendEntry(text(maps.hidden_label(measure)), maps.HIDDEN, n_hidden))
    n_no_child = int((classes.index == maps.NO_CHILD_CLASS).sum())  # surveyed, no child in the group: as on screen
    if n_no_child:
        entry[classes.index == maps.NO_CHILD_CLASS] = len(legend)
        legend.append(LegendEntry(text(t("peta.no_child_class")), maps.NO_CHILD, n_no_child))
    by_kode = dict(zip(shown["kode"], entry))
    no_data = text(t("peta.no_data_class"))
    said = words(f"{text(view.measure(measure))} · {text(view.name)}", view, result.source, t(f"measure.{measure}"))

    def draw(size: str, fmt: str) -> bytes:
        from figures.staticmap import render_map  # matplotlib, imported when a file is drawn (tests/test_load.py)

        units = api.boundary_frame(level, kode)
        unit_entry = np.array([by_kode.get(k, -1) for k in units["kode"]])
        n_no_data = int((unit_entry == -1).sum())  # no value, or no row in the result: no data, as on the screen
        drawn = list(legend)
        if n_no_data:
            unit_entry[unit_entry == -1] = len(drawn)
            drawn.append(LegendEntry(no_data, maps.NO_DATA, n_no_data))
        labels = level == "kec" or len(units) <= LABEL_MAX
        return render_map(units, unit_entry, tuple(drawn), said, context=_context(kode), labels=labels, size=size,
                          fmt=fmt)

    return Figure("peta", stem("peta", view), draw)


def buttons(figure: Figure, key: str, title: str) -> None:
    """The three downloads of a figure, in a row: made when clicked (no rerun), audited with the file's name."""
    row = st.container(horizontal=True, gap="small")
    for size, fmt, label, suffix in FILES:
        name = f"{figure.stem}{suffix}.{fmt}"
        make = login.audited_export(key, f"{fmt}:{size}", {"file": name, "title": text(title)},
                                    lambda size=size, fmt=fmt: figure.render(size, fmt))
        row.download_button(t(label), make, name, figures.MIME[fmt], key=f"{key}_{size}_{fmt}", on_click="ignore",
                            icon=":material/image:", help=t(f"{label}_help"))

