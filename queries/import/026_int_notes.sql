-- Grain: one row per note of the import report (a remark that rejects nothing: the rows are accepted and stored),
-- with how many accepted out-of-school children it concerns; kinds with no child have no row. The handling
-- counting rule (queries/build/040_fct_penanganan_anak.sql, docs/import-format.md) makes a recorded later step
-- imply the earlier ones, so the report says how many children it applies to:
--   handling_no_date (one row per step: verifikasi, asesmen, rujukan, intervensi): a later handling date is given
--     but not the step's own, so the child is counted as having passed the step without a date for it;
--   handling_after_bukan_ats: verified "not ATS" (tanggal_verifikasi with status_verifikasi bukan_ats) with later
--     handling dates: the verification stands and those steps are not counted;
--   handling_code_no_date (one row per code_column: status_verifikasi, jenis_intervensi, hasil): a code given
--     without the date of its step; a handling step is stored only with its date, so the code is not stored.
-- Columns: code, step (the handling step: verifikasi, asesmen, rujukan, intervensi, hasil; its date column is
--   tanggal_<step>), code_column (handling_code_no_date only), n (children), note (English; the Impor page says
--   impor.note.<code> of ui/i18n.py with step, code_column and n)
-- Used by: data/importer/
CREATE OR REPLACE TABLE notes AS
WITH
ats AS (
    SELECT
        coalesce(tanggal_verifikasi IS NOT NULL AND status_verifikasi = 'bukan_ats', false) AS is_bukan_ats,
        tanggal_verifikasi IS NOT NULL AS has_verifikasi,
        tanggal_asesmen IS NOT NULL AS has_asesmen,
        tanggal_rujukan IS NOT NULL AS has_rujukan,
        tanggal_intervensi IS NOT NULL AS has_intervensi,
        tanggal_hasil IS NOT NULL AS has_hasil,
        status_verifikasi IS NOT NULL AND tanggal_verifikasi IS NULL AS status_no_date,
        jenis_intervensi IS NOT NULL AND tanggal_intervensi IS NULL AS jenis_no_date,
        hasil IS NOT NULL AND tanggal_hasil IS NULL AS hasil_no_date
    FROM accepted
    WHERE is_ats AND tanggal_identifikasi_eff IS NOT NULL
),

counts AS (
    SELECT
        count(*) FILTER (WHERE NOT has_verifikasi AND (has_asesmen OR has_rujukan OR has_intervensi OR has_hasil))
            AS verifikasi,
        count(*) FILTER (WHERE NOT is_bukan_ats AND NOT has_asesmen AND (has_rujukan OR has_intervensi OR has_hasil))
            AS asesmen,
        count(*) FILTER (WHERE NOT is_bukan_ats AND NOT has_rujukan AND (has_intervensi OR has_hasil)) AS rujukan,
        count(*) FILTER (WHERE NOT is_bukan_ats AND NOT has_intervensi AND has_hasil) AS intervensi,
        count(*) FILTER (WHERE is_bukan_ats AND (has_asesmen OR has_rujukan OR has_intervensi OR has_hasil))
            AS after_bukan_ats,
        count(*) FILTER (WHERE status_no_date) AS status_verifikasi,
        count(*) FILTER (WHERE jenis_no_date) AS jenis_intervensi,
        count(*) FILTER (WHERE hasil_no_date) AS hasil
    FROM ats
),

found AS (
    SELECT 1 AS ord, 'handling_no_date' AS code, 'verifikasi' AS step, NULL AS code_column, verifikasi AS n,
        'verified' AS counted_as
    FROM counts
    UNION ALL
    SELECT 2, 'handling_no_date', 'asesmen', NULL, asesmen, 'assessed' FROM counts
    UNION ALL
    SELECT 3, 'handling_no_date', 'rujukan', NULL, rujukan, 'referred' FROM counts
    UNION ALL
    SELECT 4, 'handling_no_date', 'intervensi', NULL, intervensi, 'intervened' FROM counts
    UNION ALL
    SELECT 5, 'handling_after_bukan_ats', 'verifikasi', NULL, after_bukan_ats, NULL FROM counts
    UNION ALL
    SELECT 6, 'handling_code_no_date', 'verifikasi', 'status_verifikasi', status_verifikasi, NULL FROM counts
    UNION ALL
    SELECT 7, 'handling_code_no_date', 'intervensi', 'jenis_intervensi', jenis_intervensi, NULL FROM counts
    UNION ALL
    SELECT 8, 'handling_code_no_date', 'hasil', 'hasil', hasil, NULL FROM counts
),

final AS (
    SELECT
        ord,
        code,
        step,
        code_column,
        n,
        CASE code
            WHEN 'handling_no_date' THEN
                n || if(n = 1, ' out-of-school child has', ' out-of-school children have')
                || ' a later handling step but no tanggal_' || step || ': counted as '
                || counted_as || ' (a recorded later step implies the earlier ones), not rejected'
            WHEN 'handling_after_bukan_ats' THEN
                n || if(n = 1, ' child', ' children') || ' verified not out of school (status_verifikasi bukan_ats) '
                || if(n = 1, 'has', 'have') || ' later handling dates: '
                || 'the verification stands, so those steps are not counted'
            ELSE
                n || if(n = 1, ' out-of-school child has ', ' out-of-school children have ') || code_column
                || ' without tanggal_' || step
                || ': a handling step is stored with its date, so this ' || code_column || ' was not stored'
        END AS note
    FROM found
    WHERE n > 0
)

SELECT code, step, code_column, n::INTEGER AS n, note FROM final
ORDER BY ord
