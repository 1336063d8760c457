-- Grain: one row per problem found in a source row (a row can have several): the rejection report.
-- source_row is the row number in the file (header = 1 for CSV and XLSX; 1-based record number for Parquet),
-- column_name the canonical column, reason what is wrong (DOMAIN.md 7.4) in English and
-- alasan the same in Bahasa Indonesia. The cell itself (the value of the report) is laid on by
-- data/importer/validate.py from the file's rows, for the rows with a problem only: a join against all of `raw`
-- costs more than the rules.
-- A row with any problem is rejected whole; every other row is accepted. Unknown codes and dates are found
-- among the distinct values (import_values) and joined back to their rows; a spelling the import refuses
-- (import_codes rows without a code: data/importer/canonical.py REFUSED_SPELLINGS) is said as such, with the mapping entry
-- that decides it.
-- Params:
--   survey_round: INTEGER, optional. The round of this import (--round, else the most common round in the file)
--   today: DATE, required. Dates after it are rejected
-- Used by: data/importer/validate.py
CREATE OR REPLACE TABLE problems AS
WITH
bad_values AS (
    SELECT col, value FROM import_values WHERE NOT blank AND code IS NULL AND d IS NULL
),

future_values AS (
    SELECT col, value FROM import_values WHERE d > $today
),

number_hint AS (
    SELECT
        'it was saved as a number (as 7.3E+15), which keeps only 15 digits: format the column as Text in the '
        || 'spreadsheet, put the numbers back and export again' AS reason,
        'nomor ini tersimpan sebagai angka (seperti 7,3E+15) yang hanya menyimpan 15 digit: format kolomnya '
        || 'sebagai Teks di lembar kerja, isi kembali nomornya, lalu ekspor ulang' AS alasan
),

kabs AS (
    SELECT string_agg(kode_kab, ', ' ORDER BY kode_kab) AS list FROM import_kabs
),

-- the grades of each level (domain/codes.py JENJANG_TERAKHIR_KELAS): the grade of a child in school must be one of
-- its level's (SD 4, not SD 8), and so must the last grade of an out-of-school child; Paket A/B/C as SD/SMP/SMA, so
-- that the DO and LTM rules read a non-formal drop-out's grade as a formal one's
jenjang_grades AS (
    SELECT *
    FROM (
        VALUES ('SD', 1, 6), ('SMP', 7, 9), ('SMA', 10, 12), ('Paket A', 1, 6), ('Paket B', 7, 9), ('Paket C', 10, 12)
    ) AS g (jenjang, kelas_min, kelas_max)
),

-- duplicates: the (few) keys seen more than once are found by a hash aggregate over a 64-bit hash of the key
-- (a third of the time of one over the text of a million keys), then only the rows of those hashes are looked
-- at, by their keys themselves: a collision of two keys' hashes costs a little work, never a wrong report
nik_hashes AS (
    SELECT hash(survey_round, nik) AS h
    FROM persons
    WHERE nik IS NOT NULL AND survey_round IS NOT NULL
    GROUP BY ALL
    HAVING count(*) > 1
),

nik_rows AS (
    SELECT _row, survey_round, nik
    FROM persons
    WHERE nik IS NOT NULL AND survey_round IS NOT NULL AND hash(survey_round, nik) IN (SELECT h FROM nik_hashes)
),

dup_nik AS (
    SELECT _row, min(_row) OVER (PARTITION BY survey_round, nik) AS first_row
    FROM nik_rows
),

line_hashes AS (
    SELECT hash(survey_round, kode_kel, id_keluarga, no_urut) AS h
    FROM persons
    WHERE no_urut IS NOT NULL AND kode_kel IS NOT NULL AND id_keluarga IS NOT NULL
    GROUP BY ALL
    HAVING count(*) > 1
),

line_rows AS (
    SELECT _row, survey_round, kode_kel, id_keluarga, no_urut
    FROM persons
    WHERE no_urut IS NOT NULL AND kode_kel IS NOT NULL AND id_keluarga IS NOT NULL
        AND hash(survey_round, kode_kel, id_keluarga, no_urut) IN (SELECT h FROM line_hashes)
),

dup_line AS (
    SELECT _row, min(_row) OVER (PARTITION BY survey_round, kode_kel, id_keluarga, no_urut) AS first_row
    FROM line_rows
),

found AS (
    -- required values
    SELECT _row, 'kode_kel' AS column_name, 'required value missing' AS reason,
        'nilai wajib kosong' AS alasan
    FROM persons WHERE kode_kel IS NULL AND NOT has_kode_kel
    UNION ALL
    SELECT _row, 'id_keluarga', 'required value missing (the household id of the source)',
        'nilai wajib kosong (id keluarga dari sumber)'
    FROM persons WHERE id_keluarga IS NULL
    UNION ALL
    SELECT _row, 'sex', 'required value missing (L or P)',
        'nilai wajib kosong (L atau P)'
    FROM persons WHERE sex IS NULL AND NOT has_sex
    UNION ALL
    SELECT _row, 'partisipasi', 'required value missing (formal, nonformal or tidak_sekolah)',
        'nilai wajib kosong (formal, nonformal atau tidak_sekolah)'
    FROM persons WHERE partisipasi IS NULL AND NOT has_partisipasi
    UNION ALL
    SELECT _row, 'umur', 'required value missing: give umur or tanggal_lahir',
        'nilai wajib kosong: isi umur atau tanggal_lahir'
    FROM persons WHERE umur IS NULL AND NOT has_umur AND NOT has_tanggal_lahir
    UNION ALL
    SELECT _row, 'survey_round', 'required value missing: give the round in the file or with --round',
        'nilai wajib kosong: isi putaran di berkas atau dengan --round'
    FROM persons WHERE survey_round IS NULL AND NOT has_survey_round

    -- values that do not parse
    UNION ALL
    SELECT r._row, 'sex', 'unknown code (allowed: ' || a.allowed || ')',
        'kode tidak dikenal (yang berlaku: ' || a.allowed || ')'
    FROM raw AS r INNER JOIN bad_values AS v ON v.col = 'sex' AND v.value = r.sex INNER JOIN import_vocab AS a ON a.col = 'sex'
    UNION ALL
    SELECT r._row, 'partisipasi',
        CASE WHEN rf.key IS NULL THEN 'unknown code (allowed: ' || a.allowed || ')'
            ELSE '"' || rf.key || '" does not say formal or nonformal (Paket A/B/C): say which in a mapping file, e.g. '
                || '[values.partisipasi] "' || rf.key || '" = "formal"' END,
        CASE WHEN rf.key IS NULL THEN 'kode tidak dikenal (yang berlaku: ' || a.allowed || ')'
            ELSE '"' || rf.key || '" tidak menyebut formal atau nonformal (Paket A/B/C): tentukan di berkas pemetaan, '
                || 'mis. [values.partisipasi] "' || rf.key || '" = "formal"' END
    FROM raw AS r INNER JOIN bad_values AS v ON v.col = 'partisipasi' AND v.value = r.partisipasi INNER JOIN import_vocab AS a ON a.col = 'partisipasi'
    LEFT JOIN import_codes AS rf ON rf.col = 'partisipasi' AND rf.key = lower(trim(v.value)) AND rf.code IS NULL
    UNION ALL
    SELECT r._row, 'kategori_ats', 'unknown code (allowed: ' || a.allowed || ')',
        'kode tidak dikenal (yang berlaku: ' || a.allowed || ')'
    FROM raw AS r INNER JOIN bad_values AS v ON v.col = 'kategori_ats' AND v.value = r.kategori_ats INNER JOIN import_vocab AS a ON a.col = 'kategori_ats'
    UNION ALL
    SELECT r._row, 'jenjang', 'unknown code (allowed: ' || a.allowed || ')',
        'kode tidak dikenal (yang berlaku: ' || a.allowed || ')'
    FROM raw AS r INNER JOIN bad_values AS v ON v.col = 'jenjang' AND v.value = r.jenjang INNER JOIN import_vocab AS a ON a.col = 'jenjang'
    UNION ALL
    SELECT r._row, 'jenjang_terakhir', 'unknown code (allowed: ' || a.allowed || ')',
        'kode tidak dikenal (yang berlaku: ' || a.allowed || ')'
    FROM raw AS r INNER JOIN bad_values AS v ON v.col = 'jenjang_terakhir' AND v.value = r.jenjang_terakhir INNER JOIN import_vocab AS a ON a.col = 'jenjang_terakhir'
    UNION ALL
    SELECT r._row, 'alasan', 'unknown code (allowed: ' || a.allowed || ')',
        'kode tidak dikenal (yang berlaku: ' || a.allowed || ')'
    FROM raw AS r INNER JOIN bad_values AS v ON v.col = 'alasan' AND v.value = r.alasan INNER JOIN import_vocab AS a ON a.col = 'alasan'
    UNION ALL
    SELECT r._row, 'kegiatan', 'unknown code (allowed: ' || a.allowed || ')',
        'kode tidak dikenal (yang berlaku: ' || a.allowed || ')'
    FROM raw AS r INNER JOIN bad_values AS v ON v.col = 'kegiatan' AND v.value = r.kegiatan INNER JOIN import_vocab AS a ON a.col = 'kegiatan'
    UNION ALL
    SELECT r._row, 'disabilitas', 'unknown code (allowed: ' || a.allowed || ')',
        'kode tidak dikenal (yang berlaku: ' || a.allowed || ')'
    FROM raw AS r INNER JOIN bad_values AS v ON v.col = 'disabilitas' AND v.value = r.disabilitas INNER JOIN import_vocab AS a ON a.col = 'disabilitas'
    UNION ALL
    SELECT r._row, 'jenis_disabilitas', 'unknown code (allowed: ' || a.allowed || ')',
        'kode tidak dikenal (yang berlaku: ' || a.allowed || ')'
    FROM raw AS r INNER JOIN bad_values AS v ON v.col = 'jenis_disabilitas' AND v.value = r.jenis_disabilitas INNER JOIN import_vocab AS a ON a.col = 'jenis_disabilitas'
    UNION ALL
    SELECT r._row, 'penerima_bansos', 'unknown code (allowed: ' || a.allowed || ')',
        'kode tidak dikenal (yang berlaku: ' || a.allowed || ')'
    FROM raw AS r INNER JOIN bad_values AS v ON v.col = 'penerima_bansos' AND v.value = r.penerima_bansos INNER JOIN import_vocab AS a ON a.col = 'penerima_bansos'
    UNION ALL
    SELECT r._row, 'moda_transportasi', 'unknown code (allowed: ' || a.allowed || ')',
        'kode tidak dikenal (yang berlaku: ' || a.allowed || ')'
    FROM raw AS r INNER JOIN bad_values AS v ON v.col = 'moda_transportasi' AND v.value = r.moda_transportasi INNER JOIN import_vocab AS a ON a.col = 'moda_transportasi'
    UNION ALL
    SELECT r._row, 'status_verifikasi', 'unknown code (allowed: ' || a.allowed || ')',
        'kode tidak dikenal (yang berlaku: ' || a.allowed || ')'
    FROM raw AS r INNER JOIN bad_values AS v ON v.col = 'status_verifikasi' AND v.value = r.status_verifikasi INNER JOIN import_vocab AS a ON a.col = 'status_verifikasi'
    UNION ALL
    SELECT r._row, 'alasan_bukan_ats', 'unknown code (allowed: ' || a.allowed || ')',
        'kode tidak dikenal (yang berlaku: ' || a.allowed || ')'
    FROM raw AS r INNER JOIN bad_values AS v ON v.col = 'alasan_bukan_ats' AND v.value = r.alasan_bukan_ats INNER JOIN import_vocab AS a ON a.col = 'alasan_bukan_ats'
    UNION ALL
    SELECT r._row, 'jenis_intervensi', 'unknown code (allowed: ' || a.allowed || ')',
        'kode tidak dikenal (yang berlaku: ' || a.allowed || ')'
    FROM raw AS r INNER JOIN bad_values AS v ON v.col = 'jenis_intervensi' AND v.value = r.jenis_intervensi INNER JOIN import_vocab AS a ON a.col = 'jenis_intervensi'
    UNION ALL
    SELECT r._row, 'hasil', 'unknown code (allowed: ' || a.allowed || ')',
        'kode tidak dikenal (yang berlaku: ' || a.allowed || ')'
    FROM raw AS r INNER JOIN bad_values AS v ON v.col = 'hasil' AND v.value = r.hasil INNER JOIN import_vocab AS a ON a.col = 'hasil'
    UNION ALL
    SELECT r._row, 'reference_date', 'not a date: write dd/mm/yyyy, yyyy-mm-dd or an Excel date',
        'bukan tanggal: tulis dd/mm/yyyy, yyyy-mm-dd atau tanggal Excel'
    FROM raw AS r INNER JOIN bad_values AS v ON v.col = 'reference_date' AND v.value = r.reference_date
    UNION ALL
    SELECT r._row, 'tanggal_pendataan', 'not a date: write dd/mm/yyyy, yyyy-mm-dd or an Excel date',
        'bukan tanggal: tulis dd/mm/yyyy, yyyy-mm-dd atau tanggal Excel'
    FROM raw AS r INNER JOIN bad_values AS v ON v.col = 'tanggal_pendataan' AND v.value = r.tanggal_pendataan
    UNION ALL
    SELECT r._row, 'tanggal_pendataan', 'date in the future',
        'tanggal di masa depan'
    FROM raw AS r INNER JOIN future_values AS v ON v.col = 'tanggal_pendataan' AND v.value = r.tanggal_pendataan
    UNION ALL
    SELECT r._row, 'tanggal_lahir', 'not a date: write dd/mm/yyyy, yyyy-mm-dd or an Excel date',
        'bukan tanggal: tulis dd/mm/yyyy, yyyy-mm-dd atau tanggal Excel'
    FROM raw AS r INNER JOIN bad_values AS v ON v.col = 'tanggal_lahir' AND v.value = r.tanggal_lahir
    UNION ALL
    SELECT r._row, 'tanggal_lahir', 'date in the future',
        'tanggal di masa depan'
    FROM raw AS r INNER JOIN future_values AS v ON v.col = 'tanggal_lahir' AND v.value = r.tanggal_lahir
    UNION ALL
    SELECT r._row, 'tanggal_identifikasi', 'not a date: write dd/mm/yyyy, yyyy-mm-dd or an Excel date',
        'bukan tanggal: tulis dd/mm/yyyy, yyyy-mm-dd atau tanggal Excel'
    FROM raw AS r INNER JOIN bad_values AS v ON v.col = 'tanggal_identifikasi' AND v.value = r.tanggal_identifikasi
    UNION ALL
    SELECT r._row, 'tanggal_identifikasi', 'date in the future',
        'tanggal di masa depan'
    FROM raw AS r INNER JOIN future_values AS v ON v.col = 'tanggal_identifikasi' AND v.value = r.tanggal_identifikasi
    UNION ALL
    SELECT r._row, 'tanggal_verifikasi', 'not a date: write dd/mm/yyyy, yyyy-mm-dd or an Excel date',
        'bukan tanggal: tulis dd/mm/yyyy, yyyy-mm-dd atau tanggal Excel'
    FROM raw AS r INNER JOIN bad_values AS v ON v.col = 'tanggal_verifikasi' AND v.value = r.tanggal_verifikasi
    UNION ALL
    SELECT r._row, 'tanggal_verifikasi', 'date in the future',
        'tanggal di masa depan'
    FROM raw AS r INNER JOIN future_values AS v ON v.col = 'tanggal_verifikasi' AND v.value = r.tanggal_verifikasi
    UNION ALL
    SELECT r._row, 'tanggal_asesmen', 'not a date: write dd/mm/yyyy, yyyy-mm-dd or an Excel date',
        'bukan tanggal: tulis dd/mm/yyyy, yyyy-mm-dd atau tanggal Excel'
    FROM raw AS r INNER JOIN bad_values AS v ON v.col = 'tanggal_asesmen' AND v.value = r.tanggal_asesmen
    UNION ALL
    SELECT r._row, 'tanggal_asesmen', 'date in the future',
        'tanggal di masa depan'
    FROM raw AS r INNER JOIN future_values AS v ON v.col = 'tanggal_asesmen' AND v.value = r.tanggal_asesmen
    UNION ALL
    SELECT r._row, 'tanggal_rujukan', 'not a date: write dd/mm/yyyy, yyyy-mm-dd or an Excel date',
        'bukan tanggal: tulis dd/mm/yyyy, yyyy-mm-dd atau tanggal Excel'
    FROM raw AS r INNER JOIN bad_values AS v ON v.col = 'tanggal_rujukan' AND v.value = r.tanggal_rujukan
    UNION ALL
    SELECT r._row, 'tanggal_rujukan', 'date in the future',
        'tanggal di masa depan'
    FROM raw AS r INNER JOIN future_values AS v ON v.col = 'tanggal_rujukan' AND v.value = r.tanggal_rujukan
    UNION ALL
    SELECT r._row, 'tanggal_intervensi', 'not a date: write dd/mm/yyyy, yyyy-mm-dd or an Excel date',
        'bukan tanggal: tulis dd/mm/yyyy, yyyy-mm-dd atau tanggal Excel'
    FROM raw AS r INNER JOIN bad_values AS v ON v.col = 'tanggal_intervensi' AND v.value = r.tanggal_intervensi
    UNION ALL
    SELECT r._row, 'tanggal_intervensi', 'date in the future',
        'tanggal di masa depan'
    FROM raw AS r INNER JOIN future_values AS v ON v.col = 'tanggal_intervensi' AND v.value = r.tanggal_intervensi
    UNION ALL
    SELECT r._row, 'tanggal_hasil', 'not a date: write dd/mm/yyyy, yyyy-mm-dd or an Excel date',
        'bukan tanggal: tulis dd/mm/yyyy, yyyy-mm-dd atau tanggal Excel'
    FROM raw AS r INNER JOIN bad_values AS v ON v.col = 'tanggal_hasil' AND v.value = r.tanggal_hasil
    UNION ALL
    SELECT r._row, 'tanggal_hasil', 'date in the future',
        'tanggal di masa depan'
    FROM raw AS r INNER JOIN future_values AS v ON v.col = 'tanggal_hasil' AND v.value = r.tanggal_hasil
    UNION ALL
    SELECT _row, 'kelompok_pengeluaran', 'not a number',
        'bukan angka'
    FROM persons WHERE kelompok_pengeluaran IS NULL AND has_kelompok_pengeluaran
    UNION ALL
    SELECT _row, 'kelas', 'not a number',
        'bukan angka'
    FROM persons WHERE kelas IS NULL AND has_kelas
    UNION ALL
    SELECT _row, 'kelas_terakhir', 'not a number',
        'bukan angka'
    FROM persons WHERE kelas_terakhir IS NULL AND has_kelas_terakhir
    UNION ALL
    SELECT _row, 'jarak_sekolah_km', 'not a number',
        'bukan angka'
    FROM persons WHERE jarak_sekolah_km IS NULL AND has_jarak_sekolah_km
    UNION ALL
    SELECT _row, 'umur', 'not a number',
        'bukan angka'
    FROM persons WHERE umur_file IS NULL AND has_umur
    UNION ALL
    SELECT _row, 'survey_round', 'not a number',
        'bukan angka'
    FROM persons WHERE (survey_round IS NULL OR $survey_round IS NOT NULL) AND survey_round_file IS NULL AND has_survey_round
    UNION ALL
    SELECT _row, 'nama', 'HTML or script markup is not accepted in a text field',
        'markup HTML atau skrip tidak diterima di kolom teks'
    FROM raw WHERE nama LIKE '%<%' AND regexp_matches(nama, '<\s*[A-Za-z!/?]')
    UNION ALL
    SELECT _row, 'nama_kepala_keluarga', 'HTML or script markup is not accepted in a text field',
        'markup HTML atau skrip tidak diterima di kolom teks'
    FROM raw WHERE nama_kepala_keluarga LIKE '%<%' AND regexp_matches(nama_kepala_keluarga, '<\s*[A-Za-z!/?]')
    UNION ALL
    SELECT _row, 'nama_kel', 'HTML or script markup is not accepted in a text field',
        'markup HTML atau skrip tidak diterima di kolom teks'
    FROM raw WHERE nama_kel LIKE '%<%' AND regexp_matches(nama_kel, '<\s*[A-Za-z!/?]')
    UNION ALL
    SELECT _row, 'nama_kec', 'HTML or script markup is not accepted in a text field',
        'markup HTML atau skrip tidak diterima di kolom teks'
    FROM raw WHERE nama_kec LIKE '%<%' AND regexp_matches(nama_kec, '<\s*[A-Za-z!/?]')
    UNION ALL
    SELECT _row, 'nama_kab', 'HTML or script markup is not accepted in a text field',
        'markup HTML atau skrip tidak diterima di kolom teks'
    FROM raw WHERE nama_kab LIKE '%<%' AND regexp_matches(nama_kab, '<\s*[A-Za-z!/?]')
    UNION ALL
    SELECT _row, 'id_keluarga', 'HTML or script markup is not accepted in a text field',
        'markup HTML atau skrip tidak diterima di kolom teks'
    FROM raw WHERE id_keluarga LIKE '%<%' AND regexp_matches(id_keluarga, '<\s*[A-Za-z!/?]')
    UNION ALL
    SELECT _row, 'no_urut', 'HTML or script markup is not accepted in a text field',
        'markup HTML atau skrip tidak diterima di kolom teks'
    FROM raw WHERE no_urut LIKE '%<%' AND regexp_matches(no_urut, '<\s*[A-Za-z!/?]')

    -- rounds and wilayah codes
    UNION ALL
    SELECT _row, 'survey_round', 'round must be a year from 2000 to ' || year($today),
        'putaran harus tahun 2000 sampai ' || year($today)
    FROM persons WHERE survey_round NOT BETWEEN 2000 AND year($today)
    UNION ALL
    SELECT _row, 'survey_round', 'differs from the round of this import (' || $survey_round || ', from --round or the most common round in the file)',
        'berbeda dari putaran impor ini (' || $survey_round || ', dari --round atau putaran terbanyak di berkas)'
    FROM persons WHERE $survey_round IS NOT NULL AND survey_round <> $survey_round
    UNION ALL
    SELECT _row, 'kode_kel', 'not a desa/kelurahan code: write 73.73.01.1001 or 7373011001',
        'bukan kode desa/kelurahan: tulis 73.73.01.1001 atau 7373011001'
    FROM persons WHERE kode_kel IS NULL AND has_kode_kel
    UNION ALL
    SELECT _row, 'kode_kel', 'not a desa/kelurahan in the Kepmendagri reference',
        'desa/kelurahan ini tidak ada di referensi Kepmendagri'
    FROM persons WHERE kode_kel IS NOT NULL AND kode_kel NOT IN (SELECT kode FROM import_ref_kel)
    UNION ALL
    SELECT _row, 'kode_kel',
        'desa/kelurahan of kab/kota ' || left(kode_kel, 5) || ', outside the kab/kota of this import (' || (SELECT list FROM kabs) || ')',
        'desa/kelurahan milik kab/kota ' || left(kode_kel, 5) || ', di luar kab/kota impor ini (' || (SELECT list FROM kabs) || ')'
    FROM persons
    WHERE kode_kel IN (SELECT kode FROM import_ref_kel) AND left(kode_kel, 5) NOT IN (SELECT kode_kab FROM import_kabs)
    UNION ALL
    SELECT _row, 'kode_kec',
        CASE WHEN length(kode_kec) = 8 THEN 'kecamatan code does not match the desa/kelurahan code ' || kode_kel
            ELSE 'not a kecamatan code: write 73.73.01 or 737301' END,
        CASE WHEN length(kode_kec) = 8 THEN 'kode kecamatan tidak cocok dengan kode desa/kelurahan ' || kode_kel
            ELSE 'bukan kode kecamatan: tulis 73.73.01 atau 737301' END
    FROM persons
    WHERE has_kode_kec
        AND (coalesce(length(kode_kec), 0) <> 8 OR kode_kec <> left(kode_kel, 8))
    UNION ALL
    SELECT _row, 'kode_kab',
        CASE WHEN length(kode_kab) = 5 THEN 'kab/kota code does not match the desa/kelurahan code ' || kode_kel
            ELSE 'not a kab/kota code: write 73.73 or 7373' END,
        CASE WHEN length(kode_kab) = 5 THEN 'kode kab/kota tidak cocok dengan kode desa/kelurahan ' || kode_kel
            ELSE 'bukan kode kab/kota: tulis 73.73 atau 7373' END
    FROM persons
    WHERE has_kode_kab
        AND (coalesce(length(kode_kab), 0) <> 5 OR kode_kab <> left(kode_kel, 5))

    -- ages at the round's reference date
    UNION ALL
    SELECT _row, CASE WHEN umur_lahir IS NULL THEN 'umur' ELSE 'tanggal_lahir' END,
        'impossible age ' || umur || ' at the reference date ' || coalesce(ref_date::VARCHAR, '?'),
        'umur mustahil ' || umur || ' pada tanggal referensi ' || coalesce(ref_date::VARCHAR, '?')
    FROM persons WHERE umur < 0 OR umur > 120
    UNION ALL
    SELECT _row, CASE WHEN umur_lahir IS NULL THEN 'umur' ELSE 'tanggal_lahir' END,
        'aged ' || umur || ' at the reference date ' || coalesce(ref_date::VARCHAR, '?')
        || ': outside the SIPBM child census (0-18), not stored',
        'berumur ' || umur || ' pada tanggal referensi ' || coalesce(ref_date::VARCHAR, '?')
        || ': di luar sensus anak SIPBM (0-18), tidak disimpan'
    FROM persons WHERE umur BETWEEN 19 AND 120
    UNION ALL
    SELECT _row, 'umur',
        'does not match tanggal_lahir (' || umur_lahir || ' years at the reference date ' || ref_date || ')',
        'tidak cocok dengan tanggal_lahir (' || umur_lahir || ' tahun pada tanggal referensi ' || ref_date || ')'
    FROM persons WHERE umur_lahir IS NOT NULL AND umur_file IS NOT NULL AND umur_lahir <> umur_file

    -- school status and ATS category (DOMAIN.md 7.4); completed grade 12 (TAMAT12, not ATS: DOMAIN.md 7.3)
    UNION ALL
    SELECT _row, 'kategori_ats',
        'a child in school (' || partisipasi || ') cannot also be out of school (DO, LTM or BPB) or have completed school (TAMAT12)',
        'anak yang bersekolah (' || partisipasi || ') tidak bisa sekaligus tidak sekolah (DO, LTM atau BPB) atau tamat sekolah (TAMAT12)'
    FROM persons WHERE partisipasi IN ('formal', 'nonformal') AND (kategori_ats IS NOT NULL OR tamat12_given)
    UNION ALL
    SELECT _row, 'kategori_ats',
        'required for a child aged 7-18 out of school: DO, LTM or BPB (or TAMAT12, or kelas_terakhir 12, for one '
        || 'aged 16-18 who completed SMA/SMK/MA or Paket C)',
        'wajib untuk anak 7-18 tahun yang tidak sekolah: DO, LTM atau BPB (atau TAMAT12, atau kelas_terakhir 12, '
        || 'untuk anak 16-18 tahun yang tamat SMA/SMK/MA atau Paket C)'
    FROM persons
    WHERE partisipasi = 'tidak_sekolah' AND umur BETWEEN 7 AND 18 AND NOT has_kategori_ats AND NOT is_tamat12
    UNION ALL
    SELECT _row, CASE WHEN tamat12_given THEN 'kategori_ats' ELSE 'kelas_terakhir' END,
        'completed grade 12 (TAMAT12) at age ' || umur || ': only a child aged 16-18 can have completed 12 years of school',
        'tamat kelas 12 (TAMAT12) pada umur ' || umur || ': hanya anak umur 16-18 yang bisa sudah tamat 12 tahun sekolah'
    FROM persons WHERE is_tamat12 AND umur NOT BETWEEN 16 AND 18
    UNION ALL
    SELECT _row, 'kelas_terakhir', 'TAMAT12 means grade 12 completed: kelas_terakhir must be 12 or blank',
        'TAMAT12 berarti tamat kelas 12: kelas_terakhir harus 12 atau kosong'
    FROM persons WHERE tamat12_given AND kelas_terakhir <> 12
    UNION ALL
    SELECT p._row, CASE WHEN p.kelas_terakhir IS NULL THEN 'jenjang_terakhir' ELSE 'kelas_terakhir' END,
        'grade ' || coalesce(p.kelas_terakhir, 12) || ' is not a grade of ' || p.jenjang_terakhir
        || ' (grades ' || g.kelas_min || '-' || g.kelas_max || ')',
        'kelas ' || coalesce(p.kelas_terakhir, 12) || ' bukan kelas ' || p.jenjang_terakhir
        || ' (kelas ' || g.kelas_min || '-' || g.kelas_max || ')'
    FROM persons AS p INNER JOIN jenjang_grades AS g ON g.jenjang = p.jenjang_terakhir
    WHERE
        ((p.is_ats AND p.kategori_ats <> 'BPB') OR p.is_tamat12)
        AND coalesce(p.kelas_terakhir, CASE WHEN p.tamat12_given THEN 12 END) BETWEEN 1 AND 12
        AND coalesce(p.kelas_terakhir, CASE WHEN p.tamat12_given THEN 12 END) NOT BETWEEN g.kelas_min AND g.kelas_max
    UNION ALL
    SELECT _row, 'kategori_ats', 'an ATS category applies only to ages 7-18 (age ' || umur || ')',
        'kategori ATS hanya untuk umur 7-18 (umur ' || umur || ')'
    FROM persons WHERE kategori_ats IS NOT NULL AND umur NOT BETWEEN 7 AND 18
    UNION ALL
    SELECT _row, 'kelas_terakhir', 'BPB (never enrolled) cannot have a last grade',
        'BPB (belum pernah sekolah) tidak bisa punya kelas terakhir'
    FROM persons WHERE kategori_ats = 'BPB' AND kelas_terakhir IS NOT NULL
    UNION ALL
    SELECT _row, 'kelas_terakhir',
        'LTM needs last grade 6 or 9 (completed SD/Paket A or SMP/Paket B): grade 12 completed is TAMAT12, not ATS',
        'LTM perlu kelas terakhir 6 atau 9 (lulus SD/Paket A atau SMP/Paket B): tamat kelas 12 adalah TAMAT12, bukan ATS'
    FROM persons WHERE kategori_ats = 'LTM' AND coalesce(kelas_terakhir, 0) NOT IN (6, 9)
    UNION ALL
    SELECT _row, 'kelas_terakhir',
        'DO cannot end on a completed grade (6, 9 or 12): grade 6 or 9 completed and not continued is LTM, '
        || 'grade 12 completed is TAMAT12 (not ATS)',
        'DO tidak bisa berakhir di kelas tamat (6, 9 atau 12): lulus kelas 6 atau 9 lalu tidak melanjutkan adalah LTM, '
        || 'tamat kelas 12 adalah TAMAT12 (bukan ATS)'
    FROM persons WHERE kategori_ats = 'DO' AND kelas_terakhir IN (6, 9, 12)
    UNION ALL
    SELECT p._row, 'kelas', 'grade ' || p.kelas || ' is not a grade of ' || p.jenjang
        || ' (grades ' || g.kelas_min || '-' || g.kelas_max || ')',
        'kelas ' || p.kelas || ' bukan kelas ' || p.jenjang || ' (kelas ' || g.kelas_min || '-' || g.kelas_max || ')'
    FROM persons AS p INNER JOIN jenjang_grades AS g ON g.jenjang = p.jenjang
    WHERE p.partisipasi IN ('formal', 'nonformal') AND p.kelas BETWEEN 1 AND 12
        AND p.kelas NOT BETWEEN g.kelas_min AND g.kelas_max
    UNION ALL
    SELECT _row, 'jenjang', 'level ' || jenjang || ' does not fit partisipasi ' || partisipasi,
        'jenjang ' || jenjang || ' tidak sesuai dengan partisipasi ' || partisipasi
    FROM persons
    WHERE (partisipasi = 'formal' AND jenjang LIKE 'Paket%')
        OR (partisipasi = 'nonformal' AND jenjang IS NOT NULL AND jenjang NOT LIKE 'Paket%')
    UNION ALL
    SELECT _row, 'kelas', 'grade must be 1 to 12',
        'kelas harus 1 sampai 12'
    FROM persons WHERE kelas NOT BETWEEN 1 AND 12
    UNION ALL
    SELECT _row, 'kelas_terakhir', 'grade must be 1 to 12',
        'kelas harus 1 sampai 12'
    FROM persons WHERE kelas_terakhir NOT BETWEEN 1 AND 12
    UNION ALL
    SELECT _row, 'kelompok_pengeluaran', 'expenditure quintile must be 1 to 5',
        'kelompok pengeluaran harus 1 sampai 5'
    FROM persons WHERE kelompok_pengeluaran NOT BETWEEN 1 AND 5
    UNION ALL
    SELECT _row, 'jarak_sekolah_km', 'distance must be 0 to 500 km',
        'jarak harus 0 sampai 500 km'
    FROM persons WHERE jarak_sekolah_km NOT BETWEEN 0 AND 500

    -- identifiers and duplicates
    UNION ALL
    -- a spreadsheet that holds the number as a number writes 7,3081E+15 or 7308100000000000.0: it keeps 15
    -- digits, so the 16th is lost and the officer is told how to keep the column as text
    SELECT p._row, 'nik', 'a NIK has 16 digits' || import_number_note(r.nik, n.reason),
        'NIK terdiri dari 16 digit' || import_number_note(r.nik, n.alasan)
    FROM persons AS p INNER JOIN raw AS r ON r._row = p._row CROSS JOIN number_hint AS n
    WHERE coalesce(length(p.nik), 0) <> 16 AND p.has_nik
    UNION ALL
    SELECT p._row, 'no_kk', 'a KK number has 16 digits' || import_number_note(r.no_kk, n.reason),
        'nomor KK terdiri dari 16 digit' || import_number_note(r.no_kk, n.alasan)
    FROM persons AS p INNER JOIN raw AS r ON r._row = p._row CROSS JOIN number_hint AS n
    WHERE coalesce(length(p.no_kk), 0) <> 16 AND p.has_no_kk
    UNION ALL
    SELECT _row, 'nik', 'duplicate person in this round: same NIK as row ' || first_row,
        'orang ganda di putaran ini: NIK sama dengan baris ' || first_row
    FROM dup_nik WHERE _row <> first_row
    UNION ALL
    SELECT _row, 'no_urut', 'duplicate person in this round: same household and person line as row ' || first_row,
        'orang ganda di putaran ini: keluarga dan nomor urut sama dengan baris ' || first_row
    FROM dup_line WHERE _row <> first_row

    -- handling events (DOMAIN.md 2.4)
    UNION ALL
    SELECT _row, 'partisipasi', 'handling dates are given for a child who is not out of school (ATS)',
        'tanggal penanganan diisi untuk anak yang tidak termasuk ATS'
    FROM persons WHERE has_handling AND NOT is_ats
    UNION ALL
    SELECT _row, 'tanggal_identifikasi', 'handling dates need tanggal_identifikasi or tanggal_pendataan',
        'tanggal penanganan memerlukan tanggal_identifikasi atau tanggal_pendataan'
    FROM persons WHERE has_handling AND tanggal_identifikasi_eff IS NULL
    UNION ALL
    SELECT _row, 'tanggal_' || tahap, 'before the identification date ' || tanggal_identifikasi_eff,
        'sebelum tanggal identifikasi ' || tanggal_identifikasi_eff
    FROM (
        UNPIVOT (
            SELECT _row, tanggal_identifikasi_eff, tanggal_verifikasi AS verifikasi, tanggal_asesmen AS asesmen,
                tanggal_rujukan AS rujukan, tanggal_intervensi AS intervensi, tanggal_hasil AS hasil
            FROM persons WHERE has_handling AND tanggal_identifikasi_eff IS NOT NULL
        ) ON verifikasi, asesmen, rujukan, intervensi, hasil INTO NAME tahap VALUE tanggal
    )
    WHERE tanggal < tanggal_identifikasi_eff
)

SELECT _row AS source_row, column_name, reason, alasan
FROM found
