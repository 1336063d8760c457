-- Grain: one row per wilayah unit at `level` under `kode_induk`: every unit, surveyed or not, in one survey round:
-- survey_round when given, else the latest round with children 7-18 enumerated anywhere under kode_induk, whatever
-- the other filters select (the survey_round column says which). n_anak is null for a unit with no enumerated
-- desa/kelurahan in the round ("not surveyed"); a surveyed unit where the filters select nobody has n_anak = 0 and
-- ats_pct null. kategori_ats narrows n_ats and ats_pct only: n_do, n_ltm and n_bpb stay the count of each category
-- under the other filters (n_ats then equals the chosen one), so the categories not chosen read as the children
-- they are, not as 0.
-- Small-cell protection (README "Small-cell protection"), when `protect`: a count from 1 to min_cell-1 is null with
-- its <column>_hidden flag true ("< k"), true zeros are published; secondary cells are hidden so that no hidden
-- count can be recovered from the parent unit's total minus its siblings (the groups are the units of one parent)
-- or from n_ats = n_do + n_ltm + n_bpb; ats_pct is null (ats_pct_hidden) when n_anak is below min_denominator or
-- n_ats or n_anak is hidden, so rankings by rate leave those units out. Linked tables: a unit's count is also the
-- total of the map one level down (its units); when that map cannot protect its cells (its non-zero cells all from
-- 1 to min_cell-1 and adding up to their number x (min_cell-1) or to their number, 4 + 4 of 8, so the total pins
-- each and no cell of that map is left to hide), the count is hidden here (ats_linked_totals, 016).
-- Params:
--   level: VARCHAR, required, one of prov, kab, kec, kel. Level of the rows
--   kode_induk: VARCHAR, optional, kode of wilayah at prov, kab, kec. Code of any unit above `level` (a province for
--     kab; a kab/kota or province for kec; a kecamatan, kab/kota or province for kel); all of the store when null
--   survey_round: INTEGER, optional. Survey round (year); the latest round with data under kode_induk when null
--   sex: VARCHAR, optional, one of L, P. Both sexes when null
--   age_group: VARCHAR, optional, one of 7-12, 13-15, 16-18. All children 7-18 when null
--   has_disability: BOOLEAN, optional. true: children with disabilities, false: without; all when null
--   kategori_ats: VARCHAR, optional, one of DO, LTM, BPB. Which out-of-school children n_ats and ats_pct count (not
--     n_do, n_ltm, n_bpb); all when null
--   min_cell: INTEGER, fixed. k of small-cell protection (ATS_MIN_CELL)
--   min_denominator: INTEGER, fixed. Fewest children a published rate is computed on (ATS_MIN_DENOMINATOR)
--   protect: BOOLEAN, fixed. Whether small cells are protected (true unless the caller's role sees raw numbers)
-- Columns: kode, nama, jenis, survey_round (the round answered), is_surveyed, n_anak (children 7-18 enumerated),
--   n_ats, n_do, n_ltm, n_bpb (each category, whatever kategori_ats), ats_pct (n_ats per 100 n_anak),
--   n_tamat12 (completed 12 years of school and not in school: not ATS, not in n_ats),
--   n_anak_hidden, n_ats_hidden, n_do_hidden, n_ltm_hidden, n_bpb_hidden, n_tamat12_hidden, ats_pct_hidden (value
--   withheld), and beside each count's <column>_hidden its <column>_small (n_anak_small, n_ats_small, n_do_small,
--   n_ltm_small, n_bpb_small, n_tamat12_small): true when the count is hidden because it is from 1 to min_cell-1
--   ("< k"), false for a complementary cell (hidden so that a small one cannot be worked out; "disembunyikan")
-- Scope: column kode. Each row is about its unit: rows outside the caller's scope are dropped (after protection) (data/scope.py)
-- Used by: views/peta.py (map, table and the summary line of the chosen unit; the unit profile, ui/profile.py),
--   views/banding.py (maps and table of the units compared), benchmarks/map.py
WITH
units AS (
    SELECT kode, nama, jenis
    FROM wilayah
    WHERE level = $level AND ($kode_induk IS NULL OR starts_with(kode, $kode_induk || '.'))
),

chosen_round AS (
    SELECT coalesce($survey_round, max(survey_round)) AS survey_round
    FROM agg_ats_kel
    WHERE $kode_induk IS NULL OR starts_with(kode_kel, $kode_induk || '.')
),

surveyed AS (
    SELECT DISTINCT
        CASE $level WHEN 'prov' THEN kode_prov WHEN 'kab' THEN kode_kab WHEN 'kec' THEN kode_kec ELSE kode_kel END AS kode
    FROM agg_coverage_kel
    WHERE
        survey_round = (SELECT survey_round FROM chosen_round)
        AND ($kode_induk IS NULL OR starts_with(kode_kel, $kode_induk || '.'))
),

per_unit AS (
    SELECT *
    FROM ats_by_unit($level, $kode_induk, $sex, $age_group, $has_disability, $kategori_ats)
    WHERE survey_round = (SELECT survey_round FROM chosen_round)
),

raw AS (
    SELECT
        units.kode,
        units.nama,
        units.jenis,
        (SELECT survey_round FROM chosen_round) AS survey_round,
        surveyed.kode IS NOT NULL AS is_surveyed,
        CASE WHEN surveyed.kode IS NOT NULL THEN coalesce(p.n_anak, 0) END AS n_anak,
        CASE WHEN surveyed.kode IS NOT NULL THEN coalesce(p.n_ats, 0) END AS n_ats,
        CASE WHEN surveyed.kode IS NOT NULL THEN coalesce(p.n_do, 0) END AS n_do,
        CASE WHEN surveyed.kode IS NOT NULL THEN coalesce(p.n_ltm, 0) END AS n_ltm,
        CASE WHEN surveyed.kode IS NOT NULL THEN coalesce(p.n_bpb, 0) END AS n_bpb,
        per100(p.n_ats, p.n_anak) AS ats_pct,
        CASE WHEN surveyed.kode IS NOT NULL THEN coalesce(p.n_tamat12, 0) END AS n_tamat12
    FROM units
    LEFT JOIN surveyed USING (kode)
    LEFT JOIN per_unit AS p USING (kode)
),

-- counts the map one level down cannot protect, hidden here (linked tables)
pinned_below AS (
    SELECT kode, ck
    FROM ats_linked_totals(
        CASE WHEN $protect THEN $level END, $kode_induk, $sex, $age_group, $has_disability, $kategori_ats, $min_cell
    )
    WHERE survey_round = (SELECT survey_round FROM chosen_round)
),

cells AS (
    -- siblings add up to the parent's count; a unit's categories add up to its ATS count, n_all, the total of g2
    -- (n_tamat12 is neither); 0 in totals: hidden, its map one level down cannot protect it (pinned_below)
    SELECT u.kode AS rk, u.ck, u.n, u.ck || '|' || u.parent AS g1,
        CASE WHEN u.ck NOT IN ('n_anak', 'n_tamat12') THEN u.kode END AS g2,
        NULL AS g3,
        CASE WHEN u.ck = 'n_all' THEN [2] ELSE [] END || CASE WHEN b.kode IS NOT NULL THEN [0] ELSE [] END AS totals
    FROM (
        SELECT
            kode,
            CASE WHEN contains(kode, '.') THEN regexp_extract(kode, '^(.*)\.[^.]*$', 1) ELSE '' END AS parent,
            n_anak, n_do, n_ltm, n_bpb, n_do + n_ltm + n_bpb AS n_all, n_tamat12
        FROM raw
        WHERE is_surveyed
    ) UNPIVOT (n FOR ck IN (n_anak, n_do, n_ltm, n_bpb, n_all, n_tamat12)) AS u
    LEFT JOIN pinned_below AS b ON b.kode = u.kode AND b.ck = u.ck
),

-- the flags the build protected for this k, round, level and filters (build/065_agg_ats_protected.sql), when it did:
-- then protect_cells below gets p false and only plans; else it protects the cells here (another ATS_MIN_CELL than
-- the build's, or a count the map below cannot protect: pinned_below, which the build's tables do not know)
stored_k AS (
    SELECT coalesce($protect AND bool_or(k = $min_cell), false) AND NOT EXISTS (FROM pinned_below) AS ok
    FROM (SELECT k FROM agg_ats_protected LIMIT 1)
),

stored AS (
    SELECT * EXCLUDE (k, survey_round, level, sex, age_group, has_disability)
    FROM agg_ats_protected
    WHERE
        (SELECT ok FROM stored_k)
        AND k = $min_cell
        AND level = $level
        AND survey_round = (SELECT survey_round FROM chosen_round)
        AND sex IS NOT DISTINCT FROM $sex
        AND age_group IS NOT DISTINCT FROM $age_group
        AND has_disability IS NOT DISTINCT FROM $has_disability
        AND ($kode_induk IS NULL OR starts_with(kode, $kode_induk || '.'))
),

live AS (
    SELECT
        rk AS kode,
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
    FROM protect_cells(cells, $min_cell, $protect AND NOT (SELECT ok FROM stored_k))
    GROUP BY rk
),

-- a unit's flags: the stored ones or the live ones (the other side is empty or all false)
flags AS (
    SELECT
        kode,
        bool_or(n_anak_hidden) AS n_anak_hidden,
        bool_or(n_anak_small) AS n_anak_small,
        bool_or(n_do_hidden) AS n_do_hidden,
        bool_or(n_do_small) AS n_do_small,
        bool_or(n_ltm_hidden) AS n_ltm_hidden,
        bool_or(n_ltm_small) AS n_ltm_small,
        bool_or(n_bpb_hidden) AS n_bpb_hidden,
        bool_or(n_bpb_small) AS n_bpb_small,
        bool_or(n_all_hidden) AS n_all_hidden,
        bool_or(n_all_small) AS n_all_small,
        bool_or(n_tamat12_hidden) AS n_tamat12_hidden,
        bool_or(n_tamat12_small) AS n_tamat12_small
    FROM (FROM stored UNION ALL BY NAME FROM live)
    GROUP BY kode
),

protected AS (
    SELECT
        r.kode,
        CASE WHEN f.n_anak_hidden THEN NULL ELSE r.n_anak END AS n_anak,
        f.n_anak_hidden,
        f.n_anak_small,
        CASE WHEN CASE $kategori_ats WHEN 'DO' THEN f.n_do_hidden WHEN 'LTM' THEN f.n_ltm_hidden
            WHEN 'BPB' THEN f.n_bpb_hidden ELSE f.n_all_hidden END THEN NULL ELSE r.n_ats END AS n_ats,
        CASE $kategori_ats WHEN 'DO' THEN f.n_do_hidden WHEN 'LTM' THEN f.n_ltm_hidden WHEN 'BPB' THEN f.n_bpb_hidden
            ELSE f.n_all_hidden END AS n_ats_hidden,
        CASE $kategori_ats WHEN 'DO' THEN f.n_do_small WHEN 'LTM' THEN f.n_ltm_small WHEN 'BPB' THEN f.n_bpb_small
            ELSE f.n_all_small END AS n_ats_small,
        CASE WHEN f.n_do_hidden THEN NULL ELSE r.n_do END AS n_do,
        f.n_do_hidden,
        f.n_do_small,
        CASE WHEN f.n_ltm_hidden THEN NULL ELSE r.n_ltm END AS n_ltm,
        f.n_ltm_hidden,
        f.n_ltm_small,
        CASE WHEN f.n_bpb_hidden THEN NULL ELSE r.n_bpb END AS n_bpb,
        f.n_bpb_hidden,
        f.n_bpb_small,
        CASE WHEN f.n_tamat12_hidden THEN NULL ELSE r.n_tamat12 END AS n_tamat12,
        f.n_tamat12_hidden,
        f.n_tamat12_small
    FROM raw AS r
    INNER JOIN flags AS f USING (kode)
    WHERE r.is_surveyed
),

final AS (
    SELECT
        raw.kode,
        raw.nama,
        raw.jenis,
        raw.survey_round,
        raw.is_surveyed,
        p.n_anak,
        p.n_ats,
        p.n_do,
        p.n_ltm,
        p.n_bpb,
        protect_rate(raw.ats_pct, raw.n_anak, p.n_ats_hidden OR p.n_anak_hidden, $min_denominator, $protect)
            AS ats_pct,
        p.n_tamat12,
        coalesce(p.n_anak_hidden, false) AS n_anak_hidden,
        coalesce(p.n_anak_small, false) AS n_anak_small,
        coalesce(p.n_ats_hidden, false) AS n_ats_hidden,
        coalesce(p.n_ats_small, false) AS n_ats_small,
        coalesce(p.n_do_hidden, false) AS n_do_hidden,
        coalesce(p.n_do_small, false) AS n_do_small,
        coalesce(p.n_ltm_hidden, false) AS n_ltm_hidden,
        coalesce(p.n_ltm_small, false) AS n_ltm_small,
        coalesce(p.n_bpb_hidden, false) AS n_bpb_hidden,
        coalesce(p.n_bpb_small, false) AS n_bpb_small,
        coalesce(p.n_tamat12_hidden, false) AS n_tamat12_hidden,
        coalesce(p.n_tamat12_small, false) AS n_tamat12_small,
        raw.ats_pct IS NOT NULL AND protect_rate(
            raw.ats_pct, raw.n_anak, p.n_ats_hidden OR p.n_anak_hidden, $min_denominator, $protect
        ) IS NULL AS ats_pct_hidden
    FROM raw
    LEFT JOIN protected AS p USING (kode)
)

SELECT * FROM final
ORDER BY kode
