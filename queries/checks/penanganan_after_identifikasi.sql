-- Grain: one row per handling event dated before its child's identification in that round,
-- or belonging to no enumerated child (zero rows = pass).
-- Used by: the build (data/store.py)
WITH
identified AS (
    SELECT anak_id, survey_round, min(tanggal) AS tanggal_identifikasi
    FROM penanganan
    WHERE tahap = 'identifikasi'
    GROUP BY ALL
)

SELECT p.event_id, p.anak_id, p.tahap, p.tanggal, i.tanggal_identifikasi
FROM penanganan AS p
LEFT JOIN identified AS i USING (anak_id, survey_round)
WHERE
    i.tanggal_identifikasi IS NULL
    OR p.tanggal < i.tanggal_identifikasi
    OR p.anak_id NOT IN (SELECT anak_id FROM anak)
