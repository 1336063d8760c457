-- Grain: one row per survey round with enumerated households under kode_induk.
-- Coverage compares enumerated desa/kelurahan with all desa/kelurahan of the kab/kota that ran the round.
-- Params:
--   kode_induk: VARCHAR, optional, kode of wilayah. Any wilayah code (province, kab/kota, kecamatan,
--     desa/kelurahan); the whole store when null
-- Columns: survey_round, reference_date (earliest in the area), n_kab, n_kel_enumerated, n_kel_total, coverage_pct,
--   n_keluarga, n_anak_0_18
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

final AS (
    SELECT
        e.survey_round,
        (SELECT min(reference_date) FROM rounds AS r WHERE r.survey_round = e.survey_round) AS reference_date,
        e.n_kab::INTEGER AS n_kab,
        e.n_kel_enumerated::INTEGER AS n_kel_enumerated,
        a.n_kel_total::INTEGER AS n_kel_total,
        per100(e.n_kel_enumerated, a.n_kel_total) AS coverage_pct,
        e.n_keluarga::BIGINT AS n_keluarga,
        e.n_anak_0_18::BIGINT AS n_anak_0_18
    FROM enumerated AS e
    LEFT JOIN all_kel AS a USING (survey_round)
)

SELECT * FROM final
ORDER BY survey_round
