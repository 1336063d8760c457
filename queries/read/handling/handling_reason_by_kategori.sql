-- Grain: one row per main reason (alasan) x ATS category (DO, LTM, BPB) among the children confirmed out of
-- school in one round under `kode`: how many, and how many of them were brought back to school (resolved).
-- Reason/category pairs with no confirmed child have no row. Each confirmed child has one main reason, so the rows
-- add up to the confirmed children of the round.
-- Small-cell protection (README "Small-cell protection"), when `protect`: a count from 1 to min_cell-1 is null with
-- its <column>_hidden flag, and complementary cells are hidden so none can be recovered with the margins: the
-- categories of a reason add up to the reason's confirmed children (published by the reason x wilayah table when
-- its cells are), each column adds up to the round's confirmed, intervened or returned children (the funnel,
-- build/060_macro_handling_round_cells.sql; a column whose total is hidden there is hidden whole), and in each row
-- n_confirmed = n_intervened + those not intervened, n_intervened = n_returned + those not returned (the
-- differences are counts of their own). return_pct is withheld below min_denominator confirmed children or when
-- n_returned or n_confirmed is hidden.
-- Params:
--   kode: VARCHAR, required, kode of wilayah. One wilayah of any level
--   survey_round: INTEGER, optional. Round of identification; the latest round enumerated under kode when null
--   sex: VARCHAR, optional, one of L, P. Both sexes when null
--   age_group: VARCHAR, optional, one of 7-12, 13-15, 16-18. All children 7-18 when null
--   has_disability: BOOLEAN, optional. true: children with disabilities, false: without; all when null
--   kategori_ats: VARCHAR, optional, one of DO, LTM, BPB. All categories when null
--   min_cell: INTEGER, fixed. k of small-cell protection (ATS_MIN_CELL)
--   min_denominator: INTEGER, fixed. Fewest children a published rate is computed on (ATS_MIN_DENOMINATOR)
--   protect: BOOLEAN, fixed. Whether small cells are protected (true unless the caller's role sees raw numbers)
-- Columns: survey_round, alasan, alasan_group, kategori_ats, n_confirmed, n_intervened, n_returned,
--   return_pct (n_returned per 100 n_confirmed), n_confirmed_hidden, n_intervened_hidden, n_returned_hidden,
--   return_pct_hidden (value withheld), n_confirmed_small, n_intervened_small, n_returned_small (hidden because from 1 to min_cell-1: "< k"; hidden and not small: a complementary cell)
-- Scope: parameter kode. Every row counts the children of kode (data/scope.py)
-- Used by: views/penanganan.py (reason x category heat map, reasons least often resolved)
WITH
facts AS (
    SELECT *
    FROM handling_cases_of_round($kode, $survey_round, $sex, $age_group, $has_disability, $kategori_ats)
    WHERE is_confirmed
),

per_cell AS (
    SELECT
        coalesce(alasan, 'tidak_diketahui') AS alasan,
        coalesce(alasan_group, 'tidak_diketahui') AS alasan_group,
        coalesce(kategori_ats, 'tidak_diketahui') AS kategori_ats,
        sum(n_anak)::INTEGER AS n_confirmed,
        coalesce(sum(n_anak) FILTER (WHERE is_intervened), 0)::INTEGER AS n_intervened,
        coalesce(sum(n_anak) FILTER (WHERE is_returned), 0)::INTEGER AS n_returned
    FROM facts
    GROUP BY ALL
),

margins AS (
    SELECT
        coalesce(bool_or(hidden) FILTER (WHERE ck = 'terkonfirmasi'), false) AS n_confirmed,
        coalesce(bool_or(hidden) FILTER (WHERE ck = 'intervensi'), false) AS n_intervened,
        coalesce(bool_or(hidden) FILTER (WHERE ck = 'kembali_sekolah'), false) AS n_returned
    FROM handling_round_cells(
        $kode, handling_round($kode, $survey_round), $sex, $age_group, $has_disability, $kategori_ats, $min_cell,
        $protect
    )
),

long AS (
    SELECT
        l.alasan || '|' || l.kategori_ats AS rk,
        l.alasan,
        l.ck,
        l.n,
        CASE l.ck
            WHEN 'n_confirmed' THEN m.n_confirmed
            WHEN 'n_intervened' THEN m.n_intervened
            WHEN 'n_returned' THEN m.n_returned
            ELSE false
        END AND $protect AS pre
    FROM (
        SELECT *, n_confirmed - n_intervened AS n_not_intervened, n_intervened - n_returned AS n_not_returned
        FROM per_cell
    ) UNPIVOT (n FOR ck IN (n_confirmed, n_intervened, n_returned, n_not_intervened, n_not_returned)) AS l
    CROSS JOIN margins AS m
),

cells AS (
    -- a column whose total is hidden (margins) is hidden whole: its cells enter the protection as unknown
    SELECT
        rk,
        ck,
        CASE WHEN pre THEN NULL ELSE n END AS n,
        CASE WHEN ck = 'n_confirmed' THEN 'reason|' || alasan ELSE ck END AS g1,
        CASE WHEN ck IN ('n_confirmed', 'n_intervened', 'n_not_intervened') THEN 'c|' || rk END AS g2,
        CASE WHEN ck IN ('n_intervened', 'n_returned', 'n_not_returned') THEN 'i|' || rk END AS g3,
        list_filter([CASE WHEN ck = 'n_confirmed' THEN 2 END, CASE WHEN ck = 'n_intervened' THEN 3 END],
            lambda x: x IS NOT NULL) AS totals
    FROM long
),

protected AS (
    SELECT
        c.rk,
        bool_or(c.hidden OR l.pre) FILTER (WHERE c.ck = 'n_confirmed') AS n_confirmed_hidden,
        bool_or(c.hidden OR l.pre) FILTER (WHERE c.ck = 'n_intervened') AS n_intervened_hidden,
        bool_or(c.hidden OR l.pre) FILTER (WHERE c.ck = 'n_returned') AS n_returned_hidden
    FROM protect_cells(cells, $min_cell, $protect) AS c
    INNER JOIN long AS l ON l.rk = c.rk AND l.ck = c.ck
    GROUP BY c.rk
),

final AS (
    SELECT
        handling_round($kode, $survey_round) AS survey_round,
        c.alasan,
        c.alasan_group,
        c.kategori_ats,
        CASE WHEN p.n_confirmed_hidden THEN NULL ELSE c.n_confirmed END AS n_confirmed,
        CASE WHEN p.n_intervened_hidden THEN NULL ELSE c.n_intervened END AS n_intervened,
        CASE WHEN p.n_returned_hidden THEN NULL ELSE c.n_returned END AS n_returned,
        protect_rate(per100(c.n_returned, c.n_confirmed), c.n_confirmed, p.n_returned_hidden OR p.n_confirmed_hidden,
            $min_denominator, $protect) AS return_pct,
        p.n_confirmed_hidden,
        p.n_intervened_hidden,
        p.n_returned_hidden,
        per100(c.n_returned, c.n_confirmed) IS NOT NULL AND protect_rate(per100(c.n_returned, c.n_confirmed),
            c.n_confirmed, p.n_returned_hidden OR p.n_confirmed_hidden, $min_denominator, $protect) IS NULL
            AS return_pct_hidden,
        coalesce(p.n_confirmed_hidden AND c.n_confirmed BETWEEN 1 AND $min_cell - 1, false) AS n_confirmed_small,
        coalesce(p.n_intervened_hidden AND c.n_intervened BETWEEN 1 AND $min_cell - 1, false) AS n_intervened_small,
        coalesce(p.n_returned_hidden AND c.n_returned BETWEEN 1 AND $min_cell - 1, false) AS n_returned_small
    FROM per_cell AS c
    INNER JOIN protected AS p ON p.rk = c.alasan || '|' || c.kategori_ats
)

SELECT * FROM final
ORDER BY alasan, kategori_ats
