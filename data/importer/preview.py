"""The preview of the Impor page: what the importer sees in a file, read as the import reads it."""

from __future__ import annotations

from pathlib import Path

from data.importer.canonical import MASK, PRIVATE_COLUMNS, _identifier_like, _name_like
from data.importer.detect import _check_file
from data.importer.mapping import _missing, _norm_header, _refuse_headerless, _resolve_columns, _suggest, load_mapping
from data.importer.read import _sheet_with_columns, _stage_source, _staging
from data.importer.report import Preview


def read_preview(path, *, sheet=None, mapping=None, n=20, survey_round=None) -> Preview:
    """What the importer sees in a file: columns, mapping, missing required columns and the first n rows."""
    path = Path(path)
    fmt, _ = _check_file(path)
    mp = load_mapping(mapping)
    con = _staging()
    try:
        info = _stage_source(con, path, fmt, sheet, mp, limit=max(int(n), 1))
        columns = info["columns"]  # the file's own, without _row
        _refuse_headerless(path, columns, mp)
        rows = con.execute("SELECT * FROM src ORDER BY _row LIMIT $n", {"n": max(int(n), 0)}).df()
    finally:
        con.close()
    used, ignored = _resolve_columns(columns, mp)
    missing = _missing(used, mp, survey_round)
    # the row number first, as in the rejects, then what the import reads: an unused column is not shown (a
    # column of names or numbers the mapping does not name yet would be in clear)
    rows = rows.rename(columns={**used, "_row": "row"})[["row", *used.values()]]
    rows = rows.assign(**{c: rows[c].where(rows[c].isna(), MASK) for c in rows.columns if c in PRIVATE_COLUMNS})
    rows = rows.assign(**{c: rows[c].mask(_identifier_like(rows[c]) | _name_like(rows[c]), MASK)
                          for c in rows.columns if c != "row"})
    return Preview(
        file=path.name, format=fmt, columns=columns, mapping=used, ignored=ignored,
        missing_required=missing, rows=rows, encoding=info["encoding"], delimiter=info["delimiter"],
        sheets=info["sheets"], sheet=info["sheet"], suggestions=_suggest(missing, ignored),
        header_row=info["header_row"], other_sheet=_sheet_with_columns(path, info, mp, survey_round) if missing else None,
        unmatched_mapping=sorted(set(mp["columns"]) - {_norm_header(c) for c in columns}),
    )
