"""One description of the view (ui/view.py): the words of a view in both languages, and the filters a query's
numbers follow."""

import json

import pytest
from streamlit.testing.v1 import AppTest

from data.config import ROOT
from tests.conftest import needs_shared

pytestmark = needs_shared
APP = str(ROOT / "app.py")
# one child in the fixture: a girl of 14 with a disability, LTM, found in 2024 in Palopo and handled
FILTERED = {"sex": "P", "age": "13-15", "disabilitas": "ya", "kategori": "LTM", "round": "2024"}
WORDS = {"sex": "perempuan", "age_group": "13-15 tahun", "has_disability": "dengan disabilitas",
         "kategori_ats": "lulus tidak melanjutkan (LTM)"}


def start(page: str, **query) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    for k, v in query.items():
        at.query_params[k] = v
    at.switch_page(page)
    at.run()
    assert not at.exception, at.exception
    return at


def chart_texts(at) -> list[tuple[str, str]]:
    """(title, subtitle) of every Plotly chart of the page, as read (the line breaks that wrap them as spaces)."""
    out = []
    for chart in at.get("plotly_chart"):
        title = json.loads(chart.proto.spec)["layout"].get("title", {})
        out.append(((title.get("text") or "").replace("<br>", " "),
                    (title.get("subtitle", {}).get("text") or "").replace("<br>", " ")))
    return out


def words_in(text: str) -> set[str]:
    return {name for name, word in WORDS.items() if word in text}


def assert_tables_have_downloads(at) -> None:
    labels = [b.proto.label for b in at.get("download_button")]
    assert len(at.dataframe) >= 1 and labels == ["CSV", "XLSX"] * len(at.dataframe), labels


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
