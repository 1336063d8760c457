"""The store's side of an import: its state (demo flag, key fingerprint, import log, rounds), whether this file
with these settings is already applied, and the write (data.store.writing: copy, build, checks, atomic swap)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import duckdb
import pandas as pd

from data import reference, store
from data.importer.canonical import ImportRefused
from data.importer.keys import key_id
from data.importer.report import ImportReport


def _store_state(path: Path) -> dict:
    """What the import needs from the live store: demo flag, key id, the import log, rounds."""
    state = {"exists": path.exists(), "is_demo": False, "key_id": None, "log": pd.DataFrame(), "rounds": pd.DataFrame()}
    if not state["exists"]:
        return state
    con = store.connect_read(path)
    try:
        meta = dict(con.execute("SELECT key, value FROM meta").fetchall())
        state["is_demo"] = str(meta.get("is_demo", "False")).lower() == "true"
        state["key_id"] = meta.get("hmac_key_id")
        state["rounds"] = con.execute("SELECT survey_round, kode_kab, reference_date FROM survey_round").df()
        try:
            state["log"] = con.execute("SELECT * FROM import_log ORDER BY import_id").df()
        except duckdb.CatalogException:
            pass
    finally:
        con.close()
    return state


def _settings(mp: dict, survey_round, kab, reference_date, sheet) -> str:
    """A fingerprint of everything besides the file's bytes that decides the rows an import stores: the mapping
    (as normalised), --round, --kab, --reference-date and the sheet. The same file with other settings (a mapping
    corrected, the round given right) is imported again, not reported unchanged."""
    given = {"mapping": mp, "round": survey_round, "kab": kab, "reference_date": reference_date, "sheet": sheet}
    return hashlib.sha256(json.dumps(given, sort_keys=True, default=str).encode("utf-8")).hexdigest()[:16]


def _already_applied(log: pd.DataFrame, sha: str, settings: str) -> pd.Series | None:
    """The log row of this file, imported with the same settings, when it is still the latest import of its
    round and kab/kota. A row logged before settings were recorded never matches (the file is applied again,
    which stores the same rows)."""
    if log.empty or "settings" not in log:
        return None
    mine = log[(log["sha256"] == sha) & (log["settings"] == settings) & (log["status"] == "applied")]
    if mine.empty:
        return None
    last = mine.iloc[-1]
    later = log[(log["import_id"] > last["import_id"]) & (log["survey_round"] == last["survey_round"])
                & (log["status"] == "applied")]
    kabs = set(str(last["kode_kab"]).split(","))
    if any(kabs & set(str(k).split(",")) for k in later["kode_kab"]):
        return None
    return last


class AlreadyApplied(Exception):
    """Found under the writer's lock: another import applied this file with these settings meanwhile."""

    def __init__(self, done: pd.Series):
        super().__init__("already applied")
        self.done = done


def _recheck(con, store_path: Path, before: dict, report: ImportReport, key: bytes | None,
             replace_demo: bool) -> dict:
    """The store's state read again under the writer's lock, and every decision taken on the state read before it
    made again: another writer (an import, `python -m data demo`, a value entry) may have changed the store since.
    Raises ImportRefused (real data into a store that became a demo store, a key other than the one that now
    hashed the store's rounds, a reference date changed under this import) or AlreadyApplied (this very file
    applied meanwhile); returns the state to write on."""
    from data.importer.keys import check_key_matches

    now = _store_state(store_path)
    if now["is_demo"] and not replace_demo:
        raise ImportRefused(
            f"the store {store_path} became a demo store (python -m data demo) while this file was read; real data "
            "is not mixed with it. Import again with --replace-demo, or set ATS_STORE to another store file",
            "demo_store",
        )
    if not now["is_demo"]:
        done = _already_applied(now["log"], report.sha256, report.settings)
        if done is not None:
            raise AlreadyApplied(done)
    if key is not None:
        check_key_matches(key, now["key_id"])
    if now["exists"] and not (now["is_demo"] and replace_demo):
        used = con.execute("SELECT survey_round, kode_kab, reference_date FROM memory.import_rounds").fetchall()
        for the_round, kab, date in used:
            was, is_now = (_reference_date(st["rounds"], the_round, kab) for st in (before, now))
            if is_now != was and is_now not in (None, date):  # set by another import meanwhile: ages at another date
                raise ImportRefused(
                    f"another import set the reference date of round {the_round} of {kab} to {is_now} while this "
                    f"file was read, and its ages were counted at {date}. Import it again", "store_changed",
                )
    return now


def _reference_date(rounds: pd.DataFrame, the_round, kab):
    if rounds.empty:
        return None
    hit = rounds[(rounds["survey_round"] == the_round) & (rounds["kode_kab"] == kab)]
    return pd.Timestamp(hit["reference_date"].iloc[0]).date() if len(hit) else None


def _apply(con, store_path: Path, state: dict, report: ImportReport, key: bytes | None, user: str,
           replace_demo: bool, progress=None) -> int:
    """Write the staging tables out_* into a copy of the store attached to the staging connection (rows never
    leave DuckDB), replacing the rounds x desa/kelurahan of import_kel; build, check and swap it in. The store's
    state is read again under the writer's lock (_recheck) and the write made under the same lock."""
    with store.writer_lock(store_path):
        state = _recheck(con, store_path, state, report, key, replace_demo)
        return _write(con, store_path, state, report, key, user, replace_demo, progress)


def _write(con, store_path: Path, state: dict, report: ImportReport, key: bytes | None, user: str,
           replace_demo: bool, progress=None) -> int:
    meta = {"is_demo": False, "last_import": report.file}
    if key is not None:
        meta["hmac_key_id"] = key_id(key)
    fresh = state["is_demo"] and replace_demo
    with store.writing(store_path, fresh=fresh or not state["exists"], meta=meta, into=con, progress=progress):
        if fresh:  # a new store: the reference and boundaries of the demo store (with their log), none of its data
            with store.live_attached(con, store_path):
                con.execute("INSERT INTO wilayah SELECT * FROM live.wilayah")
                con.execute("INSERT INTO boundary SELECT * FROM live.boundary")
                if con.execute("SELECT count(*) FROM duckdb_tables() WHERE database_name = 'live' "
                               "AND table_name = 'boundary_log'").fetchone()[0]:  # not in a store made before it
                    con.execute("INSERT INTO boundary_log SELECT * FROM live.boundary_log")
        elif not state["exists"]:
            store.replace_wilayah(con, reference.load_wilayah())
            report.boundaries = _new_store_boundaries(con, report.kode_kab)
        for table in store.RECORD_TABLES:
            con.execute(f"DELETE FROM {table} WHERE (survey_round, kode_kel) IN "  # table from the fixed list
                        "(SELECT survey_round, kode_kel FROM memory.import_kel)")
            con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM memory.out_{table}")  # table from the fixed list
        con.execute(
            "INSERT OR REPLACE INTO survey_round BY NAME "
            "SELECT r.survey_round, r.kode_kab, r.reference_date, "
            "least(k.start_date, s.start_date) AS start_date, greatest(k.end_date, s.end_date) AS end_date, "
            "$f AS sumber "
            "FROM memory.import_rounds AS r "
            "INNER JOIN (SELECT survey_round, left(kode_kel, 5) AS kode_kab, min(tanggal_pendataan) AS start_date, "
            "max(tanggal_pendataan) AS end_date FROM memory.out_keluarga GROUP BY ALL) AS k USING (survey_round, kode_kab) "
            "LEFT JOIN survey_round AS s USING (survey_round, kode_kab)",
            {"f": report.file},
        )
        import_id = con.execute("SELECT coalesce(max(import_id), 0) + 1 FROM import_log").fetchall()[0][0]
        con.execute(
            "INSERT INTO import_log VALUES ($id, $f, $sha, $r, $k, $n, $read, $acc, $rej, 'applied', now()::TIMESTAMP, $u, "
            "$s)",
            {"id": import_id, "f": report.file, "sha": report.sha256, "r": report.survey_round,
             "k": ",".join(report.kode_kab), "n": report.kelurahan, "read": report.rows_read, "acc": report.accepted,
             "rej": report.rejected, "u": user, "s": report.settings},
        )
    return import_id


def _new_store_boundaries(con, kabs: list[str]) -> dict:
    """An import that creates the store picks up the boundaries as the demo build does (data.config.
    boundaries_source: ATS_BOUNDARIES, else ../shared/geo; provinces and kab/kota of the whole country, kecamatan and
    desa/kelurahan of the import's provinces). What was matched, or why none were, goes into the report: a
    boundary file that cannot be read does not refuse the survey file (`python -m data boundaries` adds them)."""
    import geo
    from data import config, load

    source = config.boundaries_source()
    if source is None:
        return {"source": None, "matched": 0,
                "note": "no boundary files found: set ATS_BOUNDARIES or run `python -m data boundaries FILE`"}
    try:
        found = load.load_boundaries(con, source, provinces=sorted({k[:2] for k in kabs}))
    except geo.GeoInputError as e:
        return {"source": str(source), "matched": 0, "note": f"boundaries not imported: {e}"[:400]}
    return {"source": str(source), "matched": found["matched"], "matched_by_level": found["matched_by_level"]}
