"""The privacy officer's retention screens: the URL x role matrix, holds, schedule, receipts."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from schakel.accounts.models import User
from schakel.audit.models import AuditEvent
from schakel.cases.models import Case
from schakel.parties.models import Party
from schakel.retention import urls as retention_urls
from schakel.retention.models import DeletionReceipt, LegalHold, RetentionRuleSetting
from tests.cases.conftest import refer

pytestmark = pytest.mark.django_db

Login = Callable[[User], Client]
WHO = ("pieter", "femke", "anouk", "kees", "marloes")
# privacy officer, functional administrator, process director, police delegate, manager
TABLE: dict[str, tuple[int, ...]] = {
    "retention:overview": (200, 404, 404, 404, 404),
    "retention:receipts": (200, 404, 404, 404, 404),
    "retention:receipts_csv": (200, 404, 404, 404, 404),
    "retention:schedule": (200, 200, 404, 404, 404),
    "retention:rule_edit": (200, 200, 404, 404, 404),
    "retention:hold_place": (200, 404, 404, 404, 404),
    "retention:hold_lift": (200, 404, 404, 404, 404),
}


def _url(name: str, hold: LegalHold) -> str:
    if name == "retention:rule_edit":
        return reverse(name, args=["closed_content"])
    if name == "retention:hold_lift":
        return reverse(name, args=[hold.pk])
    return reverse(name)


@pytest.fixture
def a_hold(kees: User, house: dict[str, Party], pieter: User) -> LegalHold:
    case = refer(kees, house)
    return LegalHold.objects.create(
        case=case,
        reason="Klacht in behandeling.",
        until=timezone.localdate() + timedelta(days=30),
        placed_by=pieter,
        placed_at=timezone.now(),
    )


def test_every_retention_url_is_in_the_matrix() -> None:
    names = {f"retention:{p.name}" for p in retention_urls.urlpatterns}
    assert names == set(TABLE)


@pytest.mark.parametrize("name", sorted(TABLE))
def test_matrix(
    name: str,
    request: pytest.FixtureRequest,
    login_client: Login,
    a_hold: LegalHold,
    femke: User,
    marloes: User,
) -> None:
    for who, expected in zip(WHO, TABLE[name], strict=True):
        client = login_client(request.getfixturevalue(who))
        response = client.get(_url(name, a_hold))
        assert response.status_code == expected, (name, who, response.status_code)


def test_overview_shows_due_held_and_deleted(
    login_client: Login, pieter: User, a_hold: LegalHold, kees: User, house: dict[str, Party]
) -> None:
    closed = refer(kees, house)
    Case.objects.filter(pk=closed.pk).update(
        phase="closed", closed_at=timezone.now() - timedelta(days=170)
    )
    DeletionReceipt.objects.create(
        case_number="ZVH-2020-0001",
        rule_code="closed_identity",
        effect="delete_identity",
        legal_reference="Privacyprotocol art. 11",
        classes={"cases.Case": 1},
        row_count=1,
        deleted_at=timezone.now(),
        run_id="sweep-x",
    )
    before = AuditEvent.objects.count()
    page = login_client(pieter).get(reverse("retention:overview")).content.decode()
    assert closed.number in page and "Inhoud van de casus" in page
    assert a_hold.case.number in page and "Klacht in behandeling." in page
    assert "ZVH-2020-0001" in page
    assert "Bewaaroverzicht" in page  # Dutch on screen
    assert AuditEvent.objects.filter(pk__gt=before, object_type="legal_hold_list").count() == 1


def test_place_a_hold_shows_on_the_case_page_and_lift_it(
    login_client: Login, pieter: User, anouk: User, kees: User, house: dict[str, Party]
) -> None:
    case = refer(kees, house)
    client = login_client(pieter)
    until = timezone.localdate() + timedelta(days=20)
    response = client.post(
        reverse("retention:hold_place"),
        {"case_number": case.number.lower(), "reason": "Inzageverzoek loopt.", "until": until},
    )
    assert response.status_code == 302
    hold = LegalHold.objects.get(case=case)
    assert AuditEvent.objects.filter(object_type="legal_hold", object_id=str(hold.pk)).exists()
    case_page = login_client(anouk).get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert 'data-testid="legal-hold"' in case_page and "Inzageverzoek loopt." in case_page
    # A second hold on the same case is refused next to the field; nothing saved.
    again = client.post(
        reverse("retention:hold_place"),
        {"case_number": case.number, "reason": "Nog een.", "until": until},
    )
    assert again.status_code == 400 and "hef die eerst op" in again.content.decode()
    assert LegalHold.objects.count() == 1
    lift = reverse("retention:hold_lift", args=[hold.pk])
    assert client.post(lift, {"reason": ""}).status_code == 400
    assert client.post(lift, {"reason": "Verzoek afgehandeld."}).status_code == 302
    hold.refresh_from_db()
    assert hold.lifted_at is not None and hold.lifted_by == pieter
    case_page = login_client(anouk).get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert 'data-testid="legal-hold"' not in case_page
    assert client.get(lift).status_code == 404  # no longer active


def test_a_hold_past_its_date_no_longer_shows(
    login_client: Login, pieter: User, anouk: User, kees: User, house: dict[str, Party]
) -> None:
    case = refer(kees, house)
    today = timezone.localdate()
    hold = LegalHold.objects.create(
        case=case, reason="Klacht liep.", until=today, placed_by=pieter, placed_at=timezone.now()
    )
    page = reverse("cases:detail", args=[case.pk])
    assert 'data-testid="legal-hold"' in login_client(anouk).get(page).content.decode()
    LegalHold.objects.filter(pk=hold.pk).update(until=today - timedelta(days=1))
    assert 'data-testid="legal-hold"' not in login_client(anouk).get(page).content.decode()


@pytest.mark.parametrize(
    ("data", "field_error"),
    [
        ({"case_number": "ZVH-1999-9999", "reason": "x"}, "Er is geen casus met dit casusnummer."),
        ({"reason": ""}, "Dit veld is vereist."),
        ({"until_days": -1}, "De blokkade moet vandaag of later eindigen."),
    ],
)
def test_hold_errors_next_to_the_fields(
    login_client: Login,
    pieter: User,
    kees: User,
    house: dict[str, Party],
    data: dict[str, object],
    field_error: str,
) -> None:
    case = refer(kees, house)
    days = data.pop("until_days", 5)
    assert isinstance(days, int)
    form = {
        "case_number": case.number,
        "reason": "Klacht.",
        "until": timezone.localdate() + timedelta(days=days),
        **data,
    }
    response = login_client(pieter).post(reverse("retention:hold_place"), form)
    assert response.status_code == 400
    assert field_error in response.content.decode()
    assert not LegalHold.objects.exists()


def test_schedule_edit_is_audited_and_validated(login_client: Login, femke: User) -> None:
    client = login_client(femke)
    page = client.get(reverse("retention:schedule")).content.decode()
    assert "6 maanden" in page and "Privacyprotocol art. 11" in page
    url = reverse("retention:rule_edit", args=["closed_content"])
    good = {
        "months": 9,
        "days": 0,
        "legal_reference": "Privacyprotocol art. 11 lid 2",
        "description_nl": "Inhoud weg.",
    }
    assert client.post(url, good).status_code == 302
    row = RetentionRuleSetting.objects.get(code="closed_content")
    assert (row.months, row.changed_by) == (9, femke)
    assert AuditEvent.objects.filter(
        object_type="retention_rule", object_id="closed_content"
    ).exists()
    assert "9 maanden" in client.get(reverse("retention:schedule")).content.decode()
    # Content kept longer than identity: refused with the domain's reason, nothing saved.
    bad = {**good, "months": 30}
    response = client.post(url, bad)
    assert response.status_code == 400 and "eerder" in response.content.decode()
    assert RetentionRuleSetting.objects.get(code="closed_content").months == 9
    missing = {**good, "legal_reference": " "}
    response = client.post(url, missing)
    assert response.status_code == 400
    assert client.get(reverse("retention:rule_edit", args=["nope"])).status_code == 404


def test_receipts_csv_escapes_and_is_audited(login_client: Login, pieter: User) -> None:
    DeletionReceipt.objects.create(
        case_number="ZVH-2020-0002",
        rule_code="closed_content",
        effect="delete_content",
        legal_reference="=HYPERLINK(1)",
        classes={"sharing.InformationItem": 2},
        row_count=2,
        deleted_at=timezone.now(),
        run_id="sweep-y",
    )
    response = login_client(pieter).get(reverse("retention:receipts_csv"))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "casusnummer"
    assert rows[1][0] == "ZVH-2020-0002" and rows[1][3] == "'=HYPERLINK(1)"
    assert AuditEvent.objects.filter(object_type="deletion_receipts", action="export").exists()
    listing = login_client(pieter).get(reverse("retention:receipts")).content.decode()
    assert "ZVH-2020-0002" in listing


def test_navigation_entry_only_for_the_privacy_officer_and_administrator(
    login_client: Login, pieter: User, femke: User, anouk: User
) -> None:
    home = reverse("web:home")
    assert reverse("retention:overview") in login_client(pieter).get(home).content.decode()
    assert reverse("retention:schedule") in login_client(femke).get(home).content.decode()
    assert "/privacy/bewaartermijnen/" not in login_client(anouk).get(home).content.decode()
