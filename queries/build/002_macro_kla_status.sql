-- Grain: a scalar macro. kla_status(nilai, polaritas, batas_hijau, batas_kuning): the colour band of a KLA
-- indicator value, 'hijau' (green), 'kuning' (yellow) or 'merah' (red); null when there is no value or no band.
-- polaritas 'naik' (higher is better): green from batas_hijau up, yellow from batas_kuning up.
-- polaritas 'turun' (lower is better): green up to batas_hijau, yellow up to batas_kuning.
-- Used by: read/kla/kla_indicators_by_kab.sql, read/kla/kla_ranking_by_kab.sql
CREATE OR REPLACE MACRO kla_status(nilai, polaritas, batas_hijau, batas_kuning) AS
    CASE
        WHEN nilai IS NULL OR batas_hijau IS NULL OR batas_kuning IS NULL THEN NULL
        WHEN polaritas = 'turun' AND nilai <= batas_hijau THEN 'hijau'
        WHEN polaritas = 'turun' AND nilai <= batas_kuning THEN 'kuning'
        WHEN polaritas = 'turun' THEN 'merah'
        WHEN nilai >= batas_hijau THEN 'hijau'
        WHEN nilai >= batas_kuning THEN 'kuning'
        ELSE 'merah'
    END
