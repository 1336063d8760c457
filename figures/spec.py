"""What a caller hands to figures/ and reads of it, without drawing anything: the sizes and formats, the words, legend
entries, the series of a chart and the label limit of a static map. No matplotlib here: the pages build these while
they run, and the drawing modules (figures.common, figures.charts, figures.staticmap, which import matplotlib) are
imported only when a file is drawn (tests/test_load.py)."""

from collections.abc import Sequence
from dataclasses import dataclass

# name: (width px, height px, dpi). A slide is 1920x1080 (16:9, a projector's full HD) at 160 dpi, i.e. 12 x 6.75
# inches, so 10-point text is 22 px on the wall; print is A4 landscape at 300 dpi (11.69 x 8.27 inches). Both are
# about 12 inches wide, so one layout in points serves both. An SVG takes the slide's size in inches.
SIZES = {"slide": (1920, 1080, 160), "print": (3508, 2480, 300)}
FORMATS = ("png", "svg")
MIME = {"png": "image/png", "svg": "image/svg+xml"}
LABEL_MAX = 60  # units named on a map of more units only when asked (kecamatan); desa names up to this many


@dataclass(frozen=True)
class LegendEntry:
    label: str  # "> 2,5 – 4,0", "Disembunyikan (n < 5)", "Tidak ada data"
    color: str  # "#fd8d3c"
    count: int | None = None  # units in the class, said after the label; None: not said


@dataclass(frozen=True)
class Words:
    """Every word a figure carries, in the caller's language; figures/ translates nothing."""

    title: str
    view_line: str = ""  # place · period · filters
    source_line: str = ""  # "Sumber: sensus SIPBM putaran 2026, data per 5 Desember 2026 · data demo (sintetis)"
    legend_title: str = ""
    north: str = "N"  # the letter over the north arrow ("U", utara, in Bahasa Indonesia)


@dataclass(frozen=True)
class Line:
    label: str
    y: Sequence[float]  # NaN: a gap (not surveyed)
    color: str
    x: Sequence[float] | None = None  # None: the chart's x
    dashed: bool = False
    marker: str = "o"
    texts: Sequence[str] | None = None  # printed above each point
    joined: bool = True  # False: markers only (a reference series of another source)
    hollow: bool | None = None  # open markers; None: open when not joined


@dataclass(frozen=True)
class Bar:
    label: str
    values: Sequence[float]
    color: str
    texts: Sequence[str] | None = None  # printed at the end of each bar
    colors: Sequence[str] | None = None  # one per category (a status), instead of `color`
    outlined: Sequence[bool] | None = None  # categories drawn with a dark outline (the place chosen)


@dataclass(frozen=True)
class Ref:
    """A reference value drawn across the bars (a province's value, a target), labelled above the plot."""

    value: float
    label: str
    color: str
    dashed: bool = False

