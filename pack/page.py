"""The Peta page's "Paket rapat" section: one click builds the meeting pack of the kab/kota (or the province) chosen,
for the round chosen (the latest there when "Terbaru"), with its progress shown; then the PowerPoint and PDF
download buttons, each file written to the audit trail when it is downloaded (ui.login.audited_export).

The numbers are those the session may read (f.who: its role's protection, within its wilayah scope), as everywhere
else. The pack counts all children 7-18: the population filters are said not to apply."""

import streamlit as st

from data import api
from pack import content, files
from ui import filters, login
from ui.i18n import lang, t

HELD = "pack_files"  # session state: the files of the last pack built, with the view they are for


def store_version() -> str:
    return api.store_info().version


def section(f: filters.Filters) -> None:
    kode = f.kode_kab or f.kode_prov
    if not kode:
        return
    key = (kode, f.survey_round, lang(), f.who.role, f.who.scope, store_version())
    name = api.wilayah_by_kode([kode])["nama"].iloc[0]
    st.subheader(t("pack.button"))
    if any(v is not None for v in (f.sex, f.age_group, f.has_disability, f.kategori_ats)):
        st.caption(t("pack.filters_note"))
    row = st.container(horizontal=True, gap="small", vertical_alignment="center")
    clicked = row.button(t("pack.button"), key="pack_build", icon=":material/slideshow:",
                         help=t("pack.button_help", wilayah=name, round=f.survey_round or t("filter.round.latest")))
    from pack import present

    row.button(t("pack.present.start"), key="present_start", on_click=present.start, icon=":material/present_to_all:",
               help=t("pack.present.help"))
    if clicked:
        _build(kode, f.survey_round, f.who, key)
    held = st.session_state.get(HELD)
    if held and held["key"] == key:
        row = st.container(horizontal=True, gap="small")
        for fmt, label in (("pptx", "pack.download_pptx"), ("pdf", "pack.download_pdf")):
            said = {"file": held["stem"], "kode": kode, "round": held["round"], "role": f.who.role}
            row.download_button(t(label), login.audited_export("pack", fmt, said, lambda b=held[fmt]: b),
                                f"{held['stem']}.{fmt}", files.mime(fmt), key=f"pack_{fmt}", on_click="ignore",
                                icon=":material/download:")


def _build(kode: str, survey_round, who, key: tuple) -> None:
    st.session_state.pop(HELD, None)
    with st.status(t("pack.building"), expanded=True) as status:
        bar = st.progress(0.0)
        try:
            pack = content.build(kode, survey_round, who=who,
                                 progress=lambda fraction, message: bar.progress(fraction * 0.8, text=message))
        except content.PackError as e:
            status.update(label=t(f"pack.err.{e.code}", **e.values), state="error")
            return
        made = {}
        for i, fmt in enumerate(("pptx", "pdf")):
            bar.progress(0.8 + 0.1 * i, text=t(f"pack.progress.{fmt}"))
            made[fmt] = files.render(pack, fmt)
        bar.progress(1.0)
        status.update(label=t("pack.built", slides=len(pack.slides)), state="complete", expanded=False)
    st.session_state[HELD] = {"key": key, "stem": pack.stem, "round": pack.survey_round, **made}
