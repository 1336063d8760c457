"""Who may change the store from a browser. The parts of a page that write (Impor data; KLA value entry) ask
once per session for the password of ATS_ADMIN_PASSWORD / ATS_ADMIN_PASSWORD_FILE. With none configured they
are open to every visitor, and say so; the command line (shell access to the server) is never asked."""

import collections
import hmac
import threading
import time

import streamlit as st

from data import config
from ui.i18n import t
from ui.safe import plain

WRONG_PASSWORD_DELAY_S = 1.0  # slows down guessing in one session
# ... and across sessions: after MAX_FAILURES wrong passwords within FAILURE_WINDOW_S, in any sessions of this
# server process, every attempt is refused (the right password too) until the oldest of them is that old.
# The price: someone guessing can keep the admin out for a while; the command line is never locked.
MAX_FAILURES = 10
FAILURE_WINDOW_S = 300.0
_failures: collections.deque = collections.deque()  # monotonic times of recent wrong passwords, all sessions
_failures_lock = threading.Lock()
_clock = time.monotonic


def _locked_for(now: float) -> float:
    """Seconds until password attempts are accepted again (0 when they are). Forgets failures older than the window."""
    with _failures_lock:
        while _failures and now - _failures[0] >= FAILURE_WINDOW_S:
            _failures.popleft()
        return FAILURE_WINDOW_S - (now - _failures[0]) if len(_failures) >= MAX_FAILURES else 0.0


def _record_failure(now: float) -> None:
    with _failures_lock:
        _failures.append(now)


def write_access(key: str) -> bool:
    """True when this session may write; otherwise shows the password form (or why it is locked) and returns False."""
    try:
        password = config.admin_password()
    except ValueError as e:
        st.error(t("access.unreadable", error=plain(e, 300)))  # names the operator's file
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
    wait = _locked_for(_clock())
    if wait > 0:
        st.error(t("access.too_many", minutes=max(1, round(wait / 60))))
        return False
    if hmac.compare_digest(entered.encode("utf-8"), password.encode("utf-8")):
        st.session_state["write_access"] = True
        st.rerun()
    _record_failure(_clock())
    time.sleep(WRONG_PASSWORD_DELAY_S)
    st.error(t("access.wrong"))
    return False
