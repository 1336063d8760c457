-- Grain: one row per survey_round x desa/kelurahan x sex x age_group x has_disability, children 7-18: how many
-- were enumerated, how many are out of school by ATS category, how many completed 12 years of school and are not
-- in school (n_tamat12: no ATS category, kelas_terakhir 12; not ATS under Wajib Belajar 12 Tahun, DOMAIN.md 7.3),
-- and how many attend school (formal or non-formal Paket A/B/C, as BPS counts since 2009: the numerator of APS,
-- DOMAIN.md section 3; the n_tamat12 children are not in it, as in BPS's APS).
-- The table every ATS map, trend and participation indicator reads; sums to the counts of the anak table
-- (checks/agg_ats_matches_anak).
-- Used by: read/ats/*.sql, read/trend/*.sql
CREATE OR REPLACE TABLE agg_ats_kel AS
WITH
anak_7_18 AS (
    SELECT
        survey_round,
        kode_kel,
        sex,
        age_group(umur) AS age_group,
        has_disability,
        kategori_ats,
        partisipasi,
        is_tamat12(partisipasi, kategori_ats, kelas_terakhir) AS is_tamat12
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
        count(a.kategori_ats)::INTEGER AS n_ats,
        count(*) FILTER (WHERE a.kategori_ats = 'DO')::INTEGER AS n_do,
        count(*) FILTER (WHERE a.kategori_ats = 'LTM')::INTEGER AS n_ltm,
        count(*) FILTER (WHERE a.kategori_ats = 'BPB')::INTEGER AS n_bpb,
        count(*) FILTER (WHERE a.is_tamat12)::INTEGER AS n_tamat12,
        count(*) FILTER (WHERE a.partisipasi IN ('formal', 'nonformal'))::INTEGER AS n_sekolah,
        count(*) FILTER (WHERE a.partisipasi = 'formal')::INTEGER AS n_formal,
        count(*) FILTER (WHERE a.partisipasi = 'nonformal')::INTEGER AS n_nonformal
    FROM anak_7_18 AS a
    INNER JOIN stg_kelurahan AS k USING (kode_kel)
    GROUP BY ALL
)

SELECT * FROM final
ORDER BY survey_round, kode_kel, sex, age_group, has_disability
