"""Charts that stand alone: a line chart over the survey rounds (render_trend), bars (render_bars), dots on a zoomed
axis (render_dots), a heat map
(render_heatmap) and a rate over counts in two panels (render_panels), with the
title, view line, legend and source line drawn into the image, as PNG or SVG bytes.

Language-free like the map: the caller gives the numbers its query returned, the colours, the texts printed at the
points or bars (already formatted in the page's language) and `separators` for the axis numbers (Plotly's: decimal
then thousands, ",." in Bahasa Indonesia)."""

from collections.abc import Sequence

import numpy as np
from matplotlib.ticker import FuncFormatter, MaxNLocator

from matplotlib.patches import Patch

from figures.common import FONT, GREY, INK, MARGIN_IN, footer, header, new_figure, text, to_bytes, wrap
from figures.spec import Bar, LegendEntry, Line, Ref, Words

LEGEND_IN = 2.9  # width kept right of the plot for the legend, inches
TICK_PT, LABEL_PT, VALUE_PT = 12, 12, 11.5


def _number(separators: str, decimals: int = 0):
    decimal, thousands = separators[0], separators[1]

    def fmt(value, _pos=None) -> str:
        out = f"{value:,.{decimals}f}"
        return out.replace(",", "\0").replace(".", decimal).replace("\0", thousands)

    return fmt


def _value(ax, label: str, xy, offset, ha: str, va: str) -> None:
    """A value printed by its point or bar, `offset` points away."""
    ax.annotate(label, xy, xytext=offset, textcoords="offset points", ha=ha, va=va, fontsize=VALUE_PT, color=INK,
                fontfamily=FONT, annotation_clip=False, parse_math=False)


def _style(ax) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color("#444444")
    ax.tick_params(labelsize=TICK_PT, colors=INK)
    for label in ax.get_xticklabels() + ax.get_yticklabels():
        label.set_fontfamily(FONT)


def _frame(words: Words, size: str, fmt: str, legend: bool, left_in: float = 1.0, bottom_in: float = 0.55):
    """The figure with its header and footer, and the plot's axes between them: `left_in` and `bottom_in` inches
    kept for the tick labels."""
    fig = new_figure(size, fmt)
    w_in, h_in = fig.get_size_inches()
    top = header(fig, words) - 0.25 / h_in
    bottom = footer(fig, words) + bottom_in / h_in
    right = 1 - (MARGIN_IN + (LEGEND_IN if legend else 0.2)) / w_in
    ax = fig.add_axes([left_in / w_in, bottom, right - left_in / w_in, top - bottom])
    return fig, ax


def _named(handle) -> bool:
    """A series given a name (matplotlib calls the nameless "_child0")."""
    return not handle.get_label().startswith("_") and bool(handle.get_label())


def _legend(ax, handles, keys: Sequence[LegendEntry] = ()) -> None:
    """The series' names right of the plot, each wrapped to the room kept for them; `keys`: colours that say
    something of their own (a status), as patches after the series. A series with no name is not listed."""
    handles = [h for h in handles if _named(h)] + [Patch(facecolor=k.color, label=k.label) for k in keys]
    for h in handles:
        h.set_label("\n".join(wrap(h.get_label(), LEGEND_IN - 0.75, LABEL_PT)))
    if handles:
        legend = ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.02, 1), frameon=False,
                           prop={"family": FONT, "size": LABEL_PT})
        for label in legend.get_texts():
            label.set_parse_math(False)


def render_trend(x: Sequence[float], lines: Sequence[Line], words: Words, *, breaks: Sequence[float] = (),
                 break_label: str = "", y_label: str = "", separators: str = ".,", decimals: int = 0,
                 y_ticks: Sequence[str] = (), size: str = "slide", fmt: str = "png") -> bytes:
    """Lines over the rounds `x` (ticks at every round given, no thousands separator: years), dashed vertical lines at
    `breaks` (where census coverage changed, labelled `break_label`), y from 0, axis numbers with `decimals`; or, with
    `y_ticks`, an ordered scale in words (y 0, 1, ... are its steps: KLA tiers)."""
    return to_bytes(trend_figure(x, lines, words, breaks=breaks, break_label=break_label, y_label=y_label,
                                 separators=separators, decimals=decimals, y_ticks=y_ticks, size=size, fmt=fmt), fmt)


def trend_figure(x: Sequence[float], lines: Sequence[Line], words: Words, *, breaks: Sequence[float] = (),
                 break_label: str = "", y_label: str = "", separators: str = ".,", decimals: int = 0,
                 y_ticks: Sequence[str] = (), size: str = "slide", fmt: str = "png"):
    """render_trend's matplotlib Figure, before it is written as a file."""
    longest = max((len(w) for w in y_ticks), default=0)
    left = min(max(1.0, MARGIN_IN + 0.2 + longest * TICK_PT * 0.62 / 72), 4.5)
    fig, ax = _frame(words, size, fmt, legend=len(lines) > 0, left_in=left)
    handles, top = _lines(ax, x, lines)
    _rounds_axis(ax, x, lines)
    if y_ticks:  # an ordered scale in words (tiers): one tick each, from 0
        ax.set_ylim(-0.5, len(y_ticks) - 0.3)
        ax.set_yticks(range(len(y_ticks)), list(y_ticks), parse_math=False)
    else:
        ax.set_ylim(0, top * 1.2 if top > 0 else 1)
        ax.yaxis.set_major_formatter(FuncFormatter(_number(separators, decimals)))
        ax.yaxis.set_major_locator(MaxNLocator(6))
    ax.grid(axis="y", color="#e5e5e5")
    ax.set_axisbelow(True)
    if y_label:
        ax.set_ylabel(y_label, fontsize=LABEL_PT, color=GREY, fontfamily=FONT, parse_math=False)
    _style(ax)
    _legend(ax, handles if sum(map(_named, handles)) > 1 else [])
    _breaks(ax, breaks, break_label)  # once the axes' limits are set: its labels are placed where they fit
    return fig


def _lines(ax, x, lines: Sequence[Line]) -> tuple[list, float]:
    """Draw `lines` (x: the chart's, unless a line has its own), their texts above the points; the handles and the
    highest value."""
    handles, top = [], 0.0
    for line in lines:
        lx = np.asarray(line.x if line.x is not None else x, dtype=float)
        ly = np.asarray(line.y, dtype=float)
        style = "none" if not line.joined else (0, (3, 2)) if line.dashed else "-"
        hollow = (not line.joined) if line.hollow is None else line.hollow
        (h,) = ax.plot(lx, ly, color=line.color, linewidth=2.6 if not line.dashed else 1.8, linestyle=style,
                       marker=line.marker, markersize=8 if line.joined else 11, label=line.label,
                       markerfacecolor="none" if hollow else line.color, markeredgewidth=2.5 if hollow else 1)
        handles.append(h)
        if np.isfinite(ly).any():
            top = max(top, float(np.nanmax(ly)))
        for px, py, label in zip(lx, ly, line.texts or ()):
            if np.isfinite(py) and label:
                _value(ax, label, (px, py), (0, 9), "center", "bottom")
    return handles, top


BREAK = "#D55E00"


def _breaks(ax, breaks: Sequence[float], label: str = "") -> None:
    """Dashed vertical lines where census coverage changed, each labelled `label` as on the screen (ui/charts.py
    _vlines) where it fits: right of its line, else left of it, on the lowest row where it stays inside the plot,
    crosses no other break's line and covers no other label or value (breaks a round apart, a break by the last round: the
    label wrote over the next line or ran out of the plot). A break whose label fits nowhere is left unlabelled: the
    others say what the dashed lines are. Call once the axes' limits are set."""
    for b in breaks:
        ax.axvline(b, color=BREAK, linestyle=(0, (4, 3)), linewidth=1.6)
    if not label:
        return
    from matplotlib.backends.backend_agg import FigureCanvasAgg  # text sizes to place the labels by

    canvas = ax.figure.canvas
    renderer = (canvas if isinstance(canvas, FigureCanvasAgg) else FigureCanvasAgg(ax.figure)).get_renderer()
    plot = ax.get_window_extent(renderer)
    lines_at = [ax.transData.transform((b, 0))[0] for b in breaks]
    row_pt = VALUE_PT + 3
    placed = [t.get_window_extent(renderer) for t in ax.texts if t.get_text()]  # the values printed at the points
    for b, at in zip(breaks, lines_at):
        for row in range(len(breaks) + 3):  # up over the low values, while inside the plot
            spot = None
            for ha, dx in (("left", 3), ("right", -3)):
                note = ax.annotate(label, (b, 0.02), xycoords=ax.get_xaxis_transform(), xytext=(dx, row * row_pt),
                                   textcoords="offset points", ha=ha, va="bottom", fontsize=VALUE_PT - 1, color=BREAK,
                                   fontfamily=FONT, parse_math=False, annotation_clip=False)
                box = note.get_window_extent(renderer)
                if (plot.x0 <= box.x0 and box.x1 <= plot.x1 and box.y1 <= plot.y1
                        and not any(box.x0 < other < box.x1 for other in lines_at if other != at)
                        and not any(box.padded(3).overlaps(p) for p in placed)):  # a little room around
                    spot = box
                    break
                note.remove()
            if spot is not None:
                placed.append(spot)
                break


def _rounds_axis(ax, x, lines: Sequence[Line] = ()) -> None:
    """A tick at every round (or year) of the chart and of its lines, written as years (no separator)."""
    ticks = sorted({float(v) for line in lines for v in (line.x if line.x is not None else x)} | {float(v) for v in x})
    ax.set_xticks(ticks, [f"{t:.0f}" for t in ticks])
    if ticks:
        ax.set_xlim(ticks[0] - 0.5, ticks[-1] + 0.5)


def render_bars(categories: Sequence[str], bars: Sequence[Bar], words: Words, *, horizontal: bool = True,
                stacked: bool = False, overlay: bool = False, value_label: str = "", separators: str = ".,",
                decimals: int = 0, refs: Sequence[Ref] = (), keys: Sequence[LegendEntry] = (), size: str = "slide",
                fmt: str = "png") -> bytes:
    """Bars of `categories` (top to bottom when horizontal, left to right otherwise): side by side, `stacked`, or
    `overlay` (each series from 0, the later ones in front: a part within its whole); `refs` drawn across them,
    `keys` (what the colours of bars coloured one by one mean) in the legend; axis numbers with `decimals`."""
    longest = max((len(c) for c in categories), default=0)
    left = min(max(1.0, MARGIN_IN + 0.2 + longest * TICK_PT * 0.62 / 72), 4.5) if horizontal else 1.1
    fig, ax = _frame(words, size, fmt, legend=len(bars) > 1 or len(keys) > 0, left_in=left)
    n = len(categories)
    pos = np.arange(n, dtype=float)
    base = np.zeros(n)
    width = 0.7 if (stacked or overlay or len(bars) == 1) else 0.8 / max(len(bars), 1)
    handles, end = [], 0.0
    for i, bar in enumerate(bars):
        values = np.nan_to_num(np.asarray(bar.values, dtype=float))
        offset = pos if (stacked or overlay or len(bars) == 1) else pos - 0.4 + width * (i + 0.5)
        start = base if stacked else np.zeros(n)
        draw = ax.barh if horizontal else ax.bar
        kw = {"left": start, "height": width} if horizontal else {"bottom": start, "width": width}
        if bar.outlined is not None:
            kw |= {"edgecolor": INK, "linewidth": [2.5 if o else 0 for o in bar.outlined]}
        handles.append(draw(offset, values, color=bar.colors if bar.colors is not None else bar.color,
                            label=bar.label, **kw))
        tops = start + values
        end = max(end, float(tops.max()) if n else 0.0)
        for p, v, label in zip(offset, tops, bar.texts or ()):
            if label:
                if horizontal:
                    _value(ax, label, (v, p), (5, 0), "left", "center")
                else:
                    _value(ax, label, (p, v), (0, 4), "center", "bottom")
        if stacked:
            base = tops
    value_axis, category_axis = (ax.xaxis, ax.yaxis) if horizontal else (ax.yaxis, ax.xaxis)
    for i, ref in enumerate(refs):
        end = max(end, float(ref.value))
        (ax.axvline if horizontal else ax.axhline)(ref.value, color=ref.color, linewidth=2,
                                                   linestyle=(0, (4, 3)) if ref.dashed else "-")
        if horizontal:  # over the plot, stepped so that two values close together stay readable
            text(ax, ref.value, 1.01 + 0.045 * i, ref.label, transform=ax.get_xaxis_transform(), fontsize=VALUE_PT,
                 color=ref.color, ha="center", va="bottom")
        else:
            text(ax, 1.0, ref.value, " " + ref.label, transform=ax.get_yaxis_transform(), fontsize=VALUE_PT,
                 color=ref.color, ha="left", va="center")
    room = 1.35 if any(b.texts for b in bars) else 1.08
    (ax.set_xlim if horizontal else ax.set_ylim)(0, end * room if end > 0 else 1)
    (ax.set_yticks if horizontal else ax.set_xticks)(pos, list(categories), parse_math=False)
    if horizontal:
        ax.invert_yaxis()
    value_axis.set_major_formatter(FuncFormatter(_number(separators, decimals)))
    value_axis.set_major_locator(MaxNLocator(6, integer=decimals == 0))
    ax.grid(axis="x" if horizontal else "y", color="#e5e5e5")
    ax.set_axisbelow(True)
    if value_label:
        (ax.set_xlabel if horizontal else ax.set_ylabel)(value_label, fontsize=LABEL_PT, color=GREY, fontfamily=FONT,
                                                         parse_math=False)
    category_axis.set_tick_params(length=0)
    _style(ax)
    _legend(ax, handles if len(bars) > 1 else [], keys)
    return to_bytes(fig, fmt)


def render_dots(categories: Sequence[str], dots: Bar, words: Words, *, value_range: Sequence[float],
                value_label: str = "", separators: str = ".,", decimals: int = 0, refs: Sequence[Ref] = (),
                keys: Sequence[LegendEntry] = (), size: str = "slide", fmt: str = "png") -> bytes:
    """One dot per category (top to bottom) on a value axis from value_range[0] to value_range[1], not from zero:
    values that stand close together (a province's kab/kota within a few points) set apart, as bars from zero could
    not. `dots` gives the values, their colours, the texts printed right of each dot (on white, over the lines of
    `refs`) and the categories drawn larger with a dark outline; `keys` in the legend."""
    longest = max((len(c) for c in categories), default=0)
    left = min(max(1.0, MARGIN_IN + 0.2 + longest * TICK_PT * 0.62 / 72), 4.5)
    fig, ax = _frame(words, size, fmt, legend=len(keys) > 0, left_in=left)
    n = len(categories)
    pos = np.arange(n, dtype=float)
    values = np.asarray(dots.values, dtype=float)
    outlined = list(dots.outlined) if dots.outlined is not None else [False] * n
    for p in pos:  # each category's row, faint, for the eye to follow from its name to its dot
        ax.axhline(p, color="#f0f0f0", linewidth=1, zorder=0)
    for i, ref in enumerate(refs):
        ax.axvline(ref.value, color=ref.color, linewidth=2, linestyle=(0, (4, 3)) if ref.dashed else "-", zorder=1)
        text(ax, ref.value, 1.01 + 0.045 * i, ref.label, transform=ax.get_xaxis_transform(), fontsize=VALUE_PT,
             color=ref.color, ha="center", va="bottom")
    ax.scatter(values, pos, s=[260 if o else 130 for o in outlined], zorder=3,
               c=list(dots.colors) if dots.colors is not None else dots.color,
               edgecolors=[INK if o else "none" for o in outlined], linewidths=[2.5 if o else 0 for o in outlined])
    for p, v, label, big in zip(pos, values, dots.texts or (), outlined):
        if label and not np.isnan(v):
            ax.annotate(label, (v, p), xytext=(15 if big else 11, 0), textcoords="offset points", ha="left", va="center",
                        fontsize=VALUE_PT, color=INK, fontfamily=FONT, annotation_clip=False, parse_math=False,
                        zorder=4, bbox={"facecolor": "white", "edgecolor": "none", "pad": 1})
    low, high = value_range
    ax.set_xlim(low, high + (high - low) * 0.12)  # room for the last dot's text
    ax.set_ylim(n - 0.5, -0.5)
    ax.set_yticks(pos, list(categories), parse_math=False)
    ax.xaxis.set_major_formatter(FuncFormatter(_number(separators, decimals)))
    ax.xaxis.set_major_locator(MaxNLocator(6, integer=decimals == 0))
    ax.grid(axis="x", color="#e5e5e5")
    ax.set_axisbelow(True)
    if value_label:
        ax.set_xlabel(value_label, fontsize=LABEL_PT, color=GREY, fontfamily=FONT, parse_math=False)
    ax.yaxis.set_tick_params(length=0)
    _style(ax)
    _legend(ax, [], keys)
    return to_bytes(fig, fmt)


def render_panels(x: Sequence[float], upper: Sequence[Line], lower: Sequence[Bar], words: Words, *,
                  upper_label: str = "", lower_label: str = "", upper_top: float | None = None,
                  upper_decimals: int = 1, breaks: Sequence[float] = (), separators: str = ".,", size: str = "slide",
                  fmt: str = "png") -> bytes:
    """A rate and the counts under it over the rounds `x`, in two panels on one x axis (two units never share an
    axis): `upper` lines (y from 0 to `upper_top`, or above the highest point), `lower` bars stacked (the texts of
    the last series at the top of each stack); coverage `breaks` dashed across both; one legend right of them."""
    fig = new_figure(size, fmt)
    w_in, h_in = fig.get_size_inches()
    top = header(fig, words) - 0.45 / h_in  # room for the upper panel's label
    bottom = footer(fig, words) + 0.55 / h_in
    n_series = len([s for s in upper if s.label]) + len(lower)
    right = 1 - (MARGIN_IN + (LEGEND_IN if n_series > 1 else 0.2)) / w_in
    left, gap = 1.1 / w_in, 0.45 / h_in
    each = (top - bottom - gap) / 2
    ax_up = fig.add_axes([left, bottom + each + gap, right - left, each])
    ax_low = fig.add_axes([left, bottom, right - left, each], sharex=ax_up)
    handles, high = _lines(ax_up, x, upper)
    ax_up.set_ylim(0, upper_top if upper_top is not None else (high * 1.25 if high > 0 else 1))
    ax_up.yaxis.set_major_formatter(FuncFormatter(_number(separators, upper_decimals)))
    pos, base = np.asarray(x, dtype=float), np.zeros(len(x))
    for bar in lower:
        values = np.nan_to_num(np.asarray(bar.values, dtype=float))
        handles.append(ax_low.bar(pos, values, bottom=base, width=0.6, color=bar.color, label=bar.label))
        base = base + values
        for p, v, label in zip(pos, base, bar.texts or ()):
            if label:
                _value(ax_low, label, (p, v), (0, 4), "center", "bottom")
    ax_low.set_ylim(0, float(base.max()) * 1.3 if len(base) and base.max() > 0 else 1)
    ax_low.yaxis.set_major_formatter(FuncFormatter(_number(separators)))
    for ax, label in ((ax_up, upper_label), (ax_low, lower_label)):
        _breaks(ax, breaks)
        ax.yaxis.set_major_locator(MaxNLocator(5))
        ax.grid(axis="y", color="#e5e5e5")
        ax.set_axisbelow(True)
        if label:  # over the panel, left: a y label of a short panel would be cut
            text(ax, 0, 1.03, label, transform=ax.transAxes, fontsize=LABEL_PT, color=GREY, ha="left", va="bottom")
        _style(ax)
    _rounds_axis(ax_low, x, upper)
    ax_up.tick_params(labelbottom=False)
    _legend(ax_up, handles if n_series > 1 else [])
    return to_bytes(fig, fmt)


def render_heatmap(rows: Sequence[str], columns: Sequence[str], values, texts, palette: Sequence[str], words: Words, *,
                   separators: str = ".,", size: str = "slide", fmt: str = "png", lo: float | None = None,
                   breaks: Sequence[tuple[int, float]] = (), slanted: bool = True) -> bytes:
    """A grid of `values` (rows x columns; NaN: a blank cell, never a 0 that was not counted) coloured along
    `palette` (light to dark) from its smallest value (or `lo`), each cell with its text, black or white by the
    cell's colour; a colour bar. `breaks`: (row, x) a dashed line across that row's cell at column position x (0.5:
    between the first and the second column), as the screen marks a change of census coverage. `slanted`: the column
    names at 35 degrees (long names), else level (years)."""
    from matplotlib.colors import LinearSegmentedColormap, to_rgb

    grid = np.asarray(values, dtype=float)
    longest = max((len(r) for r in rows), default=0)
    left = min(max(1.0, MARGIN_IN + 0.2 + longest * TICK_PT * 0.62 / 72), 4.5)
    below = 0.3 + max((len(c) for c in columns), default=0) * TICK_PT * 0.62 / 72 * (np.sin(np.radians(35)) if slanted else 0)
    fig, ax = _frame(words, size, fmt, legend=True, left_in=left, bottom_in=min(below, 2.2))
    cmap = LinearSegmentedColormap.from_list("heat", list(palette)).with_extremes(bad="white")
    finite = grid[np.isfinite(grid)]
    lo, hi = (float(finite.min()) if lo is None else lo, float(finite.max())) if finite.size else (0.0, 1.0)
    image = ax.imshow(np.ma.masked_invalid(grid), cmap=cmap, vmin=lo, vmax=hi if hi > lo else lo + 1, aspect="auto")
    cell_pt = min(VALUE_PT, max(6.0, 200 / max(len(columns), 1)))
    for (i, j), v in np.ndenumerate(grid):
        if texts[i][j]:  # a cell without a value may have a text: "< 5" where small-cell protection hid it
            r, g, b = to_rgb(cmap((v - lo) / (hi - lo) if hi > lo else 0.0)) if np.isfinite(v) else (1, 1, 1)
            ink = "white" if 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.45 else INK
            text(ax, j, i, texts[i][j], ha="center", va="center", fontsize=cell_pt, color=ink)
    for row, x in breaks:
        ax.plot([x, x], [row - 0.5, row + 0.5], color=INK, linestyle=(0, (3, 2)), linewidth=2)
    ax.set_xticks(range(len(columns)), list(columns), rotation=35 if slanted else 0, ha="right" if slanted else "center",
                  parse_math=False)
    ax.set_yticks(range(len(rows)), list(rows), parse_math=False)
    ax.set_xticks(np.arange(-0.5, len(columns)), minor=True)
    ax.set_yticks(np.arange(-0.5, len(rows)), minor=True)
    ax.grid(which="minor", color="white", linewidth=2)
    ax.tick_params(which="both", length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    bar = fig.colorbar(image, ax=ax, fraction=0.03, pad=0.02, format=FuncFormatter(_number(separators)))
    bar.outline.set_visible(False)
    bar.ax.tick_params(labelsize=TICK_PT - 1)
    _style(ax)
    return to_bytes(fig, fmt)

