"""A static choropleth map that stands alone (DHIS2 Maps' download is the model): title and view line, the map in a
projected CRS (UTM of the area: true shapes and a true scale bar), unit names where they fit, a north arrow, the
legend (every class with its count, the hidden and no-data classes included), a small inset locating the area in
the area around it, and the source line.

The classes and colours are the screen's (ui/maps.py): a unit is drawn in the colour of its legend entry; nothing
here classifies. Polygons are drawn as one PathCollection built from the shapely rings (GeoDataFrame.plot draws the
same through more layers: benchmarks/export.py compares them)."""

from collections.abc import Sequence

import geopandas as gpd
import numpy as np
import shapely
from matplotlib.collections import PathCollection
from matplotlib.colors import to_rgb
from matplotlib.patches import Rectangle
from matplotlib.path import Path
from matplotlib_scalebar.scalebar import ScaleBar

from figures.common import FONT, INK, MARGIN_IN, footer, header, new_figure, text, to_bytes, wrap
from figures.spec import LABEL_MAX, LegendEntry, Words

BORDER = "#636363"  # the screen map's unit border (ui/maps.py)
FOCUS = "#c0392b"  # the area in the inset
CONTEXT = "#e3e3e3"
LABEL_PT = 7.5
PANEL_IN = 3.3  # width of the legend and inset column, inches
LABEL_IN = PANEL_IN - 0.52  # width of a legend label beside its swatch, inches


def _path(geom) -> Path:
    """One compound path of a (multi)polygon: every ring closed, holes included (filled by winding: see
    _collection)."""
    verts, codes = [], []
    for poly in getattr(geom, "geoms", (geom,)):
        if poly.is_empty or poly.geom_type != "Polygon":
            continue
        for ring in (poly.exterior, *poly.interiors):
            xy = np.asarray(ring.coords)[:, :2]
            verts.append(xy)
            c = np.full(len(xy), Path.LINETO, dtype=np.uint8)
            c[0], c[-1] = Path.MOVETO, Path.CLOSEPOLY
            codes.append(c)
    if not verts:
        return Path(np.zeros((1, 2)))
    return Path(np.concatenate(verts), np.concatenate(codes))


def _collection(geoms, facecolors, edgecolor=BORDER, linewidth=0.5, **kw) -> PathCollection:
    """The polygons as one collection; exterior rings counter-clockwise and holes clockwise (shapely's
    orient_polygons), so matplotlib's non-zero fill leaves holes empty."""
    oriented = shapely.orient_polygons(np.asarray(geoms, dtype=object))
    return PathCollection([_path(g) for g in oriented], facecolors=facecolors, edgecolors=edgecolor,
                          linewidths=linewidth, **kw)


def _fit(ax, bounds, pad: float = 0.03, aspect: float = 1.0, centre: bool = True) -> float:
    """Shrink the axes to the shape of `bounds` (x stretched by `aspect`: 1 for metres both ways), centred in the
    room it had (else at its top left), so the scale bar and the north arrow stand by the map; returns data units
    per inch along y."""
    minx, miny, maxx, maxy = bounds
    w, h = max(maxx - minx, 1e-6) * (1 + 2 * pad), max(maxy - miny, 1e-6) * (1 + 2 * pad)
    box = ax.get_position()
    fw, fh = ax.figure.get_size_inches()
    scale = max(w / aspect / (box.width * fw), h / (box.height * fh))  # y units per inch
    width, height = w / aspect / scale / fw, h / scale / fh
    x0 = box.x0 + (box.width - width) / 2 if centre else box.x0
    y0 = box.y0 + (box.height - height) / 2 if centre else box.y1 - height
    ax.set_position([x0, y0, width, height])
    cx, cy = (minx + maxx) / 2, (miny + maxy) / 2
    ax.set_xlim(cx - w / 2, cx + w / 2)
    ax.set_ylim(cy - h / 2, cy + h / 2)
    ax.set_aspect(aspect, adjustable="box")  # already the box's shape; said, for the scale bar
    return scale


def utm(units: gpd.GeoDataFrame) -> str:
    """The UTM zone of the units' centre as a CRS (what GeoDataFrame.estimate_utm_crs finds, without its search of
    the pyproj database: a quarter of a second per map)."""
    minx, miny, maxx, maxy = units.to_crs(4326).total_bounds
    zone = int((((minx + maxx) / 2 + 180) // 6) % 60) + 1
    return f"EPSG:{(32700 if (miny + maxy) / 2 < 0 else 32600) + zone}"


def _ink(fill: str) -> str:
    """Black on a light fill, white on a dark one (a halo drawn with path effects costs 10 ms a name)."""
    r, g, b = to_rgb(fill)
    return "white" if 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.4 else INK


def _labels(ax, geoms: np.ndarray, names: Sequence[str], fills: Sequence[str], scale: float) -> int:
    """Each name at a point inside its unit, largest units first, when its box lies mostly inside the unit and
    clear of the names already placed; returns how many were placed."""
    order = np.argsort(-shapely.area(geoms))
    points = shapely.point_on_surface(geoms)
    placed: list = []
    line_h = LABEL_PT * 1.25 / 72 * scale
    for i in order:
        name = str(names[i])
        for points_size in (LABEL_PT, LABEL_PT - 1.5):
            w = len(name) * points_size * 0.56 / 72 * scale
            h = line_h * points_size / LABEL_PT
            x, y = shapely.get_x(points[i]), shapely.get_y(points[i])
            box = shapely.box(x - w / 2, y - h / 2, x + w / 2, y + h / 2)
            inside = shapely.area(shapely.intersection(box, geoms[i])) / max(shapely.area(box), 1e-9)
            if inside >= 0.8 and not any(box.intersects(p) for p in placed):
                placed.append(box)
                text(ax, x, y, name, fontsize=points_size, color=_ink(fills[i]), ha="center", va="center", clip_on=True)
                break
    return len(placed)


def _north(ax, letter: str) -> None:
    ax.annotate(letter, xy=(0.965, 0.97), xytext=(0.965, 0.86), xycoords="axes fraction", textcoords="axes fraction",
                ha="center", va="center", fontsize=13, fontweight="bold", fontfamily=FONT, color=INK, parse_math=False,
                arrowprops={"facecolor": INK, "edgecolor": INK, "width": 3.5, "headwidth": 11, "headlength": 10})


def _legend(fig, words: Words, legend: Sequence[LegendEntry], x: float, top: float) -> float:
    """The legend title and one swatch per entry, "label (count)", from `top` down; returns where it ends."""
    w_in, h_in = fig.get_size_inches()
    y = top
    for line in wrap(words.legend_title, PANEL_IN - 0.1, 11.5):
        text(fig, x, y, line, fontsize=11.5, fontweight="bold", color=INK, va="top")
        y -= 11.5 * 1.3 / 72 / h_in
    y -= 0.06 / h_in
    sw, sh = 0.32 / w_in, 0.2 / h_in
    line_h = 11 * 1.25 / 72 / h_in
    for entry in legend:
        fig.add_artist(Rectangle((x, y - sh), sw, sh, transform=fig.transFigure, facecolor=entry.color,
                                 edgecolor=BORDER, linewidth=0.6))
        label = entry.label if entry.count is None else f"{entry.label} ({entry.count})"
        # a long label (the hidden class names both its reasons) wraps within the panel beside its swatch
        lines = wrap(label, LABEL_IN, 11) or [""]
        for i, line in enumerate(lines):
            text(fig, x + sw + 0.1 / w_in, y - sh / 2 - i * line_h, line, fontsize=11, color=INK, va="center")
        y -= 0.3 / h_in + (len(lines) - 1) * line_h
    return y


def _inset(fig, rect, units: gpd.GeoDataFrame, context: gpd.GeoDataFrame) -> None:
    """The area (red) among the units around it (grey), in longitude and latitude with the aspect of its latitude."""
    ax = fig.add_axes(rect)
    context = context.to_crs(4326) if context.crs is not None else context
    area = units.to_crs(4326).geometry.to_numpy()
    ax.add_collection(_collection(context.geometry.to_numpy(), CONTEXT, edgecolor="white", linewidth=0.3))
    ax.add_collection(_collection(area, FOCUS, edgecolor=FOCUS, linewidth=0.2))
    minx, miny, maxx, maxy = context.total_bounds
    _fit(ax, context.total_bounds, aspect=1 / np.cos(np.radians((miny + maxy) / 2)), centre=False)
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_edgecolor("#bbbbbb")


def render_map(units: gpd.GeoDataFrame, classes: Sequence[int], legend: Sequence[LegendEntry], words: Words, *,
               context: gpd.GeoDataFrame | None = None, labels: bool | None = None, size: str = "slide",
               fmt: str = "png") -> bytes:
    """The map of `units` (columns nama, geometry, with a CRS) as PNG or SVG bytes. `classes[i]` is the legend entry
    whose colour fills unit i (the screen's class, its hidden or no-data class); `context` (e.g. the kab/kota of the
    province) is drawn in the inset with the units' area marked; `labels` names the units where the names fit (None:
    when there are at most LABEL_MAX units); `size` a key of figures.SIZES."""
    if units.crs is None:
        raise ValueError("units have no CRS")
    classes = np.asarray(classes, dtype=int)
    if len(classes) != len(units) or (len(classes) and (classes.min() < 0 or classes.max() >= len(legend))):
        raise ValueError("classes must give one legend entry (0 to len(legend) - 1) per unit")
    fig = new_figure(size, fmt)
    w_in, h_in = fig.get_size_inches()
    top = header(fig, words)
    bottom = footer(fig, words)
    panel_x = 1 - (MARGIN_IN + PANEL_IN) / w_in
    ax = fig.add_axes([MARGIN_IN / w_in, bottom, panel_x - 0.25 / w_in - MARGIN_IN / w_in, top - bottom])
    ax.set_axis_off()
    projected = units.to_crs(utm(units)) if len(units) else units
    geoms = projected.geometry.to_numpy()
    colors = [legend[c].color for c in classes]
    ax.add_collection(_collection(geoms, colors))
    scale = _fit(ax, projected.total_bounds) if len(units) else 1.0
    if labels if labels is not None else len(units) <= LABEL_MAX:
        _labels(ax, geoms, units["nama"].to_numpy(), colors, scale)
    if len(units):
        ax.add_artist(ScaleBar(1, "m", location="lower left", box_alpha=0.75, length_fraction=0.22, border_pad=0.6,
                               font_properties={"family": FONT, "size": 10}, color=INK))
        _north(ax, words.north)
    end = _legend(fig, words, legend, panel_x, top - 0.05 / h_in)
    if context is not None and len(context) and len(units):
        height = min(end - bottom - 0.3 / h_in, 2.3 / h_in)
        if height > 0.8 / h_in:
            _inset(fig, [panel_x, end - 0.2 / h_in - height, (PANEL_IN - 0.2) / w_in, height], units, context)
    return to_bytes(fig, fmt)
