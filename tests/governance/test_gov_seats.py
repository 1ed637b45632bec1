"""Seats in the Stuurgroep and the Kerngroepoverleg (Art. 4.3, 6.3, 6.5): service, screen, API."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from schakel.domain.covenant import Body, CoreRole
from schakel.domain.roles import Role
from schakel.governance import selectors, services
from schakel.governance.models import BodyMember
from schakel.governance.services import GovernanceRefused
from tests.conftest import _person
from tests.governance.helpers import act

pytestmark = pytest.mark.django_db
CG = Body.CORE_GROUP
SINCE = date(2022, 3, 1)


def _delegate(house, n: int):
    return _person(house, f"gem{n}", "zwolle", Role.core_group_member, f"Gem{n}", "Test")


def _municipal(marloes, house, user):
    return services.body_member_add(
        actor=act(marloes),
        body=CG,
        user=user,
        core_role=CoreRole.MUNICIPAL_DELEGATE,
        mandated_by=[house["zwolle"]],
        mandate_accepted_in_writing=True,
        since=SINCE,
    )


# --- Service ------------------------------------------------------------------------------------


def test_the_functional_administrator_grants_and_ends_a_seat(house, femke, bodies) -> None:
    user = _delegate(house, 1)
    seat = _municipal(femke, house, user)
    assert list(seat.mandated_by.all()) == [house["zwolle"]]
    services.body_member_end(actor=act(femke), member=seat, until=date(2026, 1, 1))
    seat.refresh_from_db()
    assert seat.until == date(2026, 1, 1)
    assert not selectors.active_members(CG, date(2026, 1, 1)).filter(pk=seat.pk).exists()
    assert selectors.active_members(CG, date(2025, 12, 31)).filter(pk=seat.pk).exists()
    with pytest.raises(GovernanceRefused, match="al beëindigd"):
        services.body_member_end(actor=act(femke), member=seat, until=date(2026, 2, 1))


def test_a_member_of_a_body_may_not_keep_the_seats(house, gerrit, bodies) -> None:
    with pytest.raises(PermissionDenied):
        services.body_member_end(actor=act(gerrit), member=bodies["carla"], until=date(2026, 1, 1))


def test_mandate_rules(house, marloes, bodies) -> None:
    user = _delegate(house, 1)
    with pytest.raises(GovernanceRefused, match=r"gemandateerd door gemeenten \(art\. 6\.5\)"):
        services.body_member_add(
            actor=act(marloes),
            body=CG,
            user=user,
            core_role=CoreRole.MUNICIPAL_DELEGATE,
            since=SINCE,
        )
    with pytest.raises(GovernanceRefused, match="Alleen gemeenten"):
        services.body_member_add(
            actor=act(marloes),
            body=CG,
            user=user,
            core_role=CoreRole.MUNICIPAL_DELEGATE,
            mandated_by=[house["police"]],
            since=SINCE,
        )
    with pytest.raises(GovernanceRefused, match="Kerngroepoverleg"):
        services.body_member_add(
            actor=act(marloes),
            body=Body.STEERING_GROUP,
            user=user,
            core_role=CoreRole.MUNICIPAL_DELEGATE,
            mandated_by=[house["zwolle"]],
            since=SINCE,
        )
    assert not BodyMember.objects.filter(user=user).exists()


def test_an_ended_seat_frees_a_place_for_a_fourth_delegate(house, marloes, bodies) -> None:
    seats = [_municipal(marloes, house, _delegate(house, n)) for n in range(3)]
    fourth = _delegate(house, 3)
    with pytest.raises(GovernanceRefused, match=r"ten hoogste 3"):
        _municipal(marloes, house, fourth)
    services.body_member_end(actor=act(marloes), member=seats[0], until=date(2024, 1, 1))
    services.body_member_add(
        actor=act(marloes),
        body=CG,
        user=fourth,
        core_role=CoreRole.MUNICIPAL_DELEGATE,
        mandated_by=[house["zwolle"]],
        since=date(2024, 1, 1),
    )


# --- Screen -------------------------------------------------------------------------------------


def _form(**extra):
    data = {"body": "core_group", "since": "2026-01-01", "seat": "", "core_role": ""}
    data.update(extra)
    return data


def test_screen_grants_a_mandated_delegate(login_client, house, marloes, bodies) -> None:
    user = _delegate(house, 1)
    client = login_client(marloes)
    page = client.get("/bestuur/zetels/")
    assert page.status_code == 200 and "Zetels in de organen" in page.content.decode()
    response = client.post(
        "/bestuur/zetels/",
        _form(
            user=user.pk,
            party=house["zwolle"].pk,
            core_role="municipal_delegate",
            mandated_by=[house["zwolle"].pk],
            mandate_accepted_in_writing="on",
        ),
    )
    assert response.status_code == 302
    seat = BodyMember.objects.get(user=user)
    assert seat.core_role == "municipal_delegate" and seat.mandate_accepted_in_writing
    listing = client.get("/bestuur/zetels/").content.decode()
    assert "Gem1 Test" in listing and "schriftelijk aanvaard" in listing


def test_screen_bad_input_is_shown_next_to_the_field(login_client, house, femke, bodies) -> None:
    user = _delegate(house, 1)
    client = login_client(femke)
    response = client.post("/bestuur/zetels/", _form(user=user.pk, core_role="municipal_delegate"))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_mandated_by_error"' in html
    assert "Een gemeentelijk afgevaardigde is gemandateerd door gemeenten (art. 6.5)." in html
    response = client.post("/bestuur/zetels/", _form(user=user.pk, since="gisteren"))
    assert 'id="id_since_error"' in response.content.decode()
    assert not BodyMember.objects.filter(user=user).exists()


def test_screen_shows_the_covenant_refusal_next_to_the_role(login_client, house, marloes, bodies):
    for n in range(3):
        _municipal(marloes, house, _delegate(house, n))
    fourth = _delegate(house, 3)
    response = login_client(marloes).post(
        "/bestuur/zetels/",
        _form(user=fourth.pk, core_role="municipal_delegate", mandated_by=[house["zwolle"].pk]),
    )
    html = response.content.decode()
    assert 'id="id_core_role_error"' in html and "ten hoogste 3" in html
    assert not BodyMember.objects.filter(user=fourth).exists()


def test_screen_ends_a_seat(login_client, marloes, bodies) -> None:
    seat = bodies["carla"]
    client = login_client(marloes)
    url = f"/bestuur/zetels/{seat.pk}/einde/"
    assert client.get(url).status_code == 200
    early = client.post(url, {"until": "2020-01-01"})
    assert 'id="id_until_error"' in early.content.decode()
    assert "De zetel eindigt na de datum waarop hij begon." in early.content.decode()
    seat.refresh_from_db()
    assert seat.until is None
    assert client.post(url, {"until": "2026-07-01"}).status_code == 302
    seat.refresh_from_db()
    assert seat.until == date(2026, 7, 1)


@pytest.mark.parametrize("who", ["gerrit", "jeroen", "kees", "anouk"])
def test_screen_is_not_found_for_others(request, login_client, bodies, who) -> None:
    client = login_client(request.getfixturevalue(who))
    assert client.get("/bestuur/zetels/").status_code == 404
    assert client.post("/bestuur/zetels/", _form()).status_code == 404
    assert client.post(f"/bestuur/zetels/{bodies['carla'].pk}/einde/").status_code == 404


# --- API ----------------------------------------------------------------------------------------


def _post(client, url, data):
    return client.post(url, data=json.dumps(data), content_type="application/json")


def test_api_seats(login_client, house, marloes, gerrit, bodies) -> None:
    user = _delegate(house, 1)
    client = login_client(marloes)
    listing = client.get("/api/v1/governance/seats").json()
    assert {s["user"] for s in listing} >= {"gerrit", "jeroen"}
    body = {
        "body": "core_group",
        "user": user.username,
        "party": "gemeente-zwolle",
        "core_role": "municipal_delegate",
        "mandated_by": ["gemeente-zwolle"],
        "mandate_accepted_in_writing": True,
        "since": "2026-01-01",
    }
    created = _post(client, "/api/v1/governance/seats", body)
    assert created.status_code == 201, created.content
    assert created.json()["mandated_by"] == ["gemeente-zwolle"]
    again = _post(client, "/api/v1/governance/seats", body)
    assert again.status_code == 409
    assert again["Content-Type"].startswith("application/problem+json")
    assert any("heeft al een zetel" in r for r in again.json()["reasons"])
    seat_id = created.json()["id"]
    ended = _post(client, f"/api/v1/governance/seats/{seat_id}/end", {"until": "2026-06-01"})
    assert ended.status_code == 200 and ended.json()["until"] == "2026-06-01"
    bad = _post(client, "/api/v1/governance/seats", {**body, "mandated_by": ["onbekend"]})
    assert bad.status_code == 400
    other = login_client(gerrit)
    assert other.get("/api/v1/governance/seats").status_code == 404
    assert _post(other, "/api/v1/governance/seats", body).status_code == 404
