-- Grain: one row per area x year x age group of the reference series file: out-of-school rates published by
-- another source (BPS Susenas, a sample survey), to be shown beside the census rates and labelled as such, never
-- mixed with them (DOMAIN.md sections 2.6 and 7.1 item 7).
-- Params:
--   reference_file: VARCHAR, fixed. The reference CSV data/reference/ats_reference.csv (area, year, age_group,
--     ats_rate, source_system, source_note, source_url), bound by data.queries: no caller names a file
-- Columns: area, year, age_group, ats_rate (per 100 children of the age group), aps (100 - ats_rate),
--   source_system, source_note, source_url
-- Scope: reference. Published rates of another source, the same for everyone (data/scope.py)
-- Child counts: none (rates published by another source (Susenas, a sample survey)); small-cell protection does not apply (tests/test_protection.py)
-- Used by: views/tren.py (reference series beside the participation indicators)
WITH
reference AS (
    SELECT *
    FROM read_csv(
        $reference_file,
        header = true,
        columns = {
            'area': 'VARCHAR', 'year': 'INTEGER', 'age_group': 'VARCHAR', 'ats_rate': 'DOUBLE',
            'source_system': 'VARCHAR', 'source_note': 'VARCHAR', 'source_url': 'VARCHAR'
        }
    )
),

final AS (
    SELECT
        area,
        year,
        age_group,
        ats_rate,
        round(100 - ats_rate, 2) AS aps,
        source_system,
        source_note,
        source_url
    FROM reference
)

SELECT * FROM final
ORDER BY area, year, age_group
