"""The public upstream of boundaries: Cahya DSN's `wilayah_boundaries` (MIT), read at a pinned commit.

Upstream keeps one SQL file per level and area (paths relative to the repository root):

    db/prov/wilayah_boundaries_prov_<N>.sql     provinces, N = one of 8 groups of provinces (PROV_GROUPS)
    db/kab/wilayah_boundaries_kab_<PROV>.sql    the kab/kota of one province
    db/kec/wilayah_boundaries_kec_<PROV>.sql    the kecamatan of one province
    db/kel/<PROV>/wilayah_boundaries_kel_<KAB>.sql  the desa/kelurahan of one kab/kota

Each file holds `INSERT INTO wilayah_boundaries(kode,nama,lat,lng,path) VALUES (...), ...;` rows like
`('73.73.01.1001','Tompotikka',<lat>,<lng>,'<path>')`, where path is a JSON array of rings (a polygon)
or of polygons (a multipolygon) with points written `[lat, lng]`, and lat/lng the unit's centroid.

Pure: builds paths, downloads bytes, checks them, parses them. Knows nothing of the store.
"""

import hashlib
import http.client
import json
import re
import urllib.error
import urllib.parse
import urllib.request

import geopandas as gpd
import numpy as np
import shapely

from domain.wilayah import CODE_LENGTH, level_of, normalize_kode
from geo.boundaries import GeoInputError, _polygonal

REPOSITORY = "cahyadsn/wilayah_boundaries"
# Upstream commit of 2026-08-20 (short 3c5a7960f4d2, as in ../shared/geo/README.md). Change it only
# together with CHECKSUMS, then import again and review the report.
COMMIT = "3c5a7960f4d227a38489094d84252bdbb3f978a5"
DEFAULT_BASE_URL = f"https://raw.githubusercontent.com/{REPOSITORY}/{COMMIT}"

# The province files are not one per province: db/prov/wilayah_boundaries_prov_<N>.sql holds a group
# (the file header says e.g. "prov 6 (72-76)"). Groups as in the upstream file headers.
PROV_GROUPS = {
    1: ("11", "12", "13", "14", "15"),
    2: ("16", "17", "18", "19", "21"),
    3: ("31", "32", "33", "34", "35"),
    4: ("36", "51", "52", "53", "61"),
    5: ("62", "63", "64", "65", "71"),
    6: ("72", "73", "74", "75", "76"),
    7: ("81", "82", "91", "92", "96"),
    8: ("93", "94", "95"),
}
PROV_FILE_NUMBER = {prov: n for n, provs in PROV_GROUPS.items() for prov in provs}

# SHA-256 of upstream files at COMMIT, as published in ../shared/geo/README.md. A file listed here
# must match; a file not listed is accepted and its hash reported (checksum "unknown").
CHECKSUMS = {
    "LICENSE": "4f1ca94ef4795a12d24c82b92761e80e358d03f37c4024ea8a2b89a787de5b89",
    "db/ddl_wilayah_boundaries.sql": "d7a57db384e5f88208f81cb500b6bc584d58d07dacef6bf2a964440f119c889f",
    "db/kab/wilayah_boundaries_kab_73.sql": "f6dea2ba0404e29455056dfd0ed16218f3b4aab8d90552d04a9e48fa2686a285",
    "db/kec/wilayah_boundaries_kec_73.sql": "3161191fc471d9fc1c6312ab0f9d1ae38b82d312e557adcee1f7abcd49e7890a",
    "db/kel/63/wilayah_boundaries_kel_63.10.sql": "0377dfca3d381780383b05109e883823275ef737b1cf476a333958454ca26432",
    "db/kel/73/wilayah_boundaries_kel_73.05.sql": "503861f6f513cd8c9f573bb4b33115e8413d0f28cd16cac9caf85d47f0b6bc56",
    "db/kel/73/wilayah_boundaries_kel_73.08.sql": "a34bc645ba12592fa246cf62cb748a06645adb2150832c58c573ef428aeafbfc",
    "db/kel/73/wilayah_boundaries_kel_73.73.sql": "5bfa119dc7afce106c2b2c498f549f64b8926477059ba129f988cc84bbe7be83",
    "db/prov/wilayah_boundaries_prov_6.sql": "5f139f7161860c89ce844215bffd4471f49245c9eef297bb8413801c07526cd4",
}

TIMEOUT = 60  # seconds without data before a download is given up
MAX_BYTES = 300 * 1024 * 1024  # the largest upstream file is a few tens of MB
_CHUNK = 256 * 1024
_OFFLINE_HINT = (
    "Without internet access, point --source-url at a copy of the upstream files "
    "(a folder served over http, or file:///path/to/wilayah_boundaries), "
    "or import a boundary file with `python -m data boundaries FILE`"
)


class UpstreamFileMissing(GeoInputError):
    """The server answered 404: the upstream has no such file (at this commit)."""


def _no_op(fraction: float, message: str) -> None:
    pass


def prov_path(kode_prov: str) -> str:
    if kode_prov not in PROV_FILE_NUMBER:
        raise GeoInputError(f"province {kode_prov} is in none of the upstream province files ({', '.join(sorted(PROV_FILE_NUMBER))})")
    return f"db/prov/wilayah_boundaries_prov_{PROV_FILE_NUMBER[kode_prov]}.sql"


def kab_path(kode_prov: str) -> str:
    return f"db/kab/wilayah_boundaries_kab_{kode_prov}.sql"


def kec_path(kode_prov: str) -> str:
    return f"db/kec/wilayah_boundaries_kec_{kode_prov}.sql"


def kel_path(kode_kab: str) -> str:
    return f"db/kel/{kode_kab[:2]}/wilayah_boundaries_kel_{kode_kab}.sql"


def paths_for(kode: str, kab_codes=()) -> list[str]:
    """Upstream files holding the boundaries of a province (`73`) or kab/kota (`73.73`) and its units.

    A province needs its province, kab and kec files and the kel file of each of its kab/kota: pass
    them as `kab_codes` (from the wilayah reference; this module does not read it). A kab/kota needs
    the province, kab and kec files of its province and its own kel file."""
    try:
        kode = normalize_kode(kode)
    except ValueError as e:
        raise GeoInputError(f"'{kode}' is not a province or kab/kota code: {e}", code="download_not_a_code", kode=kode) from e
    if len(kode) not in (CODE_LENGTH["prov"], CODE_LENGTH["kab"]):
        raise GeoInputError(f"{kode} is not a province or kab/kota: download takes a code like 73 or 73.73",
                            code="download_wrong_level", kode=kode, level=level_of(kode))
    prov = kode[:2]
    paths = [prov_path(prov), kab_path(prov), kec_path(prov)]
    if len(kode) == CODE_LENGTH["kab"]:
        return paths + [kel_path(kode)]
    kabs = sorted({normalize_kode(k) for k in kab_codes})
    wrong = [k for k in kabs if len(k) != CODE_LENGTH["kab"] or k[:2] != prov]
    if wrong:
        raise GeoInputError(f"{', '.join(wrong)} are not kab/kota of province {prov}")
    return paths + [kel_path(k) for k in kabs]


def url_for(base_url: str, path: str) -> str:
    return base_url.rstrip("/") + "/" + path


def check_source_url(url: str) -> None:
    """Refuse a source that is not an http(s):// address without a user name or password, or a file:// path.
    Other schemes (ftp:, data:, gopher: ...) and credentials in the address are refused before anything is
    requested. Only the machine's operator chooses a source: `--source-url` on the command line, or
    ATS_BOUNDARY_SOURCE_URL for the Impor page, which takes no address from its visitors."""
    parts = urllib.parse.urlsplit(url)
    remote = parts.scheme in ("http", "https") and parts.hostname and parts.username is None and parts.password is None
    local = parts.scheme == "file" and not parts.netloc and parts.username is None
    if not (remote or local):
        shown = parts._replace(netloc=parts.hostname or "").geturl() if parts.username or parts.password else url
        raise GeoInputError(f"{shown[:200]}: --source-url must be an http(s):// address without a user name or password, "
                            "or a file:// path", code="download_bad_url", url=shown[:200])


def fetch(base_url: str, path: str, progress=None) -> tuple[bytes, dict]:
    """Download one upstream file; returns its bytes and {path, url, bytes, sha256, checksum}.

    checksum is "ok" when the file matches the pinned CHECKSUMS, "unknown" when no checksum is pinned
    for it. Raises GeoInputError naming the URL when the download fails, is cut off (fewer bytes than
    the server's Content-Length) or the checksum differs (UpstreamFileMissing when the server says 404).
    progress(fraction of this file, message)."""
    progress = progress or _no_op
    url = url_for(base_url, path)
    check_source_url(url)
    scheme = urllib.parse.urlsplit(url).scheme
    request = urllib.request.Request(url, headers={"User-Agent": "ats-dashboard boundary download"})
    chunks, got = [], 0
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            total = response.headers.get("Content-Length")
            total = int(total) if total and total.isdigit() else None
            while chunk := response.read(_CHUNK):
                chunks.append(chunk)
                got += len(chunk)
                if got > MAX_BYTES:
                    raise GeoInputError(f"{url} is larger than {MAX_BYTES // 2**20} MB; it is not an upstream boundary file",
                                        code="download_too_large", url=url, mb=MAX_BYTES // 2**20)
                progress(got / total if total else 0.0, f"{path.rsplit('/', 1)[-1]} {got / 1e6:.1f} MB")
    except urllib.error.HTTPError as e:
        if e.code == 404:
            raise UpstreamFileMissing(
                f"{url} not found (HTTP 404): the source has no such file. Check --source-url, or import "
                "a boundary file with `python -m data boundaries FILE`",
                code="download_file_missing", url=url,
            ) from e
        raise GeoInputError(f"cannot download {url}: HTTP {e.code} {e.reason}",
                            code="download_http_error", url=url, status=e.code, reason=str(e.reason)) from e
    except (urllib.error.URLError, TimeoutError, OSError, http.client.HTTPException) as e:
        reason = getattr(e, "reason", None) or e
        if scheme == "file" and isinstance(reason, FileNotFoundError | NotADirectoryError):
            raise UpstreamFileMissing(f"{url} not found: the source has no such file. Check --source-url",
                                      code="download_file_missing", url=url) from e
        raise GeoInputError(f"cannot download {url}: {reason}. {_OFFLINE_HINT}",
                            code="download_failed", url=url, reason=str(reason)) from e
    if total is not None and got < total:
        raise GeoInputError(
            f"the download of {url} was cut off after {got:,} of {total:,} bytes, so nothing was imported; "
            "try again (a mirror with --source-url may be steadier)",
            code="download_cut_off", url=url, got=got, total=total,
        )
    data = b"".join(chunks)
    digest = hashlib.sha256(data).hexdigest()
    pinned = CHECKSUMS.get(path)
    if pinned is not None and digest != pinned:
        raise GeoInputError(
            f"{url}: SHA-256 {digest} differs from the pinned checksum {pinned} of {path} at upstream commit "
            f"{COMMIT[:12]}; the file was changed or damaged, so nothing was imported",
            code="download_checksum", url=url,
        )
    progress(1.0, path.rsplit("/", 1)[-1])
    return data, {"path": path, "url": url, "bytes": len(data), "sha256": digest, "checksum": "ok" if pinned else "unknown"}


# One VALUES row. The path may hold only numbers, commas, brackets and blanks, which keeps the match
# fast and anchors it; names are SQL strings ('' or \' for a quote).
_ROW = re.compile(
    r"\(\s*'(?P<kode>[^'\\]{1,40})'\s*,\s*'(?P<nama>(?:[^'\\]|''|\\.)*)'\s*,"
    r"\s*(?P<lat>[-+0-9.eE]+|NULL)\s*,\s*(?P<lng>[-+0-9.eE]+|NULL)\s*,"
    r"\s*'(?P<path>\[[-+0-9.eE,\[\]\s]*\])'\s*\)"
)
# Any row start, to count rows the strict pattern could not read.
_ROW_START = re.compile(r"\(\s*'[^'\\]{1,40}'\s*,\s*'")


def _unquote(text: str) -> str:
    return text.replace("''", "'").replace("\\'", "'").replace('\\"', '"').replace("\\\\", "\\")


def _depth(value) -> int:
    depth = 0
    while isinstance(value, list) and value:
        value = value[0]
        depth += 1
    return depth


def _polygons(path) -> tuple[list, int]:
    """Shapely polygons of a parsed path, points swapped [lat, lng] -> (lng, lat); and how many
    degenerate rings (fewer than 3 points) were dropped."""
    depth = _depth(path)
    if depth == 2:
        polygons = [[path]]  # a bare ring
    elif depth == 3:
        polygons = [path]
    elif depth == 4:
        polygons = path
    else:
        raise ValueError(f"path nested {depth} deep; expected rings (3) or polygons (4)")
    out, dropped = [], 0
    for rings in polygons:
        arrays = []
        for ring in rings:
            xy = np.asarray(ring, dtype=float)
            if xy.ndim != 2 or xy.shape[1] < 2:
                raise ValueError("a point is not [lat, lng]")
            if len(xy) < 3:
                dropped += 1
                continue
            arrays.append(xy[:, 1::-1])  # [lat, lng] -> (lng, lat)
        if not arrays:
            continue
        if np.abs(arrays[0][:, 1]).max() > 90:
            raise ValueError("latitude beyond 90 degrees: points are not written [lat, lng]")
        out.append(shapely.Polygon(arrays[0], arrays[1:]))
    return out, dropped


def parse_sql(text: str, *, source: str = "upstream file", select=None) -> gpd.GeoDataFrame:
    """Units of one upstream SQL file: GeoDataFrame of kode (dotted), nama, geometry in EPSG:4326.

    select(kode) -> bool, when given, keeps only those units; the others are not even built (a
    province file holds several large provinces). Invalid polygons are repaired with make_valid;
    several rows for one code are merged. Counts go to `.attrs`: rows, rows_unreadable (+ examples),
    bad_codes, not_selected, repaired (+ repaired_codes), rings_dropped, duplicates_merged.
    Raises GeoInputError when no row can be read, or when the points are not [lat, lng]."""
    if isinstance(text, bytes):
        text = text.decode("utf-8")
    kodes, names, geoms, errors = [], [], [], []
    bad_codes = rings_dropped = rows = not_selected = 0
    for m in _ROW.finditer(text):
        rows += 1
        try:
            kode = normalize_kode(m["kode"])
        except ValueError:
            bad_codes += 1
            continue
        if select is not None and not select(kode):
            not_selected += 1
            continue
        try:
            parts, dropped = _polygons(json.loads(m["path"]))
        except ValueError as e:  # json.JSONDecodeError is a ValueError
            errors.append(f"{kode}: {e}")
            continue
        rings_dropped += dropped
        if not parts:
            errors.append(f"{kode}: no polygon with 3 or more points")
            continue
        kodes.append(kode)
        names.append(_unquote(m["nama"]))
        geoms.append(parts[0] if len(parts) == 1 else shapely.MultiPolygon(parts))
    if rows == 0 or (not kodes and errors):
        detail = f" ({errors[0]})" if errors else ""
        raise GeoInputError(f"{source}: no wilayah_boundaries row could be read{detail}; is it an upstream SQL file?",
                            code="download_not_upstream", url=source)
    swapped = [e for e in errors if "not written [lat, lng]" in e]
    if swapped:
        raise GeoInputError(f"{source}: {swapped[0]}")

    geometry = np.array(geoms, dtype=object)
    invalid = ~shapely.is_valid(geometry) if len(geometry) else np.zeros(0, dtype=bool)
    if invalid.any():
        geometry[invalid] = shapely.make_valid(geometry[invalid])
        geometry = np.array(_polygonal(geometry), dtype=object)
    gdf = gpd.GeoDataFrame({"kode": kodes, "nama": names}, geometry=gpd.GeoSeries(list(geometry), crs="EPSG:4326"))
    gdf = gdf[gdf.geometry.notna() & ~gdf.geometry.is_empty]
    duplicates = int(gdf["kode"].duplicated().sum())
    if duplicates:
        gdf = gdf.dissolve(by="kode", aggfunc="first", as_index=False)[["kode", "nama", "geometry"]]
    gdf = gdf.reset_index(drop=True)
    gdf.attrs = {
        "rows": rows,
        "rows_unreadable": len(_ROW_START.findall(text)) - rows + len(errors),
        "unreadable_examples": errors[:5],
        "bad_codes": bad_codes,
        "not_selected": not_selected,
        "repaired": int(invalid.sum()),
        "repaired_codes": sorted(np.asarray(kodes, dtype=object)[invalid].tolist()),
        "rings_dropped": rings_dropped,
        "duplicates_merged": duplicates,
    }
    return gdf
