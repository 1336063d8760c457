-- Grain: one row per survey round in which `kode` was enumerated x BPS age group (7-12, 13-15, 16-18 and the
-- whole 7-18): the school participation rate APS = attending school (formal or non-formal Paket A/B/C) per 100
-- children of the age group, and the ATS rate = 100 - APS (DOMAIN.md section 3). Census counts, not estimates.
-- BPS's 100 - APS counts every child not attending school, so also those aged 16-18 who completed grade 12 and
-- did not continue (n_tamat12; not ATS under Wajib Belajar 12 Tahun, DOMAIN.md 7.3); the census ATS count of the
-- maps (DO, LTM, BPB: n_ats, ats_pct) leaves them out. Every out-of-school child 7-18 is one or the other (the
-- import's rules, checks/anak_kategori_consistent), so ats_rate = ats_pct + tamat12_pct up to rounding.
-- Small-cell protection (README "Small-cell protection"), when `protect`: a count from 1 to min_cell-1 is null with its
-- <column>_hidden flag, and so is a count that would give one away: the age groups add up to 7-18 in each round,
-- n_formal + n_nonformal = n_sekolah, and n_anak - n_sekolah (children not in school, not a column) is protected as
-- a count too, and it is n_ats + n_tamat12; aps and ats_rate are withheld below min_denominator children or when a count they reveal is hidden.
-- Params:
--   kode: VARCHAR, required, kode of wilayah. One wilayah of any level (province, kab/kota, kecamatan, desa/kelurahan)
--   sex: VARCHAR, optional, one of L, P. Both sexes when null
--   has_disability: BOOLEAN, optional. true: children with disabilities, false: without; all when null
--   min_cell: INTEGER, fixed. k of small-cell protection (ATS_MIN_CELL)
--   min_denominator: INTEGER, fixed. Fewest children a published rate is computed on (ATS_MIN_DENOMINATOR)
--   protect: BOOLEAN, fixed. Whether small cells are protected (true unless the caller's role sees raw numbers)
-- Columns: survey_round, age_group, n_anak (children of the age group enumerated), n_sekolah (attending school),
--   n_formal, n_nonformal, aps (n_sekolah per 100 n_anak), ats_rate (100 - aps), n_ats (ATS: DO, LTM, BPB),
--   ats_pct (n_ats per 100 n_anak), n_tamat12 (completed 12 years, not in school), tamat12_pct (per 100 n_anak),
--   n_anak_hidden, n_sekolah_hidden, n_formal_hidden, n_nonformal_hidden, n_ats_hidden, n_tamat12_hidden,
--   aps_hidden (aps and ats_rate withheld), ats_pct_hidden, tamat12_pct_hidden, and beside each count's
--   <column>_hidden its <column>_small: true when the count is hidden because it is from 1 to min_cell-1 ("< k"),
--   false for a complementary cell
-- Scope: parameter kode. Every row counts the children of kode (data/scope.py)
-- Used by: views/tren.py (participation indicators)
WITH
rounds AS (
    SELECT DISTINCT survey_round
    FROM agg_coverage_kel
    WHERE kode_kel = $kode OR starts_with(kode_kel, $kode || '.')
),

facts AS (
    SELECT * FROM ats_facts($kode, $sex, NULL, $has_disability)
),

groups AS (
    SELECT * FROM (VALUES ('7-12', 1), ('13-15', 2), ('16-18', 3), ('7-18', 4)) AS g (age_group, ord)
),

per_group AS (
    SELECT survey_round, age_group, n_anak, n_sekolah, n_formal, n_nonformal, n_ats, n_tamat12 FROM facts
    UNION ALL
    SELECT survey_round, '7-18' AS age_group, n_anak, n_sekolah, n_formal, n_nonformal, n_ats, n_tamat12 FROM facts
),

summed AS (
    SELECT
        survey_round,
        age_group,
        sum(n_anak)::INTEGER AS n_anak,
        sum(n_sekolah)::INTEGER AS n_sekolah,
        sum(n_formal)::INTEGER AS n_formal,
        sum(n_nonformal)::INTEGER AS n_nonformal,
        sum(n_ats)::INTEGER AS n_ats,
        sum(n_tamat12)::INTEGER AS n_tamat12
    FROM per_group
    GROUP BY ALL
),

final AS (
    SELECT
        r.survey_round,
        g.age_group,
        coalesce(s.n_anak, 0) AS n_anak,
        coalesce(s.n_sekolah, 0) AS n_sekolah,
        coalesce(s.n_formal, 0) AS n_formal,
        coalesce(s.n_nonformal, 0) AS n_nonformal,
        per100(s.n_sekolah, s.n_anak) AS aps,
        round(100 - per100(s.n_sekolah, s.n_anak), 2) AS ats_rate,
        coalesce(s.n_ats, 0) AS n_ats,
        per100(s.n_ats, s.n_anak) AS ats_pct,
        coalesce(s.n_tamat12, 0) AS n_tamat12,
        per100(s.n_tamat12, s.n_anak) AS tamat12_pct,
        g.ord
    FROM rounds AS r
    CROSS JOIN groups AS g
    LEFT JOIN summed AS s ON s.survey_round = r.survey_round AND s.age_group = g.age_group
),

cells AS (
    SELECT
        survey_round || '|' || age_group AS rk,
        ck,
        n,
        ck || '|' || survey_round AS g1,  -- the age groups and 7-18
        -- within a row: formal + non-formal = attending; ATS + completed 12 = not attending (n_luar)
        CASE WHEN ck IN ('n_formal', 'n_nonformal', 'n_sekolah') THEN survey_round || '|' || age_group || '|s'
             WHEN ck IN ('n_ats', 'n_tamat12', 'n_luar') THEN survey_round || '|' || age_group || '|l' END AS g2,
        CASE WHEN ck IN ('n_sekolah', 'n_luar', 'n_anak') THEN survey_round || '|' || age_group END AS g3,
        -- the totals of those groups: 7-18 of the age groups, attending and not attending of their parts, children
        list_filter([
            CASE WHEN age_group = '7-18' THEN 1 END,
            CASE WHEN ck IN ('n_sekolah', 'n_luar') THEN 2 END,
            CASE WHEN ck = 'n_anak' THEN 3 END
        ], lambda x: x IS NOT NULL) AS totals
    FROM (SELECT *, n_anak - n_sekolah AS n_luar FROM final)
        UNPIVOT (n FOR ck IN (n_anak, n_sekolah, n_formal, n_nonformal, n_luar, n_ats, n_tamat12))
),

protected AS (
    SELECT
        rk,
        any_value(n) FILTER (WHERE ck = 'n_anak') AS n_anak,
        bool_or(hidden) FILTER (WHERE ck = 'n_anak') AS n_anak_hidden,
        bool_or(small) FILTER (WHERE ck = 'n_anak') AS n_anak_small,
        any_value(n) FILTER (WHERE ck = 'n_sekolah') AS n_sekolah,
        bool_or(hidden) FILTER (WHERE ck = 'n_sekolah') AS n_sekolah_hidden,
        bool_or(small) FILTER (WHERE ck = 'n_sekolah') AS n_sekolah_small,
        any_value(n) FILTER (WHERE ck = 'n_formal') AS n_formal,
        bool_or(hidden) FILTER (WHERE ck = 'n_formal') AS n_formal_hidden,
        bool_or(small) FILTER (WHERE ck = 'n_formal') AS n_formal_small,
        any_value(n) FILTER (WHERE ck = 'n_nonformal') AS n_nonformal,
        bool_or(hidden) FILTER (WHERE ck = 'n_nonformal') AS n_nonformal_hidden,
        bool_or(small) FILTER (WHERE ck = 'n_nonformal') AS n_nonformal_small,
        any_value(n) FILTER (WHERE ck = 'n_ats') AS n_ats,
        bool_or(hidden) FILTER (WHERE ck = 'n_ats') AS n_ats_hidden,
        bool_or(small) FILTER (WHERE ck = 'n_ats') AS n_ats_small,
        any_value(n) FILTER (WHERE ck = 'n_tamat12') AS n_tamat12,
        bool_or(hidden) FILTER (WHERE ck = 'n_tamat12') AS n_tamat12_hidden,
        bool_or(small) FILTER (WHERE ck = 'n_tamat12') AS n_tamat12_small,
        bool_or(hidden) FILTER (WHERE ck IN ('n_anak', 'n_sekolah', 'n_luar')) AS any_hidden,
        bool_or(hidden) FILTER (WHERE ck IN ('n_anak', 'n_ats')) AS ats_hidden,
        bool_or(hidden) FILTER (WHERE ck IN ('n_anak', 'n_tamat12')) AS tamat12_hidden
    FROM protect_cells(cells, $min_cell, $protect)
    GROUP BY rk
),

published AS (
    SELECT
        f.survey_round,
        f.age_group,
        p.n_anak,
        p.n_sekolah,
        p.n_formal,
        p.n_nonformal,
        protect_rate(f.aps, f.n_anak, p.any_hidden, $min_denominator, $protect) AS aps,
        protect_rate(f.ats_rate, f.n_anak, p.any_hidden, $min_denominator, $protect) AS ats_rate,
        p.n_anak_hidden,
        p.n_anak_small,
        p.n_sekolah_hidden,
        p.n_sekolah_small,
        p.n_formal_hidden,
        p.n_formal_small,
        p.n_nonformal_hidden,
        p.n_nonformal_small,
        p.n_ats,
        protect_rate(f.ats_pct, f.n_anak, p.ats_hidden, $min_denominator, $protect) AS ats_pct,
        p.n_tamat12,
        protect_rate(f.tamat12_pct, f.n_anak, p.tamat12_hidden, $min_denominator, $protect) AS tamat12_pct,
        p.n_ats_hidden,
        p.n_ats_small,
        p.n_tamat12_hidden,
        p.n_tamat12_small,
        f.aps AS aps_raw,
        f.ats_pct AS ats_pct_raw,
        f.tamat12_pct AS tamat12_pct_raw,
        f.ord
    FROM final AS f
    INNER JOIN protected AS p ON p.rk = f.survey_round || '|' || f.age_group
)

SELECT
    survey_round, age_group, n_anak, n_sekolah, n_formal, n_nonformal, aps, ats_rate, n_ats, ats_pct, n_tamat12,
    tamat12_pct, n_anak_hidden, n_anak_small, n_sekolah_hidden, n_sekolah_small, n_formal_hidden, n_formal_small,
    n_nonformal_hidden, n_nonformal_small, n_ats_hidden, n_ats_small, n_tamat12_hidden, n_tamat12_small,
    aps_raw IS NOT NULL AND aps IS NULL AS aps_hidden, ats_pct_raw IS NOT NULL AND ats_pct IS NULL AS ats_pct_hidden,
    tamat12_pct_raw IS NOT NULL AND tamat12_pct IS NULL AS tamat12_pct_hidden
FROM published
ORDER BY survey_round, ord
