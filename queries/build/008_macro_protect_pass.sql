-- Grain: a table macro. protect_pass(cells, dim, k): one step of secondary (complementary) protection over the long
-- table `cells` (rk, ck, n, g1, g2, g3, h) of the non-zero cells of a published table, for the grouping column `dim`
-- (cells whose group is null belong to none). g1 groups sibling cells whose sum is published elsewhere (the units of
-- one parent, the groups of a breakdown): a group with exactly one hidden cell, or whose hidden cells sum to 1..k-1,
-- also hides its smallest published cell (k or more; ties broken by rk, ck, so every table picks the same), after
-- which its hidden cells are two or more and sum to k or more. g2 and g3 group the parts of one unit's count with
-- that count (n_do, n_ltm, n_bpb and n_ats; formal, non-formal and attending): a group with any hidden cell hides
-- all of them, so no published part bounds a hidden one.
-- Used by: 009_macro_protect_cells.sql
CREATE OR REPLACE MACRO protect_pass(cells, dim, k) AS TABLE
WITH
grouped AS (
    SELECT *, CASE dim WHEN 1 THEN g1 WHEN 2 THEN g2 ELSE g3 END AS g FROM query_table(cells)
),

flagged AS (
    SELECT g, min({'n': n, 'rk': rk, 'ck': ck}) FILTER (WHERE NOT h) AS pick
    FROM grouped
    WHERE g IS NOT NULL
    GROUP BY g
    HAVING CASE
        WHEN dim = 1 THEN count(*) FILTER (WHERE h) = 1 OR coalesce(sum(n) FILTER (WHERE h), 0) BETWEEN 1 AND k - 1
        ELSE bool_or(h)
    END
)

SELECT
    c.rk, c.ck, c.n, c.g1, c.g2, c.g3,
    c.h OR CASE WHEN dim = 1 THEN f.pick.rk = c.rk AND f.pick.ck = c.ck ELSE f.g IS NOT NULL END IS TRUE AS h
FROM grouped AS c
LEFT JOIN flagged AS f ON f.g = c.g
