-- Grain: one row per household (survey_round x desa/kelurahan x source household id) of the accepted rows,
-- in the shape of the store's keluarga table. Household attributes come from the household's first row
-- that has them; the KK number only as its keyed hash (import_key: the one row of HMAC pads of the
-- configured key, made by data/importer/validate.py in the staging database).
-- Used by: data/importer/validate.py
CREATE OR REPLACE TABLE out_keluarga AS
WITH
households AS (
    SELECT
        keluarga_id,
        any_value(survey_round) AS survey_round,
        any_value(kode_kel) AS kode_kel,
        arg_min(no_kk, _row) FILTER (WHERE no_kk IS NOT NULL) AS no_kk,
        min(tanggal_pendataan) AS tanggal_pendataan,
        arg_min(kelompok_pengeluaran, _row) FILTER (WHERE kelompok_pengeluaran IS NOT NULL)::TINYINT AS kelompok_pengeluaran,
        arg_min(penerima_bansos, _row) FILTER (WHERE penerima_bansos IS NOT NULL) AS penerima_bansos,
        arg_min(jarak_sekolah_km, _row) FILTER (WHERE jarak_sekolah_km IS NOT NULL) AS jarak_sekolah_km,
        arg_min(moda_transportasi, _row) FILTER (WHERE moda_transportasi IS NOT NULL) AS moda_transportasi
    FROM accepted
    GROUP BY keluarga_id
)

SELECT
    h.keluarga_id,
    h.survey_round,
    h.kode_kel,
    import_hmac(h.no_kk, k.ipad, k.opad) AS no_kk_hash,
    h.tanggal_pendataan,
    h.kelompok_pengeluaran,
    h.penerima_bansos,
    h.jarak_sekolah_km,
    h.moda_transportasi
FROM households AS h
CROSS JOIN import_key AS k
