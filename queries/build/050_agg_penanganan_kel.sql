-- Grain: one row per survey_round x desa/kelurahan x child attributes (sex, age_group, has_disability,
-- kategori_ats, alasan) x handling state (funnel flags, not-ATS reason, intervention, outcome, days to return,
-- retention, open or closed, the steps counted without a date of their own, steps recorded after a "not ATS"
-- verification): the number of identified children in that state. The funnel flags follow the counting rule of
-- build/040_fct_penanganan_anak.sql (a recorded later step implies the earlier ones, unless the child was
-- verified not ATS). Every handling read query sums this table; it sums to fct_penanganan_anak
-- (checks/agg_penanganan_matches_events).
-- Used by: read/handling/*.sql
CREATE OR REPLACE TABLE agg_penanganan_kel AS
SELECT
    survey_round,
    kode_prov,
    kode_kab,
    kode_kec,
    kode_kel,
    sex,
    age_group,
    has_disability,
    kategori_ats,
    alasan,
    alasan_group,
    is_verified,
    is_confirmed,
    is_bukan_ats,
    alasan_bukan_ats,
    is_assessed,
    is_referred,
    is_intervened,
    jenis_intervensi,
    hasil,
    is_returned,
    days_to_return,
    is_retained,
    is_open,
    no_date_verifikasi,
    no_date_asesmen,
    no_date_rujukan,
    no_date_intervensi,
    has_steps_after_bukan_ats,
    count(*)::INTEGER AS n_anak,
    min(tanggal_identifikasi) AS min_tanggal_identifikasi,
    max(tanggal_terakhir) AS max_tanggal
FROM fct_penanganan_anak
GROUP BY ALL
ORDER BY survey_round, kode_kel
