"""domain.policy.decide_item: the provider's release decides who reads an item (Art. 17.2)."""

from __future__ import annotations

import pytest

from schakel.domain.actor import Actor
from schakel.domain.parties import PartyKind
from schakel.domain.policy import (
    CaseRelation,
    ItemAction,
    ItemFacts,
    decide_item,
    reads_without_release,
)
from schakel.domain.roles import Role

INVOLVED = CaseRelation(party_is_invited=True)
CLOSED = CaseRelation(party_is_invited=True, closed=True)
NONE = CaseRelation()
DIRECTS = CaseRelation(is_process_director=True)
INTAKE = CaseRelation(unassigned_intake=True)
GRANT = CaseRelation(emergency_access=True)


def actor(*roles: Role, active: bool = True, kind: PartyKind = PartyKind.partner) -> Actor:
    return Actor(1, "u", 7, kind, frozenset(roles), party_active=active)


DELEGATE = actor(Role.partner_delegate)
PD = actor(Role.process_director, kind=PartyKind.house)
OFFICER = actor(Role.privacy_officer, kind=PartyKind.house)
MANAGER = actor(Role.manager, kind=PartyKind.house)
LEFT = actor(Role.partner_delegate, active=False)

R = ItemAction.read
# (actor, facts, action, allowed)
TABLE = [
    (DELEGATE, ItemFacts(INVOLVED, is_provider_party=True), R, True),
    (DELEGATE, ItemFacts(INVOLVED), R, False),
    (DELEGATE, ItemFacts(INVOLVED, released_purposes=frozenset({"conference"})), R, True),
    (DELEGATE, ItemFacts(NONE, released_purposes=frozenset({"conference"})), R, False),
    (
        DELEGATE,
        ItemFacts(INVOLVED, released_purposes=frozenset({"plan"}), withdrawn=True),
        R,
        False,
    ),
    (DELEGATE, ItemFacts(CLOSED, released_purposes=frozenset({"plan"})), R, False),
    (DELEGATE, ItemFacts(CLOSED, is_provider_party=True), R, True),
    (DELEGATE, ItemFacts(CLOSED, is_provider_party=True), ItemAction.add, False),
    (DELEGATE, ItemFacts(INVOLVED), ItemAction.add, True),
    (DELEGATE, ItemFacts(NONE), ItemAction.add, False),
    (DELEGATE, ItemFacts(INVOLVED, is_provider_party=True), ItemAction.decide, True),
    (DELEGATE, ItemFacts(INVOLVED, is_provider_party=True), ItemAction.withdraw, True),
    (DELEGATE, ItemFacts(INVOLVED, is_provider_party=True), ItemAction.consent, True),
    (
        DELEGATE,
        ItemFacts(INVOLVED, released_purposes=frozenset({"plan"})),
        ItemAction.decide,
        False,
    ),
    (DELEGATE, ItemFacts(INVOLVED, is_provider_party=True), ItemAction.propose, False),
    (PD, ItemFacts(DIRECTS), R, True),
    (PD, ItemFacts(CaseRelation(is_process_director=True, closed=True)), R, True),
    (PD, ItemFacts(DIRECTS, withdrawn=True), R, False),
    (PD, ItemFacts(DIRECTS), ItemAction.propose, True),
    (PD, ItemFacts(DIRECTS), ItemAction.decide, False),
    (PD, ItemFacts(CaseRelation(is_process_director=True, closed=True)), ItemAction.propose, False),
    # "The process director" of Art. 12.2f is the case's own: another one reads nothing, even
    # when the case waits in the intake queue they may open.
    (PD, ItemFacts(NONE), R, False),
    (PD, ItemFacts(NONE), ItemAction.propose, False),
    (PD, ItemFacts(INTAKE), R, False),
    (PD, ItemFacts(INTAKE), ItemAction.propose, False),
    (PD, ItemFacts(INTAKE, is_provider_party=True), R, True),
    # Under a break-the-glass grant the process director reads as the case's own would.
    (PD, ItemFacts(GRANT), R, True),
    (PD, ItemFacts(GRANT), ItemAction.propose, True),
    (PD, ItemFacts(GRANT, withdrawn=True), R, False),
    # A grant is only ever a fact for a process director; a delegate gains nothing from it.
    (DELEGATE, ItemFacts(GRANT), R, False),
    (OFFICER, ItemFacts(NONE, is_provider_party=True), R, False),
    (MANAGER, ItemFacts(NONE, is_provider_party=True), R, False),
    (LEFT, ItemFacts(INVOLVED, is_provider_party=True), R, False),
    (LEFT, ItemFacts(INVOLVED), ItemAction.add, False),
]


@pytest.mark.parametrize(("who", "facts", "action", "allowed"), TABLE)
def test_decide_item(who, facts, action, allowed) -> None:
    verdict = decide_item(who, facts, action)
    assert verdict.allowed is allowed, verdict
    assert verdict.reason


def test_every_allow_names_a_legal_basis() -> None:
    for who, facts, action, allowed in TABLE:
        verdict = decide_item(who, facts, action)
        if allowed:
            assert verdict.legal_basis.startswith("Art.")


def test_releases_decide_nothing_where_the_selector_skips_them() -> None:
    """`reads_without_release` lets the item selector skip asking for releases (issue #9):
    wherever it says so, every decision is the same with and without a release."""
    relations = [INVOLVED, CLOSED, NONE, DIRECTS, INTAKE, GRANT]
    relations += [CaseRelation(is_process_director=True, closed=True)]
    released = frozenset({"plan"})
    skipped = 0
    for who in (DELEGATE, PD, OFFICER, MANAGER, LEFT):
        for relation in relations:
            for provider in (False, True):
                for withdrawn in (False, True):
                    if not reads_without_release(who, relation, is_provider_party=provider):
                        continue
                    skipped += 1
                    bare = ItemFacts(relation, provider, frozenset(), withdrawn)
                    with_release = ItemFacts(relation, provider, released, withdrawn)
                    for action in ItemAction:
                        assert decide_item(who, bare, action) == decide_item(
                            who, with_release, action
                        ), (who, relation, provider, withdrawn, action)
    assert skipped > 10
    # A delegate that did not provide the item is the one who needs the release.
    assert not reads_without_release(DELEGATE, INVOLVED, is_provider_party=False)
