-- Grain: a table macro. protect_joint(cells, k, p): protect_cells (009) for a table whose cells are related both by
-- sums (g1, g2, g3, totals, as protect_cells takes them) and by nesting (anc: VARCHAR[], the ck of the cells of the
-- same rk this cell's count is a subset of, root first: a funnel step lists the steps before it; null = none).
-- Returns rk, ck, hidden, n (null when hidden) and small (hidden as a count of 1..k-1), as protect_cells. With p,
-- primary (a count of 1..k-1 is hidden) and then, until a round hides nothing more, protect_pass over g1, g2, g3
-- and protect_nested_pass (058) over the nesting, so no sum is left with one hidden cell or hidden parts summing to
-- 1..k-1 and no nested difference of 1..k-1 is published; once a round of those hides nothing, protect_cross_pass
-- (008) over the sums together (a "< k" cell pinned by two).
-- With p false every cell is published as it is.
-- Used by: 060_macro_handling_round_cells.sql
CREATE OR REPLACE MACRO protect_joint(cells, k, p) AS TABLE
WITH RECURSIVE
links AS (
    SELECT rk, ck AS d_ck, unnest(anc) AS a_ck, generate_subscripts(anc, 1) AS depth
    FROM query_table(cells)
    WHERE p AND n IS NOT NULL AND anc IS NOT NULL
),

base AS (FROM protect_base(cells, k, p)),

-- the state of protect_cells (009) with each cell's rk and ck, which the nested pass joins on
state(o, rk, ck, n, g1, g2, g3, t1, t2, t3, can_hide, lo, hi, h) USING KEY (o) AS (
    SELECT o, rk, ck, n, g1, g2, g3, t1, t2, t3, can_hide, lo, hi, h FROM base
    UNION
    (
        WITH
        s0 AS (FROM recurring.state),
        s1 AS (FROM protect_pass(s0, 1, k)),
        s2 AS (FROM protect_pass(s1, 2, k)),
        s3 AS (FROM protect_pass(s2, 3, k)),
        keyed AS (SELECT s0.rk, s0.ck, s3.* FROM s3 INNER JOIN s0 ON s0.o = s3.o),
        s4 AS (FROM protect_nested_pass(keyed, links, k)),
        settled AS (SELECT NOT EXISTS (FROM s4 INNER JOIN s0 ON s0.o = s4.o WHERE s4.h AND NOT s0.h) AS s),
        s5 AS (FROM protect_cross_pass(s4, k, (FROM settled)))
        SELECT s5.o, s5.rk, s5.ck, s5.n, s5.g1, s5.g2, s5.g3, s5.t1, s5.t2, s5.t3, s5.can_hide, s5.lo, s5.hi, true AS h
        FROM s5
        INNER JOIN s0 ON s0.o = s5.o
        WHERE s5.h AND NOT s0.h
    )
)

SELECT
    c.rk, c.ck, coalesce(s.h, false) AS hidden, CASE WHEN s.h THEN NULL ELSE c.n END AS n,
    coalesce(s.h, false) AND c.n BETWEEN 1 AND k - 1 AS small
FROM query_table(cells) AS c
LEFT JOIN state AS s ON s.rk = c.rk AND s.ck = c.ck
