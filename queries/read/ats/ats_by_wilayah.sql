-- Grain: one row per wilayah unit at `level` under `kode_induk`: every unit, surveyed or not, in one survey round:
-- survey_round when given, else the latest round with children 7-18 enumerated anywhere under kode_induk, whatever
-- the other filters select (the survey_round column says which). n_anak is null for a unit with no enumerated
-- desa/kelurahan in the round ("not surveyed"); a surveyed unit where the filters select nobody has n_anak = 0 and
-- ats_pct null. kategori_ats narrows n_ats and ats_pct only: n_do, n_ltm and n_bpb stay the count of each category
-- under the other filters (n_ats then equals the chosen one), so the categories not chosen read as the children
-- they are, not as 0.
-- Params:
--   level: VARCHAR, required, one of prov, kab, kec, kel. Level of the rows
--   kode_induk: VARCHAR, optional, kode of wilayah at prov, kab, kec. Code of any unit above `level` (a province for
--     kab; a kab/kota or province for kec; a kecamatan, kab/kota or province for kel); all of the store when null
--   survey_round: INTEGER, optional. Survey round (year); the latest round with data under kode_induk when null
--   sex: VARCHAR, optional, one of L, P. Both sexes when null
--   age_group: VARCHAR, optional, one of 7-12, 13-15, 16-18. All children 7-18 when null
--   has_disability: BOOLEAN, optional. true: children with disabilities, false: without; all when null
--   kategori_ats: VARCHAR, optional, one of DO, LTM, BPB. Which out-of-school children n_ats and ats_pct count (not
--     n_do, n_ltm, n_bpb); all when null
-- Columns: kode, nama, jenis, survey_round (the round answered), is_surveyed, n_anak (children 7-18 enumerated),
--   n_ats, n_do, n_ltm, n_bpb (each category, whatever kategori_ats), ats_pct (n_ats per 100 n_anak),
--   n_tamat12 (completed 12 years of school and not in school: not ATS, not in n_ats)
-- Used by: views/peta.py (map, table and the summary line of the chosen unit), benchmarks/map.py
WITH
units AS (
    SELECT kode, nama, jenis
    FROM wilayah
    WHERE level = $level AND ($kode_induk IS NULL OR starts_with(kode, $kode_induk || '.'))
),

chosen_round AS (
    SELECT coalesce($survey_round, max(survey_round)) AS survey_round
    FROM agg_ats_kel
    WHERE $kode_induk IS NULL OR starts_with(kode_kel, $kode_induk || '.')
),

surveyed AS (
    SELECT DISTINCT
        CASE $level WHEN 'prov' THEN kode_prov WHEN 'kab' THEN kode_kab WHEN 'kec' THEN kode_kec ELSE kode_kel END AS kode
    FROM agg_coverage_kel
    WHERE
        survey_round = (SELECT survey_round FROM chosen_round)
        AND ($kode_induk IS NULL OR starts_with(kode_kel, $kode_induk || '.'))
),

per_unit AS (
    SELECT *
    FROM ats_by_unit($level, $kode_induk, $sex, $age_group, $has_disability, $kategori_ats)
    WHERE survey_round = (SELECT survey_round FROM chosen_round)
),

final AS (
    SELECT
        units.kode,
        units.nama,
        units.jenis,
        (SELECT survey_round FROM chosen_round) AS survey_round,
        surveyed.kode IS NOT NULL AS is_surveyed,
        CASE WHEN surveyed.kode IS NOT NULL THEN coalesce(p.n_anak, 0) END AS n_anak,
        CASE WHEN surveyed.kode IS NOT NULL THEN coalesce(p.n_ats, 0) END AS n_ats,
        CASE WHEN surveyed.kode IS NOT NULL THEN coalesce(p.n_do, 0) END AS n_do,
        CASE WHEN surveyed.kode IS NOT NULL THEN coalesce(p.n_ltm, 0) END AS n_ltm,
        CASE WHEN surveyed.kode IS NOT NULL THEN coalesce(p.n_bpb, 0) END AS n_bpb,
        per100(p.n_ats, p.n_anak) AS ats_pct,
        CASE WHEN surveyed.kode IS NOT NULL THEN coalesce(p.n_tamat12, 0) END AS n_tamat12
    FROM units
    LEFT JOIN surveyed USING (kode)
    LEFT JOIN per_unit AS p USING (kode)
)

SELECT * FROM final
ORDER BY kode
