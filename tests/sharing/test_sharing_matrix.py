"""The authorisation matrix for the sharing URLs: every URL x role x relation, from one table.

A case in preparation, referred by the police (kees), directed by anouk; Dimence (daan) is
invited and provided an item with an attachment, not released to anyone. bram is another
process director (no grant: his old grant ran out), sanne the conference secretary, pieter the
privacy officer, marloes the manager, rik a member party that is not involved, olaf an outsider.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from schakel.accounts.selectors import actor_for
from schakel.cases.models import CaseParty
from schakel.domain.workflow import Phase
from schakel.sharing.attachments import attachment_add
from schakel.sharing.models import EmergencyAccess
from tests.sharing.conftest import CTX

pytestmark = pytest.mark.django_db

PEOPLE = ["anouk", "bram", "sanne", "pieter", "marloes", "kees", "daan", "rik", "olaf"]
PDF = b"%PDF-1.4\n%%EOF\n"

# name -> (method, path, body, {user: status}, default status for everyone else)
TABLE: dict[str, tuple[str, str, dict[str, object] | None, dict[str, int], int]] = {
    "emergency": ("get", "/informatie/noodtoegang/", None, {"anouk": 200, "bram": 200}, 404),
    "emergency_overview": ("get", "/informatie/noodtoegang/overzicht/", None, {"pieter": 200}, 404),
    "emergency_review": (
        "post",
        "/informatie/noodtoegang/{grant}/beoordelen/",
        {},
        {"pieter": 400},
        404,
    ),
    "party_invite": (
        "get",
        "/informatie/casus/{case}/partijen/uitnodigen/",
        None,
        {"anouk": 200, "sanne": 200},
        404,
    ),
    "party_remove": (
        "get",
        "/informatie/casus/{case}/partijen/{row}/beeindigen/",
        None,
        {"anouk": 200, "sanne": 200},
        404,
    ),
    "add": (
        "get",
        "/informatie/casus/{case}/nieuw/",
        None,
        {"anouk": 200, "sanne": 200, "kees": 200, "daan": 200},
        404,
    ),
    "item": ("get", "/informatie/{item}/", None, {"anouk": 200, "daan": 200}, 404),
    "attachment": (
        "get",
        "/informatie/{item}/bijlage/{attachment}/",
        None,
        {"anouk": 200, "daan": 200},
        404,
    ),
    "attach": ("post", "/informatie/{item}/bijlage/", {}, {"anouk": 400, "daan": 400}, 404),
    "withdraw_item": (
        "post",
        "/informatie/{item}/intrekken/",
        {},
        {"anouk": 400, "daan": 400},
        404,
    ),
    "log": ("get", "/informatie/toegangslog/", None, {"pieter": 200}, 404),
    "api_item": ("get", "/api/v1/information/{item}", None, {"anouk": 200, "daan": 200}, 404),
    "api_attachment": (
        "get",
        "/api/v1/information/{item}/attachments/{attachment}",
        None,
        {"anouk": 200, "daan": 200},
        404,
    ),
    # A valid withdrawal by anyone but the provider: seen and refused (403) or not seen (404).
    "api_withdraw": (
        "post",
        "/api/v1/information/{item}/withdrawal",
        {"reason": "Weg ermee."},
        {"anouk": 403, "daan": 201},  # the last row: the provider really withdraws
        404,
    ),
}


@pytest.fixture
def world(case, item, media, anouk, bram, sanne, pieter, marloes, kees, daan, rik, olaf):  # type: ignore[no-untyped-def]
    case.phase = Phase.preparation
    case.save()
    attachment = attachment_add(
        actor=actor_for(daan),
        ctx=CTX,
        item_id=item.pk,
        upload=SimpleUploadedFile("a.pdf", PDF, content_type="application/pdf"),
    )
    past = timezone.now() - timedelta(days=1)
    grant = EmergencyAccess.objects.create(
        case=case, user=bram, reason="Oud, verlopen.", granted_at=past, expires_at=past
    )
    row = CaseParty.objects.get(case=case, party=daan.party)
    users = {u.username: u for u in (anouk, bram, sanne, pieter, marloes, kees, daan, rik, olaf)}
    ids = {"case": case.pk, "item": item.pk, "attachment": attachment.pk}
    return users, {**ids, "grant": grant.pk, "row": row.pk}


def _call(user, method, path, body):  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    if path.startswith("/api/") and body is not None:
        return getattr(client, method)(path, body, content_type="application/json")
    return getattr(client, method)(path, body or {})


def test_matrix(world, no_2fa) -> None:
    users, ids = world
    wrong = []
    for name, (method, path, body, allowed, default) in TABLE.items():
        for username in PEOPLE:
            expected = allowed.get(username, default)
            if username == "olaf":  # not a covenant member: stopped before any view (Art. 23)
                expected = 403 if path.startswith("/api/") else 302
            response = _call(users[username], method, path.format(**ids), body)
            if response.status_code != expected:
                wrong.append(f"{name} {username}: {response.status_code} != {expected}")
    assert wrong == [], "\n".join(wrong)


def test_every_sharing_url_has_a_row() -> None:
    from schakel.sharing import api_urls, urls

    web = {p.name for p in urls.urlpatterns}
    api = {p.name for p in api_urls.urlpatterns}
    covered = {
        "emergency",
        "emergency_overview",
        "emergency_review",
        "party_invite",
        "party_remove",
        "add",
        "item",
        "attachment",
        "attach",
        "withdraw_item",
        "log",
    }
    # Older sharing routes have their rows in test_sharing_views.py / test_sharing_api.py.
    older_web = {"propose", "decide", "withdraw", "consent", "log_subject", "log_user"}
    older_api = {"case_items", "item_release_propose", "item_release_decide"}
    older_api |= {"item_release_withdraw", "item_attachment_add"}
    assert web <= covered | older_web
    assert api <= {"item", "item_attachment", "item_withdraw"} | older_api
    assert {f"api_{n}" for n in ("item", "attachment", "withdraw")} <= set(TABLE)
