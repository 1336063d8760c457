"""Import of SIPBM survey files (person-level tables) into the store: `python -m data import FILE`.

Flow (docs/import-format.md is the user's side of it), one module per step (run.py runs them in order):

1. detect.py: look at the file before reading it: size limit (ATS_IMPORT_MAX_BYTES), empty file, what the first
   bytes say it is (a PDF or PNG renamed .csv/.xlsx is refused), a CSV's encoding and delimiter; SHA-256 of the
   bytes, on a thread while the file is read (same file already applied with the same settings and not
   superseded -> "unchanged", nothing written: apply.py).
2. read.py: stage it in an in-memory DuckDB (never the store file): CSV through pyarrow's CSV reader (header and
   delimiter found among the first lines; UTF-8 with or without BOM, UTF-16, or Windows-1252), XLSX through
   python-calamine (the preview's first rows through openpyxl in read-only mode), Parquet through read_parquet,
   each an Arrow table that DuckDB scans in place.
   Every cell is text, with the source row number.
3. mapping.py: the mapping file (column renames, value recodes, defaults) and the columns of the file read as
   canonical columns (canonical.py), refusing a file without a header row, two columns read as one and
   required columns missing (with the mapping entry that would fix it).
4. validate.py: the value recodes as a table joined to the distinct values of each coded column, whose codes
   and dates are laid back over the rows through its Arrow dictionary; the round, kab/kota and reference dates
   (scope.py); then the steps of queries/import in order: parse (typed), ages at the round's reference date
   (persons), one row per problem (problems = the rejection report), accepted rows, and the store-shaped
   out_keluarga (a table) and out_anak / out_penanganan (views) with NIK and KK numbers replaced by their
   HMAC-SHA256 (keys.py: key from ATS_HMAC_KEY or the file named by ATS_HMAC_KEY_FILE; never stored). Names
   are read but never leave the staging database.
5. apply.py: apply with data.store.writing (copy, build, checks, atomic swap), the copy attached to the staging
   connection so rows go from out_* into it without leaving DuckDB: delete the round's rows of the
   desa/kelurahan present in the accepted rows, insert the new ones, upsert survey_round, log the import.
6. report.py: the report (ImportReport), the rejection report as CSV, every attempt logged beside the store
   (imports.jsonl), the store's import log (list_imports); preview.py: what the Impor page shows of a file.

A file-level problem raises ImportRefused with a message saying what to do; row-level problems reject rows.
"""

from data.importer.canonical import (
    BUILTIN_RECODES,
    CANONICAL,
    IDENTIFIER_COLUMNS,
    JENJANG,
    MASK,
    NAME_COLUMNS,
    PARSED,
    PRIVATE_COLUMNS,
    REFUSED_SPELLINGS,
    REQUIRED,
    VOCAB,
    ImportNote,
    ImportRefused,
)
from data.importer.detect import MAX_BYTES_DEFAULT, max_bytes
from data.importer.keys import NO_KEY_MESSAGE, default_key_file, hmac_key, key_id
from data.importer.mapping import load_mapping
from data.importer.preview import read_preview
from data.importer.report import (
    IMPORT_LOG_COLUMNS,
    REJECT_COLUMNS,
    REPORT_STATUSES,
    ImportReport,
    Preview,
    key_warning,
    list_imports,
    rejects_csv,
    write_rejects,
)
from data.importer.run import run_import

__all__ = [
    "BUILTIN_RECODES", "CANONICAL", "IDENTIFIER_COLUMNS", "IMPORT_LOG_COLUMNS", "JENJANG", "MASK", "MAX_BYTES_DEFAULT",
    "NAME_COLUMNS", "NO_KEY_MESSAGE", "PARSED", "PRIVATE_COLUMNS", "REFUSED_SPELLINGS", "REJECT_COLUMNS",
    "REPORT_STATUSES", "REQUIRED", "VOCAB", "ImportNote", "ImportRefused", "ImportReport", "Preview", "default_key_file",
    "hmac_key", "key_id", "key_warning", "list_imports", "load_mapping", "max_bytes", "read_preview", "rejects_csv",
    "run_import", "write_rejects",
]
