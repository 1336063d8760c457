"""The meeting pack as a PowerPoint deck (python-pptx): one 16:9 slide per pack.content.Slide, charts as NATIVE
charts whose data a planner can edit and restyle in PowerPoint (the numbers sit in the chart's embedded workbook),
maps as images, the KLA scorecard as a native table, the sources in each slide's speaker notes.

Named deck.py, not pptx.py, so that `import pptx` here is python-pptx and nothing else."""

import io
import math

from lxml import etree
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION, XL_LABEL_POSITION
from pptx.enum.text import PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

from pack.content import Chart, Pack, Slide, Table

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.5)
INK, GREY, ACCENT = RGBColor(0x22, 0x22, 0x22), RGBColor(0x55, 0x55, 0x55), RGBColor(0x00, 0x72, 0xB2)
SERIES = ("0072B2", "E69F00", "009E73", "D55E00", "CC79A7")  # Okabe-Ito, as ui.charts
STATUS_FILL = {"hijau": "D9F0D3", "kuning": "FEE8C8", "merah": "FCD5CF"}  # as ui.kla.STATUS_BACKGROUND
KINDS = {
    "column": XL_CHART_TYPE.COLUMN_CLUSTERED,
    "bar": XL_CHART_TYPE.BAR_CLUSTERED,
    "line": XL_CHART_TYPE.LINE_MARKERS,
    "stacked_bar": XL_CHART_TYPE.BAR_STACKED,
}


def write(pack: Pack) -> bytes:
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    prs.core_properties.title = pack.slides[0].title
    prs.core_properties.subject = pack.slides[0].view_line
    prs.core_properties.language = "id-ID" if pack.lang == "id" else "en-GB"
    blank = prs.slide_layouts[6]
    for number, content in enumerate(pack.slides, start=1):
        slide = prs.slides.add_slide(blank)
        if content.key == "title":
            _title_slide(slide, content)
        else:
            _slide(slide, content)
        _footer(slide, pack, number)
        slide.notes_slide.notes_text_frame.text = content.notes
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def _text(slide, left, top, width, height, paragraphs, size=18, color=INK, bold=False, align=None, name=None):
    box = slide.shapes.add_textbox(left, top, width, height)
    if name:  # the parts a reader of the file (the exactness test) finds by name
        box.name = name
    frame = box.text_frame
    frame.word_wrap = True
    for i, line in enumerate(paragraphs):
        p = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        p.text = line
        p.font.size, p.font.bold, p.font.color.rgb = Pt(size), bold, color
        p.space_after = Pt(size * 0.4)
        if align is not None:
            p.alignment = align
    return box


def _title_slide(slide, content: Slide) -> None:
    _text(slide, MARGIN, Inches(2.2), WIDTH - 2 * MARGIN, Inches(1.4), [content.title], size=40, bold=True,
          name="title")
    _text(slide, MARGIN, Inches(3.7), WIDTH - 2 * MARGIN, Inches(2.5), list(content.sentences), size=22, color=GREY,
          name="sentences")


def _slide(slide, content: Slide) -> None:
    # a long title a size smaller, so that it stays on one line over the view line in the wider fonts too
    title_size = 30 if len(content.title) <= 44 else 26
    _text(slide, MARGIN, Inches(0.3), WIDTH - 2 * MARGIN, Inches(0.7), [content.title], size=title_size, bold=True,
          name="title")
    _text(slide, MARGIN, Inches(0.95), WIDTH - 2 * MARGIN, Inches(0.4), [content.view_line], size=14, color=GREY,
          name="view")
    lines = len(content.sentences) + len(content.bullets)
    body_top = Inches(1.45)
    sentence_height = Inches(_text_height(content.sentences, WIDTH - 2 * MARGIN, 18))
    if content.bullets:  # the closing slide: definitions, then the sources
        _text(slide, MARGIN, body_top, WIDTH - 2 * MARGIN, Inches(3.4), [f"• {b}" for b in content.bullets], size=17,
              name="definitions")
        _text(slide, MARGIN, Inches(4.9), WIDTH - 2 * MARGIN, Inches(2.0), list(content.sentences), size=15, color=GREY,
              name="sentences")
        return
    if lines:
        _text(slide, MARGIN, body_top, WIDTH - 2 * MARGIN, sentence_height, list(content.sentences), size=18,
              name="sentences")
    top = body_top + sentence_height + Inches(0.1)
    bottom = HEIGHT - Inches(0.5)
    left, width = MARGIN, WIDTH - 2 * MARGIN
    if content.numbers:  # big figures on the left, the chart on the right
        _numbers(slide, content.numbers, left, top, Inches(5.2), bottom - top)
        left, width = left + Inches(5.5), width - Inches(5.5)
    parts = [("chart", c) for c in content.charts] + [("image", i) for i in content.images] + \
            [("table", t) for t in content.tables]
    if not parts:
        return
    gap = Inches(0.3)
    each = int((width - gap * (len(parts) - 1)) / len(parts))
    for i, (kind, part) in enumerate(parts):
        x = left + i * (each + gap)
        if kind == "chart":
            _chart(slide, part, x, top, each, bottom - top)
        elif kind == "image":
            _image(slide, part, x, top, each, bottom - top)
        else:
            _table(slide, part, x, top, each, bottom - top)


def _text_height(paragraphs, width, size: float) -> float:
    """Inches that `paragraphs` take at `size` points in a box `width` wide, each wrapped (a character about 0.55 em
    wide: DejaVu Sans, the widest of the fonts a deck is shown with; Calibri is narrower), with the space after each;
    at least one line. Counted per wrapped line: two long sentences of the handling slide ran into its charts."""
    chars = max(int(width / 914400 * 72 / (size * 0.55)), 10)  # EMU per inch
    lines = sum(max(-(-len(p) // chars), 1) for p in paragraphs) or 1
    return lines * size * 1.2 / 72 + len(paragraphs) * size * 0.4 / 72 + 0.15


def _numbers(slide, numbers, left, top, width, height) -> None:
    row = int(height / len(numbers))
    for i, (label, value) in enumerate(numbers):
        y = top + i * row
        _text(slide, left, y, width, Inches(0.75), [value], size=36, bold=True, color=ACCENT)
        _text(slide, left, y + Inches(0.62), width, Inches(0.4), [label], size=14, color=GREY)


def value_top(chart: Chart) -> float:
    """The top of a column or line chart's value axis: a round number a fifth above the highest value, so that the
    labels over the points and bars stay inside the plot, under the chart's title (PowerPoint's automatic maximum
    put the first point's label of a flat trend under the title)."""
    values = [v for _, series in chart.series for v in series if v is not None]
    high = max(values, default=0) * 1.2
    if high <= 0:
        return 1.0
    step = 10 ** math.floor(math.log10(high)) / 5
    top = round(math.ceil(high / step) * step, 10)
    # a rate that cannot pass its ceiling gets no axis beyond it (census coverage ran to 120 per 100)
    return top if chart.ceiling is None else min(top, chart.ceiling)


def label_inside(chart: Chart, value) -> bool:
    """Whether a column's value label goes inside its end: when the axis stops at the chart's ceiling with no room
    above the column for the label (it would run into the chart's title)."""
    return chart.ceiling is not None and value is not None and value * 1.2 > value_top(chart)


def _format(chart: Chart) -> str:
    return "#,##0" + ("." + "0" * chart.decimals if chart.decimals else "")


def _chart(slide, chart: Chart, left, top, width, height) -> None:
    data = CategoryChartData(number_format=_format(chart))
    data.categories = list(chart.categories)
    for name, values in chart.series:
        data.add_series(name, list(values), number_format=_format(chart))
    frame = slide.shapes.add_chart(KINDS[chart.kind], left, top, width, height, data)
    c = frame.chart
    c.has_title = True
    c.chart_title.text_frame.text = chart.title
    c.chart_title.text_frame.paragraphs[0].font.size = Pt(16)
    c.chart_title.text_frame.paragraphs[0].font.bold = True
    c.font.size = Pt(13)
    c.has_legend = len(chart.series) > 1
    if c.has_legend:
        c.legend.position = XL_LEGEND_POSITION.BOTTOM
        c.legend.include_in_layout = False
    plot = c.plots[0]
    plot.has_data_labels = True
    labels = plot.data_labels
    labels.number_format, labels.number_format_is_linked = _format(chart), False
    labels.font.size = Pt(12)
    if chart.kind in ("bar", "column"):
        labels.position = XL_LABEL_POSITION.OUTSIDE_END
        plot.gap_width = 60
    elif chart.kind == "line":
        labels.position = XL_LABEL_POSITION.ABOVE
    if chart.kind in ("bar", "stacked_bar"):  # the first category on top, as it is ranked
        c.category_axis.reverse_order = True
        # the value axis under the bars: it crosses the reversed category axis at its last category (the valAx's own
        # c:crosses, which python-pptx does not expose), not on top where it ran into the chart's title
        c.value_axis._element.find(qn("c:crosses")).set("val", "max")
        _every_label(c.category_axis)
        if len(chart.categories) > 6:  # ten desa in the height of a half slide: a size that leaves none unnamed
            c.category_axis.tick_labels.font.size = Pt(11)
    if chart.kind == "stacked_bar":
        plot.gap_width, plot.overlap = 60, 100
    value_axis = c.value_axis
    value_axis.has_major_gridlines = True
    value_axis.major_gridlines.format.line.color.rgb = RGBColor(0xE5, 0xE5, 0xE5)
    value_axis.tick_labels.number_format, value_axis.tick_labels.number_format_is_linked = _format(chart), False
    if chart.kind in ("line", "column"):
        value_axis.minimum_scale, value_axis.maximum_scale = 0, value_top(chart)
    if chart.axis:
        value_axis.has_title = True
        value_axis.axis_title.text_frame.text = chart.axis
        value_axis.axis_title.text_frame.paragraphs[0].font.size = Pt(12)
    for i, series in enumerate(plot.series):
        for j in range(len(chart.categories)):  # a hidden count: no bar, its mark as the label, never "0"
            mark = chart.label(i, j)
            if mark and chart.series[i][1][j] is None:
                series.points[j].data_label.text_frame.text = mark
            if chart.kind == "column" and label_inside(chart, chart.series[i][1][j]):
                label = series.points[j].data_label
                label.position = XL_LABEL_POSITION.INSIDE_END
                label.font.size, label.font.bold, label.font.color.rgb = Pt(12), True, RGBColor(0xFF, 0xFF, 0xFF)
        colour = RGBColor.from_string(SERIES[i % len(SERIES)])
        if chart.kind == "line":
            series.format.line.color.rgb = colour
            series.format.line.width = Pt(3.5)
            series.smooth = False
        else:
            series.format.fill.solid()
            series.format.fill.fore_color.rgb = colour


def _every_label(axis) -> None:
    """Every category named (c:tickLblSkip 1): a viewer's automatic skipping left every other desa unnamed."""
    element = axis._element
    skip = element.find(qn("c:tickLblSkip"))
    if skip is None:
        skip = etree.Element(qn("c:tickLblSkip"))
        later = [element.find(qn(f"c:{name}")) for name in ("tickMarkSkip", "noMultiLvlLbl", "extLst")]
        later = [e for e in later if e is not None]
        if later:  # the schema's order: tickLblSkip before these
            later[0].addprevious(skip)
        else:
            element.append(skip)
    skip.set("val", "1")


def _image(slide, image, left, top, width, height) -> None:
    scale = min(width / image.width, height / image.height)
    w, h = int(image.width * scale), int(image.height * scale)
    slide.shapes.add_picture(io.BytesIO(image.png), left + (width - w) // 2, top, Emu(w), Emu(h))


def _table(slide, table: Table, left, top, width, height) -> None:
    rows, cols = len(table.rows) + 1, len(table.columns)
    row_height = min(Inches(0.42), int(height / rows))
    shape = slide.shapes.add_table(rows, cols, left, top, width, row_height * rows)
    grid = shape.table
    widths = (1.0, 6.4, 1.4, 1.6, 2.0) if cols == 5 else (1,) * cols  # the indicator's name gets the room
    total = sum(widths)
    for j, w in enumerate(widths):
        grid.columns[j].width = int(width * w / total)
    size = Pt(12 if rows <= 11 else 10)
    for j, name in enumerate(table.columns):
        _cell(grid.cell(0, j), name, size, bold=True)
    for i, row in enumerate(table.rows, start=1):
        for j, value in enumerate(row):
            cell = _cell(grid.cell(i, j), value, size, align=PP_ALIGN.RIGHT if j in (2, 3) else None)
            status = table.status[i - 1] if i - 1 < len(table.status) else None
            if j == cols - 1 and status in STATUS_FILL:
                cell.fill.solid()
                cell.fill.fore_color.rgb = RGBColor.from_string(STATUS_FILL[status])
                cell.text_frame.paragraphs[0].font.color.rgb = INK


def _cell(cell, value: str, size, bold=False, align=None):
    cell.text = value
    p = cell.text_frame.paragraphs[0]
    p.font.size, p.font.bold = size, bold
    if align is not None:
        p.alignment = align
    cell.margin_top = cell.margin_bottom = Inches(0.03)
    return cell


def _footer(slide, pack: Pack, number: int) -> None:
    from pack.content import tx

    left = [tx("demo.label")] if pack.is_demo else []
    _text(slide, MARGIN, HEIGHT - Inches(0.45), Inches(8), Inches(0.35),
          [" · ".join([tx("pack.button"), *left, pack.generated])], size=11, color=GREY, name="footer")
    _text(slide, WIDTH - MARGIN - Inches(1.5), HEIGHT - Inches(0.45), Inches(1.5), Inches(0.35),
          [f"{number} / {len(pack.slides)}"], size=11, color=GREY, align=PP_ALIGN.RIGHT)
