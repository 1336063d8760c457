-- Grain: one row per k x survey_round x level (prov, kab, kec, kel) x surveyed unit x filter combination (sex: L, P
-- or null = both; age_group: 7-12, 13-15, 16-18 or null = 7-18; has_disability: true, false or null = all): which
-- counts of read/ats/ats_by_wilayah.sql a viewer gets hidden (<column>_hidden) and hidden as "< k" (<column>_small),
-- for n_anak, n_do, n_ltm, n_bpb, n_all (n_do + n_ltm + n_bpb, the n_ats of no kategori_ats) and n_tamat12.
-- The same cells and groups as ats_by_wilayah's `cells`, protected by the same macro (protect_cells, 009), once per
-- build instead of once per read: every combination's groups in one call (the groups and row keys carry the
-- combination, so no group spans two; a unit's siblings are all under one parent, so each unit's flags are those of
-- any ats_by_wilayah whose kode_induk is at or above that parent). kategori_ats does not change the cells (it picks
-- which of them is n_ats), and the wilayah scope is applied after protection (data/scope.py), so neither multiplies
-- the rows. k is ATS_MIN_CELL at build time (the variable ats_min_cell, data/store.py build; 5 when unset):
-- ats_by_wilayah reads these flags when its min_cell is this k, else it protects its cells itself.
-- Checked identical to the live macro over every combination of the fixture store: tests/test_protection_speed.py.
-- Used by: read/ats/ats_by_wilayah.sql, read/trend/ats_trend_by_group.sql (the flags of each group's map)
CREATE OR REPLACE TABLE agg_ats_protected AS
WITH
params AS (
    SELECT coalesce(getvariable('ats_min_cell'), 5)::INTEGER AS k
),

levels AS (
    SELECT * FROM (VALUES ('prov'), ('kab'), ('kec'), ('kel')) AS l (level)
),

combos AS (
    SELECT sex, age_group, has_disability
    FROM (VALUES (NULL), ('L'), ('P')) AS s (sex)
    CROSS JOIN (VALUES (NULL), ('7-12'), ('13-15'), ('16-18')) AS a (age_group)
    CROSS JOIN (VALUES (NULL::BOOLEAN), (true), (false)) AS d (has_disability)
),

surveyed AS (
    SELECT DISTINCT
        c.survey_round,
        l.level,
        CASE l.level WHEN 'prov' THEN c.kode_prov WHEN 'kab' THEN c.kode_kab WHEN 'kec' THEN c.kode_kec
            ELSE c.kode_kel END AS kode
    FROM agg_coverage_kel AS c
    CROSS JOIN levels AS l
),

units AS (
    -- every surveyed unit of the wilayah table (ats_by_wilayah's units joined to its surveyed ones)
    SELECT s.survey_round, s.level, s.kode
    FROM surveyed AS s
    INNER JOIN wilayah AS w ON w.kode = s.kode AND w.level = s.level
),

-- the counts of ats_by_unit for every filter combination at once (CUBE: a null is "all", as the filters' null)
per_unit AS (
    SELECT
        a.survey_round,
        l.level,
        CASE l.level WHEN 'prov' THEN a.kode_prov WHEN 'kab' THEN a.kode_kab WHEN 'kec' THEN a.kode_kec
            ELSE a.kode_kel END AS kode,
        a.sex,
        a.age_group,
        a.has_disability,
        sum(a.n_anak)::INTEGER AS n_anak,
        sum(a.n_do)::INTEGER AS n_do,
        sum(a.n_ltm)::INTEGER AS n_ltm,
        sum(a.n_bpb)::INTEGER AS n_bpb,
        sum(a.n_tamat12)::INTEGER AS n_tamat12
    FROM agg_ats_kel AS a
    CROSS JOIN levels AS l
    GROUP BY a.survey_round, l.level, kode, CUBE (a.sex, a.age_group, a.has_disability)
),

wide AS (
    SELECT
        u.survey_round,
        u.level,
        c.sex,
        c.age_group,
        c.has_disability,
        u.kode,
        u.survey_round || '|' || u.level || '|' || coalesce(c.sex, '*') || '|' || coalesce(c.age_group, '*') || '|'
            || coalesce(c.has_disability::VARCHAR, '*') AS combo,
        CASE WHEN contains(u.kode, '.') THEN regexp_extract(u.kode, '^(.*)\.[^.]*$', 1) ELSE '' END AS parent,
        coalesce(p.n_anak, 0) AS n_anak,
        coalesce(p.n_do, 0) AS n_do,
        coalesce(p.n_ltm, 0) AS n_ltm,
        coalesce(p.n_bpb, 0) AS n_bpb,
        coalesce(p.n_do, 0) + coalesce(p.n_ltm, 0) + coalesce(p.n_bpb, 0) AS n_all,
        coalesce(p.n_tamat12, 0) AS n_tamat12
    FROM units AS u
    CROSS JOIN combos AS c
    LEFT JOIN per_unit AS p
        ON p.survey_round = u.survey_round AND p.level = u.level AND p.kode = u.kode
        AND p.sex IS NOT DISTINCT FROM c.sex AND p.age_group IS NOT DISTINCT FROM c.age_group
        AND p.has_disability IS NOT DISTINCT FROM c.has_disability
),

cells AS (
    -- ats_by_wilayah's cells, each group and row key prefixed with the combination
    SELECT combo || '|' || kode AS rk, ck, n, combo || '|' || ck || '|' || parent AS g1,
        CASE WHEN ck NOT IN ('n_anak', 'n_tamat12') THEN combo || '|' || kode END AS g2,
        NULL AS g3, CASE WHEN ck = 'n_all' THEN [2] END AS totals
    FROM wide
    UNPIVOT (n FOR ck IN (n_anak, n_do, n_ltm, n_bpb, n_all, n_tamat12))
),

protected AS (
    SELECT
        rk,
        bool_or(hidden) FILTER (WHERE ck = 'n_anak') AS n_anak_hidden,
        bool_or(small) FILTER (WHERE ck = 'n_anak') AS n_anak_small,
        bool_or(hidden) FILTER (WHERE ck = 'n_do') AS n_do_hidden,
        bool_or(small) FILTER (WHERE ck = 'n_do') AS n_do_small,
        bool_or(hidden) FILTER (WHERE ck = 'n_ltm') AS n_ltm_hidden,
        bool_or(small) FILTER (WHERE ck = 'n_ltm') AS n_ltm_small,
        bool_or(hidden) FILTER (WHERE ck = 'n_bpb') AS n_bpb_hidden,
        bool_or(small) FILTER (WHERE ck = 'n_bpb') AS n_bpb_small,
        bool_or(hidden) FILTER (WHERE ck = 'n_all') AS n_all_hidden,
        bool_or(small) FILTER (WHERE ck = 'n_all') AS n_all_small,
        bool_or(hidden) FILTER (WHERE ck = 'n_tamat12') AS n_tamat12_hidden,
        bool_or(small) FILTER (WHERE ck = 'n_tamat12') AS n_tamat12_small
    FROM protect_cells(cells, (SELECT k FROM params), true)
    GROUP BY rk
)

SELECT
    (SELECT k FROM params) AS k,
    w.survey_round,
    w.level,
    w.sex,
    w.age_group,
    w.has_disability,
    w.kode,
    p.* EXCLUDE (rk)
FROM wide AS w
INNER JOIN protected AS p ON p.rk = w.combo || '|' || w.kode
ORDER BY w.level, w.survey_round, w.sex NULLS FIRST, w.age_group NULLS FIRST, w.has_disability NULLS FIRST, w.kode
