"""The import of a survey file, as the sequence of its steps (_run_import); each step lives in the module of
its part of the flow (see data/importer/__init__.py)."""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import time
from pathlib import Path

import pandas as pd

from data import config, store
from data.importer.apply import AlreadyApplied, _already_applied, _apply, _settings, _store_state
from data.importer.canonical import ImportRefused
from data.importer.detect import _check_file
from data.importer.keys import _check_key
from data.importer.mapping import (
    _missing,
    _missing_message,
    _refuse_clashes,
    _refuse_headerless,
    _resolve_columns,
    _suggest,
    load_mapping,
)
from data.importer.read import _sheet_with_columns, _stage_source, _staging
from data.importer.report import REJECT_COLUMNS, ImportReport, _log_attempt, write_rejects
from data.importer.scope import _check_round, _load_wilayah, _scope
from data.importer.validate import _counts, _load_rules, _notes, _rejects, _shape_records, _stage_rows, _validate_rows


def run_import(path, *, store_path=None, user=None, **options) -> ImportReport:
    """Validate a survey file and (unless dry_run) apply its accepted rows to the store.

    Raises ImportRefused for a file that cannot be imported at all (the store is unchanged). Returns a report
    whose status is applied, dry_run, unchanged, or refused (no row accepted; the store is unchanged). Options:
    survey_round, mapping, sheet, dry_run, progress, kab, reference_date, replace_demo, rejects_path, today.
    """
    store_path = Path(store_path or config.store_path())
    user = config.operator(user)
    try:
        return _run_import(Path(path), store_path, user, **options)
    except ImportRefused as e:
        if not getattr(e, "logged", False):
            _log_attempt(store_path, {"file": Path(path).name, "status": "refused", "code": e.code}, user)
        raise


def _run_import(path: Path, store_path: Path, user: str, *, survey_round=None, mapping=None, sheet=None,
                dry_run=False, progress=None, kab=None, reference_date=None, replace_demo=False, rejects_path=None,
                today: dt.date | None = None) -> ImportReport:
    """The steps of an import in order; each raises ImportRefused for a file it cannot take."""
    started = time.perf_counter()
    progress, timings = _timed(progress or _noop, started)
    today = today or dt.date.today()
    survey_round, reference_date = _check_options(survey_round, reference_date, today)
    if rejects_path is not None:
        rejects_path = _check_rejects_path(Path(rejects_path), path, store_path)
    progress(0.0, "checking the file")
    fmt, mp, state = _check_inputs(path, store_path, sheet, mapping, replace_demo, dry_run)
    sha_job = _hash_aside(path)

    con = _staging()  # staging: in memory, never the store file
    try:
        progress(0.05, "reading")
        info = _stage_source(con, path, fmt, sheet, mp, keep=lambda names: list(_resolve_columns(names, mp)[0]))
        sha = sha_job.result()
        settings = _settings(mp, survey_round, kab, reference_date, sheet)
        done = _already_applied(state["log"], sha, settings) if not state["is_demo"] else None
        if done is not None:
            report = _unchanged(path, sha, done, started)
            _log_attempt(store_path, report, user)
            return report
        used = _check_columns(path, info, mp, survey_round)
        rows_read = _count_rows(con, path, info)
        key, key_created = _check_key(con, used, mp, state["key_id"])

        progress(0.3, "validating")
        _load_wilayah(con, store_path, state)
        _load_rules(con, mp)
        # Raw rows with canonical names, codes and dates (names stay in this in-memory database)
        _stage_rows(con, info["table"], {t: s for s, t in used.items()}, mp["defaults"])
        the_round, kabs = _scope(con, survey_round, kab, reference_date, state["rounds"], today)
        _validate_rows(con, survey_round, the_round, today)
        progress(0.5, "shaping the records")
        _shape_records(con, key, dry_run)

        progress(0.55, "collecting")
        rejects = _rejects(con, info, used, mp["defaults"])
        accepted, rejected, n_kel = _counts(con, info["bad_lines"], rows_read)
        report = ImportReport(
            file=path.name, sha256=sha, survey_round=the_round, rows_read=rows_read, accepted=accepted,
            rejected=rejected, status="dry_run" if dry_run else "applied", message="", rejects=rejects,
            kode_kab=kabs, kelurahan=n_kel, settings=settings, notes=_notes(con),
            key_created=str(key_created) if key_created else None,
        )
        if rejects_path is not None and len(rejects):
            report.rejects_path = str(write_rejects(rejects, rejects_path))
        _conclude(con, report, store_path, state, key, user, dry_run=dry_run, replace_demo=replace_demo,
                  progress=progress, started=started)
    finally:
        con.close()  # the staging database, with the raw identifiers and names, is gone
    progress(1.0, report.status)
    report.seconds = time.perf_counter() - started
    report.timings = timings
    _log_attempt(store_path, report, user)
    return report


def _timed(user_progress, started: float):
    """progress(fraction, message) passed on to the caller's, and the seconds spent in each stage (from its
    message to the next) added up in `timings` (the report's timings)."""
    timings: dict[str, float] = {}
    last = [started, None]

    def progress(fraction, message):
        now = time.perf_counter()
        if last[1] is not None:
            timings[last[1]] = round(timings.get(last[1], 0) + now - last[0], 3)
        last[0], last[1] = now, message
        user_progress(fraction, message)

    return progress, timings


def _check_options(survey_round, reference_date, today: dt.date):
    """--round as a year from 2000 to this year, --reference-date as a date (yyyy-mm-dd when given as text)."""
    if survey_round is not None:
        try:
            survey_round = int(survey_round)
        except (TypeError, ValueError):
            raise ImportRefused(f"--round must be a year such as 2024, got '{survey_round}'") from None
        _check_round(survey_round, survey_round, today)
    if isinstance(reference_date, str):
        try:
            reference_date = dt.date.fromisoformat(reference_date)
        except ValueError:
            raise ImportRefused(f"--reference-date must be yyyy-mm-dd, got '{reference_date}'") from None
    return survey_round, reference_date


def _check_inputs(path: Path, store_path: Path, sheet, mapping, replace_demo: bool, dry_run: bool
                  ) -> tuple[str, dict, dict]:
    """The file's format (detect.py), the mapping as normalised, and the store's state; refuses --sheet for a
    file without sheets, and real data into the demo store unless replace_demo (or a dry run)."""
    fmt, _ = _check_file(path)
    if sheet is not None and fmt != "xlsx":
        raise ImportRefused(f"--sheet {sheet}: {path.name} is {fmt.upper()}, which has no sheets; leave --sheet out")
    mp = load_mapping(mapping)
    state = _store_state(store_path)
    if state["is_demo"] and not replace_demo and not dry_run:
        raise ImportRefused(
            f"the store {store_path} holds the synthetic demo data; real data is not mixed with it. Import with "
            "--replace-demo to start a new store (keeping the wilayah reference and the boundaries), or set "
            "ATS_STORE to another store file",
            "demo_store",
        )
    return fmt, mp, state


def _hash_aside(path: Path) -> concurrent.futures.Future:
    """The file's SHA-256 on the other core while pyarrow reads the file on one (both release the GIL)."""
    hashing = concurrent.futures.ThreadPoolExecutor(1)
    sha_job = hashing.submit(store.file_sha256, path)
    hashing.shutdown(wait=False)
    return sha_job


def _unchanged(path: Path, sha: str, done: pd.Series, started: float) -> ImportReport:
    """The report of a file already applied with the same settings (apply.py _already_applied): nothing written."""
    return ImportReport(
        file=path.name, sha256=sha, survey_round=int(done["survey_round"]), rows_read=int(done["rows_read"]),
        accepted=int(done["accepted"]), rejected=int(done["rejected"]), status="unchanged",
        message=f"this file (SHA-256 {sha[:12]}) was already applied as import {int(done['import_id'])} on "
                f"{done['imported_at']}; nothing changed",
        rejects=pd.DataFrame(columns=list(REJECT_COLUMNS)), kode_kab=str(done["kode_kab"]).split(","),
        seconds=time.perf_counter() - started,
    )


def _check_columns(path: Path, info: dict, mp: dict, survey_round) -> dict[str, str]:
    """Source column -> canonical column of the columns the import reads; refuses a file without its header row,
    two columns read as one, and required columns missing (naming the sheet that has them, else the mapping
    entries that would fix it)."""
    columns = info["columns"]
    _refuse_headerless(path, columns, mp)
    used, ignored = _resolve_columns(columns, mp)
    _refuse_clashes(path, used, ignored, mp)
    missing = _missing(used, mp, survey_round)
    if missing:
        other = _sheet_with_columns(path, info, mp, survey_round)
        if other:
            raise ImportRefused(
                f"{path.name}: sheet '{info['sheet']}' does not have the required columns ({', '.join(missing)}), "
                f"sheet '{other}' has them: choose it with --sheet \"{other}\"", "other_sheet",
                file=path.name, sheet=info["sheet"], other=other)
        suggestions = _suggest(missing, ignored)
        raise ImportRefused(_missing_message(path, missing, suggestions, columns, info), "missing_columns",
                            file=path.name, missing=", ".join(missing),
                            found=", ".join(columns)[:500],
                            mapping=" ".join(e.replace("\n", " ") for e in suggestions.values()))
    return used


def _count_rows(con, path: Path, info: dict) -> int:
    """The rows read: those staged and the malformed CSV lines; a file with none is refused."""
    n_src = con.execute("SELECT count(*) FROM src").fetchall()[0][0]
    rows_read = n_src + len(info["bad_lines"])
    if rows_read == 0:
        raise ImportRefused(f"{path.name} has a header but no data rows", "header_only", file=path.name)
    return rows_read


def _conclude(con, report: ImportReport, store_path: Path, state: dict, key: bytes | None, user: str, *,
              dry_run: bool, replace_demo: bool, progress, started: float) -> None:
    """The report's status and message: refused when no row passed, a dry run's count, else the accepted rows
    applied (apply.py _apply); a store failing its checks after the write refuses the import (logged here)."""
    if report.accepted == 0:
        report.status = "refused"
        report.message = (f"no row of {report.file} passed validation ({report.rows_read} rows read, all rejected); "
                          "nothing was stored. See the rejection report")
    elif dry_run:
        report.message = (f"dry run: {report.accepted} rows would be applied for {report.kelurahan} desa/kelurahan of "
                          f"{', '.join(report.kode_kab)}; nothing was stored")
    else:
        progress(0.6, "writing the store")
        try:
            report.import_id = _apply(con, store_path, state, report, key, user, replace_demo,
                                      progress=lambda f, m: progress(0.7 + 0.28 * f, m))
        except AlreadyApplied as e:  # the same file, applied by another import while this one read it
            unchanged = _unchanged(Path(report.file), report.sha256, e.done, started)
            report.status, report.message, report.import_id = "unchanged", unchanged.message, None
            return
        except store.BuildError as e:
            report.status = "refused"
            report.message = str(e)
            report.seconds = time.perf_counter() - started
            _log_attempt(store_path, report, user)
            refused = ImportRefused(f"the store's data checks failed, nothing was changed: {e}", "store_checks",
                                    error=str(e)[:400])
            refused.logged = True
            raise refused from None
        report.message = (f"applied: round {report.survey_round}, {report.kelurahan} desa/kelurahan of "
                          f"{', '.join(report.kode_kab)} replaced with {report.accepted} rows "
                          f"({report.rejected} rejected)")


def _noop(fraction: float, message: str) -> None:
    pass


def _check_rejects_path(rejects: Path, source: Path, store_path: Path) -> Path:
    """The rejection report's path, refused when writing it would overwrite something else: the file being
    imported, the store (or its lock, log and temporary copies), a folder; it must end in .csv."""
    target = rejects.resolve()
    near_store = target.parent == store_path.resolve().parent and target.name.startswith(store_path.name)
    if target.is_dir() or target.suffix.lower() != ".csv" or target == source.resolve() or near_store:
        raise ImportRefused(
            f"--rejects {rejects}: the rejection report is written to a new .csv file, not over a folder, the file "
            "being imported or the store; give a path such as rejects.csv"
        )
    return target
