"""The authorisation matrix of the rights app: every URL (web and API) x every role.

Expected answers come from one table; a rights URL missing from the table fails the test.
Only the information coordinator and the privacy officer see the register (404 for everyone
else, like a missing page); a correction request is seen only by the providing party.
"""

from __future__ import annotations

import pytest
from django.urls import get_resolver, reverse

from schakel.rights import services
from tests.rights.conftest import CTX, Family, act

pytestmark = pytest.mark.django_db

WHO = ("ilse", "pieter", "anouk", "kees", "daan", "marloes")
# information coordinator, privacy officer, process director, police delegate (the providing
# party of the routed item), GGZ delegate, manager (a party that left the covenant is
# stopped before any view by the accounts middleware: tests/accounts)
HANDLERS = (200, 200, 404, 404, 404, 404)
ALL_405 = (405,) * 6

TABLE: dict[str, tuple[int, ...]] = {
    "rights:list": HANDLERS,
    "rights:find": HANDLERS,
    "rights:person": HANDLERS,
    "rights:export_json": HANDLERS,
    "rights:export_pdf": HANDLERS,
    "rights:request": HANDLERS,
    # Everyone of a party that works on cases has a (possibly empty) list for their party.
    "rights:tasks": (200, 404, 200, 200, 200, 404),  # not the FG, not the manager
    "rights:task": (404, 404, 404, 200, 404, 404),
    "api:rights_requests": HANDLERS,
    "api:rights_request": HANDLERS,
    "api:rights_export": HANDLERS,
    **{
        f"rights:{name}": ALL_405
        for name in ("request_add", "informing", "note", "extend", "decide", "route", "hold")
    },
}

# Writes with an empty body: 400 (invalid, nothing saved) for those who may, 404 for the rest.
FORM_WRITE = (400, 400, 404, 404, 404, 404)
WRITES: dict[str, tuple[int, ...]] = {
    "rights:request_add": FORM_WRITE,
    "rights:informing": FORM_WRITE,
    "rights:note": FORM_WRITE,
    "rights:extend": FORM_WRITE,
    "rights:decide": FORM_WRITE,
    "rights:route": FORM_WRITE,
    "rights:task": (404, 404, 404, 400, 404, 404),
    "api:rights_requests": FORM_WRITE,
    # Only the privacy officer places a legal hold (retention app); she is redirected back.
    "rights:hold": (409, 302, 404, 404, 404, 404),
}


def _rights_url_names() -> set[str]:
    names: set[str] = set()
    for ns, (_prefix, resolver) in get_resolver().namespace_dict.items():
        if ns == "rights":
            names |= {f"rights:{n}" for n in resolver.reverse_dict if isinstance(n, str)}
        if ns == "api":
            names |= {
                f"api:{n}"
                for n in resolver.reverse_dict
                if isinstance(n, str) and n.startswith("rights_")
            }
    return names


def test_every_rights_url_is_in_the_table() -> None:
    assert _rights_url_names() == set(TABLE)


@pytest.fixture
def world(ilse, family: Family) -> dict[str, int]:
    request = services.request_record(
        actor=act(ilse),
        ctx=CTX,
        subject_id=family.jeroen.pk,
        kind="rectification",
        received_on=family.case.created_at.date(),
        description="De tweede aanhouding klopt niet.",
    )
    (rectification,) = services.rectification_route(
        actor=act(ilse),
        ctx=CTX,
        request_id=request.pk,
        item_ids=[family.police_item.pk],
        question="Klopt de tweede aanhouding?",
    )
    return {"subject": family.jeroen.pk, "request": request.pk, "task": rectification.pk}


def _args(name: str, world: dict[str, int]) -> list[int]:
    if name in ("rights:list", "rights:find", "rights:tasks", "api:rights_requests"):
        return []
    if name == "rights:task":
        return [world["task"]]
    if name.startswith(("rights:person", "rights:export", "api:rights_export")) or name in (
        "rights:request_add",
        "rights:informing",
    ):
        return [world["subject"]]
    return [world["request"]]


def _clients(request, login_client) -> dict[str, object]:
    return {who: login_client(request.getfixturevalue(who)) for who in WHO}


def test_matrix(request, login_client, world) -> None:
    clients = _clients(request, login_client)
    wrong = []
    for name, expected in TABLE.items():
        url = reverse(name, args=_args(name, world))
        for who, status in zip(WHO, expected, strict=True):
            got = clients[who].get(url).status_code  # type: ignore[attr-defined]
            if got != status:
                wrong.append(f"GET {name} as {who}: {got}, expected {status}")
    assert not wrong, "\n".join(wrong)


def test_write_matrix(request, login_client, world) -> None:
    clients = _clients(request, login_client)
    wrong = []
    for name, expected in WRITES.items():
        url = reverse(name, args=_args(name, world))
        for who, status in zip(WHO, expected, strict=True):
            got = clients[who].post(url, {}).status_code  # type: ignore[attr-defined]
            if got != status:
                wrong.append(f"POST {name} as {who}: {got}, expected {status}")
    assert not wrong, "\n".join(wrong)
