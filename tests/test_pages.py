"""Every page runs under streamlit.testing.v1.AppTest against the fixture store, filters change
the output, and bad input from the URL gets a message instead of an exception."""

import re

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from data.config import ROOT
from tests.conftest import (add_account, log_in, needs_shared, open_app, open_tren_tab, rendered, screen_charts,
                            screen_figures, shown)

pytestmark = needs_shared
APP = str(ROOT / "app.py")


def start(**query) -> AppTest:
    return open_app(timeout=60, check=False, **query)


def start_as(view: str, name: str = "admin", role: str = "admin", scope: str | None = None, **query) -> AppTest:
    """An AppTest logged in with a new account (made through the command line): the login form of the Impor page,
    which a visitor who has not logged in gets, then `view`."""
    add_account(name, role, scope)
    at = AppTest.from_file(APP, default_timeout=60)
    for k, v in query.items():
        at.query_params[k] = v
    at.switch_page("views/impor.py")
    log_in(at.run(), name)
    if view != "views/impor.py":
        at.switch_page(view).run()
    assert not at.exception, at.exception
    return at


def table(at):
    return shown(at.dataframe[0])


def numbers(column: pd.Series) -> pd.Series:
    """A table column as shown (Indonesian number text, "1.234" and "12,5"; "–" missing) read back as numbers."""
    return pd.to_numeric(column.str.replace(".", "", regex=False).str.replace(",", ".", regex=False), errors="coerce")


def with_details(at: AppTest) -> AppTest:
    """The sidebar switch that shows the technical source details (query, parameters, data version), on."""
    return at.sidebar.toggle(key="source_details").set_value(True).run()


def test_map_page_runs_and_shows_palopo(use_store):
    at = start(tabel="1")  # the unit table opened by its link
    assert not at.exception, at.exception
    assert at.title[0].value in ("Peta anak tidak sekolah", "Map of out-of-school children")
    assert len(screen_figures(at)) == 1
    df = table(at)
    assert len(df) == 48 and df["kode"].str.startswith("73.73.").all()  # every kelurahan of Palopo
    # the source line speaks to people; the query, its parameters and the data version are behind a switch
    sources = [c.value for c in at.caption if c.value.startswith("Sumber:")]
    assert sources and sources[0].startswith("Sumber: sensus SIPBM putaran 2025, data per "), sources
    assert not any("ats_by_wilayah" in c.value or "kueri" in c.value for c in at.caption)
    with_details(at)
    assert any("Rincian teknis" in c.value and "`ats_by_wilayah`" in c.value and "versi data" in c.value for c in at.caption)
    assert at.dataframe[0].proto.placeholder == "–"  # a desa not surveyed reads "–", not Streamlit's "None"


def test_every_table_says_a_missing_value_as_a_dash():
    """Every st.dataframe of the pages passes placeholder=MISSING: Streamlit prints a null cell as "None", which a
    planner reads as a word (and English), e.g. for the desa a round did not survey."""
    import ast

    from data.config import ROOT

    calls = 0
    for path in sorted((ROOT / "ui").glob("*.py")) + sorted((ROOT / "views").glob("*.py")) + [ROOT / "app.py"]:
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "dataframe":
                calls += 1
                given = {k.arg: k.value for k in node.keywords}
                assert getattr(given.get("placeholder"), "id", None) == "MISSING", f"{path.name}:{node.lineno}"
    assert calls >= 8


def test_filter_change_changes_the_table(use_store):
    at = start(tabel="1")
    before = table(at)
    at.sidebar.selectbox(key="f_kec").set_value("73.73.01").run()
    assert not at.exception
    after = table(at)
    assert len(after) < len(before) and after["kode"].str.startswith("73.73.01.").all()
    at.sidebar.selectbox(key="f_sex").set_value("P").run()
    girls = table(at)
    assert not at.exception
    assert numbers(girls["n_anak"]).sum() < numbers(after["n_anak"]).sum()


def test_map_level_kecamatan(use_store):
    at = start(tabel="1")
    at.selectbox(key="peta_level").set_value("kec").run()
    assert not at.exception
    assert table(at)["kode"].str.len().eq(8).all()


def test_url_reproduces_the_view(use_store):
    at = start(kec="73.73.02", sex="L", ukuran="ats_pct", round="2024")
    assert not at.exception
    assert at.sidebar.selectbox(key="f_kec").value == "73.73.02"
    assert at.sidebar.selectbox(key="f_sex").value == "L"
    assert at.sidebar.selectbox(key="f_round").value == 2024
    assert at.selectbox(key="peta_measure").value == "ats_pct"
    assert at.query_params["kec"] == ["73.73.02"] or at.query_params["kec"] == "73.73.02"


@pytest.mark.parametrize("query", [{"kab": "99.99"}, {"round": "1999"}, {"round": "kemarin"}, {"lang": "fr"}, {"ukuran": "x"}])
def test_bogus_url_values_get_a_message(use_store, query):
    at = start(**query)
    assert not at.exception, at.exception
    assert any(list(query.values())[0] in w.value for w in at.warning), [w.value for w in at.warning]
    assert len(screen_figures(at)) == 1  # the page still works with the default


def test_a_value_the_read_queries_refuse_is_said_on_the_page(use_store):
    """The pages pass only values their filters offer; should one still be refused by data.api (a code the store
    does not have, a fixed parameter), the page says so in one message, in its language, instead of a traceback."""

    def page(call):
        import streamlit as st

        from data import api
        from data.accounts import ANONYMOUS
        from ui import source

        source.guarded({"code": lambda: api.ats_by_wilayah(ANONYMOUS, level="kel", kode_induk="73.99"),
                        "fixed": lambda: api.ats_target_by_round(ANONYMOUS, kode="73.73", target_file="/etc/passwd")}[call])
        st.caption("after the refusal")

    for call, says in (("code", "no wilayah has code '73.99'"),
                       ("fixed", "target_file of query trend/ats_target_by_round is set by the application")):
        at = AppTest.from_function(page, args=(call,), default_timeout=60).run()
        assert not at.exception, at.exception
        (error,) = [rendered(e.value) for e in at.error]  # as a reader sees it (the values are escaped Markdown)
        assert error.startswith("Angka halaman ini tidak dapat dihitung") and says in error, error
        assert [c.value for c in at.caption] == ["after the refusal"]  # what follows the refused part still runs


def test_english_switch(use_store):
    at = start(lang="en")
    assert not at.exception
    assert at.title[0].value == "Map of out-of-school children"


def test_round_without_data_shows_empty_state(use_store):
    at = start(kab="73.05")  # Takalar: no survey data in the fixture
    assert not at.exception
    assert any("Takalar" in w.value or "no survey" in w.value.lower() or "Tidak ada data" in w.value for w in at.warning)


def test_missing_store_without_reference_says_what_to_do(tmp_path, monkeypatch):
    monkeypatch.setenv("ATS_STORE", str(tmp_path / "none.duckdb"))
    monkeypatch.setenv("ATS_REFERENCE", str(tmp_path / "no-reference"))
    at = start()
    assert not at.exception
    assert any("ATS_REFERENCE" in rendered(e.value) for e in at.error)
    assert not (tmp_path / "none.duckdb").exists()


def test_store_without_boundaries_says_how_to_import_them(tmp_path, monkeypatch):
    from tests.conftest import build_fixture_store

    store = build_fixture_store(tmp_path / "no_geo.duckdb", with_boundaries=False)
    monkeypatch.setenv("ATS_STORE", str(store))
    at = start(tabel="1")
    assert not at.exception, at.exception
    assert any("python -m data boundaries" in i.value for i in at.info), [i.value for i in at.info]
    assert len(screen_figures(at)) == 0
    assert len(table(at)) == 48  # the numbers are still there, in the table


def test_a_store_of_an_older_build_is_upgraded_on_start(fixture_store, tmp_path, monkeypatch):
    """After a code update the app rebuilds the derived tables of the existing store (records kept) and shows
    the page, instead of failing on a table or macro the old build did not make."""
    import shutil

    import duckdb

    from data import store

    path = tmp_path / "old.duckdb"
    shutil.copyfile(fixture_store, path)
    con = duckdb.connect(str(path))
    con.execute("UPDATE meta SET value = 'older' WHERE key = 'build_id'")
    con.execute("DROP MACRO TABLE handling_cases")
    con.close()
    monkeypatch.setenv("ATS_STORE", str(path))
    at = AppTest.from_file(APP, default_timeout=120)
    at.switch_page("views/penanganan.py")
    at.run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    assert store.is_current(path)
    assert len(screen_charts(at)) >= 1


# --- KLA cluster IV page ------------------------------------------------------------------------------


def start_kla(**query) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for k, v in query.items():
        at.query_params[k] = v
    at.switch_page("views/kla.py")
    return at.run()


def test_kla_page_runs_with_scorecard_comparison_and_sources(use_store):
    at = start_kla(tahun="2024")  # 2025's APS and ATS rates rest on counts below 5 in the fixture: withheld (below)
    assert not at.exception, at.exception
    assert at.title[0].value.startswith("KLA Klaster IV")
    card = shown(at.dataframe[0])
    assert {"IV.1", "IV.1a", "IV.2", "IV.2d", "IV.3", "IV.4"} <= set(card["kode"])
    assert card.set_index("kode").loc["IV.2", "nilai"].endswith("%") and card.set_index("kode").loc["IV.3", "nilai"] == "–"
    assert len(screen_charts(at)) >= 1  # the comparison (no evaluation results in the fixture: no tier chart)
    # in place of the tier chart one sentence on the history (the year's own "no result" is the metric's caption)
    infos = [i.value for i in at.info]
    assert infos[0] == "Riwayat predikat: belum ada hasil evaluasi KLA yang tercatat untuk Kota Palopo, tahun mana pun."
    assert len(infos) == 2 and "python -m data user add admin --role admin" in infos[1]  # no account: how to make one
    captions = " ".join(c.value for c in with_details(at).caption)
    for query in ("kla_indicators_by_kab", "kla_ranking_by_kab", "kla_definitions_by_indikator", "kla_evaluasi_by_kab"):
        assert query in captions, query
    assert any("Definisi" in m.value or "Persentase" in m.value for m in at.markdown)
    assert len(at.get("download_button")) == 5  # the scorecard (CSV, XLSX) and the comparison (PNG, PNG, SVG)


def test_kla_page_url_and_english(use_store):
    at = start_kla(lang="en", tahun="2024", indikator="IV.2d", kerangka="2011-31")
    assert not at.exception, at.exception
    assert at.selectbox(key="kla_tahun").value == 2024
    assert at.selectbox(key="kla_framework").value == "2011-31"
    assert at.selectbox(key="kla_indikator").value == "L-IV.1"  # IV.2d is not in the 2011 framework: the first one
    assert set(shown(at.dataframe[0])["kode"]) == {"L-IV.1", "L-IV.2", "L-IV.3", "L-IV.4", "L-IV.5"}
    assert at.title[0].value.startswith("KLA cluster IV")
    at = start_kla(tahun="2024", indikator="IV.2d")
    assert at.selectbox(key="kla_indikator").value == "IV.2d"


def test_kla_page_refuses_an_impossible_value_and_saves_a_good_one(kla_store):
    at = start_as("views/kla.py", "andi", "operator", "73.73", tahun="2024")
    at.selectbox(key="kla_form_kode").set_value("IV.3")
    at.text_input(key="kla_form_nilai").set_value("140")
    at.text_input(key="kla_form_bukti").set_value("SK 12/2024")
    at.button[0].click()  # the form's submit button is the first button of the page
    at.run()
    assert not at.exception, at.exception
    assert any("140" in e.value and "0 dan 100" in e.value for e in at.error), [e.value for e in at.error]
    at.text_input(key="kla_form_nilai").set_value("42,5")
    at.button[0].click()
    at.run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    assert any("42,5" in s.value for s in at.success), [s.value for s in at.success]
    assert shown(at.dataframe[0]).set_index("kode").loc["IV.3", "nilai"] == "42,5%"
    audit = shown(at.dataframe[1])
    assert audit["operator"].tolist() == ["andi"] and audit["nilai_baru"].tolist() == [42.5]  # the account's name


def test_kla_page_withholds_census_values_on_small_counts_for_a_viewer(use_store):
    """The fixture's Palopo 2025 (1 child who completed 12 years, 3 in school at 16-18): the anonymous viewer's
    scorecard says "ditahan", and the comparison, with no kab/kota left to rank, says why instead of a chart."""
    at = start_kla(tahun="2025")
    assert not at.exception, at.exception
    card = shown(at.dataframe[0]).set_index("kode")
    assert card.loc["IV.2", "nilai"] == card.loc["IV.2", "status"] == "ditahan"
    assert any("1 kab/kota tidak diperingkat" in i.value for i in at.info), [i.value for i in at.info]
    assert not screen_charts(at)  # no tier history in the fixture, no ranking to draw


def test_kla_page_for_a_whole_province(use_store):
    at = start_kla(tahun="2024")
    at.sidebar.selectbox(key="f_kab").set_value("").run()
    assert not at.exception, at.exception
    assert any("Pilih kabupaten/kota" in i.value for i in at.info)
    assert len(screen_charts(at)) == 1 and not at.dataframe  # the comparison only


# --- Tren and Penanganan pages ------------------------------------------------------------------------


def start_page(view: str, **query) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for k, v in query.items():
        at.query_params[k] = v
    at.switch_page(view)
    return at.run()


def captions(at) -> str:
    return "\n".join(c.value for c in at.caption)


def test_trend_page_runs_with_charts_and_sources(use_store):
    at = start_page("views/tren.py")
    assert not at.exception, at.exception
    assert at.title[0].value == "Tren anak tidak sekolah antar putaran"
    assert len(screen_charts(at)) >= 4  # trend, coverage, counts, breakdown; the tabs under them: targets first
    assert "`ats_trend_by_round`" not in captions(at) and "Sumber: sensus SIPBM putaran 2024–2025, data per " in captions(at)
    for query in ("ats_trend_by_round", "ats_trend_by_group", "ats_target_by_round"):
        assert f"`{query}`" in captions(with_details(at)), query
    participation = with_details(open_tren_tab(start_page("views/tren.py"), "participation"))  # a tab of its own
    for query in ("aps_by_round", "ats_reference_by_year"):
        assert f"`{query}`" in captions(participation), query
    text = "\n".join(m.value for m in at.markdown)
    assert "Kota Palopo, putaran 2025" in text and "Dibanding putaran 2024" in text
    assert any("Cakupan sensus berubah antara putaran 2024 dan 2025" in w.value for w in at.warning)
    assert "ILUSTRATIF" not in text and "ilustratif" in captions(at)  # targets labelled as illustrative


def test_trend_targets_withhold_a_rate_on_few_children_for_a_viewer(use_store):
    """Bone's one fixture round (2023) counts 3 children: its target row says "ditahan" for the rate, the gap
    and the status, never the analyst's 33.33 per 100."""
    at = start_page("views/tren.py", kab="73.08")
    assert not at.exception, at.exception
    rows = [row for d in at.dataframe for row in shown(d).astype(str).values.tolist() if "Kabupaten Bone" in row]
    assert ["Kabupaten Bone", "2023", "8,5", "ditahan", "ditahan", "ditahan"] in rows, rows
    assert not any("ditahan" in row for row in rows if row[1] != "2023")  # the years without a round say so


def test_completed_12_years_shown_apart_from_ats_and_100_minus_aps_explained(use_store):
    """The fixture's 17-year-old of 73.73.02.1002 who completed SMA (2025): a column of its own in the map table,
    a grey dotted non-ATS line beside the categories on the Tren page, and the participation section says why
    100 - APS is above the ATS rate, in both languages."""

    at = start(kec="73.73.02", round="2025", tabel="1")
    assert not at.exception, at.exception
    df = table(at).set_index("kode")
    # the one child is a count below k: hidden for a visitor (a viewer); a true zero is published
    assert df.loc["73.73.02.1002", "n_tamat12"] == "< 5" and df.loc["73.73.02.1003", "n_tamat12"] == "0"
    for lang, gap, note, label in (("id", "100 - APS tidak sama dengan angka ATS", "bukan ATS (Wajib Belajar 12",
                                    "Tamat 12 tahun, tidak sekolah (bukan ATS)"),
                                   ("en", "100 - APS is not the out-of-school rate", "not ATS (Wajib Belajar 12",
                                    "Completed 12 years, not in school (not ATS)")):
        at = open_tren_tab(start_page("views/tren.py", lang=lang), "participation")  # its tab: the gap explained
        assert gap in captions(at) and note in captions(at)
        figure = next(f for k, f in screen_charts(at).items() if "tren_group_kategori_ats" in k)
        lines = {trace["name"]: trace["line"] for trace in figure["data"]}
        assert lines[label]["dash"] == "dot" and all(v["dash"] == "solid" for k, v in lines.items() if k != label)
        participation = shown(at.dataframe[-1])
        assert participation.shape[1] == 9  # 100 - APS, the ATS rate and the completed-12 rate side by side


def test_trend_page_breakdown_and_filters_change_the_output(use_store):
    at = with_details(start_page("views/tren.py"))
    at.selectbox(key="tren_by").set_value("sex").run()
    assert not at.exception
    assert "by=sex" in captions(at)
    at.sidebar.selectbox(key="f_sex").set_value("P").run()
    assert not at.exception
    assert "sex=P" in captions(at)
    assert at.query_params["rincian"] in ("sex", ["sex"])  # the page widget is part of the link


def test_trend_page_single_round_and_never_enumerated(use_store):
    at = start_page("views/tren.py", kab="73.08")  # Bone: one round in the fixture
    assert not at.exception, at.exception
    assert any("baru didata dalam satu putaran (2023)" in i.value for i in at.info), [i.value for i in at.info]
    at = start_page("views/tren.py", kab="73.05")  # Takalar: never enumerated in the fixture
    assert not at.exception
    assert any("Belum ada putaran survei yang mendata Kabupaten Takalar" in w.value for w in at.warning)
    assert len(screen_charts(at)) == 0


def test_trend_page_filters_selecting_nobody(use_store):
    at = start_page("views/tren.py", sex="L", age="16-18", disabilitas="ya")
    assert not at.exception, at.exception
    assert any("tidak mencakup seorang anak pun" in w.value for w in at.warning)
    assert len(screen_charts(at)) == 0


def test_trend_page_in_english(use_store):
    at = start_page("views/tren.py", lang="en")
    assert not at.exception
    assert at.title[0].value == "Out-of-school children across survey rounds"


def test_handling_page_runs_with_funnel_and_sources(use_store):
    # an analyst sees the raw counts the counting rules are checked on (a viewer's are protected: below)
    at = start_as("views/penanganan.py", name="analisa", role="analyst", scope="73", round="2024")
    assert not at.exception, at.exception
    assert at.title[0].value == "Penanganan: apakah anak kembali bersekolah?"
    assert len(screen_charts(at)) >= 4
    assert "Sumber: catatan penanganan anak yang ditemukan pada sensus SIPBM putaran 2024, tercatat sampai " in captions(at)
    for query in ("handling_funnel", "handling_summary_by_round", "handling_outcome_by_type",
                  "handling_pathway_by_intervention", "handling_reason_by_kategori", "handling_worklist_by_kel"):
        assert f"`{query}`" in captions(with_details(at)), query
    metrics = {m.label: m.value for m in at.metric}
    # 4 of 8 confirmed back in school: children 20 and 23 count without every earlier date (a later step implies them)
    assert metrics["Ditemukan"] == "9" and metrics["Kembali bersekolah"] == "4"
    funnel = shown(at.dataframe[0])
    assert list(funnel["n"]) == sorted(funnel["n"], reverse=True)
    # nine children: no reason has the ten it takes to compare, and the page says so rather than draw an empty table
    assert "Belum ada alasan dengan sedikitnya 10 ATS terkonfirmasi" in captions(at)
    assert all(len(shown(d)) for d in at.dataframe)


def test_handling_page_shows_a_viewer_protected_counts(use_store):
    """A visitor (viewer) sees the same page with small-cell protection: 4 returned children read "< 5", the return
    rate is withheld, the funnel table marks hidden steps "< 5" and shows no count from 1 to 4."""
    at = start_page("views/penanganan.py", round="2024")
    assert not at.exception, at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Ditemukan"] == "9" and metrics["Kembali bersekolah"] == "< 5"  # not "< 5 (–)": none?
    returned = next(m for m in at.metric if m.label == "Kembali bersekolah")
    assert "ditahan" in returned.proto.help  # the withheld rate, in its help
    assert metrics["Median hari sampai kembali"] == "ditahan"  # of fewer than 5 children
    funnel = shown(at.dataframe[0])
    assert "< 5" in set(funnel["n"]) and not set(funnel["n"]) & {"1", "2", "3", "4"}


def test_handling_page_says_what_the_counts_rest_on(use_store):
    """Palopo 2024 counts children 20 and 23 at steps with no date recorded, and child 82 (verified not ATS) has
    later steps that are not counted: the page says how many, per step, and states the base of retention (as an
    analyst sees them: the counts are small)."""
    at = start_as("views/penanganan.py", name="analisb", role="analyst", scope="73", round="2024")
    assert not at.exception, at.exception
    text = captions(at)
    assert "2 anak tanpa tanggal asesmen tercatat; 2 anak tanpa tanggal rujukan tercatat; 1 anak tanpa tanggal " \
        "intervensi tercatat" in text
    assert "tanpa tanggal verifikasi" not in text  # every child of 2024 with a later step was verified
    assert "1 anak yang diverifikasi bukan ATS punya tahap penanganan sesudahnya" in text
    assert "ditemukan lagi lewat hash NIK-nya di putaran berikutnya" in text
    at = start_as("views/penanganan.py", name="analisc", role="analyst", scope="73", round="2025")
    assert not at.exception, at.exception
    assert "1 anak tanpa tanggal verifikasi tercatat" in captions(at)  # child 81: an assessment only
    assert "diverifikasi bukan ATS punya tahap" not in captions(at)


def test_handling_page_round_without_handling_data(use_store):
    at = start_page("views/penanganan.py", kab="73.08")  # Bone 2023: a census round, no handling recorded
    assert not at.exception, at.exception
    assert any("Belum ada data penanganan untuk Kabupaten Bone pada putaran 2023" in w.value for w in at.warning)
    at = start_page("views/penanganan.py", kab="73.05")  # Takalar: never enumerated
    assert not at.exception
    assert any("Belum ada putaran survei yang mendata Kabupaten Takalar" in w.value for w in at.warning)


def test_handling_page_filters_selecting_nobody(use_store):
    at = start_page("views/penanganan.py", round="2024", kategori="BPB", age="7-12")
    assert not at.exception, at.exception
    assert any("tidak mencakup seorang anak pun yang ditangani" in w.value for w in at.warning)


def test_handling_page_filter_change_changes_the_funnel(use_store):
    at = start_as("views/penanganan.py", name="analisd", role="analyst", scope="73", round="2024")
    before = shown(at.dataframe[0])["n"].iloc[0]
    at.sidebar.selectbox(key="f_kec").set_value("73.73.02").run()
    assert not at.exception
    assert shown(at.dataframe[0])["n"].iloc[0] < before


def test_import_page_runs(use_store):
    at = start_as("views/impor.py")
    assert at.title[0].value in ("Impor data", "Import data")
    assert [h.value for h in at.header][:3] == ["Data survei SIPBM", "Batas wilayah", "Riwayat impor"]
    assert any("Belum ada impor" in i.value for i in at.info)
    assert [at.text_input(key=k).label for k in ("impor_code_column", "impor_name_column")] == [
        "Kolom kode (opsional)", "Kolom nama (opsional)"]  # --code-column and --name-column of the command line
    # the uploaders' limit (Streamlit's own refusal of a larger file is English) is said with whom to ask for a larger
    # file; the command for any size is the server operator's, in a collapsed detail (tests/test_found_in_use.py)
    captions = [c.value for c in at.caption]
    assert any("Berkas di atas 200 MB (batas unggah server ini) tidak dapat diunggah di sini: minta administrator"
               in c for c in captions), captions
    assert any("Berkas di atas 200 MB tidak dapat diunggah di sini" in c for c in captions), captions
    assert any("`python -m data import BERKAS`" in c for c in captions), captions
    assert any("`python -m data boundaries BERKAS`" in c for c in captions), captions


def test_import_page_says_the_configured_upload_limit(use_store):
    from streamlit import config

    config.set_option("server.maxUploadSize", 1024)
    try:
        at = start_as("views/impor.py")
    finally:
        config.set_option("server.maxUploadSize", 200)
    assert not at.exception, at.exception
    assert sum("Berkas di atas 1024 MB" in c.value for c in at.caption) == 2


def test_kla_entry_needs_an_operator_account(use_store):
    """With accounts, a visitor who has not logged in sees the scorecard but no entry form, and a line saying which
    role enters values; an operator of another kab/kota does not get Palopo at all (its filters offer only its own
    kab/kota: ui.filters, data/scope.py), so not its form either."""
    add_account("admin", "admin")
    at = start_kla(tahun="2024")
    assert not at.exception, at.exception
    assert shown(at.dataframe[0]) is not None  # the scorecard is for everyone
    assert "kla_form_nilai" not in [w.key for w in at.text_input]
    assert any("memerlukan akun dengan peran operator atau admin" in c.value for c in at.caption)
    at = start_as("views/kla.py", "petugas.takalar", "operator", "73.05", tahun="2024")
    assert at.sidebar.selectbox(key="f_kab").value == "73.05" and at.sidebar.selectbox(key="f_kab").options == ["Kabupaten Takalar"]
    assert not any("Palopo" in s.value for s in at.subheader)


def test_boundary_download_without_a_code_says_what_to_enter(use_store):
    at = start_as("views/impor.py")
    at.button(key="impor_download_apply").click().run()
    assert not at.exception, at.exception
    assert any("kode provinsi" in w.value for w in at.warning), [w.value for w in at.warning]


def test_boundary_download_takes_no_address_from_the_page(use_store, monkeypatch):
    """A visitor cannot point the server at an address of their choosing (it would fetch it: a way to probe the
    server's network): the page has no source field, and names the operator's mirror when one is set."""
    monkeypatch.delenv("ATS_BOUNDARY_SOURCE_URL", raising=False)
    at = start_as("views/impor.py")
    assert not at.exception, at.exception
    keys = [w.key for w in at.text_input]
    assert "impor_download_kode" in keys and not any("url" in k or "source" in k for k in keys), keys
    monkeypatch.setenv("ATS_BOUNDARY_SOURCE_URL", "http://mirror.example/wb")
    at.run()
    assert any("http://mirror.example/wb" in c.value for c in at.caption), [c.value for c in at.caption]


def test_boundary_download_of_an_unknown_code_is_refused_with_a_message(use_store, tmp_path, monkeypatch):
    monkeypatch.setenv("ATS_BOUNDARY_SOURCE_URL", (tmp_path / "nowhere").as_uri())
    at = start_as("views/impor.py")
    at.text_input(key="impor_download_kode").input("99.99")
    at.button(key="impor_download_apply").click().run()
    assert not at.exception, at.exception
    assert at.error and "99.99" in at.error[0].value, [e.value for e in at.error]


def test_handling_page_offers_the_previous_round_while_the_latest_is_in_progress(use_store):
    at = start_page("views/penanganan.py")
    assert not at.exception, at.exception
    assert any("masih berjalan" in i.value for i in at.info), [i.value for i in at.info]
    button = at.button(key="penanganan_prev_round")
    shown = next(int(m) for m in button.label.split() if m.isdigit())
    button.click().run()
    assert not at.exception, at.exception
    assert at.query_params["round"] == str(shown)
    assert at.sidebar.selectbox(key="f_round").value == shown
    assert f"putaran **{shown}**" in " ".join(m.value for m in at.markdown)


def test_boundary_import_report_on_the_page(fixture_store, tmp_path, monkeypatch):
    """What the Impor page shows after a boundary import, from a real import of Palopo into a store copy."""
    import shutil

    import geopandas as gpd

    from tests.conftest import SHARED

    path = tmp_path / "store.duckdb"
    shutil.copyfile(fixture_store, path)
    palopo = gpd.read_file(SHARED / "geo" / "kelurahan_73.geojson")
    source = tmp_path / "palopo.geojson"
    palopo[palopo["kode"].str.startswith("73.73.")][["kode", "nama", "geometry"]].to_file(source)
    monkeypatch.setenv("ATS_STORE", str(path))

    def page(source):
        from data import load
        from ui import importing

        importing._boundary_report(load.import_boundary_file(source))

    at = AppTest.from_function(page, args=(str(source),), default_timeout=120).run()
    assert not at.exception, at.exception
    assert "48 dari 48 wilayah" in at.success[0].value
    captions = " ".join(c.value for c in at.caption)
    assert "KB tersimpan" in captions and "kolom kode `kode`" in captions
    assert not at.warning

    # the same desa a degree west: imported, with the note that they lie outside their kecamatan, in Indonesian
    moved = tmp_path / "geser.geojson"
    gpd.read_file(source).pipe(lambda g: g.set_geometry(g.geometry.translate(xoff=-1.0))).to_file(moved)
    at = AppTest.from_function(page, args=(str(moved),), default_timeout=120).run()
    assert not at.exception, at.exception
    (warning,) = [w.value for w in at.warning]
    assert warning.startswith("48 wilayah terletak di luar kotak batas wilayah di atasnya (kecamatan, kab/kota atau "
                              "provinsi terdekat yang punya poligon), mis. 73.73.01.1001, 73.73.01.1002, "), warning
    assert warning.endswith(": berkas itu mungkin memberi mereka kode wilayah lain, atau poligon di atasnya keliru. "
                            "Periksa di peta."), warning

    # both imports are in the page's history, newest first, with the count of units outside the unit above
    def history():
        from ui import importing

        importing.history_section()

    at = AppTest.from_function(history, default_timeout=60).run()
    assert not at.exception, at.exception
    assert [s.value for s in at.subheader] == ["Batas wilayah"] and not at.info  # no survey import yet
    table = shown(at.dataframe[0])
    assert table["Sumber"].tolist() == ["geser.geojson", "palopo.geojson"] and set(table["Jenis"]) == {"Berkas"}
    assert table["Di luar wilayah induk"].tolist() == [48, 0] and table["Cocok"].tolist() == [48, 48]


def test_boundary_download_refusal_stays_on_the_page_in_the_chosen_language(store_copy, monkeypatch):
    """A refused boundary download (a kab/kota code not in the reference) stays on the Impor page across reruns until
    the code is changed, said in the language chosen after it; nothing is downloaded."""
    monkeypatch.setenv("ATS_STORE", str(store_copy))
    at = start_as("views/impor.py")
    said_id = "99.99 bukan provinsi atau kab/kota dalam referensi kode wilayah"

    def errors(said):
        return [e.value for e in at.error if said in e.value]

    at.text_input(key="impor_download_kode").input("99.99")
    at.button(key="impor_download_apply").click().run()
    assert not at.exception, at.exception
    assert errors(said_id), [e.value for e in at.error]
    at.run()  # any rerun (a widget): still there
    assert errors(said_id)
    at.text_input(key="impor_download_kode").input("73.73").run()  # another code: the refusal goes, for good
    assert not errors("99.99")
    at.text_input(key="impor_download_kode").input("99.99").run()
    assert not errors("99.99")
    at.button(key="impor_download_apply").click().run()
    assert errors(said_id)
    at.session_state["lang"] = "en"  # the sidebar's language radio (AppTest cannot set it: the filters relabel)
    at.run()
    assert not at.exception, at.exception
    assert errors("99.99 is not a province or kab/kota of the wilayah reference"), [e.value for e in at.error]


def test_import_history_lists_survey_files_in_the_page_language(store_copy, monkeypatch):
    """After a real survey import, Riwayat impor lists it under its heading with Indonesian column names and status;
    the hash shortened, the user given."""
    from data import importer
    from data.config import ROOT

    monkeypatch.setenv("ATS_STORE", str(store_copy))
    monkeypatch.setenv("ATS_HMAC_KEY", "kunci-uji-riwayat-impor-0123456789")
    example = ROOT / "docs" / "examples" / "sipbm_canonical_example.csv"
    report = importer.run_import(example, user="petugas_uji")
    assert report.status == "applied"

    def history():
        from ui import importing

        importing.history_section()

    at = AppTest.from_function(history, default_timeout=60).run()
    assert not at.exception, at.exception
    assert [s.value for s in at.subheader] == ["Data survei SIPBM"]
    row = shown(at.dataframe[0]).iloc[0]
    assert (row["Berkas"], row["Status"], row["Petugas"], row["Diterima"]) == (
        "sipbm_canonical_example.csv", "diterapkan", "petugas_uji", report.accepted)
    assert row["SHA-256"] == report.sha256[:12] + "…"
    # the time first and short (it was cut off at the right), the log's own number not shown
    table = shown(at.dataframe[0])
    assert table.columns[0] == "Waktu" and "No." not in table.columns
    assert re.fullmatch(r"\d{2}/\d{2}/20\d{2} \d{2}:\d{2}", row["Waktu"]), row["Waktu"]


def test_a_store_failing_its_checks_refuses_a_boundary_import_in_the_page_language(store_copy, tmp_path, monkeypatch):
    """A store that already fails a data check (a boundary under a code the reference does not know, written behind
    the app's back) refuses every write: the boundary import is refused, nothing changes, and the page says so in
    Indonesian with the check's English details for the administrator."""
    import hashlib

    import duckdb

    from data import load, store
    from tests.conftest import shared_palopo
    from ui import i18n
    from ui.importing import refusal_text

    con = duckdb.connect(str(store_copy))
    con.execute("INSERT INTO boundary VALUES ('99.99', 'kab', '{}', 0, 0, 1, 1, 'test')")
    con.close()
    before = hashlib.sha256(store_copy.read_bytes()).hexdigest()
    path = tmp_path / "palopo.geojson"
    shared_palopo("kelurahan_73.geojson")[["kode", "nama", "geometry"]].to_file(path)
    with pytest.raises(store.BuildError, match="boundary_wilayah_known") as refused:
        load.import_boundary_file(path, store_path=store_copy)
    assert hashlib.sha256(store_copy.read_bytes()).hexdigest() == before
    monkeypatch.setattr(i18n, "lang", lambda: "id")
    text = refusal_text(refused.value)
    assert text.startswith("Pemeriksaan data basis data menolak penulisan ini, jadi tidak ada yang diubah.")
    assert "boundary_wilayah_known" in rendered(text)


def test_the_unit_table_says_how_many_units_it_does_not_rank(use_store):
    """Sorted by the rate, the map's table puts units whose rate is withheld (fewer than ATS_MIN_DENOMINATOR
    children, or a hidden count) last and says how many are not ranked (issue 19: rankings by rate put desa of
    50-100 children first)."""
    at = start(ukuran="ats_pct", tabel="1")
    assert not at.exception, at.exception
    df = table(at)  # formatted text: a withheld rate reads "ditahan", a unit not surveyed "–"
    hidden = df["ats_pct"].eq("ditahan")
    assert hidden.any()
    ranked = numbers(df["ats_pct"]).notna()
    assert ranked[: int(ranked.sum())].all()  # every ranked unit comes before every unit not ranked
    note = [c.value for c in at.caption if "tidak diperingkat" in c.value]
    assert note and note[0].startswith(f"{int(hidden.sum())} wilayah (Desa/Kelurahan) tidak diperingkat"), note


def test_handling_page_of_a_province_asks_for_a_kab_kota_for_the_worklist(use_store):
    """The worklist lists desa/kelurahan for a kab/kota's task force: in a province view it asks for one instead of
    protecting all the province's desa rows (with a filter on, Sulawesi Selatan's 3,059 took the query past its 10 s
    limit and the page showed an error)."""
    at = start_page("views/penanganan.py", prov="73", sex="L")
    assert not at.exception, at.exception
    assert "Daftar kerja rapat: desa/kelurahan dengan kasus terbuka terbanyak" in [s.value for s in at.subheader]
    assert any("Pilih kabupaten/kota di samping" in i.value for i in at.info)
    assert "`handling_worklist_by_kel`" not in captions(with_details(at))
    assert "`handling_funnel`" in captions(with_details(at))  # the rest of the page is there


def test_handling_reasons_by_kecamatan_say_withheld_once_not_in_every_cell(use_store):
    """A viewer's reasons x kecamatan heat map of Palopo (few children per kecamatan: nearly every share withheld)
    wrote "ditahan" in nearly every cell. A withheld cell is a grey cell without text whose hover says "ditahan", and
    one note under the chart says what the grey cells mean."""

    at = start_page("views/penanganan.py", round="2024")
    assert not at.exception, at.exception
    figure = next(f for k, f in screen_charts(at).items() if "handling_reason_wilayah" in k)
    heatmaps = [trace for trace in figure["data"] if trace["type"] == "heatmap"]
    shown = [s for trace in heatmaps for row in trace.get("text") or [] for s in row]
    assert shown and "ditahan" not in shown, shown
    grey = [trace for trace in heatmaps if "ditahan" in trace.get("hovertemplate", "")]
    assert len(grey) == 1 and sum(v == 1 for row in grey[0]["z"] for v in row) >= 2  # the withheld cells, hovered
    notes = [c.value for c in at.caption if c.value.startswith("Sel tanpa angka")]
    assert len(notes) == 1 and "kurang dari 10 anak" in notes[0], notes


def test_the_worklist_says_its_dates_in_words(use_store):
    """The worklist's "oldest open case since" read 2024-07-15 where every other date of the page reads
    "15 Juli 2024" (and the export keeps the typed date)."""
    at = start_as("views/penanganan.py", name="analise", role="analyst", scope="73", round="2024")
    worklist = next(shown(d) for d in at.dataframe if "oldest_open_date" in d.value.columns)
    dates = worklist["oldest_open_date"].dropna()
    assert len(dates) and dates.str.fullmatch(r"\d{1,2} (Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|"
                                              r"Oktober|November|Desember) 20\d\d").all(), list(dates)
    # sent typed, the text beside it: a click on the column's header sorts by the day, not by its words
    typed = next(d.value for d in at.dataframe if "oldest_open_date" in d.value.columns)["oldest_open_date"]
    assert str(typed.dtype).startswith("datetime64"), typed.dtype


def test_handling_reasons_by_category_keep_the_order_do_ltm_bpb(use_store):
    """The reasons x category heat map took its columns in the order of the rows (sorted by reason): Palopo 2024 read
    LTM, DO, BPB, Takalar's demo BPB, DO, LTM. It keeps DO, LTM, BPB, as the filters and the other charts do."""

    at = start_as("views/penanganan.py", name="analisf", role="analyst", scope="73", round="2024")
    figure = next(f for k, f in screen_charts(at).items() if "handling_reason_kategori" in k)
    columns = [trace["x"] for trace in figure["data"] if trace["type"] == "heatmap"][0]
    assert [c.split(" ")[0] for c in columns] == ["DO", "LTM", "BPB"], columns


def test_compare_page_of_a_kab_kota_account_compares_its_kecamatan(use_store):
    """An analyst of one kab/kota opening Bandingkan got "Angka ini tidak ditampilkan: 73 berada di luar wilayah akun
    Anda ... Percobaan ini dicatat": the page asked for the province's kab/kota, and the refusal was audited as an
    attempt. It offers the kecamatan of the account's kab/kota; a kecamatan's account is told what it needs."""
    at = start_as("views/banding.py", name="analish", role="analyst", scope="73.73")
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert at.selectbox(key="banding_level").options == ["Kecamatan"]
    units = at.multiselect(key="banding_units")
    assert len(units.options) >= 2 and all("(Kota Palopo)" in o for o in units.options), units.options
    at.multiselect(key="banding_units").set_value(["73.73.01", "73.73.02"]).run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert len(shown(at.dataframe[0])) == 2 and len([k for k in screen_figures(at) if k.startswith("banding_map_")]) == 2
    at = start_as("views/banding.py", name="analisi", role="analyst", scope="73.73.01")
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert any("Bandingkan memerlukan akun dengan wilayah sedikitnya satu kab/kota" in i.value for i in at.info)


def test_kla_scorecard_change_names_its_year_in_a_form_the_column_shows(use_store):
    """The change column (90 px) read "+6,6 (sejak 202": the year it is measured from was cut. It reads "+6,7 (2024)",
    the header's help says what the year is."""
    at = start_as("views/kla.py", name="analisj", role="analyst", scope="73", tahun="2025")
    card = shown(at.dataframe[0]).set_index("kode")
    assert card.loc["IV.2", "perubahan"] == "+6,7 (2024)", card["perubahan"].to_dict()
    assert card.loc["IV.2d", "perubahan"].endswith(" (2024)") and len(card.loc["IV.2d", "perubahan"]) <= 12


def test_trend_of_each_unit_names_every_unit_and_round(use_store):
    """The trend of each kecamatan is a heat map with a row per kecamatan, named in full, and a column per round
    surveyed, named in full: the small multiples before it named their first and last round only ('24 and '25, as
    "2025 2024" ran together between panels)."""

    at = start_as("views/tren.py", name="analisk", role="analyst", scope="73")  # a viewer's are withheld here
    at = open_tren_tab(at, "units")  # a tab of its own
    figure = next(f for k, f in screen_charts(at).items() if "tren_multiples_" in k)
    heat = figure["data"][-1]
    assert heat["type"] == "heatmap" and figure["layout"]["xaxis"]["ticktext"] == ["2024", "2025"]
    names = figure["layout"]["yaxis"]["ticktext"]
    assert len(names) == len(heat["z"]) >= 2 and all(names), names
    assert any(caption.value.startswith("Angka di tiap sel: ATS per 100") for caption in at.caption)


def test_handling_reasons_by_category_say_what_their_marks_mean(use_store):
    """The reasons x category heat map shows "< 5" and "×" in its cells, and nothing on the page said what "×" means
    unless a table happened to carry it: the same marks note as under a table follows the chart."""
    at = start_page("views/penanganan.py", round="2024")
    assert not at.exception, at.exception

    def walk(node):
        for child in getattr(node, "children", {}).values():
            yield child
            yield from walk(child)

    order = [e for e in walk(at.main) if e.type in ("bidi_component", "caption")]
    chart = next(i for i, e in enumerate(order) if e.type == "bidi_component" and e.key == "handling_reason_kategori")
    note = order[chart + 1]
    assert note.type == "caption" and rendered(note.value).startswith("Tanda: **< 5**: Jumlah anak 1 sampai 4"), note.value
