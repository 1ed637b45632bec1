"""Periods as they appear in URLs and the API: ``2026`` (year), ``2026-Q1``, ``2026-03``."""

from __future__ import annotations

import re
from datetime import date

from schakel.domain.periods import Period, PeriodKind

# ASCII digits only: "¹" is a digit to str.isdigit() but not to int().
_YEAR = re.compile(r"^([0-9]{4})$")
_QUARTER = re.compile(r"^([0-9]{4})-Q([1-4])$", re.IGNORECASE)
_MONTH = re.compile(r"^([0-9]{4})-([0-9]{2})$")
_LEADING_YEAR = re.compile(r"^[0-9]{4}")


FIRST_YEAR, LAST_YEAR = 1990, 2100  # beyond these no house has figures (and 9999-12 would overflow)


def parse_period(text: str) -> Period | None:
    """The period a code names, or None when it names none (bad input is not an error here)."""
    text = (text or "").strip()
    if _LEADING_YEAR.match(text) and not FIRST_YEAR <= int(text[:4]) <= LAST_YEAR:
        return None
    try:
        if match := _YEAR.match(text):
            return Period(PeriodKind.year, date(int(match[1]), 1, 1))
        if match := _QUARTER.match(text):
            return Period(PeriodKind.quarter, date(int(match[1]), (int(match[2]) - 1) * 3 + 1, 1))
        if match := _MONTH.match(text):
            return Period(PeriodKind.month, date(int(match[1]), int(match[2]), 1))
    except ValueError:  # month 13, year 0
        return None
    return None


def period_code(period: Period) -> str:
    if period.kind is PeriodKind.year:
        return str(period.start.year)
    if period.kind is PeriodKind.quarter:
        return f"{period.start.year}-Q{(period.start.month - 1) // 3 + 1}"
    return f"{period.start.year}-{period.start.month:02d}"


def default_period(kind: PeriodKind, today: date) -> Period:
    """The last complete period of ``kind`` before ``today``: what a report is usually about."""
    return Period.from_date(kind, today).previous()
