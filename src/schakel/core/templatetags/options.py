"""`{{ choices|options }}`: the <option> elements of a filter's <select>, built in one go.

A list's filters carry ~75 options; rendered node by node they cost a large share of the
page (issue #9). `format_html_join` escapes every value and label as the template would."""

from __future__ import annotations

from collections.abc import Iterable

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import SafeString

register = template.Library()


@register.filter
def options(choices: Iterable[tuple[str, str, bool]]) -> SafeString:
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((value, " selected" if selected else "", label) for value, label, selected in choices),
    )
