"""Rows for the covenant's own governance (web /bestuur/, API /api/v1/governance).

No case content here: the relation that matters is the body a person sits in (Art. 4-7) and
their party (consent to a join request, notice). The objects are the ones of
tests/governance/test_gov_matrix.py, built with the same services (world._governance).
"""

from __future__ import annotations

from typing import Any

from tests.authz.engine import Row
from tests.authz.world import World


def empty(world: World, variant: str) -> dict[str, Any]:
    """An empty body shows who gets past the gate: the API validates first (400), the web
    forms come back with their errors (200 here, where other apps answer 400)."""
    return {}


TAIL = "away away login"  # left the covenant, never joined, anonymous
# Art. 4-7, 11: the manager (secretary of the bodies), the steering group and the core group
# see the covenant's governance; house staff who work on cases and the privacy officer do not.
# A partner delegate sees what concerns their own party (join requests it consents to, its
# notice); the functional administrator keeps the seats (Art. 4.3, 6.3, 6.5).
BODIES = f"404 404 404 404 404 | ok ok ok 404 404 | {TAIL}"
STEERING = f"404 404 404 404 404 | ok ok 404 404 404 | {TAIL}"  # Art. 5.9: its members only
OWN_PARTY = f"404 404 404 404 ok | ok ok ok 404 404 | {TAIL}"
SEATS = f"404 404 404 404 404 | ok 404 404 ok 404 | {TAIL}"

ROWS = [
    Row("governance:index", get=f"404 404 404 404 ok | ok ok ok ok 404 | {TAIL}"),
    Row(
        "governance:register",
        get=f"404 404 404 404 404 | ok ok ok ok 404 | {TAIL}",
        post=f"404 404 404 404 404 | 200 403 403 200 404 | {TAIL}",
        body=empty,
    ),
    # Art. 22: only the manager drafts an amendment; other governance roles see it is not theirs.
    Row(
        "governance:amendment_new",
        get=f"404 404 404 404 403 | ok 403 403 403 404 | {TAIL}",
        post=f"404 404 404 404 403 | 200 403 403 403 404 | {TAIL}",
        body=empty,
    ),
    Row(
        "governance:join_requests",
        get=BODIES,
        post=f"404 404 404 404 404 | 200 200 200 404 404 | {TAIL}",
        body=empty,
    ),
    Row(
        "governance:join_request",
        args=("join",),
        get=OWN_PARTY,
        post=f"404 404 404 404 200 | 200 200 200 404 404 | {TAIL}",
        body=empty,
    ),
    Row("governance:annex1", args=("join",), get=BODIES),
    Row(
        "governance:notices",
        get=OWN_PARTY,
        post=f"404 404 404 404 200 | 200 200 200 404 404 | {TAIL}",
        body=empty,
    ),
    Row(
        "governance:meetings",
        get=BODIES,
        post=f"404 404 404 404 403 | 200 403 403 403 404 | {TAIL}",
        body=empty,
    ),
    Row(
        "governance:meeting_detail",
        args=("meeting",),
        get=STEERING,
        post=f"404 404 404 404 404 | 200 403 404 404 404 | {TAIL}",
        body=empty,
    ),
    Row("governance:meeting_document", args=("meeting", "doc"), get=STEERING),
    Row(
        "governance:motion_detail",
        args=("motion",),
        get=STEERING,
        post=f"404 404 404 404 404 | 200 200 404 404 404 | {TAIL}",
        body=empty,
    ),
    Row("governance:decisions", get=BODIES),
    Row("governance:annual_plans", get=BODIES),
    Row(
        "governance:annual_plan",
        args=("year",),
        get=BODIES,
        post=f"404 404 404 404 404 | 200 403 403 404 404 | {TAIL}",
        body=empty,
    ),
    Row(
        "governance:seats",
        get=SEATS,
        post=f"404 404 404 404 404 | 200 404 404 200 404 | {TAIL}",
        body=empty,
    ),
    Row(
        "governance:seat_end",
        args=("seat",),
        get=SEATS,
        post=f"404 404 404 404 404 | 200 404 404 200 404 | {TAIL}",
        body=empty,
    ),
    Row("api:gov_join_requests", get="404 404 404 404 404 | ok ok ok 404 404 | away away login"),
    Row(
        "api:gov_join_request",
        args=("join",),
        get="404 404 404 404 ok | ok ok ok 404 404 | away away login",
    ),
    Row(
        "api:gov_join_consents",
        args=("join",),
        get="405 405 405 405 405 | 405 405 405 405 405 | away away login",
        post="404 404 404 404 400 | 400 400 400 404 404 | away away login",
        body=empty,
    ),
    Row("api:gov_notices", get="404 404 404 404 ok | ok ok ok 404 404 | away away login"),
    Row(
        "api:gov_withdrawals",
        get="405 405 405 405 405 | 405 405 405 405 405 | away away login",
        post="403 403 403 403 400 | 400 400 400 403 403 | away away login",
        body=empty,
    ),
    Row(
        "api:gov_exclusions",
        get="405 405 405 405 405 | 405 405 405 405 405 | away away login",
        post="404 404 404 404 404 | 400 404 404 404 404 | away away login",
        body=empty,
    ),
    Row(
        "api:gov_exclusion_default",
        args=("exclusion",),
        get="405 405 405 405 405 | 405 405 405 405 405 | away away login",
        post="404 404 404 404 404 | 400 404 404 404 404 | away away login",
        body=empty,
    ),
    Row(
        "api:gov_exclusion_hearing",
        args=("exclusion",),
        get="405 405 405 405 405 | 405 405 405 405 405 | away away login",
        post="404 404 404 404 404 | 400 404 404 404 404 | away away login",
        body=empty,
    ),
    Row(
        "api:gov_exclusion_decision",
        args=("exclusion",),
        get="405 405 405 405 405 | 405 405 405 405 405 | away away login",
        post="404 404 404 404 404 | 200 404 404 404 404 | away away login",
        body=empty,
    ),
    Row(
        "api:gov_meetings",
        get="ok ok ok ok ok | ok ok ok ok ok | away away login",
        post="403 403 403 403 403 | 400 403 403 403 403 | away away login",
        body=empty,
    ),
    Row(
        "api:gov_agenda_items",
        args=("meeting",),
        get="405 405 405 405 405 | 405 405 405 405 405 | away away login",
        post="404 404 404 404 404 | 400 403 404 404 404 | away away login",
        body=empty,
    ),
    Row(
        "api:gov_attendance",
        args=("meeting",),
        get="405 405 405 405 405 | 405 405 405 405 405 | away away login",
        post="404 404 404 404 404 | 400 403 404 404 404 | away away login",
        body=empty,
        method="put",
    ),
    Row(
        "api:gov_minutes",
        args=("meeting",),
        get="405 405 405 405 405 | 405 405 405 405 405 | away away login",
        post="404 404 404 404 404 | 400 403 404 404 404 | away away login",
        body=empty,
        method="put",
    ),
    Row(
        "api:gov_minutes_distribution",
        args=("meeting",),
        get="405 405 405 405 405 | 405 405 405 405 405 | away away login",
        post="404 404 404 404 404 | 409 403 404 404 404 | away away login",
        body=empty,
    ),
    Row(
        "api:gov_motion",
        args=("motion",),
        get="404 404 404 404 404 | ok ok 404 404 404 | away away login",
    ),
    Row(
        "api:gov_votes",
        args=("motion",),
        get="405 405 405 405 405 | 405 405 405 405 405 | away away login",
        post="404 404 404 404 404 | 400 400 404 404 404 | away away login",
        body=empty,
    ),
    Row(
        "api:gov_decision",
        args=("motion",),
        get="405 405 405 405 405 | 405 405 405 405 405 | away away login",
        post="404 404 404 404 404 | 409 403 404 404 404 | away away login",
        body=empty,
    ),
    Row("api:gov_decisions", get="404 404 404 404 404 | ok ok ok 404 404 | away away login"),
    Row(
        "api:gov_escalation_outcome",
        args=("escalation",),
        get="405 405 405 405 405 | 405 405 405 405 405 | away away login",
        post="404 404 404 404 404 | 400 403 404 404 404 | away away login",
        body=empty,
    ),
    Row("api:gov_covenants", get="404 404 404 404 404 | ok ok ok ok 404 | away away login"),
    Row(
        "api:gov_amendments",
        get="404 404 404 404 404 | ok ok ok ok 404 | away away login",
        post="403 403 403 403 403 | 400 403 403 403 403 | away away login",
        body=empty,
    ),
    Row(
        "api:gov_amendment_proposal",
        args=("amendment",),
        get="405 405 405 405 405 | 405 405 405 405 405 | away away login",
        post="404 404 404 404 404 | 400 403 403 403 404 | away away login",
        body=empty,
    ),
    Row(
        "api:gov_amendment_adoption",
        args=("amendment",),
        get="405 405 405 405 405 | 405 405 405 405 405 | away away login",
        post="404 404 404 404 404 | 409 403 403 403 404 | away away login",
        body=empty,
    ),
    Row(
        "api:gov_amendment_signatures",
        args=("amendment",),
        get="405 405 405 405 405 | 405 405 405 405 405 | away away login",
        post="404 404 404 404 404 | 400 403 403 400 404 | away away login",
        body=empty,
    ),
    Row(
        "api:gov_annual_plans",
        get="ok ok ok ok ok | ok ok ok ok ok | away away login",
        post="403 403 403 403 403 | 400 403 403 403 403 | away away login",
        body=empty,
    ),
    Row(
        "api:gov_annual_plan_proposal",
        args=("year",),
        get="405 405 405 405 405 | 405 405 405 405 405 | away away login",
        post="404 404 404 404 404 | 400 404 404 404 404 | away away login",
        body=empty,
    ),
    Row(
        "api:gov_annual_plan_adoption",
        args=("year",),
        get="405 405 405 405 405 | 405 405 405 405 405 | away away login",
        post="404 404 404 404 404 | 409 404 404 404 404 | away away login",
        body=empty,
    ),
    Row(
        "api:gov_annual_plan_sending",
        args=("year",),
        get="405 405 405 405 405 | 405 405 405 405 405 | away away login",
        post="404 404 404 404 404 | 409 404 404 404 404 | away away login",
        body=empty,
    ),
    Row(
        "api:gov_seats",
        get="404 404 404 404 404 | ok 404 404 ok 404 | away away login",
        post="404 404 404 404 404 | 400 404 404 400 404 | away away login",
        body=empty,
    ),
    Row(
        "api:gov_seat_end",
        args=("seat",),
        get="405 405 405 405 405 | 405 405 405 405 405 | away away login",
        post="404 404 404 404 404 | 400 404 404 400 404 | away away login",
        body=empty,
    ),
]
