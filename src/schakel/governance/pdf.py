"""Annex 1 (Bijlage 1, "Toetredingsformulier") as a PDF, rendered by WeasyPrint from HTML."""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string

from schakel.governance.models import JoinRequest


def annex1_html(join: JoinRequest) -> str:
    return render_to_string(
        "governance/annex1.html", {"join": join, "house_name": settings.SCHAKEL_HOUSE_NAME}
    )


def _no_fetching(url: str, *args: object, **kwargs: object) -> dict[str, object]:
    # The form needs nothing from outside; refusing every URL keeps typed-in details inert.
    raise ValueError(f"Bijlage 1 haalt geen bronnen op ({url[:40]}).")


def annex1_pdf(join: JoinRequest) -> bytes:
    from weasyprint import HTML  # imported late: loading pango costs time at start-up

    # No base_url and no external resources: the template carries its own CSS.
    pdf: bytes = HTML(string=annex1_html(join), url_fetcher=_no_fetching).write_pdf()
    return pdf
