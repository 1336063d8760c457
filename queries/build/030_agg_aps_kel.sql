-- Grain: one row per survey_round x desa/kelurahan x sex x age_group x has_disability, children 7-18:
-- how many were enumerated and how many attend school (formal or non-formal Paket A/B/C, as BPS counts since 2009).
-- The table of the participation indicators APS and ATS rate = 100 - APS (DOMAIN.md section 3);
-- sums to the child records (checks/agg_aps_matches_anak).
-- Used by: read/trend/aps_by_round.sql
CREATE OR REPLACE TABLE agg_aps_kel AS
WITH
anak_7_18 AS (
    SELECT
        survey_round,
        kode_kel,
        sex,
        age_group(umur) AS age_group,
        has_disability,
        partisipasi
    FROM anak
    WHERE umur BETWEEN 7 AND 18
),

final AS (
    SELECT
        a.survey_round,
        k.kode_prov,
        k.kode_kab,
        k.kode_kec,
        a.kode_kel,
        a.sex,
        a.age_group,
        a.has_disability,
        count(*)::INTEGER AS n_anak,
        count(*) FILTER (WHERE a.partisipasi IN ('formal', 'nonformal'))::INTEGER AS n_sekolah,
        count(*) FILTER (WHERE a.partisipasi = 'formal')::INTEGER AS n_formal,
        count(*) FILTER (WHERE a.partisipasi = 'nonformal')::INTEGER AS n_nonformal
    FROM anak_7_18 AS a
    INNER JOIN stg_kelurahan AS k USING (kode_kel)
    GROUP BY ALL
)

SELECT * FROM final
ORDER BY survey_round, kode_kel, sex, age_group, has_disability
