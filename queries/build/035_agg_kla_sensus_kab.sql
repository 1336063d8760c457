-- Grain: one row per survey_round x kab/kota x census measure (ukuran) of the KLA cluster IV indicators:
-- aps_7_12, aps_13_15, aps_16_18, aps_7_18 (children in school, formal or non-formal, per 100 enumerated: BPS's
-- APS, agg_ats_kel.n_sekolah), ats_7_18 (out of school, DO + LTM + BPB, per 100 enumerated 7-18: 100 - aps_7_18
-- less the children 16-18 who completed 12 years, who are not ATS), paud_3_6 and paud_5_6 (children in PAUD
-- or in school per 100 enumerated of that age). Year of a census value = its survey round. Only enumerated
-- desa/kelurahan count; coverage_pct says how much of the kab/kota that is.
-- Used by: read/kla/kla_indicators_by_kab.sql, read/kla/kla_indicators_by_tahun.sql, read/kla/kla_ranking_by_kab.sql
CREATE OR REPLACE TABLE agg_kla_sensus_kab AS
WITH
by_age_group AS (
    SELECT survey_round, kode_kab, age_group, sum(n_anak) AS n_anak, sum(n_ats) AS n_ats, sum(n_sekolah) AS n_sekolah
    FROM agg_ats_kel
    GROUP BY ALL
),

school_age AS (
    SELECT survey_round, kode_kab, 'aps_' || replace(age_group, '-', '_') AS ukuran, n_sekolah AS pembilang, n_anak AS penyebut
    FROM by_age_group
    UNION ALL
    SELECT survey_round, kode_kab, 'aps_7_18' AS ukuran, sum(n_sekolah) AS pembilang, sum(n_anak) AS penyebut
    FROM by_age_group
    GROUP BY ALL
    UNION ALL
    SELECT survey_round, kode_kab, 'ats_7_18' AS ukuran, sum(n_ats) AS pembilang, sum(n_anak) AS penyebut
    FROM by_age_group
    GROUP BY ALL
),

paud_ages AS (
    SELECT * FROM (VALUES ('paud_3_6', 3, 6), ('paud_5_6', 5, 6)) AS m (ukuran, umur_min, umur_max)
),

early_childhood AS (
    SELECT
        a.survey_round,
        k.kode_kab,
        m.ukuran,
        count(*) FILTER (WHERE a.partisipasi <> 'tidak_sekolah') AS pembilang,
        count(*) AS penyebut
    FROM anak AS a
    INNER JOIN stg_kelurahan AS k USING (kode_kel)
    INNER JOIN paud_ages AS m ON a.umur BETWEEN m.umur_min AND m.umur_max
    GROUP BY ALL
),

kel_total AS (
    SELECT kode_kab, count(*) AS n_kel_total
    FROM stg_kelurahan
    GROUP BY ALL
),

coverage AS (
    SELECT c.survey_round, c.kode_kab, per100(count(*), any_value(t.n_kel_total)) AS coverage_pct
    FROM agg_coverage_kel AS c
    INNER JOIN kel_total AS t USING (kode_kab)
    GROUP BY ALL
),

measures AS (
    SELECT * FROM school_age
    UNION ALL
    SELECT * FROM early_childhood
),

final AS (
    SELECT
        m.survey_round,
        m.kode_kab,
        m.ukuran,
        m.pembilang::BIGINT AS pembilang,
        m.penyebut::BIGINT AS penyebut,
        per100(m.pembilang, m.penyebut) AS nilai,
        c.coverage_pct
    FROM measures AS m
    LEFT JOIN coverage AS c USING (survey_round, kode_kab)
)

SELECT * FROM final
ORDER BY survey_round, kode_kab, ukuran
