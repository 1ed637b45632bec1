"""Counting a motion: the stored votes, attendance and written input as the domain's Motion
(Art. 5.4, 5.5, 7.1, 7.2), and what `decide` would say now."""

from __future__ import annotations

from schakel.domain.covenant import Body, Outcome, Vote, decide
from schakel.domain.covenant import Motion as DomainMotion
from schakel.governance.models import Motion
from schakel.governance.services._common import GovernanceRefused


def domain_motion(motion: Motion) -> DomainMotion:
    """The motion as `domain.covenant_votes.decide` sees it."""
    if motion.meeting is None:
        raise GovernanceRefused(["Zet het voorstel eerst op de agenda van een vergadering."])
    attendance = list(motion.meeting.attendance.select_related("member__user", "member__party"))
    labels: dict[int, str] = {}
    seen: set[str] = set()
    for row in attendance:
        label = str(row.member.user)
        if label in seen:
            label = f"{label} ({row.member_id})"
        seen.add(label)
        labels[row.member_id] = label
    members = {
        labels[row.member_id]: frozenset({row.member.party.name} if row.member.party else ())
        for row in attendance
    }
    absent = frozenset(labels[row.member_id] for row in attendance if not row.present)
    votes = {
        labels[v.member_id]: Vote(v.vote)
        for v in motion.votes.all()
        if v.member_id in labels and labels[v.member_id] not in absent
    }
    written = frozenset(
        labels[w.member_id]
        for w in motion.written_input.filter(received_on__isnull=False)
        if w.member_id in labels and labels[w.member_id] in absent
    )
    return DomainMotion(
        body=Body(motion.body),
        subject=motion.title,
        members=members,
        votes=votes,
        absent=absent,
        written_input=written,
        heard=frozenset(motion.heard.values_list("name", flat=True)),
        affects=frozenset(motion.affects.values_list("name", flat=True)),
        raises_contribution=motion.raises_contribution,
        changes_services=motion.changes_services,
    )


def motion_preview(motion: Motion) -> Outcome | None:
    """What `decide` would say now (for the screen); None when it cannot be counted yet."""
    try:
        return decide(domain_motion(motion))
    except GovernanceRefused:
        return None
