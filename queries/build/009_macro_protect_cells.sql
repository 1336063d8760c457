-- Grain: a table macro. protect_cells(cells, k, p): the cells of a published table, protected. `cells` is the
-- table in long form: rk (row key), ck (column key), n (a count of children), and up to three groupings g1, g2, g3
-- (VARCHAR, null = in no group): cells of one group add up to a total that is published (the parent's total of
-- sibling units, a row total, the total over the groups of a breakdown), the total itself included or not. Returns
-- rk, ck, hidden and n (null when hidden). With p (protection on): primary, a count from 1 to k-1 is hidden (true
-- zeros are published); secondary, protect_pass over g1, g2, g3 in turn, twice, so a hidden cell cannot be
-- recovered from totals (zeros take no part: they are never hidden and add nothing to a sum). Twice reaches the
-- fixpoint on the Sulawesi Selatan demo (48 maps and trends, every level and filter mix, identical after four
-- rounds); each round costs planning time on every query, protected or not, so no more are run. With p false every
-- cell is published as it is (roles that may see raw numbers) and no pass has a row to work on.
-- Used by: read/ats/ats_by_wilayah.sql, read/trend/ats_trend_by_round.sql, read/trend/ats_trend_by_group.sql,
--   read/trend/aps_by_round.sql
CREATE OR REPLACE MACRO protect_cells(cells, k, p) AS TABLE
WITH
s0 AS (SELECT rk, ck, n, g1, g2, g3, n < k AS h FROM query_table(cells) WHERE p AND n > 0),
s1 AS (FROM protect_pass(s0, 1, k)),
s2 AS (FROM protect_pass(s1, 2, k)),
s3 AS (FROM protect_pass(s2, 3, k)),
s4 AS (FROM protect_pass(s3, 1, k)),
s5 AS (FROM protect_pass(s4, 2, k)),
s6 AS (FROM protect_pass(s5, 3, k))
SELECT c.rk, c.ck, coalesce(s.h, false) AS hidden, CASE WHEN s.h THEN NULL ELSE c.n END AS n
FROM query_table(cells) AS c
LEFT JOIN s6 AS s ON s.rk = c.rk AND s.ck = c.ck
