-- Grain: one row per survey round whose aggregate counts differ from the child records (zero rows = pass).
-- Used by: the build (data/store.py)
WITH
raw AS (
    SELECT
        survey_round,
        count(*) AS n_anak,
        count(kategori_ats) AS n_ats,
        count(*) FILTER (WHERE partisipasi = 'tidak_sekolah' AND kategori_ats IS NULL AND kelas_terakhir = 12) AS n_tamat12,
        count(*) FILTER (WHERE partisipasi IN ('formal', 'nonformal')) AS n_sekolah
    FROM anak
    WHERE umur BETWEEN 7 AND 18
    GROUP BY ALL
),

agg AS (
    SELECT survey_round, sum(n_anak) AS n_anak, sum(n_ats) AS n_ats, sum(n_tamat12) AS n_tamat12, sum(n_sekolah) AS n_sekolah
    FROM agg_ats_kel
    GROUP BY ALL
)

SELECT
    coalesce(raw.survey_round, agg.survey_round) AS survey_round,
    raw.n_anak AS raw_n_anak,
    agg.n_anak AS agg_n_anak,
    raw.n_ats AS raw_n_ats,
    agg.n_ats AS agg_n_ats,
    raw.n_tamat12 AS raw_n_tamat12,
    agg.n_tamat12 AS agg_n_tamat12,
    raw.n_sekolah AS raw_n_sekolah,
    agg.n_sekolah AS agg_n_sekolah
FROM raw
FULL OUTER JOIN agg USING (survey_round)
WHERE raw.n_anak IS DISTINCT FROM agg.n_anak OR raw.n_ats IS DISTINCT FROM agg.n_ats
    OR raw.n_tamat12 IS DISTINCT FROM agg.n_tamat12 OR raw.n_sekolah IS DISTINCT FROM agg.n_sekolah
