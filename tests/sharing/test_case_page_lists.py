"""What the case page lists of the sharing app costs: titles without decrypting the content,
and the invitable parties read once (issue #9)."""

from __future__ import annotations

import pytest

from schakel.accounts.selectors import actor_for
from schakel.core.forms import share_choices
from schakel.sharing import forms as f
from schakel.sharing.parties import invitable_parties
from schakel.sharing.selectors import case_items_for

pytestmark = pytest.mark.django_db


def test_the_item_list_leaves_the_content_encrypted_in_the_database(case, item, daan) -> None:
    rows = case_items_for(actor=actor_for(daan), case=case).rows
    assert [r.item.pk for r in rows] == [item.pk]
    # A list of titles never loads, let alone decrypts, what it does not show.
    assert "content" in rows[0].item.get_deferred_fields()
    assert rows[0].item.title == item.title


def test_a_shared_choice_list_is_read_once_and_renders_without_another_query(
    case, django_assert_num_queries
) -> None:
    form = f.InviteForm(prefix="invite", parties=invitable_parties(case=case))
    with django_assert_num_queries(1):  # a plain query, no server-side cursor, no count
        share_choices([form])
    with django_assert_num_queries(0):
        html = str(form["party"])
    assert html.count("<option") == len(form.fields["party"].choices)
    assert html.count("<option") > 1
