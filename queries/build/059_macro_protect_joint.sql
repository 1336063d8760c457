-- Grain: a table macro. protect_joint(cells, k, p): protect_cells (009) for a table whose cells are related both by
-- sums (g1, g2, g3, totals, as protect_cells takes them) and by nesting (anc: VARCHAR[], the ck of the cells of the
-- same rk this cell's count is a subset of, root first: a funnel step lists the steps before it; null = none).
-- Returns rk, ck, hidden, small (hidden because a count from 1 to k-1) and n (null when hidden). With p, primary (a count of 1..k-1 is hidden) and then, until a
-- round hides nothing more, protect_pass over g1, g2, g3 and protect_nested_pass (058) over the nesting, so no sum
-- is left with one hidden cell or hidden parts summing to 1..k-1 and no nested difference of 1..k-1 is published.
-- With p false every cell is published as it is. The recursion's state is protect_cells' narrow one (009: an integer
-- key o in order of n, rk, ck, t1-t3 for `totals`), which protect_pass takes; the nesting links are keyed by o.
-- Used by: 060_macro_handling_round_cells.sql
CREATE OR REPLACE MACRO protect_joint(cells, k, p) AS TABLE
WITH RECURSIVE
base AS (
    SELECT
        rk, ck, n, g1, g2, g3, anc,
        coalesce(list_contains(totals, 1), false) AS t1,
        coalesce(list_contains(totals, 2), false) AS t2,
        coalesce(list_contains(totals, 3), false) AS t3,
        n > 0 OR (
            (g1 IS NULL OR sum(n) OVER (PARTITION BY g1) > 0)
            AND (g2 IS NULL OR sum(n) OVER (PARTITION BY g2) > 0)
            AND (g3 IS NULL OR sum(n) OVER (PARTITION BY g3) > 0)
        ) AS can_hide,
        row_number() OVER (ORDER BY n, rk, ck) AS o,
        n BETWEEN 1 AND k - 1 AS h
    FROM query_table(cells)
    WHERE p AND n IS NOT NULL
),

links AS (
    SELECT l.o AS d_o, a.o AS a_o, l.depth
    FROM (
        SELECT rk, o, unnest(anc) AS a_ck, generate_subscripts(anc, 1) AS depth
        FROM base
        WHERE anc IS NOT NULL
    ) AS l
    INNER JOIN base AS a ON a.rk = l.rk AND a.ck = l.a_ck
),

state(o, n, g1, g2, g3, t1, t2, t3, can_hide, h) USING KEY (o) AS (
    SELECT o, n, g1, g2, g3, t1, t2, t3, can_hide, h FROM base
    UNION
    (
        WITH
        s0 AS (FROM recurring.state),
        s1 AS (FROM protect_pass(s0, 1, k)),
        s2 AS (FROM protect_pass(s1, 2, k)),
        s3 AS (FROM protect_pass(s2, 3, k)),
        s4 AS (FROM protect_nested_pass(s3, links, k))
        SELECT s4.o, s4.n, s4.g1, s4.g2, s4.g3, s4.t1, s4.t2, s4.t3, s4.can_hide, true AS h
        FROM s4
        INNER JOIN s0 ON s0.o = s4.o
        WHERE s4.h AND NOT s0.h
    )
)

SELECT
    c.rk, c.ck, coalesce(s.h, false) AS hidden, CASE WHEN s.h THEN NULL ELSE c.n END AS n,
    coalesce(s.h AND c.n BETWEEN 1 AND k - 1, false) AS small
FROM query_table(cells) AS c
LEFT JOIN base AS b ON b.rk = c.rk AND b.ck = c.ck
LEFT JOIN state AS s ON s.o = b.o
