-- Grain: one row per household (survey_round x desa/kelurahan x source household id) of the accepted rows,
-- in the shape of the store's keluarga table. Household attributes come from the household's first row
-- that has them; the KK number only as its keyed hash.
-- Params:
--   ipad: BLOB, required. HMAC inner pad of the configured key
--   opad: BLOB, required. HMAC outer pad of the configured key
-- Used by: data/importer.py
CREATE OR REPLACE TABLE out_keluarga AS
SELECT
    keluarga_id,
    any_value(survey_round) AS survey_round,
    any_value(kode_kel) AS kode_kel,
    import_hmac(arg_min(no_kk, _row) FILTER (WHERE no_kk IS NOT NULL), $ipad, $opad) AS no_kk_hash,
    min(tanggal_pendataan) AS tanggal_pendataan,
    arg_min(kelompok_pengeluaran, _row) FILTER (WHERE kelompok_pengeluaran IS NOT NULL)::TINYINT AS kelompok_pengeluaran,
    arg_min(penerima_bansos, _row) FILTER (WHERE penerima_bansos IS NOT NULL) AS penerima_bansos,
    arg_min(jarak_sekolah_km, _row) FILTER (WHERE jarak_sekolah_km IS NOT NULL) AS jarak_sekolah_km,
    arg_min(moda_transportasi, _row) FILTER (WHERE moda_transportasi IS NOT NULL) AS moda_transportasi
FROM accepted
GROUP BY keluarga_id
