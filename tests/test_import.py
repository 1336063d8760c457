"""Survey import (`python -m data import`, data/importer.py): canonical files in, numbers out equal to a pandas
recomputation; every bad input refused with a clear message or rejected row by row; the store unchanged (same
bytes) whenever nothing was applied; no raw NIK, KK number or name in the store."""

import csv
import datetime as dt
import hashlib
import hmac
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from data import importer
from data.config import ROOT
from data.importer import ImportRefused, run_import
from tests.conftest import needs_shared, shared_palopo

pytestmark = needs_shared

EXAMPLE = ROOT / "docs" / "examples" / "sipbm_canonical_example.csv"
KOBO_CSV = ROOT / "docs" / "examples" / "kobo_export_example.csv"
KOBO_MAP = ROOT / "docs" / "examples" / "mapping_kobo_example.toml"
KEY = "test-key-0123456789"
TODAY = dt.date(2026, 11, 23)


@pytest.fixture(scope="module")
def base_store(tmp_path_factory):
    """The fixture store without boundaries (faster to copy), is_demo false, rounds 2024-2025 of Palopo."""
    from tests.conftest import build_fixture_store

    return build_fixture_store(tmp_path_factory.mktemp("import") / "base.duckdb", with_boundaries=False)


@pytest.fixture()
def store(base_store, tmp_path, monkeypatch):
    path = tmp_path / "store.duckdb"
    shutil.copy(base_store, path)
    monkeypatch.setenv("ATS_STORE", str(path))
    monkeypatch.setenv("ATS_HMAC_KEY", KEY)
    monkeypatch.delenv("ATS_HMAC_KEY_FILE", raising=False)
    monkeypatch.delenv("ATS_IMPORT_MAX_BYTES", raising=False)
    return path


def sha(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def example() -> pd.DataFrame:
    return pd.read_csv(EXAMPLE, dtype=str, keep_default_na=False)


def write(df: pd.DataFrame, path: Path, **kwargs) -> Path:
    df.to_csv(path, index=False, **kwargs)
    return path


def rows_of(store, sql, params=None) -> pd.DataFrame:
    con = duckdb.connect(str(store), read_only=True)
    try:
        return con.execute(sql, params or {}).df()
    finally:
        con.close()


def imp(path, store, **kwargs):
    return run_import(path, store_path=store, today=TODAY, **kwargs)


# ----------------------------------------------------------------------------------------------------------
# Round trip and store semantics


def test_canonical_round_trip_equals_pandas_recomputation(store):
    report = imp(EXAMPLE, store)
    src = example()
    assert report.status == "applied" and report.rejected == 0
    assert report.rows_read == report.accepted == len(src)

    anak = rows_of(store, "SELECT * FROM anak WHERE survey_round = 2026 ORDER BY kode_kel")
    dob = pd.to_datetime(src["tanggal_lahir"])
    ref = pd.Timestamp("2026-07-15")
    src["umur"] = ref.year - dob.dt.year - ((dob.dt.month > 7) | ((dob.dt.month == 7) & (dob.dt.day > 15))).astype(int)
    assert sorted(anak["umur"]) == sorted(src["umur"])
    assert anak.groupby("kode_kel").size().to_dict() == src.groupby("kode_kel").size().to_dict()
    want = src[src["kategori_ats"] != ""].groupby("kategori_ats").size().to_dict()
    assert anak.dropna(subset=["kategori_ats"]).groupby("kategori_ats").size().to_dict() == want
    # aggregates rebuilt by the write path
    agg = rows_of(store, "SELECT sum(n_anak) AS n, sum(n_ats) AS ats FROM agg_ats_kel WHERE survey_round = 2026")
    in_scope = src[(src["umur"] >= 7) & (src["umur"] <= 18)]
    assert int(agg["n"][0]) == len(in_scope) and int(agg["ats"][0]) == (in_scope["kategori_ats"] != "").sum()
    keluarga = rows_of(store, "SELECT * FROM keluarga WHERE survey_round = 2026")
    assert len(keluarga) == src.groupby(["kode_kel", "id_keluarga"]).ngroups
    # keyed hash of the NIK, nothing raw
    expected = hmac.new(KEY.encode(), src["nik"][0].encode(), "sha256").hexdigest()[:32]
    assert expected in set(anak["nik_hash"])
    events = rows_of(store, "SELECT tahap, count(*) AS n FROM penanganan WHERE survey_round = 2026 GROUP BY ALL")
    assert dict(zip(events["tahap"], events["n"]))["identifikasi"] == (src["kategori_ats"] != "").sum()
    rounds = rows_of(store, "SELECT * FROM survey_round WHERE survey_round = 2026")
    assert rounds["reference_date"][0].date() == dt.date(2026, 7, 15) if hasattr(rounds["reference_date"][0], "date") else True
    log = importer.list_imports(store)
    assert tuple(log.columns) == importer.IMPORT_LOG_COLUMNS  # the page translates each header
    assert log.iloc[0][["rows_read", "accepted", "rejected", "status"]].tolist() == [len(src), len(src), 0, "applied"]
    assert log.iloc[0]["sha256"] == sha(EXAMPLE)
    meta = dict(rows_of(store, "SELECT key, value FROM meta").values)
    assert meta["is_demo"] == "False"


def test_raw_identifiers_and_names_never_reach_the_store_file(store):
    imp(EXAMPLE, store)
    data = store.read_bytes()
    src = example()
    for value in (src["nik"][0], src["nik"][5], src["no_kk"][0], "Anak Contoh"):
        assert value.encode() not in data, value
    assert not any(p.name.endswith((".wal", ".tmp")) for p in store.parent.iterdir())


def test_same_file_twice_changes_nothing_the_second_time(store):
    assert imp(EXAMPLE, store).status == "applied"
    before = sha(store)
    again = imp(EXAMPLE, store)
    assert again.status == "unchanged" and sha(store) == before
    assert len(importer.list_imports(store)) == 1


def test_same_file_with_other_settings_is_imported_again(store, tmp_path):
    """A file imported with a wrong mapping or a wrong --round is put right by importing it again with the right
    ones: only the same file with the same settings is "unchanged"."""
    src = example().drop(columns="survey_round")
    path = write(src, tmp_path / "noround.csv")
    assert imp(path, store, survey_round=2024).status == "applied"
    assert imp(path, store, survey_round=2024).status == "unchanged"
    again = imp(path, store, survey_round=2025)
    assert again.status == "applied" and again.survey_round == 2025
    swapped = tmp_path / "swapped.toml"
    swapped.write_text('[values.sex]\n"L" = "P"\n"P" = "L"\n', encoding="utf-8")
    assert imp(EXAMPLE, store, mapping=swapped).status == "applied"
    fixed = imp(EXAMPLE, store)
    assert fixed.status == "applied"
    sexes = rows_of(store, "SELECT sex, count(*) AS n FROM anak WHERE survey_round = 2026 GROUP BY ALL")
    assert dict(zip(sexes["sex"], sexes["n"])) == example()["sex"].value_counts().to_dict()
    assert importer.list_imports(store)["survey_round"].tolist() == [2026, 2026, 2025, 2024]


def test_rounds_and_reference_dates_outside_their_range_are_refused_once(store, tmp_path):
    """A round that is no year of a census, from --round or from the file, and a reference date far from its
    round are refused with one message naming where they came from, not rejected row by row."""
    before = sha(store)
    for year in (1800, 2099, -5, 0):
        with pytest.raises(ImportRefused, match=rf"--round is {year}: a survey round is a year from 2000 to 2026"):
            imp(EXAMPLE, store, survey_round=year)
    src = example()
    src["survey_round"] = "0"
    with pytest.raises(ImportRefused, match="the survey_round most common in the file .* is 0"):
        imp(write(src, tmp_path / "round0.csv"), store)
    src["survey_round"] = "7308100000000001"
    with pytest.raises(ImportRefused, match="most common in the file"):
        imp(write(src, tmp_path / "round_huge.csv"), store)
    with pytest.raises(ImportRefused, match="--reference-date 2099-01-01 is not a date of round 2026"):
        imp(EXAMPLE, store, reference_date="2099-01-01")
    src = example()
    src["reference_date"] = "01/01/1990"
    with pytest.raises(ImportRefused, match="reference_date 01/01/1990 is not a date of round 2026"):
        imp(write(src, tmp_path / "ref1990.csv"), store)
    assert sha(store) == before


def test_rejects_report_never_overwrites_the_store_or_the_file(store, tmp_path):
    before, source = sha(store), sha(EXAMPLE)
    for target in (store, EXAMPLE, tmp_path, tmp_path / "report.txt", store.with_name(store.name + ".wal")):
        for dry_run in (True, False):
            with pytest.raises(ImportRefused, match="--rejects .*a new .csv file"):
                imp(EXAMPLE, store, rejects_path=target, dry_run=dry_run)
    assert sha(store) == before and sha(EXAMPLE) == source


def test_a_file_without_header_row_is_refused_without_echoing_its_cells(store, tmp_path):
    path = tmp_path / "noheader.csv"
    path.write_text("\n".join(EXAMPLE.read_text(encoding="utf-8").splitlines()[1:]) + "\n", encoding="utf-8")
    for attempt in (lambda: imp(path, store), lambda: importer.read_preview(path)):
        with pytest.raises(ImportRefused) as refused:
            attempt()
        assert refused.value.code == "no_header" and "no header row" in str(refused.value)
        shown = str(refused.value) + json.dumps(refused.value.values)
        assert "9901" not in shown and "Anak Contoh" not in shown


def test_identifiers_under_another_column_are_masked_in_the_report_and_preview(store, tmp_path):
    """A mapping that reads the NIK column as kode_kel (a slip of the officer) must not put NIKs in clear in the
    rejection report or on the page: any cell of 12 digits or more is masked, whatever its column."""
    src = example().drop(columns="kode_kel").rename(columns={"nik": "NIK"})
    mapping = tmp_path / "slip.toml"
    mapping.write_text('[columns]\n"NIK" = "kode_kel"\n', encoding="utf-8")
    path = write(src, tmp_path / "slip.csv")
    report = imp(path, store, mapping=mapping, dry_run=True)
    assert report.status == "refused" and set(report.rejects["column"]) >= {"kode_kel"}
    assert not report.rejects["value"].astype(str).str.contains("99010000").any()
    assert set(report.rejects.loc[report.rejects["column"] == "kode_kel", "value"]) == {importer.MASK}
    preview = importer.read_preview(path, mapping=mapping)
    assert set(preview.rows["kode_kel"]) == {importer.MASK}
    assert preview.rows["kelas"].notna().any() and importer.MASK not in set(preview.rows["kelas"])


def test_long_cells_a_long_header_and_a_header_without_line_end(store, tmp_path):
    lines = EXAMPLE.read_text(encoding="utf-8").splitlines()
    bare = tmp_path / "header_noeol.csv"
    bare.write_text(lines[0], encoding="utf-8")
    with pytest.raises(ImportRefused, match="has a header but no data rows"):
        imp(bare, store)
    src = example()
    src.loc[3, "nama"] = "x" * 5_000_000  # a cell longer than pyarrow's 1 MB block
    src["catatan " + "y" * 2_000_000] = ""  # a header cell longer than Python's csv field limit
    report = imp(write(src, tmp_path / "long.csv"), store, dry_run=True)
    assert report.accepted == len(src) and report.rejected == 0


def test_refusals_are_logged_beside_the_store_without_the_message(store, tmp_path):
    (tmp_path / "empty.csv").write_bytes(b"")
    for attempt in (lambda: imp(tmp_path / "empty.csv", store), lambda: imp(EXAMPLE, store, survey_round="abc")):
        with pytest.raises(ImportRefused):
            attempt()
    lines = [json.loads(line) for line in store.with_name("imports.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(line["file"], line["status"], line["code"]) for line in lines[-2:]] == [
        ("empty.csv", "refused", "empty"), (EXAMPLE.name, "refused", None)]
    assert all("message" not in line and line["user"] for line in lines)


def test_corrected_file_replaces_only_its_kelurahan_and_round(store):
    earlier = len(rows_of(store, "SELECT * FROM anak WHERE survey_round IN (2024, 2025)"))
    imp(EXAMPLE, store)
    other = "SELECT * FROM anak WHERE NOT (survey_round = 2026 AND kode_kel = '73.73.01.1001') ORDER BY anak_id"
    before = rows_of(store, other)
    src = example()
    fixed = src[src["kode_kel"] == "73.73.01.1001"].head(3).copy()
    fixed["jarak_sekolah_km"] = "9,5"  # decimal comma
    path = write(fixed, store.parent / "corrected.csv")
    report = imp(path, store)
    assert report.status == "applied" and report.kelurahan == 1
    after = rows_of(store, other)
    pd.testing.assert_frame_equal(before, after)
    mine = rows_of(store, "SELECT * FROM anak WHERE survey_round = 2026 AND kode_kel = '73.73.01.1001'")
    assert len(mine) == 3
    km = rows_of(store, "SELECT DISTINCT jarak_sekolah_km FROM keluarga WHERE survey_round = 2026 AND kode_kel = '73.73.01.1001'")
    assert km["jarak_sekolah_km"].tolist() == [9.5]
    # the earlier fixture rounds are untouched
    assert len(rows_of(store, "SELECT * FROM anak WHERE survey_round IN (2024, 2025)")) == earlier > 0


def test_dry_run_reports_and_stores_nothing(store):
    before = sha(store)
    report = imp(EXAMPLE, store, dry_run=True)
    assert report.status == "dry_run" and report.accepted == len(example())
    assert sha(store) == before


def test_a_store_failing_its_checks_refuses_the_import_and_says_so(store, monkeypatch):
    """A store that already fails a data check refuses the write of a valid file: nothing changes, the refusal
    names the check (for the administrator) and the page wraps it in Bahasa Indonesia."""
    from tests.conftest import page_texts

    con = duckdb.connect(str(store))
    con.execute("INSERT INTO boundary VALUES ('99.99', 'kab', '{}', 0, 0, 1, 1, 'test')")
    con.close()
    before = sha(store)
    with pytest.raises(ImportRefused, match="data checks failed.*boundary_wilayah_known") as refused:
        imp(EXAMPLE, store)
    assert refused.value.code == "store_checks" and sha(store) == before
    texts = page_texts(refused.value, monkeypatch)
    assert "Berkas Anda sudah lolos validasi" in texts["id"] and "boundary_wilayah_known" in texts["id"]


def test_demo_store_is_refused_unless_replace_demo(store, tmp_path):
    from data import load

    palopo = shared_palopo("kelurahan_73.geojson")[["kode", "nama", "geometry"]]
    palopo.to_file(tmp_path / "palopo.geojson")
    load.import_boundary_file(tmp_path / "palopo.geojson", store_path=store)  # a boundary import into the demo store
    con = duckdb.connect(str(store))
    con.execute("UPDATE meta SET value = 'True' WHERE key = 'is_demo'")
    con.close()
    before = sha(store)
    with pytest.raises(ImportRefused, match="--replace-demo"):
        imp(EXAMPLE, store)
    assert sha(store) == before
    report = imp(EXAMPLE, store, replace_demo=True)
    assert report.status == "applied"
    assert rows_of(store, "SELECT DISTINCT survey_round FROM anak")["survey_round"].tolist() == [2026]
    assert len(rows_of(store, "SELECT * FROM wilayah")) > 90_000
    # the boundaries are kept, and so is the record of where they came from
    assert load.list_boundary_imports(store)["source"].tolist() == ["palopo.geojson"]


# ----------------------------------------------------------------------------------------------------------
# Privacy


def test_identifiers_refused_without_a_key(store, monkeypatch):
    monkeypatch.delenv("ATS_HMAC_KEY")
    before = sha(store)
    with pytest.raises(ImportRefused, match="ATS_HMAC_KEY"):
        imp(EXAMPLE, store)
    assert sha(store) == before
    # without identifier columns, no key is needed
    path = write(example().drop(columns=["nik", "no_kk"]), store.parent / "no_ids.csv")
    assert imp(path, store).status == "applied"


def test_key_from_a_file_and_a_different_key_is_refused(store, monkeypatch, tmp_path):
    monkeypatch.delenv("ATS_HMAC_KEY")
    key_file = tmp_path / "key.txt"
    key_file.write_text("from-a-file\n")
    monkeypatch.setenv("ATS_HMAC_KEY_FILE", str(key_file))
    assert imp(EXAMPLE, store).status == "applied"
    key_file.write_text("another key\n")
    fixed = example().head(2)
    with pytest.raises(ImportRefused, match="not the key used by earlier imports"):
        imp(write(fixed, tmp_path / "second.csv"), store)


# ----------------------------------------------------------------------------------------------------------
# Formats: encodings, delimiters, dates, XLSX, Parquet, mapping


def test_cp1252_bom_and_semicolons(store, tmp_path):
    src = example()
    src["nama"] = "Anak Contoh ‘Kutip’ é"  # characters that differ between cp1252 and latin-1
    cp = tmp_path / "cp1252.csv"
    cp.write_bytes(src.to_csv(index=False, sep=";").encode("cp1252"))
    preview = importer.read_preview(cp)
    assert preview.encoding == "cp1252" and preview.delimiter == ";" and not preview.missing_required
    assert imp(cp, store, dry_run=True).accepted == len(src)

    bom = tmp_path / "bom.csv"
    bom.write_bytes(src.to_csv(index=False, sep="\t").encode("utf-8-sig"))
    preview = importer.read_preview(bom)
    assert preview.encoding == "utf-8" and preview.delimiter == "\t" and "survey_round" in preview.mapping.values()
    assert imp(bom, store, dry_run=True).accepted == len(src)


def test_identifiers_written_with_separators_hash_as_their_digits(store, tmp_path):
    """A NIK or KK number as a spreadsheet may hold it (spaces, dots, dashes, a leading apostrophe that keeps it
    text) is hashed as its 16 digits: the same child gets the same hash however the cell was typed."""
    src = example().head(3).copy()
    plain_nik, plain_kk = src["nik"].tolist(), src["no_kk"].tolist()
    src["nik"] = [" ".join([n[:4], n[4:8], n[8:12], n[12:]]) for n in plain_nik[:2]] + ["'" + plain_nik[2]]
    src["no_kk"] = [f"{k[:6]}.{k[6:12]}-{k[12:]}" for k in plain_kk]
    report = imp(write(src, tmp_path / "typed.csv"), store)
    assert report.accepted == 3, report.rejects
    anak = rows_of(store, "SELECT nik_hash FROM anak WHERE survey_round = 2026")
    keluarga = rows_of(store, "SELECT no_kk_hash FROM keluarga WHERE survey_round = 2026")
    keyed = lambda text: hmac.new(KEY.encode(), text.encode(), "sha256").hexdigest()[:32]  # noqa: E731
    assert sorted(anak["nik_hash"]) == sorted(keyed(n) for n in plain_nik)
    assert sorted(keluarga["no_kk_hash"]) == sorted({keyed(k) for k in plain_kk})


def test_identifier_saved_as_a_spreadsheet_number_says_how_to_keep_it_text(store, tmp_path):
    """Excel shows a 16-digit number kept in a General column as 7,3081E+15 and writes it so to CSV (and
    7308100000000000.0 when read back as a number): it keeps 15 digits, so the NIK is lost. The rejection says
    so, in both languages, and how to fix the sheet; a NIK that is simply too short gets the plain reason."""
    src = example().head(4).copy()
    src["nik"] = ["7,30811E+15", "7.30812E+15", "7308100000000000.0", "73081"]
    report = imp(write(src, tmp_path / "numbers.csv"), store, dry_run=True)
    by_row = report.rejects.set_index("row")
    assert (report.accepted, report.rejected) == (0, 4)
    for row in (2, 3, 4):
        assert "saved as a number" in by_row.loc[row, "reason"] and "format the column as Text" in by_row.loc[row, "reason"]
        assert "tersimpan sebagai angka" in by_row.loc[row, "alasan"]
    assert by_row.loc[5, "reason"] == "a NIK has 16 digits" and by_row.loc[5, "alasan"] == "NIK terdiri dari 16 digit"


def test_nik_kept_as_a_number_in_a_sheet_is_rejected_with_how_to_keep_it_text(store, tmp_path):
    """In an XLSX sheet a NIK typed into a number cell has lost its 16th digit (Excel keeps 15): that row is
    rejected with how to keep the column as text, the rows whose NIK is text are taken."""
    import openpyxl

    src = example().head(4)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(list(src.columns))
    nik = src.columns.get_loc("nik")
    for i, row in enumerate(src.itertuples(index=False)):
        values = list(row)
        if i == 1:
            values[nik] = int(values[nik]) // 10 * 10  # as Excel keeps it
        ws.append(values)
    path = tmp_path / "nik_number.xlsx"
    wb.save(path)
    report = imp(path, store, dry_run=True)
    assert (report.accepted, report.rejected) == (3, 1)
    assert report.rejects[["row", "column"]].values.tolist() == [[3, "nik"]]
    assert "saved as a number" in report.rejects["reason"][0]


def test_windows_1252_whose_first_megabyte_is_plain_ascii(store, tmp_path):
    """Excel's "CSV (comma delimited)" is Windows-1252: when the first MB (where the encoding is guessed) is plain
    ASCII and a ’ comes later, the file is read as Windows-1252, not refused as broken UTF-8; the preview, which
    reads only the first rows, says it is one or the other until it reads that far."""
    src = example()
    src["catatan"] = "x" * 100_000  # a column the import does not use: the last row is past 3 MB
    src.loc[len(src) - 1, "sex"] = "L’"
    path = tmp_path / "late_1252.csv"
    path.write_bytes(src.to_csv(index=False).encode("cp1252"))
    assert importer.read_preview(path, n=5).encoding == "utf-8 / cp1252"  # the first rows cannot tell: it says so
    assert importer.read_preview(path, n=len(src)).encoding == "cp1252"
    report = imp(path, store, dry_run=True)
    assert report.accepted == len(src) - 1
    assert report.rejects[["row", "column", "value"]].values.tolist() == [[len(src) + 1, "sex", "L’"]]


def test_dates_in_three_formats_and_decimal_commas(store, tmp_path):
    src = example().head(3).copy()
    src["tanggal_lahir"] = ["02/03/2010", "2014-11-20", str((dt.date(2021, 5, 1) - dt.date(1899, 12, 30)).days)]
    src["jarak_sekolah_km"] = ["1,25", "1,25", "1,25"]
    report = imp(write(src, tmp_path / "dates.csv"), store)
    assert report.accepted == 3, report.rejects
    anak = rows_of(store, "SELECT umur FROM anak WHERE survey_round = 2026 ORDER BY umur")
    assert anak["umur"].tolist() == [5, 11, 16]
    assert rows_of(store, "SELECT jarak_sekolah_km FROM keluarga WHERE survey_round = 2026")["jarak_sekolah_km"].tolist() == [1.25]


def test_xlsx_sheet_choice(store, tmp_path):
    import openpyxl

    src = example()
    wb = openpyxl.Workbook()
    wb.active.title = "catatan"
    wb.active.append(["this sheet is a note"])
    ws = wb.create_sheet("data")
    ws.append(list(src.columns))
    for row in src.itertuples(index=False):
        values = list(row)
        values[src.columns.get_loc("tanggal_lahir")] = dt.datetime.fromisoformat(values[src.columns.get_loc("tanggal_lahir")])
        values[src.columns.get_loc("survey_round")] = int(values[0])
        ws.append(values)
    path = tmp_path / "sipbm.xlsx"
    wb.save(path)
    preview = importer.read_preview(path, sheet="data")
    assert preview.sheets == ["catatan", "data"] and not preview.missing_required
    assert importer.read_preview(path).other_sheet == "data"  # the Impor page names it
    with pytest.raises(ImportRefused, match="sheet 'catatan' does not have the required columns .* sheet 'data' has"):
        imp(path, store)  # the first sheet is a note
    with pytest.raises(ImportRefused, match="has no sheets"):
        imp(EXAMPLE, store, sheet="data")
    with pytest.raises(ImportRefused, match="no sheet 'nope'"):
        imp(path, store, sheet="nope")
    report = imp(path, store, sheet="data")
    assert report.status == "applied" and report.accepted == len(src) and report.rejects.empty


TITLE = "REKAPITULASI DATA ANAK TIDAK SEKOLAH, KOTA PALOPO (DATA SINTETIS)"


def test_title_rows_above_the_header_of_a_sheet(store, tmp_path):
    """A report's title rows above the table (as Excel sheets of a dinas often have) are skipped: the header is
    the row naming the most known columns, and rows keep their Excel numbers."""
    import openpyxl

    src = example()
    src.loc[2, "sex"] = "X"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append([TITLE])
    ws.append(["Keadaan per 15 Juli 2026", None, "sumber: SIPBM"])
    ws.append([])
    ws.append(list(src.columns))
    for row in src.itertuples(index=False):
        ws.append(list(row))
    path = tmp_path / "laporan.xlsx"
    wb.save(path)
    preview = importer.read_preview(path)
    assert preview.header_row == 4 and not preview.missing_required and preview.rows["row"].iloc[0] == 5
    assert preview.rows.columns[0] == "row"  # shown first on the Impor page, as in the rejection table
    report = imp(path, store, dry_run=True)
    assert (report.rows_read, report.accepted) == (len(src), len(src) - 1)
    assert report.rejects[["row", "column"]].values.tolist() == [[4 + 3, "sex"]]  # the third data row


def test_preview_and_import_read_a_sheet_alike(tmp_path):
    """The whole sheet is read by python-calamine, the preview's first rows by openpyxl (lazily): both give the same
    header, cells and Excel row numbers, for a sheet starting at B3 under a title, with numbers, a date, a datetime,
    a boolean, a formula's cached value, an empty row and a NIK in a number cell."""
    import datetime as dt

    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Data"
    ws["B3"] = TITLE
    for col, name in zip("BCDEFG", ["kode_kel", "umur", "tanggal_lahir", "nik", "disabilitas", "jarak_sekolah_km"]):
        ws[f"{col}5"] = name
    ws.append([None, 7373011001, 12, dt.date(2014, 3, 1), 7373010101010001, True, 2.5])
    ws.append([])
    ws.append([None, "73.73.01.1002", "12", dt.datetime(2014, 3, 1, 10, 30), "7373010101010002", False, "=1+1"])
    ws.append([None, "73.73.01.1003", None, None, None, None, 1234567890123456])  # 16 digits, not an identifier
    path = tmp_path / "dua_pembaca.xlsx"
    wb.save(path)
    mapping = importer.load_mapping(None)
    whole = importer._read_xlsx(path, None, mapping)
    preview = importer._read_xlsx(path, None, mapping, limit=10)
    assert whole[0] == preview[0] and whole[2:] == preview[2:] == ("Data", 5)
    assert whole[1].to_pylist() == preview[1].to_pylist()
    rows = whole[1].to_pylist()
    assert [r["_row"] for r in rows] == [6, 8, 9]
    assert rows[0]["kode_kel"] == "7373011001" and rows[0]["tanggal_lahir"] == "2014-03-01"
    assert rows[0]["nik"] == "7373010101010001.0"  # said to be a spreadsheet number by the length rule
    assert rows[1]["tanggal_lahir"] == "2014-03-01 10:30:00" and rows[0]["disabilitas"] == "true"
    assert rows[2]["jarak_sekolah_km"] == "1234567890123456"  # calamine's float, openpyxl's int: the same text


@pytest.mark.parametrize("sep", [",", ";"])
def test_title_lines_above_the_header_of_a_csv(store, tmp_path, sep):
    """The same in a CSV saved from such a sheet: title lines (with commas in the text, and the sheet's empty
    cells as delimiters) before the header; the delimiter is the one that splits a line into known columns."""
    src = example()
    src.loc[0, "tanggal_lahir"] = "31/02/2015"
    width = len(src.columns)
    title = [TITLE] + [""] * (width - 1)
    path = tmp_path / "laporan.csv"
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, delimiter=sep)
        w.writerow(title)
        w.writerow([""] * width)
        w.writerow(src.columns)
        w.writerows(src.itertuples(index=False))
    preview = importer.read_preview(path)
    assert (preview.delimiter, preview.header_row) == (sep, 3) and not preview.missing_required
    report = imp(path, store, dry_run=True)
    assert (report.rows_read, report.accepted) == (len(src), len(src) - 1)
    assert report.rejects[["row", "column"]].values.tolist() == [[4, "tanggal_lahir"]]


def test_blank_lines_and_empty_rows_of_a_csv_keep_their_line_numbers(store, tmp_path):
    """A blank line, or an empty row of a sheet saved as CSV (only delimiters), is not a record (as an empty row
    of an XLSX sheet) and is not counted, but the rows after it keep their line in the file: the rejection report
    points at the line a text editor or Excel shows."""
    src = example()
    src.loc[5, "sex"] = "X"
    lines = src.to_csv(index=False).splitlines()
    lines.insert(3, "")  # line 4: blank
    lines.insert(6, "," * (len(src.columns) - 1))  # line 7: an empty row
    path = tmp_path / "gaps.csv"
    path.write_text("\n".join(lines) + "\n\n", encoding="utf-8")
    line_of_x = next(i for i, line in enumerate(lines, start=1) if ",X," in line)
    assert line_of_x == 5 + 1 + 2 + 1  # header, src row 5 (0-based), the blank line and the empty row before it
    report = imp(path, store, dry_run=True)
    assert (report.rows_read, report.accepted) == (len(src), len(src) - 1)
    assert report.rejects[["row", "column", "value"]].values.tolist() == [[line_of_x, "sex", "X"]]
    assert importer.read_preview(path).rows["row"].tolist()[:5] == [2, 3, 5, 6, 8]


def test_title_line_above_label_headers_known_through_the_mapping(store, tmp_path):
    path = tmp_path / "kobo_laporan.csv"
    path.write_text("Ekspor KoBo; formulir SIPBM (data sintetis)\n" + KOBO_CSV.read_text(encoding="utf-8"), encoding="utf-8")
    plain = imp(KOBO_CSV, store, mapping=KOBO_MAP, dry_run=True)
    titled = imp(path, store, mapping=KOBO_MAP, dry_run=True)
    assert (titled.rows_read, titled.accepted, titled.rejected) == (plain.rows_read, plain.accepted, plain.rejected)
    assert (titled.rejects["row"] - 1).tolist() == plain.rejects["row"].tolist()


def test_parquet(store, tmp_path):
    src = example()
    src["tanggal_lahir"] = pd.to_datetime(src["tanggal_lahir"])
    path = tmp_path / "sipbm.parquet"
    src.to_parquet(path)
    report = imp(path, store, dry_run=True)
    assert report.accepted == len(src), report.rejects


@pytest.mark.parametrize("mapping", [KOBO_MAP, KOBO_MAP.with_suffix(".yaml")])
def test_mapping_with_label_headers_and_recodes(store, mapping):
    preview = importer.read_preview(KOBO_CSV, mapping=mapping)
    assert not preview.missing_required and preview.mapping["Jenis Kelamin"] == "sex"
    report = imp(KOBO_CSV, store, mapping=mapping)
    assert report.status == "applied", report.message
    labels = pd.read_csv(KOBO_CSV, dtype=str, keep_default_na=False)
    assert report.rows_read == len(labels) and report.accepted + report.rejected == len(labels)
    anak = rows_of(store, "SELECT sex, alasan, kategori_ats FROM anak WHERE survey_round = 2026")
    assert set(anak["sex"]) == {"L", "P"}
    assert set(anak["alasan"].dropna()) <= set(importer.VOCAB["alasan"]) and anak["alasan"].notna().any()


def test_missing_columns_message_lists_them_and_the_mapping_entry(store, tmp_path):
    src = example().rename(columns={"kode_kel": "Kode Desa", "sex": "JK"})
    before = sha(store)
    with pytest.raises(ImportRefused) as e:
        imp(write(src, tmp_path / "missing.csv"), store)
    message = str(e.value)
    assert "kode_kel" in message and "sex" in message and '"Kode Desa" = "kode_kel"' in message
    assert '"JK" = "sex"' in message  # a usual header of the column, not the closest spelling
    assert sha(store) == before


def test_kobo_headers_without_a_mapping_get_the_right_suggestions(store):
    preview = importer.read_preview(KOBO_CSV)  # only what the import reads is shown: no column of names in clear
    assert list(preview.rows.columns) == ["row", *preview.mapping.values()] and "Nama Lengkap" not in preview.rows
    assert preview.missing_required and preview.other_sheet is None
    with pytest.raises(ImportRefused) as e:
        imp(KOBO_CSV, store)
    for entry in ('"Kode Desa/Kelurahan" = "kode_kel"', '"ID Rumah Tangga" = "id_keluarga"', '"Jenis Kelamin" = "sex"',
                  '"Status Sekolah" = "partisipasi"', '"Your column name" = "survey_round"'):
        assert entry in str(e.value)


def test_kecamatan_and_kab_codes_are_judged_against_a_readable_desa_code_only(store, tmp_path):
    src = example().head(3).copy()
    src["kode_kab"] = "73.73"
    src.loc[0, "kode_kel"] = "desa?"    # its own problem; the kecamatan and kab codes are not blamed for it
    src.loc[1, "kode_kec"] = "kec 1"   # not a code
    src.loc[2, "kode_kab"] = "73.05"   # does not match
    report = imp(write(src, tmp_path / "kec.csv"), store, dry_run=True)
    got = report.rejects[["row", "column", "reason"]].values.tolist()
    assert got == [[2, "kode_kel", "not a desa/kelurahan code: write 73.73.01.1001 or 7373011001"],
                   [3, "kode_kec", "not a kecamatan code: write 73.73.01 or 737301"],
                   [4, "kode_kab", "kab/kota code does not match the desa/kelurahan code " + src.loc[2, "kode_kel"]]]


def test_preview_names_mapping_entries_that_match_no_column(store):
    assert importer.read_preview(KOBO_CSV, mapping=KOBO_MAP).unmatched_mapping == []
    unmatched = importer.read_preview(EXAMPLE, mapping=KOBO_MAP).unmatched_mapping  # a mapping for another export
    assert "jenis_kelamin" in unmatched and "nik" not in unmatched  # NIK is a column of both


def test_two_columns_read_as_one_are_refused(store, tmp_path):
    src = example().rename(columns={"nama": "Nama Lengkap"})
    mapping = tmp_path / "two.toml"
    mapping.write_text('[columns]\n"Nama Lengkap" = "nik"\n', encoding="utf-8")
    with pytest.raises(ImportRefused, match="columns 'nik' and 'Nama Lengkap' are both read as nik"):
        imp(write(src, tmp_path / "two.csv"), store, mapping=mapping)


# ----------------------------------------------------------------------------------------------------------
# Bad files: refused whole, store unchanged


def _bad_files(tmp_path: Path) -> dict:
    src = example()
    files = {}
    files["empty.csv"] = b""
    files["header_only.csv"] = (",".join(src.columns) + "\n").encode()
    files["pdf_renamed.xlsx"] = b"%PDF-1.7\n%\xe2\xe3\n1 0 obj\n"
    files["png_renamed.csv"] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"
    files["utf16_no_bom.csv"] = src.to_csv(index=False).encode("utf-16-le")
    files["space_delimited.csv"] = src.to_csv(index=False, sep=" ").encode()
    files["text.parquet"] = b"kode_kel,sex\n"
    lines = src.to_csv(index=False).splitlines()
    lines[4] = lines[4].replace(",Anak Contoh", ',"Anak Contoh', 1)  # row 5 opens a quote that nothing closes
    files["open_quote.csv"] = ("\n".join(lines) + "\n").encode()
    utf8 = src.copy()
    utf8["catatan"] = ""
    utf8.loc[0, "catatan"] = "é" + "x" * (1 << 20)  # UTF-8 letters in the first MB, then a byte UTF-8 has not
    utf8.loc[len(utf8) - 1, "sex"] = "L~~"
    files["utf8_then_bad_byte.csv"] = utf8.to_csv(index=False).encode().replace(b"L~~", b"L\xff")
    out = {}
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
        out[name] = tmp_path / name
    return out


@pytest.mark.parametrize(
    "name, says",
    [
        ("empty.csv", "empty"),
        ("header_only.csv", "no data rows"),
        ("pdf_renamed.xlsx", "PDF"),
        ("png_renamed.csv", "PNG"),
        ("utf16_no_bom.csv", "UTF-16 text without a byte-order mark"),
        ("space_delimited.csv", "delimiter"),
        ("text.parquet", "not a Parquet file"),
        ("open_quote.csv", "row 5 opens a quoted cell"),
        ("utf8_then_bad_byte.csv", "not valid UTF-8 text"),
    ],
)
def test_bad_file_is_refused_with_a_clear_message(store, tmp_path, name, says):
    path = _bad_files(tmp_path)[name]
    before = sha(store)
    with pytest.raises(ImportRefused, match=says):
        imp(path, store)
    assert sha(store) == before


def test_too_large_file_is_refused_by_size_before_reading(store, tmp_path, monkeypatch):
    big = tmp_path / "big.csv"
    with open(big, "wb") as f:  # sparse: 2 GB on paper, nothing on disk
        f.truncate(2 * 1024**3)
    with pytest.raises(ImportRefused, match="above the import limit"):
        imp(big, store)
    monkeypatch.setenv("ATS_IMPORT_MAX_BYTES", "1000")
    with pytest.raises(ImportRefused, match="ATS_IMPORT_MAX_BYTES"):
        imp(EXAMPLE, store)


# ----------------------------------------------------------------------------------------------------------
# Bad rows: rejected one by one, the rest applied


def messy_rows() -> pd.DataFrame:
    src = example()
    bad = src.head(9).copy()
    bad.loc[bad.index[0], "kode_kel"] = "73.05.01.2003"        # another kab/kota (Takalar)
    bad.loc[bad.index[1], "kode_kel"] = "63.10.01.2005"        # another province
    bad.loc[bad.index[2], "tanggal_lahir"] = "1776-07-15"      # aged 250
    bad.loc[bad.index[3], "tanggal_lahir"] = "2029-07-15"      # aged -3 (and a future date)
    bad.loc[bad.index[4], "tanggal_pendataan"] = "2030-01-01"  # future
    bad.loc[bad.index[5], "nama_kel"] = "<script>alert(1)</script>"
    bad.loc[bad.index[6], "sex"] = "=HYPERLINK(\"http://x\")"
    bad.loc[bad.index[7], "kategori_ats"] = "DO"               # in school and ATS
    bad.loc[bad.index[8], "kode_kec"] = "73.73.09"             # kecamatan does not match
    bad["nik"] = [f"98000000000000{i:02d}" for i in range(len(bad))]
    good = src.iloc[9:].copy()
    return pd.concat([bad, good], ignore_index=True)


def test_bad_rows_are_rejected_with_reasons_and_the_rest_applied(store, tmp_path):
    rows = messy_rows()
    rows["nama_kel"] = rows.get("nama_kel", "")
    rows = rows.fillna("")
    rejects_csv = tmp_path / "rejects.csv"
    report = imp(write(rows, tmp_path / "messy.csv"), store, rejects_path=rejects_csv)
    assert report.status == "applied"
    assert report.rejected == 9 and report.accepted == len(rows) - 9
    assert report.accepted + report.rejected == report.rows_read == len(rows)
    reasons = " | ".join(report.rejects["reason"])
    for says in ("outside the kab/kota of this import", "impossible age 250", "impossible age -3", "date in the future",
                 "HTML or script markup", "unknown code", "cannot also be out of school", "kecamatan code does not match"):
        assert says in reasons, says
    alasan = " | ".join(report.rejects["alasan"])  # the same reasons in Bahasa Indonesia
    for says in ("di luar kab/kota impor ini", "umur mustahil 250", "umur mustahil -3", "tanggal di masa depan",
                 "markup HTML", "kode tidak dikenal", "tidak bisa sekaligus tidak sekolah", "kode kecamatan tidak cocok"):
        assert says in alasan, says
    assert report.rejects[["alasan", "reason"]].notna().all().all()
    assert set(report.rejects["row"]) == set(range(2, 11))  # file lines, header = 1
    # the rejects CSV does not let a spreadsheet run any cell as a formula
    with open(rejects_csv, encoding="utf-8-sig", newline="") as f:
        for record in csv.DictReader(f):
            for value in (record["column"], record["value"], record["alasan"], record["reason"]):
                assert not value or value[0] not in "=+-@\t\r", record
    assert any(r["value"].startswith("'=HYPERLINK") for r in csv.DictReader(open(rejects_csv, encoding="utf-8-sig")))


def test_each_rejected_cell_is_reported_as_the_file_has_it(store, tmp_path):
    """The value of a rejection is the cell as the file writes it (looked up for the rejected rows only, by row
    number, also past a blank line), or the mapping's default where the file has no such column."""
    src = example()
    ats = src.index[src["kategori_ats"] == "DO"][0]
    src.loc[0, "sex"] = " X "
    src.loc[1, "kode_kel"] = "73 73 01 1001"
    src.loc[2, "tanggal_lahir"] = "31/02/2015"
    src.loc[3, "kelas"] = "tiga"
    src.loc[ats, "tanggal_verifikasi"] = "01/07/2026"  # before its identification (12/07/2026)
    path = write(src, tmp_path / "cells.csv")
    text = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(text[:3] + [""] + text[3:]) + "\n", encoding="utf-8")  # a blank line: row 4
    report = imp(path, store, dry_run=True)
    got = {(r, c): v for r, c, v in report.rejects[["row", "column", "value"]].itertuples(index=False)}
    line = {i: i + 2 + (i >= 2) for i in src.index}  # header = 1, the blank line after the second data row
    assert got == {(line[0], "sex"): " X ", (line[1], "kode_kel"): "73 73 01 1001",
                   (line[2], "tanggal_lahir"): "31/02/2015", (line[3], "kelas"): "tiga",
                   (line[ats], "tanggal_verifikasi"): "01/07/2026"}

    mapping = tmp_path / "map.toml"
    mapping.write_text('[defaults]\nmoda_transportasi = "roket"\n', encoding="utf-8")
    src = example().drop(columns=["moda_transportasi"])
    report = imp(write(src, tmp_path / "no_moda.csv"), store, mapping=mapping, dry_run=True)
    assert report.accepted == 0 and report.rejected == len(src)
    assert set(report.rejects["column"]) == {"moda_transportasi"} and set(report.rejects["value"]) == {"roket"}


def test_all_rows_rejected_is_refused_and_changes_nothing(store, tmp_path):
    src = example()
    src["sex"] = "X"
    before = sha(store)
    report = imp(write(src, tmp_path / "all_bad.csv"), store)
    assert report.status == "refused" and report.accepted == 0 and report.rejected == len(src)
    assert sha(store) == before


def test_duplicate_person_and_category_rules(store, tmp_path):
    src = example()
    rows = pd.concat([src, src.iloc[[0]]], ignore_index=True)  # same NIK twice
    ltm = src.index[src["kategori_ats"] == "LTM"][0]
    rows.loc[ltm, "kelas_terakhir"] = "7"
    bpb = src.index[src["kategori_ats"] == "BPB"][0]
    rows.loc[bpb, "kelas_terakhir"] = "2"
    report = imp(write(rows, tmp_path / "dups.csv"), store, dry_run=True)
    reasons = " | ".join(report.rejects["reason"])
    assert "same NIK as row 2" in reasons and "LTM needs last grade 6 or 9" in reasons and "BPB" in reasons
    assert report.accepted + report.rejected == report.rows_read == len(rows)


# ----------------------------------------------------------------------------------------------------------
# Property: any messy table is either refused whole or split into accepted + rejected == rows read


CELLS = st.one_of(
    st.sampled_from(["", " ", "L", "P", "Laki-laki", "1", "2", "formal", "tidak_sekolah", "DO", "LTM", "BPB", "6",
                     "9", "12", "-3", "250", "=1+1", "@x", "+62", "<b>x</b>", "73.73.01.1001", "7373011002",
                     "73.05.01.2003", "99.99.99.9999", "31/12/2012", "2012-12-31", "41000", "2031-01-01", "1,5",
                     "ya", "tidak", "\"", ";", "é", "SD", "Paket A"]),
    st.text(max_size=8),
)
COLUMNS = ["survey_round", "kode_kel", "id_keluarga", "sex", "umur", "tanggal_lahir", "partisipasi", "kategori_ats",
           "kelas_terakhir", "jarak_sekolah_km", "nik", "nama_kel"]


TEXT_CELLS = st.one_of(
    st.sampled_from(["", " ", "\"", "a,b", "a;b", "a\tb", "a|b", "x\ny", "x\r\ny", "x\ry", "'=1", "é €", " L "]),
    st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=10),
)


def stage_cells(path: Path, rows, sep=",", encoding="utf-8") -> tuple[dict, list, list]:
    """Write rows of three text cells as CSV (Python's csv module, as a spreadsheet writes it), stage the file
    as the importer does; returns what was detected, the staged rows and the rows expected back (empty cell ->
    missing, a row of empty cells no record, row number from 2)."""
    with open(path, "w", newline="", encoding=encoding) as f:
        w = csv.writer(f, delimiter=sep)
        w.writerow(["kode_kel", "nama", "sex"])
        w.writerows(rows)
    con = importer._staging()
    try:
        info = importer._stage_source(con, path, "csv", None, importer.load_mapping(None))
        staged = con.execute("SELECT _row, kode_kel, nama, sex FROM src ORDER BY _row").fetchall()
    finally:
        con.close()
    return info, staged, [(i + 2, *(c or None for c in row)) for i, row in enumerate(rows) if any(row)]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(TEXT_CELLS, TEXT_CELLS, TEXT_CELLS), min_size=1, max_size=8),
       st.sampled_from([",", ";", "\t", "|"]), st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]))
def test_csv_cells_come_back_as_written(tmp_path, rows, sep, encoding):
    """Whatever a spreadsheet writes as CSV (quotes, delimiters and line breaks inside cells, any of the four
    delimiters, BOM or not, Windows-1252, UTF-16) is staged cell for cell: an empty cell is missing, every other
    cell the text as written, numbered by its record (header = 1)."""
    try:
        "".join(c for row in rows for c in row).encode(encoding)
    except UnicodeEncodeError:
        encoding = "utf-8"  # a character Windows-1252 has not: the same rows in UTF-8
    info, staged, expected = stage_cells(tmp_path / "cells.csv", rows, sep, encoding)
    assert info["delimiter"] == sep and info["bad_lines"] == {} and staged == expected


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "parquet"])
def test_a_column_named_like_the_row_number_or_twice_is_kept_apart(store, tmp_path, fmt):
    """An export with its own "_row" column and a second "nama" (not in Parquet, which has unique names): both
    are renamed ("_row_2", "nama_2") and ignored; the source row numbers stay the file's."""
    src = example()
    src.loc[2, "sex"] = "X"
    frame = src.assign(_row=range(900, 900 + len(src)))
    if fmt != "parquet":
        frame = pd.concat([frame, src[["nama"]].assign(nama="Nama Lain")], axis=1)
    path = tmp_path / f"odd_names.{fmt}"
    {"csv": frame.to_csv, "xlsx": frame.to_excel, "parquet": frame.to_parquet}[fmt](path, index=False)
    first = 1 if fmt == "parquet" else 2  # Parquet: the record number; CSV and XLSX: the line, header = 1
    preview = importer.read_preview(path)
    renamed = {"_row_2"} if fmt == "parquet" else {"_row_2", "nama_2"}
    assert renamed <= set(preview.ignored) and preview.rows["row"].tolist()[:3] == [first, first + 1, first + 2]
    report = imp(path, store, dry_run=True)
    assert (report.rows_read, report.rejected) == (len(src), 1) and report.rejects["row"].tolist() == [first + 2]


def test_line_breaks_inside_cells_across_the_readers_blocks(tmp_path):
    """The CSV is read in blocks of about 1 MB; a quoted cell with a line break can straddle two blocks (the
    reader must not cut there). 2.4 MB of such cells come back as written."""
    rows = [(f"73.73.01.{i:04d}", ["satu\ndua", "a\r\nb", 'kata "x"', "", "k,l"][i % 5] * (1 + i % 7), "L")
            for i in range(60_000)]
    info, staged, expected = stage_cells(tmp_path / "multiline.csv", rows)
    assert (tmp_path / "multiline.csv").stat().st_size > 2 << 20
    assert info["bad_lines"] == {} and staged == expected


def test_a_file_split_evenly_between_two_kab_is_refused_until_one_is_named(store, tmp_path, monkeypatch):
    """A file with as many rows of Kota Palopo as of Takalar: no kab/kota has most rows, so a guess would reject
    one half for being outside the other; the import is refused with the flag that settles it, in both languages,
    and with --kab it goes through, the other half rejected row by row."""
    from ui import i18n

    src = example()
    other = src.assign(kode_kel="73.05.01.2003", kode_kec="73.05.01",
                       nik=[f"97{i:014d}" for i in range(len(src))], id_keluarga=src["id_keluarga"] + "-T")
    path = write(pd.concat([src, other], ignore_index=True), tmp_path / "two_kab.csv")
    with pytest.raises(ImportRefused, match=r"as many rows .* 73\.05 and 73\.73: .*--kab 73\.05") as refused:
        imp(path, store, dry_run=True)
    assert refused.value.code == "kab_tie" and refused.value.values["n"] == len(src)
    monkeypatch.setattr(i18n, "lang", lambda: "id")
    assert "73.05, 73.73" in i18n.t("impor.err.kab_tie", **refused.value.values)
    report = imp(path, store, dry_run=True, kab="73.73")
    assert (report.accepted, report.rejected) == (len(src), len(src))
    assert set(report.rejects["column"]) == {"kode_kel"}


def test_a_round_cell_holding_a_wilayah_code_is_a_rejected_row(store, tmp_path):
    """A desa code typed into the round column (7373011002, past a 32-bit integer) is that row's rejection, not
    a crash of the import (found by test_messy_rows_property in CI): the ids hash the round as a 64-bit number."""
    src = example()
    src.loc[1, "survey_round"] = "7373011002"
    report = imp(write(src, tmp_path / "round_code.csv"), store, dry_run=True)
    assert (report.rows_read, report.accepted, report.rejected) == (len(src), len(src) - 1, 1)
    rejected = report.rejects.iloc[0]
    assert (rejected["row"], rejected["column"], rejected["value"]) == (3, "survey_round", "7373011002")


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.fixed_dictionaries({c: CELLS for c in COLUMNS}), min_size=1, max_size=12), st.sampled_from([",", ";"]))
def test_messy_rows_property(store, tmp_path, rows, sep):
    path = tmp_path / "messy.csv"
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, COLUMNS, delimiter=sep)
        w.writeheader()
        w.writerows(rows)
    try:
        report = imp(path, store, dry_run=True, survey_round=2026)
    except ImportRefused:
        return
    assert report.accepted + report.rejected == report.rows_read
    assert tuple(report.rejects.columns) == importer.REJECT_COLUMNS
    assert report.rejects[["alasan", "reason"]].notna().all().all()  # every rejection says why, in both languages


# ----------------------------------------------------------------------------------------------------------
# Command line


def cli(*args, store, env_extra=None):
    env = {**os.environ, "ATS_STORE": str(store), "ATS_HMAC_KEY": KEY, **(env_extra or {})}
    return subprocess.run([sys.executable, "-m", "data", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)


def test_progress_goes_through_every_stage_and_the_page_names_each(store, monkeypatch):
    """The progress bar moves forward from 0 to 1 through the import, the store's build step by step and its
    checks (on a province's store they take most of the time), and the Impor page has a name, in both
    languages, for every stage it is told."""
    from data import queries
    from ui import i18n
    from ui.importing import STAGES, _progress_to

    seen = []
    report = imp(EXAMPLE, store, progress=lambda f, m: seen.append((f, m)))
    fractions = [f for f, _ in seen]
    assert report.status == "applied" and fractions == sorted(fractions) and (fractions[0], fractions[-1]) == (0, 1)
    stages = [m for _, m in seen[:-1]]
    assert set(stages) == set(STAGES) and seen[-1][1] == "applied"
    assert stages.count("building the aggregates") == len(queries.all_queries("build"))
    assert stages.count("checking the store") == len(queries.all_queries("checks"))

    class Bar:
        def progress(self, value, text):
            shown.append((value, text))

    for lang, says in (("id", "Sedang memproses: menghitung ulang agregat…"), ("en", "Working: rebuilding the aggregates…")):
        monkeypatch.setattr(i18n, "lang", lambda lang=lang: lang)
        shown = []
        for f, m in seen:
            _progress_to(Bar())(f, m)
        assert (fractions[stages.index("building the aggregates")], says) in shown
        assert len({text for _, text in shown}) == len(STAGES) + 1  # every stage its own words, then done


def test_cli_progress_is_a_bar_on_a_terminal_and_a_line_per_stage_in_a_log(store, monkeypatch):
    """On a terminal the bar is redrawn in place (\r) and its line ended before an error; in a log (stderr a pipe,
    as in cron or CI) each stage is one line, as a log would keep every redrawn bar on one line."""
    import io

    from data import __main__ as cli_main

    out = cli("import", str(EXAMPLE), "--dry-run", store=store)
    assert out.returncode == 0 and "\r" not in out.stderr
    lines = out.stderr.splitlines()
    assert lines[:3] == ["  0% checking the file", "  5% reading", " 30% validating"] and len(lines) == len(set(lines))

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    monkeypatch.setitem(cli_main._shown, "open", False)
    cli_main._end_progress()  # no bar drawn: nothing to end
    cli_main._progress(0.3, "validating")
    cli_main._end_progress()
    print("error: x", file=sys.stderr)
    assert terminal.getvalue().startswith("\r[") and terminal.getvalue().endswith("validating" + " " * 30 + "\nerror: x\n")


def test_cli_import_prints_json_and_refuses_cleanly(store, tmp_path):
    out = cli("import", str(EXAMPLE), "--rejects", str(tmp_path / "r.csv"), store=store)
    assert out.returncode == 0, out.stderr
    line = json.loads(out.stdout.strip().splitlines()[-1])
    assert {k: line[k] for k in ("file", "round", "rows_read", "accepted", "rejected", "status")} == {
        "file": EXAMPLE.name, "round": 2026, "rows_read": 34, "accepted": 34, "rejected": 0, "status": "applied"}
    again = json.loads(cli("import", str(EXAMPLE), store=store).stdout.strip().splitlines()[-1])
    assert again["status"] == "unchanged"

    before = sha(store)
    pdf = _bad_files(tmp_path)["pdf_renamed.xlsx"]
    out = cli("import", str(pdf), store=store)
    assert out.returncode == 2 and "Traceback" not in out.stderr and "PDF" in out.stderr
    line = json.loads(out.stdout.strip().splitlines()[-1])
    assert line["status"] == "refused" and line["rows_read"] == 0
    out = cli("import", str(EXAMPLE.with_name("nope.csv")), store=store)
    assert out.returncode == 2 and "Traceback" not in out.stderr and "nope.csv does not exist" in out.stderr
    out = cli("import", str(EXAMPLE), "--round", "abc", store=store)  # the importer's message and the JSON line
    assert out.returncode == 2 and "--round must be a year such as 2024, got 'abc'" in out.stderr
    assert json.loads(out.stdout.strip().splitlines()[-1])["status"] == "refused"
    assert sha(store) == before


def test_malformed_csv_line_is_one_rejected_row_with_its_line_number(store, tmp_path):
    lines = EXAMPLE.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3] + ",extra,cells"  # line 4 of the file has too many cells
    path = tmp_path / "malformed.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = imp(path, store, dry_run=True)
    assert report.rows_read == len(lines) - 1 and report.rejected == 1 and report.accepted == len(lines) - 2
    assert report.rejects["row"].tolist() == [4] and "malformed CSV line" in report.rejects["reason"][0]
    assert "baris CSV rusak" in report.rejects["alasan"][0]
    n = len(lines[0].split(","))  # the reason gives the counts, not the cells (NIK, names)
    assert report.rejects["reason"][0] == f"malformed CSV line: {n + 2} cells where the header has {n}"


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_columns_the_import_does_not_use_are_not_staged_and_change_nothing(store, tmp_path, fmt):
    """An export carries columns the import does not use (here a mother's name and an address): the preview lists
    them as ignored, they are not copied into the staging database (personal data that is not needed is not
    handled, and a wide export reads faster), and the report, rejects included, is that of the file without them."""
    plain = example()
    plain.loc[1, "sex"] = "X"  # one rejected row, so the rejection reports are compared too
    wide = plain.assign(nama_ibu="Ibu Sintetis", alamat="Jl. Contoh No. 1")
    paths = {}
    for name, df in (("plain", plain), ("wide", wide)):
        paths[name] = tmp_path / f"{name}.{fmt}"
        df.to_csv(paths[name], index=False) if fmt == "csv" else df.to_excel(paths[name], index=False)
    assert set(importer.read_preview(paths["wide"]).ignored) == {"nama_ibu", "alamat"}
    con = importer._staging()
    try:
        keep = lambda names: list(importer._resolve_columns(names, importer.load_mapping(None))[0])  # noqa: E731
        info = importer._stage_source(con, paths["wide"], fmt, None, importer.load_mapping(None), keep=keep)
        staged = con.sql("SELECT * FROM src LIMIT 0").columns
    finally:
        con.close()
    assert {"nama_ibu", "alamat"} <= set(info["columns"]) and not {"nama_ibu", "alamat"} & set(staged)
    assert set(plain.columns) <= set(staged)
    a, b = imp(paths["plain"], store, dry_run=True), imp(paths["wide"], store, dry_run=True)
    assert (b.rows_read, b.accepted, b.rejected) == (a.rows_read, a.accepted, a.rejected) == (len(plain), len(plain) - 1, 1)
    pd.testing.assert_frame_equal(a.rejects, b.rejects)


def test_odd_headers_and_a_bad_mapping_are_handled(store, tmp_path):
    src = example()
    src['odd "header"; DROP TABLE x'] = "1"
    report = imp(write(src, tmp_path / "odd.csv"), store, dry_run=True)
    assert report.accepted == len(src)
    bad_map = tmp_path / "bad.toml"
    bad_map.write_text('[columns]\n"Kode" = "not_a_column"\n', encoding="utf-8")
    with pytest.raises(ImportRefused, match="not a canonical column"):
        imp(EXAMPLE, store, mapping=bad_map)
    bad_map.write_text('[values.sex]\n"Pria" = "M"\n', encoding="utf-8")
    with pytest.raises(ImportRefused, match="allowed codes are L, P"):
        imp(EXAMPLE, store, mapping=bad_map)
    bad_map.write_text("[columns\n", encoding="utf-8")
    with pytest.raises(ImportRefused, match="cannot be read"):
        imp(EXAMPLE, store, mapping=bad_map)
    bad_map.write_text("columns:\n  Jenis Kelamin: sex\n", encoding="utf-8")  # YAML under a .toml name
    with pytest.raises(ImportRefused, match="the .yaml extension"):
        imp(EXAMPLE, store, mapping=bad_map)
    for text, section in (('columns = "x"', "columns"), ('values = "x"', "values"), ("defaults = 5", "defaults"),
                          ('[values]\nsex = ["L", "P"]', "values"), ('[columns]\n"Jenis Kelamin" = ["sex"]', None)):
        bad_map.write_text(text + "\n", encoding="utf-8")
        with pytest.raises(ImportRefused, match=rf"mapping \[{section}\] must be a table" if section else "not a canonical"):
            imp(EXAMPLE, store, mapping=bad_map)
    yaml_map = tmp_path / "bad.yaml"
    yaml_map.write_text("columns:\n  - Jenis Kelamin\n", encoding="utf-8")
    with pytest.raises(ImportRefused, match=r"mapping \[columns\] must be a table"):
        imp(EXAMPLE, store, mapping=yaml_map)


@pytest.mark.parametrize(
    "name, code, says_id",
    [
        ("empty.csv", "empty", "kosong"),
        ("header_only.csv", "header_only", "tanpa baris data"),
        ("pdf_renamed.xlsx", "not_xlsx", "bukan buku kerja Excel"),
        ("png_renamed.csv", "not_csv", "bukan berkas teks CSV"),
        ("space_delimited.csv", "missing_columns", "kolom wajib tidak ada"),
        ("open_quote.csv", "unclosed_quote", "baris 5 membuka sel berpetik"),
    ],
)
def test_the_app_says_common_refusals_in_bahasa_indonesia(store, tmp_path, monkeypatch, name, code, says_id):
    """The Impor page shows ImportRefused.code through the catalogue: Indonesian first, English second."""
    from ui import i18n

    path = _bad_files(tmp_path)[name]
    with pytest.raises(ImportRefused) as refused:
        imp(path, store)
    assert refused.value.code == code
    monkeypatch.setattr(i18n, "lang", lambda: "id")
    text_id = i18n.t(f"impor.err.{code}", **refused.value.values)
    monkeypatch.setattr(i18n, "lang", lambda: "en")
    text_en = i18n.t(f"impor.err.{code}", **refused.value.values)
    assert says_id in text_id and name in text_id and name in text_en and text_id != text_en


def _strings(node) -> set[str]:
    """The strings an expression can be: a constant, or either branch of a conditional (not its test)."""
    import ast

    if isinstance(node, ast.IfExp):
        return _strings(node.body) | _strings(node.orelse)
    return {node.value} if isinstance(node, ast.Constant) and isinstance(node.value, str) else set()


def _refusal_codes(path: str) -> set[str]:
    """The refusal codes a module raises: the strings given as ImportRefused's second argument, as any call's (but a
    Note's) code= or not_found=, assigned to a variable `code` (a code chosen first, raised later) or a parameter's
    default of those names; also inside a conditional ("a" if x else "b")."""
    import ast

    names = {"code", "not_found"}
    found = set()
    for node in ast.walk(ast.parse((ROOT / path).read_text())):
        where = []
        if isinstance(node, ast.Call):
            if "Note" in (getattr(node.func, "id", None), getattr(node.func, "attr", None)):
                continue  # a boundary report's note, not a refusal (test_every_boundary_note_code_has_both_languages)
            where = [k.value for k in node.keywords if k.arg in names]
            if getattr(node.func, "id", None) == "ImportRefused" and len(node.args) > 1:
                where.append(node.args[1])
        elif isinstance(node, ast.Assign):
            where = [node.value] if any(getattr(target, "id", None) in names for target in node.targets) else []
        elif isinstance(node, ast.FunctionDef):
            args = node.args
            pairs = list(zip(args.args[len(args.args) - len(args.defaults):], args.defaults))
            pairs += [(a, d) for a, d in zip(args.kwonlyargs, args.kw_defaults) if d is not None]
            where = [default for arg, default in pairs if arg.arg in names]
        found |= {c for w in where for c in _strings(w)}
    return found


def test_every_refusal_code_has_both_languages():
    """Every code of ImportRefused (data/importer.py) and of GeoInputError (geo/, data/load.py) is in the catalogue, in
    both languages; the tests of each family (mapping files below, tests/test_geo.py, tests/test_upstream.py) fill each
    entry with the values of a real refusal."""
    from ui.i18n import CATALOGUE

    codes, geo_codes = _refusal_codes("data/importer.py"), set()
    assert {"no_key", "missing_columns", "demo_store", "too_large", "mapping_unreadable", "mapping_values_code",
            "no_header", "round_in_file", "kab_tie"} <= codes
    for path in ("geo/boundaries.py", "geo/upstream.py", "data/load.py"):
        geo_codes |= _refusal_codes(path)
    assert {"boundary_unknown_format", "boundary_no_polygons", "boundary_outside_indonesia", "boundary_no_such_layer",
            "download_failed", "download_unknown_kode", "download_no_reference"} <= geo_codes
    for code in codes | geo_codes:
        assert len(CATALOGUE[f"impor.err.{code}"]) == 2, code


def test_every_boundary_note_code_has_both_languages():
    """The notes of a boundary report (geo.Note: the import went through, something deserves a look) are said on the
    Impor page from impor.note.<code>; tests/test_geo.py and tests/test_pages.py fill them from real imports."""
    import ast

    from ui.i18n import CATALOGUE

    codes = set()
    for path in ("geo/boundaries.py", "geo/upstream.py", "data/load.py"):
        for node in ast.walk(ast.parse((ROOT / path).read_text())):
            if isinstance(node, ast.Call) and "Note" in (getattr(node.func, "id", None), getattr(node.func, "attr", None)):
                assert any(k.arg == "code" for k in node.keywords), f"{path}:{node.lineno}: a Note without a code"
                codes |= {k.value.value for k in node.keywords if k.arg == "code"}
    assert codes == {"merged_guessed", "outside_parent"}
    for code in codes:
        assert len(CATALOGUE[f"impor.note.{code}"]) == 2, code


# name, content, the refusal's code, what the Indonesian text says
MAPPING_REFUSALS = [
    ("hilang.toml", None, "mapping_not_found", "Berkas pemetaan hilang.toml tidak ditemukan"),
    ("peta.txt", '[columns]\n"Jenis Kelamin" = "sex"\n', "mapping_file_type", "harus berakhiran .toml, .yaml atau .yml"),
    ("rusak.toml", "[columns\n", "mapping_unreadable", "tidak dapat dibaca"),
    ("yaml.toml", "columns:\n  Jenis Kelamin: sex\n", "mapping_unreadable", "beri berkas itu akhiran .yaml"),
    ("bagian.toml", '[kolom]\n"Jenis Kelamin" = "sex"\n', "mapping_sections", "bagian lain yang ditemukan: [kolom]"),
    ("bentuk.yaml", "columns:\n  - Jenis Kelamin\n", "mapping_section_shape", "Bagian [columns] berkas pemetaan harus"),
    ("sasaran.toml", '[columns]\n"Kode" = "not_a_column"\n', "mapping_column_target", "'not_a_column' bukan nama kolom"),
    ("nilai.toml", '[values.umur]\n"sepuluh" = "10"\n', "mapping_values_column", "bagian [values.umur]: padanan kode hanya"),
    ("kode.toml", '[values.sex]\n"Pria" = "M"\n', "mapping_values_code", "kode yang boleh untuk kolom sex hanya L, P"),
    ("bawaan.toml", '[defaults]\nputaran = 2025\n', "mapping_defaults_target", "'putaran' bukan nama kolom"),
]


@pytest.mark.parametrize("name, content, code, says_id", MAPPING_REFUSALS, ids=[f"{r[2]}-{r[0]}" for r in MAPPING_REFUSALS])
def test_mapping_file_refusals_are_said_in_both_languages(tmp_path, monkeypatch, name, content, code, says_id):
    """A mapping file uploaded beside the survey file is read by the page's preview; its refusals name their code,
    and the page's text is Indonesian first, English second, every placeholder filled with the raise site's values."""
    from tests.conftest import page_texts

    mapping = tmp_path / name
    if content is not None:
        mapping.write_text(content, encoding="utf-8")
    with pytest.raises(ImportRefused) as refused:
        importer.read_preview(EXAMPLE, mapping=mapping)
    assert refused.value.code == code, str(refused.value)
    texts = page_texts(refused.value, monkeypatch)
    assert says_id in texts["id"], texts["id"]


def test_every_mapping_refusal_code_is_tried_above():
    codes = {c for c in _refusal_codes("data/importer.py") if c.startswith("mapping_")}
    assert codes == {r[2] for r in MAPPING_REFUSALS}


def test_rejection_table_on_the_page_speaks_the_page_language(store, tmp_path):
    """The Impor page's rejection table shows the reason in Bahasa Indonesia (English with lang=en) and masks
    identifiers; the real ui.importing code, fed a real report."""
    from streamlit.testing.v1 import AppTest

    rows = messy_rows().fillna("")
    report = imp(write(rows, tmp_path / "messy.csv"), store, dry_run=True)
    assert report.rejected == 9

    def page(report, lang):
        import streamlit as st

        from ui import importing

        st.session_state["lang"] = lang
        importing._rejects(report)

    for lang, header, says in (("id", "Alasan", "umur mustahil 250"), ("en", "Reason", "impossible age 250")):
        at = AppTest.from_function(page, args=(report, lang), default_timeout=60).run()
        assert not at.exception
        shown = at.dataframe[0].value
        assert list(shown.columns)[-1] == header
        assert shown[header].str.contains(says).any()
        assert len(shown) == len(report.rejects)


def test_identifiers_and_names_never_leave_the_importer_in_clear(store, tmp_path):
    """Preview rows and the rejection report (on the page and in the CSV) mask NIK, KK numbers and names."""
    rows = example()
    rows.loc[0, "nik"] = "12345"  # too short: rejected, with the NIK as the offending value
    rows.loc[1, "nama"] = "<script>x</script>"  # markup in a name: rejected, with the name as the value
    path = write(rows, tmp_path / "private.csv")
    preview = importer.read_preview(path)
    for column in ("nik", "no_kk", "nama"):
        assert set(preview.rows[column].dropna()) == {importer.MASK}, column
    rejects_csv = tmp_path / "rejects.csv"
    report = imp(path, store, dry_run=True, rejects_path=rejects_csv)
    private = report.rejects[report.rejects["column"].isin(["nik", "nama"])]
    assert set(private["column"]) == {"nik", "nama"} and set(private["value"]) == {importer.MASK}
    text = rejects_csv.read_text(encoding="utf-8-sig")
    assert "12345" not in text and "<script>" not in text and "a NIK has 16 digits" in text


def test_uploaded_files_do_not_stay_on_disk(store, tmp_path):
    """The Impor page saves an upload under <store dir>/uploads; it is removed one hour after its last use
    (each use renews it), so raw exports with NIK and names in clear do not pile up on the server."""
    import time

    from streamlit.proto.Common_pb2 import FileURLs
    from streamlit.runtime.uploaded_file_manager import UploadedFile, UploadedFileRec

    from ui import importing

    upload = UploadedFile(UploadedFileRec("f1", "sipbm.csv", "text/csv", EXAMPLE.read_bytes()), FileURLs())
    path = importing._saved(upload)
    assert path.read_bytes() == EXAMPLE.read_bytes() and path.parent.parent == store.parent / "uploads"
    assert importing.clean_uploads() == []
    old = time.time() - importing.UPLOAD_TTL_S - 60
    os.utime(path.parent, (old, old))
    assert importing._saved(upload) == path  # used again: renewed
    assert importing.clean_uploads() == []
    assert importing.clean_uploads(now=time.time() + importing.UPLOAD_TTL_S + 1) == [path.parent.name]
    assert not path.exists()
