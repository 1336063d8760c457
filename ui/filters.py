"""Global filters: one frozen dataclass built from sidebar widgets and mirrored in the URL.

app.py calls render(who) once per run (before the page); pages call current(). A copied link
reproduces the view: every non-default value is written to st.query_params, and on a session's
first run the widgets start from the URL (unknown values are reported and ignored).

The filters are for the logged-in principal `who` (Filters.who, which pages pass to data.api): they offer only the
wilayah inside its scope (the levels above the scope show the scope's own units, nothing else), the default wilayah
is the scope's when Kota Palopo lies outside it, and a link naming a wilayah outside the scope says so, falls back to
the scope and is written to the audit trail. Convenience only: data.queries refuses such a wilayah anyway.
"""

import re
from dataclasses import dataclass, field

import streamlit as st

from data import api
from data.accounts import Principal
from domain.codes import AGE_GROUPS, KATEGORI_ATS, SEXES
from ui import login
from ui.i18n import LANGS, t
from ui.safe import LIMIT, Markdown, join

DEFAULT_PROV, DEFAULT_KAB = "73", "73.73"  # Sulawesi Selatan, Kota Palopo
CODE = re.compile(r"\d{2}\.\d{2}(\.\d{2})?")  # a kab/kota or kecamatan code, whose parents a link implies
# The "all" / "latest" choice of a selectbox. Not None: Streamlit shows a selectbox whose state is
# set to None as having no selection ("Choose an option") instead of the option labelled for None.
ALL = ""
# widget key -> URL parameter
URL_KEYS = {
    "lang": "lang",
    "f_prov": "prov",
    "f_kab": "kab",
    "f_kec": "kec",
    "f_round": "round",
    "f_sex": "sex",
    "f_age": "age",
    "f_kategori": "kategori",
    "f_disability": "disabilitas",
    # page widgets that shape a view are part of the link too
    "peta_level": "tingkat",
    "peta_measure": "ukuran",
    "peta_method": "kelas",
    "tren_by": "rincian",
    "kla_framework": "kerangka",
    "kla_tahun": "tahun",
    "kla_indikator": "indikator",
}
# the other names a link may carry: a page's own (ui.profile.URL_NAME, ui.banding.URL_NAME, pack.present.PARAM and
# SLIDE, ui.tren.URL_NAME, ui.peta.URL_NAME), not a widget's
PAGE_URL_NAMES = ("unit", "banding", "presentasi", "slide", "bagian", "tabel")
STREAMLIT_URL_NAMES = ("embed", "embed_options")  # Streamlit's own (an embedded app), not said to a reader


def url_names() -> tuple[str, ...]:
    """Every parameter name a link of the app may carry, in the order a reader is told them."""
    return (*URL_KEYS.values(), *PAGE_URL_NAMES)


@dataclass(frozen=True)
class Filters:
    kode_prov: str | None
    kode_kab: str | None = None
    kode_kec: str | None = None
    survey_round: int | None = None  # None = latest round with data
    sex: str | None = None
    age_group: str | None = None
    kategori_ats: str | None = None
    has_disability: bool | None = None
    who: Principal = field(kw_only=True)  # whom the view is for: the first argument of every data.api read

    @property
    def kode(self) -> str | None:
        """The most specific wilayah chosen."""
        return self.kode_kec or self.kode_kab or self.kode_prov

    @property
    def path(self) -> tuple[str, ...]:
        return tuple(k for k in (self.kode_prov, self.kode_kab, self.kode_kec) if k)

    def map_levels(self) -> tuple[str, ...]:
        """Levels a map can show under the chosen wilayah, most natural first."""
        if self.kode_kec:
            return ("kel",)
        if self.kode_kab:
            return ("kel", "kec")
        return ("kab", "kec", "kel")

    def query_params(self) -> dict:
        """The filters as parameters of the read queries (beyond level and kode_induk)."""
        return {
            "survey_round": self.survey_round,
            "sex": self.sex,
            "age_group": self.age_group,
            "has_disability": self.has_disability,
            "kategori_ats": self.kategori_ats,
        }


def current() -> Filters:
    return st.session_state["filters"]


WILAYAH_KEYS = ("f_prov", "f_kab", "f_kec")
CODE = re.compile(r"\d{2}(\.\d{2}){0,2}")  # what a wilayah filter of a link holds: a province, kab/kota or kecamatan


def scope_path(who: Principal) -> tuple[str, ...]:
    """The codes the scope fixes, province first: () for all of Indonesia, ('73', '73.05') for Takalar."""
    return tuple(who.scope[:n] for n in (2, 5, 8) if len(who.scope) >= n)


def _default_path(who: Principal) -> tuple[str, ...]:
    """The wilayah a session opens on: Kota Palopo, else (outside the scope) the scope itself."""
    return (DEFAULT_PROV, DEFAULT_KAB) if who.covers(DEFAULT_KAB) else scope_path(who)


def _allowed(who: Principal, kode: str) -> bool:
    """A wilayah a filter may hold: inside the scope, or one of the units above it that the scope fixes."""
    return who.covers(kode) or kode in scope_path(who)


def link_problem(name: str, value) -> None:
    """A value of the link's `name` that the page does not understand: said once at the top of the page on the
    session's first run (finish())."""
    problems = st.session_state.setdefault("_url_problems", [])
    if (name, value) not in problems:
        problems.append((name, value))


def first_link_value(name: str) -> str | None:
    """The link's value of a page's own parameter `name` (Tren's bagian, the profile's unit, Peta's tabel,
    Bandingkan's units) on the session's first run; None on later runs, which follow the page's own state."""
    if st.session_state.get("_first_run_done") or name not in st.query_params:
        return None
    return st.query_params[name]


def set_link(name: str, value: str | None) -> None:
    """A page's own view choice in the link, so that a copied link opens the same view: `value`, or left out (None:
    the default, as a default filter is)."""
    if value is None:
        if name in st.query_params:
            del st.query_params[name]
    elif st.query_params.get(name) != value:
        st.query_params[name] = value


def link_language() -> None:
    """The link's language (`lang=en`) in force from the top of a session's first run: the navigation, the login box
    and the store's messages are made before render() seeds the filters from the link, and said Indonesian on an
    English link until the next click. A value that is no language is left for render() to report."""
    if not st.session_state.get("_url_loaded") and "lang" not in st.session_state and "lang" in st.query_params:
        st.session_state["lang"] = st.query_params["lang"]


def _from_url(who: Principal) -> None:
    """On a session's first run, seed widget state from the URL; remember what was not understood, and a wilayah
    outside the scope (said, audited, and replaced by the scope)."""
    if st.session_state.get("_url_loaded"):
        return
    st.session_state["_url_loaded"] = True
    st.session_state["_url_problems"] = []
    params = st.query_params
    for key, name in URL_KEYS.items():
        if name in params:
            st.session_state[key] = params[name]
    st.session_state["_url_values"] = {key: params[name] for key, name in URL_KEYS.items() if name in params}
    # a name the app does not know (/peta?jk=P for sex=P) would be ignored without a word: finish() says so
    st.session_state["_url_unknown"] = [n for n in params if n not in url_names() and n not in STREAMLIT_URL_NAMES]
    if "prov" not in params and "kab" not in params and "kec" not in params:
        for key, kode in zip(WILAYAH_KEYS, _default_path(who)):
            st.session_state.setdefault(key, kode)
        st.session_state["_opened_on"] = _default_path(who)  # nobody chose it: a login elsewhere leaves it silently
    elif "kab" not in params and "kec" not in params:
        # A link that names a province and no kab/kota is the province-wide view ("Semua" is not written to the
        # URL, being empty): not the default kab/kota, which would also refuse the link's level (tingkat=kab).
        st.session_state["f_kab"] = ALL
    # Codes are hierarchical: a link naming only a kecamatan or kab/kota implies its parents.
    for key, parent, length in (("f_kec", "f_kab", 5), ("f_kab", "f_prov", 2)):
        code = st.session_state.get(key)
        if isinstance(code, str) and CODE.fullmatch(code) and len(code) > length and parent not in params_keys(params):
            st.session_state[parent] = code[:length]
    named = [st.session_state.get(key) for key in WILAYAH_KEYS]  # text that is no code is left for select() to report
    outside = next((k for k in named if isinstance(k, str) and CODE.fullmatch(k) and not _allowed(who, k)), None)
    if outside is not None:
        st.session_state["_scope_problem"] = outside
        login.refuse_out_of_scope(who, outside)
        for key in WILAYAH_KEYS:
            st.session_state[key] = ALL
        for key, kode in zip(WILAYAH_KEYS, scope_path(who)):
            st.session_state[key] = kode


def _fit_scope(who: Principal) -> None:
    """After a login to a narrower scope than the session had (a link opened, or a wilayah chosen, before logging in),
    a wilayah held outside it falls back to the scope, and finish() says so: not silently another place. A wilayah the
    scope fixes above it is no view of its own (the province of a kab/kota analyst: its "all" is not offered)."""
    held = [st.session_state.get(key) for key in WILAYAH_KEYS]
    codes = [k for k in held if isinstance(k, str) and CODE.fullmatch(k)]
    if not codes or who.covers(codes[-1]):
        return
    if tuple(codes) != st.session_state.get("_opened_on"):  # the default the session opened on is nobody's choice
        st.session_state["_scope_fallback"] = codes[-1]
    for key in WILAYAH_KEYS:
        st.session_state[key] = ALL
    for key, kode in zip(WILAYAH_KEYS, scope_path(who)):
        st.session_state[key] = kode


def _relabel() -> None:
    """On a language switch, set every selectbox's value to itself: Streamlit 1.67 keeps showing the label the
    old language gave the selected option until the value is set again (streamlit/streamlit#13788)."""
    for key in SELECT_KEYS & set(st.session_state.keys()):
        st.session_state[key] = st.session_state[key]


def params_keys(params) -> set[str]:
    """Widget keys present in the URL."""
    return {key for key, name in URL_KEYS.items() if name in params}


# the keys of the selectboxes made by select(), whose labels change with the language
SELECT_KEYS: set[str] = set()


def select(container, key: str, label: str, options, fmt, default=None):
    """A selectbox whose state may hold a stale or bogus value (from the URL, a parent change or a login to another
    scope): such a value falls back to `default` (when it is an option, else the first option), and one from the URL
    is reported on a session's first run."""
    SELECT_KEYS.add(key)
    options = list(options)
    value = st.session_state.get(key)
    if value not in options:
        url = st.session_state.get("_url_values", {})
        from_url = key in url and str(url[key]) == str(value)  # not a default a login to another scope left out
        if value not in (None, "") and from_url and not st.session_state.get("_first_run_done"):
            link_problem(URL_KEYS.get(key, key), value)
        st.session_state[key] = default if default in options else options[0]
    return container.selectbox(label, options, format_func=fmt, key=key, placeholder=t("filter.choose"))



def _unit_label(units):
    names = dict(zip(units["kode"], units["nama"]))
    no_data = set(units.loc[~units["has_data"], "kode"])

    def label(kode):
        if kode == ALL:
            return t("filter.all")
        suffix = f" ({t('filter.no_data')})" if kode in no_data else ""
        return f"{names[kode]}{suffix}"

    return label


def _round_value(raw):
    """Round from widget state, which may be text straight from the URL."""
    if isinstance(raw, str) and raw.isdigit():
        return int(raw)
    return ALL if raw is None else raw  # anything else is left for select() to report


def _units(who: Principal, depth: int, parent: str | None):
    """The units a filter level offers, and whether it offers "all" too: at a level the scope fixes, the scope's own
    unit alone; below, the units under `parent` inside the scope (data.api.wilayah_by_induk)."""
    fixed = scope_path(who)
    if depth < len(fixed):
        units = api.wilayah_by_kode([fixed[depth]])[["kode", "nama"]].assign(has_data=True)
        return units, False
    return api.wilayah_by_induk(who, parent), True


def render(who: Principal) -> Filters:
    _from_url(who)
    _fit_scope(who)
    sb = st.sidebar
    if st.session_state.get("lang") not in LANGS:
        if st.session_state.get("lang") not in (None, ""):
            link_problem("lang", st.session_state["lang"])
        st.session_state["lang"] = "id"
    sb.radio(t("lang.label"), LANGS, key="lang", horizontal=True, format_func={"id": "Indonesia", "en": "English"}.get,
             on_change=_relabel)
    sb.header(t("filter.header"))

    provinces, _ = _units(who, 0, None)
    with_data = provinces[provinces["has_data"]]
    prov_units = with_data if len(with_data) else provinces
    prov = select(sb, "f_prov", t("filter.prov"), list(prov_units["kode"]), _unit_label(provinces), DEFAULT_PROV)

    kabs, any_kab = _units(who, 1, prov)
    kab = select(sb, "f_kab", t("filter.kab"), [ALL] * any_kab + [*kabs["kode"]], _unit_label(kabs), DEFAULT_KAB)

    kec = ALL
    if kab:
        kecs, any_kec = _units(who, 2, kab)
        kec = select(sb, "f_kec", t("filter.kec"), [ALL] * any_kec + [*kecs["kode"]], _unit_label(kecs))
    else:
        st.session_state["f_kec"] = ALL

    rounds = api.survey_rounds(who, kode_induk=kec or kab or prov).df
    round_options = [ALL, *(int(r) for r in sorted(rounds["survey_round"], reverse=True))]
    st.session_state["f_round"] = _round_value(st.session_state.get("f_round"))
    latest = f"{t('filter.round.latest')} ({round_options[1]})" if len(round_options) > 1 else t("filter.round.latest")
    survey_round = select(sb, "f_round", t("filter.round"), round_options, lambda r: latest if r == ALL else str(r))

    sex = select(sb, "f_sex", t("filter.sex"), [ALL, *SEXES], lambda s: t(f"sex.{s}") if s else t("filter.all"))
    age = select(sb, "f_age", t("filter.age"), [ALL, *AGE_GROUPS], lambda a: t(f"age.{a or 'all'}"))
    kategori = select(sb, "f_kategori", t("filter.kategori"), [ALL, *KATEGORI_ATS], lambda k: t(f"kategori.{k}") if k else t("filter.all"))
    disability = select(
        sb, "f_disability", t("filter.disability"), [ALL, "ya", "tidak"],
        lambda d: {ALL: t("filter.all"), "ya": t("disability.true"), "tidak": t("disability.false")}[d],
    )

    filters = Filters(
        kode_prov=prov,
        kode_kab=kab or None,
        kode_kec=kec or None,
        survey_round=survey_round or None,
        sex=sex or None,
        age_group=age or None,
        kategori_ats=kategori or None,
        has_disability={ALL: None, "ya": True, "tidak": False}[disability],
        who=who,
    )
    st.session_state["filters"] = filters
    st.session_state["_notice_box"] = st.container()
    return filters


def finish() -> None:
    """After the page ran: mirror every view widget in the URL; on the first run, report URL values
    that were not understood (at the top of the page)."""
    _to_url()
    if not st.session_state.get("_first_run_done"):
        st.session_state["_first_run_done"] = True
        for name, value in st.session_state.get("_url_problems", []):
            text = str(value)  # shown shortened (ui.safe.plain); a long one says so and how long it was
            key = "filter.bad_url_cut" if len(text) > LIMIT else "filter.bad_url"
            st.session_state["_notice_box"].warning(t(key, name=name, value=text, n=len(text)))
        unknown = st.session_state.pop("_url_unknown", [])
        if unknown:  # said once, and taken out of the link, so that a copy of it does not carry them on
            st.session_state["_notice_box"].warning(t("filter.unknown_url", n=len(unknown), names=join(unknown),
                                                      known=Markdown(", ".join(url_names()))))
            for name in unknown:
                del st.query_params[name]
        outside = st.session_state.pop("_scope_problem", None)
        if outside is not None:  # its name from the public list of codes; no number of it is read
            names = api.wilayah_by_kode([outside])
            place = f"{names['nama'].iloc[0]} ({outside})" if len(names) else outside
            st.session_state["_notice_box"].warning(t("scope.link_outside", place=place, scope=login.scope_text(current().who)))
    fallback = st.session_state.pop("_scope_fallback", None)
    if fallback is not None:  # held before a login to a narrower scope: said, not audited (no attempt was made)
        names = api.wilayah_by_kode([fallback])
        place = f"{names['nama'].iloc[0]} ({fallback})" if len(names) else fallback
        st.session_state["_notice_box"].warning(t("scope.after_login", place=place, scope=login.scope_text(current().who)))


def _to_url() -> None:
    wanted = {}
    for key, name in URL_KEYS.items():
        value = st.session_state.get(key)
        if value not in (None, ""):
            wanted[name] = str(value)
    if wanted.get("lang") == "id":
        del wanted["lang"]
    for name in list(st.query_params):
        if name in URL_KEYS.values() and name not in wanted:
            set_link(name, None)
    for name, value in wanted.items():
        set_link(name, value)


def choose_round(survey_round: int) -> None:
    """Choose a survey round from a page (a button callback): the same as picking it in the sidebar."""
    st.session_state["f_round"] = int(survey_round)


def drill_to(kode: str) -> None:
    """Choose a wilayah (from a map click or the breadcrumb): set the filter levels down to it."""
    parts = {2: "f_prov", 5: "f_kab", 8: "f_kec"}
    for length, key in parts.items():
        st.session_state[key] = kode[:length] if len(kode) >= length else ALL


def sync_url() -> None:
    """Mirror the view widgets in the URL now: for a fragment's own rerun, which does not reach finish()."""
    _to_url()
