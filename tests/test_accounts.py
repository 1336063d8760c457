"""Accounts, roles, login, lockout, session expiry and the audit trail (issue 19): the command line, the logic of
data/accounts.py on a real SQLite file with real argon2 hashes, and the pages under AppTest (the time injected
through ui.login._clock and the `now` of data.accounts, never slept)."""

import json
import stat

import pytest
from streamlit.testing.v1 import AppTest

from data import accounts
from data.__main__ import main
from data.config import ROOT
from tests.conftest import PASSWORD, add_account, log_in, needs_shared, open_app

APP = str(ROOT / "app.py")


def cli(capsys, *args) -> tuple[int, str, str]:
    code = main(["user", *args])
    out, err = capsys.readouterr()
    return code, out, err


def password_file(tmp_path, password: str = PASSWORD):
    path = tmp_path / "pw.txt"
    path.write_text(password + "\n")
    return str(path)


def account_audit() -> list[tuple]:
    rows = accounts.audit_rows(actions=["account"])
    return [(r.reason, json.loads(r.params)["account"]) for r in rows.itertuples()][::-1]


# --- command line ------------------------------------------------------------------------------------------


@needs_shared
def test_user_commands_add_list_disable_enable_passwd_role(tmp_path, capsys, access_db):
    pw = password_file(tmp_path)
    code, out, _ = cli(capsys, "add", "Admin", "--role", "admin", "--password-file", pw)
    assert code == 0 and json.loads(out) == {"status": "added", "name": "admin", "role": "admin", "scope": "*",
                                             "disabled": False}
    assert stat.S_IMODE(access_db.stat().st_mode) == 0o600  # password hashes: the owner's only
    assert cli(capsys, "add", "analis.takalar", "--role", "analyst", "--scope", "73.05", "--password-file", pw)[0] == 0
    code, out, _ = cli(capsys, "list", "--format", "json")
    listed = {r["name"]: (r["role"], r["scope"], r["disabled"]) for r in json.loads(out)}
    assert listed == {"admin": ("admin", "*", False), "analis.takalar": ("analyst", "73.05", False)}

    assert cli(capsys, "disable", "analis.takalar")[0] == 0
    assert accounts.principal("analis.takalar") is None  # a disabled account acts as nobody
    assert "disabled" in cli(capsys, "list")[1]
    assert cli(capsys, "enable", "analis.takalar")[0] == 0
    assert accounts.principal("analis.takalar") == accounts.Principal("analis.takalar", "analyst", "73.05")

    new = password_file(tmp_path, "sandi-baru-yang-panjang")
    assert cli(capsys, "passwd", "analis.takalar", "--password-file", new)[0] == 0
    assert accounts.login("analis.takalar", PASSWORD, client="ip:10.0.0.1").outcome == "failure"
    assert accounts.login("analis.takalar", "sandi-baru-yang-panjang", client="ip:10.0.0.1").outcome == "ok"

    code, out, _ = cli(capsys, "role", "analis.takalar", "operator", "--scope", "73.05.01")
    assert code == 0 and json.loads(out)["role"] == "operator" and json.loads(out)["scope"] == "73.05.01"
    assert cli(capsys, "role", "analis.takalar", "viewer")[0] == 0  # the scope is kept when none is given
    assert accounts.principal("analis.takalar") == accounts.Principal("analis.takalar", "viewer", "73.05.01")
    assert account_audit() == [("add", "admin"), ("add", "analis.takalar"), ("disable", "analis.takalar"),
                               ("enable", "analis.takalar"), ("passwd", "analis.takalar"), ("role", "analis.takalar"),
                               ("role", "analis.takalar")]
    row = accounts.audit_rows(actions=["account"]).iloc[0]
    assert row.channel == "cli" and row.client.startswith("cli:") and json.loads(row.params)["old_role"] == "operator"


@needs_shared
@pytest.mark.parametrize("args, said", [
    (["add", "x.y", "--role", "king", "--scope", "*"], "'king' is not a role"),
    (["add", "x.y", "--role", "analyst", "--scope", "99.99"], "scope 99.99 is not a wilayah code"),
    (["add", "x.y", "--role", "analyst", "--scope", "73.73.01.1001"], "is not a province (73), kab/kota"),
    (["add", "x.y", "--role", "analyst"], "an analyst needs a scope"),
    (["add", "x.y", "--role", "admin", "--scope", "73"], "an admin's scope is all of Indonesia"),
    (["add", "bad name", "--role", "viewer", "--scope", "*"], "is not an account name"),
    (["disable", "nobody"], "no account named 'nobody'"),
    (["role", "nobody", "viewer"], "no account named 'nobody'"),
    (["passwd", "nobody"], "no account named 'nobody'"),
])
def test_user_commands_refuse_in_one_line_with_exit_2(capsys, tmp_path, args, said):
    code, out, err = cli(capsys, *args, *(["--password-file", password_file(tmp_path)] if args[0] == "add" else []))
    assert code == 2 and json.loads(out)["status"] == "refused"
    assert err.count("\n") == 1 and err.startswith("error: ") and said in err, err
    assert accounts.list_accounts() == []


def test_weak_passwords_and_a_second_account_of_one_name_are_refused(capsys, tmp_path, access_db):
    for weak, said in (("pendek", "too short"), ("aaaaaaaaaaaa", "too easy"), ("operator.satu", "too easy")):
        code, _, err = cli(capsys, "add", "operator.satu", "--role", "viewer", "--scope", "*", "--password-file",
                           password_file(tmp_path, weak))
        assert code == 2 and said in err, err
    assert accounts.list_accounts() == []
    add_account("operator.satu", "viewer", "*")
    code, _, err = cli(capsys, "add", "OPERATOR.satu", "--role", "viewer", "--scope", "*", "--password-file",
                       password_file(tmp_path))
    assert code == 2 and "exists already" in err
    assert cli(capsys, "passwd", "operator.satu", "--password-file", password_file(tmp_path, "short"))[0] == 2
    assert accounts.login("operator.satu", PASSWORD, client="c").outcome == "ok"  # unchanged


def test_without_a_terminal_the_password_comes_from_a_file(capsys, monkeypatch):
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))  # a pipe: getpass would echo or hang
    code, _, err = cli(capsys, "add", "admin", "--role", "admin")
    assert code == 2 and "--password-file" in err and not accounts.list_accounts()


def test_the_old_admin_password_variables_are_said_to_be_unused(capsys, monkeypatch):
    monkeypatch.setenv("ATS_ADMIN_PASSWORD", "rahasia-lama")
    code, _, err = cli(capsys, "list")
    assert code == 0 and err.count("ATS_ADMIN_PASSWORD is set but no longer used") == 1
    assert "python -m data user add admin --role admin" in err


# --- login and lockout (data.accounts) ---------------------------------------------------------------------


def test_wrong_password_unknown_account_and_disabled_account(capsys):
    add_account("petugas", "operator", "*")
    wrong = accounts.login("petugas", "bukan-sandinya-123", client="ip:10.0.0.9")
    unknown = accounts.login("siapa", PASSWORD, client="ip:10.0.0.9")
    assert (wrong.principal, wrong.outcome, wrong.reason) == (None, "failure", "wrong_password")
    assert (unknown.outcome, unknown.reason) == ("failure", "wrong_password")  # the same answer: no enumeration
    assert cli(capsys, "disable", "petugas")[0] == 0
    assert accounts.login("petugas", "bukan-sandinya-123", client="c").reason == "wrong_password"
    assert accounts.login("petugas", PASSWORD, client="c").reason == "disabled"  # only to whom knows the password
    rows = accounts.audit_rows(actions=["login"])[::-1]
    assert rows[["actor", "outcome", "reason"]].values.tolist() == [
        ["petugas", "failure", "wrong_password"], ["siapa", "failure", "unknown_account"],
        ["petugas", "failure", "wrong_password"], ["petugas", "refused", "disabled"]]
    assert set(rows["client"][:2]) == {"ip:10.0.0.9"}


def later(seconds: float = 10.0) -> float:
    """An injected time after the accounts were made (failures before an account's creation do not count)."""
    import time

    return time.time() + seconds


def test_five_failures_lock_the_account_for_fifteen_minutes_then_it_opens():
    add_account("admin", "admin")
    t0 = later()
    for i in range(5):
        assert accounts.login("admin", f"tebakan-{i}-xxxxx", client=f"ip:10.0.0.{i}", now=t0 + 60 * i).outcome == "failure"
    locked = accounts.login("admin", PASSWORD, client="ip:10.0.1.1", now=t0 + 300)  # the right one, another client
    assert (locked.outcome, locked.reason) == ("refused", "locked_account") and locked.wait_s == pytest.approx(840)
    assert accounts.login("admin", PASSWORD, client="ip:10.0.1.1", now=t0 + 240 + 899).reason == "locked_account"
    opened = accounts.login("admin", PASSWORD, client="ip:10.0.1.1", now=t0 + 240 + 900)
    assert opened.outcome == "ok" and opened.principal.role == "admin"
    assert [r.reason for r in accounts.audit_rows(actions=["login"]).itertuples()][:3] == ["", "locked_account",
                                                                                          "locked_account"]


def test_the_command_line_ends_a_lockout_at_once(capsys):
    """The command line needs no login, so a lockout cannot keep the admin out of it; `user enable` ends it."""
    add_account("admin", "admin")
    for i in range(5):
        accounts.login("admin", f"tebakan-{i}-yyyyy", client="ip:10.0.2.1")
    assert accounts.login("admin", PASSWORD, client="ip:10.0.1.1").reason == "locked_account"
    assert cli(capsys, "list")[0] == 0  # the command line works meanwhile
    assert cli(capsys, "enable", "admin")[0] == 0
    assert accounts.login("admin", PASSWORD, client="ip:10.0.1.1").outcome == "ok"


def test_failures_spread_over_more_than_the_window_do_not_lock():
    add_account("admin", "admin")
    t0 = later()
    for i in range(8):  # one every 4 minutes: never 5 within 15 minutes
        assert accounts.login("admin", "salah-salah-salah", client="ip:10.0.0.1", now=t0 + 240 * i).outcome == "failure"
    assert accounts.login("admin", PASSWORD, client="ip:10.0.0.1", now=t0 + 240 * 8).outcome == "ok"
    for i in range(5):  # five within the window do
        accounts.login("admin", "salah-salah-salah", client="ip:10.0.0.1", now=t0 + 2000 + 200 * i)
    assert accounts.login("admin", PASSWORD, client="ip:10.0.0.1", now=t0 + 2000 + 801).reason == "locked_account"


def test_one_client_guessing_many_accounts_is_locked_without_locking_them_elsewhere():
    names = [f"petugas{i}" for i in range(5)]
    for name in names:
        add_account(name, "viewer", "*")
    t0 = later()
    for i in range(accounts.LOCKOUT["client"]["max"]):  # 4 per account: no account reaches its own limit
        accounts.login(names[i % 5], "tebakan-salah-1", client="ip:203.0.113.7", now=t0 + i)
    refused = accounts.login(names[0], PASSWORD, client="ip:203.0.113.7", now=t0 + 30)
    assert (refused.outcome, refused.reason) == ("refused", "locked_client")
    assert accounts.login(names[0], PASSWORD, client="ip:198.51.100.2", now=t0 + 31).outcome == "ok"
    assert accounts.login(names[1], PASSWORD, client="ip:203.0.113.7", now=t0 + 19 + 900).outcome == "ok"


def test_principal_rights_and_scope():
    takalar = accounts.Principal("a", "analyst", "73.05")
    assert takalar.covers("73.05") and takalar.covers("73.05.01.2001") and not takalar.covers("73.08")
    assert not takalar.covers("73") and not takalar.covers("73.051")
    assert takalar.may("unprotected") and not takalar.may("import") and not takalar.may("audit")
    assert accounts.Principal("o", "operator", "73.05").may("kla_entry")
    assert accounts.ANONYMOUS.may("view") and not accounts.ANONYMOUS.may("unprotected") and accounts.ANONYMOUS.national


def test_a_hash_made_with_other_parameters_is_renewed_at_login():
    import argon2

    add_account("admin", "admin")
    old = argon2.PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash(PASSWORD)
    con = accounts.connect()
    con.execute("UPDATE account SET password_hash = ?", [old])
    con.close()
    assert accounts.login("admin", PASSWORD, client="c").outcome == "ok"
    con = accounts.connect()
    renewed = con.execute("SELECT password_hash FROM account").fetchone()[0]
    con.close()
    assert renewed != old and "m=19456,t=2,p=1" in renewed


# --- pages ---------------------------------------------------------------------------------------------------


def start(view: str | None = None, **query) -> AppTest:
    return open_app(view, timeout=60, check=False, **query)


def headers(at) -> set[str]:
    return {h.value for h in at.main.header}


@needs_shared
def test_no_account_leaves_the_dashboard_read_only_and_says_how_to_make_the_first_admin(use_store):
    at = start("views/impor.py")
    assert not at.exception, at.exception
    assert any("python -m data user add admin --role admin" in i.value for i in at.info)
    assert not at.file_uploader and not headers(at) & {"Data survei SIPBM", "Batas wilayah"}
    assert "login_name" not in [w.key for w in at.text_input]  # nobody to log in as


@needs_shared
def test_the_sidebar_names_the_accounts_wilayah(use_store):
    """A scoped account reads its wilayah by name with its code ("Kota Palopo · 73.73"), not the code alone."""
    add_account("analis", "analyst", scope="73.73")
    at = log_in(start("views/impor.py"), "analis")  # the page refuses an analyst; the sidebar says who logged in
    assert any("analis · Kota Palopo · 73.73" in c.value for c in at.sidebar.caption), [c.value for c in at.sidebar.caption]


@needs_shared
def test_login_logout_and_their_audit_rows(use_store):
    add_account("admin", "admin")
    at = start("views/impor.py")
    assert any("untuk peran operator atau admin" in w.value for w in at.warning)  # the page says who may, and asks
    log_in(at, "admin", "bukan-sandinya")
    assert any("Nama akun atau kata sandi salah" in e.value for e in at.error) and not at.file_uploader
    log_in(at, "admin")
    assert {"Data survei SIPBM", "Batas wilayah", "Riwayat impor"} <= headers(at)
    assert any("Masuk sebagai **admin**" in c.value for c in at.sidebar.caption)
    assert "login_password" not in at.session_state  # the password does not stay in the session
    at.sidebar.button(key="logout").click().run()
    assert not at.exception, at.exception
    assert not at.file_uploader and any("belum masuk" in c.value for c in at.sidebar.caption)
    rows = accounts.audit_rows(actions=["denied", "login", "logout"])[::-1]
    assert rows[["action", "outcome", "reason", "actor"]].values.tolist() == [
        ["denied", "denied", "role", ""],  # the visitor reached /impor before logging in
        ["login", "failure", "wrong_password", "admin"], ["login", "ok", "", "admin"],
        ["logout", "ok", "logout", "admin"]]
    assert rows["client"].str.startswith("session:").all() and rows["view"].iloc[1] == "impor"


@needs_shared
def test_account_lockout_on_the_page_and_its_end(use_store, monkeypatch):
    from ui import login

    add_account("admin", "admin")
    now = [later()]
    monkeypatch.setattr(login, "_clock", lambda: now[0])
    first, second = start("views/impor.py"), start("views/impor.py")  # two sessions: the count is the account's
    for i in range(3):
        log_in(first, "admin", f"tebakan-{i}-salah")
    for i in range(2):
        log_in(second, "admin", f"tebakan-{i}-lagi")
    log_in(second, "admin")  # the right password, while locked
    assert any("dikunci ±15 menit lagi" in e.value for e in second.error), [e.value for e in second.error]
    assert not second.file_uploader
    now[0] += 15 * 60
    log_in(second, "admin")
    assert "Data survei SIPBM" in headers(second)


@needs_shared
def test_a_session_expires_after_its_idle_minutes(use_store, monkeypatch):
    from ui import login

    monkeypatch.setenv("ATS_SESSION_MINUTES", "30")
    add_account("admin", "admin")
    now = [later()]
    monkeypatch.setattr(login, "_clock", lambda: now[0])
    at = log_in(start("views/impor.py"), "admin")
    for _ in range(3):  # active every 20 minutes: the session stays
        now[0] += 20 * 60
        at.run()
        assert "Data survei SIPBM" in headers(at)
    now[0] += 31 * 60
    at.run()
    assert not at.exception, at.exception
    assert "Data survei SIPBM" not in headers(at) and "login_name" in [w.key for w in at.text_input]
    assert any("lama tidak aktif" in i.value for i in at.info)
    logout = accounts.audit_rows(actions=["logout"]).iloc[0]
    assert (logout["actor"], logout["reason"], logout["at"]) == ("admin", "expired", now[0])


@needs_shared
def test_a_viewer_reaching_the_import_and_audit_pages_by_url_is_refused_and_audited(use_store):
    add_account("pemirsa", "viewer", "*")
    at = log_in(start("views/impor.py"), "pemirsa")
    assert not at.exception, at.exception
    assert any("Akun pemirsa (pemirsa) tidak berhak membuka halaman ini" in e.value for e in at.error)
    assert not at.file_uploader and not headers(at)
    at.run()  # a rerun of the same page is not a new attempt
    at.switch_page("views/audit.py").run()
    assert any("tidak berhak" in e.value for e in at.error) and not at.dataframe
    denied = accounts.audit_rows(actions=["denied"])[::-1]
    assert denied[["actor", "role", "view"]].values.tolist() == [
        ["", "viewer", "impor"],  # before the login: the visitor was asked to log in there
        ["pemirsa", "viewer", "impor"], ["pemirsa", "viewer", "audit"]]


@needs_shared
def test_ats_public_0_shows_only_the_login_to_an_anonymous_visitor(use_store, monkeypatch):
    monkeypatch.setenv("ATS_PUBLIC", "0")
    add_account("analis", "analyst", "73.73")
    for view in (None, "views/tren.py"):
        at = start(view, kec="73.73.01")
        assert not at.exception, at.exception
        assert [t.value for t in at.title] == ["Masuk"]
        assert not at.dataframe and not at.get("bidi_component") and not at.sidebar.selectbox  # no number, no filter
    log_in(at, "analis")
    assert at.title[0].value != "Masuk" and at.sidebar.selectbox(key="f_kec").value == "73.73.01"  # the link's view
    monkeypatch.setenv("ATS_PUBLIC", "kadang")  # not understood: fails closed
    at = start()
    assert [t.value for t in at.title] == ["Masuk"] and any("ATS_PUBLIC" in e.value for e in at.error)


@needs_shared
def test_a_viewer_account_inside_what_visitors_see_is_said_to_gain_nothing(tmp_path, capsys, monkeypatch):
    """With ATS_PUBLIC=1 a visitor who has not logged in is a viewer of ATS_PUBLIC_SCOPE (all of Indonesia by
    default): a viewer account inside it sees no more and, scoped, less. `user add` and `user role` say so; not for
    an analyst, nor for a viewer outside the public wilayah or when visitors must log in."""
    pw = password_file(tmp_path)
    code, _, err = cli(capsys, "add", "pemirsa.takalar", "--role", "viewer", "--scope", "73.05", "--password-file", pw)
    assert code == 0 and "visitors who have not logged in already see" in err and "ATS_PUBLIC_SCOPE=*" in err
    assert "note:" not in cli(capsys, "add", "analis", "--role", "analyst", "--scope", "73.05", "--password-file", pw)[2]
    assert "ATS_PUBLIC_SCOPE=*" in cli(capsys, "role", "analis", "viewer", "--scope", "73")[2]
    monkeypatch.setenv("ATS_PUBLIC_SCOPE", "73.05")
    assert "note:" not in cli(capsys, "add", "pemirsa.bone", "--role", "viewer", "--scope", "73.08", "--password-file", pw)[2]
    monkeypatch.setenv("ATS_PUBLIC", "0")
    assert "note:" not in cli(capsys, "add", "pemirsa.dua", "--role", "viewer", "--scope", "73.05", "--password-file", pw)[2]


@needs_shared
def test_ats_public_0_without_any_account_says_how_to_make_one(use_store, monkeypatch):
    monkeypatch.setenv("ATS_PUBLIC", "0")
    at = start()
    assert [t.value for t in at.title] == ["Masuk"] and not at.dataframe
    assert any("python -m data user add admin --role admin" in i.value for i in at.info)


@needs_shared
def test_the_audit_page_lists_and_filters_for_an_admin(use_store):
    add_account("admin", "admin")
    accounts.audit("export", "ok", actor="analis", role="analyst", view="kla", params={"what": "scorecard_csv"},
                   client="ip:10.1.1.1")
    at = log_in(start("views/impor.py"), "admin")
    at.switch_page("views/audit.py").run()
    assert not at.exception, at.exception
    table = at.dataframe[0].value  # the page's language in the values (and the column labels)
    assert table["action"].tolist() == ["masuk", "akses ditolak", "ekspor", "perubahan akun"]
    assert table["actor"].tolist()[:3] == ["admin", "(tanpa masuk)", "analis"]
    assert table["params"].iloc[2] == "what=scorecard_csv" and table["client"].iloc[2] == "ip:10.1.1.1"
    at.multiselect(key="audit_actions").set_value(["export"]).run()
    assert at.dataframe[0].value["actor"].tolist() == ["analis"]
    at.multiselect(key="audit_actions").set_value([]).run()
    at.text_input(key="audit_actor").input("tidak-ada").run()
    assert any("Tidak ada catatan" in i.value for i in at.info)


@needs_shared
def test_kla_entries_are_audited_and_a_role_change_takes_effect_at_once(kla_store, capsys):
    """An operator's saved and refused KLA entries are in the audit trail; once the admin makes the account a viewer
    on the command line, the open page has no entry form at its next step."""
    add_account("andi", "operator", "73.73")
    at = log_in(start("views/impor.py", tahun="2024"), "andi")
    at.switch_page("views/kla.py").run()
    at.selectbox(key="kla_form_kode").set_value("IV.3")
    at.text_input(key="kla_form_nilai").set_value("140")
    at.text_input(key="kla_form_bukti").set_value("SK 12/2024")
    at.button[0].click().run()  # refused by the value's check
    at.text_input(key="kla_form_nilai").set_value("42,5")
    at.button[0].click().run()
    assert any("42,5" in s.value for s in at.success), [s.value for s in at.success]
    assert cli(capsys, "role", "andi", "viewer")[0] == 0
    at.run()
    assert "kla_form_nilai" not in [w.key for w in at.text_input]
    rows = accounts.audit_rows(actions=["kla_entry"])[::-1]
    assert rows[["outcome", "reason", "actor"]].values.tolist() == [["refused", "pct_range", "andi"], ["ok", "", "andi"]]
    saved = json.loads(rows["params"].iloc[1])
    assert (saved["kode_kab"], saved["kode"], saved["nilai"], saved["tahun"]) == ("73.73", "IV.3", 42.5, 2024)


@needs_shared
@pytest.mark.parametrize("role, scope, said", [
    ("viewer", "*", "Tidak disimpan: perubahan ini memerlukan akun dengan peran operator atau admin"),
    ("operator", "73.05", "73.73 berada di luar wilayah akun Anda (Kabupaten Takalar · 73.05)"),
])
def test_the_write_itself_checks_role_and_scope_whatever_the_page_shows(kla_store, role, scope, said):
    """The KLA value form drawn for a session whose account may not write there (as if the page had not hidden it):
    the submit is refused at the write, said, audited, and nothing is saved."""
    add_account("orang", role, scope)

    def page():
        import streamlit as st

        from ui import kla, login

        st.session_state.setdefault("_account", {"name": "orang", "role": "x", "via": "password", "last_seen": login._clock()})
        kla.value_form("73.73", {"IV.3": "IV.3"}, 2024)

    at = AppTest.from_function(page, default_timeout=60).run()
    at.text_input(key="kla_form_nilai").set_value("42,5")
    at.text_input(key="kla_form_bukti").set_value("SK 12/2024")
    at.button[0].click().run()
    assert not at.exception, at.exception
    assert any(said in e.value for e in at.error), [e.value for e in at.error]
    denied = accounts.audit_rows(actions=["denied"]).iloc[0]
    assert (denied["actor"], denied["view"], json.loads(denied["params"])["kode_kab"]) == ("orang", "kla", "73.73")
    from tests.conftest import run_query

    assert run_query(kla_store, "kla_audit_by_kab", kode_kab="73.73").empty  # nothing written


@needs_shared
def test_a_survey_import_on_the_page_is_audited_and_bound_to_the_scope(store_copy, monkeypatch):
    """An operator of Palopo imports the example file (its kab/kota filled in from the scope); an operator of
    Takalar is refused the same file for Palopo at the moment of import; both are in the audit trail."""
    monkeypatch.setenv("ATS_STORE", str(store_copy))
    monkeypatch.setenv("ATS_HMAC_KEY", "kunci-uji-audit-impor-0123456789")
    example = ROOT / "docs" / "examples" / "sipbm_canonical_example.csv"
    add_account("petugas.takalar", "operator", "73.05")
    at = log_in(start("views/impor.py"), "petugas.takalar")
    at.file_uploader(key="impor_file_0").set_value((example.name, example.read_bytes(), "text/csv")).run()
    at.text_input(key="impor_kab").input("73.73").run()
    at.button(key="impor_apply").click().run()
    assert not at.exception, at.exception
    assert any("73.73 berada di luar wilayah akun Anda (Kabupaten Takalar · 73.05)" in e.value for e in at.error)

    add_account("petugas.palopo", "operator", "73.73")
    at = log_in(start("views/impor.py"), "petugas.palopo")
    at.file_uploader(key="impor_file_0").set_value((example.name, example.read_bytes(), "text/csv")).run()
    assert at.text_input(key="impor_kab").value == "73.73"  # its kab/kota, from the scope
    at.button(key="impor_apply").click().run()
    assert not at.exception, at.exception
    rows = accounts.audit_rows(actions=["import", "denied"])[::-1]
    rows = rows[rows["actor"] != ""]  # the visitors were asked to log in on the page first
    assert rows[["action", "outcome", "reason", "actor"]].values.tolist() == [
        ["denied", "denied", "out_of_scope", "petugas.takalar"], ["import", "ok", "", "petugas.palopo"]]
    done = json.loads(rows["params"].iloc[1])
    assert (done["status"], done["kode_kab"], done["file"]) == ("applied", "73.73", example.name) and done["accepted"] > 0


@needs_shared
def test_an_export_is_audited_when_the_file_is_made(use_store):
    """The download's callable (Streamlit runs it outside the page's run, on the click) writes the export row."""
    add_account("analis", "analyst", "73.73")

    def page():
        import streamlit as st

        from ui import login

        st.session_state["_account"] = {"name": "analis", "role": "analyst", "via": "password",
                                        "last_seen": login._clock()}
        st.session_state["made"] = login.audited_export("kla", "scorecard_csv", {"kode_kab": "73.73"}, lambda: b"a,b\n")

    at = AppTest.from_function(page).run()
    assert not at.exception, at.exception
    assert accounts.audit_rows(actions=["export"]).empty  # nothing yet: no file was made
    assert at.session_state["made"]() == b"a,b\n"
    row = accounts.audit_rows(actions=["export"]).iloc[0]
    assert (row.actor, row.role, row.view, json.loads(row.params)) == (
        "analis", "analyst", "kla", {"what": "scorecard_csv", "kode_kab": "73.73"})


@needs_shared
def test_the_pages_that_asked_for_the_old_password_say_it_is_unused(use_store, monkeypatch):
    monkeypatch.setenv("ATS_ADMIN_PASSWORD_FILE", "/etc/ats/admin.txt")
    at = start("views/impor.py")
    assert any("ATS_ADMIN_PASSWORD_FILE masih diatur di server tetapi tidak dipakai lagi" in w.value for w in at.warning)


def test_single_sign_on_maps_a_verified_e_mail_onto_its_account(capsys):
    assert cli(capsys, "add", "Nama@Dinas.go.id", "--role", "analyst", "--scope", "*", "--sso-only")[0] == 0
    found = accounts.sso_principal("nama@dinas.go.id", verified=True)
    assert found == accounts.Principal("nama@dinas.go.id", "analyst", "")
    assert accounts.sso_principal("NAMA@dinas.go.id") == found  # the provider's case does not matter
    assert accounts.sso_principal("nama@dinas.go.id", verified=False) is None
    assert accounts.sso_principal("lain@dinas.go.id", verified=True) is None
    refused = accounts.login("nama@dinas.go.id", PASSWORD, client="c")  # no password login for an SSO-only account
    assert refused.outcome == "failure" and accounts.audit_rows(actions=["login"]).iloc[0]["reason"] == "sso_only"
    assert cli(capsys, "disable", "nama@dinas.go.id")[0] == 0
    assert accounts.sso_principal("nama@dinas.go.id", verified=True) is None


@needs_shared
@pytest.mark.parametrize("lang, said", [
    ("id", {"applied": None, "header_only": "hanya judul", "no_row": "0 baris lolos",
            "other": "lain (boundary_no_crs)", "account": "akun dibuat"}),
    ("en", {"applied": None, "header_only": "header only", "no_row": "0 rows passed",
            "other": "other (boundary_no_crs)", "account": "added"}),
])
def test_the_audit_page_says_why_an_import_was_refused_in_its_language(kla_store, tmp_path, monkeypatch, capsys, lang,
                                                                       said):
    """Imports through the command line's real import path into a temp store (applied, refused by its error code,
    refused with no row accepted): the Audit table's reason column said the raw code ("header_only"), nothing for a
    file whose rows were all rejected, and an account change's kind ("add") in English; now words in the page's
    language, and a code with no text of its own as a generic text with the code."""
    monkeypatch.setenv("ATS_HMAC_KEY", "kunci-uji-audit-impor-0123456789")
    example = ROOT / "docs" / "examples" / "sipbm_canonical_example.csv"
    header_only = tmp_path / "judul_saja.csv"
    header_only.write_text(example.read_text().splitlines()[0] + "\n")
    lines = example.read_text().splitlines()
    all_bad = tmp_path / "semua_salah.csv"
    all_bad.write_text("\n".join([lines[0], *[line.replace(",L,", ",X,").replace(",P,", ",X,") for line in lines[1:]]]) + "\n")
    add_account("admin", "admin")
    assert main(["import", str(example)]) == 0
    assert main(["import", str(header_only)]) == 2
    assert main(["import", str(all_bad)]) == 2
    capsys.readouterr()
    accounts.audit("boundary_import", "refused", actor="admin", role="admin", reason="boundary_no_crs", view="impor")
    stored = accounts.audit_rows(actions=["import"])[::-1]
    assert stored[["outcome", "reason"]].values.tolist() == [["ok", ""], ["refused", "header_only"],
                                                             ["refused", "no_row_accepted"]]

    def page(lang: str) -> None:  # the Audit page alone, for the admin, in `lang` (the app's sidebar is not its part)
        import runpy

        import streamlit as st

        from data.config import ROOT
        from ui import login

        st.session_state.setdefault("_account", {"name": "admin", "role": "x", "via": "password",
                                                 "last_seen": login._clock()})
        st.session_state.setdefault("lang", lang)
        runpy.run_path(str(ROOT / "views" / "audit.py"))

    at = AppTest.from_function(page, args=(lang,), default_timeout=60).run()
    assert not at.exception, at.exception
    table = at.dataframe[0].value
    reasons = [None if r is None or r != r else r for r in table["reason"]]  # an empty cell comes back as NaN
    imports = [r for r, view in zip(reasons, table["view"]) if view == "import"][::-1]
    assert imports == [said["applied"], said["header_only"], said["no_row"]], reasons
    assert said["other"] in reasons and said["account"] in reasons, reasons
