"""What the case page lists of the sharing app costs: titles without decrypting the content,
and the invitable parties read once; what the item page asks (issue #9)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from schakel.accounts.selectors import actor_for
from schakel.core.forms import share_choices
from schakel.sharing import forms as f
from schakel.sharing.parties import invitable_parties
from schakel.sharing.selectors import case_items_for
from tests.sharing.conftest import approve, propose

pytestmark = pytest.mark.django_db

# 14 on SQLite, 11 on PostgreSQL (the audit append in one round trip, the actor read with the
# user; the item and its case as two hand-written statements, one more round trip for ~10 %
# fewer Python calls: sharing/item_rows.py). No spare: one more query fails this test.
ITEM_PAGE_QUERIES = 14


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


def test_requests_to_share_are_counted_for_the_provider_only(
    login_client, case, item, daan, kees, anouk, house
) -> None:
    propose(anouk, item, house["police"])
    propose(anouk, item, house["zwolle"])
    rows = case_items_for(actor=actor_for(daan), case=case).rows
    assert [len(r.pending) for r in rows] == [2] and rows[0].own
    # The process director sees the item, not the requests waiting for its provider.
    rows = case_items_for(actor=actor_for(anouk), case=case).rows
    assert [len(r.pending) for r in rows] == [0] and not rows[0].own
    assert "2 verzoeken tot delen wachten op uw besluit" in (
        login_client(daan).get(f"/casussen/{case.pk}/").content.decode()
    )
    assert "op uw besluit" not in login_client(anouk).get(f"/casussen/{case.pk}/").content.decode()


def _release_purpose_queries(client, item) -> tuple[int, list[str]]:
    with CaptureQueriesContext(connection) as seen:
        assert client.get(f"/informatie/{item.pk}/").status_code == 200
    sql = [q["sql"] for q in seen.captured_queries]
    # The releases to the reader's party (`_approved_to`), whatever columns they select.
    to_party = '"sharing_release"."recipient_party_id" = '
    asked = [s for s in sql if 'FROM "sharing_release"' in s and to_party in s.split(" WHERE ")[-1]]
    return len(sql), asked


def test_the_item_page_asks_for_releases_only_where_they_decide(
    login_client, case, item, daan, kees, anouk, house
) -> None:
    """The provider and the directing process director read without a release, so the page
    does not ask for one (issue #9); the police reads by its release, so it is asked."""
    provider = login_client(daan)
    provider.get("/")  # the session and the actor warm, as on every later page
    count, asked = _release_purpose_queries(provider, item)
    assert asked == [] and count <= ITEM_PAGE_QUERIES
    assert _release_purpose_queries(login_client(anouk), item)[1] == []
    approve(daan, propose(anouk, item, house["police"]))
    count, asked = _release_purpose_queries(login_client(kees), item)
    assert len(asked) == 1 and count <= ITEM_PAGE_QUERIES


def test_an_items_releases_come_with_their_party_and_people(
    case, item, daan, anouk, house, django_assert_num_queries
) -> None:
    """`item_releases` reads the releases compiled once and their party and people by id
    (issue #9), and gives what the joined query gave."""
    from schakel.sharing.models import Release
    from schakel.sharing.selectors import item_releases

    assert item_releases(item=item) == []
    approve(daan, propose(anouk, item, house["police"]))
    propose(anouk, item, house["zwolle"])
    joined = list(
        Release.objects.filter(item=item).select_related(
            "recipient_party", "proposed_by", "decided_by", "withdrawn_by"
        )
    )
    with django_assert_num_queries(3):  # the releases, their parties, their people
        got = item_releases(item=item)
    with django_assert_num_queries(0):
        seen = [
            (r.pk, r.state, r.recipient_party.name, r.proposed_by.get_full_name(),
             r.decided_by.get_full_name() if r.decided_by else None, r.withdrawn_by)
            for r in got
        ]  # fmt: skip
    assert seen == [
        (r.pk, r.state, r.recipient_party.name, r.proposed_by.get_full_name(),
         r.decided_by.get_full_name() if r.decided_by else None, r.withdrawn_by)
        for r in joined
    ]  # fmt: skip
    assert [s[4] for s in seen] == [daan.get_full_name(), None]
