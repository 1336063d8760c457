"""Router and global filters; nothing else. Run: make run (python -m ui.preload run app.py: streamlit run app.py with
the slow imports started at the server's start), or streamlit run app.py."""

import streamlit as st

from data import config
from ui import preload

# a local icon: material icons and emoji favicons are fetched from a CDN, and the dashboard must work offline
st.set_page_config(page_title="ATS · SIPBM", page_icon=str(config.ROOT / "ui" / "icon.png"), layout="wide")
preload.charts()  # first, before the imports below: the browser loads Plotly while the server runs the page
preload.imports()  # once per process: mapclassify (seconds) imports while this run imports and queries the rest

from data import accounts, api, store  # noqa: E402  (after the preload: pandas, DuckDB, Plotly on a cold server)
from ui import filters, login, source, widgets  # noqa: E402
from ui.i18n import t  # noqa: E402
from ui.safe import plain  # noqa: E402


def failure_text(error: Exception, key: str):
    """A failed write in the page's language: a full disk or a demo build refused over real data as such (no server
    paths), anything else under `key`."""
    if isinstance(error, store.DiskFull):
        return t("store.disk_full", **error.values)
    if getattr(error, "code", None) == "demo_replaces_real_data":
        return t("impor.err.demo_replaces_real_data", **error.values)
    return t(key, error=plain(error, 200))


def ensure_store() -> bool:
    """Build the demo store on first start, with a visible progress bar, when none exists; rebuild the derived
    tables of a store written by an older version of the code (its records are kept)."""
    store.tidy_once()  # the copies of killed writes go (logged), once per process, unless a write is running
    if api.store_exists():
        if api.store_info().meta.get("build_id") == store.build_id():  # cached per store version
            return True
        with st.spinner(t("store.upgrading")):
            try:
                store.upgrade()
            except Exception as e:  # shown, not raised: the message says what to do
                st.error(failure_text(e, "store.upgrade_failed"))
                return False
        return True

    from data import load  # geopandas and the demo's generator: only when there is no store

    job = load.demo_build()  # one build per process, shared by every session; a reload does not abort it
    bar = st.progress(job.fraction, text=f"{t('store.building')} {job.fraction:.0%}")
    while not job.done.wait(0.5):
        bar.progress(job.fraction, text=f"{t('store.building')} {job.fraction:.0%}")
    bar.empty()
    if job.error is not None:  # shown, not raised: the message says what to do
        st.error(failure_text(job.error, "store.failed"))
        return False
    st.toast(t("store.built"))
    return True


filters.link_language()  # before any text: the navigation below is made in the page's language
if not ensure_store():
    st.info(t("store.missing", name=config.store_path().name))  # no server paths in the browser
    st.stop()

who = login.gate()  # ends an idle session or one of a disabled account; maps a single sign-on identity

peta = st.Page("views/peta.py", title=t("nav.peta"), url_path="peta", icon=":material/map:")
tren = st.Page("views/tren.py", title=t("nav.tren"), url_path="tren", icon=":material/trending_down:")
penanganan = st.Page("views/penanganan.py", title=t("nav.penanganan"), url_path="penanganan", icon=":material/school:")
banding = st.Page("views/banding.py", title=t("nav.banding"), url_path="banding", icon=":material/compare:")
kla = st.Page("views/kla.py", title=t("nav.kla"), url_path="kla", icon=":material/verified:")
# Pages a role cannot use are not listed; reached by URL they say why and write the attempt to the audit trail
# (ui.login.require). With no account yet, Impor data is listed: it says how to create the first admin.
has_accounts = accounts.has_accounts()
impor = st.Page("views/impor.py", title=t("nav.impor"), url_path="impor", icon=":material/upload_file:",
                visibility="visible" if who.may("import") or not has_accounts else "hidden")
audit = st.Page("views/audit.py", title=t("nav.audit"), url_path="audit", icon=":material/policy:",
                visibility="visible" if who.may("audit") else "hidden")
masuk = st.Page(login.page, title=t("nav.masuk"), url_path="masuk", icon=":material/login:",
                visibility="visible" if who.anonymous and has_accounts else "hidden")


def home() -> None:
    """The root URL opens the map page, keeping the link's filters. (Streamlit serves the default
    page at "/" whatever its url_path, so the map page itself is not the default.)"""
    st.switch_page(peta, query_params=st.query_params.to_dict())


def to_banding() -> None:
    """/bandingkan, the page's name in the menu, opens Bandingkan with the link's filters (its path is banding, which
    links already shared keep): typed from the menu, it met Streamlit's "Page not found" dialog, in English, over the
    map."""
    st.switch_page(banding, query_params=st.query_params.to_dict())


pages = [st.Page(home, title=t("nav.peta"), default=True, visibility="hidden"), peta, tren, penanganan, banding, kla, impor,
         audit, masuk, st.Page(to_banding, title=t("nav.banding"), url_path="bandingkan", visibility="hidden")]
if login.required(who):  # ATS_PUBLIC=0: only the login form; the pages are registered (not run, not listed) so
    st.navigation(pages, position="hidden")  # that the link's page is the one shown after the login
    login.screen()
login.sidebar(who)  # who is logged in and the logout button, above the filters
filters.render(who)  # the wilayah inside the account's scope; pages read for filters.current().who
widgets.streamlit_texts()
widgets.compact_frame()
source.details_toggle()
if api.store_info().is_demo:
    widgets.demo_banner()
page = st.navigation(pages)
source.guarded(page.run)
preload.page_shown()  # the session's later runs find Plotly loaded in the tab (no first paint as SVG)
filters.finish()
