-- Grain: one row per kab/kota x KLA indicator of one framework, for one year: the cluster IV scorecard.
-- An indicator without a value that year has nilai null (not zero). Census values are for the survey round
-- of that year; entered values carry their evidence and who entered them.
-- Small-cell protection (README "Small-cell protection"), when `protect`: census numerators and denominators from 1
-- to min_cell-1 are null with pembilang_hidden / penyebut_hidden, with complementary cells (macro
-- kla_nilai_protected); a census value is withheld (nilai null, nilai_hidden) when its denominator is below
-- min_denominator or a count it is made of or reveals is hidden. Entered values are not census counts: as typed.
-- Params:
--   tahun: INTEGER, required. Year (census values: the survey round of that year)
--   kode_kab: VARCHAR, optional, kode of wilayah at kab. One kab/kota; when null, every kab/kota (under kode_prov)
--     with a value that year
--   kode_prov: VARCHAR, optional, kode of wilayah at prov. Province of the kab/kota when kode_kab is null; all
--     provinces when null
--   framework: VARCHAR, optional, kode of kla_framework. 2021-24 (Perpres 25/2021) or 2011-31 (Permen PPPA
--     12/2011); 2021-24 when null
--   min_cell: INTEGER, fixed. k of small-cell protection (ATS_MIN_CELL)
--   min_denominator: INTEGER, fixed. Fewest children a published census value is computed on (ATS_MIN_DENOMINATOR)
--   protect: BOOLEAN, fixed. Whether census counts are protected (true unless the caller's role sees raw numbers)
-- Columns: kode_kab, nama_kab, tahun, framework, klaster, urutan, kode, induk, indikator, indikator_en, satuan, polaritas,
--   nilai, pembilang, penyebut, target, batas_hijau, batas_kuning, status (hijau/kuning/merah), sumber (sensus or input),
--   sumber_data, sumber_data_en, coverage_pct (census: share of desa/kelurahan enumerated), bukti, operator, diubah_pada,
--   is_demo, tahun_sebelumnya, nilai_sebelumnya (the latest earlier year with a value, withheld or not),
--   pembilang_hidden, penyebut_hidden, nilai_hidden, nilai_sebelumnya_hidden (withheld), pembilang_small,
--   penyebut_small (hidden because from 1 to min_cell-1: "< k"; hidden and not small: a complementary cell)
-- Scope: column kode_kab. Each row is about its kab/kota (data/scope.py)
-- Used by: views/kla.py (scorecard and its CSV/XLSX export)
WITH
indicators AS (
    SELECT *
    FROM kla_indikator
    WHERE framework = coalesce($framework, '2021-24')
),

published AS MATERIALIZED (  -- protected once for this year and the earlier ones
    SELECT *
    FROM kla_nilai_protected($min_cell, $min_denominator, $protect)
),

values_of_year AS (
    SELECT *
    FROM published
    WHERE tahun = $tahun AND kode IN (SELECT kode FROM indicators)
),

kabs AS (
    SELECT kode AS kode_kab, nama AS nama_kab
    FROM wilayah
    WHERE
        level = 'kab'
        AND (
            kode = $kode_kab
            OR (
                $kode_kab IS NULL
                AND ($kode_prov IS NULL OR kode_prov = $kode_prov)
                AND kode IN (SELECT kode_kab FROM values_of_year)
            )
        )
),

previous AS (
    SELECT
        p.kode_kab,
        p.kode,
        max(p.tahun) AS tahun_sebelumnya,
        arg_max({'nilai': p.nilai, 'hidden': p.nilai_hidden}, p.tahun) AS sebelumnya
    FROM published AS p
    WHERE p.tahun < $tahun AND p.kode_kab IN (SELECT kode_kab FROM kabs)
    GROUP BY ALL
),

final AS (
    SELECT
        k.kode_kab,
        k.nama_kab,
        $tahun AS tahun,
        i.framework,
        i.klaster,
        i.urutan,
        i.kode,
        i.induk,
        i.nama_id AS indikator,
        i.nama_en AS indikator_en,
        i.satuan,
        i.polaritas,
        v.nilai,
        v.pembilang,
        v.penyebut,
        i.target,
        i.batas_hijau,
        i.batas_kuning,
        kla_status(v.nilai, i.polaritas, i.batas_hijau, i.batas_kuning) AS status,
        i.cara AS sumber,
        i.sumber_id AS sumber_data,
        i.sumber_en AS sumber_data_en,
        v.coverage_pct,
        v.bukti,
        v.operator,
        v.diubah_pada,
        coalesce(v.is_demo, store_is_demo()) AS is_demo,
        p.tahun_sebelumnya,
        p.sebelumnya.nilai AS nilai_sebelumnya,
        coalesce(v.pembilang_hidden, false) AS pembilang_hidden,
        coalesce(v.penyebut_hidden, false) AS penyebut_hidden,
        coalesce(v.nilai_hidden, false) AS nilai_hidden,
        coalesce(p.sebelumnya.hidden, false) AS nilai_sebelumnya_hidden,
        coalesce(v.pembilang_small, false) AS pembilang_small,
        coalesce(v.penyebut_small, false) AS penyebut_small
    FROM kabs AS k
    CROSS JOIN indicators AS i
    LEFT JOIN values_of_year AS v ON v.kode_kab = k.kode_kab AND v.kode = i.kode
    LEFT JOIN previous AS p ON p.kode_kab = k.kode_kab AND p.kode = i.kode
)

SELECT * FROM final
ORDER BY kode_kab, urutan
