"""Calendar periods for management information (Art. 11.3e): a month, quarter or year.

Every indicator is counted over a `Period`; `periods_between` lists them for a trend.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from types import MappingProxyType


class PeriodKind(StrEnum):
    month = "month"
    quarter = "quarter"
    year = "year"


_MONTHS: Mapping[PeriodKind, int] = MappingProxyType(
    {PeriodKind.month: 1, PeriodKind.quarter: 3, PeriodKind.year: 12}
)
MONTH_NAMES_NL = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip


def _add_months(first_of_month: date, months: int) -> date:
    index = first_of_month.year * 12 + first_of_month.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True, order=True)
class Period:
    """A calendar month, quarter or year; `start` is its first day, `end` the day after it."""

    kind: PeriodKind
    start: date

    def __post_init__(self) -> None:
        if isinstance(self.start, datetime):
            raise TypeError("Period.start is a date, not a datetime")
        if self.start.day != 1 or (self.start.month - 1) % _MONTHS[self.kind]:
            raise ValueError(f"{self.start} does not start a {self.kind}")

    @classmethod
    def from_date(cls, kind: PeriodKind, day: date) -> Period:
        step = _MONTHS[kind]
        return cls(kind, date(day.year, (day.month - 1) // step * step + 1, 1))

    @property
    def end(self) -> date:
        """Exclusive: the first day of the next period."""
        return _add_months(self.start, _MONTHS[self.kind])

    @property
    def last_day(self) -> date:
        return self.end - timedelta(days=1)

    def next(self) -> Period:
        return Period(self.kind, self.end)

    def previous(self) -> Period:
        return Period(self.kind, _add_months(self.start, -_MONTHS[self.kind]))

    def __contains__(self, day: object) -> bool:
        if isinstance(day, datetime):
            day = day.date()
        return isinstance(day, date) and self.start <= day < self.end

    @property
    def label_nl(self) -> str:
        if self.kind is PeriodKind.month:
            return f"{MONTH_NAMES_NL[self.start.month - 1]} {self.start.year}"
        if self.kind is PeriodKind.quarter:
            return f"Q{(self.start.month - 1) // 3 + 1} {self.start.year}"
        return str(self.start.year)


def periods_between(kind: PeriodKind, first: date, last: date) -> tuple[Period, ...]:
    """The periods of `kind` that overlap ``first..last`` (both inclusive), oldest first."""
    found: list[Period] = []
    period = Period.from_date(kind, first)
    while period.start <= last:
        found.append(period)
        period = period.next()
    return tuple(found)
