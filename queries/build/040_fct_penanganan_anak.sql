-- Grain: one row per child identified in a round (an `identifikasi` event in penanganan): how far along the
-- handling funnel the child got (DOMAIN.md sections 2.4 and 7.3), the outcome, and whether a child brought back
-- to school was still in school at the next round of its kab/kota (found by nik_hash anywhere in the store).
-- Funnel flags are cumulative: a step counts only when every step before it happened, so the funnel never
-- increases (identified >= verified >= confirmed >= assessed >= referred >= intervened >= returned).
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
        arg_max(jenis_intervensi, tanggal) FILTER (WHERE tahap = 'intervensi') AS jenis_intervensi,
        arg_max(hasil, tanggal) FILTER (WHERE tahap = 'hasil') AS hasil,
        max(tanggal) FILTER (WHERE tahap = 'hasil') AS tanggal_hasil,
        max(tanggal) AS tanggal_terakhir
    FROM penanganan
    GROUP BY anak_id, survey_round
),

steps AS (
    SELECT
        *,
        has_verifikasi AS is_verified,
        has_verifikasi AND coalesce(status_verifikasi, 'ats') <> 'bukan_ats' AS is_confirmed,
        has_verifikasi AND status_verifikasi = 'bukan_ats' AS is_bukan_ats
    FROM per_child
    WHERE tanggal_identifikasi IS NOT NULL
),

funnel AS (
    SELECT
        *,
        is_confirmed AND has_asesmen AS is_assessed,
        is_confirmed AND has_asesmen AND has_rujukan AS is_referred,
        is_confirmed AND has_asesmen AND has_rujukan AND has_intervensi AS is_intervened
    FROM steps
),

outcome AS (
    SELECT
        *,
        is_intervened AND hasil IN ('kembali_formal', 'kembali_nonformal') AS is_returned,
        NOT is_bukan_ats AND (NOT is_intervened OR hasil IS NULL OR hasil = 'dalam_proses') AS is_open
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
    SELECT survey_round, nik_hash, partisipasi
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
        o.tanggal_terakhir,
        nr.next_survey_round,
        CASE
            WHEN o.is_returned AND later.nik_hash IS NOT NULL THEN later.partisipasi IN ('formal', 'nonformal')
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
