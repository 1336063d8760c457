-- Grain: one row per child identified in a round (an `identifikasi` event in penanganan): how far along the
-- handling funnel the child got (DOMAIN.md sections 2.4 and 7.3), the outcome, and whether a child brought back
-- to school was still in school at the next round of its kab/kota (found by nik_hash anywhere in the store), or
-- had completed grade 12 by then (is_tamat12: it stayed to the end of Wajib Belajar 12 Tahun, not a drop-out).
-- Counting rule: a recorded later step implies the earlier ones. Field files often record an intervention and
-- its result without the dates of the assessment or the referral (or of the verification): such a child counts
-- as verified, confirmed, assessed, referred and intervened, and a child recorded back in school counts as
-- returned. The no_date_<step> flags mark a step counted without a date of its own (the Penanganan page says how
-- many). One exception: a verification that says "not ATS" (bukan_ats) is the officer's verdict on the child
-- and stands; steps recorded after it are not counted (the child is not confirmed, so not assessed, referred,
-- intervened or returned) and has_steps_after_bukan_ats marks it. Every flag holds only when the one before it
-- holds, so the funnel never increases (identified >= verified >= confirmed >= assessed >= referred >=
-- intervened >= returned).
-- Used by: build/050_agg_penanganan_kel.sql
CREATE OR REPLACE TABLE fct_penanganan_anak AS
WITH
per_child AS (
    SELECT
        anak_id,
        survey_round,
        min(tanggal) FILTER (WHERE tahap = 'identifikasi') AS tanggal_identifikasi,
        bool_or(tahap = 'verifikasi') AS has_verifikasi,
        arg_max(status_verifikasi, tanggal) FILTER (WHERE tahap = 'verifikasi') AS status_verifikasi,
        arg_max(alasan_bukan_ats, tanggal) FILTER (WHERE tahap = 'verifikasi') AS alasan_bukan_ats,
        bool_or(tahap = 'asesmen') AS has_asesmen,
        bool_or(tahap = 'rujukan') AS has_rujukan,
        bool_or(tahap = 'intervensi') AS has_intervensi,
        bool_or(tahap = 'hasil') AS has_hasil,
        arg_max(jenis_intervensi, tanggal) FILTER (WHERE tahap = 'intervensi') AS jenis_intervensi,
        arg_max(hasil, tanggal) FILTER (WHERE tahap = 'hasil') AS hasil,
        max(tanggal) FILTER (WHERE tahap = 'hasil') AS tanggal_hasil,
        max(tanggal) AS tanggal_terakhir
    FROM penanganan
    GROUP BY anak_id, survey_round
),

-- the furthest step recorded, as a number: 0 identified only, 1 verified, 2 assessed, 3 referred, 4 intervened,
-- 5 a result; a step counts when any step at or after it is recorded
reached AS (
    SELECT
        *,
        coalesce(has_verifikasi AND status_verifikasi = 'bukan_ats', false) AS is_bukan_ats,
        CASE
            WHEN has_hasil THEN 5
            WHEN has_intervensi THEN 4
            WHEN has_rujukan THEN 3
            WHEN has_asesmen THEN 2
            WHEN has_verifikasi THEN 1
            ELSE 0
        END AS furthest_step
    FROM per_child
    WHERE tanggal_identifikasi IS NOT NULL
),

funnel AS (
    SELECT
        *,
        furthest_step >= 1 AS is_verified,
        furthest_step >= 1 AND NOT is_bukan_ats AS is_confirmed,
        furthest_step >= 2 AND NOT is_bukan_ats AS is_assessed,
        furthest_step >= 3 AND NOT is_bukan_ats AS is_referred,
        furthest_step >= 4 AND NOT is_bukan_ats AS is_intervened,
        is_bukan_ats AND furthest_step >= 2 AS has_steps_after_bukan_ats
    FROM reached
),

outcome AS (
    SELECT
        *,
        is_intervened AND hasil IN ('kembali_formal', 'kembali_nonformal') AS is_returned,
        NOT is_bukan_ats AND (NOT is_intervened OR hasil IS NULL OR hasil = 'dalam_proses') AS is_open,
        is_verified AND NOT has_verifikasi AS no_date_verifikasi,
        is_assessed AND NOT has_asesmen AS no_date_asesmen,
        is_referred AND NOT has_rujukan AS no_date_rujukan,
        is_intervened AND NOT has_intervensi AS no_date_intervensi
    FROM funnel
),

next_round AS (
    SELECT
        r.survey_round,
        r.kode_kab,
        (SELECT min(n.survey_round) FROM survey_round AS n WHERE n.kode_kab = r.kode_kab AND n.survey_round > r.survey_round)
            AS next_survey_round
    FROM survey_round AS r
),

-- the children of the rounds that follow another: none when the store has one round per kab/kota, so the
-- lookup below does not hash a million children for nothing
later_rounds AS (
    SELECT survey_round, nik_hash, partisipasi IN ('formal', 'nonformal') OR is_tamat12(partisipasi, kategori_ats, kelas_terakhir)
        AS stayed
    FROM anak
    WHERE survey_round IN (SELECT next_survey_round FROM next_round) AND nik_hash IS NOT NULL
),

final AS (
    SELECT
        o.anak_id,
        o.survey_round,
        k.kode_prov,
        k.kode_kab,
        k.kode_kec,
        a.kode_kel,
        a.sex,
        age_group(a.umur) AS age_group,
        a.has_disability,
        a.kategori_ats,
        a.alasan,
        a.alasan_group,
        o.tanggal_identifikasi,
        o.is_verified,
        o.is_confirmed,
        o.is_bukan_ats,
        CASE WHEN o.is_bukan_ats THEN o.alasan_bukan_ats END AS alasan_bukan_ats,
        o.is_assessed,
        o.is_referred,
        o.is_intervened,
        CASE WHEN o.is_intervened THEN o.jenis_intervensi END AS jenis_intervensi,
        CASE WHEN o.is_intervened THEN o.hasil END AS hasil,
        o.is_returned,
        CASE WHEN o.is_returned THEN (o.tanggal_hasil - o.tanggal_identifikasi)::INTEGER END AS days_to_return,
        o.is_open,
        o.no_date_verifikasi,
        o.no_date_asesmen,
        o.no_date_rujukan,
        o.no_date_intervensi,
        o.has_steps_after_bukan_ats,
        o.tanggal_terakhir,
        nr.next_survey_round,
        CASE
            WHEN o.is_returned AND later.nik_hash IS NOT NULL THEN later.stayed
        END AS is_retained
    FROM outcome AS o
    INNER JOIN anak AS a USING (anak_id)
    INNER JOIN stg_kelurahan AS k ON k.kode_kel = a.kode_kel
    LEFT JOIN next_round AS nr ON nr.survey_round = o.survey_round AND nr.kode_kab = k.kode_kab
    LEFT JOIN later_rounds AS later
        ON o.is_returned AND later.survey_round = nr.next_survey_round AND later.nik_hash = a.nik_hash
)

SELECT * FROM final
ORDER BY survey_round, kode_kel, anak_id
