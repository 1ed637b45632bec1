"""The Dutch governance screens: who sees what, forms, refusals, Annex 1 as PDF."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.utils import timezone
from pypdf import PdfReader

from schakel.domain.covenant import Body, Vote
from schakel.domain.parties import PartyDomain, PartyKind
from schakel.governance import services
from schakel.governance.models import Departure, JoinRequest, Motion
from schakel.parties.models import Membership
from tests.governance.helpers import act

pytestmark = pytest.mark.django_db


def _approved_join(house, covenant, marloes, gerrit, bodies) -> JoinRequest:
    request = services.join_request_create(
        actor=act(gerrit),
        covenant=covenant,
        organisation="Stichting Schuldhulp IJsselland",
        slug="schuldhulp",
        kind=PartyKind.partner,
        domain=PartyDomain.care,
        seat="Zwolle",
        address="Voorbeeldstraat 1, 8011 AA Zwolle",
        representative="Ria Smit",
        representative_function="directeur-bestuurder",
        contribution="Schuldhulp.",
        requested_on=date(2026, 1, 5),
    )
    services.join_request_inform_parties(actor=act(marloes), join_request=request)
    for key in ("police", "ggz", "zwolle"):
        services.join_consent_record(
            actor=act(marloes), join_request=request, party=house[key], agreed=True
        )
    meeting = services.meeting_create(
        actor=act(marloes), body=Body.STEERING_GROUP, held_on=timezone.localdate()
    )
    motion = services.motion_create(
        actor=act(marloes),
        body=Body.STEERING_GROUP,
        meeting=meeting,
        title="Toetreding",
        kind=Motion.Kind.JOIN,
        join_request=request,
    )
    for name in ("gerrit", "carla", "hans"):
        services.vote_cast(actor=act(marloes), motion=motion, vote=Vote.FOR, member=bodies[name])
    services.motion_decide(actor=act(marloes), motion=motion)
    request.refresh_from_db()
    return request


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("marloes", 200),
        ("gerrit", 200),
        ("jeroen", 200),
        ("femke", 200),
        ("kees", 200),
        ("anouk", 404),
        ("pieter", 404),
    ],
)
def test_governance_section_by_role(login_client, request, bodies, who, status) -> None:
    user = request.getfixturevalue(who)
    response = login_client(user).get("/bestuur/")
    assert response.status_code == status
    if status == 200:
        assert "Bestuur" in response.content.decode()


def test_nav_item_only_for_governance_roles(login_client, marloes, anouk) -> None:
    assert 'href="/bestuur/"' in login_client(marloes).get("/").content.decode()
    assert 'href="/bestuur/"' not in login_client(anouk).get("/").content.decode()


def test_meetings_are_not_public(login_client, marloes, carla, jeroen, kees, bodies) -> None:
    meeting = services.meeting_create(
        actor=act(marloes), body=Body.STEERING_GROUP, held_on=date(2026, 12, 10)
    )
    url = f"/bestuur/vergaderingen/{meeting.pk}/"
    assert login_client(carla).get(url).status_code == 200
    body = login_client(marloes).get(url).content.decode()
    assert "Vertrouwelijk" in body and "Carla Prins" in body
    assert login_client(jeroen).get(url).status_code == 404  # core group only
    assert login_client(kees).get(url).status_code == 404
    assert login_client(kees).get("/bestuur/besluiten/").status_code == 404


def test_join_request_form_errors_save_nothing(login_client, gerrit, bodies) -> None:
    client = login_client(gerrit)
    response = client.post("/bestuur/toetreding/", {"organisation": "", "slug": "Niet Goed"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Er is niets opgeslagen" in body and "utrecht-form-field--invalid" in body
    assert not JoinRequest.objects.exists()
    response = client.post(
        "/bestuur/toetreding/",
        {
            "organisation": "Stichting Nieuw",
            "slug": "nieuw",
            "kind": "partner",
            "domain": "care",
            "seat": "Deventer",
            "address": "Brink 1",
            "representative": "A",
            "representative_function": "directeur",
            "contribution": "Hulp bij schulden.",
            "requested_on": "2026-11-01",
        },
    )
    assert response.status_code == 302
    assert JoinRequest.objects.get().received_via == Body.STEERING_GROUP.value


def test_delegate_answers_for_own_party(
    login_client, house, covenant, marloes, gerrit, kees, bodies
) -> None:
    request = services.join_request_create(
        actor=act(gerrit),
        covenant=covenant,
        organisation="Stichting Nieuw",
        slug="nieuw",
        kind=PartyKind.partner,
        domain=PartyDomain.care,
        seat="x",
        address="x",
        representative="x",
        representative_function="x",
        contribution="x",
        requested_on=date(2026, 1, 1),
    )
    services.join_request_inform_parties(actor=act(marloes), join_request=request)
    client = login_client(kees)
    assert "Stichting Nieuw" in client.get("/bestuur/").content.decode()
    page = client.get(f"/bestuur/toetreding/{request.pk}/").content.decode()
    assert "Politie Regionale Eenheid Oost-Nederland" in page
    assert "Stichting Dimence" not in page  # a delegate does not see the other parties' answers
    forged = client.post(
        f"/bestuur/toetreding/{request.pk}/",
        {"action": "consent", "party": house["ggz"].pk, "answer": "agreed"},
    )
    assert forged.status_code == 200 and not request.consents.exists()
    client.post(
        f"/bestuur/toetreding/{request.pk}/",
        {"action": "consent", "party": house["police"].pk, "answer": "agreed"},
    )
    assert request.consents.get().party == house["police"]
    assert login_client(kees).get("/bestuur/toetreding/").status_code == 404


def test_blocked_decision_says_why(login_client, house, marloes, bodies) -> None:
    meeting = services.meeting_create(
        actor=act(marloes), body=Body.STEERING_GROUP, held_on=timezone.localdate()
    )
    motion = services.motion_create(
        actor=act(marloes),
        body=Body.STEERING_GROUP,
        meeting=meeting,
        title="Werkproces aanpassen",
        affects=[house["ggz"]],
    )
    services.attendance_set(
        actor=act(marloes), meeting=meeting, absent_member_ids=[bodies["carla"].pk]
    )
    client = login_client(marloes)
    page = client.get(f"/bestuur/voorstellen/{motion.pk}/").content.decode()
    assert "in belangrijke mate treffen" in page  # the preview warns before anyone decides
    response = client.post(f"/bestuur/voorstellen/{motion.pk}/", {"action": "decide"}, follow=True)
    assert "Eerst moet Stichting Dimence gehoord worden" in response.content.decode()
    motion.refresh_from_db()
    assert motion.status == Motion.Status.OPEN


def test_annex1_pdf(login_client, house, covenant, marloes, gerrit, bodies, kees) -> None:
    request = _approved_join(house, covenant, marloes, gerrit, bodies)
    response = login_client(marloes).get(f"/bestuur/toetreding/{request.pk}/bijlage-1.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "Stichting Schuldhulp IJsselland" in text
    assert "Toetredingsformulier" in text and "Voorbeeldstraat 1" in text
    assert (
        login_client(kees).get(f"/bestuur/toetreding/{request.pk}/bijlage-1.pdf").status_code == 404
    )


def test_annex1_pdf_not_before_approval(login_client, covenant, gerrit, marloes, bodies) -> None:
    request = services.join_request_create(
        actor=act(gerrit),
        covenant=covenant,
        organisation="Stichting Nieuw",
        slug="nieuw",
        kind=PartyKind.partner,
        domain=PartyDomain.care,
        seat="x",
        address="x",
        representative="x",
        representative_function="x",
        contribution="x",
        requested_on=date(2026, 1, 1),
    )
    assert (
        login_client(marloes).get(f"/bestuur/toetreding/{request.pk}/bijlage-1.pdf").status_code
        == 404
    )


def test_notice_form_shows_the_effective_date(login_client, house, kees) -> None:
    client = login_client(kees)
    bad = client.post("/bestuur/opzegging/", {"party": house["police"].pk, "kind": "notice"})
    assert bad.status_code == 200 and not Departure.objects.exists()
    client.post(
        "/bestuur/opzegging/",
        {"party": house["police"].pk, "kind": "notice", "given_on": "2027-07-01"},
    )
    page = client.get("/bestuur/opzegging/").content.decode()
    assert "1 januari 2029" in page
    assert Membership.objects.get(party=house["police"]).left_on == date(2029, 1, 1)


def test_register_shows_term(login_client, femke, house) -> None:
    body = login_client(femke).get("/bestuur/convenant/").content.decode()
    assert "Volgende verlenging" in body and "1 maart 2027" in body


def test_secretary_runs_a_meeting(login_client, marloes, bodies, house) -> None:
    client = login_client(marloes)
    response = client.post(
        "/bestuur/vergaderingen/",
        {"body": "steering_group", "held_on": "2026-12-10", "location": "Stadhuis Zwolle"},
    )
    assert response.status_code == 302
    url = response["Location"]
    client.post(url, {"action": "agenda", "agenda-title": "Jaarplan 2027"})
    client.post(
        url,
        {
            "action": "motion",
            "motion-title": "Bijdrage verhogen",
            "motion-raises_contribution": "on",
        },
    )
    motion = Motion.objects.get()
    assert motion.raises_contribution
    murl = f"/bestuur/voorstellen/{motion.pk}/"
    client.post(
        murl,
        {"action": "record", **{f"m{bodies[n].pk}": "for" for n in ("gerrit", "carla", "hans")}},
    )
    client.post(murl, {"action": "decide"})
    motion.refresh_from_db()
    assert motion.result == "adopted" and motion.refer_to_dvo
    register = client.get("/bestuur/besluiten/").content.decode()
    assert "Bijdrage verhogen" in register and "Districtelijk Veiligheidsoverleg" in register
    client.post(url, {"action": "minutes", "minutes-text": "Besproken."})
    client.post(url, {"action": "distribute"})
    assert "verstuurd" in client.get(url).content.decode()


def test_annual_plan_screens(login_client, marloes, gerrit, bodies) -> None:
    client = login_client(marloes)
    client.post("/bestuur/jaarplan/2027/", {"action": "save", "vision": "Samen veilig"})
    assert "Samen veilig" in client.get("/bestuur/jaarplan/2027/").content.decode()
    assert login_client(gerrit).get("/bestuur/jaarplan/2027/").status_code == 200


def test_exclusion_through_the_screens(login_client, house, marloes, bodies) -> None:
    meeting = services.meeting_create(
        actor=act(marloes), body=Body.STEERING_GROUP, held_on=timezone.localdate()
    )
    client = login_client(marloes)
    response = client.post(
        "/bestuur/opzegging/",
        {
            "action": "exclusion",
            "ex-party": house["ggz"].pk,
            "ex-breach": "Geen afgevaardigde.",
            "ex-notice_of_default_on": "2026-01-10",
            "ex-meeting": meeting.pk,
        },
    )
    assert response.status_code == 302
    motion = Motion.objects.get(kind=Motion.Kind.EXCLUSION)
    url = f"/bestuur/voorstellen/{motion.pk}/"
    client.post(
        url,
        {
            "action": "record",
            **{f"m{bodies[n].pk}": "for" for n in ("gerrit", "hans")},
            f"m{bodies['carla'].pk}": "against",
        },
    )
    page = client.post(url, {"action": "decide"}, follow=True).content.decode()
    assert "niet gehoord" in page  # Art. 23.2: not before the party was heard
    assert Membership.objects.get(party=house["ggz"]).left_on is None


def test_withdrawal_and_resigning_through_the_screens(
    login_client, house, covenant, marloes, bodies
) -> None:
    services.meeting_create(
        actor=act(marloes), body=Body.STEERING_GROUP, held_on=timezone.localdate()
    )
    client = login_client(marloes)
    client.post(
        "/bestuur/convenant/wijziging/",
        {"title": "Doel verbreed", "articles_changed": "2", "effective_on": "2027-09-01"},
    )
    amendment = services.plans.Amendment.objects.get()
    client.post("/bestuur/convenant/", {"action": "propose", "amendment": amendment.pk})
    motion = Motion.objects.get(kind=Motion.Kind.AMENDMENT)
    url = f"/bestuur/voorstellen/{motion.pk}/"
    client.post(
        url,
        {"action": "record", **{f"m{bodies[n].pk}": "for" for n in ("gerrit", "carla", "hans")}},
    )
    client.post(url, {"action": "decide"})
    amendment.refresh_from_db()
    assert amendment.adopted_on is not None
    page = client.get("/bestuur/convenant/").content.decode()
    assert "nog te tekenen" in page
    missing = client.post(
        "/bestuur/opzegging/",
        {"party": house["ggz"].pk, "kind": "withdrawal", "given_on": "2027-08-01"},
    )
    assert "Kies de wijziging" in missing.content.decode()
    client.post(
        "/bestuur/opzegging/",
        {
            "party": house["ggz"].pk,
            "kind": "withdrawal",
            "given_on": "2027-08-01",
            "amendment": amendment.pk,
        },
    )
    assert Departure.objects.get().effective_on == date(2027, 9, 1)
    for key in ("police", "zwolle"):
        client.post(
            "/bestuur/convenant/",
            {
                "action": "signature",
                "party": house[key].pk,
                "signed_on": "2027-08-15",
                "signed_by": "Bestuurder",
                "amendment": amendment.pk,
            },
        )
    page = client.get("/bestuur/convenant/").content.decode()
    assert "van kracht op 1 september 2027" in page


def test_escalated_matter_is_scheduled_at_the_steering_group(
    login_client, marloes, bodies, mailoutbox
) -> None:
    cg = services.meeting_create(
        actor=act(marloes), body=Body.CORE_GROUP, held_on=timezone.localdate()
    )
    motion = services.motion_create(
        actor=act(marloes), body=Body.CORE_GROUP, meeting=cg, title="Agenda casustafels"
    )
    services.vote_cast(actor=act(marloes), motion=motion, vote=Vote.FOR, member=bodies["jeroen"])
    services.vote_cast(
        actor=act(marloes), motion=motion, vote=Vote.AGAINST, member=bodies["marloes_cg"]
    )
    services.motion_decide(actor=act(marloes), motion=motion)
    sg = services.meeting_create(
        actor=act(marloes), body=Body.STEERING_GROUP, held_on=timezone.localdate()
    )
    client = login_client(marloes)
    page = client.get(f"/bestuur/vergaderingen/{sg.pk}/").content.decode()
    assert "Agenda casustafels" in page and "opgeschaald" in page
    follow_up = Motion.objects.get(escalated_from=motion)
    client.post(f"/bestuur/vergaderingen/{sg.pk}/", {"action": "schedule", "motion": follow_up.pk})
    follow_up.refresh_from_db()
    assert follow_up.meeting == sg
    client.post(
        f"/bestuur/vergaderingen/{sg.pk}/",
        {"action": "attendance", "att-absent": [str(bodies["carla"].pk)]},
    )
    assert any("schriftelijk inbreng" in m.body for m in mailoutbox)
    assert mailoutbox[-1].to == ["carla@example.invalid"]


def test_annex1_signatures_with_signed_copy(
    login_client, house, covenant, marloes, gerrit, bodies, settings, tmp_path
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from schakel.governance.models import Signature

    settings.MEDIA_ROOT = tmp_path
    request = _approved_join(house, covenant, marloes, gerrit, bodies)
    day = timezone.localdate().isoformat()
    response = login_client(marloes).post(
        f"/bestuur/toetreding/{request.pk}/",
        {
            "action": "annex1",
            "organisation_signed_on": day,
            "chair_signed_on": day,
            "signed_copy": SimpleUploadedFile("bijlage1.pdf", b"%PDF-1.4 getekend"),
        },
    )
    assert response.status_code == 302
    request.refresh_from_db()
    signature = Signature.objects.get(party=request.party)
    assert signature.signed_copy.read() == b"%PDF-1.4 getekend"
