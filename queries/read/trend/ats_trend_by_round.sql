-- Grain: one row per wilayah unit at `level` (at or under `kode_induk`) x survey round held in the area:
-- out-of-school children per round, the change since the unit's previous surveyed round and the census coverage.
-- A unit not enumerated in a round has is_surveyed false and null counts ("not surveyed", never 0); a surveyed
-- unit where the filters select nobody has n_anak = 0 and ats_pct null. is_coverage_break is true when the set of
-- desa/kelurahan enumerated in the unit differs from its previous surveyed round: the change is then partly a
-- change of coverage, not of the situation. Units never enumerated in any round have no rows (no rows at all
-- when nothing under kode_induk was ever enumerated). kategori_ats narrows n_ats and ats_pct (and the changes) only:
-- n_do, n_ltm and n_bpb stay the count of each category under the other filters (n_ats then equals the chosen one).
-- Small-cell protection (README "Small-cell protection"), when `protect`: as ats_by_wilayah, per round: a count from 1
-- to min_cell-1 is null with its <column>_hidden flag, secondary cells are hidden among the units of one parent
-- (computed over all of them even when one unit is asked for, so every table shows the same cells) and across
-- n_ats = n_do + n_ltm + n_bpb; rates are withheld below min_denominator children or when a count they are made
-- of is hidden; prev_n_ats, d_n_ats, prev_ats_pct and d_ats_pct are null when either side is. n_keluarga (households
-- enumerated) is protected like a count of children, as survey_rounds protects it (a desa where the census found
-- 1-4 households points at them), over the enumerated units of one parent in the round whatever the filters (the
-- households are not filtered), so both queries hide the same household counts. Linked tables: a count that the map
-- one level down cannot protect is hidden, as in ats_by_wilayah (ats_linked_totals, 016).
-- Params:
--   level: VARCHAR, required, one of prov, kab, kec, kel. Level of the rows
--   kode_induk: VARCHAR, optional, kode of wilayah. A unit at or above `level`: the unit itself when it is at `level`
--     (the trend of one wilayah), else the units under it (small multiples); all of the store when null
--   sex: VARCHAR, optional, one of L, P. Both sexes when null
--   age_group: VARCHAR, optional, one of 7-12, 13-15, 16-18. All children 7-18 when null
--   has_disability: BOOLEAN, optional. true: children with disabilities, false: without; all when null
--   kategori_ats: VARCHAR, optional, one of DO, LTM, BPB. Which out-of-school children n_ats and ats_pct count (not
--     n_do, n_ltm, n_bpb); all when null
--   min_cell: INTEGER, fixed. k of small-cell protection (ATS_MIN_CELL)
--   min_denominator: INTEGER, fixed. Fewest children a published rate is computed on (ATS_MIN_DENOMINATOR)
--   protect: BOOLEAN, fixed. Whether small cells are protected (true unless the caller's role sees raw numbers)
-- Columns: kode, nama, survey_round, is_surveyed, n_anak (children 7-18 enumerated), n_ats, n_do, n_ltm, n_bpb
--   (each category, whatever kategori_ats), ats_pct (n_ats per 100 n_anak), prev_survey_round, prev_n_ats,
--   prev_ats_pct, d_n_ats (n_ats - prev_n_ats), d_ats_pct (percentage points), n_kel_enumerated, n_kel_total,
--   coverage_pct (desa enumerated per 100 desa), n_keluarga (households enumerated), is_coverage_break,
--   n_anak_hidden, n_ats_hidden, n_do_hidden, n_ltm_hidden, n_bpb_hidden, n_keluarga_hidden, ats_pct_hidden (value
--   withheld), and beside each count's <column>_hidden its <column>_small (n_anak_small, n_ats_small, n_do_small,
--   n_ltm_small, n_bpb_small, n_keluarga_small): true when the count is hidden because it is from 1 to min_cell-1 ("< k"), false for a
--   complementary cell
-- Scope: column kode. Each row is about its unit (data/scope.py)
-- Used by: views/tren.py (trend of the chosen wilayah, small multiples, biggest changes), views/peta.py (the unit
--   profile's sparkline and census coverage, ui/profile.py), views/banding.py (trends of the units compared)
WITH
units AS (
    SELECT kode, nama
    FROM wilayah
    WHERE level = $level AND ($kode_induk IS NULL OR kode = $kode_induk OR starts_with(kode, $kode_induk || '.'))
),

kel_of_unit AS (
    SELECT
        kode AS kode_kel,
        CASE $level WHEN 'prov' THEN kode_prov WHEN 'kab' THEN kode_kab WHEN 'kec' THEN kode_kec ELSE kode END AS kode
    FROM wilayah
    WHERE level = 'kel' AND ($kode_induk IS NULL OR kode = $kode_induk OR starts_with(kode, $kode_induk || '.'))
),

kel_total AS (
    SELECT kode, count(*)::INTEGER AS n_kel_total
    FROM kel_of_unit
    GROUP BY kode
),

enumerated AS (
    SELECT c.survey_round, u.kode, c.kode_kel, c.n_keluarga
    FROM agg_coverage_kel AS c
    INNER JOIN kel_of_unit AS u USING (kode_kel)
),

rounds AS (
    SELECT DISTINCT survey_round
    FROM enumerated
),

coverage AS (
    SELECT
        kode,
        survey_round,
        count(*)::INTEGER AS n_kel_enumerated,
        sum(n_keluarga)::INTEGER AS n_keluarga,
        list(kode_kel ORDER BY kode_kel) AS kel_list
    FROM enumerated
    GROUP BY ALL
),

per_unit AS (
    SELECT *
    FROM ats_by_unit($level, $kode_induk, $sex, $age_group, $has_disability, $kategori_ats)
),

surveyed AS (
    SELECT
        c.kode,
        c.survey_round,
        coalesce(p.n_anak, 0) AS n_anak,
        coalesce(p.n_ats, 0) AS n_ats,
        coalesce(p.n_do, 0) AS n_do,
        coalesce(p.n_ltm, 0) AS n_ltm,
        coalesce(p.n_bpb, 0) AS n_bpb,
        per100(p.n_ats, p.n_anak) AS ats_pct,
        c.n_kel_enumerated,
        c.n_keluarga,
        c.kel_list
    FROM coverage AS c
    LEFT JOIN per_unit AS p USING (kode, survey_round)
),

with_previous AS (
    SELECT
        *,
        lag(survey_round) OVER w AS prev_survey_round,
        lag(n_ats) OVER w AS prev_n_ats,
        lag(ats_pct) OVER w AS prev_ats_pct,
        lag(kel_list) OVER w AS prev_kel_list
    FROM surveyed
    WINDOW w AS (PARTITION BY kode ORDER BY survey_round)
),

raw AS (
    SELECT
        units.kode,
        units.nama,
        rounds.survey_round,
        s.kode IS NOT NULL AS is_surveyed,
        s.n_anak,
        s.n_ats,
        s.n_do,
        s.n_ltm,
        s.n_bpb,
        s.ats_pct,
        s.prev_survey_round,
        s.prev_n_ats,
        s.prev_ats_pct,
        s.n_ats - s.prev_n_ats AS d_n_ats,
        round(s.ats_pct - s.prev_ats_pct, 2) AS d_ats_pct,
        s.n_kel_enumerated,
        t.n_kel_total,
        per100(s.n_kel_enumerated, t.n_kel_total) AS coverage_pct,
        s.n_keluarga,
        CASE WHEN s.prev_survey_round IS NOT NULL THEN s.kel_list <> s.prev_kel_list END AS is_coverage_break
    FROM units
    CROSS JOIN rounds
    LEFT JOIN with_previous AS s ON s.kode = units.kode AND s.survey_round = rounds.survey_round
    LEFT JOIN kel_total AS t ON t.kode = units.kode
    WHERE units.kode IN (SELECT kode FROM coverage)
),

-- the protection is computed over every sibling of the units asked for, so each table hides the same cells
scope AS (
    SELECT CASE
        WHEN (SELECT level FROM wilayah WHERE kode = $kode_induk) = $level
            THEN nullif(regexp_extract($kode_induk, '^(.*)\.[^.]*$', 1), '')
        ELSE $kode_induk
    END AS kode
),

sibling_counts AS (
    SELECT
        kode, survey_round, n_anak, n_do, n_ltm, n_bpb, n_do + n_ltm + n_bpb AS n_all,
        CASE WHEN contains(kode, '.') THEN regexp_extract(kode, '^(.*)\.[^.]*$', 1) ELSE '' END AS parent
    FROM ats_by_unit($level, (SELECT kode FROM scope), $sex, $age_group, $has_disability, $kategori_ats)
),

-- counts the map one level down cannot protect, hidden here too, per round (linked tables, as ats_by_wilayah)
pinned_below AS (
    FROM ats_linked_totals(
        CASE WHEN $protect THEN $level END, (SELECT kode FROM scope), $sex, $age_group, $has_disability, $kategori_ats,
        $min_cell
    )
),

-- the households of the enumerated units at `level` under the scope, per round (survey_rounds' siblings)
sibling_households AS (
    SELECT
        c.survey_round,
        CASE $level WHEN 'prov' THEN c.kode_prov WHEN 'kab' THEN c.kode_kab WHEN 'kec' THEN c.kode_kec ELSE c.kode_kel END
            AS kode,
        sum(c.n_keluarga)::INTEGER AS n
    FROM agg_coverage_kel AS c
    WHERE $protect AND ((SELECT kode FROM scope) IS NULL OR starts_with(c.kode_kel, (SELECT kode FROM scope) || '.'))
    GROUP BY ALL
),

cells AS (
    SELECT
        u.kode || '|' || u.survey_round AS rk,
        u.ck,
        u.n,
        u.ck || '|' || u.parent || '|' || u.survey_round AS g1,
        CASE WHEN u.ck <> 'n_anak' THEN u.kode || '|' || u.survey_round END AS g2,  -- n_do + n_ltm + n_bpb = n_all
        NULL AS g3,
        -- 0: hidden, its map one level down cannot protect it (pinned_below)
        CASE WHEN u.ck = 'n_all' THEN [2] ELSE [] END || CASE WHEN b.kode IS NOT NULL THEN [0] ELSE [] END AS totals
    FROM sibling_counts UNPIVOT (n FOR ck IN (n_anak, n_do, n_ltm, n_bpb, n_all)) AS u
    LEFT JOIN pinned_below AS b ON b.kode = u.kode AND b.survey_round = u.survey_round AND b.ck = u.ck
    UNION ALL
    SELECT
        kode || '|' || survey_round AS rk,
        'n_keluarga' AS ck,
        n,
        'n_keluarga|'
            || CASE WHEN contains(kode, '.') THEN regexp_extract(kode, '^(.*)\.[^.]*$', 1) ELSE '' END
            || '|' || survey_round AS g1,
        NULL AS g2,
        NULL AS g3,
        NULL::INTEGER[] AS totals
    FROM sibling_households
),

protected AS (
    SELECT
        split_part(rk, '|', 1) AS kode,
        split_part(rk, '|', 2)::INTEGER AS survey_round,
        bool_or(ck = 'n_anak') AS has_children,  -- else the unit has only its households in the cells
        any_value(n) FILTER (WHERE ck = 'n_anak') AS n_anak,
        bool_or(hidden) FILTER (WHERE ck = 'n_anak') AS n_anak_hidden,
        bool_or(small) FILTER (WHERE ck = 'n_anak') AS n_anak_small,
        any_value(n) FILTER (WHERE ck = coalesce('n_' || lower($kategori_ats), 'n_all')) AS n_ats,
        bool_or(hidden) FILTER (WHERE ck = coalesce('n_' || lower($kategori_ats), 'n_all')) AS n_ats_hidden,
        bool_or(small) FILTER (WHERE ck = coalesce('n_' || lower($kategori_ats), 'n_all')) AS n_ats_small,
        any_value(n) FILTER (WHERE ck = 'n_do') AS n_do,
        bool_or(hidden) FILTER (WHERE ck = 'n_do') AS n_do_hidden,
        bool_or(small) FILTER (WHERE ck = 'n_do') AS n_do_small,
        any_value(n) FILTER (WHERE ck = 'n_ltm') AS n_ltm,
        bool_or(hidden) FILTER (WHERE ck = 'n_ltm') AS n_ltm_hidden,
        bool_or(small) FILTER (WHERE ck = 'n_ltm') AS n_ltm_small,
        any_value(n) FILTER (WHERE ck = 'n_bpb') AS n_bpb,
        bool_or(hidden) FILTER (WHERE ck = 'n_bpb') AS n_bpb_hidden,
        bool_or(small) FILTER (WHERE ck = 'n_bpb') AS n_bpb_small,
        bool_or(hidden) FILTER (WHERE ck = 'n_keluarga') AS n_keluarga_hidden,
        bool_or(small) FILTER (WHERE ck = 'n_keluarga') AS n_keluarga_small
    FROM protect_cells(cells, $min_cell, $protect)
    GROUP BY rk
),

-- a row of raw without protected counts of children is a unit not surveyed (all null) or surveyed with nobody
-- selected (zeros)
published AS (
    SELECT
        raw.kode,
        raw.survey_round,
        CASE WHEN p.has_children THEN p.n_anak ELSE raw.n_anak END AS n_anak,
        CASE WHEN p.has_children THEN p.n_ats ELSE raw.n_ats END AS n_ats,
        CASE WHEN p.has_children THEN p.n_do ELSE raw.n_do END AS n_do,
        CASE WHEN p.has_children THEN p.n_ltm ELSE raw.n_ltm END AS n_ltm,
        CASE WHEN p.has_children THEN p.n_bpb ELSE raw.n_bpb END AS n_bpb,
        protect_rate(raw.ats_pct, raw.n_anak, p.n_ats_hidden OR p.n_anak_hidden, $min_denominator, $protect)
            AS ats_pct,
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
        coalesce(p.n_keluarga_hidden, false) AS n_keluarga_hidden,
        coalesce(p.n_keluarga_small, false) AS n_keluarga_small
    FROM raw
    LEFT JOIN protected AS p USING (kode, survey_round)
),

final AS (
    SELECT
        raw.kode,
        raw.nama,
        raw.survey_round,
        raw.is_surveyed,
        c.n_anak,
        c.n_ats,
        c.n_do,
        c.n_ltm,
        c.n_bpb,
        c.ats_pct,
        raw.prev_survey_round,
        prev.n_ats AS prev_n_ats,
        prev.ats_pct AS prev_ats_pct,
        c.n_ats - prev.n_ats AS d_n_ats,
        round(c.ats_pct - prev.ats_pct, 2) AS d_ats_pct,
        raw.n_kel_enumerated,
        raw.n_kel_total,
        raw.coverage_pct,
        CASE WHEN c.n_keluarga_hidden THEN NULL ELSE raw.n_keluarga END AS n_keluarga,
        raw.is_coverage_break,
        c.n_anak_hidden,
        c.n_anak_small,
        c.n_ats_hidden,
        c.n_ats_small,
        c.n_do_hidden,
        c.n_do_small,
        c.n_ltm_hidden,
        c.n_ltm_small,
        c.n_bpb_hidden,
        c.n_bpb_small,
        c.n_keluarga_hidden,
        c.n_keluarga_small,
        raw.ats_pct IS NOT NULL AND c.ats_pct IS NULL AS ats_pct_hidden
    FROM raw
    LEFT JOIN published AS c USING (kode, survey_round)
    LEFT JOIN published AS prev ON prev.kode = raw.kode AND prev.survey_round = raw.prev_survey_round
)

SELECT * FROM final
ORDER BY kode, survey_round
