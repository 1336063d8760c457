"""Loading jobs on the write path: the demo store and boundary imports. Each runs inside
data.store.writing(), so it is checked and atomic."""

import time
from pathlib import Path

import duckdb
import geopandas as gpd
import pandas as pd
import shapely

import geo
from data import config, demo, reference, store


def _noop(fraction: float, message: str) -> None:
    pass


def build_demo_store(regions=demo.DEFAULT_REGIONS, seed=demo.DEFAULT_SEED, progress=_noop, path=None) -> dict:
    """Build a fresh store of synthetic SIPBM data for `regions`, with boundaries from the live store
    when it has them, else from the configured boundary source (ATS_BOUNDARIES or ../shared/geo)."""
    started = time.perf_counter()
    path = Path(path or config.store_path())
    progress(0.0, "wilayah")
    wilayah = reference.load_wilayah()
    data = demo.generate(list(regions), seed, wilayah, reference.load_penduduk(), lambda f, m: progress(0.05 + 0.6 * f, m))
    provinces = sorted({r[:2] for r in data.survey_round["kode_kab"]})
    meta = {"is_demo": True, "demo_regions": ",".join(regions), "demo_seed": seed}
    report = {}
    with store.writing(path, fresh=True, meta=meta) as con:
        progress(0.7, "store")
        store.replace_wilayah(con, wilayah)
        for table in ("survey_round", "keluarga", "anak", "penanganan"):
            store.insert_frame(con, table, getattr(data, table))
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
    con.execute("ATTACH $p AS live (READ_ONLY)", {"p": str(live)})
    try:
        have = {p for (p,) in con.execute("SELECT DISTINCT left(kode, 2) FROM live.boundary WHERE level = 'kel'").fetchall()}
        if not set(provinces) <= have:
            return False
        con.execute("INSERT INTO boundary SELECT * FROM live.boundary")
        return True
    except duckdb.Error:  # an older store without a usable boundary table: import afresh
        return False
    finally:
        con.execute("DETACH live")


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
    units = pd.concat(frames, ignore_index=True)
    units["n_coords"] = shapely.get_num_coordinates(units.geometry.values)
    units = units.sort_values("n_coords", ascending=False).drop_duplicates("kode").drop(columns="n_coords")
    units = geo.simplify(gpd.GeoDataFrame(units, geometry="geometry", crs="EPSG:4326"))
    rows = geo.geometry_rows(units)
    rows["sumber"] = ", ".join(f.name for f in files)
    result = store.store_boundaries(con, rows)
    if result["matched"] == 0:
        examples = ", ".join(units["kode"].head(3))
        raise geo.GeoInputError(
            f"none of the {len(units)} codes in {', '.join(f.name for f in files)} (e.g. {examples}) is a wilayah "
            "code of kode_wilayah.csv, so nothing was imported. Check that the code column holds Kemendagri "
            "codes (73.73.01.1001 or 7373011001) and name it with --code-column"
        )
    return {
        "files": {r["file"]: r["units"] for r in reports},
        "bad_codes": {r["file"]: r["bad_code_examples"] for r in reports if r["bad_codes"]},
        "units_in_files": len(units),
        "matched": result["matched"],
        "unmatched_in_file": result["unmatched_in_file"],
        "known_without_polygon": {lvl: len(k) for lvl, k in result["known_without_polygon"].items()},
        "repaired": sum(r["repaired"] for r in reports),
    }
