"""The demo's case conferences (issue #6): a weekly Regionale Casustafel with the cases that are
waiting on its next agenda, and one conference that was held, with minutes and a decision.

Made through the meeting services by the demo secretary and process director, so invitations,
the invited parties' access and the audit log are real (the invitation mails go to the console
backend). Only the held meeting's date is moved into the past afterwards: a service never plans
a meeting in the past. Idempotent: nothing is made when the weekly table exists.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.utils import timezone

from schakel.accounts.models import User
from schakel.accounts.selectors import actor_for
from schakel.audit.record import AuditContext
from schakel.cases.models import Case
from schakel.domain.workflow import Phase
from schakel.meetings import services
from schakel.meetings.models import Meeting
from schakel.parties.models import Party

WEEKLY_TITLE = "Regionale Casustafel IJsselland"
HELD_TITLE = "Regionale Casustafel IJsselland (vorige week)"


def _at(day_offset: int, hour: int) -> datetime:
    day = timezone.localdate() + timedelta(days=day_offset)
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def _data(title: str, start: datetime, users: dict[str, User]) -> services.MeetingInput:
    return services.MeetingInput(
        kind="conference",
        title=title,
        starts_at=start,
        ends_at=start + timedelta(hours=2, minutes=30),
        location="Zorg- en Veiligheidshuis IJsselland, Zwolle",
        video_url="",
        chair_id=users["procesregisseur"].pk,
        secretary_id=users["secretaris"].pk,
    )


def build_meetings_demo(*, users: dict[str, User], parties: dict[str, Party]) -> bool:
    if Meeting.objects.filter(title=WEEKLY_TITLE).exists():
        return False
    ctx = AuditContext.system()
    secretary = actor_for(users["secretaris"])
    police, ggz = parties["politie-oost-nederland"], parties["dimence"]
    reclassering = parties["reclassering-nederland"]

    def add(meeting: Meeting, case: Case) -> int:
        return services.agenda_item_add(
            actor=secretary,
            ctx=ctx,
            meeting_id=meeting.pk,
            case_id=case.pk,
            goal="Richting van de aanpak bepalen en de procesregie beleggen.",
            decisions_needed="Een besluit van de casustafel; wie de procesregie voert.",
            themes="Wonen, verslaving, veiligheid in de wijk.",
        ).pk

    def invite(item_id: int, party: Party, why: str) -> None:
        services.invitation_add(
            actor=secretary, ctx=ctx, item_id=item_id, party_id=party.pk, justification=why
        )

    # One conference held last week: one case on it, minutes and the table's decision.
    held_case = Case.objects.filter(phase=Phase.case_conference).order_by("id").first()
    if held_case is not None:
        held = services.meeting_create(
            actor=secretary,
            ctx=ctx,
            data=_data(HELD_TITLE, timezone.now() + timedelta(minutes=5), users),
        )[0]
        item_id = add(held, held_case)
        invite(item_id, reclassering, "Reclassering houdt toezicht en is direct betrokken.")
        Meeting.objects.filter(pk=held.pk).update(
            starts_at=_at(-7, 9), ends_at=_at(-7, 11)
        )  # the demo's only rewrite of history: the meeting took place last week
        services.meeting_mark_held(actor=secretary, ctx=ctx, meeting_id=held.pk)
        services.minutes_save(
            actor=secretary,
            ctx=ctx,
            item_id=item_id,
            text="Reclassering licht het toezicht toe. Meerdere ketens zijn nodig; de tafel "
            "besluit dat het Zorg- en Veiligheidshuis de procesregie voert. Een MDO volgt.",
        )
        services.item_decide(
            actor=secretary,
            ctx=ctx,
            item_id=item_id,
            decision="process_direction_house",
            motivation="Meerdere ketens nodig (Bijlage 2, criterium 3); VHH voert regie.",
        )

    # The weekly table: the next four Tuesdays, the waiting cases on the first agenda.
    days = (1 - timezone.localdate().weekday()) % 7 or 7
    weekly = services.meeting_create(
        actor=secretary, ctx=ctx, data=_data(WEEKLY_TITLE, _at(days, 9), users), repeat_weeks=3
    )[0]
    waiting = Case.objects.filter(phase__in=[Phase.preparation, Phase.case_conference]).order_by(
        "phase", "id"
    )
    prepared = 0
    for case in waiting:
        item_id = add(weekly, case)
        if case.phase == Phase.case_conference:
            invite(item_id, reclassering, "Reclassering houdt toezicht en is direct betrokken.")
        elif prepared < 2:  # two new cases get their parties; the rest still wait for them
            invite(item_id, police, "De politie deed de meldingen en aangiftes (Art. 12.2e).")
            invite(item_id, ggz, "De betrokkene is in behandeling bij Dimence (Art. 12.2e).")
            prepared += 1
    return True
