"""The SQL files in queries/: find them by name, read their headers, run them with bound values.

Each file holds one statement and opens with a header of `--` lines:

    -- Grain: one row per ...
    -- Params:
    --   level: VARCHAR, required, one of kab, kec, kel. Level of the rows
    --   kode: VARCHAR, optional, kode of wilayah at kab, kec. The unit; all when null
    --   survey_round: INTEGER, optional. Latest round when null
    --   max_rows: INTEGER, optional, at least 1. How many rows
    --   target_file: VARCHAR, fixed. Path of the targets CSV
    -- Scope: column kode. Rows outside the caller's scope are dropped
    -- Used by: views/peta.py

A read query's `Scope:` line says what its rows are about for the caller's wilayah scope (data/scope.py): `column
NAME` (rows outside the scope are dropped), `parameter NAME` (every row counts the wilayah of that parameter) or
`reference` (the same for everyone). run() enforces it, and refuses a `kode of wilayah` parameter outside the scope.
A parameter line reads `name: TYPE, required|optional|fixed[, CONSTRAINT]. What it means`. The header is the
query's contract, and the one place its allowed values are written: bind() and run() enforce what it declares, so
a value outside it is refused with a message (QueryError) instead of answering an empty or all-zero table.
CONSTRAINT is one of
    one of A, B, C                      the value must be one of these
    kode of wilayah [at LEVEL, ...]     a code of the store's wilayah table (of these levels); likewise
    kode of kla_indikator | kla_framework  a code of the KLA registry
    at least N                          an INTEGER not below N
A `fixed` parameter is set by the application only (FIXED below), never by a caller: a file path, say.
Every INTEGER must fit DuckDB's INTEGER, and text must be printable.

Values are always bound as DuckDB `$name` parameters; nothing is ever formatted into SQL.
"""

import datetime as dt
import re
import threading
import warnings
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa

from data import protection, reference, scope as wilayah_scope
from data.config import QUERIES, ROOT

# a query's rows are read as Arrow from its DB-API result (run() below), a copy of a few thousand rows at most
warnings.filterwarnings("ignore", message="Arrow output on a DB-API result", category=UserWarning)

KINDS = ("build", "read", "checks", "import")  # import: staging steps of data/importer/, in order
TYPES = {"VARCHAR": str, "INTEGER": int, "BOOLEAN": bool, "DOUBLE": float, "DATE": dt.date, "VARCHAR[]": list, "BLOB": bytes}
INTEGER_RANGE = (-(2**31), 2**31 - 1)  # DuckDB INTEGER
# Values of the `fixed` parameters, each a function of the caller's role: the application's own files (never a path
# from a caller) and the small-cell protection settings (data/protection.py; docs/protection.md)
FIXED = {
    "target_file": lambda role: str(reference.TARGET_ATS),
    "reference_file": lambda role: str(reference.ATS_REFERENCE),
    "min_cell": lambda role: protection.min_cell(),
    "min_denominator": lambda role: protection.min_denominator(),
    "protect": protection.protect,
}
FIXED_SOURCE = {  # what a refusal of a fixed parameter says sets it
    "target_file": str(reference.TARGET_ATS.relative_to(ROOT)),
    "reference_file": str(reference.ATS_REFERENCE.relative_to(ROOT)),
    "min_cell": "ATS_MIN_CELL",
    "min_denominator": "ATS_MIN_DENOMINATOR",
    "protect": "the role of the caller",
}
# Store tables a `kode of TABLE` parameter is checked against: the statement finding a code (and its level), what a
# code names there, and how to list them
LOOKUPS = {
    "wilayah": ("SELECT level FROM wilayah WHERE kode = $value", "wilayah",
                "`python -m data query wilayah_by_induk --param kode_induk=73` lists the units under 73"),
    "kla_indikator": ("SELECT NULL FROM kla_indikator WHERE kode = $value", "KLA indicator",
                      "`python -m data query kla_definitions_by_indikator` lists them"),
    "kla_framework": ("SELECT NULL FROM kla_framework WHERE kode = $value", "KLA framework",
                      "`python -m data query kla_definitions_by_indikator` lists the indicators by framework"),
}
_PARAM_LINE = re.compile(r"^--\s+(\w+):\s*([\w\[\]]+),\s*(required|optional|fixed)(?:,\s*([^.]+))?\.\s*(.*)$")
_ONE_OF = re.compile(r"one of (.+)")
_KODE_OF = re.compile(rf"kode of ({'|'.join(LOOKUPS)})(?: at (.+))?")
_AT_LEAST = re.compile(r"at least (-?\d+)")
_PARAM_USE = re.compile(r"\$([A-Za-z_]\w*)")
_SCOPE_LINE = re.compile(r"^--\s+Scope:\s*(column|parameter|reference)\b\s*(\w*)")


class QueryError(ValueError):
    """A query was asked for by a wrong name or with wrong parameters; the message says which."""


class ScopeRefused(QueryError):
    """A read naming a wilayah outside the caller's scope (code `out_of_scope`), or a query about one wilayah asked
    without one by a caller whose scope is not all of Indonesia (`scope_needs_wilayah`); `values` let a page say it
    in its language."""

    def __init__(self, code: str, message: str, **values):
        super().__init__(message)
        self.code = code
        self.values = values


class QueryTooLarge(RuntimeError):
    pass


def shown(value, limit: int = 60) -> str:
    """A value from outside as a message quotes it: on one line, printable, cut at `limit` characters."""
    text = str(value)
    cut = text[:limit] + ("…" if len(text) > limit else "")
    return "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in cut)


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    required: bool
    doc: str
    fixed: bool = False  # set by the application (FIXED), never by a caller
    allowed: tuple[str, ...] | None = None  # one of these
    lookup: str | None = None  # a kode of this store table (LOOKUPS)
    levels: tuple[str, ...] | None = None  # with lookup wilayah: of these levels
    minimum: int | None = None

    def allowed_text(self) -> str:
        """What the header allows, as `python -m data queries` lists it."""
        if self.allowed:
            return "|".join(self.allowed)
        if self.lookup:
            return f"kode of {self.lookup}" + (f" at {'|'.join(self.levels)}" if self.levels else "")
        if self.minimum is not None:
            return f">={self.minimum}"
        return self.type


@dataclass(frozen=True)
class Query:
    name: str  # e.g. "ats/ats_by_wilayah" for read queries, "010_agg_ats_kel" for build steps
    kind: str
    path: Path
    sql: str
    params: tuple[Param, ...]
    header: str
    scope: tuple[str, str] | None = None  # read queries: ("column" | "parameter" | "reference", name), data/scope.py

    @property
    def stem(self) -> str:
        return self.path.stem

    def used_params(self) -> set[str]:
        body = "\n".join(line for line in self.sql.splitlines() if not line.lstrip().startswith("--"))
        return set(_PARAM_USE.findall(body))

    def fixed_values(self, role: str = "viewer") -> dict:
        """The values this query's fixed parameters are bound to for a caller of `role`."""
        return {p.name: FIXED[p.name](role) for p in self.params if p.fixed}

    def bind(self, values: dict, role: str = "viewer") -> dict:
        """Check and convert values for this query's params: unknown, missing, fixed or out-of-set ones raise
        QueryError. Fixed ones are bound for a caller of `role` (data.protection.ROLES). Codes are checked against
        the store by run()."""
        known = {p.name: p for p in self.params}
        unknown = set(values) - set(known)
        if unknown:
            raise QueryError(
                f"query {self.name} has no parameter {', '.join(shown(u) for u in sorted(unknown))}; "
                f"its parameters are: {', '.join(p.name for p in self.params if not p.fixed) or 'none'}"
            )
        bound = {}
        for p in self.params:
            value = values.get(p.name)
            if p.fixed:
                if p.name in values:
                    raise QueryError(
                        f"parameter {p.name} of query {self.name} is set by the application "
                        f"({FIXED_SOURCE[p.name]}), not from outside"
                    )
                bound[p.name] = FIXED[p.name](role)
                continue
            if value is None or value == "":
                if p.required:
                    raise QueryError(f"query {self.name} needs parameter {p.name} ({p.type}): {p.doc}")
                bound[p.name] = None
                continue
            bound[p.name] = _check(p, _convert(p, value, self.name), self.name)
        return bound


def _convert(p: Param, value, query_name: str):
    target = TYPES[p.type]
    if target is list:  # a list parameter: a Python sequence, or comma-separated text from the command line
        items = value.split(",") if isinstance(value, str) else list(value)
        return [_text(p, str(item).strip(), query_name) for item in items if str(item).strip()]
    if isinstance(value, target) and not (target is int and isinstance(value, bool)):
        return _text(p, value, query_name) if target is str else value
    text = str(value).strip()
    try:
        if target is bool:
            if text.lower() in ("true", "1", "ya", "yes"):
                return True
            if text.lower() in ("false", "0", "tidak", "no"):
                return False
            raise ValueError
        if target is dt.date:
            return dt.date.fromisoformat(text)
        if target is str:
            return _text(p, text, query_name)
        return target(text)
    except ValueError:
        raise QueryError(f"parameter {p.name} of query {query_name} must be {p.type}, got '{shown(value)}'") from None


def _text(p: Param, text: str, query_name: str) -> str:
    if not text.isprintable():  # a control character, a lone surrogate: no code or word of the data has one
        raise QueryError(f"parameter {p.name} of query {query_name} must be printable text, got '{shown(text)}'")
    return text


def _check(p: Param, value, query_name: str):
    """The header's constraint on a converted value (codes of store tables are checked by run())."""
    where = f"parameter {p.name} of query {query_name}"
    if p.allowed is not None and value not in p.allowed:
        left_out = "" if p.required else " (or left out)"
        raise QueryError(f"{where} must be one of {', '.join(p.allowed)}{left_out}, got '{shown(value)}'")
    if isinstance(value, int) and not isinstance(value, bool):
        low, high = INTEGER_RANGE
        if p.minimum is not None:
            low = max(low, p.minimum)
        if not low <= value <= high:
            raise QueryError(f"{where} must be an integer from {low} to {high}, got {shown(value)}")
    return value


def _check_scope(query: Query, bound: dict, scope: str) -> None:
    """The caller's scope against the wilayah a read names (data/scope.py): every `kode of wilayah` parameter inside
    it, and the wilayah a `parameter` query counts given. Reference data is the same for everyone."""
    kind, name = query.scope
    if kind == "reference" or scope == wilayah_scope.ALL:
        return
    for p in query.params:
        value = bound.get(p.name)
        if p.lookup == "wilayah" and value is not None and not wilayah_scope.covers(scope, value):
            raise ScopeRefused(
                "out_of_scope",
                f"parameter {p.name} of query {query.name} names wilayah {shown(value)}, outside the scope {scope}: "
                f"only {scope} and the wilayah under it can be read",
                param=p.name, kode=str(value), scope=scope)
    if kind == "parameter" and bound.get(name) is None:
        raise ScopeRefused(
            "scope_needs_wilayah",
            f"query {query.name} counts the children of one wilayah: give {name}={scope} or a wilayah under it "
            f"(the scope is {scope}, not all of Indonesia)",
            param=name, scope=scope)


def _check_codes(cur, query: Query, bound: dict) -> None:
    """Codes of store tables (`kode of TABLE`) that name nothing there are refused, not answered by an empty table."""
    for p in query.params:
        value = bound.get(p.name)
        if p.lookup is None or value is None:
            continue
        sql, noun, hint = LOOKUPS[p.lookup]
        rows = cur.execute(sql, {"value": value}).fetchall()
        if not rows:
            raise QueryError(f"parameter {p.name} of query {query.name}: no {noun} has code '{shown(value)}' ({hint})")
        if p.levels and rows[0][0] not in p.levels:
            raise QueryError(
                f"parameter {p.name} of query {query.name} must be the code of a {' or '.join(p.levels)} unit, "
                f"got '{shown(value)}' (a {rows[0][0]})"
            )


def _constraint(path: Path, name: str, type_: str, text: str | None) -> dict:
    if text is None:
        return {}
    text = text.strip()
    if m := _ONE_OF.fullmatch(text):
        return {"allowed": tuple(v.strip() for v in m[1].split(","))}
    if m := _KODE_OF.fullmatch(text):
        levels = tuple(v.strip() for v in m[2].split(",")) if m[2] else None
        return {"lookup": m[1], "levels": levels}
    if (m := _AT_LEAST.fullmatch(text)) and type_ == "INTEGER":
        return {"minimum": int(m[1])}
    raise QueryError(f"{path}: parameter {name} has an unknown constraint '{text}'")


def _parse(path: Path, kind: str) -> Query:
    text = path.read_text(encoding="utf-8")
    header_lines = []
    for line in text.splitlines():
        if not line.startswith("--"):
            break
        header_lines.append(line)
    params = []
    for m in (_PARAM_LINE.match(line) for line in header_lines):
        if not m:
            continue
        name, type_, mode = m[1], m[2].upper(), m[3]
        if type_ not in TYPES:
            raise QueryError(f"{path}: parameter {name} has unknown type {type_}")
        if mode == "fixed" and name not in FIXED:
            raise QueryError(f"{path}: parameter {name} is fixed, but data.queries.FIXED has no value for it")
        params.append(Param(name, type_, mode == "required", m[5].strip(), fixed=mode == "fixed",
                            **_constraint(path, name, type_, m[4])))
    rel = path.relative_to(QUERIES / kind).with_suffix("")
    return Query(rel.as_posix(), kind, path, text, tuple(params), "\n".join(header_lines),
                 _scope_rule(path, header_lines, params) if kind == "read" else None)


def _scope_rule(path: Path, header_lines: list[str], params: list[Param]) -> tuple[str, str]:
    """A read query's `-- Scope:` line (data/scope.py), checked against its parameters: every read query has one."""
    found = [m for m in map(_SCOPE_LINE.match, header_lines) if m]
    if len(found) != 1:
        raise QueryError(f"{path}: a read query's header needs one line `-- Scope: column NAME | parameter NAME | "
                         "reference.` (data/scope.py)")
    kind, name = found[0][1], found[0][2]
    if (kind == "reference") != (name == ""):
        raise QueryError(f"{path}: `Scope: {kind}` {'takes no name' if kind == 'reference' else 'needs a name'}")
    if kind == "parameter" and not any(p.name == name and p.lookup == "wilayah" for p in params):
        raise QueryError(f"{path}: `Scope: parameter {name}` names no `kode of wilayah` parameter")
    return kind, name


def all_queries(kind: str) -> list[Query]:
    """Every query of one kind, ordered by path (build steps are numbered for order)."""
    if kind not in KINDS:
        raise QueryError(f"unknown query kind {kind}; one of {', '.join(KINDS)}")
    return [_parse(p, kind) for p in sorted((QUERIES / kind).rglob("*.sql"))]


def read_query(name: str) -> Query:
    """A read query by its name ('ats/ats_by_wilayah') or stem ('ats_by_wilayah')."""
    queries = all_queries("read")
    found = [q for q in queries if name in (q.name, q.stem)]
    if not found:
        names = ", ".join(q.stem for q in queries)
        raise QueryError(f"no read query named '{shown(name)}'. Read queries: {names}")
    return found[0]


def run(con, query: Query, values: dict, *, role: str = "viewer", scope: str = wilayah_scope.ALL,
        timeout_s: float = 10.0, max_rows: int = 200_000) -> pa.Table:
    """Run a query on its own cursor with checked, bound values, a time limit and a row cap, for a caller of
    `role` and `scope`: a viewer (the default) gets small-cell protected numbers, an analyst or admin the raw ones;
    nothing outside the scope (data/scope.py; ALL by default: the command line's and the tests' all of Indonesia).
    The rows outside the scope are dropped after the statement ran, so small-cell protection is computed on the
    whole table: the published rows are a subset of what a viewer of all of Indonesia gets."""
    try:
        bound = query.bind(values, role)
    except protection.ProtectionConfigError as e:
        raise QueryError(str(e)) from None
    _check_scope(query, bound, wilayah_scope.check(scope))
    cur = con.cursor()
    timer = threading.Timer(timeout_s, cur.interrupt)
    timer.start()
    try:
        _check_codes(cur, query, bound)
        # execute(), not sql(): sql() binds the statement once to make a relation of it and again to run it, 13-24% of
        # a read query's CPU (benchmarks/README.md, t-sex2); the rows, their types and the row cap are the same
        cur.execute(query.sql, bound)
        reader = cur.to_arrow_reader(8192)
        batches, rows = [], 0
        for batch in reader:
            rows += batch.num_rows
            if rows > max_rows:
                raise QueryTooLarge(f"query {query.name} returned more than {max_rows} rows; narrow its parameters")
            batches.append(batch)
        table = pa.Table.from_batches(batches, schema=reader.schema)
        kind, column = query.scope
        return wilayah_scope.rows_within(table, column, scope) if kind == "column" else table
    except duckdb.InterruptException:
        raise QueryTooLarge(f"query {query.name} ran longer than {timeout_s:g} s; narrow its parameters") from None
    finally:
        timer.cancel()
        cur.close()
