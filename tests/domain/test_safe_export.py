"""Exports: no cell can start a formula in a spreadsheet; numbers stay numbers."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from schakel.domain.indicators import Dimension, count_table
from schakel.domain.safe_export import DANGEROUS_PREFIXES, escape_cell, row_label, rows_for_export
from schakel.domain.suppression import suppress
from schakel.domain.target_groups import TargetGroup


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("=1+1", "'=1+1"),
        ('=HYPERLINK("https://example.org","klik")', '\'=HYPERLINK("https://example.org","klik")'),
        ("+31 6 12345678", "'+31 6 12345678"),
        ("-2+3", "'-2+3"),
        ("-5", "'-5"),  # text that looks like a number is still text
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
    ],
)
def test_every_dangerous_prefix_gets_an_apostrophe(text: str, expected: str) -> None:
    assert escape_cell(text) == expected


def test_the_prefixes_are_the_owasp_list() -> None:
    assert set(DANGEROUS_PREFIXES) == {"=", "+", "-", "@", "\t", "\r"}


@pytest.mark.parametrize(
    "text", ["Zwolle", "", "1+1", "a=b", " =1", "<5", "x", "'=already", "Q1 2026", "100%"]
)
def test_harmless_text_is_unchanged(text: str) -> None:
    assert escape_cell(text) == text


@pytest.mark.parametrize("number", [0, 7, -5, -2.5, 3.25, Decimal("-1.50"), 10**20])
def test_numbers_stay_numbers(number: int | float | Decimal) -> None:
    result = escape_cell(number)
    assert result == number
    assert type(result) is type(number)


def test_other_values() -> None:
    assert escape_cell(None) == ""
    assert escape_cell(True) == "ja"
    assert escape_cell(False) == "nee"
    assert escape_cell(date(2026, 1, 31)) == "2026-01-31"
    assert escape_cell(float("nan")) == "nan"
    assert escape_cell(float("-inf")) == "'-inf"
    assert escape_cell(Decimal("-Infinity")) == "'-Infinity"
    assert escape_cell(TargetGroup.top_x) == "top_x"


@given(st.text())
def test_text_never_starts_a_formula(text: str) -> None:
    result = escape_cell(text)
    assert isinstance(result, str)
    assert not result.startswith(DANGEROUS_PREFIXES)
    assert result in (text, "'" + text)
    assert (result != text) == text.startswith(DANGEROUS_PREFIXES)


@given(st.one_of(st.integers(), st.floats(allow_nan=False, allow_infinity=False)))
def test_any_finite_number_is_kept(number: float) -> None:
    assert escape_cell(number) == number


def test_row_labels() -> None:
    assert row_label(TargetGroup.youth_at_risk) == "Risicojongeren"
    assert row_label("top_x") == "Top X"
    assert row_label(None) == "Onbekend"
    assert row_label(3) == "#3"
    assert row_label(3, {3: "Gemeente Zwolle"}) == "Gemeente Zwolle"


def test_rows_for_export() -> None:
    table = suppress(
        count_table(
            Dimension.municipality,
            [("admitted", "Toegelaten"), ("not_admitted", "-Niet toegelaten")],
            [1, 2, None],
            [[10, 3], [7, 9], [0, 0]],
        )
    )
    names = {1: '=HYPERLINK("https://example.org")', 2: "Zwolle"}
    assert rows_for_export(table, names) == [
        ["Gemeente", "Toegelaten", "'-Niet toegelaten", "Totaal"],
        ['\'=HYPERLINK("https://example.org")', "x", "<5", 13],
        ["Zwolle", "x", "x", 16],
        ["Onbekend", 0, 0, 0],
        ["Totaal", 17, 12, 29],
    ]


def test_rows_for_export_by_target_group() -> None:
    table = suppress(
        count_table(
            Dimension.target_group,
            [("cases", "Casussen")],
            [TargetGroup.prolific_offenders, TargetGroup.top_x],
            [[12], [6]],
        )
    )
    assert rows_for_export(table) == [
        ["Doelgroep", "Casussen", "Totaal"],
        ["Veelplegers", 12, 12],
        ["Top X", 6, 6],
        ["Totaal", 18, 18],
    ]
