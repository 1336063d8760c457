-- Grain: a scalar macro. age_group(umur): the BPS participation age group (7-12, 13-15, 16-18) of an
-- age in completed years; null outside 7-18.
-- Used by: build/010_agg_ats_kel.sql
CREATE OR REPLACE MACRO age_group(umur) AS
    CASE
        WHEN umur BETWEEN 7 AND 12 THEN '7-12'
        WHEN umur BETWEEN 13 AND 15 THEN '13-15'
        WHEN umur BETWEEN 16 AND 18 THEN '16-18'
    END
