"""The charts of the Tren, Penanganan, Bandingkan and KLA pages as figures that leave the screen (figures/charts.py): each takes
the same query frame as its screen builder in ui/charts.py (ui/kla.py for KLA), with the same colours and the same
words, and only shapes it for drawing; the numbers printed are the query's, formatted in the page's language now (the drawing runs later,
on a thread that does not know the language)."""

from dataclasses import replace

import numpy as np
import pandas as pd

from data import api, protection
from data import kla as kla_data
from figures import LegendEntry
from figures.spec import Bar, Line, Ref
from ui import charts, kla
from ui.figure_files import Figure, slug, stem, text, words
from ui.fmt import RATE_DECIMALS, count_in, number, plotly_separators, signed
from ui.i18n import t
from ui.view import View


def _drawing():
    """figures.charts, imported when a file is drawn, not when a page builds its figures: it imports matplotlib (0.5-1 s
    of a cold server's first page, tests/test_load.py)."""
    from figures import charts as drawing

    return drawing


def _breaks(df: pd.DataFrame) -> list[float]:
    rows = df[df["is_coverage_break"].fillna(False).astype(bool)]
    return [(float(r) + float(p)) / 2 for r, p in zip(rows["survey_round"], rows["prev_survey_round"])]


def _rounds(df: pd.DataFrame) -> list[float]:
    return [float(r) for r in df["survey_round"]]


def trend(df: pd.DataFrame, targets: pd.DataFrame | None, title: str, view: View, source: api.Source) -> Figure:
    """ATS per 100 over the rounds (charts.trend): the rate with its values, the targets dashed, coverage breaks."""
    lines = [Line(text(t("measure.ats_pct")), df["ats_pct"].astype(float).to_numpy(), charts.OKABE_ITO[0],
                  texts=[number(v, 1) if pd.notna(v) else "" for v in df["ats_pct"]])]
    if targets is not None and len(targets):
        lines.append(Line(text(t("tren.target_label")), targets["target_ats_pct"].astype(float).to_numpy(),
                          charts.TARGET, x=[float(y) for y in targets["year"]], dashed=True, marker="_"))
    said, breaks = words(title, view, source), _breaks(df)
    break_label, y_label, sep = text(t("tren.break_label")), text(t("tren.axis_pct")), plotly_separators()
    x = _rounds(df)

    def draw(size: str, fmt: str) -> bytes:
        return _drawing().render_trend(x, lines, said, breaks=breaks, break_label=break_label, y_label=y_label, separators=sep,
                            decimals=1, size=size, fmt=fmt)

    return Figure("tren", stem("tren", view), draw)


def coverage(df: pd.DataFrame, view: View, source: api.Source) -> Figure:
    """Desa/kelurahan enumerated per 100 (above) and households enumerated (below) per round (charts.coverage), the
    values printed at the points and bars, coverage breaks dashed."""
    upper = [Line(text(t("tren.coverage_kel")), df["coverage_pct"].astype(float).to_numpy(), charts.OKABE_ITO[2],
                  texts=[number(p, 1) if pd.notna(p) else "" for p in df["coverage_pct"]])]
    lower = [Bar(text(t("tren.coverage_hh")), df["n_keluarga"].astype(float).to_numpy(), charts.OKABE_ITO[5],
                 texts=[count_in(r, "n_keluarga") for _, r in df.iterrows()])]
    said, sep, breaks, x = words(t("tren.coverage_title"), view, source), plotly_separators(), _breaks(df), _rounds(df)
    labels = text(t("tren.coverage_kel")), text(t("tren.coverage_hh"))

    def draw(size: str, fmt: str) -> bytes:
        return _drawing().render_panels(x, upper, lower, said, upper_label=labels[0], lower_label=labels[1], upper_top=115,
                             breaks=breaks, separators=sep, size=size, fmt=fmt)

    return Figure("tren", stem("tren-cakupan", view), draw)


def by_group(df: pd.DataFrame, by: str, view: View, source: api.Source) -> Figure:
    """One line per group (charts.by_group); a group that is not ATS dotted and grey."""
    lines = []
    for i, (grp, part) in enumerate(df.groupby("grp", sort=False)):
        ats = bool(part["is_ats"].iloc[0]) if "is_ats" in part else True
        lines.append(Line(text(t(f"grp.{grp}")), part["ats_pct"].astype(float).to_numpy(),
                          charts.OKABE_ITO[i % len(charts.OKABE_ITO)] if ats else charts.NEUTRAL,
                          x=_rounds(part), dashed=not ats, marker="osD^vx*"[i % 7]))
    said = words(f"{t('tren.breakdown')}: {t(f'by.{by}')}", view, source)
    x, y_label, sep = sorted(set(_rounds(df))), text(t("tren.axis_pct")), plotly_separators()

    def draw(size: str, fmt: str) -> bytes:
        return _drawing().render_trend(x, lines, said, y_label=y_label, separators=sep, decimals=1, size=size, fmt=fmt)

    return Figure("tren", stem(f"tren-{by}", view), draw)


def compare_trend(df: pd.DataFrame, names: dict, title: str, view: View, source: api.Source) -> Figure:
    """The rate per round of each unit compared (banding.trend_figure): one line each, a round that did not enumerate
    the unit or a withheld rate a gap, each point with its value."""
    lines = []
    for i, (kode, part) in enumerate(df.groupby("kode", sort=False)):
        part = part.sort_values("survey_round")
        y = part["ats_pct"].where(part["is_surveyed"]).astype(float).to_numpy()
        lines.append(Line(text(names.get(kode, kode)), y, charts.OKABE_ITO[i % len(charts.OKABE_ITO)], x=_rounds(part),
                          marker="osD^vx*"[i % 7], texts=[number(v, 1) if pd.notna(v) else "" for v in y]))
    said, y_label, sep = words(title, view, source), text(t("tren.axis_pct")), plotly_separators()
    x = sorted(set(_rounds(df)))

    def draw(size: str, fmt: str) -> bytes:
        return _drawing().render_trend(x, lines, said, y_label=y_label, separators=sep, decimals=1, size=size, fmt=fmt)

    return Figure("banding", stem("banding-tren", view), draw)


def counts_by_category(df: pd.DataFrame, view: View, source: api.Source) -> Figure:
    """DO, LTM and BPB stacked per round (charts.counts_by_category)."""
    bars = [Bar(text(t(f"grp.{code}")), df[column].astype(float).to_numpy(), charts.OKABE_ITO[i])
            for i, (column, code) in enumerate((("n_do", "DO"), ("n_ltm", "LTM"), ("n_bpb", "BPB")))]
    rounds = [str(int(r)) for r in df["survey_round"]]
    said, label, sep = words(t("tren.counts_title"), view, source), text(t("tren.axis_n")), plotly_separators()

    def draw(size: str, fmt: str) -> bytes:
        return _drawing().render_bars(rounds, bars, said, horizontal=False, stacked=True, value_label=label, separators=sep,
                           size=size, fmt=fmt)

    return Figure("tren", stem("tren-kategori", view), draw)


def changes(df: pd.DataFrame, title: str, color: str, key: str, view: View, source: api.Source) -> Figure:
    """The change in percentage points of a few units (charts.changes), as bars of its size, signed in the text."""
    names = [f"{'⚠ ' if b else ''}{text(n)}" for n, b in zip(df["nama"], df["is_coverage_break"].fillna(False))]
    values = df["d_ats_pct"].astype(float).to_numpy()
    bars = [Bar(text(t("col.d_ats_pct")), np.abs(values), color,
                texts=[signed(v, RATE_DECIMALS) for v in values])]
    said, sep = words(title, view, source), plotly_separators()

    def draw(size: str, fmt: str) -> bytes:
        return _drawing().render_bars(names, bars, said, separators=sep, size=size, fmt=fmt)

    return Figure("tren", stem(f"tren-{key}", view), draw)


def funnel(df: pd.DataFrame, view: View, source: api.Source) -> Figure:
    """The handling steps (charts.funnel) as bars, each with its count and its share of the step before."""
    labels = [text(t(f"step.{s}")) for s in df["step"]]
    texts = [n if pd.isna(p) else f"{n} ({number(p, 1)}%)" for n, p in zip(charts.counts(df, "n"), df["pct_prev"])]
    bars = [Bar(text(t("col.n")), charts.bar_lengths(df, "n").to_numpy(), charts.OKABE_ITO[0], texts=texts)]
    said, label, sep = words(t("penanganan.funnel_chart"), view, source), text(t("col.n")), plotly_separators()

    def draw(size: str, fmt: str) -> bytes:
        return _drawing().render_bars(labels, bars, said, value_label=label, separators=sep, size=size, fmt=fmt)

    return Figure("penanganan", stem("penanganan-alur", view), draw)


def returns_by_round(df: pd.DataFrame, view: View, source: api.Source) -> Figure:
    """Returned per 100 confirmed (above) and the children back in school, formal and non-formal stacked (below), per
    round found (charts.returns_by_round)."""
    upper = [Line(text(t("series.return_pct")), df["return_pct"].astype(float).to_numpy(), charts.TARGET,
                  marker="D", texts=[number(v, 1) if pd.notna(v) else "" for v in df["return_pct"]])]
    lower = [Bar(text(t("series.returned_formal")), df["n_returned_formal"].astype(float).to_numpy(), charts.OKABE_ITO[0]),
             Bar(text(t("series.returned_nonformal")), df["n_returned_nonformal"].astype(float).to_numpy(),
                 charts.OKABE_ITO[1], texts=[number(v) for v in df["n_returned"]])]
    said, sep, x = words(t("penanganan.per_round_title"), view, source), plotly_separators(), _rounds(df)
    labels = text(t("series.return_pct")), text(t("tren.axis_n"))

    def draw(size: str, fmt: str) -> bytes:
        return _drawing().render_panels(x, upper, lower, said, upper_label=labels[0], lower_label=labels[1], upper_top=100,
                             separators=sep, size=size, fmt=fmt)

    return Figure("penanganan", stem("penanganan-per-putaran", view), draw)


def outcome_bars(df: pd.DataFrame, title: str, color: str, key: str, view: View, source: api.Source) -> Figure:
    labels = [text(t(f"outcome.{o}")) for o in df["outcome"]]
    bars = [Bar(text(t("col.n")), charts.bar_lengths(df, "n").to_numpy(), color,
                texts=[n if pd.isna(p) else f"{n} ({number(p, 1)}%)" for n, p in zip(charts.counts(df, "n"), df["pct"])])]
    said, label, sep = words(title, view, source), text(t("col.n")), plotly_separators()

    def draw(size: str, fmt: str) -> bytes:
        return _drawing().render_bars(labels, bars, said, value_label=label, separators=sep, size=size, fmt=fmt)

    return Figure("penanganan", stem(f"penanganan-{key}", view), draw)


def pathways(df: pd.DataFrame, view: View, source: api.Source) -> Figure:
    """Children intervened (light) and returned (in front), per type of intervention (charts.pathways)."""
    labels = [text(t(f"intervensi.{j}")) for j in df["jenis_intervensi"]]
    shown = [f"{r} / {i}" for r, i in zip(charts.counts(df, "n_returned"), charts.counts(df, "n_intervened"))]
    bars = [Bar(text(t("series.intervened")), charts.bar_lengths(df, "n_intervened").to_numpy(), "#c7d9e8",
                texts=[s if pd.isna(p) else f"{s} ({number(p, 1)}%)" for s, p in zip(shown, df["return_pct"])]),
            Bar(text(t("series.returned")), charts.bar_lengths(df, "n_returned").to_numpy(), charts.OKABE_ITO[2])]
    said, label, sep = words(t("penanganan.pathways_title"), view, source), text(t("col.n")), plotly_separators()

    def draw(size: str, fmt: str) -> bytes:
        return _drawing().render_bars(labels, bars, said, overlay=True, value_label=label, separators=sep, size=size, fmt=fmt)

    return Figure("penanganan", stem("penanganan-intervensi", view), draw)


def heatmap(df: pd.DataFrame, x: str, y: str, z: str, x_label, y_label, title: str, key: str, view: View,
            source: api.Source, decimals: int = 0, x_order=None) -> Figure:
    """A long table as a grid (charts.heatmap: the same pivot, empty cells blank), in the map's colours."""
    grid = charts.heatmap_grid(df, x, y, z, x_order)
    values = grid.to_numpy(dtype=float)
    texts = charts.heatmap_texts(df, x, y, z, grid, decimals)
    withheld = charts.withheld_cells(texts)  # blank, as on screen, and the note the page has under the chart
    texts = [["" if w else s for s, w in zip(row, marks)] for row, marks in zip(texts, withheld)]
    rows, columns = [text(y_label(i)) for i in grid.index], [text(x_label(c)) for c in grid.columns]
    said, sep = words(title, view, source), plotly_separators()
    if any(map(any, withheld)):
        note = t("fmt.withheld_cells", d=protection.min_denominator())
        said = replace(said, source_line=f"{said.source_line} · {text(note)}")

    def draw(size: str, fmt: str) -> bytes:
        return _drawing().render_heatmap(rows, columns, values, texts, charts.HEAT, said, separators=sep, size=size, fmt=fmt)

    return Figure("penanganan", stem(f"penanganan-{key}", view), draw)


def participation(df: pd.DataFrame, reference: pd.DataFrame | None, view: View, source: api.Source) -> Figure:
    """Not attending (100 - APS) per age group over the rounds (charts.participation); 7-18 dashed, a reference
    series of another source as open diamonds, one series per (source, year, area)."""
    groups = list(dict.fromkeys(df["age_group"]))
    colors = {g: charts.OKABE_ITO[i] for i, g in enumerate(groups)}
    lines = [Line(text(t(f"grp.{g}")), part["ats_rate"].astype(float).to_numpy(), colors[g], x=_rounds(part),
                  dashed=g == "7-18", marker="osD^vx*"[i % 7])
             for i, (g, part) in enumerate((g, df[df["age_group"] == g]) for g in groups)]
    x = sorted(set(_rounds(df)))
    if reference is not None and len(reference):
        for (system, year, area), part in reference.groupby(["source_system", "year", "area"]):
            for g, row in part.groupby("age_group", sort=False):
                said = text(t("tren.reference_label", source=system, year=year, area=area))
                lines.append(Line(f"{said} · {text(t(f'grp.{g}'))}",
                                  row["ats_rate"].astype(float).to_numpy(), colors.get(g, charts.TARGET),
                                  x=[float(v) for v in row["year"]], marker="D", joined=False))
            x = sorted(set(x) | {float(year)})
    said, y_label, sep = words(t("tren.aps_title"), view, source), text(t("tren.axis_pct")), plotly_separators()

    def draw(size: str, fmt: str) -> bytes:
        return _drawing().render_trend(x, lines, said, y_label=y_label, separators=sep, decimals=1, size=size, fmt=fmt)

    return Figure("tren", stem("tren-aps", view), draw)


def units_by_round(df: pd.DataFrame, title: str, key: str, view: View, source: api.Source) -> Figure:
    """ATS per 100 of each unit (a row) in each round (a column), the screen's heat map (charts.units_by_round, the
    same grid): the map's colours from 0, the value in each cell, a withheld rate a blank cell (said in the source
    line, as under the chart), a coverage break a dashed line on its unit's row."""
    grid = charts.units_grid(df)
    values = np.array([[np.nan if v is None else v for v in row] for row in grid.z], dtype=float)
    rounds = grid.rounds
    # a break's x between two rounds, as a position between two columns
    breaks = [(i, next((j - 0.5 for j in range(1, len(rounds)) if rounds[j - 1] < x < rounds[j]), -0.5))
              for i, x in grid.breaks]
    rows, columns, texts = [text(n) for n in grid.names], [str(r) for r in rounds], grid.text
    said, sep = words(title, view, source), plotly_separators()
    if any(v for row in grid.withheld for v in row):
        note = t("fmt.withheld_cells", d=protection.min_denominator())
        said = replace(said, source_line=f"{said.source_line} · {text(note)}")

    def draw(size: str, fmt: str) -> bytes:
        return _drawing().render_heatmap(rows, columns, values, texts, charts.HEAT, said, separators=sep, size=size,
                                         fmt=fmt, lo=0.0, breaks=breaks, slanted=False)

    return Figure("tren", stem(f"tren-{key}", view), draw)


def kla_tiers(evaluations: pd.DataFrame, view: View, source: api.Source) -> Figure:
    """The KLA tier per year (kla.tier_figure): published results filled, demo results open, joined by a dotted line;
    each point with its score."""
    tiers = [text(t("kla.tier.none")), *(text(v) for v in kla_data.tiers()["tier"])]
    ordered = evaluations.sort_values("tahun")
    years = [float(y) for y in ordered["tahun"]]
    lines = [Line("", ordered["tier_urutan"].fillna(0).astype(float).to_numpy(), kla.TIER_COLOR, x=years, dashed=True,
                  marker="")]
    for is_demo, key in ((False, "kla.tier.published"), (True, "kla.tier.demo")):
        rows = ordered[ordered["is_demo"] == is_demo]
        if len(rows):
            lines.append(Line(text(t(key)), rows["tier_urutan"].fillna(0).astype(float).to_numpy(), kla.TIER_COLOR,
                              x=[float(y) for y in rows["tahun"]], joined=False, hollow=is_demo,
                              texts=[number(v, 1) if pd.notna(v) else "" for v in rows["skor"]]))
    said = words(t("kla.tier.history_title"), view, source)

    def draw(size: str, fmt: str) -> bytes:
        return _drawing().render_trend(years, lines, said, y_ticks=tiers, size=size, fmt=fmt)

    return Figure("kla", stem("kla-predikat", view), draw)


def kla_ranking(df: pd.DataFrame, chosen_kab: str | None, title: str, view: View, source: api.Source) -> Figure:
    """The kab/kota of the province ranked on one indicator as the page draws them (kla.ranking_figure): dots on the
    page's zoomed axis, best on top, coloured by status, the chosen one outlined, the province's value and the target
    drawn across; the status colours in the legend."""
    df = df.sort_values("peringkat")
    first = df.iloc[0]
    satuan = first["satuan"]
    statuses = [s if isinstance(s, str) else None for s in df["status"]]
    dots = Bar(text(t(f"kla.satuan.{satuan}")), df["nilai"].astype(float).to_numpy(), kla.NO_VALUE_COLOR,
               texts=[kla.fmt_value(v, satuan) for v in df["nilai"]],
               colors=[kla.STATUS_COLORS.get(s, kla.NO_VALUE_COLOR) for s in statuses],
               outlined=[k == chosen_kab for k in df["kode_kab"]])
    refs = [Ref(float(v), f"{text(label)} {kla.fmt_value(v, satuan)}", color, dashed)
            for v, label, color, dashed in ((kla.province_line(first), t("kla.provinsi"), "#333333", False),
                                            (first["target"], t("kla.col.target"), "#1a9850", True)) if pd.notna(v)]
    keys = [LegendEntry(text(t(f"kla.status.{s}")), kla.STATUS_COLORS[s]) for s in kla.STATUS_COLORS if s in statuses]
    if None in statuses:
        keys.append(LegendEntry(text(t("kla.status.none")), kla.NO_VALUE_COLOR))
    names = [text(n) for n in df["nama_kab"]]
    said, label, sep = words(title, view, source), text(t(f"kla.satuan.{satuan}")), plotly_separators()
    decimals = 0 if satuan == "jumlah" else 1

    value_range = kla.value_range(df)

    def draw(size: str, fmt: str) -> bytes:
        return _drawing().render_dots(names, dots, said, value_range=value_range, value_label=label, separators=sep,
                                      decimals=decimals, refs=refs, keys=keys, size=size, fmt=fmt)

    return Figure("kla", stem(f"kla-peringkat-{slug(first['kode'])}", view), draw)
