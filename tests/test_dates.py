"""The builtin `date` filter (core/templatetags/dates.py) writes what Django's writes, for every
format the templates use, in Dutch and English, across daylight saving time (issue #9)."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.template.defaultfilters import date as djangos_date
from django.utils import timezone
from django.utils.translation import override

from schakel.core.templatetags.dates import date as fast_date

SRC = Path(__file__).resolve().parents[1] / "src" / "schakel"
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def _formats_in_templates() -> set[str]:
    found: set[str] = set()
    for path in SRC.rglob("*.html"):
        found |= set(re.findall(r"\|date:[\"']([^\"']*)[\"']", path.read_text()))
    return found


VALUES = [
    datetime(2026, 3, 29, 0, 59, tzinfo=UTC),  # the night the clocks go forward
    datetime(2026, 10, 25, 1, 30, tzinfo=UTC),  # and back
    datetime(2026, 12, 31, 23, 5, 9, tzinfo=UTC),  # a new year in Amsterdam
    datetime(2001, 4, 2, 7, 3),  # naive
    date(2001, 4, 12),
    date(1899, 1, 1),
    date(999, 5, 6),  # before year 1000: Django's own filter
    time(9, 5),
    None,
    "",
    "not a date",
]


def test_the_templates_formats_are_covered() -> None:
    formats = _formats_in_templates()
    assert {"d-m-Y", "d-m-Y H:i", "j F Y"} <= formats


@pytest.mark.parametrize("language", ["nl", "en"])
def test_same_text_as_djangos_filter(language: str) -> None:
    formats = _formats_in_templates() | {"d-m-Y H:i:s", "Y-m-d", "H:i", None}
    with override(language), timezone.override(AMSTERDAM):
        for value in VALUES:
            local = timezone.template_localtime(value)
            for fmt in formats:
                try:
                    expected = djangos_date(local, fmt)
                except TypeError:  # Django refuses a time format for a date; so do we
                    with pytest.raises(TypeError):
                        fast_date(local, fmt)
                    continue
                assert fast_date(local, fmt) == expected, (value, fmt)


def test_templates_use_it_and_convert_to_local_time_first() -> None:
    moment = datetime(2026, 12, 31, 23, 5, tzinfo=UTC)
    rendered = Template('{{ m|date:"d-m-Y H:i" }} {{ m|date:"j F Y" }}').render(
        Context({"m": moment})
    )
    with override("nl"):
        dutch = Template('{{ m|date:"j F Y" }}').render(Context({"m": moment}))
    assert rendered.startswith("01-01-2027 00:05 ")  # settings.TIME_ZONE is Amsterdam
    assert dutch == "1 januari 2027"
    used = Template('{{ m|date:"d-m-Y" }}').nodelist[0].filter_expression.filters[0][0]
    assert used is fast_date
