"""A page's link reproduces its view: every page at every wilayah level (and the map at every level it offers),
opened fresh from the URL the app wrote, shows the same filters and page choices and says nothing about the link.
And the map's level follows the wilayah: a whole province is shown by kab/kota, not by its thousands of desa."""

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import needs_shared, open_app

pytestmark = needs_shared
PAGES = {"peta": "views/peta.py", "tren": "views/tren.py", "penanganan": "views/penanganan.py", "kla": "views/kla.py"}
# the sidebar choices of each wilayah level (kab "" is "Semua": the whole province)
WILAYAH = {"prov": {"f_kab": ""}, "kab": {"f_kab": "73.73"}, "kec": {"f_kab": "73.73", "f_kec": "73.73.01"}}
MAP_LEVELS = {"prov": ("kab", "kec", "kel"), "kab": ("kel", "kec"), "kec": ("kel",)}
CASES = [(page, wilayah, level) for page in PAGES for wilayah in WILAYAH
         for level in (MAP_LEVELS[wilayah] if page == "peta" else (None,))]


def opened(page: str, **query) -> AppTest:
    return open_app(PAGES[page], **query)


def state(at: AppTest) -> dict:
    """What the view is: the filters and the page's own choices that are part of a link."""
    from ui.filters import URL_KEYS

    page_keys = [k for k in URL_KEYS if not k.startswith("f_") and k != "lang" and k in at.session_state]
    return {"filters": at.session_state["filters"], **{k: at.session_state[k] for k in page_keys}}


def link_warnings(at: AppTest) -> list[str]:
    return [w.value for w in at.warning if "Tautan" in w.value or "link" in w.value.lower()]


@pytest.mark.parametrize(("page", "wilayah", "level"), CASES, ids=[f"{p}-{w}-{lv or 'page'}" for p, w, lv in CASES])
def test_every_view_round_trips_through_its_link(use_store, page, wilayah, level):
    at = opened(page)
    for key, value in WILAYAH[wilayah].items():
        at.sidebar.selectbox(key=key).set_value(value).run()
    at.sidebar.selectbox(key="f_sex").set_value("P").run()
    if level:
        at.selectbox(key="peta_level").set_value(level).run()
    assert not at.exception, at.exception
    shown = state(at)
    assert shown["filters"].kode == {"prov": "73", "kab": "73.73", "kec": "73.73.01"}[wilayah]
    if level:
        assert shown["peta_level"] == level
    link = {k: v for k, v in at.query_params.items()}

    again = opened(page, **link)
    assert link_warnings(again) == [], (link, link_warnings(again))
    assert state(again) == shown, link
    assert {k: v for k, v in again.query_params.items()} == link


def test_the_province_breadcrumb_link_shows_the_province_by_kab(use_store):
    """The breadcrumb's province: the province by kab/kota, and its link the same (it showed Kota Palopo)."""
    at = opened("peta", tabel="1")  # the unit table open: its link keeps it open
    at.button(key="crumb_73").click().run()
    assert at.session_state["filters"].kode == "73" and at.session_state["peta_level"] == "kab"
    again = opened("peta", **{k: v for k, v in at.query_params.items()})
    assert again.session_state["filters"].kode == "73" and again.session_state["peta_level"] == "kab"
    assert at.dataframe[0].value["kode"].str.len().eq(5).all() and again.dataframe[0].value.equals(at.dataframe[0].value)


def test_tren_link_of_a_province_shows_the_province(use_store):
    at = opened("tren", prov="73")
    assert at.session_state["filters"].kode == "73" and link_warnings(at) == []


def shows_participation(at: AppTest, heading: str) -> bool:
    return any(h.value.startswith(heading) for h in at.subheader)


def test_the_open_tren_tab_round_trips_through_its_link(use_store):
    """Tren's sections are tabs of which only the open one runs: the open tab is in the link (`bagian=`, the first
    left out), a copied link opens it, and a change of language keeps it (its state is its label)."""
    from tests.conftest import open_tren_tab

    at = open_tren_tab(opened("tren", kab="73.73"), "participation")
    assert shows_participation(at, "Indikator partisipasi sekolah") and at.query_params["bagian"] in ("aps", ["aps"])
    link = {k: v for k, v in at.query_params.items()}
    again = opened("tren", **link)
    assert link_warnings(again) == [] and shows_participation(again, "Indikator partisipasi sekolah")
    again.sidebar.radio(key="lang").set_value("en").run()
    assert shows_participation(again, "School participation indicators")
    assert again.query_params["bagian"] in ("aps", ["aps"])
    # the first tab is the default: not in the link
    assert "bagian" not in open_tren_tab(again, "targets").query_params


def test_a_bogus_tren_tab_in_the_link_is_said_and_the_first_is_shown(use_store):
    at = opened("tren", kab="73.73", bagian="grafik")
    warnings = link_warnings(at)
    assert len(warnings) == 1 and "bagian" in warnings[0] and "grafik" in warnings[0], warnings
    assert not shows_participation(at, "Indikator partisipasi sekolah") and "bagian" not in at.query_params


def test_choosing_the_whole_province_shows_it_by_kab(use_store):
    """Kab/kota "Semua" after the desa of a kab/kota: the province's kab/kota, not its thousands of desa."""
    at = opened("peta", tabel="1")
    assert at.selectbox(key="peta_level").value == "kel"
    at.sidebar.selectbox(key="f_kab").set_value("").run()
    assert at.selectbox(key="peta_level").value == "kab"
    assert at.dataframe[0].value["kode"].str.len().eq(5).all()
    # a finer level chosen for the province stays while other filters change
    at.selectbox(key="peta_level").set_value("kec").run()
    at.sidebar.selectbox(key="f_sex").set_value("L").run()
    assert at.selectbox(key="peta_level").value == "kec"
    # a kab/kota again: the kecamatan chosen are offered there too and stay; from the province's kab/kota, its desa
    at.sidebar.selectbox(key="f_kab").set_value("73.73").run()
    assert at.selectbox(key="peta_level").value == "kec"
    at.sidebar.selectbox(key="f_kab").set_value("").run()
    assert at.selectbox(key="peta_level").value == "kab"
    at.sidebar.selectbox(key="f_kab").set_value("73.73").run()
    assert at.selectbox(key="peta_level").value == "kel"


def test_a_level_mostly_hidden_offers_the_coarser_one(use_store):
    """Where small-cell protection hides most surveyed units of the level shown (the fixture's four surveyed desa of
    Palopo have fewer than 5 ATS each), the page says so and offers the larger units; where it hides few, nothing."""
    at = opened("peta", kategori="DO", tabel="1")  # no drop-out anywhere: true zeros, published
    assert not [b for b in at.button if b.key == "peta_coarser"]
    at.sidebar.selectbox(key="f_kategori").set_value("").run()
    hidden = [m.value for m in at.markdown if "perlindungan sel kecil" in m.value]
    assert hidden and hidden[0].startswith(":material/visibility_off: 4 dari 4 wilayah tingkat Desa/Kelurahan"), hidden
    at.button(key="peta_coarser").click().run()
    assert at.selectbox(key="peta_level").value == "kec"
    assert at.dataframe[0].value["kode"].str.len().eq(8).all()


def test_a_long_bogus_link_value_is_cut_and_said_to_be(use_store):
    """A 5,000-character value is shown shortened, with its length; a bogus kab/kota implies no province."""
    at = opened("peta", kab="7" * 5000)
    warnings = [w.value for w in at.warning]
    assert len(warnings) == 1, warnings
    assert "(dipotong; aslinya 5000 karakter)" in warnings[0] and len(warnings[0]) < 250, warnings[0]
    assert at.session_state["filters"].kode == "73.73"  # the default view


def test_an_unknown_link_parameter_is_named_with_the_known_ones(use_store):
    """/peta?jk=P (for sex=P) was ignored without a word: the page says which names it does not know and which it
    does, once, leaves the view as it would be without them and takes them out of the link."""
    from ui.filters import url_names

    at = opened("peta", jk="P", kab="73.73")
    warnings = link_warnings(at)
    assert len(warnings) == 1, warnings
    assert "tidak dikenal: jk;" in warnings[0], warnings[0]
    assert "Parameter yang dikenal: lang, prov, kab, kec, round, sex, age," in warnings[0] and "unit, banding, presentasi, slide, bagian, tabel." in warnings[0]
    assert at.session_state["filters"].sex is None and at.session_state["filters"].kode == "73.73"
    assert "jk" not in at.query_params and at.query_params["kab"] == "73.73"
    at = opened("tren", kelamin="P", **{"u" * 300: "1"})  # two, one of them long: both said, the long one cut
    warnings = link_warnings(at)
    assert len(warnings) == 1 and "parameter yang tidak dikenal: kelamin, uuu" in warnings[0] and "…" in warnings[0]
    assert len(warnings[0]) < 400, warnings[0]
    assert {"unit", "banding", "sex", "tingkat"} <= set(url_names())
    assert not link_warnings(opened("peta", kab="73.73", sex="P", embed="true"))  # Streamlit's own: not said


def test_the_page_names_of_a_link_are_those_the_pages_read():
    """The names a link may carry besides the widgets' are the URL names of the unit profile, the comparison and the
    presentation mode, Tren's open tab and Peta's open unit table (every module that reads st.query_params itself)."""
    from pack import present
    from ui import banding, filters, peta, profile, tren

    assert set(filters.PAGE_URL_NAMES) == {profile.URL_NAME, banding.URL_NAME, present.PARAM, present.SLIDE,
                                           tren.URL_NAME, peta.URL_NAME}
