"""The "Betrokken partijen" panel: invitations with a justification, removal with a
confirmation that ends the party's access at once (issue #4 item 3, Art. 12.2e, 15.2)."""

from __future__ import annotations

import pytest

from schakel.accounts.selectors import actor_for
from schakel.cases.models import Case, CaseParty, CaseRelationKind
from schakel.cases.selectors import case_get_for
from schakel.domain.workflow import Phase
from tests.sharing.conftest import CTX, fresh_user

pytestmark = pytest.mark.django_db

JUSTIFICATION = "Reclassering houdt toezicht; rechtstreeks betrokken bij de aanpak."


@pytest.fixture
def prepared(case: Case) -> Case:
    case.phase = Phase.preparation
    case.save()
    return case


def test_everyone_who_reads_the_case_sees_who_takes_part_and_why(
    login_client, case, kees, daan
) -> None:
    for user in (kees, daan):
        body = login_client(user).get(f"/casussen/{case.pk}/").content.decode()
        assert 'data-testid="case-parties"' in body
        assert "Betrokken bij de zorg; rechtstreeks betrokken (Art. 12.2e)." in body
        assert "/partijen/uitnodigen/" not in body  # delegates only read the panel


def test_process_director_invites_with_a_justification(
    login_client, prepared, anouk, rik, house
) -> None:
    client = login_client(anouk)
    page = client.get(f"/casussen/{prepared.pk}/").content.decode()
    url = f"/informatie/casus/{prepared.pk}/partijen/uitnodigen/"
    # The case page links to the invitation; the list of parties is on that page (issue #9).
    assert f'href="{url}">Een partij uitnodigen</a>' in page and 'name="invite-party"' not in page
    form = client.get(url).content.decode()
    assert 'name="invite-party"' in form and "Reclassering Nederland" in form
    bad = client.post(url, {"invite-party": house["reclassering"].pk, "invite-justification": ""})
    assert bad.status_code == 400 and "utrecht-form-field--invalid" in bad.content.decode()
    assert not CaseParty.objects.filter(party=house["reclassering"]).exists()
    assert case_get_for(actor=actor_for(rik), case_id=prepared.pk, ctx=CTX) is None
    ok = client.post(
        url, {"invite-party": house["reclassering"].pk, "invite-justification": JUSTIFICATION}
    )
    assert ok.status_code == 302 and ok["Location"] == f"/casussen/{prepared.pk}/"
    row = CaseParty.objects.get(party=house["reclassering"], relation=CaseRelationKind.invited)
    assert row.justification == JUSTIFICATION and row.added_by == anouk
    assert case_get_for(actor=actor_for(fresh_user(rik)), case_id=prepared.pk, ctx=CTX)


def test_removal_needs_confirmation_and_ends_access_at_once(
    login_client, prepared, anouk, daan, house
) -> None:
    row = CaseParty.objects.get(party=house["ggz"])
    ggz = login_client(daan)
    assert ggz.get(f"/casussen/{prepared.pk}/").status_code == 200
    client = login_client(anouk)
    url = f"/informatie/casus/{prepared.pk}/partijen/{row.pk}/beeindigen/"
    confirm = client.get(url)
    assert confirm.status_code == 200 and "Stichting Dimence" in confirm.content.decode()
    unconfirmed = client.post(url, {"expected_version": prepared.version})
    assert unconfirmed.status_code == 400
    row.refresh_from_db()
    assert row.removed_at is None
    done = client.post(url, {"expected_version": prepared.version, "confirm": "on"})
    assert done.status_code == 302
    row.refresh_from_db()
    assert row.removed_at is not None
    # The very next request of the GGZ delegate no longer finds the case.
    assert ggz.get(f"/casussen/{prepared.pk}/").status_code == 404
    assert client.get(url).status_code == 404  # the involvement has ended


def test_stale_version_is_refused(login_client, prepared, anouk, house) -> None:
    row = CaseParty.objects.get(party=house["ggz"])
    url = f"/informatie/casus/{prepared.pk}/partijen/{row.pk}/beeindigen/"
    stale = login_client(anouk).post(url, {"expected_version": 0 + 99, "confirm": "on"})
    assert stale.status_code == 409
    row.refresh_from_db()
    assert row.removed_at is None


def test_referrer_and_case_director_party_stay(
    login_client, prepared, anouk, kees, daan, house
) -> None:
    prepared.case_director = daan
    prepared.save()
    director_row = CaseParty.objects.create(
        case=prepared,
        party=house["ggz"],
        relation=CaseRelationKind.case_director,
        justification="Partij van de casusregisseur (Art. 13.1).",
        added_by=anouk,
        added_at=prepared.updated_at,
    )
    referrer = CaseParty.objects.get(party=house["police"], relation=CaseRelationKind.referrer)
    client = login_client(anouk)
    for row in (referrer, director_row):
        url = f"/informatie/casus/{prepared.pk}/partijen/{row.pk}/beeindigen/"
        page = client.get(url).content.decode()
        assert "Deze betrokkenheid kan niet worden beëindigd." in page
        refused = client.post(url, {"expected_version": prepared.version, "confirm": "on"})
        assert refused.status_code == 400
        row.refresh_from_db()
        assert row.removed_at is None


def test_others_get_404(login_client, prepared, kees, bram, house) -> None:
    row = CaseParty.objects.get(party=house["ggz"])
    for user in (kees, bram):
        client = login_client(user)
        assert (
            client.get(f"/informatie/casus/{prepared.pk}/partijen/uitnodigen/").status_code == 404
        )
        url = f"/informatie/casus/{prepared.pk}/partijen/{row.pk}/beeindigen/"
        assert client.post(url, {"expected_version": 1, "confirm": "on"}).status_code == 404
    row.refresh_from_db()
    assert row.removed_at is None
