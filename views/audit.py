"""Audit: logins, logouts, imports, KLA entries, account changes, exports and refused access, newest first, with
filters. For admins only (ui.login.require: anyone else is refused, and the attempt is itself audited)."""

import datetime as dt
import json

import pandas as pd
import streamlit as st

from data import accounts
from ui import login
from ui.fmt import MISSING, number, typed_day
from ui.i18n import t

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


shown = pd.DataFrame({
    "at": rows["at"].map(accounts.when),
    "actor": rows["actor"].where(rows["actor"] != "", t("audit.anonymous")),
    "role": rows["role"].map(lambda r: t(f"role.{r}") if r in accounts.ROLES else r or None),
    "action": rows["action"].map(lambda a: t(f"audit.action.{a}")),
    "outcome": rows["outcome"].map(lambda o: t(f"audit.outcome.{o}")),
    "reason": rows["reason"].where(rows["reason"] != "", None),
    "view": rows["view"].where(rows["view"] != "", None),
    "params": rows["params"].map(_params),
    "client": rows["client"],
    "channel": rows["channel"],
})
# Each column a fixed width that fits a laptop's page beside the sidebar (~880 px at 1366 px): sized to their contents
# the parameters and the client pushed the last columns past the right edge; a cut cell shows whole in its tooltip
WIDTHS = {"at": 125, "actor": 90, "role": 70, "action": 95, "outcome": 70, "reason": 80, "view": 122, "params": 110,
          "client": 60, "channel": 60}
st.dataframe(shown, hide_index=True, width="stretch", placeholder=MISSING,
             column_config={c: st.column_config.TextColumn(t(f"audit.col.{c}"), width=WIDTHS[c]) for c in shown.columns})
