"""The survey file's format on the Impor page, for an operator: which columns, which are required, which codes each
takes, and example files to download. The page pointed to docs/import-format.md, a developer's file nobody on the
page can open; the codes here come from domain.codes, the lists the importer checks against, so the two agree."""

from pathlib import Path

import streamlit as st

from domain import codes
from ui.fmt import MISSING
from ui.i18n import t

EXAMPLES = Path(__file__).resolve().parent.parent / "docs" / "examples"
EXAMPLE_FILE = EXAMPLES / "sipbm_canonical_example.csv"  # synthetic: fake identifiers starting with 99
MAPPING_FILE = EXAMPLES / "mapping_kobo_example.toml"

# (column, required: "yes" / "one_of" / "when" / "no", the codes it takes or None), in the order of a census form
COLUMNS = (
    ("survey_round", "yes", None),
    ("kode_kel", "yes", None),
    ("id_keluarga", "yes", None),
    ("no_kk", "no", None),
    ("tanggal_pendataan", "no", None),
    ("nik", "no", None),
    ("nama", "no", None),
    ("sex", "yes", codes.SEXES),
    ("tanggal_lahir", "one_of", None),
    ("umur", "one_of", None),
    ("disabilitas", "no", ("ya", "tidak")),
    ("jenis_disabilitas", "no", codes.JENIS_DISABILITAS),
    ("partisipasi", "yes", codes.PARTISIPASI),
    ("jenjang", "when", ("PAUD", *codes.JENJANG_KELAS, *codes.PAKET_KELAS)),
    ("kelas", "when", None),
    ("kategori_ats", "when", (*codes.KATEGORI_ATS, "TAMAT12")),
    ("jenjang_terakhir", "when", tuple(codes.JENJANG_TERAKHIR_KELAS)),
    ("kelas_terakhir", "when", None),
    ("alasan", "no", tuple(codes.ALASAN_GROUP)),
    ("tanggal_verifikasi", "no", None),
    ("status_verifikasi", "no", ("ats", "bukan_ats")),
    ("alasan_bukan_ats", "no", codes.ALASAN_BUKAN_ATS),
    ("tanggal_intervensi", "no", None),
    ("jenis_intervensi", "no", codes.JENIS_INTERVENSI),
    ("tanggal_hasil", "no", None),
    ("hasil", "no", codes.HASIL),
)


def columns_markdown() -> str:
    """The columns of a survey file in the page's language, as a Markdown table (its long code lists wrap; in a
    st.dataframe of a 1366 px page they and "salah satu dari dua" were cut): name, required or not, what it holds,
    the codes it takes."""
    head = [t("impor.fmt.column"), t("impor.fmt.required"), t("impor.fmt.what"), t("impor.fmt.codes")]
    rows = [[f"`{c}`", t(f"impor.fmt.required.{r}"), t(f"impor.fmt.col.{c}"),
             ", ".join(f"`{v}`" for v in values) if values else MISSING] for c, r, values in COLUMNS]
    return "\n".join("| " + " | ".join(row) + " |" for row in [head, ["---"] * len(head), *rows])


def format_section() -> None:
    """The format, folded under the survey uploader's help: read once, then out of the way."""
    with st.expander(t("impor.fmt.title"), icon=":material/table_view:"):
        st.markdown(t("impor.fmt.intro"))
        st.markdown(columns_markdown())  # catalogue texts and the importer's code lists: no outside value
        st.markdown(t("impor.fmt.mapping"))
        row = st.container(horizontal=True, gap="small")
        row.download_button(t("impor.fmt.example"), EXAMPLE_FILE.read_bytes(), "contoh_sipbm.csv", "text/csv",
                            key="impor_fmt_example", on_click="ignore", icon=":material/download:")
        row.download_button(t("impor.fmt.mapping_example"), MAPPING_FILE.read_bytes(), "contoh_pemetaan.toml",
                            "text/plain", key="impor_fmt_mapping", on_click="ignore", icon=":material/download:")
