-- Grain: one row per survey round with handling data under `kode`: the headline numbers of the handling of the
-- children identified in that round. Confirmed, intervened and returned follow the counting rule of
-- build/040_fct_penanganan_anak.sql (a recorded later step implies the earlier ones, unless the child was verified
-- not ATS), so every recorded return counts. Retention base: the returned children found again, by their NIK's
-- hash, in the next round of their kab/kota (anywhere in the store); retention = those of them in school (formal
-- or non-formal) then, per 100 of the base. Returned children not found again leave the base (and the count):
-- those who aged out of the child census (over 18), moved out of the area the store covers, or have no NIK, and
-- every child whose next round has not happened yet.
-- Small-cell protection (README "Small-cell protection"), when `protect`: each count is null with its <column>_hidden
-- flag when it is from 1 to min_cell-1 or is a complementary cell; the counts are those of
-- build/060_macro_handling_round_cells.sql, protected together with the funnel and the outcomes of the round (the
-- same cells hidden: n_identified, n_confirmed, n_intervened, n_returned are funnel steps, n_returned_formal and
-- n_returned_nonformal results). return_pct, retention_pct and median_days_to_return are withheld below
-- min_denominator children (returned children for the median: a median of a few is a child's own number of days)
-- or when a count they are made of is hidden.
-- Params:
--   kode: VARCHAR, required, kode of wilayah. One wilayah of any level
--   sex: VARCHAR, optional, one of L, P. Both sexes when null
--   age_group: VARCHAR, optional, one of 7-12, 13-15, 16-18. All children 7-18 when null
--   has_disability: BOOLEAN, optional. true: children with disabilities, false: without; all when null
--   kategori_ats: VARCHAR, optional, one of DO, LTM, BPB. All categories when null
--   min_cell: INTEGER, fixed. k of small-cell protection (ATS_MIN_CELL)
--   min_denominator: INTEGER, fixed. Fewest children a published rate is computed on (ATS_MIN_DENOMINATOR)
--   protect: BOOLEAN, fixed. Whether small cells are protected (true unless the caller's role sees raw numbers)
-- Columns: survey_round, n_identified, n_confirmed, n_intervened, n_returned, n_returned_formal,
--   n_returned_nonformal, return_pct (n_returned per 100 n_confirmed), median_days_to_return, n_open,
--   n_retention_base, n_retained, retention_pct, n_steps_after_bukan_ats (children verified not ATS with later
--   handling steps recorded, which are not counted), a <column>_hidden flag for each count and rate (value
--   withheld) and a <column>_small flag for each count (hidden because from 1 to min_cell-1: "< k"; hidden and not
--   small: a complementary cell)
-- Scope: parameter kode. Every row counts the children of kode (data/scope.py)
-- Used by: views/penanganan.py (headline numbers, returns per round, the notes on what the counts rest on),
--   views/peta.py (handling in the unit profile, ui/profile.py)
WITH
facts AS (
    SELECT *
    FROM handling_cases($kode, $sex, $age_group, $has_disability, $kategori_ats)
),

cells AS (
    SELECT *
    FROM handling_round_cells($kode, NULL, $sex, $age_group, $has_disability, $kategori_ats, $min_cell, $protect)
),

per_round AS (
    SELECT
        survey_round,
        any_value(n_raw) FILTER (WHERE ck = 'identifikasi')::INTEGER AS n_identified,
        any_value(n_raw) FILTER (WHERE ck = 'terkonfirmasi')::INTEGER AS n_confirmed,
        any_value(n_raw) FILTER (WHERE ck = 'intervensi')::INTEGER AS n_intervened,
        any_value(n_raw) FILTER (WHERE ck = 'kembali_sekolah')::INTEGER AS n_returned,
        coalesce(any_value(n_raw) FILTER (WHERE ck = 'hasil.kembali_formal'), 0)::INTEGER AS n_returned_formal,
        coalesce(any_value(n_raw) FILTER (WHERE ck = 'hasil.kembali_nonformal'), 0)::INTEGER AS n_returned_nonformal,
        any_value(n_raw) FILTER (WHERE ck = 'open')::INTEGER AS n_open,
        any_value(n_raw) FILTER (WHERE ck = 'retention_base')::INTEGER AS n_retention_base,
        any_value(n_raw) FILTER (WHERE ck = 'retained')::INTEGER AS n_retained,
        any_value(n_raw) FILTER (WHERE ck = 'after_bukan_ats')::INTEGER AS n_steps_after_bukan_ats,
        bool_or(hidden) FILTER (WHERE ck = 'identifikasi') AS n_identified_hidden,
        bool_or(hidden) FILTER (WHERE ck = 'terkonfirmasi') AS n_confirmed_hidden,
        bool_or(hidden) FILTER (WHERE ck = 'intervensi') AS n_intervened_hidden,
        bool_or(hidden) FILTER (WHERE ck = 'kembali_sekolah') AS n_returned_hidden,
        -- no intervention: no result rows, and no return of either kind
        coalesce(bool_or(hidden) FILTER (WHERE ck = 'hasil.kembali_formal'), false) AS n_returned_formal_hidden,
        coalesce(bool_or(hidden) FILTER (WHERE ck = 'hasil.kembali_nonformal'), false) AS n_returned_nonformal_hidden,
        bool_or(hidden) FILTER (WHERE ck = 'open') AS n_open_hidden,
        bool_or(hidden) FILTER (WHERE ck = 'retention_base') AS n_retention_base_hidden,
        bool_or(hidden) FILTER (WHERE ck = 'retained') AS n_retained_hidden,
        bool_or(hidden) FILTER (WHERE ck = 'after_bukan_ats') AS n_steps_after_bukan_ats_hidden,
        coalesce(bool_or(small) FILTER (WHERE ck = 'identifikasi'), false) AS n_identified_small,
        coalesce(bool_or(small) FILTER (WHERE ck = 'terkonfirmasi'), false) AS n_confirmed_small,
        coalesce(bool_or(small) FILTER (WHERE ck = 'intervensi'), false) AS n_intervened_small,
        coalesce(bool_or(small) FILTER (WHERE ck = 'kembali_sekolah'), false) AS n_returned_small,
        coalesce(bool_or(small) FILTER (WHERE ck = 'hasil.kembali_formal'), false) AS n_returned_formal_small,
        coalesce(bool_or(small) FILTER (WHERE ck = 'hasil.kembali_nonformal'), false) AS n_returned_nonformal_small,
        coalesce(bool_or(small) FILTER (WHERE ck = 'open'), false) AS n_open_small,
        coalesce(bool_or(small) FILTER (WHERE ck = 'retention_base'), false) AS n_retention_base_small,
        coalesce(bool_or(small) FILTER (WHERE ck = 'retained'), false) AS n_retained_small,
        coalesce(bool_or(small) FILTER (WHERE ck = 'after_bukan_ats'), false) AS n_steps_after_bukan_ats_small
    FROM cells
    GROUP BY survey_round
),

return_days AS (
    SELECT survey_round, days_to_return, unnest(range(n_anak)) AS i
    FROM facts
    WHERE is_returned
),

median_days AS (
    SELECT survey_round, median(days_to_return) AS median_days_to_return
    FROM return_days
    GROUP BY ALL
),

rated AS (
    SELECT
        p.*,
        per100(p.n_returned, p.n_confirmed) AS return_pct_raw,
        protect_rate(per100(p.n_returned, p.n_confirmed), p.n_confirmed, p.n_returned_hidden OR p.n_confirmed_hidden,
            $min_denominator, $protect) AS return_pct,
        m.median_days_to_return AS median_raw,
        protect_rate(m.median_days_to_return, p.n_returned, p.n_returned_hidden, $min_denominator, $protect)
            AS median_days_to_return,
        per100(p.n_retained, p.n_retention_base) AS retention_pct_raw,
        protect_rate(per100(p.n_retained, p.n_retention_base), p.n_retention_base,
            p.n_retained_hidden OR p.n_retention_base_hidden, $min_denominator, $protect) AS retention_pct
    FROM per_round AS p
    LEFT JOIN median_days AS m USING (survey_round)
),

final AS (
    SELECT
        survey_round,
        CASE WHEN n_identified_hidden THEN NULL ELSE n_identified END AS n_identified,
        CASE WHEN n_confirmed_hidden THEN NULL ELSE n_confirmed END AS n_confirmed,
        CASE WHEN n_intervened_hidden THEN NULL ELSE n_intervened END AS n_intervened,
        CASE WHEN n_returned_hidden THEN NULL ELSE n_returned END AS n_returned,
        CASE WHEN n_returned_formal_hidden THEN NULL ELSE n_returned_formal END AS n_returned_formal,
        CASE WHEN n_returned_nonformal_hidden THEN NULL ELSE n_returned_nonformal END AS n_returned_nonformal,
        return_pct,
        median_days_to_return,
        CASE WHEN n_open_hidden THEN NULL ELSE n_open END AS n_open,
        CASE WHEN n_retention_base_hidden THEN NULL ELSE n_retention_base END AS n_retention_base,
        CASE WHEN n_retained_hidden THEN NULL ELSE n_retained END AS n_retained,
        retention_pct,
        CASE WHEN n_steps_after_bukan_ats_hidden THEN NULL ELSE n_steps_after_bukan_ats END AS n_steps_after_bukan_ats,
        n_identified_hidden, n_confirmed_hidden, n_intervened_hidden, n_returned_hidden, n_returned_formal_hidden,
        n_returned_nonformal_hidden, n_open_hidden, n_retention_base_hidden, n_retained_hidden,
        n_steps_after_bukan_ats_hidden,
        return_pct_raw IS NOT NULL AND return_pct IS NULL AS return_pct_hidden,
        median_raw IS NOT NULL AND median_days_to_return IS NULL AS median_days_to_return_hidden,
        retention_pct_raw IS NOT NULL AND retention_pct IS NULL AS retention_pct_hidden,
        n_identified_small, n_confirmed_small, n_intervened_small, n_returned_small, n_returned_formal_small,
        n_returned_nonformal_small, n_open_small, n_retention_base_small, n_retained_small, n_steps_after_bukan_ats_small
    FROM rated
)

SELECT * FROM final
ORDER BY survey_round
