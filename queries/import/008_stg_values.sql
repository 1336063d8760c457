-- Grain: one row per distinct value of a coded or dated column of the file (col, value as written; a mapping
-- default counts as a value): its canonical code (through import_codes, the vocabulary plus the mapping's
-- recodes) or its date. import_distinct (col, kind coded/dated, value) is made by data/importer/validate.py from
-- the dictionary encoding of each column, which then lays these codes and dates back over the rows (code_<col>,
-- date_<col> in `raw`): each distinct value is parsed once, whatever the number of rows.
-- Used by: data/importer/validate.py
CREATE OR REPLACE TABLE import_values AS
SELECT v.col, v.value, k.code, NULL::DATE AS d, trim(v.value) = '' AS blank
FROM import_distinct AS v
LEFT JOIN import_codes AS k ON k.col = v.col AND k.key = lower(trim(v.value))
WHERE v.kind = 'coded'
UNION ALL
SELECT col, value, NULL, import_date(value), trim(value) = ''
FROM import_distinct
WHERE kind = 'dated'
