"""Code lists of the data model (DOMAIN.md sections 2, 3 and 7). One place for every vocabulary.

Labels shown to users live in ui/i18n.py; here are only codes and the relations between them. The wilayah code
levels and their parsing are in domain/wilayah.py.
"""

SEXES = ("L", "P")
KATEGORI_ATS = ("DO", "LTM", "BPB")
# Not ATS: a child aged 16-18 out of school who completed grade 12 (SMA/SMK/MA or Paket C) has finished the 12
# years of Wajib Belajar 12 Tahun (DOMAIN.md 7.3), but BPS's APS still counts them as not attending school. The
# import's kategori_ats accepts this code; the store keeps kategori_ats for the ATS categories only and the status
# is derived from the record: out of school, no category, last grade 12 (queries/build/010_agg_ats_kel.sql; the
# ages 16-18 are rules of queries/import/020_int_problems.sql and queries/checks/anak_kategori_consistent.sql).
TAMAT12 = "TAMAT12"
PARTISIPASI = ("formal", "nonformal", "tidak_sekolah")
# Age groups of the BPS participation indicators; the ATS scope is 7-18.
AGE_GROUPS = {"7-12": (7, 12), "13-15": (13, 15), "16-18": (16, 18)}
ATS_AGE_RANGE = (7, 18)

# Main reason for being out of school -> reason group. Susenas baseline list merged with the
# PASTI BERAKSI list reported by Bappelitbangda Sulsel (DOMAIN.md section 2.3).
ALASAN_GROUP = {
    "biaya": "ekonomi",                 # tidak ada biaya
    "malu_ekonomi": "ekonomi",          # malu / tidak suka karena ekonomi keluarga
    "bekerja_upah": "bekerja",          # bekerja mendapatkan upah
    "bekerja_tanpa_upah": "bekerja",    # bekerja tidak mendapatkan upah
    "menikah": "pernikahan",            # menikah / mengurus rumah tangga
    "jarak": "akses",                   # sekolah jauh
    "tidak_diterima": "akses",          # tidak diterima
    "disabilitas": "kesehatan_disabilitas",
    "perundungan": "sosial",            # bullying
    "lingkungan": "sosial",             # pengaruh lingkungan
    "teman": "sosial",                  # pengaruh teman sebaya
    "merasa_cukup": "budaya",           # merasa pendidikan sudah cukup
    "lainnya": "lainnya",
}
ALASAN_GROUPS = ("ekonomi", "bekerja", "pernikahan", "akses", "kesehatan_disabilitas", "sosial", "budaya", "lainnya")

# Household and child attributes of the SIPBM form
JENIS_DISABILITAS = ("fisik", "intelektual", "mental", "sensorik", "ganda")
MODA_TRANSPORTASI = ("jalan_kaki", "sepeda", "sepeda_motor", "angkutan_umum", "antar_jemput", "perahu")

KEGIATAN = ("bekerja", "membantu_rumah_tangga", "mengasuh_keluarga", "tidak_ada_kegiatan", "bermain_gawai", "anak_jalanan")

# Handling workflow (DOMAIN.md section 2.4)
TAHAP = ("identifikasi", "verifikasi", "asesmen", "rujukan", "intervensi", "hasil")
ALASAN_BUKAN_ATS = ("pindah", "lewat_usia", "duplikat", "masih_sekolah", "meninggal")
JENIS_INTERVENSI = ("formal", "paket_a", "paket_b", "paket_c", "lkp", "beasiswa", "bansos", "konseling", "dokumen")
HASIL = ("kembali_formal", "kembali_nonformal", "dalam_proses", "menolak", "tidak_memungkinkan")

# School levels and their grades
JENJANG_KELAS = {"SD": range(1, 7), "SMP": range(7, 10), "SMA": range(10, 13)}
# Non-formal equivalents (kesetaraan): Paket A = SD, Paket B = SMP, Paket C = SMA, their grades counted alike, so
# that the DO/LTM rules (DOMAIN.md 7.4) read a Paket B drop-out's last grade as a SMP one.
PAKET_KELAS = {"Paket A": range(1, 7), "Paket B": range(7, 10), "Paket C": range(10, 13)}
# The last level an out-of-school child attended (jenjang_terakhir) and its grades (kelas_terakhir)
JENJANG_TERAKHIR_KELAS = {**JENJANG_KELAS, **PAKET_KELAS}
TERMINAL_GRADES = (6, 9, 12)
