import pytest
from hypothesis import given, strategies as st

from domain.wilayah import level_of, normalize_kode


@pytest.mark.parametrize(
    "raw,want",
    [
        ("73.73.01.1001", "73.73.01.1001"),
        ("7373011001", "73.73.01.1001"),
        (7373011001, "73.73.01.1001"),
        (7373011001.0, "73.73.01.1001"),
        (" 7373 ", "73.73"),
        ("73", "73"),
        ("730801", "73.08.01"),
    ],
)
def test_normalize_kode(raw, want):
    assert normalize_kode(raw) == want


@pytest.mark.parametrize("raw", ["", None, "abc", "737", "73.7.3", "73.73.01.10011", float("nan")])
def test_normalize_kode_refuses(raw):
    with pytest.raises(ValueError):
        normalize_kode(raw)


@given(st.sampled_from([2, 4, 6, 10]).flatmap(lambda n: st.text("0123456789", min_size=n, max_size=n)))
def test_normalize_round_trips(digits):
    dotted = normalize_kode(digits)
    assert dotted.replace(".", "") == digits
    assert normalize_kode(dotted) == dotted
    assert level_of(dotted) == {2: "prov", 4: "kab", 6: "kec", 10: "kel"}[len(digits)]
