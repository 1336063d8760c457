"""Penanganan: the handling funnel of the children found in a round, what became of them, which pathways
brought them back, the reasons, and a worklist of open cases (counts only) for the task force's meeting."""

import streamlit as st

from data import api
from ui import filters, penanganan, view, widgets
from ui.i18n import t

f = filters.current()
st.title(t("penanganan.title"))
widgets.breadcrumb(f)

funnel = api.handling_funnel(f.who, kode=f.kode, **f.query_params())
summary = api.handling_summary_by_round(f.who, kode=f.kode, **widgets.all_rounds_params(f))
at_round, every = penanganan.views(f, view.build(f), funnel, summary)
if penanganan.handling_header(funnel, summary, f, at_round):
    penanganan.funnel_section(funnel, at_round)
    penanganan.counting_notes(funnel, summary, penanganan.handling_round(funnel, f))
    penanganan.outcomes_section(api.handling_outcome_by_type(f.who, kode=f.kode, **f.query_params()), at_round)
    penanganan.pathways_section(api.handling_pathway_by_intervention(f.who, kode=f.kode, **f.query_params()), at_round)
    child = widgets.child_level(f)
    by_wilayah = api.handling_reason_by_wilayah(f.who, level=child, kode_induk=f.kode, **f.query_params()) if child else None
    penanganan.reasons_section(api.handling_reason_by_kategori(f.who, kode=f.kode, **f.query_params()), by_wilayah, child,
                               at_round, running=penanganan.round_in_progress(funnel, f))
    if f.kode_kab:  # a worklist of desa is a kab/kota's meeting; over a province's thousands of desa it is not read
        penanganan.worklist_section(api.handling_worklist_by_kel(f.who, kode=f.kode, **f.query_params()), at_round,
                                    penanganan.handling_round(funnel, f))
    else:
        penanganan.worklist_pick_kab()
penanganan.per_round_section(summary, every)
