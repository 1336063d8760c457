-- Grain: one row per kab/kota x year x KLA indicator of one framework with a value: the trend behind the
-- scorecard of one kab/kota, or the years with values in a province (census years are survey rounds;
-- entered values their own years). A census value withheld by small-cell protection (when `protect`: its
-- denominator below min_denominator or a count it is made of or reveals hidden; README "Small-cell protection",
-- macro kla_nilai_protected) has a row with nilai and status null and nilai_hidden.
-- Params:
--   kode_kab: VARCHAR, optional, kode of wilayah at kab. One kab/kota; every kab/kota (under kode_prov) when null
--   kode_prov: VARCHAR, optional, kode of wilayah at prov. Province, when kode_kab is null; all when null
--   framework: VARCHAR, optional, kode of kla_framework. 2021-24 or 2011-31; 2021-24 when null
--   min_cell: INTEGER, fixed. k of small-cell protection (ATS_MIN_CELL)
--   min_denominator: INTEGER, fixed. Fewest children a published census value is computed on (ATS_MIN_DENOMINATOR)
--   protect: BOOLEAN, fixed. Whether census counts are protected (true unless the caller's role sees raw numbers)
-- Columns: kode_kab, tahun, kode, urutan, indikator, indikator_en, satuan, nilai, status, sumber, is_demo, nilai_hidden
-- Scope: column kode_kab. Each row is about its kab/kota (data/scope.py)
-- Used by: views/kla.py (trend column of the scorecard, the year choice)
WITH
final AS (
    SELECT
        v.kode_kab,
        v.tahun,
        i.kode,
        i.urutan,
        i.nama_id AS indikator,
        i.nama_en AS indikator_en,
        i.satuan,
        v.nilai,
        kla_status(v.nilai, i.polaritas, i.batas_hijau, i.batas_kuning) AS status,
        v.sumber,
        coalesce(v.is_demo, store_is_demo()) AS is_demo,
        v.nilai_hidden
    FROM kla_nilai_protected($min_cell, $min_denominator, $protect) AS v
    INNER JOIN kla_indikator AS i USING (kode)
    WHERE
        ($kode_kab IS NULL OR v.kode_kab = $kode_kab)
        AND ($kode_prov IS NULL OR starts_with(v.kode_kab, $kode_prov || '.'))
        AND i.framework = coalesce($framework, '2021-24')
)

SELECT * FROM final
ORDER BY kode_kab, urutan, tahun
