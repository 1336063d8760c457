-- Grain: a table macro. protect_cells(cells, k, p): the cells of a published table, protected. `cells` is the
-- table in long form: rk (row key), ck (column key), n (a count of children), and up to three groupings g1, g2, g3
-- (VARCHAR, null = in no group): cells of one group add up to a total that is published (the parent's total of
-- sibling units, a row total, the total over the groups of a breakdown), the total itself included or not. Returns
-- rk, ck, hidden and n (null when hidden). With p (protection on): primary, a count from 1 to k-1 is hidden (true
-- zeros are published); secondary, protect_pass over g1, g2, g3 in turn, four times, so a hidden cell cannot be
-- recovered from totals. With p false every cell is published as it is (roles that may see raw numbers).
-- Used by: read/ats/ats_by_wilayah.sql, read/trend/ats_trend_by_round.sql, read/trend/ats_trend_by_group.sql,
--   read/trend/aps_by_round.sql
CREATE OR REPLACE MACRO protect_cells(cells, k, p) AS TABLE
WITH
s0 AS (SELECT rk, ck, n, g1, g2, g3, coalesce(p AND n BETWEEN 1 AND k - 1, false) AS h FROM query_table(cells)),
s1 AS (FROM protect_pass(s0, 1, k, p)),
s2 AS (FROM protect_pass(s1, 2, k, p)),
s3 AS (FROM protect_pass(s2, 3, k, p)),
s4 AS (FROM protect_pass(s3, 1, k, p)),
s5 AS (FROM protect_pass(s4, 2, k, p)),
s6 AS (FROM protect_pass(s5, 3, k, p)),
s7 AS (FROM protect_pass(s6, 1, k, p)),
s8 AS (FROM protect_pass(s7, 2, k, p)),
s9 AS (FROM protect_pass(s8, 3, k, p)),
s10 AS (FROM protect_pass(s9, 1, k, p)),
s11 AS (FROM protect_pass(s10, 2, k, p)),
s12 AS (FROM protect_pass(s11, 3, k, p))
SELECT rk, ck, h AS hidden, CASE WHEN h THEN NULL ELSE n END AS n FROM s12
