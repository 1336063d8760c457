-- Grain: a table macro. kla_nilai_protected(k, d_min, p): int_kla_nilai (one row per kab/kota x year x KLA indicator
-- with a value) as published: with p (protection on, README "Small-cell protection"), the census numerators and
-- denominators are small-cell protected and a census value is withheld (nilai null, nilai_hidden) when its
-- denominator is below d_min or a count it is made of or reveals by difference (the children not in school of its
-- age group) is hidden. Entered values (cara 'input': facilities, schools, typed by an operator with evidence) are
-- not counts of children and pass as they are, with false flags. Extra columns: pembilang_hidden, penyebut_hidden,
-- nilai_hidden, pembilang_small, penyebut_small (hidden because the count is from 1 to k-1: published "< k"; a
-- hidden count that is not small is a complementary cell).
-- The census counts of a kab/kota and round form two tables with their margins, protected with protect_cells:
-- status (in school, not in school, all children) x age (7-12, 13-15, 16-18, 7-18), and status (in PAUD or school,
-- not, all) x age (3-4, 5-6, 3-6); the children not in school 7-18 are ATS + those who completed 12 years. Every
-- one of these counts is published or follows from published ones (3-4 = 3-6 minus 5-6), so each is a cell. The
-- children 7-18 and the ATS children of the kab/kota of a province add up to the province's, which the map
-- publishes: one more group each. The whole store is protected in one go, so every table hides the same cells.
-- Used by: read/kla/kla_indicators_by_kab.sql, read/kla/kla_indicators_by_tahun.sql, read/kla/kla_ranking_by_kab.sql
CREATE OR REPLACE MACRO kla_nilai_protected(k, d_min, p) AS TABLE
WITH
wide AS (
    SELECT
        survey_round AS tahun,
        kode_kab,
        coalesce(max(pembilang) FILTER (WHERE ukuran = 'aps_7_12'), 0) AS s_7_12,
        coalesce(max(penyebut) FILTER (WHERE ukuran = 'aps_7_12'), 0) AS a_7_12,
        coalesce(max(pembilang) FILTER (WHERE ukuran = 'aps_13_15'), 0) AS s_13_15,
        coalesce(max(penyebut) FILTER (WHERE ukuran = 'aps_13_15'), 0) AS a_13_15,
        coalesce(max(pembilang) FILTER (WHERE ukuran = 'aps_16_18'), 0) AS s_16_18,
        coalesce(max(penyebut) FILTER (WHERE ukuran = 'aps_16_18'), 0) AS a_16_18,
        coalesce(max(pembilang) FILTER (WHERE ukuran = 'aps_7_18'), 0) AS s_7_18,
        coalesce(max(penyebut) FILTER (WHERE ukuran = 'aps_7_18'), 0) AS a_7_18,
        coalesce(max(pembilang) FILTER (WHERE ukuran = 'ats_7_18'), 0) AS ats_7_18,
        coalesce(max(pembilang) FILTER (WHERE ukuran = 'paud_3_6'), 0) AS s_3_6,
        coalesce(max(penyebut) FILTER (WHERE ukuran = 'paud_3_6'), 0) AS a_3_6,
        coalesce(max(pembilang) FILTER (WHERE ukuran = 'paud_5_6'), 0) AS s_5_6,
        coalesce(max(penyebut) FILTER (WHERE ukuran = 'paud_5_6'), 0) AS a_5_6
    FROM agg_kla_sensus_kab
    WHERE p
    GROUP BY ALL
),

-- cell name: <status>|<age>; status s (in school / in PAUD), t (not), a (all)
long_ AS (
    SELECT kode_kab, tahun, ck, n::BIGINT AS n
    FROM (
        SELECT
            kode_kab, tahun,
            s_7_12, s_13_15, s_16_18, s_7_18,
            a_7_12 - s_7_12 AS t_7_12, a_13_15 - s_13_15 AS t_13_15, a_16_18 - s_16_18 AS t_16_18,
            a_7_18 - s_7_18 AS t_7_18,
            a_7_12, a_13_15, a_16_18, a_7_18,
            ats_7_18, a_7_18 - s_7_18 - ats_7_18 AS tamat12_7_18,
            s_3_6 - s_5_6 AS s_3_4, s_5_6, s_3_6,
            (a_3_6 - s_3_6) - (a_5_6 - s_5_6) AS t_3_4, a_5_6 - s_5_6 AS t_5_6, a_3_6 - s_3_6 AS t_3_6,
            a_3_6 - a_5_6 AS a_3_4, a_5_6, a_3_6
        FROM wide
    ) UNPIVOT (n FOR ck IN (
        s_7_12, s_13_15, s_16_18, s_7_18, t_7_12, t_13_15, t_16_18, t_7_18, a_7_12, a_13_15, a_16_18, a_7_18,
        ats_7_18, tamat12_7_18, s_3_4, s_5_6, s_3_6, t_3_4, t_5_6, t_3_6, a_3_4, a_5_6, a_3_6
    ))
),

cells AS (
    -- g1: a status over the ages (7-18 and 3-6 are the totals); g2: an age over the statuses (all children is the
    -- total; at 7-18 the children not in school are split into ATS and completed 12 years, because the ATS count is
    -- published on its own by the map, so a hidden completed-12 count must hide the in-school one too); g3: not in
    -- school 7-18 = ATS + completed 12 years, and the children 7-18 of the kab/kota of a province (its ATS
    -- children: g1, their age is not split)
    SELECT
        kode_kab || '|' || tahun AS rk,
        ck,
        n,
        CASE
            WHEN ck = 'ats_7_18' THEN 'prov|ats|' || split_part(kode_kab, '.', 1) || '|' || tahun
            WHEN ck <> 'tamat12_7_18' THEN rk || '|status|' || split_part(ck, '_', 1) || '|' || (split_part(ck, '_', 2) IN ('3', '5'))
        END AS g1,
        CASE
            WHEN ck IN ('ats_7_18', 'tamat12_7_18') THEN rk || '|age|7_18'
            WHEN ck <> 't_7_18' THEN rk || '|age|' || substr(ck, 3)
        END AS g2,
        CASE
            WHEN ck IN ('t_7_18', 'ats_7_18', 'tamat12_7_18') THEN rk || '|t'
            WHEN ck = 'a_7_18' THEN 'prov|anak|' || split_part(kode_kab, '.', 1) || '|' || tahun
        END AS g3,
        list_filter([
            CASE WHEN ck IN ('s_7_18', 't_7_18', 'a_7_18', 's_3_6', 't_3_6', 'a_3_6') THEN 1 END,
            CASE WHEN starts_with(ck, 'a_') THEN 2 END,
            CASE WHEN ck = 't_7_18' THEN 3 END
        ], lambda x: x IS NOT NULL) AS totals
    FROM long_
),

protected AS (
    SELECT split_part(rk, '|', 1) AS kode_kab, split_part(rk, '|', 2)::INTEGER AS tahun, ck, hidden
    FROM protect_cells(cells, k, p)
),

-- each census measure: its numerator, denominator and the count it reveals with them (not in school / PAUD)
parts AS (
    SELECT * FROM (VALUES
        ('aps_7_12', 's_7_12', 'a_7_12', 't_7_12'),
        ('aps_13_15', 's_13_15', 'a_13_15', 't_13_15'),
        ('aps_16_18', 's_16_18', 'a_16_18', 't_16_18'),
        ('aps_7_18', 's_7_18', 'a_7_18', 't_7_18'),
        ('ats_7_18', 'ats_7_18', 'a_7_18', 't_7_18'),
        ('paud_3_6', 's_3_6', 'a_3_6', 't_3_6'),
        ('paud_5_6', 's_5_6', 'a_5_6', 't_5_6')
    ) AS m (ukuran, ck_pembilang, ck_penyebut, ck_reveals)
),

census_flags AS (
    SELECT
        m.ukuran,
        hp.kode_kab,
        hp.tahun,
        hp.hidden AS pembilang_hidden,
        hd.hidden AS penyebut_hidden,
        hr.hidden AS reveals_hidden
    FROM parts AS m
    INNER JOIN protected AS hp ON hp.ck = m.ck_pembilang
    INNER JOIN protected AS hd ON hd.ck = m.ck_penyebut AND hd.kode_kab = hp.kode_kab AND hd.tahun = hp.tahun
    INNER JOIN protected AS hr ON hr.ck = m.ck_reveals AND hr.kode_kab = hp.kode_kab AND hr.tahun = hp.tahun
),

final AS (
    SELECT
        v.kode_kab,
        v.tahun,
        v.kode,
        protect_rate(
            v.nilai, v.penyebut, f.pembilang_hidden OR f.penyebut_hidden OR f.reveals_hidden, d_min, p AND v.sumber = 'sensus'
        ) AS nilai,
        CASE WHEN f.pembilang_hidden THEN NULL ELSE v.pembilang END AS pembilang,
        CASE WHEN f.penyebut_hidden THEN NULL ELSE v.penyebut END AS penyebut,
        v.sumber,
        v.coverage_pct,
        v.bukti,
        v.operator,
        v.diubah_pada,
        v.is_demo,
        coalesce(f.pembilang_hidden, false) AS pembilang_hidden,
        coalesce(f.penyebut_hidden, false) AS penyebut_hidden,
        v.nilai IS NOT NULL AND protect_rate(
            v.nilai, v.penyebut, f.pembilang_hidden OR f.penyebut_hidden OR f.reveals_hidden, d_min, p AND v.sumber = 'sensus'
        ) IS NULL AS nilai_hidden,
        coalesce(f.pembilang_hidden AND v.pembilang BETWEEN 1 AND k - 1, false) AS pembilang_small,
        coalesce(f.penyebut_hidden AND v.penyebut BETWEEN 1 AND k - 1, false) AS penyebut_small
    FROM int_kla_nilai AS v
    LEFT JOIN kla_indikator AS i ON i.kode = v.kode AND v.sumber = 'sensus'
    LEFT JOIN census_flags AS f ON f.kode_kab = v.kode_kab AND f.tahun = v.tahun AND f.ukuran = i.ukuran
)

SELECT * FROM final
