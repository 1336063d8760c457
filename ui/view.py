"""One description of what a page shows: the place in words (the breadcrumb names), the round or year, and every
active filter in words, in the UI language. Every headline, legend title, chart title, table header, source line and
export reads it, so the words on screen and in a file follow the filters: a figure that names the wrong population
("dari 217 anak 7-18" while only girls 13-15 with disabilities are counted) is worse than none.

A View is a frozen value. build() makes the page's view from the global filters; for_source() narrows it to the
filters a query was given (targets and the KLA indicators take none, the participation indicators no age or
category), so a title never claims a filter its numbers do not follow, and an export says which ones did not apply.
"""

from dataclasses import dataclass, replace

import pandas as pd

from data import api
from ui import filters as ui_filters
from ui.fmt import date
from ui.i18n import CATALOGUE, t
from ui.safe import Markdown, plain

FILTERS = ("sex", "age_group", "has_disability", "kategori_ats")  # the population filters, in the order they are said


def upper_first(text: str) -> str:
    """'ATS per 100 anak' stays, 'putus sekolah (DO)' becomes 'Putus sekolah (DO)' (str.capitalize would lower DO).
    Catalogue text (Markdown the code made) stays Markdown, so t() takes it as it is."""
    out = text[:1].upper() + text[1:]
    return Markdown(out) if isinstance(text, Markdown) else out


@dataclass(frozen=True)
class View:
    places: tuple[str, ...]  # breadcrumb names, province first
    period: str | None = None  # "putaran 2025", "putaran 2021–2026", "tahun 2024", in words
    as_of: str | None = None  # the data's date in words (census reference date, last handling record)
    sex: str | None = None
    age_group: str | None = None
    has_disability: bool | None = None
    kategori_ats: str | None = None
    ignored: tuple[str, ...] = ()  # active filters (their words) that the numbers described do not follow

    # --- the parts, in words ---------------------------------------------------------------------------------

    @property
    def place(self) -> str:
        return Markdown(" › ".join(plain(p) for p in self.places))  # names from the store: as text

    @property
    def name(self) -> str:
        """The most specific place: what a headline names."""
        return self.places[-1] if self.places else "–"

    def active(self) -> dict[str, object]:
        return {k: getattr(self, k) for k in FILTERS if getattr(self, k) is not None}

    def filter_word(self, name: str, value=None) -> str:
        value = getattr(self, name) if value is None else value
        if name == "sex":
            return t(f"view.sex.{value}")
        if name == "age_group":
            return t("view.age", age=value)
        if name == "has_disability":
            return t(f"view.disability.{str(bool(value)).lower()}")
        return t(f"view.kategori.{value}")

    def filter_words(self) -> list[str]:
        return [self.filter_word(k) for k in self.active()]

    def line(self) -> str:
        """Place · period · every active filter: 'Sulawesi Selatan › Kota Palopo · putaran 2025 · perempuan ·
        13-15 tahun · dengan disabilitas · putus sekolah (DO)'."""
        return Markdown(" · ".join(p for p in (self.place, self.period, *self.filter_words()) if p))

    def who(self) -> str:
        """The children counted (the denominator): 'anak 7-18', 'anak perempuan 13-15 tahun dengan disabilitas'."""
        parts = [t(f"view.who.{self.sex or 'all'}"), t("view.age", age=self.age_group) if self.age_group else "7-18"]
        if self.has_disability is not None:
            parts.append(self.filter_word("has_disability"))
        return Markdown(" ".join(parts))  # catalogue words

    def ats(self) -> str:
        """What n_ats counts, short: 'ATS', or the chosen category 'putus sekolah (DO)'."""
        return self.filter_word("kategori_ats") if self.kategori_ats else t("view.ats")

    def ats_noun(self) -> str:
        """What n_ats counts, as a headline says it: 'anak tidak sekolah', 'anak putus sekolah (DO)'."""
        if self.kategori_ats:
            return t("view.ats_noun.kategori", what=self.filter_word("kategori_ats"))
        return t("view.ats_noun")

    def measure(self, measure: str) -> str:
        """The title of a measure of the ATS queries (n_ats, ats_pct, n_do, n_ltm, n_bpb) for this population."""
        return upper_first(t(f"view.measure.{measure}", ats=self.ats(), who=self.who()))

    def column(self, column: str) -> str:
        """A table header: the counts and rates that follow the filters say whom they count."""
        if column == "n_anak":
            return upper_first(self.who())
        if column == "n_ats":
            return upper_first(self.ats())
        if column == "ats_pct":
            return upper_first(t("view.col.ats_pct", ats=self.ats()))
        return t(f"col.{column}")

    def short_column(self, column: str) -> str:
        """The short header of a column in a table of many (ui.widgets.data_table: its numbers 80 px wide at a 1366
        px page; column() in full is the column's help and the files' header): the programme's abbreviations in both
        languages ("ATS per 100", not "Out of school per 100", cut to "Out of school" beside the count's "Out of
        school"), the age of the children counted, the chosen category; at most 13 characters."""
        if column == "n_anak":
            return t("view.head.n_anak", age=self.age_group or "7-18")
        if column in ("n_ats", "ats_pct") and self.kategori_ats:
            return t(f"view.head.{column}.kategori", k=self.kategori_ats)
        key = f"view.head.{column}"
        return t(key) if key in CATALOGUE else t(f"col.{column}")

    # --- narrowing ------------------------------------------------------------------------------------------

    def without(self, *names: str) -> "View":
        """The view of numbers that do not follow the filters `names` (said in `ignored` when they are active)."""
        dropped = [self.filter_word(n) for n in names if getattr(self, n) is not None]
        return replace(self, **{n: None for n in names}, ignored=self.ignored + tuple(dropped))

    def for_source(self, source: api.Source) -> "View":
        """The view of one query's numbers: only the filters the query was given."""
        return self.without(*(n for n in FILTERS if n not in source.params))

    def at(self, **changes) -> "View":
        return replace(self, **changes)


def round_words(survey_round) -> str | None:
    return None if survey_round is None or pd.isna(survey_round) else t("view.round", round=int(survey_round))


def rounds_words(rounds) -> str | None:
    """'putaran 2021–2026' (every round in between need not have been held), 'putaran 2025' for one."""
    rounds = sorted({int(r) for r in rounds if pd.notna(r)})
    if not rounds:
        return None
    if len(rounds) == 1:
        return round_words(rounds[0])
    return t("view.rounds", first=rounds[0], last=rounds[-1])


def census_date(who, kode: str | None, survey_round) -> str | None:
    """The reference date of a census round in wilayah `kode`, in words (survey_rounds: the earliest in it), as
    `who` may read it."""
    if survey_round is None or pd.isna(survey_round):
        return None
    rounds = api.survey_rounds(who, kode_induk=kode).df
    row = rounds[rounds["survey_round"] == int(survey_round)]
    return date(row["reference_date"].iloc[0]) if len(row) and pd.notna(row["reference_date"].iloc[0]) else None


def years_words(years) -> str | None:
    years = sorted({int(y) for y in years if pd.notna(y)})
    if not years:
        return None
    return t("view.year", year=years[0]) if len(years) == 1 else t("view.years", first=years[0], last=years[-1])


def build(f: ui_filters.Filters, *, period: str | None = None, as_of: str | None = None, levels: int = 3) -> View:
    """The view of the global filters `f`; `period` and `as_of` in words, from what the page's queries returned;
    `levels` of the path are named (2: province and kab/kota, for what is judged per kab/kota)."""
    path = f.path[:levels]
    names = api.wilayah_by_kode(path)
    names = dict(zip(names["kode"], names["nama"]))
    return View(
        places=tuple(names.get(k, k) for k in path),
        period=period,
        as_of=as_of,
        sex=f.sex,
        age_group=f.age_group,
        has_disability=f.has_disability,
        kategori_ats=f.kategori_ats,
    )
