-- Grain: a table macro. handling_cases_of_round(p_kode, p_round, p_sex, p_age_group, p_has_disability,
-- p_kategori_ats): the rows of handling_cases in the round the handling pages show (handling_round: p_round,
-- else the latest round enumerated under p_kode).
-- Used by: read/handling/*.sql (all but handling_summary_by_round, which shows every round)
CREATE OR REPLACE MACRO handling_cases_of_round(
    p_kode, p_round, p_sex, p_age_group, p_has_disability, p_kategori_ats
) AS TABLE
SELECT *
FROM handling_cases(p_kode, p_sex, p_age_group, p_has_disability, p_kategori_ats)
WHERE survey_round = handling_round(p_kode, p_round)
