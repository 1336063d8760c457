"""Audit: logins, logouts, imports, KLA entries, account changes, exports and refused access, newest first, with
filters. For admins only (ui.login.require: anyone else is refused, and the attempt is itself audited)."""

import datetime as dt
import json

import pandas as pd
import streamlit as st

from data import accounts
from ui import login
from ui.fmt import MISSING, number, typed_day
from ui.i18n import CATALOGUE, t

LIMIT = 2000

st.title(t("audit.title"))
login.require("audit", "audit")
st.caption(t("audit.intro", path=accounts.path()))

c1, c2, c3, c4 = st.columns([2, 2, 2, 2])
today = dt.date.today()


def typed(column, key: str, default: dt.date, widget_key: str) -> dt.date | None:
    """A day of the period typed into a text field (ui.fmt.typed_day), `default` at first; empty: no bound."""
    text = column.text_input(t(key), value=default.strftime("%d/%m/%Y"), placeholder=t("impor.date_placeholder"),
                             key=widget_key).strip()
    day = typed_day(text)
    if text and day is None:
        st.error(t("impor.bad_date", value=text, example=t("impor.date_placeholder")))
        st.stop()
    return day


# the period in two text fields, not st.date_input: its calendar said "November", "Date range", "Past Week" in English
d1, d2 = c1.columns(2)
start = typed(d1, "audit.since", today - dt.timedelta(days=7), "audit_since")
end = typed(d2, "audit.until", today, "audit_until")
actions = c2.multiselect(t("audit.actions"), accounts.ACTIONS, format_func=lambda a: t(f"audit.action.{a}"),
                         key="audit_actions", placeholder=t("filter.all"))
outcomes = c3.multiselect(t("audit.outcomes"), accounts.OUTCOMES, format_func=lambda o: t(f"audit.outcome.{o}"),
                          key="audit_outcomes", placeholder=t("filter.all"))
actor = c4.text_input(t("audit.actor"), key="audit_actor")

since = dt.datetime.combine(start, dt.time()).timestamp() if start else None
until = dt.datetime.combine(end + dt.timedelta(days=1), dt.time()).timestamp() if end else None
rows = accounts.audit_rows(since=since, until=until, actions=actions, outcomes=outcomes, actor=actor, limit=LIMIT)
if rows.empty:
    st.info(t("audit.empty"))
    st.stop()
if len(rows) == LIMIT:
    st.caption(t("audit.limited", n=number(LIMIT)))


def _params(text: str) -> str:
    values = json.loads(text or "{}")
    return ", ".join(f"{k}={v}" for k, v in values.items() if v not in (None, ""))


def _reason(action: str, code: str) -> str | None:
    """A row's reason in the page's language: an account change's kind (audit.change.*), a login's, an access's or a
    refusal's code (audit.reason.*: the import, boundary and KLA error codes too); a code with no text of its own as
    a generic text with the code, for the administrator to look up."""
    if not code:
        return None
    key = f"audit.change.{code}" if action == "account" else f"audit.reason.{code}"
    return str(t(key)) if key in CATALOGUE else str(t("audit.reason.other")).format(code=code)


def _client(text: str) -> str:
    """The client as recorded, an IPv4 address without its IPv6 wrapping ("ip:::ffff:127.0.0.1" -> "ip:127.0.0.1")."""
    return text.replace("ip:::ffff:", "ip:", 1) if isinstance(text, str) else text


shown = pd.DataFrame({
    "at": rows["at"].map(accounts.when),
    "actor": rows["actor"].where(rows["actor"] != "", t("audit.anonymous")),
    "role": rows["role"].map(lambda r: t(f"role.{r}") if r in accounts.ROLES else r or None),
    "action": rows["action"].map(lambda a: t(f"audit.action.{a}")),
    "outcome": rows["outcome"].map(lambda o: t(f"audit.outcome.{o}")),
    "reason": [_reason(a, r) for a, r in zip(rows["action"], rows["reason"])],
    "view": rows["view"].where(rows["view"] != "", None),
    "params": rows["params"].map(_params),
    "client": rows["client"].map(_client),
    "channel": rows["channel"],
})
# Each column a fixed width, together the page's width beside the sidebar at 1366 px (906 px, less the grid's
# borders): sized to their contents the parameters and the client pushed the last columns past the right edge. The
# short texts of a column (a time, an account's name up to ~13 letters, a role, an action, an outcome, a reason, an
# IPv4 client, the channel; tests/test_browser_pass.py) are whole at that width; a longer cell (parameters, a page
# with its wilayah, an IPv6 client) shows whole in its tooltip
WIDTHS = {"at": 133, "actor": 101, "role": 68, "action": 106, "outcome": 91, "reason": 95, "view": 76, "params": 80,
          "client": 84, "channel": 62}
st.dataframe(shown, hide_index=True, width="stretch", placeholder=MISSING,
             column_config={c: st.column_config.TextColumn(  # "Halaman" said in full in its header's tooltip
                 t(f"audit.col.{c}"), width=WIDTHS[c], help=t("audit.help.view") if c == "view" else None)
                 for c in shown.columns})
