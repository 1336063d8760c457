-- Grain: one row per main reason (alasan) x ATS category (DO, LTM, BPB) among the children confirmed out of
-- school in one round under `kode`: how many, and how many of them were brought back to school (resolved).
-- Reason/category pairs with no confirmed child have no row.
-- Params:
--   kode: VARCHAR, required, kode of wilayah. One wilayah of any level
--   survey_round: INTEGER, optional. Round of identification; the latest round enumerated under kode when null
--   sex: VARCHAR, optional, one of L, P. Both sexes when null
--   age_group: VARCHAR, optional, one of 7-12, 13-15, 16-18. All children 7-18 when null
--   has_disability: BOOLEAN, optional. true: children with disabilities, false: without; all when null
--   kategori_ats: VARCHAR, optional, one of DO, LTM, BPB. All categories when null
-- Columns: survey_round, alasan, alasan_group, kategori_ats, n_confirmed, n_intervened, n_returned,
--   return_pct (n_returned per 100 n_confirmed)
-- Scope: parameter kode. Every row counts the children of kode (data/scope.py)
-- Used by: views/penanganan.py (reason x category heat map, reasons least often resolved)
WITH
facts AS (
    SELECT *
    FROM handling_cases_of_round($kode, $survey_round, $sex, $age_group, $has_disability, $kategori_ats)
    WHERE is_confirmed
),

final AS (
    SELECT
        handling_round($kode, $survey_round) AS survey_round,
        coalesce(alasan, 'tidak_diketahui') AS alasan,
        coalesce(alasan_group, 'tidak_diketahui') AS alasan_group,
        coalesce(kategori_ats, 'tidak_diketahui') AS kategori_ats,
        sum(n_anak)::INTEGER AS n_confirmed,
        coalesce(sum(n_anak) FILTER (WHERE is_intervened), 0)::INTEGER AS n_intervened,
        coalesce(sum(n_anak) FILTER (WHERE is_returned), 0)::INTEGER AS n_returned,
        per100(coalesce(sum(n_anak) FILTER (WHERE is_returned), 0), sum(n_anak)) AS return_pct
    FROM facts
    GROUP BY ALL
)

SELECT * FROM final
ORDER BY alasan, kategori_ats
