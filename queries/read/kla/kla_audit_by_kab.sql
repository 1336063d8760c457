-- Grain: one row per change of an entered KLA value of one kab/kota (the audit trail), newest first.
-- Params:
--   kode_kab: VARCHAR, required, kode of wilayah at kab. The kab/kota
--   tahun: INTEGER, optional. Only changes of values of this year; all years when null
-- Columns: audit_id, diubah_pada, operator, aksi (isi, ubah, impor, demo), tahun, kode, indikator, indikator_en,
--   nilai_lama, nilai_baru, bukti, berkas
-- Scope: parameter kode_kab. Every row is a change of a value of kode_kab (data/scope.py)
-- Child counts: none (the audit trail of indicator values entered per kab/kota, not census counts); small-cell protection does not apply (tests/test_protection.py)
-- Used by: views/kla.py (audit trail)
WITH
final AS (
    SELECT
        a.audit_id,
        a.diubah_pada,
        a.operator,
        a.aksi,
        a.tahun,
        a.kode,
        i.nama_id AS indikator,
        i.nama_en AS indikator_en,
        a.nilai_lama,
        a.nilai_baru,
        a.bukti,
        a.berkas
    FROM kla_audit AS a
    LEFT JOIN kla_indikator AS i USING (kode)
    WHERE a.kode_kab = $kode_kab AND ($tahun IS NULL OR a.tahun = $tahun)
)

SELECT * FROM final
ORDER BY audit_id DESC
