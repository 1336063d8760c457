-- Grain: one row per survey round in which `kode` was enumerated x BPS age group (7-12, 13-15, 16-18 and the
-- whole 7-18): the school participation rate APS = attending school (formal or non-formal Paket A/B/C) per 100
-- children of the age group, and the ATS rate = 100 - APS (DOMAIN.md section 3). Census counts, not estimates.
-- BPS's 100 - APS counts every child not attending school, so also those aged 16-18 who completed grade 12 and
-- did not continue (n_tamat12; not ATS under Wajib Belajar 12 Tahun, DOMAIN.md 7.3); the census ATS count of the
-- maps (DO, LTM, BPB: n_ats, ats_pct) leaves them out. Every out-of-school child 7-18 is one or the other (the
-- import's rules, checks/anak_kategori_consistent), so ats_rate = ats_pct + tamat12_pct up to rounding.
-- Params:
--   kode: VARCHAR, required, kode of wilayah. One wilayah of any level (province, kab/kota, kecamatan, desa/kelurahan)
--   sex: VARCHAR, optional, one of L, P. Both sexes when null
--   has_disability: BOOLEAN, optional. true: children with disabilities, false: without; all when null
-- Columns: survey_round, age_group, n_anak (children of the age group enumerated), n_sekolah (attending school),
--   n_formal, n_nonformal, aps (n_sekolah per 100 n_anak), ats_rate (100 - aps), n_ats (ATS: DO, LTM, BPB),
--   ats_pct (n_ats per 100 n_anak), n_tamat12 (completed 12 years, not in school), tamat12_pct (per 100 n_anak)
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
)

SELECT survey_round, age_group, n_anak, n_sekolah, n_formal, n_nonformal, aps, ats_rate, n_ats, ats_pct, n_tamat12,
    tamat12_pct
FROM final
ORDER BY survey_round, ord
