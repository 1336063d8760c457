-- Grain: one row per accepted child, in the shape of the store's anak table: the NIK only as its keyed hash,
-- no name; the current level and grade only for children in school; category, last level and grade, reason
-- and activity only for out-of-school children aged 7-18 (ATS); the last level and grade 12 also for a child who
-- completed grade 12 (is_tamat12: out of school, no category, kelas_terakhir 12 is how the store says it).
-- import_key holds the HMAC pads of the configured key (see out_keluarga). A view: computed once, while it is
-- inserted into the store.
-- Used by: data/importer/validate.py
CREATE OR REPLACE VIEW out_anak AS
SELECT
    a.anak_id,
    a.keluarga_id,
    a.survey_round,
    a.kode_kel,
    import_hmac(a.nik, key.ipad, key.opad) AS nik_hash,
    a.sex,
    a.umur::TINYINT AS umur,
    a.has_disability,
    CASE WHEN a.has_disability THEN a.jenis_disabilitas END AS jenis_disabilitas,
    a.partisipasi,
    CASE WHEN a.partisipasi <> 'tidak_sekolah' THEN a.jenjang END AS jenjang,
    CASE WHEN a.partisipasi <> 'tidak_sekolah' THEN a.kelas END::TINYINT AS kelas,
    CASE WHEN a.is_ats THEN a.kategori_ats END AS kategori_ats,
    CASE WHEN (a.is_ats AND a.kategori_ats <> 'BPB') OR a.is_tamat12 THEN a.jenjang_terakhir END AS jenjang_terakhir,
    CASE
        WHEN a.is_ats AND a.kategori_ats <> 'BPB' THEN a.kelas_terakhir
        WHEN a.is_tamat12 THEN 12
    END::TINYINT AS kelas_terakhir,
    CASE WHEN a.is_ats THEN a.alasan END AS alasan,
    CASE WHEN a.is_ats THEN g.alasan_group END AS alasan_group,
    CASE WHEN a.is_ats THEN a.kegiatan END AS kegiatan,
    k.kelompok_pengeluaran
FROM accepted AS a
INNER JOIN out_keluarga AS k USING (keluarga_id)
LEFT JOIN import_alasan_group AS g ON g.alasan = a.alasan
CROSS JOIN import_key AS key
