-- Grain: no rows; defines the macro import_date(text) -> DATE for the import steps.
-- Accepts dd/mm/yyyy (also dd-mm-yyyy, dd.mm.yyyy), ISO yyyy-mm-dd (a time part is ignored) and Excel serial day numbers.
-- Used by: data/importer/validate.py (staging in an in-memory DuckDB, never the store)
CREATE OR REPLACE MACRO import_date(x) AS coalesce(
    try_strptime(trim(x), '%d/%m/%Y'),
    try_strptime(trim(x), '%Y-%m-%d'),
    try_strptime(trim(x), '%d-%m-%Y'),
    try_strptime(trim(x), '%d.%m.%Y'),
    CASE WHEN regexp_matches(trim(x), '^\d{4}-\d{2}-\d{2}[ T]') THEN try_strptime(left(trim(x), 10), '%Y-%m-%d') END,
    CASE WHEN regexp_full_match(trim(x), '\d{4,5}([.,]\d+)?')
        THEN DATE '1899-12-30' + floor(try_cast(replace(trim(x), ',', '.') AS DOUBLE))::INTEGER END
)::DATE
