-- Grain: a scalar macro. store_is_demo(): whether the store holds the synthetic demo data (meta is_demo),
-- read when a query runs (the writer stamps meta after the build). False when the stamp is missing.
-- Used by: read/kla/kla_indicators_by_kab.sql, read/kla/kla_indicators_by_tahun.sql, read/kla/kla_ranking_by_kab.sql
CREATE OR REPLACE MACRO store_is_demo() AS (
    SELECT coalesce(any_value(value) = 'True', FALSE)
    FROM meta
    WHERE key = 'is_demo'
)
