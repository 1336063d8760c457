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
    keluarga_id          BIGINT NOT NULL,  -- unique: checks/record_ids_unique (see the note above anak)
    survey_round         INTEGER NOT NULL,
    kode_kel             VARCHAR NOT NULL,
    no_kk_hash           VARCHAR USING COMPRESSION zstd,  -- keyed hash; zstd: see nik_hash
    tanggal_pendataan    DATE,
    kelompok_pengeluaran TINYINT,     -- expenditure quintile 1 (poorest) .. 5
    penerima_bansos      BOOLEAN,     -- receives PKH/BPNT/KIP/PIP
    jarak_sekolah_km     DOUBLE,
    moda_transportasi    VARCHAR
);

-- One enumerated child aged 0-18 per round.
-- keluarga, anak and penanganan have no PRIMARY KEY: its index costs about 1 s per million rows inserted and
-- no query looks records up by id; uniqueness is a data check of every write (checks/record_ids_unique).
CREATE TABLE IF NOT EXISTS anak (
    anak_id              BIGINT NOT NULL,  -- unique: checks/record_ids_unique
    keluarga_id          BIGINT NOT NULL,
    survey_round         INTEGER NOT NULL,
    kode_kel             VARCHAR NOT NULL,
    -- keyed hash of the NIK, stable across rounds. Random hex, so zstd: the default analysis (dictionary and
    -- FSST) takes 0.45 s per million rows written for a file 15% smaller, zstd 0.26 s (uncompressed 0.19 s, but
    -- twice the size). Stores made before this keep the default; they read and write the same.
    nik_hash             VARCHAR USING COMPRESSION zstd,
    sex                  VARCHAR NOT NULL CHECK (sex IN ('L', 'P')),
    umur                 TINYINT NOT NULL,  -- completed years at the round's reference_date
    has_disability       BOOLEAN NOT NULL,
    jenis_disabilitas    VARCHAR,
    partisipasi          VARCHAR NOT NULL CHECK (partisipasi IN ('formal', 'nonformal', 'tidak_sekolah')),
    jenjang              VARCHAR,     -- current level when in school: PAUD SD SMP SMA Paket A/B/C
    kelas                TINYINT,
    -- ATS only. Out of school with no category and kelas_terakhir 12 (ages 16-18): completed 12 years, not ATS
    -- (the import's TAMAT12; counted as agg_ats_kel.n_tamat12)
    kategori_ats         VARCHAR CHECK (kategori_ats IN ('DO', 'LTM', 'BPB')),
    jenjang_terakhir     VARCHAR,     -- last level of DO, LTM, completed 12: SD SMP SMA Paket A/B/C
    kelas_terakhir       TINYINT,     -- its grade (Paket A/B/C counted as SD/SMP/SMA: 1-6, 7-9, 10-12)
    alasan               VARCHAR,     -- main reason code, see domain/codes.py
    alasan_group         VARCHAR,
    kegiatan             VARCHAR,     -- current main activity of an out-of-school child
    kelompok_pengeluaran TINYINT      -- the household's expenditure quintile (economic proxy)
);

-- Handling events of an out-of-school child found in a round (DOMAIN.md section 2.4).
CREATE TABLE IF NOT EXISTS penanganan (
    event_id          BIGINT NOT NULL,  -- unique: checks/record_ids_unique
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

-- Reason taxonomy (loaded from domain/codes.py at every build).
CREATE TABLE IF NOT EXISTS ref_alasan (
    alasan       VARCHAR PRIMARY KEY,
    alasan_group VARCHAR NOT NULL
);

-- One row per survey file applied to the store by `python -m data import` (data/importer/apply.py).
-- Refused, unchanged and dry-run attempts leave the store as it was (same bytes), so they are not
-- here: they are printed, and appended to imports.jsonl beside the store.
CREATE TABLE IF NOT EXISTS import_log (
    import_id    INTEGER PRIMARY KEY,
    file_name    VARCHAR NOT NULL,
    sha256       VARCHAR NOT NULL,
    survey_round INTEGER NOT NULL,
    kode_kab     VARCHAR NOT NULL,   -- comma-separated when a file covers several kab/kota
    n_kel        INTEGER NOT NULL,   -- desa/kelurahan whose rows of this round were replaced
    rows_read    BIGINT  NOT NULL,
    accepted     BIGINT  NOT NULL,
    rejected     BIGINT  NOT NULL,
    status       VARCHAR NOT NULL,
    imported_at  TIMESTAMP NOT NULL,
    "user"       VARCHAR,
    settings     VARCHAR             -- fingerprint of the mapping and options the file was imported with
);
-- a store made before import_log had settings
ALTER TABLE import_log ADD COLUMN IF NOT EXISTS settings VARCHAR;

-- One row per boundary import applied by `python -m data boundaries` or the Impor data page (data/load.py),
-- written in the same write as the boundaries (a refused import leaves none). The demo build's boundaries
-- are not here; boundary.sumber names the source of every polygon.
CREATE TABLE IF NOT EXISTS boundary_log (
    import_id       INTEGER PRIMARY KEY,
    kind            VARCHAR NOT NULL,   -- file (a file or folder read) or download (the public upstream)
    source          VARCHAR NOT NULL,   -- file names; for a download the code and the pinned upstream commit
    sha256          VARCHAR,            -- of the file, when one file was read
    units_in_files  INTEGER NOT NULL,
    matched         INTEGER NOT NULL,   -- units stored (codes of the wilayah reference)
    unmatched       INTEGER NOT NULL,   -- codes in the files the reference does not know
    without_polygon INTEGER NOT NULL,   -- known units, within what the files cover, still without a polygon
    outside_parent  INTEGER NOT NULL,   -- units outside the box of the unit above them (a warning)
    imported_at     TIMESTAMP NOT NULL,
    "user"          VARCHAR
);

-- KLA (Kabupaten/Kota Layak Anak) cluster IV, DOMAIN.md section 4. The registry (kla_framework,
-- kla_indikator, kla_tier) is reloaded from data/reference/kla_*.csv at every build; values entered by
-- users, their audit trail and the KLA evaluation results are kept across writes. Writes go through data/kla.py.
CREATE TABLE IF NOT EXISTS kla_framework (
    kode           VARCHAR PRIMARY KEY,  -- 2021-24 (Perpres 25/2021) or 2011-31 (Permen PPPA 12/2011)
    nama_id        VARCHAR NOT NULL,
    nama_en        VARCHAR NOT NULL,
    dasar_hukum    VARCHAR,
    n_indikator    INTEGER,
    berlaku_dari   INTEGER,
    berlaku_sampai INTEGER,
    referensi      VARCHAR
);

CREATE TABLE IF NOT EXISTS kla_indikator (
    kode         VARCHAR PRIMARY KEY,
    framework    VARCHAR NOT NULL,
    klaster      VARCHAR NOT NULL,
    urutan       INTEGER NOT NULL,
    induk        VARCHAR,              -- the indicator slot a census proxy gives evidence for
    nama_id      VARCHAR NOT NULL,
    nama_en      VARCHAR NOT NULL,
    definisi_id  VARCHAR NOT NULL,
    definisi_en  VARCHAR NOT NULL,
    satuan       VARCHAR NOT NULL CHECK (satuan IN ('persen', 'jumlah')),
    pembilang_id VARCHAR,
    pembilang_en VARCHAR,
    penyebut_id  VARCHAR,
    penyebut_en  VARCHAR,
    cara         VARCHAR NOT NULL CHECK (cara IN ('sensus', 'input')),  -- computed from the census or entered
    ukuran       VARCHAR,              -- the census measure of agg_kla_sensus_kab, for cara = 'sensus'
    sumber_id    VARCHAR NOT NULL,
    sumber_en    VARCHAR NOT NULL,
    polaritas    VARCHAR NOT NULL CHECK (polaritas IN ('naik', 'turun')),  -- naik: higher is better
    target       DOUBLE,
    batas_hijau  DOUBLE,               -- green from here (at least for naik, at most for turun)
    batas_kuning DOUBLE,               -- yellow from here; red beyond
    referensi    VARCHAR
);

CREATE TABLE IF NOT EXISTS kla_tier (
    tier     VARCHAR PRIMARY KEY,      -- Pratama, Madya, Nindya, Utama, KLA
    skor_min DOUBLE NOT NULL,
    skor_max DOUBLE NOT NULL,
    urutan   INTEGER NOT NULL
);

-- One value entered for an administrative indicator (cara = 'input'), per kab/kota and year; the latest
-- version. Every change is in kla_audit.
CREATE TABLE IF NOT EXISTS kla_nilai_input (
    kode_kab    VARCHAR NOT NULL,
    tahun       INTEGER NOT NULL,
    kode        VARCHAR NOT NULL,      -- kla_indikator.kode
    nilai       DOUBLE NOT NULL,
    pembilang   DOUBLE,
    penyebut    DOUBLE,
    bukti       VARCHAR NOT NULL,      -- evidence: a note or a link
    operator    VARCHAR NOT NULL,      -- who entered it (typed name; no login yet)
    diubah_pada TIMESTAMP NOT NULL,
    is_demo     BOOLEAN NOT NULL,
    PRIMARY KEY (kode_kab, tahun, kode)
);

CREATE TABLE IF NOT EXISTS kla_audit (
    audit_id    BIGINT PRIMARY KEY,
    diubah_pada TIMESTAMP NOT NULL,
    operator    VARCHAR NOT NULL,
    aksi        VARCHAR NOT NULL CHECK (aksi IN ('isi', 'ubah', 'impor', 'demo')),
    kode_kab    VARCHAR NOT NULL,
    tahun       INTEGER NOT NULL,
    kode        VARCHAR NOT NULL,
    nilai_lama  DOUBLE,
    nilai_baru  DOUBLE NOT NULL,
    bukti       VARCHAR NOT NULL,
    berkas      VARCHAR                -- the imported file's name, for aksi = 'impor'
);

-- KLA evaluation result per kab/kota and year (KemenPPPA): score out of 1000 (null when only the tier
-- was published) and tier.
CREATE TABLE IF NOT EXISTS kla_evaluasi (
    tahun    INTEGER NOT NULL,
    kode_kab VARCHAR NOT NULL,
    skor     DOUBLE,
    tier     VARCHAR,
    sumber   VARCHAR NOT NULL,
    is_demo  BOOLEAN NOT NULL,
    PRIMARY KEY (tahun, kode_kab)
);
