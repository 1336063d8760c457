-- Grain: one row per kab/kota x year x KLA indicator with a value: census indicators (cara 'sensus') from
-- agg_kla_sensus_kab (year = survey round) and entered ones (cara 'input') from kla_nilai_input. The one
-- place both sources meet, so the scorecard, the trend, the comparison and every export agree.
-- is_demo is null for census values: the store's meta says whether the census is the synthetic demo.
-- Used by: read/kla/kla_indicators_by_kab.sql, read/kla/kla_indicators_by_tahun.sql, read/kla/kla_ranking_by_kab.sql
CREATE OR REPLACE TABLE int_kla_nilai AS
WITH
census AS (
    SELECT
        s.kode_kab,
        s.survey_round AS tahun,
        i.kode,
        s.nilai,
        s.pembilang::DOUBLE AS pembilang,
        s.penyebut::DOUBLE AS penyebut,
        'sensus' AS sumber,
        s.coverage_pct,
        NULL::VARCHAR AS bukti,
        NULL::VARCHAR AS operator,
        NULL::TIMESTAMP AS diubah_pada,
        NULL::BOOLEAN AS is_demo
    FROM agg_kla_sensus_kab AS s
    INNER JOIN kla_indikator AS i ON i.cara = 'sensus' AND i.ukuran = s.ukuran
    WHERE s.nilai IS NOT NULL
),

entered AS (
    SELECT
        v.kode_kab,
        v.tahun,
        v.kode,
        v.nilai,
        v.pembilang,
        v.penyebut,
        'input' AS sumber,
        NULL::DOUBLE AS coverage_pct,
        v.bukti,
        v.operator,
        v.diubah_pada,
        v.is_demo
    FROM kla_nilai_input AS v
    INNER JOIN kla_indikator AS i ON i.kode = v.kode AND i.cara = 'input'
),

final AS (
    SELECT * FROM census
    UNION ALL
    SELECT * FROM entered
)

SELECT * FROM final
ORDER BY kode_kab, tahun, kode
