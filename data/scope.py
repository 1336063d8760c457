"""Wilayah scope: the part of Indonesia a caller may read (issue 19.2; README "Accounts and roles").

A scope is the Kemendagri code of a province (73), kab/kota (73.05) or kecamatan (73.05.01), or ALL ('') for all of
Indonesia. A wilayah is inside a scope when its code is the scope's or lies under it (73.05.01.2001 is inside 73.05;
73, the province around it, is not: its numbers count children outside the scope).

Every read query's header says what its rows are about in a `-- Scope:` line (data.queries enforces it):
    -- Scope: column kode. ...          each row is about the wilayah in output column `kode`: rows outside the
                                        scope are dropped (after small-cell protection, computed on the whole table)
    -- Scope: parameter kode. ...       every row counts the children of the wilayah named by parameter `kode`,
                                        which must then be given and lie inside the scope
    -- Scope: reference. ...            the same for everyone: reference data (wilayah names, boundaries,
                                        definitions, published series of another source), no child counted
and every parameter naming a wilayah (`kode of wilayah`) of a query that is not reference data must lie inside the
scope: a wider one (the province of a kab/kota analyst) is refused, never answered with the rows inside it.
"""

import re

import pyarrow as pa
import pyarrow.compute as pc

ALL = ""  # all of Indonesia; written '*' on the command line and in lists
PATTERN = re.compile(r"^\d{2}(\.\d{2}(\.\d{2})?)?$")  # province 73, kab/kota 73.05, kecamatan 73.05.01
KINDS = ("column", "parameter", "reference")


def check(scope: str) -> str:
    """A scope as data.queries takes it: ALL or a province, kab/kota or kecamatan code (anything else is a bug of
    the caller, not a value from a user: those are checked by data.accounts.check_scope)."""
    if scope != ALL and not (isinstance(scope, str) and PATTERN.match(scope)):
        raise ValueError(f"not a wilayah scope: {str(scope)[:20]!r} (a province, kab/kota or kecamatan code, or '')")
    return scope


def covers(scope: str, kode) -> bool:
    """True when the wilayah `kode` (any level) lies inside `scope`."""
    if scope == ALL:
        return True
    kode = str(kode or "")
    return kode == scope or kode.startswith(scope + ".")


def rows_within(table: pa.Table, column: str, scope: str) -> pa.Table:
    """The rows of `table` whose wilayah code in `column` lies inside `scope` (a null code is outside), in order."""
    if scope == ALL:
        return table
    codes = table.column(column).cast(pa.string())
    inside = pc.or_(pc.equal(codes, scope), pc.starts_with(codes, scope + "."))
    return table.filter(pc.fill_null(inside, False))
