-- Grain: one row per wilayah unit directly under kode_induk (the provinces when kode_induk is null).
-- Params:
--   kode_induk: VARCHAR, optional, kode of wilayah at prov, kab, kec. Parent code (province, kab/kota or
--     kecamatan); provinces when null
-- Columns: kode, nama, level, jenis, has_data (any enumerated desa/kelurahan in any round), has_boundary
-- Scope: column kode. Each row is about its unit (data/scope.py)
-- Child counts: none (names and codes; has_data says whether any desa was enumerated, not how many children); small-cell protection does not apply (tests/test_protection.py)
-- Used by: app.py (wilayah filters), views/peta.py (breadcrumb), views/banding.py (the units to compare)
WITH
units AS (
    SELECT kode, nama, level, jenis
    FROM wilayah
    WHERE kode_induk IS NOT DISTINCT FROM $kode_induk
),

surveyed AS (
    SELECT DISTINCT
        CASE length(coalesce($kode_induk, ''))
            WHEN 0 THEN kode_prov
            WHEN 2 THEN kode_kab
            WHEN 5 THEN kode_kec
            ELSE kode_kel
        END AS kode
    FROM agg_coverage_kel
    WHERE $kode_induk IS NULL OR starts_with(kode_kel, $kode_induk || '.')
),

final AS (
    SELECT
        units.kode,
        units.nama,
        units.level,
        units.jenis,
        surveyed.kode IS NOT NULL AS has_data,
        boundary.kode IS NOT NULL AS has_boundary
    FROM units
    LEFT JOIN surveyed USING (kode)
    LEFT JOIN boundary USING (kode)
)

SELECT * FROM final
ORDER BY has_data DESC, kode
