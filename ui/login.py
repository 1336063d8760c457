"""Who the browser session is: the login form, logout, session expiry, and the checks of the pages that write.

app.py calls gate() first on every run: it ends an idle or disabled session and maps a single sign-on identity onto
its account; with ATS_PUBLIC=0 a visitor who has not logged in gets only the login form (required, screen). Pages call
principal() (name, role, scope), require() (a page of a role: refused, said and audited when reached by URL) and,
at the point of writing, authorize() (the role and scope read again from the accounts file). The logic of accounts,
hashes and lockout is in data/accounts.py; the command line (no login) is data/__main__.py's `user`.
"""

import functools
import logging
import time

import streamlit as st

from data import accounts, config
from data.accounts import ANONYMOUS, AccountError, Principal
from ui.i18n import LANGS, t

SESSION_KEY = "_account"  # session state: {"name", "via": "password" | "sso", "last_seen": unix time}
DENIED_KEY = "_denied_logged"  # session state: the (account, view) pairs whose refusal is in the audit trail
ANY_WILAYAH = "*"  # authorize(wilayah=ANY_WILAYAH): the write may touch any wilayah (a boundary file)
_clock = time.time  # tests set the time through this
_legacy_logged: set[str] = set()
_log = logging.getLogger(__name__)


def client() -> str:
    """The client a login comes from, for the lockout and the audit: its IP address; on this machine (Streamlit
    gives no address for localhost) the first address of X-Forwarded-For / X-Real-IP when a reverse proxy on this
    machine sets one; else this browser session."""
    ip = st.context.ip_address
    if not isinstance(ip, str):  # None on localhost (and no context under AppTest)
        headers = st.context.headers
        forwarded = headers.get("X-Forwarded-For") or headers.get("X-Real-Ip") if headers else None
        ip = forwarded.split(",")[0].strip() if isinstance(forwarded, str) else None
    if ip:
        return f"ip:{ip}"
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    return f"session:{ctx.session_id[:13] if ctx else '-'}"


def sso_configured() -> bool:
    """Single sign-on (st.login) is offered when secrets.toml has an [auth] section."""
    try:
        from streamlit.auth_util import get_secrets_auth_section

        return bool(get_secrets_auth_section())
    except Exception:  # no secrets file, or a Streamlit without it
        return False


def _public() -> bool:
    try:
        anonymous_scope(config.public_scope())
        return config.public()
    except (ValueError, AccountError) as e:  # fails closed: a login for every page
        st.error(t("login.bad_setting", error=str(e)))
        return False


@functools.lru_cache(maxsize=4)
def anonymous_scope(scope: str) -> str:
    """ATS_PUBLIC_SCOPE as data.accounts checks a viewer's scope (a wilayah of the store or of the reference list);
    checked once per value in this process. Raises AccountError for an unknown code."""
    return accounts.check_scope(scope or "*", "viewer")


def anonymous() -> Principal:
    """The visitor who has not logged in: a viewer (protected numbers) of ATS_PUBLIC_SCOPE (all of Indonesia by
    default). A setting that cannot be read leaves it a viewer of nothing it may reach: required() then asks for a
    login (_public fails closed)."""
    try:
        return Principal(None, "viewer", anonymous_scope(config.public_scope()))
    except (ValueError, AccountError):
        return ANONYMOUS


def _timeout_s(*, say: bool = False) -> float:
    try:
        return config.session_minutes() * 60.0
    except ValueError as e:  # the default, and the app says why (gate)
        if say:
            st.error(t("login.bad_setting", error=str(e)))
        return config.SESSION_MINUTES_DEFAULT * 60.0


def _end(held: dict, reason: str) -> None:
    """End the session's login (logout, expiry, a disabled account) and write it to the audit trail."""
    st.session_state.pop(SESSION_KEY, None)
    accounts.audit("logout", "ok", actor=held["name"], role=held.get("role", ""), reason=reason, client=client(),
                   channel="sso" if held.get("via") == "sso" else "web", now=_clock())
    if held.get("via") == "sso" and sso_configured():
        st.logout()


def principal() -> Principal:
    """The session's principal: its account as the accounts file has it now (role and scope read on every call),
    else the anonymous visitor (a viewer of ATS_PUBLIC_SCOPE, all of Indonesia by default; with ATS_PUBLIC=0 app.py
    lets no anonymous visitor past the login form)."""
    held = st.session_state.get(SESSION_KEY)
    if held:
        found = accounts.principal(held["name"])
        if found is not None and _clock() - held["last_seen"] <= _timeout_s():
            return found
    return anonymous()


def gate() -> Principal:
    """Run first on every run: ends an idle session (ATS_SESSION_MINUTES) or one of a disabled account, maps a
    single sign-on identity; returns the session's principal (app.py then shows only screen() when required())."""
    _legacy_note()
    now = _clock()
    held = st.session_state.get(SESSION_KEY)
    if held:
        found = accounts.principal(held["name"])
        if now - held["last_seen"] > _timeout_s(say=True):
            _end(held, "expired")
            st.session_state["_login_notice"] = "login.expired"
        elif found is None:
            _end(held, "disabled")
            st.session_state["_login_notice"] = "login.ended"
        else:
            held.update(last_seen=now, role=found.role)
            held = None
    if held is None and SESSION_KEY not in st.session_state and sso_configured():  # not in the run that ended one
        _sso(now)
    return principal()


def required(who: Principal) -> bool:
    """True when this visitor must log in before any page (ATS_PUBLIC=0)."""
    return who.anonymous and not _public()


def screen() -> None:
    """The whole page for a visitor who must log in first: the language choice and the login form; stops."""
    if st.session_state.get("lang") not in LANGS:
        st.session_state["lang"] = st.query_params.get("lang") if st.query_params.get("lang") in LANGS else "id"
    st.sidebar.radio(t("lang.label"), LANGS, key="lang", horizontal=True, format_func={"id": "Indonesia", "en": "English"}.get)
    from ui import widgets  # not at the top: ui.widgets imports this module

    widgets.streamlit_texts()  # the form's "Press Enter to submit form" in the page's language
    st.title(t("login.title"))
    st.caption(t("login.required"))
    form("login", view="")
    st.stop()


def _sso(now: float) -> None:
    """A visitor logged in through st.login: the enabled account named by the identity's e-mail address."""
    if not st.user.is_logged_in:
        return
    email = str(st.user.get("email") or "")
    found = accounts.sso_principal(email, verified=st.user.get("email_verified"))
    if found is None:
        if not st.session_state.get("_sso_refused"):
            st.session_state["_sso_refused"] = True
            accounts.audit("login", "refused", actor=email.lower()[:64], reason="sso_no_account", client=client(),
                           channel="sso", now=now)
        st.warning(t("login.sso_no_account", email=email))
        return
    st.session_state[SESSION_KEY] = {"name": found.name, "role": found.role, "via": "sso", "last_seen": now}
    accounts.audit("login", "ok", actor=found.name, role=found.role, params={"scope": found.scope_label},
                   client=client(), channel="sso", now=now)


def form(key: str, *, view: str) -> None:
    """The login form; on success the session is logged in and the page runs again."""
    notice = st.session_state.pop("_login_notice", None)
    if notice:
        st.info(t(notice))
    if not accounts.has_accounts():
        st.info(t("login.no_accounts"))
    with st.form(key, clear_on_submit=True):  # the password does not stay in the session's state
        name = st.text_input(t("login.name"), key=f"{key}_name", max_chars=64)
        password = st.text_input(t("login.password"), type="password", key=f"{key}_password",
                                 max_chars=accounts.MAX_PASSWORD_LENGTH)
        submitted = st.form_submit_button(t("login.submit"), key=f"{key}_submit", type="primary")
    if sso_configured():
        st.button(t("login.sso"), key=f"{key}_sso", on_click=st.login)
    if not submitted:
        return
    result = accounts.login(name, password, client=client(), view=view, now=_clock())
    if result.principal is not None:
        st.session_state[SESSION_KEY] = {"name": result.principal.name, "role": result.principal.role,
                                         "via": "password", "last_seen": _clock()}
        st.rerun()
    if result.reason.startswith("locked"):
        st.error(t(f"login.{result.reason}", minutes=max(1, round(result.wait_s / 60))))
    else:
        st.error(t(f"login.{result.reason}"))


def page() -> None:
    """The Masuk (log in) page."""
    st.title(t("login.title"))
    who = principal()
    if who.anonymous:
        form("login", view="masuk")
    else:
        st.success(t("login.as", name=who.name, role=t(f"role.{who.role}"), scope=scope_text(who)))


def scope_text(who: Principal) -> str:
    """The account's wilayah as a reader names it: "Kabupaten Takalar · 73.05", not the code alone."""
    return t("scope.national") if who.national else scope_label(who.scope)


def scope_label(kode: str) -> str:
    """A scope's code with its name from the store ("Kota Palopo · 73.73"); the code alone if the store has no name."""
    from data import api  # the store's names; data.api imports Streamlit's caches, which the login module does not need

    if not kode:
        return kode
    names = api.wilayah_by_kode([kode])
    return t("scope.named", name=names["nama"].iloc[0], kode=kode) if len(names) else kode


def sidebar(who: Principal) -> None:
    """Who is logged in, and the logout button; for a visitor, the view they see."""
    box = st.sidebar.container(border=True)
    if who.anonymous:
        box.caption(t("login.anonymous") if who.national else t("login.anonymous_scope", scope=scope_text(who)))
        return
    box.caption(t("login.as", name=who.name, role=t(f"role.{who.role}"), scope=scope_text(who)))
    box.button(t("login.logout"), key="logout", on_click=logout)


def logout() -> None:
    held = st.session_state.get(SESSION_KEY)
    if held:
        _end(held, "logout")


def _legacy_note() -> None:
    """ATS_ADMIN_PASSWORD / _FILE still set: said once per server process in its log, and on the pages that asked
    for that password (require, may_write)."""
    for name in config.legacy_password_variables():
        if name not in _legacy_logged:
            _legacy_logged.add(name)
            _log.warning("%s is set but no longer used: the dashboard has accounts with roles now. Create an admin with "
                         "`python -m data user add admin --role admin`, then unset it (README, Accounts and roles).", name)


def _legacy_warning() -> None:
    names = config.legacy_password_variables()
    if names:
        st.warning(t("access.legacy", names=", ".join(names)))


def _audit_denied(who: Principal, view: str, reason: str, params: dict | None = None, *, once: bool = True) -> None:
    """A refused page or write in the audit trail; a page's refusal once per session (its reruns are not new tries)."""
    done = st.session_state.setdefault(DENIED_KEY, set())
    if once and (who.name, view) in done:
        return
    done.add((who.name, view))
    accounts.audit("denied", "denied", actor=who.name, role=who.role, reason=reason, view=view, params=params,
                   client=client(), channel=channel(), now=_clock())


def channel() -> str:
    held = st.session_state.get(SESSION_KEY) or {}
    return "sso" if held.get("via") == "sso" else "web"


def require(right: str, view: str) -> Principal:
    """A page for the roles with `right`: for anyone else it says why in the UI language, writes the attempt to
    the audit trail (once per session) and stops. With no account yet it says how to create the first admin."""
    who = principal()
    if right != "view":
        _legacy_warning()
    if not accounts.has_accounts():
        st.info(t("access.first_admin"))
        st.stop()
    if who.may(right):
        return who
    _audit_denied(who, view, "role")
    if who.anonymous:
        st.warning(t("access.login_needed", roles=_roles_with(right)))
        form("login", view=view)
    else:
        st.error(t("access.denied_role", name=who.name, role=t(f"role.{who.role}"), roles=_roles_with(right)))
    st.stop()


def _roles_with(right: str) -> str:
    """The roles with `right`, as a sentence lists them: "operator atau admin"."""
    roles = [t(f"role.{r}") for r in accounts.ROLES if Principal("x", r).may(right)]
    return t("roles.or", roles=", ".join(roles[:-1]), last=roles[-1]) if len(roles) > 1 else roles[0]


def may_write(right: str, kode: str | None) -> bool:
    """Whether to show a part of a page that writes for the wilayah `kode` (KLA value entry); when not, a line
    says why (how to create the first admin, which role it needs, or that `kode` is outside the scope). The write
    itself checks again: authorize()."""
    _legacy_warning()
    if not accounts.has_accounts():
        st.info(t("access.first_admin"))
        return False
    who = principal()
    if not who.may(right):
        st.caption(t("access.write_needs_role", roles=_roles_with(right)))
        return False
    if kode and not who.covers(kode):
        st.caption(t("access.out_of_scope", kode=kode, scope=scope_text(who)))
        return False
    return True


def authorize(right: str, view: str, *, wilayah: str | None = None, params: dict | None = None) -> Principal | None:
    """At the point of writing: the session's account as the accounts file has it now must have `right`, and
    `wilayah` (a code, comma-separated codes, ANY_WILAYAH, or None when the caller checks each row itself) must lie
    within its scope. Refused: said in the UI language, written to the audit trail, None returned."""
    who = principal()
    codes = [c.strip() for c in str(wilayah or "").split(",") if c.strip()]
    if not accounts.has_accounts() or not who.may(right):
        reason, text = "role", t("access.denied_write", roles=_roles_with(right))
    elif wilayah == ANY_WILAYAH and not who.national:
        reason, text = "national_only", t("access.national_only", scope=scope_text(who))
    elif wilayah is not None and not who.national and not codes:
        reason, text = "scope_needs_kab", t("access.needs_kab", scope=scope_text(who))
    elif wilayah not in (None, ANY_WILAYAH) and not all(who.covers(c) for c in codes):
        outside = next(c for c in codes if not who.covers(c))
        reason, text = "out_of_scope", t("access.out_of_scope", kode=outside, scope=scope_text(who))
    else:
        return who
    st.error(text)
    _audit_denied(who, view, reason, {"right": right, "wilayah": wilayah, **(params or {})}, once=False)
    return None


def refuse_out_of_scope(who: Principal, kode: str, *, view: str = "link", reason: str = "out_of_scope",
                        params: dict | None = None) -> None:
    """A read of a wilayah outside the scope (a link's filter, a refused query) in the audit trail, once per
    session and place: the page says it in its language (ui.filters, ui.source)."""
    _audit_denied(who, f"{view}:{kode}", reason, {"wilayah": kode, "scope": who.scope_label, **(params or {})})


def record(action: str, outcome: str, who: Principal, view: str, params: dict, reason: str = "") -> None:
    """An import or a KLA entry of this session in the audit trail."""
    accounts.audit(action, outcome, actor=who.name, role=who.role, reason=reason, view=view, params=params,
                   client=client(), channel=channel(), now=_clock())


def audited_export(view: str, what: str, params: dict, make):
    """A download's data callable that writes the export to the audit trail when the file is made (on the click).
    Who and from where are taken now: Streamlit runs the callable outside the page's run."""
    who, where, via = principal(), client(), channel()

    def made():
        accounts.audit("export", "ok", actor=who.name, role=who.role, view=view, params={"what": what, **params},
                       client=where, channel=via)
        return make()

    return made
