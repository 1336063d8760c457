-- Grain: one row per kab/kota related to `kode` (the kab/kota itself, the one above a kecamatan or desa, or every
-- kab/kota of a province) x target year of the reference file: the target ATS rate and, when a survey round was
-- held that year, the census ATS rate of all children 7-18 (no filters: targets are set on the overall rate) and
-- whether it is on track (at or below the target). Kab/kota with no target have no rows.
-- Small-cell protection (README "Small-cell protection"), when `protect`: n_anak and n_ats are protected exactly as
-- the map of the kab/kota of the province protects them (ats_by_wilayah at level kab, no filters: the same cells,
-- groups and complementary cells per round, and the counts its kecamatan's map cannot protect: ats_linked_totals,
-- so the two tables hide the same counts); ats_pct, gap_pct and status are null (ats_pct_hidden) when n_anak is
-- below min_denominator or n_ats or n_anak is hidden.
-- Params:
--   kode: VARCHAR, required, kode of wilayah. One wilayah of any level
--   target_file: VARCHAR, fixed. The targets CSV data/reference/target_ats.csv (kode_kab, year, target_ats_pct,
--     source_note), bound by data.queries: no caller names a file
--   min_cell: INTEGER, fixed. k of small-cell protection (ATS_MIN_CELL)
--   min_denominator: INTEGER, fixed. Fewest children a published rate is computed on (ATS_MIN_DENOMINATOR)
--   protect: BOOLEAN, fixed. Whether small cells are protected (true unless the caller's role sees raw numbers)
-- Columns: kode_kab, nama, year, target_ats_pct, source_note, survey_round (null when no round that year),
--   n_anak, n_ats, ats_pct, gap_pct (ats_pct - target_ats_pct, percentage points), status (on_track, off_track, or
--   null without a round), n_anak_hidden, n_ats_hidden, ats_pct_hidden (withheld), n_anak_small, n_ats_small (hidden
--   because from 1 to min_cell-1: "< k"; hidden and not small: a complementary cell)
-- Scope: column kode_kab. Each row is about its kab/kota (a kecamatan's caller gets none: its kab/kota
--   is wider) (data/scope.py)
-- Used by: views/tren.py (target lines, on track / off track)
WITH
targets AS (
    SELECT *
    FROM read_csv(
        $target_file,
        header = true,
        columns = {'kode_kab': 'VARCHAR', 'year': 'INTEGER', 'target_ats_pct': 'DOUBLE', 'source_note': 'VARCHAR'}
    )
    WHERE kode_kab = $kode OR starts_with($kode, kode_kab || '.') OR starts_with(kode_kab, $kode || '.')
),

enumerated AS (
    SELECT DISTINCT survey_round, kode_kab
    FROM agg_coverage_kel
    WHERE kode_kab IN (SELECT kode_kab FROM targets)
),

actual AS (
    SELECT survey_round, kode_kab, sum(n_anak)::INTEGER AS n_anak, sum(n_ats)::INTEGER AS n_ats
    FROM agg_ats_kel
    WHERE kode_kab IN (SELECT kode_kab FROM targets)
    GROUP BY ALL
),

-- the cells of ats_by_wilayah(level kab, kode_induk the province) in every round: the kab/kota's categories add up
-- to its ATS count (n_all), the kab/kota of the province add up to the province's counts
province_units AS (
    SELECT DISTINCT c.survey_round, c.kode_kab AS kode
    FROM agg_coverage_kel AS c
    WHERE $protect AND c.kode_prov = split_part($kode, '.', 1)
),

-- counts the map of the kab/kota's kecamatan cannot protect, hidden in the map too (linked tables, 016)
pinned_below AS (
    FROM ats_linked_totals(
        CASE WHEN $protect THEN 'kab' END, split_part($kode, '.', 1), NULL, NULL, NULL, NULL, $min_cell
    )
),

cells AS (
    SELECT
        u.kode || '|' || u.survey_round AS rk, u.ck, u.n,
        u.ck || '|' || split_part(u.kode, '.', 1) || '|' || u.survey_round AS g1,
        CASE WHEN u.ck NOT IN ('n_anak', 'n_tamat12') THEN u.kode || '|' || u.survey_round END AS g2,
        NULL AS g3,
        CASE WHEN u.ck = 'n_all' THEN [2] ELSE [] END || CASE WHEN b.kode IS NOT NULL THEN [0] ELSE [] END AS totals
    FROM (
        SELECT
            u.survey_round, u.kode,
            coalesce(p.n_anak, 0) AS n_anak, coalesce(p.n_do, 0) AS n_do, coalesce(p.n_ltm, 0) AS n_ltm,
            coalesce(p.n_bpb, 0) AS n_bpb, coalesce(p.n_do + p.n_ltm + p.n_bpb, 0) AS n_all,
            coalesce(p.n_tamat12, 0) AS n_tamat12
        FROM province_units AS u
        LEFT JOIN ats_by_unit('kab', split_part($kode, '.', 1), NULL, NULL, NULL, NULL) AS p USING (survey_round, kode)
    ) UNPIVOT (n FOR ck IN (n_anak, n_do, n_ltm, n_bpb, n_all, n_tamat12)) AS u
    LEFT JOIN pinned_below AS b ON b.kode = u.kode AND b.survey_round = u.survey_round AND b.ck = u.ck
),

protected AS (
    SELECT
        split_part(rk, '|', 1) AS kode_kab,
        split_part(rk, '|', 2)::INTEGER AS survey_round,
        bool_or(hidden) FILTER (WHERE ck = 'n_anak') AS n_anak_hidden,
        bool_or(hidden) FILTER (WHERE ck = 'n_all') AS n_ats_hidden
    FROM protect_cells(cells, $min_cell, $protect)
    GROUP BY ALL
),

published AS (
    SELECT
        a.survey_round,
        a.kode_kab,
        CASE WHEN h.n_anak_hidden THEN NULL ELSE a.n_anak END AS n_anak,
        CASE WHEN h.n_ats_hidden THEN NULL ELSE a.n_ats END AS n_ats,
        protect_rate(per100(a.n_ats, a.n_anak), a.n_anak, h.n_anak_hidden OR h.n_ats_hidden, $min_denominator, $protect)
            AS ats_pct,
        coalesce(h.n_anak_hidden, false) AS n_anak_hidden,
        coalesce(h.n_ats_hidden, false) AS n_ats_hidden,
        coalesce(h.n_anak_hidden AND a.n_anak BETWEEN 1 AND $min_cell - 1, false) AS n_anak_small,
        coalesce(h.n_ats_hidden AND a.n_ats BETWEEN 1 AND $min_cell - 1, false) AS n_ats_small,
        per100(a.n_ats, a.n_anak) IS NOT NULL AND protect_rate(
            per100(a.n_ats, a.n_anak), a.n_anak, h.n_anak_hidden OR h.n_ats_hidden, $min_denominator, $protect
        ) IS NULL AS ats_pct_hidden
    FROM actual AS a
    LEFT JOIN protected AS h USING (survey_round, kode_kab)
),

final AS (
    SELECT
        t.kode_kab,
        w.nama,
        t.year,
        t.target_ats_pct,
        t.source_note,
        e.survey_round,
        a.n_anak,
        a.n_ats,
        a.ats_pct,
        round(a.ats_pct - t.target_ats_pct, 2) AS gap_pct,
        CASE
            WHEN a.ats_pct <= t.target_ats_pct THEN 'on_track'
            WHEN a.ats_pct > t.target_ats_pct THEN 'off_track'
        END AS status,
        coalesce(a.n_anak_hidden, false) AS n_anak_hidden,
        coalesce(a.n_ats_hidden, false) AS n_ats_hidden,
        coalesce(a.ats_pct_hidden, false) AS ats_pct_hidden,
        coalesce(a.n_anak_small, false) AS n_anak_small,
        coalesce(a.n_ats_small, false) AS n_ats_small
    FROM targets AS t
    INNER JOIN wilayah AS w ON w.kode = t.kode_kab
    LEFT JOIN enumerated AS e ON e.kode_kab = t.kode_kab AND e.survey_round = t.year
    LEFT JOIN published AS a ON a.kode_kab = t.kode_kab AND a.survey_round = e.survey_round
)

SELECT * FROM final
ORDER BY kode_kab, year
