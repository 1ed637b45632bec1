"""The BSN eleven-test, normalisation and the demo range."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from schakel.domain.bsn import DEMO_BSNS, demo_bsn, is_demo_bsn, is_valid_bsn, normalise_bsn

VALID = [
    "111222333",  # 9+8+7+12+10+8+9+6 = 69; 69-3 = 66 = 6*11
    "123456782",  # the textbook example
    "999993653",  # a common test-set BSN
    "010000008",  # 8*1 - 8 = 0
    "000000012",  # arithmetic edge case: 2*1 - 2 = 0
]
INVALID = [
    "123456789",  # fails the eleven-test
    "111222334",
    "000000000",  # all zeros
    "12345678",  # eight digits: normalise first
    "1234567820",  # ten digits
    "12345678a",
    "",
    " 123456782",  # whitespace: normalise first
    "1234.56.782",
    "12345678²",  # not an ASCII digit
    "١٢٣٤٥٦٧٨٢",  # Arabic-Indic digits
]


@pytest.mark.parametrize("bsn", VALID)
def test_valid(bsn: str) -> None:
    assert is_valid_bsn(bsn)


@pytest.mark.parametrize("bsn", INVALID)
def test_invalid(bsn: str) -> None:
    assert not is_valid_bsn(bsn)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1234.56.782", "123456782"),
        (" 123 456 782 ", "123456782"),
        ("12345678", "012345678"),
        ("1000.000.8", "010000008"),
        ("123456782", "123456782"),
        ("abc", "abc"),
        ("1234567", "1234567"),
    ],
)
def test_normalise(raw: str, expected: str) -> None:
    assert normalise_bsn(raw) == expected


def test_eight_digit_number_is_valid_after_normalising() -> None:
    assert not is_valid_bsn("10000008")
    assert is_valid_bsn(normalise_bsn("10000008"))


def test_changing_one_digit_breaks_the_check() -> None:
    bsn = "123456782"
    for i in range(9):
        for digit in "0123456789":
            if digit != bsn[i]:
                assert not is_valid_bsn(bsn[:i] + digit + bsn[i + 1 :])


def test_demo_bsns() -> None:
    assert len(DEMO_BSNS) == len(set(DEMO_BSNS))
    assert list(DEMO_BSNS) == sorted(DEMO_BSNS)
    assert 9000 < len(DEMO_BSNS) < 10_000  # 10/11 of the 10,000 prefixes have a check digit
    assert all(b.startswith("9999") and is_valid_bsn(b) for b in DEMO_BSNS)
    assert demo_bsn(0) == DEMO_BSNS[0]
    assert "999993653" in DEMO_BSNS
    expected = [f"9999{n:05d}" for n in range(100_000) if is_valid_bsn(f"9999{n:05d}")]
    assert list(DEMO_BSNS) == expected


@pytest.mark.parametrize("n", [-1, len(DEMO_BSNS)])
def test_demo_bsn_out_of_range(n: int) -> None:
    with pytest.raises(ValueError, match="demo_bsn"):
        demo_bsn(n)


def test_is_demo_bsn() -> None:
    assert is_demo_bsn("999993653")
    assert not is_demo_bsn("123456782")  # valid, but not a test number
    assert not is_demo_bsn("999993654")  # test range, but invalid


@given(st.integers(0, len(DEMO_BSNS) - 1))
def test_every_demo_bsn_is_valid(n: int) -> None:
    bsn = demo_bsn(n)
    assert is_valid_bsn(bsn)
    assert is_demo_bsn(bsn)


@given(st.text(max_size=15))
def test_never_crashes_on_any_text(text: str) -> None:
    assert isinstance(is_valid_bsn(text), bool)
    assert isinstance(is_valid_bsn(normalise_bsn(text)), bool)


@given(st.integers(0, 999_999_999))
def test_matches_the_reference_formula(number: int) -> None:
    s = f"{number:09d}"
    total = sum(int(c) * w for c, w in zip(s, (9, 8, 7, 6, 5, 4, 3, 2, -1), strict=True))
    assert is_valid_bsn(s) is (total % 11 == 0 and number != 0)
