"""Withdrawal of a whole item by its provider (issue #4, Art. 17.2): it vanishes at once for
everyone but the provider, on the screen and in the API."""

from __future__ import annotations

import pytest

from schakel.accounts.selectors import actor_for
from schakel.audit.models import AuditEvent
from schakel.cases.errors import CaseForbidden, CaseNotFound, InvalidInput
from schakel.sharing import services
from schakel.sharing.models import Release, ReleaseState
from schakel.sharing.selectors import item_get_for
from tests.sharing.conftest import CTX, approve, fresh_user, propose

pytestmark = pytest.mark.django_db


def _reads(user, item) -> bool:  # type: ignore[no-untyped-def]
    return item_get_for(actor=actor_for(fresh_user(user)), ctx=CTX, item_id=item.pk) is not None


def test_provider_withdraws_and_everyone_else_loses_it(item, daan, kees, anouk, house) -> None:
    approve(daan, propose(anouk, item, house["police"]))
    pending = propose(anouk, item, house["police"], purpose="plan")
    assert _reads(kees, item) and _reads(anouk, item)
    with pytest.raises(InvalidInput) as refused:
        services.item_withdraw(actor=actor_for(daan), ctx=CTX, item_id=item.pk, reason=" ")
    assert set(refused.value.errors) == {"reason"}
    services.item_withdraw(
        actor=actor_for(daan), ctx=CTX, item_id=item.pk, reason="Onjuist; wordt herzien."
    )
    item.refresh_from_db()
    assert item.withdrawn_at is not None and item.withdrawn_by == daan
    assert item.withdrawal_reason == "Onjuist; wordt herzien."
    assert not _reads(kees, item) and not _reads(anouk, item)
    assert _reads(daan, item)
    assert set(Release.objects.values_list("state", flat=True)) == {ReleaseState.withdrawn}
    pending.refresh_from_db()
    assert pending.state == ReleaseState.withdrawn
    assert AuditEvent.objects.filter(
        action="update", object_type="information_item", purpose="Art. 17.2 intrekking inbreng"
    ).exists()
    # Once withdrawn, nothing more happens to it.
    with pytest.raises(CaseForbidden):
        services.item_withdraw(actor=actor_for(daan), ctx=CTX, item_id=item.pk, reason="Nog eens.")


def test_only_the_provider_withdraws(item, daan, kees, anouk, house) -> None:
    approve(daan, propose(anouk, item, house["police"]))
    with pytest.raises(CaseForbidden):  # sees it, may not withdraw it
        services.item_withdraw(actor=actor_for(kees), ctx=CTX, item_id=item.pk, reason="Weg.")
    with pytest.raises(CaseForbidden):
        services.item_withdraw(actor=actor_for(anouk), ctx=CTX, item_id=item.pk, reason="Weg.")
    item.refresh_from_db()
    assert item.withdrawn_at is None


def test_uninvolved_gets_not_found(item, rik) -> None:
    with pytest.raises(CaseNotFound):
        services.item_withdraw(actor=actor_for(rik), ctx=CTX, item_id=item.pk, reason="Weg.")


def test_withdraw_on_the_screen(login_client, item, daan, kees, anouk, house) -> None:
    approve(daan, propose(anouk, item, house["police"]))
    provider = login_client(daan)
    page = provider.get(f"/informatie/{item.pk}/").content.decode()
    assert f"/informatie/{item.pk}/intrekken/" in page
    assert (
        f"/informatie/{item.pk}/intrekken/"
        not in login_client(kees).get(f"/informatie/{item.pk}/").content.decode()
    )
    bad = provider.post(f"/informatie/{item.pk}/intrekken/", {"withdraw_item-reason": ""})
    assert bad.status_code == 400 and "utrecht-form-field--invalid" in bad.content.decode()
    ok = provider.post(f"/informatie/{item.pk}/intrekken/", {"withdraw_item-reason": "Verouderd."})
    assert ok.status_code == 302
    assert 'data-testid="withdrawn"' in provider.get(f"/informatie/{item.pk}/").content.decode()
    assert login_client(kees).get(f"/informatie/{item.pk}/").status_code == 404
    assert (
        login_client(kees)
        .post(f"/informatie/{item.pk}/intrekken/", {"withdraw_item-reason": "x"})
        .status_code
        == 404
    )


def test_withdraw_over_the_api(item, daan, kees, anouk, house, no_2fa) -> None:
    from django.test import Client

    approve(daan, propose(anouk, item, house["police"]))
    police = Client()
    police.force_login(kees)
    refused = police.post(
        f"/api/v1/information/{item.pk}/withdrawal",
        {"reason": "x"},
        content_type="application/json",
    )
    assert refused.status_code == 403
    provider = Client()
    provider.force_login(daan)
    bad = provider.post(
        f"/api/v1/information/{item.pk}/withdrawal", {"reason": ""}, content_type="application/json"
    )
    assert bad.status_code == 400
    ok = provider.post(
        f"/api/v1/information/{item.pk}/withdrawal",
        {"reason": "Onjuist."},
        content_type="application/json",
    )
    assert ok.status_code == 201 and ok.json()["withdrawn"] is True
    assert police.get(f"/api/v1/information/{item.pk}").status_code == 404
