-- Grain: one row per step of the handling funnel (DOMAIN.md sections 2.4 and 7.3), in funnel order, for the
-- children identified in one round under `kode`: identified -> verified -> confirmed ATS -> assessed -> referred
-- -> intervened -> back in school (formal or non-formal). Steps never increase down the funnel (a step counts
-- only when every step before it happened). No rows when no child was identified (a round with no handling data,
-- or filters that select nobody): never a funnel of zeros.
-- Params:
--   kode: VARCHAR, required, kode of wilayah. One wilayah of any level (province, kab/kota, kecamatan, desa/kelurahan)
--   survey_round: INTEGER, optional. Survey round (year) in which the children were identified; the latest round
--     enumerated under kode when null
--   sex: VARCHAR, optional, one of L, P. Both sexes when null
--   age_group: VARCHAR, optional, one of 7-12, 13-15, 16-18. All children 7-18 when null
--   has_disability: BOOLEAN, optional. true: children with disabilities, false: without; all when null
--   kategori_ats: VARCHAR, optional, one of DO, LTM, BPB. The category found by the census; all when null
-- Columns: survey_round, step_order, step, n (children), pct_prev (n per 100 of the step before),
--   pct_identified (n per 100 identified), as_of (date of the latest handling event in the store)
-- Used by: views/penanganan.py (funnel chart and table)
WITH
facts AS (
    SELECT *
    FROM handling_cases_of_round($kode, $survey_round, $sex, $age_group, $has_disability, $kategori_ats)
),

counts AS (
    SELECT
        sum(n_anak) AS identifikasi,
        coalesce(sum(n_anak) FILTER (WHERE is_verified), 0) AS verifikasi,
        coalesce(sum(n_anak) FILTER (WHERE is_confirmed), 0) AS terkonfirmasi,
        coalesce(sum(n_anak) FILTER (WHERE is_assessed), 0) AS asesmen,
        coalesce(sum(n_anak) FILTER (WHERE is_referred), 0) AS rujukan,
        coalesce(sum(n_anak) FILTER (WHERE is_intervened), 0) AS intervensi,
        coalesce(sum(n_anak) FILTER (WHERE is_returned), 0) AS kembali_sekolah
    FROM facts
    HAVING sum(n_anak) > 0
),

steps AS (
    UNPIVOT counts
    ON identifikasi, verifikasi, terkonfirmasi, asesmen, rujukan, intervensi, kembali_sekolah
    INTO NAME step VALUE n
),

ordered AS (
    SELECT
        s.step,
        s.n::INTEGER AS n,
        o.step_order
    FROM steps AS s
    INNER JOIN (
        VALUES
        ('identifikasi', 1), ('verifikasi', 2), ('terkonfirmasi', 3), ('asesmen', 4), ('rujukan', 5),
        ('intervensi', 6), ('kembali_sekolah', 7)
    ) AS o (step, step_order) USING (step)
),

final AS (
    SELECT
        handling_round($kode, $survey_round) AS survey_round,
        step_order,
        step,
        n,
        per100(n, lag(n) OVER (ORDER BY step_order)) AS pct_prev,
        per100(n, first_value(n) OVER (ORDER BY step_order)) AS pct_identified,
        (SELECT max(max_tanggal) FROM agg_penanganan_kel) AS as_of
    FROM ordered
)

SELECT * FROM final
ORDER BY step_order
