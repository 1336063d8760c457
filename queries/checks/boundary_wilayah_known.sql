-- Grain: one row per stored boundary whose code or level does not match the wilayah reference (zero rows = pass).
-- Used by: the build (data/store.py)
SELECT b.kode, b.level, w.level AS wilayah_level
FROM boundary AS b
LEFT JOIN wilayah AS w USING (kode)
WHERE w.kode IS NULL OR w.level <> b.level
