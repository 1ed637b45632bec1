"""The printable agenda and the minutes of one item as PDF, rendered by WeasyPrint; both are
marked "Vertrouwelijk" (Art. 18.1) and fetch nothing from outside."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone


def _no_fetching(url: str, *args: object, **kwargs: object) -> dict[str, object]:
    # Everything is inline; refusing every URL keeps typed-in text inert.
    raise ValueError(f"Het overleg haalt geen bronnen op ({url[:40]}).")


def _render(template: str, context: dict[str, Any]) -> bytes:
    from weasyprint import HTML  # imported late: loading pango costs time at start-up

    html = render_to_string(
        template,
        {**context, "house_name": settings.SCHAKEL_HOUSE_NAME, "made_at": timezone.now()},
    )
    pdf: bytes = HTML(string=html, url_fetcher=_no_fetching).write_pdf()
    return pdf


def agenda_pdf(context: dict[str, Any]) -> bytes:
    return _render("meetings/agenda_pdf.html", context)


def minutes_pdf(context: dict[str, Any]) -> bytes:
    return _render("meetings/minutes_pdf.html", context)
