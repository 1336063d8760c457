-- Grain: a scalar macro. protect_count(n, k, p): the count n as published: null when p (protection on) and n is
-- from 1 to k-1 (a small cell, shown as "< k"); true zeros and counts of k or more are published as they are.
-- The primary rule of small-cell protection (README, "Small-cell protection"); protect_cells adds the secondary one.
-- Used by: read queries that publish a count of children outside protect_cells
CREATE OR REPLACE MACRO protect_count(n, k, p) AS CASE WHEN p AND n BETWEEN 1 AND k - 1 THEN NULL ELSE n END
