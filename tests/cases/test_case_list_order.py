"""A search by last name pages newest change first for every view, whichever way the list
is ordered underneath (`list_selectors.list_order`, issue #9)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from schakel.accounts.selectors import actor_for
from schakel.cases import services
from schakel.cases.list_selectors import CaseFilters, case_list_for, list_order
from schakel.cases.models import Case
from tests.cases.conftest import CTX, refer

pytestmark = pytest.mark.django_db


def _all_pages(actor, filters: CaseFilters) -> list[int]:
    seen: list[int] = []
    cursor = None
    while True:
        page = case_list_for(actor=actor, ctx=CTX, filters=filters, cursor=cursor, limit=3)
        seen += [case.id for case in page.items]
        if page.next_cursor is None:
            return seen
        cursor = page.next_cursor


def test_a_name_search_pages_newest_first_in_every_view(kees, anouk, sanne, house) -> None:
    named = [refer(kees, house) for _ in range(7)]
    other = services.SubjectInput(
        first_name="Piet", last_name="Smit", date_of_birth=date(1990, 1, 2), bsn="", address=""
    )
    refer(kees, house, subjects=[other])
    now = timezone.now()
    # Spread the changes over time, with a tie that only the id breaks.
    moments = [now - timedelta(minutes=m) for m in (5, 1, 9, 1, 3, 7, 2)]
    for case, moment in zip(named, moments, strict=True):
        Case.objects.filter(pk=case.pk).update(updated_at=moment)
    changes = sorted(zip(moments, [c.pk for c in named], strict=True), reverse=True)
    expected = [pk for _, pk in changes]
    search = CaseFilters(last_name="DE VRIES")
    for user in (kees, anouk, sanne):  # a delegate, a process director, a house-wide role
        assert _all_pages(actor_for(user), search) == expected, user.username
    # The limited views sort what the name finds; the house-wide view and lists without a
    # name keep the keyset index's order.
    assert list_order(actor_for(kees), search)[0] != "-updated_at"
    assert list_order(actor_for(anouk), search)[0] != "-updated_at"
    assert list_order(actor_for(sanne), search) == ("-updated_at", "-id")
    assert list_order(actor_for(anouk), CaseFilters()) == ("-updated_at", "-id")
