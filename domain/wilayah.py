"""Kemendagri wilayah codes (DOMAIN.md section 6.1): the four levels, the length of a dotted code at each, the
level below each, and the parsing of a code written in any of the forms files carry."""

LEVELS = ("prov", "kab", "kec", "kel")
# Length of a dotted Kemendagri code at each level: 73 / 73.73 / 73.73.01 / 73.73.01.1001
CODE_LENGTH = {"prov": 2, "kab": 5, "kec": 8, "kel": 13}
CHILD_LEVEL = {"prov": "kab", "kab": "kec", "kec": "kel"}


def level_of(kode: str) -> str:
    """Level of a dotted Kemendagri code, from its length."""
    for level, length in CODE_LENGTH.items():
        if len(kode) == length:
            return level
    raise ValueError(f"'{kode}' is not a dotted Kemendagri code (73, 73.73, 73.73.01 or 73.73.01.1001)")


_DIGITS_TO_LEVEL = {2: "prov", 4: "kab", 6: "kec", 10: "kel"}


def normalize_kode(value) -> str:
    """Dotted Kemendagri form of a code written dotted ('73.73.01.1001'), undotted ('7373011001')
    or stored as a number (7373011001 or 7373011001.0). Raises ValueError naming the value."""
    if value is None or (isinstance(value, float) and value != value):
        raise ValueError("empty wilayah code")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    if text.endswith(".0") and text[:-2].isdigit():
        text = text[:-2]
    digits = text.replace(".", "").replace(" ", "")
    if not digits.isdigit() or len(digits) not in _DIGITS_TO_LEVEL:
        raise ValueError(
            f"'{value}' is not a Kemendagri wilayah code: expected 2, 4, 6 or 10 digits, "
            "dotted like 73.73.01.1001 or not like 7373011001"
        )
    if "." in text:
        parts = text.split(".")
        widths = [2, 2, 2, 4][: len(parts)]
        if [len(p) for p in parts] != widths:
            raise ValueError(f"'{value}' has misplaced dots: the dotted form is PP.KK.CC.DDDD, e.g. 73.73.01.1001")
    cuts = [(0, 2), (2, 4), (4, 6), (6, 10)][: [2, 4, 6, 10].index(len(digits)) + 1]
    return ".".join(digits[a:b] for a, b in cuts)
