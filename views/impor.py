"""Impor data: load a SIPBM census export or a boundary file, see what was taken and what was not. For operators
and admins (ui.login.require); each write checks the account again (ui.login.authorize)."""

import streamlit as st

from data import api
from ui import importing, login
from ui.i18n import t

st.title(t("impor.title"))
st.markdown(t("impor.intro"))
who = login.require("import", "impor")
importing.survey_section(api.store_info().is_demo, who)
importing.boundary_section(who)
importing.history_section()
