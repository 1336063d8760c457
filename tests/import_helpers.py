"""Fixtures and helpers shared by the survey import tests (tests/test_import_*.py): the store each test imports
into, the example files, and the bad files and messy rows several steps are tried on."""

import datetime as dt
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from data.config import ROOT
from data.importer import run_import

EXAMPLE = ROOT / "docs" / "examples" / "sipbm_canonical_example.csv"
KOBO_CSV = ROOT / "docs" / "examples" / "kobo_export_example.csv"
KOBO_MAP = ROOT / "docs" / "examples" / "mapping_kobo_example.toml"
KEY = "5e3c9a0b7d21f4e6" * 4  # 64 hex digits, as secrets.token_hex(32) makes them
TODAY = dt.date(2026, 11, 23)


@pytest.fixture(scope="module")
def base_store(tmp_path_factory):
    """The fixture store without boundaries (faster to copy), is_demo false, rounds 2024-2025 of Palopo."""
    from tests.conftest import build_fixture_store

    return build_fixture_store(tmp_path_factory.mktemp("import") / "base.duckdb", with_boundaries=False)


@pytest.fixture()
def store(base_store, tmp_path, monkeypatch):
    path = tmp_path / "store.duckdb"
    shutil.copy(base_store, path)
    monkeypatch.setenv("ATS_STORE", str(path))
    monkeypatch.setenv("ATS_HMAC_KEY", KEY)
    monkeypatch.delenv("ATS_HMAC_KEY_FILE", raising=False)
    monkeypatch.delenv("ATS_IMPORT_MAX_BYTES", raising=False)
    return path


def sha(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def example() -> pd.DataFrame:
    return pd.read_csv(EXAMPLE, dtype=str, keep_default_na=False)


def write(df: pd.DataFrame, path: Path, **kwargs) -> Path:
    df.to_csv(path, index=False, **kwargs)
    return path


def rows_of(store, sql, params=None) -> pd.DataFrame:
    con = duckdb.connect(str(store), read_only=True)
    try:
        return con.execute(sql, params or {}).df()
    finally:
        con.close()


def imp(path, store, **kwargs):
    return run_import(path, store_path=store, today=TODAY, **kwargs)


def _bad_files(tmp_path: Path) -> dict:
    src = example()
    files = {}
    files["empty.csv"] = b""
    files["header_only.csv"] = (",".join(src.columns) + "\n").encode()
    files["pdf_renamed.xlsx"] = b"%PDF-1.7\n%\xe2\xe3\n1 0 obj\n"
    files["png_renamed.csv"] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"
    files["utf16_no_bom.csv"] = src.to_csv(index=False).encode("utf-16-le")
    files["space_delimited.csv"] = src.to_csv(index=False, sep=" ").encode()
    files["text.parquet"] = b"kode_kel,sex\n"
    lines = src.to_csv(index=False).splitlines()
    lines[4] = lines[4].replace(",Anak Contoh", ',"Anak Contoh', 1)  # row 5 opens a quote that nothing closes
    files["open_quote.csv"] = ("\n".join(lines) + "\n").encode()
    utf8 = src.copy()
    utf8["catatan"] = ""
    utf8.loc[0, "catatan"] = "é" + "x" * (1 << 20)  # UTF-8 letters in the first MB, then a byte UTF-8 has not
    utf8.loc[len(utf8) - 1, "sex"] = "L~~"
    files["utf8_then_bad_byte.csv"] = utf8.to_csv(index=False).encode().replace(b"L~~", b"L\xff")
    out = {}
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
        out[name] = tmp_path / name
    return out


def messy_rows() -> pd.DataFrame:
    src = example()
    bad = src.head(9).copy()
    bad.loc[bad.index[0], "kode_kel"] = "73.05.01.2003"        # another kab/kota (Takalar)
    bad.loc[bad.index[1], "kode_kel"] = "63.10.01.2005"        # another province
    bad.loc[bad.index[2], "tanggal_lahir"] = "1776-07-15"      # aged 250
    bad.loc[bad.index[3], "tanggal_lahir"] = "2029-07-15"      # aged -3 (and a future date)
    bad.loc[bad.index[4], "tanggal_pendataan"] = "2030-01-01"  # future
    bad.loc[bad.index[5], "nama_kel"] = "<script>alert(1)</script>"
    bad.loc[bad.index[6], "sex"] = "=HYPERLINK(\"http://x\")"
    bad.loc[bad.index[7], "kategori_ats"] = "DO"               # in school and ATS
    bad.loc[bad.index[8], "kode_kec"] = "73.73.09"             # kecamatan does not match
    bad["nik"] = [f"98000000000000{i:02d}" for i in range(len(bad))]
    good = src.iloc[9:].copy()
    return pd.concat([bad, good], ignore_index=True)


def cli(*args, store, env_extra=None):
    env = {**os.environ, "ATS_STORE": str(store), "ATS_HMAC_KEY": KEY, **(env_extra or {})}
    return subprocess.run([sys.executable, "-m", "data", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)


def _strings(node) -> set[str]:
    """The strings an expression can be: a constant, or either branch of a conditional (not its test)."""
    import ast

    if isinstance(node, ast.IfExp):
        return _strings(node.body) | _strings(node.orelse)
    return {node.value} if isinstance(node, ast.Constant) and isinstance(node.value, str) else set()


def _refusal_codes(path: str) -> set[str]:
    """The refusal codes a module (or each module of a package folder) raises: the strings given as ImportRefused's second argument, as any call's (but a
    Note's) code= or not_found=, assigned to a variable `code` (a code chosen first, raised later) or a parameter's
    default of those names; also inside a conditional ("a" if x else "b")."""
    import ast

    names = {"code", "not_found"}
    found = set()
    sources = sorted((ROOT / path).glob("*.py")) if (ROOT / path).is_dir() else [ROOT / path]
    for node in (n for source in sources for n in ast.walk(ast.parse(source.read_text()))):
        where = []
        if isinstance(node, ast.Call):
            if "Note" in (getattr(node.func, "id", None), getattr(node.func, "attr", None)):
                continue  # a boundary report's note, not a refusal (test_every_boundary_note_code_has_both_languages)
            where = [k.value for k in node.keywords if k.arg in names]
            if getattr(node.func, "id", None) == "ImportRefused" and len(node.args) > 1:
                where.append(node.args[1])
        elif isinstance(node, ast.Assign):
            where = [node.value] if any(getattr(target, "id", None) in names for target in node.targets) else []
        elif isinstance(node, ast.FunctionDef):
            args = node.args
            pairs = list(zip(args.args[len(args.args) - len(args.defaults):], args.defaults))
            pairs += [(a, d) for a, d in zip(args.kwonlyargs, args.kw_defaults) if d is not None]
            where = [default for arg, default in pairs if arg.arg in names]
        found |= {c for w in where for c in _strings(w)}
    return found
