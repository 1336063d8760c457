-- Grain: a table macro. protect_joint(cells, k, p): protect_cells (009) for a table whose cells are related both by
-- sums (g1, g2, g3, totals, as protect_cells takes them) and by nesting (anc: VARCHAR[], the ck of the cells of the
-- same rk this cell's count is a subset of, root first: a funnel step lists the steps before it; null = none).
-- Returns rk, ck, hidden and n (null when hidden). With p, primary (a count of 1..k-1 is hidden) and then, until a
-- round hides nothing more, protect_pass over g1, g2, g3 and protect_nested_pass (058) over the nesting, so no sum
-- is left with one hidden cell or hidden parts summing to 1..k-1 and no nested difference of 1..k-1 is published.
-- With p false every cell is published as it is.
-- Used by: 060_macro_handling_round_cells.sql
CREATE OR REPLACE MACRO protect_joint(cells, k, p) AS TABLE
WITH RECURSIVE
links AS (
    SELECT rk, ck AS d_ck, unnest(anc) AS a_ck, generate_subscripts(anc, 1) AS depth
    FROM query_table(cells)
    WHERE p AND n IS NOT NULL AND anc IS NOT NULL
),

state(rk, ck, n, g1, g2, g3, totals, can_hide, h) USING KEY (rk, ck) AS (
    SELECT
        rk, ck, n, g1, g2, g3, totals,
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
        s3 AS (FROM protect_pass(s2, 3, k)),
        s4 AS (FROM protect_nested_pass(s3, links, k))
        SELECT s4.rk, s4.ck, s4.n, s4.g1, s4.g2, s4.g3, s4.totals, s4.can_hide, true AS h
        FROM s4
        INNER JOIN s0 ON s0.rk = s4.rk AND s0.ck = s4.ck
        WHERE s4.h AND NOT s0.h
    )
)

SELECT c.rk, c.ck, coalesce(s.h, false) AS hidden, CASE WHEN s.h THEN NULL ELSE c.n END AS n
FROM query_table(cells) AS c
LEFT JOIN state AS s ON s.rk = c.rk AND s.ck = c.ck
