-- Grain: one row per distinct value of a coded or dated column of the file (col, value as written):
-- its canonical code (through import_codes, the vocabulary plus the mapping's recodes) or its date.
-- Parsing the distinct values once and joining them back is what keeps a million-row file fast.
-- Used by: data/importer.py
CREATE OR REPLACE TABLE import_values AS
WITH
coded AS (
    SELECT DISTINCT 'sex' AS col, sex AS value FROM raw WHERE sex IS NOT NULL
    UNION ALL SELECT DISTINCT 'partisipasi', partisipasi FROM raw WHERE partisipasi IS NOT NULL
    UNION ALL SELECT DISTINCT 'kategori_ats', kategori_ats FROM raw WHERE kategori_ats IS NOT NULL
    UNION ALL SELECT DISTINCT 'jenjang', jenjang FROM raw WHERE jenjang IS NOT NULL
    UNION ALL SELECT DISTINCT 'jenjang_terakhir', jenjang_terakhir FROM raw WHERE jenjang_terakhir IS NOT NULL
    UNION ALL SELECT DISTINCT 'alasan', alasan FROM raw WHERE alasan IS NOT NULL
    UNION ALL SELECT DISTINCT 'kegiatan', kegiatan FROM raw WHERE kegiatan IS NOT NULL
    UNION ALL SELECT DISTINCT 'disabilitas', disabilitas FROM raw WHERE disabilitas IS NOT NULL
    UNION ALL SELECT DISTINCT 'jenis_disabilitas', jenis_disabilitas FROM raw WHERE jenis_disabilitas IS NOT NULL
    UNION ALL SELECT DISTINCT 'penerima_bansos', penerima_bansos FROM raw WHERE penerima_bansos IS NOT NULL
    UNION ALL SELECT DISTINCT 'moda_transportasi', moda_transportasi FROM raw WHERE moda_transportasi IS NOT NULL
    UNION ALL SELECT DISTINCT 'status_verifikasi', status_verifikasi FROM raw WHERE status_verifikasi IS NOT NULL
    UNION ALL SELECT DISTINCT 'alasan_bukan_ats', alasan_bukan_ats FROM raw WHERE alasan_bukan_ats IS NOT NULL
    UNION ALL SELECT DISTINCT 'jenis_intervensi', jenis_intervensi FROM raw WHERE jenis_intervensi IS NOT NULL
    UNION ALL SELECT DISTINCT 'hasil', hasil FROM raw WHERE hasil IS NOT NULL
),

dated AS (
    SELECT DISTINCT 'reference_date' AS col, reference_date AS value FROM raw WHERE reference_date IS NOT NULL
    UNION ALL SELECT DISTINCT 'tanggal_pendataan', tanggal_pendataan FROM raw WHERE tanggal_pendataan IS NOT NULL
    UNION ALL SELECT DISTINCT 'tanggal_lahir', tanggal_lahir FROM raw WHERE tanggal_lahir IS NOT NULL
    UNION ALL SELECT DISTINCT 'tanggal_identifikasi', tanggal_identifikasi FROM raw WHERE tanggal_identifikasi IS NOT NULL
    UNION ALL SELECT DISTINCT 'tanggal_verifikasi', tanggal_verifikasi FROM raw WHERE tanggal_verifikasi IS NOT NULL
    UNION ALL SELECT DISTINCT 'tanggal_asesmen', tanggal_asesmen FROM raw WHERE tanggal_asesmen IS NOT NULL
    UNION ALL SELECT DISTINCT 'tanggal_rujukan', tanggal_rujukan FROM raw WHERE tanggal_rujukan IS NOT NULL
    UNION ALL SELECT DISTINCT 'tanggal_intervensi', tanggal_intervensi FROM raw WHERE tanggal_intervensi IS NOT NULL
    UNION ALL SELECT DISTINCT 'tanggal_hasil', tanggal_hasil FROM raw WHERE tanggal_hasil IS NOT NULL
)

SELECT c.col, c.value, k.code, NULL::DATE AS d, trim(c.value) = '' AS blank
FROM coded AS c
LEFT JOIN import_codes AS k ON k.col = c.col AND k.key = lower(trim(c.value))
UNION ALL
SELECT col, value, NULL, import_date(value), trim(value) = ''
FROM dated
