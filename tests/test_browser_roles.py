"""Three roles in a real browser (issue 19, done-when): `streamlit run` on a demo store (Palopo and Takalar) with
ATS_PUBLIC=0, so that a link is opened by logging in (a new tab is a new session). A viewer sees "< 5" in the map
page's summary line where an analyst of Takalar (73.05) and an admin see the raw count of that real cell; the
analyst cannot reach Bone (73.08) by any link: the page says so, shows Takalar and no number of Bone, and the
attempt is in the audit trail; the admin reaches Bone."""

import itertools
import re

import pytest

from tests.test_browser import (ARTIFACTS, assert_no_error, browser, demo_store, log_in, make_account,  # noqa: F401
                                pytestmark, streamlit_server, wait_for_map)
from tests.test_browser_ui import CLIPPED


def small_cell(store) -> tuple[dict, int]:
    """A real cell of the demo store: the URL filters of a Takalar kecamatan whose count of out-of-school children
    is from 1 to 4 (raw, as an analyst reads it) and hidden for a viewer, and that count."""
    from data import queries, store as stores

    con = stores.connect_read(store)
    try:
        q = queries.read_query("ats_by_wilayah")
        for age, sex in itertools.product(("7-12", "13-15", "16-18"), (None, "L", "P")):
            params = {"level": "kec", "kode_induk": "73.05", "age_group": age, "has_disability": True,
                      **({"sex": sex} if sex else {})}
            raw = queries.run(con, q, params, role="analyst").to_pandas()
            shown = queries.run(con, q, params, role="viewer").to_pandas()
            small = raw["n_ats"].between(1, 4) & shown["n_ats_hidden"] & shown["n_ats_small"]
            if small.any():
                row = raw[small].iloc[0]
                link = {"kab": "73.05", "kec": row["kode"], "round": int(row["survey_round"]), "age": age,
                        "disabilitas": "ya", **({"sex": sex} if sex else {})}
                return link, int(row["n_ats"])
    finally:
        con.close()
    pytest.fail("no small cell in the Takalar kecamatan of the demo store")


def open_as(browser, url: str, path: str, name: str, width: int = 1400, height: int = 1000):  # noqa: F811
    """A new session on the link `path`, logged in as `name` (the login form stands in for the page until then)."""
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(f"{url}{path}")
    log_in(page, name)
    page.get_by_text("Masuk sebagai").wait_for(timeout=60_000)
    return page


def summary(page) -> str:
    line = page.get_by_text(re.compile("yang didata")).first
    line.wait_for(timeout=120_000)
    return line.inner_text()


@pytest.fixture(scope="module")
def roles_server(demo_store):  # noqa: F811
    access = demo_store.with_name("roles.access.sqlite")
    for name, role, scope in (("pemirsa", "viewer", "*"), ("analis.takalar", "analyst", "73.05"), ("admin", "admin", None)):
        make_account(demo_store, name, role, scope, ATS_ACCESS_DB=str(access))
    with streamlit_server(demo_store, "streamlit_roles.log", ATS_PUBLIC="0", ATS_ACCESS_DB=str(access)) as url:
        yield url, access


def test_viewer_analyst_and_admin_each_see_what_they_should(roles_server, demo_store, browser):  # noqa: F811
    from data import accounts

    url, access = roles_server
    link, n = small_cell(demo_store)
    query = "&".join(f"{k}={v}" for k, v in link.items())
    seen = {}
    for name in ("pemirsa", "analis.takalar", "admin"):
        page = open_as(browser, url, f"/peta?{query}", name)
        seen[name] = summary(page)
        assert_no_error(page)
        page.screenshot(path=str(ARTIFACTS / f"roles_{name}.png"), full_page=True)
        page.close()
    assert re.search(r"^.*: < 5 anak", seen["pemirsa"]), seen["pemirsa"]
    for name in ("analis.takalar", "admin"):
        assert re.search(rf": {n} anak", seen[name]) and "< 5" not in seen[name].split("dari")[0], seen[name]

    # the analyst of Takalar and links to Bone, on three pages: said, Takalar shown, no number of Bone
    for path in ("/peta?kab=73.08", "/tren?kec=73.08.01", "/penanganan?prov=73&kab=73.08&round=2026"):
        page = open_as(browser, url, path, "analis.takalar")
        page.get_by_text("di luar wilayah akun Anda").wait_for(timeout=120_000)
        sidebar = page.locator("[data-testid='stSidebar']")
        assert sidebar.get_by_role("combobox", name="Kabupaten/kota").input_value() == "Kabupaten Takalar"
        assert_no_error(page)
        if path.startswith("/peta"):
            assert all(k.startswith("73.05.") for k in wait_for_map(page, "73.05."))
        main = page.locator("[data-testid='stMain']").inner_text()
        assert main.count("Bone") == 1 and "Kabupaten Bone (73.08)" in main, main[:500]  # in the warning only
        page.screenshot(path=str(ARTIFACTS / f"roles_analyst_bone{path.split('?')[0].replace('/', '_')}.png"),
                        full_page=True)
        page.close()
    denied = accounts.audit_rows(actions=["denied"], db=access)
    denied = denied[denied["reason"] == "out_of_scope"]
    assert len(denied) == 3 and set(denied["actor"]) == {"analis.takalar"}

    # the admin reaches Bone: no warning, Bone chosen (the demo store has no Bone survey: "belum ada data")
    page = open_as(browser, url, "/peta?kab=73.08", "admin")
    sidebar = page.locator("[data-testid='stSidebar']")
    page.wait_for_function("() => [...document.querySelectorAll('input')].some(e => e.value.startsWith('Kabupaten Bone'))",
                           timeout=120_000)
    assert page.get_by_text("di luar wilayah akun Anda").count() == 0
    assert sidebar.get_by_role("combobox", name="Kabupaten/kota").input_value().startswith("Kabupaten Bone")
    assert_no_error(page)
    page.close()


def test_the_audit_table_fits_a_laptops_page(roles_server, browser):  # noqa: F811
    """The admin's Audit page at 1366x768, sidebar open: its table of the trail (this module's logins at least) has no
    column past the right edge (its parameters and client columns, sized to their contents, pushed two columns out)."""
    url, _ = roles_server
    page = open_as(browser, url, "/audit", "admin", 1366, 768)
    page.wait_for_function("() => [...document.querySelectorAll(\"[data-testid='stDataFrame']\")]"
                           ".some(d => d.querySelector('.dvn-scroller') && d.querySelector('[role=columnheader]'))",
                           timeout=120_000)
    tables = page.evaluate(CLIPPED)
    assert tables and all(t["overflow"] == 0 for t in tables), tables
    page.close()
