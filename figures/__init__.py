"""Figures that stand alone, drawn on the server with matplotlib: a static map (figures.staticmap) and charts
(figures.charts) as PNG or SVG bytes, with their title, view line, legend and source line drawn into the image.

Language-free: the callers (ui/) hand over the data, the classes and colours the screen already uses, and every
word (title, view line, legend labels, source line, north letter). Nothing here reads the store, classifies or
translates. Imports only figures, geo and domain (tests/test_layers.py).

Why matplotlib and not kaleido (Plotly's exporter): offline with no browser at run time (kaleido 1.x drives a
Chromium), full control of the cartographic parts (scale bar, north arrow, inset, labels that fit), and the same
renderer draws the PDF pages of the meeting pack.
"""

from figures.spec import FORMATS, MIME, SIZES, LegendEntry, Words  # no matplotlib: figures.spec

__all__ = ["FORMATS", "MIME", "SIZES", "LegendEntry", "Words"]
