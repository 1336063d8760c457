-- Grain: a table macro. handling_cases(p_kode, p_sex, p_age_group, p_has_disability, p_kategori_ats): the rows of
-- agg_penanganan_kel under one wilayah of any level (p_kode: province, kab/kota, kecamatan or desa/kelurahan),
-- every round, narrowed by the global filters (each null = no filter). The one definition of "the children
-- the handling pages count" (with the funnel flags of build/040_fct_penanganan_anak.sql: a recorded later step
-- implies the earlier ones); the macro handling_round below picks the round.
-- Used by: read/handling/*.sql (through handling_cases_of_round for one round, directly for every round)
CREATE OR REPLACE MACRO handling_cases(p_kode, p_sex, p_age_group, p_has_disability, p_kategori_ats) AS TABLE
SELECT *
FROM agg_penanganan_kel
WHERE
    (kode_kel = p_kode OR starts_with(kode_kel, p_kode || '.'))
    AND (p_sex IS NULL OR sex = p_sex)
    AND (p_age_group IS NULL OR age_group = p_age_group)
    AND (p_has_disability IS NULL OR has_disability = p_has_disability)
    AND (p_kategori_ats IS NULL OR kategori_ats = p_kategori_ats)
