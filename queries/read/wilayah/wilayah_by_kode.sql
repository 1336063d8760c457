-- Grain: one row per requested wilayah code that exists (unknown codes give no row).
-- Params:
--   kode_list: VARCHAR[], required. Wilayah codes, e.g. 73,73.73,73.73.01 on the command line
-- Columns: kode, nama, level, jenis, kode_induk
-- Scope: reference. Names of Kemendagri codes (public), the same for everyone (data/scope.py)
-- Child counts: none (names and codes); small-cell protection does not apply (tests/test_protection.py)
-- Used by: app.py (checking codes from a URL), views/peta.py (breadcrumb names, the unit profile's place)
SELECT kode, nama, level, jenis, kode_induk
FROM wilayah
WHERE list_contains($kode_list, kode)
ORDER BY kode
