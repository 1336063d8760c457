-- Grain: one row per child whose school status breaks DOMAIN.md 7.4 or 7.3 (zero rows = pass):
-- ATS only when out of school and aged 7-18; BPB has no last grade; LTM ended grade 6 or 9; DO did not end on a
-- completed terminal grade (6, 9, 12); in-school children (formal or Paket A/B/C) are not ATS and have no last
-- grade; a child aged 7-18 out of school is ATS or completed grade 12 (no category, kelas_terakhir 12: not ATS
-- under Wajib Belajar 12 Tahun), which only a child aged 16-18 can have; a last level is one of domain/codes.py
-- JENJANG_TERAKHIR_KELAS. Whether the last grade is a grade of the last level is an import rule only
-- (queries/import/020_int_problems.sql): imports before it did not check it, and a store must stay upgradable.
-- Used by: the build (data/store.py)
SELECT anak_id, survey_round, kode_kel, umur, partisipasi, kategori_ats, jenjang_terakhir, kelas_terakhir
FROM anak
WHERE
    (kategori_ats IS NOT NULL AND partisipasi <> 'tidak_sekolah')
    OR (kategori_ats IS NOT NULL AND umur NOT BETWEEN 7 AND 18)
    OR (kategori_ats = 'BPB' AND kelas_terakhir IS NOT NULL)
    OR (kategori_ats = 'LTM' AND coalesce(kelas_terakhir, 0) NOT IN (6, 9))
    OR (kategori_ats = 'DO' AND kelas_terakhir IN (6, 9, 12))
    OR (partisipasi <> 'tidak_sekolah' AND kelas_terakhir IS NOT NULL)
    OR (partisipasi = 'tidak_sekolah' AND kategori_ats IS NULL AND umur BETWEEN 7 AND 18 AND kelas_terakhir IS NULL)
    OR (kategori_ats IS NULL AND kelas_terakhir IS NOT NULL AND (kelas_terakhir <> 12 OR umur NOT BETWEEN 16 AND 18))
    OR (jenjang_terakhir NOT IN ('SD', 'SMP', 'SMA', 'Paket A', 'Paket B', 'Paket C'))
