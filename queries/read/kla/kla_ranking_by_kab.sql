-- Grain: one row per kab/kota of a province with a value of one KLA indicator in one year, ranked best first
-- (by the indicator's polarity), with the province value on every row.
-- The province value pools the kab/kota shown: numerators over denominators for a percentage when every row has
-- them (otherwise the mean of the values), the sum for a count. For census indicators only surveyed kab/kota count.
-- Small-cell protection (README "Small-cell protection", macro kla_nilai_protected), when `protect`: a census value
-- withheld (denominator below min_denominator, or a count it is made of or reveals hidden) has nilai null,
-- nilai_hidden and no rank, and the province value pools only the kab/kota with a published value, so it gives no
-- hidden count away; n_kab_ditahan says how many were left out.
-- Params:
--   kode: VARCHAR, required, kode of kla_indikator. Indicator code of the registry (kla_indikator), e.g. IV.2
--   tahun: INTEGER, required. Year
--   kode_prov: VARCHAR, optional, kode of wilayah at prov. Province; every kab/kota with a value when null
--   min_cell: INTEGER, fixed. k of small-cell protection (ATS_MIN_CELL)
--   min_denominator: INTEGER, fixed. Fewest children a published census value is computed on (ATS_MIN_DENOMINATOR)
--   protect: BOOLEAN, fixed. Whether census counts are protected (true unless the caller's role sees raw numbers)
-- Columns: kode_kab, nama_kab, tahun, kode, indikator, indikator_en, satuan, polaritas, nilai, pembilang, penyebut,
--   status, peringkat (1 = best; null when withheld), sumber, is_demo, target, nilai_provinsi, cara_provinsi (gabungan,
--   rata_rata or jumlah), n_kab (kab/kota with a published value), n_kab_prov (kab/kota in the province), n_kab_ditahan
--   (kab/kota whose value is withheld), pembilang_hidden, penyebut_hidden, nilai_hidden, pembilang_small,
--   penyebut_small (hidden because from 1 to min_cell-1: "< k"; hidden and not small: a complementary cell)
-- Scope: parameter kode_prov. Ranks and the province value compare every kab/kota of kode_prov, so a
--   caller must have the whole province in scope (data/scope.py)
-- Used by: views/kla.py (comparison of kab/kota)
WITH
indicator AS (
    SELECT *
    FROM kla_indikator
    WHERE kode = $kode
),

kabs AS (
    SELECT kode AS kode_kab, nama AS nama_kab
    FROM wilayah
    WHERE level = 'kab' AND ($kode_prov IS NULL OR kode_prov = $kode_prov)
),

rows_ AS (
    SELECT
        k.kode_kab, k.nama_kab, v.nilai, v.pembilang, v.penyebut, v.sumber, v.is_demo,
        v.pembilang_hidden, v.penyebut_hidden, v.nilai_hidden, v.pembilang_small, v.penyebut_small
    FROM kla_nilai_protected($min_cell, $min_denominator, $protect) AS v
    INNER JOIN kabs AS k USING (kode_kab)
    WHERE v.kode = $kode AND v.tahun = $tahun
),

province AS (
    SELECT
        CASE
            WHEN any_value(i.satuan) = 'jumlah' THEN sum(r.nilai)
            WHEN bool_and(r.penyebut > 0) THEN per100(sum(r.pembilang), sum(r.penyebut))
            ELSE round(avg(r.nilai), 2)
        END AS nilai_provinsi,
        CASE
            WHEN any_value(i.satuan) = 'jumlah' THEN 'jumlah'
            WHEN bool_and(r.penyebut > 0) THEN 'gabungan'
            ELSE 'rata_rata'
        END AS cara_provinsi,
        count(*) AS n_kab
    FROM rows_ AS r
    CROSS JOIN indicator AS i
    WHERE NOT r.nilai_hidden
),

final AS (
    SELECT
        r.kode_kab,
        r.nama_kab,
        $tahun AS tahun,
        i.kode,
        i.nama_id AS indikator,
        i.nama_en AS indikator_en,
        i.satuan,
        i.polaritas,
        r.nilai,
        r.pembilang,
        r.penyebut,
        kla_status(r.nilai, i.polaritas, i.batas_hijau, i.batas_kuning) AS status,
        CASE WHEN NOT r.nilai_hidden THEN rank() OVER (
            PARTITION BY r.nilai_hidden ORDER BY CASE WHEN i.polaritas = 'turun' THEN r.nilai ELSE -r.nilai END
        ) END::INTEGER AS peringkat,
        r.sumber,
        coalesce(r.is_demo, store_is_demo()) AS is_demo,
        i.target,
        p.nilai_provinsi,
        p.cara_provinsi,
        p.n_kab::INTEGER AS n_kab,
        (SELECT count(*) FROM kabs)::INTEGER AS n_kab_prov,
        (SELECT count(*) FROM rows_ WHERE nilai_hidden)::INTEGER AS n_kab_ditahan,
        r.pembilang_hidden,
        r.penyebut_hidden,
        r.nilai_hidden,
        r.pembilang_small,
        r.penyebut_small
    FROM rows_ AS r
    CROSS JOIN indicator AS i
    CROSS JOIN province AS p
)

SELECT * FROM final
ORDER BY peringkat NULLS LAST, kode_kab
