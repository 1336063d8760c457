"""Figure builders for the Tren and Penanganan pages: Plotly, a colour-blind-safe palette (Okabe-Ito for
series, ColorBrewer YlOrRd for heat maps, as on the map), large type for a projector, Indonesian number
separators in Bahasa Indonesia. Each builder takes the DataFrame of one named read query and only shapes it
for drawing; no numbers are computed here that the query does not give."""

import functools
import json
from typing import NamedTuple

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ui.fmt import RATE_DECIMALS, count_in, hidden_text, number, plotly_separators, signed
from ui.i18n import t, t_chart
from ui.safe import chart as safe_chart
from ui.maps import PALETTE as HEAT

# Okabe & Ito (2008): distinguishable with every common colour-vision deficiency, and in greyscale by marker.
OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000")
SYMBOLS = ("circle", "square", "diamond", "triangle-up", "x", "star")
IMPROVED, WORSENED, NEUTRAL, TARGET = "#0072B2", "#D55E00", "#999999", "#000000"
WITHHELD_FILL = "#ececec"  # a heat map cell whose rate is withheld: lighter than the map's grey of "no data"
FONT = 16


def _layout_props(title: str | None, height: int, **extra) -> tuple[dict, dict, dict]:
    """The pages' chart style: the layout's properties, and those of every x and every y axis."""
    layout = {
        "title": {"text": title, "font": {"size": FONT + 4}, "x": 0, "xanchor": "left"} if title else None,
        "font": {"size": FONT, "color": "#222222", "family": "Arial, Helvetica, sans-serif"},
        "height": height,
        "margin": {"l": 80, "r": 20, "t": 70 if title else 30, "b": 50},
        "separators": plotly_separators(),
        "plot_bgcolor": "white",
        "legend": {"orientation": "h", "yanchor": "top", "y": -0.18, "x": 0, "font": {"size": FONT - 1}},
        "hoverlabel": {"bgcolor": "#ffffff", "bordercolor": "#636363", "font": {"size": FONT, "color": "#222222"}},
        **extra,
    }
    xaxis = {"showgrid": False, "linecolor": "#444", "ticks": "outside", "automargin": True}
    yaxis = {"gridcolor": "#e5e5e5", "zeroline": False, "rangemode": "tozero", "automargin": True}
    return layout, xaxis, yaxis


def layout(fig: go.Figure, title: str | None = None, height: int = 420, **extra) -> go.Figure:
    """The pages' chart style on `fig` (its title, height and `extra` layout properties); the figure, for chaining."""
    props, xaxis, yaxis = _layout_props(title, height, **extra)
    fig.update_layout(**props)
    fig.update_xaxes(**xaxis)
    fig.update_yaxes(**yaxis)
    return fig


def _rounds_axis(fig: go.Figure, rounds, **kw) -> None:
    fig.update_xaxes(**_rounds_ticks(rounds, **kw))


def _hover(df: pd.DataFrame, name_col: str = "nama") -> list[str]:
    return [
        t_chart("tren.hover", nama=nama, round=int(round_), n_ats=number(n_ats), n_anak=number(n_anak),
                ats_pct=number(ats_pct, 1))
        for nama, round_, n_ats, n_anak, ats_pct in zip(df[name_col], df["survey_round"], df["n_ats"].astype(object),
                                                        df["n_anak"].astype(object), df["ats_pct"].astype(object))
    ]


def _break_xs(df: pd.DataFrame) -> list[float]:
    """Half way between a round and the previous one, wherever coverage changed."""
    breaks = df[df["is_coverage_break"].fillna(False).astype(bool)]
    return [(float(r) + float(p)) / 2 for r, p in zip(breaks["survey_round"], breaks["prev_survey_round"])]


def _spec(data: list[dict], layout: dict, title: str | None, height: int, over: dict | None = None,
          **extra) -> go.Figure:
    """A figure of the Tren page from its traces and layout written as dicts, with the pages' chart style on top (as
    layout()), handed to graph_objects without validating it again: every property is one graph_objects sets (the JSON
    is the same as the builder's made through graph_objects, tests/test_speed.py). Building through graph_objects,
    which checks each property as it is set, took 20-50 ms of CPU per figure, about 0.25 s of a Tren change with new
    numbers for its six figures (benchmarks/README.md, t-sex2). Axes are those `layout` names, else xaxis and yaxis."""
    style, xaxis, yaxis = _layout_props(title, height, **extra)
    for name, value in style.items():
        if value is not None:
            layout[name] = {**layout[name], **value} if isinstance(value, dict) and name in layout else value
    axes = [name for name in layout if name.startswith(("xaxis", "yaxis"))]
    for name in axes or ["xaxis", "yaxis"]:
        layout[name] = {**layout.get(name, {}), **(xaxis if name.startswith("x") else yaxis)}
    for name in ("xaxis", "yaxis"):
        layout.setdefault(name, xaxis if name == "xaxis" else yaxis)
    for name, value in (over or {}).items():  # the figure's own, over the style (its margins, no automargin)
        layout[name] = {**layout.get(name, {}), **value}
    return go.Figure({"data": data, "layout": layout}, _validate=False)


LABEL_ROOM = 0.3  # of the rounds' span: a break label's width where the trend chart is narrowest (half of a 1366 px page)


def _vlines(df: pd.DataFrame, axes=(("x", "y"),), label: bool = True, width: float = 2) -> tuple[list, list]:
    """A dashed vertical line half way between a round and the previous one wherever coverage changed (Plotly's
    add_vline as shapes and annotations), on each (x, y) axis pair of `axes`, with its label on the first. A label
    nearer its previous one than LABEL_ROOM of the rounds' span stands a line higher (one line up per close
    neighbour): breaks a round apart wrote "cakupan berubah" over each other (Sulawesi Selatan, 2022|23 and 2023|24)."""
    shapes, notes = [], []
    xs = _break_xs(df)
    rounds = pd.to_numeric(df["survey_round"], errors="coerce")
    span = float(rounds.max() - rounds.min()) if rounds.notna().any() else 0.0
    row, last = 0, None
    for x in xs:
        row = row + 1 if last is not None and x - last < LABEL_ROOM * span else 0
        last = x
        for xref, yref in axes:
            shapes.append({"line": {"color": WORSENED, "dash": "dash", "width": width}, "type": "line", "x0": x, "x1": x,
                           "xref": xref, "y0": 0, "y1": 1, "yref": f"{yref} domain"})
        if label:
            notes.append({"font": {"color": WORSENED, "size": FONT - 2}, "showarrow": False,
                          "text": t("tren.break_label"), "x": x, "xanchor": "left", "xref": axes[0][0], "y": 0,
                          "yanchor": "bottom", "yref": f"{axes[0][1]} domain", "yshift": row * (FONT + 2)})
    return shapes, notes


def _rounds_ticks(rounds, **kw) -> dict:
    """An x axis of survey rounds: a tick per round, written in full (the properties, for a figure written as a
    dict; _rounds_axis sets them on a Figure)."""
    rounds = sorted({int(r) for r in rounds})
    return {"tickmode": "array", "tickvals": rounds, "ticktext": [str(r) for r in rounds], **kw}


def _marks(layout: dict, shapes: list, notes: list) -> dict:
    if shapes:
        layout["shapes"] = layout.get("shapes", []) + shapes
    if notes:
        layout["annotations"] = layout.get("annotations", []) + notes
    return layout



def trend(df: pd.DataFrame, targets: pd.DataFrame | None = None, title: str | None = None) -> go.Figure:
    """ATS per 100 of one wilayah over the rounds (gaps where not surveyed), coverage breaks marked, targets dashed.
    `title` says whom the rate counts (ui.view.View.measure)."""
    data = [{
        "type": "scatter", "x": df["survey_round"].to_numpy(), "y": df["ats_pct"].to_numpy(), "mode": "lines+markers+text",
        "name": t("measure.ats_pct"), "line": {"color": OKABE_ITO[0], "width": 4}, "marker": {"size": 12},
        "text": [number(v, 1) for v in df["ats_pct"]], "textposition": "top center",
        "textfont": {"size": FONT, "color": "#222222"}, "hovertext": _hover(df), "hoverinfo": "text", "connectgaps": False,
    }]
    if targets is not None and len(targets):
        status_color = targets["status"].map({"on_track": IMPROVED, "off_track": WORSENED}).fillna(NEUTRAL)
        data.append({
            "type": "scatter", "x": targets["year"].to_numpy(), "y": targets["target_ats_pct"].to_numpy(),
            "mode": "lines+markers", "name": t("tren.target_label"), "line": {"color": TARGET, "dash": "dot", "width": 2},
            "marker": {"symbol": "line-ew-open", "size": 16, "color": list(status_color)},
            "hovertext": [f"{t('tren.target_label')} {int(r.year)}: {number(r.target_ats_pct, 1)}" for r in targets.itertuples()],
            "hoverinfo": "text",
        })
    top = max(df["ats_pct"].max(), targets["target_ats_pct"].max() if targets is not None and len(targets) else 0)
    layout = {"xaxis": _rounds_ticks(list(df["survey_round"]) + (list(targets["year"]) if targets is not None else [])),
              "yaxis": {"title": {"text": t("tren.axis_pct")},
                        "range": [0, float(top) * 1.2 if pd.notna(top) and top > 0 else 1]}}
    return _spec(data, _marks(layout, *_vlines(df)), title or t("tren.chart_title", measure=t("measure.ats_pct")), 420)


def counts_by_category(df: pd.DataFrame) -> go.Figure:
    """Stacked bars of DO, LTM and BPB counts per round (numerators of the rate)."""
    data = [{"type": "bar", "x": df["survey_round"].to_numpy(), "y": df[column].to_numpy(), "name": t(f"grp.{code}"),
             "marker": {"color": OKABE_ITO[i]}, "hovertemplate": "%{x}: %{y:,.0f}<extra>" + code + "</extra>"}
            for i, (column, code) in enumerate((("n_do", "DO"), ("n_ltm", "LTM"), ("n_bpb", "BPB")))]
    layout = {"xaxis": _rounds_ticks(df["survey_round"]), "yaxis": {"title": {"text": t("tren.axis_n")}}}
    return _spec(data, _marks(layout, *_vlines(df, label=False)), t("tren.counts_title"), 360, barmode="stack")


@functools.lru_cache(maxsize=16)
def _subplots_json(**kwargs) -> str:
    """make_subplots once per shape (0.1 s of CPU for 5 x 5, set property by property), as JSON."""
    return make_subplots(**kwargs).to_json()


def _subplots(rows: int, cols: int, n: int, **kwargs) -> dict:
    """The figure dict of a grid of subplots (axes, domains, a title annotation per panel: placeholders "#0", "#1", …,
    for the caller to name; an empty title gets no annotation), a new dict for each call."""
    return json.loads(_subplots_json(rows=rows, cols=cols, subplot_titles=tuple(f"#{i}" for i in range(n)), **kwargs))


def coverage(df: pd.DataFrame) -> go.Figure:
    """Households enumerated (bars) and desa/kelurahan enumerated per 100 (line) per round, breaks marked."""
    layout = _subplots(2, 1, 2, shared_xaxes=True, vertical_spacing=0.12)["layout"]
    layout.pop("template", None)
    for note, key in zip(layout["annotations"], ("tren.coverage_kel", "tren.coverage_hh")):
        note["text"] = t(key)
        note["font"] = {**note.get("font", {}), "size": FONT - 1}
    hover = [
        t_chart("tren.coverage_hover", round=int(r["survey_round"]), n_kel=number(r["n_kel_enumerated"]),
          n_kel_total=number(r["n_kel_total"]), n_keluarga=count_in(r, "n_keluarga"))
        for _, r in df.iterrows()
    ]
    data = [
        {"type": "scatter", "x": df["survey_round"].to_numpy(), "y": df["coverage_pct"].to_numpy(), "mode": "lines+markers",
         "marker": {"size": 10}, "line": {"color": OKABE_ITO[2], "width": 3}, "hovertext": hover, "hoverinfo": "text",
         "showlegend": False, "xaxis": "x", "yaxis": "y"},
        {"type": "bar", "x": df["survey_round"].to_numpy(), "y": df["n_keluarga"].to_numpy(), "marker": {"color": OKABE_ITO[5]},
         "hovertext": hover, "hoverinfo": "text", "showlegend": False, "xaxis": "x2", "yaxis": "y2"},
    ]
    layout["yaxis"]["range"] = [0, 105]
    rounds = sorted({int(r) for r in df["survey_round"]})
    for name in ("xaxis", "xaxis2"):
        layout[name].update(tickmode="array", tickvals=rounds, ticktext=[f"'{r % 100:02d}" for r in rounds], tickangle=0)
    _marks(layout, *_vlines(df, axes=(("x", "y"), ("x2", "y2")), label=False))
    return _spec(data, layout, t("tren.coverage_title"), 420)


def by_group(df: pd.DataFrame, by: str) -> go.Figure:
    """One line per group of the breakdown: ATS per 100 children of the group (per 100 of all for categories). A
    group that is not ATS (is_ats false: completed 12 years, beside the categories) is a grey dotted line."""
    data = []
    for i, (grp, part) in enumerate(df.groupby("grp", sort=False)):
        ats = bool(part["is_ats"].iloc[0]) if "is_ats" in part else True
        data.append({
            "type": "scatter", "x": part["survey_round"].to_numpy(), "y": part["ats_pct"].to_numpy(), "mode": "lines+markers",
            "name": t(f"grp.{grp}"),
            "line": {"color": OKABE_ITO[i % len(OKABE_ITO)] if ats else NEUTRAL, "width": 3, "dash": "solid" if ats else "dot"},
            "marker": {"size": 11, "symbol": SYMBOLS[i % len(SYMBOLS)]},
            "hovertext": [
                f"{t(f'grp.{grp}')} · {int(r.survey_round)}<br>{number(r.n_ats)} / {number(r.n_anak)} · {number(r.ats_pct, 1)}"
                for r in part.itertuples()
            ],
            "hoverinfo": "text",
        })
    layout = {"xaxis": _rounds_ticks(df["survey_round"]), "yaxis": {"title": {"text": t("tren.axis_pct")}}}
    return _spec(data, layout, f"{t('tren.breakdown')}: {t(f'by.{by}')}", 400)


class UnitsGrid(NamedTuple):
    """The units x rounds grid of units_by_round, for the screen and the files (ui.figure_charts.units_by_round)."""
    kodes: list
    names: list[str]
    rounds: list[int]
    z: list[list]  # ATS per 100, None where not surveyed or withheld
    text: list[list[str]]  # the value as the page writes it, "" where none
    hover: list[list[str]]
    withheld: list[list]  # 1 where small-cell protection withheld the rate
    breaks: list[tuple[int, float]]  # (row, x between two rounds) where coverage changed


def units_grid(df: pd.DataFrame) -> UnitsGrid:
    """Rounds no unit was surveyed in are left out."""
    units = list(dict.fromkeys(df["kode"]))
    names = dict(zip(df["kode"], df["nama"]))
    surveyed = df["is_surveyed"].fillna(False).astype(bool) if "is_surveyed" in df else df["ats_pct"].notna()
    rounds = sorted({int(r) for r in df.loc[surveyed, "survey_round"]}) or sorted({int(r) for r in df["survey_round"]})
    rows = {kode: i for i, kode in enumerate(units)}
    cols = {r: j for j, r in enumerate(rounds)}
    z = [[None] * len(rounds) for _ in units]
    text = [[""] * len(rounds) for _ in units]
    hover = [[""] * len(rounds) for _ in units]
    withheld = [[None] * len(rounds) for _ in units]
    hidden = df["ats_pct_hidden"].fillna(False).astype(bool) if "ats_pct_hidden" in df else pd.Series(False, index=df.index)
    for (kode, round_, pct, is_hidden), said in zip(zip(df["kode"], df["survey_round"], df["ats_pct"], hidden), _hover(df)):
        j = cols.get(int(round_))
        if j is None:
            continue
        i = rows[kode]
        if is_hidden:
            withheld[i][j] = 1
            hover[i][j] = f"<b>{safe_chart(names[kode])}</b> · {int(round_)}<br>{t_chart('fmt.withheld')}"
        elif pd.notna(pct):
            z[i][j], text[i][j], hover[i][j] = float(pct), number(pct, 1), said
    breaks = [(rows[kode], x) for kode, part in df.groupby("kode", sort=False) for x in _break_xs(part)]
    return UnitsGrid(units, [names[k] for k in units], rounds, z, text, hover, withheld, breaks)


def units_by_round(df: pd.DataFrame, title: str | None = None) -> go.Figure:
    """ATS per 100 of each unit (a row) in each round (a column) as one heat map on one colour scale, the map's, from 0:
    the value in every cell, a coverage break a dashed line between the two rounds on its unit's row, a rate
    small-cell protection withheld a grey cell without a number ("ditahan" on hover), a round not surveyed blank
    (units_grid). One trace on one pair of axes: the small multiples it replaces (a panel per unit) were 24 pairs of
    axes at a province, 75-95 ms of Plotly's drawing at every filter change of Tren's 150-240 for its eight charts,
    and 55 of the change's 159 KB (benchmarks/README.md, tren-sex)."""
    grid = units_grid(df)
    units, rounds, z, text, hover, withheld = grid.kodes, grid.rounds, grid.z, grid.text, grid.hover, grid.withheld
    top = df["ats_pct"].max()
    data = []
    if any(v for row in withheld for v in row):  # under the values: a gap of the heat map above shows it
        data.append({"type": "heatmap", "z": withheld, "x": rounds, "y": list(range(len(units))), "showscale": False,
                     "colorscale": [[0, WITHHELD_FILL], [1, WITHHELD_FILL]], "hoverongaps": False, "xgap": 2, "ygap": 2,
                     "hovertext": hover, "hoverinfo": "text"})
    # no colour bar: every cell prints its value, the colour (the map's, from 0) only groups them
    data.append({
        "type": "heatmap", "z": z, "x": rounds, "y": list(range(len(units))), "zmin": 0,
        "zmax": float(top) if pd.notna(top) and top > 0 else 1, "showscale": False,
        "colorscale": [[i / (len(HEAT) - 1), c] for i, c in enumerate(HEAT)],
        "text": text, "texttemplate": "%{text}", "textfont": {"size": FONT - 2}, "hovertext": hover, "hoverinfo": "text",
        "hoverongaps": False, "xgap": 2, "ygap": 2,
    })
    shapes = [{"type": "line", "x0": x, "x1": x, "y0": i - 0.5, "y1": i + 0.5, "xref": "x", "yref": "y",
               "line": {"color": "#000000", "dash": "dash", "width": 3}}  # seen on red cells too
              for i, x in grid.breaks]
    ticktext = grid.names
    layout = {"xaxis": {**_rounds_ticks(rounds), "side": "top"},
              "yaxis": {"tickmode": "array", "tickvals": list(range(len(units))), "ticktext": ticktext,
                        "autorange": "reversed", "showgrid": False}}
    # The margins set here, not by Plotly's automargin, which drew the figure again once it had measured the 24 names
    # (60 -> 30 ms of drawing for a province): the names' room from their length, the rounds in the room above the
    # plot that ui.widgets.chart leaves (its top=), the rows from -0.5 (the pages' style starts a y axis at 0).
    return _spec(data, _marks(layout, shapes, []), title, UNITS_TOP + 20 + ROW_PX * len(units),
                 over={"margin": {"l": name_margin(ticktext), "b": 20}, "xaxis": {"automargin": False},
                       "yaxis": {"automargin": False, "rangemode": "normal"}})


ROW_PX = 30  # a row of a heat map of units: a line of 14 px figures with room
UNITS_TOP = 125  # its room above the rows (ui.widgets.chart's top=): the title, the subtitle and the rounds


def name_margin(names) -> int:
    """The left margin that fits the longest of `names` as a tick label (16 px Arial: about 8.5 px a character)."""
    return 24 + round(8.5 * max((len(str(n)) for n in names), default=4))


def changes(df: pd.DataFrame, title: str, color: str) -> go.Figure:
    """Horizontal bars of the change in percentage points of a few units (the query's d_ats_pct)."""
    labels = [f"{'⚠ ' if b else ''}{n}" for n, b in zip(df["nama"], df["is_coverage_break"].fillna(False))]
    data = [{
        "type": "bar", "x": df["d_ats_pct"].to_numpy(), "y": labels, "orientation": "h", "marker": {"color": color},
        "text": [signed(v, RATE_DECIMALS) for v in df["d_ats_pct"]], "textposition": "inside",
        "insidetextanchor": "middle", "textfont": {"color": "white", "size": FONT},
        "hovertext": [
            f"{r.nama}: {number(r.prev_ats_pct, 1)} ({int(r.prev_survey_round)}) → {number(r.ats_pct, 1)} ({int(r.survey_round)})"
            for r in df.itertuples()
        ],
        "hoverinfo": "text", "cliponaxis": False,
    }]
    layout = {"xaxis": {"title": {"text": t("col.d_ats_pct")}, "zeroline": True, "zerolinecolor": "#444"},
              "yaxis": {"autorange": "reversed", "rangemode": "normal"}}
    # margins set, not measured by Plotly's automargin, which drew the chart a second time once it had measured the
    # names (about 16 -> 9 ms each, two of them at every filter change): the names' room, the axis title's below
    return _spec(data, layout, title, max(220, 60 + 45 * len(df)),
                 over={"margin": {"l": name_margin(labels), "b": 70}, "xaxis": {"automargin": False},
                       "yaxis": {"automargin": False}})


def participation(df: pd.DataFrame, reference: pd.DataFrame | None = None) -> go.Figure:
    """Not attending (100 - APS, BPS's ATS rate) per BPS age group over the rounds; hover: the census ATS rate and the
    completed-12 rate that make it up. A reference series as labelled diamonds."""
    data = []
    groups = list(dict.fromkeys(df["age_group"]))
    colors = {g: OKABE_ITO[i] for i, g in enumerate(groups)}
    for i, g in enumerate(groups):
        part = df[df["age_group"] == g]
        data.append({
            "type": "scatter", "x": part["survey_round"].to_numpy(), "y": part["ats_rate"].to_numpy(), "mode": "lines+markers",
            "name": t(f"grp.{g}"),
            "line": {"color": colors[g], "width": 4 if g == "7-18" else 3, "dash": "dash" if g == "7-18" else "solid"},
            "marker": {"size": 10, "symbol": SYMBOLS[i % len(SYMBOLS)]},
            "hovertext": [
                f"{t(f'grp.{g}')} · {int(r.survey_round)}<br>APS {number(r.aps, RATE_DECIMALS)} ({number(r.n_sekolah)} / {number(r.n_anak)})"
                f"<br>100 - APS {number(r.ats_rate, RATE_DECIMALS)}"
                f"<br>{t('col.ats_pct_kategori')}: {number(r.ats_pct, RATE_DECIMALS)}"
                f"<br>{t('col.tamat12_pct')}: {number(r.tamat12_pct, RATE_DECIMALS)}"
                for r in part.itertuples()
            ],
            "hoverinfo": "text",
        })
    years = list(df["survey_round"])
    if reference is not None and len(reference):
        for (source, year, area), part in reference.groupby(["source_system", "year", "area"]):
            data.append({
                "type": "scatter", "x": part["year"].to_numpy(), "y": part["ats_rate"].to_numpy(), "mode": "markers+text",
                "name": t_chart("tren.reference_label", source=source, year=year, area=area),
                "marker": {"symbol": "diamond-open", "size": 16, "line": {"width": 3},
                           "color": [colors.get(g, TARGET) for g in part["age_group"]]},
                "text": [t(f"grp.{g}") for g in part["age_group"]], "textposition": "middle right",
                "textfont": {"size": FONT - 3},
                "hovertext": [f"{r.source_note}<br>{t(f'grp.{r.age_group}')}: {number(r.ats_rate, RATE_DECIMALS)}" for r in part.itertuples()],
                "hoverinfo": "text",
            })
            years += list(part["year"])
    layout = {"xaxis": _rounds_ticks(years), "yaxis": {"title": {"text": t("tren.axis_pct")}}}
    return _spec(data, layout, t("tren.aps_title"), 440)


def counts(df: pd.DataFrame, column: str) -> list[str]:
    """The counts of a column as a chart labels them (ui.fmt.count_in): "< k" where small-cell protection hid a
    small one (its <column>_small flag), the neutral "disembunyikan" where it hid a complementary one (README
    "Small-cell protection")."""
    return [count_in(r, column) for _, r in df.iterrows()]


def bar_lengths(df: pd.DataFrame, column: str) -> pd.Series:
    """The values a bar chart draws: a hidden count is a bar of no length (its label says "< k")."""
    return pd.to_numeric(df[column], errors="coerce").fillna(0).astype(float)


def funnel(df: pd.DataFrame) -> go.Figure:
    labels = [t(f"step.{s}") for s in df["step"]]
    text = [
        n if pd.isna(p) else t_chart("penanganan.funnel_text", n=n, pct=number(p, 1))
        for n, p in zip(counts(df, "n"), df["pct_prev"])
    ]
    colors = [OKABE_ITO[0]] * (len(df) - 1) + [OKABE_ITO[2]]
    # a step narrower than a third of the first one has no room for its label inside (white on white)
    x = bar_lengths(df, "n")
    widest = max(float(x.max()), 1)
    positions = ["inside" if n / widest >= 0.35 else "outside" for n in x]
    fig = go.Figure(go.Funnel(
        y=labels, x=x, text=text, textinfo="text", textposition=positions, constraintext="none",
        insidetextfont={"size": FONT, "color": "white"}, outsidetextfont={"size": FONT, "color": "#222222"},
        marker={"color": colors},
        hovertext=[f"{lab}: {tx}" for lab, tx in zip(labels, text)], hoverinfo="text",
        connector={"line": {"color": "#bbbbbb"}},
    ))
    fig.update_yaxes(rangemode="normal")
    return layout(fig, t("penanganan.funnel_chart"), height=480)


def outcome_bars(df: pd.DataFrame, title: str, color: str) -> go.Figure:
    x = bar_lengths(df, "n")
    fig = go.Figure(go.Bar(
        x=x, y=[t(f"outcome.{o}") for o in df["outcome"]], orientation="h", marker_color=color,
        text=[n if pd.isna(p) else f"{n} ({number(p, 1)})" for n, p in zip(counts(df, "n"), df["pct"])],
        textposition="outside", cliponaxis=False, hoverinfo="skip",
    ))
    fig.update_yaxes(autorange="reversed", rangemode="normal")
    # room for the outside labels ("1.234 (23,4)") in a half-width column
    fig.update_xaxes(title=t("col.n"), range=[0, max(float(x.max()), 1) * 1.8])
    return layout(fig, title, height=110 + 48 * len(df))


def pathways(df: pd.DataFrame) -> go.Figure:
    labels = [t(f"intervensi.{j}") for j in df["jenis_intervensi"]]
    shown = [f"{r} / {i}" for r, i in zip(counts(df, "n_returned"), counts(df, "n_intervened"))]
    fig = go.Figure()
    fig.add_trace(go.Bar(
        y=labels, x=bar_lengths(df, "n_intervened"), orientation="h", name=t("series.intervened"), marker_color="#c7d9e8",
        text=[s if pd.isna(p) else f"{s} ({number(p, 1)}%)" for s, p in zip(shown, df["return_pct"])],
        textposition="outside", cliponaxis=False, hoverinfo="skip",
    ))
    fig.add_trace(go.Bar(
        y=labels, x=bar_lengths(df, "n_returned"), orientation="h", name=t("series.returned"), marker_color=OKABE_ITO[2],
        hovertext=[
            f"{lab}: {s} ({number(r.return_pct, 1)})"
            f"<br>{t('col.median_days_to_return')}: {number(r.median_days_to_return)}"
            for lab, s, r in zip(labels, shown, df.itertuples())
        ],
        hoverinfo="text",
    ))
    fig.update_yaxes(autorange="reversed", rangemode="normal")
    fig.update_xaxes(title=t("col.n"), range=[0, max(float(bar_lengths(df, "n_intervened").max()), 1) * 1.4])
    return layout(fig, t("penanganan.pathways_title"), height=120 + 50 * len(df), barmode="overlay")


def returns_by_round(df: pd.DataFrame) -> go.Figure:
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    fig.add_trace(go.Bar(x=df["survey_round"], y=df["n_returned_formal"], name=t("series.returned_formal"),
                         marker_color=OKABE_ITO[0]))
    fig.add_trace(go.Bar(x=df["survey_round"], y=df["n_returned_nonformal"], name=t("series.returned_nonformal"),
                         marker_color=OKABE_ITO[1]))
    fig.add_trace(go.Scatter(
        x=df["survey_round"], y=df["return_pct"], name=t("series.return_pct"), mode="lines+markers+text",
        line={"color": TARGET, "width": 3}, marker={"size": 10, "symbol": "diamond"},
        text=[number(v, 1) for v in df["return_pct"]], textposition="top center",
    ), secondary_y=True)
    _rounds_axis(fig, df["survey_round"])
    fig.update_yaxes(title=t("tren.axis_n"), secondary_y=False)
    fig = layout(fig, t("penanganan.per_round_title"), height=420, barmode="stack")
    fig.update_yaxes(title=t("tren.axis_pct"), secondary_y=True, showgrid=False, range=[0, 100], tickmode="linear",
                     dtick=20, rangemode="normal")
    return fig


def heatmap_texts(df: pd.DataFrame, x: str, y: str, z: str, grid: pd.DataFrame, decimals: int) -> list[list[str]]:
    """The label of each cell of a heat map's grid: the value, "< k" (a count) or "disembunyikan" (a rate) where
    small-cell protection hid it (ui.fmt.hidden_text), blank where the table has no such cell."""
    hidden = hidden_text(df, z)
    said = df[[x, y]].assign(_text=[number(v, decimals) for v in df[z]] if hidden is None
                             else hidden.where(hidden.notna(), [number(v, decimals) for v in df[z]]))
    lookup = {(a, b): s for a, b, s in zip(said[x], said[y], said["_text"])}
    return [[lookup.get((c, i), "") for c in grid.columns] for i in grid.index]


def withheld_cells(texts: list[list[str]]) -> list[list[bool]]:
    """The cells of a heat map's grid whose rate small-cell protection withheld (heatmap_texts said "ditahan")."""
    withheld = t("fmt.withheld")
    return [[s == withheld for s in row] for row in texts]


def heatmap_grid(df: pd.DataFrame, x: str, y: str, z: str, x_order=None) -> pd.DataFrame:
    """A heat map's grid: `y` down, `x` across in the order the rows give them, or in `x_order` (the categories DO,
    LTM, BPB as everywhere else: in the order of the rows, BPB came first where the first reason had a BPB child)."""
    grid = df.pivot_table(index=y, columns=x, values=z, aggfunc="first", sort=False, dropna=False)
    return grid if x_order is None else grid[[c for c in x_order if c in grid.columns]]


def heatmap(df: pd.DataFrame, x: str, y: str, z: str, x_label, y_label, title: str, decimals: int = 0,
            x_order=None) -> go.Figure:
    """A heat map of a long table (one row per cell); empty cells stay blank, never a 0 that was not counted. A cell
    whose rate is withheld has a neutral fill and no text (a page of kecamatan read "ditahan" in nearly every cell;
    the page says what the fill means under the chart, fmt.withheld_cells), and its hover says "ditahan"."""
    grid = heatmap_grid(df, x, y, z, x_order)
    text = heatmap_texts(df, x, y, z, grid, decimals)
    withheld = withheld_cells(text)
    labels = [["" if w else s for s, w in zip(row, marks)] for row, marks in zip(text, withheld)]
    xs, ys = [x_label(c) for c in grid.columns], [y_label(i) for i in grid.index]
    fig = go.Figure()
    if any(map(any, withheld)):  # under the values: a gap of the heat map above shows it, and its hover
        fig.add_trace(go.Heatmap(
            z=[[1 if w else None for w in row] for row in withheld], x=xs, y=ys, showscale=False, hoverongaps=False,
            colorscale=[[0, WITHHELD_FILL], [1, WITHHELD_FILL]], xgap=2, ygap=2,
            hovertemplate=f"%{{y}} · %{{x}}: {t_chart('fmt.withheld')}<extra></extra>"))
    # the marks of hidden cells ("< 5", "×": no value) are written by a text scatter on top, the heat map's own
    # texts are of the cells with a value only: Plotly also draws a heat map's text in a cell without a value, a
    # few pixels off the scatter's, and each mark read as doubled, overlapping text
    empty = grid.isna().to_numpy()
    fig.add_trace(go.Heatmap(
        z=grid.to_numpy(), x=xs, y=ys,
        colorscale=[[i / (len(HEAT) - 1), c] for i, c in enumerate(HEAT)],
        text=[["" if e else s for s, e in zip(row, gaps)] for row, gaps in zip(labels, empty)], texttemplate="%{text}",
        textfont={"size": FONT - 2}, hoverongaps=False, xgap=2, ygap=2, colorbar={"thickness": 14},
    ))
    marks = [(xs[k], ys[r], labels[r][k]) for r in range(len(ys)) for k in range(len(xs))
             if labels[r][k] and empty[r, k]]
    if marks:
        fig.add_trace(go.Scatter(x=[m[0] for m in marks], y=[m[1] for m in marks], text=[m[2] for m in marks],
                                 mode="text", textfont={"size": FONT - 2, "color": "#222222"}, hoverinfo="skip",
                                 showlegend=False))
    # every row named (Plotly named every other one when the rows were thin), and the room the slanted column names
    # take added to the height (long reason names took 170 px of it: nine kecamatan rows of 16 px)
    fig.update_yaxes(autorange="reversed", rangemode="normal", showgrid=False, tickmode="array", tickvals=ys,
                     ticktext=ys)
    fig.update_xaxes(side="bottom", tickangle=-35, showgrid=False)
    slanted = max((len(str(x)) for x in xs), default=0) * 9 * 0.57  # 16 px Arial: ~9 px a character; sin 35°
    return layout(fig, title, height=max(320, 120 + 34 * len(grid)) + round(slanted))
