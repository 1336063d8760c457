-- Grain: no rows; defines the macro import_num(text) -> DOUBLE for the import steps.
-- A decimal comma is read as a decimal point (1,5 = 1.5).
-- Used by: data/importer/validate.py (staging in an in-memory DuckDB, never the store)
CREATE OR REPLACE MACRO import_num(x) AS try_cast(replace(trim(x), ',', '.') AS DOUBLE)
