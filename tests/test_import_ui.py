"""Survey import as its users see it: the progress of every stage, the command line's bar and JSON line, the Impor
page's refusals, rejection table and uploads; every refusal code in the catalogue in both languages."""

import json
import os
import sys

import pytest

from data.config import ROOT
from data.importer import ImportRefused
from tests.conftest import needs_shared
from tests.import_helpers import EXAMPLE, _bad_files, _refusal_codes, cli, imp, messy_rows, sha, write
from tests.import_helpers import base_store, store  # noqa: F401 (fixtures, found by name)

pytestmark = needs_shared


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


def test_every_refusal_code_has_both_languages():
    """Every code of ImportRefused (data/importer/) and of GeoInputError (geo/, data/load.py) is in the catalogue, in
    both languages; the tests of each family (mapping files below, tests/test_geo.py, tests/test_upstream.py) fill each
    entry with the values of a real refusal."""
    from ui.i18n import CATALOGUE

    codes, geo_codes = _refusal_codes("data/importer"), set()
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


def test_the_page_reads_a_preview_once_per_file_and_options(tmp_path):
    """Issue 22: the preview was read again at every rerun of the page (a bomb's 3 GB each time). It is kept per saved
    file (its path names its content's hash) and options: the second call is answered without the file; a refusal is
    kept and raised again with its code."""
    import shutil

    from data.api import import_preview
    from ui.importing import _preview

    folder = tmp_path / "0123456789abcdef"
    folder.mkdir()
    path = shutil.copy(EXAMPLE, folder / "contoh.csv")
    first = _preview(path, None, None, None)
    os.remove(path)
    again = _preview(path, None, None, None)
    assert again.columns == first.columns and len(again.rows) == len(first.rows)
    with pytest.raises(ImportRefused):  # other options: read again, and the file is gone
        _preview(path, None, None, 2025)
    (folder / "empty.csv").write_bytes(b"")
    for _ in range(2):
        with pytest.raises(ImportRefused) as e:
            _preview(folder / "empty.csv", None, None, None)
        assert e.value.code == "empty"
    import_preview.clear()


def test_an_unchanged_reimport_does_not_point_to_a_missing_report(store, tmp_path):
    """Issue 22: the second run of the same file said '2 rows rejected: see None'."""
    from tests.import_helpers import example

    src = example()
    src.loc[0, "sex"] = "X"
    path = write(src, tmp_path / "one_bad.csv")
    first = cli("import", str(path), "--rejects", str(tmp_path / "r.csv"), store=store)
    assert first.returncode == 0 and f"see {tmp_path / 'r.csv'}" in first.stderr, first.stderr
    again = cli("import", str(path), "--rejects", str(tmp_path / "r2.csv"), store=store)
    assert json.loads(again.stdout.splitlines()[-1])["status"] == "unchanged"
    assert "None" not in again.stderr and "rejected when this file was applied" in again.stderr, again.stderr


def test_the_reference_date_is_typed_day_month_year():
    """The reference date is a text field with the catalogue's "hh/bb/tttt" (st.date_input, empty, shows Streamlit's
    English "dd / mm / yyyy" and takes no placeholder): day/month/year with /, - or ., nothing else."""
    import datetime as dt

    from ui.fmt import typed_day as _day

    assert _day("15/07/2025") == _day("15-7-2025") == _day("15.07.2025") == dt.date(2025, 7, 15)
    assert [_day(v) for v in ("", "2025-07-15", "31/02/2025", "15/07/25", "kemarin", "15/07")] == [None] * 6
