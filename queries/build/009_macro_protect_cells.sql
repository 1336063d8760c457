-- Grain: a table macro. protect_cells(cells, k, p): the cells of a published table, protected. `cells` is the
-- table in long form: rk (row key), ck (column key), n (a count of children), up to three groupings g1, g2, g3
-- (VARCHAR, null = in no group) and totals (INTEGER[], null = none): the cells of one group add up to a total that is
-- published, either elsewhere (a parent's row, a round's total) or as the cell of the group whose `totals` holds the
-- grouping's number (1, 2, 3). Returns rk, ck, hidden, small and n (null when hidden): small is true for a cell
-- hidden because it is a count from 1 to k-1 (primary, published as "< k"); a cell hidden and not small is a
-- complementary one (0 or k and more, published with a neutral mark). With p (protection on): primary, a
-- count from 1 to k-1 is hidden (zeros are published, unless one must be hidden as a complementary cell: see
-- protect_pass); secondary, protect_pass over g1, g2, g3 in turn, repeated until a round hides nothing more (a
-- recursive CTE keyed by cell: every cell can be hidden once, so it ends), so no group is left with one hidden cell
-- or hidden parts summing to 1..k-1. With p false every cell is published as it is (roles that may see raw numbers) and the
-- recursion has no row to work on.
-- Used by: read/ats/ats_by_wilayah.sql, read/trend/ats_trend_by_round.sql, read/trend/ats_trend_by_group.sql,
--   read/trend/aps_by_round.sql
CREATE OR REPLACE MACRO protect_cells(cells, k, p) AS TABLE
WITH RECURSIVE
state(rk, ck, n, g1, g2, g3, totals, can_hide, h) USING KEY (rk, ck) AS (
    SELECT
        rk, ck, n, g1, g2, g3, totals,
        -- a zero can hide something only when every sum it is part of has other children (else it reads as 0)
        n > 0 OR (
            (g1 IS NULL OR sum(n) OVER (PARTITION BY g1) > 0)
            AND (g2 IS NULL OR sum(n) OVER (PARTITION BY g2) > 0)
            AND (g3 IS NULL OR sum(n) OVER (PARTITION BY g3) > 0)
        ) AS can_hide,
        n BETWEEN 1 AND k - 1 AS h
    FROM query_table(cells)
    WHERE p AND n IS NOT NULL
    UNION
    (
        WITH
        s0 AS (FROM recurring.state),
        s1 AS (FROM protect_pass(s0, 1, k)),
        s2 AS (FROM protect_pass(s1, 2, k)),
        s3 AS (FROM protect_pass(s2, 3, k))
        SELECT s3.rk, s3.ck, s3.n, s3.g1, s3.g2, s3.g3, s3.totals, s3.can_hide, true AS h
        FROM s3
        INNER JOIN s0 ON s0.rk = s3.rk AND s0.ck = s3.ck
        WHERE s3.h AND NOT s0.h
    )
)

SELECT
    c.rk, c.ck, coalesce(s.h, false) AS hidden, CASE WHEN s.h THEN NULL ELSE c.n END AS n,
    p AND coalesce(c.n BETWEEN 1 AND k - 1, false) AS small
FROM query_table(cells) AS c
LEFT JOIN state AS s ON s.rk = c.rk AND s.ck = c.ck
