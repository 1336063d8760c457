-- Raw tables of the store (DOMAIN.md section 7.1). Created once per store file; imports and the
-- demo build append or replace rows here, then queries/build/* derive the agg_* tables from them.
-- Personal identifiers are only ever stored as keyed hashes (nik_hash, no_kk_hash); no names.

CREATE TABLE IF NOT EXISTS meta (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR
);

-- Every administrative unit, all levels (Kepmendagri codes, dotted).
CREATE TABLE IF NOT EXISTS wilayah (
    kode       VARCHAR PRIMARY KEY,
    level      VARCHAR NOT NULL CHECK (level IN ('prov', 'kab', 'kec', 'kel')),
    nama       VARCHAR NOT NULL,
    kode_induk VARCHAR,            -- parent's code; null for provinces
    jenis      VARCHAR,            -- provinsi / kabupaten / kota / kecamatan / kelurahan / desa / desa adat
    kode_prov  VARCHAR,
    kode_kab   VARCHAR,
    kode_kec   VARCHAR
);

-- One SIPBM round in one kab/kota. survey_round is the year of the round.
CREATE TABLE IF NOT EXISTS survey_round (
    survey_round   INTEGER NOT NULL,
    kode_kab       VARCHAR NOT NULL,
    reference_date DATE    NOT NULL,  -- ages are completed years at this date
    start_date     DATE,
    end_date       DATE,
    sumber         VARCHAR NOT NULL,  -- 'demo' or the import's file name
    PRIMARY KEY (survey_round, kode_kab)
);

-- Household (keluarga), the SIPBM unit of enumeration.
CREATE TABLE IF NOT EXISTS keluarga (
    keluarga_id          BIGINT PRIMARY KEY,
    survey_round         INTEGER NOT NULL,
    kode_kel             VARCHAR NOT NULL,
    no_kk_hash           VARCHAR,
    tanggal_pendataan    DATE,
    kelompok_pengeluaran TINYINT,     -- expenditure quintile 1 (poorest) .. 5
    penerima_bansos      BOOLEAN,     -- receives PKH/BPNT/KIP/PIP
    jarak_sekolah_km     DOUBLE,
    moda_transportasi    VARCHAR
);

-- One enumerated child aged 0-18 per round.
CREATE TABLE IF NOT EXISTS anak (
    anak_id              BIGINT PRIMARY KEY,
    keluarga_id          BIGINT NOT NULL,
    survey_round         INTEGER NOT NULL,
    kode_kel             VARCHAR NOT NULL,
    nik_hash             VARCHAR,     -- keyed hash of the NIK, stable across rounds
    sex                  VARCHAR NOT NULL CHECK (sex IN ('L', 'P')),
    umur                 TINYINT NOT NULL,  -- completed years at the round's reference_date
    has_disability       BOOLEAN NOT NULL,
    jenis_disabilitas    VARCHAR,
    partisipasi          VARCHAR NOT NULL CHECK (partisipasi IN ('formal', 'nonformal', 'tidak_sekolah')),
    jenjang              VARCHAR,     -- current level when in school: PAUD SD SMP SMA Paket A/B/C
    kelas                TINYINT,
    kategori_ats         VARCHAR CHECK (kategori_ats IN ('DO', 'LTM', 'BPB')),
    jenjang_terakhir     VARCHAR,
    kelas_terakhir       TINYINT,
    alasan               VARCHAR,     -- main reason code, see data/codes.py
    alasan_group         VARCHAR,
    kegiatan             VARCHAR,     -- current main activity of an out-of-school child
    kelompok_pengeluaran TINYINT      -- the household's expenditure quintile (economic proxy)
);

-- Handling events of an out-of-school child found in a round (DOMAIN.md section 2.4).
CREATE TABLE IF NOT EXISTS penanganan (
    event_id          BIGINT PRIMARY KEY,
    anak_id           BIGINT NOT NULL,
    survey_round      INTEGER NOT NULL,
    kode_kel          VARCHAR NOT NULL,
    tahap             VARCHAR NOT NULL CHECK (tahap IN ('identifikasi', 'verifikasi', 'asesmen', 'rujukan', 'intervensi', 'hasil')),
    tanggal           DATE NOT NULL,
    status_verifikasi VARCHAR,        -- verifikasi: 'ats' or 'bukan_ats'
    alasan_bukan_ats  VARCHAR,        -- pindah / lewat_usia / duplikat / masih_sekolah / meninggal
    jenis_intervensi  VARCHAR,        -- intervensi: formal / paket_a / paket_b / paket_c / lkp / beasiswa / bansos / konseling / dokumen
    hasil             VARCHAR         -- hasil: kembali_formal / kembali_nonformal / dalam_proses / menolak / tidak_memungkinkan
);

-- Simplified boundary of one unit, GeoJSON geometry in EPSG:4326.
CREATE TABLE IF NOT EXISTS boundary (
    kode     VARCHAR PRIMARY KEY,
    level    VARCHAR NOT NULL CHECK (level IN ('prov', 'kab', 'kec', 'kel')),
    geometry VARCHAR NOT NULL,
    min_lon  DOUBLE NOT NULL,
    min_lat  DOUBLE NOT NULL,
    max_lon  DOUBLE NOT NULL,
    max_lat  DOUBLE NOT NULL,
    sumber   VARCHAR NOT NULL
);

-- Reason taxonomy (loaded from data/codes.py at every build).
CREATE TABLE IF NOT EXISTS ref_alasan (
    alasan       VARCHAR PRIMARY KEY,
    alasan_group VARCHAR NOT NULL
);
