"""What an import is for: its survey round (given, else the most common in the file), its kab/kota (--kab, else
the one with most known desa codes) and the reference date of each, checked against the wilayah reference (the
store's, else the reference CSV)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from data import reference, store
from data.importer.canonical import ImportRefused


def _check_round(the_round, given, today: dt.date) -> None:
    """Refuse a round that is not a year from 2000 to this year, naming where it came from."""
    if the_round is None or 2000 <= the_round <= today.year:
        return
    where = ("--round" if given is not None else
             "the survey_round most common in the file (or the mapping's [defaults])")
    raise ImportRefused(f"{where} is {the_round}: a survey round is a year from 2000 to {today.year}. "
                        + ("Give the year of the census" if given is not None else
                           "Fix the column, or give the round with --round"),
                        "round_given" if given is not None else "round_in_file", value=the_round, last=today.year)


def _load_wilayah(con, store_path: Path, state: dict) -> None:
    """import_ref_kel and import_ref_kab in the staging database, from the store's wilayah table (attached
    read-only for the copy), or from the reference CSV when there is no store yet."""
    if state["exists"]:
        with store.live_attached(con, store_path):
            con.execute("CREATE TABLE import_ref_kel AS SELECT kode, kode_kec, kode_kab FROM live.wilayah WHERE level = 'kel'")
            con.execute("CREATE TABLE import_ref_kab AS SELECT kode, nama FROM live.wilayah WHERE level = 'kab'")
        if con.execute("SELECT count(*) FROM import_ref_kel").fetchall()[0][0]:
            return
        con.execute("DROP TABLE import_ref_kel")
        con.execute("DROP TABLE import_ref_kab")
    w = reference.load_wilayah()
    con.register("_w", w)
    con.execute("CREATE TABLE import_ref_kel AS SELECT kode, kode_kec, kode_kab FROM _w WHERE level = 'kel'")
    con.execute("CREATE TABLE import_ref_kab AS SELECT kode, nama FROM _w WHERE level = 'kab'")
    con.unregister("_w")


def _import_kabs(con, kab) -> list[str]:
    """The kab/kota this import is for: --kab (comma-separated), else the one with most known desa codes."""
    if kab:
        out = []
        known = {k for (k,) in con.execute("SELECT kode FROM import_ref_kab").fetchall()}
        for item in (kab.split(",") if isinstance(kab, str) else kab):
            item = str(item).strip()
            digits = item.replace(".", "")
            code = f"{digits[:2]}.{digits[2:4]}" if len(digits) == 4 and digits.isdigit() else item
            if code not in known:
                raise ImportRefused(f"--kab {item} is not a kab/kota code of the reference (e.g. 73.73 for Kota Palopo)",
                                    "kab_unknown", kab=item)
            out.append(code)
        return sorted(set(out))
    found = con.execute(  # codes parsed once per distinct value, not once per row
        "WITH v AS (SELECT kode_kel, count(*) AS n FROM raw GROUP BY ALL) "
        "SELECT left(k.kode, 5) AS kab, sum(v.n) AS n FROM v JOIN import_ref_kel k ON k.kode = import_kode(v.kode_kel) "
        "GROUP BY ALL ORDER BY n DESC, kab LIMIT 3"
    ).fetchall()
    if len(found) > 1 and found[0][1] == found[1][1]:  # no kab/kota has most rows: a guess would reject half the file
        tied = [k for k, n in found if n == found[0][1]]
        raise ImportRefused(
            f"the file holds as many rows ({found[0][1]}) of kab/kota {' and '.join(tied)}: say which this import is "
            f"for with --kab {tied[0]}, or --kab {','.join(tied)} for all of them",
            "kab_tie", kabs=", ".join(tied), n=int(found[0][1]), example=tied[0], all=",".join(tied),
        )
    return [found[0][0]] if found else []


def _rounds(con, the_round, kabs, reference_date, existing: pd.DataFrame) -> pd.DataFrame:
    """Reference date per (round, kab/kota): --reference-date, else the file's reference_date column, else the
    store's survey_round row, else 15 July of the round year. A date given or read that is not within a year of
    the round is refused: every age would be computed at it."""
    rows = []
    if the_round is None:
        return pd.DataFrame(columns=["survey_round", "kode_kab", "reference_date"])
    for kab in kabs:
        ref = reference_date
        if ref is None:
            found = con.execute(
                "SELECT DISTINCT d FROM import_values WHERE col = 'reference_date' AND d IS NOT NULL").fetchall()
            if len(found) > 1:
                raise ImportRefused(
                    f"the file gives {len(found)} different reference_date values; "
                    "a round has one reference date (or give --reference-date)"
                )
            ref = found[0][0] if found else None
            if ref is not None and abs(ref.year - int(the_round)) > 1:
                raise ImportRefused(f"the file's reference_date {ref:%d/%m/%Y} is not a date of round {the_round}; "
                                    "fix the column, or give --reference-date", "reference_date_in_file",
                                    date=f"{ref:%d/%m/%Y}", round=the_round)
        elif abs(ref.year - int(the_round)) > 1:
            raise ImportRefused(f"--reference-date {ref:%Y-%m-%d} is not a date of round {the_round}: give the "
                                "census reference date of that round", "reference_date_given",
                                date=f"{ref:%d/%m/%Y}", round=the_round)
        if ref is None and not existing.empty:
            hit = existing[(existing["survey_round"] == the_round) & (existing["kode_kab"] == kab)]
            ref = pd.Timestamp(hit["reference_date"].iloc[0]).date() if len(hit) else None
        rows.append((the_round, kab, ref or dt.date(int(the_round), 7, 15)))
    return pd.DataFrame(rows, columns=["survey_round", "kode_kab", "reference_date"])


def _scope(con, survey_round, kab, reference_date, existing: pd.DataFrame, today: dt.date
           ) -> tuple[int | None, list[str]]:
    """The round and kab/kota of this import (given, else the most common in the file), kept with the reference
    date of each as the staging tables import_kabs and import_rounds."""
    if survey_round is None:
        found = con.execute("SELECT import_int(survey_round) AS r FROM raw WHERE r IS NOT NULL "
                            "GROUP BY ALL ORDER BY count(*) DESC, r DESC LIMIT 1").fetchall()
        the_round = found[0][0] if found else None
    else:
        the_round = survey_round
    _check_round(the_round, survey_round, today)
    kabs = _import_kabs(con, kab)
    con.execute("CREATE TABLE import_kabs (kode_kab VARCHAR)")
    if kabs:
        con.executemany("INSERT INTO import_kabs VALUES ($1)", [(k,) for k in kabs])
    rounds = _rounds(con, the_round, kabs, reference_date, existing)
    con.register("_rounds", rounds)
    con.execute("CREATE TABLE import_rounds AS SELECT survey_round::INTEGER AS survey_round, kode_kab, "
                "reference_date::DATE AS reference_date FROM _rounds")
    con.unregister("_rounds")
    return the_round, kabs
