"""The "Sumber data" note under every chart and map: query, bound parameters, data version, demo label."""

import streamlit as st

from data.config import ROOT
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
