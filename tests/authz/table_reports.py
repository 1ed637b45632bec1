"""Rows for reporting (web /rapportage/, API /api/v1/indicators): figures, never case content.

Art. 11.3e: the manager reports to the steering group; both see the report and its exports,
the manager alone the finances and the report's notes. The process directors see the
dashboard of indicators (their own work), not the report. No one else sees figures.
"""

from __future__ import annotations

from typing import Any

from tests.authz.engine import Lit, Row
from tests.authz.world import World


def note_form(world: World, variant: str) -> dict[str, Any]:
    return {"text": "Meer aanmeldingen uit de wijk Holtenbroek."}


ROWS = [
    Row("reports:dashboard", get="ok ok 404 404 404 | ok ok 404 404 404 | away away login"),
    Row("reports:report", get="404 404 404 404 404 | ok ok 404 404 404 | away away login"),
    Row(
        "reports:report_note",
        get="404 404 404 404 404 | 405 404 404 404 404 | away away login",
        post="404 404 404 404 404 | ok 404 404 404 404 | away away login",
        body=note_form,
    ),
    Row("reports:report_pdf", get="404 404 404 404 404 | ok ok 404 404 404 | away away login"),
    Row("reports:report_xlsx", get="404 404 404 404 404 | ok ok 404 404 404 | away away login"),
    Row(
        "reports:table_export",
        args=(Lit("referrals"), Lit("csv")),
        get="404 404 404 404 404 | ok ok 404 404 404 | away away login",
    ),
    Row("reports:finances", get="404 404 404 404 404 | ok 404 404 404 404 | away away login"),
    Row("api:indicators", get="ok ok 404 404 404 | ok ok 404 404 404 | away away login"),
]
