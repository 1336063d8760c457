-- Accounts and audit trail (SQLite, ATS_ACCESS_DB; data/accounts.py). Not in the DuckDB store: see data/accounts.py.
-- Run on every connection; IF NOT EXISTS makes it a no-op on an existing file.

-- grain: one row per local account. name is lower case (an e-mail address names a single sign-on account).
CREATE TABLE IF NOT EXISTS account (
    name          TEXT PRIMARY KEY,
    role          TEXT NOT NULL CHECK (role IN ('admin', 'operator', 'analyst', 'viewer')),
    scope         TEXT NOT NULL DEFAULT '',       -- '' = all of Indonesia, else a province, kab/kota or kecamatan code
    password_hash TEXT,                           -- argon2id (PHC string); NULL = single sign-on only
    disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    created_at    REAL NOT NULL,                  -- unix time
    changed_at    REAL NOT NULL,
    reset_at      REAL NOT NULL DEFAULT 0         -- failed logins before this time no longer count toward a lockout
);

-- grain: one row per event (login, logout, import, KLA entry, account change, export, refused access).
CREATE TABLE IF NOT EXISTS audit (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    at      REAL NOT NULL,                        -- unix time
    actor   TEXT NOT NULL,                        -- account name, the name typed at a failed login, '' = anonymous
    role    TEXT NOT NULL,                        -- role at the time ('' on the command line)
    action  TEXT NOT NULL,                        -- login, logout, import, boundary_import, kla_entry, account, export, denied
    outcome TEXT NOT NULL,                        -- ok, failure (a wrong password), refused (input or lock), denied (role, scope)
    reason  TEXT NOT NULL DEFAULT '',
    view    TEXT NOT NULL DEFAULT '',             -- page (url path) or command
    params  TEXT NOT NULL DEFAULT '{}',           -- JSON: what was done, with which parameters
    client  TEXT NOT NULL DEFAULT '',             -- ip:ADDRESS, session:ID, or cli:OS-USER
    channel TEXT NOT NULL                         -- web, sso, cli
);
CREATE INDEX IF NOT EXISTS audit_at ON audit (at);
CREATE INDEX IF NOT EXISTS audit_login_actor ON audit (action, actor, at);
CREATE INDEX IF NOT EXISTS audit_login_client ON audit (action, client, at);
