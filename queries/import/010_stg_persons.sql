-- Grain: one row per source row of the file: the values parsed (codes and dates as `raw` has them beside the
-- text, from import_values; numbers and wilayah codes parsed with the import_* macros; what does not parse is
-- null here and reported by int_problems, which takes the cell from `raw`; has_<col> says whether the cell holds
-- anything, so that a blank cell is told from one that does not parse), the round's reference date
-- (import_rounds) and the age in completed years at it: from tanggal_lahir when given, else the file's umur;
-- the ids of the household and the child (import_id of their natural keys). kategori_ats is the ATS category
-- (DO, LTM, BPB); the code TAMAT12 ("completed grade 12, not ATS") is tamat12_given instead, and is_tamat12 marks
-- an out-of-school child who completed grade 12: TAMAT12, or no category and kelas_terakhir 12 (DOMAIN.md 7.3).
-- Params:
--   survey_round: INTEGER, optional. The round given on the command line (--round), used where the file has none
-- Used by: data/importer/validate.py
CREATE OR REPLACE TABLE persons AS
WITH
parsed AS (
    SELECT
        r._row,
        coalesce(import_int(r.survey_round), $survey_round) AS survey_round,
        import_kode(r.kode_kel) AS kode_kel,
        import_kode_part(r.kode_kec) AS kode_kec,
        import_kode_part(r.kode_kab) AS kode_kab,
        r.date_reference_date AS reference_date,
        nullif(trim(r.id_keluarga), '') AS id_keluarga,
        import_digits(r.no_kk) AS no_kk,
        r.date_tanggal_pendataan AS tanggal_pendataan,
        import_int(r.kelompok_pengeluaran) AS kelompok_pengeluaran,
        r.code_penerima_bansos = 'true' AS penerima_bansos,
        import_num(r.jarak_sekolah_km) AS jarak_sekolah_km,
        r.code_moda_transportasi AS moda_transportasi,
        nullif(trim(r.no_urut), '') AS no_urut,
        import_digits(r.nik) AS nik,
        r.code_sex AS sex,
        r.date_tanggal_lahir AS tanggal_lahir,
        import_int(r.umur) AS umur_file,
        coalesce(r.code_disabilitas = 'true', r.code_jenis_disabilitas IS NOT NULL) AS has_disability,
        r.code_jenis_disabilitas AS jenis_disabilitas,
        r.code_partisipasi AS partisipasi,
        r.code_jenjang AS jenjang,
        import_int(r.kelas) AS kelas,
        nullif(r.code_kategori_ats, 'TAMAT12') AS kategori_ats,
        coalesce(r.code_kategori_ats = 'TAMAT12', FALSE) AS tamat12_given,
        r.code_jenjang_terakhir AS jenjang_terakhir,
        import_int(r.kelas_terakhir) AS kelas_terakhir,
        r.code_alasan AS alasan,
        r.code_kegiatan AS kegiatan,
        r.date_tanggal_identifikasi AS tanggal_identifikasi,
        r.date_tanggal_verifikasi AS tanggal_verifikasi,
        r.code_status_verifikasi AS status_verifikasi,
        r.code_alasan_bukan_ats AS alasan_bukan_ats,
        r.date_tanggal_asesmen AS tanggal_asesmen,
        r.date_tanggal_rujukan AS tanggal_rujukan,
        r.date_tanggal_intervensi AS tanggal_intervensi,
        r.code_jenis_intervensi AS jenis_intervensi,
        r.date_tanggal_hasil AS tanggal_hasil,
        r.code_hasil AS hasil,
        import_int(r.survey_round) AS survey_round_file,
        r.survey_round AS raw_survey_round,
        r.kode_kel AS raw_kode_kel,
        r.kode_kec AS raw_kode_kec,
        r.kode_kab AS raw_kode_kab,
        r.sex AS raw_sex,
        r.partisipasi AS raw_partisipasi,
        r.umur AS raw_umur,
        r.tanggal_lahir AS raw_tanggal_lahir,
        r.kategori_ats AS raw_kategori_ats,
        r.kelas AS raw_kelas,
        r.kelas_terakhir AS raw_kelas_terakhir,
        r.kelompok_pengeluaran AS raw_kelompok_pengeluaran,
        r.jarak_sekolah_km AS raw_jarak_sekolah_km,
        r.nik AS raw_nik,
        r.no_kk AS raw_no_kk
    FROM raw AS r
)

SELECT
    p.* EXCLUDE (raw_survey_round, raw_kode_kel, raw_kode_kec, raw_kode_kab, raw_sex, raw_partisipasi, raw_umur, raw_tanggal_lahir, raw_kategori_ats, raw_kelas, raw_kelas_terakhir, raw_kelompok_pengeluaran, raw_jarak_sekolah_km, raw_nik, raw_no_kk),
    -- whether the cell holds anything, so that a blank cell is told from one that does not parse (looked at only
    -- where nothing was parsed: a trim of every cell costs a tenth of a second per column on a million rows)
    CASE WHEN p.survey_round_file IS NULL THEN coalesce(trim(p.raw_survey_round), '') <> '' ELSE TRUE END AS has_survey_round,
    CASE WHEN p.kode_kel IS NULL THEN coalesce(trim(p.raw_kode_kel), '') <> '' ELSE TRUE END AS has_kode_kel,
    CASE WHEN p.kode_kec IS NULL THEN coalesce(trim(p.raw_kode_kec), '') <> '' ELSE TRUE END AS has_kode_kec,
    CASE WHEN p.kode_kab IS NULL THEN coalesce(trim(p.raw_kode_kab), '') <> '' ELSE TRUE END AS has_kode_kab,
    CASE WHEN p.sex IS NULL THEN coalesce(trim(p.raw_sex), '') <> '' ELSE TRUE END AS has_sex,
    CASE WHEN p.partisipasi IS NULL THEN coalesce(trim(p.raw_partisipasi), '') <> '' ELSE TRUE END AS has_partisipasi,
    CASE WHEN p.umur_file IS NULL THEN coalesce(trim(p.raw_umur), '') <> '' ELSE TRUE END AS has_umur,
    CASE WHEN p.tanggal_lahir IS NULL THEN coalesce(trim(p.raw_tanggal_lahir), '') <> '' ELSE TRUE END AS has_tanggal_lahir,
    CASE WHEN p.kategori_ats IS NULL THEN coalesce(trim(p.raw_kategori_ats), '') <> '' ELSE TRUE END AS has_kategori_ats,
    CASE WHEN p.kelas IS NULL THEN coalesce(trim(p.raw_kelas), '') <> '' ELSE TRUE END AS has_kelas,
    CASE WHEN p.kelas_terakhir IS NULL THEN coalesce(trim(p.raw_kelas_terakhir), '') <> '' ELSE TRUE END AS has_kelas_terakhir,
    CASE WHEN p.kelompok_pengeluaran IS NULL THEN coalesce(trim(p.raw_kelompok_pengeluaran), '') <> '' ELSE TRUE END AS has_kelompok_pengeluaran,
    CASE WHEN p.jarak_sekolah_km IS NULL THEN coalesce(trim(p.raw_jarak_sekolah_km), '') <> '' ELSE TRUE END AS has_jarak_sekolah_km,
    CASE WHEN p.nik IS NULL THEN coalesce(trim(p.raw_nik), '') <> '' ELSE TRUE END AS has_nik,
    CASE WHEN p.no_kk IS NULL THEN coalesce(trim(p.raw_no_kk), '') <> '' ELSE TRUE END AS has_no_kk,
    ro.reference_date AS ref_date,
    CASE
        WHEN p.tanggal_lahir IS NULL OR ro.reference_date IS NULL THEN NULL
        WHEN p.tanggal_lahir <= ro.reference_date THEN date_sub('year', p.tanggal_lahir, ro.reference_date)
        WHEN (ro.reference_date + to_years(date_sub('year', ro.reference_date, p.tanggal_lahir)::INTEGER))::DATE = p.tanggal_lahir
            THEN -date_sub('year', ro.reference_date, p.tanggal_lahir)
        ELSE -1 - date_sub('year', ro.reference_date, p.tanggal_lahir)
    END AS umur_lahir,
    coalesce(umur_lahir, p.umur_file) AS umur,
    p.kategori_ats IS NOT NULL AND p.partisipasi = 'tidak_sekolah' AS is_ats,
    p.partisipasi = 'tidak_sekolah' AND (p.tamat12_given OR (p.kelas_terakhir = 12 AND NOT has_kategori_ats)) AS is_tamat12,
    coalesce(p.tanggal_identifikasi, p.tanggal_pendataan) AS tanggal_identifikasi_eff,
    coalesce(
        p.tanggal_verifikasi, p.tanggal_asesmen, p.tanggal_rujukan, p.tanggal_intervensi, p.tanggal_hasil
    ) IS NOT NULL AS has_handling,
    import_id(hash('keluarga', p.survey_round::BIGINT, p.kode_kel, p.id_keluarga)) AS keluarga_id,
    import_id(hash('anak', p.survey_round::BIGINT, p.kode_kel, p.id_keluarga, coalesce(p.no_urut, 'row ' || p._row))) AS anak_id
FROM parsed AS p
LEFT JOIN import_rounds AS ro ON ro.survey_round = p.survey_round AND ro.kode_kab = left(p.kode_kel, 5)
