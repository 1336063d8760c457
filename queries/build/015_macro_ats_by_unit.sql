-- Grain: a table macro. ats_by_unit(p_level, p_kode_induk, p_sex, p_age_group, p_has_disability, p_kategori_ats):
-- one row per wilayah unit at p_level (prov, kab, kec, kel) at or under p_kode_induk (all when null) x survey
-- round in which the unit has children 7-18 in agg_ats_kel: the children enumerated (n_anak), the out-of-school
-- children by category (n_do, n_ltm, n_bpb) and n_ats, which counts the category p_kategori_ats (all when null),
-- and the children who completed 12 years of school, not ATS (n_tamat12), narrowed by the global filters (each
-- null = no filter). A unit whose desa were enumerated but where the filters
-- select nobody has no row here: the read queries tell "not surveyed" from "nobody" with agg_coverage_kel.
-- The one definition of the ATS counts that the map, the trends and the summary lines show.
-- Used by: read/ats/ats_by_wilayah.sql, read/trend/ats_trend_by_round.sql
CREATE OR REPLACE MACRO ats_by_unit(p_level, p_kode_induk, p_sex, p_age_group, p_has_disability, p_kategori_ats) AS TABLE
SELECT
    CASE p_level WHEN 'prov' THEN kode_prov WHEN 'kab' THEN kode_kab WHEN 'kec' THEN kode_kec ELSE kode_kel END AS kode,
    survey_round,
    sum(n_anak)::INTEGER AS n_anak,
    sum(
        CASE p_kategori_ats WHEN 'DO' THEN n_do WHEN 'LTM' THEN n_ltm WHEN 'BPB' THEN n_bpb ELSE n_ats END
    )::INTEGER AS n_ats,
    sum(n_do)::INTEGER AS n_do,
    sum(n_ltm)::INTEGER AS n_ltm,
    sum(n_bpb)::INTEGER AS n_bpb,
    sum(n_tamat12)::INTEGER AS n_tamat12
FROM ats_facts(p_kode_induk, p_sex, p_age_group, p_has_disability)
GROUP BY ALL
