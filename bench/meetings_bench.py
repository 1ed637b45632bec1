"""The agenda page of a regional case conference with 30 items (issue #6): Schakel's own
request next to the bare SQL that returns the same rows. The meeting is built directly on the
generated house (setup, not measured); the page reads it through the selectors and the policy.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from bench.cases_bench import _bare, _client, _get, _measure
from schakel.accounts.models import User
from schakel.cases.models import Case
from schakel.meetings.models import AgendaItem, Invitation, Meeting, MeetingKind, Minutes
from schakel.parties.models import Party

ITEMS = 30
T = {m.__name__: m._meta.db_table for m in (Meeting, AgendaItem, Invitation, Minutes, Case, Party)}


def _conference(director: User) -> Meeting:
    now = timezone.now()
    meeting = Meeting.objects.create(
        kind=MeetingKind.conference,
        title="Regionale Casustafel (bench)",
        starts_at=now + timedelta(days=1),
        ends_at=now + timedelta(days=1, hours=3),
        location="Zwolle",
        chair=director,
        secretary=director,
        created_by=director,
        created_at=now,
        updated_at=now,
    )
    parties = list(Party.objects.exclude(kind="house").order_by("id")[:3])
    for position, case in enumerate(Case.objects.order_by("-id")[:ITEMS], start=1):
        item = AgendaItem.objects.create(
            meeting=meeting,
            case=case,
            position=position,
            goal="Richting en procesregie bepalen.",
            decisions_needed="Wie voert de procesregie?",
            themes="Wonen, verslaving.",
            added_by=director,
            added_at=now,
        )
        for party in parties[: 1 + position % 3]:
            Invitation.objects.create(
                item=item,
                party=party,
                justification="Rechtstreeks betrokken (Art. 12.2e).",
                invited_by=director,
                invited_at=now,
            )
        Minutes.objects.create(item=item, text="Besproken.", written_by=director, updated_at=now)
    return meeting


def run(*, samples: int) -> dict[str, dict[str, Any]]:
    results: dict[str, dict[str, Any]] = {}
    director = User.objects.get(username="gen-pr-00")
    meeting = _conference(director)
    items = (
        f"SELECT i.*, c.number, m.text FROM {T['AgendaItem']} i "
        f"JOIN {T['Case']} c ON c.id = i.case_id "
        f"LEFT JOIN {T['Minutes']} m ON m.item_id = i.id "
        f"WHERE i.meeting_id = {meeting.pk} ORDER BY i.position, i.id"
    )
    invitations = (
        f"SELECT v.*, p.name FROM {T['Invitation']} v JOIN {T['Party']} p ON p.id = v.party_id "
        f"JOIN {T['AgendaItem']} i ON i.id = v.item_id WHERE i.meeting_id = {meeting.pk} "
        "AND v.removed_at IS NULL ORDER BY v.id"
    )
    head = f"SELECT * FROM {T['Meeting']} WHERE id = {meeting.pk}"
    _measure(
        f"conference agenda ({ITEMS} items)",
        results,
        _get(_client(director), lambda: f"/overleggen/{meeting.pk}/"),
        _bare(lambda: [(head, []), (items, []), (invitations, [])]),
        samples,
    )
    return results
