-- Grain: a scalar macro. handling_round(p_kode, p_round): the round the handling pages show for a wilayah:
-- p_round when given, else the latest round enumerated under p_kode (agg_coverage_kel); null when none.
-- Used by: read/handling/*.sql
CREATE OR REPLACE MACRO handling_round(p_kode, p_round) AS coalesce(
    p_round,
    (
        SELECT max(survey_round)
        FROM agg_coverage_kel
        WHERE kode_kel = p_kode OR starts_with(kode_kel, p_kode || '.')
    )
)
