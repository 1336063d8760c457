"""Synthetic SIPBM household census (demo data): households, children 0-18 and ATS handling events.

Model, per kab/kota (each with its own random stream seeded from (seed, kab code), so adding a
region never changes the others):

* Rounds are yearly, 15 July reference date, up to 2026: from 2019 in the pilots Takalar (73.05)
  and Bone (73.08), 2021 in Tanah Bumbu (63.10), 2024 in Palopo (73.73), 2023 anywhere else.
  Bone's 2019 pilot round enumerated only its first 40% of kecamatan (PILOT_COVERAGE).
* Population: children 0-18 = CHILD_SHARE (one third) of the kab's penduduk_wilayah total, times
  SCALE. The kab is a panel of households (1-5 births, 1-5 years apart, first births 1984-2026,
  slowly growing cohorts); a round enumerates every household with a child aged 0-18 (about 97%
  coverage per desa and round), so the same child keeps its nik_hash across rounds and the
  same household its no_kk_hash. Households are spread over the desa/kelurahan with lognormal
  weights; desa (kode char 9 == '2') are poorer and further from school than kelurahan.
* Out of school: a child aged 7-18 is out of school when a latent uniform u (fixed for life) is
  below p = sigmoid(base[age, disability] + effects). Effects on the logit: kab N(0, .15), kecamatan
  N(0, .3), desa N(0, .35), rural +.25 / urban -.35, expenditure quintile +.7 .. -.7, boys +.1,
  -TREND x the kab's HANDLING_STRENGTH per year after 2024 (+ before), and COVID_BUMP in 2020-2023
  (the rise after the school closures, fading). The base curve is calibrated so that the average over that mix
  equals BPS Statistik Pendidikan 2024 (7-12 / 13-15 / 16-18: 0.57 / 6.11 / 18.87% without, and
  19.5 / 41.9 / 69.2% with disabilities). p rises with age, so a child leaves school once for good
  (at the first age where u < p): BPB when that was before grade 1, LTM when the last grade was
  6 or 9, completed 12 years (not ATS, codes.TAMAT12) when it was grade 12, DO otherwise. BPS's
  rates are 100 - APS, so they count those who completed grade 12 too: the few who leave at 18
  after grade 12 (early entrants) are carved out of that calibration, not added to it. Reasons
  and activities depend on age, sex, disability, poverty and remoteness; they are drawn from a
  per-child uniform, so they too are stable across rounds.
* Handling: every ATS child of a round is identified on its household's enumeration date, then
  verified (5% found not ATS), assessed, referred, given an intervention and a result, each step
  with a drop-off and a delay; about a third are back in school within a year (more where the
  kab's HANDLING_STRENGTH is high). Events after
  DATA_DATE are not produced. A child returned to school stays in school in later rounds with
  probability RETENTION (formal or Paket A/B/C as returned).
* SCALE = 1.0: the whole child population is enumerated. The four default regions build in
  about 40 s (python -m data demo); all of Sulawesi Selatan (--regions 73, 14M child rows over its
  rounds) takes about 75 s and 6 GB of memory, most of it the store's inserts and boundaries.

Low-cardinality text columns are pandas categoricals (DuckDB stores them as VARCHAR); ids are
kab (4 digits) * 1e11 + (round - 2000) * 1e9 + a sequence number, unique over any region set.
"""

import zlib
from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd
import pyarrow as pa

from domain.codes import (
    ALASAN_BUKAN_ATS,
    ALASAN_GROUP,
    ALASAN_GROUPS,
    HASIL,
    JENIS_DISABILITAS,
    JENIS_INTERVENSI,
    JENJANG_KELAS,
    KATEGORI_ATS,
    KEGIATAN,
    MODA_TRANSPORTASI,
    PARTISIPASI,
    SEXES,
    TAHAP,
    TERMINAL_GRADES,
)
from domain.wilayah import normalize_kode

DEFAULT_REGIONS = ("73.73", "73.05", "73.08", "63.10")  # Palopo, Takalar, Bone, Tanah Bumbu
DEFAULT_SEED = 20240701
DATA_DATE = np.datetime64("2026-11-23")
LAST_ROUND = 2026
FIRST_ROUND = {"73.05": 2019, "73.08": 2019, "63.10": 2021, "73.73": 2024}
DEFAULT_FIRST_ROUND = 2023
SCALE = 1.0  # share of the real child population enumerated (see the module docstring)
CHILD_SHARE = 1 / 3
RETENTION = 0.85
TREND = 0.04  # logit decrease of the out-of-school odds per year, times the kab's handling strength
# School closures of 2020-2021 (COVID-19): extra logit of the out-of-school odds per round, fading after reopening.
COVID_BUMP = {2020: 0.3, 2021: 0.5, 2022: 0.28, 2023: 0.1}
# How strong a kab/kota's handling (penanganan) is: it scales the yearly decline (TREND) and the share of
# intervened children who return to school. Illustrative: Bone's door-to-door "Gerakan Lisu Massikola" strong,
# Takalar weak. Other kab/kota 1.0.
HANDLING_STRENGTH = {"73.08": 2.0, "73.73": 1.3, "73.05": 0.4, "63.10": 0.8}
# Pilot rounds that enumerated only part of a kab/kota: round -> share of its kecamatan (the first ones by code).
PILOT_COVERAGE = {"73.08": {2019: 0.4}}

# BPS 2024 out-of-school rate (%) by single age 7..18, spread so each age group's mean is the BPS figure.
ATS_TARGET = np.array([
    [0.35, 0.40, 0.45, 0.55, 0.70, 0.95, 4.0, 6.0, 8.4, 14.0, 19.0, 23.6],    # without disability
    [17.0, 17.5, 18.5, 19.5, 21.0, 23.5, 36.0, 42.0, 47.7, 62.0, 69.0, 76.7],  # with disability
]) / 100

RURAL_EFFECT, URBAN_EFFECT = 0.25, -0.35
QUINTILE_EFFECT = np.array([0.7, 0.35, 0.0, -0.35, -0.7])
BOY_EFFECT = 0.1
SD_KAB, SD_KEC, SD_DESA = 0.15, 0.3, 0.35
QUINTILE_P = {True: [0.26, 0.24, 0.20, 0.17, 0.13], False: [0.10, 0.14, 0.20, 0.26, 0.30]}  # rural / urban
BANSOS_P = np.array([0.65, 0.45, 0.25, 0.10, 0.04])

# Integer codes below index these tuples (the order of codes.JENIS_INTERVENSI and codes.HASIL matters).
JENJANG = ("PAUD", *JENJANG_KELAS, "Paket A", "Paket B", "Paket C")
ALASAN = tuple(ALASAN_GROUP)
LEVEL_OF_GRADE = np.array([-1] + [i for i, (_, r) in enumerate(JENJANG_KELAS.items()) for _ in r])  # grade -> 0 SD, 1 SMP, 2 SMA


class UnknownRegion(ValueError):
    """A requested region is not a province or kab/kota of the wilayah reference."""


@dataclass
class DemoData:
    survey_round: pd.DataFrame
    keluarga: pd.DataFrame
    anak: pd.DataFrame
    penanganan: pd.DataFrame


def _sigmoid(x):
    return 1 / (1 + np.exp(-x))


@cache
def _base_logits() -> np.ndarray:
    """Base logit by (disability, age 7..18) so that the mean rate over the nominal mix of effects is ATS_TARGET."""
    rng = np.random.default_rng(0)
    n = 20_000
    rural = rng.random(n) < 0.7
    q = np.where(rural, rng.choice(5, n, p=QUINTILE_P[True]), rng.choice(5, n, p=QUINTILE_P[False]))
    shift = (
        rng.normal(0, SD_KAB, n) + rng.normal(0, SD_KEC, n) + rng.normal(0, SD_DESA, n)
        + np.where(rural, RURAL_EFFECT, URBAN_EFFECT) + QUINTILE_EFFECT[q] + BOY_EFFECT * (rng.random(n) < 0.51)
    )
    lo, hi = np.full(ATS_TARGET.shape, -12.0), np.full(ATS_TARGET.shape, 6.0)
    for _ in range(40):
        mid = (lo + hi) / 2
        too_high = _sigmoid(mid[..., None] + shift).mean(-1) > ATS_TARGET
        hi, lo = np.where(too_high, mid, hi), np.where(too_high, lo, mid)
    return np.maximum.accumulate((lo + hi) / 2, axis=1)


def _hex64(values: np.ndarray, key: int) -> np.ndarray:
    """Keyed 64-bit mix (splitmix64 finaliser) of non-negative ints, as 16 lowercase hex characters (S16)."""
    with np.errstate(over="ignore"):
        x = values.astype(np.uint64) + np.uint64(key & 0xFFFFFFFFFFFFFFFF) * np.uint64(0x9E3779B97F4A7C15)
        x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        x ^= x >> np.uint64(31)
    nibbles = (x[:, None] >> (np.uint64(4) * np.arange(15, -1, -1, dtype=np.uint64))) & np.uint64(15)
    chars = np.frombuffer(b"0123456789abcdef", dtype="S1")[nibbles]
    return chars.view("S16").ravel()


def _text(fixed: np.ndarray) -> pd.Series:
    """A pandas string column from a fixed-width bytes array, built without per-row Python objects."""
    width, n = fixed.dtype.itemsize, len(fixed)
    offsets = np.arange(0, width * n + 1, width, dtype=np.int32)
    return pa.StringArray.from_buffers(n, pa.py_buffer(offsets), pa.py_buffer(fixed.tobytes())).to_pandas()


def _pick(weights: np.ndarray, u: np.ndarray) -> np.ndarray:
    """Row-wise categorical draw: index of the category where u falls in the normalised cumulative weights."""
    cum = np.cumsum(weights, axis=1)
    return np.minimum((cum < (u * cum[:, -1])[:, None]).sum(axis=1), weights.shape[1] - 1)


def _cat(codes: np.ndarray, categories) -> pd.Categorical:
    """Categorical from integer codes (-1 = missing)."""
    return pd.Categorical.from_codes(codes, categories=list(categories))


def resolve_regions(regions, wilayah: pd.DataFrame) -> list[str]:
    """Kab/kota codes covered by `regions` (province or kab/kota codes), sorted, without duplicates."""
    kabs = wilayah.loc[wilayah["level"] == "kab", ["kode", "kode_prov"]]
    provinces = set(wilayah.loc[wilayah["level"] == "prov", "kode"])
    if not regions:
        raise UnknownRegion("no region given; use e.g. 73 (a province) or 73.73 (a kab/kota)")
    out = set()
    for region in regions:
        try:
            kode = normalize_kode(region)
        except ValueError:
            kode = None
        if kode in provinces:
            out.update(kabs.loc[kabs["kode_prov"] == kode, "kode"])
        elif kode in set(kabs["kode"]):
            out.add(kode)
        else:
            raise UnknownRegion(
                f"'{region}' is not a province or kab/kota code in kode_wilayah.csv; use e.g. 73 or 73.73"
            )
    return sorted(out)


def _population(kab: str, wilayah: pd.DataFrame, penduduk: pd.DataFrame) -> float:
    """Total population of a kab/kota; when penduduk lacks it, its province's people per desa times its desa."""
    total = penduduk.set_index(penduduk["kode"].astype(str).str.strip())["total"]
    if kab in total.index:
        return float(total[kab])
    kel = wilayah[wilayah["level"] == "kel"]
    n_prov = (kel["kode_prov"] == kab[:2]).sum()
    per_desa = total[kab[:2]] / n_prov if kab[:2] in total.index else 4_000
    return per_desa * (kel["kode_kab"] == kab).sum()


def _days(rng, n, mean, low):
    """Delays in whole days: `low` plus a gamma with the given mean excess."""
    return (low + rng.gamma(2.0, (mean - low) / 2.0, n)).astype(np.int64)


class _Kab:
    """The household and child panel of one kab/kota, enumerated round by round."""

    def __init__(self, kab: str, seed: int, kel: pd.DataFrame, kel_offset: int, population: float):
        self.kab = kab
        self.kab_num = int(kab.replace(".", ""))
        self.key = seed * 10_000 + self.kab_num
        self.rng = rng = np.random.default_rng([seed, zlib.crc32(kab.encode())])
        self.kel_offset = kel_offset  # position of the kab's first desa in the output's kode_kel categories
        self.rural = kel["kode"].str[9].to_numpy() != "1"
        kec_index = pd.factorize(kel["kode_kec"])[0]
        self.kec_index = kec_index
        self.strength = HANDLING_STRENGTH.get(kab, 1.0)
        n_kel = len(kel)
        self.desa_effect = (
            rng.normal(0, SD_KAB) + rng.normal(0, SD_KEC, kec_index.max() + 1)[kec_index]
            + rng.normal(0, SD_DESA, n_kel) + np.where(self.rural, RURAL_EFFECT, URBAN_EFFECT)
        )
        weights = rng.lognormal(0, 0.8, n_kel) * np.where(self.rural, 1.0, 1.6)

        # Households: first births 1984..2026 in slowly growing yearly cohorts.
        births_per_year = population * CHILD_SHARE * SCALE / 19
        n_kids_p = np.array([0.25, 0.33, 0.24, 0.12, 0.06])
        growth = rng.normal(0.008, 0.006)
        years = np.arange(1984, 2027)
        per_year = rng.poisson(births_per_year / (n_kids_p @ np.arange(1, 6)) * (1 + growth) ** (years - 2008))
        first = np.repeat(years, per_year) + rng.random(per_year.sum())
        n_kids = rng.choice(5, len(first), p=n_kids_p) + 1
        hh = np.repeat(np.arange(len(first)), n_kids)
        order = np.arange(len(hh)) - np.repeat(np.cumsum(n_kids) - n_kids, n_kids)
        gaps = np.where(order == 0, 0.0, rng.choice(5, len(hh), p=[0.1, 0.3, 0.3, 0.2, 0.1]) + 1 + rng.random(len(hh)) - 0.5)
        birth = first[hh] + pd.Series(gaps).groupby(hh).cumsum().to_numpy()
        keep = (birth > 2000.5) & (birth < LAST_ROUND + 0.54)
        hh, birth = hh[keep], birth[keep]
        hh_ids, hh = np.unique(hh, return_inverse=True)
        n_hh, n = len(hh_ids), len(hh)

        self.hh_desa = rng.choice(n_kel, n_hh, p=weights / weights.sum())
        hh_rural = self.rural[self.hh_desa]
        self.hh_q = np.where(hh_rural, rng.choice(5, n_hh, p=QUINTILE_P[True]), rng.choice(5, n_hh, p=QUINTILE_P[False]))
        self.hh_bansos = rng.random(n_hh) < BANSOS_P[self.hh_q]
        self.hh_jarak = np.round(rng.lognormal(np.where(hh_rural, 0.9, -0.1), 0.7), 1)
        moda_w = np.column_stack([
            np.where(self.hh_jarak < 1.5, 8.0, 1.0), np.full(n_hh, 1.0), np.where(self.hh_jarak < 1.5, 1.0, 5.0),
            np.where(self.hh_jarak < 3, 0.5, 2.0), np.where(hh_rural, 0.5, 1.5), np.where(hh_rural, 0.15, 0.0),
        ])
        self.hh_moda = _pick(moda_w, rng.random(n_hh))
        self.hh_kk = _hex64(np.arange(n_hh), self.key * 2 + 1)

        # Children: fixed traits and latent uniforms, so status, reasons and ids are stable across rounds.
        self.hh, self.birth = hh, birth
        self.boy = rng.random(n) < 0.51
        self.disabled = rng.random(n) < 0.025
        self.jenis_dis = np.where(self.disabled, rng.choice(len(JENIS_DISABILITAS), n, p=[0.4, 0.2, 0.1, 0.2, 0.1]), -1)
        self.grade_offset = rng.choice([1, 0, -1, -2], n, p=[0.25, 0.55, 0.15, 0.05])
        u = rng.random(n)
        self.logit_u = np.log(u) - np.log1p(-u)
        self.u_nonformal, self.u_paud, self.u_reason, self.u_kegiatan = rng.random((4, n))
        self.shift = self.desa_effect[self.hh_desa[hh]] + QUINTILE_EFFECT[self.hh_q[hh]] + BOY_EFFECT * self.boy
        self.nik = _hex64(np.arange(n), self.key * 2)
        self.returned_on = np.full(n, np.datetime64("NaT"), dtype="datetime64[D]")
        self.returned_to = np.full(n, -1)  # 0 formal, 1 nonformal
        self.returned_grade = np.zeros(n, dtype=np.int64)
        self.stays = rng.random(n) < RETENTION

    def round(self, year: int) -> dict:
        rng = self.rng
        ref = np.datetime64(f"{year}-07-15")
        start = ref - rng.integers(0, 15)
        end = start + rng.integers(45, 90)

        # Enumerated households: some child aged 0-18 at the reference date, ~97% coverage per desa.
        age_all = np.floor(year + 0.535 - self.birth).astype(np.int64)
        coverage = np.clip(rng.normal(0.97, 0.02, len(self.rural)), 0.85, 1.0)
        pilot = PILOT_COVERAGE.get(self.kab, {}).get(year)
        if pilot is not None:  # a pilot round: only the first kecamatan by code
            coverage = np.where(self.kec_index < np.ceil(pilot * (self.kec_index.max() + 1)), coverage, 0.0)
        hh_seen = rng.random(len(self.hh_desa)) < coverage[self.hh_desa]
        idx = np.flatnonzero((age_all >= 0) & (age_all <= 18) & hh_seen[self.hh])
        hh_rows, hh_of_child = np.unique(self.hh[idx], return_inverse=True)
        days = (end - start).astype(np.int64)
        hh_date = start + rng.integers(0, days + 1, len(hh_rows))

        age, dis = age_all[idx], self.disabled[idx]
        rural = self.rural[self.hh_desa[self.hh[idx]]]
        n = len(idx)
        partisipasi = np.full(n, 2)
        jenjang = np.full(n, -1)
        kelas = np.zeros(n, dtype=np.int64)

        # Out of school (7-18): leaves at the first age where the latent u is below p.
        base = _base_logits()
        threshold = self.logit_u[idx] - self.shift[idx] + TREND * self.strength * (year - 2024) - COVID_BUMP.get(year, 0.0)
        exit_age = 7 + np.where(dis, np.searchsorted(base[1], threshold, "right"), np.searchsorted(base[0], threshold, "right"))
        returned = self.stays[idx] & (self.returned_on[idx] < ref) & (self.returned_on[idx] >= ref - 365)
        left = (age >= 7) & (exit_age <= age) & ~returned
        # the last grade completed before leaving: 12 (early entrants leaving at 18) is completing school, not ATS
        reached = exit_age - 7 + self.grade_offset[idx]
        done12 = left & (reached >= 12)
        ats = left & ~done12

        # In school: formal grade by age and entry offset, Paket A/B/C for a few, PAUD for some 4-6.
        grade = np.clip(age - 6 + self.grade_offset[idx], 1, 12)
        r = np.flatnonzero(returned)
        back_year = (self.returned_on[idx[r]] - 196).astype("datetime64[Y]").astype(np.int64) + 1970  # school year of return
        grade[r] = np.clip(self.returned_grade[idx[r]] + year - back_year, 1, 12)
        nonformal_p = np.select([age <= 12, age <= 15], [0.004, 0.015], 0.04) * np.where(dis, 2.0, 1.0)
        nonformal = (self.u_nonformal[idx] < nonformal_p) | (returned & (self.returned_to[idx] == 1))
        school = (age >= 7) & ~left
        level = LEVEL_OF_GRADE[grade]
        partisipasi[school] = np.where(nonformal[school], 1, 0)
        jenjang[school] = 1 + level[school] + 3 * nonformal[school]
        kelas[school] = grade[school]
        paud = (age >= 4) & (age <= 6) & (self.u_paud[idx] < np.array([0, 0, 0, 0, 0.3, 0.5, 0.65])[np.minimum(age, 6)] * np.where(rural, 0.85, 1.2))
        partisipasi[paud], jenjang[paud] = 0, 0

        # ATS category from the last grade reached before leaving.
        last = np.minimum(reached, age - 7)
        near = rng.random(n) < 0.5  # half of those leaving next to a level's end had finished it
        last = np.where(near & np.isin(last, (5, 7)) & (age >= 13), 6, last)
        last = np.where(near & np.isin(last, (8, 10)) & (age >= 16), 9, last)
        kategori = np.where(last <= 0, 2, np.where(np.isin(last, TERMINAL_GRADES), 1, 0))
        kategori = np.where(ats, kategori, -1)
        last = np.where(done12, 12, np.where(ats & (kategori != 2), last, 0))

        alasan = np.full(n, -1)
        kegiatan = np.full(n, -1)
        a = np.flatnonzero(ats)
        alasan[a] = self._reasons(age[a], self.boy[idx][a], dis[a], rural[a], self.hh_q[self.hh[idx][a]], kategori[a], self.u_reason[idx][a])
        kegiatan[a] = self._activities(age[a], self.boy[idx][a], alasan[a], self.u_kegiatan[idx][a])

        seq0 = self.kab_num * 10**11 + (year - 2000) * 10**9
        keluarga = {
            "keluarga_id": seq0 + 1 + np.arange(len(hh_rows)),
            "survey_round": np.full(len(hh_rows), year, dtype=np.int32),
            "kode_kel": self.kel_offset + self.hh_desa[hh_rows],
            "no_kk_hash": self.hh_kk[hh_rows],
            "tanggal_pendataan": hh_date,
            "kelompok_pengeluaran": (self.hh_q[hh_rows] + 1).astype(np.int8),
            "penerima_bansos": self.hh_bansos[hh_rows],
            "jarak_sekolah_km": self.hh_jarak[hh_rows],
            "moda_transportasi": self.hh_moda[hh_rows],
        }
        anak = {
            "anak_id": seq0 + 1 + np.arange(n),
            "keluarga_id": keluarga["keluarga_id"][hh_of_child],
            "survey_round": np.full(n, year, dtype=np.int32),
            "kode_kel": keluarga["kode_kel"][hh_of_child],
            "nik_hash": self.nik[idx],
            "sex": (~self.boy[idx]).astype(np.int64),
            "umur": age.astype(np.int8),
            "has_disability": dis,
            "jenis_disabilitas": self.jenis_dis[idx],
            "partisipasi": partisipasi,
            "jenjang": jenjang,
            "kelas": np.where(jenjang >= 1, kelas, 0),
            "kategori_ats": kategori,
            "jenjang_terakhir": np.where(last > 0, LEVEL_OF_GRADE[np.maximum(last, 0)] + 1, -1),
            "kelas_terakhir": last,
            "alasan": alasan,
            "kegiatan": kegiatan,
            "kelompok_pengeluaran": keluarga["kelompok_pengeluaran"][hh_of_child],
        }
        penanganan = self._handling(year, seq0, idx[a], anak["anak_id"][a], anak["kode_kel"][a], hh_date[hh_of_child[a]],
                                    age[a], dis[a], kategori[a], last[a], alasan[a])
        survey = {"survey_round": year, "kode_kab": self.kab, "reference_date": ref, "start_date": start,
                  "end_date": end, "sumber": "demo"}
        return {"survey_round": survey, "keluarga": keluarga, "anak": anak, "penanganan": penanganan}

    @staticmethod
    def _reasons(age, boy, dis, rural, q, kategori, u):
        """Main reason (index into ALASAN) with weights shaped by age, sex, disability, poverty and remoteness."""
        n = len(age)
        base = {"biaya": 0.22, "malu_ekonomi": 0.05, "bekerja_upah": 0.10, "bekerja_tanpa_upah": 0.07, "menikah": 0.07,
                "jarak": 0.07, "tidak_diterima": 0.02, "disabilitas": 0.01, "perundungan": 0.04, "lingkungan": 0.06,
                "teman": 0.07, "merasa_cukup": 0.12, "lainnya": 0.05}
        w = np.tile(np.array([base[k] for k in ALASAN]), (n, 1))
        col = {k: i for i, k in enumerate(ALASAN)}
        poor = np.array([1.6, 1.3, 1.0, 0.6, 0.4])[q]
        w[:, col["biaya"]] *= poor
        w[:, col["malu_ekonomi"]] *= poor
        for k in ("bekerja_upah", "bekerja_tanpa_upah"):
            w[:, col[k]] *= np.where(age < 13, 0.05, 1.0) * np.where(boy, 1.8, 0.4)
        w[:, col["menikah"]] *= np.where(age < 15, 0.0, np.where(boy, 0.15, 3.0))
        w[:, col["jarak"]] *= np.where(rural, 1.8, 0.4)
        w[:, col["tidak_diterima"]] *= np.where(kategori == 2, 4.0, 1.0)
        w[:, col["merasa_cukup"]] *= np.where(kategori == 1, 1.6, 0.7) * np.where(age < 13, 0.2, 1.0)
        w[:, col["disabilitas"]] = np.where(dis, 2.5, w[:, col["disabilitas"]])
        w[:, col["lainnya"]] *= np.where(age < 13, 3.0, 1.0)
        return _pick(w, u)

    @staticmethod
    def _activities(age, boy, alasan, u):
        """Current activity (index into KEGIATAN), following the reason."""
        n = len(age)
        w = np.tile(np.array([0.40, 0.14, 0.05, 0.33, 0.06, 0.01]), (n, 1))
        working = np.isin(alasan, [ALASAN.index("bekerja_upah"), ALASAN.index("bekerja_tanpa_upah")])
        married = alasan == ALASAN.index("menikah")
        w[:, 0] = np.where(working, 5.0, np.where(age < 13, 0.02, np.where(boy, 0.45, 0.25)))
        w[:, 1] = np.where(married, 1.5, np.where(boy, 0.10, 0.25))
        w[:, 2] = np.where(married, 1.5, w[:, 2])
        w[:, 3] = np.where(age < 13, 0.6, w[:, 3])
        return _pick(w, u)

    def _handling(self, year, seq0, child, anak_id, kode_kel, identified, age, dis, kategori, last, alasan) -> dict:
        """Handling events of this round's ATS children; also records who went back to school."""
        rng = self.rng
        n = len(child)
        verified = rng.random(n) < 0.92
        bukan = verified & (rng.random(n) < 0.05)
        alasan_bukan = np.where(bukan, _pick(np.tile([0.25, 0.05, 0.2, 0.4, 0.03], (n, 1)) + np.outer(age >= 18, [0, 0.6, 0, 0, 0]), rng.random(n)), -1)
        assessed = verified & ~bukan & (rng.random(n) < 0.85)
        referred = assessed & (rng.random(n) < 0.85)
        intervened = referred & (rng.random(n) < 0.9)
        has_result = intervened & (rng.random(n) < 0.95)

        # Intervention: back to formal school when the gap to the age-appropriate grade is small, else Paket A/B/C.
        next_grade = np.where(kategori == 2, 1, last + 1)
        next_level = LEVEL_OF_GRADE[np.clip(next_grade, 1, 12)]
        overage = age - 6 - next_grade
        formal_p = np.where(overage <= 1, 0.75, np.where(overage <= 3, 0.35, 0.0))
        formal_p = np.where((age <= 12) & (overage <= 5), 0.85, formal_p)  # young children go back to school
        pathway = np.where(rng.random(n) < formal_p, 0, 1 + next_level)
        pathway = np.where((age >= 16) & (rng.random(n) < 0.15), 4, pathway)  # lkp
        support = rng.random(n) < 0.15
        jenis = np.where(support, 5 + rng.choice(4, n, p=[0.35, 0.3, 0.2, 0.15]), pathway)

        # Result: about 60% of intervened children return (fewer when married, working or disabled).
        hard = np.isin(alasan, [ALASAN.index(k) for k in ("menikah", "bekerja_upah", "bekerja_tanpa_upah")])
        p_back = 0.62 * np.where(hard, 0.55, 1.0) * np.where(dis, 0.6, 1.0) * np.where(age >= 16, 0.85, 1.15)
        p_back = np.minimum(p_back * (0.75 + 0.25 * self.strength), 0.95)
        back = rng.random(n) < p_back
        back_to = np.where(jenis == 0, 0, np.where((jenis <= 4) | (overage > 5), 1, 0))
        hasil = np.where(back, back_to, 2 + _pick(np.tile([0.4, 0.35, 0.25], (n, 1)) + np.outer(hard | dis, [0, 0, 0.4]), rng.random(n)))

        dates = np.empty((n, 6), dtype="datetime64[D]")
        dates[:, 0] = identified
        for stage, (mean, low) in enumerate([(35, 7), (30, 5), (20, 3), (40, 7), (120, 30)], start=1):
            dates[:, stage] = dates[:, stage - 1] + _days(rng, n, mean, low)
        dates[:, 5] = np.minimum(dates[:, 5], identified + 360)
        dates[:, 5] = np.maximum(dates[:, 5], dates[:, 4])
        happened = np.column_stack([np.ones(n, bool), verified, assessed, referred, intervened, has_result]) & (dates <= DATA_DATE)

        returned = happened[:, 5] & (hasil <= 1)
        self.returned_on[child[returned]] = dates[returned, 5]
        self.returned_to[child[returned]] = hasil[returned]
        self.returned_grade[child[returned]] = next_grade[returned]

        row, stage = np.nonzero(happened)
        m = len(row)
        return {
            "event_id": seq0 + 1 + np.arange(m),
            "anak_id": anak_id[row],
            "survey_round": np.full(m, year, dtype=np.int32),
            "kode_kel": kode_kel[row],
            "tahap": stage,
            "tanggal": dates[row, stage],
            "status_verifikasi": np.where(stage == 1, bukan[row].astype(np.int64), -1),
            "alasan_bukan_ats": np.where((stage == 1) & bukan[row], alasan_bukan[row], -1),
            "jenis_intervensi": np.where(stage == 4, jenis[row], -1),
            "hasil": np.where(stage == 5, hasil[row], -1),
        }


def _concat(parts: list[dict], key: str) -> dict:
    return {c: np.concatenate([p[key][c] for p in parts]) for c in parts[0][key]}


def _dates(values) -> np.ndarray:
    return np.asarray(values, dtype="datetime64[D]").astype("datetime64[s]")


def generate(regions, seed: int, wilayah: pd.DataFrame, penduduk: pd.DataFrame, progress=None) -> DemoData:
    """Synthetic SIPBM rounds for the kab/kota in `regions` (province or kab/kota codes).

    Raises UnknownRegion when a code is not in `wilayah`. progress(fraction, message) is called per kab/kota.
    """
    kabs = resolve_regions(regions, wilayah)
    kel = wilayah[(wilayah["level"] == "kel") & wilayah["kode_kab"].isin(kabs)].sort_values("kode")
    kel_codes = kel["kode"].to_numpy(dtype=str)
    parts = []
    for i, kab in enumerate(kabs):
        if progress:
            progress(i / len(kabs), f"demo {kab}")
        start, stop = np.searchsorted(kel_codes, [kab + ".", kab + "/"])
        if start == stop:
            raise UnknownRegion(f"kab/kota '{kab}' has no desa/kelurahan in kode_wilayah.csv; choose another region")
        panel = _Kab(kab, seed, kel.iloc[start:stop], start, _population(kab, wilayah, penduduk))
        parts += [panel.round(year) for year in range(FIRST_ROUND.get(kab, DEFAULT_FIRST_ROUND), LAST_ROUND + 1)]
    if progress:
        progress(1.0, "demo done")

    rounds = pd.DataFrame({c: [p["survey_round"][c] for p in parts] for c in parts[0]["survey_round"]})
    rounds["survey_round"] = rounds["survey_round"].astype(np.int32)
    for c in ("reference_date", "start_date", "end_date"):
        rounds[c] = _dates(rounds[c])

    k = _concat(parts, "keluarga")
    keluarga = pd.DataFrame({
        **k,
        "no_kk_hash": _text(k["no_kk_hash"]),
        "kode_kel": _cat(k["kode_kel"], kel_codes),
        "tanggal_pendataan": _dates(k["tanggal_pendataan"]),
        "moda_transportasi": _cat(k["moda_transportasi"], MODA_TRANSPORTASI),
    })

    a = _concat(parts, "anak")
    alasan_group = np.array([ALASAN_GROUPS.index(ALASAN_GROUP[x]) for x in ALASAN])
    anak = pd.DataFrame({
        **a,
        "nik_hash": _text(a["nik_hash"]),
        "kode_kel": _cat(a["kode_kel"], kel_codes),
        "sex": _cat(a["sex"], SEXES),
        "jenis_disabilitas": _cat(a["jenis_disabilitas"], JENIS_DISABILITAS),
        "partisipasi": _cat(a["partisipasi"], PARTISIPASI),
        "jenjang": _cat(a["jenjang"], JENJANG),
        "kelas": pd.array(a["kelas"], dtype="Int8"),
        "kategori_ats": _cat(a["kategori_ats"], KATEGORI_ATS),
        "jenjang_terakhir": _cat(a["jenjang_terakhir"], JENJANG),
        "kelas_terakhir": pd.array(a["kelas_terakhir"], dtype="Int8"),
        "alasan": _cat(a["alasan"], ALASAN),
        "alasan_group": _cat(np.where(a["alasan"] >= 0, alasan_group[a["alasan"]], -1), ALASAN_GROUPS),
        "kegiatan": _cat(a["kegiatan"], KEGIATAN),
    })
    anak["kelas"] = anak["kelas"].mask(anak["kelas"] == 0)
    anak["kelas_terakhir"] = anak["kelas_terakhir"].mask(anak["kelas_terakhir"] == 0)
    anak = anak[["anak_id", "keluarga_id", "survey_round", "kode_kel", "nik_hash", "sex", "umur", "has_disability",
                 "jenis_disabilitas", "partisipasi", "jenjang", "kelas", "kategori_ats", "jenjang_terakhir",
                 "kelas_terakhir", "alasan", "alasan_group", "kegiatan", "kelompok_pengeluaran"]]

    p = _concat(parts, "penanganan")
    penanganan = pd.DataFrame({
        **p,
        "kode_kel": _cat(p["kode_kel"], kel_codes),
        "tahap": _cat(p["tahap"], TAHAP),
        "tanggal": _dates(p["tanggal"]),
        "status_verifikasi": _cat(p["status_verifikasi"], ("ats", "bukan_ats")),
        "alasan_bukan_ats": _cat(p["alasan_bukan_ats"], ALASAN_BUKAN_ATS),
        "jenis_intervensi": _cat(p["jenis_intervensi"], JENIS_INTERVENSI),
        "hasil": _cat(p["hasil"], HASIL),
    })
    return DemoData(survey_round=rounds, keluarga=keluarga, anak=anak, penanganan=penanganan)
