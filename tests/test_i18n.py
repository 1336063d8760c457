"""Every user-facing text key exists in both languages; Indonesian number and date formats."""

import datetime as dt
import re

import pandas as pd

from data import importer
from domain.codes import AGE_GROUPS, KATEGORI_ATS, SEXES
from data.config import ROOT
from ui import fmt, maps, source
from ui.i18n import CATALOGUE

CODE = [p for folder in ("ui", "views", "pack") for p in (ROOT / folder).glob("*.py")] + [ROOT / "app.py"]


def test_every_literal_key_is_in_the_catalogue():
    used = set()
    for path in CODE:
        used |= set(re.findall(r"\b(?:t|t_chart|tx)\(\s*\"([a-z_.0-9-]+)\"", path.read_text()))  # tx: pack/
    assert used, "no t() calls found"
    missing = used - set(CATALOGUE)
    assert not missing, f"keys used but not in the catalogue: {sorted(missing)}"


def test_dynamic_key_families_are_complete():
    families = {
        "sex": SEXES,
        "age": (*AGE_GROUPS, "all"),
        "kategori": KATEGORI_ATS,
        "level": ("prov", "kab", "kec", "kel"),
        "measure": maps.MEASURES,
        "method": maps.METHODS,
        "col": ("kode", "nama", "n_anak", "n_ats", "ats_pct", "n_do", "n_ltm", "n_bpb", "n_tamat12"),
        "impor.history": importer.IMPORT_LOG_COLUMNS,
        # the words of a view (ui/view.py) and of the source line (ui/source.py)
        "view.sex": SEXES,
        "view.who": (*SEXES, "all"),
        "view.kategori": KATEGORI_ATS,
        "view.disability": ("true", "false"),
        "view.measure": maps.MEASURES,
        "source": set(source.KINDS.values()),
        "source.as_of": ("census", "handling"),
        "impor.status": importer.REPORT_STATUSES,
        # the meeting pack (pack/content.py): its slides, their progress lines, unit levels and closing terms
        "pack.progress": ("headline", "map", "map_rate", "trend", "units", "reasons", "handling", "kla", "pptx", "pdf"),
        **{f"pack.{key}": ("title",) for key in ("title", "headline", "map", "map_rate", "trend", "units", "reasons",
                                                 "handling", "kla", "closing")},
        "pack.level": ("kel", "kab"),
        "pack.closing.term": ("n_anak", "n_ats", "ats_pct"),
        "pack.closing.def": ("n_anak", "n_ats"),
        "pack.err": ("unknown_wilayah", "level", "no_data", "round_not_surveyed", "out_unwritable", "format"),
    }
    for prefix, values in families.items():
        for v in values:
            assert f"{prefix}.{v}" in CATALOGUE, f"{prefix}.{v}"


def test_both_languages_present_and_placeholders_match():
    for key, (id_text, en_text) in CATALOGUE.items():
        assert id_text.strip() and en_text.strip(), key
        assert set(re.findall(r"{(\w+)}", id_text)) == set(re.findall(r"{(\w+)}", en_text)), key


def test_indonesian_number_format():
    assert fmt.number(1234.5, 1, "id") == "1.234,5"
    assert fmt.number(1234567, 0, "id") == "1.234.567"
    assert fmt.number(1234.5, 1, "en") == "1,234.5"
    assert fmt.number(None, 0, "id") == "–"
    assert fmt.number(-0.04, 1, "id") == "0,0"  # a change that rounds to zero has no sign
    # the minus sign, not a hyphen ("-0,3" read as a range or a dash in a sentence)
    assert fmt.number(-0.26, 1, "id") == "\u22120,3"
    assert fmt.number(-1234.04, 0, "id") == "\u22121.234"
    assert fmt.number(-1234.04, 0, "en") == "\u22121,234"
    assert [fmt.signed(v, 1, "id") for v in (0.26, -0.26, -0.04, 0, None)] == ["+0,3", "\u22120,3", "0,0", "0,0", "–"]


def test_dates_in_words_of_the_language():
    assert fmt.date(dt.date(2026, 8, 23), "id") == "23 Agustus 2026"
    assert fmt.date("2026-11-03", "en") == "3 November 2026"
    assert fmt.date(pd.Timestamp("2026-05-01"), "id") == "1 Mei 2026"
    assert fmt.date(None, "id") == fmt.date(pd.NaT, "en") == "–"
    assert fmt.number(float("nan"), 1, "id") == "–"


def test_language_block_speaks_its_language_without_a_session():
    """The command line's pack has no Streamlit session: ui.i18n.language() chooses the language of t() and the
    number formats inside a block, and the session's (here: none, so Indonesian) again after it."""
    from ui.i18n import language, t

    assert t("view.round", round=2026) == "putaran 2026"
    with language("en"):
        assert t("view.round", round=2026) == "round 2026"
        assert fmt.number(1234.5, 1) == "1,234.5"
        with language("id"):
            assert fmt.number(1234.5, 1) == "1.234,5"
        assert fmt.date("2026-11-03") == "3 November 2026"
    assert t("view.round", round=2026) == "putaran 2026"
    try:
        with language("fr"):
            raise AssertionError("an unknown language was accepted")
    except ValueError as e:
        assert "fr" in str(e)


def test_a_count_of_one_takes_the_singular(monkeypatch):
    """English notes said "1 out-of-school children have": KEY.one is the text for n = 1, in both languages' slots
    (Indonesian has no plural and repeats KEY's text), with the same placeholders."""
    from ui import i18n

    monkeypatch.setattr(i18n, "lang", lambda: "en")
    assert str(i18n.t("impor.note.handling_no_date", n=1, step="asesmen")).startswith("1 out-of-school child has a ")
    assert str(i18n.t("impor.note.handling_no_date", n=3, step="asesmen")).startswith("3 out-of-school children have ")
    singular = [k for k in CATALOGUE if k.endswith(".one")]
    assert len(singular) >= 4
    for key in singular:
        base = key.removesuffix(".one")
        assert base in CATALOGUE and CATALOGUE[key][0] == CATALOGUE[base][0], key
        assert "{n}" in CATALOGUE[key][1] and CATALOGUE[key][1] != CATALOGUE[base][1], key
    monkeypatch.setattr(i18n, "lang", lambda: "id")
    assert str(i18n.t("impor.note.handling_no_date", n=1, step="asesmen")).startswith("1 anak ATS punya tahap")


def test_every_selectbox_and_multiselect_has_a_placeholder_of_the_catalogue():
    """Streamlit's own placeholder is English ("Choose an option", "Choose options"): it shows when a box is empty or
    its search is cleared. Every selectbox and multiselect of the pages passes one from the catalogue."""
    import ast

    calls = 0
    for path in CODE:
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", None) in ("selectbox", "multiselect"):
                calls += 1
                given = {k.arg: k.value for k in node.keywords}
                placeholder = given.get("placeholder")
                assert isinstance(placeholder, ast.Call) and getattr(placeholder.func, "id", None) == "t", \
                    f"{path.name}:{node.lineno}"
    assert calls >= 5
