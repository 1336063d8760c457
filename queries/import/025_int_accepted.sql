-- Grain: one row per accepted source row (no problem found), without the raw cells. A view: a copy of a
-- million wide rows costs more than the anti-join against the (few) problem rows at each of its readers.
-- Used by: data/importer.py
CREATE OR REPLACE VIEW accepted AS
SELECT
    p.* EXCLUDE (raw_survey_round, raw_kode_kel, raw_kode_kec, raw_kode_kab, raw_id_keluarga, raw_sex, raw_partisipasi, raw_umur, raw_tanggal_lahir, raw_kategori_ats, raw_jenjang, raw_kelas, raw_kelas_terakhir, raw_kelompok_pengeluaran, raw_jarak_sekolah_km, raw_nik, raw_no_kk, raw_no_urut)
FROM persons AS p
ANTI JOIN problems AS pr ON pr.source_row = p._row
