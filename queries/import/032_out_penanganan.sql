-- Grain: one row per handling event of an accepted out-of-school child, in the shape of the store's penanganan
-- table: identification on tanggal_identifikasi (else the household's tanggal_pendataan), then one event per
-- handling date given (verifikasi, asesmen, rujukan, intervensi, hasil) with its status, type or outcome.
-- A view: computed once, while it is inserted into the store.
-- Used by: data/importer/validate.py
CREATE OR REPLACE VIEW out_penanganan AS
WITH
ats AS (
    SELECT * FROM accepted WHERE is_ats
),

events AS (
    SELECT anak_id, survey_round, kode_kel, 'identifikasi' AS tahap, tanggal_identifikasi_eff AS tanggal,
        NULL AS status_verifikasi, NULL AS alasan_bukan_ats, NULL AS jenis_intervensi, NULL AS hasil
    FROM ats
    UNION ALL
    SELECT anak_id, survey_round, kode_kel, 'verifikasi', tanggal_verifikasi, status_verifikasi,
        CASE WHEN status_verifikasi = 'bukan_ats' THEN alasan_bukan_ats END, NULL, NULL
    FROM ats
    UNION ALL
    SELECT anak_id, survey_round, kode_kel, 'asesmen', tanggal_asesmen, NULL, NULL, NULL, NULL
    FROM ats
    UNION ALL
    SELECT anak_id, survey_round, kode_kel, 'rujukan', tanggal_rujukan, NULL, NULL, NULL, NULL
    FROM ats
    UNION ALL
    SELECT anak_id, survey_round, kode_kel, 'intervensi', tanggal_intervensi, NULL, NULL, jenis_intervensi, NULL
    FROM ats
    UNION ALL
    SELECT anak_id, survey_round, kode_kel, 'hasil', tanggal_hasil, NULL, NULL, NULL, hasil
    FROM ats
)

SELECT
    import_id(hash('penanganan', anak_id, tahap)) AS event_id,
    anak_id,
    survey_round,
    kode_kel,
    tahap,
    tanggal,
    status_verifikasi::VARCHAR AS status_verifikasi,
    alasan_bukan_ats::VARCHAR AS alasan_bukan_ats,
    jenis_intervensi::VARCHAR AS jenis_intervensi,
    hasil::VARCHAR AS hasil
FROM events
WHERE tanggal IS NOT NULL
