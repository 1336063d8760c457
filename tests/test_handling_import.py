"""Handling counts of imported survey files: a recorded later step implies the earlier ones (DOMAIN.md 7.3), so
every recorded return counts even where the file leaves out the dates of earlier steps; the import report says
how many children that concerns as notes (not rejections). Real files through the real import and read queries."""

import json
import subprocess
import sys

import pandas as pd

from data.config import ROOT
from data.importer import run_import
from tests.conftest import needs_shared, page_texts
from tests.conftest import run_query as run
from tests.import_helpers import EXAMPLE, TODAY
from tests.import_helpers import base_store, store  # noqa: F401 (fixtures, found by name)

pytestmark = needs_shared

STEPS = ["identifikasi", "verifikasi", "terkonfirmasi", "asesmen", "rujukan", "intervensi", "kembali_sekolah"]


def notes_of(report) -> dict:
    return {(note.code, note.values.get("column") or note.values["step"]): note.values["n"] for note in report.notes}


def test_canonical_example_counts_its_three_returns(store):
    """The example records three children back in Paket C with a verification and an intervention but no asesmen
    or rujukan date: 3 of its 5 confirmed children are back in school, and the report notes the missing dates."""
    report = run_import(EXAMPLE, store_path=store, today=TODAY)
    assert report.status == "applied" and report.rejected == 0
    assert notes_of(report) == {("handling_no_date", "asesmen"): 3, ("handling_no_date", "rujukan"): 3}

    summary = run(store, "handling_summary_by_round", kode="73.73").set_index("survey_round").loc[2026]
    assert (summary.n_confirmed, summary.n_intervened, summary.n_returned) == (5, 3, 3)
    assert summary.return_pct == 60.0 and summary.n_returned_nonformal == 3
    assert summary.median_days_to_return == 100  # 12 July to 20 October
    funnel = run(store, "handling_funnel", kode="73.73", survey_round=2026).set_index("step")
    assert list(funnel.index) == STEPS
    assert list(funnel.n) == [10, 6, 5, 3, 3, 3, 3]  # identified: 10 with the Paket B drop-out (Anak Contoh 34)
    assert list(funnel.n_no_date) == [0, 0, 0, 3, 3, 0, 0]
    assert funnel.n.is_monotonic_decreasing
    pathway = run(store, "handling_pathway_by_intervention", kode="73.73", survey_round=2026)
    assert pathway[["jenis_intervensi", "n_intervened", "n_returned"]].values.tolist() == [["paket_c", 3, 3]]


def field_file(tmp_path):
    """The example with the gaps field files have: a child with an intervention and a return but no verification
    (row 6), one with a return only (row 19), a "not ATS" child with an intervention and a return (row 25), and
    codes without their dates (status_verifikasi on row 20, jenis_intervensi and hasil on row 27)."""
    df = pd.read_csv(EXAMPLE, dtype=str, keep_default_na=False)
    df.loc[6, ["tanggal_intervensi", "jenis_intervensi", "tanggal_hasil", "hasil"]] = \
        ["2026-09-20", "konseling", "2026-10-30", "kembali_formal"]
    df.loc[19, ["tanggal_hasil", "hasil"]] = ["2026-10-05", "kembali_formal"]
    df.loc[25, ["tanggal_intervensi", "jenis_intervensi", "tanggal_hasil", "hasil"]] = \
        ["2026-09-10", "formal", "2026-10-01", "kembali_formal"]
    df.loc[20, "status_verifikasi"] = "ats"
    df.loc[27, ["jenis_intervensi", "hasil"]] = ["lkp", "kembali_formal"]
    path = tmp_path / "lapangan.csv"
    df.to_csv(path, index=False)
    return path


def test_missing_dates_are_notes_not_rejections(store, tmp_path, monkeypatch):
    path = field_file(tmp_path)
    report = run_import(path, store_path=store, today=TODAY)
    assert report.status == "applied" and report.rejected == 0 and report.accepted == report.rows_read
    assert notes_of(report) == {
        ("handling_no_date", "verifikasi"): 1,  # row 6
        ("handling_no_date", "asesmen"): 5,  # rows 3, 17, 31, 6, 19 (not 25: verified not ATS)
        ("handling_no_date", "rujukan"): 5,
        ("handling_no_date", "intervensi"): 1,  # row 19
        ("handling_after_bukan_ats", "verifikasi"): 1,  # row 25
        ("handling_code_no_date", "status_verifikasi"): 1,  # row 20
        ("handling_code_no_date", "jenis_intervensi"): 1,  # row 27
        ("handling_code_no_date", "hasil"): 1,  # row 27
    }
    assert report.summary()["notes"] == [str(note) for note in report.notes]  # the JSON line carries the English
    for note in report.notes:  # said in the page's language from the catalogue
        page_texts(note, monkeypatch, note=True)

    # the store counts as the notes say: 6 confirmed (row 6 without a verification), 5 back in school; row 25 stays
    # "not ATS", row 27's return without a date is not stored
    funnel = run(store, "handling_funnel", kode="73.73", survey_round=2026).set_index("step")
    assert list(funnel.n) == [10, 7, 6, 5, 5, 5, 5]
    assert list(funnel.n_no_date) == [0, 1, 1, 5, 5, 1, 0]
    summary = run(store, "handling_summary_by_round", kode="73.73").set_index("survey_round").loc[2026]
    assert (summary.n_confirmed, summary.n_returned, summary.return_pct) == (6, 5, 83.33)
    pathway = run(store, "handling_pathway_by_intervention", kode="73.73", survey_round=2026).set_index("jenis_intervensi")
    assert pathway.n_returned.to_dict() == {"paket_c": 3, "konseling": 1, "tidak_diketahui": 1}


def test_dry_run_and_command_line_say_the_notes(store, tmp_path):
    path = field_file(tmp_path)
    assert len(run_import(path, store_path=store, today=TODAY, dry_run=True).notes) == 8
    done = subprocess.run([sys.executable, "-m", "data", "import", str(path), "--dry-run"], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "note: 5 out-of-school children have a later handling step but no tanggal_asesmen" in done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1])["notes"][0].startswith("1 out-of-school child has ")


def test_the_impor_page_shows_the_notes_in_its_language(store, tmp_path):
    """ui.importing shows a report's notes beside its numbers, from the catalogue, in the page's language."""
    from streamlit.testing.v1 import AppTest

    report = run_import(EXAMPLE, store_path=store, today=TODAY, dry_run=True)

    def page(report, lang):
        import streamlit as st

        from ui import importing

        st.session_state["lang"] = lang
        importing._show_report(report)

    for lang, says in (("id", "3 anak ATS punya tahap penanganan sesudah asesmen tetapi tanpa tanggal_asesmen"),
                       ("en", "3 out-of-school children have a handling step after rujukan but no tanggal_rujukan")):
        at = AppTest.from_function(page, args=(report, lang), default_timeout=60).run()
        assert not at.exception
        assert any(says in i.value for i in at.info), [i.value for i in at.info]
