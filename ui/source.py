"""The "Sumber data" note under every chart and map: query, bound parameters, data version, demo label; and the
message that stands in for a page's numbers when a read query refuses a value."""

import streamlit as st

from data.config import ROOT
from data.queries import QueryError, QueryTooLarge
from ui.i18n import t


def params_text(source) -> str:
    """The bound parameters as k=v, files named relative to the project (no machine paths on screen)."""
    root = str(ROOT) + "/"
    return ", ".join(f"{k}={str(v).replace(root, '')}" for k, v in source.params.items() if v is not None)


def note_text(source) -> str:
    params = params_text(source)
    kind = t("demo.label") if source.store.is_demo else t("source.real")
    return (
        f"**{t('source.label')}:** {kind} · {t('source.query')} `{source.query}` ({params}) · "
        f"{t('source.version')} {source.store.version} ({source.store.built_at})"
    )


def note(source) -> None:
    st.caption(note_text(source))


def guarded(run_page) -> None:
    """Run a page; a value the read queries refuse (data.queries: outside a parameter's set, a code the store does
    not have, too many rows) is said in one message on the page instead of a traceback."""
    try:
        run_page()
    except (QueryError, QueryTooLarge) as e:
        st.error(t("source.refused", error=e))
