"""The static trend files' coverage-break labels (figures/charts.py _breaks), as the screen's (ui/charts.py _vlines):
each break labelled where its label stays inside the plot, crosses no other break's dashed line and covers no other
label, at the slide and the print size. Before, only the first break was labelled, right of its line whatever
followed: a break a round before the next wrote its label across that line, and a break by the last round ran its
label out of the plot, and a label could cover a low value printed at its point."""

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

from figures.charts import trend_figure
from figures.spec import Line, Words

LABEL = "cakupan berubah"
WORDS = Words(title="ATS per 100 anak 7-18 tahun", view_line="Sulawesi Selatan · putaran 2019–2026",
              source_line="Sumber: sensus SIPBM putaran 2019–2026 · data demo (sintetis)")
EIGHT = list(range(2019, 2027))
CASES = {  # rounds, rates, breaks (half way between two rounds)
    "province, breaks a round apart": (EIGHT, [9.4, 10.6, 10.5, 8.5, 7.3, 5.6, 5.6, 5.4], [2019.5, 2022.5, 2023.5]),
    "the first break a round before the next": (EIGHT, [9.4, 10.6, 10.5, 8.5, 7.3, 5.6, 5.6, 5.4], [2022.5, 2023.5]),
    "a kab/kota, a break by the last round": (EIGHT, [8.1, 8.8, 10.1, 8.3, 7.3, 6.8, 6.7, 6.6], [2025.5]),
    "a kab/kota of five rounds, two breaks": ([2022, 2023, 2024, 2025, 2026], [3.9, 3.2, 3.0, 2.8, 2.5], [2024.5, 2025.5]),
    "values near 0 by the break": ([2019, 2020, 2021, 2022], [0.0, 0.0, 8.0, 9.0], [2019.5]),
}


@pytest.mark.parametrize("size", ["slide", "print"])
@pytest.mark.parametrize("case", list(CASES))
def test_break_labels_fit_the_plot_and_collide_with_nothing(case, size):
    rounds, rates, breaks = CASES[case]
    lines = [Line("ATS per 100 anak", np.array(rates, float), "#0072B2", texts=[f"{v:.1f}" for v in rates])]
    fig = trend_figure([float(r) for r in rounds], lines, WORDS, breaks=breaks, break_label=LABEL, size=size)
    ax = fig.axes[0]
    canvas = fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)
    renderer = canvas.get_renderer()
    plot = ax.get_window_extent(renderer)
    labels = [t.get_window_extent(renderer) for t in ax.texts if t.get_text().strip() == LABEL]
    values = [t.get_window_extent(renderer) for t in ax.texts if t.get_text() and t.get_text().strip() != LABEL]
    assert len(labels) == len(breaks), case  # every break labelled, as on the screen
    at = [ax.transData.transform((b, 0))[0] for b in breaks]
    for i, box in enumerate(labels):
        assert plot.x0 <= box.x0 and box.x1 <= plot.x1 and plot.y0 <= box.y0 and box.y1 <= plot.y1, (case, i)
        crossed = [x for x in at if box.x0 < x < box.x1]
        assert not crossed, (case, i, "writes across a break's line")
        assert not any(box.overlaps(other) for other in labels[:i]), (case, i, "covers another label")
        assert not any(box.overlaps(value) for value in values), (case, i, "covers a value")
