-- Grain: one row per desa/kelurahan of the wilayah table, with the codes of its parents.
-- The join every per-desa aggregate uses to roll up to kecamatan, kab/kota and province.
-- Used by: build/010_agg_ats_kel.sql, build/020_agg_coverage_kel.sql
CREATE OR REPLACE VIEW stg_kelurahan AS
SELECT kode AS kode_kel, kode_kec, kode_kab, kode_prov
FROM wilayah
WHERE level = 'kel'
