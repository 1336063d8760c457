-- Grain: one row per child record whose age is outside the census scope 0-18 (zero rows = pass).
-- Used by: the build (data/store.py)
SELECT anak_id, survey_round, kode_kel, umur
FROM anak
WHERE umur NOT BETWEEN 0 AND 18
