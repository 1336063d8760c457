"""Small-cell protection settings and roles: the minimum published count k (ATS_MIN_CELL), the minimum
denominator of a published rate (ATS_MIN_DENOMINATOR), and which roles see unprotected numbers.

The rule itself lives in SQL (queries/build/007-009_macro_protect_*.sql); data.queries binds these values to the
read queries' fixed parameters min_cell, min_denominator and protect. docs/protection.md states it.
"""

import os

ROLES = ("viewer", "operator", "analyst", "admin")
UNPROTECTED_ROLES = ("analyst", "operator", "admin")  # may see counts below k (an operator has an analyst's rights: data.accounts)
DEFAULT_MIN_CELL = 5
DEFAULT_MIN_DENOMINATOR = 10
LOWEST_MIN_CELL = 3  # below this a "< k" would itself nearly tell the count


class ProtectionConfigError(ValueError):
    pass


def _setting(name: str, default: int) -> int:
    text = os.environ.get(name, "").strip()
    if not text:
        return default
    try:
        return int(text)
    except ValueError:
        raise ProtectionConfigError(f"{name} must be a whole number, got '{text[:20]}'") from None


def min_cell() -> int:
    """k: counts from 1 to k-1 are published as "< k". ATS_MIN_CELL, default 5 (10 for a stricter release)."""
    k = _setting("ATS_MIN_CELL", DEFAULT_MIN_CELL)
    if k < LOWEST_MIN_CELL:
        raise ProtectionConfigError(f"ATS_MIN_CELL must be {LOWEST_MIN_CELL} or more (5 or 10 are usual), got {k}")
    return k


def min_denominator() -> int:
    """A rate is published only when its denominator has at least this many children: ATS_MIN_DENOMINATOR,
    default 10, never below k."""
    d = _setting("ATS_MIN_DENOMINATOR", DEFAULT_MIN_DENOMINATOR)
    k = min_cell()
    if d < k:
        raise ProtectionConfigError(f"ATS_MIN_DENOMINATOR must be at least ATS_MIN_CELL ({k}), got {d}")
    return d


def check_role(role: str) -> str:
    if role not in ROLES:
        raise ValueError(f"unknown role '{str(role)[:20]}'; one of {', '.join(ROLES)}")
    return role


def protect(role: str) -> bool:
    """Whether numbers read for `role` are protected: true unless the role may see unprotected numbers."""
    return check_role(role) not in UNPROTECTED_ROLES
