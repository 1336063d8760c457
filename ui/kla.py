"""KLA cluster IV page pieces: the scorecard table, the ranked comparison, the tier history, the definition
panel, CSV/XLSX exports, and the forms that enter values through data.kla (validated, audited)."""

import math
import re

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from data import kla as kla_data
from data import protection, store
from ui import charts, export, filters, fmt, login
from ui.fmt import MISSING, number
from ui.i18n import lang, t
from ui.safe import chart, plain
from ui.widgets import downloads

STATUS_COLORS = {"hijau": "#1a9850", "kuning": "#fdae61", "merah": "#d73027"}
STATUS_BACKGROUND = {"hijau": "#d9f0d3", "kuning": "#fee8c8", "merah": "#fcd5cf"}
NO_VALUE_COLOR = "#bdbdbd"
TIER_COLOR = "#4575b4"
DEFAULT_INDICATOR = "IV.2"


def _name(row, base: str) -> str:
    """The Indonesian or English text of a registry/query row (columns base/base_en or base_id/base_en)."""
    if lang() == "en" and f"{base}_en" in row:
        return row[f"{base}_en"]
    return row[f"{base}_id"] if f"{base}_id" in row else row[base]


def fmt_value(value, satuan: str, hidden=False) -> str:
    """An indicator value as shown; "disembunyikan" when small-cell protection withheld a census value (README,
    "Small-cell protection": its denominator is below ATS_MIN_DENOMINATOR or a count it reveals is hidden)."""
    if hidden is True or (hidden is not None and not pd.isna(hidden) and bool(hidden)):
        return fmt.rate(None, hidden=True)
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return number(value, 0 if satuan == "jumlah" else 1) + ("%" if satuan == "persen" else "")


# --- choices --------------------------------------------------------------------------------------


def frameworks(defs: pd.DataFrame) -> dict[str, str]:
    """framework code -> its name, newest first."""
    first = defs.drop_duplicates("framework")
    return {r["framework"]: r["framework_nama_en" if lang() == "en" else "framework_nama"] for _, r in first.iterrows()}


def indicators(defs: pd.DataFrame, framework: str, *, entered_only: bool = False) -> dict[str, str]:
    rows = defs[defs["framework"] == framework]
    if entered_only:
        rows = rows[rows["cara"] == "input"]
    return {r["kode"]: f"{r['kode']} · {_name(r, 'nama')}" for _, r in rows.iterrows()}


def years(trend: pd.DataFrame | None, evaluations: pd.DataFrame | None) -> list[int]:
    """Years with any indicator value or evaluation result, newest first."""
    found = set()
    for df in (trend, evaluations):
        if df is not None and len(df):
            found |= {int(y) for y in df["tahun"].dropna()}
    return sorted(found, reverse=True)


def year_select(container, options: list[int], default: int | None):
    """The page's year choice (URL ?tahun=): a year from the URL arrives as text."""
    raw = st.session_state.get("kla_tahun")
    if isinstance(raw, str) and raw.isdigit():
        st.session_state["kla_tahun"] = int(raw)
    return filters.select(container, "kla_tahun", t("kla.tahun"), options, str, default)


# --- scorecard ------------------------------------------------------------------------------------


def scorecard(df: pd.DataFrame, trend: pd.DataFrame) -> pd.DataFrame:
    """The scorecard as shown: one row per indicator with its value, target, status, trend and source."""
    series = trend.sort_values("tahun").groupby("kode")["nilai"].agg(list) if len(trend) else pd.Series(dtype=object)
    rows = []
    for _, r in df.iterrows():
        note = r["bukti"] if r["sumber"] == "input" else (
            t("kla.coverage", pct=number(r["coverage_pct"], 1)) if pd.notna(r["coverage_pct"]) else ""
        )
        if note == kla_data.DEMO_EVIDENCE:  # the demo's own evidence in the page's language; a user's as typed
            note = t("demo.label")
        change = r["nilai"] - r["nilai_sebelumnya"] if pd.notna(r["nilai"]) and pd.notna(r["nilai_sebelumnya"]) else None
        withheld = bool(r.get("nilai_hidden", False))  # a census value small-cell protection withholds
        either_withheld = withheld or bool(r.get("nilai_sebelumnya_hidden", False))
        rows.append({
            "kode": r["kode"],
            "indikator": _name(r, "indikator") if lang() == "en" else r["indikator"],
            "nilai": fmt_value(r["nilai"], r["satuan"], withheld),
            "target": ("≤ " if r["polaritas"] == "turun" else "≥ ") + fmt_value(r["target"], r["satuan"]),
            "status": fmt.rate(None, hidden=True) if withheld else (
                t(f"kla.status.{r['status']}") if isinstance(r["status"], str) else t("kla.status.none")),
            "perubahan": fmt.rate(None, hidden=True) if either_withheld and pd.notna(r["tahun_sebelumnya"]) else (
                # "+6,6 (2025)": the year fits the column, "(sejak 2025)" was cut to "(sejak 202" (the header's help)
                "–" if change is None else (("+" if change > 0 else "") + number(change, 1)
                                            + f" ({int(r['tahun_sebelumnya'])})")),
            "tren": [None if pd.isna(v) else v for v in series.get(r["kode"], [])],  # a gap where withheld
            # where the value comes from and its evidence, in one column so the card fits a projector
            "keterangan": t(f"kla.cara_short.{r['sumber']}") + (f" · {note}" if isinstance(note, str) and note else ""),
            "_status": r["status"] if isinstance(r["status"], str) else None,
        })
    return pd.DataFrame(rows)


# Rows tall enough for three lines: Streamlit 1.67 wraps the text of a column with a width only in rows taller than
# 4rem (64 px), so the indicator's name and "Sensus SIPBM · cakupan sensus 100,0% desa/kelurahan" are read whole (in
# one line they were cut at the column's edge at 1366 px, whole only on hover). The table is as tall as its rows: no
# scrolling inside it on a projector.
ROW_HEIGHT = 66
HEADER_HEIGHT = 38


def show_scorecard(table: pd.DataFrame) -> None:
    colours = table.pop("_status")

    def paint(column):
        return [f"background-color: {STATUS_BACKGROUND[s]}" if isinstance(s, str) else "" for s in colours]

    styled = table.style.apply(paint, subset=["status"])
    st.dataframe(
        styled,
        hide_index=True,
        width="stretch",
        row_height=ROW_HEIGHT,
        height=HEADER_HEIGHT + ROW_HEIGHT * len(table),
        placeholder=MISSING,
        # every column a width, together under the 904 px of the page at 1366 px with the sidebar open: sized by their
        # contents, "Sumber dan bukti" was cut off at the right (a long text is cut in its cell, whole on hover)
        column_config={
            "kode": st.column_config.TextColumn(t("kla.col.kode"), width=60),
            "indikator": st.column_config.TextColumn(t("kla.col.indikator"), width=230),
            "nilai": st.column_config.Column(t("kla.col.nilai"), width=80),
            "target": st.column_config.Column(t("kla.col.target"), width=80),
            "status": st.column_config.Column(t("kla.col.status"), width=115),
            "perubahan": st.column_config.Column(t("kla.col.perubahan"), width=90, help=t("kla.col.perubahan_help")),
            "tren": st.column_config.LineChartColumn(t("kla.col.tren"), width=80, help=t("kla.col.tren_help")),
            "keterangan": st.column_config.TextColumn(t("kla.col.keterangan"), width=160),
        },
    )


# --- tier -----------------------------------------------------------------------------------------


def tier_of_year(evaluations: pd.DataFrame, tahun: int) -> pd.Series | None:
    rows = evaluations[evaluations["tahun"] == tahun]
    return None if rows.empty else rows.iloc[0]


def tier_caption(result: pd.Series | None) -> str:
    if result is None:
        return t("kla.tier.missing")
    kind = t("demo.label") if result["is_demo"] else t("kla.tier.published")
    skor = number(result["skor"], 2) if pd.notna(result["skor"]) else t("kla.tier.no_score")
    return f"{t('kla.skor')}: {skor} · {kind}"


def tier_figure(evaluations: pd.DataFrame) -> go.Figure:
    """Tier per year: filled markers for published results, open ones for demo rows."""
    tiers = list(kla_data.tiers()["tier"])
    fig = go.Figure()
    for is_demo, symbol, label in ((False, "circle", t("kla.tier.published")), (True, "circle-open", t("kla.tier.demo"))):
        rows = evaluations[evaluations["is_demo"] == is_demo]
        if rows.empty:
            continue
        fig.add_trace(go.Scatter(
            x=rows["tahun"], y=rows["tier_urutan"].fillna(0), mode="markers", name=label,
            marker={"symbol": symbol, "size": 13, "color": TIER_COLOR, "line": {"width": 2, "color": TIER_COLOR}},
            customdata=list(zip(rows["tier"].fillna("–"), [number(s, 1) for s in rows["skor"]],
                                [chart(s, 200) for s in rows["sumber"]])),  # stored text: Plotly draws HTML
            hovertemplate="%{x}: <b>%{customdata[0]}</b> (" + t("kla.skor") + " %{customdata[1]})<br>%{customdata[2]}<extra></extra>",
        ))
    ordered = evaluations.sort_values("tahun")
    fig.add_trace(go.Scatter(x=ordered["tahun"], y=ordered["tier_urutan"].fillna(0), mode="lines",
                             line={"color": TIER_COLOR, "width": 1, "dash": "dot"}, showlegend=False, hoverinfo="skip"))
    # the pages' chart style (ui.charts: the house font and size, axes, white plot, legend below), drawn with theme=None
    charts.layout(fig, t("kla.tier.history_title"), height=340)
    fig.update_layout(margin={"l": 10, "r": 20, "b": 10}, legend={"y": -0.22})
    fig.update_yaxes(tickvals=list(range(0, len(tiers) + 1)), ticktext=[t("kla.tier.none"), *tiers],
                     range=[-0.5, len(tiers) + 0.5], rangemode="normal")
    fig.update_xaxes(dtick=1, tickformat="d")
    return fig


# --- comparison -----------------------------------------------------------------------------------


def province_line(first: pd.Series) -> float | None:
    """The province's value drawn across the kab/kota: a pooled value or a mean, not a total (the sum of the kab/kota's
    counts, 121 facilities beside values of 3-7, pushed them all against 0; ranking_caption says it)."""
    return None if first["cara_provinsi"] == "jumlah" else first["nilai_provinsi"]


def value_range(df: pd.DataFrame) -> list[float]:
    """The comparison's value axis: from the lowest to the highest of the kab/kota values, the province's value and
    the target, with a margin, a percentage kept within 0-100 and a count from 0 up. The values of a province's
    kab/kota stand close together (94-97% of children in school): on a 0-100 axis they read alike."""
    first = df.iloc[0]
    seen = pd.concat([df["nilai"], pd.Series([province_line(first), first["target"]])]).dropna().astype(float)
    low, high = float(seen.min()), float(seen.max())
    pad = max((high - low) * 0.12, 0.5 if first["satuan"] == "persen" else 1.0)
    low, high = low - pad, high + pad
    if first["satuan"] == "persen":
        low, high = max(low, 0.0), min(high, 100.0)
    return [max(low, 0.0), high]


def ranking_figure(df: pd.DataFrame, chosen_kab: str | None, title: str) -> go.Figure:
    """Ranked dots (best on top) on an axis zoomed to the values, coloured by status, the chosen kab/kota larger and
    outlined, with the province value and the target as vertical lines and each value written in a column right of
    the plot; `title` names the indicator. Kab/kota whose value small-cell protection withholds are left out
    (ranking_caption says how many).

    Dots, not bars: a bar's length reads from zero, and the values of a province's kab/kota stand within a few points
    (94-97%), so bars on a 0-100 axis were all one length on a projector, and bars cut short of zero would lie about
    their length. A dot on an axis zoomed to the values shows the gaps, the lines show who is under the province and
    the target, and the written values keep the exact figures; the axis's ticks say where it starts."""
    df = df[df["peringkat"].notna()].sort_values("peringkat", ascending=False)
    first = df.iloc[0]
    satuan = first["satuan"]
    colours = [STATUS_COLORS.get(s, NO_VALUE_COLOR) for s in df["status"]]
    chosen = [k == chosen_kab for k in df["kode_kab"]]
    values = [fmt_value(v, satuan) for v in df["nilai"]]
    fig = go.Figure(go.Scatter(
        x=df["nilai"], y=df["nama_kab"], mode="markers", cliponaxis=False,
        marker={"color": colours, "size": [20 if c else 14 for c in chosen], "opacity": 1,
                "line": {"color": "#111111", "width": [3 if c else 0 for c in chosen]}},
        text=values, customdata=df["peringkat"], hovertemplate="%{y}: %{text} (#%{customdata})<extra></extra>",
    ))
    for name, value, is_chosen in zip(df["nama_kab"], values, chosen):  # the values in a column right of the plot:
        fig.add_annotation(x=1, xref="paper", xanchor="left", xshift=12, y=name, showarrow=False, text=value,  # no line
                           font={"color": "#111111", "size": charts.FONT, "weight": "bold" if is_chosen else "normal"})
    lines = [  # labels above the plot, the province's to the left of its line and the target's to the right
        (province_line(first), "#333333", "solid", t("kla.provinsi"), "right"),
        (first["target"], "#1a9850", "dash", t("kla.col.target"), "left"),
    ]
    for value, colour, dash, label, anchor in lines:
        if pd.notna(value):
            fig.add_vline(x=value, line={"color": colour, "dash": dash, "width": 2})
            fig.add_annotation(x=value, y=1, yref="paper", yanchor="bottom", xanchor=anchor, showarrow=False,
                               text=f"{label} {fmt_value(value, satuan)}", font={"color": colour, "size": charts.FONT - 1})
    # the pages' chart style (ui.charts), the values' axis across with its grid, each kab/kota's row a faint line
    charts.layout(fig, title, height=max(300, 190 + 40 * len(df)), showlegend=False)
    fig.update_layout(margin={"l": 10, "r": 80, "t": 40, "b": 30})
    fig.update_xaxes(title=t(f"kla.satuan.{satuan}"), range=value_range(df), rangemode="normal", showgrid=True,
                     gridcolor="#e5e5e5", showline=False, ticks="", zeroline=False)
    fig.update_yaxes(showgrid=True, gridcolor="#f0f0f0", rangemode="normal", linecolor="#444", showline=True)
    return fig


def ranked(df: pd.DataFrame) -> bool:
    """Whether the comparison has a kab/kota to draw: every value may be withheld by small-cell protection."""
    return bool(len(df)) and bool(df["peringkat"].notna().any())


def ranking_caption(df: pd.DataFrame) -> str:
    first = df.iloc[0]
    text = t(
        f"kla.compare.note.{first['cara_provinsi']}", value=fmt_value(first["nilai_provinsi"], first["satuan"]),
        n=int(first["n_kab"]), total=int(first["n_kab_prov"]),
    ) if ranked(df) else ""
    withheld = int(first.get("n_kab_ditahan", 0) or 0)
    if withheld:  # left out of the ranking and of the province value (kla_ranking_by_kab)
        text += (" " if text else "") + t("kla.compare.withheld", n=withheld, d=protection.min_denominator(),
                                          k=protection.min_cell())
    return text


# --- definition -----------------------------------------------------------------------------------


def definition(defs: pd.DataFrame, kode: str) -> pd.Series:
    return defs.set_index("kode", drop=False).loc[kode]


def definition_markdown(row: pd.Series) -> str:
    polarity = t(f"kla.polaritas.{row['polaritas']}")
    satuan = t(f"kla.satuan.{row['satuan']}")
    cara = t(f"kla.cara.{row['cara']}")
    bands = t(
        f"kla.bands.{row['polaritas']}", hijau=fmt_value(row["batas_hijau"], row["satuan"]),
        kuning=fmt_value(row["batas_kuning"], row["satuan"]),
    )
    lines = [
        f"**{row['kode']} · {_name(row, 'nama')}**",
        "",
        _name(row, "definisi"),
        "",
        f"- **{t('kla.def.framework')}:** {row['framework_nama_en' if lang() == 'en' else 'framework_nama']}",
        f"- **{t('kla.def.satuan')}:** {satuan} · **{t('kla.def.polaritas')}:** {polarity}",
        f"- **{t('kla.def.pembilang')}:** {_name(row, 'pembilang') or '–'}",
    ]
    if isinstance(_name(row, "penyebut"), str) and _name(row, "penyebut"):
        lines.append(f"- **{t('kla.def.penyebut')}:** {_name(row, 'penyebut')}")
    lines += [
        f"- **{t('kla.def.target')}:** {fmt_value(row['target'], row['satuan'])} · {bands}",
        f"- **{t('kla.def.cara')}:** {cara} · {_name(row, 'sumber')}",
        f"- **{t('kla.def.referensi')}:** {reference(row['referensi']) or '–'}",
    ]
    return "\n".join(lines)


# --- exports (the one exporter of ui/export.py) ------------------------------------------------------


SCORECARD_EXPORT = ["kode", "indikator", "nilai", "satuan", "target", "polaritas", "status", "tahun_sebelumnya",
                    "nilai_sebelumnya", "sumber", "sumber_data", "coverage_pct", "pembilang", "penyebut", "bukti",
                    "operator", "diubah_pada", "is_demo"]


def reference(text) -> str:
    """An indicator's references as a reader gets them: the laws, guidelines and statistics named, without the
    project's own notes ("DOMAIN.md 3 dan 7.3" spoke to developers); a remark of such a note stays with the
    reference before it: "Perpres 60/2013 (definisi alat evaluasi belum dikonfirmasi)"."""
    parts: list[str] = []
    for part in (text.split("; ") if isinstance(text, str) else []):
        internal = re.fullmatch(r"DOMAIN\.md [\d.]+(?: dan [\d.]+)?(?: (\(.*\)))?", part.strip())
        if internal is None:
            parts.append(part.strip())
        elif internal[1] and parts:
            parts[-1] += f" {internal[1]}"
    return "; ".join(parts)


def definition_text(row: pd.Series) -> str:
    """One indicator's definition in a line: what it is, numerator, denominator, source, reference."""
    parts = [_name(row, "definisi")]
    for label, value in ((t("kla.def.pembilang"), _name(row, "pembilang")), (t("kla.def.penyebut"), _name(row, "penyebut")),
                         (t("kla.def.cara"), _name(row, "sumber")), (t("kla.def.referensi"), reference(row["referensi"]))):
        if isinstance(value, str) and value:
            parts.append(f"{label}: {value}")
    return " · ".join(parts)


def scorecard_export(card: pd.DataFrame, definitions: pd.DataFrame, view, source, title: str) -> export.Table:
    """The scorecard as it leaves the screen: the query's values typed (value, target, previous value as numbers),
    the words of the screen (unit, polarity, status, source), the evidence and who entered it, and the definition
    of every indicator on the About sheet."""
    rows = card.assign(
        indikator=[_name(r, "indikator") if lang() == "en" else r["indikator"] for _, r in card.iterrows()],
        satuan=card["satuan"].map(lambda s: t(f"kla.satuan.{s}")),
        polaritas=card["polaritas"].map(lambda p: t(f"kla.polaritas.{p}")),
        status=[fmt.rate(None, hidden=True) if bool(r.get("nilai_hidden", False)) else  # withheld census value
                t(f"kla.status.{r['status']}") if isinstance(r["status"], str) else t("kla.status.none")
                for _, r in card.iterrows()],
        sumber=card["sumber"].map(lambda s: t(f"kla.cara_short.{s}")),
        sumber_data=card["sumber_data_en" if lang() == "en" else "sumber_data"],
    )
    defs = definitions.set_index("kode", drop=False)
    described = [(f"{k} · {_name(defs.loc[k], 'nama')}", definition_text(defs.loc[k]))
                 for k in card["kode"] if k in defs.index]
    return export.table(rows, SCORECARD_EXPORT, view=view, source=source, title=title, key="kla_scorecard",
                        decimals={"nilai": 1, "target": 1, "nilai_sebelumnya": 1, "coverage_pct": 1},
                        headers={c: t(f"kla.col.{c}") for c in SCORECARD_EXPORT}, definitions=described)


# --- entry forms (write through data.kla: validated, audited, atomic) -------------------------------


def _plain(value):
    if isinstance(value, float):
        return number(value, 0 if value == round(value) else 2)
    return value


def error_text(err: Exception) -> str:
    if isinstance(err, kla_data.KlaInputError):
        values = {k: _plain(v) for k, v in err.values.items() if k != "row"}
        text = t(f"kla.err.{err.code}", **values)
        return t("kla.err.row", row=err.values["row"], error=text) if "row" in err.values else text
    if isinstance(err, store.DiskFull):
        return t("store.disk_full", **err.values)
    if isinstance(err, store.BuildError):
        return t("kla.err.build", error=plain(err, 400))
    raise err


def _after_write(message: str) -> None:
    st.session_state["kla_flash"] = message
    st.rerun()


def flash() -> None:
    message = st.session_state.pop("kla_flash", None)
    if message:
        st.success(message)


def value_form(kode_kab: str, options: dict[str, str], default_year: int) -> None:
    with st.form("kla_value_form", clear_on_submit=False):
        c1, c2 = st.columns([2, 1])
        kode = filters.select(c1, "kla_form_kode", t("kla.form.indikator"), options, options.get)
        tahun = c2.number_input(t("kla.tahun"), min_value=1990, max_value=2100, value=default_year, step=1, key="kla_form_tahun")
        c3, c4, c5 = st.columns(3)
        nilai = c3.text_input(t("kla.form.nilai"), key="kla_form_nilai", help=t("kla.form.nilai_help"))
        pembilang = c4.text_input(t("kla.form.pembilang"), key="kla_form_pembilang")
        penyebut = c5.text_input(t("kla.form.penyebut"), key="kla_form_penyebut")
        bukti = st.text_input(t("kla.form.bukti"), key="kla_form_bukti", help=t("kla.form.bukti_help"))
        submitted = st.form_submit_button(t("kla.form.save"))
    if submitted:
        params = {"kode_kab": kode_kab, "tahun": int(tahun), "kode": kode, "nilai": nilai, "bukti": bukti}
        if (who := login.authorize("kla_entry", "kla", wilayah=kode_kab, params=params)) is None:
            return
        try:
            with st.spinner(t("kla.form.saving")):
                saved = kla_data.save_value(kode_kab, int(tahun), kode, nilai, operator=who.name, bukti=bukti,
                                            pembilang=pembilang, penyebut=penyebut)
        except (kla_data.KlaInputError, store.BuildError) as e:
            login.record("kla_entry", "refused", who, "kla", params, reason=getattr(e, "code", "checks"))
            st.error(error_text(e))
            return
        login.record("kla_entry", "ok", who, "kla", {**params, "nilai_lama": saved["nilai_lama"], "nilai": saved["nilai_baru"]})
        _after_write(t("kla.form.saved", kode=saved["kode"], tahun=saved["tahun"],
                       lama=_plain(saved["nilai_lama"]) if saved["nilai_lama"] is not None else "–",
                       baru=_plain(saved["nilai_baru"])))


def import_form() -> None:
    with st.form("kla_import_form"):
        upload = st.file_uploader(t("kla.import.file"), type=["csv", "xlsx"], key="kla_import_file", help=t("kla.import.help"))
        submitted = st.form_submit_button(t("kla.import.run"))
    if submitted:
        if upload is None:
            st.error(t("kla.import.none"))
            return
        params = {"file": upload.name}
        if (who := login.authorize("kla_entry", "kla", params=params)) is None:  # each row's kab/kota: in_scope
            return
        try:
            with st.spinner(t("kla.form.saving")):
                report = kla_data.import_values(upload.getvalue(), upload.name, operator=who.name, in_scope=who.covers)
        except (kla_data.KlaInputError, store.BuildError) as e:
            login.record("kla_entry", "refused", who, "kla", params, reason=getattr(e, "code", "checks"))
            st.error(error_text(e))
            return
        login.record("kla_entry", "ok", who, "kla", {**params, "values": report["values"], "changed": report["changed"]})
        _after_write(t("kla.import.done", file=report["file"], values=report["values"], changed=report["changed"]))


def evaluation_form(kode_kab: str, default_year: int) -> None:
    tiers = ["", *kla_data.tiers()["tier"]]
    with st.form("kla_eval_form"):
        c1, c2, c3 = st.columns(3)
        tahun = c1.number_input(t("kla.tahun"), min_value=1990, max_value=2100, value=default_year, step=1, key="kla_eval_tahun")
        skor = c2.text_input(t("kla.skor"), key="kla_eval_skor", help=t("kla.eval.skor_help"))
        tier = filters.select(c3, "kla_eval_tier", t("kla.tier"), tiers, lambda x: x or t("kla.eval.from_score"))
        sumber = st.text_input(t("kla.eval.sumber"), key="kla_eval_sumber")
        submitted = st.form_submit_button(t("kla.form.save"))
    if submitted:
        params = {"kode_kab": kode_kab, "tahun": int(tahun), "skor": skor, "tier": tier, "sumber": sumber}
        if (who := login.authorize("kla_entry", "kla", wilayah=kode_kab, params=params)) is None:
            return
        try:
            with st.spinner(t("kla.form.saving")):
                saved = kla_data.save_evaluation(kode_kab, int(tahun), skor, tier, sumber=sumber, operator=who.name)
        except (kla_data.KlaInputError, store.BuildError) as e:
            login.record("kla_entry", "refused", who, "kla", params, reason=getattr(e, "code", "checks"))
            st.error(error_text(e))
            return
        login.record("kla_entry", "ok", who, "kla", {**params, "evaluation": True})
        _after_write(t("kla.eval.saved", tahun=saved["tahun"], tier=saved["tier"] or "–", skor=number(saved["skor"], 2)))


def audit_table(result, view) -> None:
    """Every change of KLA values of the kab/kota, with its downloads (texts typed by users are neutralised there)."""
    df = result.df
    if df.empty:
        st.caption(t("kla.audit.empty"))
        return
    columns = ["diubah_pada", "operator", "aksi", "tahun", "kode", "nilai_lama", "nilai_baru", "bukti", "berkas"]
    headers = {c: t(f"kla.audit.{c}") for c in columns}
    st.dataframe(df[columns].fillna({"berkas": ""}), hide_index=True, width="stretch", placeholder=MISSING,
                 column_config=headers)
    downloads(export.table(df.fillna({"berkas": ""}), columns, view=view, source=result.source, title=t("kla.audit.title"),
                           key="kla_audit", decimals={"nilai_lama": 2, "nilai_baru": 2}, headers=headers), "kla_audit")
