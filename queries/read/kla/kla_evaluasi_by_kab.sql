-- Grain: one row per kab/kota x year with a KLA evaluation result (KemenPPPA): the tier history.
-- skor is null where only the tier was published; is_demo marks the synthetic demo rows (published results,
-- with their source, are not demo).
-- Params:
--   kode_kab: VARCHAR, optional, kode of wilayah at kab. One kab/kota; every kab/kota (under kode_prov) when null
--   kode_prov: VARCHAR, optional, kode of wilayah at prov. Province, when kode_kab is null; all when null
-- Columns: kode_kab, nama_kab, tahun, skor, tier, tier_urutan (1 Pratama .. 5 KLA; null below 500), sumber, is_demo
-- Scope: column kode_kab. Each row is about its kab/kota (data/scope.py)
-- Child counts: none (published KLA scores and tiers); small-cell protection does not apply (tests/test_protection.py)
-- Used by: views/kla.py (tier and its history)
WITH
evaluations AS (
    SELECT *
    FROM kla_evaluasi
    WHERE
        ($kode_kab IS NULL OR kode_kab = $kode_kab)
        AND ($kode_prov IS NULL OR starts_with(kode_kab, $kode_prov || '.'))
),

final AS (
    SELECT
        e.kode_kab,
        w.nama AS nama_kab,
        e.tahun,
        e.skor,
        e.tier,
        t.urutan AS tier_urutan,
        e.sumber,
        e.is_demo
    FROM evaluations AS e
    LEFT JOIN wilayah AS w ON w.kode = e.kode_kab
    LEFT JOIN kla_tier AS t USING (tier)
)

SELECT * FROM final
ORDER BY kode_kab, tahun
