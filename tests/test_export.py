"""Tables that leave the screen (ui/export.py over data/spreadsheet.py): the rows of a real read query on the
fixture store, headers in the UI language, numbers typed with number formats, the About sheet, every hostile text
cell neutralised and numbers left numbers; the CSV with the separators of the language."""

import datetime as dt
import io

import openpyxl
import pandas as pd
import pytest

from tests.conftest import needs_shared, run_query

pytestmark = needs_shared

HOSTILE = ["=HYPERLINK(\"http://x\",\"klik\")", "@SUM(A1)", "+62 812", "-cmd", "\tTab", "\rCR"]


@pytest.fixture()
def english(monkeypatch):
    from ui import i18n

    monkeypatch.setattr(i18n, "lang", lambda: "en")


def _source(store, query, **params):
    from data import api

    return api.Source(query, params, api.StoreInfo(str(store), "abc123", "2026-12-01T10:00:00", True))


def _view(**filters):
    from ui.view import View

    return View(places=("Sulawesi Selatan", "Kota Palopo"), period="putaran 2024", as_of="15 Juli 2024", **filters)


def _units(fixture_store, **filters):
    params = {"level": "kel", "kode_induk": "73.73", "survey_round": 2024, **filters}
    return run_query(fixture_store, "ats_by_wilayah", **params), _source(fixture_store, "ats_by_wilayah", **params)


def _workbook(data: bytes):
    wb = openpyxl.load_workbook(io.BytesIO(data))
    rows = list(wb[wb.sheetnames[0]].values)
    about = dict(wb[wb.sheetnames[1]].iter_rows(min_row=2, values_only=True))
    return wb, rows, about


def test_xlsx_has_the_screen_headers_typed_numbers_and_an_about_sheet(fixture_store):
    from ui import export

    df, source = _units(fixture_store, sex="P", age_group="13-15", has_disability=True, kategori_ats="LTM")
    columns = ["kode", "nama", "n_anak", "n_ats", "ats_pct", "n_do"]
    view = _view(sex="P", age_group="13-15", has_disability=True, kategori_ats="LTM")
    table = export.table(df, columns, view=view, source=source, title="Tabel per Desa/Kelurahan", key="peta_units",
                         decimals={"ats_pct": 1})
    wb, rows, about = _workbook(export.xlsx(table))
    assert wb.sheetnames == ["Tabel", "Keterangan"]
    assert rows[0] == ("Kode", "Nama", "Anak perempuan 13-15 tahun dengan disabilitas", "Lulus tidak melanjutkan (LTM)",
                       "Lulus tidak melanjutkan (LTM) per 100", "DO")
    assert len(rows) == len(df) + 1
    # the same numbers as the query, typed; a unit not surveyed is an empty cell, never 0
    by_kode = {r[0]: r for r in rows[1:]}
    for _, unit in df.iterrows():
        row = by_kode[unit["kode"]]
        if pd.isna(unit["n_anak"]):
            assert row[2] is None and row[4] is None
        else:
            assert row[2] == unit["n_anak"] and isinstance(row[2], int)
            assert row[4] is None if pd.isna(unit["ats_pct"]) else row[4] == pytest.approx(unit["ats_pct"])
    sheet = wb["Tabel"]
    assert sheet["C2"].number_format == "#,##0" and sheet["E2"].number_format == "#,##0.0"
    assert sheet["A1"].font.bold and sheet.freeze_panes == "A2"
    # what the table is, for whoever gets the file without the screen
    assert about["Tampilan"] == ("Sulawesi Selatan › Kota Palopo · putaran 2024 · perempuan · 13-15 tahun · "
                                 "dengan disabilitas · lulus tidak melanjutkan (LTM)")
    assert about["Filter"] == ("Jenis kelamin: perempuan; Kelompok umur: 13-15 tahun; Disabilitas: dengan disabilitas; "
                               "Kategori ATS: lulus tidak melanjutkan (LTM)")
    assert about["Kueri"] == "ats_by_wilayah" and "kode_induk=73.73" in about["Parameter kueri"]
    assert about["Versi data"] == "abc123" and about["Data dimuat"] == "2026-12-01T10:00:00"
    assert about["Tanggal data"] == "15 Juli 2024" and about["Jenis data"] == "data demo (sintetis)"
    assert about["Sumber"] == "Sumber: sensus SIPBM putaran 2024, data per 15 Juli 2024 · data demo (sintetis)"
    exported = dt.datetime.fromisoformat(about["Diekspor"])
    assert abs((dt.datetime.now().astimezone() - exported).total_seconds()) < 120
    assert about["Jumlah baris"] == len(df)
    for header in rows[0][2:]:  # every measure shown is defined
        assert header in about and len(about[header]) > 10, header


def test_hostile_text_is_neutralised_and_numbers_stay_numbers(fixture_store):
    """A name or text cell starting with = + - @, a tab or a CR would run as a formula: it gets an apostrophe. A
    negative number (a fall in the rate) is a number, not text, and keeps its sign."""
    from ui import export

    trend = run_query(fixture_store, "ats_trend_by_round", level="kel", kode_induk="73.73")
    trend = trend[trend["d_ats_pct"].notna()].head(len(HOSTILE)).reset_index(drop=True)
    assert (trend["d_ats_pct"] < 0).any(), "the fixture has a unit whose rate fell"
    trend["nama"] = HOSTILE[: len(trend)]
    source = _source(fixture_store, "ats_trend_by_round", level="kel", kode_induk="73.73")
    table = export.table(trend, ["nama", "survey_round", "d_ats_pct"], view=_view(), source=source,
                         title="=cmd|' /C calc'!A0", key="tren", decimals={"d_ats_pct": 2})
    wb, rows, about = _workbook(export.xlsx(table))
    names = [r[0] for r in rows[1:]]
    assert names == ["'" + h for h in HOSTILE[: len(trend)]]
    assert [r[2] for r in rows[1:]] == pytest.approx(list(trend["d_ats_pct"]))
    assert all(isinstance(r[1], int) for r in rows[1:]) and wb["Tabel"]["B2"].number_format == "0"
    assert about["Judul"] == "'=cmd|' /C calc'!A0"
    for sheet in wb:
        for row in sheet.iter_rows(values_only=True):
            assert not any(isinstance(c, str) and c.startswith(("=", "+", "-", "@", "\t", "\r")) for c in row), row
    text = export.csv(table).decode("utf-8-sig")
    read = pd.read_csv(io.StringIO(text), sep=";", decimal=",", keep_default_na=False)
    assert read["Nama"].tolist() == ["'" + h for h in HOSTILE[: len(trend)]]
    assert read["Perubahan (poin)"].tolist() == pytest.approx(list(trend["d_ats_pct"]))  # numbers, sign kept
    assert not any(line.startswith(("=", "+", "@")) for line in text.splitlines())


def test_english_export_speaks_english_and_uses_english_separators(fixture_store, english):
    from ui import export

    df, source = _units(fixture_store, sex="L")
    table = export.table(df, ["nama", "n_anak", "ats_pct"], view=_view(sex="L").at(period="round 2024"), source=source,
                         title="Table", key="peta_units", decimals={"ats_pct": 1})
    wb, rows, about = _workbook(export.xlsx(table))
    assert wb.sheetnames == ["Table", "About"] and rows[0] == ("Name", "Boys 7-18", "Out of school per 100")
    assert about["Filters"] == "Sex: boys" and about["Kind of data"] == "demo data (synthetic)"
    read = pd.read_csv(io.StringIO(export.csv(table).decode("utf-8-sig")))
    assert list(read.columns) == ["Name", "Boys 7-18", "Out of school per 100"]
    assert read["Boys 7-18"].sum() == df["n_anak"].sum()


def test_filters_a_query_does_not_take_are_said_not_applied(fixture_store):
    """Targets are set on all children 7-18: with filters on, the export says they do not apply instead of
    naming them as if its numbers followed them."""
    from data import reference
    from ui import export

    targets = run_query(fixture_store, "ats_target_by_round", kode="73.73")  # target_file is bound by the application
    source = _source(fixture_store, "ats_target_by_round", kode="73.73", target_file=str(reference.TARGET_ATS))
    table = export.table(targets, ["nama", "year", "target_ats_pct", "ats_pct"], view=_view(sex="P", kategori_ats="DO"),
                         source=source, title="Target", key="tren_targets", decimals={"target_ats_pct": 1, "ats_pct": 2})
    wb, rows, about = _workbook(export.xlsx(table))
    assert rows[0] == ("Nama", "Tahun", "Target per 100", "ATS per 100")
    assert about["Filter"] == "tidak ada (semua anak 7-18)"
    assert about["Filter aktif yang tidak berlaku untuk tabel ini"] == "perempuan, putus sekolah (DO)"
    assert "perempuan" not in about["Tampilan"]
    assert "target_file=data/reference/target_ats.csv" in about["Parameter kueri"]  # no machine path


def test_dates_are_dates_in_words_of_the_language(fixture_store):
    from ui import export

    worklist = run_query(fixture_store, "handling_worklist_by_kel", kode="73.73", survey_round=2024)
    assert len(worklist)
    source = _source(fixture_store, "handling_worklist_by_kel", kode="73.73", survey_round=2024)
    table = export.table(worklist, ["nama", "oldest_open_date", "days_open"], view=_view(), source=source,
                         title="Daftar kerja", key="handling_worklist")
    wb, rows, _ = _workbook(export.xlsx(table))
    assert isinstance(rows[1][1], dt.datetime) and wb["Tabel"]["B2"].number_format == "[$-421]d mmmm yyyy"
    assert rows[1][1].date() == pd.Timestamp(worklist["oldest_open_date"].iloc[0]).date()


def test_a_hidden_count_leaves_as_its_mark_and_the_about_sheet_says_what_each_mark_means(fixture_store):
    """Small-cell protection in the files (issue 19.1): a count the viewer's query hid because it is from 1 to 4 is
    the text "< 5" in its cell, one hidden as a complementary cell (the BPB children of Tompotikka and Sabbamparu in
    2025, hidden so that Boting's and Batupasi's cannot be worked out) the neutral "×", never "< 5" (its value is not
    small); neither is an empty cell, which reads as
    "not surveyed". A withheld rate reads "ditahan", the published counts stay typed numbers, and the Keterangan sheet
    explains each mark the table has; the CSV says the same."""
    from data import api
    from ui import export

    params = {"level": "kel", "kode_induk": "73.73", "survey_round": 2025}
    df = run_query(fixture_store, "ats_by_wilayah", role="viewer", **params)
    assert df["n_ats_hidden"].any() and df["ats_pct_hidden"].any()
    complementary = df["n_bpb_hidden"] & ~df["n_bpb_small"]
    assert complementary.any() and (df["n_bpb_hidden"] & df["n_bpb_small"]).any()
    source = api.Source("ats_by_wilayah", params, api.StoreInfo(str(fixture_store), "abc123", "2026-12-01T10:00:00", True))
    table = export.table(df, ["kode", "n_ats", "ats_pct", "n_bpb"], view=_view(), source=source, title="Tabel",
                         key="peta_units", decimals={"ats_pct": 1})
    wb, rows, about = _workbook(export.xlsx(table))
    by_kode = {r[0]: r for r in rows[1:]}
    for _, unit in df.iterrows():
        row = by_kode[unit["kode"]]
        assert row[1] == "< 5" if unit["n_ats_hidden"] else row[1] is None or isinstance(row[1], int)
        assert row[2] == "ditahan" if unit["ats_pct_hidden"] else not isinstance(row[2], str)
        if unit["n_bpb_hidden"]:
            assert row[3] == ("< 5" if unit["n_bpb_small"] else "×"), (unit["kode"], row)
    assert "1 sampai 4," in about["< 5"] and "0 adalah nol sebenarnya" in about["< 5"]
    assert "tidak dapat dihitung dari jumlahnya" in about["×"] and "tidak menyatakan nilai" in about["×"]
    assert "kurang dari 10 anak" in about["ditahan"]
    csv = pd.read_csv(io.BytesIO(export.csv(table)), sep=";", decimal=",", encoding="utf-8-sig", dtype=str)
    assert (csv.iloc[:, 1] == "< 5").sum() == df["n_ats_hidden"].sum()
    assert (csv.iloc[:, 3] == "×").sum() == complementary.sum()
    # a query that flags its hidden counts but does not say why (no <column>_small, protected on another branch):
    # the neutral mark on every hidden count, never "< 5" (a value claim it cannot back)
    unsaid = export.table(df.drop(columns="n_bpb_small"), ["kode", "n_bpb"], view=_view(), source=source,
                          title="Tabel", key="peta_units")
    marks = {r[0]: r[1] for r in _workbook(export.xlsx(unsaid))[1][1:]}
    assert all(marks[kode] == "×" for kode in df.loc[df["n_bpb_hidden"], "kode"]) and "< 5" not in marks.values()
    # a table with small counts only explains "< 5", not the marks it does not have
    small_only = export.table(df, ["kode", "n_ats"], view=_view(), source=source, title="Tabel", key="peta_units")
    _, _, about = _workbook(export.xlsx(small_only))
    assert "< 5" in about and "×" not in about and "ditahan" not in about
    # an analyst's table has nothing hidden: no mark and no explanation of one
    raw = run_query(fixture_store, "ats_by_wilayah", role="analyst", **params)
    _, _, about = _workbook(export.xlsx(export.table(raw, ["kode", "n_ats", "n_bpb"], view=_view(), source=source,
                                                     title="Tabel", key="peta_units")))
    assert "< 5" not in about and "×" not in about


def test_a_table_made_at_the_click_is_the_one_of_the_page_in_its_language(fixture_store):
    """export.later: the table a download button makes when clicked (on Streamlit's thread, outside the page's run,
    where the session's language is not known) is the table export.table makes during the run, every row, in the
    language of the run that offered it; the file's name is known before it is made."""
    import threading

    from ui import export, i18n

    df, source = _units(fixture_store, sex="L")
    columns, options = ["kode", "nama", "n_anak", "ats_pct"], {"decimals": {"ats_pct": 1}}
    view = _view(sex="L").at(period="round 2024")
    with i18n.language("en"):
        pending = export.later(df, columns, view=view, source=source, title="Table", key="peta_units", **options)
        now = export.table(df, columns, view=view, source=source, title="Table", key="peta_units", **options)
    made = []
    thread = threading.Thread(target=lambda: made.append(pending.made()))
    thread.start()
    thread.join()
    assert pending.stem == now.stem and pending.title == "Table"
    assert made[0].lang == "en" and list(made[0].frame.columns) == ["Code", "Name", "Boys 7-18", "Out of school per 100"]
    pd.testing.assert_frame_equal(made[0].frame, now.frame)
    assert len(made[0].frame) == len(df) and made[0].about.equals(now.about)
    assert pending.made() is made[0]  # made once, for both buttons
