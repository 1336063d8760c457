"""Text from outside reaches a person as text (issue 22): a value from a URL, an upload or a stored field is never
rendered as Markdown or HTML, and is shortened. ui.safe makes values plain, ui.i18n.t() does it to every value it
fills in; the pages are run under AppTest with hostile values, and the code is scanned for Markdown elements fed
anything else. (tests/test_browser.py checks the same hostile link in a real browser.)"""

import ast
import re

import pytest
from streamlit.testing.v1 import AppTest

from data.config import ROOT
from tests.conftest import add_account, log_in, needs_shared, open_app, rendered, screen_charts
from ui import safe
from ui.i18n import t, t_chart

APP = str(ROOT / "app.py")
HOSTILE = "**sesi habis** [klik](http://evil.example) ![x](http://evil.example/x.png) <img src=x>"
LONG = "x" * 5000


def dangers(markdown: str) -> list[str]:
    """The Markdown in `markdown` that would render as more than text, found without ui.safe: bold, a link or an
    image ([...](...)), HTML or an <autolink>, a bare address the GFM autolinker would turn into a link."""
    found = []
    if re.search(r"(?<!\\)\*\*sesi|(?<!\\)__sesi", markdown):
        found.append("bold")
    if re.search(r"(?<!\\)\[[^\]]*(?<!\\)\]\(", markdown):
        found.append("link or image")
    if re.search(r"(?<!\\)<[a-zA-Z/]", markdown):
        found.append("html")
    unescaped = re.sub(r"\\(.)", r"\1", markdown)
    if re.search(r"(?i)https?://|www\.|[\w.+-]@[\w-]", unescaped):
        found.append("autolink")
    return found


# --- the helpers ------------------------------------------------------------------------------------------


def test_plain_shows_a_hostile_value_as_text_and_shortens_it():
    shown = safe.plain(HOSTILE)
    assert dangers(shown) == [] and dangers(HOSTILE) == ["bold", "link or image", "html", "autolink"]
    assert rendered(shown) == HOSTILE[:79] + "…" and len(rendered(safe.plain(LONG))) == safe.LIMIT
    assert safe.plain("baris satu\n# baris dua\r\n\t- tiga") == "baris satu # baris dua - tiga"  # one line: no block
    assert safe.plain("# judul") == "\\# judul" and safe.plain("1. daftar") == "1\\. daftar"  # a message's start
    assert safe.plain("abc\u202edef\u200b") == "abcdef"  # no text turned around or hidden
    for address in ("http://evil.example", "www.evil.example", "nama@evil.example", "mailto:a@b.example"):
        assert dangers(safe.plain(address)) == [], address
    # what needs no escaping reads as it is: names, codes, numbers
    assert safe.plain("Kota Palopo (73.73)") == "Kota Palopo (73.73)" and safe.plain("1.234,5") == "1.234,5"


def test_code_join_and_chart():
    assert safe.code("a`b`\nc") == "aʹbʹ c"  # a backtick would end the code span
    listed = safe.join([HOSTILE] * 25)
    assert dangers(listed) == [] and listed.endswith("… (+5)")
    assert safe.chart('<a href="http://evil.example">x</a><br>') == "&lt;a href=&quot;http://evil.example&quot;&gt;x&lt;/a&gt;&lt;br&gt;"


def test_t_makes_every_value_plain_unless_the_code_made_it(monkeypatch):
    from ui import i18n

    monkeypatch.setattr(i18n, "lang", lambda: "en")
    said = t("filter.bad_url", name="kab", value=HOSTILE)
    assert dangers(said) == [] and "sesi habis" in rendered(said)
    assert t("impor.refused", error=t("impor.err.store_checks", error="x")).count("\\") == 0  # catalogue text: as is
    assert t("tren.summary", wilayah="Kota Palopo", period="round 2024", n_ats="1,234", ats_noun="out-of-school children",
             n_anak="5,000", who="children 7-18", ats_pct="12.5") == (
        "Kota Palopo, round 2024: **1,234** out-of-school children of 5,000 children 7-18 enumerated "
        "(**12.5** per 100).")
    mirror = t("impor.download_mirror", url="http://mirror`x")  # inside a code span: no escapes, no backtick
    assert "`http://mirrorʹx`" in mirror
    assert t_chart("peta.hover_no_data", nama="%{text}").startswith("<b>%{text}</b>")
    assert "&lt;img" in t_chart("tren.hover", nama="<img src=x>", round=2024, n_ats="1", n_anak="2", ats_pct="3")


# --- the code: every Markdown element is fed text made safe --------------------------------------------

# Streamlit calls that render their text (first arguments, or help=/text=) as Markdown
MARKDOWN_CALLS = {"markdown", "caption", "warning", "error", "info", "success", "toast", "title", "header", "subheader",
                  "write", "button", "download_button", "form_submit_button", "checkbox", "radio", "toggle", "expander",
                  "text_input", "number_input", "date_input", "selectbox", "file_uploader", "metric", "progress",
                  "spinner"}
# functions whose result is Markdown made by the code: catalogue texts (t: values made plain), plain values, numbers
SAFE_CALLS = {"t", "plain", "join", "code", "number", "date", "fmt_value", "refusal_text", "note_text", "error_text",
              "tier_caption", "ranking_caption", "definition_markdown", "failure_text", "legend_html", "note_text",
              "_upload_limit_mb", "int", "float", "len", "round",
              "sentence", "details_text",  # ui/source.py: catalogue texts, dates; the parameters through plain()
              "count", "count_in", "rate",  # ui/fmt.py: a formatted number, or the fixed mark of a hidden count or withheld rate
              "shown",  # ui/penanganan.py: count_in or rate of a handling row
              "line", "column",  # ui/view.View: catalogue texts and the place names through plain()
              "columns_markdown"}  # ui/import_format.py: catalogue texts and the importer's own code lists
# variables fed to those calls whose values are made elsewhere, and why they are safe
TRUSTED = {
    ("ui/filters.py", "select", "label"): "every caller passes t(...)",
    ("ui/kla.py", "flash", "message"): "put there by _after_write, whose callers pass t(...)",
    ("ui/importing.py", "_log_table", "title"): "every caller passes t(...)",
    ("ui/login.py", "authorize", "text"): "each branch assigns t(...) (in a tuple assignment, which the scan does not read)",
    ("ui/profile.py", "_numbers", "MISSING"): "ui.fmt's constant dash",
}


def _safe(node, scope, where, used: set) -> bool:
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.JoinedStr):  # an f-string: each value safe, or formatted as a number ({x:.0%})
        return all(_safe(v.value, scope, where, used) or _numeric(v.format_spec)
                   for v in node.values if isinstance(v, ast.FormattedValue))
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _safe(node.left, scope, where, used) and _safe(node.right, scope, where, used)
    if isinstance(node, ast.IfExp):
        return _safe(node.body, scope, where, used) and _safe(node.orelse, scope, where, used)
    if isinstance(node, ast.BoolOp):
        return all(_safe(v, scope, where, used) for v in node.values)
    if isinstance(node, ast.Call):
        name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
        return name in SAFE_CALLS
    if isinstance(node, ast.Name):
        if (*where, node.id) in TRUSTED:
            used.add((*where, node.id))
            return True
        values = [n.value for n in ast.walk(scope) if isinstance(n, ast.Assign)
                  and any(isinstance(target, ast.Name) and target.id == node.id for target in n.targets)]
        return bool(values) and all(_safe(v, scope, where, used) for v in values)
    return False


def _numeric(spec) -> bool:
    text = "".join(str(v.value) for v in spec.values if isinstance(v, ast.Constant)) if spec is not None else ""
    return text[-1:] in ("%", "d", "f", "e", "g")


def _markdown_arguments(call: ast.Call) -> list:
    attr = call.func.attr
    given = [k.value for k in call.keywords if k.arg in ("help", "text", "label", "body")]
    if attr == "progress":
        return given
    return [*call.args[: 2 if attr == "metric" else 1], *given]


def unsafe_calls(source: str, name: str, used: set) -> tuple[list[str], int]:
    """The Markdown-rendering calls of `source` fed something not known to be safe, and how many calls there were."""
    unsafe, calls = [], 0
    tree = ast.parse(source)
    scopes = [tree, *(n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.Lambda)))]
    for scope in scopes:
        body = scope.body if isinstance(scope.body, list) else [scope.body]
        own = [n for stmt in body for n in ast.walk(stmt)]
        inner = {id(n) for s in scopes if s is not scope and id(s) in {id(o) for o in own} for n in ast.walk(s)}
        for node in own:
            if id(node) in inner or not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            if node.func.attr not in MARKDOWN_CALLS or not (node.args or node.keywords):
                continue
            if node.func.attr == "write" and getattr(node.func.value, "id", None) != "st":
                continue  # a file's write
            calls += 1
            where = (name, getattr(scope, "name", "<module>"))
            for argument in _markdown_arguments(node):
                if not _safe(argument, scope, where, used):
                    unsafe.append(f"{name}:{node.lineno} {node.func.attr}: {ast.unparse(argument)}")
    return unsafe, calls


def test_the_scan_finds_outside_text_fed_to_markdown():
    source = (
        "def page(result):\n"
        "    value = st.query_params['kab']\n"
        "    st.warning(f'bad {value}')\n"
        "    st.metric(t('kla.tier'), 'x', help=result['sumber'])\n"
        "    st.caption(t('ok', value=value) + ' ' + plain(value))\n"
        "    st.button(names[kode])\n"
    )
    unsafe, calls = unsafe_calls(source, "page.py", set())
    assert calls == 4 and [u.split(" ")[0] for u in unsafe] == ["page.py:3", "page.py:4", "page.py:6"], unsafe


def test_every_markdown_element_is_fed_text_made_safe():
    """Scan ui/, views/ and app.py: what a Markdown-rendering call shows is a literal, a catalogue text (t), a value
    made plain, a number, or built from those; a variable counts when every assignment of it in its function does."""
    unsafe, calls, used = [], 0, set()
    for path in sorted((ROOT / "ui").glob("*.py")) + sorted((ROOT / "views").glob("*.py")) + [ROOT / "app.py"]:
        found, n = unsafe_calls(path.read_text(), path.relative_to(ROOT).as_posix(), used)
        unsafe += found
        calls += n
    assert calls > 100
    assert not unsafe, "\n".join(unsafe)
    assert used == set(TRUSTED), set(TRUSTED) - used  # no stale exception


# --- the pages: hostile values from a URL, an upload, the store ----------------------------------------


def markdown_of(at: AppTest) -> list[str]:
    """Every text of the page that Streamlit renders as Markdown: alerts, captions, Markdown, headings, tooltips.
    The HTML the code writes itself (the map legend, allow_html) is left out, checked to hold no outside text."""
    elements = [e for kind in ("warning", "error", "info", "success", "caption", "markdown", "title", "header",
                               "subheader") for e in getattr(at, kind)]
    html = [e.value for e in elements if getattr(e.proto, "allow_html", False)]
    assert not [h for h in html if "sesi" in h or "evil" in h]
    texts = [e.value for e in elements if not getattr(e.proto, "allow_html", False)]
    for metric in at.metric:
        texts += [metric.label, metric.value, metric.proto.help]
    for widget in (*at.button, *at.selectbox, *at.text_input):
        texts += [widget.label, widget.help or ""]
    return [text for text in texts if text]


# every URL parameter that a page checks, with the page that checks it (the global filters: any page)
URL_PARAMETERS = [("lang", None), ("prov", None), ("kab", None), ("kec", None), ("round", None), ("sex", None),
                  ("age", None), ("kategori", None), ("disabilitas", None), ("tingkat", "views/peta.py"),
                  ("ukuran", "views/peta.py"), ("kelas", "views/peta.py"), ("rincian", "views/tren.py"),
                  ("kerangka", "views/kla.py"), ("tahun", "views/kla.py"), ("indikator", "views/kla.py")]


def start(view=None, **query) -> AppTest:
    return open_app(view, check=False, **query)


def test_every_checked_url_parameter_is_listed():
    from ui.filters import URL_KEYS

    assert {name for name, _ in URL_PARAMETERS} == set(URL_KEYS.values())


@needs_shared
@pytest.mark.parametrize("name, view", URL_PARAMETERS)
def test_a_hostile_url_value_is_echoed_as_short_text(use_store, name, view):
    at = start(view, **{name: HOSTILE})
    assert not at.exception, at.exception
    texts = markdown_of(at)
    assert not [(text, dangers(text)) for text in texts if dangers(text)]
    echoed = [rendered(w.value) for w in at.warning if "sesi habis" in rendered(w.value)]
    assert echoed and all(HOSTILE[:79] + "…" in text and HOSTILE not in text for text in echoed), echoed


@needs_shared
def test_a_long_bogus_url_value_is_not_echoed_whole(use_store):
    at = start(kab=LONG)
    assert not at.exception, at.exception
    said = [w.value for w in at.warning if "xxxx" in w.value]
    assert said and all(w.count("x") < 100 for w in said)


@needs_shared
def test_hostile_column_headers_and_file_name_of_an_upload_stay_text(store_copy, monkeypatch, tmp_path):
    """An uploaded file's column headers (shown as ignored columns, or as columns a mapping did not find) and its
    name reach the uploader's page as text."""
    monkeypatch.setenv("ATS_STORE", str(store_copy))
    example = (ROOT / "docs" / "examples" / "sipbm_canonical_example.csv").read_text(encoding="utf-8")
    header, *rows = example.splitlines()
    hostile_header = HOSTILE.replace(",", " ")
    csv = "\n".join([f'{header},"{hostile_header}"', *(row + ",x" for row in rows)]).encode()
    add_account("admin", "admin")
    at = log_in(start("views/impor.py"), "admin")  # the Impor page is an operator's or an admin's
    at.file_uploader(key="impor_file_0").set_value((f"{HOSTILE}.csv", csv, "text/csv")).run()
    assert not at.exception, at.exception
    texts = markdown_of(at)
    assert not [(text, dangers(text)) for text in texts if dangers(text)]
    assert any("sesi habis" in rendered(c.value) for c in at.caption), [c.value for c in at.caption]
    at.button(key="impor_check").click().run()  # the report names the file
    assert not at.exception, at.exception
    texts = markdown_of(at)
    assert not [(text, dangers(text)) for text in texts if dangers(text)]
    assert any("sesi habis" in rendered(text) for text in texts)


@needs_shared
def test_a_stored_kla_source_and_evidence_stay_text(store_copy, monkeypatch):
    """The source of a KLA evaluation result (the tier's tooltip on every viewer's page, and the tier chart's
    hover) and an entered value's evidence are stored text."""

    from data import kla

    monkeypatch.setenv("ATS_STORE", str(store_copy))
    kla.save_evaluation("73.73", 2024, None, "Madya", sumber=HOSTILE, operator=HOSTILE, path=store_copy)
    kla.save_value("73.73", 2024, "IV.3", "40", operator=HOSTILE, bukti=HOSTILE, path=store_copy)
    at = start("views/kla.py", tahun="2024")
    assert not at.exception, at.exception
    texts = markdown_of(at)
    assert not [(text, dangers(text)) for text in texts if dangers(text)]
    tier = at.metric[0]
    assert tier.value == "Madya" and "sesi habis" in rendered(tier.proto.help)
    figure = next(iter(screen_charts(at).values()))
    hovers = [str(c) for trace in figure["data"] for c in trace.get("customdata", [])]
    assert any("sesi habis" in h for h in hovers) and not any("<img" in h or "<a" in h for h in hovers)
