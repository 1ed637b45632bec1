"""The meetings API: plan, compose, invite (with a justification), minutes and the decision;
a delegate sees only its own items; errors are problem+json."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from schakel.accounts.services import api_token_create
from schakel.domain.workflow import Phase
from schakel.meetings.models import Invitation, Meeting
from tests.meetings.conftest import fresh

pytestmark = pytest.mark.django_db


def _api(user) -> Client:  # type: ignore[no-untyped-def]
    _, secret = api_token_create(user=user, name="test")
    return Client(headers={"Authorization": f"Token {secret}"})


def test_the_whole_round_through_the_api(
    anouk, sanne, kees, daan, waiting, house, django_capture_on_commit_callbacks
) -> None:
    api = _api(sanne)
    start = timezone.now() + timedelta(days=2)
    response = api.post(
        "/api/v1/meetings",
        {
            "kind": "conference",
            "title": "Casustafel Kampen",
            "starts_at": start.isoformat(),
            "ends_at": (start + timedelta(hours=2)).isoformat(),
            "location": "Kampen",
            "chair": anouk.pk,
            "secretary": sanne.pk,
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    meeting_id = response.json()[0]["id"]
    case = waiting()
    base = f"/api/v1/meetings/{meeting_id}"
    response = api.post(
        base + "/items",
        {"case": case.pk, "goal": "Richting.", "decisions_needed": "Regie.", "themes": "Wonen."},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    item = response.json()["id"]
    refused = api.post(
        f"{base}/items/{item}/invitations",
        {"party": "politie", "justification": ""},
        content_type="application/json",
    )
    assert refused.status_code == 400
    assert refused["Content-Type"].startswith("application/problem+json")
    assert refused.json()["invalid_params"][0]["name"] == "justification"
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post(
            f"{base}/items/{item}/invitations",
            {"party": "politie", "justification": "Aangifte door de politie."},
            content_type="application/json",
        )
    assert response.status_code == 201 and response.json()["invitations"][0]["party"] == "politie"
    assert [m.to for m in mail.outbox] == [["kees@example.invalid"]]
    # The police see their item; GGZ sees nothing of this meeting.
    assert _api(kees).get(base).json()["items"][0]["id"] == item
    assert _api(daan).get(base).status_code == 404
    assert _api(daan).get(f"{base}/items/{item}").status_code == 404
    response = api.put(
        f"{base}/items/{item}/minutes", {"text": "Besproken."}, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["text"] == "Besproken."
    assert _api(kees).get(f"{base}/items/{item}/minutes").json()["text"] == "Besproken."
    assert _api(daan).get(f"{base}/items/{item}/minutes").status_code == 404
    response = api.post(
        f"{base}/items/{item}/decision",
        {"decision": "isd", "motivation": "ISD-traject."},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["outcome"] == "isd"
    assert fresh(case).phase == Phase.execution
    again = api.post(
        f"{base}/items/{item}/decision",
        {"decision": "isd", "motivation": "Nogmaals."},
        content_type="application/json",
    )
    assert again.status_code == 409
    invitation = Invitation.objects.get()
    response = api.delete(f"{base}/items/{item}/invitations/{invitation.pk}")
    assert response.status_code == 200 and response.json()["invitations"] == []
    response = api.post(f"{base}/cancellation")
    assert response.status_code == 200 and response.json()["status"] == "cancelled"
    assert Meeting.objects.get().sequence >= 2


class FailingBackend:
    def __init__(self, *args: object, **kwargs: object) -> None:
        pass

    def send_messages(self, messages: object) -> int:
        raise ConnectionRefusedError("the mail server is down")


def test_a_mail_server_that_is_down_does_not_undo_the_invitation(
    agenda,
    sanne,
    waiting,
    meeting,
    house,
    settings,
    login_client,
    django_capture_on_commit_callbacks,
) -> None:
    from tests.meetings.conftest import add_item

    settings.EMAIL_BACKEND = "tests.meetings.test_meeting_api.FailingBackend"
    item = add_item(sanne, meeting, waiting())
    with django_capture_on_commit_callbacks(execute=True):
        response = login_client(sanne).post(
            f"/overleggen/{meeting.pk}/punten/{item.pk}/uitnodigen/",
            {"invite-party": house["zwolle"].pk, "invite-justification": "Gemeente (Art. 2.1)."},
        )
    assert response.status_code == 302
    assert Invitation.objects.filter(item=item, party=house["zwolle"]).exists()
