-- Grain: one row per step of the handling funnel (DOMAIN.md sections 2.4 and 7.3), in funnel order, for the
-- children identified in one round under `kode`: identified -> verified -> confirmed ATS -> assessed -> referred
-- -> intervened -> back in school (formal or non-formal). A recorded later step implies the earlier ones (a child
-- recorded back in school was intervened, referred, assessed, verified and confirmed, dated or not), except after
-- a verification that says "not ATS" (build/040_fct_penanganan_anak.sql), so steps never increase down the
-- funnel; n_no_date says how many of a step's children have no date recorded for it. No rows when no child was
-- identified (a round with no handling data, or filters that select nobody): never a funnel of zeros.
-- Params:
--   kode: VARCHAR, required, kode of wilayah. One wilayah of any level (province, kab/kota, kecamatan, desa/kelurahan)
--   survey_round: INTEGER, optional. Survey round (year) in which the children were identified; the latest round
--     enumerated under kode when null
--   sex: VARCHAR, optional, one of L, P. Both sexes when null
--   age_group: VARCHAR, optional, one of 7-12, 13-15, 16-18. All children 7-18 when null
--   has_disability: BOOLEAN, optional. true: children with disabilities, false: without; all when null
--   kategori_ats: VARCHAR, optional, one of DO, LTM, BPB. The category found by the census; all when null
-- Columns: survey_round, step_order, step, n (children), n_no_date (of them, counted at this step because a later
--   step is recorded, without a date of this step: verifikasi, asesmen, rujukan, intervensi; at terkonfirmasi the
--   confirmed children with no verification recorded; 0 at identifikasi and kembali_sekolah, which always have
--   one), pct_prev (n per 100 of the step before), pct_identified (n per 100 identified), as_of (date of the
--   latest handling event in the store)
-- Scope: parameter kode. Every row counts the children of kode (data/scope.py)
-- Used by: views/penanganan.py (funnel chart and table, the note on steps without a date)
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
        coalesce(sum(n_anak) FILTER (WHERE is_returned), 0) AS kembali_sekolah,
        0 AS identifikasi_no_date,
        coalesce(sum(n_anak) FILTER (WHERE no_date_verifikasi), 0) AS verifikasi_no_date,
        coalesce(sum(n_anak) FILTER (WHERE is_confirmed AND no_date_verifikasi), 0) AS terkonfirmasi_no_date,
        coalesce(sum(n_anak) FILTER (WHERE no_date_asesmen), 0) AS asesmen_no_date,
        coalesce(sum(n_anak) FILTER (WHERE no_date_rujukan), 0) AS rujukan_no_date,
        coalesce(sum(n_anak) FILTER (WHERE no_date_intervensi), 0) AS intervensi_no_date,
        0 AS kembali_sekolah_no_date
    FROM facts
    HAVING sum(n_anak) > 0
),

steps AS (
    UNPIVOT counts
    ON (identifikasi, identifikasi_no_date) AS identifikasi,
        (verifikasi, verifikasi_no_date) AS verifikasi,
        (terkonfirmasi, terkonfirmasi_no_date) AS terkonfirmasi,
        (asesmen, asesmen_no_date) AS asesmen,
        (rujukan, rujukan_no_date) AS rujukan,
        (intervensi, intervensi_no_date) AS intervensi,
        (kembali_sekolah, kembali_sekolah_no_date) AS kembali_sekolah
    INTO NAME step VALUE n, n_no_date
),

ordered AS (
    SELECT
        s.step,
        s.n::INTEGER AS n,
        s.n_no_date::INTEGER AS n_no_date,
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
        n_no_date,
        per100(n, lag(n) OVER (ORDER BY step_order)) AS pct_prev,
        per100(n, first_value(n) OVER (ORDER BY step_order)) AS pct_identified,
        (SELECT max(max_tanggal) FROM agg_penanganan_kel) AS as_of
    FROM ordered
)

SELECT * FROM final
ORDER BY step_order
