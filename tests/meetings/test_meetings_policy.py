"""The pure meeting rule (domain.meetings_policy): no database."""

from __future__ import annotations

import pytest

from schakel.domain.actor import Actor
from schakel.domain.meetings_policy import (
    MeetingAction,
    MeetingItemFacts,
    decide_meeting_item,
    sees_whole_agenda,
)
from schakel.domain.parties import PartyKind
from schakel.domain.roles import Role

READ, MANAGE = MeetingAction.read_item, MeetingAction.manage


def _actor(*roles: Role, active: bool = True) -> Actor:
    return Actor(1, "x", 1, PartyKind.partner, frozenset(roles), party_active=active)


SECRETARY = _actor(Role.conference_secretary)
DIRECTOR = _actor(Role.process_director)
DELEGATE = _actor(Role.partner_delegate)
MANAGER = _actor(Role.manager)
OFFICER = _actor(Role.privacy_officer)


@pytest.mark.parametrize(
    ("actor", "facts", "action", "allowed"),
    [
        (SECRETARY, MeetingItemFacts(), READ, True),
        (SECRETARY, MeetingItemFacts(), MANAGE, True),
        (DIRECTOR, MeetingItemFacts(is_chair=True), MANAGE, True),
        (DIRECTOR, MeetingItemFacts(directs_case=True), READ, True),
        (DIRECTOR, MeetingItemFacts(directs_case=True), MANAGE, False),
        (DIRECTOR, MeetingItemFacts(), READ, False),
        (DELEGATE, MeetingItemFacts(party_invited=True), READ, True),
        (DELEGATE, MeetingItemFacts(party_invited=True), MANAGE, False),
        (DELEGATE, MeetingItemFacts(), READ, False),
        (DELEGATE, MeetingItemFacts(is_chair=True, directs_case=True), READ, False),
        (MANAGER, MeetingItemFacts(party_invited=True), READ, False),
        (OFFICER, MeetingItemFacts(party_invited=True), READ, False),
        (
            _actor(Role.partner_delegate, active=False),
            MeetingItemFacts(party_invited=True),
            READ,
            False,
        ),
        (_actor(Role.conference_secretary, active=False), MeetingItemFacts(), READ, False),
    ],
)
def test_decide_meeting_item(actor: Actor, facts: MeetingItemFacts, action, allowed) -> None:  # type: ignore[no-untyped-def]
    assert decide_meeting_item(actor, facts, action).allowed is allowed


def test_the_whole_agenda_is_for_the_secretary_and_the_chair() -> None:
    assert sees_whole_agenda(SECRETARY, is_chair=False)
    assert sees_whole_agenda(DIRECTOR, is_chair=True)
    assert not sees_whole_agenda(DIRECTOR, is_chair=False)
    assert not sees_whole_agenda(DELEGATE, is_chair=True)
