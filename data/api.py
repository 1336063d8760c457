"""The public read API used by pages: named read queries, cached, keyed on the store version.

The only module that touches st.cache_*. A read-only DuckDB connection is held per store file
version; each query runs on its own cursor with a time limit and a row cap (data.queries.run).
When an import swaps in a new store file, its (mtime, size) changes, so the next call opens the
new file and every cached result of the old one is left behind: the app shows new data without
a restart.

Every read of children's numbers takes the caller first: `who`, the logged-in principal (data.accounts.Principal, or
anything with its `role` and `scope`), as ui.login.principal() gives it; there is no default, so a page cannot
forget it. Its role decides small-cell protection (a viewer gets protected numbers, an analyst or admin the raw ones;
docs/protection.md), its scope which wilayah can be read (data/scope.py: nothing outside it, a
parameter outside it refused). The cache is keyed on both. Reference data, the same for everyone (wilayah names,
boundaries, definitions, another source's series; `Scope: reference` in the query's header), takes no caller.
"""

import os
from pathlib import Path
from dataclasses import dataclass, field

import pandas as pd
from plotly.io.json import to_json_plotly
import streamlit as st

from data import config, geo_files, protection, queries, store
from data import scope as wilayah_scope


@dataclass(frozen=True)
class StoreInfo:
    path: str
    version: str
    built_at: str
    is_demo: bool
    meta: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Source:
    """What produced a set of numbers: said under every chart, map and table (ui/source.py) and in every export."""

    query: str
    params: dict
    store: StoreInfo
    # whom the numbers were read for (said in the technical details and the XLSX's About sheet): the role decides
    # small-cell protection, the scope the wilayah; None for reference data, the same for everyone
    role: str | None = None
    scope: str | None = None


@dataclass(frozen=True)
class Result:
    df: pd.DataFrame
    source: Source


@dataclass(frozen=True)
class Boundaries:
    url: str | None  # where the browser fetches the GeoJSON (served by Streamlit's static serving)
    path: str | None
    n_bytes: int
    kodes: frozenset
    bounds: tuple | None  # (min_lon, min_lat, max_lon, max_lat)
    # where the screen map's overlay fetches the units' names and label points (geo.label_file), beside the GeoJSON
    labels_url: str | None = None


def _store_key() -> tuple[str, int, int]:
    path = config.store_path()
    try:
        st_ = os.stat(path)
    except FileNotFoundError:
        raise store.StoreMissing(
            f"No store at {path}. Build the demo store with `python -m data demo` "
            "or set ATS_STORE to an existing store file."
        ) from None
    return str(path), st_.st_mtime_ns, st_.st_size


@st.cache_data(max_entries=16, show_spinner=False)
def import_preview(path: str, mapping: str | None, sheet: str | None, survey_round):
    """What the Impor page shows of an uploaded file: (preview, None), or (None, the refusal as message, code,
    values). Keyed by the saved file's path, which names its content's hash (ui.importing._saved): the same bytes
    with the same options are read once, for every session, not at every rerun."""
    from data import importer

    try:
        return importer.read_preview(path, mapping=mapping, sheet=sheet, survey_round=survey_round), None
    except importer.ImportRefused as e:
        return None, (str(e), e.code, e.values)


def store_exists() -> bool:
    return config.store_path().exists()


@st.cache_resource(max_entries=2, show_spinner=False)
def _connection(path: str, mtime_ns: int, size: int):
    if not os.path.exists(path):
        return store.connect_read(path)  # says what to do
    return store.connect_read(store.reader_link(Path(path), f"{mtime_ns}-{size}"))


@st.cache_data(max_entries=512, show_spinner=False)
def _cached(name: str, key: tuple, params: tuple, role: str = "viewer",
            scope: str = wilayah_scope.ALL) -> pd.DataFrame:
    con = _connection(*key)
    return queries.run(con, queries.read_query(name), dict(params), role=role, scope=scope).to_pandas()


def _at_version(read):
    """read(key) with the store's key (_store_key); again with the new key when the file was swapped between the look
    and the opening of its reader (store.StoreChanged, store.reader_link), so that no read of one version is cached
    under another's key."""
    for _ in range(3):
        try:
            return read(_store_key())
        except store.StoreChanged:
            continue
    return read(_store_key())  # three imports in a row within the same instant: its error, as it comes


def _run(name: str, role: str, scope: str, **params) -> pd.DataFrame:
    args = (tuple(sorted(params.items())), protection.check_role(role), wilayah_scope.check(scope))
    return _at_version(lambda key: _cached(name, key, *args))


@st.cache_data(max_entries=4, show_spinner=False)
def _store_info(key: tuple) -> StoreInfo:
    meta = dict(_cached("store_meta", key, ()).itertuples(index=False))
    return StoreInfo(
        path=key[0],
        version=meta.get("store_version", "?"),
        built_at=meta.get("built_at", "?"),
        is_demo=meta.get("is_demo") == "True",
        meta=meta,
    )


def store_info() -> StoreInfo:
    return _at_version(_store_info)


def wilayah_by_induk(who, kode_induk=None) -> pd.DataFrame:
    """The units directly under `kode_induk` (the provinces when None) inside the scope of `who`."""
    return _run("wilayah_by_induk", who.role, who.scope, kode_induk=kode_induk)


def wilayah_by_kode(kodes) -> pd.DataFrame:
    """Names of wilayah codes (public reference: a breadcrumb names the province around a kab/kota scope)."""
    return _run("wilayah_by_kode", "viewer", wilayah_scope.ALL, kode_list=tuple(kodes))


@st.cache_data(max_entries=64, show_spinner=False)
def _boundaries(level: str, kode_induk, key: tuple) -> Boundaries:
    df = _cached("boundary_by_wilayah", key, (("kode_induk", kode_induk), ("level", level)))
    if df.empty:
        return Boundaries(None, None, 0, frozenset(), None)
    version = _store_info(key).version
    folder = geo_files.folder(version)
    path, labels = _geojson_path(version, level, kode_induk), _labels_path(version, level, kode_induk)
    bounds = tuple(float(b) for b in (df["min_lon"].min(), df["min_lat"].min(), df["max_lon"].max(), df["max_lat"].max()))
    if not path.exists() or not labels.exists():
        import geo  # geopandas, pyogrio, pyproj: once per store version and view, not at every server's start

        folder.mkdir(parents=True, exist_ok=True)
        rows = list(df[["kode", "geometry"]].itertuples(index=False))
        tolerance = geo.view_tolerance(level, bounds)  # a province's desa: finer than a pixel, so coarser
        _write(path, geo.feature_collection(geo.coarser(rows, tolerance) if tolerance else rows))
        _write(labels, geo.label_file(zip(df["kode"], df["nama"], df["geometry"])))
        geo_files.tidy()  # other versions' folders, only those no server has used for a while
    return Boundaries(
        url=f"app/static/geo/{version}/{path.name}",
        path=str(path),
        n_bytes=path.stat().st_size,
        kodes=frozenset(df["kode"]),
        bounds=bounds,
        labels_url=f"app/static/geo/{version}/{labels.name}",
    )


def _geojson_path(version: str, level: str, kode_induk) -> Path:
    return geo_files.folder(version) / f"{level}_{kode_induk or 'all'}.geojson"


def _labels_path(version: str, level: str, kode_induk) -> Path:
    # the label file's name changes with what it holds ("-2": the room of each unit's largest part, geo.label_file),
    # so that a store's older file is not served after an update
    return geo_files.folder(version) / f"{level}_{kode_induk or 'all'}-2.labels.json"


def written_labels_url(level: str, kode_induk: str | None) -> str | None:
    """The URL of the names and label points of the units at `level` under `kode_induk` when written, else None: as
    written_boundaries_url, for the page's overlay to fetch a likely next view's names ahead (ui.maps.ahead_urls)."""
    return _written_url(_labels_path, level, kode_induk)


def written_boundaries_url(level: str, kode_induk: str | None) -> str | None:
    """The URL of the GeoJSON of the units at `level` under `kode_induk` when its file is already written (boundaries()
    writes it at the view's first use), else None: for a page that fetches a view's file ahead (ui.maps.ahead_urls), which
    must not make another view's file, seconds for a province's desa, on this view's rerun."""
    return _written_url(_geojson_path, level, kode_induk)


def _written_url(path_of, level: str, kode_induk: str | None) -> str | None:
    """The URL of the file `path_of(version, level, kode_induk)` of this store's version when written, its folder
    marked as used (data.geo_files.use), else None."""
    version = store_info().version
    path = path_of(version, level, kode_induk)
    geo_files.use(version)
    return f"app/static/geo/{version}/{path.name}" if path.exists() else None


def _write(path: Path, data: bytes) -> None:
    """Write a static file whole or not at all: a reader (another session, the browser) never sees half of it."""
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def boundaries(level: str, kode_induk: str | None) -> Boundaries:
    """Simplified boundaries of the units at `level` under `kode_induk`, written once per store
    version as a static GeoJSON file the browser fetches by URL (geometry never rides on a rerun)."""
    return _at_version(lambda key: _boundaries_there(level, kode_induk, key))


def _boundaries_there(level: str, kode_induk: str | None, key: tuple) -> Boundaries:
    result = _boundaries(level, kode_induk, key)
    if result.path and not _files_there(result):  # removed while cached (data.geo_files: unused for a while)
        _boundaries.clear(level, kode_induk, key)
        result = _boundaries(level, kode_induk, key)
    return result


def _files_there(b: Boundaries) -> bool:
    """Whether the files a Boundaries names are there, its version's folder marked as used (data.geo_files.use): a
    cached Boundaries does not outlive its files, and its URLs are not given to a browser to meet a 404."""
    folder = Path(b.path).parent
    geo_files.use(folder.name)
    return os.path.exists(b.path) and (b.labels_url is None or os.path.exists(folder / b.labels_url.rsplit("/", 1)[-1]))


@st.cache_resource(max_entries=32, show_spinner=False)
def _boundary_frame(level: str, kode_induk, key: tuple):
    import geopandas as gpd  # for a figure drawn on the server: not imported at a server's start (tests/test_load.py)
    import shapely

    df = _cached("boundary_by_wilayah", key, (("kode_induk", kode_induk), ("level", level)))
    return gpd.GeoDataFrame(df[["kode", "nama"]], geometry=shapely.from_geojson(df["geometry"].to_numpy()), crs=4326)


def boundary_frame(level: str, kode_induk: str | None):
    """The stored (simplified) boundaries of the units at `level` under `kode_induk` as a GeoDataFrame (kode, nama,
    geometry in EPSG:4326), for figures drawn on the server (figures/staticmap.py). Parsed once per store version
    and shared by every session (cache_resource: one object, not a copy per call), so callers must not change it."""
    return _at_version(lambda key: _boundary_frame(level, kode_induk, key))


def _reader(name: str):
    """The read function of one named query: the caller `who` first (not for reference data: module docstring),
    then keyword parameters as in the query's header. A wrong, missing or fixed one, or a value outside the header's
    set, raises queries.QueryError naming it, a wilayah outside the caller's scope queries.ScopeRefused; fixed ones
    (reference files, small-cell protection for the caller's role) are bound by data.queries itself."""
    query = queries.read_query(name)
    reference = query.scope[0] == "reference"

    def result(role: str, scope: str, params: dict) -> Result:
        fixed = query.fixed_values(protection.check_role(role))  # named in the "Sumber data" note
        return Result(_run(name, role, scope, **params), Source(name, {**fixed, **params}, store_info(),
                                                                None if reference else role, None if reference else scope))

    if reference:
        def read(**params) -> Result:
            return result("viewer", wilayah_scope.ALL, params)
    else:
        def read(who, **params) -> Result:
            return result(who.role, who.scope, params)

    read.__name__ = read.__qualname__ = name
    read.__doc__ = query.header
    return read


# Peta and the filters
ats_by_wilayah = _reader("ats_by_wilayah")
survey_rounds = _reader("survey_rounds")

# Tren (views/tren.py): targets (illustrative) and a reference series of another source are files of data/reference
ats_trend_by_round = _reader("ats_trend_by_round")
ats_trend_by_group = _reader("ats_trend_by_group")
aps_by_round = _reader("aps_by_round")
ats_target_by_round = _reader("ats_target_by_round")
ats_reference_by_year = _reader("ats_reference_by_year")

# Penanganan (views/penanganan.py)
handling_funnel = _reader("handling_funnel")
handling_summary_by_round = _reader("handling_summary_by_round")
handling_outcome_by_type = _reader("handling_outcome_by_type")
handling_pathway_by_intervention = _reader("handling_pathway_by_intervention")
handling_reason_by_kategori = _reader("handling_reason_by_kategori")
handling_reason_by_wilayah = _reader("handling_reason_by_wilayah")
handling_worklist_by_kel = _reader("handling_worklist_by_kel")

# KLA cluster IV (views/kla.py). Writes go through data/kla.py; a write swaps in a new store file, so the next
# call here reads it (the cache key is the file's mtime and size).
kla_indicators_by_kab = _reader("kla_indicators_by_kab")
kla_indicators_by_tahun = _reader("kla_indicators_by_tahun")
kla_ranking_by_kab = _reader("kla_ranking_by_kab")
kla_evaluasi_by_kab = _reader("kla_evaluasi_by_kab")
kla_definitions_by_indikator = _reader("kla_definitions_by_indikator")
kla_audit_by_kab = _reader("kla_audit_by_kab")


# Figures (ui.widgets.chart): plotly.graph_objects validates every property a builder sets, 0.85 s of a Tren rerun
# for its seven figures; the figure is built once per its inputs instead, and rerun after rerun read back as the JSON
# text the browser is sent (ui/plotly_chart.py), not made again from a dict.
@st.cache_data(max_entries=256, show_spinner=False)
def _figure(key: tuple, _build) -> str:
    return to_json_plotly(_build())


def figure(key: tuple, build) -> str:
    """The JSON of the Plotly figure `build()` returns (numpy arrays as lists, NaN as null), built once per `key` in
    this process. `key` must hold everything the figure is drawn from (the builder's name, its arguments, the
    language): Streamlit hashes it, DataFrames by content, so a new query result, filter or language is a new
    figure."""
    return _figure(key, build)


# Screen maps (ui.maps.build_once): a map's classes and figure dict, once per query result, measure, classification,
# view and words; natural breaks and the figure's dicts are about 15 ms of CPU of every rerun of a province's desa map.
# A map's dict is larger than a chart's (a province's 3,059 desa: about 300 KB), so fewer are kept.
@st.cache_data(max_entries=64, show_spinner=False)
def _map(key: tuple, _build) -> tuple:
    return _build()


def screen_map(key: tuple, build) -> tuple:
    """What `build()` returns (a map's figure dict and classes), made once per `key` in this process and read back as
    a copy (Streamlit's cache_data: a caller may change what it gets). `key` must name everything the map is drawn
    from, as for figure(), its query result by its source (ui.widgets.drawn_from), not by its rows."""
    return _map(key, build)
