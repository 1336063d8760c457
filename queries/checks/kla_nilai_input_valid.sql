-- Grain: one row per entered KLA value that breaks a rule (zero rows = pass): an indicator not in the registry
-- or computed from the census, an unknown kab/kota, a percentage outside 0-100, a negative or fractional count,
-- a numerator above its denominator, a year before 2000 or in the future, no evidence or no operator.
-- Used by: the build (data/store.py); data/kla.py refuses the same values with a message before writing
WITH
checked AS (
    SELECT
        v.*,
        i.kode IS NULL AS is_unknown_indicator,
        i.cara IS DISTINCT FROM 'input' AS is_not_entered,
        w.kode IS NULL AS is_unknown_kab,
        i.satuan = 'persen' AND (v.nilai < 0 OR v.nilai > 100) AS is_bad_percentage,
        i.satuan = 'jumlah' AND (v.nilai < 0 OR v.nilai <> round(v.nilai)) AS is_bad_count,
        v.pembilang < 0 OR v.penyebut < 0 OR (i.satuan = 'persen' AND v.pembilang > v.penyebut) AS is_bad_fraction,
        v.tahun < 2000 OR v.tahun > year(current_date) AS is_bad_year,
        trim(v.bukti) = '' OR trim(v.operator) = '' AS is_missing_text
    FROM kla_nilai_input AS v
    LEFT JOIN kla_indikator AS i USING (kode)
    LEFT JOIN wilayah AS w ON w.kode = v.kode_kab AND w.level = 'kab'
)

SELECT kode_kab, tahun, kode, nilai, pembilang, penyebut
FROM checked
WHERE
    is_unknown_indicator OR is_not_entered OR is_unknown_kab OR is_bad_percentage OR is_bad_count
    OR coalesce(is_bad_fraction, FALSE) OR is_bad_year OR is_missing_text
