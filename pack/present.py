"""Presentation mode (`?presentasi=1` on the Peta page, or its toggle): the meeting pack's slides one per screen,
drawn as the PDF draws them (pack.pdf.png: the same content model, so screen, deck and PDF agree), without the
sidebar or Streamlit's chrome, with previous/next buttons that the arrow keys press. The link keeps the wilayah,
round and language (the filters' URL parameters) and the slide (`slide=N`), so it reproduces the presentation.
At 1920x1080 a slide's body text is 32 px (16 pt at 144 dpi), its smallest text 20 px."""

import streamlit as st

from pack import content, page
from pack.files import rendered_png
from ui import filters
from ui.i18n import lang, t

PARAM, SLIDE = "presentasi", "slide"
HELD = "pack_present"  # session state: (view key, Pack, {index: png})
CHROME = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header[data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stAlert"] {display: none !important;}
.block-container, [data-testid="stMainBlockContainer"] {padding: 0.3rem 1rem 0 1rem !important; max-width: 100% !important;}
[data-testid="stImageContainer"], [data-testid="stImage"] {width: 100% !important; display: flex; justify-content: center;}
[data-testid="stImageContainer"] img, [data-testid="stImage"] img {height: calc(100vh - 4.6rem) !important;
  width: auto !important; max-width: 100% !important; object-fit: contain;}
</style>"""


def presenting() -> bool:
    return st.query_params.get(PARAM) == "1"


def start() -> None:
    """The Peta page's toggle: the same view, presented from its first slide."""
    st.query_params[PARAM] = "1"
    st.query_params[SLIDE] = "1"


def stop() -> None:
    for name in (PARAM, SLIDE):
        if name in st.query_params:
            del st.query_params[name]


def _go(step: int, total: int) -> None:
    current = _index(total)
    st.query_params[SLIDE] = str(min(max(current + step, 0), total - 1) + 1)


def _index(total: int) -> int:
    raw = st.query_params.get(SLIDE, "1")
    return min(max(int(raw) - 1, 0), total - 1) if raw.isdigit() else 0


def show(f: filters.Filters) -> None:
    """The slide of the link, full screen, with the buttons under it; then the page stops (the filters' URL is
    written first, so the link stays the presentation's)."""
    st.markdown(CHROME, unsafe_allow_html=True)  # our own constant CSS, no outside text
    kode = f.kode_kab or f.kode_prov
    key = (kode, f.survey_round, lang(), f.who.role, f.who.scope, page.store_version())
    held = st.session_state.get(HELD)
    if not held or held[0] != key:
        try:
            with st.spinner(t("pack.building")):
                held = (key, content.build(kode, f.survey_round, who=f.who), {})
        except content.PackError as e:
            st.error(t(f"pack.err.{e.code}", **e.values))
            st.button(t("pack.present.exit"), on_click=stop, key="present_exit")
            _finish()
        st.session_state[HELD] = held
    pack, images = held[1], held[2]
    total = len(pack.slides)
    index = _index(total)
    if index not in images:
        images[index] = rendered_png(pack, index)
    st.image(images[index], caption=None, width="stretch")
    row = st.container(horizontal=True, horizontal_alignment="center", vertical_alignment="center", gap="medium")
    row.button(t("pack.present.previous"), key="present_prev", on_click=_go, args=(-1, total), shortcut="Left",
               icon=":material/arrow_back:", disabled=index == 0)
    row.markdown(f"{index + 1} / {total}", width="content")
    row.button(t("pack.present.next"), key="present_next", on_click=_go, args=(1, total), shortcut="Right",
               icon=":material/arrow_forward:", disabled=index == total - 1)
    row.button(t("pack.present.exit"), key="present_exit", on_click=stop, shortcut="Esc", type="tertiary")
    _finish()


def _finish() -> None:
    filters.finish()
    st.stop()
