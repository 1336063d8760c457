"""The unit profile of the Peta page and the Bandingkan (compare) page under streamlit.testing.v1.AppTest against the
fixture store (issue 21.3). The real-browser tests (a click on the Palopo map, two kab/kota compared) are in
tests/test_browser.py."""

import json

import pytest
from streamlit.testing.v1 import AppTest

from data.config import ROOT
from tests.conftest import needs_shared, open_app, rendered, shown

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
    assert len(at.get("plotly_chart")) == 1  # the map, no sparkline
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
    assert len(at.get("plotly_chart")) == 1  # the map, no sparkline


def _click_script(shown_key: str) -> None:
    """A map click's callback (ui.peta._on_map_click) run in a Streamlit script, with the selection the browser sends
    for the map under key map_kel_73.73_0 while the map on screen is `shown_key`; writes the unit it opened."""
    from types import SimpleNamespace

    import streamlit as st

    from ui import peta, profile

    st.session_state["map_kel_73.73_0"] = SimpleNamespace(selection={"points": [{"location": "73.73.01.1002"}]})
    st.session_state[profile.SHOWN] = shown_key
    peta._on_map_click("map_kel_73.73_0", "kel")
    st.write(f"opened: {st.session_state.get(profile.STATE)}")


def test_a_former_maps_selection_sent_again_opens_nothing():
    """The browser keeps the selection of the map whose click was handled (drawn again under a new key) until that
    chart leaves the page, and sends it with the next input (the profile's close button, Esc and "English"): it is not
    a click, and must not open the profile again."""
    former = AppTest.from_function(_click_script, args=("map_kel_73.73_1",)).run()
    assert [m.value for m in former.markdown] == ["opened: None"]
    shown = AppTest.from_function(_click_script, args=("map_kel_73.73_0",)).run()  # the map on screen: a click
    assert [m.value for m in shown.markdown] == ["opened: 73.73.01.1002"]


def test_a_click_at_the_lowest_level_opens_the_profile_and_clears_the_selection(use_store):
    """The map's click handler: at the desa level it opens the profile and the map gets a new key (drawn afresh, with
    no selection left fading the other units); the selected and unselected units keep the map's opacity."""
    from ui import profile

    at = start()
    chart = at.get("plotly_chart")[0]
    spec = json.loads(chart.proto.spec)
    assert all(tr["selected"]["marker"]["opacity"] == tr["unselected"]["marker"]["opacity"] == tr["marker"]["opacity"]
               for tr in spec["data"])
    before = chart.proto.id
    at.session_state[profile.STATE] = DESA  # what open_unit does, without a browser to click
    at.session_state[profile.NONCE] = 1
    at.run()
    assert not at.exception, at.exception
    assert metrics(at)
    assert all(c.proto.id != before for c in at.get("plotly_chart"))


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
    maps = [c for c in at.get("plotly_chart") if "banding_map_" in c.proto.id]
    assert len(maps) == 2
    # the legend's classes are counted over both maps' units (the union), not one map's
    import re

    chips = sum(int(n) for n in re.findall(r'<span style="color:#666">\((\d+)\)</span>', legends[0].value))
    units = sum(len(json.loads(c.proto.spec)["data"][i]["locations"]) for c in maps
                for i in range(len(json.loads(c.proto.spec)["data"])))
    palopo = len(json.loads(maps[0].proto.spec)["data"][0]["locations"])
    assert chips == units > palopo
    trend = next(json.loads(c.proto.spec) for c in at.get("plotly_chart") if "banding_trend" in c.proto.id)
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
    return next((json.loads(c.proto.spec) for c in at.get("plotly_chart") if "profile_trend" in c.proto.id), None)


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
