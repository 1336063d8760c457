"""Single sign-on against a running OpenID Connect provider: Streamlit's st.login, a real Chromium, a real provider.

The provider is oidc-provider-mock (a small OpenID Connect server built on Authlib, run as its own process): it
publishes a discovery document and keys, shows an authorisation form, and signs ID tokens, so the whole code flow
runs as it does against a ministry's identity provider. Whom it authenticates is chosen on its form; the claims of
that identity (e-mail address, whether it is verified) are set through its user endpoint, as an identity provider's
directory would hold them. What is tested is ours: an identity maps onto the enabled account named by its e-mail
address, with that account's role and scope; an identity without an account, or with an unverified address, stays
an anonymous visitor; each outcome is in the audit table with channel "sso".
"""

import json
import os
import sqlite3
import subprocess
import sys
import urllib.request

import pytest

from ui.safe import JOINER

from tests.test_browser import (  # noqa: F401  (browser: a fixture)
    ARTIFACTS,
    ROOT,
    browser,
    free_port,
    make_account,
    serving,
    streamlit_server,
)

pytest.importorskip("oidc_provider_mock")
pytest.importorskip("authlib")


def _put_identity(provider: str, sub: str, claims: dict) -> None:
    request = urllib.request.Request(f"{provider}/users/{urllib.request.quote(sub, safe='')}",
                                     data=json.dumps(claims).encode(), method="PUT",
                                     headers={"Content-Type": "application/json"})
    assert urllib.request.urlopen(request, timeout=10).status == 204


@pytest.fixture(scope="module")
def provider():
    """The OpenID Connect provider on a free port, in its own process."""
    port = free_port()
    with serving([sys.executable, "-m", "oidc_provider_mock", "--port", str(port)], "oidc_provider.log",
                 "/.well-known/openid-configuration", port, "the OpenID Connect provider") as url:
        yield url


@pytest.fixture(scope="module")
def sso_server(tmp_path_factory, provider):
    """The dashboard on a demo store of Palopo, with an [auth] section naming the provider."""
    folder = tmp_path_factory.mktemp("sso")
    store = folder / "demo.duckdb"
    env = {**os.environ, "ATS_STORE": str(store)}
    subprocess.run([sys.executable, "-m", "data", "demo", "--regions", "73.73"], cwd=ROOT, env=env, check=True)
    make_account(store, "admin", "admin")  # accounts exist: the login page is listed
    made = subprocess.run([sys.executable, "-m", "data", "user", "add", "analis@dinas.example", "--role", "analyst",
                           "--scope", "73.73", "--sso-only"], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env={**env, "ATS_ACCESS_DB": str(store.with_suffix(".access.sqlite"))})
    assert made.returncode == 0, made.stderr
    port = free_port()
    secrets = folder / "secrets.toml"
    secrets.write_text(
        "[auth]\n"
        f'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
        f'cookie_secret = "{os.urandom(16).hex()}"\n'
        'client_id = "ats-dashboard"\n'
        'client_secret = "not-a-secret-test-only"\n'
        f'server_metadata_url = "{provider}/.well-known/openid-configuration"\n'
    )
    with streamlit_server(store, "streamlit_sso.log", args=("--secrets.files", str(secrets)), port=port) as url:
        yield url, store


def _audit(store) -> list[tuple]:
    with sqlite3.connect(store.with_suffix(".access.sqlite")) as con:
        return con.execute("SELECT action, outcome, actor, role, reason, channel FROM audit ORDER BY rowid").fetchall()


def _sign_in(browser, url: str, sub: str):
    """Open the login page, choose single sign-on, and authorise `sub` on the provider's form."""
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    page.goto(f"{url}/masuk")
    page.get_by_role("button", name="Masuk dengan akun organisasi (SSO)").click(timeout=90_000)
    page.locator("input[name=sub]").fill(sub, timeout=60_000)  # the provider's own form
    page.get_by_role("button", name="Authorize").click()
    return page


def test_an_sso_identity_acts_as_its_account(sso_server, provider, browser):
    url, store = sso_server
    _put_identity(provider, "analis-001", {"email": "Analis@Dinas.example", "email_verified": True})
    page = _sign_in(browser, url, "analis-001")
    try:
        # back in the dashboard, logged in as the account named by the e-mail address, with its role and scope
        sidebar = page.locator("[data-testid=stSidebar]")
        sidebar.get_by_text("Masuk sebagai").wait_for(timeout=90_000)
        shown = sidebar.inner_text().replace(JOINER, "")  # an address is shown with a word joiner after its @
        assert "analis@dinas.example · analis · Kota Palopo · 73.73" in " ".join(shown.split())
    finally:
        page.screenshot(path=str(ARTIFACTS / "sso_logged_in.png"))
        page.close()
    assert ("login", "ok", "analis@dinas.example", "analyst", "", "sso") in _audit(store)


@pytest.mark.parametrize("claims, reason", [
    ({"email": "tamu@dinas.example", "email_verified": True}, "sso_no_account"),
    ({"email": "analis@dinas.example", "email_verified": False}, "sso_no_account"),
])
def test_an_identity_without_an_account_or_verified_address_stays_a_visitor(sso_server, provider, browser, claims,
                                                                             reason):
    url, store = sso_server
    sub = "tamu-" + os.urandom(4).hex()
    _put_identity(provider, sub, claims)
    page = _sign_in(browser, url, sub)
    try:
        page.get_by_text("Tidak ada akun aktif untuk", exact=False).first.wait_for(timeout=90_000)
        sidebar = page.locator("[data-testid=stSidebar]")
        assert "Masuk sebagai" not in sidebar.inner_text()
    finally:
        page.screenshot(path=str(ARTIFACTS / "sso_refused.png"))
        page.close()
    refused = [row for row in _audit(store) if row[0] == "login" and row[1] == "refused" and row[5] == "sso"]
    assert refused and refused[-1][4] == reason
