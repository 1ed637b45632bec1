"""A search by last name pages newest case first for every view, whichever way the list is
ordered underneath (`list_selectors.list_order`, issue #9); a list without a name, newest
change first."""

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


def test_a_name_search_pages_newest_case_first_in_every_view(kees, anouk, sanne, house) -> None:
    named = [refer(kees, house) for _ in range(7)]
    other = services.SubjectInput(
        first_name="Piet", last_name="Smit", date_of_birth=date(1990, 1, 2), bsn="", address=""
    )
    refer(kees, house, subjects=[other])
    now = timezone.now()
    # Changes spread over time in another order than the cases' own, with a tie.
    moments = [now - timedelta(minutes=m) for m in (5, 1, 9, 1, 3, 7, 2)]
    for case, moment in zip(named, moments, strict=True):
        Case.objects.filter(pk=case.pk).update(updated_at=moment)
    newest_case_first = sorted((c.pk for c in named), reverse=True)
    search = CaseFilters(last_name="DE VRIES")
    for user in (kees, anouk, sanne):  # a delegate, a process director, a house-wide role
        assert _all_pages(actor_for(user), search) == newest_case_first, user.username
    # Without a name: newest change first, the id breaking the tie.
    changes = sorted(zip(moments, [c.pk for c in named], strict=True), reverse=True)
    by_change = [pk for _, pk in changes]
    assert [pk for pk in _all_pages(actor_for(kees), CaseFilters()) if pk in by_change] == (
        by_change
    )
    # The director's view sorts what the name finds; the delegate's walks the name's search
    # keys and the house-wide view the primary key; lists without a name keep the keyset
    # index's order.
    assert list_order(actor_for(anouk), search)[0] not in ("-id", "-updated_at")
    assert list_order(actor_for(kees), search) == ("-id",)
    assert list_order(actor_for(sanne), search) == ("-id",)
    assert list_order(actor_for(anouk), CaseFilters()) == ("-updated_at", "-id")


def test_a_case_changed_while_paging_a_name_search_keeps_its_place(kees, house) -> None:
    """Search results keep their order: a case changed between two pages is neither shown
    twice nor skipped (it would jump to the first page in an order by last change)."""
    named = [refer(kees, house) for _ in range(6)]
    actor = actor_for(kees)
    search = CaseFilters(last_name="de vries")
    first = case_list_for(actor=actor, ctx=CTX, filters=search, limit=3)
    shown_first = [case.id for case in first.items]
    # The case at the bottom of the next page is changed now, between the two pages.
    Case.objects.filter(pk=min(c.pk for c in named)).update(updated_at=timezone.now())
    second = case_list_for(actor=actor, ctx=CTX, filters=search, cursor=first.next_cursor)
    assert shown_first + [case.id for case in second.items] == sorted(
        (c.pk for c in named), reverse=True
    )
