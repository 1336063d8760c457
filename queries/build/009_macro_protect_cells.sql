-- Grain: a table macro. protect_cells(cells, k, p): the cells of a published table, protected. `cells` is the table
-- in long form: rk (row key), ck (column key), n (a count of children), up to three groupings g1, g2, g3 (VARCHAR,
-- null = in no group) and totals (INTEGER[], null = none): the cells of one group add up to a total that is
-- published, either elsewhere (a parent's row, a round's total) or as the cell of the group whose `totals` holds the
-- grouping's number (1, 2, 3). Returns rk, ck, hidden, small and n (null when hidden): small is true for a cell
-- hidden because it is a count from 1 to k-1 (primary, published as "< k"); a cell hidden and not small is a
-- complementary one (0 or k and more, published with a neutral mark). With p (protection on): primary, a
-- count from 1 to k-1 is hidden (zeros are published, unless one must be hidden as a complementary cell: see
-- protect_pass); secondary, protect_pass over g1, g2, g3 in turn, repeated until a round hides nothing more (a
-- recursive CTE keyed by cell: every cell can be hidden once, so it ends), so no group is left with one hidden cell
-- or hidden parts summing to 1..k-1. With p false every cell is published as it is (roles that may see raw numbers)
-- and the recursion has no row to work on.
-- For speed (benchmarks/README.md, "Small-cell protection: cheaper passes"), the recursion's state is narrow: an
-- integer key o (the cells in order of n, rk, ck: protect_pass's tie-break, an integer min instead of a struct min),
-- t1, t2, t3 for `totals` (no list carried through the passes), can_hide from the all-zero groups (joins, not window
-- sums).
-- Used by: read/ats/ats_by_wilayah.sql, read/trend/ats_trend_by_round.sql, read/trend/ats_trend_by_group.sql,
--   read/trend/aps_by_round.sql
CREATE OR REPLACE MACRO protect_cells(cells, k, p) AS TABLE
WITH RECURSIVE
input AS (
    SELECT rk, ck, n, g1, g2, g3, totals
    FROM query_table(cells)
    WHERE p AND n IS NOT NULL
),

-- groups whose cells are all zero: a zero in one of them can hide nothing (the sum reads as 0, so does the zero)
zero1 AS (SELECT g1 FROM input WHERE g1 IS NOT NULL GROUP BY g1 HAVING NOT sum(n) > 0),
zero2 AS (SELECT g2 FROM input WHERE g2 IS NOT NULL GROUP BY g2 HAVING NOT sum(n) > 0),
zero3 AS (SELECT g3 FROM input WHERE g3 IS NOT NULL GROUP BY g3 HAVING NOT sum(n) > 0),

base AS (
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
),

state(o, n, g1, g2, g3, t1, t2, t3, can_hide, h) USING KEY (o) AS (
    SELECT o, n, g1, g2, g3, t1, t2, t3, can_hide, h FROM base
    UNION
    (
        WITH
        r0 AS (FROM recurring.state),
        r1 AS (FROM protect_pass(r0, 1, k)),
        r2 AS (FROM protect_pass(r1, 2, k)),
        r3 AS (FROM protect_pass(r2, 3, k))
        SELECT r3.o, r3.n, r3.g1, r3.g2, r3.g3, r3.t1, r3.t2, r3.t3, r3.can_hide, true AS h
        FROM r3
        INNER JOIN r0 ON r0.o = r3.o
        WHERE r3.h AND NOT r0.h
    )
),

protected AS (
    SELECT b.rk, b.ck, s.h AS hidden, b.n
    FROM base AS b
    INNER JOIN state AS s ON s.o = b.o
)

SELECT rk, ck, hidden, CASE WHEN hidden THEN NULL ELSE n END AS n, hidden AND n BETWEEN 1 AND k - 1 AS small
FROM protected
UNION ALL
SELECT rk, ck, false AS hidden, n, false AS small
FROM query_table(cells)
WHERE NOT coalesce(p AND n IS NOT NULL, false)
