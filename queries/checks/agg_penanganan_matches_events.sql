-- Grain: one row per survey round whose handling aggregate does not count every identified child exactly once,
-- or whose funnel increases from one step to the next (zero rows = pass).
-- Used by: the build (data/store.py)
WITH
raw AS (
    SELECT survey_round, count(DISTINCT anak_id) AS n_identified
    FROM penanganan
    WHERE tahap = 'identifikasi'
    GROUP BY ALL
),

agg AS (
    SELECT
        survey_round,
        sum(n_anak) AS n_identified,
        sum(n_anak) FILTER (WHERE is_verified) AS n_verified,
        sum(n_anak) FILTER (WHERE is_confirmed) AS n_confirmed,
        sum(n_anak) FILTER (WHERE is_assessed) AS n_assessed,
        sum(n_anak) FILTER (WHERE is_referred) AS n_referred,
        sum(n_anak) FILTER (WHERE is_intervened) AS n_intervened,
        sum(n_anak) FILTER (WHERE is_returned) AS n_returned
    FROM agg_penanganan_kel
    GROUP BY ALL
)

SELECT
    coalesce(raw.survey_round, agg.survey_round) AS survey_round,
    raw.n_identified AS raw_n_identified,
    agg.n_identified AS agg_n_identified
FROM raw
FULL OUTER JOIN agg USING (survey_round)
WHERE
    raw.n_identified IS DISTINCT FROM agg.n_identified
    OR coalesce(agg.n_verified, 0) > agg.n_identified
    OR coalesce(agg.n_confirmed, 0) > coalesce(agg.n_verified, 0)
    OR coalesce(agg.n_assessed, 0) > coalesce(agg.n_confirmed, 0)
    OR coalesce(agg.n_referred, 0) > coalesce(agg.n_assessed, 0)
    OR coalesce(agg.n_intervened, 0) > coalesce(agg.n_referred, 0)
    OR coalesce(agg.n_returned, 0) > coalesce(agg.n_intervened, 0)
