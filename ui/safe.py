"""Text from outside shown as text: a value from a URL, an upload (file names, column headers, sheet names), a
stored field (KLA sources and evidence, operator names) or an error message never becomes Markdown or HTML on a page.

Streamlit 1.67 renders Markdown (GitHub-flavoured, with math, emoji shortcodes and its :color[...] directives) in
st.markdown, st.caption, alerts, toasts, help= tooltips, metric labels and values, button and radio labels and
progress texts; raw HTML is not rendered there, but a Markdown link, image or bold is, and so are bare addresses
(http://…, www.…, name@host), which the GFM autolinker finds in the text even after backslash escapes.
plain() therefore escapes with a backslash every character that can open Markdown inside a line (links and images
need their brackets, so parentheses and ! stay as they are), and at its start those that open a block (a value may
begin a message: # heading, - list, 1. list), and puts an invisible word joiner (U+2060) into what the autolinker
looks for; whitespace (newlines too) becomes one space, control and bidirectional characters go, and the value is
shortened. ui.i18n.t() does this to every value it fills in that is not Markdown
the code made (Markdown: its own result, plain()'s). Plotly figures draw a subset of HTML instead: chart().
"""

import html
import re
from collections.abc import Iterable

LIMIT = 80  # characters of an outside value shown in a message; longer ones end in "…"
ELLIPSIS = "…"
JOINER = "\u2060"  # WORD JOINER: invisible, and breaks what the autolinker matches
_INLINE = re.compile(r"([\\`*\[\]<>|~$:&@])")  # emphasis, code, links, autolinks, HTML, tables, math, directives
# an underscore opens or closes emphasis unless it stands between two letters or digits (snake_case, file_name.csv)
_UNDERSCORE = re.compile(r"(?<![^\W_])_|_(?![^\W_])")
_BLOCK_START = re.compile(r"^([#+\-=]|\d{1,9}(?=[.)]))")  # a heading, list or rule (1. or 1) a list) at a line's start
_SPACE = re.compile(r"\s+")
# C0/C1 controls, zero-width and bidirectional formatting characters (U+202E turns text around on screen)
_INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")
_NUMBER = re.compile(r"[+\-−]?\d(?:[\d.,]*\d)?%?")  # a formatted number (ui.fmt.number): 1.234,5 / -3 / 12,5%


class Markdown(str):
    """Markdown the code made: catalogue text whose values were made plain, or a plain() value. ui.i18n.t() passes
    it on as it is; any other str it fills in is made plain."""


def _flat(value, limit: int) -> str:
    text = _SPACE.sub(" ", _INVISIBLE.sub("", str(value))).strip()
    return text if len(text) <= limit else text[: max(limit - 1, 0)].rstrip() + ELLIPSIS


def plain(value, limit: int = LIMIT, *, line_start: bool = True) -> Markdown:
    """`value` as Markdown that shows it literally, on one line and at most `limit` characters long. line_start=False
    for a value that stands inside a line (ui.i18n.t knows): what only opens a block at a line's start stays."""
    text = _flat(value, limit)
    if _NUMBER.fullmatch(text):
        return Markdown(text)  # numbers read as they are
    text = _UNDERSCORE.sub(r"\\_", _INLINE.sub(r"\\\1", text))
    if line_start:
        text = _BLOCK_START.sub(lambda m: m[1] + "\\" if m[1][0].isdigit() else "\\" + m[1], text)  # 1\. / \#
    text = text.replace("\\:", "\\:" + JOINER).replace("\\@", "\\@" + JOINER)  # http://, mailto:, name@host
    text = re.sub(r"(?i)(www)\.", r"\1" + JOINER + ".", text)  # www.host
    return Markdown(text)


def code(value, limit: int = LIMIT) -> Markdown:
    """`value` for a code span (`…` in a catalogue text): nothing is Markdown there but a backtick, which would end
    the span, so backticks become primes; on one line and shortened as plain()."""
    return Markdown(_flat(value, limit).replace("`", "ʹ"))


def join(values: Iterable, sep: str = ", ", limit: int = LIMIT, most: int = 20) -> Markdown:
    """A list of outside values (column names, codes) as plain Markdown for a sentence: each shortened to `limit`, at
    most `most` of them, then how many more."""
    values = list(values)
    shown = [v if isinstance(v, Markdown) else plain(v, limit, line_start=False) for v in values[:most]]
    more = len(values) - len(shown)
    return Markdown(sep.join(shown) + (f"{sep}… (+{more})" if more > 0 else ""))


def chart(value, limit: int = LIMIT) -> str:
    """`value` for a Plotly text or hover label, which draws <b>, <br>, <a href> and entities: HTML-escaped, on
    one line and shortened."""
    return html.escape(_flat(value, limit))
