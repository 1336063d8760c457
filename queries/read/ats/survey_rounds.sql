-- Grain: one row per survey round with enumerated households under kode_induk.
-- Coverage compares enumerated desa/kelurahan with all desa/kelurahan of the kab/kota that ran the round.
-- Small-cell protection (README "Small-cell protection"), when `protect`: n_anak_0_18 and n_keluarga from 1 to
-- min_cell-1 are null with their _hidden flags. A household count is protected like a count of children: the census
-- enumerates households to find children, and a desa where it enumerated 1-4 households points at them and their
-- children. The area's counts are protected over its siblings (the units of its parent in the same round, whose
-- counts add up to the parent's, published by this query for the parent), so that the parent's count minus the
-- other units' gives no hidden one away: a complementary unit is hidden too (protect_cells).
-- Params:
--   kode_induk: VARCHAR, optional, kode of wilayah. Any wilayah code (province, kab/kota, kecamatan,
--     desa/kelurahan); the whole store when null
--   min_cell: INTEGER, fixed. k of small-cell protection (ATS_MIN_CELL)
--   protect: BOOLEAN, fixed. Whether small cells are protected (true unless the caller's role sees raw numbers)
-- Columns: survey_round, reference_date (earliest in the area), n_kab, n_kel_enumerated, n_kel_total, coverage_pct,
--   n_keluarga, n_anak_0_18, n_keluarga_hidden, n_anak_0_18_hidden, n_keluarga_small, n_anak_0_18_small (hidden
--   because from 1 to min_cell-1: "< k"; hidden and not small: a complementary cell)
-- Scope: parameter kode_induk. Every row counts the area of kode_induk, which a scoped caller must give (data/scope.py)
-- Used by: app.py (round filter), views/peta.py, views/banding.py (the round the units compared share)
WITH
coverage AS (
    SELECT *
    FROM agg_coverage_kel
    WHERE $kode_induk IS NULL OR kode_kel = $kode_induk OR starts_with(kode_kel, $kode_induk || '.')
),

rounds AS (
    SELECT survey_round, kode_kab, reference_date
    FROM survey_round
    WHERE kode_kab IN (SELECT DISTINCT kode_kab FROM coverage)
),

all_kel AS (
    SELECT r.survey_round, count(*) AS n_kel_total
    FROM rounds AS r
    INNER JOIN wilayah AS w ON w.level = 'kel' AND w.kode_kab = r.kode_kab
    WHERE $kode_induk IS NULL OR w.kode = $kode_induk OR starts_with(w.kode, $kode_induk || '.')
    GROUP BY ALL
),

enumerated AS (
    SELECT
        survey_round,
        count(DISTINCT kode_kab) AS n_kab,
        count(*) AS n_kel_enumerated,
        sum(n_keluarga) AS n_keluarga,
        sum(n_anak_0_18) AS n_anak_0_18
    FROM coverage
    GROUP BY ALL
),

chosen AS (
    SELECT level, kode_induk
    FROM wilayah
    WHERE kode = $kode_induk
),

-- the area and its siblings (the whole store alone when kode_induk is null), per round
sibling_counts AS (
    SELECT
        c.survey_round,
        CASE w.level WHEN 'prov' THEN c.kode_prov WHEN 'kab' THEN c.kode_kab WHEN 'kec' THEN c.kode_kec ELSE c.kode_kel END
            AS kode,
        sum(c.n_keluarga) AS n_keluarga,
        sum(c.n_anak_0_18) AS n_anak_0_18
    FROM agg_coverage_kel AS c
    CROSS JOIN chosen AS w
    WHERE
        $protect
        AND (w.kode_induk IS NULL OR starts_with(c.kode_kel, w.kode_induk || '.'))
    GROUP BY ALL
    UNION ALL
    SELECT survey_round, '' AS kode, sum(n_keluarga) AS n_keluarga, sum(n_anak_0_18) AS n_anak_0_18
    FROM agg_coverage_kel
    WHERE $protect AND $kode_induk IS NULL
    GROUP BY ALL
),

cells AS (
    SELECT
        coalesce(kode, '') || '|' || survey_round AS rk, ck, n, ck || '|' || survey_round AS g1, NULL AS g2, NULL AS g3,
        NULL::INTEGER[] AS totals
    FROM sibling_counts
    UNPIVOT (n FOR ck IN (n_keluarga, n_anak_0_18))
),

protected AS (
    SELECT
        split_part(rk, '|', 2)::INTEGER AS survey_round,
        bool_or(hidden) FILTER (WHERE ck = 'n_keluarga') AS n_keluarga_hidden,
        bool_or(hidden) FILTER (WHERE ck = 'n_anak_0_18') AS n_anak_0_18_hidden,
        bool_or(small) FILTER (WHERE ck = 'n_keluarga') AS n_keluarga_small,
        bool_or(small) FILTER (WHERE ck = 'n_anak_0_18') AS n_anak_0_18_small
    FROM protect_cells(cells, $min_cell, $protect)
    WHERE split_part(rk, '|', 1) = coalesce($kode_induk, '')
    GROUP BY ALL
),

final AS (
    SELECT
        e.survey_round,
        (SELECT min(reference_date) FROM rounds AS r WHERE r.survey_round = e.survey_round) AS reference_date,
        e.n_kab::INTEGER AS n_kab,
        e.n_kel_enumerated::INTEGER AS n_kel_enumerated,
        a.n_kel_total::INTEGER AS n_kel_total,
        per100(e.n_kel_enumerated, a.n_kel_total) AS coverage_pct,
        CASE WHEN p.n_keluarga_hidden THEN NULL ELSE e.n_keluarga END::BIGINT AS n_keluarga,
        CASE WHEN p.n_anak_0_18_hidden THEN NULL ELSE e.n_anak_0_18 END::BIGINT AS n_anak_0_18,
        coalesce(p.n_keluarga_hidden, false) AS n_keluarga_hidden,
        coalesce(p.n_anak_0_18_hidden, false) AS n_anak_0_18_hidden,
        coalesce(p.n_keluarga_small, false) AS n_keluarga_small,
        coalesce(p.n_anak_0_18_small, false) AS n_anak_0_18_small
    FROM enumerated AS e
    LEFT JOIN all_kel AS a USING (survey_round)
    LEFT JOIN protected AS p USING (survey_round)
)

SELECT * FROM final
ORDER BY survey_round
