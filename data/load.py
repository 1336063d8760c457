"""Loading jobs on the write path: the demo store and boundary imports. Each runs inside
data.store.writing(), so it is checked and atomic."""

import threading
import time
from pathlib import Path

import duckdb
import geopandas as gpd
import pandas as pd
import shapely

import geo
from data import config, demo, kla, reference, store
from domain.wilayah import CODE_LENGTH, LEVELS, level_of, normalize_kode
from geo import upstream


def _noop(fraction: float, message: str) -> None:
    pass


class DemoBuild:
    """A demo-store build running in its own thread, shared by every browser session of the process: a
    visitor who reloads or leaves does not abort it, and a second visitor waits for the same build instead
    of starting another."""

    def __init__(self, path: Path):
        self.path = path
        self.fraction = 0.0
        self.error: Exception | None = None
        self.done = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"demo-build {path.name}", daemon=True)

    def _run(self) -> None:
        try:
            build_demo_store(path=self.path, progress=self._progress)
        except Exception as e:  # reported to every session waiting on it
            self.error = e
        finally:
            self.done.set()

    def _progress(self, fraction: float, message: str) -> None:
        self.fraction = min(max(fraction, 0.0), 1.0)


class DemoRefused(RuntimeError):
    """A demo build would replace a store holding real data (records, import log entries, entered KLA values):
    refused unless asked for with replace_real_data (--replace-real-data). `lost` counts what would go."""

    code = "demo_replaces_real_data"

    def __init__(self, path: Path, lost: dict):
        self.lost = self.values = lost  # values: the page's words for it (ui/i18n.py impor.err.<code>)
        super().__init__(
            f"the store {path} holds real data: {lost['rounds']} survey rounds of a kab/kota with {lost['children']} "
            f"children, {lost['import_log']} import log entries and {lost['kla_entries']} KLA values and results "
            "entered; a demo build would replace them with synthetic data. Give --replace-real-data to do so anyway, "
            "or set ATS_STORE to another file"
        )


def _refuse_over_real_data(con, path: Path, database: str | None = None) -> None:
    lost = store.real_data(con, database)
    if any(lost.values()):
        raise DemoRefused(path, lost)


_demo_builds: dict[Path, DemoBuild] = {}
_demo_builds_lock = threading.Lock()


def demo_build(path=None) -> DemoBuild:
    """The running demo build of the store at `path`, started when none runs (a finished one, failed or not,
    is not reused: the caller asks only while no store exists)."""
    path = Path(path or config.store_path())
    with _demo_builds_lock:
        job = _demo_builds.get(path)
        if job is None or job.done.is_set():
            job = _demo_builds[path] = DemoBuild(path)
            job._thread.start()
        return job


def build_demo_store(regions=demo.DEFAULT_REGIONS, seed=demo.DEFAULT_SEED, progress=_noop, path=None,
                     replace_real_data: bool = False) -> dict:
    """Build a fresh store of synthetic SIPBM data for `regions`, with boundaries from the live store
    when it has them, else from the configured boundary source (ATS_BOUNDARIES or ../shared/geo).

    A store holding real data is not replaced unless replace_real_data (DemoRefused, saying what would be lost):
    checked before the generation, which takes a while, and again under the writer's lock, where it counts."""
    started = time.perf_counter()
    path = Path(path or config.store_path())
    progress(0.0, "wilayah")
    wilayah = reference.load_wilayah()
    demo.resolve_regions(list(regions), wilayah)  # an unknown region is said first
    if path.exists() and not replace_real_data:
        con = store.connect_read(path)
        try:
            _refuse_over_real_data(con, path)
        finally:
            con.close()
    data = demo.generate(list(regions), seed, wilayah, reference.load_penduduk(), lambda f, m: progress(0.05 + 0.6 * f, m))
    provinces = sorted({r[:2] for r in data.survey_round["kode_kab"]})
    meta = {"is_demo": True, "demo_regions": ",".join(regions), "demo_seed": seed}
    report = {}
    with store.writing(path, fresh=True, meta=meta) as con:
        if path.exists() and not replace_real_data:  # an import may have been applied since the check above
            with store.live_attached(con, path):
                _refuse_over_real_data(con, path, "live")
        progress(0.7, "store")
        store.replace_wilayah(con, wilayah)
        for table in ("survey_round", "keluarga", "anak", "penanganan"):
            store.insert_frame(con, table, getattr(data, table))
        kla.load_demo(con, seed)  # KLA cluster IV: published results + synthetic entered values, marked demo
        progress(0.8, "boundaries")
        if path.exists() and _copy_boundaries(con, path, provinces):
            report = {"boundaries": f"kept from {path}"}
        elif (source := config.boundaries_source()) is not None:
            report = load_boundaries(con, source, provinces=provinces)
        else:
            report = {"boundaries": "none found: set ATS_BOUNDARIES or run `python -m data boundaries FILE`"}
        progress(0.9, "build")
    progress(1.0, "done")
    return {
        "store": str(path),
        "regions": list(regions),
        "seed": seed,
        "rounds": int(data.survey_round["survey_round"].nunique()),
        "anak": len(data.anak),
        "keluarga": len(data.keluarga),
        "penanganan": len(data.penanganan),
        "seconds": round(time.perf_counter() - started, 1),
        **report,
    }


def _copy_boundaries(con, live: Path, provinces) -> bool:
    """Carry the boundaries of the live store over to a rebuilt one, when they cover `provinces`."""
    with store.live_attached(con, live):
        try:
            have = {p for (p,) in con.execute("SELECT DISTINCT left(kode, 2) FROM live.boundary WHERE level = 'kel'").fetchall()}
            if not set(provinces) <= have:
                return False
            con.execute("INSERT INTO boundary SELECT * FROM live.boundary")
            return True
        except duckdb.Error:  # an older store without a usable boundary table: import afresh
            return False


def load_boundaries(con, source: Path, *, level=None, code_column=None, name_column=None, layer=None, provinces=None) -> dict:
    """Import boundaries from a file or every boundary file of a folder into the store being written.

    Provinces and kab/kota are kept for the whole country; kecamatan and desa/kelurahan only inside
    `provinces` when given. A unit found in several files keeps its most detailed polygon.
    """
    source = Path(source)
    files = geo.find_boundary_files(source) if source.is_dir() else [source]
    if not files:
        raise geo.GeoInputError(f"no boundary files (.geojson, .gpkg, .shp, .parquet, .zip) in {source}")
    frames, reports = [], []
    for f in files:
        gdf, rep = geo.read_boundaries(f, level=level, code_column=code_column, name_column=name_column, layer=layer)
        if provinces:
            keep = gdf["level"].isin(["prov", "kab"]) | gdf["kode"].str[:2].isin(provinces)
            gdf = gdf[keep]
        frames.append(gdf)
        reports.append(rep)
    names = ", ".join(f.name for f in files)
    result = _store_units(
        con, frames, sumber=names, described=names,
        hint="Check that the code column holds Kemendagri codes (73.73.01.1001 or 7373011001) and name it with --code-column",
        code="boundary_codes_unknown",
    )
    without = _within_covered(result["known_without_polygon"], pd.concat(frames, ignore_index=True))
    return {
        "files": {r["file"]: r["units"] for r in reports},
        # what was read and which layer and columns were taken (guessed unless given)
        "rows_read": sum(r["rows_read"] for r in reports),
        "layers": {r["file"]: r["layer"] for r in reports},
        "columns": {r["file"]: {"code": r["code_column"], "name": r["name_column"]} for r in reports},
        # rows left out or merged, with examples (codes as in the file for bad codes, dotted otherwise)
        **{k: sum(r[k] for r in reports) for k in ("bad_codes", "dropped_empty", "duplicates_merged", "other_levels_dropped")},
        **{k: [e for r in reports for e in r[k]][:5]
           for k in ("bad_code_examples", "dropped_empty_examples", "duplicates_merged_examples")},
        **result,
        "notes": [note for r in reports for note in r["notes"]] + result["notes"],
        "known_without_polygon": {lvl: len(k) for lvl, k in without.items()},
        "known_without_polygon_examples": {lvl: k[:20] for lvl, k in without.items() if k},
        "repaired": sum(r["repaired"] for r in reports),
    }


def _within_covered(without: dict, units: pd.DataFrame) -> dict:
    """Known units without a polygon, only inside what the files cover: the kab/kota of their kecamatan
    and desa, the provinces of their kab/kota and provinces (store_boundaries looks at whole provinces)."""
    width = {"prov": CODE_LENGTH["prov"], "kab": CODE_LENGTH["prov"], "kec": CODE_LENGTH["kab"], "kel": CODE_LENGTH["kab"]}
    covered = {lvl: set(units.loc[units["level"] == lvl, "kode"].str[:width[lvl]]) for lvl in without}
    return {lvl: [k for k in codes if k[:width[lvl]] in covered[lvl]] for lvl, codes in without.items()}


def _store_units(con, frames, *, sumber: str, described: str, hint: str, code: str) -> dict:
    """The one import path of boundaries: units (GeoDataFrames of kode, nama, level, geometry in
    EPSG:4326) -> one polygon per code (the most detailed) -> coverage simplification -> store rows.
    Refuses (GeoInputError with `code`) when no code is a wilayah code, so nothing is imported."""
    units = pd.concat(frames, ignore_index=True)
    units["n_coords"] = shapely.get_num_coordinates(units.geometry.values)
    units = units.sort_values("n_coords", ascending=False).drop_duplicates("kode")
    vertices_before = int(units["n_coords"].sum())
    units = units.drop(columns="n_coords")
    units = geo.simplify(gpd.GeoDataFrame(units, geometry="geometry", crs="EPSG:4326"))
    rows = geo.geometry_rows(units)
    rows["sumber"] = sumber
    result = store.store_boundaries(con, rows)
    if result["matched"] == 0:
        examples = ", ".join(units["kode"].head(3))
        raise geo.GeoInputError(
            f"none of the {len(units)} codes in {described} (e.g. {examples}) is a wilayah "
            f"code of kode_wilayah.csv, so nothing was imported. {hint}",
            code=code, n=len(units), described=described, examples=examples,
        )
    kept = ~rows["kode"].isin(result["unmatched_in_file"])
    stored = rows.loc[kept, "level"].value_counts()
    outside = _outside_parent(con, rows.loc[kept, "kode"].tolist())
    return {
        "outside_parent": len(outside),
        "outside_parent_examples": outside[:10],
        "notes": [geo.Note(
            f"{len(outside)} units lie outside the bounding box of the unit above them (kecamatan, kab/kota or "
            f"province, the nearest with a polygon), e.g. {', '.join(outside[:5])}: the file may give them the "
            "codes of other units, or the polygon above is wrong. Check them on the map",
            code="outside_parent", n=len(outside), examples=", ".join(outside[:5]),
        )] if outside else [],
        "units_in_files": len(units),
        "matched": result["matched"],
        "matched_by_level": {lvl: int(stored[lvl]) for lvl in LEVELS if lvl in stored.index},
        "unmatched_in_file": result["unmatched_in_file"],
        "known_without_polygon": result["known_without_polygon"],
        # the size after the coverage simplification, as stored (GeoJSON text) and in vertices
        "vertices_read": vertices_before,
        "vertices_stored": int(shapely.get_num_coordinates(units.geometry.values[kept.to_numpy()]).sum()),
        "stored_bytes": int(rows.loc[kept, "geometry"].str.len().sum()),
    }


def _outside_parent(con, codes: list[str]) -> list[str]:
    """Of the stored units `codes`, those whose centre lies outside the box of the polygon of their nearest
    ancestor that has one (a desa's kecamatan, else its kab/kota; a kecamatan's kab/kota; a kab/kota's
    province), with 0.02 degrees of margin: polygons under the codes of other places."""
    return [k for (k,) in con.execute(
        "WITH a AS ("
        "  SELECT c.kode, (c.min_lon + c.max_lon) / 2 AS x, (c.min_lat + c.max_lat) / 2 AS y, "
        "  coalesce(k8.min_lon, k5.min_lon, k2.min_lon) AS x0, coalesce(k8.max_lon, k5.max_lon, k2.max_lon) AS x1, "
        "  coalesce(k8.min_lat, k5.min_lat, k2.min_lat) AS y0, coalesce(k8.max_lat, k5.max_lat, k2.max_lat) AS y1 "
        "  FROM boundary AS c "
        "  LEFT JOIN boundary AS k8 ON length(c.kode) > 8 AND k8.kode = left(c.kode, 8) "
        "  LEFT JOIN boundary AS k5 ON length(c.kode) > 5 AND k5.kode = left(c.kode, 5) "
        "  LEFT JOIN boundary AS k2 ON length(c.kode) > 2 AND k2.kode = left(c.kode, 2) "
        "  WHERE c.kode IN (SELECT unnest($codes))) "
        "SELECT kode FROM a WHERE x0 IS NOT NULL AND NOT (x BETWEEN x0 - 0.02 AND x1 + 0.02 AND y BETWEEN y0 - 0.02 "
        "AND y1 + 0.02) ORDER BY kode",
        {"codes": codes},
    ).fetchall()]


def download_boundaries(con, kode: str, *, source_url=None, progress=None) -> dict:
    """Download the boundaries of a province (`73`) or kab/kota (`73.73`) and of all its kecamatan and
    desa/kelurahan from the upstream (geo.upstream: Cahya DSN wilayah_boundaries at a pinned commit,
    or the mirror at `source_url`), and import them into the store being written.

    The province and kab/kota files cover a whole province or more: of them the province itself and
    its kab/kota are kept. Of the kec and kel files only units under `kode`. For a province, a kab/kota
    whose kel file the source lacks (HTTP 404) is reported under missing_files; any other failure,
    or a file that differs from its pinned checksum, refuses the whole import (GeoInputError)."""
    progress = progress or _noop
    base_url = (source_url or upstream.DEFAULT_BASE_URL).rstrip("/")
    try:
        kode = normalize_kode(kode)
    except ValueError as e:
        raise geo.GeoInputError(f"--download takes a province or kab/kota code like 73 or 73.73: {e}",
                                code="download_not_a_code", kode=kode) from e
    level = level_of(kode)
    if level not in ("prov", "kab"):
        raise geo.GeoInputError(f"{kode} is a {level} code; --download takes a province or kab/kota code like 73 or 73.73",
                                code="download_wrong_level", kode=kode, level=level)
    known = con.execute("SELECT nama FROM wilayah WHERE kode = $kode AND level = $level", {"kode": kode, "level": level}).fetchone()
    if known is None:
        if con.execute("SELECT count(*) FROM wilayah").fetchone()[0] == 0:
            raise geo.GeoInputError("the store holds no wilayah reference yet; build it first with `python -m data demo`",
                                    code="download_no_reference")
        raise geo.GeoInputError(f"{kode} is not a province or kab/kota of kode_wilayah.csv; nothing was downloaded",
                                code="download_unknown_kode", kode=kode)
    prov = kode[:2]
    kabs = [k for (k,) in con.execute(
        "SELECT kode FROM wilayah WHERE level = 'kab' AND kode_prov = $prov ORDER BY kode", {"prov": prov}
    ).fetchall()]
    paths = upstream.paths_for(kode, kabs if level == "prov" else ())

    def select(path):
        if path.startswith(("db/prov/", "db/kab/")):  # a group of provinces / a whole province
            return lambda k: k == prov or (len(k) == CODE_LENGTH["kab"] and k[:2] == prov)
        return lambda k: k.startswith(kode + ".")

    # the kel files first: they are the likeliest to be missing, and a refusal should come early
    paths = sorted(paths, key=lambda p: not p.startswith("db/kel/"))
    frames, files, missing, rows_read, repaired = [], [], [], 0, 0
    for i, path in enumerate(paths):
        def file_progress(fraction, message, i=i):
            progress(0.9 * (i + fraction) / len(paths), message)

        try:
            data, info = upstream.fetch(base_url, path, file_progress)
        except upstream.UpstreamFileMissing:
            if level == "prov" and path.startswith("db/kel/"):
                missing.append(path)
                continue
            raise
        gdf = upstream.parse_sql(data, source=info["url"], select=select(path))
        info.update(rows=gdf.attrs["rows"], rows_unreadable=gdf.attrs["rows_unreadable"], units=len(gdf),
                    repaired=gdf.attrs["repaired"])
        files.append(info)
        rows_read += gdf.attrs["rows"]
        repaired += gdf.attrs["repaired"]
        frames.append(gdf.assign(level=gdf["kode"].map(level_of))[["kode", "nama", "level", "geometry"]])
    if not any(len(f) for f in frames):
        raise geo.GeoInputError(f"the upstream files for {kode} ({base_url}) hold no unit of {kode}; nothing was imported",
                                code="download_no_units", kode=kode, url=base_url)

    progress(0.92, "simplify and store")
    described = f"{upstream.REPOSITORY} files for {kode}"
    result = _store_units(
        con, frames, sumber=f"{upstream.REPOSITORY}@{upstream.COMMIT[:12]} via {base_url}", described=described,
        hint="Check that --source-url serves the upstream's files",
        code="download_codes_unknown",
    )
    # every level, also one whose file held no unit of `kode` (a kel file of another kab/kota)
    without = {lvl: [] for lvl in LEVELS}
    for lvl, k in con.execute(
        "SELECT w.level, w.kode FROM wilayah AS w ANTI JOIN boundary AS b ON b.kode = w.kode "
        "WHERE (w.level IN ('prov', 'kab') AND left(w.kode, 2) = $prov) OR starts_with(w.kode, $under) ORDER BY w.kode",
        {"prov": prov, "under": kode + "."},
    ).fetchall():
        without[lvl].append(k)
    progress(0.95, "checks")
    return {
        "source": base_url,
        "kode": kode,
        "commit": upstream.COMMIT,
        "files": files,
        "missing_files": missing,
        "rows_read": rows_read,
        "rows_unreadable": sum(f["rows_unreadable"] for f in files),
        "units_in_files": result["units_in_files"],
        "matched": result["matched"],
        "matched_by_level": result["matched_by_level"],
        "unmatched_in_file": result["unmatched_in_file"],
        "known_without_polygon": {lvl: len(k) for lvl, k in without.items()},
        "known_without_polygon_examples": {lvl: k[:20] for lvl, k in without.items() if k},
        "repaired": repaired,
        **{k: result[k] for k in ("vertices_read", "vertices_stored", "stored_bytes", "outside_parent",
                                  "outside_parent_examples", "notes")},
    }


def import_boundary_file(source, *, level=None, code_column=None, name_column=None, layer=None, store_path=None,
                         user=None) -> dict:
    """Import a boundary file or folder into the store as one checked, atomic write (command line and
    the Impor data page), recorded in boundary_log; the report's import_id is its row."""
    source = Path(source)
    with store.writing(store_path) as con:
        report = load_boundaries(con, source, level=level, code_column=code_column, name_column=name_column, layer=layer)
        report["import_id"] = _log_boundaries(con, report, kind="file", source=", ".join(report["files"]),
                                              sha256=None if source.is_dir() else store.file_sha256(source), user=user)
    return report


def download_boundary_source(kode: str, *, source_url=None, progress=None, store_path=None, user=None) -> dict:
    """Fetch the boundaries of a province or kab/kota from the public upstream and import them, as one
    checked, atomic write (command line and the Impor data page), recorded in boundary_log."""
    with store.writing(store_path) as con:
        report = download_boundaries(con, kode, source_url=source_url, progress=progress)
        report["import_id"] = _log_boundaries(con, report, kind="download", sha256=None, user=user,
                                              source=f"{report['kode']} ({upstream.REPOSITORY}@{report['commit'][:12]})")
    return report


BOUNDARY_LOG_COLUMNS = ("import_id", "kind", "source", "sha256", "units_in_files", "matched", "unmatched",
                        "without_polygon", "outside_parent", "imported_at", "user")


def _log_boundaries(con, report: dict, *, kind: str, source: str, sha256: str | None, user: str | None) -> int:
    """The boundary_log row of an applied boundary import, written with its boundaries."""
    import_id = con.execute("SELECT coalesce(max(import_id), 0) + 1 FROM boundary_log").fetchone()[0]
    con.execute(
        "INSERT INTO boundary_log VALUES ($id, $kind, $source, $sha, $units, $matched, $unmatched, $without, $outside, "
        "now()::TIMESTAMP, $user)",
        {"id": import_id, "kind": kind, "source": source, "sha": sha256, "units": report["units_in_files"],
         "matched": report["matched"], "unmatched": len(report["unmatched_in_file"]),
         "without": sum(report["known_without_polygon"].values()), "outside": report["outside_parent"],
         "user": config.operator(user)},
    )
    return import_id


def list_boundary_imports(store_path=None) -> pd.DataFrame:
    """The boundary imports applied to the store, newest first (none for a store made before boundary_log)."""
    return store.read_log("boundary_log", BOUNDARY_LOG_COLUMNS, store_path)
