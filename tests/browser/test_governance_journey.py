"""Governance in the browser (Art. 21, 23): an organisation joins; a party gives notice and loses
access on the effective date. axe-core checks every page on the way."""

from __future__ import annotations

import io
from datetime import date
from unittest import mock

import pytest
from django.utils import timezone
from pypdf import PdfReader

from schakel.accounts.selectors import actor_for
from schakel.domain.covenant import Body
from schakel.domain.roles import Role
from schakel.governance import services
from schakel.governance.models import JoinRequest
from schakel.parties.models import Party
from schakel.parties.selectors import party_is_member
from tests.conftest import _person

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def board(house):
    """The manager (secretary) and a Stuurgroep of three."""
    marloes = _person(house, "marloes", "house", Role.manager, "Marloes", "van Dijk")
    secretary = actor_for(marloes)
    for username, party, first, last in [
        ("gerrit", "zwolle", "Gerrit", "Hoekstra"),
        ("carla", "ggz", "Carla", "Prins"),
        ("hans", "police", "Hans", "Wolters"),
    ]:
        user = _person(house, username, party, Role.steering_group_member, first, last)
        services.body_member_add(
            actor=secretary,
            body=Body.STEERING_GROUP,
            user=user,
            party=house[party],
            since=date(2022, 3, 1),
        )
    return marloes


def test_an_organisation_joins(visit, house, board, kees, no_2fa) -> None:
    today = timezone.localdate().isoformat()
    manager = visit()
    manager.login("marloes")
    page = manager.page
    page.get_by_role("link", name="Bestuur", exact=True).click()
    manager.check()
    page.get_by_role("link", name="Toetreding", exact=True).click()
    manager.check()

    # Art. 21.2: the request, recorded by the manager (a member of the core group).
    page.get_by_label("Organisatie").fill("Stichting Schuldhulp IJsselland")
    page.get_by_label("Korte naam").fill("schuldhulp-ijsselland")
    page.get_by_label("Statutair gevestigd te").fill("Zwolle")
    page.get_by_label("Kantooradres").fill("Voorbeeldstraat 1, 8011 AA Zwolle")
    page.get_by_label("Bevoegde vertegenwoordiger").fill("Ria Smit")
    page.get_by_label("Functie").fill("directeur-bestuurder")
    page.get_by_label("Bijdrage aan de doelen van artikel 2").fill("Schuldhulp bij complexe zaken.")
    page.get_by_label("Aangevraagd op").fill(today)
    page.get_by_role("button", name="Vastleggen").click()
    page.wait_for_load_state("load")
    manager.check()
    assert "Verzoek tot toetreding van Stichting Schuldhulp IJsselland" in page.inner_text("h1")
    detail_url = page.url

    # Art. 21.3: all parties informed beforehand; two answer by letter, recorded by the manager.
    page.get_by_role("button", name="Alle partijen informeren").click()
    page.wait_for_load_state("load")
    manager.check()
    for party in ("Stichting Dimence", "Gemeente Zwolle"):
        page.get_by_label("Partij", exact=True).select_option(label=party)
        page.get_by_label("Antwoord", exact=True).select_option("agreed")
        page.get_by_role("button", name="Antwoord vastleggen").click()
        page.wait_for_load_state("load")
        manager.check()
    assert "2 van 3 partijen akkoord" in page.inner_text("main")
    assert page.get_by_role("button", name="Agenderen").count() == 0  # not all agreed yet

    # The police answer themselves: their delegate sees the question on the governance page.
    police = visit()
    police.login("kees")
    police.page.get_by_role("link", name="Bestuur", exact=True).click()
    police.check()
    police.page.get_by_role(
        "link", name="Verzoek tot toetreding van Stichting Schuldhulp IJsselland"
    ).click()
    police.check()
    police.page.get_by_label("Antwoord", exact=True).select_option("agreed")
    police.page.get_by_role("button", name="Antwoord vastleggen").click()
    police.page.wait_for_load_state("load")
    police.check()

    # Art. 21.4: now the steering group decides, at a meeting.
    manager.goto("/bestuur/vergaderingen/")
    page.get_by_label("Orgaan", exact=True).select_option("steering_group")
    page.get_by_label("Datum", exact=True).fill(today)
    page.get_by_label("Locatie").fill("Stadhuis Zwolle")
    page.get_by_role("button", name="Plannen").click()
    page.wait_for_load_state("load")
    manager.check()
    manager.goto(detail_url.replace(manager.base_url, ""))
    assert "3 van 3 partijen akkoord" in page.inner_text("main")
    page.get_by_label("Vergadering", exact=True).select_option(index=1)
    page.get_by_role("button", name="Agenderen").click()
    page.wait_for_load_state("load")
    manager.check()
    page.get_by_role("link", name="Toetreding van Stichting Schuldhulp IJsselland").click()
    manager.check()
    for name in ("Gerrit Hoekstra", "Carla Prins", "Hans Wolters"):
        page.get_by_label(name).select_option("for")
    page.get_by_role("button", name="Stemmen vastleggen").click()
    page.wait_for_load_state("load")
    manager.check()
    page.get_by_role("button", name="Besluit vastleggen").click()
    page.wait_for_load_state("load")
    manager.check()
    assert "Aangenomen" in page.inner_text("main") and "consensus" in page.inner_text("main")
    manager.screenshot("governance-join-decision")

    # Bijlage 1, filled in with the organisation's details, as a PDF.
    manager.goto(detail_url.replace(manager.base_url, ""))
    link = page.get_by_role("link", name="Bijlage 1 downloaden")
    pdf = page.request.get(manager.base_url + link.get_attribute("href")).body()
    assert pdf.startswith(b"%PDF")
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "Stichting Schuldhulp IJsselland" in text and "Ria Smit" in text
    page.get_by_label("Getekend door de organisatie op").fill(today)
    page.get_by_label("Getekend door de voorzitter van de Stuurgroep op").fill(today)
    page.get_by_role("button", name="Ondertekening vastleggen").click()
    page.wait_for_load_state("load")
    manager.check()
    assert "Toegetreden" in page.inner_text("main")
    joined = Party.objects.get(slug="schuldhulp-ijsselland")
    assert party_is_member(party_id=joined.pk, on=timezone.localdate())
    assert JoinRequest.objects.get().party == joined


def test_a_party_gives_notice_and_loses_access(visit, house, kees, no_2fa) -> None:
    v = visit()
    v.login("kees")
    page = v.page
    page.get_by_role("link", name="Bestuur", exact=True).click()
    v.check()
    page.get_by_role("link", name="Opzegging en uittreden").click()
    v.check()
    given = date(2027, 7, 1)  # one day after 30 June: a year later (Art. 23.1b)
    page.get_by_label("Soort", exact=True).select_option("notice")
    page.get_by_label("Datum van de brief").fill(given.isoformat())
    page.get_by_role("button", name="Opzegging vastleggen").click()
    page.wait_for_load_state("load")
    v.check()
    assert "1 januari 2029" in page.inner_text("main")
    v.screenshot("governance-notice")

    # The day before the effective date: still access.
    with mock.patch("django.utils.timezone.localdate", return_value=date(2028, 12, 31)):
        v.goto("/partijen/")
        assert page.get_by_role("heading", level=1).inner_text() == "Partijen"
    # On the effective date: nothing but the explanation and the way out.
    with mock.patch("django.utils.timezone.localdate", return_value=date(2029, 1, 1)):
        for path in ("/", "/partijen/", "/bestuur/"):
            v.goto(path)
            assert page.get_by_role("heading", level=1).inner_text() == "Geen toegang"
            assert (
                "Uw organisatie neemt sinds 1 januari 2029 niet meer deel aan het convenant "
                "(Art. 23)." in page.inner_text("main")
            )
            assert page.get_by_role("link", name="Partijen").count() == 0
        v.screenshot("governance-no-access")
        page.get_by_role("button", name="Uitloggen").click()
        page.wait_for_url("**/accounts/login/")
        v.check()
