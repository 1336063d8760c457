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
-- round's ATS total: its cells are protected on their own, never in the categories' group. Linked tables: a group's
-- count is also kode's cell in the map of kode's level with the group's filter (ats_by_wilayah); a count that map
-- hides (a complementary cell, or a total its units' map cannot protect: ats_linked_totals, 016) is hidden here too,
-- with the same mark, and the round then hides one more group as for any hidden one.
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

-- Linked tables (README "Small-cell protection", 4): each group's counts of kode are also cells of a map, the map
-- of kode's level under its parent with the group's filter on top of the view's (ats_by_wilayah: the girls, or the
-- children 13-15, of each kab/kota of the province); kategori_ats's groups are the categories of the view's map.
-- What that map hides, the breakdown hides too, whatever its own margins need: its own complementary cells (a sibling
-- hiding a small one), and a count its units' map cannot protect (ats_linked_totals, 016: Palopo's 8 children 13-15
-- whose kecamatan are 4 + 4). The map's flags are read as ats_by_wilayah reads them: the build's
-- (build/065_agg_ats_protected.sql) when its k is min_cell and the map has no such linked total in the round, else
-- protected here with ats_by_wilayah's cells, groups and macros (each map and round a table of its own, all in one
-- protect_cells call).

-- kode's level and parent (none for a province: the map of the provinces), as expressions of the parameters so that
-- the macros below get constants
here AS (
    SELECT
        CASE WHEN $protect THEN ['prov', 'kab', 'kec', 'kel'][length($kode) - length(replace($kode, '.', '')) + 1] END
            AS level,
        nullif(regexp_extract($kode, '^(.*)\.[^.]*$', 1), '') AS parent
),

-- the maps: one per group of the breakdown ('*' for kategori_ats: the view's map), and the filters it means; none
-- for a group the view's filters leave empty (girls under the filter sex = L)
maps AS (
    SELECT
        CASE WHEN $by = 'kategori_ats' THEN '*' ELSE grp END AS map,
        ord,
        CASE WHEN $by = 'sex' THEN grp ELSE $sex END AS sex,
        CASE WHEN $by = 'age_group' THEN grp ELSE $age_group END AS age_group,
        CASE WHEN $by = 'has_disability' THEN grp = 'ya' ELSE $has_disability END AS has_disability
    FROM groups
    WHERE
        $protect
        AND (grp = 'DO' OR $by <> 'kategori_ats')
        AND ($by <> 'sex' OR $sex IS NULL OR grp = $sex)
        AND ($by <> 'age_group' OR $age_group IS NULL OR grp = $age_group)
        AND ($by <> 'has_disability' OR $has_disability IS NULL OR (grp = 'ya') = $has_disability)
),

-- the counts each map cannot protect one level down (linked totals): one call per group's filter, none for a group
-- the view's filters leave empty (the arguments are the maps' rows, written out as expressions of the parameters)
linked AS (
    SELECT
        CASE $by WHEN 'sex' THEN 'L' WHEN 'age_group' THEN '7-12' WHEN 'has_disability' THEN 'ya' ELSE '*' END AS map,
        kode, survey_round, ck
    FROM ats_linked_totals(
        CASE WHEN $protect AND ($by <> 'sex' OR coalesce($sex, 'L') = 'L')
            AND ($by <> 'age_group' OR coalesce($age_group, '7-12') = '7-12')
            AND ($by <> 'has_disability' OR coalesce($has_disability, true))
            THEN ['prov', 'kab', 'kec', 'kel'][length($kode) - length(replace($kode, '.', '')) + 1] END,
        nullif(regexp_extract($kode, '^(.*)\.[^.]*$', 1), ''),
        CASE WHEN $by = 'sex' THEN 'L' ELSE $sex END,
        CASE WHEN $by = 'age_group' THEN '7-12' ELSE $age_group END,
        CASE WHEN $by = 'has_disability' THEN true ELSE $has_disability END,
        $kategori_ats, $min_cell
    )
    UNION ALL
    SELECT CASE $by WHEN 'sex' THEN 'P' WHEN 'age_group' THEN '13-15' ELSE 'tidak' END AS map, kode, survey_round, ck
    FROM ats_linked_totals(
        CASE WHEN $protect AND $by <> 'kategori_ats' AND ($by <> 'sex' OR coalesce($sex, 'P') = 'P')
            AND ($by <> 'age_group' OR coalesce($age_group, '13-15') = '13-15')
            AND ($by <> 'has_disability' OR NOT coalesce($has_disability, false))
            THEN ['prov', 'kab', 'kec', 'kel'][length($kode) - length(replace($kode, '.', '')) + 1] END,
        nullif(regexp_extract($kode, '^(.*)\.[^.]*$', 1), ''),
        CASE WHEN $by = 'sex' THEN 'P' ELSE $sex END,
        CASE WHEN $by = 'age_group' THEN '13-15' ELSE $age_group END,
        CASE WHEN $by = 'has_disability' THEN false ELSE $has_disability END,
        $kategori_ats, $min_cell
    )
    UNION ALL
    SELECT '16-18' AS map, kode, survey_round, ck
    FROM ats_linked_totals(
        CASE WHEN $protect AND $by = 'age_group' AND coalesce($age_group, '16-18') = '16-18'
            THEN ['prov', 'kab', 'kec', 'kel'][length($kode) - length(replace($kode, '.', '')) + 1] END,
        nullif(regexp_extract($kode, '^(.*)\.[^.]*$', 1), ''), $sex, '16-18', $has_disability, $kategori_ats, $min_cell
    )
),

-- whether the build's flags are for this k (as in ats_by_wilayah); the maps and rounds protected here: those with a
-- linked total, or all of them for another k
stored_k AS (
    SELECT coalesce($protect AND bool_or(k = $min_cell), false) AS ok
    FROM (SELECT k FROM agg_ats_protected LIMIT 1)
),

live_maps AS (
    SELECT m.map, r.survey_round
    FROM maps AS m
    CROSS JOIN rounds AS r
    WHERE
        NOT (SELECT ok FROM stored_k)
        OR EXISTS (FROM linked AS l WHERE l.map = m.map AND l.survey_round = r.survey_round)
),

-- the units of the live maps enumerated in the round (ats_by_wilayah's surveyed units)
map_units AS (
    SELECT DISTINCT
        c.survey_round,
        CASE h.level WHEN 'prov' THEN c.kode_prov WHEN 'kab' THEN c.kode_kab WHEN 'kec' THEN c.kode_kec
            ELSE c.kode_kel END AS kode
    FROM agg_coverage_kel AS c
    CROSS JOIN here AS h
    WHERE
        (h.parent IS NULL OR starts_with(c.kode_kel, h.parent || '.'))
        AND c.survey_round IN (SELECT survey_round FROM live_maps)
),

map_facts AS (
    SELECT
        survey_round,
        CASE (SELECT level FROM here) WHEN 'prov' THEN kode_prov WHEN 'kab' THEN kode_kab WHEN 'kec' THEN kode_kec
            ELSE kode_kel END AS kode,
        CASE $by
            WHEN 'sex' THEN sex
            WHEN 'age_group' THEN age_group
            WHEN 'has_disability' THEN CASE WHEN has_disability THEN 'ya' ELSE 'tidak' END
            ELSE '*'
        END AS map,
        sum(n_anak)::INTEGER AS n_anak,
        sum(n_do)::INTEGER AS n_do,
        sum(n_ltm)::INTEGER AS n_ltm,
        sum(n_bpb)::INTEGER AS n_bpb,
        sum(n_tamat12)::INTEGER AS n_tamat12
    FROM ats_facts(
        CASE WHEN $protect THEN nullif(regexp_extract($kode, '^(.*)\.[^.]*$', 1), '') ELSE '-' END, $sex, $age_group,
        $has_disability
    )
    WHERE survey_round IN (SELECT survey_round FROM live_maps)
    GROUP BY ALL
),

-- ats_by_wilayah's cells of each live map: the units add up to the parent's count, a unit's categories to its ATS
-- count
map_cells AS (
    SELECT
        u.map || '|' || u.survey_round || '|' || u.kode AS rk,
        u.ck,
        u.n,
        u.map || '|' || u.survey_round || '|' || u.ck AS g1,
        CASE WHEN u.ck NOT IN ('n_anak', 'n_tamat12') THEN u.map || '|' || u.survey_round || '|' || u.kode END AS g2,
        NULL AS g3,
        CASE WHEN u.ck = 'n_all' THEN [2] ELSE [] END || CASE WHEN l.kode IS NOT NULL THEN [0] ELSE [] END AS totals
    FROM (
        SELECT
            lm.map, mu.survey_round, mu.kode,
            coalesce(f.n_anak, 0) AS n_anak,
            coalesce(f.n_do, 0) AS n_do,
            coalesce(f.n_ltm, 0) AS n_ltm,
            coalesce(f.n_bpb, 0) AS n_bpb,
            coalesce(f.n_do, 0) + coalesce(f.n_ltm, 0) + coalesce(f.n_bpb, 0) AS n_all,
            coalesce(f.n_tamat12, 0) AS n_tamat12
        FROM live_maps AS lm
        INNER JOIN map_units AS mu ON mu.survey_round = lm.survey_round
        INNER JOIN wilayah AS w ON w.kode = mu.kode AND w.level = (SELECT level FROM here)
        LEFT JOIN map_facts AS f ON f.survey_round = mu.survey_round AND f.kode = mu.kode AND f.map = lm.map
    ) UNPIVOT (n FOR ck IN (n_anak, n_do, n_ltm, n_bpb, n_all, n_tamat12)) AS u
    LEFT JOIN linked AS l ON l.map = u.map AND l.kode = u.kode AND l.survey_round = u.survey_round AND l.ck = u.ck
),

-- the cells of kode the maps hide (map, round and the map's column): the build's flags of the other maps, and the
-- live ones
map_hidden AS (
    SELECT m.map, s.survey_round, s.ck
    FROM (
        FROM agg_ats_protected
        WHERE
            (SELECT ok FROM stored_k) AND k = $min_cell AND kode = $kode
            AND survey_round IN (SELECT survey_round FROM rounds)
    ) UNPIVOT (hidden FOR ck IN (
        n_anak_hidden AS 'n_anak', n_do_hidden AS 'n_do', n_ltm_hidden AS 'n_ltm', n_bpb_hidden AS 'n_bpb',
        n_all_hidden AS 'n_all', n_tamat12_hidden AS 'n_tamat12'
    )) AS s
    INNER JOIN maps AS m
        ON s.sex IS NOT DISTINCT FROM m.sex AND s.age_group IS NOT DISTINCT FROM m.age_group
        AND s.has_disability IS NOT DISTINCT FROM m.has_disability
    WHERE
        s.hidden AND s.level = (SELECT level FROM here)
        AND NOT EXISTS (FROM live_maps AS lm WHERE lm.map = m.map AND lm.survey_round = s.survey_round)
    UNION ALL
    SELECT split_part(rk, '|', 1) AS map, split_part(rk, '|', 2)::INTEGER AS survey_round, ck
    FROM protect_cells(map_cells, $min_cell, $protect)
    WHERE hidden AND split_part(rk, '|', 3) = $kode
),

cells AS (
    SELECT
        u.survey_round || '|' || u.grp AS rk,
        u.ck,
        u.n,
        -- n_anak of the kategori breakdown is every child in each row: one cell, not parts of a total
        -- TAMAT12 (not ATS) is not part of the round's ATS total: a group of its own
        CASE
            WHEN u.grp = 'TAMAT12' THEN NULL
            WHEN u.ck = 'n_ats' OR $by <> 'kategori_ats' THEN u.ck || '|' || u.survey_round
        END AS g1,
        NULL AS g2,
        NULL AS g3,
        -- the round's total is published by ats_trend_by_round; 0: hidden, its map hides it (map_hidden)
        CASE WHEN h.ck IS NOT NULL THEN [0] END AS totals
    FROM final UNPIVOT (n FOR ck IN (n_anak, n_ats)) AS u
    LEFT JOIN map_hidden AS h
        ON h.survey_round = u.survey_round
        AND h.map = CASE WHEN $by = 'kategori_ats' THEN '*' ELSE u.grp END
        AND h.ck = CASE
            WHEN u.ck = 'n_anak' THEN 'n_anak'
            WHEN $by = 'kategori_ats' THEN 'n_' || lower(u.grp)
            ELSE coalesce('n_' || lower($kategori_ats), 'n_all')
        END
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
