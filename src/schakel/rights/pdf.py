"""The access export as a PDF, rendered by WeasyPrint from HTML (as governance/pdf.py)."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string


def export_html(data: dict[str, Any]) -> str:
    return render_to_string("rights/export_pdf.html", {"data": data})


def _no_fetching(url: str, *args: object, **kwargs: object) -> dict[str, object]:
    # Everything is inline; refusing every URL keeps typed-in text (item content) inert.
    raise ValueError(f"De inzage haalt geen bronnen op ({url[:40]}).")


def export_pdf(data: dict[str, Any]) -> bytes:
    from weasyprint import HTML  # imported late: loading pango costs time at start-up

    pdf: bytes = HTML(string=export_html(data), url_fetcher=_no_fetching).write_pdf()
    return pdf
