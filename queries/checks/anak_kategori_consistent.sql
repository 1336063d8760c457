-- Grain: one row per child whose ATS category breaks DOMAIN.md 7.4 (zero rows = pass):
-- ATS only when out of school and aged 7-18; BPB has no last grade; LTM ended grade 6 or 9;
-- DO did not end on a completed terminal grade (6, 9, 12); in-school children (formal or Paket A/B/C) are not ATS.
-- Used by: the build (data/store.py)
SELECT anak_id, survey_round, kode_kel, umur, partisipasi, kategori_ats, kelas_terakhir
FROM anak
WHERE
    (kategori_ats IS NOT NULL AND partisipasi <> 'tidak_sekolah')
    OR (kategori_ats IS NOT NULL AND umur NOT BETWEEN 7 AND 18)
    OR (kategori_ats = 'BPB' AND kelas_terakhir IS NOT NULL)
    OR (kategori_ats = 'LTM' AND coalesce(kelas_terakhir, 0) NOT IN (6, 9))
    OR (kategori_ats = 'DO' AND kelas_terakhir IN (6, 9, 12))
