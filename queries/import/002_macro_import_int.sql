-- Grain: no rows; defines the macro import_int(text) -> BIGINT for the import steps.
-- Whole numbers only (12, 12.0, 12,0); anything else is null.
-- Used by: data/importer/validate.py (staging in an in-memory DuckDB, never the store)
CREATE OR REPLACE MACRO import_int(x) AS coalesce(
    try_cast(x AS BIGINT),
    try_cast(regexp_extract(trim(x), '^(-?\d{1,9})([.,]0*)?$', 1) AS BIGINT)
)
