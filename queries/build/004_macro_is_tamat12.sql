-- Grain: a scalar macro. is_tamat12(partisipasi, kategori_ats, kelas_terakhir): the child has completed 12 years of
-- school and is not in school: not ATS under Wajib Belajar 12 Tahun (DOMAIN.md 7.3), not attending either (BPS APS).
-- The import writes a status of TAMAT12 (or a blank category with grade 12 last attended) this way.
-- Used by: build/010_agg_ats_kel.sql (n_tamat12), build/040_fct_penanganan_anak.sql (a returned child who then
-- completes grade 12 has stayed in school to the end: retained)
CREATE OR REPLACE MACRO is_tamat12(partisipasi, kategori_ats, kelas_terakhir) AS
    partisipasi = 'tidak_sekolah' AND kategori_ats IS NULL AND kelas_terakhir = 12
