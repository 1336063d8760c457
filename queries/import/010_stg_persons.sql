-- Grain: one row per source row of the file: the values parsed (codes recoded through import_values, dates,
-- numbers and wilayah codes parsed with the import_* macros; what does not parse is null here and reported by
-- int_problems against the raw value, kept as raw_*), the round's reference date (import_rounds) and the age
-- in completed years at it: from tanggal_lahir when given, else the file's umur; the ids of the household and
-- the child (import_id of their natural keys).
-- Params:
--   survey_round: INTEGER, optional. The round given on the command line (--round), used where the file has none
-- Used by: data/importer.py
CREATE OR REPLACE TABLE persons AS
WITH
parsed AS (
    SELECT
        r._row,
        coalesce(import_int(r.survey_round), $survey_round) AS survey_round,
        import_kode(r.kode_kel) AS kode_kel,
        import_kode_part(r.kode_kec) AS kode_kec,
        import_kode_part(r.kode_kab) AS kode_kab,
        d_reference_date.d AS reference_date,
        nullif(trim(r.id_keluarga), '') AS id_keluarga,
        import_digits(r.no_kk) AS no_kk,
        d_tanggal_pendataan.d AS tanggal_pendataan,
        import_int(r.kelompok_pengeluaran) AS kelompok_pengeluaran,
        c_penerima_bansos.code = 'true' AS penerima_bansos,
        import_num(r.jarak_sekolah_km) AS jarak_sekolah_km,
        c_moda_transportasi.code AS moda_transportasi,
        nullif(trim(r.no_urut), '') AS no_urut,
        import_digits(r.nik) AS nik,
        c_sex.code AS sex,
        d_tanggal_lahir.d AS tanggal_lahir,
        import_int(r.umur) AS umur_file,
        coalesce(c_disabilitas.code = 'true', c_jenis_disabilitas.code IS NOT NULL) AS has_disability,
        c_jenis_disabilitas.code AS jenis_disabilitas,
        c_partisipasi.code AS partisipasi,
        c_jenjang.code AS jenjang,
        import_int(r.kelas) AS kelas,
        c_kategori_ats.code AS kategori_ats,
        c_jenjang_terakhir.code AS jenjang_terakhir,
        import_int(r.kelas_terakhir) AS kelas_terakhir,
        c_alasan.code AS alasan,
        c_kegiatan.code AS kegiatan,
        d_tanggal_identifikasi.d AS tanggal_identifikasi,
        d_tanggal_verifikasi.d AS tanggal_verifikasi,
        c_status_verifikasi.code AS status_verifikasi,
        c_alasan_bukan_ats.code AS alasan_bukan_ats,
        d_tanggal_asesmen.d AS tanggal_asesmen,
        d_tanggal_rujukan.d AS tanggal_rujukan,
        d_tanggal_intervensi.d AS tanggal_intervensi,
        c_jenis_intervensi.code AS jenis_intervensi,
        d_tanggal_hasil.d AS tanggal_hasil,
        c_hasil.code AS hasil,
        r.survey_round AS raw_survey_round,
        r.kode_kel AS raw_kode_kel,
        r.kode_kec AS raw_kode_kec,
        r.kode_kab AS raw_kode_kab,
        r.id_keluarga AS raw_id_keluarga,
        r.sex AS raw_sex,
        r.partisipasi AS raw_partisipasi,
        r.umur AS raw_umur,
        r.tanggal_lahir AS raw_tanggal_lahir,
        r.kategori_ats AS raw_kategori_ats,
        r.jenjang AS raw_jenjang,
        r.kelas AS raw_kelas,
        r.kelas_terakhir AS raw_kelas_terakhir,
        r.kelompok_pengeluaran AS raw_kelompok_pengeluaran,
        r.jarak_sekolah_km AS raw_jarak_sekolah_km,
        r.nik AS raw_nik,
        r.no_kk AS raw_no_kk,
        r.no_urut AS raw_no_urut
    FROM raw AS r
    LEFT JOIN import_values AS c_sex ON c_sex.col = 'sex' AND c_sex.value = r.sex
    LEFT JOIN import_values AS c_partisipasi ON c_partisipasi.col = 'partisipasi' AND c_partisipasi.value = r.partisipasi
    LEFT JOIN import_values AS c_kategori_ats ON c_kategori_ats.col = 'kategori_ats' AND c_kategori_ats.value = r.kategori_ats
    LEFT JOIN import_values AS c_jenjang ON c_jenjang.col = 'jenjang' AND c_jenjang.value = r.jenjang
    LEFT JOIN import_values AS c_jenjang_terakhir ON c_jenjang_terakhir.col = 'jenjang_terakhir' AND c_jenjang_terakhir.value = r.jenjang_terakhir
    LEFT JOIN import_values AS c_alasan ON c_alasan.col = 'alasan' AND c_alasan.value = r.alasan
    LEFT JOIN import_values AS c_kegiatan ON c_kegiatan.col = 'kegiatan' AND c_kegiatan.value = r.kegiatan
    LEFT JOIN import_values AS c_disabilitas ON c_disabilitas.col = 'disabilitas' AND c_disabilitas.value = r.disabilitas
    LEFT JOIN import_values AS c_jenis_disabilitas ON c_jenis_disabilitas.col = 'jenis_disabilitas' AND c_jenis_disabilitas.value = r.jenis_disabilitas
    LEFT JOIN import_values AS c_penerima_bansos ON c_penerima_bansos.col = 'penerima_bansos' AND c_penerima_bansos.value = r.penerima_bansos
    LEFT JOIN import_values AS c_moda_transportasi ON c_moda_transportasi.col = 'moda_transportasi' AND c_moda_transportasi.value = r.moda_transportasi
    LEFT JOIN import_values AS c_status_verifikasi ON c_status_verifikasi.col = 'status_verifikasi' AND c_status_verifikasi.value = r.status_verifikasi
    LEFT JOIN import_values AS c_alasan_bukan_ats ON c_alasan_bukan_ats.col = 'alasan_bukan_ats' AND c_alasan_bukan_ats.value = r.alasan_bukan_ats
    LEFT JOIN import_values AS c_jenis_intervensi ON c_jenis_intervensi.col = 'jenis_intervensi' AND c_jenis_intervensi.value = r.jenis_intervensi
    LEFT JOIN import_values AS c_hasil ON c_hasil.col = 'hasil' AND c_hasil.value = r.hasil
    LEFT JOIN import_values AS d_reference_date ON d_reference_date.col = 'reference_date' AND d_reference_date.value = r.reference_date
    LEFT JOIN import_values AS d_tanggal_pendataan ON d_tanggal_pendataan.col = 'tanggal_pendataan' AND d_tanggal_pendataan.value = r.tanggal_pendataan
    LEFT JOIN import_values AS d_tanggal_lahir ON d_tanggal_lahir.col = 'tanggal_lahir' AND d_tanggal_lahir.value = r.tanggal_lahir
    LEFT JOIN import_values AS d_tanggal_identifikasi ON d_tanggal_identifikasi.col = 'tanggal_identifikasi' AND d_tanggal_identifikasi.value = r.tanggal_identifikasi
    LEFT JOIN import_values AS d_tanggal_verifikasi ON d_tanggal_verifikasi.col = 'tanggal_verifikasi' AND d_tanggal_verifikasi.value = r.tanggal_verifikasi
    LEFT JOIN import_values AS d_tanggal_asesmen ON d_tanggal_asesmen.col = 'tanggal_asesmen' AND d_tanggal_asesmen.value = r.tanggal_asesmen
    LEFT JOIN import_values AS d_tanggal_rujukan ON d_tanggal_rujukan.col = 'tanggal_rujukan' AND d_tanggal_rujukan.value = r.tanggal_rujukan
    LEFT JOIN import_values AS d_tanggal_intervensi ON d_tanggal_intervensi.col = 'tanggal_intervensi' AND d_tanggal_intervensi.value = r.tanggal_intervensi
    LEFT JOIN import_values AS d_tanggal_hasil ON d_tanggal_hasil.col = 'tanggal_hasil' AND d_tanggal_hasil.value = r.tanggal_hasil
)

SELECT
    p.*,
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
    coalesce(p.tanggal_identifikasi, p.tanggal_pendataan) AS tanggal_identifikasi_eff,
    coalesce(
        p.tanggal_verifikasi, p.tanggal_asesmen, p.tanggal_rujukan, p.tanggal_intervensi, p.tanggal_hasil
    ) IS NOT NULL AS has_handling,
    import_id(concat_ws('|', 'keluarga', p.survey_round, p.kode_kel, p.id_keluarga)) AS keluarga_id,
    import_id(concat_ws('|', 'anak', p.survey_round, p.kode_kel, p.id_keluarga, coalesce(p.no_urut, 'row ' || p._row))) AS anak_id
FROM parsed AS p
LEFT JOIN import_rounds AS ro ON ro.survey_round = p.survey_round AND ro.kode_kab = left(p.kode_kel, 5)
