-- Grain: one row per unit at `level` under `kode_induk` that has a stored (simplified) boundary.
-- Params:
--   level: VARCHAR, required, one of prov, kab, kec, kel. Level of the units
--   kode_induk: VARCHAR, optional, kode of wilayah at prov, kab, kec. Parent code (any higher level); all units of
--     the level when null
-- Columns: kode, nama, geometry (GeoJSON text, EPSG:4326), min_lon, min_lat, max_lon, max_lat
-- Scope: reference. Public boundaries of the Kemendagri units, the same for everyone (data/scope.py)
-- Child counts: none (boundaries); small-cell protection does not apply (tests/test_protection.py)
-- Used by: data/api.py boundaries() for the map pages
SELECT b.kode, w.nama, b.geometry, b.min_lon, b.min_lat, b.max_lon, b.max_lat
FROM boundary AS b
INNER JOIN wilayah AS w USING (kode)
WHERE b.level = $level AND ($kode_induk IS NULL OR starts_with(b.kode, $kode_induk || '.'))
ORDER BY b.kode
