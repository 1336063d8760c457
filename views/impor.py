"""Impor data: load a SIPBM census export or a boundary file, see what was taken and what was not."""

import streamlit as st

from data import api
from ui import access, importing
from ui.i18n import t

st.title(t("impor.title"))
st.markdown(t("impor.intro"))
if access.write_access("impor_access"):
    importing.survey_section(api.store_info().is_demo)
    importing.boundary_section()
    importing.history_section()
