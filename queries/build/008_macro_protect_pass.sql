-- Grain: a table macro. protect_pass(cells, dim, k): one step of secondary (complementary) protection over the long
-- table `cells` (o, n, g1, g2, g3, t1, t2, t3, can_hide, h: see 009_macro_protect_cells.sql) of the cells of a
-- published table, for the grouping column `dim` (cells whose group is null belong to none). A group is an additive
-- relation: its parts add up to a total that is either published elsewhere (the units of one parent add up to the
-- parent's row one level up; the groups of a breakdown to the round's total) or a cell of the group itself, the one
-- whose t<dim> is true (n_ats of n_do + n_ltm + n_bpb; attending of formal + non-formal; 7-18 of the age groups).
-- A group whose total is published elsewhere, with exactly one hidden cell (hidden zeros count) or hidden cells
-- summing to 1..k-1, also hides its smallest published non-zero cell (k or more; ties broken by rk, ck through o, so
-- every table picks the same). A group that holds its own total hides every non-zero part once one of its cells is
-- hidden, but not the total: a desa with 2 BPB girls keeps its ATS count, and its categories are all hidden. Hiding
-- only one more part (the smallest) left pairs of rows whose hidden parts a linear attack could bound below k (two
-- desa with 1-2 BPB children each, each paired with one DO count: their BPB children summed to 3, published by
-- difference). When the group has one non-zero part, that part equals the total (published, or hidden and then tied
-- to it), so its zero parts are hidden too (can_hide: those whose other sums are not all zero, else they read as 0):
-- a hidden zero is what makes the part an unknown of its own (Handbook on SDC 5.2: ambiguity in the zeros).
-- Used by: 009_macro_protect_cells.sql
CREATE OR REPLACE MACRO protect_pass(cells, dim, k) AS TABLE
WITH
grouped AS (
    SELECT
        *,
        CASE dim WHEN 1 THEN g1 WHEN 2 THEN g2 ELSE g3 END AS g,
        CASE dim WHEN 1 THEN t1 WHEN 2 THEN t2 ELSE t3 END AS is_total
    FROM query_table(cells)
),

flagged AS (
    SELECT
        g,
        bool_or(is_total) AS has_total,
        count(*) FILTER (WHERE NOT is_total AND n > 0) AS n_parts,
        min(o) FILTER (WHERE NOT h AND n > 0) AS pick
    FROM grouped
    WHERE g IS NOT NULL
    GROUP BY g
    HAVING CASE
        WHEN bool_or(is_total) THEN bool_or(h)
        ELSE count(*) FILTER (WHERE h) = 1 OR coalesce(sum(n) FILTER (WHERE h), 0) BETWEEN 1 AND k - 1
    END
)

SELECT
    c.o, c.n, c.g1, c.g2, c.g3, c.t1, c.t2, c.t3, c.can_hide,
    c.h OR CASE
        WHEN f.g IS NULL THEN false
        WHEN f.has_total THEN NOT c.is_total AND (c.n > 0 OR (f.n_parts = 1 AND c.can_hide))
        ELSE f.pick = c.o
    END IS TRUE AS h
FROM grouped AS c
LEFT JOIN flagged AS f ON f.g = c.g
