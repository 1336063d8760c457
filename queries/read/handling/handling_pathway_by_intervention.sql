-- Grain: one row per intervention type used for the children identified in one round under `kode`
-- (formal, paket_a, paket_b, paket_c, lkp, beasiswa, bansos, konseling, dokumen): how often it was used and how
-- often it ended in a return to school, with the median days from identification to the return. Intervened and
-- returned follow the counting rule of build/040_fct_penanganan_anak.sql: a child with a result recorded but no
-- intervention is counted as intervened, under jenis_intervensi 'tidak_diketahui' (type not recorded).
-- Small-cell protection (README "Small-cell protection"), when `protect`: a count from 1 to min_cell-1 is null with
-- its <column>_hidden flag, and complementary cells are hidden so none can be recovered from the table with its
-- margins: each column adds up to a count of the round published by the funnel and the outcomes (intervened,
-- returned, returned to formal and to non-formal school: build/060_macro_handling_round_cells.sql), and in each row
-- n_returned + the children not returned (a count of its own) = n_intervened and n_returned_formal +
-- n_returned_nonformal = n_returned. A column whose total is hidden there is hidden whole. return_pct and
-- median_days_to_return are withheld below min_denominator children (intervened; returned for the median) or when
-- a count they are made of is hidden. Rows are ordered by the published n_intervened (hidden ones last), so the
-- order gives no hidden count away.
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
-- Columns: survey_round, jenis_intervensi (a code above, or tidak_diketahui), n_intervened, n_returned, n_returned_formal, n_returned_nonformal,
--   return_pct (n_returned per 100 n_intervened), median_days_to_return (null when nobody returned),
--   n_intervened_hidden, n_returned_hidden, n_returned_formal_hidden, n_returned_nonformal_hidden, return_pct_hidden,
--   median_days_to_return_hidden (value withheld), n_intervened_small, n_returned_small, n_returned_formal_small,
--   n_returned_nonformal_small (hidden because from 1 to min_cell-1: "< k"; hidden and not small: a complementary cell)
-- Scope: parameter kode. Every row counts the children of kode (data/scope.py)
-- Used by: views/penanganan.py (pathways)
WITH
facts AS (
    SELECT *
    FROM handling_cases_of_round($kode, $survey_round, $sex, $age_group, $has_disability, $kategori_ats)
    WHERE is_intervened
),

per_type AS (
    SELECT
        coalesce(jenis_intervensi, 'tidak_diketahui') AS jenis_intervensi,
        sum(n_anak)::INTEGER AS n_intervened,
        coalesce(sum(n_anak) FILTER (WHERE is_returned), 0)::INTEGER AS n_returned,
        coalesce(sum(n_anak) FILTER (WHERE hasil = 'kembali_formal'), 0)::INTEGER AS n_returned_formal,
        coalesce(sum(n_anak) FILTER (WHERE hasil = 'kembali_nonformal'), 0)::INTEGER AS n_returned_nonformal
    FROM facts
    GROUP BY ALL
),

return_days AS (
    SELECT coalesce(jenis_intervensi, 'tidak_diketahui') AS jenis_intervensi, days_to_return, unnest(range(n_anak)) AS i
    FROM facts
    WHERE is_returned
),

median_days AS (
    SELECT jenis_intervensi, median(days_to_return) AS median_days_to_return
    FROM return_days
    GROUP BY ALL
),

margins AS (
    SELECT
        coalesce(bool_or(hidden) FILTER (WHERE ck = 'intervensi'), false) AS n_intervened,
        coalesce(bool_or(hidden) FILTER (WHERE ck = 'kembali_sekolah'), false) AS n_returned,
        coalesce(bool_or(hidden) FILTER (WHERE ck = 'hasil.kembali_formal'), false) AS n_returned_formal,
        coalesce(bool_or(hidden) FILTER (WHERE ck = 'hasil.kembali_nonformal'), false) AS n_returned_nonformal
    FROM handling_round_cells(
        $kode, handling_round($kode, $survey_round), $sex, $age_group, $has_disability, $kategori_ats, $min_cell,
        $protect
    )
),

long AS (
    SELECT jenis_intervensi, ck, n
    FROM (SELECT *, n_intervened - n_returned AS n_not_returned FROM per_type)
        UNPIVOT (n FOR ck IN (n_intervened, n_returned, n_returned_formal, n_returned_nonformal, n_not_returned))
),

excluded AS (
    -- a column whose total is hidden (margins) is hidden whole: its cells enter the protection as unknown
    SELECT
        l.*,
        CASE l.ck
            WHEN 'n_intervened' THEN m.n_intervened
            WHEN 'n_returned' THEN m.n_returned
            WHEN 'n_returned_formal' THEN m.n_returned_formal
            WHEN 'n_returned_nonformal' THEN m.n_returned_nonformal
            ELSE false
        END AS pre
    FROM long AS l
    CROSS JOIN margins AS m
),

cells AS (
    SELECT
        jenis_intervensi AS rk,
        ck,
        CASE WHEN pre AND $protect THEN NULL ELSE n END AS n,
        ck AS g1,
        CASE WHEN ck IN ('n_intervened', 'n_returned', 'n_not_returned') THEN 'int|' || jenis_intervensi END AS g2,
        CASE WHEN ck IN ('n_returned', 'n_returned_formal', 'n_returned_nonformal') THEN 'ret|' || jenis_intervensi END AS g3,
        list_filter([CASE WHEN ck = 'n_intervened' THEN 2 END, CASE WHEN ck = 'n_returned' THEN 3 END],
            lambda x: x IS NOT NULL) AS totals
    FROM excluded
),

protected AS (
    SELECT
        c.rk AS jenis_intervensi,
        bool_or(c.hidden OR (e.pre AND $protect)) FILTER (WHERE c.ck = 'n_intervened') AS n_intervened_hidden,
        bool_or(c.hidden OR (e.pre AND $protect)) FILTER (WHERE c.ck = 'n_returned') AS n_returned_hidden,
        bool_or(c.hidden OR (e.pre AND $protect)) FILTER (WHERE c.ck = 'n_returned_formal') AS n_returned_formal_hidden,
        bool_or(c.hidden OR (e.pre AND $protect)) FILTER (WHERE c.ck = 'n_returned_nonformal') AS n_returned_nonformal_hidden
    FROM protect_cells(cells, $min_cell, $protect) AS c
    INNER JOIN excluded AS e ON e.jenis_intervensi = c.rk AND e.ck = c.ck
    GROUP BY c.rk
),

rated AS (
    SELECT
        p.*,
        h.* EXCLUDE (jenis_intervensi),
        m.median_days_to_return AS median_raw,
        per100(p.n_returned, p.n_intervened) AS return_pct_raw,
        protect_rate(per100(p.n_returned, p.n_intervened), p.n_intervened,
            h.n_returned_hidden OR h.n_intervened_hidden, $min_denominator, $protect) AS return_pct,
        protect_rate(m.median_days_to_return, p.n_returned, h.n_returned_hidden, $min_denominator, $protect)
            AS median_days_to_return
    FROM per_type AS p
    INNER JOIN protected AS h USING (jenis_intervensi)
    LEFT JOIN median_days AS m USING (jenis_intervensi)
),

final AS (
    SELECT
        handling_round($kode, $survey_round) AS survey_round,
        jenis_intervensi,
        CASE WHEN n_intervened_hidden THEN NULL ELSE n_intervened END AS n_intervened,
        CASE WHEN n_returned_hidden THEN NULL ELSE n_returned END AS n_returned,
        CASE WHEN n_returned_formal_hidden THEN NULL ELSE n_returned_formal END AS n_returned_formal,
        CASE WHEN n_returned_nonformal_hidden THEN NULL ELSE n_returned_nonformal END AS n_returned_nonformal,
        return_pct,
        median_days_to_return,
        n_intervened_hidden,
        n_returned_hidden,
        n_returned_formal_hidden,
        n_returned_nonformal_hidden,
        return_pct_raw IS NOT NULL AND return_pct IS NULL AS return_pct_hidden,
        median_raw IS NOT NULL AND median_days_to_return IS NULL AS median_days_to_return_hidden,
        coalesce(n_intervened_hidden AND rated.n_intervened BETWEEN 1 AND $min_cell - 1, false) AS n_intervened_small,
        coalesce(n_returned_hidden AND rated.n_returned BETWEEN 1 AND $min_cell - 1, false) AS n_returned_small,
        coalesce(n_returned_formal_hidden AND rated.n_returned_formal BETWEEN 1 AND $min_cell - 1, false) AS n_returned_formal_small,
        coalesce(n_returned_nonformal_hidden AND rated.n_returned_nonformal BETWEEN 1 AND $min_cell - 1, false) AS n_returned_nonformal_small
    FROM rated
)

SELECT * FROM final
ORDER BY n_intervened DESC NULLS LAST, jenis_intervensi
