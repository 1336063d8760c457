-- Grain: one row per entered KLA value whose latest audit row is missing or records another value
-- (zero rows = pass): every change of kla_nilai_input is in kla_audit.
-- Used by: the build (data/store.py)
WITH
latest_audit AS (
    SELECT kode_kab, tahun, kode, arg_max(nilai_baru, audit_id) AS nilai_baru
    FROM kla_audit
    GROUP BY ALL
)

SELECT v.kode_kab, v.tahun, v.kode, v.nilai, a.nilai_baru AS nilai_audit
FROM kla_nilai_input AS v
LEFT JOIN latest_audit AS a USING (kode_kab, tahun, kode)
WHERE a.nilai_baru IS DISTINCT FROM v.nilai
