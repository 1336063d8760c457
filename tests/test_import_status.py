"""School status at import (data/importer/, queries/import/*.sql; docs/import-format.md): a child who completed
12 years of school is accepted, stored and counted apart from ATS, and lowers APS 16-18 as BPS has it; a
drop-out's non-formal last level is kept; every documented spelling is read as its code, the documented list is
the one the import uses, and `partisipasi = sekolah` is refused with the mapping entry that decides it."""

import hmac
import importlib.util
import re
import subprocess
import sys

import duckdb
import pandas as pd

from data import importer
from data.config import ROOT
from data.importer.validate import _recode_table
from tests.conftest import needs_shared, run_query
from tests.import_helpers import EXAMPLE, KEY
from tests.import_helpers import base_store, store  # noqa: F401 (fixtures, found by name)

pytestmark = needs_shared

DOC = ROOT / "docs" / "import-format.md"


def imp(path, store, **kwargs):
    import datetime as dt

    return importer.run_import(path, store_path=store, today=dt.date(2026, 11, 23), **kwargs)


def example() -> pd.DataFrame:
    return pd.read_csv(EXAMPLE, dtype=str, keep_default_na=False)


def rows_of(store, sql) -> pd.DataFrame:
    con = duckdb.connect(str(store), read_only=True)
    try:
        return con.execute(sql).df()
    finally:
        con.close()


def nik_hash(nik: str) -> str:
    return hmac.new(KEY.encode(), nik.encode(), "sha256").hexdigest()[:32]


def child(i: int, **values) -> dict:
    """One row of a canonical file: a 10-year-old in SD grade 4, own household in Kelurahan Tompotikka, with a NIK
    (to find the stored record by its keyed hash); `values` override."""
    row = {"survey_round": "2026", "kode_kel": "73.73.01.1001", "id_keluarga": f"ST-{i}", "no_urut": "1",
           "nik": f"98{i:014d}", "sex": "L", "umur": "10", "partisipasi": "formal", "jenjang": "SD", "kelas": "4",
           "tanggal_pendataan": "2026-07-12"}
    return {**row, **values}


DO = {"umur": "15", "partisipasi": "tidak_sekolah", "jenjang": "", "kelas": "", "kategori_ats": "DO",
      "jenjang_terakhir": "SMP", "kelas_terakhir": "8", "alasan": "biaya", "kegiatan": "bekerja"}
HANDLED = {"tanggal_verifikasi": "2026-08-01", "status_verifikasi": "ats", "tanggal_intervensi": "2026-09-01",
           "jenis_intervensi": "formal", "tanggal_hasil": "2026-10-01", "hasil": "dalam_proses"}


def write(rows: list[dict], path):
    pd.DataFrame(rows).fillna("").to_csv(path, index=False)
    return path


# ----------------------------------------------------------------------------------------------------------
# Completed 12 years of school (TAMAT12): not ATS, not attending in APS


def test_a_child_who_completed_sma_is_accepted_counted_and_not_ats(store, tmp_path):
    """A 17-year-old who finished SMA (blank category, last grade 12), an 18-year-old said TAMAT12 with no grade, a
    16-year-old TAMAT12 from Paket C: accepted, stored without a category and with grade 12, counted as n_tamat12,
    never as ATS, no handling events, and not attending school in APS 16-18, as BPS counts."""
    rows = [
        child(1, umur="17", partisipasi="tidak_sekolah", jenjang="", kelas="", jenjang_terakhir="SMA", kelas_terakhir="12",
              alasan="merasa_cukup", kegiatan="bekerja"),
        child(2, umur="18", partisipasi="tidak sekolah", jenjang="", kelas="", kategori_ats="Tamat 12"),
        child(3, umur="16", partisipasi="tidak_sekolah", jenjang="", kelas="", kategori_ats="TAMAT12",
              jenjang_terakhir="paket_c", kelas_terakhir="12"),
        child(4, umur="17", jenjang="SMA", kelas="12"),  # in school: APS counts her
        child(5, **{**DO, "umur": "17", "jenjang_terakhir": "SMA", "kelas_terakhir": "11"}),  # ATS
    ]
    report = imp(write(rows, tmp_path / "tamat.csv"), store)
    assert report.status == "applied" and report.rejected == 0, report.rejects.to_dict("records")
    anak = rows_of(store, "SELECT nik_hash, umur, partisipasi, kategori_ats, jenjang_terakhir, kelas_terakhir, alasan, "
                          "kegiatan FROM anak WHERE survey_round = 2026").set_index("nik_hash")
    done = anak.loc[[nik_hash(r["nik"]) for r in rows[:3]]]
    assert done["kategori_ats"].isna().all() and (done["partisipasi"] == "tidak_sekolah").all()
    assert done["kelas_terakhir"].tolist() == [12, 12, 12]
    assert done["jenjang_terakhir"].fillna("–").tolist() == ["SMA", "–", "Paket C"]
    assert done[["alasan", "kegiatan"]].isna().all().all()  # not ATS: no reason for being out of school
    events = rows_of(store, "SELECT count(*) AS n FROM penanganan WHERE survey_round = 2026")["n"][0]
    assert events == 1  # the DO's identification only

    agg = rows_of(store, "SELECT sum(n_anak) AS n, sum(n_ats) AS ats, sum(n_tamat12) AS tamat, sum(n_sekolah) AS "
                         "sekolah FROM agg_ats_kel WHERE survey_round = 2026 AND age_group = '16-18'")
    assert agg.iloc[0].tolist() == [5, 1, 3, 1]
    aps = run_query(store, "aps_by_round", kode="73.73.01.1001").set_index(["survey_round", "age_group"])
    row = aps.loc[(2026, "16-18")]
    assert (row.n_anak, row.n_sekolah, row.n_ats, row.n_tamat12) == (5, 1, 1, 3)
    assert row.aps == 20.0 and row.ats_rate == 80.0  # BPS: the three who completed SMA are not attending
    assert row.ats_pct == 20.0 and row.tamat12_pct == 60.0  # ATS counts the drop-out only
    group = run_query(store, "ats_trend_by_group", kode="73.73.01.1001", by="kategori_ats", age_group="16-18")
    got = group[group.survey_round == 2026].set_index("grp")
    assert got.loc["TAMAT12", "n_ats"] == 3 and not got.loc["TAMAT12", "is_ats"]
    assert got.loc[["DO", "LTM", "BPB"], "n_ats"].sum() == 1 and got.loc[["DO", "LTM", "BPB"], "is_ats"].all()
    wilayah = run_query(store, "ats_by_wilayah", level="kel", kode_induk="73.73.01", survey_round=2026)
    kel = wilayah.set_index("kode").loc["73.73.01.1001"]
    assert kel.n_tamat12 == 3 and kel.n_ats == 1


def test_inconsistent_completed_12_rows_are_rejected(store, tmp_path):
    """A 9-year-old who "completed 12", TAMAT12 in school or with another grade or level, a blank category with a
    grade other than 12, LTM or DO on grade 12, handling dates for a child who is not ATS: each rejected, saying
    why in both languages."""
    out = {"partisipasi": "tidak_sekolah", "jenjang": "", "kelas": ""}
    cases = {
        "only a child aged 16-18": child(1, **out, umur="9", kelas_terakhir="12"),
        "completed grade 12 (TAMAT12) at age 10": child(2, **out, umur="10", kategori_ats="TAMAT12"),
        "cannot also be out of school (DO, LTM or BPB) or have completed school (TAMAT12)":
            child(3, umur="17", jenjang="SMA", kelas="12", kategori_ats="TAMAT12"),
        "TAMAT12 means grade 12 completed": child(4, **out, umur="17", kategori_ats="TAMAT12", kelas_terakhir="11"),
        "grade 12 is not a grade of SMP (grades 7-9)": child(5, **out, umur="17", kategori_ats="TAMAT12",
                                                            jenjang_terakhir="SMP"),
        "required for a child aged 7-18 out of school": child(6, **out, umur="17", jenjang_terakhir="SMA",
                                                              kelas_terakhir="11"),
        "grade 12 completed is TAMAT12, not ATS": child(7, **{**DO, "kategori_ats": "LTM", "umur": "17",
                                                              "jenjang_terakhir": "SMA", "kelas_terakhir": "12"}),
        "grade 12 completed is TAMAT12 (not ATS)": child(8, **{**DO, "umur": "17", "jenjang_terakhir": "SMA",
                                                               "kelas_terakhir": "12"}),
        "handling dates are given for a child who is not out of school (ATS)":
            child(9, **out, umur="18", kategori_ats="TAMAT12", tanggal_verifikasi="2026-08-01"),
    }
    rows = list(cases.values()) + [child(10)]
    report = imp(write(rows, tmp_path / "bad.csv"), store, dry_run=True)
    assert (report.accepted, report.rejected) == (1, len(cases))
    for line, says in enumerate(cases, start=2):
        mine = report.rejects[report.rejects["row"] == line]
        assert mine["reason"].str.contains(says, regex=False).any(), (says, mine["reason"].tolist())
        assert mine["alasan"].notna().all() and (mine["alasan"] != mine["reason"]).all()


# ----------------------------------------------------------------------------------------------------------
# Non-formal last levels


def test_a_drop_out_from_paket_b_keeps_its_non_formal_level(store, tmp_path):
    """Paket A/B/C as last level are kept, not recoded to SD/SMP/SMA; their grades count as the formal level's
    for the DO and LTM rules (Paket B = 7-9: LTM after grade 9, DO not on 9), and a grade outside the level's is
    rejected."""
    rows = [
        child(1, **{**DO, "jenjang_terakhir": "Paket B", "kelas_terakhir": "8"}),
        child(2, **{**DO, "jenjang_terakhir": "paket_b", "kelas_terakhir": "7"}),
        child(3, **{**DO, "kategori_ats": "LTM", "umur": "13", "jenjang_terakhir": "Paket A", "kelas_terakhir": "6"}),
        child(4, **{**DO, "kategori_ats": "LTM", "jenjang_terakhir": "PAKET B", "kelas_terakhir": "9"}),
        child(5, **{**DO, "jenjang_terakhir": "MTs", "kelas_terakhir": "8"}),
        child(6, **{**DO, "jenjang_terakhir": "Paket B", "kelas_terakhir": "9"}),  # DO on a completed grade
        child(7, **{**DO, "jenjang_terakhir": "Paket B", "kelas_terakhir": "4"}),  # not a Paket B grade
        child(8, **{**DO, "kategori_ats": "LTM", "jenjang_terakhir": "Paket C", "kelas_terakhir": "9"}),
    ]
    report = imp(write(rows, tmp_path / "paket.csv"), store)
    assert (report.accepted, report.rejected) == (5, 3)
    reasons = report.rejects.set_index("row")["reason"]
    assert "DO cannot end on a completed grade" in reasons[7]
    assert reasons[8] == "grade 4 is not a grade of Paket B (grades 7-9)"
    assert reasons[9] == "grade 9 is not a grade of Paket C (grades 10-12)"
    anak = rows_of(store, "SELECT nik_hash, kategori_ats, jenjang_terakhir, kelas_terakhir FROM anak "
                          "WHERE survey_round = 2026").set_index("nik_hash")
    got = anak.loc[[nik_hash(r["nik"]) for r in rows[:5]]]
    assert got["jenjang_terakhir"].tolist() == ["Paket B", "Paket B", "Paket A", "Paket B", "SMP"]
    assert got["kategori_ats"].tolist() == ["DO", "DO", "LTM", "LTM", "DO"]


def test_a_grade_outside_the_level_of_a_child_in_school_is_rejected(store, tmp_path):
    """A child in school has a grade of its level: SD 1-6, SMP 7-9, SMA 10-12, Paket A/B/C alike; SD grade 8 or
    Paket C grade 4 is rejected, saying which grades the level has."""
    rows = [
        child(1, umur="10", jenjang="SD", kelas="4"),
        child(2, umur="14", jenjang="SD", kelas="8"),
        child(3, umur="16", partisipasi="nonformal", jenjang="Paket C", kelas="4"),
        child(4, umur="16", partisipasi="nonformal", jenjang="Paket C", kelas="11"),
        child(5, umur="13", jenjang="MTs", kelas="7"),
    ]
    report = imp(write(rows, tmp_path / "kelas.csv"), store)
    assert (report.accepted, report.rejected) == (3, 2)
    rejects = report.rejects.set_index("row")
    assert rejects.loc[3, "reason"] == "grade 8 is not a grade of SD (grades 1-6)"
    assert rejects.loc[3, "alasan"] == "kelas 8 bukan kelas SD (kelas 1-6)"
    assert rejects.loc[4, "reason"] == "grade 4 is not a grade of Paket C (grades 10-12)"


# ----------------------------------------------------------------------------------------------------------
# Spellings: documented, generated from the code, every one read as its code


def _generator():
    spec = importlib.util.spec_from_file_location("gen_spellings", ROOT / "docs" / "gen_spellings.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def documented() -> tuple[list[tuple[str, str, str]], dict[str, list[str]]]:
    """From docs/import-format.md's spellings section: (column, spelling, code) for every code and every other
    spelling listed as accepted, and the refused spellings per column."""
    text = DOC.read_text(encoding="utf-8")
    section = text[text.index("<!-- spellings:start -->"):text.index("<!-- spellings:end -->")]
    accepted, refused = section.split("Refused without a mapping file")
    spellings = []
    for line in accepted.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 3 or not cells[0].startswith("`"):
            continue
        column, codes, others = cells[0].strip("`"), re.findall(r"`([^`]*)`", cells[1]), re.findall(r"`([^`]*)`", cells[2])
        spellings += [(column, code, code) for code in codes]
        spellings += [(column, other, codes[0]) for other in others]
        assert not others or len(codes) == 1, line
    refused_by = {}
    for line in refused.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 2 and cells[0].startswith("`"):
            refused_by[cells[0].strip("`")] = re.findall(r"`([^`]*)`", cells[1])
    return spellings, refused_by


def test_the_documented_spellings_are_what_the_import_accepts():
    """The section is the generator's output (run `python docs/gen_spellings.py` after changing a list), and it
    lists exactly the spellings the import's recode table reads as a code, and the ones it refuses."""
    gen = _generator()
    assert gen.current(DOC.read_text(encoding="utf-8")) == gen.render(), "run python docs/gen_spellings.py"
    done = subprocess.run([sys.executable, str(ROOT / "docs" / "gen_spellings.py"), "--check"], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    spellings, refused = documented()
    table = _recode_table(importer.load_mapping(None))
    accepted = table[table["code"].notna()]
    assert {(c, s.lower(), code) for c, s, code in spellings} == set(accepted.itertuples(index=False, name=None))
    assert {(c, s) for c, values in refused.items() for s in values} == \
        set(table.loc[table["code"].isna(), ["col", "key"]].itertuples(index=False, name=None))
    assert refused == {"partisipasi": ["sekolah", "bersekolah", "masih sekolah"]}
    for spelling in ("W", "wanita", "M", "female", "non-formal", "tidak sekolah", "TK", "paket_b", "ada", "bukan",
                     "benar", "t", "bukan ats", "Tamat 12"):
        assert any(s == spelling.lower() for _, s, _ in spellings), spelling


def _row_for(i: int, column: str, spelling: str, code: str) -> dict:
    """A row where `spelling` is valid in `column` (a child in school, or out of school with the fields its code
    needs), so that the import must read it as `code` and accept the row."""
    if column in ("sex", "disabilitas", "jenis_disabilitas", "penerima_bansos", "moda_transportasi"):
        return child(i, **{column: spelling})
    if column == "partisipasi":
        extra = {"formal": {}, "nonformal": {"jenjang": "Paket A"},
                 "tidak_sekolah": {"umur": "5", "jenjang": "", "kelas": ""}}[code]
        return child(i, partisipasi=spelling, **extra)
    if column == "jenjang":
        umur, kelas = {"PAUD": ("5", ""), "SD": ("10", "4"), "SMP": ("13", "7"), "SMA": ("16", "10")}[
            {"Paket A": "SD", "Paket B": "SMP", "Paket C": "SMA"}.get(code, code)]
        return child(i, jenjang=spelling, umur=umur, kelas=kelas,
                     partisipasi="nonformal" if code.startswith("Paket") else "formal")
    if column == "kategori_ats":
        extra = {"DO": {}, "LTM": {"kelas_terakhir": "9"}, "BPB": {"jenjang_terakhir": "", "kelas_terakhir": ""},
                 "TAMAT12": {"umur": "17", "jenjang_terakhir": "SMA", "kelas_terakhir": "12", "alasan": "",
                             "kegiatan": ""}}[code]
        return child(i, **{**DO, **extra, "kategori_ats": spelling})
    if column == "jenjang_terakhir":
        grade = {"SD": "4", "SMP": "8", "SMA": "10", "Paket A": "4", "Paket B": "8", "Paket C": "10"}[code]
        return child(i, **{**DO, "jenjang_terakhir": spelling, "kelas_terakhir": grade})
    if column in ("alasan", "kegiatan"):
        return child(i, **{**DO, column: spelling})
    if column == "alasan_bukan_ats":
        return child(i, **{**DO, "tanggal_verifikasi": "2026-08-01", "status_verifikasi": "bukan_ats", column: spelling})
    assert column in HANDLED, column
    return child(i, **{**DO, **HANDLED, column: spelling})


def test_every_documented_spelling_is_read_as_its_code(store, tmp_path):
    """Each code and spelling of the documented list, as listed, in capitals and between spaces, in a row where it is
    valid: every row accepted and stored with the code the list names."""
    spellings, _ = documented()
    cases = [(column, variant, code) for column, spelling, code in spellings
             for variant in (spelling, f" {spelling.upper()} ")]
    rows = [_row_for(i, *case) for i, case in enumerate(cases)]
    report = imp(write(rows, tmp_path / "spellings.csv"), store)
    assert report.status == "applied" and report.rejected == 0, report.rejects.head(10).to_dict("records")
    stored = rows_of(store, """
        SELECT a.nik_hash, a.sex, a.partisipasi, a.jenjang, a.jenjang_terakhir, a.alasan, a.kegiatan,
            a.jenis_disabilitas, a.has_disability::VARCHAR AS disabilitas,
            coalesce(a.kategori_ats, CASE WHEN a.kelas_terakhir = 12 AND a.partisipasi = 'tidak_sekolah'
                THEN 'TAMAT12' END) AS kategori_ats,
            k.penerima_bansos::VARCHAR AS penerima_bansos, k.moda_transportasi,
            max(p.status_verifikasi) AS status_verifikasi, max(p.alasan_bukan_ats) AS alasan_bukan_ats,
            max(p.jenis_intervensi) AS jenis_intervensi, max(p.hasil) AS hasil
        FROM anak AS a
        INNER JOIN keluarga AS k USING (keluarga_id)
        LEFT JOIN penanganan AS p USING (anak_id)
        WHERE a.survey_round = 2026
        GROUP BY ALL""").set_index("nik_hash")
    wrong = [(column, spelling, code, stored.loc[nik_hash(row["nik"]), column])
             for (column, spelling, code), row in zip(cases, rows)
             if stored.loc[nik_hash(row["nik"]), column] != code]
    assert wrong == []


def test_sekolah_is_refused_with_the_mapping_entry_that_decides_it(store, tmp_path):
    """"sekolah" says in school, not formal or non-formal: each such row is rejected, saying (in both languages)
    which mapping entry decides it; with that entry in a mapping file the same file imports."""
    src = example()
    formal = src.index[src["partisipasi"] == "formal"]
    src.loc[formal[:3], "partisipasi"] = ["sekolah", " Sekolah ", "Masih Sekolah"]
    path = tmp_path / "sekolah.csv"
    src.to_csv(path, index=False)
    report = imp(path, store, dry_run=True)
    assert report.rejected == 3 and set(report.rejects["column"]) == {"partisipasi"}
    assert report.rejects["reason"].tolist()[:2] == [
        '"sekolah" does not say formal or nonformal (Paket A/B/C): say which in a mapping file, e.g. '
        '[values.partisipasi] "sekolah" = "formal"'] * 2
    assert report.rejects["reason"].tolist()[2].startswith('"masih sekolah" does not say formal or nonformal')
    assert report.rejects["alasan"].str.contains("tentukan di berkas pemetaan").all()
    mapping = tmp_path / "sekolah.toml"
    mapping.write_text('[values.partisipasi]\n"sekolah" = "formal"\n"masih sekolah" = "formal"\n', encoding="utf-8")
    report = imp(path, store, mapping=mapping)
    assert report.status == "applied" and report.rejected == 0
    stored = rows_of(store, "SELECT count(*) AS n FROM anak WHERE survey_round = 2026 AND partisipasi = 'formal'")
    assert stored["n"][0] == (example()["partisipasi"] == "formal").sum()
