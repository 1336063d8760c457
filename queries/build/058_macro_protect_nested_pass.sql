-- Grain: a table macro. protect_nested_pass(cells, links, k): one step of secondary protection for counts that are
-- nested (each a subset of another: a funnel, where every step's children are among the step before's), over the
-- long table `cells` (o, n, g1, g2, g3, t1, t2, t3, can_hide, h: protect_pass's state, o the cell's key in order of
-- n, rk, ck) and `links` (d_o, a_o, depth): cell d_o is nested in cell a_o of the same row, its ancestor at `depth`
-- (1 = the root), so n(d) <= n(a).
-- The children in an ancestor but not in a descendant (those who stopped between two funnel steps) are an implicit
-- cell: published by difference when both are published, and as revealing as a small cell when that difference
-- is 1..k-1. Linear bounds put a hidden cell between its largest published descendant (0 without one) and its
-- smallest published ancestor; so two rules, until nothing more is hidden:
--   1. a published cell whose nearest published ancestor exceeds it by 1..k-1 is hidden (the descendant, so the
--      earlier step, usually the larger and more quoted number, stays);
--   2. a hidden cell whose bounds are less than k apart also hides its largest published descendant (the lower
--      bound), or, when it has none, its smallest published ancestor.
-- With 1, any two published cells of one line differ by 0 or by k or more (their differences add up), so a hidden
-- cell between published ones is bounded no tighter than its ends. Ties broken by o (within a row, by ck), so every
-- table picks the same.
-- Used by: 059_macro_protect_joint.sql
CREATE OR REPLACE MACRO protect_nested_pass(cells, links, k) AS TABLE
WITH
pairs AS (
    SELECT l.d_o, l.a_o, l.depth, d.n AS d_n, d.h AS d_h, a.n AS a_n, a.h AS a_h
    FROM query_table(links) AS l
    INNER JOIN query_table(cells) AS d ON d.o = l.d_o
    INNER JOIN query_table(cells) AS a ON a.o = l.a_o
),

-- rule 1: a published cell and its nearest published ancestor
close_to_ancestor AS (
    SELECT d_o AS o
    FROM pairs
    WHERE NOT d_h AND NOT a_h
    GROUP BY d_o, d_n
    HAVING arg_max(a_n, depth) - d_n BETWEEN 1 AND k - 1
),

lower_bound AS (
    SELECT a_o AS o, max({'n': d_n, 'o': d_o}) AS lo
    FROM pairs
    WHERE a_h AND NOT d_h
    GROUP BY a_o
),

upper_bound AS (
    SELECT d_o AS o, min({'n': a_n, 'o': a_o}) AS hi
    FROM pairs
    WHERE d_h AND NOT a_h
    GROUP BY d_o
),

-- rule 2: a hidden cell bounded to fewer than k values
too_narrow AS (
    SELECT CASE WHEN coalesce(lo.lo.n, 0) > 0 THEN lo.lo.o ELSE hi.hi.o END AS o
    FROM upper_bound AS hi
    LEFT JOIN lower_bound AS lo ON lo.o = hi.o
    WHERE hi.hi.n - coalesce(lo.lo.n, 0) < k
),

more AS (
    SELECT o FROM close_to_ancestor
    UNION
    SELECT o FROM too_narrow
)

SELECT
    c.o, c.n, c.g1, c.g2, c.g3, c.t1, c.t2, c.t3, c.can_hide,
    c.h OR m.o IS NOT NULL AS h
FROM query_table(cells) AS c
LEFT JOIN more AS m ON m.o = c.o
