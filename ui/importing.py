"""The Impor data page: survey files and boundary files in, with a preview, a validation run, a
confirmation, a progress bar and the rejection report; and the history of imports."""

import datetime as dt
import hashlib
import os
import shutil
import time
from pathlib import Path

import pandas as pd
import streamlit as st

import geo
from data import api, config, importer, load, store
from data.accounts import Principal
from ui import filters, import_format, login
from ui.fmt import MISSING, number, typed_day
from ui.i18n import CATALOGUE, lang, t
from ui.safe import join, plain

SURVEY_TYPES = ["csv", "txt", "tsv", "xlsx", "parquet"]
MAPPING_TYPES = ["toml", "yaml", "yml"]
BOUNDARY_TYPES = ["geojson", "json", "gpkg", "zip", "parquet"]
UPLOAD_TTL_S = 3600  # an uploaded file is removed one hour after its last use (clean_uploads)
REPORT_KEY = "impor_report"  # session state: (what was run, ImportReport or ImportRefused) of the last survey run
BOUNDARY_KEY = "impor_boundary_report"  # session state: (what was run, report dict or refusal) of the last boundary file
DOWNLOAD_KEY = "impor_download_report"  # session state: (what was run, report dict or refusal) of the last download
LEVEL_VALUES = ("level", "suggested")  # refusal values naming a level code (prov, kab, kec, kel): said in words


def _uploads() -> Path:
    return config.store_path().parent / "uploads"


def _saved(upload) -> Path:
    """An uploaded file written once under the store's folder (uploads/), named by its content hash,
    so reruns reuse it and the importer reads a real file as on the command line. Each use renews its
    time to live (clean_uploads). A raw export holds NIK and names in clear: the folders are the owner's only
    (0700) and the file too (0600). A full disk raises store.DiskFull (nothing is left behind)."""
    data = upload.getvalue()
    folder = _uploads() / hashlib.sha256(data).hexdigest()[:16]
    path = folder / Path(upload.name).name  # the user's file name, as the import log records it
    tmp = path.with_suffix(path.suffix + f".tmp{os.getpid()}")
    try:
        with store.owner_only():
            folder.mkdir(parents=True, exist_ok=True)
        for made in (folder.parent, folder):  # also when made by an earlier version
            os.chmod(made, 0o700)
        os.utime(folder)  # used now, before looking for the file: another session's clean_uploads keeps it
        if not path.exists():
            with os.fdopen(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as f:
                f.write(data)
            os.replace(tmp, path)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        if store.no_space(e):
            raise store.DiskFull(len(data), store.free_bytes(folder)) from e
        raise
    return path


def _preview(path: Path, mapping: Path | None, sheet: str | None, survey_round) -> importer.Preview:
    """The preview of a saved upload, read once per file and options (data.api.import_preview), not at every rerun
    of the page; a refusal is kept too, and raised again."""
    preview, refusal = api.import_preview(str(path), str(mapping) if mapping else None, sheet, survey_round)
    if refusal is not None:
        message, code, values = refusal
        raise importer.ImportRefused(message, code, **values)
    return preview


def clean_uploads(now: float | None = None) -> list[str]:
    """Remove uploaded files not used for UPLOAD_TTL_S: a raw census export holds NIK, KK numbers and names in
    clear, so it does not stay on the server's disk. Runs at every view of the Impor page; returns what it removed."""
    folder = _uploads()
    if not folder.is_dir():
        return []
    now = time.time() if now is None else now
    removed = []
    for entry in folder.iterdir():
        try:  # another session (or server on this store) may be removing the same entry
            if now - entry.stat().st_mtime > UPLOAD_TTL_S:
                shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
                removed.append(entry.name)
        except FileNotFoundError:
            if entry.exists():  # a part vanished under this removal: what is left goes now
                shutil.rmtree(entry)
    return removed


def _said(thing, family: str) -> str:
    """`thing` (a refusal or a report's note) in the UI language when it names its code (impor.<family>.<code>),
    else its English text. Made at display time: a kept report or refusal follows a language switch."""
    code = getattr(thing, "code", None)
    key = f"impor.{family}.{code}"
    if not code or key not in CATALOGUE:
        return plain(thing, 400)  # the English message quotes the file: shown as text
    values = {name: t(f"level.{value}") if name in LEVEL_VALUES and f"level.{value}" in CATALOGUE
              else plain(value, 400) if name == "error" else value  # English details for the administrator
              for name, value in thing.values.items()}
    return t(key, **values)


def refusal_text(error: Exception) -> str:
    """A refusal of the importer or the boundary reader (ImportRefused, GeoInputError) in the UI language; a failed
    build or data check of the store (store.BuildError: a boundary import into a store that fails them) with its
    English details; a full disk (store.DiskFull) as such, without server paths."""
    if isinstance(error, store.DiskFull):
        return t("store.disk_full", **error.values)
    if isinstance(error, store.BuildError):
        return t("impor.err.store_checks", error=plain(error, 400))
    return _said(error, "err")


def note_text(note: str) -> str:
    """A remark of a boundary report (geo.Note) or of a survey import report (importer.ImportNote) in the UI
    language."""
    return _said(note, "note")


def _refused(error: Exception) -> None:
    st.error(t("impor.refused", error=refusal_text(error)))


def _metrics(report: importer.ImportReport) -> None:
    c1, c2, c3 = st.columns(3)
    c1.metric(t("impor.rows_read"), number(report.rows_read))
    c2.metric(t("impor.accepted"), number(report.accepted))
    c3.metric(t("impor.rejected"), number(report.rejected))


def _rejects(report: importer.ImportReport) -> None:
    if report.rejects.empty:
        return
    st.subheader(t("impor.rejects_title"))
    rejects = report.rejects
    shown = pd.DataFrame({  # the reason in the page's language; the CSV has both
        t("impor.rej_row"): rejects["row"],
        t("impor.rej_column"): rejects["column"],
        t("impor.rej_value"): rejects["value"].fillna(""),  # masked by the importer; an empty cell, not "None"
        t("impor.rej_reason"): rejects["alasan" if lang() == "id" else "reason"],
    })
    st.dataframe(shown, hide_index=True, width="stretch", placeholder=MISSING,
                 column_config={t("impor.rej_reason"): st.column_config.TextColumn(width="large")})
    make = login.audited_export("impor", "rejects_csv", {"file": report.file, "rows": len(rejects)},
                                lambda: importer.rejects_csv(rejects))  # made on click
    st.download_button(t("impor.rejects_download"), make,
                       file_name=f"{Path(report.file).stem}_ditolak.csv", mime="text/csv", on_click="ignore")


def _upload_limit_mb() -> int:
    """Streamlit's upload limit (server.maxUploadSize, MB; 200 unless configured): the uploader refuses a larger
    file in its own English words, so the page says the limit beforehand (_help)."""
    return int(st.get_option("server.maxUploadSize"))


def _help(kind: str) -> None:
    """What a section (`kind`: survey, boundary) takes and, for a file over the upload limit, whom to ask: an operator
    or admin at a browser has no command line (the page said `python -m data import BERKAS` as if they typed it).
    The command, for the server's operator, in a collapsed technical detail."""
    st.caption(t(f"impor.{kind}_help", mb=_upload_limit_mb()))
    with st.expander(t("impor.large.title"), icon=":material/terminal:"):
        st.caption(t(f"impor.large.{kind}"))


def survey_section(is_demo: bool, who: Principal) -> None:
    """The survey import, by the logged-in account `who` (its name in the import log)."""
    clean_uploads()
    st.header(t("impor.survey_title"))
    _help("survey")
    import_format.format_section()  # the columns and codes in words, with example files: not a developer's file
    # a new key after an applied import empties the uploader, so the file is not saved again (see _run)
    upload = st.file_uploader(t("impor.survey_file"), type=SURVEY_TYPES,
                              key=f"impor_file_{st.session_state.get('impor_applied', 0)}")
    mapping_upload = st.file_uploader(t("impor.mapping_file"), type=MAPPING_TYPES, key="impor_mapping")
    if upload is None:  # e.g. just after an applied import, which empties the uploader: its report stays
        if (report := _last_report(None)) is not None:
            _show_report(report)
        return
    try:
        path = _saved(upload)
        mapping = _saved(mapping_upload) if mapping_upload is not None else None
    except store.DiskFull as e:
        st.error(t("impor.disk_full_upload", **e.values))
        return
    held = st.session_state.get(REPORT_KEY)
    if held is not None and held[0][0] != str(path):  # the report of another file: not to come back later
        del st.session_state[REPORT_KEY]
    c1, c2, c3 = st.columns(3)
    # keyed: a field keeps what was typed when its label changes with the language
    survey_round = c1.number_input(t("impor.round"), min_value=2000, max_value=dt.date.today().year, value=None, step=1,
                                   help=t("impor.round_help"), key="impor_round")
    own_kab = who.scope if len(who.scope) == 5 else ""  # an operator of one kab/kota imports for it
    kab = c2.text_input(t("impor.kab"), value=own_kab, placeholder="73.73", help=t("impor.kab_help"),
                        key="impor_kab").strip() or None
    # a text field, not st.date_input: empty, that shows Streamlit's English "dd / mm / yyyy" (it takes no placeholder)
    typed = c3.text_input(t("impor.reference_date"), placeholder=t("impor.date_placeholder"),
                          help=t("impor.reference_date_help"), key="impor_reference_date").strip()
    reference_date = typed_day(typed)
    if typed and reference_date is None:
        st.error(t("impor.bad_date", value=typed, example=t("impor.date_placeholder")))
        return
    try:
        preview = _preview(path, mapping, None, survey_round)
        sheet = None
        if preview.sheets and len(preview.sheets) > 1:
            sheet = st.columns(3)[0].selectbox(t("impor.sheet"), preview.sheets, key="impor_sheet",
                                               placeholder=t("filter.choose"))
            preview = _preview(path, mapping, sheet, survey_round)
    except importer.ImportRefused as e:
        _refused(e)
        return

    st.subheader(t("impor.preview_title"))
    st.caption(t("impor.detected", format=preview.format, encoding=preview.encoding or "–",
                 delimiter=repr(preview.delimiter) if preview.delimiter else "–", n=len(preview.columns),
                 header=preview.header_row or "–"))
    mapping_table = pd.DataFrame({
        t("impor.col_source"): list(preview.mapping), t("impor.col_canonical"): list(preview.mapping.values()),
    })
    c1, c2 = st.columns([1, 2])
    c1.dataframe(mapping_table, hide_index=True, width="stretch", placeholder=MISSING)
    c2.dataframe(preview.rows.fillna("").rename(columns={"row": t("impor.rej_row")}), hide_index=True, width="stretch", placeholder=MISSING)
    if preview.ignored:
        st.caption(t("impor.ignored", columns=join(preview.ignored)))
    if preview.unmatched_mapping:  # a mapping for another export, or headers spelled otherwise
        st.warning(t("impor.unmatched_mapping", columns=join(preview.unmatched_mapping)))
    if preview.missing_required:
        if preview.other_sheet:
            st.error(t("impor.err.other_sheet", file=preview.file, sheet=preview.sheet, other=preview.other_sheet))
            return
        missing = [t(f"impor.missing.{m.split(' ')[0]}") if m.endswith(")") or " or " in m else m
                   for m in preview.missing_required]
        entries = [line for entry in preview.suggestions.values() for line in entry.splitlines()
                   if line != "[columns]" and line != '"Your column name" = "survey_round"']  # the round field does
        fixes = "\n".join(["[columns]", *(e.replace("Your column name", t("impor.your_column")) for e in entries)])
        st.error(t("impor.missing", columns=join(missing)))
        st.code(fixes, language="toml")
        return

    replace_demo = False
    if is_demo:
        st.warning(t("impor.demo_store"))
        replace_demo = st.checkbox(t("impor.replace_demo"), key="impor_replace_demo")

    check, apply = st.columns(2)
    checked = check.button(t("impor.dry_run"), key="impor_check")
    applied = apply.button(t("impor.apply"), type="primary", key="impor_apply", disabled=is_demo and not replace_demo)
    options = {"survey_round": survey_round, "sheet": sheet, "kab": kab, "reference_date": reference_date}
    if checked or applied:
        _run(path, mapping, options, who, dry_run=checked, replace_demo=replace_demo)
    elif (report := _last_report(_run_key(path, mapping, options))) is not None:
        _show_report(report)


# the stages an import reports (data/importer/run.py, data/store.py), by their catalogue key
STAGES = {
    "checking the file": "impor.stage.file", "reading": "impor.stage.reading", "validating": "impor.stage.validating",
    "shaping the records": "impor.stage.shaping", "collecting": "impor.stage.collecting",
    "writing the store": "impor.stage.writing", "building the aggregates": "impor.stage.building",
    "checking the store": "impor.stage.checks",
}


def _progress_to(bar):
    """A progress(fraction, message) callback that moves `bar` and names the stage in the page's language."""
    def progress(fraction: float, message: str) -> None:
        key = STAGES.get(message)
        text = t("impor.running_stage", stage=t(key)) if key else t("impor.running")
        bar.progress(min(max(fraction, 0.0), 1.0), text=text)
    return progress


def _run(path, mapping, options: dict, who: Principal, *, dry_run: bool, replace_demo: bool) -> None:
    """Run the import of the uploaded file with the page's options (survey_round, sheet, kab, reference_date), once
    the account is checked again: an operator within its scope (replacing the demo store: of all of Indonesia)."""
    params = {"file": path.name, "dry_run": dry_run, "replace_demo": replace_demo,
              **{k: None if v is None else str(v) for k, v in options.items()}}
    who = login.authorize("import", "impor", wilayah=login.ANY_WILAYAH if replace_demo else options["kab"] or "",
                          params=params)
    if who is None:
        return
    bar = st.progress(0.0, text=t("impor.running"))
    try:
        report = importer.run_import(
            path, mapping=mapping, dry_run=dry_run, user=who.name, replace_demo=replace_demo,
            progress=_progress_to(bar), **options,
        )
    except importer.ImportRefused as e:
        # the importer refuses a write that found the disk full as failed checks, raised while handling it: said,
        # and audited, as a full disk (as the command line does), not as failed checks
        said = e.__context__ if isinstance(e.__context__, store.DiskFull) else e
        login.record("import", "refused", who, "impor", params, reason=said.code or "")
        bar.empty()
        _keep(REPORT_KEY, _run_key(path, mapping, options), said)  # kept, as a report (a language switch)
        _show_report(said)
        return
    bar.empty()
    login.record("import", "refused" if report.status == "refused" else "ok", who, "impor",
                 {**params, "status": report.status, "sha256": report.sha256, "kode_kab": ",".join(report.kode_kab),
                  "accepted": report.accepted, "rejected": report.rejected},
                 reason="no_row_accepted" if report.status == "refused" else "")
    # The report outlives this run: it stays on the page (with its rejection table and download) until
    # another file, mapping or option is chosen.
    _keep(REPORT_KEY, _run_key(path, mapping, options), report)
    if report.status == "applied" or report.status == "unchanged" and not dry_run:  # stored: the raw file goes
        shutil.rmtree(path.parent, ignore_errors=True)
        st.session_state["impor_applied"] = st.session_state.get("impor_applied", 0) + 1
        # Run the page again from the top: the sidebar (rounds, kab/kota) and the uploader were drawn before the
        # import, from the store as it was.
        st.rerun()
    _show_report(report)


def _run_key(path, mapping, options: dict) -> tuple:
    """What an import run was set up with: its report belongs to this uploaded file, mapping and options."""
    return str(path), str(mapping), tuple(sorted((k, str(v)) for k, v in options.items()))


def _keep(key: str, run: tuple, result) -> None:
    """Keep the result (report or refusal) of `run` in session state under `key`, for the reruns that follow (a
    language switch, any widget): _last_report gives it back while the page is set up for the same run. A refusal
    is kept without its traceback, which would hold the frames of the import (a whole file's rows) alive."""
    if isinstance(result, BaseException):
        result.__traceback__ = result.__cause__ = result.__context__ = None
    st.session_state[key] = (run, result)


def _last_report(run: tuple | None, key: str = REPORT_KEY):
    """The report (or refusal) kept under `key` (REPORT_KEY: the last survey import run in this session); None once
    the page is set up for another `run` (file, mapping, options) than the one reported. With run None (the
    uploader emptied by an applied import), the report stays."""
    held = st.session_state.get(key)
    if held is None:
        return None
    if run is not None and held[0] != run:
        del st.session_state[key]
        return None
    return held[1]


def _show_report(report: importer.ImportReport | importer.ImportRefused | store.DiskFull) -> None:
    if isinstance(report, Exception):
        _refused(report)
        return
    status = {
        "applied": st.success, "dry_run": st.info, "unchanged": st.info, "refused": st.error,
    }[report.status]
    status(t(f"impor.status.{report.status}", file=report.file, round=report.survey_round, n_kel=number(report.kelurahan),
             kabs=join(report.kode_kab), accepted=number(report.accepted), rejected=number(report.rejected),
             rows_read=number(report.rows_read)))
    _metrics(report)
    if report.key_created:  # no key was configured: the first import made one, outside the store
        st.warning(t("impor.key_created", path=report.key_created))
    for note in report.notes:  # remarks that reject nothing (handling steps counted without their date, ...)
        st.info(note_text(note))
    _rejects(report)


def boundary_section(who: Principal) -> None:
    """Boundary files and the public download, by the logged-in account `who`: a file may cover any wilayah (an
    account of all of Indonesia), a download is of one code (within the scope)."""
    st.header(t("impor.boundary_title"))
    _help("boundary")
    upload = st.file_uploader(t("impor.boundary_file"), type=BOUNDARY_TYPES, key="impor_boundary")
    c1, c2, c3 = st.columns(3)
    level = filters.select(c1, "impor_level", t("impor.level"), [None, "prov", "kab", "kec", "kel"],
                           lambda lv: t("impor.level_auto") if lv is None else t(f"level.{lv}"))
    code_column = c2.text_input(t("impor.code_column"), key="impor_code_column").strip() or None
    name_column = c3.text_input(t("impor.name_column"), key="impor_name_column").strip() or None
    layer = None
    try:
        path = _saved(upload) if upload is not None else None
    except store.DiskFull as e:
        st.error(t("impor.disk_full_upload", **e.values))
        path = None
    if path is not None and len(layers := geo.spatial_layers(path)) > 1:  # a GeoPackage of several
        layer = st.selectbox(t("impor.layer"), layers, key="impor_layer", placeholder=t("filter.choose"))
    # the result stays on the page (a language switch, any widget) until another file or option is chosen
    run = ("file", str(path), level, code_column, name_column, layer)
    if path is not None and st.button(t("impor.boundary_apply"), key="impor_boundary_apply"):
        params = {"file": path.name, "level": level, "code_column": code_column, "name_column": name_column, "layer": layer}
        if (checked := login.authorize("import", "impor", wilayah=login.ANY_WILAYAH, params=params)) is not None:
            try:
                with st.spinner(t("impor.running")):
                    result = load.import_boundary_file(path, level=level, code_column=code_column,
                                                       name_column=name_column, layer=layer, user=checked.name)
            except (geo.GeoInputError, store.BuildError) as e:
                result = e
            _record_boundary(checked, params, result)
            _keep(BOUNDARY_KEY, run, result)
    _show_boundary_result(_last_report(run, BOUNDARY_KEY))  # a refusal: the download below stays on the page

    st.subheader(t("impor.download_title"))
    c1, _ = st.columns([1, 2])
    kode = c1.text_input(t("impor.download_kode"), placeholder="73.73", key="impor_download_kode")
    source_url = config.boundary_source_url()  # the operator's setting; never an address typed on the page
    st.caption(t("impor.download_help") + " " + (t("impor.download_mirror", url=source_url) if source_url else ""))
    run = ("download", kode.strip(), source_url)
    if st.button(t("impor.download_apply"), key="impor_download_apply"):
        if not kode.strip():
            st.warning(t("impor.download_need_kode"))
            return
        params = {"kode": kode.strip(), "source_url": source_url}
        if (checked := login.authorize("import", "impor", wilayah=kode.strip(), params=params)) is None:
            return
        bar = st.progress(0.0, text=t("impor.running"))
        try:
            result = load.download_boundary_source(
                kode.strip(), source_url=source_url,
                progress=_progress_to(bar), user=checked.name,
            )
        except (geo.GeoInputError, store.BuildError) as e:
            result = e
        bar.empty()
        _record_boundary(checked, params, result)
        _keep(DOWNLOAD_KEY, run, result)
    _show_boundary_result(_last_report(run, DOWNLOAD_KEY))


def _record_boundary(who: Principal, params: dict, result) -> None:
    if isinstance(result, Exception):
        login.record("boundary_import", "refused", who, "impor", params, reason=getattr(result, "code", None) or "checks")
    else:
        login.record("boundary_import", "ok", who, "impor", {**params, "import_id": result["import_id"],
                                                              "matched": result["matched"]})


def _show_boundary_result(result) -> None:
    """A kept boundary import or download: its refusal (in the page's language) or its report; nothing for None."""
    if isinstance(result, Exception):
        _refused(result)
    elif result is not None:
        _boundary_report(result)


def _boundary_report(report: dict) -> None:
    missing = sum(report["known_without_polygon"].values()) if isinstance(report["known_without_polygon"], dict) else 0
    st.success(t("impor.boundary_done", matched=number(report["matched"]), units=number(report["units_in_files"]),
                 unmatched=number(len(report["unmatched_in_file"])), missing=number(missing),
                 repaired=number(report["repaired"])))
    st.caption(t("impor.boundary_size", read=number(report["vertices_read"]), stored=number(report["vertices_stored"]),
                 kb=number(report["stored_bytes"] / 1000, 0)))
    for file, cols in report.get("columns", {}).items():
        layer = (report.get("layers") or {}).get(file)
        st.caption(t("impor.boundary_columns", file=file if layer is None else f"{file} ({layer})", code=cols["code"],
                     name=cols["name"] or "–"))
    left_out = {key: report.get(key, 0) for key in ("bad_codes", "dropped_empty", "duplicates_merged", "other_levels_dropped")}
    if any(left_out.values()):
        examples = [e for key in ("bad_code_examples", "dropped_empty_examples", "duplicates_merged_examples")
                    for e in report.get(key, [])]
        st.caption(t("impor.boundary_left_out", bad=number(left_out["bad_codes"]), empty=number(left_out["dropped_empty"]),
                     merged=number(left_out["duplicates_merged"]), other=number(left_out["other_levels_dropped"]),
                     examples=join(examples, most=10) or "–"))
    for note in report.get("notes", []):
        st.warning(note_text(note))
    if report["unmatched_in_file"]:
        st.caption(t("impor.unmatched", codes=join(report["unmatched_in_file"], most=30)))
    without = [k for codes in (report.get("known_without_polygon_examples") or {}).values() for k in codes]
    if without:
        st.caption(t("impor.without_polygon", codes=join(without, most=20)))


def history_section() -> None:
    """The survey files and the boundary imports applied to the store, newest first."""
    st.header(t("impor.history_title"))
    log, boundaries = importer.list_imports(), load.list_boundary_imports()
    if log.empty and boundaries.empty:
        st.info(t("impor.history_empty"))
        return
    _log_table(log, t("impor.survey_title"), "impor.history", words=("status",))  # only applied ones are kept
    _log_table(boundaries, t("impor.boundary_title"), "impor.bhistory", words=("kind",))


def _log_table(log: pd.DataFrame, title: str, prefix: str, words: tuple) -> None:
    """One import log under its heading: columns named by `prefix`.<column>, the values of the `words` columns
    said in the page's language (`prefix`.<column>.<value>), the hash shortened (enough to tell files apart; the
    full hash is in the store). Nothing for an empty log."""
    if log.empty:
        return
    st.subheader(title)
    # the time first and short (it was the eleventh column, cut off at the right of a 1366 px page), the log's own
    # number left out (the time orders the rows)
    columns = ["imported_at", *(c for c in log.columns if c not in ("imported_at", "import_id"))]
    log = log[columns].assign(imported_at=pd.to_datetime(log["imported_at"]).dt.strftime("%d/%m/%Y %H:%M"),
                              sha256=log["sha256"].str[:12] + "…",
                              **{c: log[c].map(lambda v, c=c: t(f"{prefix}.{c}.{v}")) for c in words})
    # every column a width: sized to their contents, the file name, hash, status and user pushed the survey log's last
    # two columns past the right edge of a 1366 px page (by 92 px); a long name is cut in its cell, whole on hover. A
    # count's header is short where the full one needs more room (70 px hold about 9 characters), the full one its help
    config = {t(f"{prefix}.imported_at"): st.column_config.TextColumn(t(f"{prefix}.imported_at"), width=125)}
    for c in columns:
        if pd.api.types.is_numeric_dtype(log[c]):
            short = _short(prefix, c)
            config[t(f"{prefix}.{c}")] = st.column_config.Column(short, width=max(70, 7 * len(short) + 4),
                                                                 help=t(f"{prefix}.{c}"))
        elif c in HISTORY_WIDTHS:
            config[t(f"{prefix}.{c}")] = st.column_config.TextColumn(t(f"{prefix}.{c}"), width=HISTORY_WIDTHS[c])
    if prefix == "impor.history":  # the log keeps applied imports only: its status read "diterapkan" in every row
        config[t(f"{prefix}.status")] = None
    st.dataframe(log.rename(columns=lambda c: t(f"{prefix}.{c}")), hide_index=True, width="stretch", placeholder=MISSING,
                 column_config=config)


# the import logs' text columns and their widths in px (a wider page stretches every column)
HISTORY_WIDTHS = {"file_name": 160, "source": 120, "sha256": 100, "kode_kab": 70, "kind": 90, "user": 80}


def _short(prefix: str, column: str) -> str:
    """The header of a narrow count column: its short form where the catalogue has one (the full one is its help)."""
    key = f"{prefix}.short.{column}"
    return t(key) if key in CATALOGUE else t(f"{prefix}.{column}")
