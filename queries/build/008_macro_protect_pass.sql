-- Grain: a table macro. protect_pass(cells, dim, k, p): one step of secondary (complementary) protection over the
-- long table `cells` (rk, ck, n, g1, g2, g3, h): in each group of the grouping column `dim` (1: g1, 2: g2, 3: g3;
-- cells whose group is null belong to none), whose sum is published elsewhere (a parent's total, a row total),
-- a group with exactly one hidden cell, or whose hidden cells sum to 1..k-1, also hides its smallest published
-- non-zero cell (which is k or more). After the step the hidden cells of every such group are two or more and
-- sum to k or more, so subtracting the published cells from the total pins none of them down.
-- Used by: 009_macro_protect_cells.sql
CREATE OR REPLACE MACRO protect_pass(cells, dim, k, p) AS TABLE
SELECT
    rk, ck, n, g1, g2, g3,
    h OR (
        p AND g IS NOT NULL AND NOT h AND n > 0 AND rn = 1
        AND (n_hidden = 1 OR sum_hidden BETWEEN 1 AND k - 1)
    ) AS h
FROM (
    SELECT
        *,
        count(*) FILTER (WHERE h) OVER grp AS n_hidden,
        coalesce(sum(n) FILTER (WHERE h) OVER grp, 0) AS sum_hidden,
        row_number() OVER (PARTITION BY g ORDER BY (NOT h AND n > 0) DESC, n, rk, ck) AS rn
    FROM (SELECT *, CASE dim WHEN 1 THEN g1 WHEN 2 THEN g2 ELSE g3 END AS g FROM query_table(cells))
    WINDOW grp AS (PARTITION BY g)
)
