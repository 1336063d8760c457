"""Validation in the staging database: the codes and recodes, the macros of queries/import, the rows staged with
canonical names (codes and dates parsed once per distinct value), then the steps in order (persons, one row per
problem, accepted rows, the store-shaped out_* tables) and the rejection report."""

from __future__ import annotations

import concurrent.futures
import functools

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from data import config, queries
from domain.codes import ALASAN_GROUP
from data.importer.canonical import (
    BUILTIN_RECODES,
    CANONICAL,
    MASK,
    PARSED,
    PRIVATE_COLUMNS,
    REFUSED_SPELLINGS,
    VOCAB,
    ImportNote,
    _identifier_like,
    _name_like,
)
from data.importer.keys import _pads


def _codes_table() -> pd.DataFrame:
    rows = []
    for col, allowed in VOCAB.items():
        for code in allowed:
            rows.append((col, code.lower(), code))
    return pd.DataFrame(rows, columns=["col", "key", "code"])


def _recode_table(mp: dict) -> pd.DataFrame:
    table = {(c, k): v for c, k, v in _codes_table().itertuples(index=False)}
    for col, recodes in BUILTIN_RECODES.items():
        for k, v in recodes.items():
            table.setdefault((col, k), v)
    for col, keys in REFUSED_SPELLINGS.items():
        for k in keys:
            table.setdefault((col, k), None)  # no code: a bad value, said as refused by int_problems
    for col, recodes in mp["values"].items():
        for k, v in recodes.items():
            table[(col, k)] = v  # the mapping file wins
    return pd.DataFrame([(c, k, v) for (c, k), v in table.items()], columns=["col", "key", "code"])


def _run_step(con, name: str, values: dict) -> None:
    q = _import_steps()[name]
    bound = q.bind({p.name: values.get(p.name) for p in q.params})
    con.execute(q.sql, bound)


@functools.lru_cache(maxsize=1)
def _steps_cached(stamp) -> dict:
    return {q.stem: q for q in queries.all_queries("import")}


def _import_steps() -> dict:
    """The queries/import steps by stem, parsed once (again when a file changes)."""
    folder = config.QUERIES / "import"
    return _steps_cached(tuple((p.name, p.stat().st_mtime_ns) for p in sorted(folder.glob("*.sql"))))


MACROS = ("000_macro_import_date", "001_macro_import_num", "002_macro_import_int", "003_macro_import_kode",
          "004_macro_import_kode_part", "005_macro_import_hmac", "006_macro_import_id", "007_macro_import_digits",
          "009_macro_import_number_note")


def _load_rules(con, mp: dict) -> None:
    """What the steps check against, in the staging database: the codes of each coded column with their
    spellings (the built-in recodes, the mapping's over them), the allowed codes per column, the group of each
    reason, and the macros of queries/import."""
    con.register("_codes", _recode_table(mp))
    con.execute("CREATE TABLE import_codes AS SELECT * FROM _codes")
    con.unregister("_codes")
    con.execute("CREATE TABLE import_vocab AS SELECT col, string_agg(DISTINCT code, ', ' ORDER BY code) AS allowed "
                "FROM import_codes GROUP BY col")
    con.execute("CREATE TABLE import_alasan_group (alasan VARCHAR, alasan_group VARCHAR)")
    con.executemany("INSERT INTO import_alasan_group VALUES ($1, $2)", list(ALASAN_GROUP.items()))
    for step in MACROS:
        _run_step(con, step, {})


def _stage_rows(con, table: pa.Table, by_target: dict[str, str], defaults: dict[str, str]) -> None:
    """The view `raw`: the file's rows with canonical names (_row, then every canonical column as text: the
    file's, else the mapping's default, else null) and, for each coded or dated column, its code (code_<col>) or
    date (date_<col>), null where the value is blank or does not parse; and the table import_values of the
    distinct values (queries/import/008_stg_values.sql). Each distinct value is parsed once, in SQL; the results
    are laid back over the rows in Arrow, as the new dictionary of the column's dictionary encoding: no join per
    column over a million rows. `table` is the Arrow table of the file (src); no cell is copied."""
    present = [c for c in PARSED if c in by_target]

    def encode(col: str) -> tuple[str, pa.DictionaryArray]:
        return col, pc.dictionary_encode(table[by_target[col]].combine_chunks())

    with concurrent.futures.ThreadPoolExecutor(2) as pool:  # pyarrow releases the GIL: a column per core
        encoded = dict(pool.map(encode, present))
    distinct = [(col, value) for col, enc in encoded.items() for value in enc.dictionary.to_pylist()]
    distinct += [(col, defaults[col]) for col in PARSED if col not in by_target and col in defaults]
    con.register("_distinct", pa.table({
        "col": pa.array([col for col, _ in distinct], pa.string()),
        "kind": pa.array(["coded" if col in VOCAB else "dated" for col, _ in distinct], pa.string()),
        "value": pa.array([value for _, value in distinct], pa.string()),
    }))
    con.execute("CREATE TABLE import_distinct AS SELECT * FROM _distinct")
    con.unregister("_distinct")
    _run_step(con, "008_stg_values", {})
    parsed = {(col, value): (code, d) for col, value, code, d in
              con.execute("SELECT col, value, code, d FROM import_values").fetchall()}

    columns: dict[str, pa.Array | pa.ChunkedArray] = {"_row": table["_row"]}
    columns.update({col: table[source] for col, source in by_target.items()})
    for col, enc in encoded.items():
        laid = [parsed[(col, value)] for value in enc.dictionary.to_pylist()]
        if col in VOCAB:
            columns[f"code_{col}"] = pa.DictionaryArray.from_arrays(enc.indices, pa.array([c for c, _ in laid], pa.string()))
        else:
            columns[f"date_{col}"] = pa.DictionaryArray.from_arrays(enc.indices, pa.array([d for _, d in laid], pa.date32()))
    con.register("staged", pa.table(columns))

    def literal(value, sql_type: str) -> str:
        return "NULL" if value is None else "'" + str(value).replace("'", "''") + "'::" + sql_type

    select = ["_row"]
    for col in CANONICAL:
        select.append(col if col in by_target else f"{literal(defaults.get(col), 'VARCHAR')} AS {col}")
    for col in PARSED:
        name, kind, at = (f"code_{col}", "VARCHAR", 0) if col in VOCAB else (f"date_{col}", "DATE", 1)
        if col in encoded:
            select.append(name)
        else:  # the default's code or date, else null
            value = parsed.get((col, defaults[col]), (None, None))[at] if col in defaults else None
            select.append(f"{literal(value, kind)} AS {name}")
    con.execute(f"CREATE VIEW raw AS SELECT {', '.join(select)} FROM staged")  # names: CANONICAL, fixed


def _validate_rows(con, survey_round, the_round, today) -> None:
    """The persons typed, with their ages at the round's reference date (stg_persons), and one row per problem
    (problems: the rejection report), from `raw` and the tables of the import's scope (scope.py)."""
    _run_step(con, "010_stg_persons", {"survey_round": survey_round})
    _run_step(con, "020_int_problems", {"survey_round": the_round, "today": today})


def _shape_records(con, key: bytes | None, dry_run: bool) -> None:
    """The accepted rows and, unless a dry run, the store-shaped out_keluarga, out_anak and out_penanganan, NIK
    and KK numbers replaced by their HMAC under `key`."""
    _run_step(con, "025_int_accepted", {})
    _run_step(con, "026_int_notes", {})
    if not dry_run:  # a dry run validates and counts; it builds nothing to store
        con.execute("CREATE TABLE import_key AS SELECT $ipad::BLOB AS ipad, $opad::BLOB AS opad",
                    dict(zip(("ipad", "opad"), _pads(key))))
        for step in ("030_out_keluarga", "031_out_anak", "032_out_penanganan"):
            _run_step(con, step, {})


def _cells(table: pa.Table, problems: pd.DataFrame, by_target: dict[str, str], defaults: dict[str, str]) -> pd.Series:
    """The cell of each problem (row, column) as the file has it, the value of the rejection report: taken from
    the file's rows (`table`, with _row) by row number, one column at a time; a column the file lacks has the
    mapping's default, else nothing."""
    values = pd.Series(None, index=problems.index, dtype=object)
    if problems.empty:
        return values
    numbers = table["_row"].to_numpy()
    order = np.argsort(numbers, kind="stable")
    for column, group in problems.groupby("column", sort=False):
        if column in by_target:
            at = order[np.searchsorted(numbers, group["row"].to_numpy(), sorter=order)]
            values[group.index] = table[by_target[column]].take(pa.array(at)).to_pylist()
        elif column in defaults:
            values[group.index] = defaults[column]
    return values


def _rejects(con, info: dict, used: dict[str, str], defaults: dict[str, str]) -> pd.DataFrame:
    """The rejection report (REJECT_COLUMNS): one row per problem with the cell as the file has it, and one per
    malformed CSV line; identifiers, names and any cell that looks like a NIK masked."""
    rejects = con.execute(
        "SELECT source_row AS \"row\", column_name AS \"column\", alasan, reason FROM problems "
        "ORDER BY source_row, column_name"
    ).df()
    rejects.insert(2, "value", _cells(info["table"], rejects, {t: s for s, t in used.items()}, defaults))
    bad_lines = info["bad_lines"]
    if bad_lines:
        extra = pd.DataFrame([{"row": line, "column": "", "value": None,
                               "alasan": f"baris CSV rusak: {found} sel, padahal judul kolom {expected} sel",
                               "reason": f"malformed CSV line: {found} cells where the header has {expected}"}
                              for line, (expected, found) in bad_lines.items()])
        rejects = pd.concat([rejects, extra], ignore_index=True).sort_values("row", kind="stable")
    rejects = rejects.reset_index(drop=True)
    private = rejects["column"].isin(PRIVATE_COLUMNS) & rejects["value"].notna()
    hidden = private | _identifier_like(rejects["value"]) | _name_like(rejects["value"])
    rejects["value"] = rejects["value"].mask(hidden, MASK)
    return rejects


def _notes(con) -> list[ImportNote]:
    """The remarks of 026_int_notes: what the file leaves out without a row being rejected (a handling step
    with no date of its own, steps after a 'not ATS' verification, a code without its date)."""
    return [ImportNote(note, code, step=step, n=n, **({"column": column} if column else {}))
            for code, step, column, n, note in con.execute("SELECT code, step, code_column, n, note FROM notes").fetchall()]


def _counts(con, bad_lines: dict, rows_read: int) -> tuple[int, int, int]:
    """Rows accepted, rows rejected (a row with several problems once, a malformed CSV line too) and the
    desa/kelurahan of the accepted rows, kept as the table import_kel (the part of the store an import replaces)."""
    n_rejected_rows = con.execute("SELECT count(DISTINCT source_row) FROM problems").fetchall()[0][0] + len(bad_lines)
    accepted = con.execute("SELECT count(*) FROM accepted").fetchall()[0][0]
    assert accepted + n_rejected_rows == rows_read, (accepted, n_rejected_rows, rows_read)
    con.execute("CREATE TABLE import_kel AS SELECT DISTINCT survey_round, kode_kel FROM accepted")
    n_kel = con.execute("SELECT count(*) FROM import_kel").fetchall()[0][0]
    return accepted, n_rejected_rows, n_kel
