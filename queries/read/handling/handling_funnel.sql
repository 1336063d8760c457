-- Grain: one row per step of the handling funnel (DOMAIN.md sections 2.4 and 7.3), in funnel order, for the
-- children identified in one round under `kode`: identified -> verified -> confirmed ATS -> assessed -> referred
-- -> intervened -> back in school (formal or non-formal). A recorded later step implies the earlier ones (a child
-- recorded back in school was intervened, referred, assessed, verified and confirmed, dated or not), except after
-- a verification that says "not ATS" (build/040_fct_penanganan_anak.sql), so steps never increase down the
-- funnel; n_no_date says how many of a step's children have no date recorded for it. No rows when no child was
-- identified (a round with no handling data, or filters that select nobody): never a funnel of zeros.
-- Small-cell protection (README "Small-cell protection"), when `protect`: n and n_no_date from 1 to min_cell-1 are
-- null with their <column>_hidden flag, and the steps are protected as nested counts (each step's children are among
-- the step before's): the children who stop between two published steps are a difference of 0 or of min_cell or
-- more, and a hidden step lies between published ones at least min_cell apart (build/058-060); the same cells as
-- handling_summary_by_round and handling_outcome_by_type hide (build/060_macro_handling_round_cells.sql). pct_prev
-- and pct_identified are withheld below min_denominator children or when a count they are made of is hidden.
-- Params:
--   kode: VARCHAR, required, kode of wilayah. One wilayah of any level (province, kab/kota, kecamatan, desa/kelurahan)
--   survey_round: INTEGER, optional. Survey round (year) in which the children were identified; the latest round
--     enumerated under kode when null
--   sex: VARCHAR, optional, one of L, P. Both sexes when null
--   age_group: VARCHAR, optional, one of 7-12, 13-15, 16-18. All children 7-18 when null
--   has_disability: BOOLEAN, optional. true: children with disabilities, false: without; all when null
--   kategori_ats: VARCHAR, optional, one of DO, LTM, BPB. The category found by the census; all when null
--   min_cell: INTEGER, fixed. k of small-cell protection (ATS_MIN_CELL)
--   min_denominator: INTEGER, fixed. Fewest children a published rate is computed on (ATS_MIN_DENOMINATOR)
--   protect: BOOLEAN, fixed. Whether small cells are protected (true unless the caller's role sees raw numbers)
-- Columns: survey_round, step_order, step, n (children), n_no_date (of them, counted at this step because a later
--   step is recorded, without a date of this step: verifikasi, asesmen, rujukan, intervensi; at terkonfirmasi the
--   confirmed children with no verification recorded; 0 at identifikasi and kembali_sekolah, which always have
--   one), pct_prev (n per 100 of the step before), pct_identified (n per 100 identified), as_of (date of the
--   latest handling event in the store), n_hidden, n_no_date_hidden, pct_prev_hidden, pct_identified_hidden (value
--   withheld), n_small, n_no_date_small (hidden because from 1 to min_cell-1: "< k"; hidden and not small: a complementary cell)
-- Scope: parameter kode. Every row counts the children of kode (data/scope.py)
-- Used by: views/penanganan.py (funnel chart and table, the note on steps without a date)
WITH
cells AS (
    SELECT ck, n_raw, hidden, small, n
    FROM handling_round_cells(
        $kode, handling_round($kode, $survey_round), $sex, $age_group, $has_disability, $kategori_ats, $min_cell,
        $protect
    )
),

steps AS (
    SELECT o.step_order, o.step, s.n_raw, s.hidden, s.n, d.n_raw AS nd_raw, coalesce(d.hidden, false) AS nd_hidden,
        s.small, o.no_date IS NOT NULL AND coalesce(d.small, false) AS nd_small,
        CASE WHEN o.no_date IS NULL THEN 0 ELSE d.n END AS n_no_date
    FROM (
        VALUES
        ('identifikasi', 1, NULL), ('verifikasi', 2, 'nd_verifikasi'), ('terkonfirmasi', 3, 'nd_verifikasi'),
        ('asesmen', 4, 'nd_asesmen'), ('rujukan', 5, 'nd_rujukan'), ('intervensi', 6, 'nd_intervensi'),
        ('kembali_sekolah', 7, NULL)
    ) AS o (step, step_order, no_date)
    INNER JOIN cells AS s ON s.ck = o.step
    LEFT JOIN cells AS d ON d.ck = o.no_date
),

rated AS (
    SELECT
        *,
        per100(n_raw, lag(n_raw) OVER (ORDER BY step_order)) AS pct_prev_raw,
        lag(n_raw) OVER (ORDER BY step_order) AS prev_raw,
        hidden OR lag(hidden) OVER (ORDER BY step_order) AS prev_parts_hidden,
        per100(n_raw, first_value(n_raw) OVER (ORDER BY step_order)) AS pct_identified_raw,
        first_value(n_raw) OVER (ORDER BY step_order) AS first_raw,
        hidden OR first_value(hidden) OVER (ORDER BY step_order) AS first_parts_hidden
    FROM steps
),

final AS (
    SELECT
        handling_round($kode, $survey_round) AS survey_round,
        step_order,
        step,
        n,
        n_no_date,
        protect_rate(pct_prev_raw, prev_raw, prev_parts_hidden, $min_denominator, $protect) AS pct_prev,
        protect_rate(pct_identified_raw, first_raw, first_parts_hidden, $min_denominator, $protect) AS pct_identified,
        (SELECT max(max_tanggal) FROM agg_penanganan_kel) AS as_of,
        hidden AS n_hidden,
        nd_hidden AS n_no_date_hidden,
        pct_prev_raw IS NOT NULL AND protect_rate(pct_prev_raw, prev_raw, prev_parts_hidden, $min_denominator, $protect) IS NULL
            AS pct_prev_hidden,
        pct_identified_raw IS NOT NULL
            AND protect_rate(pct_identified_raw, first_raw, first_parts_hidden, $min_denominator, $protect) IS NULL
            AS pct_identified_hidden,
        small AS n_small,
        nd_small AS n_no_date_small
    FROM rated
)

SELECT * FROM final
ORDER BY step_order
