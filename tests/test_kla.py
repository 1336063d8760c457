"""KLA cluster IV: the registry, census indicators against an independent pandas recomputation of the fixture
rows, entered values (validated, audited, kept across writes and processes), evaluation results and tiers,
imports, the data checks that guard the store, and the CSV/XLSX exports."""

import datetime as dt
import io
import os
import shutil
import subprocess
import sys

import openpyxl
import pandas as pd
import pytest

from data import kla, store
from data.config import ROOT
from tests.conftest import FIXTURES, needs_shared, read_fixture, screen_charts
from tests.conftest import run_query as run

pytestmark = needs_shared


@pytest.fixture()
def kla_store(fixture_store, tmp_path):
    """A private copy of the fixture store: these tests write."""
    path = tmp_path / "kla.duckdb"
    shutil.copyfile(fixture_store, path)
    return path


def fingerprint(path):
    st_ = os.stat(path)
    return st_.st_mtime_ns, st_.st_size, path.read_bytes()


# --- registry -----------------------------------------------------------------------------------------


def test_registry_is_complete_in_both_languages():
    reg = kla.registry().reset_index()
    required = ["kode", "framework", "klaster", "nama_id", "nama_en", "definisi_id", "definisi_en", "satuan", "pembilang_id",
                "pembilang_en", "cara", "sumber_id", "sumber_en", "polaritas", "target", "batas_hijau", "batas_kuning", "referensi"]
    assert reg[required].notna().all().all(), reg[reg[required].isna().any(axis=1)]["kode"].tolist()
    assert reg.loc[reg["satuan"] == "persen", ["penyebut_id", "penyebut_en"]].notna().all().all()
    assert set(reg["framework"]) == {"2021-24", "2011-31"}
    names = " ".join(reg["nama_id"] + " " + reg["nama_en"])
    for slot in ("PAUD-HI", "Wajib Belajar 12 Tahun", "SRA", "PKA/RBRA", "RASS"):
        assert slot in names, slot
    assert set(reg.loc[reg["cara"] == "sensus", "ukuran"]) == {"paud_3_6", "paud_5_6", "aps_7_12", "aps_13_15", "aps_16_18",
                                                              "aps_7_18", "ats_7_18"}
    assert (reg.loc[reg["kode"] == "IV.2d", "polaritas"] == "turun").all()


def test_registry_is_loaded_into_the_store(fixture_store):
    defs = run(fixture_store, "kla_definitions_by_indikator")
    assert sorted(defs["kode"]) == sorted(kla.registry().index)
    assert set(defs["framework_nama"]) == {"24 indikator KLA (Perpres 25/2021)", "31 indikator KLA (Permen PPPA 12/2011)"}


# --- computed from the census ---------------------------------------------------------------------------


def expected_census() -> pd.DataFrame:
    """Independent recomputation from the fixture child rows (BPS definitions: in school = formal or non-formal)."""
    anak = read_fixture("anak")
    anak["in_school"] = anak["partisipasi"] != "tidak_sekolah"
    anak["kode_kab"] = anak["kode_kel"].str[:5]
    ranges = {"IV.1a": (3, 6), "IV.1b": (5, 6), "IV.2": (7, 18), "IV.2a": (7, 12), "IV.2b": (13, 15), "IV.2c": (16, 18)}
    rows = []
    for (tahun, kab), group in anak.groupby(["survey_round", "kode_kab"]):
        for kode, (lo, hi) in ranges.items():
            sel = group[group["umur"].between(lo, hi)]
            rows.append((kab, tahun, kode, sel["in_school"].sum(), len(sel)))
        sel = group[group["umur"].between(7, 18)]
        rows.append((kab, tahun, "IV.2d", sel["kategori_ats"].notna().sum(), len(sel)))
        done = sel["partisipasi"].eq("tidak_sekolah") & sel["kategori_ats"].isna() & sel["kelas_terakhir"].eq(12)
        rows.append((kab, tahun, "tamat12", done.sum(), len(sel)))  # completed 12 years: neither APS nor ATS
    df = pd.DataFrame(rows, columns=["kode_kab", "tahun", "kode", "pembilang", "penyebut"])
    df["nilai"] = (100 * df["pembilang"] / df["penyebut"]).round(2)
    return df


def test_computed_indicators_equal_an_independent_recomputation(fixture_store):
    expected = expected_census()
    assert len(expected) and expected["penyebut"].gt(0).sum() >= 15
    for (kab, tahun), want in expected.groupby(["kode_kab", "tahun"]):
        got = run(fixture_store, "kla_indicators_by_kab", tahun=int(tahun), kode_kab=kab).set_index("kode")
        tamat12 = want.set_index("kode").loc["tamat12"]
        want = want[want["kode"] != "tamat12"]
        for row in want.itertuples():
            assert got.loc[row.kode, "sumber"] == "sensus"
            if row.penyebut == 0:  # nobody of that age enumerated: no value, never a 0
                assert pd.isna(got.loc[row.kode, "nilai"]), (tahun, row.kode)
                continue
            assert got.loc[row.kode, "pembilang"] == row.pembilang, (tahun, row.kode)
            assert got.loc[row.kode, "penyebut"] == row.penyebut, (tahun, row.kode)
            assert got.loc[row.kode, "nilai"] == pytest.approx(row.nilai, abs=0.005), (tahun, row.kode)
        # ATS = 100 - APS less the children who completed 12 years (not attending, not ATS)
        assert got.loc["IV.2", "nilai"] + got.loc["IV.2d", "nilai"] == pytest.approx(100 - tamat12["nilai"], abs=0.011)
        assert got.loc[["IV.1", "IV.3", "IV.4"], "nilai"].isna().all()  # nothing entered: no value, not zero
        legacy = run(fixture_store, "kla_indicators_by_kab", tahun=int(tahun), kode_kab=kab, framework="2011-31").set_index("kode")
        assert legacy.loc["L-IV.1", "nilai"] == got.loc["IV.1a", "nilai"]  # the 2011 PAUD indicator is the same measure
        assert legacy.loc["L-IV.2", "nilai"] == got.loc["IV.2", "nilai"]


def test_status_follows_polarity_and_bands(fixture_store):
    got = run(fixture_store, "kla_indicators_by_kab", tahun=2024, kode_kab="73.73")
    for row in got.dropna(subset=["nilai"]).itertuples():
        if row.polaritas == "naik":
            want = "hijau" if row.nilai >= row.batas_hijau else "kuning" if row.nilai >= row.batas_kuning else "merah"
        else:
            want = "hijau" if row.nilai <= row.batas_hijau else "kuning" if row.nilai <= row.batas_kuning else "merah"
        assert row.status == want, row.kode


def test_ranking_pools_the_province(fixture_store):
    for tahun in sorted(set(read_fixture("survey_round")["survey_round"])):
        df = run(fixture_store, "kla_ranking_by_kab", kode="IV.2d", tahun=int(tahun), kode_prov="73")
        assert len(df) == df["n_kab"].iloc[0] >= 1 and df["n_kab_prov"].iloc[0] == 24
        assert df["nilai"].is_monotonic_increasing and df["peringkat"].iloc[0] == 1  # lower is better: best first
        pooled = round(100 * df["pembilang"].sum() / df["penyebut"].sum(), 2)
        assert (df["nilai_provinsi"] == pooled).all() and (df["cara_provinsi"] == "gabungan").all()


# --- entered values ---------------------------------------------------------------------------------------


def test_entered_value_survives_a_restart_and_is_audited(kla_store):
    kla.save_value("73.73", 2024, "IV.3", None, pembilang=45, penyebut=120, operator="Andi (Bappelitbangda)",
                   bukti="SK Wali Kota 123/2024", path=kla_store)
    kla.save_value("73.73", 2024, "IV.3", "40,5", operator="Sari", bukti="https://example.org/sra.pdf", path=kla_store)
    with store.writing(kla_store) as con:  # another write (rebuild, registry reload, checks) keeps them
        con.execute("SELECT 1")
    env = {**os.environ, "ATS_STORE": str(kla_store)}
    out = subprocess.run(  # a new process: read from disk, not from any cache
        [sys.executable, "-m", "data", "query", "kla_indicators_by_kab", "--param", "tahun=2024", "--param", "kode_kab=73.73",
         "--format", "json"], cwd=ROOT, env=env, check=True, capture_output=True, text=True,
    )
    card = pd.read_json(io.StringIO(out.stdout)).set_index("kode")
    assert card.loc["IV.3", "nilai"] == 40.5 and card.loc["IV.3", "sumber"] == "input"
    assert card.loc["IV.3", "bukti"] == "https://example.org/sra.pdf" and card.loc["IV.3", "operator"] == "Sari"
    assert card.loc["IV.3", "status"] == "kuning"
    audit = run(kla_store, "kla_audit_by_kab", kode_kab="73.73")
    assert audit["operator"].tolist() == ["Sari", "Andi (Bappelitbangda)"] and audit["aksi"].tolist() == ["ubah", "isi"]
    assert audit["nilai_baru"].tolist() == [40.5, 37.5] and pd.isna(audit["nilai_lama"].iloc[1])
    assert audit["nilai_lama"].iloc[0] == 37.5 and audit["bukti"].tolist() == ["https://example.org/sra.pdf", "SK Wali Kota 123/2024"]
    assert audit["diubah_pada"].notna().all()


@pytest.mark.parametrize(
    "args, code, shown",
    [
        (dict(kode="IV.3", nilai=140), "pct_range", "140"),
        (dict(kode="IV.4", nilai=-3), "negative", "\u22123"),  # the minus sign of ui.fmt.number
        (dict(kode="IV.4", nilai=2.5), "not_whole", "2,5"),
        (dict(kode="IV.3", nilai=50, tahun=dt.date.today().year + 1), "future_year", str(dt.date.today().year + 1)),
        (dict(kode="IV.3", nilai=None, pembilang=130, penyebut=120), "fraction", "130"),
        (dict(kode="IV.3", nilai=50, bukti=" "), "no_evidence", "Bukti"),
        (dict(kode="IV.3", nilai=50, operator=""), "no_operator", "operator"),
        (dict(kode="IV.2", nilai=50), "computed_indicator", "IV.2"),
        (dict(kode="XX.9", nilai=50), "unknown_indicator", "XX.9"),
        (dict(kode="IV.3", nilai="lima puluh"), "bad_number", "lima puluh"),
        (dict(kode="IV.3", nilai=50, kode_kab="99.99"), "unknown_kab", "99.99"),
    ],
)
def test_impossible_values_are_refused_with_a_message(kla_store, args, code, shown, monkeypatch):
    from ui import kla as ui_kla

    monkeypatch.setattr("ui.i18n.lang", lambda: "id")
    call = {"kode_kab": "73.73", "tahun": 2024, "operator": "Andi", "bukti": "SK 1/2024", **args}
    before = fingerprint(kla_store)
    with pytest.raises(kla.KlaInputError) as err:
        kla.save_value(call.pop("kode_kab"), call.pop("tahun"), call.pop("kode"), call.pop("nilai"), path=kla_store, **call)
    assert err.value.code == code
    assert shown in ui_kla.error_text(err.value)
    assert fingerprint(kla_store) == before  # nothing written
    assert not list(kla_store.parent.glob("*.tmp-*"))


def test_every_refusal_code_has_a_message_in_both_languages():
    from ui.i18n import CATALOGUE

    codes = {"missing", "bad_number", "future_year", "old_year", "unknown_indicator", "computed_indicator", "unknown_kab",
             "negative", "fraction", "zero_denominator", "mismatch", "pct_range", "not_whole", "no_evidence", "no_operator",
             "bad_file", "missing_columns", "bad_score", "bad_tier", "tier_mismatch", "no_result", "no_source",
             "out_of_scope"}
    source = (ROOT / "data" / "kla.py").read_text()
    assert codes == set(__import__("re").findall(r'KlaInputError\(\s*"(\w+)"', source)) - {"row"}
    for c in codes:
        assert f"kla.err.{c}" in CATALOGUE, c
    for family, values in {"status": ("hijau", "kuning", "merah", "none"), "cara": ("sensus", "input"), "cara_short": ("sensus", "input"),
                           "satuan": ("persen", "jumlah"), "polaritas": ("naik", "turun"), "bands": ("naik", "turun"),
                           "compare.note": ("gabungan", "rata_rata", "jumlah")}.items():
        for v in values:
            assert f"kla.{family}.{v}" in CATALOGUE, (family, v)


def test_checks_guard_the_store_against_a_direct_write(kla_store):
    before = fingerprint(kla_store)
    with pytest.raises(store.BuildError, match="kla_nilai_input_valid"):
        with store.writing(kla_store) as con:
            con.execute("INSERT INTO kla_nilai_input VALUES ('73.73', 2024, 'IV.3', 140, NULL, NULL, 'x', 'y', now(), false)")
            con.execute("INSERT INTO kla_audit VALUES (1, now(), 'y', 'isi', '73.73', 2024, 'IV.3', NULL, 140, 'x', NULL)")
    with pytest.raises(store.BuildError, match="kla_nilai_input_audited"):
        with store.writing(kla_store) as con:  # a value without its audit row
            con.execute("INSERT INTO kla_nilai_input VALUES ('73.73', 2024, 'IV.3', 40, NULL, NULL, 'x', 'y', now(), false)")
    assert fingerprint(kla_store) == before


# --- import ---------------------------------------------------------------------------------------------


def test_import_csv_and_xlsx(kla_store):
    csv = ("kode_kab;tahun;kode;nilai;pembilang;penyebut;bukti\n"
           "73.73;2024;IV.3;;30;120;SK 5/2024\n73.73;2024;IV.4;4;;;Daftar PKA DP3A 2024\n").encode()
    report = kla.import_values(csv, "nilai.csv", operator="Tim KLA", path=kla_store)
    assert report == {"file": "nilai.csv", "rows": 2, "values": 2, "changed": 2}
    wb = openpyxl.Workbook()
    wb.active.append(["kode_kab", "tahun", "kode", "nilai", "bukti"])
    wb.active.append(["73.73", 2025, "IV.1", 61.5, "Laporan PAUD-HI 2025"])
    buf = io.BytesIO()
    wb.save(buf)
    kla.import_values(buf.getvalue(), "nilai.xlsx", operator="Tim KLA", path=kla_store)
    card = run(kla_store, "kla_indicators_by_kab", tahun=2024, kode_kab="73.73").set_index("kode")
    assert card.loc["IV.3", "nilai"] == 25.0 and card.loc["IV.4", "nilai"] == 4
    assert run(kla_store, "kla_indicators_by_kab", tahun=2025, kode_kab="73.73").set_index("kode").loc["IV.1", "nilai"] == 61.5
    audit = run(kla_store, "kla_audit_by_kab", kode_kab="73.73")
    assert set(audit["aksi"]) == {"impor"} and set(audit["berkas"]) == {"nilai.csv", "nilai.xlsx"} and len(audit) == 3


def test_a_file_with_one_bad_row_is_refused_whole(kla_store):
    before = fingerprint(kla_store)
    csv = b"kode_kab,tahun,kode,nilai,bukti\n73.73,2024,IV.3,40,SK\n73.73,2024,IV.1,140,SK\n"
    with pytest.raises(kla.KlaInputError) as err:
        kla.import_values(csv, "salah.csv", operator="Tim KLA", path=kla_store)
    assert err.value.code == "pct_range" and err.value.values["row"] == 3
    with pytest.raises(kla.KlaInputError) as err:
        kla.import_values(b"kode_kab,tahun,nilai\n73.73,2024,4\n", "kurang.csv", operator="Tim KLA", path=kla_store)
    assert err.value.code == "missing_columns" and "kode" in err.value.values["columns"]
    assert fingerprint(kla_store) == before


def test_a_file_with_a_row_outside_the_accounts_scope_is_refused_whole(kla_store, monkeypatch):
    from data.accounts import Principal
    from ui import kla as ui_kla

    before = fingerprint(kla_store)
    palopo = Principal("petugas.palopo", "operator", "73.73")
    csv = b"kode_kab,tahun,kode,nilai,bukti\n73.73,2024,IV.3,40,SK\n73.05,2024,IV.3,50,SK\n"
    with pytest.raises(kla.KlaInputError) as err:
        kla.import_values(csv, "dua_kab.csv", operator=palopo.name, path=kla_store, in_scope=palopo.covers)
    assert (err.value.code, err.value.values["row"], err.value.values["kode_kab"]) == ("out_of_scope", 3, "73.05")
    monkeypatch.setattr("ui.i18n.lang", lambda: "id")
    assert ui_kla.error_text(err.value) == "Baris 3: 73.05 berada di luar wilayah akun Anda: berkas tidak diimpor."
    assert fingerprint(kla_store) == before
    report = kla.import_values(csv.rsplit(b"73.05", 1)[0].rsplit(b"\n", 1)[0] + b"\n", "satu_kab.csv",
                               operator=palopo.name, path=kla_store, in_scope=palopo.covers)
    assert report["values"] == 1


# --- evaluation results ---------------------------------------------------------------------------------


def test_tier_bands():
    assert [kla.tier_of(s) for s in (None, 499.9, 500, 588.4, 600.5, 601, 700, 750, 801, 901, 1000)] == [
        None, None, "Pratama", "Pratama", "Pratama", "Madya", "Madya", "Nindya", "Utama", "KLA", "KLA"]


def test_evaluation_is_validated_and_stored(kla_store):
    kla.save_evaluation("73.73", 2024, "588,4", None, sumber="SK KemenPPPA 2024", operator="Andi", path=kla_store)
    ev = run(kla_store, "kla_evaluasi_by_kab", kode_kab="73.73")
    assert ev[["tahun", "skor", "tier", "is_demo"]].values.tolist() == [[2024, 588.4, "Pratama", False]]
    for skor, tier, code in ((750, "Utama", "tier_mismatch"), (1200, None, "bad_score"), (None, "Emas", "bad_tier")):
        with pytest.raises(kla.KlaInputError) as err:
            kla.save_evaluation("73.73", 2024, skor, tier, sumber="x", operator="Andi", path=kla_store)
        assert err.value.code == code
    assert run(kla_store, "kla_audit_by_kab", kode_kab="73.73")["kode"].tolist() == [kla.SKOR_KODE]


def test_demo_load_keeps_published_results_and_marks_the_rest_demo(kla_store):
    with store.writing(kla_store) as con:
        kla.load_demo(con, seed=1, last_year=2025)
    ev = run(kla_store, "kla_evaluasi_by_kab", kode_prov="73")
    published = ev[~ev["is_demo"]]
    assert {("73.73", 2019, "Pratama"), ("73.73", 2021, "Pratama"), ("73.08", 2021, "Nindya"), ("73.08", 2023, "Nindya"),
            ("73.05", 2019, "Pratama"), ("73.05", 2021, "Pratama")} <= set(map(tuple, published[["kode_kab", "tahun", "tier"]].values))
    assert published["sumber"].str.contains("DOMAIN.md 4.5").all() and published["skor"].isna().all()
    demo = ev[ev["is_demo"]]
    kabs = set(pd.read_csv(FIXTURES / "survey_round.csv", dtype=str)["kode_kab"])
    assert set(demo["kode_kab"]) == kabs
    for kab in kabs:  # every year 2019-2025 has one result: published, else demo
        assert sorted(ev.loc[ev["kode_kab"] == kab, "tahun"]) == list(range(2019, 2026))
    assert all(kla.tier_of(s) == t for s, t in zip(demo["skor"], demo["tier"]))
    card = run(kla_store, "kla_indicators_by_kab", tahun=2024, kode_kab="73.73").set_index("kode")
    assert card.loc[["IV.1", "IV.3", "IV.4"], "is_demo"].all() and card.loc[["IV.1", "IV.3", "IV.4"], "nilai"].notna().all()
    assert (run(kla_store, "kla_audit_by_kab", kode_kab="73.73")["aksi"] == "demo").all()


# --- exports --------------------------------------------------------------------------------------------


def scorecard_export(kla_store, card):
    """The scorecard of Palopo 2024 as the KLA page exports it (ui.kla.scorecard_export through ui.export)."""
    from data import api
    from ui import kla as ui_kla
    from ui.view import View

    info = api.StoreInfo(str(kla_store), "v1", "2026-01-01", False)
    source = api.Source("kla_indicators_by_kab", {"tahun": 2024, "kode_kab": "73.73", "framework": "2021-24"}, info)
    view = View(places=("Sulawesi Selatan", "Kota Palopo"), period="tahun 2024", sex="P")  # a filter KLA does not take
    return ui_kla.scorecard_export(card, run(kla_store, "kla_definitions_by_indikator"), view, source, "Kartu skor")


def test_exports_neutralise_formulas_and_carry_definitions(kla_store):
    from ui import export

    kla.save_value("73.73", 2024, "IV.4", 3, operator="@admin", bukti="=HYPERLINK(\"http://x\")", path=kla_store)
    card = run(kla_store, "kla_indicators_by_kab", tahun=2024, kode_kab="73.73")
    table = scorecard_export(kla_store, card)
    text = export.csv(table).decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "'@admin" in text and "\n=HYPERLINK" not in text and ";=HYPERLINK" not in text
    read = pd.read_csv(io.StringIO(text), sep=";", decimal=",")  # Indonesian Excel's separators
    assert read["Kode"].tolist() == card["kode"].tolist()
    assert read.set_index("Kode").loc["IV.4", "Nilai"] == 3 and read.set_index("Kode").loc["IV.4", "Diisi oleh"] == "'@admin"
    wb = openpyxl.load_workbook(io.BytesIO(export.xlsx(table)))
    assert wb.sheetnames == ["Tabel", "Keterangan"]
    rows = list(wb["Tabel"].values)
    header, body = rows[0], {r[0]: dict(zip(rows[0], r)) for r in rows[1:]}
    assert header[:5] == ("Kode", "Indikator", "Nilai", "Satuan", "Target")
    assert body["IV.4"]["Nilai"] == 3 and body["IV.4"]["Bukti"] == "'=HYPERLINK(\"http://x\")"
    assert isinstance(body["IV.2"]["Nilai"], float) and body["IV.2"]["Satuan"] == "persen"
    cells = [c for row in rows for c in row]
    assert not any(isinstance(c, str) and c.startswith(("=", "@", "+", "-")) for c in cells)
    about = dict(wb["Keterangan"].iter_rows(min_row=2, values_only=True))
    assert about["Kueri"] == "kla_indicators_by_kab" and about["Versi data"] == "v1"
    assert about["Filter aktif yang tidak berlaku untuk tabel ini"] == "perempuan"  # KLA is judged on all children
    for kode in card["kode"]:  # every indicator shown is defined
        assert any(str(k).startswith(f"{kode} · ") for k in about), kode


def test_xlsx_export_takes_evidence_with_control_characters(kla_store):
    """Evidence pasted from Word keeps its line break as \x0b, which XML (so XLSX) cannot hold: openpyxl refused
    the whole export. The store keeps the text as entered (the audit trail); the XLSX has a space there, the CSV
    the text itself."""
    from ui import export

    kla.save_value("73.73", 2024, "IV.4", 3, operator="admin\x08", bukti="SK Bupati\x0bNo. 12", path=kla_store)
    card = run(kla_store, "kla_indicators_by_kab", tahun=2024, kode_kab="73.73")
    assert "SK Bupati\x0bNo. 12" in card["bukti"].tolist()
    table = scorecard_export(kla_store, card)
    assert "SK Bupati\x0bNo. 12" in export.csv(table).decode("utf-8-sig")
    cells = [c.value for row in openpyxl.load_workbook(io.BytesIO(export.xlsx(table)))["Tabel"].iter_rows() for c in row]
    assert "SK Bupati No. 12" in cells and "admin " in cells


def test_registry_rules():
    """What the build cannot repair: the registry file's own consistency (frameworks, parents, census measures,
    colour bands in the order of the polarity)."""
    reg = kla.registry().reset_index()
    frameworks = set(pd.read_csv(ROOT / "data" / "reference" / "kla_frameworks.csv")["kode"])
    assert reg["kode"].is_unique and set(reg["framework"]) <= frameworks
    assert set(reg["induk"].dropna()) <= set(reg["kode"])
    assert reg.loc[reg["cara"] == "input", "ukuran"].isna().all()
    up, down = reg[reg["polaritas"] == "naik"], reg[reg["polaritas"] == "turun"]
    assert (up["batas_hijau"] >= up["batas_kuning"]).all() and (down["batas_hijau"] <= down["batas_kuning"]).all()
    assert set(reg["satuan"]) <= {"persen", "jumlah"} and set(reg["cara"]) <= {"sensus", "input"}


def test_a_viewer_sees_census_values_protected_and_entered_ones_as_typed(kla_store):
    """Small-cell protection (docs/protection.md): Palopo 2025 has 3 children 16-18 in school. A viewer's
    scorecard, its CSV and the comparison say "ditahan" and "< 5" where an analyst's show the numbers; an
    entered value of 3 facilities is not a count of children and stays 3."""
    from ui import export
    from ui import kla as ui_kla

    kla.save_value("73.73", 2025, "IV.4", 3, operator="admin", bukti="SK 1", path=kla_store)
    args = {"tahun": 2025, "kode_kab": "73.73"}
    card = run(kla_store, "kla_indicators_by_kab", role="viewer", **args)
    trend = run(kla_store, "kla_indicators_by_tahun", role="viewer", kode_kab="73.73")
    shown = ui_kla.scorecard(card, trend).set_index("kode")
    assert shown.loc["IV.2c", "nilai"] == shown.loc["IV.2c", "status"] == "ditahan"
    assert shown.loc["IV.4", "nilai"] == "3"
    analyst = ui_kla.scorecard(run(kla_store, "kla_indicators_by_kab", **args), trend).set_index("kode")
    assert analyst.loc["IV.2c", "nilai"] == "42,9%"
    text = export.csv(scorecard_export(kla_store, card)).decode("utf-8-sig")
    read = pd.read_csv(io.StringIO(text), sep=";", decimal=",", dtype=str).set_index("Kode")
    assert read.loc["IV.2c", "Nilai"] == "ditahan" and read.loc["IV.2c", "Pembilang"] == "< 5"
    assert read.loc["IV.2c", "Penyebut"] == "7" and read.loc["IV.4", "Nilai"] == "3"
    ranking = run(kla_store, "kla_ranking_by_kab", role="viewer", kode="IV.2c", tahun=2025, kode_prov="73")
    assert not ui_kla.ranked(ranking)
    assert "1 kab/kota tidak diperingkat" in ui_kla.ranking_caption(ranking)


def test_an_indicators_references_speak_to_readers_not_developers():
    """The definition card and the export's About sheet said "Rujukan: BPS (sirusa): APS; DOMAIN.md 3 dan 7.3": the
    project's own notes are left out, a remark of theirs stays with the reference before it."""
    from ui import kla as kla_ui

    indicators = pd.read_csv(ROOT / "data" / "reference" / "kla_indicators.csv")
    said = [kla_ui.reference(r) for r in indicators["referensi"]]
    assert not [s for s in said if "DOMAIN" in s or s.startswith(";") or s.endswith(";")], said
    assert "BPS (sirusa): APS" in said and "Perpres 60/2013 (definisi alat evaluasi belum dikonfirmasi)" in said
    assert "Permen PPPA 12/2011; SK.911/AJ.403/DRJD/2015 (Kemenhub)" in said
    row = indicators[indicators["kode"] == "IV.2"].iloc[0].copy()
    row["framework_nama"] = row["framework_nama_en"] = "Perpres 25/2021"
    assert "DOMAIN" not in kla_ui.definition_text(row) and "BPS (sirusa): APS" in kla_ui.definition_text(row)


def test_the_comparisons_values_stand_clear_of_the_province_and_target_lines(use_store):
    """Each bar's value was written at its end, under the province's and the target's lines, which stand near the
    values compared: Palopo's "96,9%" was crossed by both. Every value is written in a column right of the plot,
    where no line reaches."""
    from data import api
    from data.accounts import ANONYMOUS
    from ui import kla as kla_ui

    ranking = api.kla_ranking_by_kab(ANONYMOUS, kode="IV.2", tahun=2024, kode_prov="73").df
    figure = kla_ui.ranking_figure(ranking, "73.73", "IV.2")
    values = [a for a in figure.layout.annotations if a.xref == "paper"]
    assert figure.layout.shapes and [a.text for a in values] == [kla_ui.fmt_value(v, "persen") for v in ranking["nilai"]]
    assert all(a.x == 1 and a.xanchor == "left" and a.xshift > 0 for a in values)  # right of the plot's edge


def _spread(ranking: pd.DataFrame, values: list[float], satuan: str = "persen") -> pd.DataFrame:
    """The query's row of Kota Palopo as the kab/kota of a province whose values are `values` (the demo Sulawesi
    Selatan store's IV.2 in 2026: 92.7-96.9%, province 94.5%, target 95%)."""
    rows = pd.concat([ranking.iloc[[0]]] * len(values), ignore_index=True)
    rows["kode_kab"] = [f"73.{i:02d}" for i in range(1, len(values) + 1)]
    rows["nama_kab"] = [f"Kab {i}" for i in range(1, len(values) + 1)]
    rows["nilai"], rows["satuan"] = values, satuan
    rows["peringkat"] = pd.Series(values).rank(ascending=False, method="first").astype(int).to_numpy()
    rows["nilai_provinsi"], rows["target"] = 94.5, 95.0
    return rows


def test_the_comparison_is_dots_on_an_axis_zoomed_to_the_values(use_store):
    """The kab/kota of Sulawesi Selatan stand within a few points (92.7-96.9%): bars on a 0-100 axis were all one
    length on a projector. Dots on an axis from just below the lowest to just above the highest value (the province
    and the target in it) spread them over most of the plot's width; a percentage stays within 0-100."""
    from data import api
    from data.accounts import ANONYMOUS
    from ui import kla as kla_ui

    ranking = api.kla_ranking_by_kab(ANONYMOUS, kode="IV.2", tahun=2024, kode_prov="73").df
    values = [96.9, 96.2, 95.6, 95.1, 94.5, 94.2, 93.7, 93.2, 92.7]
    figure = kla_ui.ranking_figure(_spread(ranking, values), "73.03", "IV.2")
    dots = figure.data[0]
    assert dots.type == "scatter" and dots.mode == "markers" and list(dots.x) == sorted(values)  # best on top
    low, high = figure.layout.xaxis.range
    assert 90 < low < min(values) and max(values) < high <= 100
    assert (max(values) - min(values)) / (high - low) > 0.7  # the values fill most of the axis
    outlined = [name for name, width in zip(dots.y, dots.marker.line.width) if width]
    assert outlined == ["Kab 3"]  # the chosen kab/kota
    near_full = kla_ui.value_range(_spread(ranking, [99.8, 99.1, 98.7]))
    assert near_full[1] == 100  # a percentage's axis stops at 100
    counts = kla_ui.value_range(_spread(ranking, [0.0, 2.0, 3.0], satuan="jumlah"))
    assert counts[0] == 0  # a count's axis does not go below 0


def test_the_kla_charts_are_drawn_in_the_house_style(use_store):
    """KLA's tier history and comparison were drawn with Streamlit's theme (theme="streamlit": Plotly's 12 px font,
    the theme's greys) while every other chart of the pages has its own projector-sized style (ui/charts.py, drawn
    with theme=None). The page sends both with no theme, in the house font, size and colours, axes and hover label;
    the comparison's bar labels and the tier history's ticks in the house size too."""

    from streamlit.testing.v1 import AppTest

    from ui import charts
    from ui import kla as kla_ui

    house, xaxis, yaxis = charts._layout_props("t", 400)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["tahun"] = "2024"
    at.switch_page("views/kla.py")
    at.run()
    assert not at.exception, at.exception
    drawn = [figure for key, figure in screen_charts(at).items() if "kla_ranking" in key]
    assert len(drawn) == 1
    ranking = drawn[0]
    assert ranking["layout"]["font"] == house["font"] and ranking["layout"]["hoverlabel"] == house["hoverlabel"]
    assert ranking["layout"]["plot_bgcolor"] == "white" and ranking["layout"]["title"]["font"]["size"] == charts.FONT + 4
    written = [a for a in ranking["layout"]["annotations"] if a.get("xref") == "paper"]
    assert written and all(a["font"]["size"] == charts.FONT for a in written)  # the values, in the house size
    assert ranking["layout"]["xaxis"]["showgrid"] and ranking["layout"]["yaxis"]["linecolor"] == xaxis["linecolor"]

    evaluations = pd.DataFrame({"tahun": [2023, 2024], "tier": ["Pratama", "Madya"], "tier_urutan": [1, 2],
                                "skor": [560.0, 640.0], "sumber": ["KemenPPPA", "demo"], "is_demo": [False, True]})
    tiers = kla_ui.tier_figure(evaluations).to_plotly_json()["layout"]
    assert tiers["font"] == house["font"] and tiers["hoverlabel"] == house["hoverlabel"]
    assert tiers["xaxis"]["ticks"] == xaxis["ticks"] and tiers["yaxis"]["gridcolor"] == yaxis["gridcolor"]
    assert tiers["legend"]["orientation"] == "h" and tiers["title"]["font"]["size"] == charts.FONT + 4


def test_the_demos_evidence_is_said_in_the_pages_language(kla_store):
    """The scorecard's "Source and evidence" said "Entered · data demo (sintetis)" in the English UI: the demo's
    evidence is stored as Indonesian text (data.kla.DEMO_EVIDENCE). It is said in the page's language; a user's
    evidence stays as typed."""
    from ui import kla as ui_kla
    from ui.i18n import language

    kla.save_value("73.73", 2025, "IV.4", 3, operator="admin", bukti=kla.DEMO_EVIDENCE, path=kla_store)
    kla.save_value("73.73", 2025, "IV.3", 40, operator="admin", bukti="SK Bupati 12/2025", path=kla_store)
    card = run(kla_store, "kla_indicators_by_kab", role="viewer", tahun=2025, kode_kab="73.73")
    trend = run(kla_store, "kla_indicators_by_tahun", role="viewer", kode_kab="73.73")
    for code, demo in (("en", "demo data (synthetic)"), ("id", "data demo (sintetis)")):
        with language(code):
            said = ui_kla.scorecard(card, trend).set_index("kode")["keterangan"]
        assert said["IV.4"].endswith(" · " + demo) and said["IV.3"].endswith(" · SK Bupati 12/2025"), (code, said)


def test_a_province_total_is_not_drawn_across_the_kab_kota_counts(use_store):
    """IV.4 (child-friendly facilities, a count): the province's value is the total of its kab/kota (121 beside values
    of 3-7), drawn as a line on their axis it pushed every dot against 0. The total is said in the caption, not drawn;
    the axis is the counts' and the target's."""
    from data import api
    from data.accounts import ANONYMOUS
    from ui import kla as kla_ui

    ranking = api.kla_ranking_by_kab(ANONYMOUS, kode="IV.2", tahun=2024, kode_prov="73").df
    counts = _spread(ranking, [7.0, 6.0, 5.0, 4.0, 3.0], satuan="jumlah")
    counts["nilai_provinsi"], counts["cara_provinsi"], counts["target"] = 121.0, "jumlah", 5.0
    counts["n_kab"] = counts["n_kab_prov"] = 5
    figure = kla_ui.ranking_figure(counts, "73.01", "IV.4")
    assert [shape.x0 for shape in figure.layout.shapes] == [5.0]  # the target only
    assert figure.layout.xaxis.range[1] < 10
    assert "Jumlah provinsi 121 dari 5 kab/kota" in kla_ui.ranking_caption(counts)
    assert "tidak digambar" in kla_ui.ranking_caption(counts)
