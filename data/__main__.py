"""Command line: `python -m data demo|query|boundaries ...` (see README)."""

import argparse
import datetime as dt
import decimal
import json
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


def cmd_demo(args) -> int:
    from data import demo, load

    regions = [r.strip() for r in args.regions.split(",") if r.strip()] if args.regions else list(demo.DEFAULT_REGIONS)
    summary = load.build_demo_store(regions, args.seed, progress=_progress)
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
    path = config.store_path()
    if path.exists() and not store.is_current(path):  # as the app does: a store of an older build is rebuilt first
        print("note: the store was built by another version of the code; rebuilding its derived tables "
              "(records kept)", file=sys.stderr)
        store.upgrade(path)
    con = store.connect_read()
    try:
        table = queries.run(con, q, values, role=args.role)
    finally:
        con.close()
    if args.format == "json":
        print(json.dumps(table.to_pylist(), ensure_ascii=False, separators=(",", ":"), default=_json_value))
    else:  # Arrow types, so an integer column with nulls stays integers; text cells neutralised for spreadsheets
        neutralise(table.to_pandas(types_mapper=pd.ArrowDtype)).to_csv(sys.stdout, index=False)
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
        print(f"error: {e}", file=sys.stderr)
        print(json.dumps({"file": Path(args.file).name, "round": args.round, "rows_read": 0, "accepted": 0,
                          "rejected": 0, "status": "refused", "error": str(e)}, ensure_ascii=False))
        return 2
    if report.status == "refused":
        print(f"error: {report.message}", file=sys.stderr)
    elif report.rejected:
        print(f"{report.rejected} rows rejected: see {report.rejects_path}", file=sys.stderr)
    for note in report.notes:
        print(f"note: {note}", file=sys.stderr)
    print(json.dumps(report.summary(), ensure_ascii=False, default=str))
    return 2 if report.status == "refused" else 0


def _default_rejects(file: str) -> Path:
    """Rejection report beside the store: var/imports/<file stem>.rejects.csv by default."""
    from data import config

    return config.store_path().parent / "imports" / f"{Path(file).stem}.rejects.csv"


def cmd_upgrade(args) -> int:
    path = config.store_path()
    if not path.exists():
        raise store.StoreMissing(f"no store at {path}: build one with `python -m data demo` or import data")
    rebuilt = store.upgrade(path)
    print(json.dumps({"store": str(path), "build_id": store.build_id(), "status": "rebuilt" if rebuilt else "current"}))
    return 0


def cmd_queries(args) -> int:
    """Each read query with the parameters a caller sets: name (? when optional) and what the header allows."""
    for q in queries.all_queries("read"):
        params = ", ".join(f"{p.name}{'' if p.required else '?'}: {p.allowed_text()}" for p in q.params if not p.fixed)
        print(f"{q.stem}({params})")
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m data", description="ATS dashboard store: build, query, import.")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("demo", help="build a store of synthetic SIPBM data (replaces the store at ATS_STORE)")
    p.add_argument("--regions", help="kab/kota or province codes, comma-separated (default 73.73,73.05,73.08,63.10)")
    p.add_argument("--seed", type=int, default=None, help="random seed (default fixed)")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("query", help="run a read query with bound parameters and print the result")
    p.add_argument("name", help="read query name, e.g. ats_by_wilayah (list them with `python -m data queries`)")
    p.add_argument("--param", action="append", metavar="KEY=VALUE", help="a parameter value; repeat for more")
    p.add_argument("--format", choices=("csv", "json"), default="csv")
    p.add_argument("--role", choices=protection.ROLES, default="viewer",
                   help="answer as this role: viewer (default) gets small-cell protected numbers, analyst and admin "
                        "the raw ones (the operator of the machine may ask for any role)")
    p.set_defaults(func=cmd_query)

    p = sub.add_parser(
        "upgrade", help="rebuild the derived tables of a store written by another version of the code (records kept)"
    )
    p.set_defaults(func=cmd_upgrade)

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

    args = parser.parse_args(argv)
    if getattr(args, "seed", 0) is None:
        from data import demo

        args.seed = demo.DEFAULT_SEED
    try:
        return args.func(args)
    except Exception as e:  # every failure the user can fix gets one clear line, no traceback
        from data import demo, importer, reference
        import geo

        known = (queries.QueryError, store.StoreMissing, store.BuildError, demo.UnknownRegion,
                 reference.ReferenceMissing, geo.GeoInputError, queries.QueryTooLarge, importer.ImportRefused)
        _end_progress()
        if isinstance(e, known):
            print(f"error: {e}", file=sys.stderr)
            print(json.dumps({"status": "refused", "error": str(e)}, ensure_ascii=False))
            return 2
        raise


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # output piped into `head` and the like: stop quietly, as Unix tools do
        sys.stderr.close()
        sys.exit(0)
