-- Grain: a table macro. protect_base(cells, k, p): the start of small-cell protection over the long table `cells`
-- (rk, ck, n, g1, g2, g3, totals, as protect_cells takes it; other columns are ignored): one row per cell with a count
-- when p, with an integer key o (the cells in order of n, rk, ck: protect_pass's tie-break), t1, t2, t3 (whether the
-- cell is the total of its group 1, 2, 3), can_hide (a zero can hide something only when none of its groups is all
-- zero, else it reads as 0), lo, hi (below) and h (primary: a count from 1 to k-1; and a cell whose `totals` holds
-- 0, hidden whatever its count: a total that the table one level down cannot protect, see protect_cells). No row
-- when p is false.
-- lo, hi: the whole values a reader who knows the marks gives a hidden cell before any sum is used. A small one
-- ("< k"): 1..k-1, at least the number of its small parts when it is a group's own total (an ATS count "< 5" over
-- three categories "< 5" is 3 or 4), at most k-1 less the other small parts when it is a part of a group whose own
-- total is small. Any other (a complementary cell, "×": 0 or k and more): lo k when it is the own total of a group
-- with a small part (it cannot be 0), else 0; hi null. protect_pass (008) uses them to find a small cell pinned.
-- Used by: 009_macro_protect_cells.sql, 059_macro_protect_joint.sql
CREATE OR REPLACE MACRO protect_base(cells, k, p) AS TABLE
WITH
input AS (
    SELECT
        rk, ck, n, g1, g2, g3,
        coalesce(list_contains(totals, 1), false) AS t1,
        coalesce(list_contains(totals, 2), false) AS t2,
        coalesce(list_contains(totals, 3), false) AS t3,
        coalesce(list_contains(totals, 0), false) AS forced,
        n BETWEEN 1 AND k - 1 AS small
    FROM query_table(cells)
    WHERE p AND n IS NOT NULL
),

-- per group: whether all its cells are zero (a zero in it can hide nothing: the sum reads as 0, so does the zero),
-- m its small parts, and whether its own total is small too
groups1 AS (
    SELECT g1, NOT sum(n) > 0 AS all_zero, count(*) FILTER (WHERE small AND NOT t1) AS m,
        bool_or(t1 AND small) AS small_total
    FROM input WHERE g1 IS NOT NULL GROUP BY g1
),
groups2 AS (
    SELECT g2, NOT sum(n) > 0 AS all_zero, count(*) FILTER (WHERE small AND NOT t2) AS m,
        bool_or(t2 AND small) AS small_total
    FROM input WHERE g2 IS NOT NULL GROUP BY g2
),
groups3 AS (
    SELECT g3, NOT sum(n) > 0 AS all_zero, count(*) FILTER (WHERE small AND NOT t3) AS m,
        bool_or(t3 AND small) AS small_total
    FROM input WHERE g3 IS NOT NULL GROUP BY g3
)

SELECT
    i.rk, i.ck, i.n, i.g1, i.g2, i.g3, i.t1, i.t2, i.t3,
    i.n > 0 OR NOT coalesce(z1.all_zero OR z2.all_zero OR z3.all_zero, false) AS can_hide,
    row_number() OVER (ORDER BY i.n, i.rk, i.ck) AS o,
    CASE
        WHEN i.small THEN greatest(1, CASE WHEN i.t1 THEN z1.m END, CASE WHEN i.t2 THEN z2.m END,
            CASE WHEN i.t3 THEN z3.m END)
        WHEN (i.t1 AND z1.m > 0) OR (i.t2 AND z2.m > 0) OR (i.t3 AND z3.m > 0) THEN k
        ELSE 0
    END AS lo,
    CASE WHEN i.small THEN least(k - 1, CASE WHEN NOT i.t1 AND z1.small_total THEN k - z1.m END,
        CASE WHEN NOT i.t2 AND z2.small_total THEN k - z2.m END,
        CASE WHEN NOT i.t3 AND z3.small_total THEN k - z3.m END) END AS hi,
    i.small OR i.forced AS h
FROM input AS i
LEFT JOIN groups1 AS z1 ON z1.g1 = i.g1
LEFT JOIN groups2 AS z2 ON z2.g2 = i.g2
LEFT JOIN groups3 AS z3 ON z3.g3 = i.g3
