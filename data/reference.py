"""Reference tables read from ATS_REFERENCE (../shared/reference by default): the Kepmendagri
list of every wilayah code and name, and population by kab/kota."""

from pathlib import Path

import pandas as pd

from data import config
from domain.wilayah import CODE_LENGTH


class ReferenceMissing(RuntimeError):
    pass


def _csv(name: str) -> Path:
    path = config.reference_dir() / name
    if not path.is_file():
        raise ReferenceMissing(
            f"Reference table {path} not found. Set ATS_REFERENCE to the folder holding "
            "kode_wilayah.csv and penduduk_wilayah.csv (in a checkout: ../shared/reference)."
        )
    return path


def load_wilayah() -> pd.DataFrame:
    """All administrative units, one row each, in the shape of the store's wilayah table."""
    df = pd.read_csv(_csv("kode_wilayah.csv"), dtype=str, keep_default_na=False)
    df["kode"] = df["kode"].str.strip()
    by_length = {length: level for level, length in CODE_LENGTH.items()}
    df["level"] = df["kode"].str.len().map(by_length)
    df = df[df["level"].notna()].copy()
    df["kode_prov"] = df["kode"].str[:2]
    df["kode_kab"] = df["kode"].str[:5].where(df["level"] != "prov")
    df["kode_kec"] = df["kode"].str[:8].where(df["level"].isin(["kec", "kel"]))
    parent = {"prov": None, "kab": "kode_prov", "kec": "kode_kab", "kel": "kode_kec"}
    df["kode_induk"] = None
    for level, column in parent.items():
        if column:
            df.loc[df["level"] == level, "kode_induk"] = df.loc[df["level"] == level, column]
    df["jenis"] = df["level"].map({"prov": "provinsi", "kec": "kecamatan"})
    kab = df["level"] == "kab"
    df.loc[kab, "jenis"] = df.loc[kab, "kode"].str[3:5].astype(int).map(lambda n: "kota" if n >= 71 else "kabupaten")
    kel = df["level"] == "kel"
    village = df.loc[kel, "kode"].str[9]
    df.loc[kel, "jenis"] = village.map({"1": "kelurahan", "2": "desa", "3": "desa adat"}).fillna("desa")
    return df[["kode", "level", "nama", "kode_induk", "jenis", "kode_prov", "kode_kab", "kode_kec"]].reset_index(drop=True)


def load_penduduk() -> pd.DataFrame:
    """Population (total, by sex) of Indonesia, provinces and kab/kota: kode, nama, laki_laki, perempuan, total."""
    return pd.read_csv(_csv("penduduk_wilayah.csv"), dtype={"kode": str})


# Small reference tables shipped with the code (data/reference/), read by the read queries through read_csv:
# targets of the provincial action plan (illustrative values, labelled so) and a published reference series.
TARGET_ATS = config.SHIPPED_REFERENCE / "target_ats.csv"
ATS_REFERENCE = config.SHIPPED_REFERENCE / "ats_reference.csv"
TARGET_COLUMNS = ["kode_kab", "year", "target_ats_pct", "source_note"]
ATS_REFERENCE_COLUMNS = ["area", "year", "age_group", "ats_rate", "source_system", "source_note", "source_url"]


def load_target_ats() -> pd.DataFrame:
    """Target ATS rate per kab/kota and year (data/reference/target_ats.csv). Raises ReferenceMissing
    naming the file when it is missing or lacks a column."""
    return _reference_table(TARGET_ATS, TARGET_COLUMNS, {"kode_kab": str})


def load_ats_reference() -> pd.DataFrame:
    """Published out-of-school rates of another source (data/reference/ats_reference.csv)."""
    return _reference_table(ATS_REFERENCE, ATS_REFERENCE_COLUMNS, {"age_group": str})


def _reference_table(path: Path, columns: list[str], dtype: dict) -> pd.DataFrame:
    if not path.is_file():
        raise ReferenceMissing(f"Reference table {path} not found; it ships with the code in data/reference/.")
    df = pd.read_csv(path, dtype=dtype)
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ReferenceMissing(f"{path} lacks the column(s) {', '.join(missing)}; expected {', '.join(columns)}")
    return df[columns]
