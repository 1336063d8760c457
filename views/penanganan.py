"""Penanganan: the handling funnel of the children found in a round, what became of them, which pathways
brought them back, the reasons, and a worklist of open cases (counts only) for the task force's meeting."""

import streamlit as st

from data import api
from ui import filters, widgets
from ui.fmt import number
from ui.i18n import t

DATED_STEPS = ("verifikasi", "asesmen", "rujukan", "intervensi")  # the steps a file gives a date of their own


def counting_notes(funnel: api.Result, summary: api.Result, round_) -> None:
    """What the counts rest on: how many children a step counts without a date of its own (a recorded later step
    implies the earlier ones), and how many verified not ATS have later steps that are not counted."""
    missing = [t(f"penanganan.no_date.{r.step}", n=number(r.n_no_date))
               for r in funnel.df.itertuples() if r.step in DATED_STEPS and r.n_no_date > 0]
    if missing:
        st.caption(t("penanganan.no_date", items="; ".join(missing)))
    rows = summary.df[summary.df["survey_round"] == round_]
    if len(rows) and rows["n_steps_after_bukan_ats"].iloc[0] > 0:
        st.caption(t("penanganan.after_bukan_ats", n=number(rows["n_steps_after_bukan_ats"].iloc[0])))


f = filters.current()
st.title(t("penanganan.title"))
widgets.breadcrumb(f)

funnel = api.handling_funnel(kode=f.kode, **f.query_params())
summary = api.handling_summary_by_round(kode=f.kode, **widgets.all_rounds_params(f))
if widgets.handling_header(funnel, summary, f):
    widgets.funnel_section(funnel)
    counting_notes(funnel, summary, widgets.handling_round(funnel, f))
    widgets.outcomes_section(api.handling_outcome_by_type(kode=f.kode, **f.query_params()))
    widgets.pathways_section(api.handling_pathway_by_intervention(kode=f.kode, **f.query_params()))
    child = widgets.child_level(f)
    by_wilayah = api.handling_reason_by_wilayah(level=child, kode_induk=f.kode, **f.query_params()) if child else None
    widgets.reasons_section(api.handling_reason_by_kategori(kode=f.kode, **f.query_params()), by_wilayah, child)
    widgets.worklist_section(api.handling_worklist_by_kel(kode=f.kode, **f.query_params()), f, widgets.handling_round(funnel, f))
widgets.per_round_section(summary)
if len(summary.df):
    st.caption(t("penanganan.retention_base"))
