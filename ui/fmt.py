"""Number formats: Indonesian (1.234,5) in Bahasa Indonesia, English (1,234.5) in English."""

import math

from ui.i18n import lang


def plotly_separators() -> str:
    """Plotly's `separators` (decimal, then thousands) for the current language: 1.234,5 in Indonesian."""
    return ",." if lang() == "id" else ".,"


def number(value, decimals: int = 0, language: str | None = None) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    try:
        if value != value:  # pandas NA and other NaN-likes
            return "–"
    except TypeError:
        return "–"
    text = f"{float(value):,.{decimals}f}"
    if (language or lang()) == "id":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text
