-- Grain: one row per outcome of two kinds, for the children identified in one round under `kode`:
-- outcome_type 'bukan_ats' (verified as not out of school: pindah, lewat_usia, duplikat, masih_sekolah, meninggal;
-- base = verified children) and outcome_type 'hasil' (result of the intervention: kembali_formal,
-- kembali_nonformal, dalam_proses, menolak, tidak_memungkinkan, or belum_ada_hasil when none is recorded yet;
-- base = intervened children, counted by the rule of build/040_fct_penanganan_anak.sql: a result recorded without
-- an intervention date counts as intervened). Every code of each kind has a row once its base is above zero.
-- Small-cell protection (README "Small-cell protection"), when `protect`: n and n_base are null with their
-- <column>_hidden flag when from 1 to min_cell-1 or complementary, protected together with the funnel and the
-- headline numbers of the round (build/060_macro_handling_round_cells.sql: the reasons add up to verified minus
-- confirmed, the results to the intervened, the two returns to the returned; a kind whose base is hidden is hidden
-- whole); pct is withheld below min_denominator children in n_base or when n or n_base is hidden.
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
-- Columns: survey_round, outcome_type, outcome, n, n_base, pct (n per 100 n_base), n_hidden, n_base_hidden,
--   pct_hidden (value withheld), n_small, n_base_small (hidden because from 1 to min_cell-1: "< k"; hidden and not small: a complementary cell)
-- Scope: parameter kode. Every row counts the children of kode (data/scope.py)
-- Used by: views/penanganan.py (not-ATS reasons and results)
WITH
cells AS (
    SELECT *
    FROM handling_round_cells(
        $kode, handling_round($kode, $survey_round), $sex, $age_group, $has_disability, $kategori_ats, $min_cell,
        $protect
    )
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

bases AS (
    SELECT *
    FROM (VALUES ('bukan_ats', 'verifikasi'), ('hasil', 'intervensi')) AS b (outcome_type, ck)
),

rows AS (
    SELECT
        c.outcome_type, c.outcome, c.ord, o.n_raw, o.hidden, o.small, b.n_raw AS base_raw, b.hidden AS base_hidden,
        b.small AS base_small,
        per100(o.n_raw, b.n_raw) AS pct_raw,
        protect_rate(per100(o.n_raw, b.n_raw), b.n_raw, o.hidden OR b.hidden, $min_denominator, $protect) AS pct
    FROM codes AS c
    INNER JOIN cells AS o ON o.ck = c.outcome_type || '.' || c.outcome
    INNER JOIN bases USING (outcome_type)
    INNER JOIN cells AS b ON b.ck = bases.ck AND b.n_raw > 0
),

final AS (
    SELECT
        handling_round($kode, $survey_round) AS survey_round,
        outcome_type,
        outcome,
        CASE WHEN hidden THEN NULL ELSE n_raw END::INTEGER AS n,
        CASE WHEN base_hidden THEN NULL ELSE base_raw END::INTEGER AS n_base,
        pct,
        hidden AS n_hidden,
        base_hidden AS n_base_hidden,
        pct_raw IS NOT NULL AND pct IS NULL AS pct_hidden,
        small AS n_small,
        base_small AS n_base_small,
        ord
    FROM rows
)

SELECT survey_round, outcome_type, outcome, n, n_base, pct, n_hidden, n_base_hidden, pct_hidden, n_small, n_base_small
FROM final
ORDER BY outcome_type, ord
