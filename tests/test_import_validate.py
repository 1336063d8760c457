"""Survey import, validation (data/importer/validate.py, scope.py): bad rows rejected one by one with reasons and
the rest applied; identifiers hashed as their digits and masked wherever cells are shown; the round, kab/kota
and reference date refused when out of range or ambiguous."""

import csv
import datetime as dt
import hmac

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from data import importer
from data.importer import ImportRefused
from tests.conftest import needs_shared
from tests.import_helpers import EXAMPLE, KEY, example, imp, messy_rows, rows_of, sha, write
from tests.import_helpers import base_store, store  # noqa: F401 (fixtures, found by name)

pytestmark = needs_shared


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


def test_dates_in_three_formats_and_decimal_commas(store, tmp_path):
    src = example().head(3).copy()
    src["tanggal_lahir"] = ["02/03/2010", "2014-11-20", str((dt.date(2021, 5, 1) - dt.date(1899, 12, 30)).days)]
    src["jarak_sekolah_km"] = ["1,25", "1,25", "1,25"]
    report = imp(write(src, tmp_path / "dates.csv"), store)
    assert report.accepted == 3, report.rejects
    anak = rows_of(store, "SELECT umur FROM anak WHERE survey_round = 2026 ORDER BY umur")
    assert anak["umur"].tolist() == [5, 11, 16]
    assert rows_of(store, "SELECT jarak_sekolah_km FROM keluarga WHERE survey_round = 2026")["jarak_sekolah_km"].tolist() == [1.25]


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


# ----------------------------------------------------------------------------------------------------------
# Bad rows: rejected one by one, the rest applied


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


def test_names_typed_in_other_columns_are_masked_and_the_report_is_owner_only(store, tmp_path):
    """Issue 22: a name under sex appeared in clear in the rejection report, which was world-readable."""
    import stat

    src = example()
    src.loc[0, "sex"] = "Budi Santoso"
    src.loc[1, "partisipasi"] = "Siti Aminah Lubis"
    src.loc[2, "sex"] = "tidak tahu sama sekali 2"  # words with a digit: not a name, shown as typed
    rejects_path = tmp_path / "out" / "rejects.csv"
    report = imp(write(src, tmp_path / "names.csv"), store, rejects_path=rejects_path)
    text = rejects_path.read_text(encoding="utf-8-sig")
    assert "Budi" not in text and "Siti" not in text and "•••" in text
    assert "tidak tahu sama sekali 2" in text
    assert set(report.rejects.loc[report.rejects["row"].isin([2, 3]), "value"]) == {"•••"}
    assert stat.S_IMODE(rejects_path.stat().st_mode) == 0o600
    rejects_path.chmod(0o644)  # an older report, readable by all, is replaced owner-only
    src.loc[3, "sex"] = "X"
    imp(write(src, tmp_path / "names2.csv"), store, rejects_path=rejects_path)
    assert stat.S_IMODE(rejects_path.stat().st_mode) == 0o600


def test_known_spellings_of_several_words_are_not_masked(store, tmp_path):
    from data.importer.canonical import _name_like

    values = pd.Series(["tidak sekolah", "Laki Laki", "tidak ada", "bukan ats", "Budi Santoso", "P", None, "Paket A"])
    assert _name_like(values).tolist() == [False, False, False, False, True, False, False, False]
