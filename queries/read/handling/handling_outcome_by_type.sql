-- Grain: one row per outcome of two kinds, for the children identified in one round under `kode`:
-- outcome_type 'bukan_ats' (verified as not out of school: pindah, lewat_usia, duplikat, masih_sekolah, meninggal;
-- base = verified children) and outcome_type 'hasil' (result of the intervention: kembali_formal,
-- kembali_nonformal, dalam_proses, menolak, tidak_memungkinkan, or belum_ada_hasil when none is recorded yet;
-- base = intervened children, counted by the rule of build/040_fct_penanganan_anak.sql: a result recorded without
-- an intervention date counts as intervened). Every code of each kind has a row once its base is above zero.
-- Params:
--   kode: VARCHAR, required, kode of wilayah. One wilayah of any level
--   survey_round: INTEGER, optional. Round of identification; the latest round enumerated under kode when null
--   sex: VARCHAR, optional, one of L, P. Both sexes when null
--   age_group: VARCHAR, optional, one of 7-12, 13-15, 16-18. All children 7-18 when null
--   has_disability: BOOLEAN, optional. true: children with disabilities, false: without; all when null
--   kategori_ats: VARCHAR, optional, one of DO, LTM, BPB. All categories when null
-- Columns: survey_round, outcome_type, outcome, n, n_base, pct (n per 100 n_base)
-- Scope: parameter kode. Every row counts the children of kode (data/scope.py)
-- Used by: views/penanganan.py (not-ATS reasons and results)
WITH
facts AS (
    SELECT *
    FROM handling_cases_of_round($kode, $survey_round, $sex, $age_group, $has_disability, $kategori_ats)
),

codes AS (
    SELECT *
    FROM (
        VALUES
        ('bukan_ats', 'pindah', 1), ('bukan_ats', 'lewat_usia', 2), ('bukan_ats', 'duplikat', 3),
        ('bukan_ats', 'masih_sekolah', 4), ('bukan_ats', 'meninggal', 5),
        ('hasil', 'kembali_formal', 1), ('hasil', 'kembali_nonformal', 2), ('hasil', 'dalam_proses', 3),
        ('hasil', 'menolak', 4), ('hasil', 'tidak_memungkinkan', 5), ('hasil', 'belum_ada_hasil', 6)
    ) AS c (outcome_type, outcome, ord)
),

counted AS (
    SELECT 'bukan_ats' AS outcome_type, alasan_bukan_ats AS outcome, n_anak FROM facts WHERE is_bukan_ats
    UNION ALL
    SELECT 'hasil' AS outcome_type, coalesce(hasil, 'belum_ada_hasil') AS outcome, n_anak FROM facts WHERE is_intervened
),

per_outcome AS (
    SELECT outcome_type, outcome, sum(n_anak)::INTEGER AS n
    FROM counted
    GROUP BY ALL
),

bases AS (
    SELECT 'bukan_ats' AS outcome_type, sum(n_anak) FILTER (WHERE is_verified) AS n_base FROM facts
    UNION ALL
    SELECT 'hasil' AS outcome_type, sum(n_anak) FILTER (WHERE is_intervened) AS n_base FROM facts
),

final AS (
    SELECT
        handling_round($kode, $survey_round) AS survey_round,
        c.outcome_type,
        c.outcome,
        coalesce(p.n, 0) AS n,
        b.n_base::INTEGER AS n_base,
        per100(coalesce(p.n, 0), b.n_base) AS pct,
        c.ord
    FROM codes AS c
    INNER JOIN bases AS b ON b.outcome_type = c.outcome_type AND b.n_base > 0
    LEFT JOIN per_outcome AS p ON p.outcome_type = c.outcome_type AND p.outcome = c.outcome
)

SELECT survey_round, outcome_type, outcome, n, n_base, pct FROM final
ORDER BY outcome_type, ord
