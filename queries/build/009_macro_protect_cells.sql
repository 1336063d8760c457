-- Grain: a table macro. protect_cells(cells, k, p): the cells of a published table, protected. `cells` is the table
-- in long form: rk (row key), ck (column key), n (a count of children), up to three groupings g1, g2, g3 (VARCHAR,
-- null = in no group) and totals (INTEGER[], null = none): the cells of one group add up to a total that is
-- published, either elsewhere (a parent's row, a round's total) or as the cell of the group whose `totals` holds the
-- grouping's number (1, 2, 3). A cell whose `totals` holds 0 is hidden whatever its count, as a complementary cell:
-- a count that is also the total of a table one level down whose parts are all "< k" and pinned by it, with no cell
-- of that table left to hide (4 + 4 of 8), so the total goes in this table (linked tables: a cell common to two
-- tables is protected in both). Returns rk, ck, hidden, small and n (null when hidden): small is true for a cell
-- hidden because it is a count from 1 to k-1 (primary, published as "< k"); a cell hidden and not small is a
-- complementary one (0 or k and more, published with a neutral mark). With p (protection on): primary, a
-- count from 1 to k-1 is hidden (zeros are published, unless one must be hidden as a complementary cell: see
-- protect_pass); secondary, protect_pass over g1, g2, g3 in turn, repeated until a round hides nothing more (a
-- recursive CTE keyed by cell: every cell can be hidden once, so it ends), so no group is left with one hidden cell,
-- hidden parts summing to 1..k-1, or a cell marked "< k" that the marks and the group's sum leave one whole value
-- (where a cell is left to hide); once a round of those hides nothing, protect_cross_pass over the sums together, so
-- no "< k" cell is pinned by two sums it is in (a cross-sum). With p false every cell is published as it is (roles
-- that may see raw numbers) and the recursion has no row to work on.
-- For speed (benchmarks/README.md, "Small-cell protection: cheaper passes"), the recursion's state is narrow: an
-- integer key o (the cells in order of n, rk, ck: protect_pass's tie-break, an integer min instead of a struct min),
-- t1, t2, t3 for `totals` (no list carried through the passes), can_hide from the all-zero groups (joins, not window
-- sums; the macro protect_base, 009_macro_protect_base.sql).
-- Used by: read/ats/ats_by_wilayah.sql, read/trend/ats_trend_by_round.sql, read/trend/ats_trend_by_group.sql,
--   read/trend/aps_by_round.sql
CREATE OR REPLACE MACRO protect_cells(cells, k, p) AS TABLE
WITH RECURSIVE
base AS (FROM protect_base(cells, k, p)),

state(o, n, g1, g2, g3, t1, t2, t3, can_hide, lo, hi, h) USING KEY (o) AS (
    SELECT o, n, g1, g2, g3, t1, t2, t3, can_hide, lo, hi, h FROM base
    UNION
    (
        WITH
        r0 AS (FROM recurring.state),
        r1 AS (FROM protect_pass(r0, 1, k)),
        r2 AS (FROM protect_pass(r1, 2, k)),
        r3 AS (FROM protect_pass(r2, 3, k)),
        -- only at the fixpoint of the passes of one sum at a time: before it, their cells may unpin it
        settled AS (SELECT NOT EXISTS (FROM r3 INNER JOIN r0 ON r0.o = r3.o WHERE r3.h AND NOT r0.h) AS s),
        r4 AS (FROM protect_cross_pass(r3, k, (FROM settled)))
        SELECT r4.o, r4.n, r4.g1, r4.g2, r4.g3, r4.t1, r4.t2, r4.t3, r4.can_hide, r4.lo, r4.hi, true AS h
        FROM r4
        INNER JOIN r0 ON r0.o = r4.o
        WHERE r4.h AND NOT r0.h
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
