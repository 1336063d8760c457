"""Who may change the store from a browser. The parts of a page that write (Impor data; KLA value entry) ask
once per session for the password of ATS_ADMIN_PASSWORD / ATS_ADMIN_PASSWORD_FILE. With none configured they
are open to every visitor, and say so; the command line (shell access to the server) is never asked."""

import hmac
import time

import streamlit as st

from data import config
from ui.i18n import t

WRONG_PASSWORD_DELAY_S = 1.0  # slows down guessing


def write_access(key: str) -> bool:
    """True when this session may write; otherwise shows the password form (or why it is locked) and returns False."""
    try:
        password = config.admin_password()
    except ValueError as e:
        st.error(t("access.unreadable", error=str(e)))
        return False
    if password is None:
        st.caption(t("access.open"))
        return True
    if st.session_state.get("write_access"):
        return True
    with st.form(key):
        entered = st.text_input(t("access.password"), type="password", key=f"{key}_password")
        submitted = st.form_submit_button(t("access.unlock"))
    if not submitted:
        st.info(t("access.locked"))
        return False
    if hmac.compare_digest(entered.encode("utf-8"), password.encode("utf-8")):
        st.session_state["write_access"] = True
        st.rerun()
    time.sleep(WRONG_PASSWORD_DELAY_S)
    st.error(t("access.wrong"))
    return False
