-- Grain: one row per survey round in which `kode` was enumerated x group of the breakdown `by`
-- (kategori_ats: DO, LTM, BPB and, beside them, TAMAT12; sex: L, P; age_group: 7-12, 13-15, 16-18;
-- has_disability: ya, tidak).
-- For kategori_ats, n_anak is every child 7-18 of the round and n_ats the children of that category; TAMAT12 is
-- the group of children who completed 12 years of school and are not in school: NOT ATS (is_ats false, never in
-- the other groups' n_ats), shown beside the categories because BPS's 100 - APS counts them as not attending
-- (DOMAIN.md 7.3). For the other breakdowns n_anak and n_ats are the group's children. A group with nobody
-- selected has n_anak = 0 and ats_pct null. Rounds in which kode was not enumerated have no rows.
-- Small-cell protection (README "Small-cell protection"), when `protect`: a count from 1 to min_cell-1 is null with its
-- <column>_hidden flag; within a round the groups add up to the unit's total (published by ats_trend_by_round), so a
-- round with one hidden group, or hidden groups summing below min_cell, also hides its smallest published group;
-- ats_pct is withheld below min_denominator children or when n_ats or n_anak is hidden. TAMAT12 is not part of the
-- round's ATS total: its cells are protected on their own, never in the categories' group.
-- Params:
--   kode: VARCHAR, required, kode of wilayah. One wilayah of any level (province, kab/kota, kecamatan, desa/kelurahan)
--   by: VARCHAR, required, one of kategori_ats, sex, age_group, has_disability. The breakdown
--   sex: VARCHAR, optional, one of L, P. Both sexes when null
--   age_group: VARCHAR, optional, one of 7-12, 13-15, 16-18. All children 7-18 when null
--   has_disability: BOOLEAN, optional. true: children with disabilities, false: without; all when null
--   kategori_ats: VARCHAR, optional, one of DO, LTM, BPB. Which out-of-school children n_ats counts (and, for the
--     kategori_ats breakdown, the one group shown); all when null
--   min_cell: INTEGER, fixed. k of small-cell protection (ATS_MIN_CELL)
--   min_denominator: INTEGER, fixed. Fewest children a published rate is computed on (ATS_MIN_DENOMINATOR)
--   protect: BOOLEAN, fixed. Whether small cells are protected (true unless the caller's role sees raw numbers)
-- Columns: survey_round, breakdown (= by), grp, is_ats (false for TAMAT12: its n_ats are not out-of-school children
--   in the ATS sense), n_anak, n_ats, ats_pct (n_ats per 100 n_anak), n_anak_hidden, n_anak_small, n_ats_hidden,
--   n_ats_small, ats_pct_hidden (value withheld); <column>_small is true when the count is hidden because it is from
--   1 to min_cell-1 ("< k"), false for a complementary cell
-- Scope: parameter kode. Every row counts the children of kode (data/scope.py)
-- Used by: views/tren.py (breakdown chart)
WITH
groups AS (
    SELECT g.breakdown, g.grp, g.ord
    FROM (
        VALUES
        ('kategori_ats', 'DO', 1), ('kategori_ats', 'LTM', 2), ('kategori_ats', 'BPB', 3), ('kategori_ats', 'TAMAT12', 4),
        ('sex', 'L', 1), ('sex', 'P', 2),
        ('age_group', '7-12', 1), ('age_group', '13-15', 2), ('age_group', '16-18', 3),
        ('has_disability', 'ya', 1), ('has_disability', 'tidak', 2)
    ) AS g (breakdown, grp, ord)
    WHERE g.breakdown = $by
),

rounds AS (
    SELECT DISTINCT survey_round
    FROM agg_coverage_kel
    WHERE kode_kel = $kode OR starts_with(kode_kel, $kode || '.')
),

facts AS (
    SELECT * FROM ats_facts($kode, $sex, $age_group, $has_disability)
),

by_category AS (
    SELECT survey_round, 'DO' AS grp, n_anak, n_do AS n_ats FROM facts
    UNION ALL
    SELECT survey_round, 'LTM' AS grp, n_anak, n_ltm AS n_ats FROM facts
    UNION ALL
    SELECT survey_round, 'BPB' AS grp, n_anak, n_bpb AS n_ats FROM facts
    UNION ALL
    SELECT survey_round, 'TAMAT12' AS grp, n_anak, n_tamat12 AS n_ats FROM facts
),

by_attribute AS (
    SELECT
        survey_round,
        CASE $by
            WHEN 'sex' THEN sex
            WHEN 'age_group' THEN age_group
            WHEN 'has_disability' THEN CASE WHEN has_disability THEN 'ya' ELSE 'tidak' END
        END AS grp,
        n_anak,
        CASE $kategori_ats
            WHEN 'DO' THEN n_do
            WHEN 'LTM' THEN n_ltm
            WHEN 'BPB' THEN n_bpb
            ELSE n_ats
        END AS n_ats
    FROM facts
    WHERE $by <> 'kategori_ats'
),

selected AS (
    SELECT * FROM by_category WHERE $by = 'kategori_ats' AND ($kategori_ats IS NULL OR grp = $kategori_ats)
    UNION ALL
    SELECT * FROM by_attribute
),

per_group AS (
    SELECT survey_round, grp, sum(n_anak)::INTEGER AS n_anak, sum(n_ats)::INTEGER AS n_ats
    FROM selected
    GROUP BY ALL
),

final AS (
    SELECT
        r.survey_round,
        g.breakdown,
        g.grp,
        g.grp <> 'TAMAT12' AS is_ats,
        coalesce(p.n_anak, 0) AS n_anak,
        coalesce(p.n_ats, 0) AS n_ats,
        per100(p.n_ats, p.n_anak) AS ats_pct,
        g.ord
    FROM rounds AS r
    CROSS JOIN groups AS g
    LEFT JOIN per_group AS p ON p.survey_round = r.survey_round AND p.grp = g.grp
    WHERE $by <> 'kategori_ats' OR $kategori_ats IS NULL OR g.grp = $kategori_ats
),

cells AS (
    SELECT
        survey_round || '|' || grp AS rk,
        ck,
        n,
        -- n_anak of the kategori breakdown is every child in each row: one cell, not parts of a total
        -- TAMAT12 (not ATS) is not part of the round's ATS total: a group of its own
        CASE WHEN grp = 'TAMAT12' THEN NULL WHEN ck = 'n_ats' OR $by <> 'kategori_ats' THEN ck || '|' || survey_round END AS g1,
        NULL AS g2,
        NULL AS g3,
        NULL::INTEGER[] AS totals  -- the round's total is published by ats_trend_by_round
    FROM final UNPIVOT (n FOR ck IN (n_anak, n_ats))
),

protected AS (
    SELECT
        rk,
        any_value(n) FILTER (WHERE ck = 'n_anak') AS n_anak,
        bool_or(hidden) FILTER (WHERE ck = 'n_anak') AS n_anak_hidden,
        bool_or(small) FILTER (WHERE ck = 'n_anak') AS n_anak_small,
        any_value(n) FILTER (WHERE ck = 'n_ats') AS n_ats,
        bool_or(hidden) FILTER (WHERE ck = 'n_ats') AS n_ats_hidden,
        bool_or(small) FILTER (WHERE ck = 'n_ats') AS n_ats_small
    FROM protect_cells(cells, $min_cell, $protect)
    GROUP BY rk
),

published AS (
    SELECT
        f.survey_round,
        f.breakdown,
        f.grp,
        f.is_ats,
        p.n_anak,
        p.n_ats,
        protect_rate(f.ats_pct, f.n_anak, p.n_ats_hidden OR p.n_anak_hidden, $min_denominator, $protect) AS ats_pct,
        p.n_anak_hidden,
        p.n_anak_small,
        p.n_ats_hidden,
        p.n_ats_small,
        f.ats_pct AS ats_pct_raw,
        f.ord
    FROM final AS f
    INNER JOIN protected AS p ON p.rk = f.survey_round || '|' || f.grp
)

SELECT
    survey_round, breakdown, grp, is_ats, n_anak, n_ats, ats_pct, n_anak_hidden, n_anak_small, n_ats_hidden, n_ats_small,
    ats_pct_raw IS NOT NULL AND ats_pct IS NULL AS ats_pct_hidden
FROM published
ORDER BY survey_round, ord
