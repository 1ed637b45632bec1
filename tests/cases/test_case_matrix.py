"""The authorisation matrix for cases: every case URL x role x relation, from one table.

A case in execution: the police referred it (kees), Zwolle is its municipality (wim), Dimence
was consulted (daan), Reclassering directs it (rik), the police were invited. Tactus (eva) is a
member party that is not involved. The privacy officer and the manager see no case content.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.utils import timezone

from schakel.accounts.services import api_token_create
from schakel.cases.models import CaseParty
from schakel.domain.parties import PartyDomain, PartyKind
from schakel.domain.roles import Role
from schakel.domain.workflow import Action
from schakel.parties.services import covenant_ensure, membership_ensure, party_ensure
from tests.cases.conftest import refer
from tests.conftest import _person

pytestmark = pytest.mark.django_db

SEES = {"anouk", "sanne", "kees", "wim", "daan", "rik"}
BLIND = {"pieter", "marloes", "eva"}
PEOPLE = sorted(SEES | BLIND)

# url name -> (method, path, body, expected status for those who see / for the blind)
OPEN = {
    "ui_list": ("get", "/casussen/", None, 200, 404),
    "ui_detail": ("get", "/casussen/{id}/", None, 200, 404),
    "ui_note": ("post", "/casussen/{id}/notitie/", {"note-text": "Voortgang."}, 302, 404),
    "api_detail": ("get", "/api/v1/cases/{id}", None, 200, 404),
    "api_note": ("post", "/api/v1/cases/{id}/notes", {"text": "Voortgang."}, 201, 404),
}
CLOSED = {
    "ui_detail": ("get", "/casussen/{id}/", None, 200, 404),
    "api_detail": ("get", "/api/v1/cases/{id}", None, 200, 404),
    "api_note": ("post", "/api/v1/cases/{id}/notes", {"text": "x"}, 409, 404),
    "api_step": (
        "post",
        "/api/v1/cases/{id}/transitions",
        {"action": "start_triage", "expected_version": 1},
        409,
        404,
    ),
}


@pytest.fixture
def cast(house, anouk, sanne, pieter, marloes, kees, wim, daan, rik, walker):  # type: ignore[no-untyped-def]
    tactus = party_ensure(
        name="Tactus",
        slug="tactus",
        kind=PartyKind.partner,
        domain=PartyDomain.care,
        is_core_partner=True,
    )
    covenant = covenant_ensure(
        title="Convenant IJsselland", version="1.0", signed_on=date(2022, 3, 1)
    )
    membership_ensure(party=tactus, covenant=covenant, joined_on=date(2022, 3, 1))
    house["tactus"] = tactus
    eva = _person(house, "eva", "tactus", Role.partner_delegate, "Eva", "Peters")
    users = {u.username: u for u in (anouk, sanne, pieter, marloes, kees, wim, daan, rik, eva)}
    case = walker.to_execution(refer(kees, house), rik)
    CaseParty.objects.create(
        case=case,
        party=house["ggz"],
        relation="consulted",
        justification="Bevraagd in de triage.",
        added_by=anouk,
        added_at=timezone.now(),
    )
    return users, case, walker


def _call(user, method, path, body, api):  # type: ignore[no-untyped-def]
    if api:
        _, secret = api_token_create(user=user, name="matrix")
        client = Client(headers={"Authorization": f"Token {secret}"})
        if body is None:
            return getattr(client, method)(path)
        return getattr(client, method)(path, body, content_type="application/json")
    client = Client()
    client.force_login(user)
    return getattr(client, method)(path, body or {})


def _check(users, case, table) -> list[str]:  # type: ignore[no-untyped-def]
    wrong = []
    for name, (method, path, body, seen, blind) in table.items():
        for username in PEOPLE:
            expected = seen if username in SEES else blind
            if name == "ui_list" and username in {"eva"}:
                expected = 200  # a delegate has the list page; it is empty for them
            response = _call(
                users[username], method, path.format(id=case.pk), body, name.startswith("api")
            )
            if response.status_code != expected:
                wrong.append(f"{name} {username}: {response.status_code} != {expected}")
            if name == "ui_list" and response.status_code == 200 and username in BLIND:
                assert case.number not in response.content.decode()
    return wrong


def test_matrix_on_an_open_case(cast, no_2fa, settings) -> None:
    users, case, _ = cast
    assert _check(users, case, OPEN) == []


def test_matrix_on_a_closed_case(cast, no_2fa, house) -> None:
    users, case, walker = cast
    case = walker.step(case, Action.decide_closure, motivation="Doelen gehaald.")
    case = walker.step(
        case,
        Action.complete_closure,
        handover_party_id=house["zwolle"].pk,
        handover_note="Sociaal team.",
    )
    assert _check(users, case, CLOSED) == []
