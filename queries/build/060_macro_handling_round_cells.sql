-- Grain: a table macro. handling_round_cells(p_kode, p_round, p_sex, p_age_group, p_has_disability, p_kategori_ats,
-- k, p): one row per survey round with handling data under p_kode (p_round only, when given) x count the
-- Penanganan page publishes for the round as a whole, small-cell protected together (README "Small-cell
-- protection"), so the funnel, the headline numbers, the returns per round and the outcomes hide the same cells:
-- survey_round, ck, n_raw, hidden, small (hidden and n_raw from 1 to k-1: published "< k"), n (null when hidden).
-- ck: the funnel steps (identifikasi, verifikasi,
-- terkonfirmasi, asesmen, rujukan, intervensi, kembali_sekolah), the steps counted without a date (nd_verifikasi,
-- which is also terkonfirmasi's, nd_asesmen, nd_rujukan, nd_intervensi), open, retention_base, retained,
-- after_bukan_ats, and the outcomes bukan_ats.<alasan> and hasil.<hasil> (build/040_fct_penanganan_anak.sql).
-- Relations encoded (protect_joint, 059):
--   nesting: each funnel step is a subset of the step before (the children who stop between two steps are an
--     implicit cell: a difference of 1..k-1 is hidden like a small count), a step's undated children of the step,
--     the retention base of the returned, the retained of the base, open and the not-ATS with later steps of the
--     identified;
--   sums: the not-ATS reasons add up to verifikasi - terkonfirmasi; kembali_sekolah + the other results add up to
--     intervensi; kembali_formal + kembali_nonformal = kembali_sekolah; menolak + tidak_memungkinkan + open add up
--     to identifikasi - (verifikasi - terkonfirmasi) - kembali_sekolah (every identified child is not ATS, back in
--     school, refused, not returnable or open).
--   A breakdown whose total is hidden is hidden whole (the not-ATS reasons when verifikasi or terkonfirmasi is, the
--   results other than a return when intervensi is), and open is hidden when a count its sum is made of is.
-- Used by: read/handling/handling_funnel.sql, handling_summary_by_round.sql, handling_outcome_by_type.sql,
--   handling_pathway_by_intervention.sql, handling_reason_by_kategori.sql, handling_reason_by_wilayah.sql,
--   handling_worklist_by_kel.sql (the totals their breakdowns add up to)
CREATE OR REPLACE MACRO handling_round_cells(
    p_kode, p_round, p_sex, p_age_group, p_has_disability, p_kategori_ats, k, p
) AS TABLE
WITH
facts AS (
    SELECT *
    FROM handling_cases(p_kode, p_sex, p_age_group, p_has_disability, p_kategori_ats)
    WHERE p_round IS NULL OR survey_round = p_round
),

counts AS (
    SELECT
        survey_round,
        sum(n_anak) AS identifikasi,
        coalesce(sum(n_anak) FILTER (WHERE is_verified), 0) AS verifikasi,
        coalesce(sum(n_anak) FILTER (WHERE is_confirmed), 0) AS terkonfirmasi,
        coalesce(sum(n_anak) FILTER (WHERE is_assessed), 0) AS asesmen,
        coalesce(sum(n_anak) FILTER (WHERE is_referred), 0) AS rujukan,
        coalesce(sum(n_anak) FILTER (WHERE is_intervened), 0) AS intervensi,
        coalesce(sum(n_anak) FILTER (WHERE is_returned), 0) AS kembali_sekolah,
        coalesce(sum(n_anak) FILTER (WHERE no_date_verifikasi), 0) AS nd_verifikasi,
        coalesce(sum(n_anak) FILTER (WHERE no_date_asesmen), 0) AS nd_asesmen,
        coalesce(sum(n_anak) FILTER (WHERE no_date_rujukan), 0) AS nd_rujukan,
        coalesce(sum(n_anak) FILTER (WHERE no_date_intervensi), 0) AS nd_intervensi,
        coalesce(sum(n_anak) FILTER (WHERE is_open), 0) AS open,
        coalesce(sum(n_anak) FILTER (WHERE is_retained IS NOT NULL), 0) AS retention_base,
        coalesce(sum(n_anak) FILTER (WHERE is_retained), 0) AS retained,
        coalesce(sum(n_anak) FILTER (WHERE has_steps_after_bukan_ats), 0) AS after_bukan_ats
    FROM facts
    GROUP BY survey_round
    HAVING sum(n_anak) > 0
),

headline AS (
    UNPIVOT counts
    ON identifikasi, verifikasi, terkonfirmasi, asesmen, rujukan, intervensi, kembali_sekolah, nd_verifikasi,
        nd_asesmen, nd_rujukan, nd_intervensi, open, retention_base, retained, after_bukan_ats
    INTO NAME ck VALUE n
),

codes AS (
    SELECT *
    FROM (
        VALUES
        ('bukan_ats', 'pindah'), ('bukan_ats', 'lewat_usia'), ('bukan_ats', 'duplikat'),
        ('bukan_ats', 'masih_sekolah'), ('bukan_ats', 'meninggal'),
        ('hasil', 'kembali_formal'), ('hasil', 'kembali_nonformal'), ('hasil', 'dalam_proses'),
        ('hasil', 'menolak'), ('hasil', 'tidak_memungkinkan'), ('hasil', 'belum_ada_hasil')
    ) AS c (outcome_type, outcome)
),

counted AS (
    SELECT survey_round, 'bukan_ats' AS outcome_type, alasan_bukan_ats AS outcome, n_anak FROM facts WHERE is_bukan_ats
    UNION ALL
    SELECT survey_round, 'hasil' AS outcome_type, coalesce(hasil, 'belum_ada_hasil') AS outcome, n_anak
    FROM facts
    WHERE is_intervened
),

outcomes AS (
    -- every code of a kind once its base (verified, intervened) is above zero, as handling_outcome_by_type shows them
    SELECT c.survey_round, o.outcome_type || '.' || o.outcome AS ck, coalesce(sum(x.n_anak), 0) AS n
    FROM counts AS c
    INNER JOIN codes AS o ON (o.outcome_type = 'bukan_ats' AND c.verifikasi > 0) OR (o.outcome_type = 'hasil' AND c.intervensi > 0)
    LEFT JOIN counted AS x ON x.survey_round = c.survey_round AND x.outcome_type = o.outcome_type AND x.outcome = o.outcome
    GROUP BY ALL
),

steps AS (
    SELECT *
    FROM (
        VALUES
        ('identifikasi', NULL), ('verifikasi', ['identifikasi']), ('terkonfirmasi', ['identifikasi', 'verifikasi']),
        ('asesmen', ['identifikasi', 'verifikasi', 'terkonfirmasi']),
        ('rujukan', ['identifikasi', 'verifikasi', 'terkonfirmasi', 'asesmen']),
        ('intervensi', ['identifikasi', 'verifikasi', 'terkonfirmasi', 'asesmen', 'rujukan']),
        ('kembali_sekolah', ['identifikasi', 'verifikasi', 'terkonfirmasi', 'asesmen', 'rujukan', 'intervensi'])
    ) AS s (ck, anc)
),

nesting AS (
    SELECT ck, anc FROM steps
    UNION ALL
    SELECT 'nd_' || ck, list_append(anc, ck) FROM steps WHERE ck IN ('asesmen', 'rujukan', 'intervensi')
    UNION ALL
    -- a verification counted without a date is a confirmed child's (a "not ATS" verdict is a recorded one)
    SELECT 'nd_verifikasi', ['identifikasi', 'verifikasi', 'terkonfirmasi']
    UNION ALL
    SELECT 'retention_base', list_append(anc, ck) FROM steps WHERE ck = 'kembali_sekolah'
    UNION ALL
    SELECT 'retained', list_append(list_append(anc, ck), 'retention_base') FROM steps WHERE ck = 'kembali_sekolah'
    UNION ALL
    SELECT 'after_bukan_ats', ['identifikasi', 'verifikasi']
    UNION ALL
    SELECT 'open', ['identifikasi']
),

cells AS (
    SELECT
        a.survey_round::VARCHAR AS rk,
        a.ck,
        a.n::INTEGER AS n,
        CASE
            WHEN a.ck LIKE 'bukan_ats.%' THEN a.survey_round || '|bukan_ats'
            WHEN a.ck IN ('kembali_sekolah', 'hasil.dalam_proses', 'hasil.menolak', 'hasil.tidak_memungkinkan',
                          'hasil.belum_ada_hasil') THEN a.survey_round || '|hasil'
        END AS g1,
        CASE WHEN a.ck IN ('kembali_sekolah', 'hasil.kembali_formal', 'hasil.kembali_nonformal')
            THEN a.survey_round || '|kembali' END AS g2,
        CASE WHEN a.ck IN ('hasil.menolak', 'hasil.tidak_memungkinkan', 'open') THEN a.survey_round || '|closed' END AS g3,
        CASE WHEN a.ck = 'kembali_sekolah' THEN [2] END AS totals,
        nesting.anc
    FROM (SELECT survey_round, ck, n FROM headline UNION ALL SELECT survey_round, ck, n FROM outcomes) AS a
    LEFT JOIN nesting USING (ck)
),

protected AS (
    SELECT rk::INTEGER AS survey_round, ck, hidden, n FROM protect_joint(cells, k, p)
),

totals_hidden AS (
    SELECT
        survey_round,
        bool_or(hidden) FILTER (WHERE ck IN ('verifikasi', 'terkonfirmasi')) AS bukan_ats,
        bool_or(hidden) FILTER (WHERE ck = 'intervensi') AS hasil,
        bool_or(hidden) FILTER (WHERE ck IN ('identifikasi', 'verifikasi', 'terkonfirmasi', 'kembali_sekolah')) AS open
    FROM protected
    GROUP BY survey_round
),

final AS (
    SELECT
        p.survey_round,
        p.ck,
        c.n AS n_raw,
        p.hidden OR CASE
            WHEN p.ck LIKE 'bukan_ats.%' THEN t.bukan_ats
            WHEN p.ck IN ('hasil.dalam_proses', 'hasil.menolak', 'hasil.tidak_memungkinkan', 'hasil.belum_ada_hasil')
                THEN t.hasil
            WHEN p.ck = 'open' THEN t.open
            ELSE false
        END AS hidden
    FROM protected AS p
    INNER JOIN cells AS c ON c.rk = p.survey_round::VARCHAR AND c.ck = p.ck
    INNER JOIN totals_hidden AS t USING (survey_round)
)

SELECT
    survey_round, ck, n_raw, hidden, hidden AND n_raw BETWEEN 1 AND k - 1 AS small,
    CASE WHEN hidden THEN NULL ELSE n_raw END AS n
FROM final
