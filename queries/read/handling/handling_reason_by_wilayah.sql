-- Grain: one row per wilayah unit at `level` under `kode_induk` with at least one child confirmed out of school
-- in the round x main reason (alasan): how many confirmed children give that reason, and their share of the
-- unit's confirmed children. A unit with confirmed children has a row for every reason met in the area (0 when
-- none of its children gives it); units with none have no rows. Each confirmed child has one main reason.
-- Small-cell protection (README "Small-cell protection"), when `protect`: a count from 1 to min_cell-1 is null with
-- its <column>_hidden flag, and complementary cells are hidden so none can be recovered from the table with its
-- margins: a unit's reasons add up to its n_unit (published: once one of them is hidden, all its non-zero reasons
-- are, as a map's categories with n_ats), the units' counts of a reason add up to the reason's total (published by
-- handling_reason_by_kategori when its cells are), and the units' n_unit to the confirmed children of kode_induk
-- (the funnel; when that count is hidden there, the whole table is). The unit rows are protected together even
-- when the caller's scope keeps only some. share_pct is withheld below min_denominator children in n_unit or when
-- n_confirmed or n_unit is hidden.
-- Params:
--   level: VARCHAR, required, one of kab, kec, kel. Level of the rows
--   kode_induk: VARCHAR, required, kode of wilayah at prov, kab, kec. A unit above `level` (the chosen wilayah)
--   survey_round: INTEGER, optional. Round of identification; the latest round enumerated under kode_induk when null
--   sex: VARCHAR, optional, one of L, P. Both sexes when null
--   age_group: VARCHAR, optional, one of 7-12, 13-15, 16-18. All children 7-18 when null
--   has_disability: BOOLEAN, optional. true: children with disabilities, false: without; all when null
--   kategori_ats: VARCHAR, optional, one of DO, LTM, BPB. All categories when null
--   min_cell: INTEGER, fixed. k of small-cell protection (ATS_MIN_CELL)
--   min_denominator: INTEGER, fixed. Fewest children a published rate is computed on (ATS_MIN_DENOMINATOR)
--   protect: BOOLEAN, fixed. Whether small cells are protected (true unless the caller's role sees raw numbers)
-- Columns: survey_round, kode, nama, alasan, n_confirmed, n_unit (confirmed children of the unit),
--   share_pct (n_confirmed per 100 n_unit), n_confirmed_hidden, n_unit_hidden, share_pct_hidden (value withheld),
--   n_confirmed_small, n_unit_small (hidden because from 1 to min_cell-1: "< k"; hidden and not small: a complementary cell)
-- Scope: column kode. Each row is about its unit (under kode_induk) (data/scope.py)
-- Used by: views/penanganan.py (reason x wilayah heat map), views/peta.py (main reasons in the unit profile,
--   ui/profile.py)
WITH
facts AS (
    SELECT
        CASE $level WHEN 'kab' THEN kode_kab WHEN 'kec' THEN kode_kec ELSE kode_kel END AS kode,
        coalesce(alasan, 'tidak_diketahui') AS alasan,
        n_anak
    FROM handling_cases_of_round($kode_induk, $survey_round, $sex, $age_group, $has_disability, $kategori_ats)
    WHERE is_confirmed
),

per_cell AS (
    SELECT kode, alasan, sum(n_anak)::INTEGER AS n_confirmed
    FROM facts
    GROUP BY ALL
),

per_unit AS (
    SELECT kode, sum(n_confirmed)::INTEGER AS n_unit
    FROM per_cell
    GROUP BY ALL
),

reasons AS (
    SELECT DISTINCT alasan
    FROM per_cell
),

parent_hidden AS (
    SELECT coalesce(bool_or(hidden) FILTER (WHERE ck = 'terkonfirmasi'), false) AND $protect AS hidden
    FROM handling_round_cells(
        $kode_induk, handling_round($kode_induk, $survey_round), $sex, $age_group, $has_disability, $kategori_ats,
        $min_cell, $protect
    )
),

raw AS (
    SELECT
        u.kode,
        r.alasan,
        coalesce(c.n_confirmed, 0) AS n_confirmed,
        u.n_unit
    FROM per_unit AS u
    CROSS JOIN reasons AS r
    LEFT JOIN per_cell AS c ON c.kode = u.kode AND c.alasan = r.alasan
),

cells AS (
    SELECT kode AS rk, alasan AS ck, n_confirmed AS n, 'u|' || kode AS g1, 'a|' || alasan AS g2, NULL AS g3,
        NULL::INTEGER[] AS totals
    FROM raw
    UNION ALL
    SELECT kode AS rk, '' AS ck, n_unit AS n, 'u|' || kode AS g1, 'n_unit' AS g2, NULL AS g3, [1] AS totals
    FROM per_unit
),

protected AS (
    -- every cell when the parent's confirmed count is hidden
    SELECT rk, ck, hidden OR (SELECT hidden FROM parent_hidden) AS hidden
    FROM protect_cells(cells, $min_cell, $protect)
),

final AS (
    SELECT
        handling_round($kode_induk, $survey_round) AS survey_round,
        r.kode,
        w.nama,
        r.alasan,
        CASE WHEN c.hidden THEN NULL ELSE r.n_confirmed END AS n_confirmed,
        CASE WHEN u.hidden THEN NULL ELSE r.n_unit END AS n_unit,
        protect_rate(per100(r.n_confirmed, r.n_unit), r.n_unit, c.hidden OR u.hidden, $min_denominator, $protect)
            AS share_pct,
        c.hidden AS n_confirmed_hidden,
        u.hidden AS n_unit_hidden,
        per100(r.n_confirmed, r.n_unit) IS NOT NULL AND protect_rate(per100(r.n_confirmed, r.n_unit), r.n_unit,
            c.hidden OR u.hidden, $min_denominator, $protect) IS NULL AS share_pct_hidden,
        coalesce(c.hidden AND r.n_confirmed BETWEEN 1 AND $min_cell - 1, false) AS n_confirmed_small,
        coalesce(u.hidden AND r.n_unit BETWEEN 1 AND $min_cell - 1, false) AS n_unit_small
    FROM raw AS r
    INNER JOIN wilayah AS w ON w.kode = r.kode AND w.level = $level
    INNER JOIN protected AS c ON c.rk = r.kode AND c.ck = r.alasan
    INNER JOIN protected AS u ON u.rk = r.kode AND u.ck = ''
)

SELECT * FROM final
ORDER BY kode, alasan
