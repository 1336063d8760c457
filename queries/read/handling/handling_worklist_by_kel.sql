-- Grain: one row per desa/kelurahan under `kode` with open cases among the children identified in one round
-- (counts only, no names): open = not found "not ATS" at verification and without a final result (back in
-- school, refused, not returnable), ordered by the number of open cases, then by the oldest open case.
-- Days open are counted to as_of, the date of the latest handling event in the store.
-- Small-cell protection (README "Small-cell protection"), when `protect`: a count from 1 to min_cell-1 is null with
-- its <column>_hidden flag, and complementary cells are hidden so none can be recovered with the margins, computed
-- over every desa/kelurahan with identified children before the list is cut to max_rows: in each desa n_identified
-- = n_open + the closed cases, n_open = n_open_unverified + n_open_intervened + the other open cases (the
-- differences are counts of their own), and each column adds up to the count of the whole area (n_identified and
-- n_open are the funnel's and the headline's, build/060_macro_handling_round_cells.sql; a column whose total is
-- hidden there is hidden whole). Rows are ordered by the published n_open (hidden ones after), so the order gives no
-- hidden count away.
-- Params:
--   kode: VARCHAR, required, kode of wilayah. One wilayah of any level
--   survey_round: INTEGER, optional. Round of identification; the latest round enumerated under kode when null
--   sex: VARCHAR, optional, one of L, P. Both sexes when null
--   age_group: VARCHAR, optional, one of 7-12, 13-15, 16-18. All children 7-18 when null
--   has_disability: BOOLEAN, optional. true: children with disabilities, false: without; all when null
--   kategori_ats: VARCHAR, optional, one of DO, LTM, BPB. All categories when null
--   max_rows: INTEGER, optional, at least 1. How many desa/kelurahan to list; 15 when null
--   min_cell: INTEGER, fixed. k of small-cell protection (ATS_MIN_CELL)
--   protect: BOOLEAN, fixed. Whether small cells are protected (true unless the caller's role sees raw numbers)
-- Columns: survey_round, kode, nama, nama_kec, n_identified, n_open, n_open_unverified (open, with neither a
--   verification nor a later step recorded), n_open_intervened (open while an intervention runs, recorded or implied
--   by a result: build/040_fct_penanganan_anak.sql), oldest_open_date, days_open, as_of, n_identified_hidden,
--   n_open_hidden, n_open_unverified_hidden, n_open_intervened_hidden (value withheld), n_identified_small,
--   n_open_small, n_open_unverified_small, n_open_intervened_small (hidden because from 1 to min_cell-1: "< k"; hidden and not small: a complementary cell)
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

margins AS (
    SELECT
        coalesce(bool_or(hidden) FILTER (WHERE ck = 'identifikasi'), false) AND $protect AS n_identified,
        coalesce(bool_or(hidden) FILTER (WHERE ck = 'open'), false) AND $protect AS n_open
    FROM handling_round_cells(
        $kode, handling_round($kode, $survey_round), $sex, $age_group, $has_disability, $kategori_ats, $min_cell,
        $protect
    )
),

long AS (
    SELECT
        l.kode_kel,
        l.ck,
        l.n,
        CASE l.ck WHEN 'n_identified' THEN m.n_identified WHEN 'n_open' THEN m.n_open ELSE false END AS pre
    FROM (
        SELECT
            *,
            n_identified - n_open AS n_closed,
            n_open - n_open_unverified - n_open_intervened AS n_open_other
        FROM per_kel
    ) UNPIVOT (n FOR ck IN (n_identified, n_open, n_open_unverified, n_open_intervened, n_closed, n_open_other)) AS l
    CROSS JOIN margins AS m
),

cells AS (
    -- a column whose total is hidden (margins) is hidden whole: its cells enter the protection as unknown
    SELECT
        kode_kel AS rk,
        ck,
        CASE WHEN pre THEN NULL ELSE n END AS n,
        ck AS g1,
        CASE WHEN ck IN ('n_identified', 'n_open', 'n_closed') THEN 'i|' || kode_kel END AS g2,
        CASE WHEN ck IN ('n_open', 'n_open_unverified', 'n_open_intervened', 'n_open_other') THEN 'o|' || kode_kel END
            AS g3,
        list_filter([CASE WHEN ck = 'n_identified' THEN 2 END, CASE WHEN ck = 'n_open' THEN 3 END],
            lambda x: x IS NOT NULL) AS totals
    FROM long
),

protected AS (
    SELECT
        c.rk AS kode_kel,
        bool_or(c.hidden OR l.pre) FILTER (WHERE c.ck = 'n_identified') AS n_identified_hidden,
        bool_or(c.hidden OR l.pre) FILTER (WHERE c.ck = 'n_open') AS n_open_hidden,
        bool_or(c.hidden OR l.pre) FILTER (WHERE c.ck = 'n_open_unverified') AS n_open_unverified_hidden,
        bool_or(c.hidden OR l.pre) FILTER (WHERE c.ck = 'n_open_intervened') AS n_open_intervened_hidden
    FROM protect_cells(cells, $min_cell, $protect) AS c
    INNER JOIN long AS l ON l.kode_kel = c.rk AND l.ck = c.ck
    GROUP BY c.rk
),

final AS (
    SELECT
        handling_round($kode, $survey_round) AS survey_round,
        p.kode_kel AS kode,
        kel.nama,
        kec.nama AS nama_kec,
        CASE WHEN h.n_identified_hidden THEN NULL ELSE p.n_identified END AS n_identified,
        CASE WHEN h.n_open_hidden THEN NULL ELSE p.n_open END AS n_open,
        CASE WHEN h.n_open_unverified_hidden THEN NULL ELSE p.n_open_unverified END AS n_open_unverified,
        CASE WHEN h.n_open_intervened_hidden THEN NULL ELSE p.n_open_intervened END AS n_open_intervened,
        p.oldest_open_date,
        ((SELECT as_of FROM as_of) - p.oldest_open_date)::INTEGER AS days_open,
        (SELECT as_of FROM as_of) AS as_of,
        h.n_identified_hidden,
        h.n_open_hidden,
        h.n_open_unverified_hidden,
        h.n_open_intervened_hidden,
        coalesce(h.n_identified_hidden AND p.n_identified BETWEEN 1 AND $min_cell - 1, false) AS n_identified_small,
        coalesce(h.n_open_hidden AND p.n_open BETWEEN 1 AND $min_cell - 1, false) AS n_open_small,
        coalesce(h.n_open_unverified_hidden AND p.n_open_unverified BETWEEN 1 AND $min_cell - 1, false) AS n_open_unverified_small,
        coalesce(h.n_open_intervened_hidden AND p.n_open_intervened BETWEEN 1 AND $min_cell - 1, false) AS n_open_intervened_small
    FROM per_kel AS p
    INNER JOIN protected AS h USING (kode_kel)
    INNER JOIN wilayah AS kel ON kel.kode = p.kode_kel
    INNER JOIN wilayah AS kec ON kec.kode = p.kode_kec
    WHERE p.n_open > 0
)

SELECT * FROM final
ORDER BY n_open DESC NULLS LAST, oldest_open_date, kode
LIMIT coalesce($max_rows, 15)
