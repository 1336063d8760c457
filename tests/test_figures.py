"""figures/: maps and charts drawn on the server. Real boundaries of ../shared/geo (Kota Palopo's 48 kelurahan and
the kab/kota of Sulawesi Selatan for the inset), real PNG and SVG bytes read back with Pillow and as text."""

import html
import io
import re

import numpy as np
import pytest
from PIL import Image

import figures
from figures import LegendEntry, Words
from figures import staticmap
from figures.common import wrap
from figures.staticmap import render_map
from data.config import ROOT
from tests.conftest import SHARED, shared_palopo

pytestmark = pytest.mark.skipif(not (SHARED / "geo").is_dir(), reason="../shared/geo is not beside the checkout")

ARTIFACTS = ROOT / "tests" / "artifacts"
HIDDEN, NO_DATA = "#9e9ac8", "#d9d9d9"  # ui/maps.py's colours of the hidden and no-data classes
WORDS = Words(title="ATS per 100 anak 7-18", view_line="Sulawesi Selatan › Kota Palopo · putaran 2026 · perempuan",
              source_line="Sumber: sensus SIPBM putaran 2026, data per 5 Desember 2026 · data demo (sintetis)",
              legend_title="ATS per 100 anak perempuan 7-18", north="U")


@pytest.fixture(scope="module")
def palopo():
    return shared_palopo("kelurahan_73.geojson")


@pytest.fixture(scope="module")
def province():
    import geopandas as gpd

    kab = gpd.read_file(SHARED / "geo" / "kabkota.geojson")
    return kab[kab["kode"].str.startswith("73.")].reset_index(drop=True)


def legend_of(classes) -> list[LegendEntry]:
    colors = ("#ffffb2", "#fd8d3c", "#bd0026")
    entries = [LegendEntry(f"kelas {i}", c, int((classes == i).sum())) for i, c in enumerate(colors)]
    return entries + [LegendEntry("Disembunyikan (< 5, atau melindungi angka < 5)", HIDDEN, int((classes == 3).sum())),
                      LegendEntry("Tidak ada data", NO_DATA, int((classes == 4).sum()))]


def pixels(png: bytes, color: str) -> int:
    rgb = np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).reshape(-1, 3)
    want = np.array([int(color[i:i + 2], 16) for i in (1, 3, 5)])
    return int((np.abs(rgb.astype(int) - want).sum(axis=1) <= 3).sum())


@pytest.mark.parametrize("size", list(figures.SIZES))
def test_map_png_has_the_size_and_dpi_of_its_use(palopo, province, size):
    classes = np.arange(len(palopo)) % 5
    png = render_map(palopo, classes, legend_of(classes), WORDS, context=province, size=size, fmt="png")
    image = Image.open(io.BytesIO(png))
    width, height, dpi = figures.SIZES[size]
    assert image.format == "PNG" and image.size == (width, height)
    assert [round(d) for d in image.info["dpi"]] == [dpi, dpi]
    if size == "slide":  # to look at
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        (ARTIFACTS / "figure_map_palopo.png").write_bytes(png)


def test_map_svg_carries_its_words_as_text(palopo, province):
    classes = np.arange(len(palopo)) % 5
    svg = render_map(palopo, classes, legend_of(classes), WORDS, context=province, fmt="svg").decode()
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    for words in (WORDS.title, WORDS.view_line, WORDS.source_line, WORDS.legend_title):
        assert html.escape(words, quote=False) in svg, words
    for entry in legend_of(classes):  # each label as its lines (a long one wraps beside its swatch)
        lines = wrap(f"{entry.label} ({entry.count})", staticmap.LABEL_IN, 11)
        assert all(html.escape(line) in svg for line in lines), lines
    placed = [name for name in palopo["nama"] if f">{name}<" in svg]
    assert len(placed) >= 20, placed  # names where they fit: most of Palopo's 48 kelurahan
    assert ">U<" in svg and "km<" in svg  # the north arrow's letter and the scale bar


def test_names_only_when_asked_or_few(palopo):
    classes = np.zeros(len(palopo), dtype=int)
    svg = render_map(palopo, classes, legend_of(classes), WORDS, labels=False, fmt="svg").decode()
    assert not [name for name in palopo["nama"] if f">{name}<" in svg]


def test_a_hidden_unit_is_drawn_in_the_hidden_colour(palopo):
    largest = int(np.argmax(palopo.to_crs(32750).area))
    classes = np.full(len(palopo), 4)  # no data everywhere
    without = render_map(palopo, classes, legend_of(classes), WORDS, labels=False)
    classes[largest] = 3
    legend = legend_of(classes)
    with_hidden = render_map(palopo, classes, legend, WORDS, labels=False)
    swatch = pixels(without, HIDDEN)  # the legend's swatch of the hidden class (drawn, with count 0)
    assert pixels(with_hidden, HIDDEN) > swatch + 5000  # the unit itself: thousands of pixels at 1920x1080
    assert pixels(with_hidden, NO_DATA) < pixels(without, NO_DATA)


def test_text_is_drawn_as_given(palopo):
    """A dollar sign is text, not a TeX formula (matplotlib's mathtext would fail on an odd number of them)."""
    words = Words(title="Biaya $5 per anak", view_line="a_b $x", source_line="Sumber: $")
    svg = render_map(palopo, np.zeros(len(palopo), dtype=int), legend_of(np.zeros(1)), words, fmt="svg").decode()
    assert "Biaya $5 per anak" in svg and "Sumber: $" in svg


def test_bad_arguments_are_refused(palopo):
    classes = np.zeros(len(palopo), dtype=int)
    with pytest.raises(ValueError, match="unknown size"):
        render_map(palopo, classes, legend_of(classes), WORDS, size="poster")
    with pytest.raises(ValueError, match="unknown format"):
        render_map(palopo, classes, legend_of(classes), WORDS, fmt="jpg")
    with pytest.raises(ValueError, match="one legend entry"):
        render_map(palopo, classes + 9, legend_of(classes), WORDS)


def test_charts_have_their_size_words_and_values():
    from figures.charts import Bar, Line, render_bars, render_trend

    words = Words(title="ATS per 100 anak perempuan 7-18, per putaran", view_line="Kota Palopo · putaran 2024–2026",
                  source_line="Sumber: sensus SIPBM putaran 2024–2026 · data demo (sintetis)")
    lines = [Line("ATS per 100 anak", [3.3, np.nan, 3.0], "#0072B2", texts=["3,3", "", "3,0"]),
             Line("Target semua anak 7-18 (ilustratif)", [3.5, 3.0], "#000000", x=[2024, 2026], dashed=True)]
    png = render_trend([2024, 2025, 2026], lines, words, breaks=[2024.5], break_label="cakupan berubah",
                       separators=",.", decimals=1)
    assert Image.open(io.BytesIO(png)).size == (1920, 1080)
    svg = render_trend([2024, 2025, 2026], lines, words, separators=",.", decimals=1, fmt="svg").decode()
    for said in (words.title, words.view_line, words.source_line, "3,3", "3,0", "2025", "ATS per 100 anak", "Target"):
        assert said in svg, said
    assert re.search(r">[0-3],[0-9]<", svg)  # axis numbers with the decimal comma of Bahasa Indonesia
    bars = [Bar("Anak", [4575, 4189, 1045], "#0072B2", texts=["4.575", "4.189 (91,6%)", "1.045 (39,9%)"])]
    png = render_bars(["Ditemukan (sensus)", "Diverifikasi", "Kembali bersekolah"], bars, words, size="print")
    assert Image.open(io.BytesIO(png)).size == (3508, 2480)
    svg = render_bars(["Ditemukan (sensus)", "Diverifikasi", "Kembali bersekolah"], bars, words, separators=",.",
                      fmt="svg").decode()
    for said in ("Ditemukan (sensus)", "4.189 (91,6%)", "1.045 (39,9%)"):
        assert said in svg, said
    assert re.search(r">\d\.\d{3}<", svg)  # axis counts with the thousands dot of Bahasa Indonesia


def test_heatmap_has_its_words_and_cell_values():
    from figures.charts import render_heatmap

    values = [[93.0, np.nan], [318.0, 412.0]]
    texts = [["93", ""], ["318", "412"]]
    words = Words(title="ATS terkonfirmasi menurut alasan dan kategori", source_line="Sumber: catatan penanganan")
    svg = render_heatmap(["Bekerja", "Tidak ada biaya"], ["DO", "LTM"], values, texts,
                         ("#ffffb2", "#fd8d3c", "#bd0026"), words, fmt="svg").decode()
    for said in (words.title, "Bekerja", "Tidak ada biaya", ">DO<", ">LTM<", ">93<", ">318<", ">412<"):
        assert said in svg, said
    png = render_heatmap(["Bekerja", "Tidak ada biaya"], ["DO", "LTM"], values, texts, ("#ffffb2", "#bd0026"), words)
    assert Image.open(io.BytesIO(png)).size == (1920, 1080)


def test_a_units_heat_map_marks_a_coverage_break_and_a_reference_series():
    from figures.charts import Line, render_heatmap, render_trend

    words = Words(title="ATS per 100 anak 7-18", view_line="Kabupaten Takalar · putaran 2019–2026")
    values = np.array([[5.0, np.nan, 4.0], [6.0, 5.5, np.nan]])
    texts = [["5,0", "", "4,0"], ["6,0", "5,5", ""]]
    svg = render_heatmap(["Kecamatan 0", "Kecamatan 1"], ["2019", "2020", "2021"], values, texts, ("#ffffb2", "#bd0026"),
                         words, fmt="svg", lo=0.0, breaks=[(0, 0.5)], slanted=False).decode()
    assert "Kecamatan 0" in svg and ">2019<" in svg and ">2021<" in svg and "5,5" in svg
    assert "stroke-dasharray" in svg  # the break, dashed across its row
    lines = [Line("16-18 tahun", [22.6, 19.0], "#009E73", x=[2019, 2024]),
             Line("Susenas (BPS) 2024 · 16-18 tahun", [19.4], "#009E73", x=[2024], marker="D", joined=False)]
    svg = render_trend([2019, 2024], lines, words, fmt="svg").decode()
    assert "Susenas (BPS) 2024" in svg and "16-18 tahun" in svg


def test_panels_put_a_rate_over_its_counts_with_one_legend():
    """Census coverage and returns per round: the rate above (its own scale), the counts below (stacked, the stack's
    text at its top), breaks across both, each series named once in the legend."""
    from figures.charts import Bar, Line, render_panels

    words = Words(title="Anak yang kembali bersekolah, menurut putaran ditemukan",
                  view_line="Kabupaten Takalar · putaran 2024–2026 · perempuan",
                  source_line="Sumber: catatan penanganan · data demo (sintetis)")
    upper = [Line("Kembali per 100 terkonfirmasi", [27.4, 26.1, np.nan], "#000000", texts=["27,4", "26,1", ""])]
    lower = [Bar("Kembali formal", [667, 735, 0], "#0072B2"),
             Bar("Kembali nonformal", [615, 618, 5], "#E69F00", texts=["1.282", "1.353", "5"])]
    svg = render_panels([2024, 2025, 2026], upper, lower, words, upper_label="Kembali per 100 terkonfirmasi",
                        lower_label="jumlah anak", upper_top=100, breaks=[2024.5], separators=",.", fmt="svg").decode()
    for said in (words.title, words.view_line, words.source_line, "27,4", "26,1", ">1.282<", ">5<", "Kembali formal",
                 "Kembali nonformal", "jumlah anak", ">2026<"):
        assert said in svg, said
    assert svg.count("Kembali per 100") == 2  # the panel's label and the legend (wrapped there)
    assert ">1.353<" in svg and ">735<" not in svg  # the stack's total, not its parts
    png = render_panels([2024, 2025, 2026], upper, lower, words, size="print")
    image = Image.open(io.BytesIO(png))
    assert image.size == (3508, 2480) and pixels(png, "#E69F00") > 1000 and pixels(png, "#0072B2") > 1000


def test_bars_coloured_one_by_one_with_references_and_their_key():
    """A ranking: each bar in its status colour, the chosen one outlined, the province's value and the target drawn
    across with their labels, the colours explained in the legend, a decimal axis."""
    from figures.charts import Bar, Ref, render_bars

    words = Words(title="IV.2 · Angka partisipasi sekolah", view_line="Sulawesi Selatan · 2025")
    bar = Bar("persen", [96.7, 93.2, np.nan], "#bdbdbd", texts=["96,7%", "93,2%", "–"],
              colors=["#1a9850", "#fdae61", "#bdbdbd"], outlined=[False, True, False])
    refs = [Ref(94.5, "Provinsi 94,5%", "#333333"), Ref(95.0, "Target 95,0%", "#1a9850", dashed=True)]
    keys = [LegendEntry("Tercapai", "#1a9850"), LegendEntry("Mendekati", "#fdae61"), LegendEntry("Belum ada nilai", "#bdbdbd")]
    names = ["Kota Palopo", "Kabupaten Takalar", "Kabupaten Bone"]
    svg = render_bars(names, [bar], words, refs=refs, keys=keys, separators=",.", decimals=1, fmt="svg").decode()
    for said in (*names, "96,7%", "93,2%", "Provinsi 94,5%", "Target 95,0%", "Tercapai", "Mendekati", "Belum ada nilai"):
        assert said in svg, said
    assert re.search(r">\d+,0<", svg)  # axis numbers with one decimal, comma
    png = render_bars(names, [bar], words, refs=refs, keys=keys)
    assert pixels(png, "#1a9850") > 5000 and pixels(png, "#fdae61") > 5000  # the bars, not only the key's swatches
    plain = render_bars(names, [Bar("persen", [96.7, 93.2, 0], "#bdbdbd", colors=["#1a9850", "#fdae61", "#bdbdbd"])],
                        words)
    assert pixels(png, "#222222") > pixels(plain, "#222222") + 500  # the chosen bar's outline


def test_a_trend_on_a_scale_in_words():
    """The KLA tier per year: the tiers as the y axis, published points filled and demo points open, the line that
    joins them unnamed (not in the legend)."""
    from figures.charts import Line, render_trend

    words = Words(title="Predikat KLA per tahun", view_line="Kota Palopo · 2019–2025")
    tiers = ["Belum berpredikat", "Pratama", "Madya", "Nindya", "Utama", "KLA"]
    lines = [Line("", [1, 1, 2], "#4575b4", x=[2019, 2021, 2025], dashed=True, marker=""),
             Line("hasil resmi", [1, 1], "#4575b4", x=[2019, 2021], joined=False, hollow=False),
             Line("data demo (sintetis)", [2], "#4575b4", x=[2025], joined=False, hollow=True, texts=["612,5"])]
    svg = render_trend([2019, 2021, 2025], lines, words, y_ticks=tiers, fmt="svg").decode()
    for said in (*tiers, "hasil resmi", "data demo (sintetis)", "612,5", ">2019<", ">2025<"):
        assert said in svg, said
    assert "_child" not in svg


def test_a_long_legend_label_wraps_inside_the_figure(palopo):
    """The hidden class names both its reasons ("Disembunyikan (< 5, atau melindungi angka < 5)"): the label wraps
    beside its swatch instead of running past the right edge of the image (it was cut at "melindungi ang")."""
    from figures import LegendEntry

    long = "Disembunyikan (< 5, atau melindungi angka < 5)"
    legend = [LegendEntry("5 – 13", "#ffffb2", 40), LegendEntry(long, HIDDEN, 8)]
    classes = np.arange(len(palopo)) % 2
    svg = render_map(palopo, classes, legend, WORDS, labels=False, fmt="svg").decode()
    assert html.escape(f"{long} (8)") not in svg  # not one line
    assert html.escape("Disembunyikan (< 5, atau") in svg and html.escape("melindungi angka < 5) (8)") in svg
