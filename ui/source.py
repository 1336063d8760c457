"""The source line under every chart, map and table, said for people: "Sumber: sensus SIPBM putaran 2026, data per
5 Desember 2026 · data demo (sintetis)". The technical details (query, bound parameters, data version) are one
toggle away in the sidebar ("Rincian teknis sumber data"), for whoever checks a number against the command line.
And the message that stands in for a page's numbers when a read query refuses a value."""

import streamlit as st

from data import api, protection
from data.config import ROOT
from data.queries import QueryError, QueryTooLarge, ScopeRefused
from ui import login
from ui.i18n import t
from ui.safe import Markdown, plain

DETAILS_KEY = "source_details"

# What each read query's numbers are, in words (catalogue key source.<kind>)
KINDS = {
    "ats_by_wilayah": "census",
    "ats_trend_by_round": "census",
    "ats_trend_by_group": "census",
    "aps_by_round": "census",
    "survey_rounds": "census",
    "handling_funnel": "handling",
    "handling_summary_by_round": "handling",
    "handling_outcome_by_type": "handling",
    "handling_pathway_by_intervention": "handling",
    "handling_reason_by_kategori": "handling",
    "handling_reason_by_wilayah": "handling",
    "handling_worklist_by_kel": "handling",
    "ats_target_by_round": "target",
    "ats_reference_by_year": "reference",
    "kla_indicators_by_kab": "kla",
    "kla_indicators_by_tahun": "kla",
    "kla_ranking_by_kab": "kla",
    "kla_evaluasi_by_kab": "kla_eval",
    "kla_definitions_by_indikator": "kla_def",
    "kla_audit_by_kab": "kla_audit",
}


def params_text(source: api.Source) -> str:
    """The bound parameters as k=v, files named relative to the project (no machine paths on screen)."""
    root = str(ROOT) + "/"
    return ", ".join(f"{k}={str(v).replace(root, '')}" for k, v in source.params.items() if v is not None)


def sentence(source: api.Source, view) -> str:
    """What the numbers are, where from and as of when, for people; `view` gives the period and the data's date."""
    kind = KINDS.get(source.query, "census")
    period = Markdown(" " + view.period) if view.period else ""  # view.period is catalogue text (t)
    text = t(f"source.{kind}", period=period)
    if view.as_of and kind in ("census", "handling"):
        text += ", " + t(f"source.as_of.{kind}", date=view.as_of)
    parts = [f"{t('source.label')}: {text}"]
    if source.store.is_demo:
        parts.append(t("demo.label"))
    return " · ".join(parts)


def account_text(source: api.Source) -> str | None:
    """Whom the numbers were read for, in words: the role (protected numbers or not) and the wilayah scope, e.g.
    "pemirsa (angka dilindungi), wilayah 73.05"; None for reference data, the same for everyone."""
    if source.role is None:
        return None
    shielded = "protected" if protection.protect(source.role) else "unprotected"
    scope = t("scope.national") if not source.scope else source.scope
    return t("source.account_text", role=t(f"role.{source.role}"), numbers=t(f"source.numbers.{shielded}"), scope=scope)


def details_text(source: api.Source) -> str:
    account = account_text(source)
    return (
        f"{t('source.details')}: {t('source.query')} `{source.query}` ({plain(params_text(source), 400)}) · "
        f"{t('source.version')} {source.store.version} ({source.store.built_at})"
        + (f" · {t('source.account')} {account}" if account else "")
    )


def details_toggle() -> None:
    """The sidebar switch that shows the technical details under every source line (off by default)."""
    st.sidebar.toggle(t("source.details_toggle"), key=DETAILS_KEY, help=t("source.details_help"))


def note(source: api.Source, view) -> None:
    st.caption(sentence(source, view))
    if st.session_state.get(DETAILS_KEY):
        st.caption(details_text(source))


def guarded(run_page) -> None:
    """Run a page; a value the read queries refuse (data.queries: outside a parameter's set, a code the store does
    not have, too many rows) is said in one message on the page instead of a traceback."""
    try:
        run_page()
    except ScopeRefused as e:  # a wilayah outside the account's scope: said, no number shown, audited
        login.refuse_out_of_scope(login.principal(), e.values.get("kode", "-"), view="page", reason=e.code,
                                  params={"param": e.values.get("param")})
        st.error(t(f"scope.{e.code}", kode=e.values.get("kode", ""), scope=login.scope_label(e.values.get("scope", ""))))
    except (QueryError, QueryTooLarge) as e:
        st.error(t("source.refused", error=plain(e, 300)))  # the refusal names the value: as text, not cut short
