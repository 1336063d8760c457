-- Grain: a table macro. ats_facts(p_kode, p_sex, p_age_group, p_has_disability): the rows of agg_ats_kel at or
-- under one wilayah of any level (p_kode: province, kab/kota, kecamatan or desa/kelurahan; all when null), every
-- round, narrowed by the global filters (each null = no filter). The one definition of "the children 7-18 the
-- ATS pages count", as handling_cases is for the handling pages.
-- Used by: build/015_macro_ats_by_unit.sql, build/016_macro_ats_linked_totals.sql, read/trend/aps_by_round.sql, read/trend/ats_trend_by_group.sql
CREATE OR REPLACE MACRO ats_facts(p_kode, p_sex, p_age_group, p_has_disability) AS TABLE
SELECT *
FROM agg_ats_kel
WHERE
    (p_kode IS NULL OR kode_kel = p_kode OR starts_with(kode_kel, p_kode || '.'))
    AND (p_sex IS NULL OR sex = p_sex)
    AND (p_age_group IS NULL OR age_group = p_age_group)
    AND (p_has_disability IS NULL OR has_disability = p_has_disability)
