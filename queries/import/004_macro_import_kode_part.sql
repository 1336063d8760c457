-- Grain: no rows; defines the macro import_kode_part(text) -> dotted kab/kota or kecamatan code for the import steps.
-- 73.73 / 7373 (kab/kota) and 73.73.01 / 737301 (kecamatan); anything else is null.
-- Used by: data/importer/validate.py (staging in an in-memory DuckDB, never the store)
CREATE OR REPLACE MACRO import_kode_part(x) AS CASE
    WHEN regexp_full_match(trim(x), '\d{2}\.\d{2}(\.\d{2})?') THEN trim(x)
    WHEN regexp_full_match(trim(x), '\d{4}([.,]0+)?') THEN substr(trim(x), 1, 2) || '.' || substr(trim(x), 3, 2)
    WHEN regexp_full_match(trim(x), '\d{6}([.,]0+)?') THEN
        substr(trim(x), 1, 2) || '.' || substr(trim(x), 3, 2) || '.' || substr(trim(x), 5, 2)
END
