"""What was found using the pages (issue 21, section 3 follow-up), each under AppTest against the fixture store: one
rule for the decimals of a rate and the minus sign of a change (Tren), the base of every handling rate said
(Penanganan), the reasons ranked only where there is something to rank, the import format on the Impor page, and
table headers that fit and tell the columns apart in both languages."""

import re

import pytest

from tests.conftest import needs_shared, open_tren_tab, screen_charts, shown
from tests.test_pages import start_as, start_page

pytestmark = needs_shared
HYPHEN_MINUS = re.compile(r"(?<![\w)])-\s?\d")  # "-12", "- 0,3": a hyphen where a minus sign belongs ("7-18" is a range)


def cells(at, i: int) -> list[str]:
    return [str(v) for v in shown(at.dataframe[i]).to_numpy().ravel()]


def test_trend_rates_have_one_decimal_and_changes_a_minus_sign(use_store):
    """Palopo 2024 -> 2025: the change sentence and the targets and participation tables write rates as the chart
    does (one decimal), and a fall with the minus sign '−', never a hyphen."""
    for at in (start_as("views/tren.py", name="analis_tren", role="analyst", scope="73"),
               start_page("views/tren.py", lang="en")):
        change = next(m.value for m in at.markdown if m.value.startswith(("Dibanding putaran", "Since round")))
        assert not HYPHEN_MINUS.search(change), change
        assert re.search(r"[+−]?\d+[,.]\d per 100", change) and not re.search(r"\d[,.]\d\d per 100", change), change
        targets = next(shown(d) for d in at.dataframe if d.value.shape[1] == 6)
        aps = shown(open_tren_tab(at, "participation").dataframe[-1])  # a tab of its own
        for column in (*targets.columns[2:5], *aps.columns[4:8]):
            table = targets if column in targets.columns else aps
            texts = [v for v in table[column].astype(str) if v not in ("–", "ditahan", "withheld")]
            assert texts and all(re.fullmatch(r"−?[\d.,]*\d[,.]\d", v) for v in texts), (column, texts)


def test_handling_headline_and_funnel_say_the_base_of_their_rates(use_store):
    """Palopo 2024, 4 of 8 confirmed back in school: the headline's rate says it is per 100 confirmed (it read
    "4 (50,0)", per 100 of nothing said) and the funnel, whose percentages are of the step before, says so."""

    at = start_as("views/penanganan.py", name="analis_base", role="analyst", scope="73", round="2024")
    assert not at.exception, at.exception
    returned = next(m for m in at.metric if m.label == "Kembali bersekolah")
    assert returned.value == "4" and "50,0 per 100 ATS terkonfirmasi" in [c.value for c in at.caption]
    funnel = next(f for k, f in screen_charts(at).items() if "handling_funnel" in k)
    assert "% dari tahap sebelumnya" in funnel["layout"]["title"]["text"]
    at = start_page("views/penanganan.py", round="2024")  # a viewer: the withheld rate is not in the headline
    returned = next(m for m in at.metric if m.label == "Kembali bersekolah")
    assert returned.value == "< 5" and not [c.value for c in at.caption if "per 100 ATS terkonfirmasi" in c.value]


def test_least_resolved_reasons_are_ranked_on_completed_handling_only(palopo_demo, monkeypatch):
    """Palopo's demo: in 2026, still in progress, every reason read 0,0 and was listed as "rarely resolved"; the
    page now says the round is in progress instead. In 2025 (complete) only reasons with enough confirmed children
    are ranked, and the page says how many it left out and why."""
    monkeypatch.setenv("ATS_STORE", str(palopo_demo))
    at = start_as("views/penanganan.py", name="analis_least", role="analyst", scope="73", kab="73.73")
    assert not at.exception, at.exception
    said = "\n".join(c.value for c in at.caption)
    assert "Penanganan putaran 2026 masih berjalan" in said and "belum ada alasan" in said
    headers = [list(shown(d).columns) for d in at.dataframe]
    assert ["alasan", "kategori_ats", "n_confirmed", "return_pct"] not in headers
    at = start_as("views/penanganan.py", name="analis_least2", role="analyst", scope="73", kab="73.73", round="2025")
    assert not at.exception, at.exception
    least = next(shown(d) for d in at.dataframe if list(d.value.columns) == ["alasan", "kategori_ats", "n_confirmed",
                                                                            "return_pct"])
    assert len(least) and all(int(n.replace(".", "")) >= 10 for n in least["n_confirmed"])
    said = "\n".join(c.value for c in at.caption)
    assert re.search(r"\d+ alasan \(per kategori\) tidak diperingkat: kurang dari 10 ATS terkonfirmasi", said), said


HEADER_CHARS = 13  # what a number's header of 80 px shows whole at a 1366 px page ("Out of school" did, "Completed 12" not)


def table_headers(at) -> list[dict]:
    """Every table of a page as drawn: its columns' labels, widths and help (st.dataframe's column config)."""
    import json

    return [{c: v for c, v in json.loads(d.proto.columns).items() if not v.get("hidden")} for d in at.dataframe]


@pytest.mark.parametrize("query", [{}, {"kategori": "DO"}, {"sex": "P", "age": "13-15"}, {"tingkat": "kec"}])
@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_table_header_is_distinct_and_fits(use_store, lang, query):
    """In every table of the map, trend and handling pages, both languages and under filters: no two columns share a
    label (in English "Out of school" and "Out of school per 100", cut, both read "Out of school"), and in a table of
    many columns (80 px numbers) every number's header is short enough to read whole at 1366 px ("Tamat 12 th (b…"),
    its full meaning in the column's help."""
    tables = []
    for view, extra in (("views/peta.py", {}), ("views/tren.py", {}), ("views/penanganan.py", {"round": "2024"})):
        at = start_page(view, lang=lang, **query, **extra)
        assert not at.exception, (view, at.exception)
        tables += [(view, t) for t in table_headers(at)]
    assert len(tables) >= 4
    for view, columns in tables:
        labels = [c.get("label", name) for name, c in columns.items()]
        assert len(set(labels)) == len(labels), (view, labels)
        for name, c in columns.items():
            if "width" in c and c.get("alignment") == "right":  # a number's narrow column: a short label, the full
                # meaning in its help (a text column's width is the room the numbers leave it: its label is whole)
                assert len(c["label"]) <= HEADER_CHARS and c.get("help"), (view, name, c)


def test_import_page_shows_the_file_format_to_an_operator(use_store):
    """The Impor page said "format kanonik (docs/import-format.md)", a developer's file its reader cannot open: the
    page itself lists the columns, which are required, the codes each takes (the importer's own lists), and offers
    an example file and a mapping example to download. No developer file name is left on it."""
    from domain import codes

    at = start_as("views/impor.py", name="operator_fmt", role="operator", scope="73.73")
    assert not at.exception, at.exception
    texts = [e.value for kind in ("markdown", "caption", "info", "warning") for e in getattr(at, kind)]
    assert not [x for x in texts if "docs/" in x or ".md" in x], texts
    fmt = next(m.value for m in at.markdown if m.value.startswith("| Kolom | Wajib | Isi | Kode yang diterima |"))
    rows = {cells[0].strip("`"): cells[1:] for line in fmt.splitlines()[2:]
            for cells in [[c.strip() for c in line.strip("|").split("|")]]}
    assert {"kode_kel", "id_keluarga", "sex", "partisipasi", "kategori_ats"} <= set(rows)
    assert rows["kode_kel"][0] == "ya" and rows["nik"][0] == "tidak"
    assert rows["sex"][2] == "`L`, `P`"
    assert rows["jenis_intervensi"][2] == ", ".join(f"`{c}`" for c in codes.JENIS_INTERVENSI)
    assert {"impor_fmt_example", "impor_fmt_mapping"} <= {b.key for b in at.get("download_button")}


@pytest.mark.parametrize("lang,said,wrong", [("id", "Anak kelompok umur itu", "Anak 7-18"),
                                             ("en", "Children of the age group", "Children 7-18")])
def test_the_participation_tables_children_are_those_of_each_rows_age_group(use_store, lang, said, wrong):
    """Tren's participation (APS) table has a row per age group (7-12, 13-15, 16-18, 7-18): its children column was
    headed "Anak 7-18" for every row (issue 21.3). Its header and help say the row's age group, whatever age filter."""
    for query in ({}, {"age": "13-15"}):
        at = open_tren_tab(start_page("views/tren.py", lang=lang, **query), "participation")
        aps = table_headers(at)[-1]
        assert {"aps", "n_anak", "ats_rate"} <= set(aps), list(aps)
        label, help_ = aps["n_anak"].get("label"), aps["n_anak"].get("help")
        assert said in (label, help_) and wrong not in (label, help_ or ""), (query, label, help_)


def test_the_labels_of_coverage_breaks_a_round_apart_do_not_overlap():
    """Sulawesi Selatan's trend has coverage breaks between 2019|20, 2022|23 and 2023|24: the last two labels
    ("cakupan berubah", about a third of the span wide where the chart is half a 1366 px page) were written over each
    other. A label near its previous one stands a line higher; labels on one line are apart by a label's room."""
    import pandas as pd

    from ui import charts

    rounds = list(range(2019, 2027))
    breaks = {2020, 2023, 2024}
    df = pd.DataFrame({"nama": "Sulawesi Selatan", "survey_round": rounds, "n_ats": 100, "n_anak": 1000,
                       "ats_pct": 10.0, "prev_survey_round": [None] + rounds[:-1],
                       "is_coverage_break": [None] + [r in breaks for r in rounds[1:]]})
    notes = [a for a in charts.trend(df).to_dict()["layout"]["annotations"] if a.get("text") == "cakupan berubah"]
    assert sorted(a["x"] for a in notes) == [2019.5, 2022.5, 2023.5]
    room = 2.0  # rounds: the label's width where the chart is narrowest (about 110 of 450 px for 8 rounds)
    for a in notes:
        for b in notes:
            if a["x"] < b["x"] and a.get("yshift", 0) == b.get("yshift", 0):
                assert b["x"] - a["x"] >= room, (a, b)
    assert len({a.get("yshift", 0) for a in notes}) == 2  # the close pair on two lines, the first alone on the first
