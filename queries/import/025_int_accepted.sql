-- Grain: one row per accepted source row (no problem found), with the ids of its household and child, from
-- import_id of their natural keys, without the raw cells. A table, not a view: the ids (two MD5s a row) and
-- the anti-join are computed once, not once per output table; persons and the raw file are dropped after it.
-- Used by: data/importer.py
CREATE OR REPLACE TABLE accepted AS
SELECT
    p.* EXCLUDE (raw_survey_round, raw_kode_kel, raw_kode_kec, raw_kode_kab, raw_id_keluarga, raw_sex, raw_partisipasi, raw_umur, raw_tanggal_lahir, raw_kategori_ats, raw_jenjang, raw_kelas, raw_kelas_terakhir, raw_kelompok_pengeluaran, raw_jarak_sekolah_km, raw_nik, raw_no_kk, raw_no_urut),
    import_id(concat_ws('|', 'keluarga', p.survey_round, p.kode_kel, p.id_keluarga)) AS keluarga_id,
    import_id(concat_ws('|', 'anak', p.survey_round, p.kode_kel, p.id_keluarga, coalesce(p.no_urut, 'row ' || p._row))) AS anak_id
FROM persons AS p
ANTI JOIN problems AS pr ON pr.source_row = p._row
