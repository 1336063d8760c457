"""The SQL files in queries/: find them by name, read their headers, run them with bound values.

Each file holds one statement and opens with a header of `--` lines:

    -- Grain: one row per ...
    -- Params:
    --   level: VARCHAR, required. kab, kec or kel
    --   survey_round: INTEGER, optional. Latest round when null
    -- Used by: views/peta.py

Values are always bound as DuckDB `$name` parameters; nothing is ever formatted into SQL.
"""

import datetime as dt
import re
import threading
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa

from data.config import QUERIES

KINDS = ("build", "read", "checks", "import")  # import: staging steps of data/importer.py, in order
TYPES = {"VARCHAR": str, "INTEGER": int, "BOOLEAN": bool, "DOUBLE": float, "DATE": dt.date, "VARCHAR[]": list, "BLOB": bytes}
_PARAM_LINE = re.compile(r"^--\s+(\w+):\s*([\w\[\]]+),\s*(required|optional)\.\s*(.*)$")
_PARAM_USE = re.compile(r"\$([A-Za-z_]\w*)")


class QueryError(ValueError):
    """A query was asked for by a wrong name or with wrong parameters; the message says which."""


class QueryTooLarge(RuntimeError):
    pass


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    required: bool
    doc: str


@dataclass(frozen=True)
class Query:
    name: str  # e.g. "ats/ats_by_wilayah" for read queries, "010_agg_ats_kel" for build steps
    kind: str
    path: Path
    sql: str
    params: tuple[Param, ...]
    header: str

    @property
    def stem(self) -> str:
        return self.path.stem

    def used_params(self) -> set[str]:
        body = "\n".join(line for line in self.sql.splitlines() if not line.lstrip().startswith("--"))
        return set(_PARAM_USE.findall(body))

    def bind(self, values: dict) -> dict:
        """Check and convert values for this query's params. Unknown or missing ones raise QueryError."""
        known = {p.name: p for p in self.params}
        unknown = set(values) - set(known)
        if unknown:
            raise QueryError(
                f"query {self.name} has no parameter {', '.join(sorted(unknown))}; "
                f"its parameters are: {', '.join(known) or 'none'}"
            )
        bound = {}
        for p in self.params:
            value = values.get(p.name)
            if value is None or value == "":
                if p.required:
                    raise QueryError(f"query {self.name} needs parameter {p.name} ({p.type}): {p.doc}")
                bound[p.name] = None
                continue
            bound[p.name] = _convert(p, value, self.name)
        return bound


def _convert(p: Param, value, query_name: str):
    target = TYPES[p.type]
    if target is list:  # a list parameter: a Python sequence, or comma-separated text from the command line
        items = value.split(",") if isinstance(value, str) else list(value)
        return [str(item).strip() for item in items if str(item).strip()]
    if isinstance(value, target) and not (target is int and isinstance(value, bool)):
        return value
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
        return target(text)
    except ValueError:
        raise QueryError(f"parameter {p.name} of query {query_name} must be {p.type}, got '{value}'") from None


def _parse(path: Path, kind: str) -> Query:
    text = path.read_text(encoding="utf-8")
    header_lines = []
    for line in text.splitlines():
        if not line.startswith("--"):
            break
        header_lines.append(line)
    params = tuple(
        Param(m[1], m[2].upper(), m[3] == "required", m[4].strip())
        for m in (_PARAM_LINE.match(line) for line in header_lines)
        if m
    )
    for p in params:
        if p.type not in TYPES:
            raise QueryError(f"{path}: parameter {p.name} has unknown type {p.type}")
    rel = path.relative_to(QUERIES / kind).with_suffix("")
    return Query(rel.as_posix(), kind, path, text, params, "\n".join(header_lines))


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
        raise QueryError(f"no read query named '{name}'. Read queries: {names}")
    return found[0]


def run(con, query: Query, values: dict, *, timeout_s: float = 10.0, max_rows: int = 200_000) -> pa.Table:
    """Run a query on its own cursor with bound values, a time limit and a row cap."""
    bound = query.bind(values)
    cur = con.cursor()
    timer = threading.Timer(timeout_s, cur.interrupt)
    timer.start()
    try:
        reader = cur.sql(query.sql, params=bound).to_arrow_reader(8192)
        batches, rows = [], 0
        for batch in reader:
            rows += batch.num_rows
            if rows > max_rows:
                raise QueryTooLarge(f"query {query.name} returned more than {max_rows} rows; narrow its parameters")
            batches.append(batch)
        return pa.Table.from_batches(batches, schema=reader.schema)
    finally:
        timer.cancel()
        cur.close()
