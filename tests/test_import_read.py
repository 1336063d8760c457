"""Survey import, looking at and reading the file (data/importer/detect.py, read.py): encodings, delimiters, XLSX
sheets, Parquet, title rows above the header, blank lines and malformed lines keeping their row numbers; a bad
file refused whole with a clear message, the store unchanged."""

import csv
import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from data import importer
from data.importer import ImportRefused
from data.importer.mapping import _resolve_columns
from data.importer.read import _read_xlsx, _stage_source, _staging
from tests.conftest import needs_shared
from tests.import_helpers import EXAMPLE, _bad_files, example, imp, sha, write
from tests.import_helpers import base_store, store  # noqa: F401 (fixtures, found by name)

pytestmark = needs_shared


# ----------------------------------------------------------------------------------------------------------
# Formats: encodings, delimiters, XLSX, Parquet


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
    whole = _read_xlsx(path, None, mapping)
    preview = _read_xlsx(path, None, mapping, limit=10)
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


def test_parquet(store, tmp_path):
    src = example()
    src["tanggal_lahir"] = pd.to_datetime(src["tanggal_lahir"])
    path = tmp_path / "sipbm.parquet"
    src.to_parquet(path)
    report = imp(path, store, dry_run=True)
    assert report.accepted == len(src), report.rejects


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
    con = _staging()
    try:
        keep = lambda names: list(_resolve_columns(names, importer.load_mapping(None))[0])  # noqa: E731
        info = _stage_source(con, paths["wide"], fmt, None, importer.load_mapping(None), keep=keep)
        staged = con.sql("SELECT * FROM src LIMIT 0").columns
    finally:
        con.close()
    assert {"nama_ibu", "alamat"} <= set(info["columns"]) and not {"nama_ibu", "alamat"} & set(staged)
    assert set(plain.columns) <= set(staged)
    a, b = imp(paths["plain"], store, dry_run=True), imp(paths["wide"], store, dry_run=True)
    assert (b.rows_read, b.accepted, b.rejected) == (a.rows_read, a.accepted, a.rejected) == (len(plain), len(plain) - 1, 1)
    pd.testing.assert_frame_equal(a.rejects, b.rejects)


# ----------------------------------------------------------------------------------------------------------
# Bad files: refused whole, store unchanged


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
# Property: any CSV a spreadsheet writes is staged cell for cell


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
    con = _staging()
    try:
        info = _stage_source(con, path, "csv", None, importer.load_mapping(None))
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


def _bomb(tmp_path: Path, inflated_mib: int = 200) -> Path:
    """A real workbook (openpyxl) whose sheet XML is replaced by one cell of `inflated_mib` MiB of one letter,
    written with ZIP_DEFLATED: a file of a few hundred KB that unpacks a thousand times over."""
    import zipfile

    import openpyxl

    plain = tmp_path / "plain.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(list(example().columns))
    wb.active.append(list(example().iloc[0]))
    wb.save(plain)
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            if item.filename != "xl/worksheets/sheet1.xml":
                out.writestr(item, src.read(item.filename))
                continue
            sheet = zipfile.ZipInfo("xl/worksheets/sheet1.xml")
            sheet.compress_type = zipfile.ZIP_DEFLATED
            with out.open(sheet, "w", force_zip64=True) as f:
                f.write(b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
                        b'spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>')
                chunk = b"A" * (1 << 20)
                for _ in range(inflated_mib):
                    f.write(chunk)
                f.write(b"</t></is></c></row></sheetData></worksheet>")
    return bomb


def test_an_xlsx_bomb_is_refused_before_it_is_unpacked(store, tmp_path):
    """Issue 22: the size limit is on the file, not on what it unpacks to. The refusal comes from the zip's directory,
    in the import and in the preview, with memory that does not grow with the bomb (measured in a fresh process:
    calamine's memory is not Python's)."""
    import json
    import subprocess
    import sys

    bomb = _bomb(tmp_path)
    assert bomb.stat().st_size < 2 << 20
    script = (
        "import json, resource, sys\n"
        "from data import importer\n"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "codes = []\n"
        "for call in (lambda: importer.read_preview(sys.argv[1]), lambda: importer.run_import(sys.argv[1], dry_run=True)):\n"
        "    try:\n"
        "        call()\n"
        "        codes.append(None)\n"
        "    except importer.ImportRefused as e:\n"
        "        codes.append([e.code, str(e)])\n"
        "grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before\n"
        "print(json.dumps({'codes': codes, 'grown_kb': grown}))\n"
    )
    from data.config import ROOT

    done = subprocess.run([sys.executable, "-c", script, str(bomb)], cwd=ROOT, capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    out = json.loads(done.stdout.splitlines()[-1])
    for code, message in out["codes"]:
        assert code == "xlsx_inflates" and "unpacks" in message and "CSV" in message, out
    assert out["grown_kb"] < 100_000, out  # the sheet alone is 200 MiB unpacked


def test_an_xlsx_declaring_too_many_cells_is_refused(store, tmp_path):
    import zipfile

    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(list(example().columns))
    wb.save(tmp_path / "plain.xlsx")
    with zipfile.ZipFile(tmp_path / "plain.xlsx") as src, zipfile.ZipFile(tmp_path / "wide.xlsx", "w") as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"<sheetPr", b'<dimension ref="A1:XFD1048576"/><sheetPr', 1) \
                    if b"<dimension" not in data else __import__("re").sub(rb'<dimension ref="[^"]+"', b'<dimension ref="A1:XFD1048576"', data)
            out.writestr(item, data)
    with pytest.raises(ImportRefused, match="1,048,576 rows x 16,384 columns") as e:
        importer.read_preview(tmp_path / "wide.xlsx")
    assert e.value.code == "xlsx_inflates"


def test_nul_bytes_and_utf32_are_called_what_they_are(store, tmp_path):
    """Issue 22: a file of NUL bytes was called UTF-16 without a byte-order mark, a UTF-32 file 'required columns
    missing'."""
    text = example().to_csv(index=False)
    cases = {
        "zeros.csv": (b"\0" * 5000, "only_nul", "only NUL bytes"),
        "utf32.csv": (text.encode("utf-32"), "utf32", "UTF-32"),
        "utf32_be_no_bom.csv": (text.encode("utf-32-be"), "utf32", "UTF-32 text without a byte-order mark"),
        "utf32_le_no_bom.csv": (text.encode("utf-32-le"), "utf32", "UTF-32 text without a byte-order mark"),
    }
    for name, (data, code, said) in cases.items():
        (tmp_path / name).write_bytes(data)
        for call in (lambda: imp(tmp_path / name, store), lambda: importer.read_preview(tmp_path / name)):
            with pytest.raises(ImportRefused) as e:
                call()
            assert e.value.code == code and said in str(e.value), (name, str(e.value))
    (tmp_path / "utf16.csv").write_bytes(text.encode("utf-16-le"))  # UTF-16 without its BOM is still said as such
    with pytest.raises(ImportRefused, match="UTF-16 text without a byte-order mark"):
        imp(tmp_path / "utf16.csv", store)
