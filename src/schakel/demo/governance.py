"""Governance records of the demo house (SCENARIOS.md, Governance), built through the services.

Idempotent: once the bodies have members, nothing is added again.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from schakel.accounts.models import User
from schakel.accounts.selectors import actor_for
from schakel.domain.covenant import Body, CoreRole, Vote
from schakel.domain.parties import PartyDomain, PartyKind
from schakel.governance import services
from schakel.governance.models import BodyMember, Motion
from schakel.governance.selectors import member_parties
from schakel.parties.models import Party
from schakel.parties.selectors import covenant_current

# The one party whose answer to the join request has not arrived (37 of 38 agreed).
SILENT_PARTY = "stichting-de-kern"


def build_governance_demo() -> bool:
    """Add the demo's bodies, meetings, annual plan and join request; False if already there."""
    if BodyMember.objects.exists():
        return False
    covenant = covenant_current()
    users = {u.username: u for u in User.objects.select_related("party")}
    if covenant is None or "manager" not in users:
        return False
    manager = actor_for(users["manager"])
    today = timezone.localdate()
    since = covenant.signed_on
    sg, cg = Body.STEERING_GROUP, Body.CORE_GROUP

    def seat(body: Body, username: str, **kwargs: object) -> BodyMember:
        user = users[username]
        return services.body_member_add(
            actor=manager,
            body=body,
            user=user,
            since=since,
            party=None if user.party.kind == PartyKind.house else user.party,
            **kwargs,  # type: ignore[arg-type]
        )

    # Art. 4.3: the chair (mayor of Zwolle) and the director of Veilig Thuis.
    chair = seat(sg, "burgemeester", seat="Voorzitter, burgemeester van Zwolle")
    seat(sg, "directeur.vt", seat="Directeur Veilig Thuis IJsselland")
    # Art. 6.3, 6.5: the manager, a core partner's delegate, a mandated municipal delegate.
    seat(cg, "manager", core_role=CoreRole.MANAGER, seat="Manager")
    seat(cg, "kerngroep.politie", core_role=CoreRole.PARTNER_DELEGATE, seat="Politie")
    towns = Party.objects.filter(kind=PartyKind.municipality.value)
    seat(
        cg,
        "zwolle",
        core_role=CoreRole.MUNICIPAL_DELEGATE,
        seat="Gemeentelijk afgevaardigde",
        mandated_by=list(towns),
        mandate_accepted_in_writing=True,
    )

    # The annual plan of this year, adopted at the spring meeting and sent (Art. 4.4, 4.6).
    plan = services.annual_plan_save(
        actor=manager,
        year=today.year,
        vision="Eén regionale aanpak van complexe casuïstiek in IJsselland, dicht bij de wijk.",
        priorities="Doorlooptijd triage naar vier weken; risicojongeren en ondermijning.",
        budget="Begroting € 1,4 miljoen (Rijksbijdrage en gemeentelijke bijdragen).",
        accounts=f"Jaarrekening en jaarverslag {today.year - 1}: zie bijlage bij de agenda.",
        quality="Jaarlijkse audit informatiebeveiliging (BIO); evaluatie plannen van aanpak.",
        target_groups="Veelplegers, Top X, Risicojongeren, Complexe GGZ met veiligheidsrisico.",
    )
    spring = min(date(today.year, 3, 12), today)
    spring_meeting = services.meeting_create(
        actor=manager, body=sg, held_on=spring, location="Stadhuis Zwolle"
    )
    services.agenda_item_add(actor=manager, meeting=spring_meeting, title="Jaarplan")
    adopt = services.motion_create(
        actor=manager,
        body=sg,
        meeting=spring_meeting,
        title=f"Vaststellen jaarplan {today.year}",
        kind=Motion.Kind.ANNUAL_PLAN,
        annual_plan=plan,
    )
    for member in BodyMember.objects.filter(body=sg.value):
        services.vote_cast(actor=manager, motion=adopt, vote=Vote.FOR, member=member)
    services.motion_decide(actor=manager, motion=adopt, on=spring)
    plan.refresh_from_db()
    services.annual_plan_send(actor=manager, plan=plan, on=spring)
    services.minutes_save(
        actor=manager, meeting=spring_meeting, text="Het jaarplan is met consensus vastgesteld."
    )

    # The next meeting: a change to the workflow that affects Veilig Thuis, whose director is
    # absent and sent no written input (Art. 5.5): the decision waits.
    autumn = services.meeting_create(
        actor=manager, body=sg, held_on=today + timedelta(days=14), location="Stadhuis Zwolle"
    )
    services.agenda_item_add(actor=manager, meeting=autumn, title="Werkproces: triage")
    change = services.motion_create(
        actor=manager,
        body=sg,
        meeting=autumn,
        title="Werkproces: triage binnen vier weken",
        affects=list(Party.objects.filter(slug="veilig-thuis")),
        changes_services=False,
    )
    absent = BodyMember.objects.get(body=sg.value, user=users["directeur.vt"])
    services.attendance_set(actor=manager, meeting=autumn, absent_member_ids=[absent.pk])
    services.vote_cast(actor=manager, motion=change, vote=Vote.FOR, member=chair)

    # Joining: a debt-help foundation asked; all parties informed; 37 of 38 agreed.
    join = services.join_request_create(
        actor=manager,
        covenant=covenant,
        organisation="Stichting Schuldhulp Regio IJsselland",
        slug="schuldhulp-regio-ijsselland",
        kind=PartyKind.partner,
        domain=PartyDomain.care,
        seat="Zwolle",
        address="Voorbeeldstraat 12, 8011 AA Zwolle",
        representative="Ria Smit",
        representative_function="directeur-bestuurder",
        contribution="Schuldhulpverlening bij complexe casuïstiek; schulden zijn vaak een "
        "aanjager van overlast en criminaliteit (art. 2).",
        requested_on=today - timedelta(days=30),
    )
    services.join_request_inform_parties(
        actor=manager, join_request=join, on=today - timedelta(days=28)
    )
    for party in member_parties().exclude(slug=SILENT_PARTY):
        services.join_consent_record(
            actor=manager,
            join_request=join,
            party=party,
            agreed=True,
            on=today - timedelta(days=20),
        )
    return True
