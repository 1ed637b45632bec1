"""Demo requests by subjects (issue #5 part 5): an access request about to fall due, a
rectification routed to the providing party, and an erasure request refused with grounds.

Built through the services, like every other demo builder, so the audit log shows them too.
Idempotent: nothing is added once the demo house has a request.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from schakel.accounts.models import User
from schakel.accounts.selectors import actor_for
from schakel.audit.record import AuditContext
from schakel.cases.models import Case, CaseSubject, Subject
from schakel.demo.cases import REFERRERS
from schakel.domain.bsn import demo_bsn
from schakel.rights import services
from schakel.rights.models import SubjectRequest
from schakel.sharing import services as sharing
from schakel.sharing.models import InformationItem

# Demo case numbers (see demo/cases.py `_PLAN`): 26 and 30 are youth cases in execution with a
# family member, 37 is closed.
ACCESS_CASE, RECTIFICATION_CASE, ERASURE_CASE = 26, 30, 37


def _subject(n: int) -> Subject | None:
    return Subject.objects.filter(bsn=demo_bsn(n * 3)).order_by("id").first()


def _items(case: Case, users: dict[str, User], n: int, ctx: AuditContext) -> InformationItem:
    """Two items from two parties, so the export shows the grouping per providing party."""
    existing = InformationItem.objects.filter(case=case).order_by("id").first()
    if existing is not None:
        return existing
    referrer = REFERRERS[n % len(REFERRERS)]
    first = sharing.item_add(
        actor=actor_for(users[referrer]),
        ctx=ctx,
        case_id=case.pk,
        title="Signalen school en thuis",
        content="Sinds de zomer vrijwel niet op school; thuis veel spanning.",
        kind="fact",
        regime="avg",
    )
    pd = users["procesregisseur" if n % 3 else "procesregisseur2"]
    sharing.item_add(
        actor=actor_for(pd),
        ctx=ctx,
        case_id=case.pk,
        title="Samenvatting casustafel",
        content="Afgesproken: gezinscoach en begeleiding naar school.",
        kind="summary",
        regime="avg",
    )
    return first


def build_rights_demo(*, users: dict[str, User]) -> int:
    """Create the demo requests; returns how many were created."""
    if SubjectRequest.objects.exists():
        return 0
    ctx = AuditContext.system()
    coordinator = actor_for(users["infocoordinator"])
    officer = actor_for(users["privacy"])
    today = timezone.localdate()
    created = 0
    access = _subject(ACCESS_CASE)
    if access is not None:
        link = CaseSubject.objects.filter(subject=access).select_related("case").first()
        if link is not None:
            _items(link.case, users, ACCESS_CASE, ctx)
        # Received 25 days ago: the deadline is within a week (the register shows "bijna").
        services.request_record(
            actor=coordinator,
            ctx=ctx,
            subject_id=access.pk,
            kind="access",
            received_on=today - timedelta(days=25),
            description="Moeder belt namens haar zoon (16): wil weten wat het huis over hem "
            "heeft vastgelegd en wie dat heeft gezien.",
        )
        services.informing_record(
            actor=coordinator,
            ctx=ctx,
            subject_id=access.pk,
            state="informed",
            informed_on=today - timedelta(days=30),
            postponed_reason="",
            review_on=None,
        )
        created += 1
    wrong = _subject(RECTIFICATION_CASE)
    if wrong is not None:
        link = CaseSubject.objects.filter(subject=wrong).select_related("case").first()
        item = _items(link.case, users, RECTIFICATION_CASE, ctx) if link else None
        request = services.request_record(
            actor=coordinator,
            ctx=ctx,
            subject_id=wrong.pk,
            kind="rectification",
            received_on=today - timedelta(days=6),
            description="Het schoolverzuim klopt niet: zij zat in die periode in het ziekenhuis.",
        )
        if item is not None:
            services.rectification_route(
                actor=coordinator,
                ctx=ctx,
                request_id=request.pk,
                item_ids=[item.pk],
                question="Volgens betrokkene was het verzuim een ziekenhuisopname; klopt dat?",
            )
        created += 1
    erased = _subject(ERASURE_CASE)
    if erased is not None:
        request = services.request_record(
            actor=officer,
            ctx=ctx,
            subject_id=erased.pk,
            kind="erasure",
            received_on=today - timedelta(days=20),
            description="Wil dat alle gegevens worden verwijderd.",
        )
        services.request_decide(
            actor=officer,
            ctx=ctx,
            request_id=request.pk,
            outcome="refused",
            grounds="De casus is pas afgesloten; het privacyprotocol (art. 11) bewaart de inhoud "
            "zes maanden na afsluiting. Daarna verdwijnt hij vanzelf.",
        )
        created += 1
    return created
