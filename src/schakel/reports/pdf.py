"""The report to the steering group as PDF, rendered by WeasyPrint from the same partials and
the same SVG charts as the page."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.template.loader import render_to_string


def report_html(context: dict[str, Any]) -> str:
    return render_to_string(
        "reports/report_pdf.html", {**context, "house_name": settings.SCHAKEL_HOUSE_NAME}
    )


def _no_fetching(url: str, *args: object, **kwargs: object) -> dict[str, object]:
    # Everything is inline (CSS, SVG); refusing every URL keeps typed-in text inert.
    raise ValueError(f"De rapportage haalt geen bronnen op ({url[:40]}).")


def report_pdf(context: dict[str, Any]) -> bytes:
    from weasyprint import HTML  # imported late: loading pango costs time at start-up

    pdf: bytes = HTML(string=report_html(context), url_fetcher=_no_fetching).write_pdf()
    return pdf
