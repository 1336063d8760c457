-- Grain: one row per survey_round x enumerated desa/kelurahan: the census coverage.
-- A desa/kelurahan is enumerated in a round when it has at least one household in it.
-- Used by: read/ats/ats_by_wilayah.sql (surveyed or not), read/ats/survey_rounds.sql, read/wilayah/wilayah_by_induk.sql
CREATE OR REPLACE TABLE agg_coverage_kel AS
WITH
households AS (
    SELECT survey_round, kode_kel, count(*)::INTEGER AS n_keluarga
    FROM keluarga
    GROUP BY ALL
),

children AS (
    SELECT survey_round, kode_kel, count(*)::INTEGER AS n_anak_0_18
    FROM anak
    GROUP BY ALL
),

final AS (
    SELECT
        h.survey_round,
        k.kode_prov,
        k.kode_kab,
        k.kode_kec,
        h.kode_kel,
        h.n_keluarga,
        coalesce(c.n_anak_0_18, 0) AS n_anak_0_18
    FROM households AS h
    INNER JOIN stg_kelurahan AS k USING (kode_kel)
    LEFT JOIN children AS c USING (survey_round, kode_kel)
)

SELECT * FROM final
ORDER BY survey_round, kode_kel
