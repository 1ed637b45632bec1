"""Break-the-glass (issue #4 item 5): a process director opens a case they do not direct.

Only with a written reason, for a limited time (SCHAKEL_EMERGENCY_ACCESS_HOURS), logged and
reported at once to the privacy officer(s) and the case's own process director; the privacy
officer reviews every grant in her "Noodtoegang" overview. The grant is a fact for the policy
(`CaseRelation.emergency_access`), and `cases.selectors.case_visibility_q` includes running
grants, so the case page, the items and the lists all follow from it. Every read under a grant
is logged with the ground ``break_the_glass``.

A case that does not exist and one the director may open look the same until a valid reason is
given; then the form says "no such case". Only process directors (house staff, who before this
rule could open every case) reach that answer, so it tells nothing to a partner.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from schakel.accounts.models import User
from schakel.audit import record as audit
from schakel.audit.record import AuditContext, subject_pseudonym
from schakel.cases.errors import CaseForbidden, CaseNotFound, InvalidInput
from schakel.cases.models import Case, CaseSubject
from schakel.cases.selectors import relation_for
from schakel.domain.actor import Actor
from schakel.domain.policy import CaseAction, decide, may_read_access_log
from schakel.domain.roles import Role
from schakel.sharing.models import EmergencyAccess

MIN_REASON_LENGTH = 30
PURPOSE_OVERVIEW = "AVG Art. 39 toezicht FG op noodtoegang"


def may_break_the_glass(actor: Actor) -> bool:
    """Only a process director of an active party may ask (issue #4 item 5)."""
    return actor.party_active and actor.has(Role.process_director)


@dataclass(frozen=True)
class Opened:
    case: Case
    grant: EmergencyAccess | None  # None: the director could already open the case


def _refuse(ctx: AuditContext, actor: Actor, target: str, code: str) -> CaseNotFound:
    audit.access_denied(
        ctx, actor=actor, object_type="emergency_access", object_id=target[:64], purpose=code
    )
    return CaseNotFound()


def emergency_access_open(
    *, actor: Actor, ctx: AuditContext, case_number: str, reason: str
) -> Opened:
    """Open a case under break-the-glass: validate, grant, log, notify (one transaction)."""
    if not may_break_the_glass(actor):
        raise _refuse(ctx, actor, case_number or "-", "not_process_director")
    number = (case_number or "").strip().upper()
    reason = (reason or "").strip()
    errors: dict[str, list[str]] = {}
    if not number:
        errors["case_number"] = [_("Give the case number.")]
    if len(reason) < MIN_REASON_LENGTH:
        errors["reason"] = [
            _(
                "Explain in at least %(n)d characters why you need this case now and cannot "
                "wait for its process director."
            )
            % {"n": MIN_REASON_LENGTH}
        ]
    if errors:
        # Before the reason is valid, an existing and a missing case look the same.
        raise InvalidInput(errors)
    case = Case.objects.filter(number=number).prefetch_related("parties").first()
    if case is None:
        audit.access_denied(
            ctx, actor=actor, object_type="case", object_id=number[:64], purpose="break_the_glass"
        )
        raise InvalidInput({"case_number": [_("There is no case with this number.")]})
    if decide(actor, relation_for(actor, case), CaseAction.read).allowed:
        return Opened(case=case, grant=None)
    hours = settings.SCHAKEL_EMERGENCY_ACCESS_HOURS
    now = timezone.now()
    with transaction.atomic():
        grant = EmergencyAccess.objects.create(
            case=case,
            user_id=actor.user_id,
            reason=reason,
            granted_at=now,
            expires_at=now + timedelta(hours=hours),
        )
        digest = hashlib.sha256(reason.encode()).hexdigest()
        subjects: list[int | None] = list(
            CaseSubject.objects.filter(case=case).values_list("subject_id", flat=True)
        )
        for subject_id in subjects or [None]:
            audit.emergency_access_granted(
                ctx,
                actor=actor,
                grant_id=grant.pk,
                hours=hours,
                reason_digest=digest,
                subject_pseudonym=subject_pseudonym(subject_id) if subject_id else "",
            )
        transaction.on_commit(lambda: _notify(grant.pk))
    return Opened(case=case, grant=grant)


def _privacy_officers() -> QuerySet[User]:
    return User.objects.filter(
        is_active=True, role_assignments__role=Role.privacy_officer.value
    ).distinct()


def _notify(grant_id: int) -> None:
    """Mail the privacy officer(s) and the case's process director. The mail names the case,
    the director and the time, never the reason (it may describe the person; it is read in
    Schakel, where that read is logged)."""
    grant = (
        EmergencyAccess.objects.select_related("case", "case__process_director", "user")
        .filter(pk=grant_id)
        .first()
    )
    if grant is None:  # pragma: no cover - deleted in between
        return
    to = [u.email for u in _privacy_officers() if u.email]
    director = grant.case.process_director
    if director is not None and director.pk != grant.user_id and director.email:
        to.append(director.email)
    if not to:
        return
    zone = timezone.get_current_timezone()
    values = {
        "number": grant.case.number,
        "who": grant.user.get_full_name() or grant.user.username,
        "when": grant.granted_at.astimezone(zone).strftime("%d-%m-%Y %H:%M"),
        "until": grant.expires_at.astimezone(zone).strftime("%d-%m-%Y %H:%M"),
        "url": settings.SCHAKEL_BASE_URL + reverse("sharing:emergency_overview"),
    }
    send_mail(
        _("Emergency access to case %(number)s") % values,
        _(
            "%(who)s opened case %(number)s under emergency access (break-the-glass) on "
            "%(when)s, until %(until)s.\n\nThe reason and the review are in Schakel: %(url)s"
        )
        % values,
        settings.DEFAULT_FROM_EMAIL,
        sorted(set(to)),
        fail_silently=True,
    )


def emergency_access_review(
    *, actor: Actor, ctx: AuditContext, grant_id: int, remark: str
) -> EmergencyAccess:
    """The privacy officer marks a grant reviewed, with a remark (AVG Art. 39)."""
    if not may_read_access_log(actor):
        raise _refuse(ctx, actor, str(grant_id), "not_privacy_officer")
    remark = (remark or "").strip()
    with transaction.atomic():
        grant = EmergencyAccess.objects.select_for_update().filter(pk=grant_id).first()
        if grant is None:
            raise CaseNotFound()
        if grant.reviewed_at is not None:
            raise CaseForbidden(_("This emergency access has already been reviewed."), "reviewed")
        if not remark:
            raise InvalidInput({"remark": [_("Write down your finding.")]})
        grant.reviewed_by_id = actor.user_id
        grant.reviewed_at = timezone.now()
        grant.review_remark = remark
        grant.save(update_fields=["reviewed_by", "reviewed_at", "review_remark"])
        audit.emergency_access_reviewed(ctx, actor=actor, grant_id=grant.pk)
    return grant


@dataclass
class GrantPage:
    grants: list[EmergencyAccess]
    next_before: int | None


def emergency_overview(
    *,
    actor: Actor,
    ctx: AuditContext,
    open_only: bool = True,
    before: int | None = None,
    limit: int = 50,
) -> GrantPage | None:
    """The privacy officer's "Noodtoegang" list (who, when, why, which case), newest first,
    keyset on id. The reasons may name people: her read is logged, one event per page."""
    if not may_read_access_log(actor):
        audit.access_denied(
            ctx, actor=actor, object_type="emergency_access", object_id="overview", purpose="read"
        )
        return None
    qs = EmergencyAccess.objects.select_related("case", "user", "user__party", "reviewed_by")
    if open_only:
        qs = qs.filter(reviewed_at__isnull=True)
    if before:
        qs = qs.filter(id__lt=before)
    grants = list(qs.order_by("-id")[: limit + 1])
    next_before = None
    if len(grants) > limit:
        grants = grants[:limit]
        next_before = grants[-1].pk
    audit.record_read(
        ctx,
        actor=actor,
        object_type="emergency_access_overview",
        object_id=f"{grants[0].pk}-{grants[-1].pk}" if grants else "empty",
        purpose=PURPOSE_OVERVIEW,
    )
    return GrantPage(grants=grants, next_before=next_before)


def running_grant(*, actor: Actor, case_id: int) -> EmergencyAccess | None:
    """The actor's running grant for a case (the case page shows until when it lasts)."""
    if not may_break_the_glass(actor):
        return None
    return (
        EmergencyAccess.objects.filter(
            case_id=case_id,
            user_id=actor.user_id,
            expires_at__gt=timezone.now(),
            ended_at__isnull=True,
        )
        .order_by("-expires_at")
        .first()
    )
