-- Grain: a scalar macro. protect_rate(rate, d, parts_hidden, d_min, p): the rate as published: null when p
-- (protection on) and its denominator d is below d_min, or when any count it is made of (numerator, denominator,
-- or a count it reveals by difference) is hidden (parts_hidden), so a hidden count cannot be recovered as
-- rate x denominator / 100.
-- Used by: read queries that publish a rate of protected counts
CREATE OR REPLACE MACRO protect_rate(rate, d, parts_hidden, d_min, p) AS
    CASE WHEN p AND (d IS NULL OR d < d_min OR coalesce(parts_hidden, false)) THEN NULL ELSE rate END
