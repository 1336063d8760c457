"""The Peta page under AppTest on the fixture store: what the map, its legend and the unit table say of each unit."""

import json

from streamlit.testing.v1 import AppTest

from tests.conftest import needs_shared, open_app, shown, screen_map

pytestmark = needs_shared


def start(**query) -> AppTest:
    return open_app("views/peta.py", **query)


def test_surveyed_desa_with_no_child_in_the_group_are_told_from_desa_not_surveyed(use_store):
    """Children with disabilities: two of the fixture's four surveyed desa of Palopo have none. They read "no child in
    this group" on the map (hover, legend) and in the table; the 44 desa the round did not survey read "not
    surveyed". Before, all 46 were "Tidak ada data / belum disurvei"."""
    at = start(disabilitas="ya", ukuran="ats_pct", tabel="1")
    table = shown(at.dataframe[0])
    notes = table.set_index("kode")["keterangan"]
    assert (notes == "Tidak ada anak dalam kelompok ini").sum() == 2
    assert (notes == "Belum disurvei").sum() == 44
    assert table.loc[table["keterangan"] == "Tidak ada anak dalam kelompok ini", "n_anak"].eq("0").all()  # text
    legend = next(m.value for m in at.markdown if "background" in m.value)
    assert 'Tidak ada anak dalam kelompok ini <span style="color:#666">(2)</span>' in legend
    assert 'Belum disurvei <span style="color:#666">(44)</span>' in legend
    spec = screen_map(at)
    by_hover = {tr["hovertemplate"]: tr["locations"] for tr in spec["data"]}
    nobody = next(locs for h, locs in by_hover.items() if "tetapi tidak ada anak 7-18 dengan disabilitas" in h)
    assert sorted(nobody) == sorted(notes[notes == "Tidak ada anak dalam kelompok ini"].index)
    headers = [c.get("label") for c in json.loads(at.dataframe[0].proto.columns).values()]
    assert "Keterangan" in headers, headers


def test_a_long_unit_table_shows_its_first_rows_says_so_and_shows_all_or_the_units_found(use_store):
    """Bone's 372 desa: the table shows the first FIRST by the measure (the map's sort) and says how many there are and
    that the downloads hold them all; the switch shows every row, and the finder the units whose name or code matches,
    among all of them (Streamlit's own table search sees only the rows sent)."""
    from ui.peta import FIRST

    at = start(kab="73.08", tingkat="kel", ukuran="n_ats", tabel="1")
    table = shown(at.dataframe[0])
    assert len(table) == FIRST
    said = [c.value for c in at.caption if "wilayah (Desa/Kelurahan) ditampilkan" in c.value]
    assert said == [f"{FIRST} dari 372 wilayah (Desa/Kelurahan) ditampilkan, urut menurut Jumlah ATS · anak 7-18 "
                    "(tertinggi dulu); semua ada di unduhan CSV/XLSX."], said
    counts = table["n_ats"].str.replace(".", "", regex=False)
    ranked = counts[counts.str.isdigit()].astype(int)
    assert len(ranked) and ranked.is_monotonic_decreasing
    every = shown(at.toggle(key="peta_units_all").set_value(True).run().dataframe[0])
    assert len(every) == 372 and every["kode"].str.startswith("73.08.").all()
    assert every.iloc[:FIRST].equals(table)  # the same first rows, the rest after them
    assert any(c.value.startswith("Semua 372 wilayah (Desa/Kelurahan)") for c in at.caption)
    name = every["nama"].iloc[-1]  # a desa that was not among the first rows
    found = shown(at.text_input(key="peta_units_find").input(name.lower()).run().dataframe[0])
    assert name in found["nama"].tolist() and found["nama"].str.lower().str.contains(name.lower(), regex=False).all()
    assert any(c.value.startswith(f"{len(found)} dari 372 wilayah (Desa/Kelurahan) cocok dengan") for c in at.caption)
    by_code = shown(at.text_input(key="peta_units_find").input("73.08.01.").run().dataframe[0])
    assert len(by_code) and by_code["kode"].str.startswith("73.08.01.").all()


def test_a_short_unit_table_shows_every_row_without_the_switch(use_store):
    """Palopo's 48 kelurahan: all on screen, no switch, no finder, no line about the first rows."""
    at = start(tabel="1")
    assert len(shown(at.dataframe[0])) == 48
    assert not [w for w in at.toggle if w.key == "peta_units_all"]
    assert not [w for w in at.text_input if w.key == "peta_units_find"]
    assert not any("ditampilkan, urut menurut" in c.value for c in at.caption)


def test_a_map_seen_before_is_read_back_not_classed_and_built_again(use_store, monkeypatch):
    """The screen map's classes and figure are made once per query result, measure, method, view and language
    (ui.maps.build_once): a rerun, or a measure changed back to one shown before, reads its map back (before, natural
    breaks and the figure were made again at every rerun: about 15 ms of CPU for a province's 3,059 desa); another
    filter or language makes a new one. The map read back is the one made: the same figure and legend."""
    from tests.test_speed import count_calls
    from ui import maps

    calls = count_calls(monkeypatch, maps, ("build",))  # the real builder, counted (a cache key of its own)
    at = start(kab="73.73", tingkat="kel", kelas="natural_breaks", ukuran="n_ats")

    def shown(at):
        legend = next(m.value for m in at.markdown if "background" in m.value)
        return json.dumps(screen_map(at)), legend

    first = shown(at)
    assert calls == ["build"] and json.loads(first[0])["data"]
    at.run()
    assert calls == ["build"] and shown(at) == first
    at.selectbox(key="peta_measure").set_value("ats_pct").run()
    assert calls == ["build"] * 2 and shown(at) != first
    at.selectbox(key="peta_measure").set_value("n_ats").run()
    assert calls == ["build"] * 2 and shown(at) == first
    at.sidebar.selectbox(key="f_sex").set_value("P").run()  # other numbers: a new map
    assert calls == ["build"] * 3 and shown(at)[0] != first[0]
    at.sidebar.radio(key="lang").set_value("en").run()  # other words: a new map
    assert calls == ["build"] * 4 and not at.exception, at.exception


def test_the_unit_table_is_one_switch_away_and_its_downloads_are_there_without_it(use_store):
    """A page load sends no table (no arrow dataframe in the run: the browser would load and run the grid's code before
    it draws the map's first paint, benchmarks/README.md peta-first); the switch under the map says how many units the
    table holds and opens it, its CSV and XLSX downloads are there closed or open, and the open table is in the link."""
    at = start()
    assert not at.dataframe and at.toggle(key="peta_table").value is False
    assert "Tampilkan tabel (48 wilayah)" in [w.label for w in at.toggle]
    assert "tabel" not in at.query_params
    files = sorted(b.proto.id.split("-")[-1] for b in at.get("download_button") if b.proto.label in ("CSV", "XLSX"))
    assert files == ["peta_units_csv", "peta_units_xlsx"], files
    at.toggle(key="peta_table").set_value(True).run()
    assert len(at.dataframe) == 1 and len(shown(at.dataframe[0])) == 48
    assert at.query_params["tabel"] in ("1", ["1"])
    assert len([b for b in at.get("download_button") if b.proto.label == "XLSX"]) == 1  # the same downloads, once
    at.toggle(key="peta_table").set_value(False).run()
    assert not at.dataframe and "tabel" not in at.query_params


def test_the_open_unit_table_round_trips_through_its_link_and_a_bogus_value_is_said(use_store):
    at = start(kab="73.73", tabel="1")
    again = start(**{k: v for k, v in at.query_params.items()})
    assert again.toggle(key="peta_table").value is True and shown(again.dataframe[0]).equals(shown(at.dataframe[0]))
    again.sidebar.radio(key="lang").set_value("en").run()  # its label changes with the language; it stays open
    assert again.toggle(key="peta_table").label == "Show the table (48 units)" and again.toggle(key="peta_table").value
    assert len(again.dataframe) == 1 and again.query_params["tabel"] in ("1", ["1"])
    bogus = start(tabel="ya")
    said = [w.value for w in bogus.warning if "tabel" in w.value]
    assert len(said) == 1 and "ya" in said[0], [w.value for w in bogus.warning]
    assert not bogus.dataframe and "tabel" not in bogus.query_params


def test_the_unit_tables_numbers_are_sent_typed_with_their_text(use_store):
    """The grid sorts a column by what it is sent: the unit table's numbers are sent as numbers (a click on a header
    sorted their text, "1.010, 1.729, 107, 46, 903"), their text in the page's format beside them (a pandas Styler's
    display values); a cell that reads a mark of protection or "–" holds -inf, so that they sort together at one
    end. tests/test_browser_ui.py sorts them in Chromium."""
    at = start(tabel="1", round="2025")
    typed, text = at.dataframe[0].value, shown(at.dataframe[0])
    assert str(typed["n_anak"].dtype) == "float64" and str(typed["ats_pct"].dtype) == "float64"
    counts = text["n_anak"].str.replace(".", "", regex=False)
    numbered = counts.str.isdigit()
    assert numbered.any() and (typed.loc[numbered, "n_anak"] == counts[numbered].astype(int)).all()
    for column in ("n_ats", "n_ltm", "ats_pct"):  # "< 5", "×", "ditahan" and "–" (not surveyed) all hold -inf
        marked = text[column].isin(["< 5", "×", "ditahan", "–"])
        assert marked.any() and (typed.loc[marked, column] == float("-inf")).all()
        assert (typed.loc[~marked, column] >= 0).all()
    assert set(text["n_ltm"]) >= {"< 5", "×", "–"}
