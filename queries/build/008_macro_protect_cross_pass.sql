-- Grain: a table macro. protect_cross_pass(cells, k, active): when active, one step of secondary protection against
-- a reader who knows the marks and puts together the sums a cell is in, over the long table `cells` (o, n, g1, g2,
-- g3, t1, t2, t3, can_hide, lo, hi, h: protect_pass's state, 008_macro_protect_pass.sql). protect_pass judges one
-- sum at a time; a cell in two sums can be pinned by the two together (a cross-sum): a "< 5" DO count of a desa
-- whose published ATS count is 10 and whose LTM and BPB counts are "< 5" is at least 10 - 4 - 4 = 2, and the DO
-- column of its kecamatan, a published 5 over four "< 5" counts and a "×", leaves it at most 5 - 1 - 1 - 1 = 2: it
-- is 2 (Palopo's demo, kecamatan 73.73.06, children with disabilities).
-- Bounds: each hidden cell starts at what the marks say (lo, hi of protect_base: "< k" 1..k-1, "×" 0 or k and more,
-- hi null: unbounded). Each sum a cell is in is a linear relation over its hidden cells whose value a reader knows
-- (the published total less the published parts; a hidden total counts with a minus sign), so it bounds each of its
-- hidden cells by that value less the others' bounds (interval arithmetic, the others at their marks' bounds); a
-- cell's bounds are the tightest over its sums. A "< k" cell that its sums together leave one whole value, and no
-- sum alone (that is protect_pass's case, and a cell hidden in another sum would not help), is pinned; one of its
-- sums then hides one more cell: the first (by g1, g2, g3) whose total is published elsewhere and that has a
-- published non-zero part hides its smallest (protect_pass's pick: the order o), else the first that holds its own
-- published total hides that total. A cell whose sums have neither stays pinned (no cell of the table is left).
-- It runs once a round of protect_pass over every sum hides nothing more (active), so the cells those passes add
-- first can unpin a cell. One step of bounds, not the attacker's linear or integer program: the passes repeat until
-- nothing more is hidden, and the tests run the attacker itself (tests/test_protection_marks.py).
-- Used by: 009_macro_protect_cells.sql, 059_macro_protect_joint.sql
CREATE OR REPLACE MACRO protect_cross_pass(cells, k, active) AS TABLE
WITH
member AS (
    SELECT o, 1 AS d, g1 AS g, t1 AS t, n, h, lo, coalesce(hi, 1000000000) AS hi FROM query_table(cells)
    WHERE active AND g1 IS NOT NULL
    UNION ALL
    SELECT o, 2 AS d, g2 AS g, t2 AS t, n, h, lo, coalesce(hi, 1000000000) AS hi FROM query_table(cells)
    WHERE active AND g2 IS NOT NULL
    UNION ALL
    SELECT o, 3 AS d, g3 AS g, t3 AS t, n, h, lo, coalesce(hi, 1000000000) AS hi FROM query_table(cells)
    WHERE active AND g3 IS NOT NULL
),

-- per sum with a hidden small cell: c, the value of sum(parts) - total over its hidden cells (what a reader knows),
-- and the least and most that sum can be from the marks' bounds (an unbounded "×" at 10^9)
sums AS (
    SELECT
        d, g,
        sum(CASE WHEN t THEN -n ELSE n END) FILTER (WHERE h) AS c,
        sum(CASE WHEN t THEN -hi ELSE lo END) FILTER (WHERE h) AS r_min,
        sum(CASE WHEN t THEN -lo ELSE hi END) FILTER (WHERE h) AS r_max,
        min(o) FILTER (WHERE NOT h AND NOT t AND n > 0) AS pick,
        CASE WHEN bool_or(t) THEN min(o) FILTER (WHERE t AND NOT h) END AS own_total
    FROM member
    GROUP BY d, g
    HAVING bool_or(h AND hi < k)
),

-- each hidden small cell's bounds from each of its sums: the relation's value less the others' least and most
bounded AS (
    SELECT
        m.o, m.d, m.lo, m.hi, s.pick, s.own_total,
        CASE WHEN m.t THEN s.r_min + m.hi - s.c ELSE s.c - (s.r_max - m.hi) END AS b_lo,
        CASE WHEN m.t THEN s.r_max + m.lo - s.c ELSE s.c - (s.r_min - m.lo) END AS b_hi
    FROM member AS m
    INNER JOIN sums AS s ON s.d = m.d AND s.g = m.g
    WHERE m.h AND m.hi < k
),

-- a "< k" cell is pinned when its marks and its sums together leave it one whole value and no sum alone does (that
-- one is protect_pass's: a cell hidden in another sum would not unpin it); the cell one of its sums hides then
pinned AS (
    SELECT
        o,
        coalesce(arg_min(pick, d) FILTER (WHERE pick IS NOT NULL),
            arg_min(own_total, d) FILTER (WHERE own_total IS NOT NULL)) AS more
    FROM bounded
    GROUP BY o
    HAVING greatest(max(b_lo), any_value(lo)) >= least(min(b_hi), any_value(hi))
        AND NOT bool_or(greatest(b_lo, lo) >= least(b_hi, hi))
),

more AS (SELECT DISTINCT more AS o FROM pinned WHERE more IS NOT NULL)

SELECT c.* EXCLUDE (h), c.h OR m.o IS NOT NULL AS h
FROM query_table(cells) AS c
LEFT JOIN more AS m ON m.o = c.o
