"""Architecture rules of DESIGN.md section 1, checked by walking the imports and the source."""

import ast
import re
import sys

from data.config import ROOT

PACKAGES = ("domain", "data", "geo", "figures", "ui", "views", "pack")


def modules():
    for folder in PACKAGES:
        for path in sorted((ROOT / folder).rglob("*.py")):  # a package (data/importer/) with its modules
            yield folder, path
    yield "app", ROOT / "app.py"


def imports(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module.split(".")[0]


def test_dependencies_point_one_way():
    allowed = {
        "domain": {"domain"},
        "geo": {"geo", "domain"},
        "data": {"data", "geo", "domain"},
        "figures": {"figures", "geo", "domain"},  # drawing only: words and classes come from ui
        "ui": {"ui", "data", "geo", "figures", "domain"},
        "views": {"ui", "data", "geo", "domain", "pack"},
        "app": {"ui", "data", "views", "domain"},
        # the meeting pack sits above ui: its words come from ui's catalogue and View, its numbers from data.api
        "pack": {"pack", "ui", "figures", "data", "geo", "domain"},
    }
    # `python -m data report` writes meeting packs: data/__main__.py is an entry point like app.py, so it may
    # import pack (which imports ui); the rest of data never does
    entry_points = {ROOT / "data" / "__main__.py": {"pack"}}
    for layer, path in modules():
        own = {m for m in imports(path) if m in PACKAGES}
        may = allowed[layer] | entry_points.get(path, set())
        assert own <= may, f"{path.relative_to(ROOT)} imports {sorted(own - may)}"


def test_domain_is_the_bottom_layer_and_geo_knows_no_store():
    """domain (wilayah codes, vocabularies) imports only the standard library and its own modules; geo reaches the
    code parsing through domain, never through data (the DuckDB layer)."""
    domain = [path for layer, path in modules() if layer == "domain"]
    assert {p.name for p in domain} >= {"__init__.py", "codes.py", "wilayah.py"}
    for path in domain:
        foreign = {m for m in imports(path) if m != "domain" and m not in sys.stdlib_module_names}
        assert not foreign, f"{path.relative_to(ROOT)} imports {sorted(foreign)}"
    for path in (ROOT / "geo").glob("*.py"):
        assert "data" not in set(imports(path)), f"{path.relative_to(ROOT)} imports data"
        assert not re.search(r"^\s*(from|import) data\b", path.read_text(), re.M), path


def test_only_data_touches_duckdb_and_only_the_api_caches():
    for layer, path in modules():
        text = path.read_text()
        mods = set(imports(path))
        if layer != "data":
            assert "duckdb" not in mods, f"{path.relative_to(ROOT)} talks to DuckDB"
        if path != ROOT / "data" / "api.py":
            assert "st.cache_" not in text, f"{path.relative_to(ROOT)} uses st.cache_*"
        if layer in ("data", "geo", "figures"):
            assert "streamlit" not in mods or path.name == "api.py", f"{path.relative_to(ROOT)} imports streamlit"


def test_views_hold_no_sql_and_no_dataframe_arithmetic():
    for path in (ROOT / "views").glob("*.py"):
        text = path.read_text()
        assert not re.search(r"\b(SELECT|FROM|GROUP BY)\b", text), path
        assert not re.search(r"\.(groupby|merge|query|agg|sum|mean)\(", text), path


def test_no_sql_is_formatted_from_values():
    """Values are bound, never formatted into SQL: no f-string or % or .format around SQL text."""
    for _, path in modules():
        for line in path.read_text().splitlines():
            if re.search(r"(f\"|f')\s*(SELECT|INSERT|UPDATE|DELETE|WITH)\b", line):  # SQL is written in upper case
                allowed = "fixed list" in line or "quoted by _ident" in line  # identifiers, never values
                assert allowed, f"{path.relative_to(ROOT)}: SQL built with an f-string: {line.strip()}"
