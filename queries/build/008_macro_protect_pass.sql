-- Grain: a table macro. protect_pass(cells, dim, k): one step of secondary (complementary) protection over the long
-- table `cells` (o, n, g1, g2, g3, t1, t2, t3, can_hide, lo, hi, h: see 009_macro_protect_base.sql) of the cells of
-- a published table, for the grouping column `dim` (cells whose group is null belong to none). A group is an additive
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
-- The marks: a reader knows which hidden cells are small ("< k": lo..hi, within 1..k-1, see 009_macro_protect_base)
-- and, from the rule, that the others are 0 or k and more (k and more when lo is k: a total of small parts). In a
-- group whose total is known (published elsewhere; or its own total cell, published, once its non-zero parts are all
-- hidden) a small hidden cell is the hidden sum less the other hidden cells; when that leaves it one whole value
-- (judged below: 4 + 4 of a published 8; one "< k" and one "×" summing to k+1, 1 and k; an ATS count "< 5" of three
-- "< 5" categories beside two "×" ATS counts of "< 5" categories, all summing to 13: 3, 5 and 5) a group whose total
-- is published elsewhere hides its smallest published non-zero cell, one that holds its own total hides that total.
-- A group with no published non-zero cell left stays as it is (its total, in another table, would have to go). Each
-- pass only hides cells, so the passes still reach a fixpoint (a round that hides nothing ends the recursion, at
-- most one round per cell).
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

stats AS (
    SELECT
        g,
        bool_or(is_total) AS has_total,
        count(*) FILTER (WHERE NOT is_total AND n > 0) AS n_parts,
        min(o) FILTER (WHERE NOT h AND n > 0) AS pick,
        -- the total is known to a reader: published elsewhere, or its own cell published with every non-zero part
        -- hidden (before that, this pass hides them)
        NOT bool_or(is_total)
            OR NOT bool_or(is_total AND h) AND count(*) FILTER (WHERE NOT h AND n > 0 AND NOT is_total) = 0 AS known,
        count(*) FILTER (WHERE h AND NOT is_total) AS n_hidden,
        count(*) FILTER (WHERE h AND NOT is_total AND n BETWEEN 1 AND k - 1) AS m,
        count(*) FILTER (WHERE h AND NOT is_total AND NOT n BETWEEN 1 AND k - 1 AND lo = 0) AS free_comp,
        coalesce(sum(n) FILTER (WHERE h AND NOT is_total), 0) AS s,
        coalesce(sum(lo) FILTER (WHERE h AND NOT is_total), 0) AS sum_lo,
        coalesce(sum(lo) FILTER (WHERE h AND NOT is_total AND NOT n BETWEEN 1 AND k - 1), 0) AS comp_lo,
        sum(hi) FILTER (WHERE h AND NOT is_total) AS sum_hi,
        -- a cell the marks alone leave one value (lo = hi) is not counted: no cell hidden here widens it, and counting
        -- it flagged the group at every round, hiding one more cell per round until none was left (a column of a
        -- province's 3,059 desa took the recursion past 10 s: benchmarks/README.md, "the province cascade")
        min(hi - lo) FILTER (WHERE h AND NOT is_total AND hi > lo) AS min_width,
        max(hi - lo) FILTER (WHERE h AND NOT is_total) AS max_width
    FROM grouped
    WHERE g IS NOT NULL
    GROUP BY g
    HAVING bool_or(h)
),

-- a small cell x of width w = hi - lo keeps, from this group, s less the others' values: with the complementary
-- cells at 0 (only when none has lo k), lo + [max(0, w - E), min(w, D)], min(w, D, E, W - w) + 1 values, D = s - (all
-- lo), E = U - s, W = U - (small cells' lo); with a complementary cell of lo k, lo + [0, min(w, D)]; with one that
-- may be 0 at k or more, lo + [0, min(w, D - k)]. Over the group's cells the fewest are at its narrowest or widest
-- cell; a group is pinned when a cell has one value left (with a complementary cell that may be 0 or k and more:
-- when each range has one value left at some cell, which may ask for a cell more than needed, never less)
judged AS (
    SELECT
        *,
        known AND m > 0 AND CASE
            WHEN comp_lo > 0 THEN least(min_width, s - sum_lo) <= 0
            WHEN free_comp = 0 THEN least(s - sum_lo, sum_hi - s, min_width, sum_hi - sum_lo - max_width) <= 0
            ELSE least(s - sum_lo, sum_hi - s, min_width, sum_hi - sum_lo - max_width) <= 0
                AND least(min_width, s - sum_lo - k) <= 0
        END AS pinned
    FROM stats
),

flagged AS (
    SELECT g, has_total, n_parts, pick, has_total AND pinned AS hide_total
    FROM judged
    WHERE has_total OR n_hidden = 1 OR s BETWEEN 1 AND k - 1 OR pinned
)

SELECT
    c.o, c.n, c.g1, c.g2, c.g3, c.t1, c.t2, c.t3, c.can_hide, c.lo, c.hi,
    c.h OR CASE
        WHEN f.g IS NULL THEN false
        WHEN f.has_total THEN (c.is_total AND f.hide_total)
            OR (NOT c.is_total AND (c.n > 0 OR (f.n_parts = 1 AND c.can_hide)))
        ELSE f.pick = c.o
    END IS TRUE AS h
FROM grouped AS c
LEFT JOIN flagged AS f ON f.g = c.g
