"""The sharing screens: 404 for what one may not see, errors next to fields, the access log."""

from __future__ import annotations

import pytest

from schakel.audit.models import AuditEvent
from schakel.audit.record import subject_pseudonym
from schakel.cases.models import CaseSubject
from schakel.sharing.models import InformationItem, Release, ReleaseState
from tests.sharing.conftest import approve, propose

pytestmark = pytest.mark.django_db


def test_case_page_lists_items_for_the_provider_only(login_client, case, item, daan, kees) -> None:
    page = login_client(daan).get(f"/casussen/{case.pk}/")
    assert page.status_code == 200 and "Behandelcontext" in page.content.decode()
    page = login_client(kees).get(f"/casussen/{case.pk}/")
    assert page.status_code == 200 and "Behandelcontext" not in page.content.decode()


def test_the_item_page_reads_in_a_bounded_number_of_queries(
    login_client, item, daan, anouk, house, django_assert_max_num_queries
) -> None:
    """The provider's item page, with a release proposed and one approved: the facts are
    computed once (not per question asked of the item), the read audited in one append."""
    propose(anouk, item, house["police"])
    approve(daan, propose(anouk, item, house["zwolle"]))
    client = login_client(daan)
    client.get("/")  # warm the session and the actor
    with django_assert_max_num_queries(17):  # 16 on SQLite; PostgreSQL adds the chain lock
        page = client.get(f"/informatie/{item.pk}/")
    assert page.status_code == 200
    assert AuditEvent.objects.filter(
        object_type="information_item", object_id=str(item.pk), action="read"
    ).exists()


def test_add_an_item_through_the_form(login_client, case, daan) -> None:
    client = login_client(daan)
    assert client.get(f"/informatie/casus/{case.pk}/nieuw/").status_code == 200
    bad = client.post(f"/informatie/casus/{case.pk}/nieuw/", {"title": "", "kind": "fact"})
    assert bad.status_code == 400 and "utrecht-form-field--invalid" in bad.content.decode()
    ok = client.post(
        f"/informatie/casus/{case.pk}/nieuw/",
        {
            "title": "Risico",
            "kind": "risk",
            "content": "Dreigt met geweld.",
            "regime": "avg",
            "conditions_of_use": "Niet verder verstrekken.",
        },
    )
    item = InformationItem.objects.get()
    assert ok.status_code == 302 and ok["Location"] == f"/informatie/{item.pk}/"


def test_uninvolved_party_gets_404_on_add_and_item(login_client, case, item, rik) -> None:
    client = login_client(rik)
    assert client.get(f"/informatie/casus/{case.pk}/nieuw/").status_code == 404
    assert client.get(f"/informatie/{item.pk}/").status_code == 404
    assert client.get("/informatie/999999/").status_code == 404
    assert AuditEvent.objects.filter(action="denied", user_id=rik.pk).count() == 3


def test_release_through_the_screens(login_client, item, daan, kees, anouk, house) -> None:
    assert login_client(kees).get(f"/informatie/{item.pk}/").status_code == 404
    pd = login_client(anouk)
    bad = pd.post(f"/informatie/{item.pk}/voorstel/", {"propose-purpose": "plan"})
    assert bad.status_code == 400
    pd.post(
        f"/informatie/{item.pk}/voorstel/",
        {"propose-recipient_party": house["police"].pk, "propose-purpose": "conference"},
    )
    release = Release.objects.get()
    provider = login_client(daan)
    page = provider.get(f"/informatie/{item.pk}/")
    assert f'id="d{release.pk}"' in page.content.decode()
    missing = provider.post(
        f"/informatie/{item.pk}/delen/{release.pk}/besluit/", {f"d{release.pk}-decision": "approve"}
    )
    assert missing.status_code == 400
    provider.post(
        f"/informatie/{item.pk}/delen/{release.pk}/besluit/",
        {f"d{release.pk}-decision": "approve", f"d{release.pk}-reason": "Voor de tafel."},
    )
    assert Release.objects.get().state == ReleaseState.approved
    assert login_client(kees).get(f"/informatie/{item.pk}/").status_code == 200
    provider.post(
        f"/informatie/{item.pk}/delen/{release.pk}/intrekken/",
        {f"w{release.pk}-reason": "Niet meer nodig."},
    )
    assert login_client(kees).get(f"/informatie/{item.pk}/").status_code == 404


def test_a_release_of_another_item_is_404(login_client, item, add_item, daan, anouk, house) -> None:
    other = add_item(daan, title="Ander")
    release = propose(anouk, other, house["police"])
    response = login_client(daan).post(
        f"/informatie/{item.pk}/delen/{release.pk}/besluit/",
        {f"d{release.pk}-decision": "approve", f"d{release.pk}-reason": "x"},
    )
    assert response.status_code == 404


@pytest.mark.parametrize("who", ["kees", "anouk", "marloes", "daan"])
def test_only_the_privacy_officer_sees_the_log(who, login_client, request, case) -> None:
    user = request.getfixturevalue(who)
    client = login_client(user)
    for url in (
        "/informatie/toegangslog/",
        "/informatie/toegangslog/persoon/abc/",
        f"/informatie/toegangslog/gebruiker/?gebruiker={user.pk}",
    ):
        assert client.get(url).status_code == 404
    assert AuditEvent.objects.filter(action="denied", object_type="access_log").count() == 3


def test_the_officer_finds_a_person_and_sees_who_read(
    login_client, case, item, daan, kees, anouk, pieter, house
) -> None:
    approve(daan, propose(anouk, item, house["police"]))
    login_client(kees).get(f"/informatie/{item.pk}/")
    officer = login_client(pieter)
    found = officer.get("/informatie/toegangslog/", {"casus": case.number})
    pseudonym = subject_pseudonym(CaseSubject.objects.get(case=case).subject_id)
    assert pseudonym in found.content.decode() and "Jeroen de Vries" in found.content.decode()
    page = officer.get(f"/informatie/toegangslog/persoon/{pseudonym}/")
    body = page.content.decode()
    assert page.status_code == 200
    assert "Kees Hendriks" in body and "Politie Regionale Eenheid Oost-Nederland" in body
    assert "Art. 17.2 lezen voor de casustafel" in body
    mine = AuditEvent.objects.filter(user_id=pieter.pk, action="read")
    assert set(mine.values_list("object_type", flat=True)) == {"access_log", "access_log_subject"}
    by_user = officer.get("/informatie/toegangslog/gebruiker/", {"gebruiker": kees.pk})
    assert by_user.status_code == 200 and "information_item" in by_user.content.decode()
    empty = officer.get(
        f"/informatie/toegangslog/persoon/{pseudonym}/", {"van": "2001-01-01", "tot": "2001-01-02"}
    )
    assert "Kees Hendriks" not in empty.content.decode()


def test_the_log_pages_by_keyset(login_client, case, item, daan, pieter) -> None:
    client = login_client(daan)
    for _ in range(60):
        client.get(f"/informatie/{item.pk}/")
    officer = login_client(pieter)
    pseudonym = subject_pseudonym(CaseSubject.objects.get(case=case).subject_id)
    first = officer.get(f"/informatie/toegangslog/persoon/{pseudonym}/")
    assert 'rel="next"' in first.content.decode()
    older = first.context["next_query"]
    second = officer.get(f"/informatie/toegangslog/persoon/{pseudonym}/?{older}")
    assert second.status_code == 200 and second.context["rows"]
