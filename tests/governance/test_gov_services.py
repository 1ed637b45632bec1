"""Governance services: joining, leaving, meetings, motions and votes, plan, amendments."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from schakel.audit.models import AuditEvent
from schakel.domain.covenant import Body, JoinStage, Result, Vote
from schakel.domain.parties import PartyDomain, PartyKind
from schakel.governance import selectors, services
from schakel.governance.models import (
    Departure,
    Escalation,
    JoinRequest,
    Motion,
    WrittenInput,
)
from schakel.governance.services import GovernanceRefused
from schakel.parties.models import Membership, Party
from schakel.parties.selectors import party_is_member
from tests.governance.helpers import act

pytestmark = pytest.mark.django_db
SG, CG = Body.STEERING_GROUP, Body.CORE_GROUP


def _join_request(gerrit, covenant) -> JoinRequest:
    return services.join_request_create(
        actor=act(gerrit),
        covenant=covenant,
        organisation="Stichting Schuldhulp IJsselland",
        slug="schuldhulp",
        kind=PartyKind.partner,
        domain=PartyDomain.care,
        seat="Zwolle",
        address="Voorbeeldstraat 1, Zwolle",
        representative="Ria Smit",
        representative_function="directeur-bestuurder",
        contribution="Schuldhulp voor inwoners met complexe problemen (art. 2).",
        requested_on=date(2026, 1, 5),
    )


def _meeting(marloes, body=SG, held_on=None):
    return services.meeting_create(
        actor=act(marloes), body=body, held_on=held_on or timezone.localdate(), location="Stadhuis"
    )


def _vote(marloes, motion, bodies, **votes: Vote) -> None:
    for name, vote in votes.items():
        services.vote_cast(actor=act(marloes), motion=motion, vote=vote, member=bodies[name])


# --- Joining (Art. 21) --------------------------------------------------------------------------


def test_joining_end_to_end(house, covenant, marloes, gerrit, kees, daan, bodies) -> None:
    request = _join_request(gerrit, covenant)
    assert request.received_via == SG.value  # Art. 21.2: via a member of the Stuurgroep
    assert selectors.join_state(request).stage is JoinStage.REQUESTED
    with pytest.raises(GovernanceRefused, match=r"21\.3"):
        services.join_consent_record(
            actor=act(kees), join_request=request, party=house["police"], agreed=True
        )
    services.join_request_inform_parties(actor=act(marloes), join_request=request)
    services.join_consent_record(
        actor=act(kees), join_request=request, party=house["police"], agreed=True
    )
    services.join_consent_record(
        actor=act(daan), join_request=request, party=house["ggz"], agreed=True
    )
    meeting = _meeting(marloes)
    # Art. 21.4: the Stuurgroep decides only after ALL parties agreed.
    with pytest.raises(GovernanceRefused, match="1 van 3") as refused:
        services.motion_create(
            actor=act(marloes),
            body=SG,
            meeting=meeting,
            title="Toetreding",
            kind=Motion.Kind.JOIN,
            join_request=request,
        )
    assert "Gemeente Zwolle" in refused.value.reasons[0]
    services.join_consent_record(
        actor=act(marloes), join_request=request, party=house["zwolle"], agreed=True
    )
    assert selectors.join_state(request).stage is JoinStage.READY_FOR_DECISION
    motion = services.motion_create(
        actor=act(marloes),
        body=SG,
        meeting=meeting,
        title="Toetreding Schuldhulp",
        kind=Motion.Kind.JOIN,
        join_request=request,
    )
    _vote(marloes, motion, bodies, gerrit=Vote.FOR, carla=Vote.FOR, hans=Vote.FOR)
    services.motion_decide(actor=act(marloes), motion=motion)
    request.refresh_from_db()
    assert request.decision == motion and selectors.join_state(request).stage is JoinStage.APPROVED
    day = timezone.localdate()
    services.join_request_sign_annex1(
        actor=act(marloes), join_request=request, organisation_signed_on=day, chair_signed_on=day
    )
    request.refresh_from_db()
    assert request.party is not None and request.party.name == "Stichting Schuldhulp IJsselland"
    assert party_is_member(party_id=request.party.pk, on=day)
    assert selectors.join_state(request).stage is JoinStage.JOINED
    assert request.party.signatures if hasattr(request.party, "signatures") else True
    assert AuditEvent.objects.filter(object_type="governance.join_consent").count() == 3


def test_consent_only_for_own_party(house, covenant, marloes, gerrit, kees, bodies) -> None:
    request = _join_request(gerrit, covenant)
    services.join_request_inform_parties(actor=act(marloes), join_request=request)
    with pytest.raises(PermissionDenied):
        services.join_consent_record(
            actor=act(kees), join_request=request, party=house["ggz"], agreed=True
        )
    assert not request.consents.exists()


def test_a_refusal_blocks_joining(house, covenant, marloes, gerrit, kees, bodies) -> None:
    request = _join_request(gerrit, covenant)
    services.join_request_inform_parties(actor=act(marloes), join_request=request)
    services.join_consent_record(
        actor=act(kees), join_request=request, party=house["police"], agreed=False
    )
    assert selectors.join_state(request).stage is JoinStage.REFUSED
    with pytest.raises(GovernanceRefused, match="Geen akkoord"):
        services.motion_create(
            actor=act(marloes),
            body=SG,
            meeting=_meeting(marloes),
            title="Toetreding",
            kind=Motion.Kind.JOIN,
            join_request=request,
        )


def test_join_request_needs_contribution_and_a_new_name(covenant, gerrit, bodies) -> None:
    with pytest.raises(GovernanceRefused) as refused:
        services.join_request_create(
            actor=act(gerrit),
            covenant=covenant,
            organisation="Stichting Dimence",
            slug="x",
            kind=PartyKind.partner,
            domain=PartyDomain.care,
            seat="",
            address="",
            representative="",
            representative_function="",
            contribution=" ",
            requested_on=date(2026, 1, 1),
        )
    assert len(refused.value.reasons) == 2
    assert not JoinRequest.objects.exists()


def test_outsiders_cannot_record_a_join_request(covenant, kees) -> None:
    with pytest.raises(PermissionDenied):
        _join_request(kees, covenant)


def test_annex1_only_after_approval(covenant, marloes, gerrit, bodies) -> None:
    request = _join_request(gerrit, covenant)
    with pytest.raises(GovernanceRefused, match="positief besluit"):
        services.join_request_sign_annex1(
            actor=act(marloes),
            join_request=request,
            organisation_signed_on=date(2026, 2, 1),
            chair_signed_on=date(2026, 2, 1),
        )


# --- Leaving (Art. 22.3, 23) --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given_on", "effective_on"),
    [
        (date(2027, 6, 30), date(2028, 1, 1)),  # at the latest half a year before 1 January
        (date(2027, 7, 1), date(2029, 1, 1)),  # one day late: a year later
        (date(2028, 2, 29), date(2029, 1, 1)),  # leap day
        (date(2028, 6, 30), date(2029, 1, 1)),
        (date(2028, 7, 1), date(2030, 1, 1)),
        (date(2024, 3, 1), date(2028, 1, 1)),  # Art. 23.1a: not before five years (2027-03-01)
    ],
)
def test_notice_takes_effect_by_the_rule(house, covenant, kees, given_on, effective_on) -> None:
    departure = services.departure_record(
        actor=act(kees),
        party=house["police"],
        covenant=covenant,
        kind=Departure.Kind.NOTICE,
        given_on=given_on,
    )
    assert departure.effective_on == effective_on
    membership = Membership.objects.get(party=house["police"])
    assert membership.left_on == effective_on
    assert party_is_member(party_id=house["police"].pk, on=effective_on - timedelta(days=1))
    assert not party_is_member(party_id=house["police"].pk, on=effective_on)
    assert AuditEvent.objects.filter(
        object_type="governance.departure", purpose__contains="23.1b"
    ).exists()


def test_notice_for_another_party_is_refused(house, covenant, kees) -> None:
    with pytest.raises(PermissionDenied):
        services.departure_record(
            actor=act(kees),
            party=house["ggz"],
            covenant=covenant,
            kind=Departure.Kind.NOTICE,
            given_on=date(2027, 1, 1),
        )
    assert Membership.objects.get(party=house["ggz"]).left_on is None


def test_notice_twice_and_non_member(house, covenant, marloes) -> None:
    services.departure_record(
        actor=act(marloes),
        party=house["police"],
        covenant=covenant,
        kind=Departure.Kind.NOTICE,
        given_on=date(2027, 1, 1),
    )
    with pytest.raises(GovernanceRefused, match="al vastgelegd"):
        services.departure_record(
            actor=act(marloes),
            party=house["police"],
            covenant=covenant,
            kind=Departure.Kind.NOTICE,
            given_on=date(2027, 2, 1),
        )
    with pytest.raises(GovernanceRefused, match="geen partij"):
        services.departure_record(
            actor=act(marloes),
            party=house["outsider"],
            covenant=covenant,
            kind=Departure.Kind.NOTICE,
            given_on=date(2027, 2, 1),
        )


def test_party_that_ceases_to_exist_leaves_that_day(house, covenant, marloes) -> None:
    day = timezone.localdate()
    departure = services.departure_record(
        actor=act(marloes),
        party=house["ggz"],
        covenant=covenant,
        kind=Departure.Kind.CEASED,
        given_on=day,
    )
    assert departure.effective_on == day
    assert not party_is_member(party_id=house["ggz"].pk, on=day)


def test_withdrawal_over_an_amendment(house, covenant, marloes, bodies) -> None:
    amendment = services.amendment_create(
        actor=act(marloes),
        covenant=covenant,
        title="Nieuwe doelgroep",
        articles_changed="2.3",
        effective_on=date(2027, 9, 1),
    )
    with pytest.raises(GovernanceRefused, match=r"22\.3"):
        services.departure_record(
            actor=act(marloes),
            party=house["ggz"],
            covenant=covenant,
            kind=Departure.Kind.WITHDRAWAL,
            given_on=date(2027, 8, 1),
            amendment=amendment,
        )
    amendment.adopted_on = date(2027, 7, 1)
    amendment.save()
    departure = services.departure_record(
        actor=act(marloes),
        party=house["ggz"],
        covenant=covenant,
        kind=Departure.Kind.WITHDRAWAL,
        given_on=date(2027, 8, 1),
        amendment=amendment,
    )
    assert departure.effective_on == date(2027, 9, 1)  # Art. 22.3: the amendment's date


def _exclusion(house, covenant, marloes, heard_on):
    return services.exclusion_open(
        actor=act(marloes),
        party=house["ggz"],
        covenant=covenant,
        breach="Levert structureel geen afgevaardigde (art. 19.1).",
        notice_of_default_on=date(2026, 1, 10),
        heard_on=heard_on,
    )


def test_exclusion_needs_a_hearing(house, covenant, marloes, bodies) -> None:
    exclusion = _exclusion(house, covenant, marloes, heard_on=None)
    motion = services.motion_create(
        actor=act(marloes),
        body=SG,
        meeting=_meeting(marloes),
        title="Uitsluiting",
        kind=Motion.Kind.EXCLUSION,
        exclusion=exclusion,
    )
    _vote(marloes, motion, bodies, gerrit=Vote.FOR, carla=Vote.AGAINST, hans=Vote.FOR)
    with pytest.raises(GovernanceRefused, match="niet gehoord"):
        services.motion_decide(actor=act(marloes), motion=motion)
    motion.refresh_from_db()
    assert motion.status == Motion.Status.OPEN  # nothing saved
    assert Membership.objects.get(party=house["ggz"]).left_on is None


def test_exclusion_by_majority_with_immediate_effect(house, covenant, marloes, bodies) -> None:
    exclusion = _exclusion(house, covenant, marloes, heard_on=date(2026, 2, 1))
    motion = services.motion_create(
        actor=act(marloes),
        body=SG,
        meeting=_meeting(marloes),
        title="Uitsluiting",
        kind=Motion.Kind.EXCLUSION,
        exclusion=exclusion,
    )
    _vote(marloes, motion, bodies, gerrit=Vote.FOR, carla=Vote.AGAINST, hans=Vote.FOR)
    services.motion_decide(actor=act(marloes), motion=motion)
    day = timezone.localdate()
    assert Membership.objects.get(party=house["ggz"]).left_on == day
    assert Departure.objects.get(party=house["ggz"]).kind == Departure.Kind.EXCLUSION


# --- Motions and votes (Art. 5, 7) --------------------------------------------------------------


def test_majority_and_consensus(marloes, bodies) -> None:
    meeting = _meeting(marloes)
    split = services.motion_create(actor=act(marloes), body=SG, meeting=meeting, title="A")
    _vote(marloes, split, bodies, gerrit=Vote.FOR, carla=Vote.FOR, hans=Vote.AGAINST)
    split = services.motion_decide(actor=act(marloes), motion=split)
    assert (split.result, split.votes_for, split.votes_against) == ("adopted", 2, 1)
    assert not split.consensus
    all_for = services.motion_create(actor=act(marloes), body=SG, meeting=meeting, title="B")
    _vote(marloes, all_for, bodies, gerrit=Vote.FOR, carla=Vote.FOR, hans=Vote.FOR)
    assert services.motion_decide(actor=act(marloes), motion=all_for).consensus
    with pytest.raises(GovernanceRefused, match="al besloten"):
        services.motion_decide(actor=act(marloes), motion=all_for)


def test_member_votes_for_self(marloes, carla, jeroen, bodies) -> None:
    motion = services.motion_create(
        actor=act(marloes), body=SG, meeting=_meeting(marloes), title="A"
    )
    row = services.vote_cast(actor=act(carla), motion=motion, vote=Vote.AGAINST)
    assert row.member == bodies["carla"]
    with pytest.raises(PermissionDenied):  # a core-group member has no vote in the Stuurgroep
        services.vote_cast(actor=act(jeroen), motion=motion, vote=Vote.FOR)
    with pytest.raises(PermissionDenied):  # only the secretary records others' votes
        services.vote_cast(actor=act(carla), motion=motion, vote=Vote.FOR, member=bodies["hans"])


def test_tie_in_core_group_goes_to_steering_group_then_dvo(marloes, bodies) -> None:
    cg_meeting = _meeting(marloes, CG)
    motion = services.motion_create(
        actor=act(marloes), body=CG, meeting=cg_meeting, title="Agenda casustafels"
    )
    _vote(marloes, motion, bodies, jeroen=Vote.FOR, marloes_cg=Vote.AGAINST)
    motion = services.motion_decide(actor=act(marloes), motion=motion)
    assert motion.result == Result.NO_DECISION.value
    escalation = Escalation.objects.get(motion=motion)
    assert escalation.to_body == SG.value and "7.3" in escalation.reason
    follow_up = escalation.follow_up
    assert follow_up is not None and follow_up.body == SG.value and follow_up.meeting is None
    # Not on an agenda yet: it cannot be decided.
    with pytest.raises(GovernanceRefused, match="agenda"):
        services.motion_decide(actor=act(marloes), motion=follow_up)
    services.motion_schedule(actor=act(marloes), motion=follow_up, meeting=_meeting(marloes))
    services.attendance_set(
        actor=act(marloes), meeting=follow_up.meeting, absent_member_ids=[bodies["hans"].pk]
    )
    _vote(marloes, follow_up, bodies, gerrit=Vote.FOR, carla=Vote.AGAINST)
    follow_up = services.motion_decide(actor=act(marloes), motion=follow_up)
    assert follow_up.result == Result.NO_DECISION.value and follow_up.discuss_in_rciv
    up = Escalation.objects.get(motion=follow_up)
    assert up.to_body == Body.DISTRICT_SAFETY_COUNCIL.value and "5.6" in up.reason
    assert follow_up.escalated_from == motion


def test_contribution_raise_is_flagged_for_the_dvo(marloes, bodies) -> None:
    motion = services.motion_create(
        actor=act(marloes),
        body=SG,
        meeting=_meeting(marloes),
        title="Bijdrage +10%",
        raises_contribution=True,
    )
    _vote(marloes, motion, bodies, gerrit=Vote.FOR, carla=Vote.FOR, hans=Vote.FOR)
    motion = services.motion_decide(actor=act(marloes), motion=motion)
    assert motion.refer_to_dvo and motion.result == "adopted"
    assert Escalation.objects.get(motion=motion).to_body == Body.DISTRICT_SAFETY_COUNCIL.value
    assert "5.7" in motion.reasons


def test_absent_affected_party_without_written_input_blocks(house, marloes, carla, bodies) -> None:
    meeting = _meeting(marloes)
    motion = services.motion_create(
        actor=act(marloes),
        body=SG,
        meeting=meeting,
        title="Werkproces aanpassen",
        affects=[house["ggz"]],
    )
    services.attendance_set(
        actor=act(marloes), meeting=meeting, absent_member_ids=[bodies["carla"].pk]
    )
    assert WrittenInput.objects.filter(motion=motion, member=bodies["carla"]).exists()  # asked
    with pytest.raises(GovernanceRefused, match=r"afwezig"):
        services.vote_cast(actor=act(carla), motion=motion, vote=Vote.FOR)
    _vote(marloes, motion, bodies, gerrit=Vote.FOR, hans=Vote.FOR)
    with pytest.raises(GovernanceRefused) as refused:
        services.motion_decide(actor=act(marloes), motion=motion)
    assert "Stichting Dimence" in refused.value.reasons[0]
    assert "art. 5.5" in refused.value.reasons[0]
    motion.refresh_from_db()
    assert motion.status == Motion.Status.OPEN
    services.written_input_record(
        actor=act(carla), motion=motion, text="Akkoord, mits de GGZ-triage blijft."
    )
    assert services.motion_decide(actor=act(marloes), motion=motion).result == "adopted"


def test_hearing_otherwise_lifts_the_block(house, marloes, bodies) -> None:
    meeting = _meeting(marloes)
    motion = services.motion_create(
        actor=act(marloes), body=SG, meeting=meeting, title="X", affects=[house["ggz"]]
    )
    services.attendance_set(
        actor=act(marloes), meeting=meeting, absent_member_ids=[bodies["carla"].pk]
    )
    services.motion_heard(actor=act(marloes), motion=motion, party=house["ggz"])
    _vote(marloes, motion, bodies, gerrit=Vote.FOR, hans=Vote.AGAINST)
    assert services.motion_decide(actor=act(marloes), motion=motion).result == "no_decision"


def test_steering_only_subjects(covenant, marloes, bodies) -> None:
    amendment = services.amendment_create(
        actor=act(marloes),
        covenant=covenant,
        title="W",
        articles_changed="3",
        effective_on=date(2027, 1, 1),
    )
    with pytest.raises(GovernanceRefused, match=r"22\.1"):
        services.motion_create(
            actor=act(marloes),
            body=CG,
            meeting=_meeting(marloes, CG),
            title="W",
            kind=Motion.Kind.AMENDMENT,
            amendment=amendment,
        )


def test_only_the_secretary_prepares_meetings(carla, bodies) -> None:
    with pytest.raises(PermissionDenied):
        services.meeting_create(actor=act(carla), body=SG, held_on=date(2026, 5, 1))


def test_minutes_are_distributed_to_members(marloes, bodies) -> None:
    meeting = _meeting(marloes)
    services.agenda_item_add(actor=act(marloes), meeting=meeting, title="Jaarplan")
    with pytest.raises(GovernanceRefused, match="geen verslag"):
        services.minutes_distribute(actor=act(marloes), meeting=meeting)
    services.minutes_save(actor=act(marloes), meeting=meeting, text="Besproken: jaarplan.")
    assert services.minutes_distribute(actor=act(marloes), meeting=meeting) == 3
    assert len(mail.outbox) == 1 and "Besproken" not in mail.outbox[0].body  # a link only
    with pytest.raises(GovernanceRefused):
        services.agenda_item_add(actor=act(marloes), meeting=meeting, title="Te laat")


# --- Annual plan and amendments -----------------------------------------------------------------


def test_annual_plan_adopted_only_when_complete(house, marloes, bodies) -> None:
    plan = services.annual_plan_save(
        actor=act(marloes), year=2027, vision="Visie", priorities="Prioriteiten"
    )
    motion = services.motion_create(
        actor=act(marloes),
        body=SG,
        meeting=_meeting(marloes),
        title="Jaarplan 2027",
        kind=Motion.Kind.ANNUAL_PLAN,
        annual_plan=plan,
    )
    _vote(marloes, motion, bodies, gerrit=Vote.FOR, carla=Vote.FOR, hans=Vote.FOR)
    with pytest.raises(GovernanceRefused, match="begroting"):
        services.motion_decide(actor=act(marloes), motion=motion)
    with pytest.raises(GovernanceRefused, match="nog niet"):
        services.annual_plan_send(actor=act(marloes), plan=plan)
    plan = services.annual_plan_save(
        actor=act(marloes),
        year=2027,
        budget="€ 1,2 mln",
        accounts="Jaarrekening 2026",
        quality="Audit BIO",
        target_groups="Veelplegers, Top X, Risicojongeren, GGZ",
    )
    services.motion_decide(actor=act(marloes), motion=motion)
    plan.refresh_from_db()
    assert plan.adopted_on == timezone.localdate()
    with pytest.raises(GovernanceRefused, match="vastgesteld"):
        services.annual_plan_save(actor=act(marloes), year=2027, vision="Nieuw")
    services.annual_plan_send(actor=act(marloes), plan=plan)


def test_core_amendment_needs_every_signature(house, covenant, marloes, bodies) -> None:
    amendment = services.amendment_create(
        actor=act(marloes),
        covenant=covenant,
        title="Doel verbreed",
        articles_changed="2, 11",
        effective_on=date(2027, 1, 1),
    )
    motion = services.motion_create(
        actor=act(marloes),
        body=SG,
        meeting=_meeting(marloes),
        title="Wijziging art. 2",
        kind=Motion.Kind.AMENDMENT,
        amendment=amendment,
    )
    _vote(marloes, motion, bodies, gerrit=Vote.FOR, carla=Vote.FOR, hans=Vote.AGAINST)
    services.motion_decide(actor=act(marloes), motion=motion)
    amendment.refresh_from_db()
    status = selectors.amendment_domain_status(amendment)
    assert status.adopted and status.requires_resigning and len(status.still_to_sign) == 3
    for key in ("police", "ggz", "zwolle"):
        services.signature_record(
            actor=act(marloes),
            covenant=covenant,
            party=house[key],
            amendment=amendment,
            signed_on=date(2026, 12, 1),
            signed_by="Burgemeester",
        )
    status = selectors.amendment_domain_status(amendment)
    assert status.still_to_sign == () and status.in_force_on == date(2027, 1, 1)


def test_amendment_articles_must_parse(covenant, marloes) -> None:
    with pytest.raises(GovernanceRefused, match="Onbekende verwijzing"):
        services.amendment_create(
            actor=act(marloes),
            covenant=covenant,
            title="W",
            articles_changed="hoofdstuk X",
            effective_on=date(2027, 1, 1),
        )


# --- Register -----------------------------------------------------------------------------------


def test_signatures_and_term(house, covenant, femke, kees) -> None:
    services.signature_record(
        actor=act(femke),
        covenant=covenant,
        party=house["police"],
        signed_on=date(2022, 3, 1),
        signed_by="Politiechef",
    )
    with pytest.raises(GovernanceRefused, match="al vastgelegd"):
        services.signature_record(
            actor=act(femke),
            covenant=covenant,
            party=house["police"],
            signed_on=date(2022, 3, 1),
            signed_by="Politiechef",
        )
    with pytest.raises(PermissionDenied):
        services.signature_record(
            actor=act(kees),
            covenant=covenant,
            party=house["police"],
            signed_on=date(2022, 3, 1),
            signed_by="x",
        )
    term = selectors.covenant_term(covenant, date(2026, 11, 29))
    assert term is not None
    assert term.initial_end == date(2027, 2, 28) and term.next_renewal == date(2027, 3, 1)
    later = selectors.covenant_term(covenant, date(2027, 3, 1))
    assert later is not None and later.next_renewal == date(2028, 3, 1)


def test_meetings_are_not_public(marloes, carla, jeroen, kees, bodies) -> None:
    meeting = _meeting(marloes)
    assert selectors.meeting_get(act(carla), meeting.pk) == meeting
    assert selectors.meeting_get(act(marloes), meeting.pk) == meeting
    assert selectors.meeting_get(act(jeroen), meeting.pk) is None  # core group only
    assert selectors.meeting_get(act(kees), meeting.pk) is None
    assert selectors.decision_list(act(kees)) is None
    assert Party.objects.count() == 5


def test_at_most_three_municipal_delegates(house, marloes, bodies) -> None:
    from schakel.domain.covenant import CoreRole

    for n in range(3):
        user = _person_for(house, f"gem{n}")
        services.body_member_add(
            actor=act(marloes),
            body=CG,
            user=user,
            core_role=CoreRole.MUNICIPAL_DELEGATE,
            mandated_by=[house["zwolle"]],
            since=date(2022, 3, 1),
        )
    fourth = _person_for(house, "gem3")
    with pytest.raises(GovernanceRefused, match=r"art\. 6\.5"):
        services.body_member_add(
            actor=act(marloes),
            body=CG,
            user=fourth,
            core_role=CoreRole.MUNICIPAL_DELEGATE,
            since=date(2022, 3, 1),
        )


def _person_for(house, username):
    from schakel.domain.roles import Role
    from tests.conftest import _person

    return _person(house, username, "zwolle", Role.core_group_member, username, "Test")


def test_body_problems_frequency_and_composition(house, marloes, bodies) -> None:
    year = timezone.localdate().year
    problems = selectors.body_problems(year)
    assert any("Stuurgroep kwam in" in p and "art. 4.2" in p for p in problems)
    assert any("art. 6.2" in p for p in problems)
    # Dimence (a core partner) has no delegate; Zwolle mandated no municipal delegate.
    assert any("Stichting Dimence heeft geen afgevaardigde" in p for p in problems)
    assert any("Gemeente Zwolle heeft geen gemeentelijke afgevaardigde" in p for p in problems)
    for month in (3, 10):
        services.meeting_create(actor=act(marloes), body=SG, held_on=date(year, month, 1))
    assert not any("art. 4.2" in p for p in selectors.body_problems(year))


def test_uploaded_signed_copy_and_meeting_documents(
    house, covenant, femke, marloes, carla, jeroen, bodies, settings, tmp_path, login_client
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    signature = services.signature_record(
        actor=act(femke),
        covenant=covenant,
        party=house["ggz"],
        signed_on=date(2022, 3, 1),
        signed_by="Bestuurder",
        signed_copy=SimpleUploadedFile("getekend.pdf", b"%PDF-1.4 x"),
    )
    assert signature.signed_copy.read() == b"%PDF-1.4 x"
    meeting = _meeting(marloes)
    document = services.meeting_document_add(
        actor=act(marloes),
        meeting=meeting,
        title="Jaarverslag",
        file=SimpleUploadedFile("jaarverslag.pdf", b"%PDF-1.4 verslag"),
    )
    url = f"/bestuur/vergaderingen/{meeting.pk}/stukken/{document.pk}/"
    response = login_client(carla).get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == (
        b"%PDF-1.4 verslag"
    )
    assert login_client(jeroen).get(url).status_code == 404  # not public (Art. 5.9)
