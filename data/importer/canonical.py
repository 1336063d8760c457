"""The canonical format of a survey file (docs/import-format.md), the refusal every step raises, and what is never
shown in clear (identifiers, names)."""

from __future__ import annotations

import pandas as pd

from domain.codes import (
    ALASAN_BUKAN_ATS,
    ALASAN_GROUP,
    HASIL,
    JENIS_DISABILITAS,
    JENIS_INTERVENSI,
    JENJANG_TERAKHIR_KELAS,
    KATEGORI_ATS,
    KEGIATAN,
    MODA_TRANSPORTASI,
    PARTISIPASI,
    SEXES,
    TAMAT12,
)


class ImportRefused(ValueError):
    """The file cannot be imported as it is; the message says why and what to do. The store is unchanged.

    `code` and `values` name the refusals a data officer meets most, so the app can say them in Bahasa
    Indonesia (ui/i18n.py, impor.err.<code>); the English message is the command line's and the fallback."""

    def __init__(self, message: str, code: str | None = None, **values):
        super().__init__(message)
        self.code = code
        self.values = values


class ImportNote(str):
    """A remark of the import report that rejects nothing (queries/import/026_int_notes.sql): its English text,
    as the command line prints it and the JSON line carries it, with a `code` and the `values` the Impor page
    needs to say it in its language (ui/i18n.py, impor.note.<code>), as geo.Note does for a boundary report."""

    def __new__(cls, text: str, code: str | None = None, **values):
        note = super().__new__(cls, text)
        note.code, note.values = code, values
        return note


# ---------------------------------------------------------------------------------------------------------
# The canonical format (docs/import-format.md): column -> (kind, required, description)

REQUIRED = ("kode_kel", "id_keluarga", "sex", "partisipasi")  # plus umur or tanggal_lahir, plus a round
CANONICAL: dict[str, tuple[str, str]] = {
    # where and when
    "survey_round": ("int", "round year; required unless --round is given"),
    "kode_kel": ("code", "desa/kelurahan Kemendagri code, 73.73.01.1001 or 7373011001"),
    "kode_kec": ("code", "kecamatan code, checked against kode_kel when given"),
    "kode_kab": ("code", "kab/kota code, checked against kode_kel when given"),
    "nama_kab": ("text", "not stored (names come from the reference)"),
    "nama_kec": ("text", "not stored"),
    "nama_kel": ("text", "not stored"),
    "reference_date": ("date", "reference date of the round (ages are counted at it)"),
    # household
    "id_keluarga": ("text", "household id of the source (unique within the desa and round)"),
    "no_kk": ("id", "family card number, 16 digits; stored only as a keyed hash"),
    "nama_kepala_keluarga": ("text", "not stored"),
    "tanggal_pendataan": ("date", "enumeration date of the household"),
    "kelompok_pengeluaran": ("int", "expenditure quintile 1 (poorest) .. 5"),
    "penerima_bansos": ("bool", "receives PKH/BPNT/KIP/PIP"),
    "jarak_sekolah_km": ("num", "distance to school in km"),
    "moda_transportasi": ("vocab", "transport to school"),
    # person
    "no_urut": ("text", "person line within the household"),
    "nik": ("id", "NIK, 16 digits; stored only as a keyed hash"),
    "nama": ("text", "not stored"),
    "sex": ("vocab", "L or P"),
    "tanggal_lahir": ("date", "date of birth"),
    "umur": ("int", "age in completed years at the reference date (when no tanggal_lahir)"),
    "disabilitas": ("bool", "has a disability"),
    "jenis_disabilitas": ("vocab", "type of disability"),
    # school
    "partisipasi": ("vocab", "formal, nonformal (Paket A/B/C) or tidak_sekolah"),
    "jenjang": ("vocab", "current level when in school"),
    "kelas": ("int", "current grade 1-12 when in school"),
    "kategori_ats": ("vocab", "DO, LTM or BPB when out of school aged 7-18; TAMAT12: completed grade 12, not ATS"),
    "jenjang_terakhir": ("vocab", "last level attended (DO, LTM, TAMAT12), Paket A/B/C included"),
    "kelas_terakhir": ("int", "last grade attended (DO, LTM); 12 for TAMAT12"),
    "alasan": ("vocab", "main reason for being out of school"),
    "kegiatan": ("vocab", "current main activity of an out-of-school child"),
    # handling (DOMAIN.md 2.4)
    "tanggal_identifikasi": ("date", "identification date (default: tanggal_pendataan)"),
    "tanggal_verifikasi": ("date", "verification date"),
    "status_verifikasi": ("vocab", "ats or bukan_ats"),
    "alasan_bukan_ats": ("vocab", "why not ATS after verification"),
    "tanggal_asesmen": ("date", "assessment date"),
    "tanggal_rujukan": ("date", "referral date"),
    "tanggal_intervensi": ("date", "intervention date"),
    "jenis_intervensi": ("vocab", "intervention type"),
    "tanggal_hasil": ("date", "outcome date"),
    "hasil": ("vocab", "outcome"),
}

JENJANG = ("PAUD", "SD", "SMP", "SMA", "Paket A", "Paket B", "Paket C")
VOCAB: dict[str, tuple[str, ...]] = {
    "sex": SEXES,
    "partisipasi": PARTISIPASI,
    "kategori_ats": (*KATEGORI_ATS, TAMAT12),  # TAMAT12 is read, never stored as a category (031_out_anak)
    "jenjang": JENJANG,
    "jenjang_terakhir": tuple(JENJANG_TERAKHIR_KELAS),  # SD SMP SMA Paket A Paket B Paket C
    "alasan": tuple(ALASAN_GROUP),
    "kegiatan": KEGIATAN,
    "disabilitas": ("true", "false"),
    "jenis_disabilitas": JENIS_DISABILITAS,
    "penerima_bansos": ("true", "false"),
    "moda_transportasi": MODA_TRANSPORTASI,
    "status_verifikasi": ("ats", "bukan_ats"),
    "alasan_bukan_ats": ALASAN_BUKAN_ATS,
    "jenis_intervensi": JENIS_INTERVENSI,
    "hasil": HASIL,
}
PARSED = (*VOCAB, *(c for c, (kind, _) in CANONICAL.items() if kind == "date"))  # code_/date_<col> in `raw`
_TRUE = ("true", "ya", "y", "yes", "1", "t", "benar", "ada")
_FALSE = ("false", "tidak", "tdk", "t/a", "n", "no", "0", "f", "salah", "tidak ada", "bukan")
# Spellings met in SIPBM exports, accepted without a mapping file (case-insensitive, trimmed).
BUILTIN_RECODES: dict[str, dict[str, str]] = {
    "sex": {"laki-laki": "L", "laki laki": "L", "lakilaki": "L", "lk": "L", "l": "L", "1": "L", "m": "L", "male": "L",
            "perempuan": "P", "pr": "P", "p": "P", "2": "P", "w": "P", "wanita": "P", "f": "P", "female": "P"},
    "partisipasi": {"non-formal": "nonformal", "non formal": "nonformal", "tidak sekolah": "tidak_sekolah"},
    "kategori_ats": {"tamat_12": TAMAT12, "tamat 12": TAMAT12},
    "jenjang": {"mi": "SD", "mts": "SMP", "smk": "SMA", "ma": "SMA", "paket_a": "Paket A", "paket_b": "Paket B",
                "paket_c": "Paket C", "tk": "PAUD", "ra": "PAUD", "kb": "PAUD"},
    "jenjang_terakhir": {"mi": "SD", "mts": "SMP", "smk": "SMA", "ma": "SMA", "paket_a": "Paket A",
                         "paket_b": "Paket B", "paket_c": "Paket C"},
    "disabilitas": {**{v: "true" for v in _TRUE}, **{v: "false" for v in _FALSE}},
    "penerima_bansos": {**{v: "true" for v in _TRUE}, **{v: "false" for v in _FALSE}},
    "status_verifikasi": {"bukan ats": "bukan_ats"},
}
# Spellings refused without a mapping file: they do not say which code they are ("sekolah" says in school, not
# formal or non-formal Paket A/B/C). Rejected with a message naming the mapping entry that decides it
# (queries/import/020_int_problems.sql); a mapping file's [values.COLUMN] entry for them is used as given.
REFUSED_SPELLINGS: dict[str, tuple[str, ...]] = {"partisipasi": ("sekolah", "bersekolah", "masih sekolah")}
IDENTIFIER_COLUMNS = ("nik", "no_kk")
NAME_COLUMNS = ("nama", "nama_kepala_keluarga")
# never shown or written in clear by the importer (preview rows, rejection report): the screen may be a
# projector, a report file may be mailed around
PRIVATE_COLUMNS = (*IDENTIFIER_COLUMNS, *NAME_COLUMNS)
MASK = "•••"


def _identifier_like(values: pd.Series) -> pd.Series:
    """Cells that may be a NIK or KK number whatever their column (a mapping that put NIK under another name, a
    column shifted): 12 digits or more, no letter but a spreadsheet's exponent. Masked wherever cells are shown."""
    text = values.astype("string")
    return (text.str.count(r"\d") >= 12) & ~text.str.contains(r"[A-DF-Za-df-z]") & values.notna()


_KNOWN_SPELLINGS = frozenset(
    str(v).lower() for values in VOCAB.values() for v in values
) | frozenset(k.lower() for recodes in BUILTIN_RECODES.values() for k in recodes)


def _name_like(values: pd.Series) -> pd.Series:
    """Cells that may be a person's name whatever their column (a name typed under sex, a column shifted): two or
    more words of letters (two or more each), not a code or a spelling the importer knows. Masked in the rejection
    report and the preview, as identifiers are."""
    text = values.astype("string").str.strip()
    words = text.str.fullmatch(r"[^\W\d_]{2,}(?:[\s'.-]+[^\W\d_]{2,})+")
    return words.fillna(False).astype(bool) & ~text.str.lower().isin(_KNOWN_SPELLINGS).fillna(False).astype(bool) \
        & values.notna()


def _ident(name: str) -> str:
    """A column name of the file as a quoted SQL identifier (names are data, never trusted as SQL)."""
    return '"' + str(name).replace('"', '""') + '"'
