-- Grain: a table macro. protect_nested_pass(cells, links, k): one step of secondary protection for counts that are
-- nested (each a subset of another: a funnel, where every step's children are among the step before's), over the
-- long table `cells` (rk, ck, n, g1, g2, g3, totals, can_hide, h: protect_pass's state) and `links` (rk, d_ck, a_ck,
-- depth): cell (rk, d_ck) is nested in cell (rk, a_ck), its ancestor at `depth` (1 = the root), so n(d) <= n(a).
-- The children in an ancestor but not in a descendant (those who stopped between two funnel steps) are an implicit
-- cell: published by difference when both are published, and as revealing as a small cell when that difference
-- is 1..k-1. Linear bounds put a hidden cell between its largest published descendant (0 without one) and its
-- smallest published ancestor; so two rules, until nothing more is hidden:
--   1. a published cell whose nearest published ancestor exceeds it by 1..k-1 is hidden (the descendant, so the
--      earlier step, usually the larger and more quoted number, stays);
--   2. a hidden cell whose bounds are less than k apart also hides its largest published descendant (the lower
--      bound), or, when it has none, its smallest published ancestor.
-- With 1, any two published cells of one line differ by 0 or by k or more (their differences add up), so a hidden
-- cell between published ones is bounded no tighter than its ends. Ties broken by ck, so every table picks the same.
-- Used by: 059_macro_protect_joint.sql
CREATE OR REPLACE MACRO protect_nested_pass(cells, links, k) AS TABLE
WITH
pairs AS (
    SELECT l.rk, l.d_ck, l.a_ck, l.depth, d.n AS d_n, d.h AS d_h, a.n AS a_n, a.h AS a_h
    FROM query_table(links) AS l
    INNER JOIN query_table(cells) AS d ON d.rk = l.rk AND d.ck = l.d_ck
    INNER JOIN query_table(cells) AS a ON a.rk = l.rk AND a.ck = l.a_ck
),

-- rule 1: a published cell and its nearest published ancestor
close_to_ancestor AS (
    SELECT rk, d_ck AS ck
    FROM pairs
    WHERE NOT d_h AND NOT a_h
    GROUP BY rk, d_ck, d_n
    HAVING arg_max(a_n, depth) - d_n BETWEEN 1 AND k - 1
),

lower_bound AS (
    SELECT rk, a_ck AS ck, max({'n': d_n, 'ck': d_ck}) AS lo
    FROM pairs
    WHERE a_h AND NOT d_h
    GROUP BY ALL
),

upper_bound AS (
    SELECT rk, d_ck AS ck, min({'n': a_n, 'ck': a_ck}) AS hi
    FROM pairs
    WHERE d_h AND NOT a_h
    GROUP BY ALL
),

-- rule 2: a hidden cell bounded to fewer than k values
too_narrow AS (
    SELECT hi.rk, CASE WHEN coalesce(lo.lo.n, 0) > 0 THEN lo.lo.ck ELSE hi.hi.ck END AS ck
    FROM upper_bound AS hi
    LEFT JOIN lower_bound AS lo ON lo.rk = hi.rk AND lo.ck = hi.ck
    WHERE hi.hi.n - coalesce(lo.lo.n, 0) < k
),

more AS (
    SELECT rk, ck FROM close_to_ancestor
    UNION
    SELECT rk, ck FROM too_narrow
)

SELECT
    c.rk, c.ck, c.n, c.g1, c.g2, c.g3, c.totals, c.can_hide,
    c.h OR m.ck IS NOT NULL AS h
FROM query_table(cells) AS c
LEFT JOIN more AS m ON m.rk = c.rk AND m.ck = c.ck
