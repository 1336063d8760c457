"""KLA cluster IV: the write path of entered indicator values and evaluation results (DOMAIN.md section 4).

The indicator registry is data (data/reference/kla_*.csv, loaded into the store at every build by
data.store.build). Values the census cannot give (SRA schools, PAUD-HI units, PKA/RBRA facilities, RASS
schools) are entered by users, one at a time in the app or in bulk from a CSV/XLSX file. Every write here:
validate (a refused value raises KlaInputError with a code the page translates, and changes nothing) ->
data.store.writing() (copy, build, checks, atomic swap) -> upsert the value + one audit row (who, when,
old value, new value, evidence).

Who: the name of the account logged in on the page (ui/login.py), which also checks its role and scope before
the write; a file import refuses rows outside the scope (in_scope).
"""

import datetime as dt
import functools
import io
import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from data import config, store

REFERENCE = config.SHIPPED_REFERENCE
FIRST_YEAR = 2000  # entered values: no KLA data before this
FIRST_EVALUATION_YEAR = 2006  # KLA was launched in 2006
SKOR_KODE = "skor_kla"  # the audit trail's code for an evaluation result
IMPORT_COLUMNS = ("kode_kab", "tahun", "kode", "nilai", "bukti")
IMPORT_OPTIONAL = ("pembilang", "penyebut")
DEMO_OPERATOR = "demo"
DEMO_EVIDENCE = "data demo (sintetis)"


class KlaInputError(ValueError):
    """A value was refused; nothing was written. `code` and `values` let the page say why in its language."""

    def __init__(self, code: str, message: str, **values):
        super().__init__(message)
        self.code = code
        self.values = values


@dataclass(frozen=True)
class Entry:
    kode_kab: str
    tahun: int
    kode: str
    nilai: float
    pembilang: float | None
    penyebut: float | None
    bukti: str


@functools.lru_cache(maxsize=1)
def registry() -> pd.DataFrame:
    """The indicator registry as in data/reference/kla_indicators.csv, indexed by kode."""
    return pd.read_csv(REFERENCE / "kla_indicators.csv", dtype={"kode": str, "induk": str}).set_index("kode")


@functools.lru_cache(maxsize=1)
def tiers() -> pd.DataFrame:
    return pd.read_csv(REFERENCE / "kla_tiers.csv").sort_values("skor_min")


def tier_of(skor: float | None) -> str | None:
    """The tier of a score: the highest band whose minimum is at or below it (600.5 is still Pratama);
    None below 500 (no award) or without a score. The same rule as queries/checks/kla_evaluasi_valid.sql."""
    if skor is None or (isinstance(skor, float) and math.isnan(skor)):
        return None
    below = tiers()[tiers()["skor_min"] <= skor]
    return None if below.empty else str(below["tier"].iloc[-1])


def _number(value, field: str, *, required: bool) -> float | None:
    """A number from a widget or a file cell; '45,5' (Indonesian decimal comma) is read as 45.5."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or (isinstance(value, str) and not value.strip()):
        if required:
            raise KlaInputError("missing", f"{field} is required", field=field)
        return None
    if isinstance(value, str):
        text = value.strip()
        if "," in text and "." not in text:
            text = text.replace(",", ".")
        try:
            value = float(text)
        except ValueError:
            raise KlaInputError("bad_number", f"{field} must be a number, got '{value}'", field=field, value=value) from None
    number = float(value)
    if not math.isfinite(number):
        raise KlaInputError("bad_number", f"{field} must be a number, got '{value}'", field=field, value=value)
    return number


def _year(value, *, first: int, today: dt.date) -> int:
    number = _number(value, "tahun", required=True)
    if number != int(number):
        raise KlaInputError("bad_number", f"tahun must be a whole year, got '{value}'", field="tahun", value=value)
    tahun = int(number)
    if tahun > today.year:
        raise KlaInputError("future_year", f"year {tahun} is in the future (latest {today.year})", tahun=tahun, max=today.year)
    if tahun < first:
        raise KlaInputError("old_year", f"year {tahun} is before {first}", tahun=tahun, min=first)
    return tahun


def validate(kode_kab, tahun, kode, nilai, pembilang=None, penyebut=None, bukti="", *, today: dt.date | None = None) -> Entry:
    """Check one entered value against the registry and the rules of checks/kla_nilai_input_valid.sql.
    A percentage may be given as numerator and denominator only; then the value is computed."""
    today = today or dt.date.today()
    kode = str(kode or "").strip()
    reg = registry()
    if kode not in reg.index:
        raise KlaInputError("unknown_indicator", f"indicator {kode} is not in the registry", kode=kode)
    ind = reg.loc[kode]
    if ind["cara"] != "input":
        raise KlaInputError(
            "computed_indicator", f"indicator {kode} is computed from the census and cannot be entered", kode=kode
        )
    kode_kab = str(kode_kab or "").strip()
    if len(kode_kab) != 5 or kode_kab[2] != ".":
        raise KlaInputError("unknown_kab", f"'{kode_kab}' is not a kab/kota code like 73.73", kode_kab=kode_kab)
    tahun = _year(tahun, first=FIRST_YEAR, today=today)
    pembilang = _number(pembilang, "pembilang", required=False)
    penyebut = _number(penyebut, "penyebut", required=False)
    for field, number in (("pembilang", pembilang), ("penyebut", penyebut)):
        if number is not None and number < 0:
            raise KlaInputError("negative", f"{field} cannot be negative, got {number:g}", field=field, value=number)
    nilai = _number(nilai, "nilai", required=ind["satuan"] != "persen" or pembilang is None or penyebut is None)
    if ind["satuan"] == "persen" and pembilang is not None and penyebut is not None:
        if pembilang > penyebut:
            raise KlaInputError(
                "fraction", f"numerator {pembilang:g} is above denominator {penyebut:g}", pembilang=pembilang, penyebut=penyebut
            )
        if penyebut == 0:
            raise KlaInputError("zero_denominator", "the denominator is 0")
        computed = round(100.0 * pembilang / penyebut, 2)
        if nilai is None:
            nilai = computed
        elif abs(nilai - computed) > 0.01:
            raise KlaInputError(
                "mismatch", f"value {nilai:g} differs from numerator/denominator = {computed:g}", nilai=nilai, computed=computed
            )
    if ind["satuan"] == "persen" and not 0 <= nilai <= 100:
        raise KlaInputError("pct_range", f"a percentage must be between 0 and 100, got {nilai:g}", value=nilai)
    if ind["satuan"] == "jumlah":
        if nilai < 0:
            raise KlaInputError("negative", f"nilai cannot be negative, got {nilai:g}", field="nilai", value=nilai)
        if nilai != round(nilai):
            raise KlaInputError("not_whole", f"a count must be a whole number, got {nilai:g}", value=nilai)
    bukti = str(bukti or "").strip()
    if not bukti:
        raise KlaInputError("no_evidence", "evidence (a note or a link) is required")
    return Entry(kode_kab, tahun, kode, float(nilai), pembilang, penyebut, bukti)


def _operator(operator) -> str:
    operator = str(operator or "").strip()
    if not operator:
        raise KlaInputError("no_operator", "type the operator's name (who enters the value)")
    return operator


def _check_kabs(con, kabs) -> None:
    known = {k for (k,) in con.execute(
        "SELECT kode FROM wilayah WHERE level = 'kab' AND list_contains($k, kode)", {"k": sorted(set(kabs))}
    ).fetchall()}
    unknown = sorted(set(kabs) - known)
    if unknown:
        raise KlaInputError("unknown_kab", f"'{unknown[0]}' is not a kab/kota of the store", kode_kab=unknown[0])


def _upsert(con, entries: list[Entry], operator: str, aksi: str, now: dt.datetime, *, berkas=None, is_demo=False) -> int:
    """Write entries and their audit rows into the store being written; return how many values changed."""
    next_id = con.execute("SELECT coalesce(max(audit_id), 0) + 1 FROM kla_audit").fetchall()[0][0]
    changed = 0
    audit = []
    for e in entries:
        old = con.execute(
            "SELECT nilai FROM kla_nilai_input WHERE kode_kab = $kab AND tahun = $tahun AND kode = $kode",
            {"kab": e.kode_kab, "tahun": e.tahun, "kode": e.kode},
        ).fetchall()
        old_value = old[0][0] if old else None
        changed += old_value != e.nilai
        audit.append((next_id + len(audit), now, operator, aksi if not old or aksi != "isi" else "ubah",
                      e.kode_kab, e.tahun, e.kode, old_value, e.nilai, e.bukti, berkas))
    frame = pd.DataFrame(
        [(e.kode_kab, e.tahun, e.kode, e.nilai, e.pembilang, e.penyebut, e.bukti, operator, now, is_demo) for e in entries],
        columns=["kode_kab", "tahun", "kode", "nilai", "pembilang", "penyebut", "bukti", "operator", "diubah_pada", "is_demo"],
    )
    con.register("_kla_values", frame)
    try:
        con.execute("INSERT OR REPLACE INTO kla_nilai_input BY NAME SELECT * FROM _kla_values")
    finally:
        con.unregister("_kla_values")
    con.executemany("INSERT INTO kla_audit VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)", audit)
    return changed


def save_value(kode_kab, tahun, kode, nilai, *, operator, bukti, pembilang=None, penyebut=None, path=None, now=None) -> dict:
    """Validate and store one entered value with its audit row. Raises KlaInputError (nothing written)
    or store.BuildError (a data check failed; nothing written)."""
    operator = _operator(operator)
    entry = validate(kode_kab, tahun, kode, nilai, pembilang, penyebut, bukti)
    now = now or dt.datetime.now()
    with store.writing(path) as con:
        _check_kabs(con, [entry.kode_kab])
        old = con.execute(
            "SELECT nilai FROM kla_nilai_input WHERE kode_kab = $kab AND tahun = $tahun AND kode = $kode",
            {"kab": entry.kode_kab, "tahun": entry.tahun, "kode": entry.kode},
        ).fetchall()
        _upsert(con, [entry], operator, "isi", now)
    return {"kode_kab": entry.kode_kab, "tahun": entry.tahun, "kode": entry.kode, "nilai_lama": old[0][0] if old else None,
            "nilai_baru": entry.nilai}


def read_table_file(data: bytes, filename: str) -> pd.DataFrame:
    """A CSV (comma or semicolon) or XLSX file as text cells."""
    name = filename.lower()
    try:
        if name.endswith((".xlsx", ".xlsm")):
            df = pd.read_excel(io.BytesIO(data), dtype=str, engine="calamine")  # the survey import's reader too
        elif name.endswith(".csv"):
            df = pd.read_csv(io.BytesIO(data), dtype=str, sep=None, engine="python", keep_default_na=False)
        else:
            raise KlaInputError("bad_file", f"{filename}: use a .csv or .xlsx file", error=filename)
    except KlaInputError:
        raise
    except Exception as e:  # a broken file: say which and why
        raise KlaInputError("bad_file", f"{filename} could not be read: {e}", error=f"{filename}: {e}") from None
    df.columns = [str(c).strip().lower() for c in df.columns]
    missing = [c for c in IMPORT_COLUMNS if c not in df.columns]
    if missing:
        raise KlaInputError("missing_columns", f"{filename} lacks the columns {', '.join(missing)}", columns=", ".join(missing))
    return df


def import_values(data: bytes, filename: str, *, operator, path=None, now=None, today=None, in_scope=None) -> dict:
    """Import entered values from a CSV/XLSX file (columns kode_kab, tahun, kode, nilai, bukti, and optionally
    pembilang, penyebut). All or nothing: the first refused row (numbered as in a spreadsheet, header = row 1)
    refuses the file; with in_scope (kode_kab -> bool, the account's scope), so does a row of another wilayah."""
    operator = _operator(operator)
    df = read_table_file(data, filename)
    if df.empty:
        raise KlaInputError("bad_file", f"{filename} has no rows", error=f"{filename}: 0 rows")
    entries = {}
    for i, row in enumerate(df.to_dict("records"), start=2):
        try:
            e = validate(row["kode_kab"], row["tahun"], row["kode"], row["nilai"], row.get("pembilang"), row.get("penyebut"),
                         row["bukti"], today=today)
        except KlaInputError as err:
            raise KlaInputError(err.code, f"{filename} row {i}: {err}", row=i, **err.values) from None
        if in_scope is not None and not in_scope(e.kode_kab):
            raise KlaInputError("out_of_scope", f"{filename} row {i}: {e.kode_kab} is outside the account's wilayah",
                                row=i, kode_kab=e.kode_kab)
        entries[(e.kode_kab, e.tahun, e.kode)] = e  # a key given twice: the later row wins
    now = now or dt.datetime.now()
    with store.writing(path) as con:
        _check_kabs(con, [e.kode_kab for e in entries.values()])
        changed = _upsert(con, list(entries.values()), operator, "impor", now, berkas=filename)
    return {"file": filename, "rows": len(df), "values": len(entries), "changed": changed}


def validate_evaluation(kode_kab, tahun, skor, tier, sumber, *, today=None) -> tuple:
    today = today or dt.date.today()
    kode_kab = str(kode_kab or "").strip()
    tahun = _year(tahun, first=FIRST_EVALUATION_YEAR, today=today)
    skor = _number(skor, "skor", required=False)
    if skor is not None and not 0 <= skor <= 1000:
        raise KlaInputError("bad_score", f"a KLA score is between 0 and 1000, got {skor:g}", skor=skor)
    tier = str(tier or "").strip() or None
    known = list(tiers()["tier"])
    if tier is not None and tier not in known:
        raise KlaInputError("bad_tier", f"tier {tier} is not one of {', '.join(known)}", tier=tier)
    if skor is not None:
        expected = tier_of(skor)
        if tier is None:
            tier = expected
        elif tier != expected:
            raise KlaInputError(
                "tier_mismatch", f"a score of {skor:g} is {expected or 'below Pratama'}, not {tier}",
                tier=tier, skor=skor, expected=expected or "-",
            )
    if skor is None and tier is None:
        raise KlaInputError("no_result", "give a score, a tier or both")
    sumber = str(sumber or "").strip()
    if not sumber:
        raise KlaInputError("no_source", "the source (a decree, a link or a note) is required")
    return kode_kab, tahun, skor, tier, sumber


def save_evaluation(kode_kab, tahun, skor=None, tier=None, *, sumber, operator, path=None, now=None) -> dict:
    """Validate and store one KLA evaluation result (score and/or tier); the change is in the audit trail
    under the code `skor_kla` (the score, or the tier's rank 1-5 when only the tier is known)."""
    operator = _operator(operator)
    kode_kab, tahun, skor, tier, sumber = validate_evaluation(kode_kab, tahun, skor, tier, sumber)
    now = now or dt.datetime.now()
    rank = None if tier is None else float(tiers().set_index("tier").loc[tier, "urutan"])
    with store.writing(path) as con:
        _check_kabs(con, [kode_kab])
        old = con.execute(
            "SELECT skor, tier FROM kla_evaluasi WHERE kode_kab = $kab AND tahun = $tahun", {"kab": kode_kab, "tahun": tahun}
        ).fetchall()
        con.execute(
            "INSERT OR REPLACE INTO kla_evaluasi VALUES ($tahun, $kab, $skor, $tier, $sumber, false)",
            {"tahun": tahun, "kab": kode_kab, "skor": skor, "tier": tier, "sumber": sumber},
        )
        next_id = con.execute("SELECT coalesce(max(audit_id), 0) + 1 FROM kla_audit").fetchall()[0][0]
        con.execute(
            "INSERT INTO kla_audit VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, NULL)",
            [next_id, now, operator, "ubah" if old else "isi", kode_kab, tahun, SKOR_KODE,
             old[0][0] if old else None, skor if skor is not None else rank, sumber],
        )
    return {"kode_kab": kode_kab, "tahun": tahun, "skor": skor, "tier": tier}


def load_demo(con, seed: int, *, last_year: int | None = None) -> dict:
    """Inside a store being written (the demo build): the published KLA results of DOMAIN.md 4.5 as reference
    rows with their sources, and, for every kab/kota of the demo census, synthetic entered values (with audit rows)
    and synthetic evaluation results for the other years, all marked as demo."""
    rng = np.random.default_rng(seed + 7)
    last_year = last_year or dt.date.today().year
    years = list(range(2019, last_year + 1))
    kabs = [k for (k,) in con.execute("SELECT DISTINCT kode_kab FROM survey_round ORDER BY kode_kab").fetchall()]
    known = {k for (k,) in con.execute("SELECT kode FROM wilayah WHERE level = 'kab'").fetchall()}

    ref = pd.read_csv(REFERENCE / "kla_evaluasi_referensi.csv", dtype={"kode_kab": str})
    ref = ref[ref["kode_kab"].isin(known)]
    rows = [(int(r.tahun), r.kode_kab, None, r.tier, r.sumber, False) for r in ref.itertuples()]
    published = {(t, k) for t, k, *_ in rows}
    mid = tiers().assign(mid=lambda d: (d["skor_min"] + d["skor_max"]) / 2).set_index("tier")["mid"]
    for kab in kabs:
        real = ref[ref["kode_kab"] == kab].sort_values("tahun")
        base = float(mid[real["tier"].iloc[-1]]) - 20 if len(real) else float(rng.uniform(540, 640))
        for i, year in enumerate(years):
            if (year, kab) in published:
                continue
            skor = round(float(np.clip(base + 6 * (i - 2) + rng.normal(0, 10), 420, 880)), 2)
            rows.append((year, kab, skor, tier_of(skor), DEMO_EVIDENCE, True))
    con.executemany("INSERT OR REPLACE INTO kla_evaluasi VALUES ($1, $2, $3, $4, $5, $6)", rows)

    reg = registry()
    entered = reg[reg["cara"] == "input"]
    validity = pd.read_csv(REFERENCE / "kla_frameworks.csv").set_index("kode")
    now = dt.datetime.now().replace(microsecond=0)
    entries = []
    for kab in kabs:
        for kode, ind in entered.iterrows():
            start = float(rng.uniform(0.1, 0.35)) if ind["satuan"] == "persen" else float(rng.integers(0, 4))
            n_units = int(rng.integers(150, 900))
            fw = validity.loc[ind["framework"]]
            for i, year in enumerate(years):
                if year < fw["berlaku_dari"] - 2 or (pd.notna(fw["berlaku_sampai"]) and year > fw["berlaku_sampai"]):
                    continue
                if ind["satuan"] == "persen":
                    share = min(0.95, start + 0.05 * i + float(rng.normal(0, 0.02)))
                    pembilang = float(max(0, round(share * n_units)))
                    entries.append(Entry(kab, year, kode, round(100.0 * pembilang / n_units, 2), pembilang, float(n_units),
                                         DEMO_EVIDENCE))
                else:
                    entries.append(Entry(kab, year, kode, float(start + i // 2 + int(rng.integers(0, 2))), None, None,
                                         DEMO_EVIDENCE))
    if entries:
        _upsert(con, entries, DEMO_OPERATOR, "demo", now, is_demo=True)
    return {"kla_evaluasi": len(rows), "kla_nilai_input": len(entries)}
