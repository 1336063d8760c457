-- Grain: one row per wilayah unit at `level` under `kode_induk` with at least one child confirmed out of school
-- in the round x main reason (alasan): how many confirmed children give that reason, and their share of the
-- unit's confirmed children. A unit with confirmed children has a row for every reason met in the area (0 when
-- none of its children gives it); units with none have no rows.
-- Params:
--   level: VARCHAR, required, one of kab, kec, kel. Level of the rows
--   kode_induk: VARCHAR, required, kode of wilayah at prov, kab, kec. A unit above `level` (the chosen wilayah)
--   survey_round: INTEGER, optional. Round of identification; the latest round enumerated under kode_induk when null
--   sex: VARCHAR, optional, one of L, P. Both sexes when null
--   age_group: VARCHAR, optional, one of 7-12, 13-15, 16-18. All children 7-18 when null
--   has_disability: BOOLEAN, optional. true: children with disabilities, false: without; all when null
--   kategori_ats: VARCHAR, optional, one of DO, LTM, BPB. All categories when null
-- Columns: survey_round, kode, nama, alasan, n_confirmed, n_unit (confirmed children of the unit),
--   share_pct (n_confirmed per 100 n_unit)
-- Scope: column kode. Each row is about its unit (under kode_induk) (data/scope.py)
-- Used by: views/penanganan.py (reason x wilayah heat map), views/peta.py (main reasons in the unit profile,
--   ui/profile.py)
WITH
facts AS (
    SELECT
        CASE $level WHEN 'kab' THEN kode_kab WHEN 'kec' THEN kode_kec ELSE kode_kel END AS kode,
        coalesce(alasan, 'tidak_diketahui') AS alasan,
        n_anak
    FROM handling_cases_of_round($kode_induk, $survey_round, $sex, $age_group, $has_disability, $kategori_ats)
    WHERE is_confirmed
),

per_cell AS (
    SELECT kode, alasan, sum(n_anak)::INTEGER AS n_confirmed
    FROM facts
    GROUP BY ALL
),

per_unit AS (
    SELECT kode, sum(n_confirmed)::INTEGER AS n_unit
    FROM per_cell
    GROUP BY ALL
),

reasons AS (
    SELECT DISTINCT alasan
    FROM per_cell
),

final AS (
    SELECT
        handling_round($kode_induk, $survey_round) AS survey_round,
        u.kode,
        w.nama,
        r.alasan,
        coalesce(c.n_confirmed, 0) AS n_confirmed,
        u.n_unit,
        per100(coalesce(c.n_confirmed, 0), u.n_unit) AS share_pct
    FROM per_unit AS u
    CROSS JOIN reasons AS r
    INNER JOIN wilayah AS w ON w.kode = u.kode AND w.level = $level
    LEFT JOIN per_cell AS c ON c.kode = u.kode AND c.alasan = r.alasan
)

SELECT * FROM final
ORDER BY kode, alasan
