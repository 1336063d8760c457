"""Command line: `python -m data demo|query|boundaries|import|report|user ...` (see README). It needs no login: it is the
machine operator's tool; what it changes and exports is written to the audit trail under ATS_USER or the OS user."""

import argparse
import datetime as dt
import decimal
import json
import logging
import sys
from pathlib import Path

import pandas as pd

from data import config, protection, queries, store
from data.spreadsheet import neutralise


_shown = {"message": None, "open": False}  # the last stage written to a log; whether a terminal's bar line is open


def _progress(fraction: float, message: str) -> None:
    """A bar redrawn in place on a terminal; in a log (stderr not a terminal: cron, CI, a redirect) one line per
    stage instead, as a log keeps every \r-redrawn bar on one line."""
    if not sys.stderr.isatty():
        if message != _shown["message"]:
            _shown["message"] = message
            print(f"{fraction:4.0%} {message}", file=sys.stderr, flush=True)
        return
    width = 30
    done = int(width * fraction)
    print(f"\r[{'#' * done}{'.' * (width - done)}] {fraction:4.0%} {message:<40}", end="", file=sys.stderr, flush=True)
    _shown["open"] = fraction < 1
    if not _shown["open"]:
        print(file=sys.stderr)


def _end_progress() -> None:
    """End a terminal's bar line, if one is open, before a message."""
    if _shown["open"]:
        _shown["open"] = False
        print(file=sys.stderr)


class _StaleCopiesReport(logging.Handler):
    """Says the temporary copies of killed writes that a write removed (data.store logs them): a note on stderr, and
    for a command that writes a JSON line on stdout (`"status": "cleaned"`) before its own; `query` keeps its
    stdout for the result."""

    def __init__(self, json_line: bool):
        super().__init__(logging.WARNING)
        self.json_line = json_line

    def emit(self, record: logging.LogRecord) -> None:
        removed = getattr(record, "stale_copies", None)
        if removed is None:
            return
        _end_progress()
        print(f"note: {record.getMessage()}", file=sys.stderr)
        if self.json_line:
            print(json.dumps({"status": "cleaned", "stale_copies": [r["file"] for r in removed],
                              "bytes": sum(r["bytes"] for r in removed)}), flush=True)


def cmd_demo(args) -> int:
    from data import demo, load

    regions = [r.strip() for r in args.regions.split(",") if r.strip()] if args.regions else list(demo.DEFAULT_REGIONS)
    summary = load.build_demo_store(regions, args.seed, progress=_progress, replace_real_data=args.replace_real_data)
    print(json.dumps(summary, ensure_ascii=False, default=str))
    return 0


def cmd_query(args) -> int:
    values = {}
    for item in args.param or []:
        key, sep, value = item.partition("=")
        if not sep:
            raise queries.QueryError(f"--param takes KEY=VALUE, got '{queries.shown(item)}'")
        values[key.strip()] = value
    q = queries.read_query(args.name)
    scope = _query_scope(args.scope)
    _upgrade_if_stale()
    con = store.connect_read()
    try:
        table = queries.run(con, q, values, role=args.role, scope=scope)
    except queries.ScopeRefused as e:  # a crafted --param outside the scope asked for: refused, and audited
        _audit("denied", "denied", f"query {args.name}", {"params": values, "role": args.role,
                                                          "scope": scope or "*"}, reason=e.code)
        raise
    finally:
        con.close()
    df = table.to_pandas()
    _audit("export", "ok", f"query {args.name}", {"params": values, "rows": len(df), "format": args.format,
                                                  "role": args.role, "scope": scope or "*"})
    if args.format == "json":
        print(json.dumps(table.to_pylist(), ensure_ascii=False, separators=(",", ":"), default=_json_value))
    else:  # Arrow types, so an integer column with nulls stays integers; text cells neutralised for spreadsheets
        neutralise(table.to_pandas(types_mapper=pd.ArrowDtype)).to_csv(sys.stdout, index=False)
    return 0


def _query_scope(text: str) -> str:
    """--scope as data.queries takes it: '*' (all of Indonesia) or a province, kab/kota or kecamatan code that the
    store or the reference knows (data.accounts.check_scope: the same codes an account may be given)."""
    from data import accounts

    return accounts.check_scope(text, "viewer")


def _upgrade_if_stale() -> None:
    path = config.store_path()
    if path.exists() and not store.is_current(path):  # as the app does: a store of an older build is rebuilt first
        print("note: the store was built by another version of the code; rebuilding its derived tables "
              "(records kept)", file=sys.stderr)
        store.upgrade(path)


def cmd_report(args) -> int:
    """Meeting packs (pack/): one for the wilayah, and for a province one per kab/kota surveyed in the round too.
    Each file is written whole or not at all (pack.files.save); one JSON line per file on stdout, progress on
    stderr. The read path is data.api's, as in the app (its caches work without a Streamlit server; their warnings
    about that are silenced)."""
    import pack

    pack.without_server()
    from pack import content, files

    formats = [f.strip() for f in args.format.split(",") if f.strip()]
    unknown = [f for f in formats if f not in files.FORMATS]
    if unknown or not formats:
        raise content.PackError("format", f"--format takes {' and/or '.join(files.FORMATS)} (comma-separated), got "
                                f"'{queries.shown(args.format)}'")
    folder = files.check_folder(args.out)
    path = config.store_path()
    if not path.exists():
        raise store.StoreMissing(f"no store at {path}: build one with `python -m data demo` or import data")
    _upgrade_if_stale()
    from data.accounts import Principal

    who = Principal("cli", args.role, _query_scope(args.scope))  # the machine operator's tool: any role and scope
    row, survey_round, _ = content.check(args.wilayah, args.round, who)
    targets = [row["kode"]]
    if len(row["kode"]) == 2:  # a province: its kab/kota surveyed in that round, then the province itself
        from data import api

        kabs = api.wilayah_by_induk(who, row["kode"])
        for kode, nama, has_data in zip(kabs["kode"], kabs["nama"], kabs["has_data"]):
            if survey_round in set(api.survey_rounds(who, kode_induk=kode).df["survey_round"]):
                targets.insert(-1, kode)
            elif has_data:
                print(json.dumps({"status": "skipped", "kode": kode, "nama": nama, "round": survey_round,
                                  "reason": "round not surveyed there"}, ensure_ascii=False), flush=True)
    steps = len(targets) * (len(formats) + 1)
    for i, kode in enumerate(targets):
        done = i * (len(formats) + 1)
        say = lambda f, m, d=done, k=kode: _progress(min((d + f) / steps, 0.99), f"{k} {m}")  # noqa: E731
        pack = content.build(kode, survey_round, who=who, lang=args.lang, progress=say)
        for j, fmt in enumerate(formats):
            say(1 + j, fmt)
            line = files.save(pack, fmt, folder)
            _audit("export", "ok", "report", {k: line[k] for k in ("kode", "round", "lang", "role", "format")}
                   | {"file": Path(line["file"]).name})
            print(json.dumps(line, ensure_ascii=False), flush=True)
    _progress(1.0, "done")
    return 0


def _json_value(value):
    """A value json cannot write itself: a DATE as 2024-07-15, a TIMESTAMP in ISO form, a DECIMAL as a number."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def cmd_boundaries(args) -> int:
    from data import load
    import geo

    if (args.file is None) == (args.download is None):
        raise geo.GeoInputError(
            "give either a boundary FILE (or folder) or --download KODE, e.g. "
            "`python -m data boundaries palopo.gpkg` or `python -m data boundaries --download 73.73`"
        )
    _require_store()
    if args.download is None:
        if args.source_url:
            raise geo.GeoInputError("--source-url goes with --download KODE")
        path = Path(args.file)
        report = load.import_boundary_file(
            path, level=args.level, code_column=args.code_column, name_column=args.name_column, layer=args.layer
        )
        for note in report["notes"]:
            print(f"note: {note}", file=sys.stderr)
        keys = ("import_id", "rows_read", "layers", "columns", "units_in_files", "matched", "matched_by_level",
                "bad_codes", "bad_code_examples", "dropped_empty", "dropped_empty_examples", "duplicates_merged",
                "duplicates_merged_examples", "other_levels_dropped", "known_without_polygon",
                "known_without_polygon_examples", "repaired", "vertices_read", "vertices_stored", "stored_bytes",
                "outside_parent", "outside_parent_examples", "notes")
        summary = {k: report[k] for k in keys}
        summary["known_without_polygon_examples"] = {lvl: k[:5] for lvl, k in report["known_without_polygon_examples"].items()}
        summary["unmatched_in_file"] = report["unmatched_in_file"][:20]
        _audit("boundary_import", "ok", "boundaries", {"file": path.name, "import_id": report["import_id"],
                                                        "matched": report["matched"]})
        print(json.dumps({"file": str(path), "status": "applied", **summary}, ensure_ascii=False))
        return 0

    file_options = [f"--{o.replace('_', '-')}" for o in ("level", "code_column", "name_column", "layer") if getattr(args, o)]
    if file_options:
        raise geo.GeoInputError(f"{', '.join(file_options)}: only for a FILE import, not for --download")
    report = load.download_boundary_source(args.download, source_url=args.source_url,
                                           progress=lambda fraction, message: _progress(min(fraction, 0.99), message))
    _progress(1.0, "done")
    for note in report["notes"]:
        print(f"note: {note}", file=sys.stderr)
    keys = ("import_id", "kode", "commit", "rows_read", "rows_unreadable", "units_in_files", "matched", "matched_by_level",
            "known_without_polygon", "repaired", "vertices_read", "vertices_stored", "stored_bytes", "missing_files",
            "outside_parent", "outside_parent_examples", "notes")
    summary = {k: report[k] for k in keys}
    summary["unmatched_in_file"] = report["unmatched_in_file"][:20]
    summary["files"] = [{k: f[k] for k in ("path", "bytes", "sha256", "checksum", "rows", "rows_unreadable", "units")}
                        for f in report["files"]]
    _audit("boundary_import", "ok", "boundaries --download", {"kode": args.download, "import_id": report["import_id"],
                                                               "matched": report["matched"]})
    print(json.dumps({"source": report["source"], "status": "applied", **summary}, ensure_ascii=False))
    return 0


def _require_store() -> None:
    """Boundaries go into an existing store: refuse before the write, which would leave a folder and a lock."""
    path = config.store_path()
    if not path.exists():
        raise store.StoreMissing(
            f"no store at {path} yet: boundaries are imported into an existing store. Build one with "
            "`python -m data demo` (the app builds it on its first start too), or point ATS_STORE at a store file"
        )


def cmd_import(args) -> int:
    from data import importer

    try:
        report = importer.run_import(
            args.file, survey_round=args.round, mapping=args.mapping, sheet=args.sheet, dry_run=args.dry_run,
            kab=args.kab, reference_date=args.reference_date, replace_demo=args.replace_demo,
            rejects_path=args.rejects or _default_rejects(args.file), progress=_progress,
        )
    except importer.ImportRefused as e:
        _end_progress()
        # a full disk reaches the importer as a failed write (store.DiskFull, a BuildError): said as itself
        said = e.__context__ if isinstance(e.__context__, store.DiskFull) else e
        _audit("import", "refused", "import", {"file": Path(args.file).name, "dry_run": args.dry_run},
               reason=getattr(said, "code", None) or "")
        print(f"error: {said}", file=sys.stderr)
        print(json.dumps({"file": Path(args.file).name, "round": args.round, "rows_read": 0, "accepted": 0,
                          "rejected": 0, "status": "refused", "code": getattr(said, "code", None), "error": str(said)},
                         ensure_ascii=False))
        return 2
    summary = report.summary()
    _audit("import", "refused" if report.status == "refused" else "ok", "import",
           {k: summary.get(k) for k in ("file", "status", "round", "sha256", "kode_kab", "accepted", "rejected")},
           reason="no_row_accepted" if report.status == "refused" else "")
    if report.key_created:
        print(f"warning: {importer.key_warning(report.key_created)}", file=sys.stderr)
    if report.status == "refused":
        print(f"error: {report.message}", file=sys.stderr)
    elif report.rejected and report.rejects_path:
        print(f"{report.rejected} rows rejected: see {report.rejects_path}", file=sys.stderr)
    elif report.rejected:  # unchanged: the rejection report was written when the file was applied
        print(f"{report.rejected} rows were rejected when this file was applied (rejection report of that import)",
              file=sys.stderr)
    for note in report.notes:
        print(f"note: {note}", file=sys.stderr)
    print(json.dumps(summary, ensure_ascii=False, default=str))
    return 2 if report.status == "refused" else 0


def _default_rejects(file: str) -> Path:
    """Rejection report beside the store: var/imports/<file stem>.rejects.csv by default."""
    from data import config

    return config.store_path().parent / "imports" / f"{Path(file).stem}.rejects.csv"


def _audit(action: str, outcome: str, view: str, params: dict, reason: str = "") -> None:
    from data import accounts

    actor = accounts.cli_actor()
    accounts.audit(action, outcome, actor=actor, reason=reason, view=view, params=params, client=f"cli:{actor}",
                   channel="cli")


def _password(args, name: str) -> str:
    """The password of --password-file (its first line), else asked twice on the terminal (not echoed)."""
    import getpass

    from data import accounts

    if args.password_file:
        try:
            lines = Path(args.password_file).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as e:
            raise accounts.AccountError("password_file", f"--password-file {args.password_file} cannot be read "
                                        f"({getattr(e, 'strerror', None) or e})") from None
        return lines[0] if lines else ""
    if not sys.stdin.isatty():
        raise accounts.AccountError("no_terminal", "no terminal to ask the password on: give --password-file FILE "
                                    "(its first line is the password)")
    first = getpass.getpass(f"password for {name} (at least {accounts.MIN_PASSWORD_LENGTH} characters): ")
    accounts.check_password(name, first)
    if getpass.getpass("the same password again: ") != first:
        raise accounts.AccountError("mismatch", "the two passwords differ; nothing was changed")
    return first


def _account_line(row: dict, status: str) -> str:
    shown = {k: row[k] for k in ("name", "role", "scope", "disabled")}
    shown["scope"] = shown["scope"] or "*"
    shown["disabled"] = bool(shown["disabled"])
    return json.dumps({"status": status, **shown}, ensure_ascii=False)


def cmd_user(args) -> int:
    from data import accounts

    if args.action == "list":
        rows = accounts.list_accounts()
        if args.format == "json":
            print(json.dumps([{**r, "scope": r["scope"] or "*", "disabled": bool(r["disabled"]),
                               "sso_only": bool(r["sso_only"]), "created_at": accounts.when(r["created_at"]),
                               "changed_at": accounts.when(r["changed_at"])} for r in rows], ensure_ascii=False))
            return 0
        if not rows:
            print(f"no accounts in {accounts.path()}: create the first admin with "
                  "`python -m data user add admin --role admin`", file=sys.stderr)
            return 0
        print(f"{'name':<32} {'role':<9} {'scope':<9} {'state':<9} changed")
        for r in rows:
            state = "disabled" if r["disabled"] else "sso-only" if r["sso_only"] else "active"
            print(f"{r['name']:<32} {r['role']:<9} {r['scope'] or '*':<9} {state:<9} {accounts.when(r['changed_at'])}")
        return 0
    name = accounts.normalise_name(args.name)
    if args.action == "add":
        if args.sso_only and args.password_file:
            raise accounts.AccountError("sso_password", "--sso-only accounts have no password: leave --password-file out")
        accounts.check_role(args.role)
        accounts.check_scope(args.scope, args.role)  # before asking for a password
        password = None if args.sso_only else _password(args, name)
        row = accounts.add(name, args.role, args.scope, password, sso_only=args.sso_only)
        print(_account_line(row, "added"))
        _public_view_note(row)
    elif args.action in ("disable", "enable"):
        row = accounts.set_disabled(name, args.action == "disable")
        print(_account_line(row, args.action + "d"))
    elif args.action == "passwd":
        if not any(r["name"] == name for r in accounts.list_accounts()):
            raise accounts.AccountError("unknown_account", f"no account named '{name}' (see `python -m data user list`)")
        row = accounts.set_password(name, _password(args, name))
        print(_account_line(row, "password changed"))
    elif args.action == "role":
        row = accounts.set_role(name, args.role, args.scope)
        print(_account_line(row, "role changed"))
        _public_view_note(row)
    return 0


def _public_view_note(row: dict) -> None:
    """A viewer account inside the wilayah that visitors who have not logged in see (ATS_PUBLIC=1, ATS_PUBLIC_SCOPE)
    gains nothing by logging in and sees less: said on stderr (README, Accounts and roles, "Visitors")."""
    from data import scope as wilayah_scope

    try:
        public, public_scope = config.public(), config.public_scope()
    except ValueError:  # the app asks for a login: no public view
        return
    if public and row["role"] == "viewer" and wilayah_scope.covers(public_scope, row["scope"] or ""):
        seen = f"ATS_PUBLIC_SCOPE={public_scope or '*'}"
        print(f"note: visitors who have not logged in already see the protected numbers of {seen} (ATS_PUBLIC=1): "
              f"viewer '{row['name']}' (scope {row['scope'] or '*'}) sees no more than they do, and less when its "
              "scope is narrower. Give it the analyst role, or set ATS_PUBLIC_SCOPE to a narrower wilayah or "
              "ATS_PUBLIC=0 (README, Accounts and roles).", file=sys.stderr)


def _legacy_password_note() -> None:
    names = config.legacy_password_variables()
    if names:
        print(f"note: {' and '.join(names)} {'is' if len(names) == 1 else 'are'} set but no longer used: the dashboard "
              "has accounts with roles now. Create an admin with `python -m data user add admin --role admin` (and "
              "an operator account per data officer), then unset it (README, Accounts and roles).", file=sys.stderr)


def cmd_upgrade(args) -> int:
    path = config.store_path()
    if not path.exists():
        raise store.StoreMissing(f"no store at {path}: build one with `python -m data demo` or import data")
    rebuilt = store.upgrade(path)
    print(json.dumps({"store": str(path), "build_id": store.build_id(), "status": "rebuilt" if rebuilt else "current"}))
    return 0


def cmd_queries(args) -> int:
    """Each read query with the parameters a caller sets: name (? when optional) and what the header allows; and what
    its rows are about for --scope (data/scope.py: rows by a column, the wilayah of a parameter, or reference)."""
    for q in queries.all_queries("read"):
        params = ", ".join(f"{p.name}{'' if p.required else '?'}: {p.allowed_text()}" for p in q.params if not p.fixed)
        print(f"{q.stem}({params})  scope: {' '.join(q.scope).strip()}")
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m data", description="ATS dashboard store: build, query, import.")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("demo", help="build a store of synthetic SIPBM data (replaces the store at ATS_STORE)")
    p.add_argument("--regions", help="kab/kota or province codes, comma-separated (default 73.73,73.05,73.08,63.10)")
    p.add_argument("--seed", type=int, default=None, help="random seed (default fixed)")
    p.add_argument("--replace-real-data", action="store_true",
                   help="replace a store holding real data (survey records, import log, entered KLA values); "
                   "without it such a store is refused, saying what would be lost")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("query", help="run a read query with bound parameters and print the result")
    p.add_argument("name", help="read query name, e.g. ats_by_wilayah (list them with `python -m data queries`)")
    p.add_argument("--param", action="append", metavar="KEY=VALUE", help="a parameter value; repeat for more")
    p.add_argument("--format", choices=("csv", "json"), default="csv")
    p.add_argument("--role", choices=protection.ROLES, default="viewer",
                   help="answer as this role: viewer (default) gets small-cell protected numbers, analyst and admin "
                        "the raw ones (the operator of the machine may ask for any role)")
    p.add_argument("--scope", default="*",
                   help="answer as an account of this wilayah scope: a province, kab/kota or kecamatan code (e.g. "
                        "73.05) gets nothing outside it and a --param outside it refused; '*' (default) all of "
                        "Indonesia")
    p.set_defaults(func=cmd_query)

    p = sub.add_parser(
        "upgrade", help="rebuild the derived tables of a store written by another version of the code (records kept)"
    )
    p.set_defaults(func=cmd_upgrade)

    p = sub.add_parser("report", help="meeting packs (PowerPoint and PDF) of a kab/kota, or of a province and each "
                       "of its kab/kota")
    p.add_argument("--wilayah", required=True, metavar="KODE", help="kab/kota (73.73) or province (73) code")
    p.add_argument("--round", type=int, help="survey round (year); the latest surveyed there when left out")
    p.add_argument("--lang", choices=("id", "en"), default="id", help="language of the slides (default id)")
    p.add_argument("--format", default="pptx,pdf", help="pptx, pdf or both, comma-separated (default pptx,pdf)")
    p.add_argument("--out", default=".", help="folder to write the files into (created when missing; default .)")
    p.add_argument("--role", choices=protection.ROLES, default="viewer",
                   help="numbers as this role sees them: viewer (default) gets small-cell protected numbers")
    p.add_argument("--scope", default="*",
                   help="make the packs as an account of this wilayah scope (a province, kab/kota or kecamatan code); "
                        "'*' (default) = all of Indonesia")
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("queries", help="list the read queries and their parameters")
    p.set_defaults(func=cmd_queries)

    p = sub.add_parser(
        "boundaries",
        help="import a boundary file or a folder of them into the store, or download them (--download KODE)",
    )
    p.add_argument("file", nargs="?", help="GeoJSON, GeoPackage, Shapefile (.shp/.zip) or GeoParquet file, or a folder")
    p.add_argument(
        "--download", metavar="KODE",
        help="download the boundaries of a province (73) or kab/kota (73.73), down to desa/kelurahan, from the "
        "public upstream (Cahya DSN wilayah_boundaries, MIT, pinned commit) instead of reading FILE",
    )
    p.add_argument(
        "--source-url", metavar="URL",
        help="with --download: a mirror of the upstream repository at the pinned commit (http(s):// or file://); "
        "default raw.githubusercontent.com",
    )
    p.add_argument("--level", choices=("prov", "kab", "kec", "kel"))
    p.add_argument("--code-column")
    p.add_argument("--name-column")
    p.add_argument("--layer")
    p.set_defaults(func=cmd_boundaries)

    p = sub.add_parser("import", help="import a SIPBM survey file (CSV, XLSX, Parquet) into the store")
    p.add_argument("file", help="person-level table in the canonical format (docs/import-format.md) or mapped")
    p.add_argument("--round", help="survey round (year) when the file has no survey_round column")
    p.add_argument("--mapping", help="TOML or YAML file renaming columns and recoding values")
    p.add_argument("--sheet", help="sheet of an XLSX workbook (default: the first)")
    p.add_argument("--dry-run", action="store_true", help="validate and report, store nothing")
    p.add_argument("--rejects", help="where to write the rejection report CSV (default var/imports/<file>.rejects.csv)")
    p.add_argument("--kab", help="kab/kota code(s) the file is for (default: the one most of its rows are in)")
    p.add_argument("--reference-date", help="reference date of the round, yyyy-mm-dd (default: file, store, 15 July)")
    p.add_argument("--replace-demo", action="store_true", help="replace a demo store by a new store for real data")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("user", help="accounts of the dashboard: add, list, disable, enable, passwd, role")
    users = p.add_subparsers(dest="action", required=True)
    u = users.add_parser("add", help="create an account (asks for the password twice, or --password-file)")
    u.add_argument("name", help="account name (lower case; an e-mail address for single sign-on)")
    u.add_argument("--role", required=True, help="admin, operator, analyst or viewer")
    u.add_argument("--scope", help="province, kab/kota or kecamatan code (e.g. 73.05), or '*' for all of Indonesia; "
                   "an admin's is all of Indonesia")
    u.add_argument("--password-file", help="read the password from the first line of this file (for scripts)")
    u.add_argument("--sso-only", action="store_true", help="no password: logs in only through single sign-on")
    u = users.add_parser("list", help="list the accounts")
    u.add_argument("--format", choices=("text", "json"), default="text")
    for action, text in (("disable", "disable an account (its sessions end at their next step)"),
                         ("enable", "enable an account again; also ends a lockout of its browser logins")):
        users.add_parser(action, help=text).add_argument("name")
    u = users.add_parser("passwd", help="set a new password (asks twice, or --password-file); ends a lockout")
    u.add_argument("name")
    u.add_argument("--password-file")
    u = users.add_parser("role", help="change the role, and the scope with --scope")
    u.add_argument("name")
    u.add_argument("role", help="admin, operator, analyst or viewer")
    u.add_argument("--scope")
    p.set_defaults(func=cmd_user)

    args = parser.parse_args(argv)
    _legacy_password_note()
    if getattr(args, "seed", 0) is None:
        from data import demo

        args.seed = demo.DEFAULT_SEED
    report = _StaleCopiesReport(json_line=args.command != "query")
    logging.getLogger("data.store").addHandler(report)
    try:
        return args.func(args)
    except Exception as e:  # every failure the user can fix gets one clear line, no traceback
        from data import accounts, demo, importer, load, reference
        import geo
        from pack import PackError

        known = (queries.QueryError, store.StoreMissing, store.BuildError, demo.UnknownRegion,
                 reference.ReferenceMissing, geo.GeoInputError, queries.QueryTooLarge, importer.ImportRefused,
                 accounts.AccountError, load.DemoRefused, PackError)
        _end_progress()
        if isinstance(e, known):
            print(f"error: {e}", file=sys.stderr)
            line = {"status": "refused", "code": getattr(e, "code", None), "error": str(e)}
            if isinstance(e, load.DemoRefused):
                line["would_lose"] = e.lost
            print(json.dumps(line, ensure_ascii=False))
            return 2
        raise
    finally:
        logging.getLogger("data.store").removeHandler(report)


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # output piped into `head` and the like: stop quietly, as Unix tools do
        sys.stderr.close()
        sys.exit(0)
