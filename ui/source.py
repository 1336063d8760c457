"""The "Sumber data" note under every chart and map: query, bound parameters, data version, demo label."""

import streamlit as st

from ui.i18n import t


def note_text(source) -> str:
    params = ", ".join(f"{k}={v}" for k, v in source.params.items() if v is not None)
    kind = t("demo.label") if source.store.is_demo else t("source.real")
    return (
        f"**{t('source.label')}:** {kind} · {t('source.query')} `{source.query}` ({params}) · "
        f"{t('source.version')} {source.store.version} ({source.store.built_at})"
    )


def note(source) -> None:
    st.caption(note_text(source))
