"""Survey import, the columns (data/importer/mapping.py): mapping files (TOML, YAML) with label headers and
recodes, their refusals said in both languages, required columns missing with the mapping entry that would fix
it, two columns read as one, a file without its header row."""

import json

import pandas as pd
import pytest

from data import importer
from data.importer import ImportRefused
from tests.conftest import needs_shared
from tests.import_helpers import EXAMPLE, KOBO_CSV, KOBO_MAP, _refusal_codes, example, imp, rows_of, sha, write
from tests.import_helpers import base_store, store  # noqa: F401 (fixtures, found by name)

pytestmark = needs_shared


def test_a_file_without_header_row_is_refused_without_echoing_its_cells(store, tmp_path):
    path = tmp_path / "noheader.csv"
    path.write_text("\n".join(EXAMPLE.read_text(encoding="utf-8").splitlines()[1:]) + "\n", encoding="utf-8")
    for attempt in (lambda: imp(path, store), lambda: importer.read_preview(path)):
        with pytest.raises(ImportRefused) as refused:
            attempt()
        assert refused.value.code == "no_header" and "no header row" in str(refused.value)
        shown = str(refused.value) + json.dumps(refused.value.values)
        assert "9901" not in shown and "Anak Contoh" not in shown


def test_title_line_above_label_headers_known_through_the_mapping(store, tmp_path):
    path = tmp_path / "kobo_laporan.csv"
    path.write_text("Ekspor KoBo; formulir SIPBM (data sintetis)\n" + KOBO_CSV.read_text(encoding="utf-8"), encoding="utf-8")
    plain = imp(KOBO_CSV, store, mapping=KOBO_MAP, dry_run=True)
    titled = imp(path, store, mapping=KOBO_MAP, dry_run=True)
    assert (titled.rows_read, titled.accepted, titled.rejected) == (plain.rows_read, plain.accepted, plain.rejected)
    assert (titled.rejects["row"] - 1).tolist() == plain.rejects["row"].tolist()


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
    codes = {c for c in _refusal_codes("data/importer") if c.startswith("mapping_")}
    assert codes == {r[2] for r in MAPPING_REFUSALS}
