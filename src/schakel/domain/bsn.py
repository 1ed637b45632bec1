"""Burgerservicenummer (BSN): the eleven-test, normalisation and demo numbers.

A BSN has nine digits d1..d9 and is valid when
``9*d1 + 8*d2 + 7*d3 + 6*d4 + 5*d5 + 4*d6 + 3*d7 + 2*d8 - 1*d9`` is divisible by 11
(the "elfproef" for BSN, with weight -1 on the last digit, unlike the bank-account test).
``000000000`` passes the arithmetic but is not a number anyone has, so it is rejected.
Older numbers were issued with eight digits; they are the same number with a leading zero.

Demo data must never contain a real person's BSN. By convention Dutch test sets (the RvIG
test environments of the BRP and the BSN verification service, and many vendors after them)
use numbers that start with ``9999``; that range is not issued to people. `demo_bsn` hands out
valid numbers from it only.
"""

from __future__ import annotations

_DIGITS = frozenset("0123456789")
_WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2, -1)
DEMO_PREFIX = "9999"


def _is_ascii_digits(value: str) -> bool:
    # str.isdigit() also accepts superscripts and non-Latin digits; a BSN is ASCII only.
    return bool(value) and all(char in _DIGITS for char in value)


def _weighted_sum(digits: str) -> int:
    return sum(int(char) * weight for char, weight in zip(digits, _WEIGHTS, strict=False))


def normalise_bsn(value: str) -> str:
    """Strip whitespace and dots; give an eight-digit number its leading zero.

    Returns the cleaned string even if it is not a valid BSN: validate with `is_valid_bsn`.
    """
    cleaned = "".join(value.split()).replace(".", "")
    if len(cleaned) == 8 and _is_ascii_digits(cleaned):
        cleaned = "0" + cleaned
    return cleaned


def is_valid_bsn(value: str) -> bool:
    """True for a canonical BSN: exactly nine ASCII digits, passes the eleven-test, not all zeros.

    Strict on form on purpose (no spaces, dots or eight digits): call `normalise_bsn` first on
    user input, so that only the canonical form is ever stored and compared.
    """
    if len(value) != 9 or not _is_ascii_digits(value) or value == "000000000":
        return False
    return _weighted_sum(value) % 11 == 0


def _demo_bsns() -> tuple[str, ...]:
    found: list[str] = []
    for middle in range(10_000):
        first_eight = f"{DEMO_PREFIX}{middle:04d}"
        check = _weighted_sum(first_eight) % 11  # d9 must be congruent to the weighted sum
        if check <= 9:  # a remainder of 10 has no check digit: no valid BSN for this prefix
            found.append(f"{first_eight}{check}")
    return tuple(found)


DEMO_BSNS: tuple[str, ...] = _demo_bsns()
"""Every valid BSN starting with 9999, in ascending order."""


def demo_bsn(n: int) -> str:
    """The n-th (0-based) valid demo BSN from the 9999 test range; deterministic."""
    if not 0 <= n < len(DEMO_BSNS):
        raise ValueError(f"demo_bsn: n must be in 0..{len(DEMO_BSNS) - 1}, got {n}")
    return DEMO_BSNS[n]


def is_demo_bsn(value: str) -> bool:
    """True for a valid BSN from the test range (use to keep real numbers out of demo data)."""
    return value.startswith(DEMO_PREFIX) and is_valid_bsn(value)
