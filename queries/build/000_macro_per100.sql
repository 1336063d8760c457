-- Grain: a scalar macro. per100(n, d): n per 100 of d, rounded to 2 decimals; null when d is 0 or null,
-- so a unit with nobody to count never shows a misleading 0. The one definition of every rate.
-- Used by: read queries that show a rate (ats_pct, coverage)
CREATE OR REPLACE MACRO per100(n, d) AS CASE WHEN d > 0 THEN round(100.0 * n / d, 2) END
