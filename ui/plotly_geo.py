"""plotly.js's geo-only bundle (npm package plotly.js-geo-dist-min), which draws the screen maps (ui/geo_map.py).

Streamlit's st.plotly_chart loads its own Plotly chunk, 4.7 MB of JavaScript that a tab parses and evaluates at every
page load (0.7-0.9 s of CPU) before any chart can draw; the geo-only bundle of the same plotly.js release is 1.4 MB
and draws the same figure (benchmarks/README.md, "peta-first" and "geo-map"). It is not committed: `make` fetches the
pinned release from the npm registry once (`python -m ui.plotly_geo`), checks it against the registry's sha512, and
keeps the bundle and its licence in static/plotly/ (served by Streamlit's static serving, .gitignore'd).

The release is the one the pinned plotly (Python) package bundles (plotly/package_data/plotly.min.js): the figures
built in Python are drawn by the plotly.js they were made for. tests/test_geo_map.py checks the two agree."""

import base64
import hashlib
import io
import sys
import tarfile
import urllib.request
from pathlib import Path

PACKAGE = "plotly.js-geo-dist-min"
VERSION = "4.1.1"
# dist.integrity of the release in the npm registry (https://registry.npmjs.org/plotly.js-geo-dist-min/4.1.1)
INTEGRITY = "sha512-XPBno+FN2WGUTqtim/0UKmKqZ3kZ5ooAWqITWWGooqVWRd+cIZDh1Pv10N3848uQdgrrqyGratT00bREBPux3Q=="
TARBALL = f"https://registry.npmjs.org/{PACKAGE}/-/{PACKAGE}-{VERSION}.tgz"
FOLDER = Path(__file__).resolve().parent.parent / "static" / "plotly"
BUNDLE = FOLDER / "plotly-geo.min.js"
LICENSE = FOLDER / "plotly-geo.LICENSE"
# as the page asks for it: relative (works under a base URL path too), with the release in the query, as Streamlit's
# static files come with no Cache-Control (a browser keeps them by its own heuristic): a new pin is a new URL
URL = f"./app/static/plotly/plotly-geo.min.js?v={VERSION}"
FILES = {"package/plotly-geo.min.js": BUNDLE, "package/LICENSE": LICENSE}


class FetchError(RuntimeError):
    pass


def installed_version(path: Path | None = None) -> str | None:
    """The release named in the banner of the bundle (`path`, BUNDLE by default): "plotly.js (geo - minified) v4.1.1";
    None without a bundle."""
    path = path or BUNDLE
    if not path.exists():
        return None
    with path.open("rb") as f:
        head = f.read(200).decode("utf-8", "replace")
    marker = "plotly.js (geo - minified) v"
    return head.split(marker, 1)[1].split()[0] if marker in head else None


def is_installed() -> bool:
    return installed_version() == VERSION


def _verified(data: bytes) -> bytes:
    algorithm, expected = INTEGRITY.split("-", 1)
    actual = base64.b64encode(hashlib.new(algorithm, data).digest()).decode()
    if actual != expected:
        raise FetchError(f"{TARBALL}: checksum {algorithm}-{actual} is not the pinned {INTEGRITY}; nothing was kept")
    return data


def install(tarball: bytes) -> None:
    """Unpack the bundle and its licence from `tarball` (verified) into static/plotly/, each written to a temporary
    name and renamed: a server serving the folder meanwhile never reads half a file."""
    with tarfile.open(fileobj=io.BytesIO(_verified(tarball)), mode="r:gz") as tar:
        for member, target in FILES.items():
            source = tar.extractfile(member)
            if source is None:
                raise FetchError(f"{TARBALL}: no {member} in the package")
            target.parent.mkdir(parents=True, exist_ok=True)
            part = target.with_name(target.name + ".part")
            part.write_bytes(source.read())
            part.replace(target)


def fetch(timeout: float = 60) -> None:
    try:
        with urllib.request.urlopen(TARBALL, timeout=timeout) as response:
            tarball = response.read()
    except OSError as e:
        raise FetchError(f"cannot download {TARBALL} ({e}); the dashboard's maps need it: run `make` again with the "
                         "npm registry reachable") from e
    install(tarball)


def main() -> int:
    if is_installed():
        BUNDLE.touch()  # newer than ui/plotly_geo.py: make asks no more
        return 0
    try:
        fetch()
    except FetchError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    print(f"{PACKAGE} {VERSION} -> {BUNDLE.relative_to(FOLDER.parent.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
