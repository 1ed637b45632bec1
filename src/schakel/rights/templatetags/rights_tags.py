"""Template filters for the access export PDF (the JSON keeps ISO 8601)."""

from __future__ import annotations

from datetime import date, datetime

from django import template

register = template.Library()


@register.filter
def nl_date(value: str | None) -> str:
    """'2026-11-29' -> '29-11-2026'; '2026-11-29T13:22:21+01:00' -> '29-11-2026 13:22'."""
    if not value:
        return ""
    try:
        if "T" in value:
            return datetime.fromisoformat(value).strftime("%d-%m-%Y %H:%M")
        return date.fromisoformat(value).strftime("%d-%m-%Y")
    except ValueError:
        return value
