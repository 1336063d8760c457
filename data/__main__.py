"""Command line: `python -m data demo|query|boundaries ...` (see README)."""

import argparse
import json
import sys
from pathlib import Path

from data import queries, store


def _progress(fraction: float, message: str) -> None:
    width = 30
    done = int(width * fraction)
    print(f"\r[{'#' * done}{'.' * (width - done)}] {fraction:4.0%} {message:<40}", end="", file=sys.stderr, flush=True)
    if fraction >= 1:
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
            raise queries.QueryError(f"--param takes KEY=VALUE, got '{item}'")
        values[key.strip()] = value
    q = queries.read_query(args.name)
    con = store.connect_read()
    try:
        table = queries.run(con, q, values)
    finally:
        con.close()
    df = table.to_pandas()
    if args.format == "json":
        print(df.to_json(orient="records", force_ascii=False, date_format="iso"))
    else:
        df.to_csv(sys.stdout, index=False)
    return 0


def cmd_boundaries(args) -> int:
    from data import load

    path = Path(args.file)
    with store.writing() as con:
        report = load.load_boundaries(
            con, path, level=args.level, code_column=args.code_column, name_column=args.name_column, layer=args.layer
        )
    summary = {k: report[k] for k in ("units_in_files", "matched", "known_without_polygon", "repaired")}
    summary["unmatched_in_file"] = report["unmatched_in_file"][:20]
    print(json.dumps({"file": str(path), "status": "applied", **summary}, ensure_ascii=False))
    return 0


def cmd_queries(args) -> int:
    for q in queries.all_queries("read"):
        params = ", ".join(f"{p.name}{'' if p.required else '?'}" for p in q.params)
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
    p.set_defaults(func=cmd_query)

    p = sub.add_parser("queries", help="list the read queries and their parameters")
    p.set_defaults(func=cmd_queries)

    p = sub.add_parser("boundaries", help="import a boundary file or a folder of them into the store")
    p.add_argument("file", help="GeoJSON, GeoPackage, Shapefile (.shp/.zip) or GeoParquet file, or a folder")
    p.add_argument("--level", choices=("prov", "kab", "kec", "kel"))
    p.add_argument("--code-column")
    p.add_argument("--name-column")
    p.add_argument("--layer")
    p.set_defaults(func=cmd_boundaries)

    args = parser.parse_args(argv)
    if getattr(args, "seed", 0) is None:
        from data import demo

        args.seed = demo.DEFAULT_SEED
    try:
        return args.func(args)
    except Exception as e:  # every failure the user can fix gets one clear line, no traceback
        from data import demo, reference
        import geo

        known = (queries.QueryError, store.StoreMissing, store.BuildError, demo.UnknownRegion,
                 reference.ReferenceMissing, geo.GeoInputError, queries.QueryTooLarge)
        if isinstance(e, known):
            print(f"error: {e}", file=sys.stderr)
            print(json.dumps({"status": "refused", "error": str(e)}, ensure_ascii=False))
            return 2
        raise


if __name__ == "__main__":
    sys.exit(main())
