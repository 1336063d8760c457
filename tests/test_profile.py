"""The unit profile of the Peta page and the Bandingkan (compare) page under streamlit.testing.v1.AppTest against the
fixture store (issue 21.3). The real-browser tests (a click on the Palopo map, two kab/kota compared) are in
tests/test_browser.py."""


import pytest
from streamlit.testing.v1 import AppTest

from data.config import ROOT
from tests.conftest import needs_shared, open_app, rendered, screen_charts, screen_figures, shown

pytestmark = needs_shared
DESA = "73.73.01.1002"  # Boting, Wara (Kota Palopo): surveyed in 2024 and 2025 in the fixture


def start(page: str = "views/peta.py", **query) -> AppTest:
    return open_app(None if page == "views/peta.py" else page, **query)


def metrics(at) -> dict:
    return {m.label: m.value for m in at.metric}


def test_the_link_opens_the_profile_with_the_map_tables_numbers(use_store):
    at = start(unit=DESA, tabel="1")
    row = shown(at.dataframe[0]).set_index("kode").loc[DESA]
    said = metrics(at)
    # the map table shows its numbers in the page's format (ui.widgets.data_table): the profile shows the same texts
    assert said["Anak 7-18"] == row["n_anak"]  # n: the children enumerated, as in the map's table
    assert said["ATS"] == row["n_ats"]
    assert any(c.value.startswith("Sulawesi Selatan › Kota Palopo › Wara › Boting · putaran 2025") for c in at.caption)
    assert any(rendered(m.value).startswith("**Cakupan sensus:** didata pada putaran 2024, 2025") for m in at.markdown)
    assert at.query_params["unit"] in ([DESA], DESA)


def test_a_protected_count_reads_under_k_in_the_census_and_the_handling_numbers(use_store):
    """Tompotikka has fewer than 5 out-of-school children in 2025: the profile says "< 5" as the map does, and its
    handling and reasons (small-cell protected queries) are shown with "< 5", never a count from 1 to k-1."""
    at = start(unit="73.73.01.1001")
    assert metrics(at)["ATS"] == "< 5"
    categories = next(rendered(m.value) for m in at.markdown if rendered(m.value).startswith("Putus sekolah (DO)"))
    assert "(LTM) **< 5**" in categories and "(BPB) **disembunyikan**" in categories, categories
    texts = [rendered(m.value) for m in at.markdown] + [c.value for c in at.caption]
    handling = [x for x in texts if x.startswith(("Ditemukan", "- "))]
    assert handling and any("< 5" in x for x in handling), handling
    assert not any(f"**{n}**" in x for x in handling for n in range(1, 5)), handling
    assert not any("menunggu perlindungan sel kecil" in x for x in texts)


def test_closing_the_profile_returns_to_the_map(use_store):
    at = start(unit=DESA)
    at.button(key="profile_close").click().run()
    assert not at.exception, at.exception
    assert not at.metric and "unit" not in at.query_params
    assert not screen_charts(at) and len(screen_figures(at)) == 1  # the map, no sparkline
    at.run()  # and it stays closed
    assert not at.metric


def test_a_run_after_the_one_that_opened_the_profile_closes_it(use_store):
    """The drawer is modal: a run after the one that opened it comes from its dismissal or from an input after it.
    A run that carries no dismissal (here the language switched) must not show the profile again, and the unit leaves
    the link."""
    at = start(unit=DESA)
    assert metrics(at)
    at.radio(key="lang").set_value("en").run()  # a rerun that carries no dismissal of the drawer
    assert not at.exception, at.exception
    assert at.title[0].value == "Map of out-of-school children"
    assert not at.metric and "unit" not in at.query_params
    assert not screen_charts(at) and len(screen_figures(at)) == 1  # the map, no sparkline


def _click_script() -> None:
    """The map's click callback (ui.peta._on_map_click, which ui/plotly_chart.py calls with the code of the unit clicked) on
    a desa, twice, in a Streamlit script; writes the unit opened each time."""
    import streamlit as st

    from ui import peta, profile

    for _ in range(2):
        peta._on_map_click("73.73.01.1002", "kel")
        st.write(f"opened: {st.session_state.pop(profile.STATE, None)}")


def test_a_click_on_a_desa_opens_its_profile_each_time():
    """A click is an event, not a Plotly selection: a second click on the same desa opens it again (a selection was
    toggled off by it)."""
    at = AppTest.from_function(_click_script).run()
    assert [m.value for m in at.markdown] == ["opened: 73.73.01.1002"] * 2


def test_the_map_has_no_selection_and_stays_one_chart_when_the_profile_opens(use_store):
    """The map's units keep the legend's colours when clicked (a click is no selection: clickmode "event"), and the
    profile opening draws into the same chart (one key for every view of the page), not a new one."""
    from ui import profile

    at = start()
    ((key, spec),) = screen_figures(at).items()
    assert spec["layout"]["clickmode"] == "event" and not any("selected" in tr for tr in spec["data"])
    at.session_state[profile.STATE] = DESA  # what open_unit does, without a browser to click
    at.run()
    assert not at.exception, at.exception
    assert metrics(at)
    assert list(screen_figures(at))[0] == key


def test_a_unit_outside_the_wilayah_in_the_link_is_reported(use_store):
    at = start(unit="73.05.01.2001")  # a Takalar desa while the map shows Palopo
    assert not at.metric
    assert any("73.05.01.2001" in w.value for w in at.warning), [w.value for w in at.warning]
    assert "unit" not in at.query_params


def test_the_profile_in_english(use_store):
    at = start(unit=DESA, lang="en")
    assert "Children 7-18" in metrics(at)
    assert any(rendered(m.value).startswith("**Census coverage:**") for m in at.markdown)


def test_compare_two_kab_kota(use_store):
    at = start("views/banding.py", banding="73.73,73.08")
    table = shown(at.dataframe[0])
    assert list(table["nama"]) == ["Kota Palopo", "Kabupaten Bone"]
    legends = [m for m in at.markdown if m.value.startswith('<div style="font-size:1rem')]
    assert len(legends) == 1  # one legend for both maps
    maps = [figure for key, figure in screen_figures(at).items() if key.startswith("banding_map_")]
    assert len(maps) == 2
    # the legend's classes are counted over both maps' units (the union), not one map's
    import re

    chips = sum(int(n) for n in re.findall(r'<span style="color:#666">\((\d+)\)</span>', legends[0].value))
    units = sum(len(trace["locations"]) for figure in maps for trace in figure["data"])
    palopo = len(maps[0]["data"][0]["locations"])
    assert chips == units > palopo
    trend = next(f for k, f in screen_charts(at).items() if "banding_trend" in k)
    assert {tr["name"] for tr in trend["data"]} == {"Kota Palopo", "Kabupaten Bone"}
    assert at.query_params["banding"] in (["73.73,73.08"], "73.73,73.08")


def test_compare_follows_the_global_filters_and_caps_at_four(use_store):
    at = start("views/banding.py", banding="73.73,73.08", sex="P", round="2025")
    girls = shown(at.dataframe[0]).set_index("nama")
    at_all = shown(start("views/banding.py", banding="73.73,73.08", round="2025").dataframe[0]).set_index("nama")
    assert int(girls.loc["Kota Palopo", "n_anak"]) < int(at_all.loc["Kota Palopo", "n_anak"])
    # a fifth unit is not added, and the page says why in its language (Streamlit's max_selections says it in English)
    four = ["73.73", "73.08", "73.05", "73.01"]
    at.multiselect(key="banding_units").set_value([*four, "73.02"]).run()
    assert not at.exception, at.exception
    assert at.multiselect(key="banding_units").value == four
    assert any("Paling banyak 4 wilayah" in w.value for w in at.warning)
    assert len(shown(at.dataframe[0])) == 4


def test_compare_asks_for_two_and_reports_a_bogus_unit(use_store):
    at = start("views/banding.py", banding="73.73,99.99")
    assert not at.dataframe
    assert any("99.99" in w.value for w in at.warning)
    assert any("sedikitnya 2 wilayah" in i.value for i in at.info)


def test_compare_kecamatan(use_store):
    at = start("views/banding.py", banding="73.73.01,73.73.02", ukuran="ats_pct")
    assert at.selectbox(key="banding_level").value == "kec"
    assert at.selectbox(key="peta_measure").value == "ats_pct" and at.query_params["ukuran"] in (["ats_pct"], "ats_pct")
    table = shown(at.dataframe[0])
    assert len(table) == 2 and table["nama"].notna().all()


def test_a_desa_not_surveyed_says_so(use_store):
    at = start(unit="73.73.01.1003")  # Ammasangan: not enumerated in 2025 (nor in any round) in the fixture
    assert not at.metric
    assert any("belum disurvei pada putaran 2025" in i.value for i in at.info), [i.value for i in at.info]
    at = start(kab="73.05", unit="73.05.01.2003")  # Takalar: no round at all in the fixture
    assert not at.metric
    assert any("Belum ada putaran sensus yang mendata" in i.value for i in at.info), [i.value for i in at.info]


def drawer(at, node=None):
    """The drawer's block (a st.dialog: AppTest puts it beside the page's main block, not in it), or None."""
    from streamlit.testing.v1.element_tree import Block

    node = at._tree if node is None else node
    if not hasattr(node, "children"):
        return None
    if type(node) is Block and node.proto.WhichOneof("type") == "dialog":  # (a Column, a Tab: other protos)
        return node
    for child in node.children.values():
        if (found := drawer(at, child)) is not None:
            return found
    return None


def _sparkline(at) -> dict | None:
    return next((figure for key, figure in screen_figures(at).items() if key.startswith("profile_trend")), None)


def test_the_trend_is_a_line_of_two_rates_at_least(use_store):
    """Boting's rate is withheld for a viewer in both rounds: the drawer drew an empty 200 px chart with two years
    under it (and a lone dot with one rate); it now says why there is no chart. An analyst sees both rates: a line."""
    from ui import login
    from tests.conftest import add_account

    at = start(unit=DESA)
    assert _sparkline(at) is None
    assert any(c.value.startswith("Tanpa grafik tren: angka per 100 ditahan pada putaran 2024, 2025 (kurang dari 10")
               for c in at.caption), [c.value for c in at.caption]

    add_account("analis", "analyst", "73")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.session_state["_account"] = {"name": "analis", "role": "analyst", "via": "password", "last_seen": login._clock()}
    at.query_params["unit"] = "73.73.02.1003"  # 13 and 10 children in 2024 and 2025: both rates published to an analyst
    at.run()
    assert not at.exception, at.exception
    spark = _sparkline(at)
    assert spark is not None and spark["layout"]["xaxis"]["ticktext"] == ["2024", "2025"]
    assert all(y is not None for y in spark["data"][0]["y"])


@pytest.mark.parametrize("lang, hidden, count_only", [
    ("id", "- Tidak ada biaya: jumlah disembunyikan", "- Bekerja (berupah): < 5 anak"),
    ("en", "- Cannot afford it: number suppressed", "- Working (paid): < 5 children"),
])
def test_withheld_numbers_in_the_reasons_and_the_handling_read_as_sentences(use_store, lang, hidden, count_only):
    """Tompotikka for a viewer: a reason whose count is a complementary cell read "Tidak ada biaya: disembunyikan anak
    (ditahan per 100)", one under k "< 5 anak (ditahan per 100)", and the funnel "kembali bersekolah 0 (ditahan per 100
    terkonfirmasi)". Now the withheld share is left out and a suppressed count is said as one."""
    at = start(unit="73.73.01.1001", lang=lang)
    texts = [rendered(m.value) for m in at.markdown]
    reasons = next(x for x in texts if x.startswith("- ")).splitlines()
    assert hidden in reasons and count_only in reasons, reasons
    funnel = next(x for x in texts if x.startswith(("Ditemukan", "Identified")))
    withheld = {"id": "ditahan", "en": "withheld"}[lang]
    assert not any(withheld in x or "disembunyikan anak" in x or "suppressed children" in x for x in [*reasons, funnel])
    assert funnel.endswith(("kasus terbuka **< 5**", "open cases **< 5**")), funnel


def test_each_source_is_said_once_and_the_numbers_source_under_them(use_store):
    """The drawer said the handling records' source twice (under the reasons and under the funnel) and the census
    round's source at its foot, below the handling, far from the numbers it is about."""
    at = start(unit=DESA)
    sources = [c.value for c in drawer(at).caption if c.value.startswith("Sumber:")]
    assert len(sources) == len(set(sources)) == 3, sources
    assert sources[0].startswith("Sumber: sensus SIPBM putaran 2025")  # the numbers' own, first
    assert sources[1].startswith("Sumber: sensus SIPBM putaran 2024–2025")  # the trend's
    assert sources[2].startswith("Sumber: catatan penanganan")


def test_a_desa_no_round_has_enumerated_says_so(use_store):
    at = start(unit="73.73.01.1003")  # Ammasangan: in no round of the fixture
    assert any("belum disurvei pada putaran 2025, dan belum pada putaran mana pun" in i.value for i in at.info)
    at = start(unit="73.73.01.1003", lang="en")
    assert any("nor in any round yet" in i.value for i in at.info), [i.value for i in at.info]
