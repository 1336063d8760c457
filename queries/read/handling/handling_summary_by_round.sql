-- Grain: one row per survey round with handling data under `kode`: the headline numbers of the handling of the
-- children identified in that round. Confirmed, intervened and returned follow the counting rule of
-- build/040_fct_penanganan_anak.sql (a recorded later step implies the earlier ones, unless the child was verified
-- not ATS), so every recorded return counts. Retention base: the returned children found again, by their NIK's
-- hash, in the next round of their kab/kota (anywhere in the store); retention = those of them in school (formal
-- or non-formal) then, per 100 of the base. Returned children not found again leave the base (and the count):
-- those who aged out of the child census (over 18), moved out of the area the store covers, or have no NIK, and
-- every child whose next round has not happened yet.
-- Params:
--   kode: VARCHAR, required, kode of wilayah. One wilayah of any level
--   sex: VARCHAR, optional, one of L, P. Both sexes when null
--   age_group: VARCHAR, optional, one of 7-12, 13-15, 16-18. All children 7-18 when null
--   has_disability: BOOLEAN, optional. true: children with disabilities, false: without; all when null
--   kategori_ats: VARCHAR, optional, one of DO, LTM, BPB. All categories when null
-- Columns: survey_round, n_identified, n_confirmed, n_intervened, n_returned, n_returned_formal,
--   n_returned_nonformal, return_pct (n_returned per 100 n_confirmed), median_days_to_return, n_open,
--   n_retention_base, n_retained, retention_pct, n_steps_after_bukan_ats (children verified not ATS with later
--   handling steps recorded, which are not counted)
-- Scope: parameter kode. Every row counts the children of kode (data/scope.py)
-- Used by: views/penanganan.py (headline numbers, returns per round, the notes on what the counts rest on),
--   views/peta.py (handling in the unit profile, ui/profile.py)
WITH
facts AS (
    SELECT *
    FROM handling_cases($kode, $sex, $age_group, $has_disability, $kategori_ats)
),

per_round AS (
    SELECT
        survey_round,
        sum(n_anak)::INTEGER AS n_identified,
        coalesce(sum(n_anak) FILTER (WHERE is_confirmed), 0)::INTEGER AS n_confirmed,
        coalesce(sum(n_anak) FILTER (WHERE is_intervened), 0)::INTEGER AS n_intervened,
        coalesce(sum(n_anak) FILTER (WHERE is_returned), 0)::INTEGER AS n_returned,
        coalesce(sum(n_anak) FILTER (WHERE hasil = 'kembali_formal'), 0)::INTEGER AS n_returned_formal,
        coalesce(sum(n_anak) FILTER (WHERE hasil = 'kembali_nonformal'), 0)::INTEGER AS n_returned_nonformal,
        coalesce(sum(n_anak) FILTER (WHERE is_open), 0)::INTEGER AS n_open,
        coalesce(sum(n_anak) FILTER (WHERE is_retained IS NOT NULL), 0)::INTEGER AS n_retention_base,
        coalesce(sum(n_anak) FILTER (WHERE is_retained), 0)::INTEGER AS n_retained,
        coalesce(sum(n_anak) FILTER (WHERE has_steps_after_bukan_ats), 0)::INTEGER AS n_steps_after_bukan_ats
    FROM facts
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

final AS (
    SELECT
        p.survey_round,
        p.n_identified,
        p.n_confirmed,
        p.n_intervened,
        p.n_returned,
        p.n_returned_formal,
        p.n_returned_nonformal,
        per100(p.n_returned, p.n_confirmed) AS return_pct,
        m.median_days_to_return,
        p.n_open,
        p.n_retention_base,
        p.n_retained,
        per100(p.n_retained, p.n_retention_base) AS retention_pct,
        p.n_steps_after_bukan_ats
    FROM per_round AS p
    LEFT JOIN median_days AS m USING (survey_round)
    WHERE p.n_identified > 0
)

SELECT * FROM final
ORDER BY survey_round
