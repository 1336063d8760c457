-- Grain: one row per KLA indicator of the registry (data/reference/kla_indicators.csv), with its framework.
-- Params:
--   framework: VARCHAR, optional, kode of kla_framework. 2021-24 or 2011-31; every framework when null
-- Columns: kode, framework, framework_nama, framework_nama_en, dasar_hukum, klaster, urutan, induk, nama_id, nama_en,
--   definisi_id, definisi_en, satuan, pembilang_id, pembilang_en, penyebut_id, penyebut_en, cara (sensus or input),
--   ukuran, sumber_id, sumber_en, polaritas, target, batas_hijau, batas_kuning, referensi
-- Scope: reference. The indicator registry, the same for everyone (data/scope.py)
-- Child counts: none (the indicator registry); small-cell protection does not apply (tests/test_protection.py)
-- Used by: views/kla.py (framework and indicator choices, definition panel, definitions sheet of the XLSX export)
WITH
final AS (
    SELECT
        i.kode,
        i.framework,
        f.nama_id AS framework_nama,
        f.nama_en AS framework_nama_en,
        f.dasar_hukum,
        i.klaster,
        i.urutan,
        i.induk,
        i.nama_id,
        i.nama_en,
        i.definisi_id,
        i.definisi_en,
        i.satuan,
        i.pembilang_id,
        i.pembilang_en,
        i.penyebut_id,
        i.penyebut_en,
        i.cara,
        i.ukuran,
        i.sumber_id,
        i.sumber_en,
        i.polaritas,
        i.target,
        i.batas_hijau,
        i.batas_kuning,
        i.referensi
    FROM kla_indikator AS i
    INNER JOIN kla_framework AS f ON f.kode = i.framework
    WHERE $framework IS NULL OR i.framework = $framework
)

SELECT * FROM final
ORDER BY framework DESC, urutan
