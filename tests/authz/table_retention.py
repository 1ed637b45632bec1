"""Rows for retention (web /privacy/bewaartermijnen/, AVG Art. 5.1e): the overview, the
deletion receipts and legal holds are the privacy officer's; the schedule is also the
functional administrator's (retention_policy)."""

from __future__ import annotations

from typing import Any

from tests.authz.engine import Row
from tests.authz.world import World

TAIL = "away away login"  # left the covenant, never joined, anonymous
FG = f"404 404 404 404 404 | 404 404 404 404 ok | {TAIL}"
FG_EMPTY = f"404 404 404 404 404 | 404 404 404 404 400 | {TAIL}"
SCHEDULE = f"404 404 404 404 404 | 404 404 404 ok ok | {TAIL}"
SCHEDULE_EMPTY = f"404 404 404 404 404 | 404 404 404 400 400 | {TAIL}"


def empty(world: World, variant: str) -> dict[str, Any]:
    return {}


ROWS = [
    Row("retention:overview", get=FG),
    Row("retention:receipts", get=FG),
    Row("retention:receipts_csv", get=FG),
    Row("retention:schedule", get=SCHEDULE),
    Row("retention:rule_edit", args=("rule_code",), get=SCHEDULE, post=SCHEDULE_EMPTY, body=empty),
    Row("retention:hold_place", get=FG, post=FG_EMPTY, body=empty),
    Row("retention:hold_lift", args=("hold",), get=FG, post=FG_EMPTY, body=empty),
]
