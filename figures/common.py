"""What every figure shares: the sizes, the words it is given, the header (title and view line) and footer (source
line) drawn into it, and the bytes out. Matplotlib's object API (Figure, no pyplot): no global state between the
threads Streamlit serves sessions from."""

import io
import textwrap

import matplotlib
from matplotlib.figure import Figure

from figures.spec import FORMATS, SIZES, Words

FONT = "DejaVu Sans"  # ships with matplotlib: every glyph of Indonesian and English text, offline
INK, GREY, FAINT = "#222222", "#555555", "#888888"
TITLE_PT, LINE_PT, SOURCE_PT = 19, 12.5, 10


def check(size: str, fmt: str) -> tuple[int, int, int]:
    if size not in SIZES:
        raise ValueError(f"unknown size {size!r}; one of {', '.join(SIZES)}")
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
    return SIZES[size]


def new_figure(size: str, fmt: str) -> Figure:
    width, height, dpi = check(size, fmt)
    return Figure(figsize=(width / dpi, height / dpi), dpi=dpi, facecolor="white")


def wrap(text: str, width_in: float, points: float) -> list[str]:
    """`text` in lines that fit `width_in` inches at `points` (DejaVu Sans averages about 0.55 em a character)."""
    chars = max(int(width_in * 72 / (points * 0.55)), 10)
    return textwrap.wrap(text, chars) if text else []


def text(target, x, y, s, **kw):
    """Text drawn as it is: parse_math=False, so a "$" in a place name or a filter is no TeX formula."""
    return target.text(x, y, s, parse_math=False, fontfamily=FONT, **kw)


MARGIN_IN = 0.3  # left and right margin, inches


def header(fig: Figure, words: Words) -> float:
    """The title (bold) and the view line at the top left; returns the figure fraction where they end."""
    w_in, h_in = fig.get_size_inches()
    x = MARGIN_IN / w_in
    y = 1 - 0.22 / h_in
    for lines, points, color, weight in ((wrap(words.title, w_in - 2 * MARGIN_IN, TITLE_PT), TITLE_PT, INK, "bold"),
                                         (wrap(words.view_line, w_in - 2 * MARGIN_IN, LINE_PT), LINE_PT, GREY, "normal")):
        for line in lines:
            text(fig, x, y, line, fontsize=points, color=color, fontweight=weight, va="top", ha="left")
            y -= points * 1.3 / 72 / h_in
        y -= 0.04 / h_in
    return y


def footer(fig: Figure, words: Words) -> float:
    """The source line at the bottom left; returns the figure fraction above it."""
    w_in, h_in = fig.get_size_inches()
    lines = wrap(words.source_line, w_in - 2 * MARGIN_IN, SOURCE_PT)
    y = 0.18 / h_in
    for line in reversed(lines):
        text(fig, MARGIN_IN / w_in, y, line, fontsize=SOURCE_PT, color=GREY, va="bottom", ha="left")
        y += SOURCE_PT * 1.3 / 72 / h_in
    return y + 0.08 / h_in


def to_bytes(fig: Figure, fmt: str) -> bytes:
    """PNG at the figure's dpi (exactly the size's pixels: no tight bounding box), or SVG with its text as text
    (svg.fonttype none: the title, legend and source can be found, copied and edited)."""
    out = io.BytesIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "ats"}):
        meta = {"Software": None} if fmt == "png" else {"Date": None, "Creator": None}
        # zlib level 3: a fifth of the default's encoding time for a few per cent more bytes (flat colours compress well)
        extra = {"pil_kwargs": {"compress_level": 3}} if fmt == "png" else {}
        fig.savefig(out, format=fmt, dpi=fig.dpi, facecolor="white", metadata=meta, **extra)
    return out.getvalue()
