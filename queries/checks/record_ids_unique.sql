-- Grain: one row per household, child or handling-event id that occurs more than once (zero rows = pass).
-- The record tables carry no PRIMARY KEY index (it would cost ~1 s per million rows inserted); this is the key.
-- Used by: the build (data/store.py)
SELECT 'keluarga' AS tabel, keluarga_id AS id, count(*) AS n
FROM keluarga
GROUP BY keluarga_id
HAVING count(*) > 1
UNION ALL
SELECT 'anak' AS tabel, anak_id AS id, count(*) AS n
FROM anak
GROUP BY anak_id
HAVING count(*) > 1
UNION ALL
SELECT 'penanganan' AS tabel, event_id AS id, count(*) AS n
FROM penanganan
GROUP BY event_id
HAVING count(*) > 1
