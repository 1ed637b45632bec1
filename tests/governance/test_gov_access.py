"""Art. 23: a party that left has no access from the effective day (accounts middleware)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from schakel.parties.models import Membership

pytestmark = pytest.mark.django_db


def _leave(party, days_from_today: int) -> None:
    Membership.objects.filter(party=party).update(
        left_on=timezone.localdate() + timedelta(days=days_from_today)
    )


def test_still_access_before_the_effective_day(login_client, kees, house) -> None:
    _leave(house["police"], 1)
    client = login_client(kees)
    assert client.get("/").status_code == 200
    assert client.get("/api/v1/me").status_code == 200


@pytest.mark.parametrize("days", [0, -1, -400])
def test_no_access_on_and_after_the_effective_day(login_client, kees, house, days) -> None:
    client = login_client(kees)
    _leave(house["police"], days)
    left = timezone.localdate() + timedelta(days=days)
    for path in ("/", "/partijen/", "/bestuur/", "/partijen/dimence/", "/accounts/session/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"] == "/accounts/geen-deelname/"
        body = client.get(response["Location"]).content.decode()
        assert "Uw organisatie neemt sinds" in body and "niet meer deel aan het convenant" in body
        assert str(left.year) in body and "(Art. 23)" in body
        assert 'href="/partijen/"' not in body  # no navigation into the house
    api = client.get("/api/v1/me")
    assert api.status_code == 403
    assert api["Content-Type"] == "application/problem+json"
    assert api.json()["type"].endswith("/party-not-member")
    # Leaving still works.
    assert client.post("/accounts/logout/").status_code == 302


def test_house_staff_are_always_active(login_client, anouk) -> None:
    client = login_client(anouk)
    assert client.get("/").status_code == 200
    assert client.get("/accounts/geen-deelname/")["Location"] == "/"


def test_a_party_that_never_joined_has_no_access(login_client, olaf) -> None:
    client = login_client(olaf)
    assert client.get("/").status_code == 302
    page = client.get("/accounts/geen-deelname/")
    assert "neemt niet deel aan het convenant" in page.content.decode()
