-- Grain: one row per child or household record whose kode_kel is not a desa/kelurahan of the
-- wilayah reference (zero rows = pass).
-- Used by: the build (data/store.py)
SELECT 'anak' AS tabel, anak_id AS id, kode_kel
FROM anak
WHERE kode_kel NOT IN (SELECT kode FROM wilayah WHERE level = 'kel')
UNION ALL
SELECT 'keluarga' AS tabel, keluarga_id AS id, kode_kel
FROM keluarga
WHERE kode_kel NOT IN (SELECT kode FROM wilayah WHERE level = 'kel')
