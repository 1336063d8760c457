"""What the meeting pack says, slide by slide, for one wilayah (kab/kota or province) and survey round: a list of
Slide values (title, one or two plain sentences written from the slide's numbers in the current language, the chart
data, tables, map images, speaker notes with the sources). pack.pptx and pack.pdf only draw them, and the
presentation mode shows them, so the deck, the PDF and the screen cannot say different things.

Every number comes from a read query through data.api, for the caller's role (a viewer gets small-cell protected
numbers, as on the screen); nothing is computed again here beyond picking rows (the rounds up to the pack's round,
the top units) and adding up the rows of one query for a sentence (the reasons over the ATS categories).
The pack counts all children 7-18: it takes no population filter (the command line has none, and a deck shared
onward should not depend on a sidebar's state).
"""

import datetime as dt
import re
from dataclasses import dataclass, field

import pandas as pd

from data import api, protection
from data.accounts import ANONYMOUS, Principal
from pack import PackError
from domain.wilayah import level_of
from ui import source as ui_source
from ui.fmt import count, count_in, date, number, rate
from ui.i18n import lang, language, t
from ui.i18n import lang as current_lang  # build() has a parameter named lang
from ui.penanganan import in_progress
from ui.safe import Markdown
from ui.view import View, census_date, round_words, rounds_words

LEVELS = ("prov", "kab")  # a pack is made for a province or a kab/kota
UNIT_LEVEL = {"kab": "kel", "prov": "kab"}  # the units its map and rankings show
TOP = 10  # units in each ranking
TOP_REASONS = 8
KLA_YEAR_FRAMEWORK = "2021-24"


@dataclass(frozen=True)
class Chart:
    """Data of one native chart: categories and one or more series of numbers (None: no value, e.g. withheld)."""

    kind: str  # column, bar (horizontal, first category on top), line, stacked_bar
    title: str
    categories: tuple[str, ...]
    series: tuple[tuple[str, tuple], ...]  # (series name, values)
    decimals: int = 0
    axis: str = ""  # what the values are
    # per series, the text shown in place of a value that is None: "< 5" or the neutral mark of small-cell protection
    # (ui.fmt.count_in), None where the value is simply missing
    marks: tuple[tuple[str | None, ...], ...] = ()
    ceiling: float | None = None  # the most a value can be (a rate of at most 100): the value axis stops there

    def label(self, series: int, index: int) -> str | None:
        """The text of a value without a number: its mark, else None."""
        return self.marks[series][index] if series < len(self.marks) else None


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]  # cells as text, formatted in the pack's language
    status: tuple[str | None, ...] = ()  # per row: hijau, kuning, merah (KLA) for the colour of the status cell


@dataclass(frozen=True)
class Image:
    title: str
    png: bytes
    width: int
    height: int


@dataclass(frozen=True)
class Slide:
    key: str  # title, headline, map, map_rate, trend, units, reasons, handling, kla, closing
    title: str
    view_line: str  # place · round: said on every slide
    sentences: tuple[str, ...] = ()
    numbers: tuple[tuple[str, str], ...] = ()  # the big figures of the headline slide: (label, value)
    charts: tuple[Chart, ...] = ()
    tables: tuple[Table, ...] = ()
    images: tuple[Image, ...] = ()
    notes: str = ""  # speaker notes: the sources of the slide's numbers
    bullets: tuple[str, ...] = ()  # the closing slide's definitions


@dataclass(frozen=True)
class Pack:
    kode: str
    nama: str
    level: str
    survey_round: int
    lang: str
    role: str
    is_demo: bool
    generated: str  # the day the pack was made, in words
    stem: str  # file name without extension: paket-rapat_73.73_Kota-Palopo_2026_id
    slides: tuple[Slide, ...] = field(default_factory=tuple)


def text(markdown) -> str:
    """Catalogue text and View words are Markdown for the page (outside values escaped by ui.safe.plain); a slide is
    not Markdown: the text as it reads, without the escapes and word joiners."""
    return re.sub(r"\\(.)", r"\1", str(markdown)).replace("\u2060", "")


def tx(key: str, **values) -> str:
    """A catalogue text for a slide: values as they are (no Markdown escapes, not shortened: a slide is no page)."""
    return text(t(key, **{k: Markdown(v) if isinstance(v, str) else v for k, v in values.items()}))


def _hidden(row, column: str) -> bool:
    flag = row.get(f"{column}_hidden") if hasattr(row, "get") else None
    return bool(flag) if flag is not None and not pd.isna(flag) else False


def _value(row, column: str):
    """A number for a chart: None when missing or withheld."""
    v = row[column]
    return None if v is None or pd.isna(v) else float(v)


def _marks(rows, column: str) -> tuple[str | None, ...]:
    """For a chart's series of `column`: the published mark of each hidden count ("< k" or the neutral mark), None
    for the others, so a hidden count is never drawn as 0."""
    return tuple(count_in(r, column) if _hidden(r, column) else None for r in rows)


def _notes(*sourced: tuple[api.Source, View]) -> str:
    """Speaker notes: for each query behind the slide, the source in words, then the query, its parameters and the
    data version (what the command line needs to check a number)."""
    lines = []
    for source, view in sourced:
        lines.append(text(ui_source.sentence(source, view)))
        lines.append(f"{tx('source.query')} {source.query} ({ui_source.params_text(source)}) · "
                     f"{tx('source.version')} {source.store.version}")
    return "\n".join(lines)


def _listing(items: list[str]) -> str:
    """'a, b dan c' / 'a, b and c'."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + tx("pack.and") + items[-1]


# --- the pack ---------------------------------------------------------------------------------------------------


def check(kode: str, survey_round=None, who: Principal = ANONYMOUS) -> tuple[pd.Series, int, pd.DataFrame]:
    """The wilayah row, the round the pack speaks of (the latest surveyed when None) and the rounds surveyed there;
    PackError for a code the store does not have, a level below kab/kota, a wilayah never surveyed or a round not
    surveyed there."""
    kode = str(kode).strip()
    found = api.wilayah_by_kode([kode])
    if found.empty:
        raise PackError("unknown_wilayah", f"no wilayah has code '{kode[:20]}' in the store (list them with "
                        "`python -m data query wilayah_by_induk --param kode_induk=73`)", kode=kode[:20])
    level = level_of(kode)
    if level not in LEVELS:
        raise PackError("level", f"a meeting pack is made for a province or a kab/kota, not for '{kode}' (a {level})",
                        kode=kode)
    rounds = api.survey_rounds(who, kode_induk=kode).df
    if rounds.empty:
        raise PackError("no_data", f"{found['nama'].iloc[0]} ({kode}) has no survey round in the store",
                        wilayah=found["nama"].iloc[0])
    held = sorted(int(r) for r in rounds["survey_round"])
    if survey_round is None:
        survey_round = held[-1]
    elif int(survey_round) not in held:
        raise PackError("round_not_surveyed", f"round {survey_round} was not surveyed in {found['nama'].iloc[0]} "
                        f"({kode}); its rounds: {', '.join(map(str, held))}", wilayah=found["nama"].iloc[0],
                        round=int(survey_round), rounds=", ".join(map(str, held)))
    return found.iloc[0], int(survey_round), rounds


def build(kode: str, survey_round=None, *, who: Principal = ANONYMOUS, lang: str | None = None,
          progress=lambda fraction, message: None) -> Pack:
    """The pack of wilayah `kode` for `survey_round` (latest when None), in `lang` (the page's language when None),
    with the numbers `who` may see (role: small-cell protection; scope). `progress(fraction, message)` is told each slide."""
    if lang is not None:
        with language(lang):
            return build(kode, survey_round, who=who, progress=progress)
    protection.check_role(who.role)
    row, round_, rounds = check(kode, survey_round, who)
    kode, level = row["kode"], level_of(row["kode"])
    path = [kode[:2], kode] if level == "kab" else [kode]
    names = api.wilayah_by_kode(path)
    names = dict(zip(names["kode"], names["nama"]))
    view = View(places=tuple(names[k] for k in path), period=round_words(round_), as_of=census_date(who, kode, round_))
    store = api.store_info()
    makers = [("headline", _headline), ("map", lambda c: _map(c, "map", "n_ats")),
              ("map_rate", lambda c: _map(c, "map_rate", "ats_pct")), ("trend", _trend), ("units", _units),
              ("reasons", _reasons), ("handling", _handling), ("kla", _kla)]
    ctx = _Context(kode, level, row["nama"], round_, rounds, view, who)
    slides = [_title(ctx, store)]
    for i, (key, make) in enumerate(makers):
        progress((i + 1) / (len(makers) + 2), tx(f"pack.progress.{key}"))
        slides.append(make(ctx))
    slides.append(_closing(ctx, store))
    name = re.sub(r"[^A-Za-z0-9]+", "-", row["nama"]).strip("-")
    return Pack(kode=kode, nama=row["nama"], level=level, survey_round=round_, lang=current_lang(), role=who.role,
                is_demo=store.is_demo, generated=date(dt.date.today()),
                stem=f"{t('pack.file')}_{kode}_{name}_{round_}_{current_lang()}", slides=tuple(slides))


@dataclass(frozen=True)
class _Context:
    kode: str
    level: str
    nama: str
    round: int
    rounds: pd.DataFrame  # survey_rounds under kode
    view: View
    who: Principal  # whose numbers: role (small-cell protection) and wilayah scope

    @property
    def line(self) -> str:
        return text(self.view.line())

    @property
    def unit_level(self) -> str:
        return UNIT_LEVEL[self.level]

    def slide(self, key: str, **parts) -> Slide:
        """A slide of this pack; a chart with nothing in it (every unit hidden, say) is left out, the sentences say
        why."""
        parts["charts"] = tuple(c for c in parts.get("charts", ()) if c.categories)
        return Slide(key=key, title=tx(f"pack.{key}.title", wilayah=self.nama, round=self.round), view_line=self.line,
                     **parts)


# --- the slides --------------------------------------------------------------------------------------------------


def _title(ctx: _Context, store: api.StoreInfo) -> Slide:
    sentences = [tx("pack.title.subtitle", wilayah=text(ctx.view.place), round=ctx.round)]
    if ctx.view.as_of:
        sentences.append(tx("pack.title.as_of", date=ctx.view.as_of))
    if store.is_demo:
        sentences.append(tx("demo.label").capitalize())
    return ctx.slide("title", sentences=tuple(sentences), notes=tx("pack.title.notes", role=ctx.who.role,
                                                                   version=store.version, built=store.built_at))


def _summary(ctx: _Context) -> api.Result:
    """The row of the wilayah itself, as the Peta page's summary line reads it: its level under its parent."""
    parent = ctx.kode[:2] if ctx.level == "kab" else None
    return api.ats_by_wilayah(ctx.who, level=ctx.level, kode_induk=parent, survey_round=ctx.round)


def _headline(ctx: _Context) -> Slide:
    result = _summary(ctx)
    own = result.df[result.df["kode"] == ctx.kode]
    view = ctx.view
    if own.empty or not bool(own["is_surveyed"].iloc[0]):
        return ctx.slide("headline", sentences=(tx("pack.headline.none", wilayah=ctx.nama, round=ctx.round),),
                         notes=_notes((result.source, view)))
    r = own.iloc[0]
    cov = ctx.rounds[ctx.rounds["survey_round"] == ctx.round].iloc[0]
    numbers = (
        (text(view.who()).capitalize() + " " + tx("pack.headline.enumerated"), count_in(r, "n_anak")),
        (tx("pack.headline.n_ats"), count_in(r, "n_ats")),
        (tx("measure.ats_pct"), rate(r["ats_pct"], _hidden(r, "ats_pct"))),
        (tx("pack.headline.coverage"), number(cov["coverage_pct"], 1)),
    )
    sentences = (
        tx("pack.headline.sentence", period=view.period, wilayah=ctx.nama, n_ats=count_in(r, "n_ats"),
           n_anak=count_in(r, "n_anak"), who=view.who(),
           ats_pct=rate(r["ats_pct"], _hidden(r, "ats_pct"))),
        tx("pack.headline.coverage_sentence", n_kel=number(cov["n_kel_enumerated"]), n_kel_total=number(cov["n_kel_total"]),
           coverage=number(cov["coverage_pct"], 1), n_keluarga=count_in(cov, "n_keluarga")),
    )
    categories = tuple(tx(f"kategori.{k}") for k in ("DO", "LTM", "BPB"))
    values = tuple(_value(r, c) for c in ("n_do", "n_ltm", "n_bpb"))
    marks = tuple(count_in(r, c) if _hidden(r, c) else None for c in ("n_do", "n_ltm", "n_bpb"))
    chart = Chart("column", tx("pack.headline.chart"), categories, ((tx("pack.headline.n_ats"), values),), 0,
                  tx("pack.axis.children"), (marks,))
    rounds_source = api.survey_rounds(ctx.who, kode_induk=ctx.kode).source
    return ctx.slide("headline", sentences=sentences, numbers=numbers, charts=(chart,),
                     notes=_notes((result.source, view), (rounds_source, view)))


def _units(ctx: _Context) -> Slide:
    """The units with the most ATS and with the highest rates; a unit whose rate is withheld (too few children, a
    hidden count) or rests on fewer than ATS_MIN_DENOMINATOR children stays out of the rate ranking, and the slide
    says how many."""
    result = api.ats_by_wilayah(ctx.who, level=ctx.unit_level, kode_induk=ctx.kode, survey_round=ctx.round)
    df = result.df[result.df["is_surveyed"].fillna(False).astype(bool)]
    level_word = tx(f"pack.level.{ctx.unit_level}")
    level_word = level_word[:1].upper() + level_word[1:]
    if df.empty:
        return ctx.slide("units", sentences=(tx("pack.units.none", wilayah=ctx.nama, round=ctx.round),),
                         notes=_notes((result.source, ctx.view)))
    by_count = df[df["n_ats"].notna()].sort_values(["n_ats", "nama"], ascending=[False, True]).head(TOP)
    rated = df[df["ats_pct"].notna() & (df["n_anak"] >= protection.min_denominator())]
    by_rate = rated.sort_values(["ats_pct", "nama"], ascending=[False, True]).head(TOP)
    left_out = len(df) - len(rated)
    charts = (
        Chart("bar", tx("pack.units.count_chart", level=level_word), tuple(by_count["nama"]),
              ((text(ctx.view.measure("n_ats")), tuple(_value(r, "n_ats") for _, r in by_count.iterrows())),), 0,
              tx("pack.axis.children")),
        Chart("bar", tx("pack.units.rate_chart", level=level_word), tuple(by_rate["nama"]),
              ((text(ctx.view.measure("ats_pct")), tuple(_value(r, "ats_pct") for _, r in by_rate.iterrows())),), 1,
              tx("pack.axis.per100")),
    )
    top = [f"{r['nama']} ({count(r['n_ats'])})" for _, r in by_count.head(3).iterrows()]
    sentences = [tx("pack.units.count_sentence", units=_listing(top))]
    if len(by_rate):
        first = by_rate.iloc[0]
        sentences.append(tx("pack.units.rate_sentence", nama=first["nama"], ats_pct=number(first["ats_pct"], 1),
                            n_anak=number(first["n_anak"])))
    if left_out:
        sentences.append(tx("pack.units.left_out", n=left_out, level=tx(f"pack.level.{ctx.unit_level}"),
                            min=protection.min_denominator()))
    return ctx.slide("units", sentences=tuple(sentences), charts=charts, notes=_notes((result.source, ctx.view)))


def _map(ctx: _Context, key: str, measure: str) -> Slide:
    """A map of the units (desa/kelurahan of a kab/kota, kab/kota of a province) for `measure`: the static map of
    the Peta page's download (figures/, through ui.figure_files: the screen's classes, legend with counts, the hidden
    and no-data classes, scale bar, north arrow, names, inset, source line) at slide size."""
    result = api.ats_by_wilayah(ctx.who, level=ctx.unit_level, kode_induk=ctx.kode, survey_round=ctx.round)
    notes = _notes((result.source, ctx.view))
    df = result.df
    if api.boundaries(ctx.unit_level, ctx.kode).path is None or not df["is_surveyed"].any():
        said = "pack.map.no_boundaries" if api.boundaries(ctx.unit_level, ctx.kode).path is None else "pack.map.none"
        return ctx.slide(key, sentences=(tx(said, wilayah=ctx.nama, round=ctx.round),), notes=notes)
    from ui.figure_files import map_figure  # matplotlib: loaded when a map is drawn

    figure = map_figure(result, ctx.unit_level, ctx.kode, measure, "quantiles", ctx.view)
    image = Image(text(ctx.view.measure(measure)), figure.render("slide", "png"), 1920, 1080)
    level = tx(f"pack.level.{ctx.unit_level}")
    surveyed = df["is_surveyed"].fillna(False).astype(bool)
    hidden = df.get(f"{measure}_hidden", pd.Series(False, index=df.index)).fillna(False).astype(bool) & surveyed
    if measure == "n_ats":
        sentences = [tx("pack.map.sentence", n=int(surveyed.sum()), total=len(df), level=level)]
        if hidden.any():
            small = int((hidden & df.get("n_ats_small", pd.Series(False, index=df.index)).fillna(False).astype(bool)).sum())
            other = int(hidden.sum()) - small  # complementary cells: a sentence of their own when there are any
            sentences.append(tx("pack.map.hidden" if other else "pack.map.hidden_small", n=int(hidden.sum()), small=small,
                                other=other, k=protection.min_cell()))
    else:
        sentences = [tx("pack.map_rate.sentence", level=level)]
        if hidden.any():
            sentences.append(tx("pack.map_rate.hidden", n=int(hidden.sum()), level=level,
                                d=protection.min_denominator()))
    return ctx.slide(key, sentences=tuple(sentences), images=(image,), notes=notes)


def _trend(ctx: _Context) -> Slide:
    result = api.ats_trend_by_round(ctx.who, level=ctx.level, kode_induk=ctx.kode)
    df = result.df[(result.df["survey_round"] <= ctx.round) & result.df["is_surveyed"].fillna(False).astype(bool)]
    df = df.sort_values("survey_round")
    every = ctx.view.at(period=rounds_words(df["survey_round"]))
    notes = _notes((result.source, every))
    if len(df) < 2:
        return ctx.slide("trend", sentences=(tx("pack.trend.single", wilayah=ctx.nama, round=ctx.round),), notes=notes)
    rounds = tuple(str(int(r)) for r in df["survey_round"])
    charts = (
        Chart("line", text(every.measure("ats_pct")), rounds,
              ((tx("measure.ats_pct"), tuple(_value(r, "ats_pct") for _, r in df.iterrows())),), 1, tx("pack.axis.per100")),
        Chart("column", tx("pack.trend.coverage_chart"), rounds,
              ((tx("pack.trend.coverage_series"), tuple(_value(r, "coverage_pct") for _, r in df.iterrows())),), 1,
              tx("pack.axis.coverage"), ceiling=100),
    )
    last, prev = df.iloc[-1], df.iloc[-2]
    d = last["n_ats"] - prev["n_ats"] if pd.notna(last["n_ats"]) and pd.notna(prev["n_ats"]) else None
    direction = "same" if d is None or d == 0 else "down" if d < 0 else "up"
    sentences = [tx(f"pack.trend.{direction}", wilayah=ctx.nama, prev=int(prev["survey_round"]),
                    round=int(last["survey_round"]), prev_n=count_in(prev, "n_ats"),
                    prev_pct=rate(prev["ats_pct"], _hidden(prev, "ats_pct")),
                    n=count_in(last, "n_ats"), pct=rate(last["ats_pct"], _hidden(last, "ats_pct")))]
    breaks = df[df["is_coverage_break"].fillna(False).astype(bool)]
    if len(breaks):
        sentences.append(tx("pack.trend.break", rounds=_listing([str(int(r)) for r in breaks["survey_round"]])))
    else:
        sentences.append(tx("pack.trend.coverage_same"))
    return ctx.slide("trend", sentences=tuple(sentences), charts=charts, notes=notes)


def _reasons(ctx: _Context) -> Slide:
    result = api.handling_reason_by_kategori(ctx.who, kode=ctx.kode, survey_round=ctx.round)
    df, view = result.df, ctx.view.at(as_of=None)  # the census date is not the handling records' date
    if df.empty:
        return ctx.slide("reasons", sentences=(tx("pack.reasons.none", wilayah=ctx.nama, round=ctx.round),),
                         notes=_notes((result.source, view)))
    # a reason's total over the published categories; a reason with a hidden category ranks by those and its total
    # is not said (small-cell protection: "< k" is a cell's mark, not a sum's)
    totals = df.groupby("alasan")["n_confirmed"].sum().sort_values(ascending=False)
    partial = set(df.loc[df["n_confirmed"].isna(), "alasan"])
    order = list(totals.index[:TOP_REASONS])
    kategori = [k for k in ("DO", "LTM", "BPB") if (df["kategori_ats"] == k).any()]
    cell = df.set_index(["alasan", "kategori_ats"])["n_confirmed"]
    series = tuple((tx(f"kategori.{k}"), tuple(_value(cell, (a, k)) if (a, k) in cell.index else None for a in order))
                   for k in kategori)
    chart = Chart("stacked_bar", tx("pack.reasons.chart"), tuple(tx(f"alasan.{a}") for a in order), series, 0,
                  tx("pack.axis.children"))
    top = [tx(f"alasan.{a}").lower() + ("" if a in partial else f" ({number(totals[a])})") for a in order[:3]]
    sentences = [tx("pack.reasons.sentence_partial", reasons=_listing(top), k=protection.min_cell()) if partial
                 else tx("pack.reasons.sentence", reasons=_listing(top), n=number(totals.sum()))]
    return ctx.slide("reasons", sentences=tuple(sentences), charts=(chart,), notes=_notes((result.source, view)))


def _per100_confirmed(r: pd.Series) -> str:
    """The returns per 100 confirmed of a round's summary row, or that small-cell protection withholds it (a
    withheld rate is said in words, not as "ditahan per 100")."""
    if _hidden(r, "return_pct"):
        return tx("pack.handling.per100_withheld")
    return tx("pack.handling.per100", pct=rate(r["return_pct"], False))


def _handling(ctx: _Context) -> Slide:
    funnel = api.handling_funnel(ctx.who, kode=ctx.kode, survey_round=ctx.round)
    summary = api.handling_summary_by_round(ctx.who, kode=ctx.kode)
    df, per_round = funnel.df, summary.df[summary.df["survey_round"] <= ctx.round]
    as_of = date(df["as_of"].iloc[0]) if len(df) else None
    view = ctx.view.at(as_of=as_of)
    every = view.at(period=rounds_words(per_round["survey_round"]))
    notes = _notes((funnel.source, view), (summary.source, every))
    if df.empty:
        return ctx.slide("handling", sentences=(tx("pack.handling.none", wilayah=ctx.nama, round=ctx.round),),
                         notes=notes)
    steps = [r for _, r in df.iterrows()]
    charts = [Chart("bar", tx("pack.handling.funnel_chart"), tuple(tx(f"step.{s}") for s in df["step"]),
                    ((tx("pack.axis.children"), tuple(_value(r, "n") for r in steps)),), 0,
                    tx("pack.axis.children"), (_marks(steps, "n"),))]
    if len(per_round) > 1:
        rounds_rows = [r for _, r in per_round.iterrows()]
        charts.append(Chart("column", tx("pack.handling.returns_chart"), tuple(str(int(r)) for r in per_round["survey_round"]),
                            ((tx("pack.handling.returned_series"), tuple(_value(r, "n_returned") for r in rounds_rows)),),
                            0, tx("pack.axis.children"), (_marks(rounds_rows, "n_returned"),)))
    sentences = []
    row = per_round[per_round["survey_round"] == ctx.round]
    if len(row):
        r = row.iloc[0]
        # a small hidden count reads "< k", a complementary one "disembunyikan", a withheld rate "ditahan" (small-cell
        # protection, as on the page)
        sentences.append(tx("pack.handling.sentence", n_identified=count_in(r, "n_identified"),
                            round=ctx.round, n_confirmed=count_in(r, "n_confirmed"),
                            n_returned=count_in(r, "n_returned"), per100=_per100_confirmed(r), as_of=as_of or "–"))
        if pd.notna(r["retention_pct"]) and r["n_retention_base"] > 0:
            sentences.append(tx("pack.handling.retention", retained=count_in(r, "n_retained"),
                                base=number(r["n_retention_base"]), pct=number(r["retention_pct"], 1)))
    rounds = set(api.survey_rounds(ctx.who, kode_induk=ctx.kode).df["survey_round"])
    if in_progress(ctx.round, rounds, df["as_of"].iloc[0]):  # as the Penanganan page says it
        prev = per_round[per_round["survey_round"] == ctx.round - 1]
        if len(prev):
            p = prev.iloc[0]
            sentences.append(tx("pack.handling.in_progress_prev", round=ctx.round, prev=ctx.round - 1,
                                n_returned=count_in(p, "n_returned"), per100=_per100_confirmed(p)))
        else:
            sentences.append(tx("pack.handling.in_progress", round=ctx.round))
    return ctx.slide("handling", sentences=tuple(sentences), charts=tuple(charts), notes=notes)


def _kla(ctx: _Context) -> Slide:
    """The cluster IV scorecard of a kab/kota for the year of the round; a province's pack says that KLA is judged
    per kab/kota (each kab/kota's pack has its scorecard)."""
    if ctx.level != "kab":
        return ctx.slide("kla", sentences=(tx("pack.kla.province"),))
    card = api.kla_indicators_by_kab(ctx.who, tahun=ctx.round, kode_kab=ctx.kode, framework=KLA_YEAR_FRAMEWORK)
    evaluations = api.kla_evaluasi_by_kab(ctx.who, kode_kab=ctx.kode)
    view = ctx.view.at(period=tx("view.year", year=ctx.round))
    notes = _notes((card.source, view), (evaluations.source, view))
    df = card.df[card.df["nilai"].notna()]
    withheld = card.df["nilai_hidden"].astype(bool)  # census values small-cell protection withholds: "ditahan"
    if df.empty and not withheld.any():
        return ctx.slide("kla", sentences=(tx("pack.kla.none", wilayah=ctx.nama, tahun=ctx.round),), notes=notes)
    from ui.kla import fmt_value  # the scorecard's own value format (ui.kla: Plotly-free helpers)

    english = lang() == "en"
    rows = tuple(
        (r["kode"], r["indikator_en"] if english else r["indikator"], fmt_value(r["nilai"], r["satuan"], hidden),
         ("≤ " if r["polaritas"] == "turun" else "≥ ") + fmt_value(r["target"], r["satuan"]),
         fmt_value(None, r["satuan"], True) if hidden else
         tx(f"kla.status.{r['status']}") if isinstance(r["status"], str) else tx("kla.status.none"))
        for (_, r), hidden in zip(card.df.iterrows(), withheld))
    table = Table(tuple(tx(f"kla.col.{c}") for c in ("kode", "indikator", "nilai", "target", "status")), rows,
                  tuple(s if isinstance(s, str) else None for s in card.df["status"]))
    status = df["status"].value_counts()
    sentences = [tx("pack.kla.sentence", tahun=ctx.round, n=len(df), hijau=int(status.get("hijau", 0)),
                    kuning=int(status.get("kuning", 0)), merah=int(status.get("merah", 0)))]
    red = df[df["status"] == "merah"]
    if len(red):
        sentences.append(tx("pack.kla.red", indicators=_listing(list(red["indikator_en" if english else "indikator"]))))
    tier = evaluations.df[evaluations.df["tahun"] == ctx.round]
    if len(tier) and isinstance(tier["tier"].iloc[0], str):
        sentences.append(tx("pack.kla.tier", tahun=ctx.round, tier=tier["tier"].iloc[0]))
    return ctx.slide("kla", sentences=tuple(sentences[:3]), tables=(table,), notes=notes)


def _closing(ctx: _Context, store: api.StoreInfo) -> Slide:
    # the pack's own definitions of children and ATS: the page's (def.*) speak of the filters, which a pack has not
    bullets = [f"{tx(f'pack.closing.term.{c}')}: {tx(f'pack.closing.def.{c}')}" for c in ("n_anak", "n_ats")]
    bullets.append(f"{tx('pack.closing.term.ats_pct')}: {tx('def.ats_pct')}")
    bullets += [tx("pack.closing.categories"), tx("pack.closing.coverage"),
                tx("pack.closing.protection", k=protection.min_cell(), k1=protection.min_cell() - 1,
                             d=protection.min_denominator())]
    sources = [tx("pack.closing.census"), tx("pack.closing.handling"), tx("pack.closing.kla"),
               tx("pack.closing.version", version=store.version, built=store.built_at)]
    if store.is_demo:
        sources.append(tx("demo.banner").replace("**", ""))
    return ctx.slide("closing", bullets=tuple(bullets), sentences=tuple(sources),
                     notes=tx("pack.closing.notes"))
