"""The meeting pack as a PDF: the same slides as the deck (pack.content), one 16:9 page each, drawn with
matplotlib (PdfPages): the same title, view line, sentences, big figures, charts (from the same chart data), map
images, KLA table and footer. Fonts are embedded (DejaVu Sans, matplotlib's own), so the file prints anywhere."""

import io
import textwrap

import matplotlib

matplotlib.use("Agg")
import matplotlib.image as mpimg  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.backends.backend_pdf import PdfPages  # noqa: E402

from pack.content import Chart, Pack, Slide, Table, tx  # noqa: E402
from pack.deck import SERIES, STATUS_FILL, label_inside, value_top  # noqa: E402
from ui.fmt import number  # noqa: E402

W, H = 13.333, 7.5  # inches, as the deck
INK, GREY, ACCENT = "#222222", "#555555", "#0072B2"


def write(pack: Pack) -> bytes:
    out = io.BytesIO()
    with PdfPages(out, metadata={"Title": pack.slides[0].title, "Subject": pack.slides[0].view_line,
                                 "Creator": "Dasbor ATS"}) as pdf:
        for i, slide in enumerate(pack.slides, start=1):
            fig = plt.figure(figsize=(W, H))
            _page(fig, slide, pack)
            _footer(fig, pack, i)
            pdf.savefig(fig)
            plt.close(fig)
    return out.getvalue()


def png(pack: Pack, index: int, dpi: int = 144) -> bytes:
    """Slide `index` (0-based) as the PDF draws it, as a PNG: 1920x1080 at the default dpi (presentation mode)."""
    fig = plt.figure(figsize=(W, H))
    _page(fig, pack.slides[index], pack)
    _footer(fig, pack, index + 1)
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=dpi)
    plt.close(fig)
    return out.getvalue()


def _y(inches_from_top: float) -> float:
    return 1 - inches_from_top / H


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width)) or text


def _page(fig, slide: Slide, pack: Pack) -> None:
    if slide.key == "title":
        fig.text(0.5 / W, _y(2.4), _wrap(slide.title, 48), fontsize=36, fontweight="bold", color=INK, va="top")
        for i, line in enumerate(slide.sentences):
            fig.text(0.5 / W, _y(3.9 + 0.5 * i), line, fontsize=20, color=GREY, va="top")
        return
    fig.text(0.5 / W, _y(0.35), slide.title, fontsize=26, fontweight="bold", color=INK, va="top")
    fig.text(0.5 / W, _y(0.98), slide.view_line, fontsize=13, color=GREY, va="top")
    top = 1.5
    if slide.bullets:
        for line in slide.bullets:
            wrapped = _wrap(f"• {line}", 110)
            fig.text(0.5 / W, _y(top), wrapped, fontsize=15, color=INK, va="top")
            top += 0.36 * (wrapped.count("\n") + 1) + 0.12
        top += 0.2
        for line in slide.sentences:
            wrapped = _wrap(line, 140)
            fig.text(0.5 / W, _y(top), wrapped, fontsize=13, color=GREY, va="top")
            top += 0.3 * (wrapped.count("\n") + 1) + 0.08
        return
    for line in slide.sentences:
        wrapped = _wrap(line, 100)
        fig.text(0.5 / W, _y(top), wrapped, fontsize=16, color=INK, va="top")
        top += 0.34 * (wrapped.count("\n") + 1) + 0.1
    top += 0.15
    bottom, left, width = 0.6, 0.5, W - 1.0
    if slide.numbers:
        row = (H - top - bottom) / len(slide.numbers)
        for i, (label, value) in enumerate(slide.numbers):
            fig.text(left / W, _y(top + i * row), value, fontsize=32, fontweight="bold", color=ACCENT, va="top")
            fig.text(left / W, _y(top + i * row + 0.62), label, fontsize=13, color=GREY, va="top")
        left, width = left + 5.5, width - 5.5
    parts = [("chart", c) for c in slide.charts] + [("image", i) for i in slide.images] + \
            [("table", t) for t in slide.tables]
    if not parts:
        return
    gap = 0.3
    each = (width - gap * (len(parts) - 1)) / len(parts)
    for i, (kind, part) in enumerate(parts):
        x = left + i * (each + gap)
        box = (x / W, bottom / H, each / W, (H - top - bottom) / H)
        if kind == "chart":
            _chart(fig, box, part, pack)
        elif kind == "image":
            ax = fig.add_axes(box)
            ax.imshow(mpimg.imread(io.BytesIO(part.png), format="png"), interpolation="none")  # embedded as it is
            ax.set_axis_off()
        else:
            _table(fig, box, part)


def _chart(fig, box, chart: Chart, pack: Pack) -> None:
    """The chart data drawn as the deck's native chart is: bars ranked top-down, labels in the pack's number format."""
    x0, y0, w, h = box
    label_room = 0.35 * w if chart.kind in ("bar", "stacked_bar") else 0.08 * w
    ax = fig.add_axes((x0 + label_room, y0 + 0.08, w - label_room - 0.01, h - 0.16))
    # the title over the whole box (bar labels take the left part), wrapped to its width (about 8 characters an inch)
    ax.set_title(_wrap(chart.title, int(w * W * 7.5)), fontsize=14, fontweight="bold", loc="left", color=INK,
                 x=-label_room / (w - label_room - 0.01) if label_room else 0, pad=14)
    fmt = lambda v: number(v, chart.decimals, pack.lang)  # noqa: E731
    n = len(chart.categories)
    positions = list(range(n))
    horizontal = chart.kind in ("bar", "stacked_bar")
    left = [0.0] * n
    for s, (name, values) in enumerate(chart.series):
        # a value without a number is drawn as no bar, labelled with its mark ("< 5", "disembunyikan") or "–"
        texts = [(chart.label(s, i) or "–") if v is None else fmt(v) for i, v in enumerate(values)]
        colour = "#" + SERIES[s % len(SERIES)]
        if chart.kind == "line":  # a point without a value breaks the line: it is not drawn at 0
            ax.plot(positions, [float("nan") if v is None else v for v in values], marker="o", color=colour, linewidth=3,
                    label=name)
            for p, v, label in zip(positions, values, texts):
                if v is not None:
                    ax.annotate(label, (p, v), textcoords="offset points", xytext=(0, 8), ha="center", fontsize=11)
            continue
        values = [0.0 if v is None else v for v in values]
        if horizontal:
            bars = ax.barh(positions, values, left=left if chart.kind == "stacked_bar" else None, color=colour,
                           label=name, height=0.7)
            if chart.kind == "bar":
                ax.bar_label(bars, labels=texts, padding=3, fontsize=11)
            left = [a + b for a, b in zip(left, values)]
        else:
            bars = ax.bar(positions, values, color=colour, label=name, width=0.6)
            inside = [label_inside(chart, v) for v in chart.series[s][1]]  # at the axis' ceiling: in the column's end
            ax.bar_label(bars, labels=["" if i else x for x, i in zip(texts, inside)], padding=3, fontsize=11)
            for p, v, label, i in zip(positions, values, texts, inside):
                if i:
                    ax.annotate(label, (p, v), textcoords="offset points", xytext=(0, -5), ha="center", va="top",
                                fontsize=11, fontweight="bold", color="white")
    if horizontal:
        ax.set_yticks(positions, [_wrap(c, 28) for c in chart.categories], fontsize=11)
        ax.invert_yaxis()
        ax.set_xlabel(chart.axis, fontsize=11)
        ax.xaxis.set_major_formatter(lambda v, _: fmt(v))
        ax.grid(axis="x", color="#e5e5e5")
    else:
        ax.set_xticks(positions, [_wrap(c, max(int(w * W * 9 / max(n, 1)), 8)) for c in chart.categories], fontsize=11)
        ax.set_ylabel(chart.axis, fontsize=11)
        ax.yaxis.set_major_formatter(lambda v, _: fmt(v))
        ax.grid(axis="y", color="#e5e5e5")
        # the top of the axis as the deck sets it: room above the highest point for its label, under the title
        ax.set_ylim(0, value_top(chart))
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    if len(chart.series) > 1:
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=len(chart.series), frameon=False, fontsize=10)


def _table(fig, box, table: Table) -> None:
    ax = fig.add_axes(box)
    ax.set_axis_off()
    rows = [list(r[:1]) + [_wrap(r[1], 70)] + list(r[2:]) for r in table.rows]
    grid = ax.table(cellText=rows, colLabels=list(table.columns), loc="upper left", cellLoc="left",
                    colWidths=[0.08, 0.5, 0.1, 0.11, 0.17])  # a little under 1: the cell padding
    grid.auto_set_font_size(False)
    grid.set_fontsize(11)
    grid.scale(1, 1.55)
    for (i, j), cell in grid.get_celld().items():
        cell.set_edgecolor("#cccccc")
        if i == 0:
            cell.set_text_props(fontweight="bold")
        elif j == len(table.columns) - 1 and i - 1 < len(table.status) and table.status[i - 1] in STATUS_FILL:
            cell.set_facecolor("#" + STATUS_FILL[table.status[i - 1]])


def _footer(fig, pack: Pack, number_: int) -> None:
    left = [tx("demo.label")] if pack.is_demo else []
    fig.text(0.5 / W, 0.2 / H, " · ".join([tx("pack.button"), *left, pack.generated]), fontsize=10, color=GREY)
    fig.text(1 - 0.5 / W, 0.2 / H, f"{number_} / {len(pack.slides)}", fontsize=10, color=GREY, ha="right")
