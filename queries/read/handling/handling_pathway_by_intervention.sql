-- Grain: one row per intervention type used for the children identified in one round under `kode`
-- (formal, paket_a, paket_b, paket_c, lkp, beasiswa, bansos, konseling, dokumen): how often it was used and how
-- often it ended in a return to school, with the median days from identification to the return. Intervened and
-- returned follow the counting rule of build/040_fct_penanganan_anak.sql: a child with a result recorded but no
-- intervention is counted as intervened, under jenis_intervensi 'tidak_diketahui' (type not recorded).
-- Params:
--   kode: VARCHAR, required, kode of wilayah. One wilayah of any level
--   survey_round: INTEGER, optional. Round of identification; the latest round enumerated under kode when null
--   sex: VARCHAR, optional, one of L, P. Both sexes when null
--   age_group: VARCHAR, optional, one of 7-12, 13-15, 16-18. All children 7-18 when null
--   has_disability: BOOLEAN, optional. true: children with disabilities, false: without; all when null
--   kategori_ats: VARCHAR, optional, one of DO, LTM, BPB. All categories when null
-- Columns: survey_round, jenis_intervensi (a code above, or tidak_diketahui), n_intervened, n_returned, n_returned_formal, n_returned_nonformal,
--   return_pct (n_returned per 100 n_intervened), median_days_to_return (null when nobody returned)
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

final AS (
    SELECT
        handling_round($kode, $survey_round) AS survey_round,
        p.jenis_intervensi,
        p.n_intervened,
        p.n_returned,
        p.n_returned_formal,
        p.n_returned_nonformal,
        per100(p.n_returned, p.n_intervened) AS return_pct,
        m.median_days_to_return
    FROM per_type AS p
    LEFT JOIN median_days AS m USING (jenis_intervensi)
)

SELECT * FROM final
ORDER BY n_intervened DESC, jenis_intervensi
