-- Grain: a table macro. protect_pass(cells, dim, k): one step of secondary (complementary) protection over the long
-- table `cells` (rk, ck, n, g1, g2, g3, h) of the non-zero cells of a published table: in each group of the grouping
-- column `dim` (1: g1, 2: g2, 3: g3; cells whose group is null belong to none), whose sum is published elsewhere (a
-- parent's total, a row total), a group with exactly one hidden cell, or whose hidden cells sum to 1..k-1, also
-- hides its smallest published cell (which is k or more; ties broken by rk, ck, so every table picks the same).
-- After the step the hidden cells of every such group are two or more and sum to k or more, so subtracting the
-- published cells from the total pins none of them down.
-- Used by: 009_macro_protect_cells.sql
CREATE OR REPLACE MACRO protect_pass(cells, dim, k) AS TABLE
WITH
grouped AS (
    SELECT *, CASE dim WHEN 1 THEN g1 WHEN 2 THEN g2 ELSE g3 END AS g FROM query_table(cells)
),

picks AS (
    SELECT min({'n': n, 'rk': rk, 'ck': ck}) FILTER (WHERE NOT h) AS pick
    FROM grouped
    WHERE g IS NOT NULL
    GROUP BY g
    HAVING count(*) FILTER (WHERE h) = 1 OR coalesce(sum(n) FILTER (WHERE h), 0) BETWEEN 1 AND k - 1
)

SELECT c.rk, c.ck, c.n, c.g1, c.g2, c.g3, c.h OR p.pick IS NOT NULL AS h
FROM grouped AS c
LEFT JOIN picks AS p ON p.pick.rk = c.rk AND p.pick.ck = c.ck
