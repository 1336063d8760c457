"""Bugs found using the pages (issue 21, "Fix what was found in use", session 7), each under the real component: the
Penanganan reason heat maps, the Peta unit table under a category, the Impor page's help for large files, the map
labels over real boundaries (../shared/geo) and the meeting pack's coverage chart."""

import json

from tests.conftest import needs_shared, screen_charts
from tests.test_pages import start_page

pytestmark = needs_shared


def figure_of(at, key: str) -> dict:
    return next(f for k, f in screen_charts(at).items() if key in k)


def cell_texts(figure: dict) -> dict[tuple, list[str]]:
    """Every text a Plotly heat map figure draws, by cell (x, y): a heat map trace draws its `text` in every cell
    it has a text for (a cell without a value too), a text scatter its `text` at its points."""
    drawn: dict[tuple, list[str]] = {}
    for trace in figure["data"]:
        if trace["type"] == "heatmap" and trace.get("text"):
            for y, row in zip(trace["y"], trace["text"]):
                for x, s in zip(trace["x"], row):
                    if s:
                        drawn.setdefault((x, y), []).append(s)
        elif trace["type"] == "scatter" and "text" in trace.get("mode", ""):
            for x, y, s in zip(trace["x"], trace["y"], trace["text"]):
                drawn.setdefault((x, y), []).append(s)
    return drawn


def test_hidden_cells_of_the_reason_heat_map_are_written_once(use_store):
    """Palopo 2024 as a viewer: the reasons x category heat map's "< 5" and "×" cells read as doubled, overlapping
    text (the heat map drew its text in the cell without a value and a text scatter wrote it again on top). Each
    cell carries one text, the hidden ones included."""
    at = start_page("views/penanganan.py", round="2024")
    assert not at.exception, at.exception
    drawn = cell_texts(figure_of(at, "handling_reason_kategori"))
    hidden = {cell: texts for cell, texts in drawn.items() if texts[0] in ("< 5", "×")}
    assert hidden, drawn
    assert all(len(texts) == 1 for texts in drawn.values()), {c: s for c, s in drawn.items() if len(s) > 1}


def test_unit_table_under_a_category_shows_its_count_once(use_store):
    """With the category DO chosen on Peta, the unit table had "ATS: DO" and "DO" side by side, the same numbers twice.
    The category's count is its ATS column alone; the other categories keep theirs (the children counted stay all
    7-18, so LTM and BPB have counts of their own), and without a category all three are there."""
    for lang, kategori, gone in (("id", "DO", "n_do"), ("en", "LTM", "n_ltm")):
        at = start_page("views/peta.py", lang=lang, kategori=kategori, tabel="1")
        assert not at.exception, at.exception
        columns = list(at.dataframe[0].value.columns)
        assert "n_ats" in columns and gone not in columns, columns
        assert {"n_do", "n_ltm", "n_bpb"} - {gone} <= set(columns), columns
    at = start_page("views/peta.py", tabel="1")
    assert {"n_ats", "n_do", "n_ltm", "n_bpb"} <= set(at.dataframe[0].value.columns)


def texts_outside_expanders(node) -> list[str]:
    """The texts of an AppTest element tree, leaving out what is inside a (collapsed) expander."""
    said = []
    for child in getattr(node, "children", {}).values():
        if getattr(child, "type", None) == "expander":
            continue
        if getattr(child, "children", None):
            said += texts_outside_expanders(child)
        elif isinstance(getattr(child, "value", None), str):
            said.append(child.value)
    return said


def test_import_page_tells_people_whom_to_ask_for_a_large_file(use_store):
    """The Impor page's help said `python -m data import BERKAS` (and `python -m data boundaries BERKAS`) for files
    over the upload limit, to operators who have no command line. It says, in words, to ask the administrator or
    the server's operator to load the file; the command is in a collapsed technical detail for that person."""
    from tests.test_pages import start_as
    from ui.i18n import CATALOGUE

    at = start_as("views/impor.py", name="operator_big", role="operator", scope="73.73")
    assert not at.exception, at.exception
    visible = texts_outside_expanders(at.main)
    assert not [s for s in visible if "python -m" in s], [s for s in visible if "python -m" in s]
    helps = [s for s in visible if "200 MB" in s]
    assert len(helps) == 2 and all("minta administrator atau pengelola server" in s for s in helps), helps
    for command in ("python -m data import", "python -m data boundaries"):
        details = [e for e in at.expander if command in "".join(c.value for c in (*e.caption, *e.markdown))]
        assert len(details) == 1 and not details[0].proto.expanded, (command, details)
    for key in ("impor.survey_help", "impor.boundary_help"):  # the same in English
        assert "python -m" not in CATALOGUE[key][1] and "ask the administrator or the server's" in CATALOGUE[key][1]


def test_the_reason_heat_maps_are_built_once_per_result(use_store, monkeypatch):
    """Penanganan built its two reason heat maps at every run (0.7 s of a warm run on the 2-core machine): they are
    cached like the other figures (ui.widgets.chart with a partial: the query's frame, subtitle and language). A
    rerun with nothing changed builds neither and draws the same figures; another filter builds both again."""
    from tests.test_speed import count_calls, specs
    from ui import penanganan

    calls = count_calls(monkeypatch, penanganan, ("reason_kategori_figure", "reason_wilayah_figure"))
    at = start_page("views/penanganan.py", round="2024")
    assert not at.exception, at.exception
    assert sorted(calls) == ["reason_kategori_figure", "reason_wilayah_figure"], calls
    first = {k: v for k, v in specs(at).items() if "handling_reason" in k}
    assert len(first) == 2, list(first)
    at.run()
    assert len(calls) == 2 and {k: v for k, v in specs(at).items() if "handling_reason" in k} == first
    at.sidebar.selectbox(key="f_sex").set_value("P").run()
    assert not at.exception, at.exception
    assert sorted(calls) == ["reason_kategori_figure"] * 2 + ["reason_wilayah_figure"] * 2, calls


def test_a_unit_with_far_islands_has_its_name_judged_on_its_mainland():
    """Over the real boundaries of Sulawesi Selatan's kab/kota (../shared/geo), as the map's overlay places a name
    (ui/map_overlay.js: 6.3 px a character + 4, 14 px high, centred on the label point, drawn from the zoom at which the
    unit's room in the label file holds it): Pangkajene dan Kepulauan's room was its whole box, 2.8 degrees of islands,
    so its name was drawn at the province's zoom, 7 % of it on Pangkep and 19 % over Bone. Judged on the mainland, the
    part the label point is in, the name is drawn only where it is mostly on that mainland, and never over Bone;
    Kepulauan Selayar's point, on an island of its 118 parts, moves to its main island."""
    import geopandas as gpd
    import shapely

    from geo import label_file
    from tests.conftest import SHARED

    units = gpd.read_file(SHARED / "geo" / "kabkota.geojson")
    units = units[units["kode"].str.startswith("73.")].set_index("kode")
    labels = {row[0]: row for row in json.loads(label_file(
        (kode, nama, shapely.to_geojson(g)) for kode, nama, g in zip(units.index, units["nama"], units.geometry)))}
    for kode in ("73.10", "73.01"):
        unit = units.geometry[kode]
        mainland = max(unit.geoms, key=lambda part: part.area)
        _, name, lon, lat, w, h = labels[kode]
        assert mainland.contains(shapely.Point(lon, lat)), name
        x0, y0, x1, y1 = mainland.bounds
        assert abs(w - (x1 - x0)) < 1e-4 and abs(h - (y1 - y0)) < 1e-4, (name, w, h)
        shown = name.removeprefix("Kabupaten ")
        tw, th = len(shown) * 6.3 + 4, 14
        px_per_degree = max(tw / w, th * 1.5 / h)  # the first zoom at which the overlay draws it
        box = shapely.box(lon - tw / px_per_degree / 2, lat - th / px_per_degree / 2,
                          lon + tw / px_per_degree / 2, lat + th / px_per_degree / 2)
        assert box.intersection(unit).area / box.area > 0.5, name
        assert not box.intersects(units.geometry["73.08"]), name  # Bone


def test_every_row_of_the_reasons_by_unit_heat_map_is_named_and_readable(use_store):
    """Palopo 2024: the reasons x kecamatan heat map kept the height of its rows' count while its columns' long reason
    names, slanted under it, took 170 px of it: nine rows of 16 px, and Plotly named every other one (Wara, Wara
    Selatan, ... with the rows between them unnamed). Every row is named, and the figure grows by the room the
    slanted names take (at 16 px Arial, a character about 9 px wide, sin 35° of it high)."""
    at = start_page("views/penanganan.py", round="2024")
    assert not at.exception, at.exception
    for key in ("handling_reason_wilayah", "handling_reason_kategori"):
        figure = figure_of(at, key)
        heat = next(trace for trace in figure["data"] if trace["type"] == "heatmap")
        axis = figure["layout"]["yaxis"]
        assert axis.get("tickvals") == heat["y"], (key, axis)
        longest = max(len(x) for x in heat["x"])
        assert figure["layout"]["height"] >= 120 + 34 * len(heat["y"]) + 0.5 * 9 * longest, key
