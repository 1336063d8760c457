-- Grain: one row per kab/kota related to `kode` (the kab/kota itself, the one above a kecamatan or desa, or every
-- kab/kota of a province) x target year of the reference file: the target ATS rate and, when a survey round was
-- held that year, the census ATS rate of all children 7-18 (no filters: targets are set on the overall rate) and
-- whether it is on track (at or below the target). Kab/kota with no target have no rows.
-- Params:
--   kode: VARCHAR, required, kode of wilayah. One wilayah of any level
--   target_file: VARCHAR, fixed. The targets CSV data/reference/target_ats.csv (kode_kab, year, target_ats_pct,
--     source_note), bound by data.queries: no caller names a file
-- Columns: kode_kab, nama, year, target_ats_pct, source_note, survey_round (null when no round that year),
--   n_anak, n_ats, ats_pct, gap_pct (ats_pct - target_ats_pct, percentage points), status (on_track, off_track, or
--   null without a round)
-- Scope: column kode_kab. Each row is about its kab/kota (a kecamatan's caller gets none: its kab/kota
--   is wider) (data/scope.py)
-- Used by: views/tren.py (target lines, on track / off track)
WITH
targets AS (
    SELECT *
    FROM read_csv(
        $target_file,
        header = true,
        columns = {'kode_kab': 'VARCHAR', 'year': 'INTEGER', 'target_ats_pct': 'DOUBLE', 'source_note': 'VARCHAR'}
    )
    WHERE kode_kab = $kode OR starts_with($kode, kode_kab || '.') OR starts_with(kode_kab, $kode || '.')
),

enumerated AS (
    SELECT DISTINCT survey_round, kode_kab
    FROM agg_coverage_kel
    WHERE kode_kab IN (SELECT kode_kab FROM targets)
),

actual AS (
    SELECT survey_round, kode_kab, sum(n_anak)::INTEGER AS n_anak, sum(n_ats)::INTEGER AS n_ats
    FROM agg_ats_kel
    WHERE kode_kab IN (SELECT kode_kab FROM targets)
    GROUP BY ALL
),

final AS (
    SELECT
        t.kode_kab,
        w.nama,
        t.year,
        t.target_ats_pct,
        t.source_note,
        e.survey_round,
        a.n_anak,
        a.n_ats,
        per100(a.n_ats, a.n_anak) AS ats_pct,
        round(per100(a.n_ats, a.n_anak) - t.target_ats_pct, 2) AS gap_pct,
        CASE
            WHEN per100(a.n_ats, a.n_anak) <= t.target_ats_pct THEN 'on_track'
            WHEN per100(a.n_ats, a.n_anak) > t.target_ats_pct THEN 'off_track'
        END AS status
    FROM targets AS t
    INNER JOIN wilayah AS w ON w.kode = t.kode_kab
    LEFT JOIN enumerated AS e ON e.kode_kab = t.kode_kab AND e.survey_round = t.year
    LEFT JOIN actual AS a ON a.kode_kab = t.kode_kab AND a.survey_round = e.survey_round
)

SELECT * FROM final
ORDER BY kode_kab, year
