"""Impor data: load a SIPBM census export or a boundary file, see what was taken and what was not."""

import streamlit as st

from data import api
from ui import access, importing
from ui.i18n import t

st.title(t("impor.title"))
st.markdown(t("impor.intro"))
if access.write_access("impor_access"):
    operator = importing.operator_field()
    importing.survey_section(api.store_info().is_demo, operator)
    importing.boundary_section(operator)
    importing.history_section()
