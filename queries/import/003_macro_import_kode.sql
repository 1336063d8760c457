-- Grain: no rows; defines the macro import_kode(text) -> dotted desa/kelurahan code for the import steps.
-- Dotted 73.73.01.1001 or undotted 7373011001 (also 7373011001.0 from a spreadsheet); anything else is null.
-- Used by: data/importer/validate.py (staging in an in-memory DuckDB, never the store)
CREATE OR REPLACE MACRO import_kode(x) AS CASE
    WHEN regexp_full_match(trim(x), '\d{2}\.\d{2}\.\d{2}\.\d{4}') THEN trim(x)
    WHEN regexp_full_match(trim(x), '\d{10}([.,]0+)?') THEN
        substr(trim(x), 1, 2) || '.' || substr(trim(x), 3, 2) || '.' || substr(trim(x), 5, 2) || '.' || substr(trim(x), 7, 4)
END
