-- Grain: a table macro. ats_linked_totals(p_level, p_kode_induk, p_sex, p_age_group, p_has_disability,
-- p_kategori_ats, k): one row (kode, survey_round, ck) per count of a unit at p_level under p_kode_induk (all when
-- null; none at kel, nor when p_level is null: unprotected) that small-cell protection must hide in the map of
-- p_level because the map one level down cannot protect it (linked tables: a unit's count is a cell of its parent's
-- map and the total of its own units' map; Handbook on SDC, Hundepool et al. 2012, 5.3, linked and hierarchical
-- tables). ck is the map's column: n_anak, n_do, n_ltm, n_bpb, n_all (the ATS count of every category), n_tamat12.
-- A unit's count is such a total when, among its units' counts (the map one level down under the global filters):
--   1. the non-zero ones are two or more, all from 1 to k-1 ("< k"), adding up to their number x (k-1) or to their
--      number (4 + 4 of 8; 1 + 1 of 2): the total pins each, and that map has no published non-zero cell to hide;
--   2. or one is non-zero and is itself such a total one level further down: the unit's count equals it.
-- The map of p_level hides it as a complementary cell (protect_cells: 0 in its `totals`), with a complement of its
-- own among its siblings; where it has none, (2) hides its parent's count one level up.
-- Used by: read/ats/ats_by_wilayah.sql, read/trend/ats_trend_by_round.sql, read/trend/ats_target_by_round.sql,
--   read/trend/ats_trend_by_group.sql (once per group of the breakdown, with the filter the group means)
CREATE OR REPLACE MACRO ats_linked_totals(
    p_level, p_kode_induk, p_sex, p_age_group, p_has_disability, p_kategori_ats, k
) AS TABLE
WITH
-- the counts of each desa, kecamatan and kab/kota under p_kode_induk (the units whose maps are below p_level's)
counts AS (
    SELECT
        survey_round, kode_prov, kode_kab, kode_kec, kode_kel,
        sum(n_anak) AS n_anak, sum(n_do) AS n_do, sum(n_ltm) AS n_ltm, sum(n_bpb) AS n_bpb,
        sum(n_do + n_ltm + n_bpb) AS n_all, sum(n_tamat12) AS n_tamat12
    FROM ats_facts(
        CASE WHEN p_level IS NULL OR p_level = 'kel' THEN '-' ELSE p_kode_induk END, p_sex, p_age_group,
        p_has_disability
    )
    GROUP BY GROUPING SETS (
        (survey_round, kode_prov, kode_kab, kode_kec, kode_kel),
        (survey_round, kode_prov, kode_kab, kode_kec),
        (survey_round, kode_prov, kode_kab)
    )
),

units AS (
    SELECT kode, parent, depth, survey_round, ck, n
    FROM (
        SELECT
            survey_round,
            coalesce(kode_kel, kode_kec, kode_kab) AS kode,
            CASE WHEN kode_kel IS NOT NULL THEN kode_kec WHEN kode_kec IS NOT NULL THEN kode_kab ELSE kode_prov END
                AS parent,
            CASE WHEN kode_kel IS NOT NULL THEN 3 WHEN kode_kec IS NOT NULL THEN 2 ELSE 1 END AS depth,
            n_anak, n_do, n_ltm, n_bpb, n_all, n_tamat12
        FROM counts
    ) UNPIVOT (n FOR ck IN (n_anak, n_do, n_ltm, n_bpb, n_all, n_tamat12))
),

-- per unit above desa level and count: its units' non-zero counts, how many are k or more, their sum, one of them
families AS (
    SELECT
        parent AS kode, depth - 1 AS depth, survey_round, ck,
        count(*) FILTER (WHERE n > 0) AS m,
        count(*) FILTER (WHERE n >= k) AS large,
        sum(n) AS s,
        any_value(kode) FILTER (WHERE n > 0) AS only_unit
    FROM units
    GROUP BY ALL
),

pinned_parts AS (
    SELECT kode, depth, survey_round, ck, m, only_unit, m >= 2 AND large = 0 AND (s = m * (k - 1) OR s = m) AS pins
    FROM families
),

linked2 AS (  -- kecamatan
    SELECT kode, survey_round, ck FROM pinned_parts WHERE depth = 2 AND pins
),

linked1 AS (  -- kab/kota
    SELECT p.kode, p.survey_round, p.ck
    FROM pinned_parts AS p
    LEFT JOIN linked2 AS l ON l.kode = p.only_unit AND l.survey_round = p.survey_round AND l.ck = p.ck
    WHERE p.depth = 1 AND (p.pins OR (p.m = 1 AND l.kode IS NOT NULL))
),

linked0 AS (  -- province
    SELECT p.kode, p.survey_round, p.ck
    FROM pinned_parts AS p
    LEFT JOIN linked1 AS l ON l.kode = p.only_unit AND l.survey_round = p.survey_round AND l.ck = p.ck
    WHERE p.depth = 0 AND (p.pins OR (p.m = 1 AND l.kode IS NOT NULL))
)

SELECT kode, survey_round, ck FROM linked2 WHERE p_level = 'kec'
UNION ALL
SELECT kode, survey_round, ck FROM linked1 WHERE p_level = 'kab'
UNION ALL
SELECT kode, survey_round, ck FROM linked0 WHERE p_level = 'prov'
