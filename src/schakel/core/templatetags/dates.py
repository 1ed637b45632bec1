"""The `date` filter, with a fast path for the purely numeric formats (issue #9).

Django's `date` filter builds a `DateFormat` and looks up every format character through it
(~20 µs a value); a case page prints some thirty dates as "d-m-Y" or "d-m-Y H:i". Those
formats carry no month or day names, so they read the same in every language and
`strftime` writes them exactly. This library is a template builtin (settings.TEMPLATES), so
it takes the name `date` from Django's filter everywhere; every other format, and every value
that is not a `date` or `datetime` from year 1000 on, goes to Django's own filter unchanged.
`tests/test_dates.py` holds the two equal for the formats the templates use.
"""

from __future__ import annotations

from datetime import date as Date
from datetime import datetime as DateTime
from typing import Any

from django import template
from django.template.defaultfilters import date as djangos_date

register = template.Library()

# Django's format characters -> strftime's, for the formats without names in them.
_NUMERIC = {
    "d-m-Y": "%d-%m-%Y",
    "d-m-Y H:i": "%d-%m-%Y %H:%M",
    "d-m-Y H:i:s": "%d-%m-%Y %H:%M:%S",
    "Y-m-d": "%Y-%m-%d",
    "H:i": "%H:%M",
}
_WITH_TIME = frozenset({"d-m-Y H:i", "d-m-Y H:i:s", "H:i"})


@register.filter(expects_localtime=True, is_safe=False)
def date(value: Any, arg: str | None = None) -> str:
    pattern = _NUMERIC.get(arg) if arg else None
    kind = type(value)
    if (
        pattern is not None
        and (kind is DateTime or (kind is Date and arg not in _WITH_TIME))
        and value.year >= 1000  # strftime does not pad a year to four digits
    ):
        return str(value.strftime(pattern))
    return str(djangos_date(value, arg))
