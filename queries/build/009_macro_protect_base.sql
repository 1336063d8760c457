-- Grain: a table macro. protect_base(cells, k, p): the start of small-cell protection over the long table `cells`
-- (rk, ck, n, g1, g2, g3, totals, as protect_cells takes it; other columns are ignored): one row per cell with a count
-- when p, with an integer key o (the cells in order of n, rk, ck: protect_pass's tie-break), t1, t2, t3 (whether the
-- cell is the total of its group 1, 2, 3), can_hide (a zero can hide something only when none of its groups is all
-- zero, else it reads as 0) and h (primary: a count from 1 to k-1). No row when p is false.
-- Used by: 009_macro_protect_cells.sql, 059_macro_protect_joint.sql
CREATE OR REPLACE MACRO protect_base(cells, k, p) AS TABLE
WITH
input AS (
    SELECT rk, ck, n, g1, g2, g3, totals
    FROM query_table(cells)
    WHERE p AND n IS NOT NULL
),

-- groups whose cells are all zero: a zero in one of them can hide nothing (the sum reads as 0, so does the zero)
zero1 AS (SELECT g1 FROM input WHERE g1 IS NOT NULL GROUP BY g1 HAVING NOT sum(n) > 0),
zero2 AS (SELECT g2 FROM input WHERE g2 IS NOT NULL GROUP BY g2 HAVING NOT sum(n) > 0),
zero3 AS (SELECT g3 FROM input WHERE g3 IS NOT NULL GROUP BY g3 HAVING NOT sum(n) > 0)

SELECT
    i.rk, i.ck, i.n, i.g1, i.g2, i.g3,
    coalesce(list_contains(i.totals, 1), false) AS t1,
    coalesce(list_contains(i.totals, 2), false) AS t2,
    coalesce(list_contains(i.totals, 3), false) AS t3,
    i.n > 0 OR (z1.g1 IS NULL AND z2.g2 IS NULL AND z3.g3 IS NULL) AS can_hide,
    row_number() OVER (ORDER BY i.n, i.rk, i.ck) AS o,
    i.n BETWEEN 1 AND k - 1 AS h
FROM input AS i
LEFT JOIN zero1 AS z1 ON z1.g1 = i.g1
LEFT JOIN zero2 AS z2 ON z2.g2 = i.g2
LEFT JOIN zero3 AS z3 ON z3.g3 = i.g3
