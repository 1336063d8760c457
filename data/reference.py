"""Reference tables read from ATS_REFERENCE (../shared/reference by default): the Kepmendagri
list of every wilayah code and name, and population by kab/kota."""

from pathlib import Path

import pandas as pd

from data import config
from data.codes import CODE_LENGTH


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
