"""One description of the view (ui/view.py) feeds the words of every page: with the filters on, each active filter
is named in the headline, in every chart's title and subtitle whose numbers follow it (and only there), in the
legend and the table headers; every table offers its CSV and XLSX downloads; a target for all children is not drawn
over a filtered trend. The words themselves in both languages."""

import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import needs_shared, open_app, open_tren_tab, screen_charts, screen_map

pytestmark = needs_shared
# one child in the fixture: a girl of 14 with a disability, LTM, found in 2024 in Palopo and handled
FILTERED = {"sex": "P", "age": "13-15", "disabilitas": "ya", "kategori": "LTM", "round": "2024"}
WORDS = {"sex": "perempuan", "age_group": "13-15 tahun", "has_disability": "dengan disabilitas",
         "kategori_ats": "lulus tidak melanjutkan (LTM)"}


def start(page: str, **query) -> AppTest:
    return open_app(page, **query)


def chart_texts(at) -> list[tuple[str, str]]:
    """(title, subtitle) of every Plotly chart of the page, as read (the line breaks that wrap them as spaces)."""
    out = []
    for figure in screen_charts(at).values():
        title = figure["layout"].get("title", {})
        out.append(((title.get("text") or "").replace("<br>", " "),
                    (title.get("subtitle", {}).get("text") or "").replace("<br>", " ")))
    return out


def words_in(text: str) -> set[str]:
    return {name for name, word in WORDS.items() if word in text}


def assert_tables_have_downloads(at) -> None:
    labels = [b.proto.label for b in at.get("download_button")]
    tables = [label for label in labels if label in ("CSV", "XLSX")]
    assert len(at.dataframe) >= 1 and tables == ["CSV", "XLSX"] * len(at.dataframe), labels
    images = [label for label in labels if label not in ("CSV", "XLSX")]  # the figures' files (ui/figure_files.py)
    assert images == ["PNG slide", "PNG cetak", "SVG"] * (len(images) // 3), labels


# --- the words -------------------------------------------------------------------------------------------------


@pytest.fixture(params=["id", "en"])
def language(request, monkeypatch):
    from ui import i18n

    monkeypatch.setattr(i18n, "lang", lambda: request.param)
    return request.param


def test_the_words_of_a_view(language):
    from ui.view import View

    plain = View(places=("Sulawesi Selatan", "Kota Palopo"), period="putaran 2025")
    narrowed = plain.at(sex="P", age_group="13-15", has_disability=True, kategori_ats="DO")
    if language == "id":
        assert plain.who() == "anak 7-18" and plain.ats_noun() == "anak tidak sekolah"
        assert plain.measure("ats_pct") == "ATS per 100 anak 7-18" and plain.column("n_anak") == "Anak 7-18"
        assert plain.line() == "Sulawesi Selatan › Kota Palopo · putaran 2025"
        assert narrowed.who() == "anak perempuan 13-15 tahun dengan disabilitas"
        assert narrowed.ats_noun() == "anak putus sekolah (DO)"
        assert narrowed.line() == ("Sulawesi Selatan › Kota Palopo · putaran 2025 · perempuan · 13-15 tahun · "
                                   "dengan disabilitas · putus sekolah (DO)")
        assert narrowed.measure("ats_pct") == "Putus sekolah (DO) per 100 anak perempuan 13-15 tahun dengan disabilitas"
        assert narrowed.measure("n_do") == "Jumlah DO (putus sekolah) · anak perempuan 13-15 tahun dengan disabilitas"
        assert narrowed.column("n_ats") == "Putus sekolah (DO)" and narrowed.column("n_do") == "DO"
        assert plain.at(sex="L", has_disability=False).who() == "anak laki-laki 7-18 tanpa disabilitas"
    else:
        assert plain.who() == "children 7-18" and plain.measure("ats_pct") == "Out of school per 100 children 7-18"
        assert narrowed.who() == "girls 13-15 years with disabilities"
        assert narrowed.line().endswith("· girls · 13-15 years · with disabilities · dropped out (DO)")
        assert narrowed.column("ats_pct") == "Dropped out (DO) per 100"


def test_a_view_narrows_to_the_filters_a_query_takes():
    from data import api
    from ui.view import View

    v = View(places=("Sulawesi Selatan",), sex="P", age_group="7-12", kategori_ats="BPB")
    info = api.StoreInfo("x", "v", "t", False)
    aps = v.for_source(api.Source("aps_by_round", {"kode": "73", "sex": "P", "has_disability": None}, info))
    assert aps.active() == {"sex": "P"} and aps.ignored == ("7-12 tahun", "belum pernah bersekolah (BPB)")
    assert aps.who() == "anak perempuan 7-18" and "7-12" not in aps.line()
    targets = v.for_source(api.Source("ats_target_by_round", {"kode": "73", "target_file": "f"}, info))
    assert targets.active() == {} and targets.line() == "Sulawesi Selatan"


# --- every page with the filters on ----------------------------------------------------------------------------


def test_map_page_names_every_filter(use_store):
    at = start("views/peta.py", ukuran="ats_pct", tabel="1", **FILTERED)
    headline = next(m.value for m in at.markdown if "yang didata" in m.value)
    assert headline.startswith("Kota Palopo, putaran 2024: **")
    assert "anak lulus tidak melanjutkan (LTM) dari" in headline
    assert "anak perempuan 13-15 tahun dengan disabilitas" in headline
    assert "7-18" not in headline
    legend = next(m.value for m in at.markdown if "Tidak ada data" in m.value or "background" in m.value)
    assert words_in(legend) == set(WORDS), legend
    assert "Lulus tidak melanjutkan (LTM) per 100 anak perempuan 13-15 tahun dengan disabilitas" in legend
    # a table of many columns: short headers (ui.view.View.short_column), each with its whole meaning in its help
    columns = list(json.loads(at.dataframe[0].proto.columns).values())
    assert [c.get("label") for c in columns[:5]] == ["Kode", "Nama", "Anak 13-15", "ATS: LTM", "LTM per 100"], columns
    assert [c.get("help") for c in columns[2:5]] == ["Anak perempuan 13-15 tahun dengan disabilitas",
                                                     "Lulus tidak melanjutkan (LTM)",
                                                     "Lulus tidak melanjutkan (LTM) per 100"], columns
    map_spec = screen_map(at)
    hovers = [trace["hovertemplate"] for trace in map_spec["data"]]
    # a unit with a value names the children counted; the fixture's few girls are hidden (< k) in every kelurahan
    assert all("anak perempuan 13-15 tahun dengan disabilitas" in h or "Disembunyikan" in h or "Belum disurvei" in h
               or "ditahan" in h for h in hovers), hovers  # "no child" names them: "Sudah disurvei, tetapi tidak ada anak perempuan ..."
    assert_tables_have_downloads(at)


def test_map_page_in_english_names_every_filter(use_store):
    at = start("views/peta.py", lang="en", **FILTERED)
    headline = next(m.value for m in at.markdown if "enumerated" in m.value)
    assert "children counted as finished, not continuing (LTM) of" in headline
    assert "girls 13-15 years with disabilities enumerated" in headline


def test_trend_page_names_the_filters_each_chart_follows(use_store):
    at = start("views/tren.py", **FILTERED)
    headline = next(m.value for m in at.markdown if "yang didata" in m.value)
    assert words_in(headline) == set(WORDS) and headline.startswith("Kota Palopo, putaran 2024:"), headline
    charts = chart_texts(at)
    for section in ("units", "participation"):  # the tabs under the breakdown: only the open one runs
        charts += [c for c in chart_texts(open_tren_tab(at, section)) if c not in charts]
    assert len(charts) >= 5  # the fixture's few girls 13-15 with disabilities: one chart's rates are withheld (< k)
    # which filters each chart's numbers follow (the others are said on the page: coverage counts households,
    # the counts by category are every category, the participation indicators are per age group of all children)
    follows = {"Cakupan sensus": set(), "Jumlah ATS per kategori": set(WORDS) - {"kategori_ats"},
               "Tidak bersekolah (100 - APS)": {"sex", "has_disability"}}
    for title, subtitle in charts:
        expected = next((v for k, v in follows.items() if title.startswith(k)), set(WORDS))
        assert subtitle.startswith("Sulawesi Selatan › Kota Palopo · putaran "), subtitle
        assert words_in(title + " " + subtitle) == expected, (title, subtitle)
    assert charts[0][0] == "Lulus tidak melanjutkan (LTM) per 100 anak perempuan 13-15 tahun dengan disabilitas, per putaran"
    # the targets are for all children 7-18: not drawn over the filtered line, and the page says why
    trend = next(iter(screen_charts(at).values()))
    assert [tr.get("name") for tr in trend["data"]] == [trend["data"][0]["name"]]
    assert any("ditetapkan untuk semua anak 7-18" in c.value for c in at.caption)
    assert_tables_have_downloads(at)


def test_trend_page_draws_the_target_for_all_children_and_says_whom_it_is_for(use_store):
    at = start("views/tren.py")
    names = [tr.get("name") for tr in next(iter(screen_charts(at).values()))["data"]]
    assert "Target semua anak 7-18 (ilustratif)" in names
    assert chart_texts(at)[0][0] == "ATS per 100 anak 7-18, per putaran"


def test_handling_page_names_every_filter(use_store):
    at = start("views/penanganan.py", **FILTERED)
    headline = next(m.value for m in at.markdown if "yang ditemukan" in m.value)
    assert headline.startswith("Kota Palopo: anak perempuan 13-15 tahun dengan disabilitas, lulus tidak melanjutkan (LTM),")
    charts = chart_texts(at)
    assert len(charts) >= 3
    for title, subtitle in charts:
        assert words_in(title + " " + subtitle) == set(WORDS), (title, subtitle)
    assert all(s.startswith("Sulawesi Selatan › Kota Palopo · putaran 2024") for _, s in charts[:-1])  # the last: per round
    assert_tables_have_downloads(at)


def test_kla_page_claims_no_filter_it_does_not_follow(use_store):
    at = start("views/kla.py", **FILTERED)
    charts = chart_texts(at)
    assert charts and all(not words_in(title + subtitle) for title, subtitle in charts), charts
    assert all(s.startswith("Sulawesi Selatan") for _, s in charts)
    assert any("tidak berlaku untuk indikator KLA" in c.value for c in at.caption)
    assert_tables_have_downloads(at)


# --- the files, with the filters on ----------------------------------------------------------------------------


@pytest.fixture()
def offered(monkeypatch):
    """Every download a page offers, as the browser gets it on a click: widget key -> (file name, the callable that
    makes it). A spy on Streamlit's own MediaFileManager.add_deferred (its behaviour kept), since AppTest has no
    browser to click."""
    from streamlit.runtime.media_file_manager import MediaFileManager

    made = {}
    original = MediaFileManager.add_deferred

    def add_deferred(self, data_callable, mimetype, coordinates, file_name=None, *, element_id=""):
        made[element_id.rsplit("-", 1)[-1]] = (file_name, data_callable)
        return original(self, data_callable, mimetype, coordinates, file_name, element_id=element_id)

    monkeypatch.setattr(MediaFileManager, "add_deferred", add_deferred)
    return made


def exported_words(offered: dict) -> dict[str, set[str]]:
    """The filters each XLSX (its About sheet's view line) and each SVG (its view line) names, by widget key."""
    import html
    import io

    import openpyxl

    out = {}
    for key, (name, make) in offered.items():
        if name.endswith(".xlsx"):
            about = dict(openpyxl.load_workbook(io.BytesIO(make()))["Keterangan"].iter_rows(min_row=2, values_only=True))
            out[key] = words_in(about["Tampilan"])
        elif name.endswith(".svg"):  # the view line: from the place to the source line (wrapped over lines)
            lines = [" ".join(html.unescape(t).split()) for t in re.findall(r"<text[^>]*>([^<]*)</text>", make().decode())]
            start = next(i for i, line in enumerate(lines) if line.startswith("Sulawesi Selatan"))
            end = next(i for i, line in enumerate(lines) if line.startswith("Sumber:"))
            out[key] = words_in(" ".join(lines[start:end]))
    return out


@pytest.mark.parametrize("page, follows", [
    ("views/peta.py", {}),
    # what the screen says each chart follows (test_trend_page_names_the_filters_each_chart_follows); the targets
    # are set for all children 7-18
    ("views/tren.py", {"tren_coverage": set(), "tren_counts": set(WORDS) - {"kategori_ats"},
                       "tren_aps": {"sex", "has_disability"}, "tren_targets": set()}),
    ("views/penanganan.py", {}),
    ("views/kla.py", {"kla": set()}),  # KLA values are of all children: no filter applies
])
def test_every_file_a_page_offers_names_the_filters_its_numbers_follow(use_store, offered, page, follows):
    """With every filter on, each table's XLSX and each figure's SVG, made as a click makes them, names in its view
    line every active filter its numbers follow, and no other; a CSV (the table alone) names them in its file name."""
    at = start(page, **FILTERED)
    assert not at.exception, at.exception
    named = exported_words(offered)
    assert any(k.endswith("_xlsx") for k in named) and any(k.endswith("_svg") for k in named), sorted(offered)
    expected = lambda key: next((v for prefix, v in follows.items() if key.startswith(prefix)), set(WORDS))  # noqa: E731
    for key, words in named.items():
        assert words == expected(key), (key, words)
    for key, (name, _) in offered.items():  # a CSV is the table alone: its name says the filters
        if name.endswith(".csv") and expected(key) == set(WORDS):
            assert "_P_13-15_disabilitas_LTM" in name, name
