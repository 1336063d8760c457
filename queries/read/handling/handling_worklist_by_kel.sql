-- Grain: one row per desa/kelurahan under `kode` with open cases among the children identified in one round
-- (counts only, no names): open = not found "not ATS" at verification and without a final result (back in
-- school, refused, not returnable), ordered by the number of open cases, then by the oldest open case.
-- Days open are counted to as_of, the date of the latest handling event in the store.
-- Params:
--   kode: VARCHAR, required, kode of wilayah. One wilayah of any level
--   survey_round: INTEGER, optional. Round of identification; the latest round enumerated under kode when null
--   sex: VARCHAR, optional, one of L, P. Both sexes when null
--   age_group: VARCHAR, optional, one of 7-12, 13-15, 16-18. All children 7-18 when null
--   has_disability: BOOLEAN, optional. true: children with disabilities, false: without; all when null
--   kategori_ats: VARCHAR, optional, one of DO, LTM, BPB. All categories when null
--   max_rows: INTEGER, optional, at least 1. How many desa/kelurahan to list; 15 when null
-- Columns: survey_round, kode, nama, nama_kec, n_identified, n_open, n_open_unverified (open, with neither a
--   verification nor a later step recorded), n_open_intervened (open while an intervention runs, recorded or implied
--   by a result: build/040_fct_penanganan_anak.sql), oldest_open_date, days_open, as_of
-- Scope: column kode. Each row is about its desa/kelurahan (under kode) (data/scope.py)
-- Used by: views/penanganan.py (worklist for the meeting)
WITH
as_of AS (
    SELECT max(max_tanggal) AS as_of
    FROM agg_penanganan_kel
),

facts AS (
    SELECT *
    FROM handling_cases_of_round($kode, $survey_round, $sex, $age_group, $has_disability, $kategori_ats)
),

per_kel AS (
    SELECT
        kode_kel,
        kode_kec,
        sum(n_anak)::INTEGER AS n_identified,
        coalesce(sum(n_anak) FILTER (WHERE is_open), 0)::INTEGER AS n_open,
        coalesce(sum(n_anak) FILTER (WHERE is_open AND NOT is_verified), 0)::INTEGER AS n_open_unverified,
        coalesce(sum(n_anak) FILTER (WHERE is_open AND is_intervened), 0)::INTEGER AS n_open_intervened,
        min(min_tanggal_identifikasi) FILTER (WHERE is_open) AS oldest_open_date
    FROM facts
    GROUP BY ALL
),

final AS (
    SELECT
        handling_round($kode, $survey_round) AS survey_round,
        p.kode_kel AS kode,
        kel.nama,
        kec.nama AS nama_kec,
        p.n_identified,
        p.n_open,
        p.n_open_unverified,
        p.n_open_intervened,
        p.oldest_open_date,
        ((SELECT as_of FROM as_of) - p.oldest_open_date)::INTEGER AS days_open,
        (SELECT as_of FROM as_of) AS as_of
    FROM per_kel AS p
    INNER JOIN wilayah AS kel ON kel.kode = p.kode_kel
    INNER JOIN wilayah AS kec ON kec.kode = p.kode_kec
    WHERE p.n_open > 0
)

SELECT * FROM final
ORDER BY n_open DESC, oldest_open_date, kode
LIMIT coalesce($max_rows, 15)
