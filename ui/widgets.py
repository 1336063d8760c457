"""What several pages share: the breadcrumb and the drill-down it and the map use, the global filters as
parameters of an all-rounds query, the number-formatted table, the chart settings. The sections of each page are
in its own module (ui/peta.py, ui/tren.py, ui/penanganan.py, ui/kla.py, ui/importing.py)."""

import pandas as pd
import streamlit as st

from data import api
from domain.wilayah import CHILD_LEVEL, level_of
from ui import filters
from ui.fmt import MISSING, number
from ui.i18n import t
from ui.safe import plain

CHART_CONFIG = {"displaylogo": False}  # the charts carry their own projector-sized styling (theme=None)


def drill(kode: str, level: str | None) -> None:
    """Go to the wilayah `kode`, showing the map at `level` (the level below it) when given."""
    filters.drill_to(kode)
    if level:
        st.session_state["peta_level"] = level


def breadcrumb(f: filters.Filters) -> None:
    """Clickable path Province › Kab/Kota › Kecamatan; each step goes back up to that level."""
    names = api.wilayah_by_kode(f.path)
    names = dict(zip(names["kode"], names["nama"]))
    row = st.container(horizontal=True, vertical_alignment="center", gap="small")
    row.markdown(f"**{t('breadcrumb.label')}:**", width="content")
    for i, kode in enumerate(f.path):
        last = i == len(f.path) - 1
        row.button(
            ("› " if i else "") + plain(names.get(kode, kode)),  # a button label is Markdown
            key=f"crumb_{kode}",
            disabled=last,
            on_click=drill,
            args=(kode, CHILD_LEVEL.get(level_of(kode))),
            type="tertiary",
        )


def all_rounds_params(f: filters.Filters) -> dict:
    """The global filters as parameters of a query that lists every round (trends, handling per round):
    all but survey_round."""
    return {k: v for k, v in f.query_params().items() if k != "survey_round"}


def data_table(df: pd.DataFrame, columns: list[str], decimals: dict | None = None, height="auto") -> None:
    """A table in the page's number format; `decimals` maps a column to its decimals (counts: 0). Numbers are
    shown as formatted text, right-aligned, so a missing value reads "–" (Streamlit would print None)."""
    decimals = decimals or {}
    df = df[columns].copy()
    config = {}
    for c in columns:
        values = df[c]
        if values.dtype == object and values.map(lambda v: v is None or isinstance(v, (int, float))).all():
            values = pd.to_numeric(values)
        if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
            plain = c in ("survey_round", "year")
            df[c] = [("–" if pd.isna(v) else str(int(v))) if plain else number(v, decimals.get(c, 0)) for v in values]
            config[c] = st.column_config.TextColumn(t(f"col.{c}"), alignment="right")
        else:
            config[c] = t(f"col.{c}")
    st.dataframe(df, hide_index=True, width="stretch", placeholder=MISSING, height=height, column_config=config)


def wilayah_name(f: filters.Filters) -> str:
    return api.wilayah_by_kode([f.kode])["nama"].iloc[0]


def child_level(f: filters.Filters) -> str | None:
    return CHILD_LEVEL.get(level_of(f.kode))
