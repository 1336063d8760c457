"""Local accounts, roles, wilayah scope, login checks with lockout, and the audit trail (issue 19).

Roles, each with the rights of the ones before it: `viewer` (protected numbers), `analyst` (unprotected numbers
within the scope), `operator` (imports and KLA value entry within the scope), `admin` (everything, all of
Indonesia, the audit page). A scope is a province, kab/kota or kecamatan code ('' = all of Indonesia).

Where: a small SQLite file (ATS_ACCESS_DB, default access.sqlite beside the store), not a table of the DuckDB
store. Every store write copies the whole store file, builds and checks it and swaps it in, and the app reads the
store through read-only connections: a login or an audit row, written from any browser session at any time, would
otherwise need a write connection beside those readers or a copy of a store of gigabytes. SQLite in WAL mode lets
the server's sessions and the command line read while one writes (busy timeout 5 s); the file is created with
owner-only permissions (0600) since it holds the password hashes.

Passwords: argon2id (argon2-cffi) with ARGON2 below; a hash made with other parameters is renewed at the next
successful login. Lockout: LOCKOUT below; it applies to browser logins only, the command line needs no login.
"""

import datetime as dt
import getpass
import json
import os
import re
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

import argon2
import pandas as pd

from data import config, scope as wilayah_scope

ROLES = ("viewer", "analyst", "operator", "admin")  # each has the rights of those before it
RIGHTS = {  # right -> the lowest role that has it
    "view": "viewer",            # protected numbers
    "unprotected": "analyst",    # unprotected numbers within the scope
    "import": "operator",        # survey and boundary imports (Impor data)
    "kla_entry": "operator",     # KLA value and evaluation entry
    "audit": "admin",            # the Audit page
}
ACTIONS = ("login", "logout", "import", "boundary_import", "kla_entry", "account", "export", "denied")
OUTCOMES = ("ok", "failure", "refused", "denied")
NATIONAL = wilayah_scope.ALL  # the scope of all of Indonesia; written '*' on the command line and in lists
SCOPE_PATTERN = wilayah_scope.PATTERN  # province 73, kab/kota 73.05, kecamatan 73.05.01
NAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._@+-]{0,63}$")
MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 256

# argon2id parameters: OWASP's first recommended configuration (m = 19 MiB, t = 2, p = 1). argon2-cffi's default
# (64 MiB, t = 3, p = 4) took 0.7-1.1 s per check on the 2-core server under load, past the 0.5 s a login may
# cost; these take about 0.1 s there (benchmarks/login.py).
ARGON2 = {"time_cost": 2, "memory_cost": 19456, "parallelism": 1, "hash_len": 32, "salt_len": 16}
_hasher = argon2.PasswordHasher(**ARGON2, type=argon2.Type.ID)
_DUMMY_HASH = _hasher.hash("no such account: the same work as a real check")

# Lockout of browser logins: MAX failed logins within WINDOW_S lock for LOCK_S, per account (whatever the client)
# and per client (whatever the account). While locked, an attempt is refused without checking the password. The
# account's count starts again after a successful login, `user passwd` or `user enable`; the client's does not.
LOCKOUT = {
    "account": {"max": 5, "window_s": 900.0, "lock_s": 900.0},
    "client": {"max": 20, "window_s": 900.0, "lock_s": 900.0},
}


class AccountError(ValueError):
    """A refused account command or login input; `code` and `values` let a page say it in its language."""

    def __init__(self, code: str, message: str, **values):
        super().__init__(message)
        self.code = code
        self.values = values


@dataclass(frozen=True)
class Principal:
    """Who a session (or a command) acts as: an account's name, role and scope; name None = not logged in."""

    name: str | None
    role: str
    scope: str = NATIONAL

    @property
    def anonymous(self) -> bool:
        return self.name is None

    @property
    def national(self) -> bool:
        return self.scope == NATIONAL

    def may(self, right: str) -> bool:
        return ROLES.index(self.role) >= ROLES.index(RIGHTS[right])

    def covers(self, kode: str | None) -> bool:
        """True when the wilayah `kode` (any level) lies within the scope."""
        return wilayah_scope.covers(self.scope, kode)

    @property
    def scope_label(self) -> str:
        return "*" if self.national else self.scope


ANONYMOUS = Principal(None, "viewer", NATIONAL)


@dataclass(frozen=True)
class LoginResult:
    principal: Principal | None  # None: refused
    outcome: str                 # ok, failure, refused
    reason: str = ""             # wrong_password, disabled, sso_only, locked_account, locked_client, bad_input
    wait_s: float = 0.0          # for a lock: seconds until attempts are checked again


# --- the file ------------------------------------------------------------------------------------------


def path() -> Path:
    return config.access_db_path()


def exists(db: Path | None = None) -> bool:
    return Path(db or path()).exists()


_ready: set[tuple[str, int]] = set()  # (path, inode) of files whose schema this process has made sure of


def connect(db: Path | None = None) -> sqlite3.Connection:
    """A connection to the accounts file, created (0600, WAL, schema) on first use."""
    db = Path(db or path())
    if not db.exists():
        db.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.close(os.open(db, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        except FileExistsError:  # another session created it meanwhile
            pass
    con = sqlite3.connect(db, timeout=5.0, isolation_level=None)  # autocommit; writes take BEGIN IMMEDIATE
    con.row_factory = sqlite3.Row
    con.execute("PRAGMA busy_timeout = 5000")
    key = (str(db), db.stat().st_ino)
    if key not in _ready:
        con.execute("PRAGMA journal_mode = WAL")  # kept by the file; -wal and -shm get the file's permissions
        con.executescript(Path(__file__).with_name("access.sql").read_text())
        _ready.add(key)
    return con


def has_accounts(db: Path | None = None) -> bool:
    """True once any account exists. Reads without creating the file (the app asks on every run)."""
    db = Path(db or path())
    if not db.exists():
        return False
    con = connect(db)
    try:
        return con.execute("SELECT count(*) FROM account").fetchone()[0] > 0
    finally:
        con.close()


# --- audit ---------------------------------------------------------------------------------------------


def audit(action: str, outcome: str, *, actor: str | None, role: str = "", reason: str = "", view: str = "",
          params: dict | None = None, client: str = "", channel: str = "web", now: float | None = None,
          con: sqlite3.Connection | None = None, db: Path | None = None) -> None:
    """Write one audit row. `params` is stored as JSON (values that are not JSON types as text)."""
    assert action in ACTIONS and outcome in OUTCOMES, (action, outcome)
    row = (time.time() if now is None else now, actor or "", role, action, outcome, reason, view,
           json.dumps(params or {}, ensure_ascii=False, default=str, sort_keys=True), client, channel)
    own = con is None
    con = con or connect(db)
    try:
        con.execute("INSERT INTO audit (at, actor, role, action, outcome, reason, view, params, client, channel) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", row)
    finally:
        if own:
            con.close()


def audit_rows(*, since: float | None = None, until: float | None = None, actions=None, outcomes=None,
               actor: str | None = None, client: str | None = None, limit: int = 2000, db: Path | None = None) -> pd.DataFrame:
    """Audit rows, newest first, filtered; `actor` and `client` match a part of the text. At most `limit` rows."""
    columns = ["id", "at", "actor", "role", "action", "outcome", "reason", "view", "params", "client", "channel"]
    if not exists(db):
        return pd.DataFrame(columns=columns)
    where, args = [], []
    for column, op, value in (("at", ">=", since), ("at", "<", until)):
        if value is not None:
            where.append(f"{column} {op} ?")
            args.append(value)
    for column, values in (("action", actions), ("outcome", outcomes)):
        if values:
            where.append(f"{column} IN ({', '.join('?' * len(values))})")
            args.extend(values)
    for column, text in (("actor", actor), ("client", client)):
        if text:
            where.append(f"instr(lower({column}), ?) > 0")
            args.append(text.strip().lower())
    # columns and conditions from the fixed lists above; every value is bound
    sql = (f"SELECT {', '.join(columns)} FROM audit {'WHERE ' + ' AND '.join(where) if where else ''} "  # fixed list
           "ORDER BY id DESC LIMIT ?")
    con = connect(db)
    try:
        rows = con.execute(sql, [*args, int(limit)]).fetchall()
    finally:
        con.close()
    return pd.DataFrame([tuple(r) for r in rows], columns=columns)


def cli_actor() -> str:
    """Who a command-line change is written under: ATS_USER, else the account running the process."""
    return os.environ.get("ATS_USER") or getpass.getuser()


# --- accounts ------------------------------------------------------------------------------------------


def normalise_name(name: str) -> str:
    name = str(name or "").strip().lower()
    if not NAME_PATTERN.match(name):
        raise AccountError("bad_name", f"'{name}' is not an account name: 1-64 letters, digits and . _ @ + - "
                           "(an e-mail address names a single sign-on account)", name=name)
    return name


def check_role(role: str) -> str:
    if role not in ROLES:
        raise AccountError("bad_role", f"'{role}' is not a role: use one of {', '.join(ROLES)}", role=role)
    return role


def check_scope(scope: str | None, role: str) -> str:
    """The scope as stored ('' = all of Indonesia). An admin's scope is all of Indonesia. Other roles name a
    province, kab/kota or kecamatan code of the store's wilayah table or the reference kode_wilayah.csv, or '*'."""
    text = str(scope if scope is not None else "").strip()
    national = text in ("", "*")
    if role == "admin":
        if not national:
            raise AccountError("admin_scope", f"an admin's scope is all of Indonesia: leave --scope out (got '{text}')")
        return NATIONAL
    if scope is None:
        article = "an" if role[0] in "aeiou" else "a"
        raise AccountError("no_scope", f"{article} {role} needs a scope: --scope KODE (a province, kab/kota or "
                           "kecamatan code, e.g. 73.05) or --scope '*' for all of Indonesia")
    if national:
        return NATIONAL
    if not SCOPE_PATTERN.match(text):
        raise AccountError("bad_scope", f"scope '{text}' is not a province (73), kab/kota (73.05) or kecamatan "
                           "(73.05.01) code, nor '*' for all of Indonesia", scope=text)
    if not _known_wilayah(text):
        raise AccountError("unknown_scope", f"scope {text} is not a wilayah code of the store nor of the reference "
                           "kode_wilayah.csv", scope=text)
    return text


def _known_wilayah(kode: str) -> bool:
    from data import reference, store

    if config.store_path().exists():
        con = store.connect_read()
        try:
            if con.execute("SELECT count(*) FROM wilayah WHERE kode = ?", [kode]).fetchone()[0]:
                return True
        finally:
            con.close()
    try:
        return bool((reference.load_wilayah()["kode"] == kode).any())
    except reference.ReferenceMissing:
        return False


def check_password(name: str, password: str) -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError("weak_password", f"the password is too short: at least {MIN_PASSWORD_LENGTH} characters")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise AccountError("weak_password", f"the password is too long: at most {MAX_PASSWORD_LENGTH} characters")
    if password.strip().lower() == name or len(set(password)) < 3:
        raise AccountError("weak_password", "the password is too easy to guess (the account name, or one or two "
                           "characters repeated)")
    return password


def _row(con, name: str):
    return con.execute("SELECT * FROM account WHERE name = ?", [name]).fetchone()


def _existing(con, name: str):
    row = _row(con, name)
    if row is None:
        raise AccountError("unknown_account", f"no account named '{name}' (see `python -m data user list`)", name=name)
    return row


def _change(name: str, what: str, params: dict, write, *, actor: str | None = None, db=None) -> dict:
    """Run write(con, now) in one transaction with the audit row of the account change."""
    now = time.time()
    con = connect(db)
    try:
        con.execute("BEGIN IMMEDIATE")
        try:
            write(con, now)
            audit("account", "ok", actor=actor or cli_actor(), reason=what, view="user " + what,
                  params={"account": name, **params}, client=f"cli:{cli_actor()}", channel="cli", now=now, con=con)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        return dict(_row(con, name))
    finally:
        con.close()


def add(name: str, role: str, scope: str | None, password: str | None, *, sso_only: bool = False, db=None) -> dict:
    """A new account. password None only with sso_only (a single sign-on account, no password login)."""
    name = normalise_name(name)
    role = check_role(role)
    scope = check_scope(scope, role)
    if sso_only:
        password_hash = None
    else:
        password_hash = _hasher.hash(check_password(name, password or ""))

    def write(con, now):
        if _row(con, name) is not None:
            raise AccountError("exists", f"an account named '{name}' exists already (change it with `user role`, "
                               "`user passwd`)", name=name)
        con.execute("INSERT INTO account (name, role, scope, password_hash, disabled, created_at, changed_at, reset_at) "
                    "VALUES (?, ?, ?, ?, 0, ?, ?, ?)", [name, role, scope, password_hash, now, now, now])

    return _change(name, "add", {"role": role, "scope": scope or "*", "sso_only": sso_only}, write, db=db)


def list_accounts(db=None) -> list[dict]:
    if not exists(db):
        return []
    con = connect(db)
    try:
        rows = con.execute("SELECT name, role, scope, disabled, password_hash IS NULL AS sso_only, created_at, "
                           "changed_at FROM account ORDER BY name").fetchall()
    finally:
        con.close()
    return [dict(r) for r in rows]


def set_disabled(name: str, disabled: bool, *, db=None) -> dict:
    """Disable (its sessions end at their next step) or enable an account; enabling also ends a lockout."""
    name = normalise_name(name)

    def write(con, now):
        _existing(con, name)
        con.execute("UPDATE account SET disabled = ?, changed_at = ?, reset_at = CASE WHEN ? THEN reset_at ELSE ? END "
                    "WHERE name = ?", [int(disabled), now, int(disabled), now, name])

    return _change(name, "disable" if disabled else "enable", {}, write, db=db)


def set_password(name: str, password: str, *, db=None) -> dict:
    """A new password (an SSO-only account gets a password login too); ends a lockout of the account."""
    name = normalise_name(name)
    hashed = _hasher.hash(check_password(name, password))

    def write(con, now):
        _existing(con, name)
        con.execute("UPDATE account SET password_hash = ?, changed_at = ?, reset_at = ? WHERE name = ?",
                    [hashed, now, now, name])

    return _change(name, "passwd", {}, write, db=db)


def set_role(name: str, role: str, scope: str | None = None, *, db=None) -> dict:
    """A new role, and scope (kept when not given and still allowed: an admin's is all of Indonesia)."""
    name = normalise_name(name)
    role = check_role(role)
    con = connect(db)
    try:
        old = dict(_existing(con, name))
    finally:
        con.close()
    if scope is None and role != "admin" and old["role"] != "admin":
        scope = old["scope"] or "*"
    scope = check_scope(scope, role)

    def write(con, now):
        _existing(con, name)
        con.execute("UPDATE account SET role = ?, scope = ?, changed_at = ? WHERE name = ?", [role, scope, now, name])

    return _change(name, "role", {"role": role, "scope": scope or "*", "old_role": old["role"],
                                  "old_scope": old["scope"] or "*"}, write, db=db)


def principal(name: str | None, db=None) -> Principal | None:
    """The account as it is now (a session re-reads it at every step): None when it is gone or disabled."""
    if not name or not exists(db):
        return None
    con = connect(db)
    try:
        row = _row(con, name)
    finally:
        con.close()
    if row is None or row["disabled"]:
        return None
    return Principal(row["name"], row["role"], row["scope"])


# --- login ---------------------------------------------------------------------------------------------


def _lock_until(times: list[float], limits: dict) -> float:
    """When the lock made by these failures (ascending unix times) ends; 0 when they make none. A lock starts at
    the failure that makes `max` within `window_s`; failures before a lock's end do not count toward the next."""
    until, recent = 0.0, []
    for at in times:
        if at < until:
            continue
        recent = [r for r in recent if at - r < limits["window_s"] and r >= until]
        recent.append(at)
        if len(recent) >= limits["max"]:
            until, recent = at + limits["lock_s"], []
    return until


_FAILURES = {  # failed logins of one account, of one client, since a time (indexes audit_login_actor, _client)
    column: "SELECT at FROM audit WHERE action = 'login' AND outcome = 'failure' AND " + column + " = ? AND at >= ? "
            "ORDER BY at"
    for column in ("actor", "client")
}


def _failures(con, column: str, value: str, since: float) -> list[float]:
    return [r[0] for r in con.execute(_FAILURES[column], [value, since]).fetchall()]


def lock_state(name: str, client: str, *, now: float | None = None, db=None) -> tuple[str, float]:
    """('locked_account' | 'locked_client' | '', seconds left) for a browser login of `name` from `client`."""
    now = time.time() if now is None else now
    con = connect(db)
    try:
        return _lock_state(con, name, client, now)
    finally:
        con.close()


def _lock_state(con, name: str, client: str, now: float) -> tuple[str, float]:
    horizon = now - 86400.0  # locks chain over at most a day's failures
    row = _row(con, name)
    reset = max(horizon, row["reset_at"] if row is not None else 0.0)
    for reason, column, value, since in (("locked_account", "actor", name, reset), ("locked_client", "client", client, horizon)):
        until = _lock_until(_failures(con, column, value, since), LOCKOUT[reason.split("_")[1]])
        if until > now:
            return reason, until - now
    return "", 0.0


def login(name: str, password: str, *, client: str, view: str = "", now: float | None = None, db=None) -> LoginResult:
    """Check a browser login and write its audit row. A wrong password and an unknown name cost the same time
    and give the same answer; a disabled or SSO-only account is said only to whom knows its password."""
    now = time.time() if now is None else now
    try:
        name = normalise_name(name)
    except AccountError:
        name = str(name or "").strip().lower()[:64]
    password = str(password or "")
    con = connect(db)
    try:
        reason, wait = _lock_state(con, name, client, now)
        if reason:
            audit("login", "refused", actor=name, reason=reason, view=view, client=client, now=now, con=con)
            return LoginResult(None, "refused", reason, wait)
        row = _row(con, name)
        if len(password) > MAX_PASSWORD_LENGTH or not password:
            ok = False
        else:
            try:
                ok = _hasher.verify(row["password_hash"] if row is not None and row["password_hash"] else _DUMMY_HASH, password)
            except argon2.exceptions.VerificationError:
                ok = False
            ok = ok and row is not None and row["password_hash"] is not None
        if not ok:
            reason = "unknown_account" if row is None else "sso_only" if row["password_hash"] is None else "wrong_password"
            audit("login", "failure", actor=name, role=row["role"] if row is not None else "", reason=reason, view=view,
                  client=client, now=now, con=con)
            return LoginResult(None, "failure", "wrong_password")  # the same answer for all three
        if row["disabled"]:
            audit("login", "refused", actor=name, role=row["role"], reason="disabled", view=view, client=client, now=now, con=con)
            return LoginResult(None, "refused", "disabled")
        con.execute("BEGIN IMMEDIATE")
        if _hasher.check_needs_rehash(row["password_hash"]):  # made with other parameters: renewed
            con.execute("UPDATE account SET password_hash = ? WHERE name = ?", [_hasher.hash(password), name])
        con.execute("UPDATE account SET reset_at = ? WHERE name = ?", [now, name])
        audit("login", "ok", actor=name, role=row["role"], view=view, params={"scope": row["scope"] or "*"},
              client=client, now=now, con=con)
        con.execute("COMMIT")
        return LoginResult(Principal(row["name"], row["role"], row["scope"]), "ok")
    finally:
        con.close()


def sso_principal(email: str | None, *, verified: bool | None = None, db=None) -> Principal | None:
    """The account of a single sign-on identity: the enabled account named by its e-mail address (lower case).
    None when there is none, or when the provider says the address is not verified."""
    if not email or verified is False:
        return None
    try:
        name = normalise_name(email)
    except AccountError:
        return None
    return principal(name, db=db)


def when(at: float) -> str:
    """A unix time as the server's local date and time, to the second."""
    return dt.datetime.fromtimestamp(at).strftime("%Y-%m-%d %H:%M:%S")
