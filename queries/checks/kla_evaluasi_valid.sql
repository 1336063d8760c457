-- Grain: one row per KLA evaluation result that breaks a rule (zero rows = pass): an unknown kab/kota, a year
-- before 2006 or in the future, a score outside 0-1000, an unknown tier, a tier that does not match its score's
-- band (the highest kla_tier.skor_min at or below it: 600.5 is Pratama), a score of 500 or more without a tier, or no source.
-- Used by: the build (data/store.py); data/kla.py refuses the same values with a message before writing
WITH
checked AS (
    SELECT
        e.*,
        w.kode IS NULL AS is_unknown_kab,
        e.tahun < 2006 OR e.tahun > year(current_date) AS is_bad_year,
        coalesce(e.skor < 0 OR e.skor > 1000, FALSE) AS is_bad_score,
        e.tier IS NOT NULL AND t.tier IS NULL AS is_unknown_tier,
        (SELECT arg_max(b.tier, b.skor_min) FROM kla_tier AS b WHERE e.skor >= b.skor_min) AS tier_of_score,
        trim(e.sumber) = '' AS is_missing_source
    FROM kla_evaluasi AS e
    LEFT JOIN wilayah AS w ON w.kode = e.kode_kab AND w.level = 'kab'
    LEFT JOIN kla_tier AS t ON t.tier = e.tier
)

SELECT tahun, kode_kab, skor, tier, tier_of_score
FROM checked
WHERE
    is_unknown_kab OR is_bad_year OR is_bad_score OR is_unknown_tier OR is_missing_source
    OR (skor IS NOT NULL AND tier IS DISTINCT FROM tier_of_score)
